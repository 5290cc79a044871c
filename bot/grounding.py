"""Grounding a model's answer in the passages it was given, shared by the `llm` and `local` backends:
the passages a model sees, the checks on its reply ([n] markers, numbers, leaked prompt), and the refusal."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from index.models import Chunk
from index.search.retriever import Hit

from bot.citations import who
from bot.models import Answer
from bot.settings import MAX_QUESTION_CHARS
from bot.pipeline.understand import Intent

# The one reply the prompts allow when the passages do not answer; prompts get it as {refusal}.
REFUSAL = "NOT_FOUND"
# Few, short passages: a local model on 2 CPU cores pays for every prompt token before its first word.
MAX_PASSAGES = 3
MAX_PASSAGE_CHARS = 300
# Answered from the speaker registry or the page metadata, or refused before any model sees them.
DELEGATED = frozenset({Intent.TITLE_LOOKUP, Intent.PERSON_TITLE, Intent.LIST_SPEAKERS, Intent.DOC_FACTS,
                       Intent.META_PERSON, Intent.INJECTION, Intent.EMPTY, Intent.STRUCTURE, Intent.COMPARE,
                       Intent.CHECK_TITLE, Intent.GENDER})
# A reply sharing this many consecutive characters with the prompts is treated as leaking them.
LEAK_WINDOW = 12
# Check.reason of a reply that repeats the prompt.
LEAK = "reply repeats the prompt"

# A citation marker: [1], ［2］, 【1,3】 — the numbers in group 1.
MARKER = re.compile(r"[\[［【]\s*(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\s*[\]］】]")
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
class Plan:
    """What a backend gives the model for one question: the passages, and (local) the extractive answer the
    model's reply may not fall short of."""

    passages: list[Passage]
    baseline: Answer | None = None


@dataclass(frozen=True)
class Check:
    """The verdict on a model reply; `text` has its markers renumbered to the order of `cited`."""

    ok: bool
    reason: str = ""
    cited: tuple[int, ...] = ()  # passage numbers, in order of first mention
    text: str = ""


def _header(chunk: Chunk, with_title: bool) -> str:
    where = "·".join(x for x in (f"《{chunk.doc_title}》" if with_title else "", chunk.section) if x)
    label = who(chunk, sep="")
    return f"{where}|{label}" if where else label


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


def escape_question(text: str) -> str:
    """The question as a prompt quotes it: no longer than any question the bot takes, angle brackets made
    full-width so a question cannot close the <问题> block and pose as instructions."""
    return text[:MAX_QUESTION_CHARS].replace("<", "＜").replace(">", "＞")


def strip_markers(text: str) -> str:
    """The reply without its [n] markers."""
    return MARKER.sub("", text)


def content_text(content: Any) -> str:
    """The text of a LangChain message content (a string, or a list of text blocks)."""
    if isinstance(content, str):
        return content
    parts = []
    for block in content or []:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, dict) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "".join(parts)


def close_stream(it: Iterable) -> None:
    """Close it if it can be closed: a reply generator the caller stops reading stops the model at once."""
    close = getattr(it, "close", None)
    if close is not None:
        close()


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
        return Check(False, LEAK)
    if REFUSAL in text.upper():
        return Check(False, "refusal")
    given = {p.number: p for p in passages}
    groups = [[int(n) for n in re.split(r"[,，、]", m.group(1))] for m in MARKER.finditer(text)]
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
    for num in numbers(MARKER.sub(" ", text)):
        if not _traced(num, source):
            return Check(False, f"number {''.join(num[:2])}{'%' if num[2] else ''} is not in the cited passages")
    order = {n: i + 1 for i, n in enumerate(cited)}

    def _renumber(m: re.Match) -> str:
        return "".join(f"[{order[int(n)]}]" for n in re.split(r"[,，、]", m.group(1)))

    return Check(True, cited=tuple(cited), text=MARKER.sub(_renumber, text))


# A rewritten question longer than this is not a question but an answer or a ramble.
MAX_REWRITE_CHARS = 80
_REWRITE_LABEL = re.compile(r"^\s*(?:改写(?:后的)?(?:问题)?|问题|question)\s*[:：]\s*", re.I)


def clean_rewrite(reply: str, question: str, secrets: frozenset[str] = frozenset()) -> str:
    """The model's standalone rewrite of a question, usable for a second search, or "" when it is not: a refusal,
    empty, too long, the question unchanged, a leak of the prompt, or a number the question did not have (the
    question's numbers vouch for the answer's, so a rewrite may not add any)."""
    text = _THINK.sub("", reply).strip()
    line = next((x for x in text.splitlines() if x.strip()), "")
    line = _REWRITE_LABEL.sub("", line).strip().strip("\"'“”‘’「」").strip()
    line = strip_markers(line)
    if not line or REFUSAL in line.upper() or len(line) > MAX_REWRITE_CHARS:
        return ""
    if "".join(line.split()) == "".join(question.split()):
        return ""
    if secrets and _windows(line) & secrets:
        return ""
    if any(not _traced(n, numbers(question)) for n in numbers(line)):
        return ""
    return line
