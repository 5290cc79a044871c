"""Round 41: tables and lists that the parser used to read as headings read as what they are (a table's caption
heads the table, a two-column Markdown table is a table of fields, a run of short lines is a list under the line
before it), so that their text is passages that can be found and cited. Invented documents only."""
from __future__ import annotations

from pathlib import Path

from index.ingest.corpus import parse_document
from index.ingest.loader import html_to_lines, text_tables
from tests.conftest import chatbot_for

COMMENDATION = """甲市人民政府_2026-06-01_表彰决定.txt
甲市人民政府关于表彰防汛工作先进集体和先进个人的决定

各区人民政府，市政府各部门：

今年汛期，全市干部群众奋力抗洪，涌现出一批先进集体和先进个人。市政府决定予以表彰。

一、先进集体（3个）
市甲局
乙区人民政府
丙镇应急办
二、先进个人（3名）
邓某明 市甲局河湖科科长
易某华 乙区应急管理局副局长
柯某平 丙镇应急办主任

甲市防汛表彰大会召开

6月1日，全市防汛表彰大会召开。市长邓某文出席并讲话。
"""


def _parsed(tmp_path: Path, document: str):
    name, _, body = document.partition("\n")
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return parse_document(path, name, 20_000_000)


def test_a_run_of_short_lines_under_a_numbered_heading_is_its_list(tmp_path):
    doc = _parsed(tmp_path, COMMENDATION)
    by_title = {s.title: s for s in doc.sections}
    people = by_title["二、先进个人（3名）"]
    assert [p.text for p in people.paragraphs] == ["邓某明 市甲局河湖科科长", "易某华 乙区应急管理局副局长",
                                                   "柯某平 丙镇应急办主任"]
    assert all(p.item for p in people.paragraphs)
    assert [p.text for p in by_title["一、先进集体（3个）"].paragraphs] == ["市甲局", "乙区人民政府", "丙镇应急办"]
    # The heading of the news item below the list, with its own text, stays a heading.
    assert "甲市防汛表彰大会召开" in by_title
    # Paragraphs are numbered in document order, once each.
    numbers = [p.index for p in doc.paragraphs()]
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_person_in_a_list_holds_the_post_the_line_gives(tmp_path):
    bot = chatbot_for(tmp_path, COMMENDATION)
    answer = bot.ask("乙区应急管理局副局长是谁", [])
    assert answer.found and "易某华" in answer.answer
    assert any("易某华 乙区应急管理局副局长" in c.passage for c in answer.citations)


def test_a_line_of_a_name_then_a_post_names_a_person_and_prose_does_not():
    from index.ingest.names import listed_name_post

    person = listed_name_post("柯某平　丙镇应急办主任")
    assert person is not None and (person.name, person.title) == ("柯某平", "丙镇应急办主任")
    assert listed_name_post("会议 研究部署工作") is None  # no post at its end
    assert listed_name_post("柯某平说丙镇应急办主任要到岗。") is None


def test_names_after_a_keyed_lead_line_go_on_its_list(tmp_path):
    doc = _parsed(tmp_path, """甲市政府办_2026-05-01_会议纪要.txt
专题会议纪要

时  间：2026年5月1日
主  持：邓某明  市人民政府副市长
出  席：易某华  市人民政府副秘书长
柯某平  市甲局局长
姜某林  市乙局副局长
严某东  市丙局副局长

一、关于工作进展

会议听取了市甲局的汇报。
""")
    attendees = next(s for s in doc.sections if any(p.text.startswith("出  席") for p in s.paragraphs))
    texts = [p.text for p in attendees.paragraphs]
    assert texts[texts.index("出  席：易某华  市人民政府副秘书长") + 1:] == [
        "柯某平  市甲局局长", "姜某林  市乙局副局长", "严某东  市丙局副局长"]


def test_a_masthead_and_a_table_of_contents_keep_their_headings(tmp_path):
    doc = _parsed(tmp_path, """甲市简报_2026-05-01_工作简报.txt
工 作 简 报
第7期
甲市办公室编印

【本期要目】
◎甲县：新园区开工
◎乙县：劳务协作
◎丙局：快客加班

甲县：新园区开工

5月1日，甲县新园区开工。

乙县：劳务协作

乙县签订劳务协作协议。

丙局：快客加班

丙局城际快客增至每日60班。
""")
    titles = [s.title for s in doc.sections]
    assert "第7期" in titles and "甲市办公室编印" in titles
    # The contents' lines stand again as headings below: they are no list of their own.
    assert "◎乙县：劳务协作" in titles and "乙县：劳务协作" in titles


def test_a_tables_caption_heads_it_and_its_rows_read_as_sentences():
    lines, _ = html_to_lines(
        "<p>拟征收土地如下：</p><table><caption>土地面积表（单位：亩）</caption>"
        "<tr><th>权属单位</th><th>合计</th><th>耕地</th></tr>"
        "<tr><td>甲村</td><td>51.20</td><td>40.15</td></tr>"
        "<tr><td>乙村</td><td>36.16</td><td>29.47</td></tr></table>")
    text = "\n".join(x.lstrip("\x00HI") for x in lines)
    assert "土地面积表（单位：亩）" in text
    assert any("乙村" in x and "29.47" in x and "耕地" in x for x in lines)
    assert not any(x.strip("\x00H") == "合计" for x in lines)  # no header cell stands alone


def test_a_two_column_markdown_table_reads_as_fields_and_a_lone_bar_line_as_text():
    rows = ["| 项目 | 内容 |", "|---|---|", "| 事项名称 | 甲补贴申领 |", "| 承诺时限 | 10个工作日 |"]
    out = [x.removeprefix("\x00I") for x in text_tables(rows)]
    assert out == ["事项名称：甲补贴申领", "承诺时限：10个工作日"]
    assert text_tables(["上午 | 下午", "正文一句。"]) == ["上午 | 下午", "正文一句。"]


GUIDE = """甲市政务服务网_2026-05-01_乙补贴申领办事指南.md
# 乙补贴申领办事指南

## 一、申请材料

《乙补贴申请表》：原件1份。

居民身份证：原件核验。

社会保险缴费凭证：复印件1份。

## 二、办理流程

1. 申请：申请人在网上提交申请；

2. 初审：乡镇人社服务站在2个工作日内完成初审；

3. 复核：市就业服务中心在5个工作日内完成复核。

## 三、常见问题

问：个体工商户能申请吗？

答：个体工商户业主不属于补贴对象。

问：补贴多久到账？

答：公示结束后15个工作日内发放。
"""


def test_an_ordinal_after_a_headings_words_counts_the_entries_under_it(tmp_path):
    bot = chatbot_for(tmp_path, GUIDE)
    last = bot.ask("申请材料清单里排最后一项的是什么材料？", [])
    assert last.found and "缴费凭证" in last.answer and "申请材料" in last.answer
    assert any("缴费凭证" in c.passage for c in last.citations)
    third = bot.ask("办理流程的第三步是干啥的？", [])
    assert third.found and "复核" in third.answer and "初审" not in third.answer


def test_a_qa_entry_is_its_question_with_its_answer(tmp_path):
    bot = chatbot_for(tmp_path, GUIDE)
    answer = bot.ask("常见问题里第二个问的是啥？怎么答的", [])
    assert answer.found and "多久到账" in answer.answer and "15个工作日" in answer.answer
    assert "个体工商户" not in answer.answer


def test_an_entry_past_the_end_of_a_headed_list_is_said_not_to_exist(tmp_path):
    bot = chatbot_for(tmp_path, COMMENDATION)
    answer = bot.ask("先进个人名单里第五个是谁", [])
    assert not answer.found and "三" in answer.answer and "第五" in answer.answer


def test_a_chronicle_by_month_is_one_list_named_by_its_title_and_one_per_month(tmp_path):
    bot = chatbot_for(tmp_path, """甲县史志办_2026-01-10_甲县2025年大事记.md
# 甲县2025年大事记

## 1月

1月7日 县委全体会议召开。

1月15日 县人民代表大会召开。

## 2月

2月11日 重大项目集中开工。

2月26日 优化营商环境大会召开。

## 3月

3月12日 义务植树活动举行。

本月 县城新水厂完工。
""")
    first = bot.ask("这份大事记记的第一件事是什么？", [])
    assert first.found and "县委全体会议" in first.answer
    last = bot.ask("全年大事记最后一条记的是啥", [])
    assert last.found and "新水厂" in last.answer
    second = bot.ask("2月份记的第二件事是个什么会？", [])
    assert second.found and "营商环境" in second.answer


def test_a_headed_list_is_named_by_its_headings_words_and_not_by_others(tmp_path):
    from tests.conftest import knowledge_for

    name, _, body = GUIDE.partition("\n")
    (tmp_path / name).write_text(body, encoding="utf-8")
    outline = knowledge_for(tmp_path).outline
    named = outline.named_list("办理流程的第三步")
    assert named is not None and named.alias == "办理流程" and len(named.items) == 3
    assert outline.named_list("第三段讲了什么") is None


def test_an_ordinal_by_who_speaks_keeps_the_order_of_the_speakers(tmp_path):
    bot = chatbot_for(tmp_path, """甲市日报_2026-05-01_座谈会.txt
甲市召开企业家座谈会

座谈会发言摘要

甲局局长邓某明说：“我们将优化审批。”

乙局局长易某华说：“我们将加快项目落地。”

丙公司董事长柯某平说：“企业盼望更好的环境。”
""")
    answer = bot.ask("座谈会发言摘要里第二个发言的是谁？", [])
    assert answer.found and "易某华" in answer.answer


def test_a_list_of_short_entries_under_a_named_heading_is_listed_and_counted_whole(tmp_path):
    bot = chatbot_for(tmp_path, COMMENDATION)
    listed = bot.ask("先进个人名单里有哪些人", [])
    assert listed.found and all(n in listed.answer for n in ("邓某明", "易某华", "柯某平")) and "3名" in listed.answer
    counted = bot.ask("先进集体一共几个", [])
    assert counted.found and "共3个" in counted.answer and "丙镇应急办" in counted.answer


def test_a_qa_section_is_listed_by_its_questions(tmp_path):
    answer = chatbot_for(tmp_path, GUIDE).ask("常见问题都有哪些", [])
    assert answer.found and "个体工商户能申请吗" in answer.answer and "多久到账" in answer.answer
    assert "15个工作日" not in answer.answer and not answer.answer.endswith("？。")


LEADERS = """甲县乙局_2026-05-01_局领导.txt
局领导

邓某明　县乙局党组书记、局长

工作分工：主持局全面工作。分管办公室。

易某华　县乙局副局长

工作分工：负责种植业工作。分管种植业股。

柯某平　县乙执法大队大队长

工作分工：负责执法工作。分管执法大队。
"""


def test_a_wrong_post_checked_is_answered_citing_the_line_that_gives_the_right_one(tmp_path):
    answer = chatbot_for(tmp_path, LEADERS).ask("柯某平是乙局的副局长吗？", [])
    assert answer.found and answer.answer.startswith("不是") and "大队长" in answer.answer
    assert any("柯某平" in c.passage and "大队长" in c.passage for c in answer.citations)


def test_a_count_asked_in_a_counter_is_answered_by_the_sentence_that_counts_in_it(tmp_path):
    bot = chatbot_for(tmp_path, """甲市发布_2026-12-01_停水通知.txt
甲市城区停水通知

因供水管网改造，12月3日城区将停水一天。这次停水影响城区3个片区。

停水范围：乙路两侧，丙社区全域，停水影响居民约1.2万户。

停水期间设临时供水点3个。
""")
    answer = bot.ask("这次停水一共影响多少户？", [])
    assert answer.found and "1.2万户" in answer.answer
    assert "3个片区" not in answer.answer  # the sentence that counts in 片区 does not answer 多少户
    hits = bot.kb.searcher.search("这次停水一共影响多少户？", k=5)
    chosen = bot.kb.evidence.best("这次停水一共影响多少户？", hits)
    assert chosen is not None and "1.2万户" in chosen.text and "3个片区" not in chosen.text


def test_a_note_in_brackets_ends_a_run_so_a_signature_and_an_attached_title_stay_headings(tmp_path):
    doc = _parsed(tmp_path, """甲市政府办_2026-05-01_印发通知.txt
甲市人民政府办公室关于印发某方案的通知

各区人民政府：现将方案印发给你们，请认真贯彻执行。

甲市人民政府办公室
（此件公开发布）
甲市冷链物流三年行动方案

一、总体要求

到2027年，冷链体系基本建成。
""")
    titles = [s.title for s in doc.sections]
    assert "甲市冷链物流三年行动方案" in titles
    assert not any(p.listed for p in doc.paragraphs())


def test_the_lines_of_a_found_list_make_one_passage_not_one_each(tmp_path):
    from index.ingest.chunks import chunk_document

    chunks = chunk_document(_parsed(tmp_path, COMMENDATION))
    named = [c for c in chunks if "易某华" in c.text]
    assert len(named) == 1 and "邓某明" in named[0].text and "柯某平" in named[0].text
    assert named[0].section == "二、先进个人（3名）"



def test_a_question_word_alone_does_not_ask_for_the_entries_under_a_named_heading(tmp_path):
    bot = chatbot_for(tmp_path, """甲县乙局_2026-05-01_领导信息.txt
领导信息

邓某明

职务：党组书记、局长

出生年月：1971年9月

学历：研究生

易某华

职务：副局长

出生年月：1975年3月
""")
    answer = bot.ask("邓某明局长是哪里人？", [])
    assert not answer.answer.startswith("“邓某明”共")
    listed = bot.ask("邓某明那一栏都有哪些内容？全部列一下", [])
    assert listed.found and "1971年9月" in listed.answer and "研究生" in listed.answer


def test_a_count_of_a_lists_points_is_not_read_as_a_figures_counter():
    from bot.pipeline import scope

    assert scope.counts_a_list("项") and scope.counts_a_list("条")
    assert not scope.counts_a_list("户") and not scope.counts_a_list("辆")


def test_another_sentence_keeps_the_subject_only_with_the_specific_word_and_the_places():
    from bot.pipeline.evidence import keeps_subject

    terms = {"乙县": 3.0, "盐碱地": 2.5, "完成": 1.0}
    first = "乙县今年完成盐碱地改良工作。"
    assert not keeps_subject(terms, "乙县完成了多少亩盐碱地？", first, "今年全市完成盐碱地改良12.8万亩。")
    assert keeps_subject(terms, "乙县完成了多少亩盐碱地？", first, "乙县盐碱地改良面积达3.2万亩。")
