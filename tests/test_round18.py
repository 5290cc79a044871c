"""Round 18: a message that asks several things has each of its questions answered."""
from __future__ import annotations

import pytest

from bot.citations import Citation
from bot.models import Answer, Turn
from bot.pipeline.parts import answer_each, questions
from tests.conftest import chatbot_for

PLAN = """卯州市推进城乡供水一体化实施方案.txt
卯州市推进城乡供水一体化实施方案
一、主要目标
到2027年，全市农村自来水普及率达到96%，规模化供水工程覆盖农村人口比例达到85%。
二、重点任务
（一）改造老旧管网。2026年底前改造城区老旧供水管网260公里，漏损率降到9%以下。由市水务局牵头。
（二）建设水质检测中心。每个县区建成1个水质检测中心，每月向社会公布一次水质检测结果。由市卫生健康委牵头。
（三）提升服务热线。供水抢修热线96118全天24小时接听，城区抢修人员接报后2小时内到达现场。
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    """A plan whose measures each carry their own figures."""
    return chatbot_for(tmp_path_factory.mktemp("plan"), PLAN)


def test_two_questions_in_one_message_are_split_in_order():
    assert questions("今年要改造多少公里管网？漏损率要降到多少？") == ["今年要改造多少公里管网？", "漏损率要降到多少？"]


def test_told_sentences_stay_with_the_question_after_them():
    assert questions("我住城东。管网啥时候改？热线是多少？谢谢") == ["我住城东。管网啥时候改？", "热线是多少？谢谢"]


def test_a_message_with_one_question_or_a_quoted_one_is_not_split():
    assert questions("我家老人怕冷。暖气啥时候来？") == []
    assert questions("记者问：“明年还有哪些打算？”是谁答的？") == []


def test_a_string_of_many_marks_is_not_taken_for_questions():
    assert questions("啥？啥？啥？啥？") == []


class Scripted:
    """Answers each question from a table, as the chain would; remembers the history it was given."""

    def __init__(self, table: dict[str, Answer]):
        self.table = table
        self.histories: list[list[Turn]] = []

    def __call__(self, text: str, history) -> Answer:
        self.histories.append(list(history))
        return self.table[text]


def _found(text: str, passage: str) -> Answer:
    cite = Citation(passage=passage, speaker="", speaker_title="", section="", doc_title="方案", doc_id="d",
                    source_kind="narration", paragraph=1, start=0, end=len(passage))
    return Answer(answer=text, found=True, citations=[cite])


def test_a_found_answer_gets_the_answer_to_the_part_it_left_out():
    ask = Scripted({"甲有多少？": _found("甲有3个。", "甲有3个。"), "乙有多少？": _found("乙有5个。", "乙有5个。")})
    whole = _found("甲有3个。", "甲有3个。")
    out = answer_each(whole, "甲有多少？乙有多少？", [], ask)
    assert out.found and out.answer == "甲有3个。\n乙有5个。"
    assert [c.passage for c in out.citations] == ["甲有3个。", "乙有5个。"]
    # The second question is asked after the first, as a follow-up of it.
    assert ask.histories[0] == []
    assert ask.histories[1] == [Turn("user", "甲有多少？"), Turn("assistant", "甲有3个。")]


def test_parts_that_would_make_the_answer_a_dump_are_left_out():
    long_words = "张三说要修路，" * 60
    ask = Scripted({"甲局长是谁？": _found("甲局长是张三。", "甲局长是张三。"),
                    "他说了什么？": _found(long_words, long_words)})
    whole = _found("甲局长是张三，他说要建桥。", "甲局长是张三。")
    assert answer_each(whole, "甲局长是谁？他说了什么？", [], ask) is whole


def test_a_refusal_stands_unless_every_part_is_answered():
    refused = Answer(answer="文中未提及。", found=False)
    some = Scripted({"甲有多少？": _found("甲有3个。", "甲有3个。"), "丙呢？": refused})
    assert answer_each(refused, "甲有多少？丙呢？", [], some) is refused
    every = Scripted({"甲有多少？": _found("甲有3个。", "甲有3个。"), "乙呢？": _found("乙有5个。", "乙有5个。")})
    out = answer_each(refused, "甲有多少？乙呢？", [], every)
    assert out.found and "3个" in out.answer and "5个" in out.answer


def test_both_figures_of_a_two_question_message_are_answered(plan):
    a = plan.ask("城区老旧管网要改造多少公里？抢修热线号码是多少？")
    assert a.found and "260公里" in a.answer and "96118" in a.answer


def test_a_number_to_call_is_held_by_a_hotlines_short_number(plan):
    a = plan.ask("抢修热线号码是多少？")
    assert a.found and "96118" in a.answer


def test_a_short_number_after_the_word_phone_answers_which_number_to_call():
    from bot.pipeline.scope import holds_noun

    assert holds_noun("电话", "每个点都要公布投诉举报电话12315。")
    assert not holds_noun("电话", "每个点都要公布投诉举报方式。")


def test_a_phone_number_asked_for_is_still_missing_where_the_text_gives_none(plan):
    a = plan.ask("水质检测中心的咨询电话是多少？")
    assert not a.found
