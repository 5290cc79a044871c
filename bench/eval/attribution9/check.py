#!/usr/bin/env python3
"""Validate the held-out attribution set of round 7 (attribution9, reported; tuning data since) with the validator the attribution sets share, ../attribution_check.py.

usage: python3 bench/eval/attribution9/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, main  # noqa: E402

# The documents: genre and, for an HTML page, the charset it must declare.
EXPECTED = {
    "运城日报_2024-11-05_果业数字化提质增效.txt": ("article", None),
    "郴州日报_2025-06-17_乡村民宿集群发展.txt": ("article", None),
    "周口市人民政府_2025-04-16_县域商业体系建设推进会.txt": ("meeting", None),
    "衡阳市政府新闻办_2025-09-23_优化营商环境新闻发布会.md": ("transcript", None),
    "南平市人民政府网_2025-02-26_茶产业提质增效.html": ("webpage", "utf-8"),
    "许昌市人民政府办公室_2025-04-08_发制品产业高质量发展实施方案.txt": ("decision", None),
}

SET = AttributionSet(Path(__file__).resolve().parent, EXPECTED, split="locked", per_doc=(40, 60), min_total=300)

if __name__ == "__main__":
    sys.exit(main(SET))
