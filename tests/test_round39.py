"""Round 39: an official title set over two lines is one title; the meeting a report is about, named before the verb
that it was held; a paragraph signed at its end by a post and a name is that person's; a microblog thread's comments
are asked, its accounts' replies are the page's own voice."""
from __future__ import annotations

from pathlib import Path

from index.ingest.corpus import parse_document
from index.models import SourceKind
from tests.conftest import chatbot_for


def _parsed(folder: Path, document: str):
    name, _, body = document.partition("\n")
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return parse_document(path, "doc", 1_000_000)


# An invented decision whose title is set over two lines under the masthead and the document number.
DECISION = """中共甲市委_2026-05-01_关于建设乙城的决定.txt
中共甲市委文件

甲发〔2026〕3号

中共甲市委关于全面融入丙城市群建设
加快打造丁河谷增长极的决定

（2026年5月1日中国共产党甲市第三届委员会第九次全体会议通过）

一、总体要求

到2030年，全市地区生产总值达到900亿元。
"""

# The same title with no masthead: its two lines open the document.
BARE_DECISION = """中共甲市委_2026-05-01_关于建设乙城的决定.txt
中共甲市委关于全面融入丙城市群建设
加快打造丁河谷增长极的决定

（2026年5月1日中国共产党甲市第三届委员会第九次全体会议通过）

一、总体要求

到2030年，全市地区生产总值达到900亿元。
"""


def test_an_official_title_set_over_two_lines_is_one_title(tmp_path):
    whole = "中共甲市委关于全面融入丙城市群建设加快打造丁河谷增长极的决定"
    assert _parsed(tmp_path, DECISION).meta.title == whole
    (tmp_path / "b").mkdir()
    assert _parsed(tmp_path / "b", BARE_DECISION).meta.title == whole


def test_a_one_line_title_under_its_issuer_stays_as_it_is(tmp_path):
    notice = """甲市人民政府办公室_2026-05-01_关于做好戊工作的通知.txt
甲市人民政府办公室文件

甲府办发〔2026〕7号

关于做好戊工作的通知

各区人民政府：现就做好戊工作通知如下。
"""
    assert _parsed(tmp_path, notice).meta.title == "关于做好戊工作的通知"


# An invented news page on a meeting: the meeting's name is the subject of the headline and of the first sentence.
MEETING = """甲市人民政府网_2026-05-01_全市戊己暨庚辛工作推进会召开.txt
全市戊己暨庚辛工作推进会召开

来源：甲市融媒体中心　发布时间：2026-05-01 09:00

4月30日下午，全市戊己暨庚辛工作推进会在市行政中心召开。副市长邓某明出席会议并讲话，市政府副秘书长易某华主持会议。

会上，市乙局局长孔某平通报了工作进展。今年全市计划完成改造120个。
"""


def test_the_meeting_a_report_is_about_is_named_in_full(tmp_path):
    bot = chatbot_for(tmp_path, MEETING)
    for question in ("这次会议的全称叫啥？", "这次大会全称叫什么？"):
        answer = bot.ask(question, [])
        assert answer.found and "全市戊己暨庚辛工作推进会" in answer.answer, question


# An invented microblog thread: the account's post, comments under handles, the accounts' replies, one signed.
THREAD = """甲市人民政府网_2026-05-01_政务微博存档停水通知.txt
【停水通知】城区管网改造停水

@甲市发布（甲市政务微博）2026-05-01 18:30

因管网改造，5月4日9:00至5月5日3:00，乙街道部分区域暂停供水，涉及居民约8000户。

@山下的小孔：为啥白天停？中午还要煮饭。

@甲市水务局 回复 @山下的小孔：焊接和冲洗都需要白天施工，请您理解。我们设置了3个临时供水点。

@开店的老易：停一整天，生意咋做？

@甲市水务局 回复 @开店的老易：施工时间已避开周末营业高峰，我们将优先保障餐饮商户的临时用水。——市水务局副局长　邓某明
"""


def test_a_paragraph_signed_at_its_end_is_the_signers(tmp_path):
    doc = _parsed(tmp_path, THREAD)  # parsing attributes every sentence
    sentences = [s for _, _, s in doc.sentences()]
    signed = [s for s in sentences if "餐饮商户" in s.text]
    assert signed and all(s.speaker and s.speaker.name == "邓某明" for s in signed)
    assert all(s.speaker is None for s in sentences if s.text.startswith("——"))


def test_a_threads_comments_are_asked_and_unsigned_replies_are_the_pages_voice(tmp_path):
    doc = _parsed(tmp_path, THREAD)  # parsing attributes every sentence
    sentences = [s for _, _, s in doc.sentences()]
    asked = [s for s in sentences if "煮饭" in s.text or "生意咋做" in s.text]
    assert asked and all(s.kind == SourceKind.QUESTION for s in asked)
    reply = [s for s in sentences if s.text.startswith("@甲市水务局 回复 @山下的小孔")]  # the page shows whose it is
    assert reply and all(s.speaker is None and s.kind == SourceKind.NARRATION for s in reply)


# An invented leaders' page: a roster line, then one entry per leader with fields and parts of its own.
LEADERS = """甲市乙局_2026-05-01_领导之窗.md
# 甲市乙局领导之窗

更新时间：2026-05-01

党组成员、副局长：易某华　孔某平

## 邓某明

职务：局长、党组书记

出生年月：1972年3月

### 简历

1994年参加工作，2023年6月任甲市乙局局长。

### 工作分工

主持局全面工作。分管办公室、财务科。

## 易某华

职务：副局长、党组成员

### 简历

2000年参加工作，历任甲市乙局规划科科长。她于2024年1月任甲市乙局副局长。

### 工作分工

负责规划建设、项目管理工作。分管规划科、项目服务中心。联系戊区、己县。

## 孔某平

职务：副局长、党组成员

### 工作分工

负责人事、安全生产和信访工作。分管人事科、安全监督科。联系庚县。

## 柳某强

职务：总工程师

### 工作分工

负责技术标准、科技创新工作。分管科技信息科。
"""


def test_a_leaders_page_profiles_each_leader_with_the_parts_under_their_heading(tmp_path):
    from index.ingest.profiles import profiles

    doc = _parsed(tmp_path, LEADERS)
    found = {p.name: p for p in profiles(doc)}
    assert list(found) == ["邓某明", "易某华", "孔某平", "柳某强"]
    assert found["易某华"].posts == ("副局长", "党组成员")
    entry = doc.body[found["易某华"].start:found["易某华"].end]
    assert "规划科" in entry and "安全监督科" not in entry  # the entry runs to the next person's heading


def test_profile_fields_are_no_speaker_labels(tmp_path):
    doc = _parsed(tmp_path, LEADERS)
    assert all(s.speaker is None for _, _, s in doc.sentences())


def test_who_holds_a_post_or_a_duty_on_a_leaders_page(tmp_path):
    bot = chatbot_for(tmp_path, LEADERS)
    assert "邓某明" in bot.ask("局长是谁？", []).answer
    assert "柳某强" in bot.ask("总工程师叫什么", []).answer
    deputies = bot.ask("副局长是谁", [])
    assert "易某华" in deputies.answer and "孔某平" in deputies.answer
    duty = bot.ask("联系庚县的是谁", [])
    assert duty.found and duty.answer.startswith("是孔某平")
    post = bot.ask("孔某平是干什么的", [])
    assert post.found and "副局长" in post.answer and "职务：" in post.citations[0].passage
    assert bot.ask("柳某强是副局长吗？", []).answer.startswith("不是")


def test_a_profiled_persons_duties_come_from_their_own_entry(tmp_path):
    bot = chatbot_for(tmp_path, LEADERS)
    answer = bot.ask("易某华副局长联系哪几个区县？", [])
    assert answer.found and "戊区" in answer.answer and "庚县" not in answer.answer
    roster = bot.ask("一共有几位局领导？", [])
    assert roster.found and "4位" in roster.answer


def test_a_profiles_pronoun_says_the_leaders_sex(tmp_path):
    bot = chatbot_for(tmp_path, LEADERS)
    answer = bot.ask("这几个局领导里面哪个是女的？", [])
    assert "易某华" in answer.answer and "邓某明" not in answer.answer


# An invented personnel notice in the genre's two forms: a verb per line, and a lead line over its items.
NOTICE = """甲市人民政府_2026-05-01_关于邓某明等同志职务任免的通知.txt
甲市人民政府关于邓某明等同志职务任免的通知

甲府人〔2026〕5号

经市人民政府研究决定：

任命：
邓某明为甲市乙局局长；
易某华为甲市丙局副局长（试用期一年）；
孔某平为甲市丁委员会副主任。

免去：
孔某平的甲市乙局副局长职务；
戴某尔的甲市乙局局长职务（退休）。

任命柳某强为甲市戊中心主任，免去其甲市戊中心副主任职务。

甲市人民政府
2026年5月1日
"""


def test_appointments_and_removals_are_read_in_both_forms(tmp_path):
    from index.ingest.appointments import APPOINTED, REMOVED, appointments

    found = [(a.name, a.post, a.action, a.note) for a in appointments(_parsed(tmp_path, NOTICE))]
    assert ("易某华", "甲市丙局副局长", APPOINTED, "试用期一年") in found
    assert ("戴某尔", "甲市乙局局长", REMOVED, "退休") in found
    assert ("柳某强", "甲市戊中心副主任", REMOVED, "") in found  # 其: the one the clause just appointed


def test_who_holds_a_post_after_a_personnel_notice(tmp_path):
    bot = chatbot_for(tmp_path, NOTICE)
    head = bot.ask("乙局局长是谁", [])
    assert head.found and "邓某明" in head.answer and "戴某尔" not in head.answer
    assert bot.ask("戴某尔是乙局局长吗", []).answer.startswith("不是")
    before = bot.ask("孔某平原来是干什么的", [])
    assert "甲市丁委员会副主任" in before.answer and "甲市乙局副局长" in before.answer
    listed = bot.ask("这次任命了哪些人", [])
    assert listed.found and all(n in listed.answer for n in ("邓某明", "易某华", "孔某平", "柳某强"))
    assert "戴某尔" not in listed.answer


def test_a_body_named_loosely_finds_its_new_head(tmp_path):
    bot = chatbot_for(tmp_path, NOTICE)
    answer = bot.ask("丙局新来的副局长是哪个？", [])
    assert answer.found and "易某华" in answer.answer


def test_another_places_appointments_are_not_these(tmp_path):
    bot = chatbot_for(tmp_path, NOTICE)
    assert not bot.ask("南京市这次任命了哪些人？", []).found  # a place the tagger knows; the notice is 甲市's


def test_a_table_of_key_and_value_pairs_reads_as_fields():
    from index.ingest.loader import html_to_lines

    lines, _ = html_to_lines("<table><tr><th>姓名</th><td>邓某明</td><th>职务</th><td>局长</td></tr>"
                             "<tr><th>出生年月</th><td>1972年3月</td><th>学历</th><td>研究生</td></tr></table>")
    text = "\n".join(lines)
    assert "姓名：邓某明" in text and "职务：局长" in text and "学历：研究生" in text


def test_a_lead_in_sentence_is_answered_with_the_items_it_announces(tmp_path):
    doc = """甲市日报_2026-05-01_部署会.txt
甲市召开冬季工作部署会

市长邓某明说。他对下一阶段工作作出三项安排：

一是抓好冬季管理；二是加快老园更新；三是拓宽销售渠道。
"""
    bot = chatbot_for(tmp_path, doc)
    answer = bot.ask("市长部署的三项工作都有哪些？一条一条列出来", [])
    assert answer.found and "加快老园更新" in answer.answer and "拓宽销售渠道" in answer.answer
    assert not answer.answer.startswith("：")


def test_a_plain_text_leaders_page_with_duties_in_a_field_line(tmp_path):
    from index.ingest.profiles import profiles

    page = """甲县乙局_2026-05-01_领导之窗.txt
领导之窗

邓某明　县乙局党组书记、局长

邓某明，1974年3月出生，汉族，大学学历。2019年3月起任甲县乙局局长。
工作分工：主持局全面工作。分管办公室。联系城关镇。

易某华　县乙局党组成员、总畜牧师

易某华，1979年5月出生，汉族，高级畜牧师。
工作分工：负责畜牧兽医工作。分管畜牧兽医股。
"""
    found = {p.name: p.posts for p in profiles(_parsed(tmp_path, page))}
    assert found == {"邓某明": ("县乙局党组书记", "局长"), "易某华": ("县乙局党组成员", "总畜牧师")}


def test_a_related_article_printed_whole_is_read_and_a_list_of_links_is_not(tmp_path):
    page = """甲市人民政府_2026-05-01_关于邓某明等同志职务任免的通知.html
<html><head><title>关于邓某明等同志职务任免的通知</title></head><body>
<div class="article"><h1>关于邓某明等同志职务任免的通知</h1>
<p>任命邓某明为甲市乙局局长；</p><p>任命易某华为甲市丙局副局长。</p></div>
<div class="related"><h3>相关新闻</h3><h2>市政府召开第九次常务会议</h2>
<p>5月1日下午，市长孔某平主持召开市政府第九次常务会议，研究决定了一批人事任免事项，任命邓某明为甲市乙局局长。</p>
<p>孔某平在讲话中要求，新任职的同志要尽快熟悉情况、进入角色，把为民服务的初心落实到每一项工作中。</p></div>
<div class="related"><h3>相关信息</h3><ul><li><a href="#">甲市第八次常务会议纪要</a></li>
<li><a href="#">甲市公开遴选公告</a></li></ul></div>
</body></html>
"""
    from index.ingest.appointments import appointments

    doc = _parsed(tmp_path, page)
    assert "孔某平在讲话中要求" in doc.body and "公开遴选公告" not in doc.body
    said = [s for _, _, s in doc.sentences() if "尽快熟悉情况" in s.text]
    assert said and said[0].speaker and said[0].speaker.name == "孔某平"
    # the news lists an appointment the notice already records: once
    assert [(a.name, a.post) for a in appointments(doc)] == [("邓某明", "甲市乙局局长"), ("易某华", "甲市丙局副局长")]
