"""The chatbot the front ends use: the index side as index.open builds it, one preparation chain, one backend."""
from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence

from index.models import Document, Person
from index.open import OpenedSearch, build_searcher, open_search, reopen_if_changed, update_index
from index.search.retriever import DenseSearch
from index.settings import IndexSettings

from bot.answer_cache import AnswerCache
from bot.backends import make_backend
from bot.pipeline.chain import AnswerBackend, ask, build_chain, build_preparation, finish, prepare
from bot.knowledge import Knowledge
from bot.models import Answer, Turn
from bot.settings import BotSettings

Progress = Callable[[str], None]


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def knowledge_from(opened: OpenedSearch, warm: bool = True) -> Knowledge:
    """The answer side's view of an opened index (its derived data kept with the index's artifacts)."""
    return Knowledge(opened.corpus, opened.chunks, opened.searcher, artifacts=opened.artifacts, warm=warm)


def build_knowledge(corpus, dense: DenseSearch | None) -> Knowledge:
    """Knowledge over a parsed corpus with the given dense search (None: keyword only)."""
    return knowledge_from(build_searcher(corpus, dense))


REFRESH_S = 5.0  # how often a serving process looks whether another process rebuilt the index


class Chatbot:
    """The ChatService used by the CLI and the web app."""

    def __init__(self, kb: Knowledge, backend: AnswerBackend, store=None,
                 bot_settings: BotSettings | None = None, index_settings: IndexSettings | None = None):
        self.kb = kb
        self.backend = backend
        self.store = store
        self.bot_settings = bot_settings or BotSettings()
        self.index_settings = index_settings
        # One path up to the backend, for ask and stream alike.
        self.preparation = build_preparation(kb, self.bot_settings.top_k)
        self.chain = build_chain(kb, backend, self.preparation)
        self._generation = self._active_generation()
        self._checked = time.monotonic()
        self._lock = threading.Lock()
        # Only the extractive backend answers a conversation the same way every time.
        settings = bot_settings or BotSettings()
        extractive = getattr(backend, "name", "") == "extractive"
        self.answers = AnswerCache(settings.answer_cache if extractive else 0)
        # A model reads a message's several questions at once; the extractive backend answers one at a time.
        self.each_part = extractive

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
        with self._lock:
            try:
                reopened = reopen_if_changed(self.index_settings, self.store, self._generation)
            except Exception:  # a corpus file being rewritten right now: keep answering, look again later
                return False
            if reopened is None:
                return False
            self._generation, opened = reopened
            kb = knowledge_from(opened)
            backend = make_backend(self.bot_settings, kb)
            preparation = build_preparation(kb, self.bot_settings.top_k)
            self.kb, self.backend, self.preparation = kb, backend, preparation
            self.chain = build_chain(kb, backend, preparation)
        return True

    def reindex(self, warn: Progress = _stderr) -> str:
        """Bring this process's index up to date with the corpus folder, then answer from it; the summary."""
        if self.store is None or self.index_settings is None:
            raise RuntimeError("this chatbot has no index store to rebuild")
        report = update_index(self.index_settings, self.store, warn)
        self.follow_index(force=True)
        return report.summary()

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """Answer one question in the context of the conversation so far."""
        self.follow_index()
        t0 = time.perf_counter()
        generation = self._generation
        answer = self.answers.get(generation, question, history)
        if answer is not None:
            answer.latency_ms = (time.perf_counter() - t0) * 1000
            return answer
        answer = ask(self.chain, question, history, each_part=self.each_part, known=self.kb.mentions)
        self.answers.put(generation, question, history, answer)
        return answer

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
        q, standalone, hits = prepare(self.preparation, question, history)
        for piece in streamer(q, standalone, hits):
            if isinstance(piece, Answer):
                piece = finish(q, piece)
                piece.latency_ms = (time.perf_counter() - t0) * 1000
            yield piece

    def warm_up(self) -> None:
        """Start loading in the background what only some questions need (see Knowledge.warm_up)."""
        self.kb.warm_up()

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
                store_ok = self.store.check()  # a real read and search: a corrupted file fails it
            except Exception:  # any failure to reach the store means "not ready", never a crash
                store_ok = False
        return {"corpus": bool(self.kb.documents), "store": store_ok,
                "embeddings": self.kb.searcher.dense is not None}

    def stats(self) -> dict[str, object]:
        """What the front ends may show or export about the chatbot's state (the only way they read it)."""
        return {"documents": len(self.kb.documents), "chunks": len(self.kb.chunks), "people": len(self.kb.people),
                "generation": self._generation, "backend": getattr(self.backend, "name", "")}


def load_chatbot(bot_settings: BotSettings, index_settings: IndexSettings, progress: Progress | None = None,
                 warm: bool = True) -> Chatbot:
    """Everything the chatbot needs, built once per process; warm=False (one question, then exit) loads nothing
    in the background that only some questions need."""
    # Loading allocates millions of objects that live as long as the process (dictionaries, tables, vectors):
    # the cyclic collector scanning them while they are built costs ~0.4 s, and every later full collection
    # (a pause in some answer) would scan them again. So it waits, and what was loaded is then frozen out of
    # its reach (gc.freeze: also out of the collection at exit).
    collecting = gc.isenabled()
    gc.disable()
    try:
        opened = open_search(index_settings, progress or _stderr)
        kb = knowledge_from(opened, warm)
        bot = Chatbot(kb, make_backend(bot_settings, kb), opened.store, bot_settings, index_settings)
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    return bot
