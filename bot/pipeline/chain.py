"""The conversational chain: the preparation (normalise → condense → understand → retrieve), shared by
ask and stream, then the backend's answer and finish().

The steps compose like LCEL runnables (`preparation | answer`, `.invoke(state)`), but run as plain calls:
RunnableLambda's per-call machinery (config, callback managers, signature inspection) cost ~0.8 ms of a ~15 ms
answer, and importing langchain_core.runnables ~0.9 s of a one-shot command's start. `Steps.as_runnable()` gives
the same chain as an LCEL Runnable (tracing, astream, batch) for whoever wants one.
"""
from __future__ import annotations

import time
from dataclasses import replace
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from index.search.retriever import Hit

from bot.pipeline import english, parts
from bot.pipeline.condense import Standalone, already_said, condense
from bot.knowledge import Knowledge
from bot.models import Answer, Turn
from bot.pipeline.understand import Intent, Question, is_english, understand

if TYPE_CHECKING:
    from langchain_core.runnables import Runnable

# Kinds of question answered from the registry or metadata alone: no retrieval needed.
_NO_RETRIEVAL = {Intent.TITLE_LOOKUP, Intent.PERSON_TITLE, Intent.LIST_SPEAKERS, Intent.DOC_FACTS, Intent.DOC_SUMMARY,
                 Intent.META_PERSON, Intent.INJECTION, Intent.EMPTY, Intent.STRUCTURE, Intent.COMPARE,
                 Intent.CHECK_TITLE, Intent.GENDER}
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
    query = kb.translator.translate(s.text) if q.english and is_english(s.text) else s.text
    query = kb.evidence.without_own_places(query)  # "郎溪县去年…" of a county's bulletin: every passage is about it
    if s.deictic and (s.context or s.focus):
        query = " ".join([query, *(s.context or [s.focus.name])])
    filters = {"speaker": q.person.name} if q.intent == Intent.PERSON_SAID and q.person else None
    hits = kb.searcher.search(query, k=k, filters=filters, mode=mode)
    if filters and not hits:
        hits = kb.searcher.search(query, k=k, mode=mode)
    if s.exclude_people or s.exclude_passages:  # "还有呢?": the next evidence, not what was already said
        kept = [h for h in kb.searcher.search(query, k=k * 2, filters=filters, mode=mode)
                if h.chunk.speaker not in s.exclude_people and not already_said(h.chunk.text, s.exclude_passages)]
        hits = kept[:k] or hits
    return hits


class Steps:
    """Named functions run one after another, each on the previous one's result; composed with `|`."""

    def __init__(self, *steps: tuple[str, Callable[[Any], Any]]):
        self.steps = tuple(steps)

    def __or__(self, other: "Steps") -> "Steps":
        return Steps(*self.steps, *other.steps)

    def invoke(self, value: Any, config: Any = None) -> Any:
        """Run every step in order (`config` is accepted for LCEL's signature and ignored)."""
        for _, fn in self.steps:
            value = fn(value)
        return value

    def as_runnable(self) -> "Runnable":
        """The same steps as an LCEL RunnableSequence of named RunnableLambdas."""
        from langchain_core.runnables import RunnableLambda

        runnables = [RunnableLambda(fn, name=name) for name, fn in self.steps]
        chain = runnables[0]
        for r in runnables[1:]:
            chain = chain | r
        return chain


def build_preparation(kb: Knowledge, top_k: int = TOP_K) -> Steps:
    """The steps before answering: {"question", "history"} → the same dict plus "standalone", "parsed" and "hits".
    The one path of a question up to its backend, shared by the answering chain and by streaming."""
    metas = [d.meta for d in kb.documents]

    # Each step adds its result to the state dict. Plain sequential steps, not
    # RunnablePassthrough.assign: that runs every step in a thread pool, which only adds latency here.
    def _condense(x: dict[str, Any]) -> dict[str, Any]:
        asked, background = kb.normaliser.split(x["question"])
        # "管钱那个局的一把手": a body called by its work is read by its name before anything else reads the question.
        history = x.get("history") or ()
        # The people named but never quoted are read only when a conversation may point back at one of them.
        s = condense(kb.described.named(kb.translator.mixed(asked)), history, kb.people,
                     kb.titles, kb.section_titles, vocabulary=kb.normaliser.vocabulary.terms,
                     silent=kb.named_silent if history else (), mentioned=kb.mentions)
        return {**x, "standalone": replace(s, background=background) if background else s}

    def _understand(x: dict[str, Any]) -> dict[str, Any]:
        s = x["standalone"]
        parsed = understand(s.text, kb.people, metas, kb.titles, kb.router, kb.outline, translate=kb.translator.translate)
        if parsed.text != s.text.strip() and not (parsed.english and parsed.intent == Intent.GENERAL):
            # An English question on a Chinese route is answered from its Chinese terms (framed in English at the
            # end); a message with injected orders, from the question left without them.
            s = replace(s, text=parsed.text)
        return {**x, "standalone": s, "parsed": parsed}

    def _retrieve(x: dict[str, Any]) -> dict[str, Any]:
        return {**x, "hits": retrieve(kb, x["parsed"], x["standalone"], k=top_k)}

    return Steps(("condense", _condense), ("understand", _understand), ("retrieve", _retrieve))


def prepare(preparation: Steps, question: str,
            history: Sequence[Turn] = ()) -> tuple[Question, Standalone, list[Hit]]:
    """Run the preparation alone (for backends that stream their answer): the backend's three inputs."""
    x = preparation.invoke({"question": question, "history": list(history)})
    return x["parsed"], x["standalone"], x["hits"]


def finish(q: Question, answer: Answer) -> Answer:
    """The step after the backend, for ask and stream alike."""
    return english.frame(answer, q.intent.value) if q.english else answer  # an English question, an English frame


def build_chain(kb: Knowledge, backend: AnswerBackend, preparation: Steps | None = None) -> Steps:
    """The chain: input {"question": str, "history": [Turn]} → Answer (the preparation, then the backend)."""

    def _answer(x: dict[str, Any]) -> Answer:
        return finish(x["parsed"], backend.answer(x["parsed"], x["standalone"], x["hits"]))

    return (preparation or build_preparation(kb)) | Steps(("answer", _answer))


def ask(chain: Steps, question: str, history: Sequence[Turn] = (), each_part: bool = False,
        known: Callable[[str], bool] | None = None) -> Answer:
    """Run the chain and stamp the latency; with each_part, a message that asks several things also has each of
    its questions answered, and one asked of two things each side (bot.pipeline.parts; known(text): the documents
    contain the text)."""
    t0 = time.perf_counter()

    def once(text: str, turns: Sequence[Turn]) -> Answer:
        return chain.invoke({"question": text, "history": list(turns)})

    answer = once(question, history)
    if each_part:
        answer = parts.answer_each(answer, question, history, once, known)
    answer.latency_ms = (time.perf_counter() - t0) * 1000
    return answer
