"""The HTTP API: ask, speakers, statements, health, and the token-guarded staff actions."""
from __future__ import annotations

import hmac
import logging
import math
from typing import Literal

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, field_validator

from bot.models import Turn

from web.metrics import record_answer
from web.feedback import FeedbackStore
from web.live import LiveService
from web.ratelimit import RateLimiter
from web.settings import MAX_QUESTION_CHARS, WebSettings
from web.statements import filter_rows, rows_to_csv

log = logging.getLogger(__name__)


class TurnIn(BaseModel):
    """One earlier message of the conversation."""

    role: Literal["user", "assistant"]
    content: str = Field(max_length=8000)


class AskRequest(BaseModel):
    """A question, optionally with the conversation so far (oldest first)."""

    question: str = Field(description=f"1 to {MAX_QUESTION_CHARS} characters",
                          json_schema_extra={"minLength": 1, "maxLength": MAX_QUESTION_CHARS},
                          examples=["这份文件提出了哪些行动？"])
    history: list[TurnIn] = Field(default_factory=list, max_length=40)

    @field_validator("question")
    @classmethod
    def _question_length(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("问题不能为空 (question must not be empty)")
        if len(v) > MAX_QUESTION_CHARS:
            raise ValueError(f"问题过长：最多 {MAX_QUESTION_CHARS} 个字符，收到 {len(v)} 个 "
                             f"(question too long: at most {MAX_QUESTION_CHARS} characters)")
        return v


class CitationOut(BaseModel):
    """A cited passage and where it stands (documentation only; the route returns Answer.to_json())."""

    passage: str
    speaker: str
    speaker_title: str
    section: str
    doc_title: str
    doc_id: str
    source_kind: str
    paragraph: int
    start: int
    end: int


class AnswerOut(BaseModel):
    """The answer: same JSON as one line of `python -m bot ask --jsonl`."""

    answer: str
    found: bool
    citations: list[CitationOut]
    latency_ms: float
    intent: str
    backend: str


class ErrorOut(BaseModel):
    """Every error: one human-readable message."""

    detail: str


def _errors(*codes: int) -> dict:
    return {c: {"model": ErrorOut} for c in codes}


def client_key(request: Request) -> str:
    """The rate-limit key of a request: its peer address (held in memory only)."""
    return request.client.host if request.client else "unknown"


def build_api(live: LiveService, feedback: FeedbackStore, limiter: RateLimiter,
              settings: WebSettings) -> APIRouter:
    """The /api routes and /health, bound to one live service, feedback store and limiter."""

    def rate_limited(request: Request) -> None:
        """Dependency: 429 with Retry-After once this client is over its limit."""
        wait = limiter.hit(client_key(request))
        if wait:
            raise HTTPException(429, f"请求过于频繁，请 {math.ceil(wait)} 秒后再试 (rate limit exceeded)",
                                headers={"Retry-After": str(math.ceil(wait))})

    def staff_only(request: Request) -> None:
        """Dependency: 403 when no token is configured, 401 without a token, 403 with a wrong one."""
        if not settings.admin_token:
            raise HTTPException(403, "管理功能未启用：服务器未设置 BOT_ADMIN_TOKEN (staff actions disabled)")
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPException(401, "需要管理令牌：Authorization: Bearer <token> (token required)",
                                headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(token.strip().encode("utf-8"), settings.admin_token.encode("utf-8")):
            raise HTTPException(403, "管理令牌不正确 (invalid token)")

    public = APIRouter(prefix="/api", tags=["citizens"], dependencies=[Depends(rate_limited)])
    staff = APIRouter(prefix="/api", tags=["staff"], dependencies=[Depends(rate_limited), Depends(staff_only)])
    probes = APIRouter(tags=["operations"])

    @public.post("/ask", summary="Ask a question", response_model=None,
                 responses={200: {"model": AnswerOut}, **_errors(400, 413, 422, 429, 503)})
    def ask(body: AskRequest) -> JSONResponse:
        """Answer one question with citations; `history` carries the earlier turns of the conversation."""
        history = [Turn(t.role, t.content) for t in body.history]
        try:
            answer = live.service.ask(body.question, history)
        except Exception as exc:
            log.error("ask failed: %s", type(exc).__name__)
            raise HTTPException(503, "暂时无法回答，请稍后再试 (answering failed)") from None
        record_answer(answer)
        return JSONResponse(answer.to_json())

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
                        headers={"Content-Disposition": "attachment; filename=statements.csv"})

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

    @probes.get("/health", summary="Readiness", responses={503: {"description": "some part is not ready"}})
    def health() -> JSONResponse:
        """{"status": "ok"|"unavailable", "checks": {...}}; 503 when any part is not ready."""
        try:
            checks = {k: bool(v) for k, v in live.service.health().items()}
        except Exception as exc:
            log.error("health check failed: %s", type(exc).__name__)
            checks = {"service": False}
        ok = all(checks.values())
        return JSONResponse({"status": "ok" if ok else "unavailable", "checks": checks},
                            status_code=200 if ok else 503)

    router = APIRouter()
    for r in (public, staff, probes):
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
