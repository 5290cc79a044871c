#!/usr/bin/env python3
"""Validate the held-out attribution set of round 8 (attribution11, LOCKED) with the validator the attribution sets share, ../attribution_check.py.

usage: python3 bench/eval/attribution11/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, main  # noqa: E402

# The documents: genre and, for an HTML page, the charset it must declare.
EXPECTED = {
    "钦州日报_2025-05-14_老城区雨污分流改造.txt": ("article", None),
    "商丘日报_2024-10-15_夜市外摆规范经营.txt": ("article", None),
    "枣庄市人民政府_2025-03-27_城乡供水一体化工作推进会.txt": ("meeting", None),
    "惠州市政府新闻办_2025-08-12_新能源汽车充电基础设施建设新闻发布会.md": ("transcript", None),
    "抚州市人民政府网_2025-06-05_城区公共停车泊位扩容.html": ("webpage", "gbk"),
    "铜陵市人民政府办公室_2025-05-20_加快发展银发经济实施方案.txt": ("decision", None),
}

SET = AttributionSet(Path(__file__).resolve().parent, EXPECTED, split="locked", per_doc=(40, 60), min_total=300)

if __name__ == "__main__":
    sys.exit(main(SET))
