"""Quality on the dev set, so that a speed change which costs quality shows in the same report.

Retrieval: top-1/top-3 hit rates per mode (bench.retrieval). Answers: `python -m bot ask --jsonl` over
the dev set, scored by the gold scorer next to it (`score.py`).
"""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import PYTHON, ROOT, bench_env, load_avg
from bench.results import table


@dataclass
class Quality:
    """Retrieval rows (as bench.retrieval.evaluate returns them) and the scorer's summary."""

    retrieval: list[dict] = field(default_factory=list)
    score: dict = field(default_factory=dict)
    note: str = ""
    load: float = 0.0


def retrieval_rows(kb, gold_path: Path) -> list[dict]:
    """Top-1/top-3 hit rates and latency of dense, keyword and hybrid retrieval."""
    from bench.retrieval import evaluate, load_gold

    gold = load_gold(gold_path)
    for mode in ("keyword", "dense", "hybrid"):
        evaluate(kb, gold[:3], mode)  # warm-up, as bench.retrieval does
    return [evaluate(kb, gold, mode) for mode in ("dense", "keyword", "hybrid")]


def pass_rate(store: Path, gold_path: Path, out: Path) -> dict:
    """Answer the dev set with the CLI and score it; the scorer's JSON summary."""
    scorer = gold_path.parent / "score.py"
    if not scorer.exists():
        return {"error": f"no scorer at {scorer}"}
    with open(out, "w", encoding="utf-8") as fh:
        proc = subprocess.run([PYTHON, "-m", "bot", "ask", "--jsonl", str(gold_path), "--store", str(store)], cwd=ROOT,
                              env=bench_env(), stdout=fh, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                              timeout=1800)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    scored = subprocess.run([PYTHON, str(scorer), str(gold_path), str(out)], capture_output=True, text=True,
                            encoding="utf-8", timeout=300)
    lines = scored.stdout.strip().splitlines()
    try:
        return json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        return {"error": f"scorer printed no summary: {scored.stderr.strip()[-300:]}"}


def run(kb, store: Path, gold_path: Path, workdir: Path, log=print) -> Quality:
    """Both measurements."""
    log("quality: retrieval hit rates…")
    q = Quality(retrieval=retrieval_rows(kb, gold_path))
    log("quality: answer pass rate (python -m bot ask --jsonl + score.py)…")
    q.score = pass_rate(store, gold_path, workdir / "answers.jsonl")
    q.load = load_avg()[0]
    return q


def render(q: Quality) -> str:
    """The markdown section body."""
    if q.note:
        return q.note
    parts = [table(["retrieval", "items", "top-1", "top-3", "p50 ms", "p95 ms", "misses (top-3)"],
                   [[r["mode"], r["items"], f"{r['top1']:.1%}", f"{r['top3']:.1%}", r["p50_ms"], r["p95_ms"],
                     " ".join(r["misses"]) or "—"] for r in q.retrieval], "lrrrrrl")]
    s = q.score
    if "error" in s:
        parts.append(f"Answer pass rate: not measured — {s['error']}")
    else:
        rate = s.get("pass_rate")
        checks = ", ".join(f"{k} {v}" for k, v in (s.get("checks") or {}).items())
        parts.append(f"Answer pass rate (extractive, `python -m bot ask --jsonl` scored by `score.py`): "
                     f"**{s.get('passed')}/{s.get('items')}**" + (f" ({rate:.1%})" if isinstance(rate, float) else "")
                     + (f"; checks passed: {checks}" if checks else "")
                     + f"; scorer's latency p50 / p95: {s.get('latency_ms_p50', 0):.1f} / "
                       f"{s.get('latency_ms_p95', 0):.1f} ms.")
    parts.append(f"Load average: {q.load:.1f}.")
    return "\n\n".join(parts)
