"""Verified model files: one hash, one cross-process lock, one atomic install that refuses a wrong file.

Used by every model cache of the project (the converted e5 embedding model, the local LLM's GGUF file), so
that "is this the file we pinned?" is answered the same way everywhere.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

READ_BLOCK = 8 << 20


class ModelFileMismatch(ValueError):
    """A written model file does not hash to its pinned SHA-256."""


def sha256_file(path: Path) -> str:
    """The hex SHA-256 of a file, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(READ_BLOCK):
            h.update(block)
    return h.hexdigest()


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[bool]:
    """Hold an exclusive lock on `path` (a folder is locked in place and leaves nothing behind; a file path is
    created); yields False where the OS has no flock (Windows), where the atomic rename alone keeps files whole."""
    try:
        import fcntl
    except ImportError:
        yield False
        return
    path = Path(path)
    fd = os.open(path, os.O_RDONLY) if path.is_dir() else os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def write_json_atomic(path: Path, obj: object) -> None:
    """Write JSON next to `path` and rename it into place, so a reader sees the old file or the new one whole."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def marker_path(target: Path) -> Path:
    """The file that vouches for `target` having been verified."""
    return target.with_name(target.name + ".verified")


def _stamp(path: Path, digest: str) -> dict:
    st = path.stat()
    return {"sha256": digest, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def is_verified(target: Path, digest: str) -> bool:
    """True when the marker vouches for this very file (same hash, size and mtime) without re-reading it."""
    try:
        with open(marker_path(target), encoding="utf-8") as f:
            return json.load(f) == _stamp(target, digest)
    except (OSError, ValueError):
        return False


def mark_verified(target: Path, digest: str) -> None:
    """Record that `target` hashes to `digest` (as of its current size and mtime)."""
    write_json_atomic(marker_path(target), _stamp(target, digest))


def forget(target: Path) -> None:
    """Remove a file and its marker."""
    target.unlink(missing_ok=True)
    marker_path(target).unlink(missing_ok=True)


def install_verified(written: Path, target: Path, digest: str, refuse: Callable[[str], Exception]) -> None:
    """Move a fully written file into place only if it hashes to `digest`; otherwise delete it and raise
    `refuse(actual_digest)`. The file is hashed as written (not the stream that fed it): it is what gets loaded."""
    try:
        actual = sha256_file(written)
        if actual != digest:
            raise refuse(actual)
        os.replace(written, target)
    finally:
        written.unlink(missing_ok=True)
    mark_verified(target, digest)
