"""The vector store: Chroma, embedded or over HTTP, holding chunks in blue/green generations.

This is the only module that imports chromadb. Layout of one logical index named N:
- `N__g<k>` collections hold one complete generation each (chunks, vectors, metadata);
- `N__meta` is an empty collection whose metadata points at the active generation (and the previous one,
  kept for a rollback; older generations are deleted, with their folders on disk).
Readers resolve the pointer, so a build that dies half-way never shows a partial index.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import re
import shutil
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import chromadb
import httpx
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.api.types import Embeddings as ChromaEmbeddings
from chromadb.config import Settings
from chromadb.errors import ChromaError, InternalError, NotFoundError
from langchain_core.embeddings import Embeddings

from index.errors import StoreError
from index.search.catalog import GenerationInfo, vector_key  # defined without chromadb, for readers
from index.models import Chunk
from index.settings import IndexSettings

_PAGE = 2000  # rows per get(): bounds memory when reading a large generation
_VANISH_RETRIES = 3  # a reader may race a build that deletes the generation it resolved
_SEGMENT_DIR = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_PROBE = "检查"  # a readiness probe's query: any text exercises the model and the vector index

Where = Mapping[str, Any]


def _chroma_settings() -> Settings:
    # a fresh object per client: chromadb writes the host, port and path into the one it gets
    return Settings(anonymized_telemetry=False)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class LangChainEmbeddingFunction(EmbeddingFunction[Documents]):
    """A LangChain Embeddings object seen by Chroma as its embedding function."""

    def __init__(self, embeddings: Embeddings):
        self._embeddings = embeddings

    def __call__(self, input: Documents) -> ChromaEmbeddings:
        """Embed passages."""
        return [list(v) for v in self._embeddings.embed_documents(list(input))]

    def embed_query(self, input: Documents) -> ChromaEmbeddings:
        """Embed questions (e5-style models prefix them differently)."""
        return [list(self._embeddings.embed_query(q)) for q in input]

    @staticmethod
    def name() -> str:
        """Name recorded in the collection configuration."""
        return "langchain-embeddings"

    def is_legacy(self) -> bool:
        """Chroma cannot rebuild this function from config; the app always passes it in."""
        return True


# --------------------------------------------------------------------------- errors


class CorruptStore(StoreError):
    """The embedded store's files cannot be read; `--rebuild` sets them aside."""


@dataclass(frozen=True)
class _Place:
    """Where the store lives, for one-line error messages."""

    server: str | None  # "host:port" in server mode
    path: Path | None  # store folder in embedded mode

    def unreachable(self) -> StoreError:
        return StoreError(f"cannot reach Chroma at {self.server} — is `chroma run` up?")

    def failed(self, exc: BaseException) -> StoreError:
        reason = _reason(exc)
        # embedded, an internal error comes from SQLite or the HNSW files: the store is damaged
        if self.path is not None and isinstance(exc, InternalError):
            return CorruptStore(
                f"store at {self.path} is corrupted: {reason} — "
                "delete it or run `python -m bot index --rebuild`"
            )
        return StoreError(f"Chroma at {self.server or self.path} failed: {reason}")


def _reason(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return msg.replace("error returned from database: ", "")


@contextlib.contextmanager
def _translated(place: _Place) -> Iterator[None]:
    """Turn transport and storage failures into one-line StoreErrors; let NotFound through."""
    try:
        yield
    except StoreError:
        raise
    except NotFoundError:
        raise
    except (httpx.TransportError, ConnectionError) as exc:
        raise place.unreachable() from exc
    except ValueError as exc:
        # HttpClient reports a dead server at construction as a ValueError
        if place.server is not None and "connect" in str(exc).lower():
            raise place.unreachable() from exc
        raise
    except ChromaError as exc:
        raise place.failed(exc) from exc


def _place(settings: IndexSettings) -> _Place:
    if settings.chroma_host:
        return _Place(server=f"{settings.chroma_host}:{settings.chroma_port}", path=None)
    return _Place(server=None, path=Path(settings.store_dir))


def _forget_broken_system(path: str) -> None:
    # Chroma caches a System per path before starting it; a failed start stays cached and
    # poisons every later open of that path in this process, so drop it.
    try:
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient._identifier_to_system.pop(path, None)
    except Exception:  # private API; losing this only costs a retry in the same process
        pass


def open_client(settings: IndexSettings, *, discard_corrupt: bool = False) -> ClientAPI:
    """Open Chroma: HttpClient when settings.chroma_host is set, else the embedded store."""
    place = _place(settings)
    if settings.chroma_host:
        with _translated(place):
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=_chroma_settings()
            )
    path = Path(settings.store_dir)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create store folder {path}: {exc.strerror}") from exc
    try:
        with _translated(place):
            return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    except StoreError as exc:
        _forget_broken_system(str(path))
        if not (discard_corrupt and isinstance(exc, CorruptStore)):
            raise
    # --rebuild on a broken store: keep the old files aside rather than deleting user data
    aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    path.rename(aside)
    path.mkdir(parents=True)
    with _translated(place):
        return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())


# --------------------------------------------------------------------------- reading


def _where(where: Where | None) -> dict[str, Any] | None:
    """{"speaker": "x", "doc_id": [...]} -> Chroma's filter syntax; $-operators pass through."""
    if not where:
        return None
    if any(k.startswith("$") for k in where):
        return dict(where)
    clauses: list[dict[str, Any]] = []
    for key, value in where.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            clauses.append({key: {"$in": list(value)}})
        else:
            clauses.append({key: value})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _chunk(text: str | None, meta: Mapping[str, Any] | None) -> Chunk:
    return Chunk.from_metadata(text or "", dict(meta or {}))


class _Generation:
    """One generation's collection in a store, named by its info."""

    def __init__(self, store: "ChunkStore", collection: Collection, info: GenerationInfo):
        self._store = store
        self._collection = collection
        self.info = info

    @property
    def name(self) -> str:
        """Name of the generation, e.g. "corpus__g3"; changes whenever a build lands."""
        return self.info.name


class Snapshot(_Generation):
    """One generation, pinned: BM25 and dense search built from one snapshot never mix indexes."""

    def _read(self, fn):
        with _translated(self._store.place):
            try:
                return fn()
            except NotFoundError as exc:
                raise StaleSnapshot(f"index generation {self.name} was replaced while reading") from exc

    def count(self) -> int:
        """Chunks in this generation."""
        return self._read(self._collection.count)

    def chunks(self, where: Where | None = None) -> list[Chunk]:
        """All chunks (optionally filtered), ordered by document and position."""
        out: list[Chunk] = []
        offset = 0
        while True:
            page = self._read(
                lambda: self._collection.get(
                    where=_where(where), limit=_PAGE, offset=offset, include=["documents", "metadatas"]
                )
            )
            ids = page["ids"]
            out.extend(_chunk(t, m) for t, m in zip(page["documents"] or [], page["metadatas"] or []))
            if len(ids) < _PAGE:
                break
            offset += _PAGE
        out.sort(key=lambda c: (c.doc_id, c.paragraph, c.start, c.chunk_id))
        return out

    def similarity(self, query: str, k: int = 4, where: Where | None = None) -> list[tuple[Chunk, float]]:
        """The k chunks closest to the query, with cosine similarity (higher is closer)."""
        if k <= 0:
            return []
        model = self._store.model_name
        if model and self.info.model and model != self.info.model:
            raise StoreError(
                f"the index was built with {self.info.model} but {model} is configured — "
                "run `python -m bot index`"
            )
        vector = list(self._store.embeddings.embed_query(query))
        res = self._read(
            lambda: self._collection.query(
                query_embeddings=[vector],
                n_results=k,
                where=_where(where),
                include=["documents", "metadatas", "distances"],
            )
        )
        docs = (res["documents"] or [[]])[0]
        metas = (res["metadatas"] or [[]])[0]
        dists = (res["distances"] or [[]])[0]
        return [(_chunk(t, m), 1.0 - float(d)) for t, m, d in zip(docs, metas, dists)]

    def vectors(self, doc_ids: Sequence[str]) -> dict[str, list[float]]:
        """Stored vectors of these documents' chunks, keyed by vector_key (for reuse by the builder)."""
        out: dict[str, list[float]] = {}
        if not doc_ids:
            return out
        offset = 0
        while True:
            page = self._read(
                lambda: self._collection.get(
                    where=_where({"doc_id": list(doc_ids)}),
                    limit=_PAGE,
                    offset=offset,
                    include=["embeddings", "metadatas"],
                )
            )
            embs = page["embeddings"] if page["embeddings"] is not None else []
            for meta, emb in zip(page["metadatas"] or [], embs):
                key = (meta or {}).get("vector_key")
                if key:
                    out[str(key)] = [float(x) for x in emb]
            if len(page["ids"]) < _PAGE:
                break
            offset += _PAGE
        return out

    def ids(self) -> list[str]:
        """Every chunk id in this generation (for integrity checks)."""
        out: list[str] = []
        offset = 0
        while True:
            page = self._read(lambda: self._collection.get(limit=_PAGE, offset=offset, include=[]))
            out.extend(page["ids"])
            if len(page["ids"]) < _PAGE:
                break
            offset += _PAGE
        return out


class StaleSnapshot(StoreError):
    """The pinned generation was deleted by a build that landed meanwhile; take a new snapshot."""


# --------------------------------------------------------------------------- writing


class GenerationWriter(_Generation):
    """A generation being built; invisible to readers until ChunkStore.activate()."""

    def add(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]], doc_sha256: Mapping[str, str]) -> None:
        """Write chunks with their vectors; doc_sha256 maps doc_id to its file hash."""
        if not chunks:
            return
        metas = []
        for c in chunks:
            meta = c.metadata()
            meta["doc_sha256"] = doc_sha256.get(c.doc_id, "")
            meta["vector_key"] = vector_key(c)
            metas.append(meta)
        step = self._store.max_batch
        with _translated(self._store.place):
            for i in range(0, len(chunks), step):
                self._collection.add(
                    ids=[c.chunk_id for c in chunks[i : i + step]],
                    documents=[c.text for c in chunks[i : i + step]],
                    metadatas=metas[i : i + step],
                    embeddings=[list(v) for v in vectors[i : i + step]],
                )

    def count(self) -> int:
        """Chunks written so far."""
        with _translated(self._store.place):
            return self._collection.count()


# --------------------------------------------------------------------------- the store


class ChunkStore:
    """Chunks and their vectors in Chroma, read through the active-generation pointer."""

    def __init__(
        self,
        client: ClientAPI,
        embeddings: Embeddings,
        *,
        collection: str = "corpus",
        model_name: str = "",
        batch_size: int = 32,
        place: _Place | None = None,
        lock_path: Path | None = None,
    ):
        self.client = client
        self.embeddings = embeddings
        self.name = collection
        self.model_name = model_name
        self.batch_size = max(1, batch_size)
        self.place = place or _Place(server=None, path=None)
        self._lock_path = lock_path
        self._ef = LangChainEmbeddingFunction(embeddings)
        self._gen_re = re.compile(rf"^{re.escape(collection)}__g(\d+)$")
        self._cached: tuple[str, Collection, GenerationInfo] | None = None
        with _translated(self.place):
            self.max_batch = max(1, min(client.get_max_batch_size(), 5000))

    @classmethod
    def open(cls, settings: IndexSettings, embeddings: Embeddings, *, discard_corrupt: bool = False) -> "ChunkStore":
        """Open the store the settings describe, with the caller's embeddings."""
        place = _place(settings)
        return cls(
            open_client(settings, discard_corrupt=discard_corrupt),
            embeddings,
            collection=settings.collection,
            model_name=settings.embedding_model,
            batch_size=settings.batch_size,
            place=place,
            lock_path=None if settings.chroma_host else Path(settings.store_dir) / ".build.lock",
        )

    # ----- pointer

    @property
    def meta_name(self) -> str:
        """Name of the pointer collection."""
        return f"{self.name}__meta"

    def _pointer_meta(self) -> dict:
        try:
            return dict(self.client.get_collection(self.meta_name, embedding_function=self._ef).metadata or {})
        except NotFoundError:
            return {}

    def _pointer(self) -> str | None:
        active = self._pointer_meta().get("active")
        return str(active) if active else None

    def previous(self) -> str | None:
        """The generation the active one replaced, kept for a rollback (None when there is none)."""
        with _translated(self.place):
            prev = self._pointer_meta().get("previous")
        return str(prev) if prev else None

    def _info(self, col: Collection) -> GenerationInfo:
        meta = col.metadata or {}
        match = self._gen_re.match(col.name)
        return GenerationInfo(
            name=col.name,
            number=int(match.group(1)) if match else 0,
            model=str(meta.get("model", "")),
            docs=json.loads(str(meta.get("docs") or "{}")),
            chunks=int(meta.get("chunks", 0) or 0),
            created=str(meta.get("created", "")),
        )

    def _resolve(self) -> tuple[Collection, GenerationInfo] | None:
        name = self._pointer()
        for _ in range(_VANISH_RETRIES):
            if name is None:
                return None
            if self._cached and self._cached[0] == name:
                return self._cached[1], self._cached[2]
            try:
                col = self.client.get_collection(name, embedding_function=self._ef)
            except NotFoundError:
                # a build flipped the pointer and dropped this generation after we read it
                again = self._pointer()
                if again == name:
                    return None  # dangling pointer: nothing usable is built
                name = again
                continue
            info = self._info(col)
            self._cached = (name, col, info)
            return col, info
        return None

    def active(self) -> GenerationInfo | None:
        """The active generation, or None when nothing has been built yet."""
        with _translated(self.place):
            found = self._resolve()
        return found[1] if found else None

    def snapshot(self) -> Snapshot:
        """Pin the active generation for a consistent series of reads."""
        with _translated(self.place):
            found = self._resolve()
        if found is None:
            where = self.place.server or self.place.path or "the store"
            raise StoreError(f"no index in {where} yet — run `python -m bot index`")
        return Snapshot(self, found[0], found[1])

    def _read(self, fn):
        # Retry when a build lands between resolving the pointer and reading the generation
        for attempt in range(_VANISH_RETRIES):
            try:
                return fn(self.snapshot())
            except StaleSnapshot:
                self._cached = None
                if attempt == _VANISH_RETRIES - 1:
                    raise

    # ----- reading (each call resolves the pointer)

    def count(self) -> int:
        """Chunks in the active index; 0 when nothing has been built."""
        if self.active() is None:
            return 0
        return self._read(lambda s: s.count())

    def chunks(self, where: Where | None = None) -> list[Chunk]:
        """All chunks of the active index, for an in-memory keyword index."""
        return self._read(lambda s: s.chunks(where))

    def similarity(self, query: str, k: int = 4, where: Where | None = None) -> list[tuple[Chunk, float]]:
        """Dense search in the active index; where filters on metadata (speaker, section, doc_id, ...)."""
        return self._read(lambda s: s.similarity(query, k, where))

    def ping(self) -> bool:
        """True when the store answers."""
        try:
            with _translated(self.place):
                self.client.heartbeat()
            return True
        except StoreError:
            return False

    def check(self) -> bool:
        """True when the active index can really be read: its rows, and one vector search through the
        embedding model (a corrupted file fails here, where a heartbeat would still answer)."""
        try:
            if self.active() is None:
                return False
            return self._read(lambda s: s.count() >= 0 and isinstance(s.similarity(_PROBE, 1), list))
        except Exception:  # whatever the failure, the answer is "not ready", never a crash
            return False

    # ----- building (used by index.search.build)

    def generations(self) -> list[str]:
        """Names of every generation collection, finished or not."""
        with _translated(self.place):
            names = [c if isinstance(c, str) else c.name for c in self.client.list_collections()]
        return sorted((n for n in names if self._gen_re.match(n)), key=self._number)

    def _number(self, name: str) -> int:
        match = self._gen_re.match(name)
        return int(match.group(1)) if match else 0

    def drop_stale(self) -> list[str]:
        """Delete generations that are neither active nor the previous one (leftovers of crashed or old
        builds), and their folders on disk."""
        active = self.active()
        keep = {active.name, self.previous()} if active else set()
        dropped = []
        for name in self.generations():
            if name not in keep:
                self._drop(name)
                dropped.append(name)
        self.purge_orphans()
        return dropped

    def purge_orphans(self) -> list[str]:
        """Embedded store: delete segment folders no collection uses any more (Chroma leaves them)."""
        root = self.place.path
        if root is None or not root.is_dir():
            return []
        # List the folders first: one created after this listing is never a candidate.
        folders = [p for p in root.iterdir() if p.is_dir() and _SEGMENT_DIR.match(p.name)]
        if not folders:
            return []
        try:
            with contextlib.closing(sqlite3.connect(f"file:{root / 'chroma.sqlite3'}?mode=ro", uri=True)) as db:
                live = {row[0] for row in db.execute("SELECT id FROM segments")}
        except sqlite3.Error:
            return []  # unreadable catalog: deleting nothing is the safe answer
        removed = []
        for folder in folders:
            if folder.name not in live:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder.name)
        return removed

    def rollback(self) -> str:
        """Point readers back at the previous generation; returns its name."""
        prev = self.previous()
        active = self.active()
        if not prev or prev not in self.generations():
            raise StoreError("no previous index generation to roll back to")
        with _translated(self.place):
            meta_col = self.client.get_or_create_collection(self.meta_name, embedding_function=self._ef)
            meta_col.modify(metadata={"active": prev, "previous": active.name if active else "", "updated": _now()})
        self._cached = None
        return prev

    def _drop(self, name: str) -> None:
        with _translated(self.place):
            try:
                self.client.delete_collection(name)
            except NotFoundError:
                pass

    def begin(self, docs: Mapping[str, str], chunks: int) -> GenerationWriter:
        """Create the next generation for these documents (doc_id -> fingerprint) and chunk count."""
        existing = [self._number(n) for n in self.generations()]
        active = self.active()
        number = max([0, *existing, active.number if active else 0]) + 1
        name = f"{self.name}__g{number}"
        meta = {
            "model": self.model_name,
            "docs": json.dumps(dict(docs), ensure_ascii=False, sort_keys=True),
            "chunks": int(chunks),
            "created": _now(),
        }
        with _translated(self.place):
            col = self.client.create_collection(
                name,
                configuration={"hnsw": {"space": "cosine"}},
                metadata=meta,
                embedding_function=self._ef,
            )
        return GenerationWriter(self, col, self._info(col))

    def activate(self, writer: GenerationWriter, expected_previous: str | None) -> None:
        """Point readers at the finished generation, keep the one it replaces for a rollback, and delete
        older ones (with their folders on disk)."""
        written = writer.count()
        if written != writer.info.chunks:
            raise StoreError(f"generation {writer.name} holds {written} chunks, expected {writer.info.chunks}")
        current = self.active()
        if (current.name if current else None) != expected_previous:
            # another build landed meanwhile; its result stands and ours is discarded
            self._drop(writer.name)
            raise StoreError("another build replaced the index meanwhile — run the build again")
        with _translated(self.place):
            meta_col = self.client.get_or_create_collection(self.meta_name, embedding_function=self._ef)
            # the flip: one metadata write, atomic in Chroma's catalog in both modes
            meta_col.modify(metadata={"active": writer.name, "previous": expected_previous or "", "updated": _now()})
        self._cached = None
        for name in self.generations():
            if name not in (writer.name, expected_previous):
                self._drop(name)
        self.purge_orphans()

    def discard(self, writer: GenerationWriter) -> None:
        """Delete an unfinished generation (after a failed build)."""
        self._drop(writer.name)

    @contextlib.contextmanager
    def build_lock(self) -> Iterator[None]:
        """Refuse a second concurrent build on an embedded store (the OS drops the lock on kill -9)."""
        if self._lock_path is None:
            # server mode has no shared file system; activate() still refuses a lost race
            yield
            return
        self._lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self._lock_path, "a", encoding="utf-8") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise StoreError(f"another build is running on {self._lock_path.parent}") from exc
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
