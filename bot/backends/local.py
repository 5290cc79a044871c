"""The `local` answer backend: a Qwen2.5-Coder-Instruct GGUF run in-process by llama.cpp on the CPU
(bot.providers.gguf verifies the file, bot.providers.llama_cpp runs it).

Answers go through the `llm` backend's checks (bot.grounding: [n] markers, numbers traced to the passages,
extractive fallback) plus two that a 0.5B model needs: the reply may not say less than the extractive answer,
nor garble what it copies; and the model is only asked when the extractive backend has found the passage
that answers. The prompt is short (one focused passage set, a constant prefix that llama.cpp reuses) because
on 2 CPU cores every prompt token is paid before the first word appears.
"""
from __future__ import annotations

import importlib.util
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from index.models import Chunk
from index.search.retriever import Hit

from bot.backends.llm import LLMBackend
from bot.grounding import (
    REFUSAL, Passage, Plan, escape_question, numbers, prompt_windows, select_passages, strip_markers,
)
from bot.knowledge import Knowledge
from bot.models import Answer
from bot.pipeline.chain import AnswerBackend
from bot.pipeline.condense import Standalone
from bot.pipeline.evidence import EvidenceFinder, split_sentences
from bot.pipeline.understand import Intent, Question
from bot.prompts import PromptError, load_prompt, render_prompt
from bot.providers.gguf import DEFAULT_MODEL, LocalModelError, resolve_model
from bot.providers.llama_cpp import LocalChatModel
from bot.settings import BotSettings

_HOW_MANY = re.compile(r"多少|(?<!哪)几|how (?:many|much)", re.I)
_CN_NUMBER = re.compile(r"[一二两三四五六七八九十百千万]+(?=[个项条座家所次年名处类批])")
_FUNCTION_CHARS = frozenset("的了将把被和与及并等在是也都要对为以其之于而且或着过还就又再则即")
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_CLAUSE = re.compile(r"[，,。；;！!？?\n]")

Progress = Callable[[str], None]

# One passage, the one the extractive answer quotes, cut to the sentences around its evidence: about 200
# prompt tokens after the cached prefix. Measured on the dev set against two passages (bench/RESULTS.md):
# as many passes, more replies that survive the checks (a second passage invites a wrong [2]), and less
# prompt to read before the first token.
LOCAL_PASSAGES = 1
# Characters per passage, by position (when max_passages > 1): the evidence passage gets most of the room.
PASSAGE_BUDGET = (260, 120)
# Separates the example question from its answer in prompts/answer_example_local.txt.
EXAMPLE_SPLIT = "\n=====\n"


def focus_text(finder: EvidenceFinder, question: str, text: str, budget: int, anchor: str = "") -> str:
    """The sentences of a passage that matter for the question, in reading order, within `budget` characters."""
    text = " ".join(text.split())
    if len(text) <= budget:
        return text
    sents = [" ".join(s.split()) for s in split_sentences(text)]
    if not sents:
        return text[: budget - 1] + "…"
    terms = finder.terms(question)
    flat = "".join(anchor.split())
    scores = [finder.coverage(terms, s) + 0.5 * finder.bigram_overlap(question, s) for s in sents]
    # The sentence the extractive answer quoted is the one the answer needs; otherwise the best scorer.
    seeds = [i for i, s in enumerate(sents) if flat and "".join(s.split()) in flat]
    seed = seeds[0] if seeds else max(range(len(sents)), key=scores.__getitem__)
    # Then the best of the rest, nearer ones first on a tie (they carry the subject of a bare sentence).
    rest = sorted(set(range(len(sents))) - {*seeds, seed}, key=lambda i: (-scores[i], abs(i - seed)))
    keep, size = {seed}, len(sents[seed])
    for i in [*seeds, *rest]:
        if i not in keep and size + len(sents[i]) <= budget:
            keep.add(i)
            size += len(sents[i])
    out, prev = "", None
    for i in sorted(keep):
        if prev is not None and i != prev + 1:
            out += "…"
        out += sents[i]
        prev = i
    return out if len(out) <= budget + 60 else out[: budget - 1] + "…"


def _covered(kb: Knowledge, terms: dict[str, float], text: str) -> list[str]:
    """The terms that occur in the text, by the evidence finder's rule (a token, or a substring of 2+ chars)."""
    toks = set(kb.keyword.tokenizer.tokens(text))
    low = text.lower()
    return [t for t in terms if t in toks or (len(t) >= 2 and t in low)]


def garbled_copy(reply: str, source: str, max_gap: int = 2, min_side: int = 2, min_splice: int = 4) -> str:
    """Where the reply copies a stretch of the source but garbles it ("" when it does not): one or two
    characters silently dropped or swapped inside it, how a small model mangles a name ("甲乙丙" → "乙丙")
    that still reads as a substring of the passage; or the end of one sentence glued to a later one, which
    makes a claim the passage does not make."""
    blocks = SequenceMatcher(None, reply, source, autojunk=False).get_matching_blocks()
    for (a1, b1, n1), (a2, b2, n2) in zip(blocks, blocks[1:]):
        if n1 < min_side or n2 < min_side:
            continue
        gap_r, gap_s = reply[a1 + n1:a2], source[b1 + n1:b2]
        # Function words and punctuation come and go in any rewording; a content character does not.
        filler = all(c in _FUNCTION_CHARS or not c.isalnum() for c in gap_r)
        if n1 >= min_splice and n2 >= min_splice and filler and _SENTENCE_END.search(gap_s):
            return f"reply splices two sentences: …{source[max(b1, b1 + n1 - 8):b1 + n1]}|{source[b2:b2 + 8]}…"
        if len(gap_r) > 1 or not 1 <= len(gap_s) <= max_gap or len(gap_r) > len(gap_s):
            continue
        if all(c in _FUNCTION_CHARS or not c.isalnum() for c in gap_s + gap_r):
            continue
        dropped = gap_s if not gap_r else f"{gap_s}→{gap_r}"
        return f"reply garbles a copied stretch: {source[b1:b1 + n1]}[{dropped}]{source[b2:b2 + n2]}"
    return ""


def _same_place(chunk: Chunk, doc_id: str, start: int, end: int) -> bool:
    return chunk.doc_id == doc_id and chunk.start == start and chunk.end == end


def example_turns() -> list[BaseMessage]:
    """The worked example (an invented passage set, question and cited answer) shown before every question.

    A 0.5B model imitates an example far more reliably than it follows a rule: without one it answers
    "120个" with no [n] marker, and the check rejects it.
    """
    user, _, answer = load_prompt("answer_example_local").partition(EXAMPLE_SPLIT)
    if not answer.strip():
        raise PromptError(f"prompts/answer_example_local.txt needs a line {EXAMPLE_SPLIT.strip()} before the answer")
    return [HumanMessage(user.strip()), AIMessage(answer.strip())]


class LocalLLMBackend(LLMBackend):
    """The llm backend tuned for a small local model: a short prompt, and the model only writes when the
    extractive backend has found the passage that answers (a 0.5B model cannot be trusted to refuse)."""

    name = "local"

    def __init__(self, chat_model: BaseChatModel, fallback: AnswerBackend, kb: Knowledge,
                 max_passages: int = LOCAL_PASSAGES, timeout: float | None = None,
                 budget: Sequence[int] = PASSAGE_BUDGET):
        super().__init__(chat_model, fallback, kb, max_passages=max_passages, timeout=timeout)
        self.budget = tuple(budget)
        # Constant and first in every prompt, so llama.cpp's prefix reuse skips it after the first question:
        # the worked example costs prompt time once per process, not once per question.
        self.system_prompt = render_prompt("answer_system_local", refusal=REFUSAL)
        self.example = example_turns()
        self._secrets = prompt_windows(self.system_prompt, *(m.content for m in self.example), render_prompt(
            "answer_user_local", passages="{passages}", question="{question}"))

    def warm_up(self) -> float:
        """Load the model and evaluate the system prompt now; the seconds it took."""
        t0 = time.perf_counter()
        warm = getattr(self.chat_model, "warm_up", None)
        if warm is not None:
            warm([SystemMessage(self.system_prompt), *self.example, HumanMessage("")])
        return time.perf_counter() - t0

    def messages(self, q: Question, passages: Sequence[Passage]) -> list[BaseMessage]:
        """System and user messages for one question (the short local prompt)."""
        user = render_prompt("answer_user_local", passages="\n".join(p.render() for p in passages),
                             question=escape_question(q.text))
        return [SystemMessage(self.system_prompt), *self.example, HumanMessage(user)]

    def plan(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Plan | Answer:
        """Either the final answer without the model (nothing found), or focused passages and the extractive
        answer the model's reply is measured against."""
        if self._delegated(q) or not hits:
            return super().plan(q, standalone, hits)
        pre = self.fallback.answer(q, standalone, hits)
        if not pre.found:
            return pre
        anchor = None
        if pre.citations:
            c0 = pre.citations[0]
            anchor = next((h.chunk for h in hits if _same_place(h.chunk, c0.doc_id, c0.start, c0.end)), None)
            if anchor is None:
                anchor = next((c for c in self.kb.chunks if _same_place(c, c0.doc_id, c0.start, c0.end)), None)
        chunks = ([anchor] if anchor else []) + [h.chunk for h in hits]
        picked = select_passages([Hit(c, 0.0) for c in chunks], self.max_passages,
                                 with_title=len(self.kb.documents) > 1)
        question = standalone.text or q.text
        planned = []
        for i, p in enumerate(picked):
            budget = self.budget[min(i, len(self.budget) - 1)]
            text = focus_text(self.kb.evidence, question, p.chunk.text, budget,
                              anchor=pre.answer if p.chunk is anchor else "")
            planned.append(replace(p, text=text))
        return Plan(planned, baseline=pre)

    def shortfall(self, text: str, q: Question, standalone: Standalone, baseline: Answer) -> str:
        """Why a checked model reply still says less than the extractive answer ("" when it does not).

        A small model can cite correctly and still answer beside the point (another item of the passage, a
        neighbouring sentence) or just restate the question. Its reply must mention every question word the
        extractive answer mentions, add at least one word of that answer beyond the question, give a number
        of it when asked how many, and keep the names it gives when asked who.
        """
        reply = strip_markers(text)
        question = standalone.text or q.text
        # An English question's words are not in a Chinese passage, nor in an English reply's wording of it.
        terms = {} if q.english else self.kb.evidence.terms(question)
        missing = [t for t in _covered(self.kb, terms, baseline.answer) if t not in _covered(self.kb, terms, reply)]
        if missing:
            return f"reply leaves out {'、'.join(missing)}, which the extractive answer covers"
        known = {question, *([q.person.name, q.person.title, *q.person.titles] if q.person else [])}
        asked = {t for x in known if x for t in self._words(x)}
        if not (self._words(reply) & self._words(baseline.answer)) - asked:
            return "reply adds nothing to the question that the extractive answer has"
        if _HOW_MANY.search(question) and numbers(baseline.answer):
            given = {n[1] for n in numbers(baseline.answer)} | set(_CN_NUMBER.findall(baseline.answer))
            if not ({n[1] for n in numbers(reply)} | set(_CN_NUMBER.findall(reply))) & given:
                return "reply to a how-many question gives none of the extractive answer's numbers"
        if q.intent == Intent.WHO_SAID:
            names = [p.name for p in self.kb.people if p.name in baseline.answer and p.name not in reply]
            if names:
                return f"reply to a who-question leaves out {'、'.join(names)}"
        return ""

    def review(self, text: str, q: Question, standalone: Standalone, plan: Plan) -> str:
        """Why a grounded reply is still replaced by the extractive answer: it garbles what it copies, or it
        says less than that answer ("" when neither)."""
        # Clause by clause and passage by passage: one alignment over everything at once can pair a clause's
        # start with one passage and leave its end unmatched.
        for clause in _CLAUSE.split(strip_markers(text)):
            for p in plan.passages:
                garbled = garbled_copy(clause, p.text)
                if garbled:
                    return garbled
        return self.shortfall(text, q, standalone, plan.baseline) if plan.baseline else ""

    def _words(self, text: str) -> set[str]:
        """Content words: tokens of two or more characters, and numbers."""
        return {t for t in self.kb.keyword.tokenizer.tokens(text) if len(t.strip()) >= 2 or t.isdigit()}


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def build_local_backend(settings: BotSettings, kb: Knowledge, fallback: AnswerBackend | None = None,
                        cache_dir: Path | None = None, progress: Progress | None = None) -> LocalLLMBackend:
    """The local backend for these settings: the model file verified now, the model itself loaded on first use.

    With BOT_LLM_BASE_URL set, the same backend (prompt, passages, checks) talks to that OpenAI-compatible
    endpoint instead: a GPU server running llama.cpp's server or vLLM with the same model.
    """
    if fallback is None:
        from bot.backends.extractive import ExtractiveBackend

        fallback = ExtractiveBackend(kb)
    if settings.llm_base_url:
        from bot.providers.openai import make_chat_model

        return LocalLLMBackend(make_chat_model(settings), fallback, kb, timeout=settings.local_timeout)
    if importlib.util.find_spec("llama_cpp") is None:
        raise LocalModelError("the local backend needs llama-cpp-python: pip install -e '.[local-llm]' "
                              "(or BOT_LLM_BASE_URL for a model served elsewhere)")
    if cache_dir is None:
        from index.settings import IndexSettings

        cache_dir = IndexSettings.from_env().cache_dir / "gguf"
    path = resolve_model(settings.local_model or DEFAULT_MODEL, cache_dir, progress or _stderr)
    model = LocalChatModel(model_path=str(path), n_threads=settings.local_threads or None,
                           max_tokens=settings.llm_max_tokens)
    return LocalLLMBackend(model, fallback, kb, timeout=settings.local_timeout)
