"""Bridge a question's everyday words to the corpus's own terms by meaning ("网购" → "电商").

A question word the corpus never uses weighs the most and can never be found, so a synonym alone makes an
answerable question look uncovered. Every corpus term is embedded once (in the background, from load); a
missing question word is then replaced by its nearest corpus term, but only when the match is both close and
mutual: the word is nearer to that term than any other corpus term is. Word-level e5 similarities sit in a narrow
band (0.93–0.98), so the mutual test carries most of the weight; both limits are calibrated on the tune half of
bench/eval/qa (specific to multilingual-e5-small).

A word the embedding leaves short of that bar may still be bridged by a dictionary (`lexicon`, CC-CEDICT's shared
English glosses in the app): the dictionary proposes, the embedding confirms at a lower bar.

The term vectors are `StoredVectors` (index.search.stored_vectors): read from the index's artifacts, or embedded
in the background and written back, with each term's similarity to its nearest other term.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np
from langchain_core.embeddings import Embeddings

from index.search.stored_vectors import StoredVectors

# A bridged word must be at least this close to its corpus term (cosine of passage-prompt word vectors).
MIN_SIMILARITY = 0.955
# A word a dictionary gives the same meaning as a corpus term ("土豆" and "马铃薯" share the gloss "potato"; "麦子" and
# "小麦", "饭堂" and "食堂") is bridged at this lower similarity: everyday and official words for one thing sit at
# 0.92–0.95, below MIN_SIMILARITY, while pairs that share only a broad gloss sit at 0.88–0.91 ("本金"/"主要",
# "疙瘩"/"问题"). Measured on the tuning sets' colloquial and synonym questions (bench/QA.md, round 34).
LEXICON_MIN_SIMILARITY = 0.92
# Only words the tokenizer keeps whole and that carry meaning in Chinese: single characters are too vague.
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MEMO_MAX = 4096
_BLOCK = 1024  # rows per block of the vocabulary's self-similarity (bounded memory on a large corpus)


def bridgeable(word: str) -> bool:
    """Whether a word is worth bridging: two or more characters, Chinese."""
    return len(word) >= 2 and bool(_CJK.search(word))


class TermBridge(StoredVectors):
    """Maps words absent from the corpus to the corpus term they mean, when the match is clear."""

    NAME = "term-vectors"

    def __init__(self, vocabulary: Iterable[str], embeddings: Embeddings, min_similarity: float = MIN_SIMILARITY,
                 artifacts=None, lexicon: Callable[[str], Iterable[str]] | None = None):
        self.vocabulary = set(vocabulary)
        self.terms = sorted(t for t in self.vocabulary if bridgeable(t))
        super().__init__(self.terms, embeddings, artifacts)
        # word → words of the same meaning by a dictionary (None: by meaning alone)
        self.lexicon = lexicon
        self.min_similarity = min_similarity
        self._nearest: np.ndarray | None = None  # each term's similarity to its nearest other term
        self._memo: dict[str, str] = {}

    def _key_parts(self) -> tuple:
        from index.search.artifacts import code_version

        return (code_version(__file__),)

    def _restore(self, vectors: np.ndarray, found: dict[str, np.ndarray]) -> bool:
        nearest = found.get("nearest")
        if nearest is None or len(nearest) != len(vectors):
            return False
        self._vectors, self._nearest = vectors, np.asarray(nearest, dtype=np.float32)
        return True

    def _extra(self) -> dict[str, np.ndarray]:
        return {} if self._nearest is None else {"nearest": self._nearest}

    def _complete(self, v: np.ndarray) -> None:
        nearest = np.empty(len(v), dtype=np.float32)
        for i in range(0, len(v), _BLOCK):
            s = v[i:i + _BLOCK] @ v.T
            s[np.arange(len(s)), np.arange(i, i + len(s))] = -1.0  # not itself
            nearest[i:i + _BLOCK] = s.max(axis=1)
        self._vectors, self._nearest = v, nearest

    def bridge(self, words: Iterable[str]) -> dict[str, str]:
        """word → corpus term for the given words that the corpus lacks and that have a clear counterpart."""
        missing = [w for w in dict.fromkeys(words) if w not in self.vocabulary and bridgeable(w)]
        new = [w for w in missing if w not in self._memo]
        if new:
            if not self._ready.is_set():
                self._build_now()
            found = self._match(new)
            with self._lock:
                if len(self._memo) + len(new) > _MEMO_MAX:
                    self._memo.clear()
                self._memo.update(found)
        return {w: self._memo[w] for w in missing if self._memo.get(w)}

    def _match(self, words: list[str]) -> dict[str, str]:
        if self._vectors is None or not len(self._vectors):
            return {w: "" for w in words}
        q = np.asarray(self.embeddings.embed_documents(words), dtype=np.float32)
        q /= np.linalg.norm(q, axis=1, keepdims=True).clip(1e-9)
        sims = q @ self._vectors.T
        out = {}
        for w, row in zip(words, sims):
            j = int(np.argmax(row))
            # Close, and mutual: nothing in the corpus is nearer to the term than the question's word.
            ok = row[j] >= self.min_similarity and row[j] >= self._nearest[j]
            out[w] = self.terms[j] if ok else self._by_lexicon(w, row)
        return out

    def _by_lexicon(self, word: str, row: np.ndarray) -> str:
        """The corpus term a dictionary gives the word's meaning, nearest by meaning and close enough, or ""."""
        if self.lexicon is None:
            return ""
        found = [self._position[t] for t in self.lexicon(word) if t in self._position]
        if not found:
            return ""
        j = max(found, key=lambda i: row[i])
        return self.terms[j] if row[j] >= LEXICON_MIN_SIMILARITY else ""
