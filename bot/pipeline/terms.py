"""Bridge a question's everyday words to the corpus's own terms by meaning ("网购" → "电商").

A question word the corpus never uses weighs the most and can never be found, so a synonym alone makes an
answerable question look uncovered. Every corpus term is embedded once (in the background, from load); a
missing question word is then replaced by its nearest corpus term, but only when the match is both close and
mutual: the word is nearer to that term than any other corpus term is. Word-level e5 similarities sit in a narrow
band (0.93–0.98), so the mutual test carries most of the weight; both limits are calibrated on the tune half of
bench/eval/qa (specific to multilingual-e5-small).

A word the embedding leaves short of that bar may still be bridged by a dictionary (`lexicon`, CC-CEDICT's shared
English glosses in the app): the dictionary proposes, the embedding confirms at a lower bar.

With the index's artifacts (index.search.artifacts) the term vectors are read from disk; what was embedded is
written back, also when the process ends half-way (the next start goes on from the next batch). Vectors are
kept per vocabulary: the same terms in the same batches give the same vectors as one uninterrupted pass.
"""
from __future__ import annotations

import atexit
import re
import threading
import weakref
from collections.abc import Callable, Iterable

import numpy as np
from langchain_core.embeddings import Embeddings

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
# Words per embedding call while warming up: a process that exits stops between two calls, not inside one
# (an ONNX session still running in a daemon thread at interpreter exit aborts the process).
_BATCH = 64


def bridgeable(word: str) -> bool:
    """Whether a word is worth bridging: two or more characters, Chinese."""
    return len(word) >= 2 and bool(_CJK.search(word))


class TermBridge:
    """Maps words absent from the corpus to the corpus term they mean, when the match is clear."""

    def __init__(self, vocabulary: Iterable[str], embeddings: Embeddings, min_similarity: float = MIN_SIMILARITY,
                 artifacts=None, lexicon: Callable[[str], Iterable[str]] | None = None):
        self.vocabulary = set(vocabulary)
        self.terms = sorted(t for t in self.vocabulary if bridgeable(t))
        self._position = {t: i for i, t in enumerate(self.terms)}
        # word → words of the same meaning by a dictionary (None: by meaning alone)
        self.lexicon = lexicon
        self.embeddings = embeddings
        self.min_similarity = min_similarity
        self.artifacts = artifacts  # index.search.artifacts.Artifacts, or None: embed at every start
        self._vectors: np.ndarray | None = None
        self._nearest: np.ndarray | None = None  # each term's similarity to its nearest other term
        self._ready = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started = False
        self._memo: dict[str, str] = {}
        self._lock = threading.Lock()
        self._done: list[np.ndarray] = []  # unit vectors of self.terms[:len(_done)], whole batches at a time

    def warm_up(self) -> None:
        """Read the term vectors from the artifacts; embed what is missing in the background (the first bridge
        waits for it)."""
        with self._lock:
            if self._started:
                return
            self._started = True
        if self._load_stored():
            self._ready.set()
            return
        self._thread = threading.Thread(target=self._build, name="term-bridge", daemon=True)
        self._thread.start()
        ref = weakref.ref(self)  # the exit hook must not keep every bridge (and its vectors) alive
        atexit.register(lambda: (bridge := ref()) is not None and bridge.close())

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the term vectors are in memory (and stored); False if the timeout ran out first."""
        if not self._started:
            self._build_now()
        return self._ready.wait(timeout)

    @property
    def ready(self) -> bool:
        """Whether the term vectors are in memory (a bridge answers without waiting)."""
        return self._ready.is_set()

    def _key(self) -> str:
        # The vocabulary itself is part of the key: vectors are embedded in fixed batches of this sorted list,
        # and reusing them under another vocabulary would batch differently (padding moves the last digits).
        from index.search.artifacts import code_version, digest, model_id

        return digest("term-vectors", model_id(self.embeddings), self.terms, _BATCH, code_version(__file__))

    def _load_stored(self) -> bool:
        """The term vectors embedded so far (whole batches) from the artifact; True when nothing is left to embed."""
        if self.artifacts is None:
            return False
        found = self.artifacts.load("term-vectors", self._key())
        if found is None or "vectors" not in found:
            return False
        done = np.asarray(found["vectors"], dtype=np.float32)
        if done.ndim != 2 or len(done) > len(self.terms) or (len(done) % _BATCH and len(done) != len(self.terms)):
            return False
        self._done = list(done)
        if len(done) < len(self.terms):
            return False
        nearest = found.get("nearest")
        if nearest is not None and len(nearest) == len(done):
            self._vectors, self._nearest = done, np.asarray(nearest, dtype=np.float32)
        else:
            self._set(done)
            self._store()
        return True

    def _store(self) -> None:
        """Write the vectors embedded so far (and, once complete, the nearest-term similarities)."""
        if self.artifacts is None or not self._done:
            return
        arrays = {"vectors": np.asarray(self._done, dtype=np.float32)}
        if self._vectors is not None and self._nearest is not None:
            arrays["nearest"] = self._nearest
        self.artifacts.save("term-vectors", self._key(), arrays)

    def _set(self, v: np.ndarray) -> None:
        nearest = np.empty(len(v), dtype=np.float32)
        for i in range(0, len(v), _BLOCK):
            s = v[i:i + _BLOCK] @ v.T
            s[np.arange(len(s)), np.arange(i, i + len(s))] = -1.0  # not itself
            nearest[i:i + _BLOCK] = s.max(axis=1)
        self._vectors, self._nearest = v, nearest

    def close(self) -> None:
        """Stop warming up (at exit): the current embedding call finishes, no new one starts."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def _build(self) -> None:
        embedded = False
        try:
            for i in range(len(self._done), len(self.terms), _BATCH):  # from the first batch not stored yet
                if self._stop.is_set():
                    return
                batch = self.terms[i:i + _BATCH]
                v = np.asarray(self.embeddings.embed_documents(batch), dtype=np.float32).reshape(len(batch), -1)
                v /= np.linalg.norm(v, axis=1, keepdims=True).clip(1e-9)
                self._done.extend(v)
                embedded = True
            if self.terms:
                self._set(np.asarray(self._done, dtype=np.float32))
        finally:
            if embedded or self._vectors is not None:
                self._store()  # also what a process stopped half-way embedded: the next start goes on from there
            self._ready.set()

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

    def _build_now(self) -> None:
        # Built by warm_up's thread normally; a bridge that was never warmed builds here, once.
        with self._lock:
            start = not self._started
            self._started = True
        if start:
            if self._load_stored():
                self._ready.set()
            else:
                self._build()
        self._ready.wait()

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
