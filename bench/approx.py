"""Passage vectors for a large generated corpus without running e5 on every chunk (hours on 2 cores).

Every sentence of the source article is embedded once with the real model. A generated passage is split
into pieces (sentences, plus its section/speaker prefix); each piece is matched to the source sentence
sharing the most character bigrams, and the passage's vector is the normalised mean of those real vectors
plus a small deterministic (text-seeded) noise. Queries always go through the real model. The generated
pages are recombinations of the article's sentences, so the real model would give vectors close to this
mix; `fidelity()` measures how close on a sample that is also embedded for real.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np
from langchain_core.embeddings import Embeddings

_PIECES = re.compile(r"[^。！？!?:：\s]+[。！？!?]*")
NOISE = 0.012  # per-dimension σ: cosine(noisy, clean) ≈ 0.97 for 384 dimensions


def _bigrams(text: str) -> set[str]:
    t = "".join(text.split())
    return {t[i:i + 2] for i in range(len(t) - 1)} or {t}


class ApproxEmbeddings(Embeddings):
    """Passages: a mix of real sentence vectors plus noise; queries: the real model."""

    def __init__(self, real: Embeddings, source_sentences: list[str], noise: float = NOISE):
        self.real = real
        self.noise = noise
        self.units = list(dict.fromkeys(s.strip() for s in source_sentences if s.strip()))
        self.unit_vectors = np.asarray(real.embed_documents(self.units), dtype=np.float32)
        self._vocab: dict[str, int] = {}
        rows = [[self._vocab.setdefault(b, len(self._vocab)) for b in _bigrams(u)] for u in self.units]
        # dense incidence matrix units × bigrams: a piece's overlap with every unit is one column sum
        self._incidence = np.zeros((len(self.units), len(self._vocab)), dtype=np.float32)
        for i, cols in enumerate(rows):
            self._incidence[i, cols] = 1.0
        self.calls = 0

    def _nearest(self, piece: str) -> int | None:
        cols = [self._vocab[b] for b in _bigrams(piece) if b in self._vocab]
        if not cols:
            return None
        overlap = self._incidence[:, cols].sum(axis=1)
        best = int(overlap.argmax())
        return best if overlap[best] > 0 else None

    def clean_vector(self, text: str) -> np.ndarray:
        """The normalised mean of the matched source sentences' real vectors (no noise)."""
        hits = [i for i in (self._nearest(p) for p in _PIECES.findall(text)) if i is not None]
        v = self.unit_vectors[hits].mean(axis=0) if hits else self.unit_vectors.mean(axis=0)
        return v / (np.linalg.norm(v) or 1.0)

    def vector(self, text: str) -> list[float]:
        """The passage vector: clean mix plus noise seeded by the text, normalised."""
        seed = int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")
        v = self.clean_vector(text) + np.random.default_rng(seed).normal(0.0, self.noise, self.unit_vectors.shape[1])
        return (v / np.linalg.norm(v)).astype(np.float32).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Approximate passage vectors."""
        self.calls += len(texts)
        return [self.vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """The real model's query vector."""
        return self.real.embed_query(text)


def fidelity(approx: ApproxEmbeddings, texts: list[str], queries: list[str], k: int = 10) -> dict[str, float]:
    """How close the approximation is on texts also embedded for real: mean cosine and top-k overlap."""
    real = np.asarray(approx.real.embed_documents(texts), dtype=np.float32)
    fake = np.asarray(approx.embed_documents(texts), dtype=np.float32)
    cos = float((real * fake).sum(axis=1).mean())
    overlaps = []
    for q in queries:
        qv = np.asarray(approx.real.embed_query(q), dtype=np.float32)
        top_real = set(np.argsort(-(real @ qv))[:k])
        top_fake = set(np.argsort(-(fake @ qv))[:k])
        overlaps.append(len(top_real & top_fake) / k)
    return {"cosine": round(cos, 3), f"top{k}_overlap": round(float(np.mean(overlaps)), 3) if overlaps else 0.0,
            "texts": len(texts), "queries": len(queries)}
