#!/usr/bin/env python3
"""Validate the qa5 gold file (heldout.jsonl by default; the forum page must be GBK) with the validator the QA sets share, ../qa_check.py.

usage: python3 bench/eval/qa5/check.py [GOLD.jsonl]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from qa_check import QASet, main  # noqa: E402

SET = QASet("qa5", {"article": "art", "plan": "pla", "forum": "for"}, here=Path(__file__).resolve().parent, per_corpus=40,
            gbk=frozenset({"forum"}))

if __name__ == "__main__":
    sys.exit(main(sys.argv, SET))
