"""The `llm` answer backend: a chat model on any OpenAI-compatible endpoint, its answers checked against
the passages it was given, and the extractive backend whenever the check, the model or the network fails.

This is the only module of the project that imports langchain_openai.
"""
from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from index.models import Chunk, SourceKind
from index.search.retriever import Hit

from bot.pipeline.chain import AnswerBackend
from bot.citations import from_chunk, unique
from bot.pipeline.condense import Standalone
from bot.backends.extractive import not_found
from bot.knowledge import Knowledge
from bot.models import Answer
from bot.prompts import render_prompt
from bot.settings import BotSettings
from bot.pipeline.understand import Intent, Question

log = logging.getLogger(__name__)

# The one reply the prompts allow when the passages do not answer; prompts get it as {refusal}.
REFUSAL = "NOT_FOUND"
# Few, short passages: a local model on 2 CPU cores pays for every prompt token before its first word.
MAX_PASSAGES = 3
MAX_PASSAGE_CHARS = 300
MAX_QUESTION_CHARS = 300
# Answered from the speaker registry or the page metadata, or refused before any model sees them.
DELEGATED = frozenset({Intent.TITLE_LOOKUP, Intent.PERSON_TITLE, Intent.LIST_SPEAKERS, Intent.DOC_FACTS,
                       Intent.META_PERSON, Intent.INJECTION, Intent.EMPTY})
# A reply sharing this many consecutive characters with the prompts is treated as leaking them.
LEAK_WINDOW = 12

_MARKER = re.compile(r"[\[［【]\s*(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\s*[\]］】]")
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(%?)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL)


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk as the model sees it: its number, a short source line and its text."""

    number: int
    chunk: Chunk
    header: str
    text: str

    def render(self) -> str:
        """The passage block of the user prompt."""
        return f"[{self.number}] {self.header}\n{self.text}"


@dataclass(frozen=True)
class Check:
    """The verdict on a model reply; `text` has its markers renumbered to the order of `cited`."""

    ok: bool
    reason: str = ""
    cited: tuple[int, ...] = ()  # passage numbers, in order of first mention
    text: str = ""


def _header(chunk: Chunk, with_title: bool) -> str:
    where = "·".join(x for x in (f"《{chunk.doc_title}》" if with_title else "", chunk.section) if x)
    if chunk.speaker:
        who = f"{chunk.speaker_title}{chunk.speaker}"
    elif chunk.source_kind == SourceKind.DECISION.value:
        who = f"决定原文{chunk.clause}"
    else:
        who = "报道叙述"
    return f"{where}|{who}" if where else who


def select_passages(hits: Sequence[Hit], limit: int = MAX_PASSAGES, with_title: bool = False) -> list[Passage]:
    """The first `limit` distinct retrieved chunks, numbered from 1."""
    out: list[Passage] = []
    seen: set[str] = set()
    for h in hits:
        c = h.chunk
        if c.chunk_id in seen:
            continue
        seen.add(c.chunk_id)
        text = " ".join(c.text.split())
        if len(text) > MAX_PASSAGE_CHARS:
            text = text[: MAX_PASSAGE_CHARS - 1] + "…"
        out.append(Passage(len(out) + 1, c, _header(c, with_title), text))
        if len(out) >= limit:
            break
    return out


def _norm(text: str) -> str:
    return _THOUSANDS.sub("", unicodedata.normalize("NFKC", text))


def numbers(text: str) -> list[tuple[str, str, bool]]:
    """The numbers written in digits: (letter prefix such as "G", value without leading zeros, is a percentage)."""
    text = _norm(text)
    out = []
    for m in _NUMBER.finditer(text):
        i = m.start()
        j = i
        while j > 0 and text[j - 1].isascii() and text[j - 1].isalpha():
            j -= 1
        # A code like G347 keeps its letters; a digit glued to an English word ("top10") does not.
        prefix = text[j:i] if 0 < i - j <= 3 and text[j:i].isupper() else ""
        value = m.group(1).lstrip("0") or "0"
        out.append((prefix, value, bool(m.group(2))))
    return out


def _traced(number: tuple[str, str, bool], source: list[tuple[str, str, bool]]) -> bool:
    prefix, value, pct = number
    return any(v == value and (not prefix or p == prefix) and (not pct or sp) for p, v, sp in source)


def _windows(text: str, n: int = LEAK_WINDOW) -> set[str]:
    t = "".join(text.split())
    return {t[i:i + n] for i in range(len(t) - n + 1)}


def prompt_windows(*templates: str) -> frozenset[str]:
    """Every LEAK_WINDOW-character stretch of fixed prompt wording (placeholders cut the text)."""
    out: set[str] = set()
    for t in templates:
        for part in re.split(r"\{[^{}]*\}", t):
            out |= _windows(part)
    return frozenset(out)


def check_answer(text: str, passages: Sequence[Passage], question: str,
                 secrets: frozenset[str] = frozenset()) -> Check:
    """Accept a reply only if it cites given passages and every number in it is in those passages or the question."""
    text = _THINK.sub("", text).strip()
    if not text:
        return Check(False, "empty reply")
    # Before the refusal test: a leaked prompt contains the refusal token too, and should be logged as a leak.
    if secrets and _windows(text) & secrets:
        return Check(False, "reply repeats the prompt")
    if REFUSAL in text.upper():
        return Check(False, "refusal")
    given = {p.number: p for p in passages}
    groups = [[int(n) for n in re.split(r"[,，、]", m.group(1))] for m in _MARKER.finditer(text)]
    cited: list[int] = []
    for n in (n for g in groups for n in g):
        if n not in given:
            return Check(False, f"marker [{n}] names no given passage")
        if n not in cited:
            cited.append(n)
    if not cited:
        return Check(False, "no [n] marker")
    # Header and text only: the "[n]" label itself must not vouch for the number n.
    source = numbers(question + "\n" + "\n".join(f"{given[n].header}\n{given[n].text}" for n in cited))
    for num in numbers(_MARKER.sub(" ", text)):
        if not _traced(num, source):
            return Check(False, f"number {''.join(num[:2])}{'%' if num[2] else ''} is not in the cited passages")
    order = {n: i + 1 for i, n in enumerate(cited)}

    def _renumber(m: re.Match) -> str:
        return "".join(f"[{order[int(n)]}]" for n in re.split(r"[,，、]", m.group(1)))

    return Check(True, cited=tuple(cited), text=_MARKER.sub(_renumber, text))


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    parts = []
    for block in content or []:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, dict) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "".join(parts)


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
        # Angle brackets would let a question close the <问题> block and pose as instructions.
        question = q.text[:MAX_QUESTION_CHARS].replace("<", "＜").replace(">", "＞")
        user = render_prompt("answer_user", passages="\n".join(p.render() for p in passages),
                             question=question, refusal=REFUSAL)
        return [SystemMessage(self.system_prompt), HumanMessage(user)]

    def _delegated(self, q: Question) -> bool:
        return q.intent in DELEGATED

    # --- answering ----------------------------------------------------------------------------------
    def answer(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Answer:
        """The model's answer if it checks out against its passages, else the fallback's."""
        passages = [] if self._delegated(q) else self.passages(hits)
        if not passages:
            return self.fallback.answer(q, standalone, hits)
        try:
            reply = self.chat_model.invoke(self.messages(q, passages))
        except Exception as exc:  # noqa: BLE001 - any model, network or timeout error means: fall back
            return self._fallback(q, standalone, hits, f"model call failed: {type(exc).__name__}: {exc}")
        return self._finish(_content_text(reply.content), q, standalone, hits, passages)

    def stream(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Iterator[str | Answer]:
        """Text pieces as the model writes them, then the checked Answer (the last item, always)."""
        passages = [] if self._delegated(q) else self.passages(hits)
        if not passages:
            yield self.fallback.answer(q, standalone, hits)
            return
        start = time.monotonic()
        acc, started = "", False
        try:
            it = self.chat_model.stream(self.messages(q, passages))
            try:
                for chunk in it:
                    piece = _content_text(chunk.content)
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
                close = getattr(it, "close", None)
                if close is not None:
                    close()
        except Exception as exc:  # noqa: BLE001 - as in answer()
            yield self._fallback(q, standalone, hits, f"model stream failed: {type(exc).__name__}: {exc}")
            return
        yield self._finish(acc, q, standalone, hits, passages)

    def _finish(self, raw: str, q: Question, s: Standalone, hits: list[Hit], passages: list[Passage]) -> Answer:
        check = check_answer(raw, passages, q.text, self._secrets)
        if check.reason == "refusal":
            fb = self.fallback.answer(q, s, hits)
            if fb.found:
                log.info("llm refused, fallback found an answer: %r", q.text)
                return fb
            out = not_found(english=q.english)
            out.intent, out.backend = q.intent.value, self.name
            return out
        if not check.ok:
            return self._fallback(q, s, hits, f"{check.reason}; reply was {raw[:200]!r}")
        cited = [from_chunk(passages[n - 1].chunk) for n in check.cited]
        rest = [from_chunk(p.chunk) for p in passages if p.number not in check.cited]
        rest += [from_chunk(h.chunk) for h in hits]
        return Answer(answer=check.text, found=True, citations=unique(cited + rest, limit=max(5, len(cited))),
                      intent=q.intent.value, backend=self.name)

    def _fallback(self, q: Question, s: Standalone, hits: list[Hit], reason: str) -> Answer:
        log.warning("llm answer replaced by %s: %s", getattr(self.fallback, "name", "fallback"), reason)
        return self.fallback.answer(q, s, hits)


def make_chat_model(settings: BotSettings) -> BaseChatModel:
    """A ChatOpenAI client for the configured endpoint: no retries, deterministic, bounded output."""
    if not settings.llm_base_url:
        raise ValueError("the llm backend needs BOT_LLM_BASE_URL (an OpenAI-compatible /v1 endpoint)")
    # Imported here so that importing bot.backends.llm (and the fast tests) never loads the OpenAI client.
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model or "default",
        api_key=settings.llm_api_key or "not-needed",
        timeout=settings.llm_timeout,
        max_retries=0,  # a retry would double the wait before the fallback answers
        max_tokens=settings.llm_max_tokens,
        temperature=0,
    )


def build_llm_backend(settings: BotSettings, kb: Knowledge, fallback: AnswerBackend | None = None,
                      max_passages: int = MAX_PASSAGES) -> LLMBackend:
    """The llm backend for these settings, falling back to the extractive backend by default."""
    if fallback is None:
        from bot.backends.extractive import ExtractiveBackend

        fallback = ExtractiveBackend(kb)
    return LLMBackend(make_chat_model(settings), fallback, kb, max_passages=max_passages,
                      timeout=settings.llm_timeout)
