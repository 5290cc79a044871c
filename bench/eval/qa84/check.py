#!/usr/bin/env python3
"""Validate the qa84 gold file (tuning set, not held out; heldout.jsonl by default) with the validator the QA sets share,
../qa_check.py. Validating reads only the gold file and the set's own documents; it does not run the bot.

usage: python3 bench/eval/qa84/check.py [GOLD.jsonl]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from qa_check import QASet, main  # noqa: E402

SET = QASet("qa84", {"ldya": "lda", "ldyb": "ldb", "rmza": "rma", "rmzb": "rmb"}, here=Path(__file__).resolve().parent,
            per_corpus=30, no_speakers=frozenset({"ldyb", "rmza"}))

if __name__ == "__main__":
    sys.exit(main(sys.argv, SET))
