"""The web app on FakeChatService, for API and browser tests and for trying the UI without a model.

    python tests/web_fake_app.py [--port P]    (BOT_* env vars configure it like app.py)
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for p in (HERE, HERE.parent):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from fakes import FakeChatService  # noqa: E402


def create_fake_app(settings=None, service=None):
    """The real web app around a FakeChatService; re-index rebuilds the fake."""
    from web.server import create_app
    from web.settings import WebSettings

    return create_app(service or FakeChatService(piece_delay_s=0.02), settings or WebSettings.from_env(),
                      reload=FakeChatService)


def main() -> None:
    """Serve the fake app with uvicorn on loopback."""
    import uvicorn

    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=7860)
    ap.add_argument("--host", default="127.0.0.1")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from web.settings import WebSettings

    settings = WebSettings.from_env(host=args.host, port=args.port)
    uvicorn.run(create_fake_app(settings), host=args.host, port=args.port, access_log=False)


if __name__ == "__main__":
    main()
