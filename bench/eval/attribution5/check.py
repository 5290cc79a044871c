#!/usr/bin/env python3
"""Validate the round-5 attribution set (attribution5, reported; tuning data since) with the validator the attribution
sets share, ../attribution_check.py.

usage: python3 bench/eval/attribution5/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, main  # noqa: E402

# The documents: genre and, for an HTML page, the charset it must declare.
EXPECTED = {
    "烟台日报_2024-09-12_海洋牧场提质扩容.txt": ("article", None),
    "盐城市政府新闻办_2025-03-20_湿地保护与生态旅游融合发展新闻发布会.md": ("transcript", None),
    "岳阳日报_2024-11-06_通江达海水路名片访谈.txt": ("interview", None),
    "洛阳市人民政府网_2024-10-15_古都夜八点点亮夜间消费.html": ("webpage", "gbk"),
    "桂林市人民政府网_2025-01-08_民宿业高质量发展若干措施政策解读.html": ("webpage", "utf-8"),
    "中共台州市委_关于加快打造民营经济高质量发展先行区的决定.txt": ("decision", None),
    "宜昌市人民政府_2024-08-27_磷化工产业转型升级座谈会.txt": ("meeting", None),
}

SET = AttributionSet(Path(__file__).resolve().parent, EXPECTED, split="locked", per_doc=None, min_total=300)

if __name__ == "__main__":
    sys.exit(main(SET))
