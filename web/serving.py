"""Run the app under uvicorn with the limits a public server needs.

- Slow clients: request headers must be complete within `header_timeout_s` of the first byte (or of
  the connection), bodies within `body_timeout_s` (web.middleware.SlowBody); at most
  `max_connections` open connections, beyond that uvicorn answers 503.
- X-Forwarded-For is applied only from `trusted_proxies` (web.server adds uvicorn's middleware with
  that list); uvicorn's own default, which trusts 127.0.0.1, is off.
- Bounded graceful shutdown: on SIGTERM/SIGINT new answers are refused (503), the listening socket
  closes, the pages' event streams are told to end, answers in flight finish; whatever still runs
  after `shutdown_s` is cancelled, and the process exits by then at the latest.
"""
from __future__ import annotations

import logging
import os
import threading

import uvicorn

from web.settings import WebSettings

log = logging.getLogger(__name__)
SWITCH_INTERVAL_S = 0.001
EXIT_MARGIN_S = 1.5  # of shutdown_s, kept for the application's own shutdown after connections close


def _base_protocol() -> type:
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

        return HttpToolsProtocol
    except ImportError:  # httptools is optional in uvicorn
        from uvicorn.protocols.http.h11_impl import H11Protocol

        return H11Protocol


def header_deadline_protocol(timeout_s: float) -> type:
    """uvicorn's HTTP protocol class, closing connections whose request headers are not complete in time."""
    base = _base_protocol()

    class HeaderDeadline(base):  # type: ignore[misc, valid-type]
        """Arms a timer while a request's headers are awaited; the request starting disarms it."""

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._header_timer = None
            self._arm()

        def _awaiting_headers(self) -> bool:
            cycle = getattr(self, "cycle", None)
            return cycle is None or cycle.response_complete

        def _arm(self) -> None:
            if self._header_timer is None:
                self._header_timer = self.loop.call_later(timeout_s, self._too_slow)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _too_slow(self) -> None:
            self._header_timer = None
            if self._awaiting_headers() and not self.transport.is_closing():
                self.transport.close()

        def data_received(self, data: bytes) -> None:
            if self._awaiting_headers():
                self._arm()
            super().data_received(data)
            if not self._awaiting_headers():
                self._disarm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._disarm()  # idle keep-alive connections have uvicorn's own timeout

        def connection_lost(self, exc) -> None:
            self._disarm()
            super().connection_lost(exc)

    return HeaderDeadline


class _Server(uvicorn.Server):
    """uvicorn's server, calling `on_exit` once when a shutdown signal arrives."""

    def __init__(self, config: uvicorn.Config, on_exit):
        super().__init__(config)
        self._on_exit = on_exit

    def handle_exit(self, sig, frame) -> None:
        first = not self.should_exit
        super().handle_exit(sig, frame)
        if first:
            self._on_exit()


def _hard_exit(seconds: float) -> None:
    log.error("shutdown took longer than %.0f s: exiting now", seconds)
    logging.shutdown()
    os._exit(1)


def server_config(app, settings: WebSettings) -> uvicorn.Config:
    """The uvicorn configuration for `app` under these settings."""
    return uvicorn.Config(
        app, host=settings.host, port=settings.port,
        access_log=False,  # web.access logs instead, without client addresses unless asked
        proxy_headers=False,  # applied by the app, from BOT_TRUSTED_PROXIES only
        http=header_deadline_protocol(settings.header_timeout_s),
        limit_concurrency=settings.max_connections or None,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=max(0.5, settings.shutdown_s - EXIT_MARGIN_S),
        log_config=None,  # keep the logging app.py configured
    )


def serve(app, settings: WebSettings) -> None:
    """Serve until SIGTERM/SIGINT, then drain and exit within settings.shutdown_s."""
    import asyncio
    import sys

    # Answers compute in worker threads; a shorter GIL switch interval (default 5 ms) lets the event
    # loop — probes, refusals, streaming — take its turn sooner while they run.
    sys.setswitchinterval(SWITCH_INTERVAL_S)

    loop_holder: dict = {}
    drain = getattr(getattr(app, "state", None), "drain", None)

    def on_exit() -> None:
        log.info("shutting down: refusing new answers, finishing those in flight (at most %.0f s)",
                 settings.shutdown_s)
        watchdog = threading.Timer(settings.shutdown_s, _hard_exit, args=(settings.shutdown_s,))
        watchdog.daemon = True
        watchdog.start()
        loop = loop_holder.get("loop")
        if drain is not None and loop is not None:
            loop.call_soon_threadsafe(drain)

    if settings.metrics_port:
        from web.metrics import start_metrics_server

        start_metrics_server(settings.metrics_port, settings.metrics_host)
    server = _Server(server_config(app, settings), on_exit)

    async def main() -> None:
        loop_holder["loop"] = asyncio.get_running_loop()
        await server.serve()

    asyncio.run(main())
