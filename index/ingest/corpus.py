"""Read a corpus folder into parsed documents and a speaker registry."""
from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from index.ingest.article import fill_gaps, split_article
from index.ingest.dialogue import ISSUER_LINE, document_field, FIELD_LINE_MAX, is_field_line
from index.errors import IngestError
from index.ingest.loader import RawText, corpus_files, read_file
from index.ingest.names import vouched_names, vouching
from index.models import Document, Person
from index.ingest.registry import build_registry
from index.ingest.speakers import attribute
from index.ingest.structure import build_sections, looks_like_decision


_POLICY_TITLE = re.compile(r"(决定|意见|方案|办法|规定|条例|通知|规划|纲要|措施|细则|公告|通告|决议|公报)$|关于.+的")


@dataclass
class Corpus:
    """Every readable document of a folder, the registry, and the files that could not be read."""

    documents: list[Document]
    people: list[Person]
    errors: list[str] = field(default_factory=list)

    def document(self, doc_id: str) -> Document | None:
        """The document with this id (its file name), if any."""
        return next((d for d in self.documents if d.doc_id == doc_id), None)


# "OUTLET_YYYY-MM-DD_TITLE": how documents are filed.
_FILE_TITLE = re.compile(r"^[^_]{2,30}_\d{4}-\d{1,2}-\d{1,2}_(.+)$")
# A letter's salutation on a line of its own ("尊敬的某某代表：", "某某委员：").
# A short line of one credit: a key of 2-4 characters, its value no sentence, the whole in brackets or not.
_CREDIT_LINE = re.compile(r"^[（(【\[]?\s*([\u4e00-\u9fff]{2,4}\s*[：:]\s*[^。！？!?；;：:“”（）()]{2,30}?)\s*[)）】\]]?$")
_SALUTATION = re.compile(r"^(?:尊敬的)?([\u4e00-\u9fff]{2,16}?(?:代表|委员|同志|先生|女士|网友|市民|同学|老师))\s*[：:]$")


def parse_document(path: Path, doc_id: str, max_bytes: int) -> Document:
    """Parse one file: metadata, sections, paragraphs, sentences, speakers."""
    raw, lines = read_file(path, max_bytes)
    with vouching(vouched_names("\n".join(lines))):
        return _parse(path, doc_id, raw, lines)


def _parse(path: Path, doc_id: str, raw: RawText, lines: list[str]) -> Document:
    """The document from its decoded lines (inside vouching: the names the document vouches for are names)."""
    parts = split_article(lines, raw.title_hint)
    if not parts.lines:
        raise IngestError(f"{path.name}: no text after removing the page's header and footer")
    meta = parts.meta
    news_page = bool(meta.outlet or meta.reporters or meta.editor)
    fill_gaps(meta, path.stem, parts.lines)
    policy_title = bool(_POLICY_TITLE.search(meta.title or path.stem))
    # A news article may number its parts too; only a policy title makes such a page a decision.
    numbered = looks_like_decision(parts.lines)
    decision = numbered and (policy_title or not news_page)
    body, sections = build_sections(parts.lines, decision, numbered)
    if not parts.meta.title:
        # No title above the info line: the first heading under it, else the file name's title part.
        heading = sections[0].title if sections and len(sections[0].title) >= 6 else ""
        named = _FILE_TITLE.match(path.stem)
        parts.meta.title = heading or (named.group(1) if named else "") or path.stem
    doc = Document(doc_id=doc_id, path=str(path), body=body, meta=parts.meta, sections=sections,
                   is_decision=decision, sha256=raw.sha256)
    salutation = next((m for p in doc.paragraphs()[:4] if (m := _SALUTATION.match(p.text.strip()))), None)
    parts.meta.addressee = salutation.group(1) if salutation else ""
    # A numbered clause's lines ("责任单位：…") are what the clause says, not facts of the document.
    # Who made it and whom to call ("联系人：…", "解读人：…") are the document's, under whichever clause they stand.
    paragraphs = doc.paragraphs()
    parts.meta.fields = [p.text.strip() for p in paragraphs if (not p.clause or document_field(p.text))
                         and len(p.text.strip()) <= FIELD_LINE_MAX
                         and (is_field_line(p.text.strip()) or ISSUER_LINE.match(p.text))]
    # The credits a text closes (or opens) with, one "key：value" each and often in brackets ("（执笔：某院某部　邓某明）",
    # "撰稿：易某华"): who made it, whatever the key's word.
    ends = paragraphs[:3] + paragraphs[-6:] if len(paragraphs) > 9 else paragraphs
    parts.meta.fields += [m.group(1) for p in ends if (m := _CREDIT_LINE.match(p.text.strip()))
                          and m.group(1) not in parts.meta.fields]
    attribute(doc)
    return doc


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr)


def load_corpus(folder: Path, max_mb: float = 20.0, warn: Callable[[str], None] = _stderr) -> Corpus:
    """Parse every document of the folder; unreadable files are reported and skipped."""
    docs, errors = [], []
    seen: dict[str, str] = {}  # sha256 → doc_id: a byte-identical copy would count every statement twice
    for path in corpus_files(folder):
        doc_id = path.relative_to(folder).as_posix()
        try:
            doc = parse_document(path, doc_id, int(max_mb * 1_000_000))
            if doc.sha256 in seen:
                raise IngestError(f"{doc_id}: same content as {seen[doc.sha256]}")
        except IngestError as exc:
            errors.append(str(exc))
            warn(f"skipped: {exc}")
            continue
        seen[doc.sha256] = doc_id
        docs.append(doc)
    if not docs:
        raise IngestError(f"corpus folder {folder} has no readable document: " + "; ".join(errors))
    return Corpus(documents=docs, people=build_registry(docs), errors=errors)
