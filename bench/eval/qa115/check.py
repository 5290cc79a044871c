#!/usr/bin/env python3
"""Validate the qa115 gold file (LOCKED held-out set; heldout.jsonl by default) with the validator the QA sets share,
../qa_check.py. Validating reads only the gold file and the set's own documents; it does not run the bot.

usage: python3 bench/eval/qa115/check.py [GOLD.jsonl]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from qa_check import QASet, main  # noqa: E402

SET = QASet("qa115", {"pishi": "psh", "yicheng": "ycb", "piyao": "pyy"}, here=Path(__file__).resolve().parent,
            per_corpus=40, no_speakers=frozenset())

if __name__ == "__main__":
    sys.exit(main(sys.argv, SET))
