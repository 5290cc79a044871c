"""Conversation state: follow-ups resolved from the previous questions and the previous answers."""
from __future__ import annotations

from index.models import Person

from bot.models import Turn
from bot.pipeline.condense import already_said, condense, is_refusal, named_people
from bot.pipeline.understand import TitleMatcher

PEOPLE = [Person("柏家林", ["市交通运输局局长"]), Person("韩立军", ["市民政局局长"]), Person("何雅琴", ["翠屏区区长"])]
TITLES = TitleMatcher(PEOPLE)
SECTIONS = ["交通畅联工程", "城市更新工程"]
REFUSAL = "文中未提及:收录的文件里没有能回答这个问题的内容。"


def _condense(q, history, **kw):
    return condense(q, history, PEOPLE, TITLES, SECTIONS, **kw)


def test_the_people_of_the_previous_answer_are_parsed_from_its_text():
    names = [p.name for p in named_people("——市民政局局长韩立军;市交通运输局局长柏家林表示", PEOPLE)]
    assert names == ["韩立军", "柏家林"]


def test_a_name_after_a_title_counts_even_when_the_registry_lacks_it():
    assert [p.name for p in named_people("市农业农村局局长周建华。", PEOPLE)] == ["周建华"]


def test_who_said_it_asks_who_said_what_the_last_question_was_about():
    s = _condense("是谁讲的?", [Turn("user", "高速公路要建几条?"), Turn("assistant", "今年将开工建设两条高速公路。")])
    assert s.rewritten and s.text.startswith("高速公路要建几条") and "谁说" in s.text


def test_more_please_repeats_the_question_and_excludes_what_was_said():
    said = "今年将开工建设两条高速公路。"
    s = _condense("还有呢?", [Turn("user", "交通方面有什么打算?"), Turn("assistant", said)])
    assert s.text == "交通方面有什么打算?" and s.exclude_passages == [said]


def test_who_else_excludes_the_people_already_named():
    s = _condense("城市更新那部分还有谁讲了?", [Turn("user", "市民政局局长是谁?"), Turn("assistant", "市民政局局长是韩立军。")])
    assert s.exclude_people == ["韩立军"] and "韩立军" not in s.context


def test_what_about_x_swaps_the_person_of_the_previous_question():
    s = _condense("那何雅琴呢?", [Turn("user", "柏家林说了什么?"), Turn("assistant", "柏家林表示,…")])
    assert s.text == "何雅琴说了什么?"


def test_what_about_x_swaps_a_place_of_the_previous_question():
    s = _condense("那乙县呢?", [Turn("user", "甲县有多少人口?"), Turn("assistant", "甲县有十万人。")],
                  vocabulary=["甲县", "乙县"])
    assert s.text == "乙县有多少人口?"


def test_the_two_of_them_are_the_two_people_of_the_previous_answers():
    history = [Turn("user", "谁管交通?"), Turn("assistant", "市交通运输局局长柏家林。"),
               Turn("user", "社区呢?"), Turn("assistant", "市民政局局长韩立军。")]
    s = _condense("他们俩说的有啥不一样?", history)
    assert s.text.startswith("柏家林和韩立军")


def test_a_refusal_does_not_wipe_the_person_the_conversation_is_about():
    history = [Turn("user", "市民政局局长是谁?"), Turn("assistant", "市民政局局长是韩立军。"),
               Turn("user", "他喜欢什么颜色?"), Turn("assistant", REFUSAL)]
    s = _condense("他说了社区的什么?", history)
    assert s.text == "韩立军说了社区的什么?" and s.focus.name == "韩立军"


def test_the_section_of_the_previous_answer_is_carried_into_a_deictic_question():
    s = _condense("这个工程要花多少钱?", [Turn("user", "城市更新怎么做?"), Turn("assistant", "城市更新工程要求……")])
    assert s.deictic and "城市更新工程" in s.context


def test_a_question_without_history_is_left_alone():
    assert _condense("八大行动是什么?", []).text == "八大行动是什么?"


def test_a_refusal_is_recognised():
    assert is_refusal(REFUSAL) and not is_refusal("市民政局局长是韩立军。")


def test_a_passage_already_quoted_counts_as_said():
    assert already_said("今年将开工建设两条高速公路。明年再建一条。", ["据报道,今年将开工建设两条高速公路。"])
    assert not already_said("明年再建一条新的高速公路。", ["据报道,今年将开工建设两条高速公路。"])


def test_a_short_question_naming_no_subject_asks_about_the_subject_of_the_question_before():
    s = _condense("最多能领多久?", [Turn("user", "青年人才安居补贴有哪几档?"), Turn("assistant", "本科每月800元，硕士每月1500元。")])
    assert s.text.startswith("青年人才安居补贴") and "多久" in s.text


def test_a_short_question_with_its_own_subject_is_left_alone():
    s = _condense("咨询电话是多少?", [Turn("user", "青年人才安居补贴有哪几档?"), Turn("assistant", "本科每月800元。")])
    assert s.text == "咨询电话是多少?"


def test_a_refusal_gives_no_subject_to_carry():
    s = _condense("最多能领多久?", [Turn("user", "青年人才安居补贴有哪几档?"), Turn("assistant", "文中未提及：收录的文件里没有能回答这个问题的内容。")])
    assert s.text == "最多能领多久?"


def test_a_thing_pointed_at_is_the_subject_of_the_question_before():
    history = [Turn("user", "社区长者食堂的餐费补贴有多少?"), Turn("assistant", "每餐补贴3元。")]
    s = _condense("那这件事是哪个部门牵头负责?", history)
    assert s.text.startswith("社区长者食堂的餐费补贴") and "牵头" in s.text and "这件事" not in s.text
    s = _condense("那它一天能处理多少吨?", [Turn("user", "餐厨垃圾处理项目建在哪里?"), Turn("assistant", "位于东区。")])
    assert s.text.startswith("餐厨垃圾处理项目") and "它" not in s.text
