"""The lean hot path: answer cache, in-memory dense search, tokens cut once, and a CLI that imports little."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.answer_cache import AnswerCache, conversation_key
from bot.backends.extractive import ExtractiveBackend
from bot.chatbot import Chatbot
from bot.models import Answer, Citation, Turn
from bot.settings import BotSettings
from index.ingest.chunks import chunk_document
from index.models import index_text
from index.search.dense_memory import MatrixDense, in_memory
from index.search.tokenize import ChineseTokenizer
from tests.fakes import BigramEmbeddings, MemoryDense

ROOT = Path(__file__).resolve().parent.parent


def _answer(text: str = "答") -> Answer:
    c = Citation("p", "", "", "", "t", "d", "narration", 1, 0, 1)
    return Answer(text, True, [c], intent="general", latency_ms=12.0)


# ------------------------------------------------------------ answer cache


def test_same_conversation_normalised_is_one_key():
    history = [Turn("user", "市长是谁？"), Turn("assistant", "张三")]
    assert conversation_key(" 市长 是谁? ", history) == conversation_key("市长 是谁？", list(history))
    assert conversation_key("市长是谁?", history) != conversation_key("市长是谁?", [])


def test_cached_answer_is_a_copy_and_a_new_generation_forgets():
    cache = AnswerCache(4)
    a = _answer()
    cache.put("g1", "问", [], a)
    a.citations.clear()  # the caller changing its answer does not change the cached one
    hit = cache.get("g1", "问", [])
    assert hit is not None and len(hit.citations) == 1 and hit is not a
    hit.latency_ms = 0.1
    assert cache.get("g1", "问", []).latency_ms == 12.0
    assert cache.get("g2", "问", []) is None  # another index generation
    assert cache.get("g1", "问", []) is None  # and the old entries are gone for good
    assert cache.stats["entries"] == 0


def test_size_zero_caches_nothing():
    cache = AnswerCache(0)
    cache.put(None, "问", [], _answer())
    assert not cache.enabled and cache.get(None, "问", []) is None


class CountingBackend(ExtractiveBackend):
    """The extractive backend, counting how often it is asked."""

    def __init__(self, kb):
        super().__init__(kb)
        self.calls = 0

    def answer(self, q, standalone, hits):
        self.calls += 1
        return super().answer(q, standalone, hits)


def test_chatbot_answers_a_repeated_question_from_the_cache(article_kb):
    backend = CountingBackend(article_kb)
    bot = Chatbot(article_kb, backend, bot_settings=BotSettings(answer_cache=8))
    first = bot.ask("这篇报道讲了什么？")
    again = bot.ask("这篇报道讲了什么?")  # half-width question mark: the same question
    assert backend.calls == 1
    assert again.answer == first.answer and again.citations == first.citations
    assert again.latency_ms < first.latency_ms or again.latency_ms < 1.0
    bot.ask("这篇报道讲了什么?", [Turn("user", "你好"), Turn("assistant", "你好")])  # another conversation
    assert backend.calls == 2


def test_chatbot_without_answer_cache_always_runs_the_chain(article_kb):
    backend = CountingBackend(article_kb)
    bot = Chatbot(article_kb, backend, bot_settings=BotSettings(answer_cache=0))
    bot.ask("这篇报道讲了什么？")
    bot.ask("这篇报道讲了什么？")
    assert backend.calls == 2


# ------------------------------------------------------------ in-memory dense search


@pytest.fixture(scope="module")
def chunks(article_kb):
    return list(article_kb.chunks)


def test_matrix_ranks_like_the_store(chunks):
    emb = BigramEmbeddings()
    reference = MemoryDense(chunks, emb)
    matrix = MatrixDense(emb, chunks, np.array(reference.vectors))
    query = chunks[3].text[:20]
    want = reference.similarity(query, 5)
    got = matrix.similarity(query, 5)
    assert [c.chunk_id for c, _ in got] == [c.chunk_id for c, _ in want]
    assert [round(s, 5) for _, s in got] == [round(s, 5) for _, s in want]
    assert got[0][0].chunk_id == chunks[3].chunk_id


def test_matrix_filters_like_the_store(chunks):
    emb = BigramEmbeddings()
    matrix = MatrixDense(emb, chunks, np.array(emb.embed_documents([index_text(c) for c in chunks])))
    speaker = next(c.speaker for c in chunks if c.speaker)
    hits = matrix.similarity("工作", 50, where={"speaker": speaker})
    assert hits and all(c.speaker == speaker for c, _ in hits)
    assert len(hits) == sum(c.speaker == speaker for c in chunks)
    both = matrix.similarity("工作", 50, where={"speaker": speaker, "doc_id": ["no-such-doc"]})
    assert both == []
    assert matrix.similarity("工作", 0) == []


class SnapshotStore:
    """A store stand-in with the two reads in_memory uses: the active snapshot and its vectors by key."""

    def __init__(self, vectors: dict, model: str = "m", index_model: str = "m"):
        from types import SimpleNamespace

        self.embeddings = BigramEmbeddings()
        self.model_name = model
        self._snap = SimpleNamespace(info=SimpleNamespace(model=index_model), vectors=lambda doc_ids: vectors)

    def snapshot(self):
        return self._snap


def test_in_memory_only_when_the_index_holds_exactly_these_chunks(chunks):
    from index.search.store import vector_key

    emb = BigramEmbeddings()
    vectors = {vector_key(c): v for c, v in zip(chunks, emb.embed_documents([index_text(c) for c in chunks]))}
    store = SnapshotStore(vectors)
    assert isinstance(in_memory(store, chunks), MatrixDense)
    partial = SnapshotStore(dict(list(vectors.items())[1:]))
    assert in_memory(partial, chunks) is partial  # the index lags the folder: ask the store
    other_model = SnapshotStore(vectors, index_model="another")
    assert in_memory(other_model, chunks) is other_model
    assert in_memory(None, chunks) is None


# ------------------------------------------------------------ tokens cut once


def test_tokens_of_a_text_are_cut_once(monkeypatch):
    tok = ChineseTokenizer(["林业局"])
    first = tok.tokens("市林业局局长说")
    calls = []
    monkeypatch.setattr(tok._jieba, "lcut_for_search", lambda text: calls.append(text) or [])
    again = tok.tokens("市林业局局长说")
    assert again == first and calls == []
    again.append("x")  # a caller's list is its own
    assert tok.tokens("市林业局局长说") == first


# ------------------------------------------------------------ cold start: import only what `ask` needs


def test_ask_imports_no_web_stack_and_no_torch():
    code = ("import sys; from bot.cli import parser; parser(); import bot.chatbot;"
            "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers', 'gradio', 'fastapi',"
            " 'uvicorn', 'web') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         encoding="utf-8", timeout=120, check=True)
    assert out.stdout.strip() == "[]"
