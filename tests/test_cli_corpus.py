"""The `speakers` and `inspect` subcommands: output, options and one-line errors."""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from index.cli import add_corpus_commands

ROOT = Path(__file__).resolve().parent.parent

DATA = ROOT / "tests" / "data"
ARTICLE = "宜宾晚报_2021-03-18_四项工程这样推.txt"
DECISION = "中共宜宾市委_关于加快建设区域中心城市的决定.txt"


def run(argv: list[str]) -> int:
    """Parse argv the way `python -m bot` does and call the subcommand's handler."""
    parser = argparse.ArgumentParser(prog="bot")
    add_corpus_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture
def folder(tmp_path) -> Path:
    shutil.copy(DATA / ARTICLE, tmp_path / ARTICLE)
    shutil.copy(DATA / DECISION, tmp_path / DECISION)
    return tmp_path


def test_speakers_json_lists_name_title_sections_and_statement_count(folder, capsys):
    assert run(["speakers", "--corpus", str(folder), "--json"]) == 0
    people = json.loads(capsys.readouterr().out)
    assert len(people) == 11
    assert people[0] == {"name": "逄立新", "title": "市经济和信息化局局长", "titles": ["市经济和信息化局局长"],
                         "sections": ["产业强基工程"], "statements": 1, "gender": "m"}
    by_name = {p["name"]: p for p in people}
    assert by_name["喻成斌"]["statements"] == 2
    assert by_name["喻成斌"]["title"] == "市人力资源和社会保障局党组书记、局长"
    assert by_name["冉晓东"]["sections"] == ["交通畅联工程"]


def test_speakers_json_of_the_real_corpus_has_sixteen_people(capsys):
    assert run(["speakers", "--corpus", str(ROOT / "corpus"), "--json"]) == 0
    people = json.loads(capsys.readouterr().out)
    assert len(people) == 16
    assert {"name": "代宏", "title": "市文广旅局局长", "titles": ["市文广旅局局长"],
            "sections": ["实施现代产业体系构建行动"], "statements": 1, "gender": ""} in people


def test_speakers_plain_text_shows_each_person_with_title_sections_and_count(folder, capsys):
    assert run(["speakers", "--corpus", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("11 speaker(s) in 2 document(s)")
    assert " 1. 逄立新  市经济和信息化局局长" in out
    assert "喻成斌  市人力资源和社会保障局党组书记、局长" in out
    assert "sections: 民生提质工程" in out
    assert out.count("statements: ") == 11
    assert "statements: 2" in out


def test_speakers_uses_the_corpus_folder_from_the_environment(folder, capsys, monkeypatch):
    monkeypatch.setenv("BOT_CORPUS_DIR", str(folder))
    assert run(["speakers", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 11


def test_inspect_shows_metadata_sections_paragraphs_and_each_sentences_speaker(folder, capsys):
    assert run(["inspect", "--corpus", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"== {ARTICLE} (news article) ==" in out
    assert "title: 锚定“区域中心” 宜宾四项工程这样推" in out
    assert "published: 2021-03-18 09:15" in out
    assert "photographer: 禤国栋" in out
    assert "reporters: 周子涵, 罗一鸣 (宜宾晚报全媒体)" in out
    assert "editor: 唐小棠" in out
    assert "§ (lead)" in out and "§ 民生提质工程" in out
    assert "[市文化广电和旅游局局长笪文静] “我们将围绕酒旅融合推出十条精品线路，让游客留下来、住下来。”" in out
    assert "[narration] 不少与会人员认为，城市更新必须坚持以人民为中心，防止大拆大建。" in out
    assert "[翠屏区区长何雅琴] 她表示，" in out


def test_inspect_shows_clause_numbers_of_a_decision(folder, capsys):
    assert run(["inspect", "--corpus", str(folder), "--doc", DECISION]) == 0
    out = capsys.readouterr().out
    assert f"== {DECISION} (policy decision) ==" in out
    assert ARTICLE not in out
    assert "§ 二、重点任务" in out
    assert "二、(一)2. [" in out
    assert "[decision] 2.培育晶硅光伏产业。" in out


def test_inspect_lists_skipped_files(folder, capsys):
    (folder / "empty.txt").write_bytes(b"")
    assert run(["inspect", "--corpus", str(folder)]) == 0
    captured = capsys.readouterr()
    assert "skipped:\n  empty.txt: empty file" in captured.out
    assert "skipped: empty.txt: empty file" in captured.err


def test_inspect_unknown_document_is_a_one_line_error(folder, capsys):
    assert run(["inspect", "--corpus", str(folder), "--doc", "nope.txt"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: no document named nope.txt")
    assert captured.err.count("\n") == 1


@pytest.mark.parametrize("command", ["speakers", "inspect"])
def test_missing_corpus_folder_is_one_line_on_stderr_and_exit_code_2(tmp_path, capsys, command):
    assert run([command, "--corpus", str(tmp_path / "missing")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"error: corpus folder {tmp_path / 'missing'} does not exist\n"


@pytest.mark.parametrize("command", ["speakers", "inspect"])
def test_folder_without_documents_is_one_line_on_stderr_and_exit_code_2(tmp_path, capsys, command):
    (tmp_path / "readme.pdf").write_bytes(b"%PDF")
    assert run([command, "--corpus", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: corpus folder") and captured.err.count("\n") == 1


def test_folder_of_unreadable_files_exits_2_without_traceback(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.md").write_bytes(b"\x00\x01binary")
    main = ("import argparse, sys; sys.path.insert(0, sys.argv[1]); from index.cli import add_corpus_commands; "
            "p = argparse.ArgumentParser(); add_corpus_commands(p.add_subparsers(dest='c', required=True)); "
            "a = p.parse_args(sys.argv[2:]); rc = a.func(a); "
            "heavy = [m for m in ('torch', 'chromadb', 'sentence_transformers') if m in sys.modules]; "
            "print('heavy:', heavy, file=sys.stderr); sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", main, str(ROOT), "speakers", "--corpus", str(tmp_path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "has no readable document" in errors[0]
    assert "heavy: []" in proc.stderr  # the corpus commands never load the model or the store


@pytest.mark.parametrize("command", ["speakers", "inspect"])
def test_corpus_commands_accept_store_like_every_other_command(folder, tmp_path, capsys, command):
    store = tmp_path / "never-created-store"
    assert run([command, "--corpus", str(folder), "--store", str(store)]) == 0
    assert "逄立新" in capsys.readouterr().out
    assert not store.exists()  # the registry and the parse need no index


def test_inspect_shows_questions_views_and_the_closing_part(tmp_path, capsys):
    genres = DATA / "genres"
    assert run(["inspect", "--corpus", str(genres)]) == 0
    out = capsys.readouterr().out
    assert "[question] 今年种粮补贴有什么新变化？" in out
    assert "views: 2046" in out
    assert run(["inspect", "--corpus", str(folder_with_decision(tmp_path))]) == 0
    assert "[preamble]" in capsys.readouterr().out


def folder_with_decision(tmp_path: Path) -> Path:
    out = tmp_path / "decision"
    out.mkdir()
    shutil.copy(DATA / DECISION, out / DECISION)
    return out
