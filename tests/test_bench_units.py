"""The benchmark tools themselves: percentiles, the results file, the generated corpus, approximate vectors,
the load generator and the round-robin proxy (small real servers on loopback; no model)."""
from __future__ import annotations

import asyncio
import socket
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fakes import BigramEmbeddings  # noqa: E402

from bench.common import pct  # noqa: E402
from bench.results import Section, merge, parse, table  # noqa: E402


def test_nearest_rank_percentiles():
    values = list(range(1, 101))
    assert (pct(values, 0.5), pct(values, 0.95), pct(values, 0.99), pct(values, 1.0)) == (50, 95, 99, 100)
    assert pct([7.0], 0.95) == 7.0 and pct([], 0.5) is None
    assert pct([3, 1, 2], 0.0) == 1


OLD = """# Benchmark results

old header

## Summary

old summary

## HTTP under load

old load table

## Local LLM

their table, untouched
"""


def test_results_merge_replaces_measured_sections_and_keeps_the_rest():
    order = ["## Summary", "## Cold start", "## HTTP under load", "## Corpus scale"]
    text = merge(OLD, "# Benchmark results\n\nnew header", [
        Section("## Summary", "new summary"), Section("## Corpus scale", "scale table"),
        Section("## Cold start", "cold table")], order)
    head, sections = parse(text)
    assert head.strip() == "# Benchmark results\n\nnew header"
    assert [s.heading for s in sections] == ["## Summary", "## Cold start", "## HTTP under load", "## Corpus scale",
                                             "## Local LLM"]
    body = {s.heading: s.body for s in sections}
    assert body["## HTTP under load"] == "old load table"  # not measured this time: kept
    assert body["## Local LLM"] == "their table, untouched"
    assert body["## Summary"] == "new summary"
    # merging again with the same input changes nothing
    assert merge(text, None, [Section("## Cold start", "cold table")], order) == text


def test_results_merge_into_an_empty_file_and_table_alignment():
    text = merge("", None, [Section("## Summary", "s")], ["## Summary"])
    assert text.startswith("# Benchmark results\n\n## Summary\n\ns\n")
    assert table(["a", "b"], [[1, 2]]).splitlines()[1] == "| --- | ---: |"


def test_generated_corpus_pages_are_distinct_parseable_and_grow_the_registry(tmp_path):
    from bench.corpus_gen import generate
    from index.open import corpus_chunks
    from index.ingest.corpus import load_corpus

    paths = generate(tmp_path / "gen", 6, ROOT / "corpus")
    assert len(paths) == 6 and len({p.read_bytes() for p in paths}) == 6
    assert paths[0].read_bytes() == next((ROOT / "corpus").glob("*.txt")).read_bytes()
    corpus = load_corpus(tmp_path / "gen", warn=pytest.fail)
    assert len(corpus.documents) == 6
    titles = {d.meta.title for d in corpus.documents}
    assert len(titles) == 6
    chunks = [c for _, _, cs in corpus_chunks(corpus) for c in cs]
    assert len({c.chunk_id for c in chunks}) == len(chunks) > 6 * 30
    one = load_corpus(ROOT / "corpus")
    assert len(corpus.people) > 3 * len(one.people)  # renamed people: the registry grows with the corpus
    # seeded and free of set order: another process (another hash seed) writes the same pages
    import os
    import subprocess

    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "bench.corpus_gen", str(tmp_path / "gen2"), "6"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    assert [p.read_bytes() for p in sorted((tmp_path / "gen2").iterdir())] == [p.read_bytes() for p in paths]


def test_approximate_vectors_are_unit_length_deterministic_and_close_to_their_source():
    from bench.approx import ApproxEmbeddings, fidelity

    real = BigramEmbeddings(dim=64)
    sentences = ["推进科技创新高质量发展。", "加快交通基础设施建设。", "加强生态环境保护。", "提升公共服务水平。"]
    approx = ApproxEmbeddings(real, sentences, noise=0.01)
    texts = ["重点任务 加快交通基础设施建设。提升公共服务水平。", "加强生态环境保护。"]
    a, b = approx.embed_documents(texts), approx.embed_documents(texts)
    assert a == b and all(abs(np.linalg.norm(v) - 1) < 1e-5 for v in a)
    assert approx.embed_query("交通") == real.embed_query("交通")  # queries always take the real model
    close = float(np.dot(a[1], real.embed_documents([sentences[2]])[0]))
    assert close > 0.95
    report = fidelity(approx, texts + sentences, ["交通建设", "生态保护"], k=2)
    assert report["cosine"] > 0.6 and 0 <= report["top2_overlap"] <= 1


# --------------------------------------------------------------------- load generator and proxy


class TinyServer:
    """A uvicorn server in a thread on a free loopback port, for the load generator and the proxy."""

    def __init__(self, app):
        import uvicorn

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> "TinyServer":
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
        self.sock.close()


def ask_app(name: str, fail_every: int = 0):
    """/api/ask answering {"found": ..., "who": name}; every fail_every-th request gets a 503."""
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    app = FastAPI()
    seen = {"n": 0}

    @app.post("/api/ask")
    async def ask(body: dict):
        seen["n"] += 1
        if fail_every and seen["n"] % fail_every == 0:
            return JSONResponse({"detail": "busy"}, status_code=503)
        await asyncio.sleep(0.005)
        return {"found": "谁" in body["question"], "who": name}

    @app.get("/health")
    async def health():
        return {"status": "ok", "who": name}

    @app.get("/ui/")
    async def ui():
        return {"who": name}

    return app


def test_load_generator_counts_answers_errors_and_respects_its_bounds():
    from bench.load import run_load

    items = [{"question": "谁?", "history": []}, {"question": "什么?", "history": []}]
    with TinyServer(ask_app("a", fail_every=10)) as srv:
        res = run_load(f"http://127.0.0.1:{srv.port}", items, clients=5, max_requests=50, max_seconds=20)
    assert res.sent == 50 and res.errors == 5 and res.ok == 45
    assert res.statuses == {"200": 45, "503": 5} and res.error_samples and "503" in res.error_samples[0]
    assert 20 <= res.found <= 25 and res.throughput > 0
    assert res.p50_ms <= res.p95_ms <= res.p99_ms <= res.max_ms

    with TinyServer(ask_app("b")) as srv:
        res = run_load(f"http://127.0.0.1:{srv.port}", items, clients=2, max_requests=10**6, max_seconds=0.5)
    assert res.errors == 0 and res.seconds < 2  # the time bound ends the run


def test_load_generator_refuses_anything_but_loopback():
    from bench.load import run_load

    with pytest.raises(ValueError, match="loopback"):
        run_load("http://example.org", [{"question": "x"}], 1, 1, 1)


def test_proxy_spreads_api_connections_keeps_ui_on_one_worker_and_skips_a_dead_backend():
    import httpx

    from bench.proxy import RoundRobin
    from tests.web_fake_app import free_port

    with TinyServer(ask_app("a")) as a, TinyServer(ask_app("b")) as b:
        dead = free_port()
        proxy_port = free_port()
        rr = RoundRobin([("127.0.0.1", a.port), ("127.0.0.1", dead), ("127.0.0.1", b.port)])
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        stop = asyncio.Event()

        async def serve():
            server = await asyncio.start_server(rr.handle, "127.0.0.1", proxy_port)
            ready.set()
            async with server:
                await stop.wait()

        thread = threading.Thread(target=lambda: loop.run_until_complete(serve()), daemon=True)
        thread.start()
        assert ready.wait(5)
        try:
            who = []
            for _ in range(4):  # a new connection each time: each goes to the next backend in turn
                with httpx.Client() as client:
                    who.append(client.get(f"http://127.0.0.1:{proxy_port}/health", timeout=5).json()["who"])
            assert sorted(who) == ["a", "a", "b", "b"]  # the dead one skipped, the load still shared
            for _ in range(3):  # UI connections: always the first live backend, whatever the turn
                with httpx.Client() as client:
                    assert client.get(f"http://127.0.0.1:{proxy_port}/ui/", timeout=5).json()["who"] == "a"
            assert rr.order(b"GET /ui/ HTTP/1.1\r\n") == [0, 1, 2]
            assert sorted(rr.order(b"POST /api/ask HTTP/1.1\r\n")) == [0, 1, 2]
        finally:
            loop.call_soon_threadsafe(stop.set)
            thread.join(timeout=5)
