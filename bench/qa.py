"""Answer quality on a multi-corpus question set, per corpus and per category.

usage: python -m bench.qa [--gold bench/eval/qa/tune.jsonl] [--show-failures] [--json OUT]

Each gold line carries "corpus" (a folder under bench/eval/qa/corpora/, or "article" for the bundled
corpus/) and "category". Every corpus is answered by the real CLI (`python -m bot ask --jsonl`, one
process per corpus, its own store under the cache folder) and scored by the gold scorer
(../shared/eval/score.py, or --scorer). Besides the pass rate it counts the two errors that matter
most: invented answers (found on an unanswerable question) and wrong refusals (not found on an
answerable one).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from bench.common import PYTHON, ROOT, bench_env

QA = ROOT / "bench" / "eval" / "qa"
DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "score.py"
INFO = {"top1"}  # reported by the scorer, not required


def load_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a .jsonl file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_scorer(path: Path):
    """The gold scorer's check(gold, result) function."""
    spec = importlib.util.spec_from_file_location("gold_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.check


def corpus_dir(name: str, corpora: Path = QA / "corpora") -> Path:
    """Where a corpus named in the gold file lives ("article" is the bundled corpus/)."""
    return ROOT / "corpus" if name == "article" else corpora / name


def answer_all(items: list[dict], corpus: Path, store: Path, extra: list[str],
               encoder: str | None = None) -> dict[str, dict]:
    """Run the CLI over the items of one corpus; results by id."""
    with tempfile.TemporaryDirectory() as tmp:
        qpath = Path(tmp) / "q.jsonl"
        with open(qpath, "w", encoding="utf-8") as f:
            for g in items:
                f.write(json.dumps({k: g[k] for k in ("id", "question", "history") if k in g}, ensure_ascii=False) + "\n")
        proc = subprocess.run([PYTHON, "-m", "bot", "ask", "--jsonl", str(qpath), "--corpus", str(corpus),
                               "--store", str(store), *extra], cwd=ROOT, env=bench_env(BOT_ENCODER=encoder),
                              capture_output=True,
                              text=True, encoding="utf-8", timeout=3600)
    if proc.returncode != 0:
        sys.exit(f"bot ask failed on {corpus}: {proc.stderr.strip()[-500:]}")
    return {r["id"]: r for r in (json.loads(line) for line in proc.stdout.splitlines() if line.strip())}


def main(argv: list[str] | None = None) -> int:
    """Score the gold file; print tables per corpus and per category."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=QA / "tune.jsonl", help="gold .jsonl (default: the tune half)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="score.py with check(gold, result)")
    ap.add_argument("--stores", type=Path, default=Path(os.environ.get("BOT_CACHE_DIR", Path.home() / ".cache" /
                                                                       "mianyang-bot")) / "qa-stores",
                    help="folder for one index per corpus (kept between runs)")
    ap.add_argument("--corpora", type=Path, default=QA / "corpora",
                    help="folder holding one sub-folder per corpus named in the gold file")
    ap.add_argument("--corpus", action="append", help="only these corpora (repeatable)")
    ap.add_argument("--show-failures", action="store_true", help="print every failed item with its answer")
    ap.add_argument("--json", type=Path, help="also write the summary as JSON here")
    # The child's environment drops this process's BOT_* settings (bench_env), so the encoder is a flag.
    ap.add_argument("--encoder", choices=("onnx", "onnx-int8", "torch"), help="question encoder of the CLI (BOT_ENCODER)")
    ap.add_argument("ask_args", nargs="*", help="extra arguments for `python -m bot ask` (after --)")
    args = ap.parse_args(argv)
    if not args.scorer.exists():
        sys.exit(f"no scorer at {args.scorer} (pass --scorer)")
    check = load_scorer(args.scorer)
    gold = load_jsonl(args.gold)
    by_corpus: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_corpus[g.get("corpus", "article")].append(g)
    rows: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    invented = wrong_refusals = answerable = unanswerable = 0
    latencies: list[float] = []
    for name, items in sorted(by_corpus.items()):
        if args.corpus and name not in args.corpus:
            continue
        print(f"== {name}: {len(items)} questions", file=sys.stderr, flush=True)
        results = answer_all(items, corpus_dir(name, args.corpora), args.stores / name, args.ask_args, args.encoder)
        for g in items:
            r = results.get(g["id"])
            checks = check(g, r) if r else {"missing": False}
            ok = all(v for k, v in checks.items() if k not in INFO)
            for key in ((name, g.get("category", "")), (name, "*"), ("*", g.get("category", "")), ("*", "*")):
                rows[key][0] += ok
                rows[key][1] += 1
            found = bool(r and r.get("found"))
            if g.get("answerable", True):
                answerable += 1
                wrong_refusals += bool(r) and not found
            else:
                unanswerable += 1
                invented += found
            if r and isinstance(r.get("latency_ms"), (int, float)):
                latencies.append(r["latency_ms"])
            if not ok and args.show_failures:
                bad = [k for k, v in checks.items() if not v and k not in INFO]
                print(f"FAIL {g['id']} [{name}/{g.get('category', '')}] {bad} Q: {g['question']}")
                if r:
                    print(f"     A: {(r.get('answer') or r.get('error') or '')[:160]!r}")
                    for c in (r.get("citations") or [])[:3]:
                        print(f"     C: [{c.get('speaker') or ''}] {(c.get('passage') or '')[:80]!r}")
    print("\n| corpus | category | passed | rate |\n|---|---|---|---|")
    for (corpus, cat), (ok, n) in sorted(rows.items(), key=lambda kv: (kv[0][0] == "*", kv[0][0], kv[0][1] != "*",
                                                                       kv[0][1])):
        print(f"| {corpus} | {cat} | {ok}/{n} | {ok / n:.2f} |")
    latencies.sort()
    summary = {
        "gold": str(args.gold), "items": rows[("*", "*")][1], "passed": rows[("*", "*")][0],
        "pass_rate": round(rows[("*", "*")][0] / max(1, rows[("*", "*")][1]), 3),
        "per_corpus": {c: round(ok / n, 3) for (c, cat), (ok, n) in rows.items() if cat == "*" and c != "*"},
        "invented": f"{invented}/{unanswerable}", "wrong_refusals": f"{wrong_refusals}/{answerable}",
        "latency_ms_p50": latencies[len(latencies) // 2] if latencies else None,
        "latency_ms_p95": latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))] if latencies else None,
    }
    print(json.dumps(summary, ensure_ascii=False))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
