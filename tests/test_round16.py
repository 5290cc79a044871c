"""Round 16: review leftovers and this round's mechanisms (invented text)."""
from __future__ import annotations

import pytest

from tests.conftest import chatbot_for


def test_a_time_stamped_turn_names_its_asker_without_the_stamp():
    from bot.pipeline.outline import _turn_label

    body = "[10:12] 主持人：请问补贴什么时候发？\n[10:13] 钟远山：下个月。\n"
    assert _turn_label(body, body.index("请问")) == "主持人"
    body = "【09:58】网友“河畔小舟”：能领补贴吗？\n"
    assert _turn_label(body, body.index("能领")) == "网友“河畔小舟”"


PAGE = """丑州市人民政府网_2026-08-01_公积金新政政策问答.html
<html><head><meta charset="utf-8"><title>丑州市公积金新政政策问答</title></head><body>
<h1>《丑州市公积金支持租房若干措施》政策问答</h1>
<p>来源：市住房公积金管理中心　作者：艾青禾　发布时间：2026-08-01 09:30</p>
<p>近日，市住房公积金管理委员会印发《丑州市公积金支持租房若干措施》。</p>
<p><strong>一、为什么要出台《措施》？</strong></p>
<p>市住房公积金管理中心副主任卜晓岚介绍，全市新就业青年租房需求大，中心在调研中发现不少职工租房负担较重。</p>
<p><strong>二、租房提取额度提高到多少？</strong></p>
<p>卜晓岚说，提取额度由每月700元提高到1100元。</p>
<p><strong>三、在哪里办理？</strong></p>
<p>卜晓岚介绍，目前19项业务可以在手机上办理，也可以到市政务服务中心窗口办理。</p>
</body></html>
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """A Q&A page whose numbered headings are its questions."""
    return chatbot_for(tmp_path_factory.mktemp("page"), PAGE)


def test_a_qa_pages_numbered_question_headings_are_its_questions(page):
    a = page.ask("这篇问答的第二个问题问的是什么？")
    assert a.found and "租房提取额度提高到多少" in a.answer and "1100元" in a.answer
    assert "记者" not in a.answer.split("由")[0]  # the page asks its own questions, no reporter does


def test_the_number_of_a_pages_questions_is_counted_from_its_headings(page):
    a = page.ask("这个页面一共列了几个问题？")
    assert a.found and a.answer.startswith("共3个问题")


def test_the_day_a_qa_page_was_published_is_its_header_date(page):
    a = page.ask("这条政策问答是哪天发布的？")
    assert a.found and "2026年8月1日" in a.answer


BROADCAST = """辰州广播电视台_2026-09-10_民生访谈.txt
辰州广播电视台《民生访谈》实录
播出日期：2026年9月10日（星期四）晚7:30
录制地点：辰州广播电视台一号演播室
文字整理：辰州广播电视台融媒体中心　冉小舟
【导语】本期节目，主持人蒲一帆邀请到市民政局副局长勾晓雁走进演播室。
主持人：勾局长，今年的助餐点建得怎么样？
勾晓雁：今年全市建成社区助餐点120个，年底前还要再建30个。
"""


@pytest.fixture(scope="module")
def broadcast(tmp_path_factory):
    """A broadcast interview whose credits stand one field a line."""
    return chatbot_for(tmp_path_factory.mktemp("broadcast"), BROADCAST)


def test_when_and_where_of_a_broadcast_come_each_from_its_own_header_line(broadcast):
    a = broadcast.ask("这期节目是哪天播的？在哪录的？")
    assert a.found and "2026年9月10日" in a.answer and "一号演播室" in a.answer
    assert len(a.citations) == 2


def test_a_credit_asked_by_its_own_word_is_answered_from_the_header(broadcast):
    a = broadcast.ask("文字稿是谁整理的？")
    assert a.found and "冉小舟" in a.answer


def test_a_host_named_in_the_lead_is_the_host_and_a_second_credit_asked_with_it_is_given(broadcast):
    a = broadcast.ask("这期节目的主持人是谁？文字稿是谁整理的？")
    assert a.found and "蒲一帆" in a.answer and "冉小舟" in a.answer


def test_a_name_typo_glued_to_the_next_word_is_still_corrected(broadcast):
    a = broadcast.ask("勾晓燕说年底前还要再建几个助餐点？")
    assert a.found and "30个" in a.answer


REPORT = """寅州日报_2026-05-01_茶园里的新账本.txt
寅州日报　2026年5月1日
茶园里的新账本
本报记者　龚小雨
清晨，在北坡村的茶园里，茶农申大河放下剪刀，掰着指头算账：“今年鲜叶卖了两万多块，比去年多了一半。”
村第一书记柴晓峰和村民米秀兰站在地头，望着远处：“这片坡地以前是荒山。”
在申大河看来，日子越过越有奔头。
"""


def test_a_persons_gesture_before_a_colon_hands_over_to_their_quoted_words(tmp_path):
    from tests.sentences import parse_text, who

    doc = parse_text(tmp_path, REPORT.partition("\n")[2], REPORT.partition("\n")[0])
    assert who(doc, "今年鲜叶卖了两万多块") == ("申大河", "statement")
    # Two people before the gesture: the words are not one person's.
    assert who(doc, "这片坡地以前是荒山")[0] != "米秀兰"


def test_a_count_of_people_of_an_occupation_is_no_question_about_the_one_quoted_under_it(tmp_path):
    text = REPORT + "市农业农村局局长郝东明介绍，今年全市开展冬管培训52场，培训茶农3100人次。\n"
    bot = chatbot_for(tmp_path, text)
    a = bot.ask("冬管培训一共培训了多少茶农？")
    assert a.found and "3100" in a.answer
