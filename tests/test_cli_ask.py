"""The `python -m bot ask` contract: JSONL in, one JSON object out per line, errors per line."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import _ask_line, parser
from bot.models import Answer, Citation

ROOT = Path(__file__).resolve().parent.parent


class EchoBot:
    """Answers every question with one narration citation; records what it was asked."""

    def __init__(self):
        self.asked = []

    def ask(self, question, history=()):
        self.asked.append((question, list(history)))
        cite = Citation(passage="原文", speaker="", speaker_title="", section="s", doc_title="d", doc_id="d.txt",
                        source_kind="narration", paragraph=1, start=0, end=2)
        return Answer(answer=f"答:{question}", found=True, citations=[cite])


def test_jsonl_line_gives_the_contract_fields_with_its_id():
    out = _ask_line(EchoBot(), json.dumps({"id": "q1", "question": "问题"}), 1)
    assert out["id"] == "q1" and out["found"] is True and out["answer"] == "答:问题"
    assert set(out["citations"][0]) >= {"passage", "speaker", "speaker_title", "section", "doc_title",
                                        "source_kind", "paragraph", "start", "end"}
    assert isinstance(out["latency_ms"], float)


def test_jsonl_history_is_passed_as_turns_and_unknown_fields_are_ignored():
    bot = EchoBot()
    line = {"id": "q2", "question": "他呢?", "history": [{"role": "user", "content": "甲是谁?"}], "extra": 1}
    out = _ask_line(bot, json.dumps(line, ensure_ascii=False), 1)
    assert "error" not in out and bot.asked[0][1][0].content == "甲是谁?"


@pytest.mark.parametrize("line, fragment", [
    ("{not json", "not JSON"),
    ("[1, 2]", "JSON object"),
    ('{"id": "x"}', "question must be a string"),
    ('{"id": "x", "question": "q", "history": [{"role": "system", "content": "c"}]}', "role"),
    ('{"id": "x", "question": "' + "长" * 1001 + '"}', "longer than"),
])
def test_bad_jsonl_line_gets_an_error_object_not_a_crash(line, fragment):
    out = _ask_line(EchoBot(), line, 7)
    assert fragment in out["error"] and "answer" not in out


def test_help_explains_every_subcommand():
    text = parser().format_help()
    for cmd in ("ask", "index", "search", "speakers", "inspect"):
        assert cmd in text


def _run(args, tmp_path, **env):
    e = {**os.environ, "BOT_STORE_DIR": str(tmp_path / "store"), "HF_HUB_OFFLINE": "1",
         "BOT_CACHE_DIR": os.environ.get("BOT_CACHE_DIR", str(ROOT / ".cache")), **env}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=e, capture_output=True,
                          text=True, encoding="utf-8", timeout=600)


def test_missing_corpus_folder_is_one_line_error_and_exit_2(tmp_path):
    r = _run(["ask", "问题", "--corpus", str(tmp_path / "nope")], tmp_path)
    last = r.stderr.strip().splitlines()[-1]
    assert r.returncode == 2 and last.startswith("error:") and "does not exist" in last
    assert "Traceback" not in r.stderr


@pytest.mark.slow
def test_jsonl_run_with_the_real_model_and_store_answers_cites_and_survives_a_bad_line(tmp_path):
    questions = tmp_path / "q.jsonl"
    rows = [{"id": "a", "question": "市林业局局长是谁?"},
            {"id": "b", "question": "他提到要创建几个国家级森林城市?",
             "history": [{"role": "user", "content": "市林业局局长是谁?"},
                         {"role": "assistant", "content": "市林业局局长是王理效。"}]},
            {"id": "c", "question": "绵阳的GDP是多少?"}]
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{broken\n", encoding="utf-8")
    r = _run(["ask", "--jsonl", str(questions)], tmp_path)
    assert r.returncode == 0, r.stderr
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", "b", "c", None]
    a, b, c, bad = out
    assert a["found"] and "王理效" in a["answer"] and a["citations"][0]["speaker"] == "王理效"
    assert b["found"] and "1-2个" in b["answer"] and b["citations"][0]["speaker"] == "王理效"
    assert c["found"] is False and c["citations"] == []
    assert "error" in bad
    assert "indexing" in r.stderr or "built" in r.stderr  # a fresh store is indexed first, with progress
