"""Per-index artifacts: what is costly to derive from the corpus and the model, computed once and kept on disk.

An artifact is one `.npz` file in the index's artifact folder (`<store>/artifacts/<collection>/`), holding its
arrays and the key it was computed for: a digest of its inputs (the corpus text it reads, the model whose vectors
it holds) and of the source code that derives it. A file whose key differs (the corpus, the model or the code
changed), that cannot be read, or that is missing counts as absent: the artifact is computed again and the file
replaced. Files are written to a temporary name and renamed, so a reader never sees half a file and several
processes may write the same artifact; a folder that cannot be written only costs the computation next time.

What is stored (see the users): the dense matrix of the active generation (index/open.py: a reader of an
up-to-date index needs no chromadb), the corpus's tagged names (bot/pipeline/normalise.py), the word bridge's
term vectors (bot/pipeline/terms.py) and the router's example vectors (bot/pipeline/router.py).
"""
from __future__ import annotations

import hashlib
import os
import threading
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

FORMAT = "1"  # the layout of the files themselves
_KEY = "__key__"
_SOURCES: dict[str, bytes] = {}
_UNREADABLE = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile)

Arrays = dict[str, np.ndarray]


def _feed(h, part: Any) -> None:
    """Hash a value with its type and length, so ("ab", "c") and ("a", "bc") never collide."""
    if isinstance(part, bytes):
        h.update(b"b%d:" % len(part))
        h.update(part)
    elif isinstance(part, str):
        _feed(h, part.encode("utf-8"))
        h.update(b"s")
    elif isinstance(part, (list, tuple)):
        h.update(b"l%d:" % len(part))
        for x in part:
            _feed(h, x)
    elif isinstance(part, (set, frozenset)):
        _feed(h, sorted(part))
    elif isinstance(part, dict):
        _feed(h, sorted((str(k), v) for k, v in part.items()))
    elif isinstance(part, np.ndarray):
        _feed(h, f"{part.dtype.str}{part.shape}")
        h.update(np.ascontiguousarray(part).tobytes())
    else:
        _feed(h, f"{type(part).__name__}:{part!r}")


def digest(*parts: Any) -> str:
    """A stable hex digest of strings, bytes, numbers, arrays and (nested) lists, tuples, sets and dicts of them."""
    h = hashlib.sha256()
    _feed(h, [FORMAT, *parts])
    return h.hexdigest()


def code_version(*modules: ModuleType | str | Path) -> str:
    """Digest of the source files that derive an artifact: any edit to them makes their artifacts stale."""
    h = hashlib.sha256()
    for m in modules:
        path = str(getattr(m, "__file__", None) or m)
        data = _SOURCES.get(path)
        if data is None:
            try:
                data = Path(path).read_bytes()
            except OSError:
                data = path.encode("utf-8")  # no source file (a frozen build): the name stands in
            _SOURCES[path] = data
        _feed(h, data)
    return h.hexdigest()


def model_id(embeddings: Any) -> str:
    """What identifies the vectors an embeddings object returns: its class, model name and exact model files.

    Wrappers that only cache (they have `inner`) are looked through; an encoder may say more with `model_id`
    (the ONNX encoder names its files' hashes, so an fp32 and an int8 export never share artifacts).
    """
    seen = 0
    while getattr(embeddings, "inner", None) is not None and seen < 8:
        embeddings, seen = embeddings.inner, seen + 1
    cls = type(embeddings)
    parts = [f"{cls.__module__}.{cls.__qualname__}", getattr(embeddings, "name", "") or "",
             getattr(embeddings, "model_id", "") or "", getattr(embeddings, "dim", "") or ""]
    return "|".join(str(p) for p in parts)


class Artifacts:
    """The artifacts of one index in one folder; `Artifacts(None)` keeps nothing and computes every time."""

    def __init__(self, folder: str | Path | None):
        self.folder = Path(folder) if folder else None
        self.hits = self.misses = self.writes = 0  # counters for tests and benchmarks
        self._lock = threading.Lock()

    @classmethod
    def for_settings(cls, settings: Any) -> "Artifacts":
        """The artifact folder of the index the settings describe: in the store folder, or (Chroma server) in the
        cache folder under the server's address."""
        collection = getattr(settings, "collection", "corpus") or "corpus"
        if getattr(settings, "chroma_host", None):
            place = f"{settings.chroma_host}-{settings.chroma_port}"
            return cls(Path(settings.cache_dir) / "artifacts" / place / collection)
        return cls(Path(settings.store_dir) / "artifacts" / collection)

    def path(self, name: str) -> Path | None:
        """The file of an artifact (None without a folder)."""
        return None if self.folder is None else self.folder / f"{name}.npz"

    def load(self, name: str, key: str) -> Arrays | None:
        """The stored arrays of an artifact computed for this key; None when missing, stale or unreadable."""
        path = self.path(name)
        found = None
        if path is not None:
            try:
                with np.load(path, allow_pickle=False) as f:
                    if _KEY in f.files and str(f[_KEY]) == key:
                        found = {k: f[k] for k in f.files if k != _KEY}  # read now: a damaged member fails here
            except _UNREADABLE:
                found = None
        with self._lock:
            if found is None:
                self.misses += 1
            else:
                self.hits += 1
        return found

    def has(self, name: str, key: str) -> bool:
        """Whether the artifact's file was computed for this key (only the key is read)."""
        path = self.path(name)
        if path is None:
            return False
        try:
            with np.load(path, allow_pickle=False) as f:
                return _KEY in f.files and str(f[_KEY]) == key
        except _UNREADABLE:
            return False

    def save(self, name: str, key: str, arrays: Arrays) -> bool:
        """Write an artifact atomically; False (and nothing changed) when the folder cannot be written."""
        path = self.path(name)
        if path is None:
            return False
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                np.savez(f, **{_KEY: np.array(key)}, **arrays)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except OSError:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:  # the folder itself is not there (or not a folder)
                pass
            return False
        with self._lock:
            self.writes += 1
        return True

    def get(self, name: str, key: str, compute: Callable[[], Arrays]) -> Arrays:
        """The artifact for this key: read from its file, or computed (and stored) when that is absent or stale."""
        found = self.load(name, key)
        if found is None:
            found = compute()
            self.save(name, key, found)
        return found


def strings(values: Iterable[str]) -> np.ndarray:
    """Strings as an array that np.load reads back without pickling."""
    values = list(values)
    return np.array(values, dtype=str) if values else np.array([], dtype="<U1")
