"""The HTTP API against a real uvicorn process serving the app on FakeChatService."""
from __future__ import annotations

import re

import httpx
import pytest

from bot.models import Answer
from tests.web_fake_app import FakeServer

pytestmark = pytest.mark.slow

TOKEN = "test-token-123"
PORTAL = "http://127.0.0.1:9"  # an allowed embedding origin; nothing needs to listen there


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Admin token set, generous rate limit, one allowed origin."""
    d = tmp_path_factory.mktemp("api")
    env = {"BOT_ADMIN_TOKEN": TOKEN, "BOT_RATE_LIMIT": "1000/60", "BOT_ALLOWED_ORIGINS": PORTAL,
           "BOT_FEEDBACK_DB": str(d / "feedback.sqlite3")}
    with FakeServer(env, log_path=d / "server.log") as srv:
        yield srv


@pytest.fixture(scope="module")
def strict(tmp_path_factory):
    """No admin token (staff actions disabled) and 3 requests per minute."""
    d = tmp_path_factory.mktemp("strict")
    env = {"BOT_RATE_LIMIT": "3/60", "BOT_FEEDBACK_DB": str(d / "feedback.sqlite3")}
    with FakeServer(env, log_path=d / "server.log") as srv:
        yield srv


def post(srv, path, **kw):
    return httpx.post(srv.base + path, timeout=10, **kw)


def get(srv, path, **kw):
    return httpx.get(srv.base + path, timeout=10, **kw)


def test_ask_returns_the_cli_json(server):
    r = post(server, "/api/ask", json={"question": "李红介绍了什么？"})
    assert r.status_code == 200
    body = r.json()
    assert list(body) == list(Answer("", False).to_json())  # the CLI's keys, in the CLI's order
    assert body["found"] is True
    cite = body["citations"][0]
    assert cite["speaker"] == "李红" and cite["speaker_title"].endswith("副局长")
    assert set(cite) == {"passage", "speaker", "speaker_title", "section", "doc_title", "doc_id",
                         "source_kind", "paragraph", "start", "end"}


def test_ask_with_history_and_not_found(server):
    history = [{"role": "user", "content": "王小明说了什么？"}, {"role": "assistant", "content": "……"}]
    r = post(server, "/api/ask", json={"question": "火星探测计划是什么？", "history": history})
    assert r.status_code == 200
    assert r.json()["found"] is False and r.json()["citations"] == []


def test_speakers_and_statements(server):
    r = get(server, "/api/speakers")
    assert r.status_code == 200
    names = {p["name"] for p in r.json()}
    assert names == {"王小明", "李红"}
    rows = get(server, "/api/statements", params={"speaker": "李红"}).json()
    assert len(rows) == 1 and rows[0]["doc_title"] and rows[0]["date"].startswith("2024")
    csv = get(server, "/api/statements.csv", params={"q": "食堂"})
    assert csv.status_code == 200 and csv.text.startswith("\ufeff发言人")
    assert "王小明" in csv.text and "李红" not in csv.text


def test_health(server):
    r = get(server, "/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"
    for path in ("/livez", "/readyz", "/health"):
        assert httpx.head(server.base + path, timeout=10).status_code == 200, path


def test_metrics_need_the_token(server):
    assert get(server, "/metrics").status_code == 401
    r = get(server, "/metrics", headers={"Authorization": f"Bearer {TOKEN}"})  # the admin token by default
    assert r.status_code == 200 and "bot_http_requests_total" in r.text and "bot_admission_in_flight" in r.text



@pytest.mark.parametrize("payload, status, words", [
    ({"question": ""}, 422, "不能为空"),
    ({"question": "   "}, 422, "不能为空"),
    ({"question": "问" * 1001}, 422, "过长"),
    ({}, 422, "question"),
    ({"question": 42}, 422, "question"),
    ({"question": "好", "history": [{"role": "robot", "content": "x"}]}, 422, "history"),
    ({"question": "好", "history": "not a list"}, 422, "history"),
])
def test_bad_requests_get_a_clear_4xx(server, payload, status, words):
    r = post(server, "/api/ask", json=payload)
    assert r.status_code == status
    assert words in r.json()["detail"]
    assert "Traceback" not in r.text


def test_question_of_exactly_1000_characters_is_accepted(server):
    assert post(server, "/api/ask", json={"question": "问" * 1000}).status_code == 200


def test_malformed_json_and_wrong_types(server):
    r = post(server, "/api/ask", content=b'{"question": ', headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and "JSON" in r.json()["detail"]
    r = post(server, "/api/ask", content="question=hi", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert 400 <= r.status_code < 500
    r = post(server, "/api/ask", content=b"\xff\xfe\x00", headers={"Content-Type": "application/json"})
    assert 400 <= r.status_code < 500
    r = post(server, "/api/ask", json={"question": "好"} | {"history": [{"role": "user", "content": "x" * 70000}]})
    assert r.status_code == 413
    assert get(server, "/api/ask").status_code == 405
    assert get(server, "/api/nothing-here").status_code == 404


def test_staff_actions_need_the_token(server):
    for method, path in (("GET", "/api/feedback"), ("GET", "/api/feedback.csv"), ("POST", "/api/reindex")):
        r = httpx.request(method, server.base + path, timeout=10)
        assert r.status_code == 401, path
        assert r.headers["www-authenticate"] == "Bearer"
        r = httpx.request(method, server.base + path, headers={"Authorization": "Bearer wrong"}, timeout=10)
        assert r.status_code == 403, path
    ok = {"Authorization": f"Bearer {TOKEN}"}
    assert get(server, "/api/feedback", headers=ok).status_code == 200
    csv = get(server, "/api/feedback.csv", headers=ok)
    assert csv.status_code == 200 and "question" in csv.text
    r = post(server, "/api/reindex", headers=ok)
    assert r.status_code in (202, 409)
    assert get(server, "/api/reindex", headers=ok).json()["state"] in ("running", "done")


def test_staff_actions_disabled_without_a_configured_token(strict):
    r = get(strict, "/api/feedback", headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "BOT_ADMIN_TOKEN" in r.json()["detail"]


def test_rate_limit_answers_429(strict):
    codes = [post(strict, "/api/ask", json={"question": "王小明说了什么？"}).status_code for _ in range(5)]
    # One request may already have been spent by the disabled-token test above.
    assert 429 in codes and codes[0] in (200, 403, 429)
    r = post(strict, "/api/ask", json={"question": "王小明说了什么？"})
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert "频繁" in r.json()["detail"]
    assert get(strict, "/health").status_code == 200  # probes are never limited


def test_cors_and_frame_ancestors(server):
    r = httpx.options(server.base + "/api/ask", timeout=10, headers={
        "Origin": PORTAL, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == PORTAL
    r = post(server, "/api/ask", json={"question": "王小明说了什么？"}, headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    csp = get(server, "/ui/").headers["content-security-policy"]
    assert f"frame-ancestors 'self' {PORTAL}" in csp and "default-src 'self'" in csp


def test_pages_need_no_other_host(server):
    for path in ("/docs", "/ui/", "/document/" + "示例市_决定.txt?start=36&end=56"):
        r = get(server, path)
        assert r.status_code == 200, path
        external = re.findall(r"""(?:src|href)=["']?(https?://[^"' >]+)""", r.text)
        assert [u for u in external if not u.startswith(server.base)] == [], path
    doc = get(server, "/document/示例市_决定.txt", params={"start": 36, "end": 56}).text
    assert 'id="cited"' in doc and "<mark" in doc
    assert get(server, "/document/nope.txt").status_code == 404
    assert "openapi" in get(server, "/openapi.json").text


def test_widget_and_gradio_loader_are_served(server):
    w = get(server, "/widget.js")
    assert w.status_code == 200 and "javascript" in w.headers["content-type"]
    assert "aria-label" in w.text and "Escape" in w.text
    g = get(server, "/gradio.js")
    assert g.status_code == 200
    asset = re.search(r"\./ui/assets/[^\"']+", g.text).group(0)
    assert get(server, asset[1:]).status_code == 200


def test_logs_hold_no_client_address_or_question(server):
    post(server, "/api/ask", json={"question": "王小明说了什么？独特标记"})
    log = server.log_text()
    assert "POST /api/ask 200" in log
    assert "127.0.0.1:" not in log.replace(server.base, "")  # uvicorn's access log (with IPs) is off
    assert "独特标记" not in log


def test_x_forwarded_for_is_not_trusted_by_default(strict):
    # Spoofed addresses from one client are still one client: the limit holds.
    codes = [post(strict, "/api/ask", json={"question": "王小明说了什么？"},
                  headers={"X-Forwarded-For": f"10.9.8.{i}"}).status_code for i in range(5)]
    assert 429 in codes
