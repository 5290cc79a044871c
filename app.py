"""Start the web server: the citizens' chat at /ui/, the staff index at /ui/staff, the API and the widget.

    python app.py [--host H] [--port P]      (env: PORT, BOT_* — see web/settings.py)
"""
from __future__ import annotations

import argparse
import gc
import logging
import sys

log = logging.getLogger("app")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line flags; each overrides its env var."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", help="interface to listen on (env BOT_HOST, default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (env PORT, default 7860)")
    p.add_argument("--rate-limit", help='requests per client, "N" per minute or "N/SECONDS"; 0 = off '
                                        "(env BOT_RATE_LIMIT, default 30/60)")
    p.add_argument("--allowed-origins", help="origins that may embed the chat and call the API, "
                                             "comma-separated (env BOT_ALLOWED_ORIGINS)")
    p.add_argument("--feedback-db", help="SQLite file for feedback (env BOT_FEEDBACK_DB)")
    p.add_argument("--store-ip", action="store_true", default=None,
                   help="keep client IPs with feedback and in logs (env BOT_STORE_IP; default off)")
    p.add_argument("--log-level", default="INFO")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Load the chatbot once, then serve it until interrupted."""
    args = parse_args(argv)
    from web.logs import configure_logging

    configure_logging(args.log_level.upper())  # JSON lines with BOT_LOG_FORMAT=json
    logging.getLogger("jieba").setLevel(logging.WARNING)  # it logs its dictionary loading at DEBUG, twice

    from web.settings import WebSettings

    try:
        settings = WebSettings.from_env(host=args.host, port=args.port, rate_limit=args.rate_limit,
                                        allowed_origins=args.allowed_origins,
                                        feedback_db=args.feedback_db, store_ip=args.store_ip)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    # Imported here so that tests and --help need neither the models nor the store.
    from bot.chatbot import load_chatbot
    from bot.settings import BotSettings
    from index.errors import BotIndexError
    from index.settings import IndexSettings

    bot_settings, index_settings = BotSettings.from_env(), IndexSettings.from_env()
    try:
        # The background warm-up waits until the web app is built: on two cores it would delay readiness.
        service = load_chatbot(bot_settings, index_settings, warm=False)
    except BotIndexError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    def reload():
        """Re-index with the model and store this process already holds, then answer from the new index."""
        log.info("re-index: %s", service.reindex(warn=log.warning))
        release_memory()
        return service

    from web.server import create_app
    from web.serving import serve

    app = create_app(service, settings, reload=reload)
    warm_up = getattr(service, "warm_up", None)  # what only some questions need now loads in the background
    if warm_up is not None:
        warm_up()
    if not settings.admin_token:
        log.info("BOT_ADMIN_TOKEN is unset: feedback export and re-index are disabled")
    log.info("chat: http://%s:%d/ui/  staff: /ui/staff  API docs: /docs  widget: /widget.js",
             settings.host, settings.port)
    serve(app, settings)  # timeouts, trusted proxies and the bounded graceful shutdown: web/serving.py
    return 0


def release_memory() -> None:
    """Collect the replaced index's objects and hand freed heap back to the OS (glibc keeps it otherwise)."""
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory is reused by this process instead
        pass


if __name__ == "__main__":
    sys.exit(main())
