"""A question with a wrong detail (a place, a post) that the documents otherwise answer: corrected, then answered."""
from __future__ import annotations

import pytest

from bot.backends.extractive import ExtractiveBackend, _refers_back
from bot.chatbot import Chatbot
from bot.pipeline.scope import corrected_place

ARTICLE = """甲州日报_2025-03-02_山村通水记.txt
山村通水记

本报记者 陆明

清明前后，记者走进青岭县石桥镇云岩村。这个村海拔约800米，全村有146户人家，去年9月接通了县城水厂的管网。

市水务局局长韩立军介绍，根据3月1日市水务局与丙省丁州市乙河区水务局签订的合作协议，两地将在水源保护、管网运维等领域开展17个具体项目合作。

市农业农村局副局长贺云舟介绍，今年已建成农田灌溉泵站18座。

市农业农村局局长苏明远表示，今年将新建高标准农田12万亩，其中旱作农田4万亩。他说，农田灌溉用水要和村民饮水统筹考虑。

会上，市气象局负责人通报了汛期天气形势。该局负责人表示，今年汛期降雨可能偏多两成。
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    from tests.conftest import chatbot_for

    return chatbot_for(tmp_path_factory.mktemp("premises"), ARTICLE)


def test_a_wrong_county_before_a_named_village_is_corrected_and_the_fact_given(bot):
    a = bot.ask("松林县的云岩村一共有多少户人家？")
    assert a.found and "146" in a.answer
    assert a.answer.startswith("文中说的是青岭县，不是松林县。")


def test_a_wrong_city_of_a_counterpart_is_corrected_and_the_fact_given(bot):
    a = bot.ask("韩立军说和南充市水务局签订的合作协议有多少个具体项目？")
    assert a.found and "17" in a.answer and "丁州市" in a.answer and "不是南充市" in a.answer


def test_a_bare_place_name_is_another_place_and_is_not_answered(bot):
    a = bot.ask("南充今年新建多少亩高标准农田？")
    assert not a.found and "12" not in a.answer


def test_a_sentence_that_refers_back_by_the_head_word_is_about_the_named_thing(bot):
    a = bot.ask("云岩村一共有多少户人家？")
    assert a.found and "146" in a.answer
    assert _refers_back("这个村海拔约800米。", "云岩村")
    assert _refers_back("该项目总投资3亿元。", "滨江项目")
    assert not _refers_back("这个村海拔约800米。", "滨江项目")
    assert _refers_back("这个村海拔约800米。", "云岩", "记者走进云岩村。")


def test_the_head_of_an_organisation_by_a_word_for_it_is_the_one_who_is_no_deputy(bot):
    a = bot.ask("农业农村局的一把手在会上讲了些啥子")
    assert a.found and a.citations[0].speaker == "苏明远"
    topic = bot.ask("农业农村局一把手在会上对高标准农田说了啥")
    assert topic.found and "12万亩" in topic.answer and topic.citations[0].speaker == "苏明远"


def test_which_bodies_heads_spoke_lists_the_speakers_the_unnamed_ones_too(bot):
    a = bot.ask("会上一共有哪些部门的负责人发言汇报了？把名字都说一下")
    assert a.found and a.intent == "list_speakers"
    assert all(n in a.answer for n in ("韩立军", "苏明远", "贺云舟")) and "市气象局负责人" in a.answer


def test_words_of_an_unnamed_official_are_theirs_not_the_reporters(bot):
    a = bot.ask("“降雨可能偏多两成”是谁说的？")
    assert a.found and a.answer.startswith("是市气象局负责人（文中没有点名）")


def test_a_question_about_someones_requests_is_a_question_about_what_they_said(bot):
    a = bot.ask("苏明远提出了什么要求？")
    assert a.found and "苏明远" in a.answer and a.citations[0].speaker == "苏明远"


def test_a_replacement_place_must_have_the_wrong_places_level_and_not_be_the_documents_own():
    assert corrected_place("庚县的云岩村有几户？", "庚县", "记者走进青岭县石桥镇云岩村。", "甲州日报") == "青岭县"
    assert corrected_place("庚县的云岩村有几户？", "庚县", "记者走进甲州市的云岩村。", "甲州日报") == ""
    assert corrected_place("戊州有几户？", "戊州", "记者走进青岭县石桥镇云岩村。", "甲州日报") == ""
    # A place qualifying something else than what the question's place qualifies is no correction of it.
    assert corrected_place("南充市今年新增多少泊位？", "南充市", "市住建局会同市城管执法委新增泊位6800个。", "甲州日报") == ""


DECISION = """中共甲州市委关于加快建设山水旅游名城的决定.txt
中共甲州市委关于加快建设山水旅游名城的决定

（2025年3月6日中国共产党甲州市第五届委员会第八次全体会议通过）

一、总体要求

到2027年，全市接待游客突破8000万人次。

二、完善旅游设施

（一）畅通旅游交通。

1.加快通用机场建设，力争2026年建成通航。

2.开通景区直通车线路12条。

（二）提升公共服务。

1.新建旅游厕所60座。
"""


def test_a_clause_that_is_only_a_heading_is_answered_with_its_points(tmp_path):
    from tests.conftest import chatbot_for

    a = chatbot_for(tmp_path, DECISION).ask("第二部分第（一）条说了啥？")
    assert a.found and "畅通旅游交通" in a.answer and "通用机场" in a.answer and "直通车" in a.answer
    assert "旅游厕所" not in a.answer  # the next clause is not this one's


def test_a_persons_nth_statement_is_that_statement_and_a_missing_one_is_said_to_be_missing(tmp_path):
    from tests.conftest import DATA, knowledge_for

    src = next((DATA / "genres").glob("*新闻发布会.md"))
    (tmp_path / src.name).write_bytes(src.read_bytes())
    kb = knowledge_for(tmp_path)
    bot = Chatbot(kb, ExtractiveBackend(kb))
    person = max(kb.people, key=lambda p: len(p.statements))
    assert len(person.statements) >= 2
    last = bot.ask(f"{person.name}最后一个回答讲了什么？")
    assert last.found and person.statements[-1].text[:20] in last.answer.replace("\n", "")
    assert last.citations[0].speaker == person.name
    second = bot.ask(f"{person.name}第二次发言说了啥？")
    assert second.found and person.statements[1].text[:20] in second.answer.replace("\n", "")
    missing = bot.ask(f"{person.name}第九次发言说了什么？")
    assert not missing.found and "没有第九段" in missing.answer


def test_the_answer_to_the_nth_question_is_quoted_beyond_a_one_word_reply(tmp_path):
    from tests.conftest import DATA, knowledge_for

    src = next((DATA / "genres").glob("*新闻发布会.md"))
    (tmp_path / src.name).write_bytes(src.read_bytes())
    kb = knowledge_for(tmp_path)
    a = Chatbot(kb, ExtractiveBackend(kb)).ask("最后一个问题是谁回答的？")
    assert a.found and "回答：" in a.answer
    assert len(a.answer.split("回答：", 1)[1]) >= 40
