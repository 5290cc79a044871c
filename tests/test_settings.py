"""Settings: every package's env vars keep their names, flags override them, and each setting is used."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.chatbot import Chatbot
from bot.backends.extractive import ExtractiveBackend
from bot.settings import MAX_QUESTION_CHARS, BotSettings
from index.settings import IndexSettings
from web.settings import MAX_QUESTION_CHARS as WEB_MAX_QUESTION_CHARS
from web.settings import WebSettings

ENV = {
    "BOT_BACKEND": "llm", "BOT_LLM_BASE_URL": "http://h/v1", "BOT_LLM_MODEL": "m", "BOT_LLM_API_KEY": "k",
    "BOT_LLM_TIMEOUT": "7.5", "BOT_LLM_MAX_TOKENS": "99", "BOT_TOP_K": "3", "BOT_LOCAL_MODEL": "x.gguf",
    "BOT_LOCAL_THREADS": "2", "BOT_LOCAL_TIMEOUT": "9", "BOT_ANSWER_CACHE": "0",
    "BOT_CORPUS_DIR": "/c", "BOT_STORE_DIR": "/s", "BOT_CACHE_DIR": "/k", "BOT_EMBEDDING_MODEL": "e",
    "CHROMA_HOST": "chroma", "CHROMA_PORT": "8001", "BOT_COLLECTION": "col", "BOT_MAX_FILE_MB": "1.5",
    "BOT_QUERY_THREADS": "2", "BOT_ENCODER": "torch", "BOT_QUERY_CACHE": "0", "BOT_BATCH_WAIT_MS": "0",
    "BOT_HOST": "0.0.0.0", "PORT": "9000", "BOT_STORE_IP": "yes", "BOT_FEEDBACK_DB": "/f.sqlite3",
    "BOT_TRUSTED_PROXIES": "10.0.0.0/8, 127.0.0.1", "BOT_EVENT_LIMIT": "5", "BOT_MAX_INFLIGHT": "8",
}


def test_every_env_var_reaches_its_field(monkeypatch):
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    bot, index, web = BotSettings.from_env(), IndexSettings.from_env(), WebSettings.from_env()
    assert (bot.backend, bot.llm_base_url, bot.llm_model, bot.llm_api_key) == ("llm", "http://h/v1", "m", "k")
    assert (bot.llm_timeout, bot.llm_max_tokens, bot.top_k, bot.answer_cache) == (7.5, 99, 3, 0)
    assert (bot.local_model, bot.local_threads, bot.local_timeout) == ("x.gguf", 2, 9.0)
    assert (index.corpus_dir, index.store_dir, index.cache_dir) == (Path("/c"), Path("/s"), Path("/k"))
    assert (index.chroma_host, index.chroma_port, index.collection, index.max_file_mb) == ("chroma", 8001, "col", 1.5)
    assert (index.embedding_model, index.encoder, index.query_threads, index.query_cache) == ("e", "torch", 2, 0)
    assert (web.host, web.port, web.store_ip, web.feedback_db) == ("0.0.0.0", 9000, True, Path("/f.sqlite3"))
    assert web.trusted_proxies == ("10.0.0.0/8", "127.0.0.1") and (web.event_limit, web.max_inflight) == (5, 8)


def test_flags_override_env_and_none_keeps_it(monkeypatch):
    monkeypatch.setenv("BOT_STORE_DIR", "/from-env")
    monkeypatch.setenv("BOT_BACKEND", "")  # empty counts as unset
    assert IndexSettings.from_env(store_dir=None).store_dir == Path("/from-env")
    assert IndexSettings.from_env(store_dir="/flag").store_dir == Path("/flag")
    assert BotSettings.from_env().backend == "extractive"


def test_constructing_settings_reads_no_env(monkeypatch):
    monkeypatch.setenv("BOT_BACKEND", "llm")
    monkeypatch.setenv("PORT", "1")
    assert BotSettings().backend == "extractive" and WebSettings().port == 7860


def test_bad_values_are_refused_with_the_field_named(monkeypatch):
    monkeypatch.setenv("BOT_LLM_TIMEOUT", "soon")
    with pytest.raises(ValueError, match="llm_timeout"):
        BotSettings.from_env()
    with pytest.raises(ValueError, match="unknown backend 'gpt'"):
        BotSettings(backend="gpt")


def test_settings_stay_frozen_dataclasses():
    s = IndexSettings()
    assert dataclasses.replace(s, encoder="torch").encoder == "torch"
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.encoder = "torch"  # type: ignore[misc]


def test_one_question_length_limit():
    assert WEB_MAX_QUESTION_CHARS == MAX_QUESTION_CHARS == 1000


def test_top_k_bounds_the_passages_retrieved(two_doc_kb):
    question = "今年全市计划改造多少个老旧小区?"
    few = Chatbot(two_doc_kb, ExtractiveBackend(two_doc_kb), bot_settings=BotSettings(top_k=1))
    many = Chatbot(two_doc_kb, ExtractiveBackend(two_doc_kb), bot_settings=BotSettings(top_k=8))
    hits_few = few.preparation.invoke({"question": question, "history": []})["hits"]
    hits_many = many.preparation.invoke({"question": question, "history": []})["hits"]
    assert len(hits_few) == 1 and len(hits_many) > 1
