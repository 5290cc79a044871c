"""Local LLM benchmark: the dev set answered by the extractive backend and by the local backend with each
Qwen model, in one run over one index; pass rate (the gold scorer), time to first text, tokens/s, fallbacks.

    python -m bench.local_llm [--gold ../shared/eval/dev.jsonl] [--models qwen2.5-coder-0.5b,qwen2.5-coder-1.5b]
                              [--out DIR] [--results bench/RESULTS.md] [--limit N]

Time to first text is what a web-chat user waits for: from the question to the first streamed piece (or to the
whole answer when nothing streams), pipeline included. "model TTFT" counts only the questions sent to the
model. tokens/s = generated tokens / decoding time (after the first token). The table is written into the
"## Local LLM" section of bench/RESULTS.md (other sections are left as they are).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.chatbot import Chatbot, build_knowledge

from index.open import open_index
from bot.backends.extractive import ExtractiveBackend
from bot.models import Answer, Turn
from bot.settings import BotSettings
from index.ingest.corpus import load_corpus
from index.settings import IndexSettings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "dev.jsonl"
DEFAULT_MODELS = "qwen2.5-coder-0.5b,qwen2.5-coder-1.5b"
SECTION = "## Local LLM"


def load_gold(path: Path) -> list[dict]:
    """All gold items, in file order."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(x) for x in f if x.strip()]


def pct(values: list[float], q: float) -> float | None:
    """The scorer's percentile: the value at index int(q * n) of the sorted values."""
    if not values:
        return None
    v = sorted(values)
    return v[min(len(v) - 1, int(q * len(v)))]


def run_backend(bot: Chatbot, gold: list[dict], label: str) -> tuple[list[dict], dict]:
    """Answer every item through the streaming path; per-item results plus timing statistics."""
    model = getattr(bot.backend, "chat_model", None)
    rows, first_all, first_model, tokens, decode_s = [], [], [], 0, 0.0
    called = fell_back = 0
    for n, g in enumerate(gold, 1):
        history = [Turn(t["role"], t["content"]) for t in g.get("history", [])]
        if model is not None:
            model._last = {}  # so an empty last_call after the question means: the model was not asked
        t0 = time.perf_counter()
        first, final = None, None
        for item in bot.stream(g["question"], history):
            if isinstance(item, Answer):
                final = item
            elif first is None and item:
                first = time.perf_counter() - t0
        total = time.perf_counter() - t0
        first_all.append(first if first is not None else total)
        stats = model.last_call if model is not None else {}
        if stats:
            called += 1
            fell_back += final.backend != bot.backend.name
            if stats.get("prompt_s") is not None:
                first_model.append(first if first is not None else stats["prompt_s"])
                if stats.get("tokens"):
                    tokens += stats["tokens"]
                    decode_s += max(1e-6, stats["total_s"] - stats["prompt_s"])
        row = final.to_json(g["id"])
        row["first_text_s"] = round(first_all[-1], 3)
        row["model"] = stats
        rows.append(row)
        print(f"[{label}] {n}/{len(gold)} {g['id']} {final.backend} {first_all[-1]:.2f}s/{total:.2f}s "
              f"{final.answer[:60]!r}", file=sys.stderr, flush=True)
    return rows, {
        "first_p50": pct(first_all, 0.5), "first_p95": pct(first_all, 0.95),
        "model_first_p50": pct(first_model, 0.5), "model_first_p95": pct(first_model, 0.95),
        "tokens_per_s": tokens / decode_s if decode_s else None,
        "called": called, "fell_back": fell_back,
        "by_model": sum(r["backend"] == bot.backend.name for r in rows) if model is not None else None,
    }


def score(gold_path: Path, results: Path) -> dict:
    """The gold scorer's JSON summary (its last output line)."""
    scorer = gold_path.parent / "score.py"
    out = subprocess.run([sys.executable, str(scorer), str(gold_path), str(results), "--show-failures"],
                         capture_output=True, text=True, encoding="utf-8", check=True).stdout
    print(out, file=sys.stderr)
    return json.loads(out.strip().splitlines()[-1])


def _fmt(v: float | None, unit: str = "s", digits: int = 2) -> str:
    return "—" if v is None else f"{v:.{digits}f}{unit}"


def table(rows: list[dict]) -> str:
    """The markdown table of one run."""
    head = ("| backend | pass rate | first text p50 / p95 | model TTFT p50 / p95 | tokens/s | "
            "model asked | fell back | answered by model | model load | load avg |\n"
            "|---|---|---|---|---|---|---|---|---|---|\n")
    lines = []
    for r in rows:
        s = r["stats"]
        lines.append(
            f"| {r['label']} | {r['score']['passed']}/{r['score']['items']} ({r['score']['pass_rate']:.1%}) | "
            f"{_fmt(s['first_p50'])} / {_fmt(s['first_p95'])} | "
            f"{_fmt(s['model_first_p50'])} / {_fmt(s['model_first_p95'])} | {_fmt(s['tokens_per_s'], '', 1)} | "
            f"{s['called'] if s['by_model'] is not None else '—'} | "
            f"{s['fell_back'] if s['by_model'] is not None else '—'} | "
            f"{s['by_model'] if s['by_model'] is not None else '—'} | {_fmt(r.get('load_s'))} | "
            f"{s['loadavg'][0]:.1f} → {s['loadavg'][1]:.1f} |")
    return head + "\n".join(lines) + "\n"


def write_section(path: Path, body: str) -> None:
    """Replace (or append) the '## Local LLM' section of the results file, leaving other sections alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    section = f"{SECTION}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            name = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        name = platform.processor()
    return f"{os.cpu_count()} × {name or platform.machine()}"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table and write it into RESULTS.md."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    p = argparse.ArgumentParser(prog="python -m bench.local_llm", description=__doc__.split("\n\n")[0])
    p.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    p.add_argument("--models", default=DEFAULT_MODELS, help="comma-separated local model keys or .gguf paths")
    p.add_argument("--out", type=Path, help="folder for the per-backend results JSONL (default: a temp folder)")
    p.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md", help="'-' = do not write")
    p.add_argument("--limit", type=int, help="only the first N gold items (a smoke run)")
    p.add_argument("--passages", type=int, help="passages per prompt (default: the backend's own)")
    p.add_argument("--corpus", type=Path)
    p.add_argument("--store", type=Path)
    args = p.parse_args(argv)
    from bot.backends.local import build_local_backend

    out = args.out or Path(tempfile.mkdtemp(prefix="local_llm_bench_"))
    out.mkdir(parents=True, exist_ok=True)
    gold = load_gold(args.gold)[: args.limit]
    gold_path = args.gold
    if args.limit:
        gold_path = out / "gold.jsonl"
        gold_path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
        (out / "score.py").write_bytes((args.gold.parent / "score.py").read_bytes())
    settings = IndexSettings.from_env(corpus_dir=args.corpus, store_dir=args.store)
    corpus = load_corpus(settings.corpus_dir, settings.max_file_mb)
    store, _ = open_index(settings, corpus)
    kb = build_knowledge(corpus, store)
    extractive = Chatbot(kb, ExtractiveBackend(kb), store)
    extractive.ask("warm-up")  # the first query pays for jieba and the embedding model

    runs = [("extractive", extractive, None)]
    for m in [m.strip() for m in args.models.split(",") if m.strip()]:
        backend = build_local_backend(BotSettings.from_env(backend="local", local_model=m), kb,
                                      fallback=ExtractiveBackend(kb))
        if args.passages:
            backend.max_passages = args.passages
        runs.append((f"local {Path(m).name}", Chatbot(kb, backend, store), backend))
    rows = []
    for label, bot, backend in runs:
        # Load and evaluate the constant system prompt once, as a server would at start-up.
        load_s = backend.warm_up() if backend is not None else None
        load_before = os.getloadavg()[0]
        results, stats = run_backend(bot, gold, label)
        stats["loadavg"] = (load_before, os.getloadavg()[0])
        path = out / (re.sub(r"[^\w.-]+", "_", label) + ".jsonl")
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results), encoding="utf-8")
        rows.append({"label": label, "stats": stats, "score": score(gold_path, path), "load_s": load_s})
        print(table(rows[-1:]), file=sys.stderr, flush=True)
    import llama_cpp

    note = (f"Run {time.strftime('%Y-%m-%d')} on {_cpu()}, llama-cpp-python {llama_cpp.__version__}, "
            f"{len(gold)} items of `{args.gold.name}`, one process, one index; `python -m bench.local_llm`. "
            "First text = question to first streamed piece (or to the whole answer when nothing streams); "
            "model TTFT = the same, over the questions sent to the model (its first token); "
            "tokens/s = decoding only; "
            "model load = loading the GGUF + evaluating the constant prompt prefix once; load avg = the 1-minute "
            "load average before → after that backend's run (2 cores: above 2, something else was competing).\n")
    body = note + "\n" + table(rows)
    print(body)
    if str(args.results) != "-":
        write_section(args.results, body)
    print(f"results: {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
