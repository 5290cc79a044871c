"""web/metrics.py (prometheus-client's exposition format) and web/logs.py (JSON lines), without a server."""
from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from web.logs import JsonFormatter  # noqa: E402
from web.metrics import Metrics, route_label  # noqa: E402

# name{labels} value — the exposition format's sample line
_SAMPLE = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?[0-9.e+Inf-]+$')


def _samples(text: str) -> dict[str, float]:
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            assert _SAMPLE.match(line), line
            key, value = line.rsplit(" ", 1)
            out[key] = float(value)
    return out


def test_counters_and_histograms_in_exposition_format():
    m = Metrics()
    for seconds, status in ((0.003, 200), (0.2, 200), (3.0, 503)):
        m.observe_request("POST", "/api/ask", status, seconds)
    m.record_answer(SimpleNamespace(found=True, backend="extractive", latency_ms=12.0))
    m.record_answer(SimpleNamespace(found=False, backend="extractive", latency_ms=2500.0))
    s = _samples(m.render().decode())  # prometheus-client writes labels in name order
    assert s['bot_http_requests_total{method="POST",route="/api/ask",status="200"}'] == 2
    assert s['bot_http_requests_total{method="POST",route="/api/ask",status="503"}'] == 1
    assert s['bot_http_request_duration_seconds_bucket{le="0.005",route="/api/ask"}'] == 1
    assert s['bot_http_request_duration_seconds_bucket{le="0.25",route="/api/ask"}'] == 2  # cumulative
    assert s['bot_http_request_duration_seconds_bucket{le="+Inf",route="/api/ask"}'] == 3
    assert s['bot_http_request_duration_seconds_count{route="/api/ask"}'] == 3
    assert abs(s['bot_http_request_duration_seconds_sum{route="/api/ask"}'] - 3.203) < 1e-9
    assert s['bot_answers_total{backend="extractive",found="true"}'] == 1
    assert s['bot_answers_total{backend="extractive",found="false"}'] == 1
    assert s['bot_answer_duration_seconds_bucket{backend="extractive",le="1.0"}'] == 1
    assert s['bot_answer_duration_seconds_bucket{backend="extractive",le="2.5"}'] == 2  # le is inclusive
    assert s["bot_http_requests_in_flight"] == 0
    text = m.render().decode()
    assert text.count("# TYPE bot_http_requests_total counter") == 1 and text.endswith("\n")


def test_label_values_are_escaped():
    m = Metrics()
    m.observe_request("GET", 'we"ird\\path\n', 404, 0.01)
    s = _samples(m.render().decode())
    assert 'bot_http_requests_total{method="GET",route="we\\"ird\\\\path\\n",status="404"}' in s


def test_routes_are_labelled_by_template_not_raw_path():
    route = SimpleNamespace(path="/api/statements")
    assert route_label({"path": "/api/statements", "route": route}) == "/api/statements"
    assert route_label({"path": "/ui/gradio_api/queue/join"}) == "/ui/*"
    assert route_label({"path": "/ui"}) == "/ui/*"
    assert route_label({"path": "/static/ui.css"}) == "/static/*"
    assert route_label({"path": "/wp-admin/../../etc/passwd"}) == "unmatched"
    assert route_label({"path": "/uix"}) == "unmatched"


def _scrape(service) -> dict[str, float]:
    m = Metrics()
    m.watch(lambda: service)
    return _samples(m.render().decode())


def test_service_gauges_report_index_size_generation_and_readiness():
    svc = SimpleNamespace(stats=lambda: {"chunks": 38, "documents": 1, "generation": "corpus__g3"},
                          health=lambda: {"store": True, "embeddings": True, "corpus": True})
    s = _scrape(svc)
    assert s["bot_index_chunks"] == 38 and s["bot_index_documents"] == 1
    assert s['bot_index_generation_info{generation="corpus__g3"}'] == 1
    assert s['bot_ready{component="store"}'] == 1

    down = SimpleNamespace(stats=lambda: 1 / 0, health=lambda: {"store": False, "embeddings": True, "corpus": True})
    s = _scrape(down)
    assert s["bot_index_chunks"] == -1 and s['bot_ready{component="store"}'] == 0

    broken = SimpleNamespace(health=lambda: 1 / 0)
    s = _scrape(broken)
    assert s['bot_ready{component="service"}'] == 0


def test_scrape_time_gauges_are_cached_briefly():
    calls = []
    svc = SimpleNamespace(stats=lambda: {}, health=lambda: calls.append(1) or {"corpus": True})
    m = Metrics()
    m.watch(lambda: svc)
    m.render()
    m.render()
    assert len(calls) == 1


def test_json_log_lines_carry_extra_fields_and_nothing_else():
    rec = logging.LogRecord("web.access", logging.INFO, __file__, 1, "%s %s %s", ("POST", "/api/ask", 200), None)
    rec.status, rec.ms = 200, 12.5
    line = json.loads(JsonFormatter().format(rec))
    assert line["msg"] == "POST /api/ask 200" and line["level"] == "INFO" and line["logger"] == "web.access"
    assert line["status"] == 200 and line["ms"] == 12.5 and line["ts"].endswith("Z")
    assert set(line) == {"ts", "level", "logger", "msg", "status", "ms"}  # no address, no process noise
    try:
        raise ValueError("boom")
    except ValueError:
        rec = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    assert "ValueError: boom" in json.loads(JsonFormatter().format(rec))["exc"]


def test_app_serves_metrics_and_counts_found_answers(tmp_path):
    from fastapi.testclient import TestClient

    from tests.web_fake_app import create_fake_app
    from web.settings import WebSettings

    app = create_fake_app(WebSettings(feedback_db=tmp_path / "fb.sqlite3", rate_limit=0, metrics_token="m"))
    token = {"Authorization": "Bearer m"}
    with TestClient(app) as client:
        before = client.get("/metrics", headers=token).text
        assert client.post("/api/ask", json={"question": "王小明说了什么？"}).status_code == 200
        after = client.get("/metrics", headers=token).text
    assert "bot_http_requests_total" in after and "bot_index_chunks" in after
    count = lambda text: sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                             if line.startswith("bot_answers_total{"))
    assert count(after) == count(before) + 1
