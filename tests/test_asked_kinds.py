"""What a question asks for, read from its form: places, asked-for nouns and levels, organisations it names."""
from __future__ import annotations

import pytest

from bot.pipeline import scope
from tests.conftest import chatbot_for

DOC = """乙川日报_2025-05-06_夜间经济.txt
夜间经济提质扩容

本报记者 周岚

5月6日上午，全市夜间经济推进会在市行政中心第三会议室召开。市商务局、市城市管理局、市公安局有关负责人参加会议。

市城市管理局局长邬向东介绍，今年全市排定整治背街小巷96条，已完工31条。

市商务局局长葛平表示，位于东湖区的“月光夜市”单日客流最高突破4.2万人次；对新开业的夜间商户，按设备投资额的6%给予补助，单户最高20万元。

目前全市已建成应急避难场所85处，可容纳9万人。
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return chatbot_for(tmp_path_factory.mktemp("asked"), DOC)


def test_a_rare_word_the_tagger_guesses_is_no_place_unless_written_with_its_level():
    assert scope.places("托班每班最多几个人") == []
    assert scope.places("红岩县的托班有几个") == ["红岩县"]


def test_a_common_noun_ending_in_a_level_word_and_a_which_question_are_no_places():
    assert scope.places("老小区改造今年搞了多少个") == []
    assert scope.places("哪些区可以申请补贴") == []


def test_a_place_right_after_a_higher_level_is_read_with_its_level():
    assert "丁州市" in scope.leveled_places("与丙省丁州市乙河区水务局签订协议", "市")


def test_a_verb_after_the_asked_noun_and_a_comparison_are_no_asked_nouns():
    assert scope.asked_noun("这个会是哪天在什么地方开的？") == ""
    assert scope.asked_noun("两个目标有什么不一样？") == ""
    assert scope.asked_noun("智能家电龙头企业具体是哪几家公司？") == "公司"


def test_nouns_that_ask_for_a_kind_of_value_are_held_by_that_kind():
    assert scope.holds_noun("比例", "按设备投资额的6%给予补助")
    assert scope.holds_noun("职务", "副市长赵某出席会议并讲话")
    assert scope.holds_noun("级别", "建设国家级旅游度假区")
    assert not scope.holds_noun("级别", "建设旅游度假区")


def test_a_which_district_question_needs_a_district_in_the_passage():
    assert scope.missing_level("夜市在哪个区？", "位于东湖区的夜市客流最高") == ""
    assert scope.missing_level("产业园建在哪个区？", "建好科技城人力资源服务产业园") == "哪个区"


def test_a_question_frame_ending_like_an_office_is_no_organisation(bot):
    assert bot.backend._unknown_org("推进会什么时候办？") == ""


def test_an_organisation_named_short_or_with_a_scope_word_is_known(bot):
    assert bot.backend._unknown_org("城管局整治了多少条背街小巷？") == ""
    assert bot.backend._unknown_org("全市应急避难场所有多少处？") == ""
    assert bot.backend._unknown_org("市教育局有什么安排？") == "市教育局"


def test_which_departments_took_part_is_answered_by_a_passage_naming_bodies(bot):
    a = bot.ask("哪些部门参加了这次推进会？")
    assert a.found and "市商务局" in a.answer


def test_a_ratio_asked_for_is_answered_by_a_percentage(bot):
    a = bot.ask("新开业夜间商户的补助比例是多少？")
    assert a.found and "6%" in a.answer


def test_a_which_district_question_is_answered_from_the_passage_that_names_it(bot):
    a = bot.ask("月光夜市在哪个区？")
    assert a.found and "东湖区" in a.answer


def test_a_frequent_city_name_is_a_place_and_a_frequent_common_word_is_not():
    assert scope.places("青岛的城市更新推进会是哪天开的？") == ["青岛"]
    assert scope.places("新建了多少个城市公园？") == []


def test_a_figure_asked_per_person_is_not_answered_by_a_total():
    assert scope.missing_rate("消费券每人最多能领多少？", "市本级安排消费券共500万元，分三批发放。") == "每人"
    assert scope.missing_rate("每班最多几个人？", "托大班每班不超过25人。") == ""
    assert scope.missing_rate("每个人补多少钱？", "人均补贴300元。") == ""


def test_a_numbered_round_must_be_the_one_the_evidence_names():
    assert scope.missing_numbered("第二轮抽检什么时候开始？", "4月15日启动今年第一轮抽检。") == "第二轮"
    assert scope.missing_numbered("第一轮抽检什么时候开始？", "4月15日启动今年第一轮抽检。") == ""


def test_a_question_about_now_is_not_answered_by_a_target_for_a_later_year():
    assert scope.target_only("现在已经建成了多少个服务点？", "到2027年，建成村级服务点1200个以上。")
    assert not scope.target_only("现在已经建成了多少个服务点？", "目前已建成村级服务点860个，到2027年达到1200个。")
    assert not scope.target_only("到2027年要建成多少个服务点？", "到2027年，建成村级服务点1200个以上。")


def test_a_per_person_question_over_a_total_says_what_is_missing(bot):
    a = bot.ask("月光夜市每人每天能消费多少钱？")
    assert not a.found


ORDER = """乙川市人民政府_2025-05-08_联席会议.txt
关于建立夜间经济联席会议制度的通知

建立由分管副市长牵头的夜间经济联席会议制度，联席会议办公室设在市商务局。

会上，市城市管理局负责人通报了背街小巷整治情况。该局负责人介绍，今年已完工31条。
"""


@pytest.fixture(scope="module")
def order_bot(tmp_path_factory):
    return chatbot_for(tmp_path_factory.mktemp("order"), ORDER)


def test_who_holds_a_post_the_text_names_without_a_holder_is_not_answered_with_the_passage(order_bot):
    a = order_bot.ask("牵头联席会议的分管副市长是谁？")
    assert not a.found and "分管副市长" in a.answer and "姓名" in a.answer


def test_the_name_of_an_unnamed_official_is_not_found_but_the_office_is_said(order_bot):
    a = order_bot.ask("介绍背街小巷整治情况的负责人叫什么名字？")
    assert not a.found


def test_two_figures_asked_are_not_answered_by_one():
    assert scope.too_few_figures("市级财政出了多少，向上争取了多少？", "计划总投资12.6亿元。")
    assert scope.too_few_figures("绿地和透水铺装分别建了多少平方米？", "新建绿地、透水铺装等设施38万平方米。")
    assert not scope.too_few_figures("建成了多少处，能容纳多少人？", "已建成避难场所216处，可容纳18万人。")
    assert not scope.too_few_figures("前几年全市一共装了好多部电梯？", "2022年以来全市累计加装电梯214部。")
