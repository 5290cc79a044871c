"""Open everything a question needs from the index side: corpus, chunks, searchers, store — built here, once.

The bot package receives these objects; it never assembles index internals itself, so a question's path
goes down once (web → bot → index) and never climbs back.

Two ways in. When the store's catalog says the active generation already matches the corpus folder and that
generation's vectors are kept as an artifact (index.search.artifacts, written the first time a process reads
them), the index is opened from those files alone: no chromadb import, no Chroma client, no build check through
it (about a second of a cold start); the store is opened only when something asks more of it (`LazyStore`).
Otherwise the store is opened and brought up to date as always, and the vectors are kept for the next start.
"""
from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.ingest.chunks import chunk_document
from index.ingest.corpus import Corpus, load_corpus
from index.models import Chunk
from index.search.artifacts import Artifacts, digest, strings
from index.search.catalog import DocChunks, GenerationInfo, fingerprint, read_active, vector_key
from index.search.keyword import KeywordIndex
from index.search.retriever import DenseSearch, HybridSearcher
from index.search.tokenize import ChineseTokenizer, load_dictionary
from index.settings import IndexSettings

Progress = Callable[[str], None]
_PROBE = "检查"  # a readiness probe's question: any text exercises the model


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@dataclass
class OpenedSearch:
    """The parsed corpus, its chunks, the fused searcher over them and the store behind the dense side."""

    corpus: Corpus
    chunks: list[Chunk]
    searcher: HybridSearcher
    store: object | None = None  # index.search.store.ChunkStore (or a LazyStore), or None for keyword-only use
    artifacts: Artifacts | None = None  # where derived data of this index is kept between starts


def corpus_chunks(corpus: Corpus) -> list[tuple[str, str, list[Chunk]]]:
    """(doc_id, sha256, chunks) for every document, as the index builder takes them."""
    return [(d.doc_id, d.sha256, chunk_document(d)) for d in corpus.documents]


def dictionary_words(corpus: Corpus) -> list[str]:
    """Names and titles from the registry, so jieba keeps them whole."""
    words = [p.name for p in corpus.people] + [t for p in corpus.people for t in p.titles]
    for d in corpus.documents:
        words += [s.title for s in d.sections if s.title]
    return words


def _keyword(corpus: Corpus, chunks: list[Chunk], index_settings: IndexSettings | None = None) -> KeywordIndex:
    # jieba's dictionary is kept (in a faster form than jieba's own cache) with the models, for every index
    cache = Artifacts(Path(index_settings.cache_dir) / "jieba") if index_settings is not None else None
    return KeywordIndex(chunks, ChineseTokenizer(dictionary_words(corpus), dictionary_cache=cache))


def dense_key(info: GenerationInfo) -> str:
    """The artifact key of a generation's vectors: the generation itself, as its catalog entry describes it."""
    return digest("dense", info.name, info.created, info.model, info.docs, info.chunks)


def _keep_dense(artifacts: Artifacts | None, dense: Any) -> None:
    """Store the vectors a MatrixDense read from the store, for readers that open the index without chromadb."""
    info = getattr(dense, "info", None)
    if artifacts is None or info is None or not hasattr(dense, "matrix"):
        return
    key = dense_key(info)
    if artifacts.has("dense", key):
        return
    artifacts.save("dense", key, {"keys": strings(vector_key(c) for c in dense.chunks), "vectors": dense.matrix})


def build_searcher(corpus: Corpus, dense: DenseSearch | None, artifacts: Artifacts | None = None,
                   index_settings: IndexSettings | None = None) -> OpenedSearch:
    """Keyword index over the corpus's chunks fused with the given dense search (None: keyword only)."""
    chunks = [c for _, _, cs in corpus_chunks(corpus) for c in cs]
    keyword = _keyword(corpus, chunks, index_settings)
    from index.search.dense_memory import in_memory  # the pinned generation's vectors, searched in memory

    matrix = in_memory(dense, chunks)
    _keep_dense(artifacts, matrix)
    return OpenedSearch(corpus, chunks, HybridSearcher(keyword, matrix), dense, artifacts)


class _Loading:
    """The embedding model, loaded in a thread: creating the ONNX session releases the GIL, so on a second core
    it overlaps the jieba dictionary and the keyword index the main thread builds meanwhile."""

    def __init__(self, index_settings: IndexSettings):
        self._settings = index_settings
        self._result: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="load-embeddings", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from index.search.embeddings import load_embeddings

        try:
            self._result = load_embeddings(self._settings)
        except BaseException as exc:  # handed to the caller of result()
            self._error = exc

    def result(self):
        """The loaded embeddings (or the loader's error, raised here)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result


class LazyStore:
    """The store of an index opened from its artifacts: tells the active generation from Chroma's catalog file,
    and opens the Chroma client (index.search.store.ChunkStore) the first time anything else is asked of it."""

    def __init__(self, index_settings: IndexSettings, embeddings: Any):
        self._settings = index_settings
        self.embeddings = embeddings
        self.model_name = index_settings.embedding_model
        self._real = None
        self._lock = threading.Lock()

    @property
    def opened(self) -> bool:
        """Whether the Chroma client has been opened."""
        return self._real is not None

    def real(self):
        """The ChunkStore, opened on first use."""
        with self._lock:
            if self._real is None:
                from index.search.store import ChunkStore

                self._real = ChunkStore.open(self._settings, self.embeddings)
            return self._real

    def active(self) -> GenerationInfo | None:
        """The active generation (from the catalog file; through Chroma when that cannot tell)."""
        info = read_active(self._settings.store_dir, self._settings.collection)
        return info if info is not None else self.real().active()

    def check(self) -> bool:
        """Readiness of what answering reads, without opening the Chroma client: the catalog file passes SQLite's
        quick check and names a built generation, and the model embeds a probe. (Answers come from the vectors
        held in memory, not from Chroma's vector files; once the client is open — a rebuild — its own check runs.)"""
        if self._real is not None:
            return self._real.check()
        try:
            info = read_active(self._settings.store_dir, self._settings.collection, verify=True)
            return info is not None and info.chunks > 0 and len(self.embeddings.embed_query(_PROBE)) > 0
        except Exception:  # whatever the failure, the answer is "not ready", never a crash
            return False

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.real(), name)


def _stored_searcher(index_settings: IndexSettings, corpus: Corpus, embeddings: Callable[[], Any],
                     info: GenerationInfo | None = None) -> OpenedSearch | None:
    """The searcher over an up-to-date index from its artifacts alone, or None when the store must be opened:
    a Chroma server, nothing built, the corpus or the model changed, or the vectors not kept yet."""
    if index_settings.chroma_host:
        return None
    info = info or read_active(index_settings.store_dir, index_settings.collection, verify=True)
    if info is None or info.model != index_settings.embedding_model:
        return None
    docs = corpus_chunks(corpus)
    if {d: fingerprint(DocChunks(d, sha, tuple(cs))) for d, sha, cs in docs} != info.docs:
        return None
    chunks = [c for _, _, cs in docs for c in cs]
    if info.chunks != len(chunks) or not chunks:
        return None
    artifacts = Artifacts.for_settings(index_settings)
    stored = artifacts.load("dense", dense_key(info))
    if stored is None or "keys" not in stored or "vectors" not in stored:
        return None
    rows = {k: i for i, k in enumerate(stored["keys"].tolist())}
    order = [rows.get(vector_key(c)) for c in chunks]
    if any(i is None for i in order) or len(stored["vectors"]) != len(rows):
        return None
    from index.search.dense_memory import MatrixDense

    keyword = _keyword(corpus, chunks, index_settings)
    model = embeddings()
    store = LazyStore(index_settings, model)
    dense = MatrixDense(model, chunks, stored["vectors"][order], store=store)
    dense.info = info
    return OpenedSearch(corpus, chunks, HybridSearcher(keyword, dense), store, artifacts)


def open_index(index_settings: IndexSettings, corpus: Corpus, progress: Progress = _stderr, rebuild: bool = False,
               embeddings: Any = None):
    """Load the embedding model (unless given), open the store and bring it up to date with the corpus:
    (store, report)."""
    from index.search.build import build_index
    from index.search.store import ChunkStore

    if embeddings is None:
        from index.search.embeddings import load_embeddings

        progress("loading the embedding model…")
        embeddings = load_embeddings(index_settings)
    # --rebuild also recovers from a corrupted store: the broken folder is set aside, not deleted.
    store = ChunkStore.open(index_settings, embeddings, discard_corrupt=rebuild)
    report = build_index(corpus_chunks(corpus), store, progress=True, rebuild=rebuild)
    if not report.noop:
        progress(report.summary())
    return store, report


def update_index(index_settings: IndexSettings, store, warn: Progress = _stderr):
    """Re-read the corpus folder and bring an open store up to date with it (the model and store this
    process already holds: a second copy would hold two models and two indexes at once); the build report."""
    from index.search.build import build_index

    corpus = load_corpus(index_settings.corpus_dir, index_settings.max_file_mb, warn=warn)
    real = store.real() if isinstance(store, LazyStore) else store
    return build_index(corpus_chunks(corpus), real, progress=False)


def open_search(index_settings: IndexSettings, progress: Progress | None = None) -> OpenedSearch:
    """Read the corpus folder, bring the index up to date and return the searcher over it."""
    progress = progress or _stderr
    progress(f"reading the corpus in {index_settings.corpus_dir}…")
    # The word dictionary from the index's artifacts (0.25 s, not jieba's own 0.8 s): reading news prose asks it
    # whether a name with no title is a common word, and keyword search needs it next anyway.
    load_dictionary(Artifacts.for_settings(index_settings))
    corpus = load_corpus(index_settings.corpus_dir, index_settings.max_file_mb, warn=progress)
    progress("loading the embedding model…")
    loading = _Loading(index_settings)
    opened = _stored_searcher(index_settings, corpus, loading.result)
    if opened is not None:
        return opened
    store, _ = open_index(index_settings, corpus, progress, embeddings=loading.result())
    return build_searcher(corpus, store, Artifacts.for_settings(index_settings), index_settings)


def reopen_if_changed(index_settings: IndexSettings, store, current_generation: str | None):
    """(generation name, OpenedSearch) when another process built a new generation that matches the corpus
    folder; None when nothing changed, the store is unreachable, or the folder changed again since that build."""
    try:
        info = store.active()
    except Exception:  # an unreachable store is reported by readiness; answering goes on
        return None
    if info is None or info.name == current_generation:
        return None
    corpus = load_corpus(index_settings.corpus_dir, index_settings.max_file_mb, warn=lambda m: None)
    prints = {d: fingerprint(DocChunks(d, sha, tuple(cs))) for d, sha, cs in corpus_chunks(corpus)}
    if prints != dict(info.docs):
        return None
    if isinstance(store, LazyStore):  # the builder kept the new generation's vectors: no Chroma client needed
        opened = _stored_searcher(index_settings, corpus, lambda: store.embeddings, info)
        if opened is not None:
            opened.store = opened.searcher.dense.store = store
            return info.name, opened
    return info.name, build_searcher(corpus, store, Artifacts.for_settings(index_settings), index_settings)
