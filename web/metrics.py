"""Prometheus metrics at /metrics (text format 0.0.4, written by hand: no extra dependency).

    install_metrics(app, lambda: live.service)   # once, after the app is assembled
    record_answer(answer)                         # after each answer, in every front end

Exposes requests by method/route/status, a latency histogram by route, requests in flight, answers by
found/not found and backend with their own latency histogram, and — read at scrape time, cached for a
few seconds — the index size, the active index generation and the readiness of store and model.
Routes are labelled by their template (/api/ask), never by the raw path, so labels stay few.
"""
from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
GAUGE_TTL_S = 5.0  # scrape-time reads (store count, health) at most this often
_PREFIXES = (("/ui", "/ui/*"), ("/static/", "/static/*"), ("/gradio_api", "/ui/*"))


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(names: tuple[str, ...], values: tuple[str, ...], extra: str = "") -> str:
    parts = [f'{n}="{_escape(str(v))}"' for n, v in zip(names, values)]
    if extra:
        parts.append(extra)
    return "{" + ",".join(parts) + "}" if parts else ""


def _num(v: float) -> str:
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    return repr(float(v)) if not float(v).is_integer() else str(int(v))


class Counter:
    """A counter with labels."""

    def __init__(self, name: str, help_text: str, labels: tuple[str, ...] = ()):
        self.name, self.help, self.labels = name, help_text, labels
        self.values: dict[tuple[str, ...], float] = {}

    def inc(self, *values: str, by: float = 1.0) -> None:
        """Add to the series with these label values."""
        self.values[values] = self.values.get(values, 0.0) + by

    def lines(self) -> Iterable[str]:
        """Exposition lines."""
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} counter"
        for vals, v in sorted(self.values.items()):
            yield f"{self.name}{_labels(self.labels, vals)} {_num(v)}"


class Histogram:
    """A histogram with labels and fixed buckets (seconds)."""

    def __init__(self, name: str, help_text: str, labels: tuple[str, ...] = (), buckets=HTTP_BUCKETS):
        self.name, self.help, self.labels, self.buckets = name, help_text, labels, tuple(buckets)
        self.series: dict[tuple[str, ...], list[float]] = {}  # bucket counts…, sum, count

    def observe(self, seconds: float, *values: str) -> None:
        """Record one observation."""
        s = self.series.setdefault(values, [0.0] * (len(self.buckets) + 2))
        for i, b in enumerate(self.buckets):
            if seconds <= b:
                s[i] += 1
        s[-2] += seconds
        s[-1] += 1

    def lines(self) -> Iterable[str]:
        """Exposition lines (cumulative buckets, +Inf, sum, count)."""
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} histogram"
        for vals, s in sorted(self.series.items()):
            for b, c in zip(self.buckets, s):
                le = 'le="%s"' % _num(b)
                yield f"{self.name}_bucket{_labels(self.labels, vals, le)} {_num(c)}"
            inf = 'le="+Inf"'
            yield f"{self.name}_bucket{_labels(self.labels, vals, inf)} {_num(s[-1])}"
            yield f"{self.name}_sum{_labels(self.labels, vals)} {_num(s[-2])}"
            yield f"{self.name}_count{_labels(self.labels, vals)} {_num(s[-1])}"


class Metrics:
    """Every series of one process; thread-safe (sync routes run in a thread pool)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.started = time.time()
        self.requests = Counter("bot_http_requests_total", "HTTP requests by method, route and status.",
                                ("method", "route", "status"))
        self.latency = Histogram("bot_http_request_duration_seconds", "HTTP request latency by route.", ("route",))
        self.in_flight = 0
        self.answers = Counter("bot_answers_total", "Answers given, by found (cited) or not found, and backend.",
                               ("found", "backend"))
        self.answer_latency = Histogram("bot_answer_duration_seconds",
                                        "Question to cited answer, as the chain measured it.", ("backend",))
        self._gauges: tuple[float, list[str]] = (0.0, [])

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one finished HTTP request."""
        with self.lock:
            self.requests.inc(method, route, str(status))
            self.latency.observe(seconds, route)

    def record_answer(self, answer: Any) -> None:
        """Count one answer (a bot.models.Answer or anything with found/backend/latency_ms)."""
        backend = str(getattr(answer, "backend", "") or "unknown")
        with self.lock:
            self.answers.inc("true" if getattr(answer, "found", False) else "false", backend)
            latency = getattr(answer, "latency_ms", None)
            if isinstance(latency, (int, float)) and latency >= 0:
                self.answer_latency.observe(latency / 1000, backend)

    def _service_lines(self, service: Any) -> list[str]:
        now = time.monotonic()
        cached_at, lines = self._gauges
        if lines and now - cached_at < GAUGE_TTL_S:
            return lines
        lines = list(service_gauges(service))
        self._gauges = (now, lines)
        return lines

    def render(self, service: Any = None) -> str:
        """The whole exposition text."""
        with self.lock:
            out = [*self.requests.lines(), *self.latency.lines(), *self.answers.lines(), *self.answer_latency.lines(),
                   "# HELP bot_http_requests_in_flight HTTP requests being served.",
                   "# TYPE bot_http_requests_in_flight gauge", f"bot_http_requests_in_flight {self.in_flight}",
                   "# HELP bot_process_start_time_seconds Start of this process (Unix time).",
                   "# TYPE bot_process_start_time_seconds gauge", f"bot_process_start_time_seconds {self.started:.3f}"]
        if service is not None:
            out += self._service_lines(service)
        return "\n".join(out) + "\n"


def service_gauges(service: Any) -> Iterable[str]:
    """Index size, active generation and readiness, read from the service (failures read as not ready)."""
    chunks, generation = None, ""
    store = getattr(service, "store", None)
    try:
        if store is not None:
            active = store.active()
            generation = active.name if active else ""
            chunks = store.count()
        elif getattr(service, "kb", None) is not None:
            chunks = len(service.kb.chunks)
    except Exception:  # an unreachable store must not break the scrape; bot_ready says why
        chunks = None
    docs = None
    try:
        docs = len(service.documents())
    except Exception:  # a service without documents() is still worth scraping
        pass
    try:
        health = {k: bool(v) for k, v in service.health().items()}
    except Exception:
        health = {"service": False}
    yield "# HELP bot_index_chunks Chunks in the active index (-1 when the store cannot be read)."
    yield "# TYPE bot_index_chunks gauge"
    yield f"bot_index_chunks {chunks if chunks is not None else -1}"
    if docs is not None:
        yield "# HELP bot_index_documents Documents of the corpus the service answers from."
        yield "# TYPE bot_index_documents gauge"
        yield f"bot_index_documents {docs}"
    if generation:
        yield "# HELP bot_index_generation_info The active index generation (1 = this one)."
        yield "# TYPE bot_index_generation_info gauge"
        yield f'bot_index_generation_info{{generation="{_escape(generation)}"}} 1'
    yield "# HELP bot_ready Readiness of each part (1 ready, 0 not), as /health reports it."
    yield "# TYPE bot_ready gauge"
    for part, ok in sorted(health.items()):
        yield f'bot_ready{{component="{_escape(part)}"}} {int(ok)}'


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

        with self.metrics.lock:
            self.metrics.in_flight += 1
        try:
            await self.app(scope, receive, send_timed)
        finally:
            with self.metrics.lock:
                self.metrics.in_flight -= 1
            self.metrics.observe_request(scope.get("method", ""), route_label(scope), status[0],
                                         time.perf_counter() - t0)


def install_metrics(app: FastAPI, service: Callable[[], Any] | None = None, metrics: Metrics = METRICS) -> None:
    """Add the timing middleware and GET /metrics; `service` returns the ChatService answering now."""

    @app.get("/metrics", include_in_schema=False, response_class=PlainTextResponse)
    def _metrics() -> PlainTextResponse:
        return PlainTextResponse(metrics.render(service() if service else None), media_type=CONTENT_TYPE)

    app.add_middleware(MetricsMiddleware, metrics=metrics)
