"""Structured logs: one JSON object per line (time, level, logger, message, and any `extra=` fields).

    configure_logging("INFO", json_lines=True)     # app.py, instead of logging.basicConfig

Nothing is added that the log call did not pass: no client address, no question text (the access log
leaves the address out unless BOT_STORE_IP asks for it).
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time

# Attributes every LogRecord has; anything else on a record came from `extra=` and is logged as a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON line."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as JSON: ts (UTC, ISO 8601 with ms), level, logger, msg, extra fields, exc."""
        out = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                out[key] = value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


def configure_logging(level: str = "INFO", json_lines: bool | None = None) -> None:
    """Root logging to stderr; JSON lines when asked (default: env BOT_LOG_FORMAT=json), else plain text."""
    if json_lines is None:
        json_lines = os.environ.get("BOT_LOG_FORMAT", "").strip().lower() == "json"
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    if json_lines:
        # uvicorn installs its own plain handlers; route its lines through ours
        for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
            lg = logging.getLogger(name)
            lg.handlers.clear()
            lg.propagate = True
