"""Corpus scale: index build time, query latency and peak memory at 1×, 10×, 100× and 1,000× the article.

Each size runs in its own process (`python -m bench.scale --worker SIZE MODE DIR`) so peak memory is that
size's alone. MODE `real` embeds every chunk with e5 (the true build cost; feasible at 1× and 10×); MODE
`approx` builds the store from bench.approx vectors (real query encoder, approximate passage vectors), so
query latency can be measured at 1,000× (≈ 42k chunks) in minutes. Real build time at the larger sizes
is extrapolated from the per-chunk cost measured at the largest `real` size, and labelled so.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import GOLD, PYTHON, ROOT, bench_env, load_avg, load_gold, ms, pct, peak_rss_mb, rss_mb, settle
from bench.results import table


@dataclass(frozen=True)
class ScalePlan:
    """Which sizes to build with the real model, which with approximate vectors, and how many query passes."""

    real_sizes: tuple[int, ...] = (1, 10)
    approx_sizes: tuple[int, ...] = (1, 10, 100, 1000)
    repeats: int = 3


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _timed(fn, *args, **kw):
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    return out, (time.perf_counter() - t0) * 1000


def worker(size: int, mode: str, workdir: Path, gold_path: Path | None, repeats: int) -> dict:
    """Build one size in this process and time its queries; returns the row as a dict."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bot.pipeline.chain import retrieve
    from bot.chatbot import Chatbot, build_knowledge
    from index.open import corpus_chunks
    from bot.pipeline.condense import condense
    from bot.backends.extractive import ExtractiveBackend
    from bot.models import Turn
    from bot.pipeline.understand import Intent, understand
    from index.search.build import build_index
    from index.search.embeddings import load_embeddings
    from index.ingest.corpus import load_corpus
    from index.settings import IndexSettings
    from index.search.store import ChunkStore

    from bench.approx import ApproxEmbeddings, fidelity
    from bench.corpus_gen import generate, read_source

    corpus_dir = workdir / f"corpus_{size}"
    generate(corpus_dir, size, ROOT / "corpus")
    settings = IndexSettings.from_env(corpus_dir=corpus_dir, store_dir=workdir / f"store_{size}_{mode}")
    shutil.rmtree(settings.store_dir, ignore_errors=True)

    real, load_ms = _timed(load_embeddings, settings, progress=lambda _m: None)
    real.embed_query("预热")  # the first call pays for lazy initialisation
    base_rss = rss_mb()  # resident now; the peak includes the model loader's temporary buffers
    corpus, parse_ms = _timed(load_corpus, corpus_dir, settings.max_file_mb, lambda _m: None)
    docs = corpus_chunks(corpus)
    chunks = sum(len(cs) for _, _, cs in docs)
    emb = real
    fid = None
    if mode == "approx":
        src = read_source(ROOT / "corpus")
        units = [s for _kind, ss in src.body for s in ss]  # headings and sentences
        emb, _ = _timed(ApproxEmbeddings, real, units)
        if size <= 10:
            from index.models import index_text

            sample = [index_text(c) for _, _, cs in docs for c in cs][:400]
            fid = fidelity(emb, sample, [g["question"] for g in load_gold(gold_path)][:20] if gold_path else [])
    store = ChunkStore.open(settings, emb)
    report, build_ms = _timed(build_index, docs, store, progress=False)
    kb, kb_ms = _timed(build_knowledge, corpus, store)
    bot = Chatbot(kb, ExtractiveBackend(kb), store)
    if hasattr(real, "query_threads"):
        # questions on one torch thread, as the app runs them (see "HTTP under load"): with two threads on
        # busy cores one encode can take a second, which would drown what this table is about
        real.query_threads = 1
    gold = load_gold(gold_path) if gold_path else [{"id": "q", "question": "市林业局局长是谁?"}]
    metas = [d.meta for d in kb.documents]
    times: dict[str, list[float]] = {"retrieve": [], "keyword": [], "dense": [], "encode": [], "ask": []}
    for rep in range(repeats + 1):  # pass 0 warms caches and is not counted
        for g in gold:
            history = [Turn(**t) for t in g.get("history", [])]
            s = condense(g["question"], history, kb.people, kb.titles)
            q = understand(s.text, kb.people, metas, kb.titles)
            if q.intent not in (Intent.PERSON_SAID, Intent.GENERAL):
                q.intent = Intent.GENERAL  # time the retrieval every question would get
            _, t_ret = _timed(retrieve, kb, q, s)
            _, t_kw = _timed(kb.keyword.search, s.text, 20)
            _, t_enc = _timed(real.embed_query, s.text)
            _, t_dn = _timed(store.similarity, s.text, 20)
            _, t_ask = _timed(bot.ask, g["question"], history)
            if rep:
                for key, t in zip(times, (t_ret, t_kw, t_dn, t_enc, t_ask)):
                    times[key].append(t)
    return {
        "size": size, "mode": mode, "docs": len(corpus.documents), "chunks": chunks, "people": len(corpus.people),
        "embedded": report.chunks_embedded, "parse_s": parse_ms / 1000, "build_s": build_ms / 1000,
        "kb_s": kb_ms / 1000, "model_load_s": load_ms / 1000,
        **{f"{k}_p50": pct(v, 0.5) for k, v in times.items()}, **{f"{k}_p95": pct(v, 0.95) for k, v in times.items()},
        "queries": len(times["retrieve"]), "base_rss_mb": base_rss, "peak_rss_mb": peak_rss_mb(),
        "store_mb": _dir_mb(settings.store_dir), "fidelity": fid, "load": load_avg()[0],
    }


def run_size(size: int, mode: str, workdir: Path, gold: Path | None, repeats: int, timeout: float = 3600) -> dict:
    """One size in a fresh child process; its JSON row (or {"error": ...})."""
    args = [PYTHON, "-m", "bench.scale", "--worker", str(size), mode, str(workdir), "--repeats", str(repeats)]
    if gold:
        args += ["--gold", str(gold)]
    t0 = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, env=bench_env(), capture_output=True, text=True, encoding="utf-8",
                          timeout=timeout)
    lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"size": size, "mode": mode, "error": (proc.stderr or proc.stdout)[-1500:]}
    row = json.loads(lines[-1])
    row["wall_s"] = time.perf_counter() - t0
    return row


def run(plan: ScalePlan, workdir: Path, gold: Path | None, log=print, settle_s: float = 0.0) -> list[dict]:
    """Every size of the plan, smallest first (each after the load average settles, up to settle_s)."""
    rows = []
    for mode, sizes in (("real", plan.real_sizes), ("approx", plan.approx_sizes)):
        for size in sizes:
            before = settle(max_wait=settle_s)
            log(f"scale: {size}× ({mode} passage vectors)…")
            rows.append({**run_size(size, mode, workdir, gold, plan.repeats), "load_before": before})
            r = rows[-1]
            log(f"  {r.get('chunks', '?')} chunks, build {r.get('build_s', 0):.1f} s, "
                f"retrieve p50 {ms(r.get('retrieve_p50'))} ms" if "error" not in r
                else f"  failed: {r['error'][-300:]}")
    return rows


def render(rows: list[dict]) -> tuple[str, dict]:
    """The markdown section body and the numbers the summary quotes."""
    ok = [r for r in rows if "error" not in r]
    real = {r["size"]: r for r in ok if r["mode"] == "real"}
    approx = {r["size"]: r for r in ok if r["mode"] == "approx"}
    per_chunk = None
    if real:
        biggest = real[max(real)]
        per_chunk = biggest["build_s"] / max(1, biggest["chunks"])
    body_rows = []
    for size in sorted(set(real) | set(approx)):
        r = approx.get(size) or real[size]
        if size in real:
            build_real = f"{real[size]['build_s']:.1f}"
        elif per_chunk is not None:
            build_real = f"≈ {per_chunk * r['chunks']:.0f} (extrapolated)"
        else:
            build_real = "—"
        body_rows.append([
            f"{size}×", r["docs"], r["chunks"], r["people"], build_real,
            f"{approx[size]['build_s']:.1f}" if size in approx else "—", f"{r['kb_s']:.1f}",
            f"{ms(r['retrieve_p50'], 1)} / {ms(r['retrieve_p95'], 1)}",
            f"{ms(r['keyword_p50'], 1)}", f"{ms(r['encode_p50'], 1)}",
            f"{ms(r['dense_p50'] - r['encode_p50'] if r['dense_p50'] and r['encode_p50'] else None, 1)}",
            f"{ms(r['ask_p50'], 1)} / {ms(r['ask_p95'], 1)}",
            f"{r['peak_rss_mb']:.0f} ({r['peak_rss_mb'] - r['base_rss_mb']:+.0f})", f"{r['store_mb']:.0f}",
        ])
    header = ["size", "docs", "chunks", "people", "build s, real e5", "build s, approx vectors", "keyword index s",
              "retrieve p50 / p95 ms", "BM25 p50 ms", "query encode p50 ms", "Chroma p50 ms",
              "full answer p50 / p95 ms", "peak RSS MB (over model)", "store MB"]
    text = table(header, body_rows)
    ratio = None
    if 1 in approx and max(approx) > 1:
        top = approx[max(approx)]
        ratio = top["retrieve_p50"] / approx[1]["retrieve_p50"]
        text += (f"\n\nQuery p50 at {max(approx)}× / at 1× = **{ratio:.2f}×** (target ≤ 3×); full answer "
                 f"{top['ask_p50'] / approx[1]['ask_p50']:.2f}×.")
    fids = [r["fidelity"] for r in ok if r.get("fidelity")]
    if fids:
        f = fids[-1]
        text += (f" Approximate passage vectors vs real e5 on {f['texts']} generated chunks: mean cosine "
                 f"{f['cosine']}, dense top-10 overlap {f.get('top10_overlap')} over {f['queries']} dev questions.")
    loads = ", ".join(f"{r['size']}× {r['mode']} {r.get('load_before', r['load']):.1f}" for r in ok)
    text += f"\n\nLoad average before each size (its own process not yet running): {loads}."
    bad = [r for r in rows if "error" in r]
    for r in bad:
        text += f"\n\n{r['size']}× {r['mode']} failed: `{r['error'].strip().splitlines()[-1][:300]}`"
    return text, {"ratio": ratio, "per_chunk_s": per_chunk}


METHOD = """Method. `python -m bench.corpus_gen` writes N pages: page 0 is the article; each other page keeps
its layout and section headings and fills each paragraph with sentences drawn (seeded) from the
whole article, with its people, city, date and title renamed, so pages are distinct and BM25, the
registry and the store grow as with real pages. Each size runs in a fresh process (peak RSS = that
size alone; "over model" = above the resident memory right after loading e5). *build s, real e5*
embeds every chunk with the real model (1× and 10×); larger sizes are extrapolated from the
per-chunk cost at 10×. *build s, approx vectors* builds the same store from passage vectors made of
the real e5 vectors of the article's sentences that each chunk is made of, plus small noise
(bench/approx.py) — only so that query latency can be measured at 1,000× without hours of embedding;
queries always use the real e5 encoder. Latencies: every dev question, after one warm-up pass,
through the chatbot's own retrieve() (condense + understand not timed; BM25 depth 20 + Chroma HNSW
depth 20, fused) and the full extractive ask(), with torch on one thread."""


def main(argv: list[str] | None = None) -> int:
    """Run the scale benchmark (or one size, as a worker) and print the table."""
    ap = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n\n")[0])
    ap.add_argument("--worker", nargs=3, metavar=("SIZE", "MODE", "DIR"), help=argparse.SUPPRESS)
    ap.add_argument("--gold", type=Path, default=GOLD if GOLD.exists() else None)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--sizes", default="1,10,100,1000", help="approx-vector sizes")
    ap.add_argument("--real-sizes", default="1,10", help="sizes built with the real model")
    ap.add_argument("--dir", type=Path, default=Path("/tmp/bench-scale"))
    args = ap.parse_args(argv)
    if args.worker:
        size, mode, workdir = int(args.worker[0]), args.worker[1], Path(args.worker[2])
        print(json.dumps(worker(size, mode, workdir, args.gold, args.repeats)), flush=True)
        return 0
    plan = ScalePlan(tuple(int(x) for x in args.real_sizes.split(",") if x),
                     tuple(int(x) for x in args.sizes.split(",") if x), args.repeats)
    rows = run(plan, args.dir, args.gold, log=lambda m: print(m, file=sys.stderr, flush=True))
    print(render(rows)[0])
    print(json.dumps(rows, indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
