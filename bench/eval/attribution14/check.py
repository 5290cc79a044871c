#!/usr/bin/env python3
"""Validate the held-out attribution set attribution14 (LOCKED) with the validator the attribution sets share, ../attribution_check.py.

usage: python3 bench/eval/attribution14/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, main  # noqa: E402

# The documents: genre and, for an HTML page, the charset it must declare.
EXPECTED = {
    "营口日报_2025-07-09_背街小巷微更新.txt": ("article", None),
    "牡丹江日报_2025-08-19_光华老街烟火气回来了.txt": ("interview", None),
    "吕梁市政府新闻办_2025-09-25_秋粮收购和粮食安全保障工作新闻发布会.md": ("transcript", None),
    "濮阳市人民政府网_2025-04-16_城区老旧供水管网改造.html": ("webpage", "gbk"),
    "梅州市人民政府_2025-06-12_全市乡村旅游高质量发展推进会.txt": ("meeting", None),
    "中共宿州市委_关于加快建设区域性现代物流枢纽城市的决定.txt": ("decision", None),
}

SET = AttributionSet(Path(__file__).resolve().parent, EXPECTED, split="locked", per_doc=(40, 60), min_total=300)

if __name__ == "__main__":
    sys.exit(main(SET))
