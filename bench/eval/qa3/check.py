#!/usr/bin/env python3
"""Validate the qa3 gold file (tune.jsonl by default) with the validator the QA sets share, ../qa_check.py.

usage: python3 bench/eval/qa3/check.py [GOLD.jsonl]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from qa_check import QASet, main  # noqa: E402

SET = QASet("qa3", {"article": "art", "transcript": "tr", "webpage": "web", "decision": "dec"}, here=Path(__file__).resolve().parent,
            gold="tune.jsonl", corpora=Path(__file__).resolve().parents[1] / "qa" / "corpora",
            no_speakers=frozenset({"decision"}))

if __name__ == "__main__":
    sys.exit(main(sys.argv, SET))
