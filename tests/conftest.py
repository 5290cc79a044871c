"""Shared fixtures: a small knowledge base over a fixture article, built with fakes (fast)."""
from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from bot.chatbot import build_knowledge
from bot.knowledge import Knowledge
from index.ingest.chunks import chunk_document
from index.ingest.corpus import load_corpus
from tests.fakes import BigramEmbeddings, MemoryDense

DATA = Path(__file__).parent / "data"
ARTICLE = "宜宾晚报_2021-03-18_四项工程这样推.txt"
DECISION = "中共宜宾市委_关于加快建设区域中心城市的决定.txt"


def knowledge_for(folder: Path) -> Knowledge:
    """A Knowledge over a corpus folder with fake dense search (no model, no Chroma)."""
    corpus = load_corpus(folder)
    chunks = [c for d in corpus.documents for c in chunk_document(d)]
    return build_knowledge(corpus, MemoryDense(chunks, BigramEmbeddings()))


def knowledge_of(folder: Path, document: str) -> Knowledge:
    """A Knowledge over one invented document written into the folder: its first line is the file name, the rest
    its text."""
    name, _, body = document.partition("\n")
    (folder / name).write_text(body, encoding="utf-8")
    return knowledge_for(folder)


def chatbot_for(folder: Path, document: str):
    """An extractive Chatbot over one invented document: its first line is the file name, the rest its text."""
    from bot.backends.extractive import ExtractiveBackend
    from bot.chatbot import Chatbot

    kb = knowledge_of(folder, document)
    return Chatbot(kb, ExtractiveBackend(kb))


def real_chatbot_for(folder: Path, document: str):
    """The real chatbot (the bundled encoder and the router it drives) over one invented document: its first line
    is the file name, the rest its text. For slow tests."""
    from bot.chatbot import load_chatbot
    from bot.settings import BotSettings
    from index.settings import IndexSettings

    corpus = folder / "corpus"
    corpus.mkdir()
    name, _, body = document.partition("\n")
    (corpus / name).write_text(body, encoding="utf-8")
    cache = Path(os.environ.get("BOT_CACHE_DIR") or Path(__file__).resolve().parent.parent / ".cache")
    settings = IndexSettings(corpus_dir=corpus, store_dir=folder / "store", cache_dir=cache)
    return load_chatbot(BotSettings(), settings, progress=lambda _m: None)


@pytest.fixture(scope="session")
def article_kb(tmp_path_factory) -> Knowledge:
    """The second (self-written) article alone."""
    folder = tmp_path_factory.mktemp("article")
    (folder / ARTICLE).write_bytes((DATA / ARTICLE).read_bytes())
    return knowledge_for(folder)


@pytest.fixture(scope="session")
def two_doc_kb(tmp_path_factory) -> Knowledge:
    """The second article together with the decision it reports."""
    folder = tmp_path_factory.mktemp("two")
    for name in (ARTICLE, DECISION):
        (folder / name).write_bytes((DATA / name).read_bytes())
    return knowledge_for(folder)


@pytest.fixture(autouse=True)
def _release_frozen_objects():
    """Give back what a test's chatbot held. load_chatbot moves everything it loaded out of the collector's reach
    (gc.freeze: right for one long-lived process), and glibc keeps freed pages in its arenas; without both steps
    every real chatbot a test builds stayed resident until the run ended (~0.5 GB each; the full CI run peaked at
    22.8 GB of 24)."""
    yield
    import gc

    if not gc.get_freeze_count():
        return
    gc.unfreeze()
    gc.collect()
    _trim_heap()


def _trim_heap() -> None:
    """Return the heap's free pages to the system (glibc only; elsewhere a no-op)."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


@functools.cache
def _libc():
    """The C library, looked up once: find_library runs ldconfig, which is no work to repeat after every test."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None
