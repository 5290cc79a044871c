"""End to end: the real app (real e5 model, real Chroma, bundled corpus) in headless Chromium."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
from tests.browser.test_web_browser import ARTIFACTS, CHROME_ARGS, CHROMIUM, _skip_unless_ready  # noqa: E402
from tests.web_fake_app import free_port  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def real_app(tmp_path_factory):
    """`python app.py` on a free loopback port with a fresh store; stopped after the module."""
    _skip_unless_ready()
    d = tmp_path_factory.mktemp("real")
    port = free_port()
    env = {**os.environ, "BOT_STORE_DIR": str(d / "store"), "BOT_FEEDBACK_DB": str(d / "fb.sqlite3"),
           "BOT_CACHE_DIR": os.environ.get("BOT_CACHE_DIR", str(REPO / ".cache")), "HF_HUB_OFFLINE": "1"}
    log = open(d / "app.log", "w", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)], cwd=REPO,
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 300
        while time.time() < deadline:
            assert proc.poll() is None, (d / "app.log").read_text(encoding="utf-8")[-2000:]
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(1)
        else:
            pytest.fail("the app did not become healthy in 300 s")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_real_chat_answers_a_title_question_with_the_speaker_cited(real_app):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_ARGS)
        page = browser.new_page(locale="zh-CN", viewport={"width": 1200, "height": 900})
        page.set_default_timeout(30_000)
        page.goto(real_app + "/ui/")
        page.get_by_label("输入您的问题").fill("市林业局局长是谁?")
        page.keyboard.press("Enter")
        found = page.locator(".answer-found").first
        found.wait_for()
        assert "王理效" in found.inner_text()
        assert "王理效" in found.locator("details.src summary").first.inner_text()
        page.get_by_label("输入您的问题").fill("绵阳的GDP是多少?")
        page.keyboard.press("Enter")
        page.locator(".answer-notfound").first.wait_for()
        page.screenshot(path=str(ARTIFACTS / "real-chat.png"), full_page=True)
        browser.close()
