"""Chunks from parsed sentences: inside one paragraph, one speaker, split only at sentence ends."""
from __future__ import annotations

import hashlib

from index.models import Chunk, Document, SourceKind

MAX_CHARS = 320
LEAD_IN = 40  # a narration run this short (a rhetorical question) belongs with what follows it


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


def chunk_document(doc: Document, max_chars: int = MAX_CHARS) -> list[Chunk]:
    """All chunks of a document in reading order; ids depend on content so edits change them."""
    out: list[Chunk] = []
    for section in doc.sections:
        for para in section.paragraphs:
            for run in _runs(para.sentences):
                for piece in _pieces(run, max_chars):
                    start, end = piece[0].start, piece[-1].end
                    text = doc.body[start:end]
                    speaker = _speaker(piece)
                    kind = piece[0].kind.value if speaker is None else SourceKind.STATEMENT.value
                    digest = hashlib.sha1(f"{doc.doc_id}|{start}|{text}".encode("utf-8")).hexdigest()[:16]
                    out.append(Chunk(
                        chunk_id=digest, doc_id=doc.doc_id, doc_title=doc.meta.title,
                        section=section.title, paragraph=para.index, start=start, end=end, text=text,
                        speaker=speaker.name if speaker else "", speaker_title=speaker.title if speaker else "",
                        source_kind=kind, published=doc.meta.published, clause=para.clause,
                    ))
    return out
