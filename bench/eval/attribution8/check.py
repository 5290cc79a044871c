#!/usr/bin/env python3
"""Validate the round-6 tuning attribution set (attribution8) with the validator the attribution sets share, ../attribution_check.py.

usage: python3 bench/eval/attribution8/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, main  # noqa: E402

# The documents: genre and, for an HTML page, the charset it must declare.
EXPECTED = {
    "宿迁日报_2024-10-22_花木电商富民产业.txt": ("article", None),
    "鹰潭日报_2025-05-13_铜基新材料延链补链.txt": ("article", None),
    "开封日报_2025-08-26_老街巷微改造.txt": ("article", None),
    "孝感市人民政府_2024-11-14_外贸企业发展座谈会.txt": ("meeting", None),
    "荆门市人民政府_2025-07-03_迎峰度夏能源保供调度会.txt": ("meeting", None),
    "威海市人民政府网_2025-05-20_普惠托育服务扩容提质.html": ("webpage", "utf-8"),
}

SET = AttributionSet(Path(__file__).resolve().parent, EXPECTED, split="tune", per_doc=(40, 60), min_total=280)

if __name__ == "__main__":
    sys.exit(main(SET))
