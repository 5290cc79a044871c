"""Round 36: a count the text states names the numbered paragraphs under it, in any numbering style; a list is asked
for by the counter its name or its items count by ("四步搞定", "第三站"); a quantity asked in a unit of measure is
answered only by a figure in that unit."""
from __future__ import annotations

import pytest

from bot.pipeline import outline
from bot.pipeline.scope import missing_measure
from tests.conftest import chatbot_for, real_chatbot_for

# An invented communiqué: a sentence that counts the tasks, then the tasks numbered （一）… with no colon before them.
COMMUNIQUE = """中共甲市委_2026-11-20_全体会议公报.txt
中共甲市第九届委员会第八次全体会议公报

　　全会强调，要聚焦关键环节，扎实抓好四项重点任务。

　　（一）推进乙产业升级。2027年底前建成丙园区。

　　（二）做强丁市场。到2028年交易额突破50亿元。

　　（三）培育戊人才。每年引进技能人才300名。

　　（四）加大己保障。市财政每年安排专项资金1亿元。

　　全会号召，全市上下要团结一心，奋力实现目标。
"""

# An invented poster: a heading that counts its steps, and circled subheadings under a heading that counts them.
POSTER = """甲市农业局_2026-11-02_一图读懂乙保险.md
# 一图读懂乙保险

## 🌾 【保什么？】——两大类

**① 粮食作物**
- 水稻保险：保险金额1300元/亩

**② 特色水果**
- 丙果指数保险：累计降雨量超过触发值即赔

## 📝 【怎么保？】三步搞定

1️⃣ **报名**：向村农业服务中心提出投保意向
2️⃣ **核实**：村级公示不少于5天
3️⃣ **出单**：保单信息发送到手机
"""

# An invented tour whose stops are headed by their own ordinal.
TOUR = """甲市日报_2026-12-01_市长调研.md
# 市长甲乙丙调研民营经济

12月1日，市长甲乙丙调研民营经济发展情况。

## 第一站：丁镇

在丁镇，甲乙丙察看了影视基地。

## 第二站：戊镇

在戊镇，公司董事长庚某某介绍，今年订单增长40%。

## 第三站：己街道

在己街道，甲乙丙察看了数字化车间项目，总投资4.5亿元。
"""


def test_numbered_paragraphs_of_any_style_form_a_list():
    assert outline._numbered_item("（三）培育戊人才。") == (2, 3, "（三）", "培育戊人才")
    assert outline._numbered_item("③ 畜禽水产") == (3, 3, "③", "畜禽水产")
    assert outline._numbered_item("12. 出单：保单") == (0, 12, "12.", "出单：保单")
    assert outline._numbered_item("全会强调，要抓好四项任务。") is None


def test_a_sentence_that_counts_the_tasks_below_it_names_them_without_a_colon(tmp_path):
    bot = chatbot_for(tmp_path, COMMUNIQUE)
    listed = [ol for ol in bot.kb.outline.lists if ol.alias == "重点任务"]
    assert listed and [i.text for i in listed[0].items] == ["推进乙产业升级", "做强丁市场", "培育戊人才", "加大己保障"]


def test_every_counted_task_is_listed_and_the_nth_is_picked(tmp_path):
    bot = chatbot_for(tmp_path, COMMUNIQUE)
    a = bot.ask("四项重点任务分别叫什么？请全部列出来")
    assert a.found and a.answer.startswith("共4") and "加大己保障" in a.answer
    b = bot.ask("重点任务里面排第三的是哪项？")
    assert b.found and "培育戊人才" in b.answer and "做强丁市场" not in b.answer
    assert "是哪项" not in b.answer  # the question word is no part of the noun


def test_a_count_that_is_not_the_lists_own_names_nothing(tmp_path):
    text = COMMUNIQUE.replace("四项重点任务", "五项重点任务")
    assert not [ol for ol in chatbot_for(tmp_path, text).kb.outline.lists if ol.alias == "重点任务"]


def test_a_heading_that_counts_its_steps_is_asked_for_by_that_counter(tmp_path):
    bot = chatbot_for(tmp_path, POSTER)
    a = bot.ask("投保要走哪几步？全部列出来")
    assert a.found and a.answer.startswith("共3步") and "出单" in a.answer
    b = bot.ask("投保第二步是啥")
    assert b.found and b.answer.startswith("第二步") and "核实" in b.answer


def test_a_stop_headed_by_its_own_ordinal_is_picked_by_it(tmp_path):
    b = chatbot_for(tmp_path, TOUR).ask("第三站去的是哪里？")
    assert b.found and "己街道" in b.answer and "第三站：" not in b.answer


@pytest.mark.slow
def test_stops_headed_by_their_own_ordinal_are_counted_and_an_unstated_measure_is_not_answered(tmp_path):
    (tmp_path / "tour").mkdir()
    (tmp_path / "poster").mkdir()
    tour = real_chatbot_for(tmp_path / "tour", TOUR)
    a = tour.ask("这次调研一共跑了几站？")
    assert a.found and a.answer.startswith("共3站") and "丁镇、戊镇、己街道" in a.answer
    b = real_chatbot_for(tmp_path / "poster", POSTER).ask("丙果指数保险的触发值是多少毫米？")
    assert not b.found


def test_a_quantity_asked_in_a_unit_of_measure_needs_a_figure_in_that_unit():
    assert missing_measure("触发值是多少毫米？", "累计降雨量超过触发值即赔，补贴比例80%。") == "毫米"
    assert missing_measure("触发值是多少毫米？", "累计降雨量超过50毫米即赔。") == ""
    assert missing_measure("一套两居室有多大面积？", "租金为每月每平方米12元。") == "平方米"
    assert missing_measure("一套两居室有多大面积？", "每套面积约60平方米。") == ""
    assert missing_measure("每天到乙市能多几趟车？", "市里正积极争取高铁加密开行。") == "趟"
    assert missing_measure("每天到乙市能多几趟车？", "每天新增开行8列。") == ""
    # A quantity asked in no unit of measure is answered by any figure, as before.
    assert missing_measure("补贴比例是多少？", "补贴比例80%。") == ""


def test_who_went_along_on_a_visit_is_read_from_the_narration(tmp_path):
    text = ("甲市日报_2026-12-02_市长调研.txt\n市长调研\n\n12月2日，市委副书记、市长甲乙丙深入丁镇调研。"
            "市委常委、常务副市长冯某军，副市长余某婧陪同调研。\n\n市政府秘书长癸子丑，市发改局负责人参加调研。\n")
    a = chatbot_for(tmp_path, text).ask("陪同市长调研的市领导有哪几位？")
    assert a.found and "冯某军" in a.answer and "余某婧" in a.answer and "甲乙丙" not in a.answer


def test_taking_part_in_a_tour_is_going_along(tmp_path):
    text = ("甲市日报_2026-12-02_市长调研.txt\n市长调研\n\n12月2日，市长甲乙丙深入丁镇调研。"
            "市委常委、常务副市长冯某军，副市长余某婧参加调研。\n")
    a = chatbot_for(tmp_path, text).ask("跟着市长一起去调研的领导都有谁？")
    assert a.found and "冯某军" in a.answer and "余某婧" in a.answer


# An invented symposium report: speakers named in full once, then by surname and a form of address.
SYMPOSIUM = """甲市日报_2026-12-01_民营企业家座谈会.txt
市委书记主持召开民营企业家座谈会

本报讯　11月30日，市委书记赵某明主持召开民营企业家座谈会。

乙科技有限公司董事长孙某华第一个发言。他说，企业今年研发投入增长30%。孙总还建议设立科技成果转化基金。

丁食品公司总经理吴某丽介绍，公司产品出口到12个国家。

市委常委、秘书长王某，副市长冯某军，市发改委负责人参加座谈会。
"""


def test_a_company_head_named_by_surname_and_form_of_address_is_found(tmp_path):
    bot = chatbot_for(tmp_path, SYMPOSIUM)
    a = bot.ask("孙总说了啥")
    assert a.found and "孙某华" in a.answer and "研发投入" in a.answer


def test_a_question_for_which_fund_is_answered_by_its_name_not_a_sum(tmp_path):
    a = chatbot_for(tmp_path, SYMPOSIUM).ask("孙某华还建议设立什么基金？")
    assert a.found and "科技成果转化基金" in a.answer


def test_the_officials_a_report_says_attended_answer_for_officials_only(tmp_path):
    bot = chatbot_for(tmp_path, SYMPOSIUM)
    a = bot.ask("参加座谈会的市领导有谁？")
    assert a.found and "王某" in a.answer and "冯某军" in a.answer and "孙某华" not in a.answer
    b = bot.ask("参加座谈会的都有哪些人")
    assert "孙某华" in b.answer  # everyone there: the speakers too, not the officials' line


# An invented work bulletin: who compiled it and signed it at the head, whom it goes to at the foot.
BULLETIN = """甲市乙办_2026-11-24_工作简报第3期.txt
工作简报

第3期

甲市乙工作领导小组办公室编　　　　2026年11月24日

签发：丙丁戊

甲县：冬季种植见成效

入冬以来，甲县推广小拱棚种植，新建小拱棚1200座。

━━━━━━━━━━━━━━━━━━━━

报：市委、市政府主要领导
送：市直有关部门
发：各县乙工作领导小组办公室
"""


def test_a_bulletins_compiler_signer_and_recipients_are_read_from_its_head_and_foot(tmp_path):
    bot = chatbot_for(tmp_path, BULLETIN)
    a = bot.ask("这期简报是哪个单位编的？谁签发的")
    assert a.found and "甲市乙工作领导小组办公室" in a.answer and "丙丁戊" in a.answer
    b = bot.ask("这期简报是发给哪些单位的？")
    assert b.found and "市委、市政府主要领导" in b.answer and "市直有关部门" in b.answer
    assert "各县乙工作领导小组办公室" in b.answer


def test_a_body_and_post_with_a_clause_between_them_name_the_holder(tmp_path):
    text = ("甲市乙局_2026-11-18_答记者问.md\n# 甲市乙丙局负责人就补助办法答记者问\n\n"
            "近日，甲市乙丙局党组成员、副局长郑某明就补助办法回答了记者提问。\n\n"
            "问：补助标准是多少？\n\n答：每口补助1200元。\n")
    a = chatbot_for(tmp_path, text).ask("乙丙局来答问的那个副局长叫啥？")
    assert a.found and "郑某明" in a.answer and "来答问" not in a.answer


def test_a_report_is_its_deliverers_whose_surname_the_list_lacks(tmp_path):
    text = ("甲市人民政府_2026-01-16_政府工作报告.md\n# 政府工作报告\n\n——2026年1月16日在甲市第九届人民代表大会第五次会议上\n\n"
            "甲市人民政府市长　刀某平\n\n各位代表：\n\n现在，我代表市人民政府，向大会报告工作。\n\n"
            "一、今年主要目标\n\n接待游客突破3000万人次。\n")
    bot = chatbot_for(tmp_path, text)
    assert "刀某平" in [p.name for p in bot.kb.people]
    a = bot.ask("刀某平是甲市市委书记吗？")
    assert a.answer.startswith("不是") and "市长" in a.answer
    b = bot.ask("刀某平作报告的那次会议全称叫啥？")
    assert b.found and "第九届人民代表大会第五次会议" in b.answer


def test_a_dictionary_word_after_a_post_is_no_signature():
    from index.ingest.names import signature

    assert signature("市长　致辞") is None
    assert signature("甲市人民政府市长　刀某平").name == "刀某平"
