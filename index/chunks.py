"""Chunks from parsed sentences: inside one paragraph, one speaker, split only at sentence ends."""
from __future__ import annotations

import hashlib

from .models import Chunk, Document, SourceKind

MAX_CHARS = 320


def _runs(sentences):
    run = []
    for s in sentences:
        if run and s.speaker != run[0].speaker:
            yield run
            run = []
        run.append(s)
    if run:
        yield run


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
                    speaker = piece[0].speaker
                    kind = piece[0].kind.value if speaker is None else SourceKind.STATEMENT.value
                    digest = hashlib.sha1(f"{doc.doc_id}|{start}|{text}".encode("utf-8")).hexdigest()[:16]
                    out.append(Chunk(
                        chunk_id=digest, doc_id=doc.doc_id, doc_title=doc.meta.title,
                        section=section.title, paragraph=para.index, start=start, end=end, text=text,
                        speaker=speaker.name if speaker else "", speaker_title=speaker.title if speaker else "",
                        source_kind=kind, published=doc.meta.published, clause=para.clause,
                    ))
    return out
