"""The validator the attribution gold sets share finds broken labels and passes sound ones."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench" / "eval"))
from attribution_check import AttributionSet, main  # noqa: E402

DOC = "乙川日报_2025-01-02_小店.txt"
TEXT = "小店新年新气象\n本报记者 周岚\n\n店主钟远航说，今年生意比去年好。记者了解到，全街共有小店40家。\n"


def _set(tmp_path: Path, anchor: str) -> AttributionSet:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / DOC).write_text(TEXT, encoding="utf-8")
    rows = {
        "labels.jsonl": [{"doc": DOC, "split": "tune", "genre": "article", "anchor": anchor, "speaker": "钟远航",
                          "kind": "statement"}],
        "registry.jsonl": [{"doc": DOC, "split": "tune", "officials": [{"name": "钟远航", "title": "店主", "gender": ""}],
                            "not_speakers": ["周岚"]}],
        "metadata.jsonl": [{"doc": DOC, "split": "tune", "title": "小店新年新气象", "outlet": "乙川日报",
                            "date": "2025-01-02", "authors": ["周岚"], "editor": "", "views": ""}],
    }
    for name, lines in rows.items():
        (tmp_path / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    return AttributionSet(tmp_path, {DOC: ("article", None)}, split="tune", per_doc=(1, 5), min_total=1)


def test_a_sound_set_passes(tmp_path):
    assert main(_set(tmp_path, "今年生意比去年好")) == 0


def test_an_anchor_that_is_not_in_the_document_is_reported(tmp_path):
    assert main(_set(tmp_path, "明年生意比今年好")) == 1
