#!/usr/bin/env python3
"""Validate the held-out attribution set attribution12 (LOCKED) with the validator the attribution sets share, ../attribution_check.py.

usage: python3 bench/eval/attribution12/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, main  # noqa: E402

# The documents: genre and, for an HTML page, the charset it must declare.
EXPECTED = {
    "盘锦日报_2025-06-18_老旧小区燃气管道更新改造.txt": ("article", None),
    "佳木斯日报_2024-12-10_早市搬进暖棚.txt": ("article", None),
    "忻州市政府新闻办_2025-07-15_暑期文化旅游消费季新闻发布会.md": ("transcript", None),
    "鹤壁市人民政府网_2025-05-28_检查城区防汛准备工作.html": ("webpage", "gbk"),
    "张掖市人民政府_2025-03-20_全市防沙治沙和国土绿化工作推进会.txt": ("meeting", None),
    "莆田市人民政府办公室_2025-06-25_推动制造业企业数字化转型实施意见.txt": ("decision", None),
}

SET = AttributionSet(Path(__file__).resolve().parent, EXPECTED, split="locked", per_doc=(40, 60), min_total=300)

if __name__ == "__main__":
    sys.exit(main(SET))
