"""The `llm` answer backend: a chat model on any OpenAI-compatible endpoint, its answers checked against
the passages it was given (bot.grounding), and the extractive backend whenever the check, the model or the
network fails."""
from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from index.search.retriever import Hit

from bot.backends.extractive import not_found
from bot.citations import from_chunk, unique
from bot.grounding import (
    DELEGATED, LEAK, MAX_PASSAGES, REFUSAL, Passage, Plan, check_answer, clean_rewrite, close_stream, content_text,
    escape_question, prompt_windows, select_passages,
)
from bot.knowledge import Knowledge
from bot.models import Answer
from bot.pipeline.chain import AnswerBackend, retrieve
from bot.pipeline.condense import Standalone
from bot.pipeline.understand import Question, understand
from bot.prompts import render_prompt
from bot.settings import BotSettings

log = logging.getLogger(__name__)

# The documents' own words the rewrite prompt offers the model: enough headings and titles to steer its
# wording, few enough that the prompt stays short.
MAX_VOCABULARY = 40


@dataclass(frozen=True)
class Pass:
    """The outcome of one answering pass: its answer, and whether the model's reply looked hostile (it repeated
    the prompt), which rules out a second pass."""

    answer: Answer
    suspect: bool = False


class LLMBackend:
    """Answers from a chat model over the top passages; falls back to `fallback` when it cannot be trusted.

    `stream()` yields text pieces as they arrive and then the final Answer. The pieces are provisional:
    when the finished reply fails its check, the final Answer is the fallback's, so a UI must replace
    whatever it streamed with the final Answer's text (its [n] markers are also renumbered to match
    the order of `Answer.citations`).
    """

    name = "llm"

    def __init__(self, chat_model: BaseChatModel, fallback: AnswerBackend, kb: Knowledge,
                 max_passages: int = MAX_PASSAGES, timeout: float | None = None):
        self.chat_model = chat_model
        self.fallback = fallback
        self.kb = kb
        self.max_passages = max_passages
        # Wall-clock budget of a streamed reply; the HTTP client's own timeout only bounds each read.
        self.timeout = timeout
        self.system_prompt = render_prompt("answer_system", refusal=REFUSAL)
        self._secrets = prompt_windows(self.system_prompt, render_prompt(
            "answer_user", passages="{passages}", question="{question}", refusal=REFUSAL))
        self.rewrite_prompt = render_prompt("rewrite_system", refusal=REFUSAL)
        self._rewrite_secrets = prompt_windows(self.rewrite_prompt, render_prompt(
            "rewrite_user", vocabulary="{vocabulary}", conversation="{conversation}", question="{question}"))

    # --- building the request ---------------------------------------------------------------------
    def passages(self, hits: Sequence[Hit]) -> list[Passage]:
        """The passages the model gets for these hits."""
        return select_passages(hits, self.max_passages, with_title=len(self.kb.documents) > 1)

    def messages(self, q: Question, passages: Sequence[Passage]) -> list[BaseMessage]:
        """System and user messages for one question."""
        user = render_prompt("answer_user", passages="\n".join(p.render() for p in passages),
                             question=escape_question(q.text), refusal=REFUSAL)
        return [SystemMessage(self.system_prompt), HumanMessage(user)]

    def _delegated(self, q: Question) -> bool:
        return q.intent in DELEGATED

    def plan(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Plan | Answer:
        """What the model gets for this question, or the final answer when no model should be asked."""
        passages = [] if self._delegated(q) else self.passages(hits)
        if not passages:
            return self.fallback.answer(q, standalone, hits)
        return Plan(passages)

    def review(self, text: str, q: Question, standalone: Standalone, plan: Plan) -> str:
        """Why a reply that passed the grounding checks is still not good enough ("" when it is)."""
        return ""

    # --- answering ----------------------------------------------------------------------------------
    def answer(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Answer:
        """The model's answer if it checks out against its passages, else the fallback's; when neither finds
        one, a second pass with the question rewritten in the documents' words."""
        first = self._answer_once(q, standalone, hits)
        retry = self._retry(q, standalone, first.answer, first.suspect)
        if retry is None:
            return first.answer
        second = self._answer_once(*retry).answer
        return second if second.found else first.answer

    def stream(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Iterator[str | Answer]:
        """Text pieces as the model writes them, then the checked Answer (the last item, always); when nothing
        was found, the pieces and answer of one second pass with the question rewritten."""
        first = yield from self._pieces(self._stream_once(q, standalone, hits))
        retry = self._retry(q, standalone, first.answer, first.suspect)
        if retry is None:
            yield first.answer
            return
        second = (yield from self._pieces(self._stream_once(*retry))).answer
        yield second if second.found else first.answer

    @staticmethod
    def _pieces(items: Iterator[str | Pass]) -> Iterator[str]:
        """Pass on the text pieces of one pass; its outcome is the generator's return value."""
        for item in items:
            if isinstance(item, Pass):
                return item
            yield item
        raise RuntimeError("a backend pass ended without an Answer")

    # --- the second pass ----------------------------------------------------------------------------
    @cached_property
    def vocabulary(self) -> list[str]:
        """The corpus's own words for the rewrite prompt: section headings, then the speakers' titles."""
        def distinct(terms):
            return list(dict.fromkeys(t.strip() for t in terms if t and t.strip()))

        # Headings take at most two thirds of the room, so a long outline leaves some for the titles.
        sections = distinct(self.kb.section_titles)[: MAX_VOCABULARY * 2 // 3]
        return distinct([*sections, *(p.title for p in self.kb.people)])[:MAX_VOCABULARY]

    def rewrite(self, q: Question, standalone: Standalone) -> str:
        """The question restated by the model as a standalone question in the documents' words ("" if none)."""
        conversation = "；".join(standalone.context) or "（无）"
        user = render_prompt("rewrite_user", vocabulary="、".join(self.vocabulary),
                             conversation=escape_question(conversation), question=escape_question(q.text))
        try:
            reply = self.chat_model.invoke([SystemMessage(self.rewrite_prompt), HumanMessage(user)])
        except Exception as exc:  # noqa: BLE001 - a failed rewrite only means: no second pass
            log.warning("%s rewrite failed: %s: %s", self.name, type(exc).__name__, exc)
            return ""
        return clean_rewrite(content_text(reply.content), q.text, self._rewrite_secrets)

    def _retry(self, q: Question, standalone: Standalone, first: Answer,
               suspect: bool = False) -> tuple[Question, Standalone, list[Hit]] | None:
        """The inputs of a second pass, or None when there is to be none: the first pass found an answer or drew a
        reply that repeated the prompt (a hostile question gets no second try), the question is one the registry
        answers or refuses, it is English, or the model offers no new wording."""
        if first.found or suspect or q.english or self._delegated(q):
            return None
        text = self.rewrite(q, standalone)
        if not text:
            return None
        s2 = replace(standalone, text=text, rewritten=True)
        kb = self.kb
        q2 = understand(text, kb.people, [d.meta for d in kb.documents], kb.titles, kb.router, kb.outline)
        hits = retrieve(kb, q2, s2)
        log.info("%s second pass: %r rewritten as %r (%d hits)", self.name, q.text, text, len(hits))
        return (q2, s2, hits) if hits or self._delegated(q2) else None

    def _answer_once(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Pass:
        """One pass: the model's answer if it checks out against its passages, else the fallback's."""
        plan = self.plan(q, standalone, hits)
        if isinstance(plan, Answer):
            return Pass(plan)
        try:
            reply = self.chat_model.invoke(self.messages(q, plan.passages))
        except Exception as exc:  # noqa: BLE001 - any model, network or timeout error means: fall back
            return Pass(self._fallback(q, standalone, hits, plan, f"model call failed: {type(exc).__name__}: {exc}"))
        return self._finish(content_text(reply.content), q, standalone, hits, plan)

    def _stream_once(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Iterator[str | Pass]:
        """One pass, streamed: text pieces as the model writes them, then its outcome."""
        plan = self.plan(q, standalone, hits)
        if isinstance(plan, Answer):
            yield Pass(plan)
            return
        start = time.monotonic()
        acc, started = "", False
        try:
            it = self.chat_model.stream(self.messages(q, plan.passages))
            try:
                for chunk in it:
                    piece = content_text(chunk.content)
                    if not piece:
                        continue
                    acc += piece
                    if self.timeout is not None and time.monotonic() - start > self.timeout:
                        raise TimeoutError(f"reply took longer than {self.timeout:g} s")
                    if started:
                        yield piece
                        continue
                    # Hold back a reply that is (the start of) the refusal token, so it never flashes up.
                    head = acc.lstrip().upper()
                    if not head or REFUSAL.startswith(head):
                        continue
                    if head.startswith(REFUSAL):
                        break
                    started = True
                    yield acc
            finally:
                close_stream(it)
        except Exception as exc:  # noqa: BLE001 - as in answer()
            yield Pass(self._fallback(q, standalone, hits, plan, f"model stream failed: {type(exc).__name__}: {exc}"))
            return
        yield self._finish(acc, q, standalone, hits, plan)

    def _finish(self, raw: str, q: Question, s: Standalone, hits: list[Hit], plan: Plan) -> Pass:
        passages = plan.passages
        check = check_answer(raw, passages, q.text, self._secrets)
        if check.reason == "refusal":
            fb = plan.baseline or self.fallback.answer(q, s, hits)
            if fb.found:
                log.info("%s refused, fallback found an answer: %r", self.name, q.text)
                return Pass(fb)
            out = not_found(english=q.english)
            out.intent, out.backend = q.intent.value, self.name
            return Pass(out)
        why = check.reason if not check.ok else self.review(check.text, q, s, plan)
        if why:
            return Pass(self._fallback(q, s, hits, plan, f"{why}; reply was {raw[:200]!r}"),
                        suspect=check.reason == LEAK)
        cited = [from_chunk(passages[n - 1].chunk) for n in check.cited]
        rest = [from_chunk(p.chunk) for p in passages if p.number not in check.cited]
        rest += [from_chunk(h.chunk) for h in hits]
        return Pass(Answer(answer=check.text, found=True, citations=unique(cited + rest, limit=max(5, len(cited))),
                           intent=q.intent.value, backend=self.name))

    def _fallback(self, q: Question, s: Standalone, hits: list[Hit], plan: Plan, reason: str) -> Answer:
        log.warning("%s answer replaced by %s: %s", self.name, getattr(self.fallback, "name", "fallback"), reason)
        return plan.baseline or self.fallback.answer(q, s, hits)


def build_llm_backend(settings: BotSettings, kb: Knowledge, fallback: AnswerBackend | None = None,
                      max_passages: int = MAX_PASSAGES) -> LLMBackend:
    """The llm backend for these settings, falling back to the extractive backend by default."""
    from bot.providers.openai import make_chat_model

    if fallback is None:
        from bot.backends.extractive import ExtractiveBackend

        fallback = ExtractiveBackend(kb)
    return LLMBackend(make_chat_model(settings), fallback, kb, max_passages=max_passages,
                      timeout=settings.llm_timeout)
