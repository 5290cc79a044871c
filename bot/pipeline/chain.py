"""The conversational chain in LCEL: condense → understand → retrieve → answer (with fallback) → cite."""
from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, Protocol

from langchain_core.runnables import Runnable, RunnableLambda

from index.search.retriever import Hit

from bot.pipeline.condense import Standalone, condense
from bot.knowledge import Knowledge
from bot.models import Answer, Turn
from bot.pipeline.understand import Intent, Question, understand

# Kinds of question answered from the registry or metadata alone: no retrieval needed.
_NO_RETRIEVAL = {Intent.TITLE_LOOKUP, Intent.PERSON_TITLE, Intent.LIST_SPEAKERS, Intent.DOC_FACTS, Intent.DOC_SUMMARY,
                 Intent.META_PERSON, Intent.INJECTION, Intent.EMPTY}
TOP_K = 5


class AnswerBackend(Protocol):
    """Turns an understood question and its retrieved chunks into an Answer."""

    name: str

    def answer(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Answer:
        """The answer with citations."""
        ...


def retrieve(kb: Knowledge, q: Question, s: Standalone, k: int = TOP_K, mode: str = "hybrid") -> list[Hit]:
    """Hybrid search for the question; narrowed to one speaker when the question is about them."""
    if q.intent in _NO_RETRIEVAL:
        return []
    query = kb.translator.translate(s.text) if q.english else s.text
    if s.deictic and s.focus:
        query = f"{query} {s.focus.name}"
    filters = {"speaker": q.person.name} if q.intent == Intent.PERSON_SAID and q.person else None
    hits = kb.searcher.search(query, k=k, filters=filters, mode=mode)
    if filters and not hits:
        hits = kb.searcher.search(query, k=k, mode=mode)
    return hits


def prepare(kb: Knowledge, question: str, history: Sequence[Turn] = ()) -> tuple[Question, Standalone, list[Hit]]:
    """The chain's steps before answering, for backends that stream their answer."""
    standalone = condense(kb.translator.mixed(question), history, kb.people, kb.titles)
    parsed = understand(standalone.text, kb.people, [d.meta for d in kb.documents], kb.titles)
    return parsed, standalone, retrieve(kb, parsed, standalone)


def build_chain(kb: Knowledge, backend: AnswerBackend) -> Runnable:
    """The chain: input {"question": str, "history": [Turn]} → Answer."""
    metas = [d.meta for d in kb.documents]

    # Each step adds its result to the state dict. Plain sequential steps, not
    # RunnablePassthrough.assign: that runs every step in a thread pool, which only adds latency here.
    def _condense(x: dict[str, Any]) -> dict[str, Any]:
        s = condense(kb.translator.mixed(x["question"]), x.get("history") or (), kb.people, kb.titles)
        return {**x, "standalone": s}

    def _understand(x: dict[str, Any]) -> dict[str, Any]:
        return {**x, "parsed": understand(x["standalone"].text, kb.people, metas, kb.titles)}

    def _retrieve(x: dict[str, Any]) -> dict[str, Any]:
        return {**x, "hits": retrieve(kb, x["parsed"], x["standalone"])}

    def _answer(x: dict[str, Any]) -> Answer:
        return backend.answer(x["parsed"], x["standalone"], x["hits"])

    return (
        RunnableLambda(_condense, name="condense")
        | RunnableLambda(_understand, name="understand")
        | RunnableLambda(_retrieve, name="retrieve")
        | RunnableLambda(_answer, name="answer")
    )


def ask(chain: Runnable, question: str, history: Sequence[Turn] = ()) -> Answer:
    """Run the chain once and stamp the latency."""
    t0 = time.perf_counter()
    answer = chain.invoke({"question": question, "history": list(history)})
    answer.latency_ms = (time.perf_counter() - t0) * 1000
    return answer
