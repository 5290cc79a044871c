"""Dense search over one index generation held in memory: one matrix product per question.

Asking the store costs two round trips per question (read the active-generation pointer, then an HNSW
query; ~15 ms here on 2 busy cores). A serving process already pins one generation (it reloads when
another process builds a new one), so its vectors are read once at load and searched exactly in numpy.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from index.models import Chunk

MAX_CHUNKS = 200_000  # beyond this (~300 MB of vectors) the store's own index is the better place


class MatrixDense:
    """The DenseSearch protocol over normalised vectors of `chunks`, with the store's metadata filters."""

    def __init__(self, embeddings: Any, chunks: Sequence[Chunk], vectors: np.ndarray, store: Any = None):
        self.embeddings = embeddings
        self.store = store
        self.chunks = list(chunks)
        self.matrix = np.ascontiguousarray(vectors, dtype=np.float32)
        self._meta = [c.metadata() for c in self.chunks]
        self._rows: dict[tuple[str, Any], np.ndarray] = {}  # (field, value) -> matching rows, built on first use
        self.info = None  # the store's GenerationInfo of these vectors, when known

    def _match(self, key: str, value: Any) -> np.ndarray:
        values = tuple(value) if isinstance(value, (list, tuple, set, frozenset)) else (value,)
        cache_key = (key, values)
        rows = self._rows.get(cache_key)
        if rows is None:
            rows = np.array([i for i, m in enumerate(self._meta) if m.get(key) in values], dtype=np.int64)
            self._rows[cache_key] = rows
        return rows

    def _candidates(self, where: dict | None) -> np.ndarray | None:
        rows = None
        for key, value in (where or {}).items():
            if value is None:
                continue
            if key.startswith("$"):
                raise ValueError(f"filter operator {key} is not supported in memory")
            match = self._match(key, value)
            rows = match if rows is None else np.intersect1d(rows, match)
        return rows

    def similarity(self, query: str, k: int = 4, where: dict | None = None) -> list[tuple[Chunk, float]]:
        """The k chunks closest to the query, with cosine similarity (higher is closer)."""
        if k <= 0 or not self.chunks:
            return []
        rows = self._candidates(where)
        if rows is not None and not len(rows):
            return []
        q = np.asarray(self.embeddings.embed_query(query), dtype=np.float32)
        matrix = self.matrix if rows is None else self.matrix[rows]
        scores = matrix @ q
        top = np.argsort(-scores, kind="stable")[:k]
        idx = top if rows is None else rows[top]
        return [(self.chunks[i], float(scores[j])) for i, j in zip(idx, top)]


def in_memory(dense: Any, chunks: Sequence[Chunk]) -> Any:
    """A MatrixDense over the store's active generation when it holds exactly these chunks; else `dense` as is."""
    if dense is None or not hasattr(dense, "snapshot") or not 0 < len(chunks) <= MAX_CHUNKS:
        return dense
    from index.search.catalog import vector_key

    try:
        snap = dense.snapshot()
        model = getattr(dense, "model_name", "")
        if model and snap.info.model and model != snap.info.model:
            return dense  # the store explains the mismatch at the first question
        vectors = snap.vectors(sorted({c.doc_id for c in chunks}))
    except Exception:  # an unreachable or empty store: keep the store's own behaviour and errors
        return dense
    rows = [vectors.get(vector_key(c)) for c in chunks]
    if any(r is None for r in rows):
        return dense  # the index lags the folder: the store's answers stay the consistent ones
    matrix = MatrixDense(dense.embeddings, chunks, np.array(rows, dtype=np.float32), store=dense)
    matrix.info = snap.info  # the generation these vectors are from (index.open keeps them as an artifact)
    return matrix
