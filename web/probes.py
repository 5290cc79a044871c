"""Liveness and readiness for orchestrators: /livez, /readyz and /health (the readiness alias).

/livez answers on the event loop at once: it never waits for a slot or a thread and touches no model.
/readyz reads the store and runs the model for real (ChatService.health()) in a worker thread, at
most once per `ttl_s` whatever the number of probes, and says "not ready" when that takes longer than
`timeout_s`, when a part fails, or while the process is shutting down. Both answer HEAD.
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import anyio
from fastapi import APIRouter
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)


class Readiness:
    """One health check at a time, its result shared by every probe for `ttl_s` seconds."""

    def __init__(self, service: Callable[[], Any], draining: Callable[[], bool],
                 ttl_s: float = 1.0, timeout_s: float = 5.0):
        self.service = service
        self.draining = draining
        self.ttl_s = ttl_s
        self.timeout_s = timeout_s
        self._last: tuple[float, dict[str, bool]] | None = None
        self._running: asyncio.Task | None = None

    def _probe(self) -> dict[str, bool]:
        try:
            return {k: bool(v) for k, v in self.service().health().items()}
        except Exception as exc:
            log.error("health check failed: %s", type(exc).__name__)
            return {"service": False}

    async def checks(self) -> dict[str, bool]:
        """The parts and whether each is ready."""
        if self.draining():
            return {"accepting": False}
        if self._last and time.monotonic() - self._last[0] < self.ttl_s:
            return self._last[1]
        if self._running is None or self._running.done():
            self._running = asyncio.ensure_future(anyio.to_thread.run_sync(self._probe, abandon_on_cancel=True))
        try:
            result = await asyncio.wait_for(asyncio.shield(self._running), self.timeout_s)
        except asyncio.TimeoutError:
            return {"responding": False}
        self._last = (time.monotonic(), result)
        return result


def build_probes(readiness: Readiness) -> APIRouter:
    """/livez, /readyz and /health (GET and HEAD)."""
    probes = APIRouter(tags=["operations"])

    @probes.api_route("/livez", methods=["GET", "HEAD"], summary="Liveness")
    async def livez() -> JSONResponse:
        """{"status": "alive"} from the event loop: never queued, no model touched."""
        return JSONResponse({"status": "alive"})

    async def ready() -> JSONResponse:
        checks = await readiness.checks()
        ok = all(checks.values())
        return JSONResponse({"status": "ok" if ok else "unavailable", "checks": checks},
                            status_code=200 if ok else 503)

    for path, summary in (("/readyz", "Readiness"), ("/health", "Readiness (alias of /readyz)")):
        probes.add_api_route(path, ready, methods=["GET", "HEAD"], summary=summary,
                             responses={503: {"description": "some part is not ready"}})
    return probes
