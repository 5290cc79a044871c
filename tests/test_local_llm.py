"""The `local` backend: GGUF assembly and SHA-256 refusal from fake part packages, the short-prompt backend
over a scripted llama.cpp stand-in, and (slow, `-m localllm`) the real 0.5B model on a few questions."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.conftest import ARTICLE, DATA, knowledge_for  # noqa: E402
from tests.fakes import FakeLlama  # noqa: E402

from bot.backends import local as local_llm  # noqa: E402
from bot.pipeline.chain import retrieve  # noqa: E402
from bot.chatbot import Chatbot, make_backend  # noqa: E402
from bot.pipeline.condense import condense  # noqa: E402
from bot.backends.extractive import ExtractiveBackend  # noqa: E402
from bot.knowledge import Knowledge  # noqa: E402
from bot.grounding import REFUSAL  # noqa: E402
from bot.backends.local import PASSAGE_BUDGET, LocalLLMBackend, focus_text  # noqa: E402
from bot.providers import gguf  # noqa: E402
from bot.providers.gguf import MODELS, GGUFSpec, LocalModelError, ensure_gguf, resolve_model  # noqa: E402
from bot.providers.llama_cpp import LocalChatModel  # noqa: E402
from index.search import model_files  # noqa: E402
from bot.models import Answer  # noqa: E402
from bot.prompts import load_prompt  # noqa: E402
from bot.backends import FACTORIES  # noqa: E402
from bot.settings import BotSettings  # noqa: E402
from bot.pipeline.understand import understand  # noqa: E402
from index.ingest.corpus import load_corpus  # noqa: E402


# ------------------------------------------------------------------------------ fake part packages
def _make_parts(root: Path, prefix: str, blobs: list[bytes]) -> tuple[str, ...]:
    """Importable packages <prefix>_part<i> whose get_part_path() returns a data file, like the real ones."""
    names = []
    for i, blob in enumerate(blobs, 1):
        pkg = root / f"{prefix}_part{i}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "data" / f"part{i:02d}.bin").write_bytes(blob)
        (pkg / "__init__.py").write_text(
            "import os\n\ndef get_part_path():\n"
            f"    return os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'part{i:02d}.bin')\n",
            encoding="utf-8")
        names.append(f"{prefix}-part{i}")
    return tuple(names)


BLOBS = [b"GGUF" + bytes(range(256)) * 40, b"middle" * 5000, b"tail"]
WHOLE = b"".join(BLOBS)


@pytest.fixture
def spec(tmp_path, monkeypatch) -> GGUFSpec:
    """A GGUFSpec over three fake part packages importable from tmp_path."""
    prefix = f"fakegguf{abs(hash(tmp_path)) % 10**8}"  # fresh module names: no import cache between tests
    packages = _make_parts(tmp_path / "site", prefix, BLOBS)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    return GGUFSpec("tiny-model", packages, "0.1.0", hashlib.sha256(WHOLE).hexdigest())


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial" in p.name or p.name.endswith(".tmp"))


def test_parts_are_concatenated_in_order_and_verified(spec, tmp_path):
    cache = tmp_path / "cache"
    path = ensure_gguf(spec, cache)
    assert path == cache / "tiny-model.gguf" and path.read_bytes() == WHOLE
    assert (cache / "tiny-model.gguf.verified").is_file()
    assert _leftovers(cache) == []


def test_a_wrong_hash_is_refused_and_nothing_is_left_to_load(spec, tmp_path):
    bad = GGUFSpec(spec.name, spec.packages, spec.version, "0" * 64)
    cache = tmp_path / "cache"
    with pytest.raises(LocalModelError, match="refusing to load"):
        ensure_gguf(bad, cache)
    assert list(cache.iterdir()) == []  # neither the file nor a partial one


def test_parts_in_the_wrong_order_are_refused(spec, tmp_path):
    swapped = GGUFSpec(spec.name, tuple(reversed(spec.packages)), spec.version, spec.sha256)
    with pytest.raises(LocalModelError, match="SHA-256"):
        ensure_gguf(swapped, tmp_path / "cache")


def test_a_verified_file_is_reused_without_hashing_again(spec, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    ensure_gguf(spec, cache)

    def no_hashing(path):
        """Fail: the marker should have made this unnecessary."""
        raise AssertionError("re-hashed a file its marker vouches for")

    monkeypatch.setattr(gguf, "sha256_file", no_hashing)
    monkeypatch.setattr(model_files, "sha256_file", no_hashing)
    monkeypatch.setattr(gguf, "part_paths", no_hashing)
    assert ensure_gguf(spec, cache).read_bytes() == WHOLE


def test_a_file_changed_after_verification_is_assembled_again(spec, tmp_path):
    cache = tmp_path / "cache"
    path = ensure_gguf(spec, cache)
    path.write_bytes(WHOLE[:-1] + b"X")  # same size, different bytes and mtime: the marker no longer fits
    os.utime(path, ns=(1, 1))
    assert ensure_gguf(spec, cache).read_bytes() == WHOLE


def test_a_correct_file_without_marker_is_hashed_once_and_marked(spec, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "tiny-model.gguf").write_bytes(WHOLE)
    assert ensure_gguf(spec, cache).read_bytes() == WHOLE
    assert (cache / "tiny-model.gguf.verified").is_file()


def test_an_interrupted_assembly_leaves_no_file_that_could_be_loaded(spec, tmp_path, monkeypatch):
    cache = tmp_path / "cache"

    def crash(fd):
        """Fail the way a full disk does."""
        raise OSError("disk full (injected)")

    monkeypatch.setattr(gguf.os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        ensure_gguf(spec, cache)
    assert list(cache.iterdir()) == []
    monkeypatch.undo()


def test_a_partial_file_from_a_dead_process_is_never_used_and_is_cleaned(spec, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    # A right-looking half file of a killed run: it must not become the model, and it goes away.
    (cache / "tiny-model.gguf.partial-999999999").write_bytes(WHOLE)
    path = ensure_gguf(spec, cache)
    assert path.name == "tiny-model.gguf" and _leftovers(cache) == []


def test_a_missing_part_package_says_how_to_install_it(spec, tmp_path):
    missing = GGUFSpec(spec.name, spec.packages + ("no-such-gguf-part99",), spec.version, spec.sha256)
    with pytest.raises(LocalModelError, match=r"no-such-gguf-part99==0\.1\.0.*local-llm"):
        ensure_gguf(missing, tmp_path / "cache")


def test_model_names_and_paths(tmp_path):
    with pytest.raises(LocalModelError, match="qwen2.5-coder-0.5b"):
        resolve_model("gpt-5", tmp_path)
    own = tmp_path / "mine.gguf"
    own.write_bytes(b"GGUF")
    assert resolve_model(str(own), tmp_path) == own


def test_the_model_table_matches_the_install_extra():
    assert [len(s.packages) for s in MODELS.values()] == [6, 22]
    assert all(re.fullmatch(r"[0-9a-f]{64}", s.sha256) for s in MODELS.values())
    with open(ROOT / "pyproject.toml", "rb") as f:
        extra = tomllib.load(f)["project"]["optional-dependencies"].get("local-llm")
    assert extra is not None, "pyproject.toml needs the local-llm extra"
    wanted = {r for s in MODELS.values() for r in s.requirements()}
    assert wanted <= set(extra) and any(r.startswith("llama-cpp-python==") for r in extra)


# -------------------------------------------------------------------------------- chat model + backend
GOAL_Q = "今年全市计划改造多少个老旧小区?"
UNCOVERED_Q = "宜宾的地铁什么时候通车?"


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Knowledge:
    """The fixture article alone, with fake dense search."""
    folder = tmp_path_factory.mktemp("local_article")
    (folder / ARTICLE).write_bytes((DATA / ARTICLE).read_bytes())
    return knowledge_for(folder)


def _inputs(kb: Knowledge, question: str):
    s = condense(question, [], kb.people, kb.titles)
    q = understand(s.text, kb.people, [d.meta for d in kb.documents], kb.titles)
    return q, s, retrieve(kb, q, s)


def _backend(kb: Knowledge, *replies, timeout=None) -> tuple[LocalLLMBackend, FakeLlama]:
    llama = FakeLlama(list(replies))
    return LocalLLMBackend(LocalChatModel(client=llama), ExtractiveBackend(kb), kb, timeout=timeout), llama


def _passages(call: list[dict]) -> dict[int, str]:
    user = call[-1]["content"]
    return {int(n): t for n, t in re.findall(r"^\[(\d+)\][^\n]*\n([^\n]*)", user, re.MULTILINE)}


def test_local_is_a_backend_choice():
    assert "local" in FACTORIES
    assert BotSettings.from_env(backend="local").local_model in MODELS


def test_prompt_is_short_holds_the_evidence_and_keeps_a_constant_system_prefix(kb):
    b, llama = _backend(kb, "今年全市计划改造老旧小区120个[1]。", "逄立新表示全市要聚焦动力电池、晶硅光伏两大新兴产业[1]。")
    a = b.answer(*_inputs(kb, GOAL_Q))
    b.answer(*_inputs(kb, "全市要聚焦哪两大新兴产业?"))
    assert a.backend == "local" and a.found and "120" in a.citations[0].passage
    first, second = llama.calls
    assert first[0] == second[0] and first[0]["role"] == "system"  # same prefix: llama.cpp reuses its cache
    ps = _passages(first)
    assert 1 <= len(ps) <= 2 and "120" in ps[1]
    assert all(len(t) <= PASSAGE_BUDGET[0] + 60 for t in ps.values())
    prompt = sum(len(m["content"]) for m in first)
    print(f"\nlocal prompt: {prompt} characters (system {len(first[0]['content'])})")
    assert prompt < 700


def test_an_untraceable_reply_falls_back_to_extractive(kb):
    b, _ = _backend(kb, "今年全市计划改造老旧小区150个[1]。")
    a = b.answer(*_inputs(kb, GOAL_Q))
    assert a.backend == "extractive" and a.found and "150" not in a.answer


@pytest.mark.parametrize("question, reply", [
    (GOAL_Q, "全市计划改造老旧小区120个[1]。"),  # true, cited, but drops a question word the extractive answer has
    ("谁认为要加快老旧小区改造?", "有局长认为要加快老旧小区改造[1]。"),  # a who-question answered without the name
    (GOAL_Q, "今年全市计划完善社区养老、托育等配套设施[2]。"),  # cites a real passage, answers something else
    (GOAL_Q, "今年全市计划改造一批老旧小区[1]。"),  # how many? no number
    ("逄立新表示全市要聚焦哪两大新兴产业?", "逄立新表示全市要聚焦两大新兴产业[1]。"),  # the question restated
    (GOAL_Q, "今年全市计划改造老旧小区12个[1]。"),  # "120" cut to "12": a number the passage also has
])
def test_a_checked_reply_that_says_less_than_the_extractive_answer_is_replaced(kb, question, reply):
    b, _ = _backend(kb, reply)
    a = b.answer(*_inputs(kb, question))
    assert a.backend == "extractive" and a.answer == ExtractiveBackend(kb).answer(*_inputs(kb, question)).answer


@pytest.mark.parametrize("reply, garbled", [
    ("打造渝绵科创“大走廊”", "成"),  # a character of a name dropped: still a substring of the source
    ("加快推进九棉、广平等高速公路", "绵→棉"),  # a character swapped inside a copied stretch
    ("打造成渝绵科创“大走廊”", ""), ("要加快推进九绵、广平等高速公路", ""),  # exact copies
    ("市科技局将整合资源", ""),  # a dropped modifier of 3 characters is a rewording
    ("今年全市要改造老旧小区", ""),  # a function word swapped
    ("打造成渝绵科创“大走廊”今年全市将改造老旧小区", "splices"),  # two sentences glued into one claim
])
def test_garbled_copies_are_found(reply, garbled):
    source = "市科技局将进一步整合资源,打造成渝绵科创“大走廊”。今年全市将改造老旧小区。加快推进九绵、广平等高速公路。"
    why = local_llm.garbled_copy(reply, source)
    assert (f"[{garbled}]" in why or garbled in why) if garbled else why == "", why


def test_a_who_question_answered_with_the_name_is_kept(kb):
    b, _ = _backend(kb, "市住房和城乡建设局局长邬海峰认为要加快老旧小区改造[1]。")
    a = b.answer(*_inputs(kb, "谁认为要加快老旧小区改造?"))
    assert a.backend == "local" and "邬海峰" in a.answer and "邬海峰" in a.citations[0].speaker


def test_a_question_the_corpus_does_not_cover_is_only_rewritten_never_answered_by_the_model(kb):
    # The model is only asked to restate the question (REFUSAL: it cannot); it never writes an answer.
    b, llama = _backend(kb, REFUSAL, REFUSAL)
    a = b.answer(*_inputs(kb, UNCOVERED_Q))
    items = list(b.stream(*_inputs(kb, UNCOVERED_Q)))
    assert not a.found and len(items) == 1 and not items[0].found
    assert len(llama.calls) == 2
    assert all(call[0]["content"] == load_prompt("rewrite_system").replace("{refusal}", REFUSAL) for call in llama.calls)


def test_refusal_gives_the_extractive_answer(kb):
    b, _ = _backend(kb, REFUSAL)
    a = b.answer(*_inputs(kb, GOAL_Q))
    assert a.backend == "extractive" and a.found


def test_stream_yields_pieces_then_the_checked_answer_and_closes_the_model_stream(kb):
    reply = "记者了解到,今年全市计划改造老旧小区120个[1]。"
    b, llama = _backend(kb, reply)
    items = list(b.stream(*_inputs(kb, GOAL_Q)))
    pieces, final = items[:-1], items[-1]
    assert isinstance(final, Answer) and final.backend == "local" and final.answer == reply
    assert len(pieces) > 3 and "".join(pieces) == reply
    assert llama.closed_streams == 1
    assert b.chat_model.last_call["tokens"] == len(reply) and b.chat_model.last_call["prompt_s"] is not None


def test_a_stream_abandoned_early_releases_the_model(kb):
    b, llama = _backend(kb, "今年全市计划改造老旧小区120个[1]。", "今年全市计划改造老旧小区120个[1]。")
    it = b.stream(*_inputs(kb, GOAL_Q))
    next(it)
    it.close()
    assert llama.closed_streams == 1
    # The model's lock is free again: a second question does not hang.
    assert b.answer(*_inputs(kb, GOAL_Q)).backend == "local"


def test_the_chatbot_streams_the_local_backend(kb):
    b, _ = _backend(kb, "今年全市计划改造老旧小区120个[1]。")
    items = list(Chatbot(kb, b).stream(GOAL_Q))
    assert isinstance(items[-1], Answer) and items[-1].backend == "local" and items[-1].latency_ms > 0


def test_focus_text_keeps_the_anchor_sentence_within_budget():
    from bot.pipeline.evidence import EvidenceFinder

    text = "甲项目今年开工。" * 10 + "乙项目计划投资30亿元。" + "丙项目明年完工。" * 10

    class _Tok:
        def tokens(self, s):
            """Two-character words and numbers."""
            return re.findall(r"[\u4e00-\u9fff]{2}|\d+", s)

    class _KW:
        tokenizer = _Tok()
        vocab: set[str] = set()

        def idf(self, t):
            """Every word weighs the same."""
            return 1.0

    out = focus_text(EvidenceFinder(_KW()), "乙项目投资多少?", text, 60)
    assert "乙项目计划投资30亿元。" in out and len(out) <= 120
    anchored = focus_text(EvidenceFinder(_KW()), "乙项目投资多少?", text, 60, anchor="丙项目明年完工。")
    assert anchored.startswith("丙项目明年完工。") and len(anchored) <= 60


def test_without_llama_cpp_the_backend_explains_the_extra(kb, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "llama_cpp" else real(name, *a))
    with pytest.raises(LocalModelError, match=r"\.\[local-llm\]"):
        make_backend(BotSettings(backend="local"), kb)


def test_the_same_backend_over_an_openai_compatible_endpoint(kb):
    from bench.openai_stub import OpenAIStub, Reply, system_text

    with OpenAIStub() as stub:
        b = make_backend(BotSettings(backend="local", llm_base_url=stub.base_url, llm_model="qwen"), kb)
        assert isinstance(b, LocalLLMBackend)
        stub.push(Reply("今年全市计划改造老旧小区120个[1]。", piece_chars=3))
        items = list(b.stream(*_inputs(kb, GOAL_Q)))
        assert items[-1].backend == "local" and items[-1].found
        body = stub.requests[0]
        assert system_text(body) == b.system_prompt and body["stream"] is True
        assert [m["role"] for m in body["messages"]] == ["system", "user", "assistant", "user"]


def test_local_prompts_hold_no_corpus_content(kb):
    corpora = [load_corpus(ROOT / "corpus"), kb.corpus]
    bodies = [d.body for c in corpora for d in c.documents]
    names = {p.name for c in corpora for p in c.people}
    for name in ("answer_system_local", "answer_user_local"):
        text = "".join(re.sub(r"\{[^{}]*\}", "\0", load_prompt(name)).split())
        windows = {text[i:i + 8] for i in range(len(text) - 7)}
        assert not [w for w in windows if any(w in b for b in bodies)], name
        assert not [n for n in names if n in text], name
    assert REFUSAL in load_prompt("answer_system_local").replace("{refusal}", REFUSAL)


# ----------------------------------------------------------------------------- the real model (slow)
def _real_model_or_skip() -> Path:
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed (pip install -e '.[local-llm]')")
    from index.settings import IndexSettings

    try:
        return ensure_gguf("qwen2.5-coder-0.5b", IndexSettings.from_env().cache_dir / "gguf", print)
    except LocalModelError as exc:
        pytest.skip(f"the 0.5B model parts are not installed: {exc}")


@pytest.mark.slow
@pytest.mark.localllm
def test_the_real_local_model_answers_with_checked_citations(kb):
    path = _real_model_or_skip()
    b = LocalLLMBackend(LocalChatModel(model_path=str(path), max_tokens=120), ExtractiveBackend(kb), kb,
                        timeout=120)
    cases = [  # question, a string the cited passage must hold
        (GOAL_Q, "120"),
        ("谁认为要加快老旧小区改造?", "邬海峰"),
        ("全市已有多少个重点项目进入设备安装阶段?", "12"),
    ]
    by_model = 0
    for question, needle in cases:
        items = list(b.stream(*_inputs(kb, question)))
        final = items[-1]
        assert isinstance(final, Answer)
        print(f"\n{question} → [{final.backend}] {final.answer} ({b.chat_model.last_call})")
        assert final.found, question
        assert any(needle in c.passage for c in final.citations[:3]), (question, final.citations[:3])
        if final.backend == "local":
            by_model += 1
            assert re.search(r"\[1\]", final.answer), final.answer
            assert len(items) > 2, "a model answer arrives in pieces"
    unanswered = b.answer(*_inputs(kb, UNCOVERED_Q))
    assert not unanswered.found
    # The 0.5B model's replies pass their checks on about half of the questions (bench/RESULTS.md); one of
    # three shows that the generative path works end to end without making CI flaky.
    assert by_model >= 1, "every reply of the model failed its checks"


def test_the_benchmark_rewrites_only_its_own_section(tmp_path):
    from bench.local_llm import SECTION, write_section

    results = tmp_path / "RESULTS.md"
    write_section(results, "first run")
    assert results.read_text(encoding="utf-8").count(SECTION) == 1
    results.write_text(results.read_text(encoding="utf-8") + "\n## Load\n\nkeep me\n", encoding="utf-8")
    write_section(results, "second run")
    text = results.read_text(encoding="utf-8")
    assert "second run" in text and "first run" not in text and "## Load\n\nkeep me" in text
    assert text.count(SECTION) == 1
