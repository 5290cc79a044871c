"""The HTTP API: ask, speakers, statements, and the token-guarded staff actions (probes: web/probes.py)."""
from __future__ import annotations

import hmac
import logging
import math
from collections.abc import Callable

import anyio

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.responses import JSONResponse, Response

from bot.models import Turn

from web.metrics import record_answer
from web.feedback import FeedbackStore
from web.admission import Admission, Overloaded
from web.live import LiveService
from web.ratelimit import Backoff, RateLimiter
from web.schemas import AnswerOut, AskRequest, ErrorOut
from web.settings import WebSettings
from web.statements import attachment_header, csv_filename, filter_rows, rows_to_csv

log = logging.getLogger(__name__)


def _errors(*codes: int) -> dict:
    return {c: {"model": ErrorOut} for c in codes}


def client_key(request: Request) -> str:
    """The rate-limit key of a request: its peer address (a trusted proxy's X-Forwarded-For applied)."""
    return request.client.host if request.client else "unknown"


async def _client_left(request: Request) -> None:
    """Returns when the client hangs up (the body has been read: all that can still come is a disconnect)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


def build_api(live: LiveService, feedback: FeedbackStore, limiter: RateLimiter, settings: WebSettings,
              admission: Admission | None = None, backoff: Backoff | None = None,
              refused: Callable[[str, str], None] | None = None) -> APIRouter:
    """The /api routes, bound to one live service, feedback store, limiter and admission control."""
    admission = admission or Admission(settings.max_inflight, settings.max_queue, settings.max_wait_s,
                                       settings.client_inflight)
    backoff = backoff or Backoff()
    refused = refused or (lambda entry, reason: None)

    async def rate_limited(request: Request) -> None:
        """Dependency: 429 with Retry-After once this client is over its limit."""
        wait = limiter.hit(client_key(request))
        if wait:
            refused("api", "rate")
            raise HTTPException(429, f"请求过于频繁，请 {math.ceil(wait)} 秒后再试 (rate limit exceeded)",
                                headers={"Retry-After": str(math.ceil(wait))})

    async def staff_only(request: Request) -> None:
        """Dependency: 403 when no token is configured, 401 without a token, 403 with a wrong one;
        429 while this client backs off after wrong tokens."""
        if not settings.admin_token:
            raise HTTPException(403, "管理功能未启用：服务器未设置 BOT_ADMIN_TOKEN (staff actions disabled)")
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPException(401, "需要管理令牌：Authorization: Bearer <token> (token required)",
                                headers={"WWW-Authenticate": "Bearer"})
        client = client_key(request)
        wait = backoff.wait(client)
        if wait:
            refused("api", "token")
            raise HTTPException(429, f"管理令牌错误次数过多，请 {math.ceil(wait)} 秒后再试 (too many wrong tokens)",
                                headers={"Retry-After": str(math.ceil(wait))})
        if not hmac.compare_digest(token.strip().encode("utf-8"), settings.admin_token.encode("utf-8")):
            backoff.failed(client)
            raise HTTPException(403, "管理令牌不正确 (invalid token)")

    public = APIRouter(prefix="/api", tags=["citizens"], dependencies=[Depends(rate_limited)])
    staff = APIRouter(prefix="/api", tags=["staff"], dependencies=[Depends(rate_limited), Depends(staff_only)])

    @public.post("/ask", summary="Ask a question", response_model=AnswerOut,
                 responses=_errors(400, 413, 422, 429, 503))
    async def ask(body: AskRequest, request: Request) -> dict:
        """Answer one question with citations; `history` carries the earlier turns of the conversation.
        503/429 with Retry-After at once when the server or this client has enough answers in flight."""
        history = [Turn(t.role, t.content) for t in body.history]
        try:
            async with admission.slot(client_key(request), abandoned=lambda: _client_left(request)):
                answer = await anyio.to_thread.run_sync(live.service.ask, body.question, history)
        except Overloaded as exc:
            refused("api", exc.reason)
            raise HTTPException(exc.status, exc.message, headers={"Retry-After": str(exc.retry_after)}) from None
        except Exception as exc:
            log.error("ask failed: %s", type(exc).__name__)
            raise HTTPException(503, "暂时无法回答，请稍后再试 (answering failed)") from None
        record_answer(answer)
        return answer.to_json()  # validated against AnswerOut, the schema the docs show

    @public.get("/speakers", summary="The speaker registry", responses=_errors(429))
    def speakers() -> list[dict]:
        """Every named person: name, fullest title, all titles, sections and number of statements."""
        return [
            {"name": p.name, "title": p.title, "titles": p.titles, "sections": p.sections,
             "statements": len(p.statements)}
            for p in live.view.people
        ]

    @public.get("/statements", summary="The who-said-what index", responses=_errors(429))
    def statements(speaker: str = "", section: str = "", q: str = "") -> list[dict]:
        """Every statement with speaker, title, section, document and date, filtered by the query."""
        return [r.to_json() for r in filter_rows(live.view.rows, speaker, section, q[:200])]

    @public.get("/statements.csv", summary="Export the who-said-what index as CSV",
                response_class=Response, responses=_errors(429))
    def statements_csv(speaker: str = "", section: str = "", q: str = "") -> Response:
        """The filtered statements as a UTF-8 CSV download."""
        rows = filter_rows(live.view.rows, speaker, section, q[:200])
        return Response(rows_to_csv(rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": attachment_header(csv_filename(speaker, section, q))})

    @staff.get("/feedback", summary="Read stored feedback (staff)", responses=_errors(401, 403, 429))
    def feedback_list(limit: int = 1000) -> list[dict]:
        """Stored ratings, newest first; needs `Authorization: Bearer $BOT_ADMIN_TOKEN`."""
        return [r.to_json() for r in feedback.list(max(1, min(limit, 100_000)))]

    @staff.get("/feedback.csv", summary="Export stored feedback as CSV (staff)",
               response_class=Response, responses=_errors(401, 403, 429))
    def feedback_csv() -> Response:
        """All ratings as CSV; needs `Authorization: Bearer $BOT_ADMIN_TOKEN`."""
        return Response("\ufeff" + feedback.to_csv(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": "attachment; filename=feedback.csv"})

    @staff.post("/reindex", summary="Rebuild the index (staff)", status_code=202,
                responses=_errors(401, 403, 409, 429, 501))
    def reindex() -> dict:
        """Start re-indexing the corpus in the background; the old index answers until it is done."""
        if not live.can_reindex:
            raise HTTPException(501, "本服务器不支持重建索引 (re-index not available)")
        if not live.start_reindex():
            raise HTTPException(409, "索引正在重建中 (a re-index is already running)")
        return live.reindex_status()

    @staff.get("/reindex", summary="Re-index progress (staff)", responses=_errors(401, 403, 429))
    def reindex_status() -> dict:
        """State of the last re-index: idle, running, done or failed."""
        return live.reindex_status()

    router = APIRouter()
    for r in (public, staff):
        router.include_router(r)
    return router


def _message(err: dict) -> str:
    loc = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{loc}: {msg}" if loc else msg


def install_error_handlers(app: FastAPI) -> None:
    """Turn validation and unexpected errors into one-message JSON; never a traceback."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return JSONResponse({"detail": "请求体不是有效的 JSON (malformed JSON body)"}, status_code=400)
        return JSONResponse({"detail": "; ".join(_message(e) for e in errors)}, status_code=422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled %s on %s", type(exc).__name__, request.url.path)
        return JSONResponse({"detail": "服务暂时不可用，请稍后再试 (internal error)"}, status_code=503)
