#!/usr/bin/env python3
"""Validate the held-out attribution set attribution16 (LOCKED) with the validator the attribution sets share, ../attribution_check.py.

Adapted from attribution15/check.py (itself adapted from attribution12/check.py). On top of the shared checks it checks coverage: every sentence of a
document's body has a label, except the lines the README says are not labelled (title, byline or
来源/发布时间 line, press-conference time/place and host lines, the 实施方案's issuing line, the closing
编辑 line, and for the HTML page everything outside <div class="content">).

usage: python3 bench/eval/attribution16/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, coverage, main_with  # noqa: E402

HERE = Path(__file__).resolve().parent

# The documents: genre and, for an HTML page, the charset it must declare.
EXPECTED = {
    "揭阳日报_2025-09-23_城区内河涌水清岸绿.txt": ("article", None),
    "三明日报_2025-08-12_让林农守着青山也能致富访谈.txt": ("interview", None),
    "包头市政府新闻办_2025-11-12_城区冬季道路除雪保畅工作新闻发布会.md": ("transcript", None),
    "沧州市人民政府网_2025-10-09_田志刚调研城区电动自行车充电设施建设.html": ("webpage", "gbk"),
    "德州市人民政府_2025-06-26_全市城乡生活垃圾分类工作推进会.txt": ("meeting", None),
    "临沂市人民政府办公室_2025-08-05_加快城乡冷链物流高质量发展实施方案.txt": ("decision", None),
}

# Lines that are not labelled (exact, stripped), per plain-text document.
UNLABELLED = {
    "揭阳日报_2025-09-23_城区内河涌水清岸绿.txt": [
        "昔日“臭水沟”变身“亲水廊”——我市城区14条内河涌整治见闻",
        "本报记者 杨佳颖　通讯员 谢振华",
        "编辑：魏丽娟",
    ],
    "三明日报_2025-08-12_让林农守着青山也能致富访谈.txt": [
        "让林农守着青山端稳“金饭碗”——访三明市林业局局长罗文彬",
        "本报记者 张晓敏　见习记者 陈宇航",
        "编辑：李建华",
    ],
    "包头市政府新闻办_2025-11-12_城区冬季道路除雪保畅工作新闻发布会.md": [
        "# 包头市城区冬季道路除雪保畅工作新闻发布会",
        "时间：2025年11月12日上午9:30　地点：包头市人民政府新闻发布厅　来源：包头市政府新闻办",
        "主持人：包头市人民政府新闻办公室副主任 乌日娜",
    ],
    "德州市人民政府_2025-06-26_全市城乡生活垃圾分类工作推进会.txt": [
        "德州市召开全市城乡生活垃圾分类工作推进会",
        "来源：德州市人民政府办公室　发布时间：2025-06-26",
    ],
    "临沂市人民政府办公室_2025-08-05_加快城乡冷链物流高质量发展实施方案.txt": [
        "临沂市加快城乡冷链物流高质量发展实施方案",
        "（临沂市人民政府办公室2025年8月5日印发　临政办字〔2025〕31号）",
    ],
}
# For the HTML page only the body is labelled: from BODY_START to the first </div> after it.
BODY_START, BODY_END = '<div class="content">', "</div>"

SET = AttributionSet(HERE, EXPECTED, split="locked", per_doc=(40, 60), min_total=300)


if __name__ == "__main__":
    sys.exit(main_with(SET, coverage(SET, UNLABELLED, (BODY_START, BODY_END))))
