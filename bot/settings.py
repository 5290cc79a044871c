"""Settings of the bot package, read once from env vars (BOT_<FIELD>) and flags by the CLI or the app."""
from __future__ import annotations

from pydantic import field_validator

from index.config import FromEnv, settings_dataclass

# The longest question the bot takes, from the CLI, the HTTP API and the chat page alike.
MAX_QUESTION_CHARS = 1000


@settings_dataclass
class BotSettings(FromEnv):
    """Which answer backend to use and how to reach an LLM."""

    backend: str = "extractive"  # a name in bot.backends.FACTORIES
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = "not-needed"
    llm_timeout: float = 20.0
    llm_max_tokens: int = 300
    top_k: int = 5  # passages retrieved per question
    # The `local` backend: a model key of bot.providers.gguf.MODELS or a .gguf path; 0 threads = all CPU cores.
    local_model: str = "qwen2.5-coder-0.5b"
    local_threads: int = 0
    local_timeout: float = 30.0
    # Answers to repeated questions kept per index generation (extractive backend only); 0 = off.
    answer_cache: int = 512

    @field_validator("backend")
    @classmethod
    def _known_backend(cls, name: str) -> str:
        from bot.backends import FACTORIES

        if name not in FACTORIES:
            raise ValueError(f"unknown backend {name!r}: choose one of {', '.join(FACTORIES)}")
        return name
