"""A semantic router: the kind of a question from its nearest labelled example questions.

The examples (bot/data/intents.jsonl) are generic questions written with invented names; they are
embedded once, with the same model and query prompt as the questions, and each question's vector
(already computed for retrieval, see QueryCache) is compared with them: a weighted vote of the
nearest examples decides. Without an embedding model a character-bigram vector stands in.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from index.search.lru import LRU

_HAN = re.compile(r"[\u4e00-\u9fff]")
TOP_K = 7
# Votes fall off with the distance from the nearest example; e5 similarities sit in a narrow
# band, so the temperature is small.
TEMPERATURE = 0.02
LOOSE_MARGIN = 0.7
SURE_SHARE = 0.5
INTENTS_FILE = Path(__file__).resolve().parent.parent / "data" / "intents.jsonl"


_MATRICES: dict[tuple, np.ndarray] = {}  # example vectors per (model name, examples)


@dataclass(frozen=True)
class Route:
    """The router's decision: a label, its share of the votes and the nearest example."""

    label: str
    confidence: float
    nearest: str = ""
    similarity: float = 0.0


class QueryCache(Embeddings):
    """Embeddings that remember the last questions, so the router and retrieval embed a question once."""

    def __init__(self, inner: Embeddings, size: int = 512):
        self.inner = inner
        self._cache: LRU[list[float]] = LRU(size)

    def __getattr__(self, name: str) -> Any:
        # name, dimension, model … of the wrapped embeddings stay visible to the store.
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Passages are not cached: they are embedded once, by the index builder."""
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        """The question's vector, computed at most once while it stays in the cache."""
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        vector = list(self.inner.embed_query(text))
        self._cache.put(text, vector)
        return vector

    def prefetch(self, texts: list[str]) -> list[list[float]]:
        """Questions one caller needs together, embedded in one pass where the encoder allows, then cached."""
        missing = [t for t in dict.fromkeys(texts) if self._cache.get(t) is None]
        if missing:
            many = getattr(self.inner, "prefetch", None)
            vectors = many(missing) if many is not None else [self.inner.embed_query(t) for t in missing]
            for t, v in zip(missing, vectors):
                self._cache.put(t, list(v))
        return [self.embed_query(t) for t in texts]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Many questions at once (batched when the model allows), e.g. the router's examples."""
        many = getattr(self.inner, "embed_queries", None)
        if many is not None:
            return [list(v) for v in many(list(texts))]
        batch = getattr(self.inner, "_encode", None)
        prompt = getattr(self.inner, "query_prompt_name", None)
        if batch is not None:
            return [list(v) for v in batch(list(texts), prompt)]
        return [list(self.inner.embed_query(t)) for t in texts]


SHARED_QUESTIONS = 64  # questions kept when the encoder caches none: a question's router and retrieval calls meet


def shared_queries(embeddings: Embeddings) -> Embeddings:
    """Embeddings through which the router and retrieval embed a question once: the encoder itself when it keeps
    its own cache of question vectors (a second cache in front of it would only copy it), else a QueryCache."""
    if isinstance(embeddings, QueryCache):
        return embeddings
    own = getattr(embeddings, "cache", None)
    if isinstance(own, LRU) and own.size > 0:
        return embeddings
    return QueryCache(embeddings, SHARED_QUESTIONS)


def load_examples(path: str | None = None) -> list[tuple[str, str]]:
    """(question, label) pairs from a JSON-lines file; the bundled one by default."""
    with open(path or INTENTS_FILE, encoding="utf-8") as f:
        lines = f.read().splitlines()
    out = []
    for line in lines:
        if line.strip() and not line.lstrip().startswith("//"):
            row = json.loads(line)
            out.append((row["text"], row["label"]))
    return out


def _bigram_vector(text: str) -> Counter:
    t = "".join(ch for ch in text if not ch.isspace() and ch not in "?？!！。,，")
    return Counter(t[i:i + 2] for i in range(len(t) - 1)) + Counter(t)


def _cosine(a: Counter, b: Counter) -> float:
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


class Router:
    """Nearest labelled examples decide the kind of a question."""

    def __init__(self, examples: list[tuple[str, str]], embeddings: Embeddings | None = None, artifacts=None):
        self.examples = examples
        self.labels = [label for _, label in examples]
        self._label_array = np.array(self.labels, dtype=object)
        self.embeddings = embeddings
        self._matrix: np.ndarray | None = None
        self._bigrams = [_bigram_vector(t) for t, _ in examples]
        if embeddings is not None and examples:
            texts = [t for t, _ in examples]
            # A process that reloads its index (a new generation) keeps the examples' vectors.
            key = (getattr(embeddings, "name", "") or id(embeddings), tuple(texts))
            cached = _MATRICES.get(key) if key[0] else None
            if cached is None:
                cached = self._example_vectors(texts, embeddings, artifacts)
                if isinstance(key[0], str):
                    _MATRICES[key] = cached
            self._matrix = cached
        self.loose, self.sure = self._calibrate()

    @staticmethod
    def _example_vectors(texts: list[str], embeddings: Embeddings, artifacts=None) -> np.ndarray:
        """The examples' unit vectors: from the index's artifacts when embedded before with this model."""

        def compute() -> dict[str, np.ndarray]:
            many = getattr(embeddings, "embed_queries", None)
            vectors = many(texts) if many else [embeddings.embed_query(t) for t in texts]
            m = np.asarray(vectors, dtype=np.float32)
            return {"matrix": m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)}

        if artifacts is None:
            return compute()["matrix"]
        from index.search.artifacts import code_version, digest, model_id

        key = digest("router", model_id(embeddings), texts, code_version(__file__))
        return np.asarray(artifacts.get("router", key, compute)["matrix"], dtype=np.float32)

    def _calibrate(self) -> tuple[float, float]:
        """Trust thresholds in this vector space, from how close the examples sit to each other.

        Each example's similarity to its nearest other example: a question less similar to any example
        than the closest 5 % of those pairs (less a margin) is not trusted at all ("loose"); a label
        answered without retrieval needs the similarity of a typical pair ("sure"). On e5 this gives
        about 0.86 and 0.92; on character bigrams, much lower values of the same meaning.
        """
        n = len(self.examples)
        if n < 3:
            return 0.0, 0.0
        if self._matrix is not None:
            sims = self._matrix @ self._matrix.T
        else:
            sims = np.asarray([[_cosine(a, b) for b in self._bigrams] for a in self._bigrams], dtype=np.float32)
        np.fill_diagonal(sims, -1.0)
        # Thresholds come from the Chinese examples: the few English ones form a cluster of their own and
        # would only spread the distribution the Chinese questions are judged by.
        han = np.asarray([bool(_HAN.search(t)) for t, _ in self.examples])
        if han.sum() >= 3:
            sims = sims[np.ix_(han, han)]
        nearest = sims.max(axis=1)
        p5, p50 = float(np.percentile(nearest, 5)), float(np.percentile(nearest, 50))
        return p5 - LOOSE_MARGIN * (p50 - p5), p5 + SURE_SHARE * (p50 - p5)

    def similarities(self, text: str) -> np.ndarray:
        """Similarity of the question to every example."""
        if self._matrix is not None:
            q = np.asarray(self.embeddings.embed_query(text), dtype=np.float32)
            q = q / max(float(np.linalg.norm(q)), 1e-9)
            return self._matrix @ q
        qv = _bigram_vector(text)
        return np.asarray([_cosine(qv, b) for b in self._bigrams], dtype=np.float32)

    def prefetch(self, texts: list[str]) -> None:
        """Embed questions needed next (the question and its masked form) in one encoder pass, when the
        embeddings can (their caches then serve the router and retrieval)."""
        many = getattr(self.embeddings, "prefetch", None) if self._matrix is not None else None
        if many is not None and len(set(texts)) > 1:
            many(list(texts))

    def route(self, text: str, allowed: set[str] | None = None) -> Route:
        """The label with the most weight among the nearest examples (restricted to `allowed` if given)."""
        if not self.examples:
            return Route("fact", 0.0)
        sims = self.similarities(text)
        order = np.argsort(-sims)
        if allowed is not None:
            order = order[np.isin(self._label_array[order], list(allowed))]  # the same order, other labels out
            if not len(order):
                return Route("fact", 0.0)
        top = order[:TOP_K]
        best = float(sims[top[0]])
        temp = TEMPERATURE if self._matrix is not None else 0.1
        votes: dict[str, float] = {}
        for i in top:
            votes[self.labels[i]] = votes.get(self.labels[i], 0.0) + math.exp((float(sims[i]) - best) / temp)
        label = max(votes, key=votes.get)
        return Route(label, votes[label] / sum(votes.values()), self.examples[int(top[0])][0], best)
