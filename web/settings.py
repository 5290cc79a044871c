"""Settings of the web front end, read once from env vars and flags by app.py."""
from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

from pydantic import field_validator

from bot.settings import MAX_QUESTION_CHARS  # noqa: F401 - the web's limit is the bot's
from index.config import FromEnv, env_field, settings_dataclass


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


def _parse_proxies(text: str) -> tuple[str, ...]:
    """Comma- or space-separated IP addresses or networks (CIDR) of proxies allowed to set X-Forwarded-For."""
    out = []
    for item in text.replace(",", " ").split():
        ipaddress.ip_network(item, strict=False)  # raises ValueError on a typo rather than trusting nothing
        out.append(item)
    return tuple(out)


@settings_dataclass
class WebSettings(FromEnv):
    """Where the server listens, who may embed it, how hard it may be hit, and what it stores.
    Env vars: BOT_<FIELD> (BOT_RATE_LIMIT as N or N/SECONDS, lists comma-separated), except PORT."""

    host: str = "127.0.0.1"
    port: int = env_field(7860, env="PORT")
    rate_limit: int = 30  # requests per client per window; 0 = unlimited
    rate_window_s: float = 60.0
    admin_token: str | None = None  # unset = staff-only actions disabled
    allowed_origins: tuple[str, ...] = env_field(default_factory=tuple)  # may embed / call the API
    feedback_db: Path = Path("feedback.sqlite3")
    store_ip: bool = False  # keep client IPs in feedback rows and logs
    examples_file: Path | None = None  # one example question per line; else derived from the corpus
    max_body_bytes: int = 64 * 1024
    # Load: answers in flight and waiting per process, the longest wait, per-client bounds.
    max_inflight: int = 4
    max_queue: int = 16
    max_wait_s: float = 1.0
    client_inflight: int = 2  # answers one client may have in flight or queued; 0 = no bound
    event_limit: int = 120  # chat-page events (any click) per client per minute; 0 = unlimited
    trusted_proxies: tuple[str, ...] = env_field(default_factory=tuple)  # may set X-Forwarded-For
    # The server: graceful shutdown bound, slow-client timeouts, open connections.
    shutdown_s: float = 20.0
    header_timeout_s: float = 10.0
    body_timeout_s: float = 15.0
    max_connections: int = 1000
    metrics_token: str | None = None  # Bearer token for /metrics; default: admin_token
    metrics_port: int = 0  # > 0: /metrics also on this port of metrics_host, without a token
    metrics_host: str = "127.0.0.1"

    @classmethod
    def prepare(cls, values: dict[str, Any]) -> dict[str, Any]:
        """BOT_RATE_LIMIT / --rate-limit as "N/SECONDS" sets both the count and the window."""
        if isinstance(values.get("rate_limit"), str):
            values = {**values}
            values["rate_limit"], values["rate_window_s"] = _parse_rate(values["rate_limit"])
        return values

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _origins(cls, v: object) -> object:
        return _parse_origins(v) if isinstance(v, str) else v

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxies(cls, v: object) -> object:
        return _parse_proxies(v) if isinstance(v, str) else v

    @field_validator("store_ip", mode="before")
    @classmethod
    def _store_ip(cls, v: object) -> object:
        return _flag(v) if isinstance(v, str) else v
