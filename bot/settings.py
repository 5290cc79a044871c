"""Settings of the bot package, read once from env vars and flags by the CLI or the app."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace

BACKENDS = ("extractive", "llm", "local")


@dataclass(frozen=True)
class BotSettings:
    """Which answer backend to use and how to reach an LLM."""

    backend: str = "extractive"
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = "not-needed"
    llm_timeout: float = 20.0
    llm_max_tokens: int = 300
    top_k: int = 5
    # The `local` backend: a model key of bot.backends.local.MODELS or a .gguf path; 0 threads = all CPU cores.
    local_model: str = "qwen2.5-coder-0.5b"
    local_threads: int = 0
    local_timeout: float = 30.0

    @classmethod
    def from_env(cls, **overrides) -> "BotSettings":
        """Settings from BOT_* env vars, then explicit overrides (None = keep)."""
        env = os.environ
        base = cls()
        values = {
            "backend": env.get("BOT_BACKEND") or base.backend,
            "llm_base_url": env.get("BOT_LLM_BASE_URL") or base.llm_base_url,
            "llm_model": env.get("BOT_LLM_MODEL") or base.llm_model,
            "llm_api_key": env.get("BOT_LLM_API_KEY") or base.llm_api_key,
            "llm_timeout": float(env.get("BOT_LLM_TIMEOUT") or base.llm_timeout),
            "llm_max_tokens": int(env.get("BOT_LLM_MAX_TOKENS") or base.llm_max_tokens),
            "top_k": int(env.get("BOT_TOP_K") or base.top_k),
            "local_model": env.get("BOT_LOCAL_MODEL") or base.local_model,
            "local_threads": int(env.get("BOT_LOCAL_THREADS") or base.local_threads),
            "local_timeout": float(env.get("BOT_LOCAL_TIMEOUT") or base.local_timeout),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        if values["backend"] not in BACKENDS:
            raise ValueError(f"unknown backend {values['backend']!r}: choose one of {', '.join(BACKENDS)}")
        return replace(base, **values)
