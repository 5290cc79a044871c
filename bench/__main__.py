"""Run the benchmarks and write bench/RESULTS.md.

    python -m bench                       # everything (≈ 25–40 min on 2 busy cores)
    python -m bench --quick               # CI-sized: fewer sizes, requests and repeats, no scale-out
    python -m bench --only load,scale     # some parts; the other sections of RESULTS.md are kept

Parts: cold (process start → first answer), warm (answer latency per backend), quality (retrieval
top-1/top-3 and answer pass rate), load (app.py under 1/10/50 clients), scaleout (chroma run + 2 workers
+ proxy under the same load), scale (1×…1,000× corpus). Every server listens on 127.0.0.1 only and
is stopped at the end. Sections this run did not measure are left as they were, and so are sections
other tools own (e.g. "## Local LLM").
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import cold, quality, scale, warm
from bench.common import GOLD, ROOT, load_avg, load_note, machine_lines, ms, settle
from bench.load import LoadResult, bodies, run_load
from bench.results import Section, table, write
from bench.servers import APP_START_S, app_server, base_url, index

PARTS = ("cold", "warm", "quality", "load", "scaleout", "scale")
ORDER = ["## Summary", "## Cold start", "## Warm answer latency", "## HTTP under load", "## Scale-out",
         "## Corpus scale", "## Quality"]
TARGET_RPS, TARGET_P95_MS, TARGET_RATIO = 20.0, 1000.0, 3.0


@dataclass
class Plan:
    """How much of everything to run."""

    parts: tuple[str, ...]
    quick: bool
    levels: tuple[int, ...] = (1, 10, 50)
    requests: int = 400
    seconds: float = 30.0
    repeats: int = 3
    workers: int = 2
    settle_s: float = 90.0  # longest wait for the load average to drop before each measurement
    scale: scale.ScalePlan = field(default_factory=scale.ScalePlan)

    @classmethod
    def make(cls, parts: tuple[str, ...], quick: bool) -> "Plan":
        """The full plan, or the CI-sized one."""
        if not quick:
            return cls(parts, quick)
        return cls(parts, quick, levels=(1, 10), requests=80, seconds=10, repeats=1, settle_s=0.0,
                   scale=scale.ScalePlan(real_sizes=(1,), approx_sizes=(1, 10), repeats=1))


def log(msg: str) -> None:
    """Progress on stderr, with the load average (other work on the machine skews timings)."""
    print(f"[{time.strftime('%H:%M:%S')} {load_note()}] {msg}", file=sys.stderr, flush=True)


def load_table(results: list[LoadResult], loads: list[float]) -> str:
    """One row per concurrency level."""
    return table(["clients", "requests", "ok", "errors", "answers/s", "p50 ms", "p95 ms", "p99 ms", "max ms",
                  "found", "load before"],
                 [[r.clients, r.sent, r.ok, r.errors, f"{r.throughput:.1f}", ms(r.p50_ms), ms(r.p95_ms),
                   ms(r.p99_ms), ms(r.max_ms), r.found, f"{la:.1f}"] for r, la in zip(results, loads)])


def run_levels(url: str, plan: Plan, levels: tuple[int, ...],
               gold: Path | None) -> tuple[list[LoadResult], list[float]]:
    """Every concurrency level against one server, each after a short uncounted warm-up."""
    items = bodies(gold)
    results, loads = [], []
    for c in levels:
        log(f"load: {c} clients, ≤ {plan.requests} requests, ≤ {plan.seconds:.0f} s…")
        # before the level, once the previous level's own threads have left the cores
        loads.append(settle(max_wait=plan.settle_s))
        results.append(run_load(url, items, c, plan.requests, plan.seconds, warmup=min(10, plan.requests)))
        r = results[-1]
        log(f"  {r.throughput:.1f}/s p95 {ms(r.p95_ms)} ms, {r.errors} errors")
    return results, loads


def verdict(results: list[LoadResult]) -> str:
    """The 10-client target, checked."""
    ten = next((r for r in results if r.clients == 10), None)
    if ten is None:
        return ""
    met = ten.throughput >= TARGET_RPS and (ten.p95_ms or 1e9) <= TARGET_P95_MS and ten.errors == 0
    return (f"10 clients: {ten.throughput:.1f} answers/s (target ≥ {TARGET_RPS:.0f}), p95 {ms(ten.p95_ms)} ms "
            f"(≤ {TARGET_P95_MS:.0f}), {ten.errors} errors (0) — **{'met' if met else 'not met'}**.")


LOAD_NOTE = ("Closed loop: each client sends its next POST /api/ask when the previous answer arrives, over its own "
             "keep-alive connection, cycling through the dev-set questions with their history; the first 10 "
             "requests of each level are not counted. Bounded by {requests} requests or {seconds:.0f} s per level. "
             "The load generator (`bench/load.py`, asyncio + httpx) runs on the same 2 cores as the server. "
             "*load before* = the 1-minute load average when the level started, after waiting up to {settle:.0f} s "
             "for it to fall below 2 (the previous level's own threads keep it up for a while).")


def main(argv: list[str] | None = None) -> int:
    """Run the chosen parts, write the results file and print a summary."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--only", help=f"comma-separated parts: {','.join(PARTS)}")
    ap.add_argument("--quick", action="store_true", help="a CI-sized run")
    ap.add_argument("--gold", type=Path, default=GOLD, help="dev set JSONL (default ../shared/eval/dev.jsonl)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md", help="'-' = print only")
    ap.add_argument("--workdir", type=Path, help="scratch folder (default: a new temp folder, removed after)")
    args = ap.parse_args(argv)
    default = [p for p in PARTS if not (args.quick and p == "scaleout")]  # quick: no second server farm
    parts = tuple(p.strip() for p in (args.only or ",".join(default)).split(",") if p.strip())
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        ap.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    plan = Plan.make(parts, args.quick)
    gold: Path | None = args.gold if args.gold.exists() else None
    if gold is None:
        log(f"dev set not found at {args.gold}: quality is skipped, the other parts use a few built-in questions")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    sections: list[Section] = []
    summary: list[str] = []
    store = workdir / "store"
    t0 = time.perf_counter()
    try:
        if "cold" in parts:
            settle(max_wait=plan.settle_s)
            rows, store = cold.run(workdir, plan.quick, log)
            sections.append(Section("## Cold start", cold.render(rows)))
            with_index = [r for r in rows if r.state == "index present"]
            summary += [f"[cold] cold start, index present, {r.path.split('`')[1]}: {r.first_answer_s:.1f} s"
                        for r in with_index]
        elif not (store / "chroma.sqlite3").exists():
            log("building the index for the benchmarks…")
            index(workdir / "index.log", BOT_STORE_DIR=store)
        if "warm" in parts:
            settle(max_wait=plan.settle_s)
            g = gold or _fallback_gold(workdir)
            runs = warm.run(store, g, plan.repeats, log)
            sections.append(Section("## Warm answer latency", warm.render(runs)))
            summary += [f"[warm] warm answer p50/p95, {r.backend}: {ms(r.p(0.5), 1)} / {ms(r.p(0.95), 1)} ms"
                        for r in runs]
        if "quality" in parts:
            settle(max_wait=plan.settle_s)
            if gold is None:
                q = quality.Quality(note=f"Skipped: no dev set at `{args.gold}` (pass `--gold FILE`).")
            else:
                _bot, kb, _st = warm.load_bot(store)
                q = quality.run(kb, store, gold, workdir, log)
                hybrid = next(r for r in q.retrieval if r["mode"] == "hybrid")
                summary.append(f"[quality] retrieval hybrid top-1/top-3: {hybrid['top1']:.1%} / {hybrid['top3']:.1%}")
                if "pass_rate" in q.score:
                    summary.append(f"[quality] answer pass rate: {q.score['passed']}/{q.score['items']}")
            sections.append(Section("## Quality", quality.render(q)))
        if "load" in parts:
            settle(max_wait=plan.settle_s)
            tables, verdicts = [], []
            # both set explicitly, so the rows mean the same whatever the code defaults to
            for label, threads in ((f"BOT_QUERY_THREADS={os.cpu_count()} (torch's own default)", os.cpu_count()),
                                   ("BOT_QUERY_THREADS=1 (the default)", 1)):
                log(f"load: one app.py, {label}…")
                child = app_server(workdir / f"load-app-{threads or 0}.log", threads=threads, BOT_STORE_DIR=store)
                with child:
                    child.wait_http(base_url(child) + "/health", APP_START_S)
                    results, loads = run_levels(base_url(child), plan, plan.levels, gold)
                tables.append(f"**{label}**\n\n" + load_table(results, loads))
                verdicts.append(f"{label}: {verdict(results)}")
                summary.append(f"[load] 1 process, {label}: " + verdict(results))
            note = LOAD_NOTE.format(requests=plan.requests, seconds=plan.seconds, settle=plan.settle_s)
            sections.append(Section("## HTTP under load", (
                "One `python app.py` process (default extractive backend, embedded store, rate limit off), "
                "with the question encoder on one torch thread per core (torch's default) and on one thread "
                "(the project's default since 46eddb5).\n\n" + "\n\n".join(tables)
                + "\n\n" + "\n".join(f"- {v}" for v in verdicts) + "\n\n" + note)))
        if "scaleout" in parts:
            settle(max_wait=plan.settle_s)
            from bench.scaleout import Cluster

            log(f"scale-out: chroma run + {plan.workers} workers + proxy…")
            cluster = Cluster(workdir / "scaleout", plan.workers)
            try:
                cluster.start(log)
                results, loads = run_levels(cluster.url, plan, tuple(c for c in plan.levels if c > 1) or (10,), gold)
            finally:
                cluster.stop()
            sections.append(Section("## Scale-out", (
                f"`python -m bench.scaleout --workers {plan.workers}` (= `deploy/scale_out.sh`): one `chroma run` "
                f"server, {plan.workers} `app.py` workers with CHROMA_HOST/CHROMA_PORT pointing at it (one torch "
                "thread each), and `bench/proxy.py` in front (API connections round-robin, UI connections on one "
                "worker); all on 127.0.0.1.\n\n"
                + load_table(results, loads) + "\n\n" + verdict(results) + "\n\n"
                + LOAD_NOTE.format(requests=plan.requests, seconds=plan.seconds, settle=plan.settle_s))))
            summary.append(f"[scaleout] {plan.workers} workers + chroma server: " + verdict(results))
        if "scale" in parts:
            settle(max_wait=plan.settle_s)
            rows = scale.run(plan.scale, workdir / "scale", gold, log, settle_s=plan.settle_s)
            text, nums = scale.render(rows)
            sections.append(Section("## Corpus scale", text + "\n\n" + scale.METHOD))
            if nums["ratio"] is not None:
                summary.append(f"[scale] query p50 at {max(plan.scale.approx_sizes)}× / 1×: {nums['ratio']:.2f}× "
                               f"(target ≤ {TARGET_RATIO:.0f}×)")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    took = time.perf_counter() - t0
    cmd = "python -m bench" + (" --quick" if args.quick else "") + (f" --only {args.only}" if args.only else "")
    summary_body = (f"Last run: `{cmd}` ({took / 60:.0f} min, load average at the end {load_avg()[0]:.1f}).\n\n"
                    + "\n".join(f"- {s}" for s in summary))
    if str(args.out) != "-" and args.out.exists():
        summary_body = _merged_summary(args.out.read_text(encoding="utf-8"), summary_body, parts)
    sections.insert(0, Section("## Summary", summary_body))
    head = ("# Benchmark results\n\nWritten by `python -m bench` (see `python -m bench --help`; `--quick` for a "
            "CI-sized run, `--only PART,...` to refresh some sections). Each section says the load average it "
            "was measured under: other work on the same 2 cores slows everything.\n\n" + "\n".join(machine_lines()))
    print(summary_body)
    if str(args.out) != "-":
        write(args.out, head, sections, ORDER)
        print(f"\nwritten: {args.out}")
    return 0


def _merged_summary(old_file: str, new_body: str, parts: tuple[str, ...]) -> str:
    """The new summary plus the old one's bullets of parts this run did not measure, marked as earlier."""
    from bench.results import parse

    old = next((s.body for s in parse(old_file)[1] if s.heading == "## Summary"), "")
    mark = " *(earlier run)*"
    kept = [x.removesuffix(mark) + mark for x in old.splitlines()
            if (m := re.match(r"- \[(\w+)\]", x)) and m.group(1) not in parts]
    return "\n".join([new_body.rstrip(), *kept])


def _fallback_gold(workdir: Path) -> Path:
    """A tiny question file for the warm benchmark when the dev set is missing."""
    from bench.load import FALLBACK_QUESTIONS

    path = workdir / "fallback-questions.jsonl"
    path.write_text("".join(json.dumps({"id": f"q{i}", "question": q}, ensure_ascii=False) + "\n"
                            for i, q in enumerate(FALLBACK_QUESTIONS)), encoding="utf-8")
    return path


if __name__ == "__main__":
    raise SystemExit(main())
