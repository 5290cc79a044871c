"""Assembles the FastAPI app: API, pages, widget, Gradio chat and staff pages, middleware."""
from __future__ import annotations

import warnings
from collections.abc import Callable

import gradio as gr
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from bot.service import ChatService

from web.admission import Admission, AdmittedService
from web.metrics import METRICS, install_metrics
from web.api import build_api, install_error_handlers
from web.chat_ui import build_chat
from web.examples import load_examples
from web.feedback import FeedbackStore
from web.head import PageHead
from web.live import LiveService
from web.guard import AdmissionGate, QueueGuard
from web.middleware import AccessLog, BodyLimit, SecurityHeaders, SlowBody
from web.pages import build_pages
from web.probes import Readiness, build_probes
from web.ratelimit import Backoff, RateLimiter
from web.settings import WebSettings
from web.staff_ui import build_staff
from web.widget import STATIC, build_widget

UI_PATH = "/ui"
IDLE_POLL_S = 0.05
EXPORT_CACHE_S = 600  # Gradio's copies of exported files are deleted after this long (and at exit)


def _read(name: str) -> str:
    with open(STATIC / name, encoding="utf-8") as fh:
        return fh.read()


def build_blocks(live: LiveService, store: FeedbackStore, limiter: RateLimiter | None,
                 settings: WebSettings) -> gr.Blocks:
    """The Gradio app: the chat at its root, the staff index at /staff (not in the citizens' nav)."""
    view = live.view
    examples = load_examples(settings.examples_file, view.people, list(view.documents.values()))
    with gr.Blocks(title="政策问答助手", analytics_enabled=False, fill_width=False,
                   delete_cache=(EXPORT_CACHE_S, EXPORT_CACHE_S)) as demo:
        build_chat(demo, live, store, limiter, examples)
    with demo.route("发言索引", "/staff", show_in_navbar=False):
        build_staff(live, store, settings)
    return demo


def create_app(service: ChatService, settings: WebSettings,
               reload: Callable[[], ChatService] | None = None) -> FastAPI:
    """The whole web app around one ChatService; `reload` rebuilds it for staff re-index requests.

    `app.state.drain()` starts a graceful shutdown (web.serving calls it on SIGTERM)."""
    admission = Admission(settings.max_inflight, settings.max_queue, settings.max_wait_s, settings.client_inflight)
    # The chat's answers take a slot inside Gradio's worker; the API takes its own before it calls in.
    admitted = (lambda fresh: AdmittedService(fresh, admission))
    live = LiveService(admitted(service), (lambda: admitted(reload())) if reload else None)
    store = FeedbackStore(settings.feedback_db, store_ip=settings.store_ip)
    limiter = RateLimiter(settings.rate_limit, settings.rate_window_s)
    backoff = Backoff()

    app = FastAPI(
        title="政策问答助手 API",
        version="1.0",
        description="Cited answers about the corpus; the same JSON as `python -m bot ask --jsonl`.",
        docs_url=None, redoc_url=None,  # FastAPI's pages load Swagger/ReDoc from a CDN
    )
    install_error_handlers(app)
    app.include_router(build_api(live, store, limiter, settings, admission, backoff, METRICS.refusal))
    app.include_router(build_probes(Readiness(lambda: live.service, lambda: admission.draining)))
    app.include_router(build_pages(live, app))
    app.include_router(build_widget(UI_PATH))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    demo = build_blocks(live, store, None, settings)  # the chat's limits apply before queueing (QueueGuard)
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

    app.add_middleware(PageHead, prefix=UI_PATH)  # our lang, title and link-preview tags on Gradio's pages
    # Outermost last: CORS must see preflights first; the limit applies before any parsing.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(QueueGuard, blocks=lambda: demo, path=f"{UI_PATH}/gradio_api/queue/join",
                       admission=admission, answers=limiter,
                       events=RateLimiter(settings.event_limit, 60, namespace="events"), backoff=backoff,
                       admin_token=settings.admin_token, per_client=settings.client_inflight,
                       on_refusal=lambda reason: METRICS.refusal("chat", reason))
    app.add_middleware(AdmissionGate, path="/api/ask", admission=admission,
                       on_refusal=lambda reason: METRICS.refusal("api", reason))
    # /metrics (Bearer token); its timing middleware sees 413s, 429s and 503s too
    install_metrics(app, lambda: live.service, settings.metrics_token or settings.admin_token, admission=admission)
    if settings.allowed_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.allowed_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Content-Type", "Authorization"],
                           max_age=600)
    app.add_middleware(SecurityHeaders, allowed_origins=settings.allowed_origins)
    app.add_middleware(AccessLog, with_client=settings.store_ip)
    app.add_middleware(SlowBody, timeout_s=settings.body_timeout_s)
    # Outermost: every layer sees the real client; X-Forwarded-For only from the configured proxies.
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))

    def drain() -> None:
        """Refuse new answers and end the pages' event streams; answers in flight finish."""
        admission.draining = True
        for route in app.routes:
            stop = getattr(getattr(route, "app", None), "stop_event", None)
            if stop is not None:
                stop.set()  # Gradio's heartbeat streams end on it

    app.state.admission = admission
    app.state.drain = drain
    return app
