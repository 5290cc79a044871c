"""Small real subclasses that stand in for models and services in fast tests.

Helpers append their own fakes here; never overwrite the file.
"""
from __future__ import annotations

import hashlib
import math

from langchain_core.embeddings import Embeddings


class BigramEmbeddings(Embeddings):
    """Hashes character bigrams into a small vector: deterministic, and similar texts score close."""

    def __init__(self, dim: int = 64):
        self.dim = dim
        self.calls = 0  # number of texts embedded, so tests can assert "no embedding work"

    def _vec(self, text: str) -> list[float]:
        v = [0.0] * self.dim
        t = "".join(text.split())
        for a, b in zip(t, t[1:]):
            h = int.from_bytes(hashlib.blake2b((a + b).encode("utf-8"), digest_size=4).digest(), "little")
            v[h % self.dim] += 1.0
        n = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / n for x in v]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages."""
        self.calls += len(texts)
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """Embed a question."""
        return self._vec(text)


class MemoryDense:
    """Dense search over chunks held in memory, for tests without Chroma."""

    def __init__(self, chunks, embeddings: Embeddings):
        from index.models import index_text

        self.chunks = list(chunks)
        self.embeddings = embeddings
        self.vectors = embeddings.embed_documents([index_text(c) for c in self.chunks])

    def similarity(self, query: str, k: int, where: dict | None = None):
        """The k most similar chunks (dot product of normalised vectors)."""
        q = self.embeddings.embed_query(query)
        scored = []
        for c, v in zip(self.chunks, self.vectors):
            if where and any(getattr(c, key) != val for key, val in where.items()):
                continue
            scored.append((c, sum(a * b for a, b in zip(q, v))))
        scored.sort(key=lambda cv: -cv[1])
        return scored[:k]


class SlowEmbeddings(BigramEmbeddings):
    """BigramEmbeddings that sleeps per text and can report progress, for kill -9 tests."""

    def __init__(self, dim: int = 64, delay: float = 0.01, report=None):
        super().__init__(dim)
        self.delay = delay
        self.report = report  # called with the running total of embedded texts

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages, slowly."""
        import time

        time.sleep(self.delay * len(texts))
        out = super().embed_documents(texts)
        if self.report is not None:
            self.report(self.calls)
        return out


class FailingEmbeddings(BigramEmbeddings):
    """BigramEmbeddings that raises once more than `fail_after` texts have been embedded."""

    def __init__(self, fail_after: int, dim: int = 64):
        super().__init__(dim)
        self.fail_after = fail_after

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages until the budget runs out."""
        if self.calls + len(texts) > self.fail_after:
            raise RuntimeError("embedding model crashed (injected)")
        return super().embed_documents(texts)
