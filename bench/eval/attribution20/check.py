#!/usr/bin/env python3
"""Validate the sentence-attribution tuning set attribution20 (broadcast news scripts: TV 电视新闻文稿 and radio
广播新闻稿) with the validator the attribution sets share, ../attribution_check.py.

Adapted from attribution19/check.py. All five documents are genre `article` and every line has `"split": "tune"`.
On top of the shared checks it checks coverage: every sentence of a document's body has a label, except the lines the
README says are not labelled (the masthead/programme/date line, the title line, block-label lines such as 【解说】 or
【同期声】 standing alone, interviewee caption lines, the closing credit line （记者 … 摄像 …） and the 编辑 line).

usage: python3 bench/eval/attribution20/check.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from attribution_check import AttributionSet, coverage, main_with  # noqa: E402

HERE = Path(__file__).resolve().parent

# The documents: genre and, for an HTML page, the charset it must declare (there is none here).
EXPECTED = {
    "宁波广播电视台_2026-03-12_老街夜市重新热闹起来.txt": ("article", None),
    "恩施广播电视台_2026-09-23_山里通了公交车村民出行不再难.txt": ("article", None),
    "哈密广播电视台_2026-10-15_供暖管网改造完工今冬居民家里更暖和.txt": ("article", None),
    "金昌广播电视台_2026-07-08_社区食堂开到家门口老人吃饭有了着落.txt": ("article", None),
    "青岛广播电视台_2026-11-19_老楼装上电梯悬空老人下楼不再难.txt": ("article", None),
}

# Lines that are not labelled (exact, stripped), per document, in document order (a repeated line is listed once).
UNLABELLED = {
    "宁波广播电视台_2026-03-12_老街夜市重新热闹起来.txt": [
        "宁波广播电视台《宁波新闻》　2026年3月12日",
        "老街夜市重新热闹起来",
        "【导语】",
        "【解说】",
        "【现场声】",
        "【同期声】周月娟 摊主",
        "【同期声】孙立峰 宁波鼓楼沿商业运营管理有限公司总经理",
        "【同期声】市民",
        "【同期声】王海峰 海曙区商务局局长",
        "【记者出镜】",
        "【同期声】刘思远 大学生",
        "（记者 林晓东 摄像 许文博）",
        "编辑：杨慧",
    ],
    "恩施广播电视台_2026-09-23_山里通了公交车村民出行不再难.txt": [
        "恩施广播电视台《恩施新闻联播》　2026年9月23日",
        "山里通了公交车　村民出行不再难",
        "【导语】",
        "【配音】",
        "【同期声】",
        "字幕：向国平 公交司机",
        "田光明 石板溪村党支部书记",
        "字幕：杨秀梅 村民",
        "字幕：覃建华 恩施州交通运输局副局长",
        "字幕：龚立新 恩施市城乡公共交通有限公司经理",
        "【记者出镜】",
        "字幕：田光明 石板溪村党支部书记",
        "（记者 黄丽娟 谭志勇 摄像 冉启明）",
        "编辑：向晓燕",
    ],
    "哈密广播电视台_2026-10-15_供暖管网改造完工今冬居民家里更暖和.txt": [
        "哈密广播电视台《哈密新闻》　2026年10月15日",
        "供暖管网改造完工　今冬居民家里更暖和",
        "【导语】",
        "【解说】",
        "【采访同期】李建平 哈密市住房和城乡建设局局长",
        "【记者出镜】",
        "（记者 阿依古丽 王晓川 摄像 买买提江）",
        "编辑：刘静",
    ],
    "金昌广播电视台_2026-07-08_社区食堂开到家门口老人吃饭有了着落.txt": [
        "金昌广播电视台《金昌新闻》　2026年7月8日",
        "社区食堂开到家门口　老人吃饭有了着落",
        "【导语】",
        "【画外音】",
        "【同期声】（社区居民 王德福）",
        "【同期声】（团结路社区党委书记 孔令霞）",
        "【同期声】（金昌市康乐餐饮管理有限公司经理 韩志刚）",
        "【出镜】",
        "【同期声】（金昌市民政局局长 张永红）",
        "【同期声】（红光村党支部书记 马俊林）",
        "【同期声】（村民 李桂英）",
        "（记者 高文杰 摄像 魏晓东）",
        "编辑：石磊",
    ],
    "青岛广播电视台_2026-11-19_老楼装上电梯悬空老人下楼不再难.txt": [
        "青岛广播电视台新闻广播《早安青岛》　2026年11月19日",
        "老楼装上电梯　“悬空老人”下楼不再难",
        "【导语】",
        "【解说】",
        "【出录音】",
        "（录音：刘淑琴 海晏小区居民）",
        "【录音】",
        "（录音：于海波 海晏社区党委书记）",
        "【现场声】",
        "（录音：姜涛 青岛恒升电梯工程有限公司项目经理）",
        "（录音：孙广平 青岛市住房和城乡建设局副局长）",
        "【记者现场报道】",
        "（记者 隋晓燕 王成龙）",
        "编辑：曲丽华",
    ],
}
# No HTML page in this set; the body markers are never used.
BODY_START, BODY_END = '<div class="content">', "</div>"

SET = AttributionSet(HERE, EXPECTED, split="tune", per_doc=(30, 60), min_total=160)


if __name__ == "__main__":
    sys.exit(main_with(SET, coverage(SET, UNLABELLED, (BODY_START, BODY_END))))
