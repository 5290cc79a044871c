"""HTTP load generator: C concurrent clients POST /api/ask on a loopback server, bounded in count and time.

    python -m bench.load --url http://127.0.0.1:7860 [--clients 10] [--requests 300] [--seconds 30]

Each client sends one request at a time (closed loop) over its own keep-alive connection, cycling through
the dev-set questions (with their history). Errors = any non-200 answer or transport failure; latency
percentiles are over the successful answers; throughput = successful answers / wall time.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

from bench.common import GOLD, LOOPBACK, load_gold, pct

FALLBACK_QUESTIONS = ["市林业局局长是谁?", "八大行动是哪八个?", "董泓是什么职务?", "绵阳的GDP是多少?"]


@dataclass
class LoadResult:
    """One load level's outcome."""

    clients: int
    sent: int
    ok: int
    errors: int
    seconds: float
    throughput: float  # successful answers per second
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    max_ms: float | None
    found: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """As a plain dict."""
        return asdict(self)


def check_loopback(url: str) -> None:
    """Refuse anything but a loopback address: this tool is for benchmarking one's own machine."""
    host = urlparse(url).hostname or ""
    if host not in LOOPBACK:
        raise ValueError(f"load tests only target loopback (127.0.0.1, localhost, ::1), not {host!r}")


def bodies(gold_path: Path | None) -> list[dict]:
    """Request bodies: the dev set's questions with their history, or a few built-in questions."""
    if gold_path and gold_path.exists():
        return [{"question": g["question"], "history": g.get("history", [])} for g in load_gold(gold_path)]
    return [{"question": q, "history": []} for q in FALLBACK_QUESTIONS]


async def _load(url: str, items: list[dict], clients: int, max_requests: int, max_seconds: float,
                timeout: float) -> LoadResult:
    ask = url.rstrip("/") + "/api/ask"
    counter = itertools.count()
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    samples: list[str] = []
    found = 0
    t0 = time.perf_counter()
    deadline = t0 + max_seconds
    last_done = t0

    async def client() -> None:
        nonlocal found, last_done
        async with httpx.AsyncClient(timeout=timeout, limits=httpx.Limits(max_connections=1)) as http:
            while time.perf_counter() < deadline:
                n = next(counter)
                if n >= max_requests:
                    return
                body = items[n % len(items)]
                start = time.perf_counter()
                try:
                    r = await http.post(ask, json=body)
                    key = str(r.status_code)
                    if r.status_code == 200:
                        latencies.append((time.perf_counter() - start) * 1000)
                        found += bool(r.json().get("found"))
                    elif len(samples) < 5:
                        samples.append(f"{r.status_code}: {r.text[:200]}")
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                    if len(samples) < 5:
                        samples.append(f"{key}: {exc}"[:200])
                statuses[key] += 1
                last_done = time.perf_counter()

    await asyncio.gather(*(client() for _ in range(clients)))
    seconds = max(1e-9, last_done - t0)
    sent = sum(statuses.values())
    ok = statuses.get("200", 0)
    return LoadResult(clients, sent, ok, sent - ok, round(seconds, 2), round(ok / seconds, 2),
                      pct(latencies, 0.50), pct(latencies, 0.95), pct(latencies, 0.99),
                      max(latencies) if latencies else None, found, dict(statuses), samples)


def run_load(url: str, items: list[dict], clients: int, max_requests: int, max_seconds: float,
             timeout: float = 30.0, warmup: int = 0) -> LoadResult:
    """Run one load level (after `warmup` uncounted requests) and return its result."""
    check_loopback(url)
    if warmup:
        asyncio.run(_load(url, items, min(clients, warmup), warmup, max_seconds, timeout))
    return asyncio.run(_load(url, items, clients, max_requests, max_seconds, timeout))


def main(argv: list[str] | None = None) -> int:
    """Load a running server at one or more concurrency levels and print JSON lines."""
    ap = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", required=True, help="base URL of a loopback server, e.g. http://127.0.0.1:7860")
    ap.add_argument("--clients", default="1,10,50", help="comma-separated concurrency levels")
    ap.add_argument("--requests", type=int, default=300, help="requests per level at most")
    ap.add_argument("--seconds", type=float, default=30, help="seconds per level at most")
    ap.add_argument("--timeout", type=float, default=30, help="per-request timeout")
    ap.add_argument("--gold", type=Path, default=GOLD)
    args = ap.parse_args(argv)
    items = bodies(args.gold)
    for c in (int(x) for x in args.clients.split(",") if x):
        res = run_load(args.url, items, c, args.requests, args.seconds, args.timeout, warmup=min(10, args.requests))
        print(json.dumps(res.to_json(), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
