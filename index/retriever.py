"""Hybrid retrieval: BM25 and dense results fused by reciprocal rank, exposed as a LangChain retriever."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .keyword import KeywordIndex
from .models import Chunk

RRF_K = 60


class DenseSearch(Protocol):
    """Anything that ranks chunks by embedding similarity (the Chroma store, or a fake)."""

    def similarity(self, query: str, k: int, where: dict | None = None) -> list[tuple[Chunk, float]]:
        """The k nearest chunks with their similarity, best first."""
        ...


@dataclass
class Hit:
    """A retrieved chunk with its fused score and the ranks it got from each retriever."""

    chunk: Chunk
    score: float
    keyword_rank: int | None = None
    dense_rank: int | None = None
    keyword_score: float = 0.0
    dense_score: float = 0.0


def fuse(keyword: list[tuple[Chunk, float]], dense: list[tuple[Chunk, float]], k: int,
         keyword_weight: float = 1.0, dense_weight: float = 1.0) -> list[Hit]:
    """Reciprocal-rank fusion of two ranked lists."""
    hits: dict[str, Hit] = {}
    for rank, (chunk, score) in enumerate(keyword):
        h = hits.setdefault(chunk.chunk_id, Hit(chunk, 0.0))
        h.score += keyword_weight / (RRF_K + rank + 1)
        h.keyword_rank, h.keyword_score = rank + 1, score
    for rank, (chunk, score) in enumerate(dense):
        h = hits.setdefault(chunk.chunk_id, Hit(chunk, 0.0))
        h.score += dense_weight / (RRF_K + rank + 1)
        h.dense_rank, h.dense_score = rank + 1, score
    return sorted(hits.values(), key=lambda h: -h.score)[:k]


class HybridSearcher:
    """Keyword + dense search over the same chunks, with metadata filters."""

    def __init__(self, keyword: KeywordIndex, dense: DenseSearch | None, depth: int = 20):
        self.keyword = keyword
        self.dense = dense
        self.depth = depth

    def search(self, query: str, k: int = 5, filters: dict[str, str] | None = None,
               mode: str = "hybrid") -> list[Hit]:
        """Ranked hits; mode is "hybrid", "keyword" or "dense"."""
        kw = self.keyword.search(query, self.depth, filters) if mode in ("hybrid", "keyword") else []
        dn = []
        if mode in ("hybrid", "dense") and self.dense is not None:
            dn = self.dense.similarity(query, self.depth, where=filters or None)
        return fuse(kw, dn, k)


def to_lc_document(hit: Hit) -> LCDocument:
    """A LangChain Document carrying the chunk's metadata and its scores."""
    meta: dict[str, Any] = hit.chunk.metadata()
    meta.update(score=hit.score, keyword_rank=hit.keyword_rank, dense_rank=hit.dense_rank)
    return LCDocument(page_content=hit.chunk.text, metadata=meta, id=hit.chunk.chunk_id)


class HybridRetriever(BaseRetriever):
    """LangChain retriever over HybridSearcher; `filters` narrows by speaker/section/doc_id."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    searcher: Any
    k: int = 5
    filters: dict[str, str] | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        return [to_lc_document(h) for h in self.searcher.search(query, self.k, self.filters)]
