"""Vectors of a fixed list of texts, embedded once in the background and kept in the index's artifacts.

What answering reads often and a corpus fixes (its terms, its sentences) is embedded at load, not per question.
With the index's artifacts (index.search.artifacts) the vectors are read from disk; what was embedded is written
back, also when the process ends half-way (the next start goes on from the next batch). Vectors are kept per list
of texts: the same texts in the same batches give the same vectors as one uninterrupted pass.
"""
from __future__ import annotations

import atexit
import threading
import weakref
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

# Texts per embedding call while warming up: a process that exits stops between two calls, not inside one
# (an ONNX session still running in a daemon thread at interpreter exit aborts the process).
BATCH = 64


class StoredVectors:
    """Unit passage vectors of `texts` (in that order), embedded in the background from `warm_up()`."""

    NAME = "vectors"  # the artifact's name; a kind of vectors names its own

    def __init__(self, texts: list[str], embeddings: Embeddings, artifacts: Any = None):
        self.texts = texts
        self._position = {t: i for i, t in enumerate(texts)}
        self.embeddings = embeddings
        self.artifacts = artifacts  # index.search.artifacts.Artifacts, or None: embed at every start
        self._vectors: np.ndarray | None = None  # all of them, once complete
        self._ready = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started = False
        self._lock = threading.Lock()
        self._done: list[np.ndarray] = []  # unit vectors of texts[:len(_done)], whole batches at a time

    def warm_up(self) -> None:
        """Read the vectors from the artifacts; embed what is missing in the background."""
        with self._lock:
            if self._started:
                return
            self._started = True
        if self._load_stored():
            self._ready.set()
            return
        self._thread = threading.Thread(target=self._build, name=self.NAME, daemon=True)
        self._thread.start()
        ref = weakref.ref(self)  # the exit hook must not keep every instance (and its vectors) alive
        atexit.register(lambda: (held := ref()) is not None and held.close())

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the vectors are in memory (and stored), embedding them here if never warmed; False if the
        timeout ran out first."""
        if not self._started:
            self._build_now()
        return self._ready.wait(timeout)

    def get(self, text: str) -> list[float] | None:
        """The text's vector when it is one of `texts` and embedded so far, else None."""
        i = self._position.get(text)
        done = self._done  # grows in the background; a position below its length is final
        return done[i].tolist() if i is not None and i < len(done) else None

    @property
    def ready(self) -> bool:
        """Whether every vector is in memory."""
        return self._ready.is_set()

    def close(self) -> None:
        """Stop warming up (at exit): the current embedding call finishes, no new one starts."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    # --- what a kind of vectors may add ---------------------------------------------------------
    def _key_parts(self) -> tuple:
        """What else the stored vectors depend on (the deriving module's code, say)."""
        return ()

    def _complete(self, vectors: np.ndarray) -> None:
        """All vectors are embedded: keep them (and derive what depends on all of them)."""
        self._vectors = vectors

    def _restore(self, vectors: np.ndarray, found: dict[str, np.ndarray]) -> bool:
        """Keep complete stored vectors with what was derived from them; False when that must be derived again."""
        self._vectors = vectors
        return True

    def _extra(self) -> dict[str, np.ndarray]:
        """Arrays derived from the complete vectors, stored with them."""
        return {}

    # --- building and storing -------------------------------------------------------------------
    def _key(self) -> str:
        # The texts themselves are part of the key: vectors are embedded in fixed batches of this list, and reusing
        # them under another list would batch differently (padding moves the last digits).
        from index.search.artifacts import code_version, digest, model_id

        return digest(self.NAME, model_id(self.embeddings), self.texts, BATCH, code_version(__file__),
                      *self._key_parts())

    def _build_now(self) -> None:
        # Built by warm_up's thread normally; vectors that were never warmed are built here, once.
        with self._lock:
            start = not self._started
            self._started = True
        if start:
            if self._load_stored():
                self._ready.set()
            else:
                self._build()
        self._ready.wait()

    def _load_stored(self) -> bool:
        """The vectors embedded so far (whole batches) from the artifact; True when nothing is left to embed."""
        if self.artifacts is None:
            return False
        found = self.artifacts.load(self.NAME, self._key())
        if found is None or "vectors" not in found:
            return False
        done = np.asarray(found["vectors"], dtype=np.float32)
        if done.ndim != 2 or len(done) > len(self.texts) or (len(done) % BATCH and len(done) != len(self.texts)):
            return False
        self._done = list(done)
        if len(done) < len(self.texts):
            return False
        if not self._restore(done, found):
            self._complete(done)
            self._store()
        return True

    def _store(self) -> None:
        """Write the vectors embedded so far (and, once complete, what was derived from them)."""
        if self.artifacts is None or not self._done:
            return
        arrays = {"vectors": np.asarray(self._done, dtype=np.float32)}
        if self._vectors is not None:
            arrays.update(self._extra())
        self.artifacts.save(self.NAME, self._key(), arrays)

    def _build(self) -> None:
        embedded = False
        try:
            for i in range(len(self._done), len(self.texts), BATCH):  # from the first batch not stored yet
                if self._stop.is_set():
                    return
                batch = self.texts[i:i + BATCH]
                v = np.asarray(self.embeddings.embed_documents(batch), dtype=np.float32).reshape(len(batch), -1)
                v /= np.linalg.norm(v, axis=1, keepdims=True).clip(1e-9)
                self._done.extend(v)
                embedded = True
            if self.texts:
                vectors = np.asarray(self._done, dtype=np.float32)
                self._done = list(vectors)  # one copy: the rows become views of the complete matrix
                self._complete(vectors)
        finally:
            if embedded or self._vectors is not None:
                self._store()  # also what a process stopped half-way embedded: the next start goes on from there
            self._ready.set()
