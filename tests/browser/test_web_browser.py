"""The chat, the staff view, the document page and the portal widget in headless Chromium.

Each is tried at 390×844 (a phone) and 1366×768, in normal and 长辈模式, as a citizen, a staff member
and a portal editor would: the first line of each new answer in view, tap targets, text sizes, no
horizontal overflow, the launcher on screen, lang and link-preview tags, and axe-core with no
violation of any impact. Screenshots of every state: tests/artifacts/.

Needs /usr/bin/chromium (apt: chromium fonts-wqy-zenhei), the playwright Python package and
tests/browser/node_modules/axe-core (npm ci --prefix tests/browser).
"""
from __future__ import annotations

import http.server
import json
import re
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
    # Every page of every test comes from one client address: no per-client limits here.
    env = {"BOT_ADMIN_TOKEN": TOKEN, "BOT_RATE_LIMIT": "1000/60", "BOT_ALLOWED_ORIGINS": portal,
           "BOT_EVENT_LIMIT": "0", "BOT_CLIENT_INFLIGHT": "0",
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


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
VIEWS = {"phone": PHONE, "desktop": DESKTOP}
MODES = ("normal", "elder")


@pytest.fixture
def open_page(browser):
    """open_page(viewport, elder) -> a fresh zh-CN page; any request to another host fails the test."""
    contexts, seen = [], []

    def guard(route):
        url = route.request.url
        seen.append(url)
        parsed = urlparse(url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOOPBACK:
            route.abort()
        else:
            route.continue_()

    def make(viewport=DESKTOP, elder=False):
        ctx = browser.new_context(locale="zh-CN", viewport=viewport)
        if elder:  # as if switched on in an earlier visit (both the chat and the widget remember it)
            ctx.add_init_script("try { localStorage.setItem('policybot-elder', '1');"
                                " localStorage.setItem('policybot-widget-elder', '1'); } catch (e) {}")
        ctx.route("**/*", guard)
        contexts.append(ctx)
        pg = ctx.new_page()
        pg.set_default_timeout(20_000)
        return pg

    yield make
    for ctx in contexts:
        ctx.close()
    assert seen, "no request was observed at all"
    outside = [u for u in seen if urlparse(u).scheme in ("http", "https", "ws", "wss")
               and urlparse(u).hostname not in LOOPBACK]
    assert outside == [], f"requests left the loopback host: {outside}"


@pytest.fixture
def page(open_page):
    """A desktop page in normal mode."""
    return open_page()


def shot(pg, name: str, full_page: bool = False) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def axe_violations(target) -> list[dict]:
    """Every axe-core violation (any impact) in a page or frame, once Gradio's transient "loading" is gone."""
    target.wait_for_function("!document.querySelector('.loading')", timeout=10_000)
    target.add_script_tag(path=str(AXE))
    return target.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 200) + ' ' + (n.failureSummary || '').slice(0, 200))}));
    }""")


def assert_accessible(target, what: str) -> None:
    bad = axe_violations(target)
    assert bad == [], f"{what}: " + json.dumps(bad, ensure_ascii=False, indent=1)


# Layout probes, run in the page: each returns what breaks the rule (empty = fine).
_VISIBLE = """(e) => { const r = e.getBoundingClientRect(), c = getComputedStyle(e);
    return r.width > 2 && r.height > 2 && c.visibility !== 'hidden' && r.right > 0 && r.left < innerWidth; }"""
SMALL_TARGETS = """(min) => { const vis = %s; const out = [];
    for (const e of document.querySelectorAll('a[href], button, summary, input:not([type=hidden]), textarea, select')) {
        const t = (e.type === 'checkbox' || e.type === 'radio') ? (e.closest('label') || e) : e;
        if (!vis(t)) continue;
        const r = t.getBoundingClientRect();
        if (r.height < min - 0.5 || r.width < min - 0.5)
            out.push(`${t.tagName} "${(t.innerText || t.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out; }""" % _VISIBLE
SMALL_TEXT = """(min) => { const vis = %s; const out = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (w.nextNode()) { const n = w.currentNode, e = n.parentElement;
        if (!e || !n.textContent.trim() || e.closest('.pb-sr, script, style, svg') || !vis(e)) continue;
        const s = parseFloat(getComputedStyle(e).fontSize);
        if (s < min - 0.1) out.push(`${e.tagName}.${e.className.toString().slice(0, 30)} "${n.textContent.trim().slice(0, 20)}" ${s}px`);
    }
    return [...new Set(out)].slice(0, 12); }""" % _VISIBLE
OVERFLOW = "() => document.documentElement.scrollWidth - innerWidth"
# Controls cut off at the screen's edge (the page itself may be clipped, so scrollWidth misses them);
# those inside a region that scrolls sideways on its own (the staff table) are reachable.
CUT_OFF = """() => { const vis = %s; const out = [];
    for (const e of document.querySelectorAll('a[href], button, summary, input:not([type=hidden]), textarea, select')) {
        if (!vis(e)) continue;
        let p = e.parentElement, scrolls = false;
        for (; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') { scrolls = true; break; } }
        const r = e.getBoundingClientRect();
        if (!scrolls && (r.left < -1 || r.right > innerWidth + 1))
            out.push(`${e.tagName} "${(e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    return out; }""" % _VISIBLE
FIRST_LINE = """() => { const a = [...document.querySelectorAll('#chat .answer')].pop();
    if (!a) return null;
    const line = a.querySelector('.answer-status, .answer-text') || a;
    const r = line.getBoundingClientRect(), dock = document.getElementById('dock');
    const bottom = innerHeight - (dock ? dock.getBoundingClientRect().height : 0);
    return {top: r.top, bottom: bottom, inView: r.top >= 0 && r.top + 20 <= bottom}; }"""


def assert_layout(pg, what: str, elder: bool) -> None:
    """Tap targets, text sizes and no sideways scrolling."""
    assert pg.evaluate(SMALL_TARGETS, 48 if elder else 44) == [], f"{what}: tap targets too small"
    assert pg.evaluate(SMALL_TEXT, 20 if elder else 16) == [], f"{what}: text too small"
    assert pg.evaluate(OVERFLOW) <= 0, f"{what}: the page scrolls sideways"
    assert pg.evaluate(CUT_OFF) == [], f"{what}: controls cut off at the screen's edge"


def assert_line_length(card) -> None:
    """长辈模式: large text, yet at least 15 characters a line."""
    size, width = card.locator(".answer-text").first.evaluate(
        "e => [parseFloat(getComputedStyle(e).fontSize), e.getBoundingClientRect().width]")
    assert size >= 20 and width / size >= 15, f"{width / size:.1f} characters a line in 长辈模式"


def question_box(target):
    return target.get_by_label("输入您的问题")


def wait_answers(target, n: int) -> None:
    """Until n final answers are in the chat."""
    target.wait_for_function(
        f"document.querySelectorAll('#chat .answer:not(.answer-pending)').length >= {n}")


def assert_first_line_in_view(target, what: str) -> None:
    target.wait_for_timeout(150)  # the page's script scrolls after Gradio has drawn the answer
    pos = target.evaluate(FIRST_LINE)
    assert pos and pos["inView"], f"{what}: the answer's first line is out of view: {pos}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("view", VIEWS)
def test_chat_as_a_citizen(servers, open_page, view, mode):
    bot, _ = servers
    elder = mode == "elder"
    pg = open_page(VIEWS[view], elder)
    tag = f"{view}-{mode}"
    pg.goto(bot.base + "/ui/")
    question_box(pg).wait_for()
    if elder:
        pg.wait_for_function("document.documentElement.classList.contains('elder')")
    pg.wait_for_timeout(300)  # Gradio's buttons fade in
    # First screen: greeting, 3–4 starter questions and the input, all without scrolling.
    starters = pg.locator("#examples button")
    assert 3 <= starters.count() <= 4
    box = question_box(pg).bounding_box()
    assert box["y"] + box["height"] <= VIEWS[view]["height"], "the question box is below the fold"
    assert pg.locator(".greeting").is_visible()
    shot(pg, f"chat-first-{tag}")
    assert_layout(pg, f"first screen {tag}", elder)
    assert_accessible(pg, f"chat first screen {tag}")

    # An empty send gets a polite hint beside the input.
    pg.get_by_role("button", name="发送").click()
    pg.locator("#status", has_text="请先").wait_for()

    # A starter question, then a typed one: each answer's first line lands in view.
    starters.first.click()
    wait_answers(pg, 1)
    assert_first_line_in_view(pg, f"starter answer {tag}")
    question_box(pg).fill("王小明说了什么？")
    pg.keyboard.press("Enter")
    wait_answers(pg, 2)
    assert_first_line_in_view(pg, f"second answer {tag}")
    card = pg.locator("#chat .answer").nth(1)
    assert card.locator(".answer-text").first.inner_text().startswith("示例市民政局局长王小明")
    # Sources: folded cards, "来源 n · who · section", at most three before 更多来源.
    src = card.locator("details.src").first
    assert src.locator("summary").inner_text().replace("▸", "").strip() == "来源 1 · 示例市民政局局长 王小明 · 养老服务"
    assert src.get_attribute("open") is None
    assert card.locator(":scope > .srcs > details.src").count() <= 3
    src.locator("summary").click()
    assert src.get_by_role("link", name="查看原文").is_visible()
    assert src.locator("mark").count() <= 1
    followups = card.locator("button.followup")
    assert 2 <= followups.count() <= 3
    if elder:
        assert_line_length(card)
    shot(pg, f"chat-answer-{tag}")
    assert_layout(pg, f"answer {tag}", elder)

    # A follow-up question is asked with one tap.
    asked = followups.first.inner_text()
    followups.first.click()
    wait_answers(pg, 3)
    assert_first_line_in_view(pg, f"follow-up answer {tag}")
    assert pg.locator("#chat .message-row.user-row").nth(2).inner_text().strip() == asked

    # Not in the documents: said once, with what is nearby and questions that have answers.
    question_box(pg).fill("火星探测计划是什么？")
    pg.get_by_role("button", name="发送").click()
    wait_answers(pg, 4)
    assert_first_line_in_view(pg, f"not-found answer {tag}")
    missing = pg.locator("#chat .answer-notfound").last
    assert missing.inner_text().count("文中未提及") == 1
    assert missing.locator(".nf-near").is_visible()
    assert 2 <= missing.locator("button.followup").count() <= 3
    assert missing.evaluate("e => getComputedStyle(e).fontStyle") == "normal"
    shot(pg, f"chat-notfound-{tag}")
    assert_layout(pg, f"not-found {tag}", elder)
    assert_accessible(pg, f"chat with answers {tag}")
    shot(pg, f"chat-conversation-{tag}", full_page=True)


def test_reader_who_scrolled_up_is_not_yanked(servers, open_page):
    bot, _ = servers
    pg = open_page(PHONE)
    pg.goto(bot.base + "/ui/")
    for i, q in enumerate(("王小明说了什么？", "社区食堂什么时候建成？"), 1):
        question_box(pg).fill(q)
        pg.keyboard.press("Enter")
        wait_answers(pg, i)
    question_box(pg).fill("李红介绍了什么？")
    # Send, then at once scroll back up to re-read, as a reader would with a thumb.
    pg.evaluate("""() => { document.querySelector('#send').click();
        window.dispatchEvent(new WheelEvent('wheel', {deltaY: -500})); window.scrollTo(0, 0); }""")
    wait_answers(pg, 3)
    pg.wait_for_timeout(300)
    assert pg.evaluate("scrollY") < 5, "the reader was moved away from what they were reading"
    pill = pg.get_by_role("button", name="跳到新回答")
    pill.wait_for()
    shot(pg, "chat-new-answer-pill-phone")
    pill.click()
    assert_first_line_in_view(pg, "after the 新回答 pill")
    assert not pill.is_visible()
    # Screen readers hear the new answer's first line.
    assert pg.locator(".pb-sr[role=status]").inner_text().startswith("新回答：示例市交通运输局副局长李红")


def test_overlong_question_is_counted_and_refused_not_cut(servers, page):
    bot, _ = servers
    page.goto(bot.base + "/ui/")
    text = "问" * 1001
    question_box(page).fill(text)
    page.locator("#q-count", has_text="已输入 1001 个字").wait_for()
    page.get_by_role("button", name="发送").click()
    page.locator("#status", has_text="问题太长了：已输入 1,001 个字").wait_for()
    assert question_box(page).input_value() == text
    assert page.locator("#chat .answer").count() == 0


def test_feedback_and_new_conversation(servers, page):
    import httpx

    bot, _ = servers
    page.goto(bot.base + "/ui/")
    question_box(page).fill("王小明说了什么？")
    page.keyboard.press("Enter")
    wait_answers(page, 1)
    page.get_by_role("button", name="赞：回答有帮助").first.click()
    page.locator("#status", has_text="感谢").wait_for()
    rows = httpx.get(bot.base + "/api/feedback", headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert rows[0]["rating"] == 1 and rows[0]["question"] == "王小明说了什么？"
    assert rows[0]["citations"][0]["speaker"] == "王小明" and rows[0]["client_ip"] is None
    page.get_by_role("button", name="新对话").click()
    page.wait_for_function("document.querySelectorAll('.answer').length === 0")
    page.wait_for_function("document.activeElement && document.activeElement.closest('#question') !== null")
    assert page.locator(".greeting").is_visible()  # the first screen is back


def test_served_pages_carry_our_language_and_link_preview(servers, page):
    bot, _ = servers
    titles = {}
    for path in ("/ui/", "/ui/staff"):
        page.goto(bot.base + path)
        page.locator("h1").first.wait_for()
        raw = page.evaluate("fetch(location.href).then(r => r.text())")
        assert '<html\n\tlang="zh-CN"' in raw or '<html lang="zh-CN"' in raw
        assert "Gradio" not in "".join(page.evaluate(
            "[...document.querySelectorAll('meta[property^=\"og:\"], meta[name^=\"twitter:\"], meta[name=description]')]"
            ".map(m => m.content)"))
        assert "gradio.app" not in raw and "Click to try out the app" not in raw
        assert page.locator('meta[property="og:title"]').get_attribute("content")
        assert page.locator('meta[name="description"]').get_attribute("content")
        titles[path] = page.title()
    assert titles["/ui/"] == "政策问答助手" and titles["/ui/staff"] != titles["/ui/"]


@pytest.mark.parametrize("view", VIEWS)
def test_staff_view(servers, open_page, view):
    bot, _ = servers
    pg = open_page(VIEWS[view])
    pg.goto(bot.base + "/ui/staff")
    pg.locator("table.wsw").wait_for()
    assert pg.locator("table.wsw tbody tr").count() == 2
    assert pg.title().startswith("发言索引")
    assert pg.get_by_role("link", name="返回市民问答").is_visible()
    assert_layout(pg, f"staff {view}", False)
    assert_accessible(pg, f"staff view {view}")
    shot(pg, f"staff-{view}")
    # A dropdown closes on Esc, and when focus moves on with Tab.
    speaker = pg.get_by_label("按发言人筛选")
    for close in ("Escape", "Tab"):
        pg.locator("h1").first.click()  # focus elsewhere first: the list opens when the box gets focus
        speaker.click()
        pg.locator("ul.option-list").first.wait_for()
        assert speaker.get_attribute("aria-expanded") == "true"
        pg.keyboard.press(close)
        pg.wait_for_function("""() => document.querySelector('input[aria-label="按发言人筛选"]')
            .getAttribute('aria-expanded') === 'false'""", timeout=3000)
    assert pg.evaluate("document.activeElement.getAttribute('aria-label')") == "按章节筛选"  # Tab went on
    pg.locator("h1").first.click()
    speaker.click()
    pg.get_by_role("option", name="示例市交通运输局副局长李红（1 段发言）").click()
    pg.locator(".wsw-summary", has_text="当前显示 1 条").wait_for()
    rows = pg.locator("table.wsw tbody tr")
    assert rows.count() == 1 and "李红" in rows.first.inner_text()
    export = pg.get_by_role("link", name="导出当前结果为 CSV")
    assert "speaker=" in export.get_attribute("href")
    assert re.fullmatch(r"发言索引_李红_\d{4}-\d{2}-\d{2}\.csv", export.get_attribute("download"))
    shot(pg, f"staff-filtered-{view}")
    assert_accessible(pg, f"staff view, filtered, {view}")
    with pg.context.expect_page() as popup:
        rows.first.get_by_role("link").click()
    doc = popup.value
    doc.wait_for_load_state()
    assert "公交微循环" in doc.locator("#cited").inner_text()


@pytest.mark.parametrize("mode", MODES)
def test_document_page_on_a_phone(servers, open_page, mode):
    bot, _ = servers
    elder = mode == "elder"
    pg = open_page(PHONE, elder)
    pg.goto(bot.base + "/ui/")
    question_box(pg).fill("王小明说了什么？")
    pg.keyboard.press("Enter")
    wait_answers(pg, 1)
    pg.locator("#chat details.src summary").first.click()
    with pg.context.expect_page() as popup:
        pg.locator("#chat details.src").first.get_by_role("link", name="查看原文").click()
    doc = popup.value
    doc.wait_for_load_state()
    assert "#cited" in doc.url and "新建二十个社区食堂" in doc.locator("#cited").inner_text()
    assert doc.evaluate("document.activeElement.id") == "cited"
    assert doc.get_by_role("link", name="返回问答").is_visible()
    bar = doc.locator("header.bar").bounding_box()["height"]
    assert bar <= (64 if elder else 56), f"the document's top bar takes {bar}px on a phone"
    assert doc.locator("#cited").bounding_box()["y"] > bar  # not hidden under the bar
    assert_layout(doc, f"document {mode}", elder)
    assert_accessible(doc, f"document page {mode}")
    shot(doc, f"document-phone-{mode}")
    # A document that is not there: an HTML page in Chinese with a way back, not JSON.
    missing = doc.goto(bot.base + "/document/nope.txt")
    assert missing.status == 404 and missing.headers["content-type"].startswith("text/html")
    assert doc.get_by_role("link", name="回到政策问答，重新提问").is_visible()
    assert_accessible(doc, "document 404 page")


def _launcher_name(pg) -> str | None:
    return pg.evaluate("""() => { const h = document.querySelector('#policybot-widget');
        const a = h && h.shadowRoot.activeElement; return a ? a.getAttribute('aria-label') : null; }""")


def _chat_frame(pg):
    return next(f for f in pg.frames if "/ui/" in f.url)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("view", VIEWS)
def test_portal_widget(servers, open_page, view, mode):
    _, portal = servers
    elder = mode == "elder"
    pg = open_page(VIEWS[view], elder)
    tag = f"{view}-{mode}"
    pg.goto(portal + "/portal.html")
    launcher = pg.locator("#policybot-widget button.launcher")
    launcher.wait_for()
    # The page as a webmaster copies it: nothing wider than the screen, the launcher on it.
    assert pg.evaluate(OVERFLOW) <= 0, "the portal page scrolls sideways"
    lb = launcher.bounding_box()
    vw, vh = VIEWS[view]["width"], VIEWS[view]["height"]
    assert 0 <= lb["x"] and lb["x"] + lb["width"] <= vw and 0 <= lb["y"] and lb["y"] + lb["height"] <= vh
    assert lb["height"] >= 48
    shot(pg, f"portal-closed-{tag}")
    if view == "phone" and mode == "normal":
        assert_accessible(pg, "portal page")
    launcher.click()
    panel = pg.locator("#policybot-widget").get_by_role("dialog", name="政策问答")
    panel.wait_for()
    frame = pg.frame_locator("#policybot-widget iframe")
    question_box(frame).wait_for()
    chat = _chat_frame(pg)
    if elder:
        chat.wait_for_function("document.documentElement.classList.contains('elder')")
    chat.wait_for_function("document.activeElement && document.activeElement.closest('#question') !== null")
    pg.keyboard.type("李红介绍了什么？")
    pg.keyboard.press("Enter")
    wait_answers(chat, 1)
    assert_first_line_in_view(chat, f"widget answer {tag}")
    assert "李红" in frame.locator("#chat details.src summary").first.inner_text()
    if elder:
        assert_line_length(frame.locator("#chat .answer").first)
    if view == "phone":
        box = panel.bounding_box()
        assert box["width"] == 390 and box["height"] == 844
    assert_layout(chat, f"chat in the widget {tag}", elder)
    shot(pg, f"portal-open-{tag}")
    assert_accessible(pg, f"portal page, widget open, {tag}")
    assert_accessible(chat, f"chat inside the widget {tag}")
    pg.keyboard.press("Escape")  # pressed inside the chat frame
    panel.wait_for(state="hidden")
    assert _launcher_name(pg) == "打开政策问答"  # focus went back to the launcher


def test_widget_by_keyboard(servers, page):
    _, portal = servers
    page.goto(portal + "/portal.html")
    page.locator("#policybot-widget").get_by_role("button", name="打开政策问答").wait_for()
    for _ in range(30):  # Tab through the host page to the launcher
        page.keyboard.press("Tab")
        if _launcher_name(page) == "打开政策问答":
            break
    assert _launcher_name(page) == "打开政策问答", "the launcher is not reachable with Tab"
    launcher = page.locator("#policybot-widget button.launcher")
    assert launcher.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    shot(page, "portal-launcher-focus")
    page.keyboard.press("Enter")
    page.locator("#policybot-widget").get_by_role("dialog", name="政策问答").wait_for()
    assert launcher.get_attribute("aria-expanded") == "true"
    # The 长辈模式 switch in the widget's header reaches the chat.
    elder = page.locator("#policybot-widget").get_by_role("button", name="长辈模式")
    question_box(page.frame_locator("#policybot-widget iframe")).wait_for()
    elder.click()
    assert elder.get_attribute("aria-pressed") == "true"
    _chat_frame(page).wait_for_function("document.documentElement.classList.contains('elder')")


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
    shot(page, "portal-open-on-load")


def test_large_text_switch_by_keyboard_is_remembered(servers, open_page):
    bot, _ = servers
    pg = open_page(PHONE)
    pg.goto(bot.base + "/ui/")
    switch = pg.get_by_label("长辈模式")
    switch.wait_for()
    assert pg.locator("#topbar").bounding_box()["height"] <= 70, "the top bar takes more than one line on a phone"
    switch.focus()
    assert pg.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # visible focus
    pg.keyboard.press("Space")
    pg.wait_for_function("document.documentElement.classList.contains('elder')")
    pg.reload()
    pg.wait_for_function("document.documentElement.classList.contains('elder')")  # remembered
    pg.wait_for_function("(document.querySelector('#elder-switch input') || {}).checked === true")  # and the switch says so


def test_a_refused_question_gets_a_polite_line_and_the_conversation_stays(browser, tmp_path):
    # A server allowing one question a minute: the second is refused by web/guard.py before Gradio queues it.
    env = {"BOT_RATE_LIMIT": "1/60", "BOT_EVENT_LIMIT": "0", "BOT_CLIENT_INFLIGHT": "0",
           "BOT_FEEDBACK_DB": str(tmp_path / "feedback.sqlite3")}
    with FakeServer(env, log_path=tmp_path / "server.log") as bot:
        ctx = browser.new_context(locale="zh-CN", viewport=PHONE)
        try:
            pg = ctx.new_page()
            pg.set_default_timeout(20_000)
            pg.goto(bot.base + "/ui/")
            question_box(pg).fill("王小明说了什么？")
            pg.keyboard.press("Enter")
            wait_answers(pg, 1)
            with pg.expect_response(lambda r: "/queue/join" in r.url) as joined:
                question_box(pg).fill("社区食堂什么时候建成？")
                pg.get_by_role("button", name="发送").click()
            refusal = joined.value
            assert refusal.status == 429 and refusal.headers["x-refusal"] == "rate"
            body = refusal.json()
            assert int(refusal.headers["retry-after"]) == body["retry_after"] >= 1
            assert body["message"] in body["detail"] and "(" not in body["message"]
            line = pg.locator(".pb-refusal[role=status]")
            line.wait_for()
            assert re.search(r"请 \d+ 秒后再试$", line.inner_text()), line.inner_text()
            pg.wait_for_timeout(500)  # Gradio's toast and badge would have appeared by now
            shot(pg, "chat-refused-phone")
            assert pg.locator(".toast-body").count() == 0 or not pg.locator(".toast-body").first.is_visible()
            badges = pg.locator("[data-testid=status-tracker] .error")
            assert [badges.nth(i).is_visible() for i in range(badges.count())] == [False] * badges.count()
            # The conversation stays readable and the question is kept for the retry.
            assert pg.locator("#chat .answer").first.is_visible()
            # Gradio clears the box on submit and the page's script puts the question back: on a loaded machine that
            # takes a moment, so wait for it (up to the page's default timeout) before checking it.
            pg.wait_for_function("q => [...document.querySelectorAll('textarea')].some(t => t.value === q)",
                                 arg="社区食堂什么时候建成？")
            assert question_box(pg).input_value() == "社区食堂什么时候建成？"
            assert pg.evaluate(OVERFLOW) <= 0
            assert_accessible(pg, "chat after a refusal")
        finally:
            ctx.close()
