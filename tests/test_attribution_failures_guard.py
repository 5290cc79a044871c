"""`bench.attribution --failures` lists a held-out split only once the set's README says it was reported."""
from __future__ import annotations

import json

from bench.attribution import main, reported

DOC = "某县召开座谈会\n\n县水利局局长甄海涛表示，今年将新建水库两座。\n"


def _labelled_set(folder, readme: str):
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "a.txt").write_text(DOC, encoding="utf-8")
    label = {"doc": "a.txt", "split": "locked", "genre": "meeting", "anchor": "今年将新建水库两座",
             "speaker": "某某某", "kind": "statement"}
    (folder / "labels.jsonl").write_text(json.dumps(label, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(readme, encoding="utf-8")
    return folder


def test_a_held_out_sets_failures_stay_unlisted(tmp_path, capsys):
    folder = _labelled_set(tmp_path / "held", "# A set\n\n## SPLIT RULE — LOCKED\n\nRun once, at the end.\n")
    assert not reported(folder)
    main(["--split", "locked", "--dir", str(folder), "--failures"])
    out = capsys.readouterr()
    assert "今年将新建水库两座" not in out.out and "stays unseen" in out.err


def test_a_reported_sets_failures_are_listed(tmp_path, capsys):
    folder = _labelled_set(tmp_path / "done", "# A set\n\nStatus: reported in round 2; tuning data since round 3.\n")
    assert reported(folder)
    main(["--split", "locked", "--dir", str(folder), "--failures"])
    assert "今年将新建水库两座" in capsys.readouterr().out
