"""Answer backends: extractive, llm, local — one name→factory table, through which test fakes plug in too.

A factory gets the settings, the knowledge and the extractive backend (every model backend falls back to it)
and returns an AnswerBackend. The model backends are imported only when chosen, so that choosing the
extractive one never loads a chat-model client.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.knowledge import Knowledge
    from bot.pipeline.chain import AnswerBackend
    from bot.settings import BotSettings

BackendFactory = Callable[["BotSettings", "Knowledge", "AnswerBackend"], "AnswerBackend"]


def _extractive(settings: BotSettings, kb: Knowledge, fallback: AnswerBackend) -> AnswerBackend:
    return fallback


def _llm(settings: BotSettings, kb: Knowledge, fallback: AnswerBackend) -> AnswerBackend:
    from bot.backends.llm import build_llm_backend

    return build_llm_backend(settings, kb, fallback=fallback)


def _local(settings: BotSettings, kb: Knowledge, fallback: AnswerBackend) -> AnswerBackend:
    from bot.backends.local import build_local_backend

    return build_local_backend(settings, kb, fallback=fallback)


FACTORIES: dict[str, BackendFactory] = {"extractive": _extractive, "llm": _llm, "local": _local}


def register(name: str, factory: BackendFactory) -> None:
    """Add (or replace) a backend under `name`; BOT_BACKEND / --backend can then choose it."""
    FACTORIES[name] = factory


def make_backend(settings: BotSettings, kb: Knowledge) -> AnswerBackend:
    """The answer backend the settings name, over the extractive backend it falls back to."""
    from bot.backends.extractive import ExtractiveBackend

    factory = FACTORIES.get(settings.backend)
    if factory is None:
        raise ValueError(f"unknown backend {settings.backend!r}: choose one of {', '.join(FACTORIES)}")
    return factory(settings, kb, ExtractiveBackend(kb))
