#!/usr/bin/env python3
"""Validate the qa57 gold file (TUNING set, not locked; heldout.jsonl by default, the name kept for layout
compatibility) with the validator the QA sets share, ../qa_check.py. Validating reads only the gold file and the set's
own documents; it does not run the bot.

Adapted from qa38/check.py. Two corpora, 40 items each: dianshi (code dsh, a TV news script) and guangbo (code gbo, a
radio news script). Both have individual speakers.

usage: python3 bench/eval/qa57/check.py [GOLD.jsonl]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from qa_check import QASet, main  # noqa: E402

SET = QASet("qa57", {"dianshi": "dsh", "guangbo": "gbo"}, here=Path(__file__).resolve().parent, per_corpus=40)

if __name__ == "__main__":
    sys.exit(main(sys.argv, SET))
