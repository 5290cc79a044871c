#!/usr/bin/env python3
"""Validate the qa17 gold file (LOCKED held-out set; heldout.jsonl by default) with the validator the QA sets share,
../qa_check.py. Validating reads only the gold file and the set's own documents; it does not run the bot.

The newspaper corpus is named `daily` (not `article`): ../qa_check.py, like the earlier sets, reads corpus `article`
from the bundled corpus/ folder, so a new newspaper document under corpora/article/ would not be the one checked.

usage: python3 bench/eval/qa17/check.py [GOLD.jsonl]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from qa_check import QASet, main  # noqa: E402

SET = QASet("qa17", {"daily": "art", "webpage": "web", "meeting": "mee"}, here=Path(__file__).resolve().parent,
            per_corpus=40, gbk=frozenset({"webpage"}))

if __name__ == "__main__":
    sys.exit(main(sys.argv, SET))
