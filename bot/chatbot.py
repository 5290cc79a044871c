"""Assemble the chatbot: parse the corpus, bring the index up to date, build the chain and backends."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence

from index.chunks import chunk_document
from index.ingest import Corpus, load_corpus
from index.keyword import KeywordIndex
from index.models import Chunk, Document, Person
from index.retriever import DenseSearch, HybridSearcher
from index.settings import IndexSettings
from index.tokenize import ChineseTokenizer

from .chain import AnswerBackend, ask, build_chain
from .extractive import ExtractiveBackend
from .knowledge import Knowledge
from .models import Answer, Turn
from .settings import BotSettings

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


class Chatbot:
    """The ChatService used by the CLI and the web app."""

    def __init__(self, kb: Knowledge, backend: AnswerBackend, store=None):
        self.kb = kb
        self.backend = backend
        self.store = store
        self.chain = build_chain(kb, backend)

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """Answer one question in the context of the conversation so far."""
        return ask(self.chain, question, history)

    def stream(self, question: str, history: Sequence[Turn] = ()) -> Iterator[str | Answer]:
        """Yield answer text pieces, then the final Answer; backends that cannot stream yield it whole."""
        t0 = time.perf_counter()
        streamer = getattr(self.backend, "stream", None)
        if streamer is None:
            answer = self.ask(question, history)
            yield answer.answer
            yield answer
            return
        from .chain import prepare

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
        from .llm import build_llm_backend

        return build_llm_backend(settings, kb, fallback=extractive)
    if settings.backend == "local":
        from .local_llm import build_local_backend

        return build_local_backend(settings, kb, fallback=extractive)
    return extractive


def open_index(index_settings: IndexSettings, corpus: Corpus, progress: Progress = _stderr, rebuild: bool = False):
    """Load the embedding model, open the store and bring it up to date with the corpus."""
    from index.build import build_index
    from index.embeddings import load_embeddings
    from index.store import ChunkStore

    progress("loading the embedding model…")
    embeddings = load_embeddings(index_settings)
    store = ChunkStore.open(index_settings, embeddings)
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
    return Chatbot(kb, make_backend(bot_settings, kb), store)
