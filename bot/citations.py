"""Build citations from chunks, statements and document metadata."""
from __future__ import annotations

from index.models import Chunk, Document

from bot.models import Citation

METADATA_KIND = "metadata"


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


def unique(citations: list[Citation], limit: int = 5) -> list[Citation]:
    """Drop repeated passages, keep order, cap the count."""
    seen, out = set(), []
    for c in citations:
        key = (c.doc_id, c.start, c.end, c.passage)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out[:limit]
