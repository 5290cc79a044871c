"""An official document's own facts (its number, who signed it, its date as written) and the numbered measures a
page sets out, each on a self-written text."""
from __future__ import annotations

import pytest

from bot.backends.extractive import ExtractiveBackend, _stated_count
from bot.chatbot import Chatbot

OPINION = """丁州市人民政府办公室关于加快推进农村快递进村的实施意见

丁政办〔2025〕9号

各县、区人民政府，市政府各部门：

为畅通农产品出村进城渠道，现提出如下实施意见。

一、总体要求

到2027年，建成村级快递服务点900个以上。

二、完善服务网络

（一）建设县级配送中心。每个县建成1个县级公共配送中心。

三、保障措施

（一）加强组织领导。建立联席会议制度。

各县、区人民政府要结合实际制定具体实施方案。

丁州市人民政府办公室
2025年5月6日
"""

PAGE = """<html><head><meta charset="utf-8"><title>《丁州市青年就业若干措施》政策解读</title></head><body>
<div class="nav">首页 &gt; 政策解读</div>
<h1>《丁州市青年就业若干措施》政策解读</h1>
<div class="info">来源：丁州市人力资源和社会保障局　发布时间：2025-03-02 09:00　浏览次数：512</div>
<div class="content">
<p>近日，丁州市人民政府办公室印发《丁州市青年就业若干措施》（丁府办〔2025〕4号），自2025年3月1日起施行。</p>
<h2>附：《若干措施》主要内容</h2>
<p>一、发放求职补贴。对困难高校毕业生按每人2000元发放。</p>
<p>二、实施扩岗补助。企业招用高校毕业生的，按每人1500元发放。</p>
<p>三、扩大见习规模。每年募集见习岗位800个，见习期3至12个月。</p>
<p>四、优化就业服务。每年举办招聘活动不少于60场。</p>
</div></body></html>
"""


def _bot(tmp_path, name, text):
    from tests.conftest import knowledge_for

    (tmp_path / name).write_text(text, encoding="utf-8")
    kb = knowledge_for(tmp_path)
    return kb, Chatbot(kb, ExtractiveBackend(kb))


def test_an_official_documents_number_and_signature_are_its_facts_not_its_text(tmp_path):
    kb, bot = _bot(tmp_path, "丁州市人民政府办公室关于加快推进农村快递进村的实施意见.txt", OPINION)
    meta = kb.documents[0].meta
    assert meta.number == "丁政办〔2025〕9号" and meta.outlet == "丁州市人民政府办公室"
    assert all("〔" not in s.title and s.title != "丁州市人民政府办公室" for s in kb.documents[0].sections)
    a = bot.ask("这个文件是哪个单位发的？文号多少？")
    assert a.found and "丁政办〔2025〕9号" in a.answer and "丁州市人民政府办公室印发" in a.answer
    assert any("丁政办〔2025〕9号" in c.passage for c in a.citations)
    assert "2025年5月6日" in bot.ask("这个文件是哪天印发的？").answer


def test_a_number_given_in_the_text_answers_for_the_document_a_page_reports(tmp_path):
    _, bot = _bot(tmp_path, "丁州市青年就业若干措施政策解读.html", PAGE)
    a = bot.ask("这个若干措施的文号是多少？")
    assert a.found and "丁府办〔2025〕4号" in a.answer and "丁州市人民政府办公室印发" in a.answer


def test_the_numbered_measures_of_a_page_are_a_list_of_its_own(tmp_path):
    _, bot = _bot(tmp_path, "丁州市青年就业若干措施政策解读.html", PAGE)
    third = bot.ask("第三条措施是什么内容？")
    assert third.found and "扩大见习规模" in third.answer and "800个" in third.answer
    assert "三、扩大见习规模" in third.citations[0].passage
    every = bot.ask("若干措施一共有几条？全部列出来，一条都不要漏")
    assert every.found and every.answer.startswith("共4条") and "优化就业服务" in every.answer
    assert not bot.ask("第六条措施是什么？").found


def test_a_count_in_a_do_not_miss_idiom_states_no_count():
    assert _stated_count("全部列出来，一条都不要漏", "条") == 0
    assert _stated_count("十大工程是哪些", "工程") == 10


@pytest.mark.parametrize("question", ["这个决定是哪天通过的?"])
def test_a_decisions_date_is_given_as_it_writes_it_with_the_line_that_says_it(tmp_path, question):
    from tests.conftest import DATA, DECISION, knowledge_for

    (tmp_path / DECISION).write_bytes((DATA / DECISION).read_bytes())
    kb = knowledge_for(tmp_path)
    a = Chatbot(kb, ExtractiveBackend(kb)).ask(question)
    written = next(c.text for c in kb.chunks if "年" in c.text and "通过" in c.text)
    assert a.found and any(c.passage in written or written[:20] in c.passage for c in a.citations)


MEETING = """丁州市政府召开常务会议

9月3日，市长闻景川主持召开市政府常务会议。

市交通运输局局长骆知行汇报了农村公路建设情况。他介绍，今年新改建农村公路320公里。

闻景川在总结讲话中指出，各地各部门要锚定全年目标。他就下一步工作提出三点要求。

一是全力推进重点项目。要紧盯省级重点项目，确保年底前完成投资。

二是着力破解停车难题。要推动机关内部停车场错时开放。

三是守牢安全生产底线。要加强重点时段巡查值守。
"""


def test_points_a_speaker_announces_are_named_by_the_announcement(tmp_path):
    _, bot = _bot(tmp_path, "丁州市人民政府_2025-09-04_常务会议.txt", MEETING)
    every = bot.ask("闻市长最后提了哪几点要求？全部列一下")
    assert every.found and every.answer.startswith("共3个要求") and "守牢安全生产底线" in every.answer
    assert every.citations[0].speaker == "闻景川"
    last = bot.ask("市长讲话里最后一条要求是啥")
    assert last.found and "守牢安全生产底线" in last.answer and "着力破解停车难题" not in last.answer


def test_finally_before_a_verb_is_no_ordinal():
    from bot.pipeline.slots import ordinal

    assert ordinal("市长最后提了哪几点要求？") is None
    assert ordinal("最后一条要求是啥").position == -1


def test_a_short_paragraph_asked_for_by_position_is_quoted_whole(tmp_path):
    _, bot = _bot(tmp_path, "丁州市人民政府办公室关于加快推进农村快递进村的实施意见.txt",
                  OPINION.replace("各县、区人民政府要结合实际制定具体实施方案。",
                                  "各县、区人民政府要结合实际制定具体实施方案。本意见有效期至2027年12月31日。"))
    a = bot.ask("文件最后一段说了什么？")
    assert a.found and "制定具体实施方案" in a.answer and "2027年12月31日" in a.answer


def test_a_clause_a_part_does_not_have_is_said_to_be_missing(tmp_path):
    _, bot = _bot(tmp_path, "丁州市人民政府办公室关于加快推进农村快递进村的实施意见.txt", OPINION)
    a = bot.ask("第三部分第（三）条讲的是什么？")
    assert not a.found and "第三部分只有一条" in a.answer and "没有第（三）条" in a.answer
    assert bot.ask("第三部分第（一）条讲的是什么？").found


def test_an_organisation_before_de_keeps_its_title_in_a_lookup():
    from bot.pipeline.understand import noun_phrase_tail

    assert noun_phrase_tail("市委改革办的主任") == "市委改革办的主任"
    assert noun_phrase_tail("出席会议的副市长") == "副市长"
