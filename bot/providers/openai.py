"""Chat models on any OpenAI-compatible endpoint. The only module of the project that names langchain_openai."""
from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from bot.settings import BotSettings


def make_chat_model(settings: BotSettings) -> BaseChatModel:
    """A ChatOpenAI client for the configured endpoint: no retries, deterministic, bounded output."""
    if not settings.llm_base_url:
        raise ValueError("the llm backend needs BOT_LLM_BASE_URL (an OpenAI-compatible /v1 endpoint)")
    # Imported here so that importing the backends (and the fast tests) never loads the OpenAI client.
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model or "default",
        api_key=settings.llm_api_key or "not-needed",
        timeout=settings.llm_timeout,
        max_retries=0,  # a retry would double the wait before the fallback answers
        max_tokens=settings.llm_max_tokens,
        temperature=0,
    )
