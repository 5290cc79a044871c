#!/usr/bin/env python3
"""Validate the sentence-attribution tuning set attribution18 (interview formats) with the validator the attribution
sets share, ../attribution_check.py.

Adapted from attribution17/check.py. All six documents are genre `interview` and every line has `"split": "tune"`.
On top of the shared checks it checks coverage: every sentence of a document's body has a label, except the lines the
README says are not labelled (the title line, the source/date or byline line and the closing 编辑 line).

usage: python3 bench/eval/attribution18/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, coverage, main_with  # noqa: E402

HERE = Path(__file__).resolve().parent

# The documents: genre and, for an HTML page, the charset it must declare (there is none here).
EXPECTED = {
    "泰州广播电视台_2026-04-16_民生直通车居家养老服务访谈实录.txt": ("interview", None),
    "随州人民广播电台_2026-06-09_政风行风热线老旧小区改造访谈实录.txt": ("interview", None),
    "临汾日报_2026-08-21_让黄河岸边的苹果卖出好价钱专访.txt": ("interview", None),
    "北海广播电视台_2026-07-08_问政北海旅游市场秩序整治访谈实录.txt": ("interview", None),
    "本溪日报_2026-11-18_冰雪加温泉如何玩出新花样对话.txt": ("interview", None),
    "廊坊市人民政府网_2026-10-28_家门口就业在线访谈.md": ("interview", None),
}

# Lines that are not labelled (exact, stripped), per document.
UNLABELLED = {
    "泰州广播电视台_2026-04-16_民生直通车居家养老服务访谈实录.txt": [
        "让老人在家门口安享幸福晚年——《民生直通车》居家养老服务访谈实录",
        "泰州广播电视台新闻综合频道　2026年4月16日　编导：钱雨桐",
    ],
    "随州人民广播电台_2026-06-09_政风行风热线老旧小区改造访谈实录.txt": [
        "《政风行风热线》：市住建局负责人走进直播间回应老旧小区改造热点问题",
        "随州人民广播电台新闻综合广播FM98.6　2026年6月9日",
    ],
    "临汾日报_2026-08-21_让黄河岸边的苹果卖出好价钱专访.txt": [
        "让黄河岸边的苹果卖出好价钱——访临汾市农业农村局局长薛建国",
        "本报记者 贾晓燕",
        "编辑：乔丽娟",
    ],
    "北海广播电视台_2026-07-08_问政北海旅游市场秩序整治访谈实录.txt": [
        "《问政北海》：海鲜排档明码标价了吗——旅游市场秩序整治访谈实录",
        "北海广播电视台新闻综合频道　2026年7月8日　主持人：黄若兰　记者：莫家豪 陈思琪",
    ],
    "本溪日报_2026-11-18_冰雪加温泉如何玩出新花样对话.txt": [
        "【对话】冬季“冰雪+温泉”如何玩出新花样",
        "本溪日报　2026年11月18日　主持人：本报记者 杜思远　编辑：关雪",
    ],
    "廊坊市人民政府网_2026-10-28_家门口就业在线访谈.md": [
        "# 稳就业促增收 让“家门口就业”更有保障——廊坊市人力资源和社会保障局在线访谈",
        "访谈时间：2026年10月28日 10:00—11:00　来源：廊坊市人民政府网　浏览次数：3562",
    ],
}
# No HTML page in this set; the body markers are never used.
BODY_START, BODY_END = '<div class="content">', "</div>"

SET = AttributionSet(HERE, EXPECTED, split="tune", per_doc=(40, 60), min_total=250)


if __name__ == "__main__":
    sys.exit(main_with(SET, coverage(SET, UNLABELLED, (BODY_START, BODY_END))))
