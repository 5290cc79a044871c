"""The chat, the staff view and the portal widget in headless Chromium, with axe-core checks.

Needs /usr/bin/chromium (apt: chromium fonts-wqy-zenhei), the playwright Python package and
tests/browser/node_modules/axe-core (npm ci --prefix tests/browser). Screenshots: tests/artifacts/.
"""
from __future__ import annotations

import http.server
import json
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
REPO = TESTS.parent
if str(REPO) not in sys.path:  # tests/browser is no package: make `tests.` importable on its own
    sys.path.insert(0, str(REPO))
from tests.web_fake_app import FakeServer, free_port  # noqa: E402

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = TESTS / "artifacts"
TOKEN = "browser-token"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def _skip_unless_ready() -> None:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (apt-get install -y chromium fonts-wqy-zenhei)")
    if not AXE.exists():
        pytest.skip("no axe-core (npm ci --prefix tests/browser)")
    pytest.importorskip("playwright.sync_api", reason="playwright Python package not installed")


class _Portal(http.server.BaseHTTPRequestHandler):
    """Serves examples/portal.html from another origin, pointed at the test server."""

    base = ""

    def do_GET(self):
        with open(REPO / "examples" / "portal.html", encoding="utf-8") as fh:
            html = fh.read().replace("http://127.0.0.1:7860", self.base)
        if self.path.startswith("/portal-open.html"):
            # The same page configured to open on load with an initial question.
            html = html.replace('data-position="bottom-right" data-color="#b91c1c"',
                                'data-position="bottom-left" data-color="#b91c1c" data-open="true" '
                                'data-question="李红介绍了什么？"')
        elif not self.path.startswith("/portal.html"):
            self.send_error(404)
            return
        body = html.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """(bot server, portal origin): the app on FakeChatService and a static host page on another port."""
    _skip_unless_ready()
    d = tmp_path_factory.mktemp("browser")
    portal_port = free_port()
    portal = f"http://127.0.0.1:{portal_port}"
    env = {"BOT_ADMIN_TOKEN": TOKEN, "BOT_RATE_LIMIT": "1000/60", "BOT_ALLOWED_ORIGINS": portal,
           "BOT_FEEDBACK_DB": str(d / "feedback.sqlite3")}
    with FakeServer(env, log_path=d / "server.log") as bot:
        handler = type("Portal", (_Portal,), {"base": bot.base})
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", portal_port), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            yield bot, portal
        finally:
            httpd.shutdown()


@pytest.fixture(scope="module")
def browser(servers):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh zh-CN page; every request is recorded, any to another host is blocked and fails the test."""
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1200, "height": 900})
    seen: list[str] = []

    def guard(route):
        url = route.request.url
        seen.append(url)
        parsed = urlparse(url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOOPBACK:
            route.abort()
        else:
            route.continue_()

    ctx.route("**/*", guard)
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    ctx.close()
    assert seen, "no request was observed at all"
    outside = [u for u in seen if urlparse(u).scheme in ("http", "https", "ws", "wss")
               and urlparse(u).hostname not in LOOPBACK]
    assert outside == [], f"requests left the loopback host: {outside}"


def shot(pg, name: str, full_page: bool = True) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def axe_serious(target) -> list[dict]:
    """Serious or critical axe-core violations in a page or frame."""
    target.add_script_tag(path=str(AXE))
    return target.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 200))}));
    }""")


def assert_accessible(target, what: str) -> None:
    bad = axe_serious(target)
    assert bad == [], f"{what}: " + json.dumps(bad, ensure_ascii=False, indent=1)


def question_box(target):
    return target.get_by_label("输入您的问题")


def test_chat_answers_with_citations_and_feedback(servers, page):
    import httpx

    bot, _ = servers
    page.goto(bot.base + "/ui/")
    question_box(page).wait_for()
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    question_box(page).fill("王小明说了什么？")
    page.keyboard.press("Enter")
    found = page.locator(".answer-found").first
    found.wait_for()
    assert "王小明" in found.locator(".cite-who").first.inner_text()
    assert found.locator(".cite-passage mark").count() == 1
    # A not-found answer says so in words, not only by its look.
    page.get_by_role("button", name="示例市交通运输局副局长李红说了什么？").click()  # an example question
    page.locator(".answer-found").nth(1).wait_for()
    question_box(page).fill("火星探测计划是什么？")
    page.get_by_role("button", name="发送").click()
    missing = page.locator(".answer-notfound")
    missing.wait_for()
    assert "文中未提及" in missing.inner_text()
    assert page.locator(".answer-found").first.evaluate("e => getComputedStyle(e).borderLeftStyle") != \
        missing.evaluate("e => getComputedStyle(e).borderLeftStyle")
    shot(page, "chat")
    assert_accessible(page, "chat page")

    # Thumbs up is stored with question, answer and citations.
    page.get_by_role("button", name="赞：回答有帮助").first.click()
    page.locator("#status", has_text="感谢").wait_for()
    rows = httpx.get(bot.base + "/api/feedback", headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert rows[0]["rating"] == 1 and rows[0]["question"] == "王小明说了什么？"
    assert rows[0]["citations"][0]["speaker"] == "王小明" and rows[0]["client_ip"] is None

    # The citation link opens the whole document at the cited span.
    with page.context.expect_page() as popup:
        found.get_by_role("link", name="查看原文全文（在新标签页打开）").click()
    doc = popup.value
    doc.wait_for_load_state()
    assert "#cited" in doc.url
    cited = doc.locator("#cited")
    assert "新建二十个社区食堂" in cited.inner_text()
    assert doc.evaluate("document.activeElement.id") == "cited"
    shot(doc, "document")
    assert_accessible(doc, "document page")
    doc.close()

    # New conversation empties the chat and puts the cursor back in the question box.
    page.get_by_role("button", name="新对话").click()
    page.wait_for_function("document.querySelectorAll('.answer').length === 0")
    page.wait_for_function("document.activeElement && document.activeElement.closest('#question') !== null")


def test_large_text_mode(servers, page):
    bot, _ = servers
    page.goto(bot.base + "/ui/")
    question_box(page).fill("李红介绍了什么？")
    page.keyboard.press("Enter")
    page.locator(".answer-found").wait_for()
    switch = page.get_by_label("长辈模式（大字·高对比）")
    switch.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # visible focus
    page.keyboard.press("Space")
    page.wait_for_function("document.documentElement.classList.contains('elder')")
    page.wait_for_timeout(400)  # Gradio's buttons fade to the new colours
    size, line = page.locator(".answer-text").first.evaluate(
        "e => [parseFloat(getComputedStyle(e).fontSize), parseFloat(getComputedStyle(e).lineHeight)]")
    assert size >= 22 and line >= 1.3 * size
    shot(page, "chat-elder")
    assert_accessible(page, "chat page, 长辈模式")
    page.reload()
    page.wait_for_function("document.documentElement.classList.contains('elder')")  # remembered
    page.wait_for_function("(document.querySelector('#elder-switch input') || {}).checked === true")  # and the switch says so


def test_staff_view_filters_by_speaker(servers, page):
    bot, _ = servers
    page.goto(bot.base + "/ui/staff")
    page.locator("table.wsw").wait_for()
    assert page.locator("table.wsw tbody tr").count() == 2
    assert_accessible(page, "staff view")
    page.get_by_label("按发言人筛选").click()
    page.get_by_role("option", name="示例市交通运输局副局长李红（1 条）").click()
    page.locator(".wsw-summary", has_text="当前显示 1 条").wait_for()
    rows = page.locator("table.wsw tbody tr")
    assert rows.count() == 1 and "李红" in rows.first.inner_text()
    for col in ("发言人", "职务", "章节", "文件", "日期"):
        assert page.locator("table.wsw thead").get_by_text(col, exact=True).count() == 1
    export = page.get_by_role("link", name="导出当前结果为 CSV")
    assert "speaker=" in export.get_attribute("href")
    shot(page, "staff-filtered")
    assert_accessible(page, "staff view, filtered")
    with page.context.expect_page() as popup:
        rows.first.get_by_role("link").click()
    doc = popup.value
    doc.wait_for_load_state()
    assert "公交微循环" in doc.locator("#cited").inner_text()
    doc.close()


def _launcher_name(pg) -> str | None:
    return pg.evaluate("""() => { const h = document.querySelector('#policybot-widget');
        const a = h && h.shadowRoot.activeElement; return a ? a.getAttribute('aria-label') : null; }""")


def test_widget_by_keyboard(servers, page):
    bot, portal = servers
    page.goto(portal + "/portal.html")
    page.locator("#policybot-widget").get_by_role("button", name="打开政策问答").wait_for()
    launcher = page.locator("#policybot-widget button.launcher")  # its name changes to 关闭… when open
    assert launcher.evaluate("e => e.tagName") == "BUTTON"
    shot(page, "portal-closed", full_page=False)
    assert_accessible(page, "portal page")
    for _ in range(30):  # Tab through the host page to the launcher
        page.keyboard.press("Tab")
        if _launcher_name(page) == "打开政策问答":
            break
    assert _launcher_name(page) == "打开政策问答", "the launcher is not reachable with Tab"
    assert launcher.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    shot(page, "portal-launcher-focus", full_page=False)
    page.keyboard.press("Enter")
    panel = page.locator("#policybot-widget").get_by_role("dialog", name="政策问答")
    panel.wait_for()
    assert launcher.get_attribute("aria-expanded") == "true"
    frame = page.frame_locator("#policybot-widget iframe")
    question_box(frame).wait_for()
    # Opening moves the cursor into the chat's question box: type straight away.
    page.wait_for_function("""() => { const f = document.querySelector('#policybot-widget').shadowRoot
        .querySelector('iframe'); return document.activeElement.id === 'policybot-widget'; }""")
    chat = next(f for f in page.frames if "/ui/" in f.url)
    chat.wait_for_function("document.activeElement && document.activeElement.closest('#question') !== null")
    page.keyboard.type("李红介绍了什么？")
    page.keyboard.press("Enter")
    answer = frame.locator(".answer-found")
    answer.wait_for()
    assert "李红" in answer.locator(".cite-who").inner_text()
    shot(page, "portal-open", full_page=False)
    assert_accessible(page, "portal page, widget open")
    assert_accessible(chat, "chat inside the widget")
    page.keyboard.press("Escape")  # pressed inside the chat frame
    panel.wait_for(state="hidden")
    assert _launcher_name(page) == "打开政策问答"  # focus went back to the launcher

    # Phone-sized viewport: the panel takes the whole screen; the 长辈模式 switch reaches the chat.
    page.set_viewport_size({"width": 390, "height": 844})
    page.keyboard.press("Enter")
    panel.wait_for()
    box = panel.bounding_box()
    assert box["width"] == 390 and box["height"] == 844
    elder = page.locator("#policybot-widget").get_by_role("button", name="长辈模式")
    elder.click()
    assert elder.get_attribute("aria-pressed") == "true"
    chat.wait_for_function("document.documentElement.classList.contains('elder')")
    page.wait_for_timeout(400)  # Gradio's buttons fade to the new colours
    shot(page, "portal-phone-elder", full_page=False)
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")


def test_widget_opens_with_initial_question(servers, page):
    _, portal = servers
    page.goto(portal + "/portal-open.html")
    panel = page.locator("#policybot-widget").get_by_role("dialog", name="政策问答")
    panel.wait_for()
    # Opened by the host's configuration, not by the visitor: focus stays on the page.
    assert page.evaluate("document.activeElement.tagName") == "BODY"
    answer = page.frame_locator("#policybot-widget iframe").locator(".answer-found")
    answer.wait_for()
    assert "李红" in answer.inner_text()
    assert panel.bounding_box()["x"] < 100  # data-position="bottom-left"
    shot(page, "portal-open-on-load", full_page=False)
