"""Prometheus metrics (prometheus-client), at /metrics behind a token and optionally on their own port.

    install_metrics(app, lambda: live.service, token)   # once, after the app is assembled
    record_answer(answer)                                # after each answer, in every front end

Requests by method/route/status, a latency histogram by route, requests in flight, answers by found/not
found and backend with their own latency histogram, refusals by entry and reason, the admission queue,
and — read at scrape time from ChatService.stats() and health(), cached a few seconds — the index
size, the active index generation and the readiness of each part. Routes are labelled by their
template (/api/ask), never by the raw path, so labels stay few.
"""
from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, disable_created_metrics, generate_latest
from prometheus_client import CONTENT_TYPE_LATEST as CONTENT_TYPE
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

disable_created_metrics()  # the *_created series double the exposition and no dashboard of ours reads them

HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
GAUGE_TTL_S = 5.0  # scrape-time reads (stats, health) at most this often
_PREFIXES = (("/ui", "/ui/*"), ("/static/", "/static/*"), ("/gradio_api", "/ui/*"))


class ServiceCollector(Collector):
    """Index size, documents, active generation and readiness, read from the service answering now."""

    def __init__(self, service: Callable[[], Any] | None = None, admission: Any = None):
        self.service = service
        self.admission = admission
        self._cache: tuple[float, list] = (0.0, [])
        self._lock = threading.Lock()

    def collect(self) -> Iterable[GaugeMetricFamily]:
        """Families for one scrape (the service's are cached for GAUGE_TTL_S)."""
        yield from self._admission()
        if self.service is None:
            return
        with self._lock:
            cached_at, families = self._cache
            if not families or time.monotonic() - cached_at >= GAUGE_TTL_S:
                families = list(service_families(self.service()))
                self._cache = (time.monotonic(), families)
        yield from families

    def _admission(self) -> Iterable[GaugeMetricFamily]:
        adm = self.admission
        if adm is None:
            return
        yield GaugeMetricFamily("bot_admission_in_flight", "Answers being computed now.", value=adm.active)
        yield GaugeMetricFamily("bot_admission_waiting", "Answers waiting for a slot.", value=adm.waiting)
        yield GaugeMetricFamily("bot_admission_capacity", "Answers this process computes at once.", value=adm.capacity)


def service_families(service: Any) -> Iterable[GaugeMetricFamily]:
    """The service's state as metric families; an unreadable part reads as -1 or not ready."""
    try:
        stats = dict(service.stats())
    except Exception:  # an unreachable store must not break the scrape; bot_ready says why
        stats = {}
    chunks = stats.get("chunks")
    yield GaugeMetricFamily("bot_index_chunks", "Chunks in the active index (-1 when the store cannot be read).",
                            value=chunks if isinstance(chunks, int) else -1)
    if isinstance(stats.get("documents"), int):
        yield GaugeMetricFamily("bot_index_documents", "Documents of the corpus the service answers from.",
                                value=stats["documents"])
    if stats.get("generation"):
        info = GaugeMetricFamily("bot_index_generation_info", "The active index generation (1 = this one).",
                                 labels=["generation"])
        info.add_metric([str(stats["generation"])], 1)
        yield info
    try:
        health = {k: bool(v) for k, v in service.health().items()}
    except Exception:
        health = {"service": False}
    ready = GaugeMetricFamily("bot_ready", "Readiness of each part (1 ready, 0 not), as /readyz reports it.",
                              labels=["component"])
    for part, ok in sorted(health.items()):
        ready.add_metric([part], int(ok))
    yield ready


class Metrics:
    """Every series of one process, in its own registry (tests make their own)."""

    def __init__(self):
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("bot_http_requests", "HTTP requests by method, route and status.",
                                ("method", "route", "status"), registry=r)
        self.latency = Histogram("bot_http_request_duration_seconds", "HTTP request latency by route.", ("route",),
                                 buckets=HTTP_BUCKETS, registry=r)
        self.in_flight = Gauge("bot_http_requests_in_flight", "HTTP requests being served.", registry=r)
        self.answers = Counter("bot_answers", "Answers given, by found (cited) or not found, and backend.",
                               ("found", "backend"), registry=r)
        self.answer_latency = Histogram("bot_answer_duration_seconds",
                                        "Question to cited answer, as the chain measured it.", ("backend",),
                                        buckets=HTTP_BUCKETS, registry=r)
        self.refused = Counter("bot_refused", "Requests refused before any work, by entry point and reason.",
                               ("entry", "reason"), registry=r)
        started = Gauge("bot_process_start_time_seconds", "Start of this process (Unix time).", registry=r)
        started.set(time.time())
        self.collector: ServiceCollector | None = None

    def watch(self, service: Callable[[], Any] | None, admission: Any = None) -> None:
        """Read the service's state (and the admission queue) at each scrape."""
        if self.collector is not None:
            self.registry.unregister(self.collector)
        self.collector = ServiceCollector(service, admission)
        self.registry.register(self.collector)

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one finished HTTP request."""
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(route).observe(seconds)

    def record_answer(self, answer: Any) -> None:
        """Count one answer (a bot.models.Answer or anything with found/backend/latency_ms)."""
        backend = str(getattr(answer, "backend", "") or "unknown")
        self.answers.labels("true" if getattr(answer, "found", False) else "false", backend).inc()
        latency = getattr(answer, "latency_ms", None)
        if isinstance(latency, (int, float)) and latency >= 0:
            self.answer_latency.labels(backend).observe(latency / 1000)

    def refusal(self, entry: str, reason: str) -> None:
        """Count one request refused by a limit or the admission control."""
        self.refused.labels(entry, reason).inc()

    def render(self) -> bytes:
        """The exposition text."""
        return generate_latest(self.registry)


METRICS = Metrics()


def record_answer(answer: Any, metrics: Metrics = METRICS) -> None:
    """Count an answer in the process's metrics; call it wherever an Answer is handed to a user."""
    metrics.record_answer(answer)


def route_label(scope: dict) -> str:
    """The route template of a request (/api/ask), a group for the UI and static files, or "unmatched"."""
    path = scope.get("path", "")
    for prefix, label in _PREFIXES:
        if path == prefix or path.startswith(prefix + ("" if prefix.endswith("/") else "/")):
            return label
    route = scope.get("route")
    template = getattr(route, "path", None)
    return template if isinstance(template, str) and template else "unmatched"


class MetricsMiddleware:
    """ASGI middleware timing every HTTP request (outermost, so 413s and 429s count too)."""

    def __init__(self, app, metrics: Metrics = METRICS):
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        status = [500]  # an exception before the response starts is a 500 from the client's view

        async def send_timed(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_timed)
        finally:
            self.metrics.in_flight.dec()
            self.metrics.observe_request(scope.get("method", ""), route_label(scope), status[0],
                                         time.perf_counter() - t0)


def install_metrics(app: FastAPI, service: Callable[[], Any] | None = None, token: str | None = None,
                    metrics: Metrics = METRICS, admission: Any = None) -> None:
    """Add the timing middleware and GET /metrics (Bearer `token`; 403 while no token is configured)."""
    metrics.watch(service, admission)

    @app.get("/metrics", include_in_schema=False)
    def _metrics(request: Request) -> Response:
        if not token:
            return JSONResponse({"detail": "指标需要令牌：设置 BOT_METRICS_TOKEN 或 BOT_ADMIN_TOKEN，"
                                           "或用 BOT_METRICS_PORT 单独开放 (metrics disabled)"}, status_code=403)
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            return JSONResponse({"detail": "需要指标令牌 (token required)"}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        return Response(metrics.render(), media_type=CONTENT_TYPE)

    app.add_middleware(MetricsMiddleware, metrics=metrics)


def start_metrics_server(port: int, host: str = "127.0.0.1", metrics: Metrics = METRICS) -> None:
    """Serve /metrics without a token on its own port (for a scraper on a private network)."""
    from prometheus_client import start_http_server

    start_http_server(port, addr=host, registry=metrics.registry)
