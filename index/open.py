"""Open everything a question needs from the index side: corpus, chunks, searchers, store — built here, once.

The bot package receives these objects; it never assembles index internals itself, so a question's path
goes down once (web → bot → index) and never climbs back.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from index.ingest.chunks import chunk_document
from index.ingest.corpus import Corpus, load_corpus
from index.models import Chunk
from index.search.keyword import KeywordIndex
from index.search.retriever import DenseSearch, HybridSearcher
from index.search.tokenize import ChineseTokenizer
from index.settings import IndexSettings

Progress = Callable[[str], None]


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@dataclass
class OpenedSearch:
    """The parsed corpus, its chunks, the fused searcher over them and the store behind the dense side."""

    corpus: Corpus
    chunks: list[Chunk]
    searcher: HybridSearcher
    store: object | None = None  # index.search.store.ChunkStore, or None for keyword-only use


def corpus_chunks(corpus: Corpus) -> list[tuple[str, str, list[Chunk]]]:
    """(doc_id, sha256, chunks) for every document, as the index builder takes them."""
    return [(d.doc_id, d.sha256, chunk_document(d)) for d in corpus.documents]


def dictionary_words(corpus: Corpus) -> list[str]:
    """Names and titles from the registry, so jieba keeps them whole."""
    words = [p.name for p in corpus.people] + [t for p in corpus.people for t in p.titles]
    for d in corpus.documents:
        words += [s.title for s in d.sections if s.title]
    return words


def build_searcher(corpus: Corpus, dense: DenseSearch | None) -> OpenedSearch:
    """Keyword index over the corpus's chunks fused with the given dense search (None: keyword only)."""
    chunks = [c for _, _, cs in corpus_chunks(corpus) for c in cs]
    keyword = KeywordIndex(chunks, ChineseTokenizer(dictionary_words(corpus)))
    from index.search.dense_memory import in_memory  # the pinned generation's vectors, searched in memory

    return OpenedSearch(corpus, chunks, HybridSearcher(keyword, in_memory(dense, chunks)), dense)


def open_index(index_settings: IndexSettings, corpus: Corpus, progress: Progress = _stderr, rebuild: bool = False):
    """Load the embedding model, open the store and bring it up to date with the corpus: (store, report)."""
    from index.search.build import build_index
    from index.search.embeddings import load_embeddings
    from index.search.store import ChunkStore

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
    return build_index(corpus_chunks(corpus), store, progress=False)


def open_search(index_settings: IndexSettings, progress: Progress | None = None) -> OpenedSearch:
    """Read the corpus folder, bring the index up to date and return the searcher over it."""
    progress = progress or _stderr
    progress(f"reading the corpus in {index_settings.corpus_dir}…")
    corpus = load_corpus(index_settings.corpus_dir, index_settings.max_file_mb, warn=progress)
    store, _ = open_index(index_settings, corpus, progress)
    return build_searcher(corpus, store)


def reopen_if_changed(index_settings: IndexSettings, store, current_generation: str | None):
    """(generation name, OpenedSearch) when another process built a new generation that matches the corpus
    folder; None when nothing changed, the store is unreachable, or the folder changed again since that build."""
    from index.search.build import DocChunks, fingerprint

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
    return info.name, build_searcher(corpus, store)
