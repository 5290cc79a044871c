"""Fast tests of the web package's plain functions: no server, no browser, no model."""
from __future__ import annotations

import sys

import pytest

from bot.models import Answer, Citation
from tests.fakes import FakeChatService
from web.examples import load_examples
from web.feedback import FeedbackStore
from web.live import LiveService
from web.middleware import content_security_policy
from web.pages import api_docs_html, document_html
from web.ratelimit import RateLimiter
from web.render import answer_html, citation_html, highlight
from web.settings import WebSettings
from web.statements import filter_rows, rows_to_csv


@pytest.fixture
def live():
    return LiveService(FakeChatService())


def test_settings_from_env_and_overrides(monkeypatch):
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("BOT_RATE_LIMIT", "5/10")
    monkeypatch.setenv("BOT_ALLOWED_ORIGINS", "https://a.example, https://b.example/")
    monkeypatch.setenv("BOT_ADMIN_TOKEN", "t")
    s = WebSettings.from_env(host="0.0.0.0")
    assert (s.host, s.port, s.rate_limit, s.rate_window_s) == ("0.0.0.0", 9000, 5, 10.0)
    assert s.allowed_origins == ("https://a.example", "https://b.example")
    assert s.admin_token == "t" and s.store_ip is False
    assert WebSettings.from_env(rate_limit="7", port=1).rate_limit == 7
    monkeypatch.setenv("BOT_RATE_LIMIT", "lots")
    with pytest.raises(ValueError):
        WebSettings.from_env()


def test_rate_limiter_window():
    now = [0.0]
    rl = RateLimiter(2, 10, clock=lambda: now[0])
    assert rl.hit("a") == 0 and rl.hit("a") == 0
    assert rl.hit("a") == pytest.approx(10)
    assert rl.hit("b") == 0  # per client
    now[0] = 10.5
    assert rl.hit("a") == 0
    assert RateLimiter(0, 10).hit("a") == 0  # 0 = unlimited


def test_rate_limiter_bounds_memory():
    rl = RateLimiter(1, 60, max_clients=3)
    for i in range(10):
        rl.hit(f"10.0.0.{i}")
    assert len(rl._hits) == 3


def test_feedback_store_keeps_no_ip_unless_asked(tmp_path):
    cites = [{"speaker": "王小明"}]
    store = FeedbackStore(tmp_path / "f.sqlite3")
    store.add(1, "问", "答", True, cites, client_ip="10.1.2.3")
    row = store.list()[0]
    assert (row.rating, row.question, row.answer, row.found, row.citations, row.client_ip) == \
        (1, "问", "答", True, cites, None)
    kept = FeedbackStore(tmp_path / "g.sqlite3", store_ip=True)
    kept.add(-1, "问", "答", False, [], client_ip="10.1.2.3")
    assert kept.list()[0].client_ip == "10.1.2.3"
    assert "10.1.2.3" in kept.to_csv() and "10.1.2.3" not in store.to_csv()


def test_statement_rows_filters_and_csv(live):
    rows = live.view.rows
    assert [r.speaker for r in rows] == ["王小明", "李红"]
    assert rows[0].title and rows[0].section == "养老服务" and rows[0].date.startswith("2024-03-02")
    assert [r.speaker for r in filter_rows(rows, speaker="李红")] == ["李红"]
    assert [r.speaker for r in filter_rows(rows, section="养老服务")] == ["王小明"]
    assert [r.speaker for r in filter_rows(rows, text="公交")] == ["李红"]
    assert filter_rows(rows, speaker="李红", text="食堂") == []
    csv = rows_to_csv(rows)
    assert csv.startswith("\ufeff发言人,职务,章节") and csv.count("\n") == 3


def test_highlight_escapes_and_marks():
    assert highlight("甲<b>乙</b>丙", "<b>乙</b>") == "甲<mark>&lt;b&gt;乙&lt;/b&gt;</mark>丙"
    assert highlight("全文", "") == "<mark>全文</mark>"


def test_answer_html_found_and_not_found(live):
    svc = live.service
    found = answer_html(svc.ask("社区食堂什么时候建成"), live.view.documents)
    assert "answer-found" in found and "有出处" in found and "<mark>" in found
    assert "/document/" in found and "#cited" in found
    # The decision's sentence is a part of its paragraph: only that span is marked.
    assert "<mark>到2026年，每个街道建成一个社区食堂。</mark>完善" in found
    missing = answer_html(svc.ask("火星探测计划"), live.view.documents)
    assert "answer-notfound" in missing and "文中未提及" in missing and "<ol" not in missing


def test_many_citations_fold_after_the_third(live):
    a = live.service.ask("王小明说了什么？")
    a.citations = a.citations * 5
    html = answer_html(a, live.view.documents)
    assert "有出处，共 5 处" in html and html.count('class="cite"') == 5
    assert '<details class="more-cites"><summary>显示其余 2 处出处</summary>' in html
    assert html.index("出处 3：") < html.index("<details") < html.index("出处 4：")


def test_citation_html_names_speaker_and_escapes_everything():
    c = Citation("<script>x</script>", "王<i>", "局长", "节", "题", "d.txt", "statement", 1, 0, 3)
    html = citation_html(c, {}, 1)
    assert "<script>" not in html and "<i>" not in html
    assert "局长王&lt;i&gt;" in html and "（发言）" in html


def test_document_html_marks_the_span(live):
    doc = live.view.documents["示例市_决定.txt"]
    html = document_html(doc, 36, 56)
    assert html.count('id="cited"') == 1
    assert '<mark id="cited" tabindex="-1" class="cited">到2026年' in html
    assert "<h2>二、重点任务</h2>" in html and 'lang="zh-CN"' in html
    assert 'id="cited"' not in document_html(doc, 0, 0)


def test_api_docs_page_renders_spec():
    spec = {"info": {"title": "T", "version": "1"}, "paths": {"/api/ask": {"post": {
        "summary": "Ask", "responses": {"200": {"description": "ok"}},
        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/c/AskRequest"}}}}}}}}
    html = api_docs_html(spec)
    assert "POST /api/ask" in html and "AskRequest" in html and "http" not in html.replace("/openapi.json", "")


def test_csp_lists_allowed_origins():
    assert "frame-ancestors 'self'; " in content_security_policy(())
    assert "frame-ancestors 'self' https://a.example;" in content_security_policy(("https://a.example",))
    assert "frame-ancestors *;" in content_security_policy(("*",))


def test_examples_from_corpus_or_file(live, tmp_path):
    ex = load_examples(None, live.view.people, list(live.view.documents.values()))
    assert len(ex) == 4 and any("王小明" in q for q in ex) and any("重点任务" in q or "总体要求" in q for q in ex)
    f = tmp_path / "q.txt"
    f.write_text("# comment\n问题一\n\n问题二\n", encoding="utf-8")
    assert load_examples(f, [], []) == ["问题一", "问题二"]


# --- Gradio handlers as plain functions ---------------------------------------------------------

def test_ask_stream_yields_pending_then_final(live):
    from web.chat_ui import ask_stream, history_of, messages_of

    steps = list(ask_stream(live, None, "王小明说了什么？", []))
    assert "answer-pending" in steps[0][-1]["html"]
    final = steps[-1]
    assert final[-1]["answer"]["found"] is True and "answer-found" in final[-1]["html"]
    msgs = messages_of(final)
    assert [m["role"] for m in msgs] == ["user", "assistant"]
    # The next question carries the conversation so far.
    list(ask_stream(live, None, "他还说了什么？", final))
    q, hist = live.service.asked[-1]
    assert [t.role for t in hist] == ["user", "assistant"] and hist[0].content == "王小明说了什么？"
    assert history_of([{"question": "x", "answer": None, "html": ""}]) == []


def test_ask_stream_streams_without_flooding(live, monkeypatch):
    from web import chat_ui

    class Chatty(FakeChatService):
        def stream(self, question, history=()):
            answer = self.ask(question, history)
            yield from ["字"] * 500
            yield answer

    live = LiveService(Chatty())
    steps = list(chat_ui.ask_stream(live, None, "王小明说了什么？", []))
    assert len(steps) < 10  # 500 pieces arrive within one STREAM_INTERVAL_S: no update per piece


def test_ask_stream_refuses_and_recovers(live):
    from web.chat_ui import ask_stream

    assert list(ask_stream(live, None, "   ", [])) == []
    long = list(ask_stream(live, None, "长" * 1001, []))
    assert "过长" in long[-1][-1]["html"]
    limiter = RateLimiter(1, 60)
    list(ask_stream(live, limiter, "王小明说了什么？", [], "c"))
    assert "频繁" in list(ask_stream(live, limiter, "王小明说了什么？", [], "c"))[-1][-1]["html"]
    broken = LiveService(FakeChatService(fail=True))
    assert "暂时无法回答" in list(ask_stream(broken, None, "王小明说了什么？", []))[-1][-1]["html"]


def test_record_feedback_stores_question_answer_citations(live, tmp_path):
    from web.chat_ui import ask_stream, record_feedback

    store = FeedbackStore(tmp_path / "f.sqlite3")
    exchanges = list(ask_stream(live, None, "李红介绍了什么？", []))[-1]
    assert record_feedback(store, exchanges, 1, True, "10.0.0.1").startswith("感谢")
    assert record_feedback(store, exchanges, 1, False).startswith("感谢")
    assert record_feedback(store, exchanges, 7, True) == ""  # no such message
    assert record_feedback(store, exchanges, 1, "") == ""  # un-liking stores nothing
    rows = store.list()
    assert [r.rating for r in rows] == [-1, 1]
    assert rows[0].question == "李红介绍了什么？" and rows[0].citations[0]["speaker"] == "李红"
    assert rows[0].client_ip is None


def test_staff_filter_and_token(live, tmp_path):
    from web.staff_ui import check_token, feedback_view, filtered_view

    summary, table = filtered_view(live, "李红", "", "")
    assert "当前显示 1 条" in summary and "speaker=%E6%9D%8E%E7%BA%A2" in summary
    assert "李红" in table and "王小明" not in table and "#cited" in table
    assert check_token(WebSettings(), "x").startswith("管理功能未启用")
    assert check_token(WebSettings(admin_token="t"), "x") == "管理令牌不正确。"
    assert check_token(WebSettings(admin_token="t"), "t") is None
    store = FeedbackStore(tmp_path / "f.sqlite3")
    store.add(1, "问题甲", "回答", True, [])
    html, _ = feedback_view(store, WebSettings(admin_token="t"), "t")
    assert "问题甲" in html
    html, _ = feedback_view(store, WebSettings(admin_token="t"), "bad")
    assert "问题甲" not in html


def test_reindex_swaps_the_service(live):
    import time

    fresh = FakeChatService()
    swapping = LiveService(FakeChatService(), reload=lambda: fresh)
    assert swapping.start_reindex() is True
    for _ in range(100):
        if swapping.reindex_status()["state"] == "done":
            break
        time.sleep(0.02)
    assert swapping.service is fresh and swapping.reindex_status()["statements"] == 2
    assert live.can_reindex is False


def test_blocks_build_without_a_server(live, tmp_path):
    from web.server import build_blocks

    demo = build_blocks(live, FeedbackStore(tmp_path / "f.sqlite3"), RateLimiter(0, 1), WebSettings())
    assert [p[0] for p in demo.pages][-1] == "staff"


def test_answer_json_is_what_the_api_returns():
    a = Answer("答", True, [Citation("p", "s", "t", "sec", "doc", "id", "statement", 1, 0, 1)])
    assert list(a.to_json()) == ["answer", "found", "citations", "latency_ms", "intent", "backend"]


def test_app_main_wires_settings_service_and_server(monkeypatch, tmp_path):
    """app.main() loads the chatbot through bot.chatbot.load_chatbot and serves create_app's result."""
    import types

    import uvicorn

    import app

    calls = {}

    def load_chatbot(bot_settings, index_settings, progress=None):
        calls["load"] = (bot_settings, index_settings)
        return FakeChatService()

    class BotSettings:
        @classmethod
        def from_env(cls):
            return cls()

    monkeypatch.setitem(sys.modules, "bot.chatbot", types.SimpleNamespace(load_chatbot=load_chatbot))
    monkeypatch.setitem(sys.modules, "bot.settings", types.SimpleNamespace(BotSettings=BotSettings))
    monkeypatch.setattr(uvicorn, "run", lambda a, **kw: calls.update(app=a, run=kw))
    monkeypatch.setenv("BOT_FEEDBACK_DB", str(tmp_path / "f.sqlite3"))
    monkeypatch.setenv("PORT", "8123")
    assert app.main(["--host", "127.0.0.1", "--rate-limit", "9/30"]) == 0
    assert calls["run"]["port"] == 8123 and calls["run"]["access_log"] is False
    from fastapi.testclient import TestClient

    client = TestClient(calls["app"])
    assert client.get("/health").json()["status"] == "ok"
    assert client.post("/api/ask", json={"question": "王小明说了什么？"}).json()["found"] is True
    assert isinstance(calls["load"][0], BotSettings)
