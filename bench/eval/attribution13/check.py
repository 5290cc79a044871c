#!/usr/bin/env python3
"""Validate the held-out attribution set attribution13 (LOCKED) with the validator the attribution sets share, ../attribution_check.py.

usage: python3 bench/eval/attribution13/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, main  # noqa: E402

# The documents: genre and, for an HTML page, the charset it must declare.
EXPECTED = {
    "丹东日报_2025-04-22_老菜市场焕新颜.txt": ("article", None),
    "安阳日报_2025-01-14_古城街巷里的非遗小店.txt": ("article", None),
    "大同市政府新闻办_2025-10-16_冬季清洁取暖和供热保障工作新闻发布会.md": ("transcript", None),
    "汕头市人民政府网_2025-08-07_玩具创意产业转型升级座谈会.html": ("webpage", "gbk"),
    "通辽市人民政府_2025-05-20_全市肉牛产业高质量发展推进会.txt": ("meeting", None),
    "中共黄山市委_关于深化徽州文化保护传承利用的决定.txt": ("decision", None),
}

SET = AttributionSet(Path(__file__).resolve().parent, EXPECTED, split="locked", per_doc=(40, 60), min_total=300)

if __name__ == "__main__":
    sys.exit(main(SET))
