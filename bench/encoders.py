"""Torch vs ONNX question encoder, side by side in one run: encoder alone, warm answers, 10 clients, cold start.

    python -m bench.encoders [--store DIR] [--quick] [--parts encoder,warm,batching,load,cold,phases]
                             [--encoders torch,onnx,onnx-int8] [--repeat N] [--out FILE]

"Cache off" = the answer cache and the question-vector caches disabled and every question distinct (the dev
questions with polite prefixes/suffixes, 32 variants each), so every answer embeds its question; "cached" =
the dev questions repeated with the caches on. The machine's load average is printed with every row: on
a shared 2-core box other processes' work shows up in the numbers, so the cold-start rows are the median of
`--repeat` starts and also give the process's CPU seconds (user + system), which other work barely moves.
`--out` replaces the sections this run measured and keeps the others.
"""
from __future__ import annotations

import argparse
import itertools
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.common import GOLD, PYTHON, ROOT, bench_env, load_avg, load_gold, ms, pct, run_timed_lines
from bench.results import table

ENCODERS = ("torch", "onnx", "onnx-int8")
PREFIXES = ("", "请问", "我想知道", "麻烦问一下，", "你好，", "想了解一下", "请教：", "问一下")
SUFFIXES = ("", "谢谢", "？", "呢")
QUESTION = "市林业局局长是谁?"


def variants(gold: list[dict]) -> list[dict]:
    """Distinct questions: every dev question under every prefix/suffix pair (history kept)."""
    out = []
    for pre, suf in itertools.product(PREFIXES, SUFFIXES):
        for g in gold:
            out.append({**g, "question": pre + g["question"] + suf})
    return out


def _load(i: int = 0) -> str:
    return f"{load_avg()[i]:.1f}"


# ------------------------------------------------------------------ encoder alone


def encoder_rows(store: Path, questions: list[str], encoders=ENCODERS) -> list[list]:
    """Load time, per-question p50/p95 on one thread, and cosine to the first encoder's vectors, per encoder."""
    import numpy as np

    from index.search.embeddings import load_embeddings
    from index.settings import IndexSettings

    rows, ref = [], None
    for enc in encoders:
        t0 = time.perf_counter()
        emb = load_embeddings(IndexSettings(store_dir=store, encoder=enc, query_cache=0), progress=lambda m: None)
        load_s = time.perf_counter() - t0
        emb.embed_query("预热")
        times, vecs = [], []
        for q in questions:
            t = time.perf_counter()
            vecs.append(emb.embed_query(q))
            times.append((time.perf_counter() - t) * 1000)
        vecs = np.array(vecs)
        ref = vecs if ref is None else ref
        cos = (vecs * ref).sum(1)
        rows.append([enc, f"{load_s:.2f}", ms(pct(times, 0.5), 1), ms(pct(times, 0.95), 1),
                     f"{cos.min():.4f}", f"{cos.mean():.4f}", _load()])
    return rows


# ------------------------------------------------------------------ warm answers in one process


def load_bot(store: Path, encoder: str, cached: bool):
    """A chatbot over the store with this encoder; caches as asked (the router's cache kept to one question)."""
    from bot.chatbot import load_chatbot
    from bot.settings import BotSettings
    from index.settings import IndexSettings

    bot = load_chatbot(BotSettings(answer_cache=512 if cached else 0),
                       IndexSettings(store_dir=store, encoder=encoder, query_cache=1024 if cached else 0),
                       progress=lambda m: None)
    shared = getattr(bot.kb, "embeddings", None)
    if not cached and hasattr(shared, "size"):
        shared.size = 1  # the router and retrieval still share one question's vector, nothing across questions
    return bot


def time_answers(bot, items: list[dict]) -> list[float]:
    """Answer.latency_ms of every item, asked once each after an uncounted first answer."""
    from bot.models import Turn

    bot.ask("预热一下")
    out = []
    for g in items:
        out.append(bot.ask(g["question"], [Turn(t["role"], t["content"]) for t in g.get("history", [])]).latency_ms)
    return out


def warm_rows(store: Path, gold: list[dict], n: int, encoders=ENCODERS) -> list[list]:
    """Per encoder: p50/p95 with caches off (distinct questions), the ratio to the first; then cached repeats."""
    distinct = variants(gold)[:n]
    rows, base = [], None
    for enc in encoders:
        bot = load_bot(store, enc, cached=False)
        lat = time_answers(bot, distinct)
        p50, p95 = pct(lat, 0.5), pct(lat, 0.95)
        base = base or (p50, p95)
        rows.append([f"{enc}, cache off", len(lat), ms(p50, 1), ms(p95, 1), f"{base[0] / p50:.2f}×",
                     f"{base[1] / p95:.2f}×", _load()])
        del bot
    bot = load_bot(store, "onnx", cached=True)
    time_answers(bot, gold)  # fill the caches
    lat = time_answers(bot, gold * 3)
    rows.append(["onnx, repeated questions, caches on", len(lat), f"{pct(lat, 0.5):.3f}", f"{pct(lat, 0.95):.3f}",
                 f"{base[0] / pct(lat, 0.5):,.0f}×", f"{base[1] / pct(lat, 0.95):,.0f}×", _load()])
    return rows


# ------------------------------------------------------------------ micro-batching, in one process


def batching_rows(store: Path, gold: list[dict], n: int, clients: int = 10) -> list[list]:
    """`clients` threads asking distinct questions at once (caches off): one pass per question vs micro-batches."""
    from concurrent.futures import ThreadPoolExecutor

    from bot.models import Turn

    bot = load_bot(store, "onnx", cached=False)
    encoder = bot.kb.searcher.dense.embeddings
    encoder = getattr(encoder, "inner", encoder)
    batcher = encoder.batcher
    items = variants(gold)[-n:]
    rows = []
    for label, max_batch in (("one question per pass", 1), ("micro-batches (≤ 8, wait ≤ 2 ms)", 8)):
        batcher.max_batch, batcher.batches, batcher.items = max_batch, 0, 0

        def ask(g):
            t = time.perf_counter()
            bot.ask(g["question"], [Turn(x["role"], x["content"]) for x in g.get("history", [])])
            return (time.perf_counter() - t) * 1000

        t0 = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            lat = list(pool.map(ask, items))
        wall = time.perf_counter() - t0
        rows.append([label, len(lat), f"{len(lat) / wall:.1f}", ms(pct(lat, 0.5)), ms(pct(lat, 0.95)),
                     f"{batcher.items / max(1, batcher.batches):.2f}", _load()])
    return rows


# ------------------------------------------------------------------ HTTP, 10 clients, one process


def load_rows(store: Path, gold: list[dict], workdir: Path, requests: int, seconds: float,
              encoders=ENCODERS) -> list[list]:
    """app.py per encoder under 10 closed-loop clients: distinct questions with caches off, then repeats cached."""
    from bench.load import run_load
    from bench.servers import APP_START_S, app_server, base_url

    distinct = [{"question": g["question"], "history": g.get("history", [])} for g in variants(gold)]
    repeated = [{"question": g["question"], "history": g.get("history", [])} for g in gold]
    rows = []
    # (encoder, caches on, questions per encoder pass)
    runs = [("torch", False, 8), ("onnx", False, 8), ("onnx-int8", False, 8), ("onnx-int8", False, 1),
            ("onnx", True, 8)]
    runs = [r for r in runs if r[0] in encoders]
    for enc, cached, batch in runs:
        env = {"BOT_STORE_DIR": store, "BOT_ENCODER": enc, "BOT_BATCH_MAX": str(batch)}
        if not cached:
            env.update(BOT_ANSWER_CACHE="0", BOT_QUERY_CACHE="0")
        child = app_server(workdir / f"load-{enc}-{int(cached)}-{batch}.log", **env)
        with child:
            child.wait_http(base_url(child) + "/health", APP_START_S)
            items = repeated if cached else distinct
            if cached:
                run_load(base_url(child), items, 1, len(items), 60)  # every question answered once: cache filled
            res = run_load(base_url(child), items, 10, requests, seconds, warmup=10)
        label = f"{enc}, " + ("repeated questions, caches on" if cached else "distinct questions, caches off")
        if enc != "torch" and batch == 1:
            label += ", no micro-batching"
        rows.append([label, res.ok, res.errors, f"{res.throughput:.1f}", ms(res.p50_ms), ms(res.p95_ms),
                     ms(res.p99_ms), _load()])
    return rows


# ------------------------------------------------------------------ cold start


def _cpu_s() -> float:
    """CPU seconds (user + system) of this process's finished children so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cli_start(store: Path, encoder: str) -> tuple[float | None, float | None, float, float, bool]:
    """One `python -m bot ask`: (first answer line s, model-load line s, exit s, CPU s of the process, ok)."""
    cpu = _cpu_s()
    t0 = time.perf_counter()
    code, lines = run_timed_lines([PYTHON, "-m", "bot", "ask", QUESTION, "--store", str(store)],
                                  bench_env(BOT_ENCODER=encoder))
    wall = time.perf_counter() - t0
    first = next((t for t, stream, text in lines if stream == "out" and text.strip()), None)
    model = next((t for t, stream, text in lines if "embedding model" in text), None)
    return first, model, wall, _cpu_s() - cpu, code == 0 and any("王理效" in t for _, s, t in lines if s == "out")


def _median(values: list[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return statistics.median(got) if got else None


def cold_rows(store: Path, workdir: Path, encoders=("torch", "onnx"), repeat: int = 3) -> list[list]:
    """CLI first answer and exit, app.py /health and first answer, per encoder, index present, OS file cache
    warm; the median of `repeat` starts each (the CLI's CPU seconds too)."""
    from bench.common import post_json
    from bench.servers import APP_START_S, app_server, base_url

    run_timed_lines([PYTHON, "-m", "bot", "ask", QUESTION, "--store", str(store)], bench_env())  # file cache
    rows = []
    for enc in [e for e in ("torch", "onnx", "onnx-int8") if e in encoders]:
        runs = [cli_start(store, enc) for _ in range(repeat)]
        rows.append([f"CLI `python -m bot ask`, {enc}", _s(_median([r[1] for r in runs])),
                     _s(_median([r[0] for r in runs])), _s(_median([r[2] for r in runs])),
                     _s(_median([r[3] for r in runs])), "—", "yes" if all(r[4] for r in runs) else "**no**", _load()])
        ready, answered, ok = [], [], True
        for i in range(repeat):
            child = app_server(workdir / f"cold-{enc}-{i}.log", BOT_STORE_DIR=store, BOT_ENCODER=enc)
            with child:
                ready.append(child.wait_http(base_url(child) + "/health", APP_START_S))
                status, _ = post_json(base_url(child) + "/api/ask", {"question": QUESTION})
                answered.append(time.perf_counter() - child.started)
                ok = ok and status == 200
        rows.append([f"HTTP `python app.py`, {enc}", "—", _s(_median(answered)), "—", "—", _s(_median(ready)),
                     "yes" if ok else "**no**", _load()])
    return rows


def _s(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}"


# ------------------------------------------------------------------ where the cold start goes

PHASES = (  # (label, "file:function" whose cumulative time it is)
    ("read + parse the corpus", "corpus.py:load_corpus"),
    ("index current? from Chroma's catalog file and the kept vectors (no chromadb)", "open.py:_stored_searcher"),
    ("  of which: keyword index (jieba dictionary, BM25)", "open.py:_keyword"),
    ("  of which: waiting for the embedding model, loaded meanwhile in a thread (not profiled)", "open.py:result"),
    ("else: open the store through chromadb, check the index is current", "build.py:build_index"),
    ("else: in-memory dense matrix read through chromadb", "dense_memory.py:in_memory"),
    ("answer side: Knowledge (names, normaliser, router, outline…)", "knowledge.py:__post_init__"),
    ("first answer (lazy imports on first use included)", "chatbot.py:ask"),
)


def phase_rows(store: Path) -> tuple[list[list], float]:
    """cProfile of `python -m bot ask` in a child process (fresh imports), cumulative s per phase."""
    code = (
        "import cProfile, pstats, sys, time, io\n"
        "t0 = time.perf_counter()\n"
        "pr = cProfile.Profile(); pr.enable()\n"
        "from bot.cli import main\n"
        f"main(['ask', {QUESTION!r}, '--store', {str(store)!r}])\n"
        "pr.disable()\n"
        "print('TOTAL', time.perf_counter() - t0, file=sys.stderr)\n"
        "s = pstats.Stats(pr)\n"
        "for (f, line, name), (cc, nc, tt, ct, callers) in s.stats.items():\n"
        "    print('FN', f.rsplit('/', 1)[-1], name, ct, sep='\\t', file=sys.stderr)\n"
    )
    _, lines = run_timed_lines([PYTHON, "-c", code], bench_env())
    total, cum = 0.0, {}
    for _, _, text in lines:
        if text.startswith("TOTAL"):
            total = float(text.split()[1])
        elif text.startswith("FN\t"):
            _, file, name, ct = text.split("\t")
            cum[f"{file}:{name}"] = max(cum.get(f"{file}:{name}", 0.0), float(ct))
    rows = [[label, f"{cum.get(key, 0.0):.2f}"] for label, key in PHASES]
    load = cum.get("chatbot.py:load_chatbot", 0.0)
    inside = sum(cum.get(key, 0.0) for label, key in PHASES[:-1] if not label.startswith("  "))
    rows.insert(-1, ["other loading (imports done on first use, the backend, the chatbot)",
                     f"{max(0.0, load - inside):.2f}"])
    rest = total - load - cum.get("chatbot.py:ask", 0.0)
    rows.insert(0, ["imports, argument parsing, settings (before the corpus is read)", f"{max(0.0, rest):.2f}"])
    return rows, total


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    """Run the parts and print (and write) the markdown tables."""
    ap = argparse.ArgumentParser(prog="python -m bench.encoders", description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, help="a built index (default: build one in a temp folder)")
    ap.add_argument("--parts", default="encoder,warm,batching,load,cold,phases")
    ap.add_argument("--quick", action="store_true", help="fewer questions and requests")
    ap.add_argument("--encoders", default=",".join(ENCODERS), help="which encoders to run (default: all three)")
    ap.add_argument("--repeat", type=int, default=3, help="cold starts per row (the median is reported)")
    ap.add_argument("--out", type=Path, help="also write the markdown here (replacing only the measured sections)")
    args = ap.parse_args(argv)
    parts = set(args.parts.split(","))
    encoders = tuple(e for e in ENCODERS if e in args.encoders.split(","))
    gold = load_gold(GOLD)
    workdir = Path(tempfile.mkdtemp(prefix="bench-encoders-"))
    store = args.store
    if store is None:
        from bench.servers import index

        store = workdir / "store"
        index(workdir / "index.log", BOT_STORE_DIR=store)
    out = [f"# Question encoder: torch vs ONNX\n\nLoad average at start: {' '.join(f'{x:.1f}' for x in load_avg())} "
           "(2 cores, shared with other work).\n"]
    n_warm = 94 if args.quick else 376
    if "encoder" in parts:
        qs = [g["question"] for g in variants(gold)][: 60 if args.quick else 200]
        out.append("## Encoder alone (one question, one thread)\n\n" + table(
            ["encoder", "load s", "p50 ms", "p95 ms", "min cosine to torch", "mean cosine", "load"],
            encoder_rows(store, qs, encoders), "lrrrrrr"))
    if "warm" in parts:
        out.append("## Warm answers, one process (Answer.latency_ms, extractive)\n\n" + table(
            ["encoder", "answers", "p50 ms", "p95 ms", "p50 vs torch", "p95 vs torch", "load"],
            warm_rows(store, gold, n_warm, encoders), "lrrrrrr"))
    if "batching" in parts:
        out.append("## 10 threads in one process, distinct questions, caches off (onnx)\n\n" + table(
            ["encoder passes", "answers", "answers/s", "p50 ms", "p95 ms", "questions per pass", "load"],
            batching_rows(store, gold, 200 if args.quick else 600), "lrrrrrr"))
    if "load" in parts:
        out.append("## HTTP, 10 clients on one app.py process\n\n" + table(
            ["run", "ok", "errors", "answers/s", "p50 ms", "p95 ms", "p99 ms", "load"],
            load_rows(store, gold, workdir, 200 if args.quick else 1000, 20 if args.quick else 40, encoders),
            "lrrrrrrr"))
    if "cold" in parts:
        out.append("## Cold start, index present (seconds from process start)\n\n" + table(
            ["path", "model load began", "first answer", "process exit", "CPU s", "/health ready", "ok", "load"],
            cold_rows(store, workdir, encoders, args.repeat), "lrrrrrlr"))
    if "phases" in parts:
        rows, total = phase_rows(store)
        out.append("## Where the CLI's cold start goes (cProfile, cumulative s)\n\n" + table(["phase", "s"], rows, "lr")
                   + f"\n\nTotal {total:.1f} s under the profiler, which slows Python code; load {_load()}.")
    text = "\n\n".join(out) + "\n"
    print(text)
    if args.out:
        from bench.results import parse, write

        head, sections = parse(text)
        write(args.out, None if args.out.exists() else head, sections, [s.heading for s in sections])
    return 0


if __name__ == "__main__":
    sys.exit(main())
