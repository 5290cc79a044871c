"""The one citation vocabulary: the Citation type, what each kind of source is called, and who() — the
"who said it" label every front end and prompt uses."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Protocol

from index.models import Chunk, Document, SourceKind

from bot.pipeline.genres import issued_title

METADATA_KIND = "metadata"
# What a reader calls each kind of source; a named speaker is shown by title and name instead.
SOURCE_LABELS = {SourceKind.DECISION.value: "决定原文", SourceKind.NARRATION.value: "记者报道",
                 METADATA_KIND: "报道信息"}
# The narration of a document that is not a news report, and any other unnamed source.
DOCUMENT_LABEL = "文件原文"


@dataclass(frozen=True)
class Citation:
    """A cited passage: exact text, its speaker (empty for narration) and where it stands."""

    passage: str
    speaker: str
    speaker_title: str
    section: str
    doc_title: str
    doc_id: str
    source_kind: str
    paragraph: int
    start: int
    end: int

    def to_json(self) -> dict:
        """The CLI/HTTP citation object."""
        return asdict(self)


class Sourced(Protocol):
    """Anything that knows whose words it holds: a Citation or an index Chunk."""

    speaker: str
    speaker_title: str
    source_kind: str


def who(source: Sourced, sep: str = " ", reported: bool = True) -> str:
    """Who the words are from: the speaker's title and name (joined by `sep`), or the kind of source in
    plain words (a decision chunk adds its clause number); `reported=False` for narration of a document that
    is not a news report."""
    if source.speaker:
        return f"{source.speaker_title}{sep}{source.speaker}".strip()
    if source.speaker_title and source.source_kind == SourceKind.STATEMENT.value:
        return source.speaker_title  # an unnamed speaker: a body that replied ("市甲局"), "该局负责人"
    if source.source_kind == SourceKind.DECISION.value:
        clause = getattr(source, "clause", "")  # chunks know their clause; citations do not
        # A numbered text that calls itself another kind ("…的答复", "…实施方案", "政府工作报告") is no decision.
        title = source.doc_title or ""
        label = DOCUMENT_LABEL if issued_title(title) and "决定" not in title else SOURCE_LABELS[source.source_kind]
        return f"{label}{sep}{clause}" if clause else label
    if source.source_kind == SourceKind.NARRATION.value and not reported:
        return DOCUMENT_LABEL
    return SOURCE_LABELS.get(source.source_kind, DOCUMENT_LABEL)


def attribution(source: Sourced, reported: bool = True) -> str:
    """The closing "——who" line of an answer."""
    return f"——{who(source, reported=reported)}"


def from_chunk(chunk: Chunk) -> Citation:
    """Cite a retrieved chunk exactly as stored."""
    return Citation(
        passage=chunk.text, speaker=chunk.speaker, speaker_title=chunk.speaker_title, section=chunk.section,
        doc_title=chunk.doc_title, doc_id=chunk.doc_id, source_kind=chunk.source_kind,
        paragraph=chunk.paragraph, start=chunk.start, end=chunk.end,
    )


def from_metadata(doc: Document, text: str) -> Citation:
    """Cite a fact of the page itself (outlet, time, byline), which lies outside the body."""
    return Citation(passage=text, speaker="", speaker_title="", section="", doc_title=doc.meta.title,
                    doc_id=doc.doc_id, source_kind=METADATA_KIND, paragraph=0, start=0, end=0)


def from_line(doc: Document, start: int, end: int) -> Citation:
    """Cite a line of the body that no passage holds (a turn label: "主持人（POST NAME）："), as it stands."""
    kind = "decision" if doc.is_decision else "narration"
    return Citation(passage=doc.body[start:end], speaker="", speaker_title="", section="", doc_title=doc.meta.title,
                    doc_id=doc.doc_id, source_kind=kind, paragraph=0, start=start, end=end)


def from_heading(doc: Document, section) -> Citation:
    """Cite a section's heading line ("三、甲乙丙"), as it stands in the body."""
    start = section.start if doc.body[section.start:section.start + len(section.title)] == section.title \
        else max(doc.body.find(section.title), 0)
    kind = "decision" if doc.is_decision else "narration"
    return Citation(passage=section.title, speaker="", speaker_title="", section=section.title, doc_title=doc.meta.title,
                    doc_id=doc.doc_id, source_kind=kind, paragraph=0, start=start, end=start + len(section.title))


def unique(citations: list[Citation], limit: int = 5) -> list[Citation]:
    """Drop repeated passages, keep order, cap the count."""
    seen, out = set(), []
    for c in citations:
        key = (c.doc_id, c.start, c.end, c.passage)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out[:limit]
