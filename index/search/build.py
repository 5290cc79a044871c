"""Incremental, crash-safe index builds: embed only what changed, land the result atomically.

A build writes a whole new generation next to the active one, reusing stored vectors for
every chunk whose text is already indexed, and flips the pointer only once it is complete.
Killed half-way, the previous generation keeps answering; the next build deletes the leftover.
"""
from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tqdm import tqdm

from index.models import Chunk, index_text
from index.search.catalog import DocChunks, fingerprint  # noqa: F401 - DocChunks is part of this API
from index.search.store import ChunkStore, GenerationWriter, Snapshot, vector_key

_GROUP_CHUNKS = 512  # chunks per read-reuse-embed-write round: bounds memory on big corpora


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]
    chunks_embedded: int  # texts sent to the embedding model
    chunks_reused: int  # chunks written with a vector copied from the previous generation
    chunks_total: int  # chunks in the active index after the build
    seconds: float
    generation: str | None  # active generation after the build
    reason: str = ""  # why the whole index was rewritten ("" for an ordinary incremental build)
    dropped: tuple[str, ...] = ()  # leftover generations deleted at start

    @property
    def noop(self) -> bool:
        """True when the index already matched the input and nothing was written."""
        return not (self.added or self.changed or self.removed or self.reason)

    def summary(self) -> str:
        """One line for the CLI."""
        head = "index up to date" if self.noop else f"built {self.generation}"
        why = f" ({self.reason})" if self.reason else ""
        return (
            f"{head}{why}: {len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.removed)} removed, {len(self.unchanged)} unchanged documents; "
            f"{self.chunks_embedded} chunks embedded, {self.chunks_reused} reused, "
            f"{self.chunks_total} in the index; {self.seconds:.1f} s"
        )


def _validated(docs_chunks: Iterable[tuple[str, str, Sequence[Chunk]]]) -> list[DocChunks]:
    docs = [DocChunks(d[0], d[1], tuple(d[2])) for d in docs_chunks]
    seen_docs: set[str] = set()
    seen_chunks: set[str] = set()
    for doc in docs:
        if doc.doc_id in seen_docs:
            raise ValueError(f"document {doc.doc_id!r} given twice")
        seen_docs.add(doc.doc_id)
        for c in doc.chunks:
            if c.doc_id != doc.doc_id:
                raise ValueError(f"chunk {c.chunk_id!r} says doc {c.doc_id!r}, given under {doc.doc_id!r}")
            if not c.chunk_id or c.chunk_id in seen_chunks:
                # Chroma would silently keep one of two rows with the same id
                raise ValueError(f"chunk id {c.chunk_id!r} is empty or not unique")
            seen_chunks.add(c.chunk_id)
    return docs


def _groups(docs: list[DocChunks]) -> Iterable[list[DocChunks]]:
    group: list[DocChunks] = []
    size = 0
    for doc in docs:
        group.append(doc)
        size += len(doc.chunks)
        if size >= _GROUP_CHUNKS:
            yield group
            group, size = [], 0
    if group:
        yield group


def _fill(
    writer: GenerationWriter,
    docs: list[DocChunks],
    source: Snapshot | None,
    store: ChunkStore,
    bar: tqdm,
) -> tuple[int, int]:
    """Write every chunk into the new generation; returns (embedded, reused)."""
    embedded = reused = 0
    old_docs = source.info.docs if source else {}
    for group in _groups(docs):
        known = source.vectors([d.doc_id for d in group if d.doc_id in old_docs]) if source else {}
        chunks = [c for d in group for c in d.chunks]
        keys = [vector_key(c) for c in chunks]
        reused += sum(1 for k in keys if k in known)
        # identical texts (boilerplate lines) are embedded once
        todo = {k: index_text(c) for k, c in zip(keys, chunks) if k not in known}
        pending = list(todo.items())
        for i in range(0, len(pending), store.batch_size):
            batch = pending[i : i + store.batch_size]
            vectors = store.embeddings.embed_documents([t for _, t in batch])
            if len(vectors) != len(batch):
                raise RuntimeError(f"embedding model returned {len(vectors)} vectors for {len(batch)} texts")
            known.update({k: list(v) for (k, _), v in zip(batch, vectors)})
            embedded += len(batch)
            bar.update(len(batch))
        writer.add(chunks, [known[k] for k in keys], {d.doc_id: d.sha256 for d in group})
        bar.update(len(chunks) - len(pending))
    return embedded, reused


def build_index(
    docs_chunks: Iterable[tuple[str, str, Sequence[Chunk]]],
    store: ChunkStore,
    progress: bool = True,
    *,
    rebuild: bool = False,
) -> BuildReport:
    """Make the store's active index hold exactly these documents' chunks, embedding only new text."""
    t0 = time.perf_counter()
    docs = _validated(docs_chunks)
    with store.build_lock():
        dropped = tuple(store.drop_stale())
        active = store.active()
        reason = ""
        if active is None:
            reason = "no index yet"
        elif rebuild:
            reason = "rebuild requested"
        elif active.model != store.model_name:
            reason = f"embedding model changed: {active.model or '?'} -> {store.model_name or '?'}"
        old = active.docs if active else {}
        prints = {d.doc_id: fingerprint(d) for d in docs}
        added = tuple(d for d in prints if d not in old)
        changed = tuple(d for d in prints if d in old and old[d] != prints[d])
        unchanged = tuple(d for d in prints if d in old and old[d] == prints[d])
        removed = tuple(sorted(d for d in old if d not in prints))
        total = sum(len(d.chunks) for d in docs)

        def report(embedded: int, reused: int, generation: str | None) -> BuildReport:
            return BuildReport(
                added, changed, removed, unchanged, embedded, reused, total,
                time.perf_counter() - t0, generation, reason, dropped,
            )

        source = store.snapshot() if active is not None and not reason else None
        if source is not None and not (added or changed or removed):
            # also check the rows, so a damaged generation is rewritten rather than trusted
            rows = source.count()
            if active.chunks == total and rows == total:
                return report(0, 0, active.name)
            reason = f"active index holds {rows} chunks, expected {total}"

        writer = store.begin(prints, total)
        try:
            with tqdm(
                total=total, unit="chunk", desc=f"indexing {writer.name}",
                file=sys.stderr, disable=not progress, dynamic_ncols=True,
            ) as bar:
                embedded, reused = _fill(writer, docs, source, store, bar)
            store.activate(writer, expected_previous=active.name if active else None)
        except BaseException:
            # a clean failure (or Ctrl-C) leaves nothing behind; after kill -9 the next build drops it
            with contextlib.suppress(Exception):
                store.discard(writer)
            raise
        return report(embedded, reused, writer.name)
