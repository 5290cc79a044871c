"""Retrieval benchmark: top-1/top-3 hit rates of dense, BM25 and hybrid search on a gold set, and latency.

    python -m bench.retrieval [--gold ../shared/eval/dev.jsonl] [--store DIR] [--corpus DIR] [--json]

A hit = a retrieved chunk contains one of the item's gold `passages` (NFKC, quotes and spaces ignored).
Follow-up questions are first made standalone with the conversation, exactly as the chatbot does.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import time
import unicodedata
from pathlib import Path

from bot.pipeline.chain import retrieve
from bot.chatbot import build_knowledge
from index.open import open_index
from bot.pipeline.condense import condense
from bot.models import Turn
from bot.pipeline.understand import Intent, understand
from index.ingest.corpus import load_corpus
from index.settings import IndexSettings

DEFAULT_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.jsonl"
_QUOTES = re.compile(r"[\s\"'“”‘’「」『』《》]")


def norm(s: str) -> str:
    """The scorer's normalisation: NFKC, no white space or quote marks, lower case."""
    return _QUOTES.sub("", unicodedata.normalize("NFKC", s or "")).lower()


def load_gold(path: Path) -> list[dict]:
    """Gold items that name passages (the ones retrieval can be judged on)."""
    with open(path, encoding="utf-8") as f:
        items = [json.loads(x) for x in f if x.strip()]
    return [g for g in items if g.get("passages")]


def evaluate(kb, gold: list[dict], mode: str, k: int = 3) -> dict:
    """Hit rates and per-query latency for one retrieval mode."""
    metas = [d.meta for d in kb.documents]
    top1 = top3 = 0
    times = []
    misses = []
    for g in gold:
        history = [Turn(**t) for t in g.get("history", [])]
        s = condense(g["question"], history, kb.people, kb.titles)
        q = understand(s.text, kb.people, metas, kb.titles)
        q.intent = Intent.GENERAL if q.intent not in (Intent.PERSON_SAID, Intent.GENERAL) else q.intent
        t0 = time.perf_counter()
        hits = retrieve(kb, q, s, k=k, mode=mode)
        times.append((time.perf_counter() - t0) * 1000)
        passages = [norm(p) for p in g["passages"]]
        found = [any(p in norm(h.chunk.text) for p in passages) for h in hits[:k]]
        top1 += bool(found and found[0])
        top3 += any(found)
        if not any(found):
            misses.append(g["id"])
    n = len(gold)
    times.sort()
    return {"mode": mode, "items": n, "top1": round(top1 / n, 3), "top3": round(top3 / n, 3),
            "p50_ms": round(statistics.median(times), 1), "p95_ms": round(times[int(0.95 * (n - 1))], 1),
            "misses": misses}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (or JSON)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    p = argparse.ArgumentParser(prog="python -m bench.retrieval", description=__doc__.split("\n\n")[0])
    p.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    p.add_argument("--corpus", type=Path)
    p.add_argument("--store", type=Path)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    settings = IndexSettings.from_env(corpus_dir=args.corpus, store_dir=args.store)
    corpus = load_corpus(settings.corpus_dir, settings.max_file_mb)
    store, _ = open_index(settings, corpus)
    kb = build_knowledge(corpus, store)
    gold = load_gold(args.gold)
    for mode in ("keyword", "dense", "hybrid"):  # warm up caches and the model
        evaluate(kb, gold[:3], mode)
    rows = [evaluate(kb, gold, mode) for mode in ("dense", "keyword", "hybrid")]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"{'mode':8} {'items':>5} {'top1':>6} {'top3':>6} {'p50 ms':>7} {'p95 ms':>7}  misses (top3)")
    for r in rows:
        print(f"{r['mode']:8} {r['items']:5d} {r['top1']:6.1%} {r['top3']:6.1%} {r['p50_ms']:7.1f} {r['p95_ms']:7.1f}  "
              f"{' '.join(r['misses'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
