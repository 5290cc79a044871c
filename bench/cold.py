"""Cold start: from process start to the first answer, through the CLI and through `app.py`, with and without an index.

"Cold" is a new process; the OS file cache is warm (an uncounted process imports the libraries first), as
after a restart of the service. Without an index the process also embeds the corpus; without a converted model it also
converts the bundled e5 weights (a fresh machine's first run).

Before/after, on a shared box: `python -m bench.cold --against DIR [--repeat N] [--store S]` starts this tree's
`python -m bot ask` and `python app.py` alternately with another tree's (e.g. an older commit unpacked with
`git archive COMMIT | tar -x -C DIR`), both over the same store, and prints the medians (first answer, process
exit, the CLI's CPU seconds, /health ready) with the load average: alternating keeps other work on the machine
from favouring either side.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import PYTHON, ROOT, bench_env, free_port, http_ok, load_avg, post_json, run_timed_lines
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


# ------------------------------------------------------------------ this tree against another one


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _tree_env(tree: Path, **extra: str | Path) -> dict[str, str]:
    env = bench_env(**extra)
    env["PYTHONPATH"] = str(tree)  # the tree's own packages, not this checkout's editable install
    return env


def cli_start_in(tree: Path, store: Path, corpus: Path) -> tuple[float | None, float, float]:
    """`python -m bot ask` run from `tree`: (first answer line s, exit s, CPU s)."""
    cpu = _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen([PYTHON, "-m", "bot", "ask", QUESTION, "--store", str(store), "--corpus", str(corpus)],
                            cwd=tree, env=_tree_env(tree), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace")
    first = None
    for line in proc.stdout:
        if first is None and line.strip():
            first = time.perf_counter() - t0
    proc.wait()
    return first, time.perf_counter() - t0, _children_cpu() - cpu


def app_start_in(tree: Path, store: Path, corpus: Path, log: Path) -> tuple[float | None, float | None]:
    """`python app.py` run from `tree`: (/health 200 s, first /api/ask answer s)."""
    port = free_port()
    env = _tree_env(tree, BOT_STORE_DIR=store, BOT_CORPUS_DIR=corpus, BOT_FEEDBACK_DB=log.with_suffix(".sqlite3"))
    t0 = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([PYTHON, "app.py", "--host", "127.0.0.1", "--port", str(port), "--rate-limit", "0"],
                                cwd=tree, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        ready = answered = None
        try:
            url = f"http://127.0.0.1:{port}"
            while time.perf_counter() - t0 < APP_START_S and proc.poll() is None:
                if http_ok(url + "/health"):
                    ready = time.perf_counter() - t0
                    break
                time.sleep(0.05)
            if ready is not None:
                status, _ = post_json(url + "/api/ask", {"question": QUESTION})
                answered = time.perf_counter() - t0 if status == 200 else None
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
    return ready, answered


def _med(values) -> str:
    got = [v for v in values if v is not None]
    return f"{statistics.median(got):.2f}" if got else "—"


def compare(other: Path, store: Path, corpus: Path, repeat: int, workdir: Path, log=print) -> str:
    """Markdown rows: this tree and `other`, started alternately `repeat` times each (CLI, then app.py)."""
    trees = {"this tree": ROOT, str(other): other}
    for tree in trees.values():  # the OS file cache, uncounted
        cli_start_in(tree, store, corpus)
    cli = {k: [] for k in trees}
    app = {k: [] for k in trees}
    loads = []
    for i in range(repeat):
        for name, tree in trees.items():
            log(f"cold start {i + 1}/{repeat}: {name}")
            cli[name].append(cli_start_in(tree, store, corpus))
            app[name].append(app_start_in(tree, store, corpus, workdir / f"app-{i}-{len(app[name])}-{abs(hash(name))}.log"))
            loads.append(load_avg()[0])
    rows = []
    for name in trees:
        rows.append([f"{name}: CLI `python -m bot ask`", _med(r[0] for r in cli[name]), _med(r[1] for r in cli[name]),
                     _med(r[2] for r in cli[name]), "—"])
        rows.append([f"{name}: `python app.py`", _med(r[1] for r in app[name]), "—", "—",
                     _med(r[0] for r in app[name])])
    return (table(["start", "first answer s", "process exit s", "CPU s", "/health ready s"], rows, "lrrrr")
            + f"\n\nMedians of {repeat} alternating starts each; load average {min(loads):.1f}–{max(loads):.1f}.")


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.cold --against DIR`: this tree's cold starts against another tree's."""
    ap = argparse.ArgumentParser(prog="python -m bench.cold", description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", type=Path, required=True, help="another checkout (e.g. an older commit, unpacked)")
    ap.add_argument("--store", type=Path, default=ROOT / ".store", help="a built index both trees read")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    import tempfile

    workdir = Path(tempfile.mkdtemp(prefix="bench-cold-"))
    print(compare(args.against.resolve(), args.store.resolve(), args.corpus.resolve(), args.repeat, workdir,
                  log=lambda m: print(m, file=sys.stderr)))
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sys.exit(main())
