#!/usr/bin/env python3
"""Validate the qa47 gold file (TUNING set; heldout.jsonl by default) with the validator the QA sets share,
../qa_check.py. Validating reads only the gold file and the set's own documents; it does not run the bot.

usage: python3 bench/eval/qa47/check.py [GOLD.jsonl]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from qa_check import QASet, main  # noqa: E402

SET = QASet("qa47", {"liuyanban": "lyb", "jianyifu": "jyf", "jianghuagao": "jhg", "rexian": "rxn"}, here=Path(__file__).resolve().parent,
            per_corpus=30, no_speakers=frozenset({"jianyifu"}))

if __name__ == "__main__":
    sys.exit(main(sys.argv, SET))
