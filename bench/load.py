"""HTTP load generator: C concurrent clients POST /api/ask on a loopback server, bounded in count and time.

    python -m bench.load --url http://127.0.0.1:7860 [--clients 10] [--requests 300] [--seconds 30]
    python -m bench.load --overload        # app.py under 1/10/50/200/600 clients → bench/RESULTS.md

Each client sends one request at a time (closed loop) over its own keep-alive connection, cycling through
the dev-set questions (with their history). Errors = any non-200 answer or transport failure; latency
percentiles are over the successful answers; throughput = successful answers / wall time. With
`--spread`, client i connects from its own loopback address (127.0.x.y), as distinct users would; a
refused client (429/503) waits for Retry-After (at most 1 s) before it asks again.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
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
    rejected: int = 0  # 429 and 503 answers with Retry-After (load shedding, not failures)
    rejected_p99_ms: float | None = None
    rejected_max_ms: float | None = None
    timeouts: int = 0  # the client gave up waiting
    server_refusal_p50_ms: float | None = None  # as the server's access log timed them (no client-side queueing)
    server_refusal_p99_ms: float | None = None

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


def client_address(i: int) -> str:
    """The loopback address of client i (127.0.0.2 … 127.0.x.y): each one a distinct user to the server."""
    return f"127.0.{i // 250}.{i % 250 + 2}"


async def _load(url: str, items: list[dict], clients: int, max_requests: int, max_seconds: float,
                timeout: float, spread: bool = False) -> LoadResult:
    ask = url.rstrip("/") + "/api/ask"
    counter = itertools.count()
    latencies: list[float] = []
    refusals: list[float] = []
    statuses: Counter[str] = Counter()
    samples: list[str] = []
    found = 0
    # Every client is built before any is timed: building one takes milliseconds of this loop.
    https = [httpx.AsyncClient(timeout=timeout, limits=httpx.Limits(max_connections=1),
                               transport=httpx.AsyncHTTPTransport(local_address=client_address(i)) if spread else None)
             for i in range(clients)]
    t0 = time.perf_counter()
    deadline = t0 + max_seconds
    last_done = t0

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal found, last_done
        async with http:
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
                    elif r.status_code in (429, 503) and r.headers.get("retry-after"):  # shed, not failed
                        refusals.append((time.perf_counter() - start) * 1000)
                        statuses[key] += 1
                        last_done = time.perf_counter()
                        await asyncio.sleep(min(1.0, float(r.headers.get("retry-after") or 1)))
                        continue
                    elif len(samples) < 5:
                        samples.append(f"{r.status_code}: {r.text[:200]}")
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                    if len(samples) < 5:
                        samples.append(f"{key}: {exc}"[:200])
                statuses[key] += 1
                last_done = time.perf_counter()

    await asyncio.gather(*(client(h) for h in https))
    seconds = max(1e-9, last_done - t0)
    sent = sum(statuses.values())
    ok = statuses.get("200", 0)
    timeouts = sum(n for k, n in statuses.items() if "Timeout" in k)
    return LoadResult(clients, sent, ok, sent - ok - len(refusals), round(seconds, 2), round(ok / seconds, 2),
                      pct(latencies, 0.50), pct(latencies, 0.95), pct(latencies, 0.99),
                      max(latencies) if latencies else None, found, dict(statuses), samples,
                      len(refusals), pct(refusals, 0.99), max(refusals) if refusals else None, timeouts)


def run_load(url: str, items: list[dict], clients: int, max_requests: int, max_seconds: float,
             timeout: float = 30.0, warmup: int = 0, spread: bool = False) -> LoadResult:
    """Run one load level (after `warmup` uncounted requests) and return its result."""
    check_loopback(url)
    if warmup:
        asyncio.run(_load(url, items, min(clients, warmup), warmup, max_seconds, timeout))
    return asyncio.run(_load(url, items, clients, max_requests, max_seconds, timeout, spread))


OVERLOAD_HEADING = "## HTTP overload: admission control"


def overload_section(results: list[LoadResult], env: dict[str, str], seconds: float, timeout: float,
                     load: tuple[float, float] | None = None) -> str:
    """bench/RESULTS.md's section for a run of --overload (`load`: the 1-minute load average, min and max)."""
    from bench.common import ms

    rows = ["| clients | requests | admitted | answers/s | p50 ms | p95 ms | p99 ms | refused (429/503) "
            "| refusal p99 ms | refusal max ms | server: refusal p50 / p99 ms | timeouts | other errors |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        rows.append(f"| {r.clients} | {r.sent} | {r.ok} | {r.throughput} | {ms(r.p50_ms)} | {ms(r.p95_ms)} "
                    f"| {ms(r.p99_ms)} | {r.rejected} | {ms(r.rejected_p99_ms)} | {ms(r.rejected_max_ms)} "
                    f"| {ms(r.server_refusal_p50_ms)} / {ms(r.server_refusal_p99_ms)} "
                    f"| {r.timeouts} | {r.errors - r.timeouts} |")
    at = next((r for r in results if r.clients == 200), None)
    if at is not None:  # the targets for one process at 200 clients
        met = lambda ok: "**met**" if ok else "**not met**"  # noqa: E731
        rows.append("")
        fast = at.server_refusal_p99_ms is not None and at.server_refusal_p99_ms < 100
        rows.append(f"Targets at 200 clients: 0 client timeouts — {at.timeouts} ({met(at.timeouts == 0)}); admitted "
                    f"p99 ≤ 2 s — {ms(at.p99_ms)} ms ({met(at.p99_ms is not None and at.p99_ms <= 2000)}); every "
                    f"refusal < 100 ms inside the server — p50 {ms(at.server_refusal_p50_ms)} ms, p99 "
                    f"{ms(at.server_refusal_p99_ms)} ms ({met(fast)}); at the client, which adds the generator's own "
                    f"queueing on the same cores, p99 {ms(at.rejected_p99_ms)} ms, max {ms(at.rejected_max_ms)} ms.")
    settings = ", ".join(f"{k}={v}" for k, v in env.items())
    busy = f" The machine's 1-minute load average during the run: {load[0]:.1f}–{load[1]:.1f}." if load else ""
    return (f"One `python app.py` process (extractive backend, embedded store) with {settings}. Closed loop: "
            f"each client asks again when its answer arrives, from its own loopback address (127.0.x.y, "
            f"so per-client limits treat them as distinct users); a refused client waits for Retry-After "
            f"(at most 1 s). {seconds:.0f} s per level, client timeout {timeout:.0f} s; the generator runs "
            f"on the same 2 cores. *server* = the refusal's time inside the server (its access log), "
            f"without the generator's own queueing.{busy} `python -m bench.load --overload`.\n\n" + "\n".join(rows)
            + "\n\nAdmission is decided once, at arrival, on the event loop, before the request's body is read "
            "(web/guard.py AdmissionGate → web/admission.py): a slot, a place in the queue when the predicted "
            "wait (place × the most pessimistic of the moving averages of answer time ÷ slots, the time between "
            "two slots freeing, and the wait per place admitted waiters really had) is within BOT_MAX_WAIT_S, "
            "or 503/429 with Retry-After at once. A request let in is served: it gives up only after twice the "
            "bound, a safety net. So a refusal costs one synchronous turn of the loop; what the client sees "
            "beyond the server's time is the generator's and the loop's share of two cores that answers "
            "computing in threads also want (GIL).")


def _refusal_times(log: Path, start: int) -> list[float]:
    """Milliseconds of the 429/503 answers to /api/ask in the app's access log after byte `start`."""
    import re

    with open(log, encoding="utf-8", errors="replace") as fh:
        fh.seek(start)
        return [float(m.group(1)) for m in re.finditer(r"POST /api/ask (?:429|503) (\d+)ms", fh.read())]


def run_overload(levels: list[int], seconds: float, timeout: float, write: bool) -> list[LoadResult]:
    """app.py on loopback under each number of clients; the section is written to bench/RESULTS.md."""
    import tempfile

    from bench.common import ROOT
    from bench.results import Section, write as write_results
    from bench.servers import APP_START_S, app_server, base_url

    # The answer cache off: the dev set's 47 questions would otherwise be answered from memory after one pass.
    env = {"BOT_MAX_INFLIGHT": "2", "BOT_MAX_QUEUE": "16", "BOT_MAX_WAIT_S": "1", "BOT_CLIENT_INFLIGHT": "1",
           "BOT_ANSWER_CACHE": "0"}
    log = Path(tempfile.mkdtemp(prefix="bench-overload-")) / "app.log"
    child = app_server(log, **env).start()
    results = []
    loads = [os.getloadavg()[0]]
    try:
        url = base_url(child)
        child.wait_http(url + "/readyz", APP_START_S)
        items = bodies(GOLD)
        for c in levels:
            start = log.stat().st_size
            res = run_load(url, items, c, 10**9, seconds, timeout, warmup=min(10, c), spread=True)
            server = _refusal_times(log, start)
            res.server_refusal_p50_ms, res.server_refusal_p99_ms = pct(server, 0.5), pct(server, 0.99)
            print(json.dumps(res.to_json(), ensure_ascii=False), flush=True)
            results.append(res)
            loads.append(os.getloadavg()[0])
    finally:
        child.stop()
    if write:
        body = overload_section(results, env, seconds, timeout, (min(loads), max(loads)))
        write_results(ROOT / "bench" / "RESULTS.md", None, [Section(OVERLOAD_HEADING, body)], [])
    return results


def main(argv: list[str] | None = None) -> int:
    """Load a running server at one or more concurrency levels and print JSON lines."""
    ap = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="base URL of a loopback server, e.g. http://127.0.0.1:7860")
    ap.add_argument("--clients", default="1,10,50", help="comma-separated concurrency levels")
    ap.add_argument("--requests", type=int, default=300, help="requests per level at most")
    ap.add_argument("--seconds", type=float, default=30, help="seconds per level at most")
    ap.add_argument("--timeout", type=float, default=30, help="per-request timeout")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--spread", action="store_true", help="each client from its own loopback address")
    ap.add_argument("--overload", action="store_true",
                    help="start app.py, run 1,10,50,200,600 clients (or --clients) and write bench/RESULTS.md")
    args = ap.parse_args(argv)
    if args.overload:
        levels = [int(x) for x in (args.clients if args.clients != "1,10,50" else "1,10,50,200,600").split(",")]
        run_overload(levels, args.seconds, args.timeout, write=True)
        return 0
    if not args.url:
        ap.error("--url is required (or --overload to start app.py)")
    items = bodies(args.gold)
    for c in (int(x) for x in args.clients.split(",") if x):
        res = run_load(args.url, items, c, args.requests, args.seconds, args.timeout, warmup=min(10, args.requests),
                       spread=args.spread)
        print(json.dumps(res.to_json(), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
