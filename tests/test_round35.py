"""Round 35: a post is its named body's and never its deputy's; a page's arrangements with their lead units; a
poster's lists (keycap steps, bullet groups, parts under subheadings) read as the lists they are."""
from __future__ import annotations

import pytest

from bot.pipeline import duties
from bot.pipeline.understand import _asks_a_thing, _body_before_post
from index.ingest.loader import ITEM_MARK, markdown_to_lines
from tests.conftest import chatbot_for, real_chatbot_for

# An invented work-meeting page: six arrangements, each closing with its lead unit as a sentence of its own.
MEETING = """甲市政府网_2026-11-21_全市乙丙工作会议召开.md
# 全市乙丙工作会议召开

11月20日，全市乙丙工作会议召开。副市长赵某某出席会议并讲话。

会议对下一阶段工作作出安排：

1. 开展线路隐患排查。12月31日前完成入户检查全覆盖。牵头单位：市住房和城乡建设局；配合单位：甲市供电局。
2. 打通消防通道。2027年3月底前完成18处通道改造。牵头单位：市消防救援大队。
3. 补齐消防水源。新建消防水池26座。牵头单位：市水务局。
4. 加强防火宣传。在全市推广十户联防。牵头单位：市委宣传部。
"""

# An invented "一图读懂" poster: counted parts, one of them with subheadings only, keycap steps, bullet groups.
POSTER = """甲市卫健局_2026-10-20_一图读懂甲补贴.md
# 一图读懂《甲市乙补贴细则》

## 📌 一、为什么出台？

- 减轻家庭养育负担
- 细则自2026年11月1日起施行

## 💰 二、补贴标准

【按孩次】

- 一孩：每年 **3600元**
- 二孩：每年 **5000元**
- 三孩及以上：每年 **8000元**

## 📝 三、怎么申请？（三步走）

1️⃣ **线上申请**：登录甲办事APP填写信息

2️⃣ **线下申请**：到镇（街道）便民服务中心窗口办理

3️⃣ **审核发放**：初审、复核、公示后发放

## ☎️ 四、咨询渠道

- 市卫健局人口家庭科：0000-1234567
- 各镇（街道）便民服务中心
- 12345政务服务便民热线
"""


def test_the_body_a_question_names_before_a_post_is_kept_when_the_phrase_loses_it():
    assert _body_before_post("市甲乙局分管招生的副局长", "副局长") == "市甲乙局"
    assert _body_before_post("丙丁镇的镇长", "镇长") == "丙丁镇"


def test_a_post_described_by_its_work_names_no_body():
    assert _body_before_post("管环保的局长", "局长") == ""
    assert _body_before_post("局长", "局长") == ""


def test_a_question_for_an_address_or_a_company_asks_for_no_person():
    assert _asks_a_thing("甲中心的办公地址在哪条街上", set())
    assert _asks_a_thing("乙项目是哪家公司在施工", set())
    assert not _asks_a_thing("甲中心的主任叫什么名字", set())
    assert not _asks_a_thing("谁是甲局局长", {"person"})


def test_a_short_form_of_a_body_is_found_wherever_it_stands_in_the_question():
    # "住建局" straddles what used to be the five-character windows ("哪几项是住" | "建局牵头的").
    assert duties.named_org("会议布置的几项任务里，哪几项是住建局牵头的", [], ["市住房和城乡建设局"]) == "市住房和城乡建设局"


def test_a_lead_unit_sentence_closing_a_numbered_item_is_read_as_its_duty(tmp_path):
    bot = chatbot_for(tmp_path, MEETING)
    leads = [(d.task, d.lead, d.support) for d in bot.kb.duties]
    assert leads[0] == ("开展线路隐患排查", ("市住房和城乡建设局",), ("甲市供电局",))
    assert [d.lead[0] for d in bot.kb.duties[1:]] == ["市消防救援大队", "市水务局", "市委宣传部"]


def test_the_nth_arrangements_lead_and_time_are_answered_from_its_item(tmp_path):
    a = chatbot_for(tmp_path, MEETING).ask("第二项是哪个单位牵头？要求啥时候完成")
    assert a.found and "市消防救援大队" in a.answer and "2027年3月底前" in a.answer


def test_every_arrangement_is_listed_with_its_lead_when_each_is_asked(tmp_path):
    a = chatbot_for(tmp_path, MEETING).ask("会议一共布置了几项工作？每项分别是哪个单位牵头的，全部列出来")
    assert a.found and a.answer.startswith("共4项")
    for lead in ("市住房和城乡建设局", "市消防救援大队", "市水务局", "市委宣传部"):
        assert lead in a.answer


def test_the_arrangements_a_body_leads_are_found_by_its_short_form(tmp_path):
    a = chatbot_for(tmp_path, MEETING).ask("会议布置的几项任务里，哪几项是住建局牵头的")
    assert a.found and "开展线路隐患排查" in a.answer and "消防通道" not in a.answer


def test_a_news_pages_arrangements_are_the_reporters_not_a_documents_text(tmp_path):
    a = chatbot_for(tmp_path, MEETING).ask("第三项是哪个单位牵头")
    assert "市水务局" in a.answer and a.attribution != "——文件原文"


def test_keycap_numbers_make_numbered_items():
    lines = markdown_to_lines("## 三、怎么申请\n\n1️⃣ **线上申请**：登录APP\n\n2⃣ 线下申请：到窗口\n")
    assert lines[1:] == [ITEM_MARK + "1. 线上申请：登录APP", ITEM_MARK + "2. 线下申请：到窗口"]


def test_a_step_is_found_in_the_list_its_heading_counts_by_that_noun(tmp_path):
    a = chatbot_for(tmp_path, POSTER).ask("申请三步走里的第二步是什么？")
    assert a.found and "线下申请" in a.answer and "线上申请" not in a.answer


def test_a_counted_heading_with_only_subheadings_under_it_is_still_a_part(tmp_path):
    bot = chatbot_for(tmp_path, POSTER)
    assert "补贴标准" in bot.ask("这张图第二部分讲的是啥？").answer
    assert bot.ask("这张图一共有几个部分").answer.startswith("共4部分")


def test_a_question_for_every_line_of_a_bullet_list_gets_the_whole_list(tmp_path):
    a = chatbot_for(tmp_path, POSTER).ask("咨询渠道都有哪些？全部给我列出来")
    assert a.found
    for line in ("0000-1234567", "便民服务中心", "12345"):
        assert line in a.answer


@pytest.mark.slow
def test_a_deputy_is_never_the_holder_of_the_head_post_nor_another_towns_head(tmp_path):
    text = ("甲市融媒体_2026-11-02_甲市供水访谈.md\n# 甲市农村供水访谈\n\n嘉宾：乙丙镇人民政府副镇长李文武\n\n"
            "主持人：李镇长，乙丙镇过去吃水难，今年有什么变化？\n\n李文武：今年新建水厂2座，全镇通了自来水。\n\n"
            "丁戊镇镇长王建设说，镇上新铺管网30公里。\n")
    bot = real_chatbot_for(tmp_path, text)
    a = bot.ask("乙丙镇的镇长叫啥名字？")
    assert not a.found and "李文武" not in a.answer.split("例如")[0]
    b = bot.ask("己庚镇的镇长叫啥？")
    assert not b.found and "王建设" not in b.answer.split("例如")[0]
    assert "王建设" in bot.ask("丁戊镇的镇长叫啥？").answer


def test_a_three_character_name_the_document_writes_alone_is_not_cut_before_an_adverb(tmp_path):
    text = ("某市日报_2026-11-27_某市部署项目储备.txt\n某市部署项目储备\n\n"
            "市发展和改革局局长夏文才则把目光投向了项目储备。“我们梳理了总投资约410亿元的项目清单。”夏文才说，"
            "发改部门将建立周调度机制。\n")
    names = [p.name for p in chatbot_for(tmp_path, text).kb.people]
    assert "夏文才" in names and "夏文" not in names


TOUR = """某市融媒体中心_2026-11-12_市长调研.txt
市长到城区和乡村调研

本网讯　11月12日，市委副书记、市长甲乙丙深入丁公园、戊己科技有限公司、庚辛职业学校和壬癸村，调研城市品质提升和乡村振兴工作。

上午9时许，甲乙丙首先来到正在改造的丁公园。公园管理处主任赵某某介绍，改造范围约12.6公顷。

随后，甲乙丙来到戊己科技有限公司生产车间。公司总经理钱某某介绍，今年产值9.8亿元。

中午时分，甲乙丙来到庚辛职业学校实训车间。

下午，甲乙丙来到壬癸村。村党总支书记孙某某说，村集体收入今年达到38万元。
"""


def test_the_stops_of_a_visit_are_the_places_its_lead_lists_in_order(tmp_path):
    bot = chatbot_for(tmp_path, TOUR)
    assert "庚辛职业学校" in bot.ask("这次调研去的第三个地方是哪里？").answer
    assert "壬癸村" in bot.ask("最后一站去的哪？").answer
    listed = bot.ask("市长这一天一共去了哪些地方？全部列出来").answer
    assert all(x in listed for x in ("丁公园", "戊己科技有限公司", "庚辛职业学校", "壬癸村"))


def test_a_text_that_numbers_its_stops_itself_keeps_its_own_words(tmp_path):
    text = TOUR.replace("随后，甲乙丙来到", "第二站是")
    ol = chatbot_for(tmp_path, text).kb.outline
    assert not [x for x in ol.lists if x.source == "visits"]


def test_where_someone_appears_counted_is_answered_with_all_their_passages(tmp_path):
    text = ("某市日报_2026-11-27_某市七大行动.txt\n某市七大行动\n\n一、交通行动\n\n市交通运输局局长邱某某说，新建道路30公里。\n\n"
            "二、产业行动\n\n市经济和信息化局局长罗某某说，设立产业协作资金。讨论中，邱某某也就这一行动发言，要求做好物流配套。\n")
    bot = chatbot_for(tmp_path, text)
    # Whatever is done there: appearing, speaking, or where they appear.
    for question in ("邱某某在几个行动里都出现了？分别是哪几个行动", "邱某某在几个行动里都发了言？",
                     "邱某某出现在哪几条信息里？"):
        a = bot.ask(question)
        assert a.found and "交通行动" in a.answer and "产业行动" in a.answer, question
