"""The `llm` answer backend: a chat model on any OpenAI-compatible endpoint, its answers checked against
the passages it was given (bot.grounding), and the extractive backend whenever the check, the model or the
network fails."""
from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from index.search.retriever import Hit

from bot.backends.extractive import not_found
from bot.citations import from_chunk, unique
from bot.grounding import (
    DELEGATED, MAX_PASSAGES, REFUSAL, Passage, Plan, check_answer, close_stream, content_text, escape_question,
    prompt_windows, select_passages,
)
from bot.knowledge import Knowledge
from bot.models import Answer
from bot.pipeline.chain import AnswerBackend
from bot.pipeline.condense import Standalone
from bot.pipeline.understand import Question
from bot.prompts import render_prompt
from bot.settings import BotSettings

log = logging.getLogger(__name__)


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
        """The model's answer if it checks out against its passages, else the fallback's."""
        plan = self.plan(q, standalone, hits)
        if isinstance(plan, Answer):
            return plan
        try:
            reply = self.chat_model.invoke(self.messages(q, plan.passages))
        except Exception as exc:  # noqa: BLE001 - any model, network or timeout error means: fall back
            return self._fallback(q, standalone, hits, plan, f"model call failed: {type(exc).__name__}: {exc}")
        return self._finish(content_text(reply.content), q, standalone, hits, plan)

    def stream(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Iterator[str | Answer]:
        """Text pieces as the model writes them, then the checked Answer (the last item, always)."""
        plan = self.plan(q, standalone, hits)
        if isinstance(plan, Answer):
            yield plan
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
            yield self._fallback(q, standalone, hits, plan, f"model stream failed: {type(exc).__name__}: {exc}")
            return
        yield self._finish(acc, q, standalone, hits, plan)

    def _finish(self, raw: str, q: Question, s: Standalone, hits: list[Hit], plan: Plan) -> Answer:
        passages = plan.passages
        check = check_answer(raw, passages, q.text, self._secrets)
        if check.reason == "refusal":
            fb = plan.baseline or self.fallback.answer(q, s, hits)
            if fb.found:
                log.info("%s refused, fallback found an answer: %r", self.name, q.text)
                return fb
            out = not_found(english=q.english)
            out.intent, out.backend = q.intent.value, self.name
            return out
        why = check.reason if not check.ok else self.review(check.text, q, s, plan)
        if why:
            return self._fallback(q, s, hits, plan, f"{why}; reply was {raw[:200]!r}")
        cited = [from_chunk(passages[n - 1].chunk) for n in check.cited]
        rest = [from_chunk(p.chunk) for p in passages if p.number not in check.cited]
        rest += [from_chunk(h.chunk) for h in hits]
        return Answer(answer=check.text, found=True, citations=unique(cited + rest, limit=max(5, len(cited))),
                      intent=q.intent.value, backend=self.name)

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
