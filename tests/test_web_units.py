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
from web.render import answer_html, citation_html, fullwidth, highlight
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
    import time

    rl = RateLimiter(2, 1)
    assert rl.hit("a") == 0 and rl.hit("a") == 0
    assert 0 < rl.hit("a") <= 1.5  # seconds until the window frees a slot
    assert rl.hit("b") == 0  # per client
    time.sleep(1.1)
    assert rl.hit("a") == 0
    assert RateLimiter(0, 10).hit("a") == 0  # 0 = unlimited


def test_staff_token_backoff_grows_with_failures():
    from web.ratelimit import Backoff

    b = Backoff(tiers=((2, 60), (3, 3600)))
    assert b.wait("x") == 0
    b.failed("x")
    assert b.wait("x") == 0
    b.failed("x")
    assert 1 <= b.wait("x") <= 60  # the first tier is spent: wait for its window
    b.failed("x")
    assert b.wait("x") > 60  # the hour tier too
    assert b.wait("y") == 0  # per client


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


def test_highlight_escapes_and_marks_only_the_supporting_words():
    assert highlight("甲<b>乙</b>丙", "<b>乙</b>") == "甲<mark>&lt;b&gt;乙&lt;/b&gt;</mark>丙"
    assert highlight("全文", "") == "全文"  # nothing narrower given: nothing marked, rather than everything
    # A span as long as the passage: the sentence the answer repeats is the one marked.
    passage = "第一句讲背景。第二句是要点，很重要。第三句收尾。"
    assert highlight(passage, passage, "答：第二句是要点，很重要。") == \
        "第一句讲背景。<mark>第二句是要点，很重要。</mark>第三句收尾。"


def test_fullwidth_punctuation_keeps_length_and_numbers():
    text = '他说:"今年,新建20个食堂(含1,000个座位)." 8:30开会'
    shown = fullwidth(text)
    assert len(shown) == len(text)
    assert shown == '他说：“今年，新建20个食堂（含1,000个座位）。” 8:30开会'
    assert fullwidth("plain, ascii: text") == "plain, ascii: text"


def test_answer_card_short_answer_then_folded_sources_then_followups(live):
    svc = live.service
    found = answer_html(svc.ask("社区食堂什么时候建成"), live.view.documents, ["问一？", "问二？"])
    assert found.index("answer-text") < found.index('<details class="src">') < found.index("followup")
    assert "<summary>来源 1 · 决定原文 · 二、重点任务</summary>" in found
    assert "/document/" in found and "#cited" in found and ">查看原文</a>" in found
    # The decision's sentence is a part of its paragraph: only that span is marked.
    assert "<mark>到2026年，每个街道建成一个社区食堂。</mark>完善" in found
    assert found.count('class="followup"') == 2 and "第" not in found.split("<summary>")[1].split("</summary>")[0]


def test_answer_card_shows_the_attribution_line(live):
    a = live.service.ask("王小明说了什么？")
    a.attribution = "——示例市民政局局长 王小明"
    html = answer_html(a, live.view.documents)
    assert '<p class="answer-who">——示例市民政局局长 王小明</p>' in html
    assert html.index("answer-text") < html.index("answer-who") < html.index("来源 1")


def test_not_found_is_said_once_with_what_is_near_and_what_to_ask(live):
    from web.examples import NotFoundHelp

    missing = answer_html(live.service.ask("火星探测计划"), live.view.documents,
                          help=NotFoundHelp("none", ["养老服务", "交通出行"], ["养老服务要做哪些事？"]))
    assert "answer-notfound" in missing and missing.count("文中未提及") == 1
    assert "“养老服务”、“交通出行”" in missing and 'class="followup"' in missing and "<details" not in missing
    detail = answer_html(live.service.ask("火星探测计划"), live.view.documents,
                         help=NotFoundHelp("detail", ["养老服务"], []))
    assert "文中未提及这一点" in detail and "但没有说到您问的这一点" in detail


def test_many_citations_fold_after_the_third(live):
    a = live.service.ask("王小明说了什么？")
    a.citations = a.citations * 5
    html = answer_html(a, live.view.documents)
    assert html.count('<details class="src">') == 5
    assert '<details class="more-srcs"><summary>更多来源（2 条）</summary>' in html
    assert html.index("来源 3 ·") < html.index('class="more-srcs"') < html.index("来源 4 ·")


def test_citation_html_names_speaker_and_escapes_everything():
    c = Citation("<script>x</script>", "王<i>", "局长", "节", "题", "d.txt", "statement", 1, 0, 3)
    html = citation_html(c, {}, 1)
    assert "<script>" not in html and "<i>" not in html
    assert "来源 1 · 局长 王&lt;i&gt; · 节" in html
    narration = Citation("记者说。", "", "", "节", "题", "d.txt", "narration", 1, 0, 3)
    assert "来源 2 · 记者报道 · 节" in citation_html(narration, {}, 2)


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
    # Citizen-style questions about the documents' topics, not "<official> said what?".
    assert len(ex) == 4 and not any("王小明" in q or "说了什么" in q for q in ex)
    assert all(q.endswith("？") for q in ex) and any("养老服务" in q for q in ex)
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
    assert list(ask_stream(live, None, "长" * 1001, [])) == []  # refused beside the input, not in the chat
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
    from web.schemas import AnswerOut, CitationOut

    a = Answer("答", True, [Citation("p", "s", "t", "sec", "doc", "id", "statement", 1, 0, 1)],
               attribution="——t s", suggestions=["问"])
    out = a.to_json()
    assert set(out) == set(AnswerOut.model_fields)  # the documented schema has every field, and only those
    assert set(out["citations"][0]) == set(CitationOut.model_fields)
    assert AnswerOut.model_validate(out).model_dump() == out


def test_app_main_wires_settings_service_and_server(monkeypatch, tmp_path):
    """app.main() loads the chatbot through bot.chatbot.load_chatbot and serves create_app's result."""
    import types

    import app
    import web.serving

    calls = {}

    def load_chatbot(bot_settings, index_settings, progress=None, warm=True):
        calls["load"] = (bot_settings, index_settings)
        return FakeChatService()

    class BotSettings:
        @classmethod
        def from_env(cls):
            return cls()

    monkeypatch.setitem(sys.modules, "bot.chatbot", types.SimpleNamespace(load_chatbot=load_chatbot))
    monkeypatch.setitem(sys.modules, "bot.settings", types.SimpleNamespace(BotSettings=BotSettings))
    monkeypatch.setattr(web.serving, "serve", lambda a, settings: calls.update(app=a, settings=settings))
    monkeypatch.setenv("BOT_FEEDBACK_DB", str(tmp_path / "f.sqlite3"))
    monkeypatch.setenv("PORT", "8123")
    assert app.main(["--host", "127.0.0.1", "--rate-limit", "9/30"]) == 0
    assert calls["settings"].port == 8123 and calls["settings"].rate_limit == 9
    config = web.serving.server_config(calls["app"], calls["settings"])
    assert config.access_log is False and config.proxy_headers is False  # X-Forwarded-For: the app decides
    from fastapi.testclient import TestClient

    client = TestClient(calls["app"])
    assert client.get("/health").json()["status"] == "ok"
    assert client.post("/api/ask", json={"question": "王小明说了什么？"}).json()["found"] is True
    assert isinstance(calls["load"][0], BotSettings)


def test_topic_of_strips_numbering_and_generic_policy_words():
    from web.examples import topic_of

    assert topic_of("一、实施甲乙丙丁行动") == "甲乙丙丁"
    assert topic_of("（二）加快推进某某建设工程") == "推进某某建设"
    assert topic_of("总体要求") == "总体要求"  # too short to strip


def test_followups_lead_on_from_the_cited_section(live):
    from web.examples import guide_for

    guide = guide_for(live.view)
    qs = guide.followups(["养老服务"], [("示例市民政局局长", "王小明")], ["养老服务方面有哪些新举措？"])
    assert 2 <= len(qs) <= 3 and "养老服务方面有哪些新举措？" not in qs
    assert qs[0] == "示例市民政局局长王小明还谈了哪些内容？"
    assert any("交通出行" in q or "重点任务" in q for q in qs)


def test_not_found_help_tells_a_missing_detail_from_a_missing_topic(live):
    from web.examples import guide_for

    guide = guide_for(live.view)
    detail = guide.not_found_help("养老服务要花多少钱？")
    assert detail.kind == "detail" and detail.near[0] == "养老服务" and 2 <= len(detail.suggestions) <= 3
    none = guide.not_found_help("火星探测计划是什么？")
    assert none.kind == "none" and none.near and 2 <= len(none.suggestions) <= 3
    # The first suggestion is about the nearby topic, and the documents answer it.
    assert "养老服务" in detail.suggestions[0] and live.service.ask(detail.suggestions[0]).found


def test_empty_and_overlong_questions_are_refused_beside_the_input():
    from web.chat_ui import EMPTY_HINT, too_long_message

    assert "请先" in EMPTY_HINT
    assert too_long_message(1050) .startswith("问题太长了：已输入 1,050 个字，最多 1,000 个字")


def test_final_html_adds_followups_and_not_found_help(live):
    from web.chat_ui import final_html
    from web.examples import guide_for

    guide = guide_for(live.view)
    found = final_html(live.service.ask("王小明说了什么？"), live, guide, ["王小明说了什么？"])
    assert found.count('class="followup"') >= 2
    missing = final_html(live.service.ask("火星探测计划"), live, guide, ["火星探测计划"])
    assert "nf-near" in missing and missing.count('class="followup"') >= 2


def test_page_head_replaces_gradio_tags_and_language():
    from pathlib import Path

    import gradio

    from web.head import STAFF, rewrite

    with open(Path(gradio.__file__).parent / "templates" / "frontend" / "index.html", encoding="utf-8") as fh:
        template = fh.read()
    html = rewrite(template, STAFF)
    assert 'lang="zh-CN"' in html and 'lang="en"' not in html
    assert "Click to try out the app" not in html and "gradio.app" not in html and '"Gradio"' not in html
    assert html.count('property="og:title"') == 1 and f"<title>{STAFF.title}</title>" in html


def test_csv_filename_carries_filter_and_date():
    from web.statements import attachment_header, csv_filename

    assert csv_filename("李红", "", "", "2024-03-02") == "发言索引_李红_2024-03-02.csv"
    assert csv_filename("", "交通/出行", "a b", "2024-03-02") == "发言索引_交通出行_ab_2024-03-02.csv"
    header = attachment_header("发言索引_2024-03-02.csv")
    assert 'filename="statements_2024-03-02.csv"' in header and "filename*=UTF-8''%E5%8F%91" in header


def test_document_404_is_a_page_with_a_way_back():
    from web.pages import not_found_html

    html = not_found_html("<x>.txt")
    assert 'lang="zh-CN"' in html and "&lt;x&gt;.txt" in html and 'href="/ui/"' in html


def test_not_found_lists_suggested_questions_once_as_buttons(live):
    from bot.messages import NOT_FOUND, PARTIAL, SUGGEST
    from web.examples import NotFoundHelp

    a = Answer(NOT_FOUND + SUGGEST.format(items="甲说了什么？；乙讲了什么？"), False, suggestions=["甲说了什么？", "乙讲了什么？"])
    html = answer_html(a, live.view.documents, help=NotFoundHelp("none", ["养老服务"], ["别的？"]))
    assert html.count("甲说了什么？") == 2  # the button's text and its data attribute, not the text again
    assert "别的？" not in html and "“养老服务”" in html
    # The bot already names the topic it found: said once, and the status says "this detail".
    b = Answer(PARTIAL.format(topic="“养老服务”", what="费用"), False)
    html = answer_html(b, live.view.documents, help=NotFoundHelp("detail", ["养老服务"], ["养老服务要做哪些事？"]))
    assert "文中未提及这一点" in html and "nf-near" not in html and "养老服务要做哪些事？" in html
