"""Warm answer latency: every dev-set question asked in a loaded process, per answer backend.

Backends: `extractive` (the default) and `llm` against an OpenAI-compatible server on loopback that
answers instantly (bench/openai_stub.py) — the llm row is the pipeline's own cost (prompt, HTTP, answer
verification) without any model time; a real model adds its generation time (see "## Local LLM").
"""
from __future__ import annotations

import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import load_avg, load_gold, ms, pct
from bench.results import table


@dataclass
class WarmRun:
    """One backend over the dev set."""

    backend: str
    samples: list[float] = field(default_factory=list)  # every timed answer, ms
    per_question: dict[str, tuple[str, float, str]] = field(default_factory=dict)  # id -> (intent, median ms, backend)
    load: float = 0.0

    def p(self, q: float) -> float | None:
        """Percentile of all timed answers."""
        return pct(self.samples, q)


def load_bot(store: Path, corpus: Path | None = None):
    """(Chatbot with the extractive backend, its Knowledge, its store) over a built store."""
    from bot.chatbot import Chatbot, build_knowledge
    from index.open import open_index
    from bot.backends.extractive import ExtractiveBackend
    from index.ingest.corpus import load_corpus
    from index.settings import IndexSettings

    settings = IndexSettings.from_env(store_dir=store, corpus_dir=corpus)
    corp = load_corpus(settings.corpus_dir, settings.max_file_mb)
    st, _ = open_index(settings, corp, progress=lambda _m: None)
    kb = build_knowledge(corp, st)
    return Chatbot(kb, ExtractiveBackend(kb), st), kb, st


def time_backend(bot, gold: list[dict], repeats: int, label: str) -> WarmRun:
    """Ask every question `repeats` times after one uncounted pass."""
    from bot.models import Turn

    run = WarmRun(label)
    per: dict[str, list[float]] = {}
    seen: dict[str, tuple[str, str]] = {}
    for rep in range(repeats + 1):
        for g in gold:
            history = [Turn(t["role"], t["content"]) for t in g.get("history", [])]
            answer = bot.ask(g["question"], history)
            if rep:
                run.samples.append(answer.latency_ms)
                per.setdefault(g["id"], []).append(answer.latency_ms)
                seen[g["id"]] = (answer.intent, answer.backend)
    run.per_question = {k: (seen[k][0], statistics.median(v), seen[k][1]) for k, v in per.items()}
    run.load = load_avg()[0]
    return run


def run(store: Path, gold_path: Path, repeats: int, log=print) -> list[WarmRun]:
    """Both backends over the same loaded index; the extractive one with the question encoder on 2 and 1 threads."""
    from bot.chatbot import Chatbot, make_backend
    from bot.settings import BotSettings
    from bench.openai_stub import OpenAIStub

    gold = load_gold(gold_path)
    bot, kb, st = load_bot(store)
    log(f"warm latency: extractive, {len(gold)} questions × {repeats}…")
    encoder = st.embeddings
    default = getattr(encoder, "query_threads", None)
    runs = []
    for threads in sorted({os.cpu_count() or 1, 1}, reverse=True):
        if default is not None:
            encoder.query_threads = threads  # the torch threads one question is encoded with
        label = f"extractive, question encoder on {threads} thread{'s' if threads > 1 else ''}"
        runs.append(time_backend(bot, gold, repeats, label + (" (default)" if threads == default else "")))
    if default is not None:
        encoder.query_threads = default
    with OpenAIStub() as stub:
        settings = BotSettings(backend="llm", llm_base_url=stub.base_url, llm_model=stub.model, llm_timeout=10)
        llm = Chatbot(kb, make_backend(settings, kb), st)
        log(f"warm latency: llm (instant stub endpoint), {len(gold)} questions × {repeats}…")
        runs.append(time_backend(llm, gold, repeats, "llm (instant stub endpoint), default threads"))
    return runs


def render(runs: list[WarmRun]) -> str:
    """Summary table per backend, then every question's median in a folded table."""
    head = table(["backend", "answers timed", "p50 ms", "p95 ms", "max ms", "mean ms", "answered by", "load"],
                 [[r.backend, len(r.samples), ms(r.p(0.5), 1), ms(r.p(0.95), 1), ms(max(r.samples), 1),
                   ms(statistics.fmean(r.samples), 1),
                   ", ".join(sorted({b for _, _, b in r.per_question.values()})), f"{r.load:.1f}"] for r in runs])
    ids = list(runs[0].per_question)
    rows = [[i, runs[0].per_question[i][0], *(ms(r.per_question[i][1], 1) if i in r.per_question else "—"
                                               for r in runs)] for i in ids]
    detail = table(["question", "intent", *(f"{r.backend} ms" for r in runs)], rows, "ll" + "r" * len(runs))
    return (head + "\n\nLatency = `Answer.latency_ms` (the chain from question to cited answer), in one process with "
            "the model loaded, after one uncounted pass. The llm row uses a loopback OpenAI-compatible stub that "
            "answers at once: it is the llm backend's own overhead, not a model's speed.\n\n"
            "<details><summary>Median per question</summary>\n\n" + detail + "\n\n</details>")
