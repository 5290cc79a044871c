"""Round 42: a table whose rows are grouped by rows that span all its columns reads each group row as a heading and
each data row as a sentence under it; such a group's entries are listed by their names; a frequent everyday word is
no person's name. Invented documents only."""
from __future__ import annotations

from pathlib import Path

from index.ingest.corpus import parse_document
from index.ingest.loader import html_to_lines, text_tables
from tests.conftest import chatbot_for

PROJECTS_PAGE = """甲市发展和改革局_2026-03-01_项目名单.html
<html><head><title>甲市2026年重点项目名单</title></head><body><h1>甲市2026年重点项目名单</h1>
<p>现将名单公布如下。全市共安排重点项目3个。</p>
<table><thead><tr><th>序号</th><th>项目名称</th><th>业主单位</th><th>总投资（亿元）</th><th>建设年限</th><th>包联市领导</th></tr></thead>
<tr><td colspan="6">一、产业项目（2个）</td></tr>
<tr><td>1</td><td>甲园区一期</td><td>甲市乙公司</td><td>4.5</td><td>2026—2027</td><td>邓某明</td></tr>
<tr><td>2</td><td>乙工厂扩建工程</td><td>丙公司</td><td>3.0</td><td>2026—2028</td><td>邓某明</td></tr>
<tr><td colspan="6">二、民生项目（1个）</td></tr>
<tr><td>3</td><td>丙医院新院区</td><td>市卫健委</td><td>2.0</td><td>2025—2027</td><td>柯某平</td></tr>
<tr><td colspan="6">注：名单实行动态管理。</td></tr>
</table><p>甲市发展和改革局 2026年3月1日</p></body></html>
"""


def _parsed(tmp_path: Path, document: str):
    name, _, body = document.partition("\n")
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return parse_document(path, name, 20_000_000)


def test_a_full_width_row_between_data_rows_heads_the_rows_after_it():
    lines, _ = html_to_lines(PROJECTS_PAGE.partition("\n")[2])
    table = lines[lines.index("\x00H一、产业项目（2个）"):]
    assert table[1] == "\x00I甲园区一期：业主单位：甲市乙公司，总投资4.5亿元，建设年限：2026—2027，包联市领导：邓某明。"
    assert table[3] == "\x00H二、民生项目（1个）"
    # A full-width row after the last data row is a note under the table, not a heading.
    assert table[5] == "注：名单实行动态管理。"


def test_a_markdown_table_with_group_rows_reads_the_same_way():
    lines = ["| 序号 | 项目名称 | 业主单位 | 总投资（亿元） |", "|---|---|---|---|", "| 一、产业项目 | | | |",
             "| 1 | 甲园区一期 | 甲公司 | 4.5 |", "| 2 | 乙工厂 | 乙公司 | 3.0 |", "| 二、民生项目 | | | |",
             "| 3 | 丙医院 | 市卫健委 | 2.0 |", "后文。"]
    assert text_tables(lines) == ["\x00H一、产业项目", "\x00I甲园区一期：业主单位：甲公司，总投资4.5亿元。",
                                  "\x00I乙工厂：业主单位：乙公司，总投资3.0亿元。", "\x00H二、民生项目",
                                  "\x00I丙医院：业主单位：市卫健委，总投资2.0亿元。", "后文。"]


def test_a_table_that_groups_nothing_still_reads_its_rows():
    lines = ["| 项目 | 业主单位 | 总投资（亿元） |", "|---|---|---|", "| 甲园区 | 甲公司 | 4.5 |",
             "| 乙工厂 | 乙公司 | 3.0 |", "| 丙医院 | 市卫健委 | 2.0 |"]
    assert text_tables(lines)[0] == "甲园区：业主单位：甲公司，总投资4.5亿元。"


def test_a_group_row_is_a_section_and_a_column_header_is_nobody_speaking(tmp_path):
    doc = _parsed(tmp_path, PROJECTS_PAGE)
    group = next(s for s in doc.sections if s.title == "一、产业项目（2个）")
    assert [p.text[:5] for p in group.paragraphs] == ["甲园区一期", "乙工厂扩建"]
    # "业主单位：…": 单 is a surname, but 单位 is an everyday word, no one's name.
    assert all(s.speaker is None for p in group.paragraphs for s in p.sentences)


def test_the_rows_of_a_group_are_listed_by_their_names(tmp_path):
    bot = chatbot_for(tmp_path, PROJECTS_PAGE)
    answer = bot.ask("产业项目都有哪些", [])
    assert answer.found
    assert "甲园区一期；乙工厂扩建工程" in answer.answer and "业主单位" not in answer.answer.split("\n")[0]
    second = bot.ask("产业项目里排第二的是哪个", [])
    assert second.found and "乙工厂扩建工程" in second.answer


DIGEST = """甲市日报_2026-04-01_座谈会发言摘登.txt
甲市民营企业座谈会发言摘登

4月1日，甲市召开民营企业座谈会。现将部分发言摘登如下。

邓某明（甲市机械厂厂长）
我们厂去年产值增长了两成。希望政府在用地上多给支持，我们准备再建一条生产线。

【柯某平，71岁，乙县茶业合作社理事长】
合作社现在有社员三百多户。最大的困难是冷链，茶叶运出去损耗太大。

易某华　市工商联副主席
我们收集了企业反映的问题一共四十二条，已经转给相关部门。

（本报记者 乙某 整理）
"""

LEADERS = """甲县农业农村局_2026-01-01_领导之窗.txt
甲县农业农村局领导之窗

邓某明　县农业农村局局长
男，汉族，1975年生。主持局全面工作。

柯某平　县农业农村局副局长
女，汉族，1980年生。分管种植业、农产品质量安全工作。
"""


def test_a_remark_under_a_line_naming_its_speaker_is_theirs(tmp_path):
    doc = _parsed(tmp_path, DIGEST)
    said = {s.text[:6]: s.speaker for p in doc.paragraphs() for s in p.sentences if s.speaker}
    assert said["我们厂去年产"].name == "邓某明" and said["我们厂去年产"].title == "甲市机械厂厂长"
    # A remark that opens without "我" is still its speaker's in a digest of first-person remarks.
    assert said["合作社现在有"].name == "柯某平" and said["合作社现在有"].title == "乙县茶业合作社理事长"
    assert said["我们收集了企"].name == "易某华"
    # The editor's line closes the last remark.
    assert not any(s.speaker for p in doc.paragraphs() for s in p.sentences if "整理" in s.text)


def test_a_leaders_page_in_the_third_person_is_nobodys_remark(tmp_path):
    doc = _parsed(tmp_path, LEADERS)
    assert all(s.speaker is None for p in doc.paragraphs() for s in p.sentences if "汉族" in s.text or "分管" in s.text)


def test_who_said_a_remark_of_a_digest(tmp_path):
    bot = chatbot_for(tmp_path, DIGEST)
    answer = bot.ask("冷链损耗大是谁说的", [])
    assert answer.found and "柯某平" in answer.answer
    assert answer.citations[0].speaker == "柯某平"


POSTMAN = """甲县融媒体中心_2026-05-01_山村邮路.txt
山村邮路上的坚守

甲县乙镇邮政所所长柯某平，在这条邮路上走了整整二十年。

“每天来回要跑两趟，山路有四十多公里。”柯某平说，最远的丙村要翻三座山。

今年春节前，为了把一批药品送到丙村，他一天之内来回跑了3趟。
"""


def test_a_bare_post_with_one_holder_is_looked_up_and_the_rest_of_the_message_answered(tmp_path):
    bot = chatbot_for(tmp_path, POSTMAN)
    answer = bot.ask("所长是谁？春节前来回跑了多少趟？", [])
    assert answer.found and "柯某平" in answer.answer and "3趟" in answer.answer


def test_the_rows_of_a_table_that_hold_a_value_the_question_names_are_listed_and_counted(tmp_path):
    bot = chatbot_for(tmp_path, PROJECTS_PAGE)
    answer = bot.ask("邓某明包联了哪些项目", [])
    assert answer.found
    assert answer.answer.startswith("包联市领导为邓某明的共2项：甲园区一期；乙工厂扩建工程。")
    counted = bot.ask("市卫健委当业主的项目有几个", [])
    assert counted.found and "共1个：丙医院新院区" in counted.answer


def test_a_grouped_table_is_also_one_list_named_by_the_documents_title(tmp_path):
    bot = chatbot_for(tmp_path, PROJECTS_PAGE)
    last = bot.ask("名单上最后一个项目是哪个", [])
    assert last.found and "丙医院新院区" in last.answer
    # The note under the table is no entry of the last group.
    listed = bot.ask("民生项目有哪些", [])
    assert "注" not in listed.answer.split("\n")[0]


def test_a_note_row_under_a_table_that_groups_nothing_is_a_line_after_its_rows():
    lines = ["| 项目 | 业主单位 | 总投资（亿元） |", "|---|---|---|", "| 甲园区 | 甲公司 | 4.5 |",
             "| 乙工厂 | 乙公司 | 3.0 |", "| 注：以上为计划数 | | |"]
    assert text_tables(lines) == ["甲园区：业主单位：甲公司，总投资4.5亿元。", "乙工厂：业主单位：乙公司，总投资3.0亿元。",
                                  "注：以上为计划数"]


ORAL_HISTORY = """甲县史志研究室_2026-11-20_口述实录.txt
一条路，走了四十年
——甲县公路建设亲历者口述实录

【编者按】
这条路全长38公里。我们请几位亲历者讲讲修路的事。

一、邓某明（82岁，原甲县公路段技术员，1998年退休）
我是1978年被派上山的。正式开工那年，几个公社一共抽了1200多个民工。

二、柯某平（61岁，乙村卫生室乡村医生）
1999年腊月，一个产妇难产，八个人轮换抬滑竿下山。路硬化以后，救护车第一次开进了村。

【编后】
路还在往前延伸。
"""


def test_a_numbered_name_line_with_a_year_among_its_asides_opens_that_persons_remarks(tmp_path):
    doc = _parsed(tmp_path, ORAL_HISTORY)
    def who(words):
        return next(s.speaker for p in doc.paragraphs() for s in p.sentences if words in s.text)

    assert who("被派上山").name == "邓某明" and who("被派上山").title == "原甲县公路段技术员"
    assert who("产妇难产").name == "柯某平"
    assert not any(s.speaker for p in doc.paragraphs() for s in p.sentences if "延伸" in s.text)
