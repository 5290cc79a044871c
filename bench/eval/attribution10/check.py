#!/usr/bin/env python3
"""Validate the round-7 tuning attribution set (attribution10) with the validator the attribution sets share, ../attribution_check.py.

usage: python3 bench/eval/attribution10/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, main  # noqa: E402

# The documents: genre and, for an HTML page, the charset it must declare.
EXPECTED = {
    "聊城日报_2024-08-20_快递进村打通最后一公里.txt": ("article", None),
    "邵阳日报_2024-12-10_老旧小区加装电梯.txt": ("article", None),
    "吉安日报_2025-03-18_蜜柚园里的数字管家.txt": ("article", None),
    "舟山日报_2025-07-15_渔嫂开民宿.txt": ("article", None),
    "安康日报_2025-10-21_社区长者食堂.txt": ("article", None),
}

SET = AttributionSet(Path(__file__).resolve().parent, EXPECTED, split="tune", per_doc=(45, 60), min_total=250)

if __name__ == "__main__":
    sys.exit(main(SET))
