#!/usr/bin/env python3
"""Validate the held-out attribution set attribution15 (LOCKED) with the validator the attribution sets share, ../attribution_check.py.

Adapted from attribution12/check.py. On top of the shared checks it checks coverage: every sentence of a
document's body has a label, except the lines the README says are not labelled (title, byline or
来源/发布时间 line, press-conference time/place and host lines, the decision's adoption line, the closing
编辑 line, and for the HTML page everything outside <div class="content">).

usage: python3 bench/eval/attribution15/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, coverage, main_with  # noqa: E402

HERE = Path(__file__).resolve().parent

# The documents: genre and, for an HTML page, the charset it must declare.
EXPECTED = {
    "玉林日报_2025-10-14_城区农贸市场提质改造.txt": ("article", None),
    "娄底日报_2025-11-05_让老旧小区既有面子又有里子访谈.txt": ("interview", None),
    "萍乡市政府新闻办_2025-09-18_城区停车设施建设和停车秩序治理工作新闻发布会.md": ("transcript", None),
    "锦州市人民政府网_2025-08-27_检查城区冬季供暖准备工作.html": ("webpage", "gbk"),
    "四平市人民政府_2025-07-24_全市黑土地保护利用暨秋粮生产工作推进会.txt": ("meeting", None),
    "中共长治市委_关于推进太行山生态保护和文化旅游融合发展的决定.txt": ("decision", None),
}

# Lines that are not labelled (exact, stripped), per plain-text document.
UNLABELLED = {
    "玉林日报_2025-10-14_城区农贸市场提质改造.txt": [
        "老菜市场换了新模样——我市城区首批12个农贸市场完成提质改造",
        "本报记者 黎晓燕　通讯员 覃文斌",
        "编辑：莫海涛",
    ],
    "娄底日报_2025-11-05_让老旧小区既有面子又有里子访谈.txt": [
        "让老旧小区既有“面子”又有“里子”——访娄底市住房和城乡建设局局长欧阳丽华",
        "本报记者 易晓峰　见习记者 罗诗琪",
        "编辑：陈志远",
    ],
    "萍乡市政府新闻办_2025-09-18_城区停车设施建设和停车秩序治理工作新闻发布会.md": [
        "# 萍乡市城区停车设施建设和停车秩序治理工作新闻发布会",
        "时间：2025年9月18日上午10:00　地点：萍乡市人民政府新闻发布厅　来源：萍乡市政府新闻办",
        "主持人：萍乡市人民政府新闻办公室副主任 钟雅婷",
    ],
    "四平市人民政府_2025-07-24_全市黑土地保护利用暨秋粮生产工作推进会.txt": [
        "四平市召开全市黑土地保护利用暨秋粮生产工作推进会",
        "来源：四平市人民政府办公室　发布时间：2025-07-24",
    ],
    "中共长治市委_关于推进太行山生态保护和文化旅游融合发展的决定.txt": [
        "中共长治市委关于推进太行山生态保护和文化旅游融合发展的决定",
        "（2025年7月30日中国共产党长治市第十三届委员会第九次全体会议通过）",
    ],
}
# For the HTML page only the body is labelled: from BODY_START to the first </div> after it.
BODY_START, BODY_END = '<div class="content">', "</div>"

SET = AttributionSet(HERE, EXPECTED, split="locked", per_doc=(40, 60), min_total=300)


if __name__ == "__main__":
    sys.exit(main_with(SET, coverage(SET, UNLABELLED, (BODY_START, BODY_END))))
