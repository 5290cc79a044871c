"""Cold start: from process start to the first answer, through the CLI and through `app.py`, with and without an index.

"Cold" is a new process; the OS file cache is warm (an uncounted process imports the libraries first), as
after a restart of the service. Without an index the process also embeds the corpus; without a converted model it also
converts the bundled e5 weights (a fresh machine's first run).
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import PYTHON, bench_env, load_avg, post_json, run_timed_lines
from bench.results import table
from bench.servers import APP_START_S, app_server, base_url

QUESTION = "市林业局局长是谁?"


@dataclass
class ColdRow:
    """One cold start."""

    path: str  # "CLI" or "HTTP"
    state: str  # what existed before the start
    first_answer_s: float | None
    model_s: float | None = None  # when the model-loading step began (imports done, corpus read)
    indexed_s: float | None = None  # when indexing finished (None: nothing to index)
    ready_s: float | None = None  # HTTP: /health answered 200
    ok: bool = True
    load: float = 0.0


def _first(lines: list[tuple[float, str, str]], pred) -> float | None:
    return next((t for t, stream, text in lines if pred(stream, text)), None)


def cli_cold(store: Path, state: str, **env: str | Path) -> ColdRow:
    """`python -m bot ask QUESTION`: seconds until the answer's first line is printed."""
    code, lines = run_timed_lines([PYTHON, "-m", "bot", "ask", QUESTION, "--store", str(store)], bench_env(**env))
    answer = _first(lines, lambda s, t: s == "out" and t.strip())
    ok = code == 0 and any("王理效" in t for _, s, t in lines if s == "out")
    return ColdRow("CLI `python -m bot ask`", state, answer,
                   model_s=_first(lines, lambda s, t: "embedding model" in t),
                   indexed_s=_first(lines, lambda s, t: t.startswith("built ")), ok=ok, load=load_avg()[0])


def http_cold(store: Path, state: str, log: Path) -> ColdRow:
    """`python app.py`: seconds until /health is 200 and until the first /api/ask answer."""
    child = app_server(log, BOT_STORE_DIR=store)
    with child:
        ready = child.wait_http(base_url(child) + "/health", APP_START_S)
        status, body = post_json(base_url(child) + "/api/ask", {"question": QUESTION})
        answered = time.perf_counter() - child.started
    return ColdRow("HTTP `python app.py`", state, answered, ready_s=ready,
                   ok=status == 200 and "王理效" in body.get("answer", ""), load=load_avg()[0])


def run(workdir: Path, quick: bool, log=print) -> tuple[list[ColdRow], Path]:
    """The cold-start rows; also returns the store they built (reused by the other benchmarks)."""
    store = workdir / "store"
    shutil.rmtree(store, ignore_errors=True)
    # read the libraries once, uncounted: every row then starts with the OS file cache warm, as a restart does
    run_timed_lines([PYTHON, "-c", "import torch, sentence_transformers, chromadb, gradio, jieba"], bench_env())
    rows = []
    log("cold start: CLI, no index…")
    rows.append(cli_cold(store, "no index"))
    log("cold start: CLI, index present…")
    rows.append(cli_cold(store, "index present"))
    if not quick:
        fresh_cache = workdir / "empty-model-cache"
        shutil.rmtree(fresh_cache, ignore_errors=True)
        log("cold start: CLI, no index, no converted model…")
        rows.append(cli_cold(workdir / "store-fresh", "no index, model not converted", BOT_CACHE_DIR=fresh_cache))
        shutil.rmtree(workdir / "store-fresh", ignore_errors=True)
        shutil.rmtree(fresh_cache, ignore_errors=True)
        log("cold start: app.py, no index…")
        rows.append(http_cold(workdir / "store-http", "no index", workdir / "cold-app-1.log"))
        shutil.rmtree(workdir / "store-http", ignore_errors=True)
    log("cold start: app.py, index present…")
    rows.append(http_cold(store, "index present", workdir / "cold-app-2.log"))
    return rows, store


def _s(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}"


def render(rows: list[ColdRow]) -> str:
    """The markdown section body."""
    body = table(["path", "before the start", "first answer s", "model load began s", "indexing done s",
                  "/health ready s", "answer correct", "load"],
                 [[r.path, r.state, _s(r.first_answer_s), _s(r.model_s), _s(r.indexed_s), _s(r.ready_s),
                   "yes" if r.ok else "**no**", f"{r.load:.1f}"] for r in rows], "llrrrrlr")
    return body + ("\n\nOne run per row; seconds from process start. The question is "
                   f"“{QUESTION}”. *model load began* = the CLI's “loading the embedding model” line "
                   "(imports and corpus parsing done before it); HTTP rows include building the Gradio app.")
