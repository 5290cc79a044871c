"""ASGI middleware: security headers, a privacy-preserving access log, a request-body limit and deadline."""
from __future__ import annotations

import asyncio
import json
import logging
import time

access_log = logging.getLogger("web.access")


def content_security_policy(allowed_origins: tuple[str, ...]) -> str:
    """Same-origin for everything the page loads (so nothing leaves for another host); who may frame it."""
    ancestors = "*" if "*" in allowed_origins else " ".join(("'self'", *allowed_origins))
    # Gradio's bundle needs inline styles/scripts and eval; the origin restriction is the point here.
    return (
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        "media-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; "
        f"frame-ancestors {ancestors}; base-uri 'self'; form-action 'self'"
    )


class SecurityHeaders:
    """Adds CSP (incl. frame-ancestors), nosniff and no-referrer to every response."""

    def __init__(self, app, allowed_origins: tuple[str, ...]):
        self.app = app
        self.headers = [
            (b"content-security-policy", content_security_policy(allowed_origins).encode("latin-1")),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
        ]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class AccessLog:
    """Logs method, path (no query string), status and duration; the client address only if asked."""

    def __init__(self, app, with_client: bool = False):
        self.app = app
        self.with_client = with_client

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.monotonic()
        status = [0]

        async def send_logged(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_logged)
        finally:
            who = f"{scope['client'][0]} " if self.with_client and scope.get("client") else ""
            access_log.info("%s%s %s %s %.0fms", who, scope["method"], scope["path"], status[0],
                            (time.monotonic() - t0) * 1000)


class BodyTooLarge(Exception):
    """The request body grew past the allowed size while it was read."""


async def read_body(receive, max_bytes: int) -> bytes | None:
    """The whole request body; None when the client disconnected; BodyTooLarge past max_bytes."""
    body, more = b"", True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        more = message.get("more_body", False)
        if len(body) > max_bytes:
            raise BodyTooLarge
    return body


def replaying(body: bytes, receive):
    """A receive callable that hands the app the body already read, then defers to the real one."""
    replayed = False

    async def replay():
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def reply(send, status: int, detail: str, retry_after: int | None = None, close: bool = False) -> None:
    """Send a whole JSON error response {"detail": ...}, with Retry-After and Connection: close if asked."""
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    if retry_after is not None:
        headers.append((b"retry-after", str(int(retry_after)).encode()))
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})



class SlowBody:
    """Every request body must arrive within `timeout_s` of the request's start; else 408 and the
    connection is closed (a client sending a byte every few seconds cannot hold it open)."""

    def __init__(self, app, timeout_s: float):
        self.app = app
        self.timeout_s = timeout_s

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.timeout_s <= 0 or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        state = {"done": False, "late": False, "started": False}

        async def timed_receive():
            if state["done"]:  # the body is in: what follows is waiting for a disconnect, with no deadline
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except asyncio.TimeoutError:
                # Tell the app the client is gone (every framework stops on that); we answer below.
                state["late"] = state["done"] = True
                return {"type": "http.disconnect"}
            if message["type"] != "http.request" or not message.get("more_body", False):
                state["done"] = True
            return message

        async def guarded_send(message):
            if state["late"]:
                return  # whatever the app says after the deadline is replaced by the 408
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, timed_receive, guarded_send)
        except Exception:
            if not state["late"]:
                raise
        if state["late"] and not state["started"]:
            await reply(send, 408, "请求体发送超时 (request body timeout)", close=True)


class BodyLimit:
    """Refuses /api request bodies over `max_bytes` with 413, before any parsing."""

    def __init__(self, app, max_bytes: int, prefix: str = "/api/"):
        self.app = app
        self.max_bytes = max_bytes
        self.prefix = prefix

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix) \
                or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        too_big = f"请求体过大：最多 {self.max_bytes} 字节 (request body too large)"
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            try:
                if int(declared) > self.max_bytes:
                    return await reply(send, 413, too_big)
            except ValueError:
                return await reply(send, 400, "Content-Length 无效 (bad Content-Length)")
        try:
            body = await read_body(receive, self.max_bytes)
        except BodyTooLarge:
            return await reply(send, 413, too_big)
        if body is None:
            return  # the client went away
        await self.app(scope, replaying(body, receive), send)
