"""Round 48: the words a numbered document reports of a named person are that person's ("副局长某某表示，…",
"她建议，…", "某某在报告上批示：“…”"), while its own lines, items and editor's notes stay its text; a record by parts
(a court hearing) gives each turn to whom its roster names for the part; lines that head entries with a name profile
the person and say nothing; a credit in brackets says who wrote the text; a person set aside ("除了组长") is not the
one asked about; a count of people the text states in the question's own word answers "多少人" before the roll of
speakers; a bare 最后 in a clause that asks for several says where the list stands. Invented documents only."""
from __future__ import annotations

from pathlib import Path

from bot.pipeline.slots import ordinal
from index.ingest.corpus import parse_document
from tests.conftest import chatbot_for

BULLETIN = """甲市人民政府督查室_2026-05-10_关于重点工作推进情况的督查通报.md
# 关于重点工作推进情况的督查通报

## 一、总体情况

5月上旬，督查组对12个单位开展了实地督查。共访谈群众86人，查阅台账40本。

## 二、存在问题

1. 乙县：农贸市场改造停工近30天。

2. 丙镇：助餐点台账与实际不符。

## 三、有关意见

甲市民政局副局长邓某明表示，将在6月底前完成全部助餐点核查。她建议，把助餐点运营补贴与就餐人次挂钩。

市长易某华在督查报告上批示：“办实事就要办到群众心坎上。”各单位要认真贯彻落实。

5月8日，督查组组长柯某平带队到丙镇察看，与居民代表丁某兰面对面交流。她建议增设送餐服务。

督查组由组长柯某平和成员4人组成。
"""


def _parse(tmp_path: Path):
    name, _, body = BULLETIN.partition("\n")
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return parse_document(path, name, 10_000_000)


def _who(doc, start: str):
    sent = next(s for _, _, s in doc.sentences() if s.text.startswith(start))
    return (sent.speaker.name if sent.speaker else None, sent.kind.value)


def test_words_a_numbered_document_reports_of_a_named_person_are_theirs(tmp_path):
    doc = _parse(tmp_path)
    assert _who(doc, "甲市民政局副局长邓某明表示") == ("邓某明", "statement")
    assert _who(doc, "她建议，把助餐点运营补贴") == ("邓某明", "statement")
    assert _who(doc, "市长易某华在督查报告上批示") == ("易某华", "statement")
    assert doc.genders == {"邓某明": "f"}


def test_a_numbered_documents_own_lines_stay_its_text(tmp_path):
    doc = _parse(tmp_path)
    assert _who(doc, "1. 乙县") == (None, "decision") or _who(doc, "乙县") == (None, "decision")
    assert _who(doc, "各单位要认真贯彻落实") == (None, "decision")  # after the quotation closed, its own directive
    assert _who(doc, "5月上旬，督查组") == (None, "decision")


def test_a_pronoun_that_never_names_its_person_leaves_the_words_to_the_document(tmp_path):
    doc = _parse(tmp_path)
    # "她" follows a sentence where 柯某平 acts and 丁某兰 is met: a guess at whom it stands for would be a guess.
    assert _who(doc, "她建议增设送餐服务") == (None, "decision")
    assert "柯某平" not in doc.genders


def test_the_person_set_aside_is_not_the_one_asked_about(tmp_path):
    bot = chatbot_for(tmp_path, BULLETIN)
    answer = bot.ask("除了组长，另外那几个成员都叫啥？")
    assert "柯某平" not in answer.answer.split("。")[0] or not answer.found


def test_a_count_of_people_the_text_states_answers_before_the_roll_of_speakers(tmp_path):
    bot = chatbot_for(tmp_path, BULLETIN)
    answer = bot.ask("一共访谈了多少人？")
    assert "86" in answer.answer and "发言人" not in answer.answer
    roll = bot.ask("文中一共有几个人发言？")
    assert "邓某明" in roll.answer and "易某华" in roll.answer


SUMMARY = """甲市发展研究院_2026-04-02_乙县夜间经济研讨会综述.txt
乙县夜间经济研讨会综述

4月1日，乙县夜间经济研讨会在县文化中心召开，6位专家参加。

甲大学教授邓某明认为，夜市要与文旅融合。

（执笔：甲市发展研究院决策咨询部　易某华）
"""


def test_a_credit_line_in_brackets_at_the_end_says_who_wrote_the_text(tmp_path):
    bot = chatbot_for(tmp_path, SUMMARY)
    for question in ("这篇综述是谁执笔的？", "这篇文章的作者是谁？"):
        answer = bot.ask(question)
        assert answer.found and "易某华" in answer.answer, question


RECORD = """甲县人民法院_2026-03-02_丁某兰诉乙镇人民政府行政补偿纠纷案庭审实录.txt
丁某兰诉乙镇人民政府行政补偿纠纷案庭审实录

开庭地点：甲县人民法院第三审判庭
审判长：邓某明
审判员：易某华、柯某平
书记员：孔某
原告：丁某兰，女，1968年生，乙镇丙村村民。
委托诉讼代理人：钱某峰，甲县某律师事务所律师。
被告：乙镇人民政府。
委托诉讼代理人：苏某，乙镇人民政府司法所所长。

书记员：请肃静。现在宣布法庭纪律。
审判长：现在开庭。原告，请陈述你的诉讼请求。
原告：镇里只补了8万元，我要求按评估价补足到21万元。
审判长：被告，请答辩。
被告委托诉讼代理人：补偿是按县里2019年的标准算的，请求驳回原告的诉讼请求。
原告委托诉讼代理人：评估时没有通知原告到场，她本人也没有签字。原告的房子于2025年4月被拆除。
审判员：被告，评估报告是哪天送达的？
审判长：本案休庭，择日宣判。
"""


def test_a_record_by_parts_gives_each_turn_to_whom_its_roster_names_for_the_part(tmp_path):
    name, _, body = RECORD.partition("\n")
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    doc = parse_document(path, name, 10_000_000)
    assert _who(doc, "现在开庭") == ("邓某明", "statement")
    assert _who(doc, "镇里只补了8万元") == ("丁某兰", "statement")
    assert _who(doc, "请肃静") == ("孔某", "statement")
    # a part under another part's line: the agent listed after that party
    assert _who(doc, "补偿是按县里2019年") == ("苏某", "statement")
    assert _who(doc, "评估时没有通知原告到场") == ("钱某峰", "statement")
    # a part two people play: the turn is that part's, nobody's in particular
    sent = next(s for _, _, s in doc.sentences() if s.text.startswith("被告，评估报告是哪天"))
    assert sent.speaker is not None and (sent.speaker.name, sent.speaker.title) == ("", "审判员")
    # the roster's lines say who plays a part; they are nobody's words, and the roster's "女" is a gender
    assert _who(doc, "原告：丁某兰") == (None, "narration")
    assert doc.genders.get("丁某兰") == "f"


def test_a_record_by_parts_answers_who_said_it_with_the_name_and_the_part(tmp_path):
    bot = chatbot_for(tmp_path, RECORD)
    answer = bot.ask("谁要求补足到21万元？")
    assert "丁某兰" in answer.answer and "原告" in answer.answer
    assert "钱某峰" in bot.ask("原告的代理人说了什么？").answer
    # a part named bare, or by its last word under the party ("被告代理人" for 被告委托诉讼代理人)
    assert "邓某明" in bot.ask("审判长说了什么？").answer
    assert "孔某" in bot.ask("书记员说了什么？").answer
    assert "苏某" in bot.ask("被告代理人说了啥？").answer
    # a fact about a party, told by their lawyer and naming them by their part
    assert "2025" in bot.ask("丁某兰的房子是哪年被拆的？").answer


AWARDS = """甲市文明办_2026-02-10_年度人物颁奖词.txt
2025“感动甲市”年度人物颁奖词

编者按：2月9日晚，年度人物颁奖典礼在市文化中心举行。

邓某明：乡村教师，58岁

【事迹】邓某明在丙村小学任教36年，先后教过学生1200多名。他自掏腰包为学生买文具。

易某华：社区网格员，41岁

【事迹】易某华负责的网格有住户860户。她连续52天吃住在社区。

柯某平：消防员，27岁

【事迹】2025年7月，柯某平在丁河救起3名落水儿童。

颁奖典礼上，市委副书记孔某军宣读了表彰决定，他号召全市向年度人物学习。
"""


def test_lines_that_head_entries_with_a_name_are_no_ones_words_and_profile_each_person(tmp_path):
    name, _, body = AWARDS.partition("\n")
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    doc = parse_document(path, name, 10_000_000)
    assert _who(doc, "邓某明：乡村教师") == (None, "narration")
    bot = chatbot_for(tmp_path, AWARDS)
    assert "消防员" in bot.ask("柯某平是干什么的？").answer
    women = bot.ask("哪几位是女性？")
    assert "易某华" in women.answer and "邓某明" not in women.answer
    assert "男" in bot.ask("邓某明是男的还是女的？").answer


def test_a_bare_last_in_a_clause_that_asks_for_several_says_where_the_list_stands():
    assert ordinal("报告最后的对策建议有几条？全部说一下") is None
    assert ordinal("邓某明最后强调的那几点要求，全部列一下") is None
    # an item: "最后一点", or 最后 in a clause of its own before the list is asked for
    assert ordinal("县长一共讲了几点意见？最后一点是什么？").position == -1
    assert ordinal("文章里最后讲到的是哪个行动？那一部分有哪几个人发了言？").position == -1


HONOURS = """甲市融媒体中心_2026-12-05_年度人物颁奖词.txt
年度人物颁奖词

■邓某明　63岁，丙村退休教师

事迹简介：邓某明把自家老屋改成书屋，书屋藏书从300册增加到4600册。

■资某兰　52岁，丁村乡村医生

事迹简介：资某兰当了28年乡村医生。她每月上门随访一次。

■易某华　34岁，消防救援站站长

事迹简介：易某华带领32名队员连续奋战36个小时。他手臂受伤仍坚持救援。
"""


def test_entry_lines_of_one_shape_with_bullets_profile_every_person_a_rarer_surname_too(tmp_path):
    bot = chatbot_for(tmp_path, HONOURS)
    assert "站长" in bot.ask("易某华是什么职务？").answer
    women = bot.ask("哪几位是女的？")
    assert "资某兰" in women.answer and "易某华" not in women.answer
    assert "发言人" not in women.answer  # honourees are written about; none of them speaks
