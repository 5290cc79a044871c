"""Assembles the FastAPI app: API, pages, widget, Gradio chat and staff pages, middleware."""
from __future__ import annotations

import warnings
from collections.abc import Callable

import gradio as gr
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from bot.service import ChatService

from web.metrics import install_metrics
from web.api import build_api, install_error_handlers
from web.chat_ui import build_chat
from web.examples import load_examples
from web.feedback import FeedbackStore
from web.live import LiveService
from web.middleware import AccessLog, BodyLimit, SecurityHeaders
from web.pages import build_pages
from web.ratelimit import RateLimiter
from web.settings import WebSettings
from web.staff_ui import build_staff
from web.widget import STATIC, build_widget

UI_PATH = "/ui"
IDLE_POLL_S = 0.05


def _read(name: str) -> str:
    with open(STATIC / name, encoding="utf-8") as fh:
        return fh.read()


def build_blocks(live: LiveService, store: FeedbackStore, limiter: RateLimiter,
                 settings: WebSettings) -> gr.Blocks:
    """The Gradio app: the chat at its root, the staff index at /staff (not in the citizens' nav)."""
    view = live.view
    examples = load_examples(settings.examples_file, view.people, list(view.documents.values()))
    with gr.Blocks(title="政策问答助手", analytics_enabled=False, fill_width=False) as demo:
        build_chat(demo, live, store, limiter, examples)
    with demo.route("发言索引", "/staff", show_in_navbar=False):
        build_staff(live, store, settings)
    return demo


def create_app(service: ChatService, settings: WebSettings,
               reload: Callable[[], ChatService] | None = None) -> FastAPI:
    """The whole web app around one ChatService; `reload` rebuilds it for staff re-index requests."""
    live = LiveService(service, reload)
    store = FeedbackStore(settings.feedback_db, store_ip=settings.store_ip)
    limiter = RateLimiter(settings.rate_limit, settings.rate_window_s)

    app = FastAPI(
        title="政策问答助手 API",
        version="1.0",
        description="Cited answers about the corpus; the same JSON as `python -m bot ask --jsonl`.",
        docs_url=None, redoc_url=None,  # FastAPI's pages load Swagger/ReDoc from a CDN
    )
    install_error_handlers(app)
    app.include_router(build_api(live, store, limiter, settings))
    app.include_router(build_pages(live, app))
    app.include_router(build_widget(UI_PATH))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    demo = build_blocks(live, store, limiter, settings)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="SSR mode is not supported")  # we never want SSR
        app = gr.mount_gradio_app(
            app, demo, path=UI_PATH, footer_links=[], ssr_mode=False, mcp_server=False, pwa=False,
            enable_monitoring=False, show_error=False,
            theme=gr.themes.Default(primary_hue="blue", secondary_hue="slate"),
            # A plain stylesheet link: Gradio rewrites `css=` selectors, which breaks the html.elder ones.
            head=f'<link rel="stylesheet" href="/static/ui.css"><script>{_read("ui.js")}</script>',
        )

    # Gradio's queue polls every 1 ms (Linux) when idle: ~5 % of a core for nothing. Its Windows
    # values (50 ms / 100 ms) measured 0.5 % idle and no slower answers. Private attributes of
    # gradio.queueing.Queue (6.31): if they vanish, this does nothing.
    queue = getattr(demo, "_queue", None)
    if queue is not None and hasattr(queue, "sleep_when_free"):
        queue.sleep_when_free = max(queue.sleep_when_free, IDLE_POLL_S)
        queue.progress_update_sleep_when_free = max(queue.progress_update_sleep_when_free, 2 * IDLE_POLL_S)

    # Outermost last: CORS must see preflights first; the limit applies before any parsing.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    install_metrics(app, lambda: live.service)  # /metrics; its timing middleware sees 413s and 429s too
    if settings.allowed_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.allowed_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Content-Type", "Authorization"],
                           max_age=600)
    app.add_middleware(SecurityHeaders, allowed_origins=settings.allowed_origins)
    app.add_middleware(AccessLog, with_client=settings.store_ip)
    return app
