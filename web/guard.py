"""Limits on the chat and staff pages enforced *before* Gradio queues an event (ASGI middleware).

Gradio checks nothing before it queues: a handler that refuses runs only after every event ahead of it.
This middleware reads each POST to Gradio's queue/join and answers at once, without queueing:
- 429 when the client sent more than `event_limit` page events a minute, or — for events of the answer
  group (`ANSWER_GROUP`) — more questions than the answer rate limit, or has `per_client` answers
  already queued or running;
- 503 when the process is shutting down or the answer queue would wait longer than its bound;
- 429 while the client is backing off after wrong staff tokens (checked here, so guesses cost time).
The client is the connection's peer address (a trusted proxy's X-Forwarded-For was applied before).
"""
from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable

import gradio as gr

from web.admission import Admission, Overloaded
from web.middleware import BodyTooLarge, read_body, replaying, reply
from web.ratelimit import Backoff, RateLimiter

log = logging.getLogger(__name__)

ANSWER_GROUP = "answer"  # Gradio concurrency_id of the events that compute an answer (web/chat_ui.py)
TOKEN_ELEM_ID = "admin-token"  # the staff page's token box (web/staff_ui.py)
MAX_JOIN_BYTES = 256 * 1024


async def refuse(send, status: int, reason: str, detail: str, retry_after: int) -> None:
    """Send a refusal the chat page can show as a polite line of its own (web/static/ui.js) rather than as
    Gradio's error: the `X-Refusal` header names the reason, and the body adds `message`, the user's words
    alone, and `retry_after` next to the usual `detail`."""
    body = json.dumps({"detail": detail, "message": detail.split(" (", 1)[0], "reason": reason,
                       "retry_after": retry_after}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(int(retry_after)).encode()), (b"x-refusal", reason.encode("ascii", "replace"))]})
    await send({"type": "http.response.body", "body": body})


def peer(scope: dict) -> str:
    """The client address of a request (after trusted-proxy headers were applied)."""
    client = scope.get("client")
    return client[0] if client else "unknown"


class QueueGuard:
    """Refuses Gradio queue joins over the per-client limits or the process's bound, before queueing."""

    def __init__(self, app, blocks: Callable[[], gr.Blocks], path: str, admission: Admission,
                 answers: RateLimiter, events: RateLimiter, backoff: Backoff,
                 admin_token: str | None, per_client: int = 2, on_refusal: Callable[[str], None] | None = None):
        self.app = app
        self.blocks = blocks
        self.path = path
        self.admission = admission
        self.answers = answers
        self.events = events
        self.backoff = backoff
        self.admin_token = admin_token
        self.per_client = per_client
        self.on_refusal = on_refusal or (lambda reason: None)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != self.path:
            return await self.app(scope, receive, send)
        try:
            body = await read_body(receive, MAX_JOIN_BYTES)
        except BodyTooLarge:
            return await reply(send, 413, "请求体过大 (request body too large)")
        if body is None:
            return  # the client went away
        refusal = self._refusal(peer(scope), body)
        if refusal is not None:
            status, reason, detail, retry = refusal
            self.on_refusal(reason)
            return await refuse(send, status, reason, detail, retry)
        await self.app(scope, replaying(body, receive), send)

    def _refusal(self, client: str, body: bytes) -> tuple[int, str, str, int] | None:
        """(status, reason, message, Retry-After) when this join must be refused, else None."""
        try:
            join = json.loads(body)
            fn = self.blocks().fns.get(int(join.get("fn_index")))
        except (ValueError, TypeError, AttributeError):
            return None  # Gradio answers a malformed join itself
        if fn is None:
            return None
        if self.admission.draining:
            return 503, "draining", "服务正在重启，请稍后再试 (server is shutting down)", 5
        wait = self.events.hit(client)
        if wait:
            return 429, "events", f"操作太频繁，请 {int(wait)} 秒后再试 (too many events)", int(wait)
        if fn.concurrency_id == ANSWER_GROUP:
            return self._answer_refusal(client)
        slots = [i for i, c in enumerate(fn.inputs) if getattr(c, "elem_id", None) == TOKEN_ELEM_ID]
        if slots:
            data = join.get("data")
            token = data[slots[0]] if isinstance(data, list) and len(data) > slots[0] else ""
            return self._token_refusal(client, token if isinstance(token, str) else "")
        return None

    def _answer_refusal(self, client: str) -> tuple[int, str, str, int] | None:
        queued, mine = self._queued_answers(client)
        if self.per_client and mine >= self.per_client:
            return 429, "client", "上一个问题还在回答中，请稍候 (an answer is still in progress)", 1
        wait = self.answers.hit(client)
        if wait:
            return 429, "rate", f"提问太频繁了，请 {int(wait)} 秒后再试 (rate limit exceeded)", int(wait)
        try:
            self.admission.check(None, extra_waiting=queued)
        except Overloaded as exc:
            return exc.status, exc.reason, exc.message, exc.retry_after
        return None

    def _token_refusal(self, client: str, token: str) -> tuple[int, str, str, int] | None:
        wait = self.backoff.wait(client)
        if wait:
            return 429, "token", f"管理令牌错误次数过多，请 {int(wait)} 秒后再试 (too many wrong tokens)", int(wait)
        if not self.admin_token or not hmac.compare_digest(token.encode("utf-8"), self.admin_token.encode("utf-8")):
            self.backoff.failed(client)  # the handler still answers with the refusal in words
        return None

    def _queued_answers(self, client: str) -> tuple[int, int]:
        """(answer events waiting in Gradio's queue, this client's answer events queued or running)."""
        queue = getattr(self.blocks(), "_queue", None)
        if queue is None:
            return 0, 0
        group = queue.event_queue_per_concurrency_id.get(ANSWER_GROUP)
        waiting = list(group.queue) if group is not None else []
        running = [e for job in queue.active_jobs if job for e in job if e.concurrency_id == ANSWER_GROUP]
        mine = sum(1 for e in waiting + running if _event_client(e) == client)
        return len(waiting), mine


def _event_client(event) -> str:
    request = getattr(event, "request", None)
    client = getattr(request, "client", None)
    return client.host if client else "unknown"


class AdmissionGate:
    """Decides admission for POST `path` (the API's ask) at the door, before its body is read or validated:
    a refusal costs one turn of the event loop, which matters most exactly when that loop shares the CPU
    with answers being computed; an admitted request keeps the slot or queue place reserved here for its
    handler (`Admission.offer`), so nothing decided at arrival is undone by requests that arrived meanwhile."""

    def __init__(self, app, path: str, admission: Admission, on_refusal: Callable[[str], None] | None = None):
        self.app = app
        self.path = path
        self.admission = admission
        self.on_refusal = on_refusal or (lambda reason: None)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == self.path:
            try:
                reservation = self.admission.reserve(peer(scope))
            except Overloaded as exc:
                self.on_refusal(exc.reason)
                return await reply(send, exc.status, exc.message, retry_after=exc.retry_after)
            with self.admission.offer(reservation):
                return await self.app(scope, receive, send)
        await self.app(scope, receive, send)
