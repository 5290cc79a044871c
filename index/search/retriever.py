"""Hybrid retrieval: BM25 and dense results fused by reciprocal rank."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from index.search.keyword import KeywordIndex
from index.models import Chunk

RRF_K = 60
# Keyword search finds Chinese names, numbers and exact terms that a small dense model blurs;
# dense search rescues paraphrases and other languages. Measured on the dev set (bench/retrieval.py).
KEYWORD_WEIGHT = 0.7
# A reporter's question shares the words of its answer but answers nothing: it ranks below the answer.
QUESTION_WEIGHT = 0.5


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


def _normalised(scores: list[float]) -> list[float]:
    """Min-max scaling within one result list, so the two retrievers' scores can be added."""
    if not scores:
        return []
    hi, lo = max(scores), min(scores)
    return [1.0 if hi == lo else (s - lo) / (hi - lo) for s in scores]


def fuse(keyword: list[tuple[Chunk, float]], dense: list[tuple[Chunk, float]], k: int,
         keyword_weight: float = KEYWORD_WEIGHT, method: str = "weighted") -> list[Hit]:
    """Fuse two ranked lists: weighted sum of min-max scaled scores (default) or reciprocal rank."""
    hits: dict[str, Hit] = {}
    kw_norm = _normalised([s for _, s in keyword])
    dn_norm = _normalised([s for _, s in dense])
    for rank, ((chunk, score), ns) in enumerate(zip(keyword, kw_norm)):
        h = hits.setdefault(chunk.chunk_id, Hit(chunk, 0.0))
        h.score += keyword_weight * (ns if method == "weighted" else 1 / (RRF_K + rank + 1))
        h.keyword_rank, h.keyword_score = rank + 1, score
    for rank, ((chunk, score), ns) in enumerate(zip(dense, dn_norm)):
        h = hits.setdefault(chunk.chunk_id, Hit(chunk, 0.0))
        h.score += (1 - keyword_weight) * (ns if method == "weighted" else 1 / (RRF_K + rank + 1))
        h.dense_rank, h.dense_score = rank + 1, score
    for h in hits.values():
        if h.chunk.source_kind == "question":
            h.score *= QUESTION_WEIGHT
    return sorted(hits.values(), key=lambda h: -h.score)[:k]


class HybridSearcher:
    """Keyword + dense search over the same chunks, with metadata filters."""

    def __init__(self, keyword: KeywordIndex, dense: DenseSearch | None, depth: int = 20,
                 keyword_weight: float = KEYWORD_WEIGHT, fusion: str = "weighted"):
        self.keyword = keyword
        self.dense = dense
        self.depth = depth
        self.keyword_weight = keyword_weight
        self.fusion = fusion

    def search(self, query: str, k: int = 5, filters: dict[str, str] | None = None,
               mode: str = "hybrid") -> list[Hit]:
        """Ranked hits; mode is "hybrid", "keyword" or "dense"."""
        kw = self.keyword.search(query, self.depth, filters) if mode in ("hybrid", "keyword") else []
        dn = []
        if mode in ("hybrid", "dense") and self.dense is not None:
            dn = self.dense.similarity(query, self.depth, where=filters or None)
        if not kw or not dn:  # one side found nothing: its ranking alone decides
            return fuse(kw, dn, k, keyword_weight=1.0 if kw else 0.0, method=self.fusion)
        return fuse(kw, dn, k, keyword_weight=self.keyword_weight, method=self.fusion)
