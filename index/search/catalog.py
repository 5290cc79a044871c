"""What an index generation is, and which one is active, told without importing chromadb.

The builder (build.py) and the store (store.py) use these definitions; a reader that only needs to know whether
the active generation matches the corpus folder (index/open.py) reads Chroma's own catalog, the SQLite file of
an embedded store, with the standard library. Importing chromadb and opening its client costs about a second,
which a one-shot `python -m bot ask` over an up-to-date index does not need to pay.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from index.models import Chunk, index_text


def vector_key(chunk: Chunk) -> str:
    """Key under which a chunk's vector can be reused: the hash of exactly what was embedded."""
    return hashlib.sha256(index_text(chunk).encode("utf-8")).hexdigest()[:32]


class DocChunks(NamedTuple):
    """One document's input to a build: its id, the hash of its file and its chunks."""

    doc_id: str
    sha256: str
    chunks: Sequence[Chunk]


def fingerprint(doc: DocChunks) -> str:
    """Hash of a document's file and of its chunks as given and as indexed, so a changed chunker, or a change in what
    is embedded with a passage (index_text), also counts."""
    h = hashlib.sha256(doc.sha256.encode("utf-8"))
    for c in doc.chunks:
        h.update(json.dumps([c.metadata(), c.text, index_text(c)], ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return h.hexdigest()


@dataclass(frozen=True)
class GenerationInfo:
    """What a generation says about itself: its name, model, documents and size."""

    name: str
    number: int
    model: str
    docs: dict[str, str]  # doc_id -> fingerprint of the document's chunks
    chunks: int  # chunks the builder wrote; a finished generation holds exactly this many
    created: str


def generation_info(name: str, number: int, meta: dict) -> GenerationInfo:
    """A GenerationInfo from a generation collection's metadata (as the builder writes it)."""
    return GenerationInfo(
        name=name,
        number=number,
        model=str(meta.get("model", "")),
        docs=json.loads(str(meta.get("docs") or "{}")),
        chunks=int(meta.get("chunks", 0) or 0),
        created=str(meta.get("created", "")),
    )


def _metadata(db: sqlite3.Connection, name: str) -> dict | None:
    """One collection's metadata by name; None when the name is missing or not unique (several databases)."""
    ids = [row[0] for row in db.execute("SELECT id FROM collections WHERE name = ?", (name,))]
    if len(ids) != 1:
        return None
    meta = {}
    for key, s, i, f, b in db.execute(
        "SELECT key, str_value, int_value, float_value, bool_value FROM collection_metadata WHERE collection_id = ?",
        (ids[0],),
    ):
        meta[key] = next((v for v in (s, i, f, b) if v is not None), None)
    return meta


def read_active(store_dir: Path, collection: str, verify: bool = False) -> GenerationInfo | None:
    """The active generation of an embedded store as Chroma's catalog records it, read with sqlite3 alone.

    None whenever this cannot be told for sure (no store, nothing built, another catalog layout, a locked or
    damaged file): the caller then opens the store through chromadb, whose answer is the authority. `verify`
    also runs SQLite's quick_check over the whole file, so a damaged store is reported (by opening it) rather
    than passed over by a reader that happens to need only its first pages.
    """
    path = Path(store_dir) / "chroma.sqlite3"
    if not path.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)) as db:
            if verify and db.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return None
            pointer = _metadata(db, f"{collection}__meta")
            active = (pointer or {}).get("active")
            if not active or not str(active).startswith(f"{collection}__g"):
                return None
            meta = _metadata(db, str(active))
            if meta is None or "docs" not in meta or "chunks" not in meta:
                return None
            number = str(active)[len(collection) + 3:]
            return generation_info(str(active), int(number) if number.isdigit() else 0, meta)
    except (sqlite3.Error, ValueError, TypeError):
        return None
