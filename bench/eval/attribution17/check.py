#!/usr/bin/env python3
"""Validate the held-out attribution set attribution17 (LOCKED) with the validator the attribution sets share, ../attribution_check.py.

Adapted from attribution16/check.py. On top of the shared checks it checks coverage: every sentence of a document's
body has a label, except the lines the README says are not labelled (title, byline or 来源/发布时间 line,
press-conference time/place and host lines, the 决定's adoption line, the closing 编辑 line, and for the HTML page
everything outside <div class="content">).

usage: python3 bench/eval/attribution17/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, coverage, main_with  # noqa: E402

HERE = Path(__file__).resolve().parent

# The documents: genre and, for an HTML page, the charset it must declare.
EXPECTED = {
    "扬州日报_2026-05-14_老城区公交微循环线路开通一月见闻.txt": ("article", None),
    "金华日报_2026-06-23_让更多金华工匠脱颖而出访谈.txt": ("interview", None),
    "大庆市政府新闻办_2026-09-17_今冬城区供热保障工作新闻发布会.md": ("transcript", None),
    "咸阳市人民政府网_2026-04-09_张振华调研城区供水管网改造和二次供水设施提升工作.html": ("webpage", "gbk"),
    "南通市人民政府_2026-10-22_全市沿江生态环境保护和修复工作推进会.txt": ("meeting", None),
    "中共保定市委_2026-07-25_关于加快发展县域特色产业集群的决定.txt": ("decision", None),
}

# Lines that are not labelled (exact, stripped), per plain-text document.
UNLABELLED = {
    "扬州日报_2026-05-14_老城区公交微循环线路开通一月见闻.txt": [
        "小巴士穿街走巷串起出行“最后一公里”——我市老城区公交微循环线路开通一月见闻",
        "本报记者 顾晓雯　通讯员 孙浩然",
        "编辑：蒋文涛",
    ],
    "金华日报_2026-06-23_让更多金华工匠脱颖而出访谈.txt": [
        "让更多“金华工匠”脱颖而出——访金华市人力资源和社会保障局局长楼建华",
        "本报记者 方晓蕾　实习生 应子涵",
        "编辑：徐敏杰",
    ],
    "大庆市政府新闻办_2026-09-17_今冬城区供热保障工作新闻发布会.md": [
        "# 大庆市2026—2027年度供暖季城区供热保障工作新闻发布会",
        "时间：2026年9月17日上午10:00　地点：大庆市人民政府新闻发布厅　来源：大庆市政府新闻办",
        "主持人：大庆市人民政府新闻办公室副主任 曲晓明",
    ],
    "南通市人民政府_2026-10-22_全市沿江生态环境保护和修复工作推进会.txt": [
        "南通市召开全市沿江生态环境保护和修复工作推进会",
        "来源：南通市人民政府办公室　发布时间：2026-10-22",
    ],
    "中共保定市委_2026-07-25_关于加快发展县域特色产业集群的决定.txt": [
        "中共保定市委关于加快发展县域特色产业集群的决定",
        "（2026年7月25日中国共产党保定市第十二届委员会第十次全体会议通过）",
    ],
}
# For the HTML page only the body is labelled: from BODY_START to the first </div> after it.
BODY_START, BODY_END = '<div class="content">', "</div>"

SET = AttributionSet(HERE, EXPECTED, split="locked", per_doc=(40, 60), min_total=300)


if __name__ == "__main__":
    sys.exit(main_with(SET, coverage(SET, UNLABELLED, (BODY_START, BODY_END))))
