"""BM25 over jieba tokens of the chunks' index text, with metadata filters."""
from __future__ import annotations

import math
from collections import Counter

import numpy as np

from index.models import Chunk, index_text
from index.search.tokenize import ChineseTokenizer


def matches(chunk: Chunk, filters: dict[str, str] | None) -> bool:
    """Whether a chunk's metadata equals every given filter value."""
    return not filters or all(getattr(chunk, k, None) == v for k, v in filters.items())


class KeywordIndex:
    """An in-memory BM25 index; rebuilt from the store's chunks when the process starts."""

    def __init__(self, chunks: list[Chunk], tokenizer: ChineseTokenizer):
        import bm25s

        self.chunks = chunks
        self.tokenizer = tokenizer
        self._bm25 = bm25s.BM25()
        corpus = [tokenizer.tokens(index_text(c)) or ["\u2205"] for c in chunks]
        self.df = Counter(t for toks in corpus for t in set(toks))
        self.vocab = set(self.df)
        n = max(1, len(chunks))
        self._max_idf = math.log(1 + n)
        self._n = n
        if chunks:
            self._bm25.index(corpus, show_progress=False)

    def idf(self, token: str) -> float:
        """Inverse document frequency; a word the corpus never uses weighs the most."""
        df = self.df.get(token, 0)
        return math.log(1 + self._n / df) if df else self._max_idf

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for the query (zeros when no query word is indexed)."""
        toks = [t for t in self.tokenizer.tokens(query) if t in self.vocab]
        if not toks or not self.chunks:
            return np.zeros(len(self.chunks))
        return np.asarray(self._bm25.get_scores(toks), dtype=float)

    def search(self, query: str, k: int, filters: dict[str, str] | None = None) -> list[tuple[Chunk, float]]:
        """The k best chunks with a positive score, best first."""
        scores = self.scores(query)
        order = np.argsort(-scores)
        out = []
        for i in order:
            if scores[i] <= 0 or len(out) >= k:
                break
            if matches(self.chunks[i], filters):
                out.append((self.chunks[i], float(scores[i])))
        return out
