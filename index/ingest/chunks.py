"""Chunks from parsed sentences: inside one paragraph, one speaker, split only at sentence ends."""
from __future__ import annotations

import hashlib
import re

from index.models import Chunk, Document, SourceKind

MAX_CHARS = 320
LEAD_IN = 40  # a narration run this short (a rhetorical question) belongs with what follows it
LIST_ITEM_MAX = 60  # a line this short after a line ending in "：" is an item of the list it announces
# A numbered item ("1.", "（二）", "③") is a passage of its own, cited by its number.
_NUMBERED_ITEM = re.compile(r"\s*(?:\d{1,2}\s*[.．、)）]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|[①-⑳])")


def _runs(sentences):
    """Runs of one speaker; a short narrated lead-in joins the statement it introduces. With nobody speaking, a
    run is also of one kind: a host's "谢谢吴书记的解答。" and the question after it ("陆局长，…有哪些打算？")
    are narration and a question, each a passage of its own."""
    runs: list[list] = []
    for s in sentences:
        if runs and s.speaker == runs[-1][-1].speaker and (s.speaker is not None or s.kind == runs[-1][-1].kind):
            runs[-1].append(s)
        elif (runs and runs[-1][0].speaker is None and s.speaker is not None
              and sum(len(x.text) for x in runs[-1]) <= LEAD_IN):
            runs[-1].append(s)
        else:
            runs.append([s])
    return runs


def _speaker(piece):
    return next((s.speaker for s in piece if s.speaker is not None), None)


def _pieces(run, max_chars):
    """Split a long run of sentences into pieces of at most max_chars (a sentence is never cut)."""
    piece, size = [], 0
    for s in run:
        if piece and size + len(s.text) > max_chars:
            yield piece
            piece, size = [], 0
        piece.append(s)
        size += len(s.text)
    if piece:
        yield piece


def _narrated(para) -> bool:
    return bool(para.sentences) and all(s.speaker is None and s.kind == SourceKind.NARRATION for s in para.sentences)


def _list_block(paragraphs, i: int, max_chars: int) -> int:
    """How many paragraphs from i form one list: a narrated line that announces it ("需要准备的材料：") and at least
    two short narrated items after it, none numbered apart from the line (a numbered clause is a passage of its
    own). 1 when paragraph i opens no such list."""
    lead = paragraphs[i]
    if lead.listed:
        # A list the parser found under a heading (a roll of names, one a line): its lines make passages of up to
        # max_chars, not one each (thirty one-line passages under one heading would crowd every search for it).
        n, size = 0, 0
        for para in paragraphs[i:]:
            if not para.listed or not _narrated(para) or (n and size + len(para.text) > max_chars):
                break
            n, size = n + 1, size + len(para.text)
        return max(n, 1)
    if not _narrated(lead) or not lead.text.rstrip().endswith(("：", ":")) or len(lead.text) > LIST_ITEM_MAX:
        return 1
    n, size = 1, len(lead.text)
    for para in paragraphs[i + 1:]:
        if not _narrated(para) or len(para.text) > LIST_ITEM_MAX or para.clause != lead.clause \
                or _NUMBERED_ITEM.match(para.text) \
                or para.text.rstrip().endswith(("：", ":")) or size + len(para.text) > max_chars:
            break
        n, size = n + 1, size + len(para.text)
    return n if n >= 3 else 1


def chunk_document(doc: Document, max_chars: int = MAX_CHARS) -> list[Chunk]:
    """All chunks of a document in reading order; ids depend on content so edits change them. A short list with
    the line announcing it ("需要准备的材料：" then one item a line) is one passage: an item alone ("户口簿；") says
    nothing of what it is an item of."""
    out: list[Chunk] = []

    def emit(section, para, start: int, end: int, speaker, kind: str) -> None:
        text = doc.body[start:end]
        digest = hashlib.sha1(f"{doc.doc_id}|{start}|{text}".encode("utf-8")).hexdigest()[:16]
        out.append(Chunk(
            chunk_id=digest, doc_id=doc.doc_id, doc_title=doc.meta.title,
            section=section.title, paragraph=para.index, start=start, end=end, text=text,
            speaker=speaker.name if speaker else "", speaker_title=speaker.title if speaker else "",
            source_kind=kind, published=doc.meta.published, clause=para.clause,
        ))

    for section in doc.sections:
        paras, i = section.paragraphs, 0
        while i < len(paras):
            n = _list_block(paras, i, max_chars)
            if n > 1:
                emit(section, paras[i], paras[i].sentences[0].start, paras[i + n - 1].sentences[-1].end, None,
                     SourceKind.NARRATION.value)
                i += n
                continue
            para = paras[i]
            for run in _runs(para.sentences):
                for piece in _pieces(run, max_chars):
                    speaker = _speaker(piece)
                    kind = piece[0].kind.value if speaker is None else SourceKind.STATEMENT.value
                    emit(section, para, piece[0].start, piece[-1].end, speaker, kind)
            i += 1
    return out
