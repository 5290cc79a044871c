"""Settings of the web front end, read once from env vars and flags by app.py."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

MAX_QUESTION_CHARS = 1000


def _parse_rate(text: str) -> tuple[int, float]:
    """Parse "N/S" (N requests per S seconds) or "N" (per minute); 0 disables the limit."""
    text = text.strip()
    if not text:
        return 30, 60.0
    count, _, window = text.partition("/")
    n = int(count)
    seconds = float(window) if window else 60.0
    if n < 0 or seconds <= 0:
        raise ValueError(f"bad rate limit {text!r}: expected N or N/SECONDS")
    return n, seconds


def _parse_origins(text: str) -> tuple[str, ...]:
    """Comma- or space-separated origins, without trailing slashes."""
    return tuple(o.strip().rstrip("/") for o in text.replace(",", " ").split() if o.strip())


def _flag(text: str | None) -> bool:
    return (text or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class WebSettings:
    """Where the server listens, who may embed it, how hard it may be hit, and what it stores."""

    host: str = "127.0.0.1"
    port: int = 7860
    rate_limit: int = 30  # requests per client per window; 0 = unlimited
    rate_window_s: float = 60.0
    admin_token: str | None = None  # unset = staff-only actions disabled
    allowed_origins: tuple[str, ...] = field(default_factory=tuple)  # may embed / call the API
    feedback_db: Path = Path("feedback.sqlite3")
    store_ip: bool = False  # keep client IPs in feedback rows and logs
    examples_file: Path | None = None  # one example question per line; else derived from the corpus
    max_body_bytes: int = 64 * 1024

    @classmethod
    def from_env(cls, **overrides) -> "WebSettings":
        """Settings from PORT / BOT_* env vars, then explicit overrides (None = keep)."""
        env = os.environ
        base = cls()
        rate, window = _parse_rate(env.get("BOT_RATE_LIMIT", ""))
        values = {
            "host": env.get("BOT_HOST") or base.host,
            "port": int(env.get("PORT") or base.port),
            "rate_limit": rate,
            "rate_window_s": window,
            "admin_token": env.get("BOT_ADMIN_TOKEN") or None,
            "allowed_origins": _parse_origins(env.get("BOT_ALLOWED_ORIGINS", "")),
            "feedback_db": Path(env["BOT_FEEDBACK_DB"]) if env.get("BOT_FEEDBACK_DB") else base.feedback_db,
            "store_ip": _flag(env.get("BOT_STORE_IP")),
            "examples_file": Path(env["BOT_EXAMPLES_FILE"]) if env.get("BOT_EXAMPLES_FILE") else None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        if isinstance(values.get("rate_limit"), str):
            values["rate_limit"], values["rate_window_s"] = _parse_rate(values["rate_limit"])
        if isinstance(values.get("allowed_origins"), str):
            values["allowed_origins"] = _parse_origins(values["allowed_origins"])
        values["feedback_db"] = Path(values["feedback_db"])
        return replace(base, **values)
