"""Assemble the chatbot: parse the corpus, bring the index up to date, build the chain and backends."""
from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence

from index.ingest.chunks import chunk_document
from index.ingest.corpus import Corpus, load_corpus
from index.search.keyword import KeywordIndex
from index.models import Chunk, Document, Person
from index.search.retriever import DenseSearch, HybridSearcher
from index.settings import IndexSettings
from index.search.tokenize import ChineseTokenizer

from bot.pipeline.chain import AnswerBackend, ask, build_chain
from bot.backends.extractive import ExtractiveBackend
from bot.knowledge import Knowledge
from bot.models import Answer, Turn
from bot.settings import BotSettings

Progress = Callable[[str], None]


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def corpus_chunks(corpus: Corpus) -> list[tuple[str, str, list[Chunk]]]:
    """(doc_id, sha256, chunks) for every document, as the index builder takes them."""
    return [(d.doc_id, d.sha256, chunk_document(d)) for d in corpus.documents]


def dictionary_words(corpus: Corpus) -> list[str]:
    """Names and titles from the registry, so jieba keeps them whole."""
    words = [p.name for p in corpus.people] + [t for p in corpus.people for t in p.titles]
    for d in corpus.documents:
        words += [s.title for s in d.sections if s.title]
    return words


def build_knowledge(corpus: Corpus, dense: DenseSearch | None) -> Knowledge:
    """Keyword index over the corpus's chunks plus the given dense search."""
    chunks = [c for _, _, cs in corpus_chunks(corpus) for c in cs]
    keyword = KeywordIndex(chunks, ChineseTokenizer(dictionary_words(corpus)))
    return Knowledge(corpus, chunks, HybridSearcher(keyword, dense))


REFRESH_S = 5.0  # how often a serving process looks whether another process rebuilt the index


class Chatbot:
    """The ChatService used by the CLI and the web app."""

    def __init__(self, kb: Knowledge, backend: AnswerBackend, store=None,
                 bot_settings: BotSettings | None = None, index_settings: IndexSettings | None = None):
        self.kb = kb
        self.backend = backend
        self.store = store
        self.bot_settings = bot_settings
        self.index_settings = index_settings
        self.chain = build_chain(kb, backend)
        self._generation = self._active_generation()
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    def _active_generation(self) -> str | None:
        try:
            info = self.store.active() if self.store is not None else None
        except Exception:  # an unreachable store is reported by health(); answering goes on
            return None
        return info.name if info else None

    def follow_index(self, force: bool = False) -> bool:
        """Switch to an index another process built, when it matches the corpus folder; True if switched."""
        if self.store is None or self.index_settings is None:
            return False
        now = time.monotonic()
        if not force and now - self._checked < REFRESH_S:
            return False
        self._checked = now
        try:
            info = self.store.active()
        except Exception:
            return False
        if info is None or info.name == self._generation:
            return False
        from index.search.build import DocChunks, fingerprint

        with self._lock:
            corpus = load_corpus(self.index_settings.corpus_dir, self.index_settings.max_file_mb, warn=lambda m: None)
            prints = {d: fingerprint(DocChunks(d, sha, tuple(cs))) for d, sha, cs in corpus_chunks(corpus)}
            if prints != dict(info.docs):
                return False  # the folder changed again since that build: keep answering from what we have
            kb = build_knowledge(corpus, self.store)
            backend = make_backend(self.bot_settings or BotSettings(), kb)
            self.kb, self.backend, self.chain = kb, backend, build_chain(kb, backend)
            self._generation = info.name
        return True

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """Answer one question in the context of the conversation so far."""
        self.follow_index()
        return ask(self.chain, question, history)

    def stream(self, question: str, history: Sequence[Turn] = ()) -> Iterator[str | Answer]:
        """Yield answer text pieces, then the final Answer; backends that cannot stream yield it whole."""
        t0 = time.perf_counter()
        self.follow_index()
        streamer = getattr(self.backend, "stream", None)
        if streamer is None:
            answer = self.ask(question, history)
            yield answer.answer
            yield answer
            return
        from bot.pipeline.chain import prepare

        q, standalone, hits = prepare(self.kb, question, history)
        for piece in streamer(q, standalone, hits):
            if isinstance(piece, Answer):
                piece.latency_ms = (time.perf_counter() - t0) * 1000
            yield piece

    def people(self) -> list[Person]:
        """The speaker registry."""
        return self.kb.people

    def documents(self) -> list[Document]:
        """The parsed documents."""
        return self.kb.documents

    def health(self) -> dict[str, bool]:
        """Readiness of the corpus, the store and the embedding model."""
        store_ok = True
        if self.store is not None:
            try:
                store_ok = self.store.ping()
            except Exception:  # any failure to reach the store means "not ready", never a crash
                store_ok = False
        return {"corpus": bool(self.kb.documents), "store": store_ok,
                "embeddings": self.kb.searcher.dense is not None}


def make_backend(settings: BotSettings, kb: Knowledge) -> AnswerBackend:
    """The answer backend the settings name; the LLM ones fall back to the extractive one."""
    extractive = ExtractiveBackend(kb)
    if settings.backend == "llm":
        from bot.backends.llm import build_llm_backend

        return build_llm_backend(settings, kb, fallback=extractive)
    if settings.backend == "local":
        from bot.backends.local import build_local_backend

        return build_local_backend(settings, kb, fallback=extractive)
    return extractive


def open_index(index_settings: IndexSettings, corpus: Corpus, progress: Progress = _stderr, rebuild: bool = False):
    """Load the embedding model, open the store and bring it up to date with the corpus."""
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


def load_chatbot(bot_settings: BotSettings, index_settings: IndexSettings, progress: Progress | None = None) -> Chatbot:
    """Everything the chatbot needs, built once per process."""
    progress = progress or _stderr
    progress(f"reading the corpus in {index_settings.corpus_dir}…")
    corpus = load_corpus(index_settings.corpus_dir, index_settings.max_file_mb, warn=progress)
    store, _ = open_index(index_settings, corpus, progress)
    kb = build_knowledge(corpus, store)
    return Chatbot(kb, make_backend(bot_settings, kb), store, bot_settings, index_settings)
