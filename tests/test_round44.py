"""Round 44: a table laid out with spaces whose narrow columns are set apart by one full-width space reads row by
row; a row of a list of people says who they are in no one's voice; a numbered line that is only the bare name of
one of the document's people hands the paragraphs under it to that person. Invented documents only."""
from __future__ import annotations

from pathlib import Path

from index.ingest.corpus import parse_document
from index.ingest.loader import text_tables
from tests.conftest import knowledge_for

TABLE = ["　　序号　姓名　　工作单位　　　　　　　职称",
         "　　1　　邓某明　甲市规划设计研究院　　教授",
         "　　2　　易某华　乙县文物保护研究所　　研究员",
         "　　3　　柯某平　甲市交通工程咨询公司　高级工程师"]

MINUTES = """甲市规划局
会　议　纪　要
〔2026〕第3期

甲市规划局办公室　　　　　　　　2026年3月5日

《乙片区更新规划》
专家论证会纪要

　　2026年3月2日，甲市规划局组织召开乙片区更新规划专家论证会，会议邀请3位专家组成专家组，推选甲市规划设计研究院教授邓某明为专家组组长。名单如下：

""" + "\n".join(TABLE) + """

　　一、编制单位汇报情况

　　编制单位汇报了规划的主要内容，规划总面积30公顷。

　　二、专家意见

　　（一）邓某明

　　我总体同意规划。我建议把拆迁规模控制在500户以内，优先保留老住户。

　　（二）易某华

　　我主要谈文物保护。老城墙遗址要先考古、后建设。

　　（三）柯某平

　　我认为停车位偏少，建议增加到600个。

　　三、专家组结论

　　专家组原则同意规划通过论证。
"""


def _parse(tmp_path: Path, text: str):
    path = tmp_path / "甲市规划局_2026-03-02_乙片区更新规划专家论证会纪要.txt"
    path.write_text(text, encoding="utf-8")
    return parse_document(path, path.name, 10**6)


def test_a_table_whose_narrow_columns_are_set_apart_by_one_full_width_space_reads_row_by_row():
    assert text_tables(TABLE) == ["邓某明，工作单位：甲市规划设计研究院，职称：教授。",
                                  "易某华，工作单位：乙县文物保护研究所，职称：研究员。",
                                  "柯某平，工作单位：甲市交通工程咨询公司，职称：高级工程师。"]


def test_lines_with_single_spaces_that_are_not_laid_out_as_a_table_stay_as_they_are():
    lines = ["甲市 乙县 丙镇", "今天 天气 很好", "我们 一起 出发"]  # no wide gap: words, not columns
    assert text_tables(lines) == lines


def test_a_row_of_a_list_of_people_is_nobodys_statement(tmp_path):
    doc = _parse(tmp_path, MINUTES)
    row = next(s for _, _, s in doc.sentences() if s.text.startswith("易某华，工作单位"))
    assert row.speaker is None


def test_a_numbered_bare_name_of_a_listed_person_hands_the_opinion_under_it_to_that_person(tmp_path):
    doc = _parse(tmp_path, MINUTES)
    said = {s.text: s.speaker for _, _, s in doc.sentences()}
    assert said["老城墙遗址要先考古、后建设。"].name == "易某华"
    assert said["老城墙遗址要先考古、后建设。"].title == "乙县文物保护研究所研究员"
    assert said["我认为停车位偏少，建议增加到600个。"].name == "柯某平"
    assert said["专家组原则同意规划通过论证。"] is None


def test_a_bare_name_the_document_never_introduces_is_no_speakers_line(tmp_path):
    text = MINUTES.replace("\n".join(TABLE), "　　专家名单另附。")
    doc = _parse(tmp_path, text)
    said = {s.text: s.speaker for _, _, s in doc.sentences()}
    assert said["老城墙遗址要先考古、后建设。"] is None


def test_a_road_is_no_persons_name_though_a_surname_opens_it():
    from index.ingest.names import is_name

    assert not is_name("江滨路") and not is_name("解放街")
    assert is_name("易某华")


def test_a_pronoun_that_owns_what_follows_it_in_a_clause_a_person_opens_tells_their_gender(tmp_path):
    text = MINUTES.replace("我主要谈文物保护。", "易某华研究员结合她主持的文物普查成果，提出以下意见：\n\n　　我主要谈文物保护。")
    assert _parse(tmp_path, text).genders.get("易某华") == "f"


def test_a_pronoun_a_verb_takes_as_its_object_tells_nothing_of_the_person_who_opens_the_clause(tmp_path):
    text = MINUTES.replace("我主要谈文物保护。", "易某华研究员告诉她的同事，要先做普查。\n\n　　我主要谈文物保护。")
    assert "易某华" not in _parse(tmp_path, text).genders


def test_a_who_question_naming_the_speakers_by_their_sections_heading_is_answered_by_the_speaker():
    from bot.pipeline import scope

    assert scope.names_speaker("专家", "甲市规划设计研究院教授", "二、专家意见")
    assert not scope.names_speaker("专家", "甲市规划设计研究院教授", "一、编制单位汇报情况")


def test_a_guest_key_turn_is_the_guest_the_cast_line_names_by_name_then_post_not_the_host_who_spoke_last(tmp_path):
    text = """# 甲市之声播客 第5期

- 主播：阿杰、小雨
- 嘉宾：邓某明，甲市民政局副局长

## 文字稿

**阿杰**：欢迎收听，我是阿杰。

**小雨**：今天我们请到了民政局的邓局。

**嘉宾**：大家好，我是邓某明。今年全市建成老年食堂20个。

**阿杰**：20个，不少了。

**嘉宾**：对，明年还要再建10个。
"""
    path = tmp_path / "甲市融媒体中心_2026-03-02_老年食堂播客文字稿.md"
    path.write_text(text, encoding="utf-8")
    doc = parse_document(path, path.name, 10**6)
    said = {s.text: s.speaker for _, _, s in doc.sentences()}
    assert said["对，明年还要再建10个。"].name == "邓某明"
    assert said["对，明年还要再建10个。"].title == "甲市民政局副局长"
    assert said["20个，不少了。"].name == "阿杰"


def test_a_line_of_makers_credits_set_apart_by_bars_is_a_credits_line_and_a_turn_is_not():
    from index.ingest.dialogue import is_credits_line

    assert is_credits_line("本期文字稿整理：丁某兰　｜　责任编辑：柯某平　｜　音频制作：甲市融媒体中心")
    assert not is_credits_line("丁某兰：今年建成老年食堂20个。")
    assert not is_credits_line("时间：3月2日 ｜ 地点：甲市")  # fields, but nobody's credits


def test_a_credits_line_after_the_last_turn_ends_that_turn():
    from index.ingest.dialogue import ends_turn
    from index.models import Speaker

    host = Speaker(name="阿杰", title="")
    assert ends_turn("本期文字稿整理：丁某兰　｜　责任编辑：柯某平　｜　音频制作：甲市融媒体中心音频工作室本节目内容仅供参考。",
                     host)
    assert not ends_turn("我们下期见，拜拜！", host)


def test_a_title_then_a_name_that_attends_a_meeting_introduces_that_person():
    from index.ingest.names import titled_people

    assert [(p.name, p.title) for p in titled_people("副市长易某华到会听取意见并作回应。")] == [("易某华", "副市长")]


def test_a_democratic_partys_vice_chair_is_a_title():
    from index.ingest.names import titled_people

    people = titled_people("市政协委员、民进甲市委会副主委柯某平聚焦农村助餐。")
    assert [p.name for p in people] == ["柯某平"] and people[0].title.endswith("副主委")


PODCAST = """甲市融媒体中心_2026-03-02_老年食堂播客文字稿.md
# 甲市之声播客 第5期

- 主播：阿杰、小雨
- 嘉宾：邓某明，甲市民政局副局长

## 文字稿

**阿杰**：欢迎收听，我是阿杰。

**嘉宾**：大家好，我是邓某明。今年全市建成老年食堂20个。

**小雨**：20个，不少了。

**嘉宾**：对，明年还要再建10个。

**阿杰**：我们下期见！
"""


def test_a_programmes_guests_in_order_are_its_titled_speakers_not_its_hosts(tmp_path):
    name, _, body = PODCAST.partition("\n")
    (tmp_path / name).write_text(body, encoding="utf-8")
    guests = knowledge_for(tmp_path).outline.find("嘉宾")
    assert [i.chunk.speaker for i in guests.items] == ["邓某明"]
    assert [i.chunk.speaker for i in guests.closing][-1] == "邓某明"


def test_a_data_table_with_a_long_content_cell_and_a_spanning_total_row_reads_row_by_row():
    from index.ingest.loader import html_to_lines

    html = """<html><body><p>本项目共划分为三个标段，具体如下：</p><table>
<tr><th>标段</th><th>标段名称</th><th>主要内容</th><th>最高投标限价（万元）</th><th>计划工期（日历天）</th></tr>
<tr><td>一标段</td><td>道路工程</td><td>桩号K0+000至K7+800段路面、护栏、照明，含人行步道约1.2公里</td><td>3000.00</td><td>240</td></tr>
<tr><td>二标段</td><td>绿化工程</td><td>乔木约3200株及灌木种植</td><td>1000.50</td><td>150</td></tr>
<tr><td>三标段</td><td>驿站工程</td><td>驿站5处</td><td>800.00</td><td>180</td></tr>
<tr><td colspan="3">合计</td><td>4800.50</td><td>—</td></tr>
</table></body></html>"""
    lines, _ = html_to_lines(html)
    assert "二标段：标段名称：绿化工程，主要内容：乔木约3200株及灌木种植，最高投标限价1000.50万元，计划工期150日历天。" in lines
    assert any(line.startswith("一标段：") and "含人行步道约1.2公里" in line for line in lines)
    assert "合计：最高投标限价4800.50万元。" in lines


def test_a_table_cell_that_holds_a_sentence_keeps_the_table_a_layout():
    from index.ingest.loader import html_to_lines

    long = "本栏目发布全市重大项目建设的最新进展情况，欢迎广大市民朋友积极关注并提出宝贵意见和建议。"
    html = f"<table><tr><td>栏目</td><td>说明</td></tr><tr><td>项目</td><td>{long}</td></tr></table>"
    lines, _ = html_to_lines(html)
    assert long in lines


def test_a_choice_between_two_things_the_passage_names_neither_of_is_not_said():
    from bot.pipeline import scope

    passage = "二标段主要内容：路面、护栏、照明，含木栈道约1.2公里。"
    assert scope.unheld_choice("二标段的木栈道用的是防腐木还是塑木？", passage) == "是防腐木还是塑木"
    assert scope.unheld_choice("木栈道用的是防腐木还是塑木？", "木栈道统一采用防腐木。") == ""
    # Options a passage may answer in other words ("不收取任何费用") are no choice of things: left to the rest.
    assert scope.unheld_choice("是免费的还是收费的？", "不收取任何费用。") == ""


def test_a_pages_field_keys_set_out_letter_by_letter_read_as_one_word(tmp_path):
    from index.ingest.loader import read_file

    page = tmp_path / "甲市公共资源交易中心_2026-03-02_某工程招标公告.html"
    page.write_text("<html><body><p>招 标 人：甲市城市更新投资有限公司</p><p>联 系 人：丁某兰</p>"
                    "<p>地　　址：甲市人民路1号</p></body></html>", encoding="utf-8")
    _, lines = read_file(page, 10**6)
    assert "招标人：甲市城市更新投资有限公司" in lines and "联系人：丁某兰" in lines and "地址：甲市人民路1号" in lines


def test_a_comparison_table_whose_cells_hold_whole_articles_reads_a_row_as_one_passage():
    from index.ingest.loader import ITEM_MARK, html_to_lines

    html = """<table><thead><tr><th>原条文</th><th>修改后条文</th><th>修改说明</th></tr></thead><tbody>
<tr><td>第五条　销售者应当销售符合国家标准的产品，并在经营场所显著位置公示产品合格证明。</td>
<td>第五条　销售者应当销售符合国家标准并经认证的产品，并在经营场所显著位置公示产品合格证明和认证标志。</td>
<td>增加认证要求。</td></tr>
<tr><td>第八条　所有人应当自购买之日起三十日内，到公安机关交通管理部门办理登记手续。</td>
<td>第八条　所有人应当自购买之日起十五日内，到公安机关交通管理部门办理登记，也可以在线办理。</td>
<td>登记期限由三十日压缩为十五日。</td></tr></tbody></table>"""
    lines, _ = html_to_lines(html)
    row = next(line for line in lines if "三十日内" in line)
    assert row.startswith(ITEM_MARK + "原条文：第八条")
    assert "修改后条文：第八条" in row and row.endswith("修改说明：登记期限由三十日压缩为十五日。")
