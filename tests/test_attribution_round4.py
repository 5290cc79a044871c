"""Round-4 attribution mechanisms, each on a self-written text (invented city, invented people).

A 问：/答： page whose one interviewee is introduced in the narration above the questions; 她 skipping an
unnamed official whose gender the text never showed; the sentence after "“……”某某说。" back in the
reporter's voice; a question the host relays; a quoted phrase inside a speech report ("结合“某某”改革谈了
体会"); a reply whose topic opens the sentence ("针对…问题，TITLE NAME作了回应"); the title from a
speaker's own label over the host's fuller one; page info fields in separate inline elements.
"""
from __future__ import annotations


from index.ingest.registry import build_registry
from tests.sentences import parse_text, who

QA_PAGE = """<html><head><meta charset="utf-8"><title>某市养老服务补贴政策解读 - 某市人民政府</title></head><body>
<div class="crumbs">首页 » 政策解读</div>
<h1>某市养老服务补贴政策解读</h1>
<div class="info">
  <span>来源：某市人民政府网</span>
  <span>作者：林望舒</span>
  <span>发布时间：2024-03-02 10:00</span>
  <span>浏览次数：512</span>
</div>
<div class="content">
<p>近日，市政府印发养老服务补贴办法。办法有哪些新变化？记者就此专访了市民政局副局长方怀远。</p>
<p><strong>问：这次调整的重点是什么？</strong></p>
<p>答：重点是扩大补贴范围。八十周岁以上的老人都能领取补贴。</p>
<p><strong>问：申请需要准备哪些材料？</strong></p>
<p>答：只需要身份证。其余信息由部门之间共享核验。</p>
<p><strong>社区服务同步跟进</strong></p>
<p>市卫生健康委员会副主任苏晓雯介绍，全市社区卫生服务中心将开设老年门诊。她说，今年将培训家庭医生300人。</p>
<p>记者从市财政局了解到，补贴资金已足额安排。该局负责人表示，资金将按季度拨付。该负责人提醒，老人不要轻信代办收费。</p>
<p>她还提到，各社区将设立健康咨询点。</p>
</div>
<div class="editor">责任编辑：邵云帆</div>
</body></html>
"""

BRIEFING = """# 某市新闻发布会

主持人：各位记者朋友，大家好！今天我们邀请到市交通运输局党组成员、副局长包振宇，市公安局交警支队副支队长闵少华，请他们介绍有关情况。

**市交通运输局副局长 包振宇**：谢谢主持人。今年全市新开公交线路十二条。

主持人：今天还收到了网友的留言。有网友留言问，夜间公交能不能再延长运营时间，这个问题请包局长来回答。

包振宇：这个问题我们正在研究。今年将有五条线路延长到晚上十一点。
"""

MEETING = """某市召开民营企业座谈会

5月8日，市政府召开民营企业座谈会。

某某机械有限公司董事长郝文涛谈到了融资问题。“贷款审批时间太长。”郝文涛说。

针对企业反映的融资问题，市地方金融监督管理局副局长钮建华逐一作了回应。他表示，将组织银行开展上门对接。

某县副县长尤丽娟结合该县“园区贷”试点谈了体会。她说，试点以来已放贷两亿元。

市发展改革委副主任宓志刚随后发言。
"""


def test_bare_answers_on_a_qa_page_belong_to_the_one_interviewee_introduced_above_the_questions(tmp_path):
    doc = parse_text(tmp_path, QA_PAGE, "page.html")
    assert who(doc, "重点是扩大补贴范围") == ("方怀远", "statement")
    assert who(doc, "其余信息由部门之间共享核验") == ("方怀远", "statement")
    assert who(doc, "这次调整的重点是什么") == (None, "question")
    assert who(doc, "全市社区卫生服务中心将开设老年门诊") == ("苏晓雯", "statement")


def test_she_skips_an_unnamed_official_whose_gender_the_text_never_showed(tmp_path):
    doc = parse_text(tmp_path, QA_PAGE, "page.html")
    assert who(doc, "资金将按季度拨付") == ("", "statement")
    assert who(doc, "各社区将设立健康咨询点") == ("苏晓雯", "statement")


NEWS = """某市今年将新建口袋公园30处

记者从市园林局获悉，今年我市将新建口袋公园30处。该局负责人介绍，新建公园将优先布局在老城区。“今年的公园一定让市民走几步就能到。”该负责人在接受采访时说。按照计划，首批公园将于5月全部开工。

市住建局局长冷远舟表示，将同步改造周边道路。“路通了，公园才用得上。”冷远舟说。按照要求，施工期间须设置围挡。
"""


def test_the_sentence_after_a_quotation_closed_by_its_speaker_is_the_reporters_again(tmp_path):
    doc = parse_text(tmp_path, NEWS, "news.txt")
    assert who(doc, "新建公园将优先布局在老城区") == ("", "statement")
    assert who(doc, "今年的公园一定让市民") == ("", "statement")
    assert who(doc, "首批公园将于5月全部开工") == (None, "narration")
    assert who(doc, "路通了，公园才用得上") == ("冷远舟", "statement")
    assert who(doc, "施工期间须设置围挡") == (None, "narration")


def test_page_info_fields_in_separate_inline_elements_are_split(tmp_path):
    doc = parse_text(tmp_path, QA_PAGE, "page.html")
    assert doc.meta.outlet == "某市人民政府网"
    assert doc.meta.reporters == ["林望舒"]
    assert (doc.meta.published or "").startswith("2024-03-02")


def test_a_question_the_host_relays_is_a_question(tmp_path):
    doc = parse_text(tmp_path, BRIEFING, "briefing.md")
    assert who(doc, "有网友留言问，夜间公交") == (None, "question")
    assert who(doc, "今天还收到了网友的留言") == (None, "narration")
    assert who(doc, "这个问题我们正在研究") == ("包振宇", "statement")


def test_the_title_of_a_speakers_own_label_is_kept_over_the_hosts_fuller_one(tmp_path):
    doc = parse_text(tmp_path, BRIEFING, "briefing.md")
    titles = {p.name: p.titles for p in build_registry([doc])}
    assert "市交通运输局副局长" in titles["包振宇"]


def test_a_reply_whose_topic_opens_the_sentence_is_a_statement(tmp_path):
    doc = parse_text(tmp_path, MEETING, "meeting.txt")
    assert who(doc, "逐一作了回应") == ("钮建华", "statement")
    assert who(doc, "将组织银行开展上门对接") == ("钮建华", "statement")
    assert who(doc, "随后发言") == (None, "narration")


def test_a_quoted_phrase_inside_a_speech_report_does_not_end_it(tmp_path):
    doc = parse_text(tmp_path, MEETING, "meeting.txt")
    assert who(doc, "试点谈了体会") == ("尤丽娟", "statement")
    assert who(doc, "试点以来已放贷两亿元") == ("尤丽娟", "statement")
