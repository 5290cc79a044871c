"""A small deterministic OpenAI-compatible chat server: real HTTP on loopback, scripted replies. The tests
use it as the `llm` backend's model, and the benchmarks to measure the pipeline without a model's cost
(it lives in bench/ so that bench never imports tests; tests may import bench, the tools they test).

POST /v1/chat/completions answers as JSON, or as server-sent events when the request says `stream: true`.
Each request takes the next scripted reply (a Reply, or a rule: a function of the request body that
returns one); with the script empty, `default` (a rule) answers. Every request body is recorded.

As a script, `python -m bench.openai_stub [PORT]` serves the echo rule until interrupted (for trying the UI).
"""
from __future__ import annotations

import asyncio
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

_PASSAGE = re.compile(r"^\[(\d+)\][^\n]*\n([^\n]*)", re.MULTILINE)


@dataclass
class Reply:
    """What the stub answers to one request."""

    text: str = ""
    status: int = 200
    delay: float = 0.0  # seconds before any byte of the response
    piece_delay: float = 0.0  # seconds between streamed pieces
    piece_chars: int = 4  # characters per streamed piece
    break_after: int | None = None  # streamed pieces after which the connection is dropped


Rule = Callable[[dict], Reply]


def user_text(body: dict) -> str:
    """The last user message of a request."""
    users = [m for m in body.get("messages", []) if m.get("role") == "user"]
    content = users[-1]["content"] if users else ""
    return content if isinstance(content, str) else "".join(b.get("text", "") for b in content)


def system_text(body: dict) -> str:
    """The system message of a request."""
    return next((m["content"] for m in body.get("messages", []) if m.get("role") in ("system", "developer")), "")


def passages(body: dict) -> dict[int, str]:
    """The numbered passages of a request's user message: {n: text}."""
    return {int(n): text for n, text in _PASSAGE.findall(user_text(body))}


def first_sentence(text: str) -> str:
    """Text up to and including the first sentence end."""
    m = re.search(r"^.*?[。!?！？]", text)
    return m.group(0) if m else text


def echo_first(body: dict) -> Reply:
    """Rule: repeat the first sentence of passage [1], cited; NOT_FOUND when there is no passage."""
    ps = passages(body)
    if 1 not in ps:
        return Reply("NOT_FOUND")
    return Reply(first_sentence(ps[1]).rstrip("。") + "[1]。")


def cite_containing(*needles: str, template: str = "{0}") -> Rule:
    """Rule: cite the passages that contain each needle, in the needles' order, via a template."""

    def rule(body: dict) -> Reply:
        ps = passages(body)
        marks = []
        for needle in needles:
            n = next((k for k, t in sorted(ps.items()) if needle in t), None)
            if n is None:
                return Reply("NOT_FOUND")
            marks.append(f"[{n}]")
        return Reply(template.format(*marks))

    return rule


def echo_system(body: dict) -> Reply:
    """Rule: leak the system prompt, as an obedient model would when told to."""
    return Reply(system_text(body) + "[1]")


class OpenAIStub:
    """The stub server; start() serves it in a background thread on a free loopback port."""

    def __init__(self, default: Rule = echo_first, model: str = "stub-model"):
        self.default = default
        self.model = model
        self.requests: list[dict] = []
        self.script: deque[Reply | Rule] = deque()
        self._lock = threading.Lock()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self.port = 0
        self.app = self._make_app()

    @property
    def base_url(self) -> str:
        """The OpenAI base URL (ends with /v1)."""
        return f"http://127.0.0.1:{self.port}/v1"

    def push(self, *replies: Reply | Rule) -> None:
        """Queue replies for the next requests, in order."""
        with self._lock:
            self.script.extend(replies)

    def reset(self, default: Rule = echo_first) -> None:
        """Forget recorded requests and queued replies."""
        with self._lock:
            self.requests.clear()
            self.script.clear()
            self.default = default

    def _next(self, body: dict) -> Reply:
        with self._lock:
            self.requests.append(body)
            item = self.script.popleft() if self.script else self.default
        return item if isinstance(item, Reply) else item(body)

    # --- protocol -------------------------------------------------------------------------------
    def _make_app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/v1/models")
        async def models() -> dict:
            return {"object": "list", "data": [{"id": self.model, "object": "model", "owned_by": "stub"}]}

        @app.post("/v1/chat/completions")
        async def chat(request: Request):
            body = await request.json()
            reply = self._next(body)
            if reply.delay:
                await asyncio.sleep(reply.delay)
            if reply.status != 200:
                return JSONResponse({"error": {"message": f"stub error {reply.status}", "type": "server_error",
                                               "code": None, "param": None}}, status_code=reply.status)
            cid, created = f"chatcmpl-stub{len(self.requests)}", int(time.time())
            if body.get("stream"):
                return StreamingResponse(self._sse(reply, cid, created), media_type="text/event-stream")
            return JSONResponse({
                "id": cid, "object": "chat.completion", "created": created, "model": self.model,
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": reply.text}}],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            })

        return app

    async def _sse(self, reply: Reply, cid: str, created: int):
        def event(delta: dict, finish: str | None = None) -> str:
            chunk = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": self.model,
                     "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
            return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

        yield event({"role": "assistant", "content": ""})
        text, step = reply.text, max(1, reply.piece_chars)
        for i, start in enumerate(range(0, len(text), step)):
            if reply.break_after is not None and i >= reply.break_after:
                # Dropping the connection mid-stream, as a crashed server would.
                raise RuntimeError("stub drops the stream")
            if reply.piece_delay and i:
                await asyncio.sleep(reply.piece_delay)
            yield event({"content": text[start:start + step]})
        yield event({}, "stop")
        yield "data: [DONE]\n\n"

    # --- lifecycle ------------------------------------------------------------------------------
    def start(self, port: int = 0, wait: float = 10.0) -> "OpenAIStub":
        """Serve on 127.0.0.1 (a free port unless given) and return once it answers HTTP."""
        # Binding here and handing uvicorn the socket leaves no window for another process to take the port.
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", port))
        self.port = self._sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_level="warning", lifespan="off", timeout_graceful_shutdown=1,
                                access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + wait
        while True:
            try:
                if httpx.get(f"{self.base_url}/models", timeout=0.5).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or not self._thread.is_alive():
                self.stop()
                raise RuntimeError(f"OpenAI stub did not start on port {self.port}")
            time.sleep(0.02)

    def stop(self) -> None:
        """Shut the server down and wait for its thread."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._sock is not None:
            self._sock.close()
        self._server = self._thread = self._sock = None

    def __enter__(self) -> "OpenAIStub":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


if __name__ == "__main__":
    import sys

    stub = OpenAIStub().start(port=int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(f"OpenAI stub at {stub.base_url} (echo rule); Ctrl-C stops it", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        stub.stop()
