"""Round-6 attribution mechanisms, each on a self-written text (invented city, invented people).

The points of a speech set out in paragraphs of their own ("一是要…", "二是要…") stay the speaker's; a short
predicate that hands over by its colon ("店主某某感受最深：“…”") makes the words the person's; "某某，是…"
describes the person; a scene read through a quoted name ("指着“某某”牌匾说") and a pronoun in a scene
("他指着…说") both speak; "反映" reports speech; an age is no part of a role; "全媒体记者" names no outlet.
"""
from __future__ import annotations

from index.ingest.registry import build_registry
from tests.sentences import parse_text, who

MEETING = """某市外贸企业座谈会召开

11月3日，市政府召开外贸企业座谈会。市长苗立川主持会议并讲话。

某食品公司董事长祁敬松反映了运费上涨对利润的影响。他建议，市里组织企业集中议价。

苗立川在总结讲话中指出，外贸企业是开放型经济的主力军。他强调，各级各部门要帮助企业稳订单。

一是要全力稳住存量订单。要支持企业参加重点展会。

二是要加快培育新业态。各有关部门要主动靠前服务，帮助企业解决实际困难。

会议还通报了前三季度全市外贸运行情况。
"""


def test_the_points_of_a_speech_in_their_own_paragraphs_stay_the_speakers(tmp_path):
    doc = parse_text(tmp_path, MEETING, "某市人民政府_2025-11-04_外贸企业座谈会.txt")
    assert who(doc, "一是要全力稳住存量订单") == ("苗立川", "statement")
    assert who(doc, "要支持企业参加重点展会") == ("苗立川", "statement")
    assert who(doc, "各有关部门要主动靠前服务") == ("苗立川", "statement")
    # The series ends with a paragraph that is no point of it: the reporter again.
    assert who(doc, "会议还通报了前三季度") == (None, "narration")


def test_raising_a_concern_is_speech(tmp_path):
    doc = parse_text(tmp_path, MEETING, "某市人民政府_2025-11-04_外贸企业座谈会.txt")
    assert who(doc, "反映了运费上涨对利润的影响") == ("祁敬松", "statement")
    assert who(doc, "市里组织企业集中议价") == ("祁敬松", "statement")
    assert "祁敬松" in {p.name for p in build_registry([doc])}


STREET = """老街巷里的新生意

全媒体记者 许知远

说起街巷改造带来的变化，在老街经营包子铺多年的店主钟有福感受最深：“以前一下雨就积水。现在游客专门找过来。”

在街角开书店的95后店主温若溪，是去年街区招商时入驻的。店里的书签卖得很好。

某文创公司总经理裘望舒，是最早入驻的企业负责人之一。在公司的展厅里，他指着一排排样品说：“这些都是老街的元素。”

记者离开时，钟有福站在店门口，指着新挂上的“百年老店”牌匾说：“这块牌子我要一直挂下去。”
"""


def test_a_short_predicate_with_a_colon_hands_over_to_the_persons_words(tmp_path):
    doc = parse_text(tmp_path, STREET, "某城晚报_2025-08-20_老街巷里的新生意.txt")
    assert who(doc, "说起街巷改造带来的变化") == ("钟有福", "statement")
    assert who(doc, "现在游客专门找过来") == ("钟有福", "statement")


def test_a_person_described_with_a_copula_is_the_reporters_sentence(tmp_path):
    doc = parse_text(tmp_path, STREET, "某城晚报_2025-08-20_老街巷里的新生意.txt")
    assert who(doc, "是去年街区招商时入驻的") == (None, "narration")
    assert who(doc, "是最早入驻的企业负责人之一") == (None, "narration")


def test_a_scene_then_speech_speaks_through_a_quoted_name_and_after_a_place(tmp_path):
    doc = parse_text(tmp_path, STREET, "某城晚报_2025-08-20_老街巷里的新生意.txt")
    assert who(doc, "他指着一排排样品说") == ("裘望舒", "statement")
    assert who(doc, "站在店门口，指着新挂上的") == ("钟有福", "statement")


def test_an_age_is_no_part_of_a_role_and_a_kind_of_reporter_is_no_outlet(tmp_path):
    doc = parse_text(tmp_path, STREET, "某城晚报_2025-08-20_老街巷里的新生意.txt")
    titles = {p.name: p.titles for p in build_registry([doc])}
    assert titles["钟有福"] == ["店主"]
    assert doc.meta.outlet == "某城晚报"


FARM = """冷库进村

本报记者 林知夏

在半山镇的预冷中心，种植大户甘守田正忙着给刚入库的杨梅贴标签。

“以前杨梅摘下来一天就软了，只能便宜卖。”甘守田告诉记者，今年合作社用上了预冷库。

副县长闵若溪介绍，全县已在9个乡镇布局冷藏保鲜设施。据县农业农村局统计，今年全县经冷库预冷的杨梅达到1.2万吨。

当天，不少前来参观的企业代表和群众也对冷库给予肯定。
"""


def test_a_role_word_for_ordinary_people_introduces_a_speaker(tmp_path):
    doc = parse_text(tmp_path, FARM, "某县日报_2025-06-01_冷库进村.txt")
    assert who(doc, "以前杨梅摘下来一天就软了") == ("甘守田", "statement")
    assert who(doc, "今年合作社用上了预冷库") == ("甘守田", "statement")
    assert "甘守田" in {p.name for p in build_registry([doc])}


def test_figures_the_reporter_sources_to_a_body_end_the_speakers_words(tmp_path):
    doc = parse_text(tmp_path, FARM, "某县日报_2025-06-01_冷库进村.txt")
    assert who(doc, "全县已在9个乡镇布局") == ("闵若溪", "statement")
    assert who(doc, "据县农业农村局统计") == (None, "narration")


def test_two_kinds_of_people_joined_by_a_conjunction_are_no_titled_name(tmp_path):
    doc = parse_text(tmp_path, FARM, "某县日报_2025-06-01_冷库进村.txt")
    assert who(doc, "企业代表和群众也对冷库") == (None, "narration")
    assert not any(p.name.startswith("和") for p in build_registry([doc]))
