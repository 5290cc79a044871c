#!/usr/bin/env python3
"""Validate the sentence-attribution tuning set attribution19 (news reports with quoted scene sentences) with the
validator the attribution sets share, ../attribution_check.py.

Adapted from attribution18/check.py. All six documents are genre `article` and every line has `"split": "tune"`.
On top of the shared checks it checks coverage: every sentence of a document's body has a label, except the lines the
README says are not labelled (the masthead/date/page line, the title line, the byline and the closing 责任编辑 line).

usage: python3 bench/eval/attribution19/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, coverage, main_with  # noqa: E402

HERE = Path(__file__).resolve().parent

# The documents: genre and, for an HTML page, the charset it must declare (there is none here).
EXPECTED = {
    "普洱日报_2026-04-16_茶山上的账本越算越亮堂.txt": ("article", None),
    "阳江日报_2026-08-18_开海第一网鱼虾进城快.txt": ("article", None),
    "驻马店日报_2026-05-20_菜园子连上了大市场.txt": ("article", None),
    "贺州日报_2026-02-10_沃柑挂满枝果农笑开颜.txt": ("article", None),
    "中山日报_2026-06-24_老小区换新管居民用水不再愁.txt": ("article", None),
    "齐齐哈尔日报_2026-12-15_零下二十度的暖心驿站.txt": ("article", None),
}

# Lines that are not labelled (exact, stripped), per document.
UNLABELLED = {
    "普洱日报_2026-04-16_茶山上的账本越算越亮堂.txt": [
        "普洱日报　2026年4月16日　第03版　乡村振兴",
        "茶山上的“账本”越算越亮堂",
        "本报记者 杨晓岚 通讯员 李志明",
        "责任编辑：何丽萍",
    ],
    "阳江日报_2026-08-18_开海第一网鱼虾进城快.txt": [
        "阳江日报　2026年8月18日　第02版　民生",
        "开海第一网　鱼虾进城快",
        "本报记者 冯志斌 陈嘉怡",
        "责任编辑：谭慧敏",
    ],
    "驻马店日报_2026-05-20_菜园子连上了大市场.txt": [
        "驻马店日报　2026年5月20日　第04版　三农",
        "菜园子连上了大市场",
        "本报记者 王建新 通讯员 张文静",
        "责任编辑：高雪莲",
    ],
    "贺州日报_2026-02-10_沃柑挂满枝果农笑开颜.txt": [
        "贺州日报　2026年2月10日　第01版",
        "沃柑挂满枝　果农笑开颜",
        "本报记者 钟丽华",
        "责任编辑：陆晓峰",
    ],
    "中山日报_2026-06-24_老小区换新管居民用水不再愁.txt": [
        "中山日报　2026年6月24日　第05版　城事",
        "老小区换新管　居民用水不再愁",
        "本报记者 梁嘉欣 黄永康",
        "责任编辑：吴佩珊",
    ],
    "齐齐哈尔日报_2026-12-15_零下二十度的暖心驿站.txt": [
        "齐齐哈尔日报　2026年12月15日　第03版　民生",
        "零下二十度的“暖心驿站”",
        "本报记者 孙立新 通讯员 赵雪",
        "责任编辑：曲红梅",
    ],
}
# No HTML page in this set; the body markers are never used.
BODY_START, BODY_END = '<div class="content">', "</div>"

SET = AttributionSet(HERE, EXPECTED, split="tune", per_doc=(40, 60), min_total=250)


if __name__ == "__main__":
    sys.exit(main_with(SET, coverage(SET, UNLABELLED, (BODY_START, BODY_END))))
