"""Round 47: the parts of a document whose headings share one form (dated entries, "案例一 …") are its ordered items,
named by what the document's title calls them; a line that names the short lines under it ("主要荣誉：") is a list
of its own; a question word is never corrected into a corpus word. Invented documents only."""
from __future__ import annotations

from pathlib import Path

from bot.pipeline import headed_lists
from bot.pipeline.normalise import NameVocabulary
from bot.pipeline.slots import ordinal
from tests.conftest import chatbot_for

DIARY = """甲县融媒体_2026-05-01_乙村第一书记驻村手记选登.md
甲县融媒体 2026-05-01 09:30

编者按：本号陆续刊发驻村干部的工作手记。

作者：邓某明（县水利局派驻乙村第一书记）

3月2日 晴

今天去1组走访。易某华家的鱼塘去年被冲垮了，他想重新修塘。

3月9日 星期一

晚上开村民小组会，议修塘的事，到会28人。

周三 小雨

去镇上汇报，镇里答应先拨2万元买水泥。

4月6日 晴

鱼塘修好了，易某华放了第一批鱼苗3000尾。

（未完待续）
"""

CASES = """甲市人民法院_2026-03-10_物业纠纷典型案例.md
# 甲市人民法院物业纠纷典型案例

## 前 言

为引导业主和物业企业依法维权，我院选取3个典型案例予以发布。

## 案例一 物业擅自停水，应赔偿损失

【基本案情】2025年4月，某物业公司以欠费为由停水三天，业主柯某起诉。

【裁判结果】法院判决物业公司赔偿柯某损失800元。

## 案例二 业主拒交物业费，应当补交

【基本案情】业主丁某以服务差为由两年未交物业费。

【裁判结果】法院判决丁某补交物业费4800元。

## 案例三 公共收益应当公开

【基本案情】某小区电梯广告收入未公开，业委会起诉。

【裁判结果】法院判决物业公司公开收支并返还收益2.6万元。

## 结 语

物业纠纷关系千家万户，我院将继续做好诉源治理。
"""

DEEDS = """甲市民政局_2026-09-01_邓某明同志先进事迹材料.txt
邓某明同志先进事迹材料

一、扎根社区二十年

邓某明2006年到社区工作，从网格员干到社区书记。

二、办好群众身边事

他推动加装电梯12部，改造老旧小区4个。

主要荣誉：
2012年，被评为甲市优秀共产党员；
2018年，被评为甲市最美社区工作者；
2024年，入选甲市好人榜。
"""


def test_dated_entries_are_the_diarys_items_named_by_its_title(tmp_path: Path):
    bot = chatbot_for(tmp_path, DIARY)
    first = bot.ask("第一篇手记写的是去哪家走访？")
    assert first.found and first.intent == "structure"
    assert "3月2日" in first.answer and "易某华" in first.answer and "第一篇" in first.answer
    last = bot.ask("最后一篇手记是几月几号写的？")
    assert last.found and "4月6日" in last.answer and "（未完待续）" not in last.answer


def test_the_dateline_and_the_closing_note_are_no_entries(tmp_path: Path):
    bot = chatbot_for(tmp_path, DIARY)
    counted = bot.ask("一共几篇手记？")
    assert counted.found and "4篇" in counted.answer.replace("四篇", "4篇")


def test_headings_numbered_after_a_word_with_a_space_are_its_items(tmp_path: Path):
    bot = chatbot_for(tmp_path, CASES)
    second = bot.ask("第二个案例讲的是什么？")
    assert second.found and "业主拒交物业费" in second.answer
    counted = bot.ask("一共发布了几个案例？")
    assert counted.found and "共3个案例" in counted.answer
    assert "前 言" not in counted.answer and "结 语" not in counted.answer


def test_a_line_naming_the_lines_below_it_is_a_list_of_its_own(tmp_path: Path):
    bot = chatbot_for(tmp_path, DEEDS)
    last = bot.ask("荣誉清单里最后一项是哪年得的？")
    assert last.found and "2024年" in last.answer and "好人榜" in last.answer
    counted = bot.ask("材料最后列的荣誉一共有几项？")
    assert counted.found and "共3项" in counted.answer


def test_a_last_word_many_headings_share_names_none_of_them():
    common = headed_lists.shared_last_words(["产业强基工程", "交通畅联工程", "主要荣誉"])
    assert common == frozenset({"工程"})
    assert headed_lists.names("第五个工程是啥", "产业强基工程", 2, common) == 0
    assert headed_lists.names("荣誉清单里最后一项", "主要荣誉", 2, common) == 2


def test_pian_and_ze_count_the_pieces_of_a_series():
    assert ordinal("最后一篇日记是哪天写的").noun == "日记"
    assert ordinal("第三则案例说了啥").position == 3
    assert ordinal("材料最后列的荣誉一共有几项") is None  # where the list stands, not an item of it
    assert ordinal("最后一项荣誉是什么").position == -1


def test_a_question_word_is_never_corrected_into_a_corpus_word():
    vocabulary = NameVocabulary(["那年", "邓某明"])
    assert vocabulary.correct("哪年评上的") == "哪年评上的"
    assert vocabulary.correct("邓某名是谁") == "邓某明是谁"
