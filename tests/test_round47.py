"""Round 47: ordered units of new kinds of documents and questions about them. The parts of a document whose
headings share one form (dated entries, "案例一 …") are its items, named by what its title calls them; a line that
names the short lines under it ("主要荣誉：") is a list; a table drawn with box characters is read row by row; an
item is asked for by its place next to another; sums over one word per thing, over two passages and over the rows a
value picks; a pronoun for someone only spoken of; a question word is never corrected. Invented documents only."""
from __future__ import annotations

from pathlib import Path

from bot.pipeline import headed_lists
from bot.pipeline.normalise import NameVocabulary
from bot.pipeline.slots import next_to, ordinal
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


YEARBOOK = """甲区地方志办公室_2025-11-01_甲区年鉴教育篇.txt
甲区年鉴（2025）

2024年甲区各级各类学校基本情况
┌──────┬────┬──────┐
│　类　别　│学校数│在校生（人）│
├──────┼────┼──────┤
│　幼儿园　│　 40 │　 6120　 │
│　小　学　│　 25 │　 18300　 │
│　初　中　│　 12 │　 9400　 │
└──────┴────┴──────┘
注：初中学校数含九年一贯制学校。

【学前教育】　全年新建公办幼儿园3所。
"""

AGENDA = """甲市商务局_2026-11-01_甲市招商推介会在乙市举行.html
<html><head><title>甲市招商推介会在乙市举行</title></head><body>
<p>11月1日，甲市招商推介会在乙市举行。现将会议议程摘编如下。</p>
<h2>一、会议议程</h2>
<table><tr><th>时间</th><th>内容</th><th>主讲</th></tr>
<tr><td>14:00—14:10</td><td>主持人介绍嘉宾</td><td>甲市副市长 邓某明</td></tr>
<tr><td>14:10—14:25</td><td>致欢迎辞</td><td>甲市市长 易某华</td></tr>
<tr><td>14:25—14:40</td><td>投资环境推介</td><td>甲市商务局局长 柯某平</td></tr>
<tr><td>14:40—15:00</td><td>项目签约</td><td>甲市副市长 邓某明</td></tr>
</table>
<h2>二、会议综述</h2>
<p>来自乙市的120余名客商参加推介会，现场签约项目5个。</p>
</body></html>
"""


def test_a_table_drawn_with_box_characters_is_read_row_by_row(tmp_path: Path):
    bot = chatbot_for(tmp_path, YEARBOOK)
    row = bot.ask("那张学校情况表倒数第二行是哪类学校？")
    assert row.found and "小学" in row.answer and "18300" in row.answer
    assert not any("│" in c.passage for c in row.citations)


def test_a_clock_time_opening_an_agenda_row_is_no_label(tmp_path: Path):
    bot = chatbot_for(tmp_path, AGENDA)
    counted = bot.ask("会议议程一共有几项？")
    assert counted.found and "共4项" in counted.answer


def test_an_item_asked_for_by_its_place_next_to_another(tmp_path: Path):
    bot = chatbot_for(tmp_path, AGENDA)
    after = bot.ask("易某华致辞完了以后下一项是什么，谁来讲？")
    assert after.found and "投资环境推介" in after.answer and "柯某平" in after.answer
    before = bot.ask("项目签约之前的上一项是什么？")
    assert before.found and "投资环境推介" in before.answer


def test_next_to_reads_the_anchor_and_the_step():
    def ordinal_next(text: str):
        found = next_to(text)
        return (found.anchor, found.step) if found else None

    assert ordinal_next("陈某致辞完了以后下一项是什么") == ("陈某", 1)
    assert ordinal_next("执法局领导回应之前，最后一个接受采访的是哪位") == ("执法局领导回应", -1)
    assert ordinal_next("会议之后的下一步工作是啥") is None  # 下一步 is what comes next in the work, no item
    assert ordinal_next("以后还有补贴吗") is None


def test_a_pronoun_for_someone_only_spoken_of_is_the_subject_of_the_question_before(tmp_path: Path):
    from bot.models import Turn

    bot = chatbot_for(tmp_path, CASES)
    first = bot.ask("柯某是哪个案例里的业主？")
    history = [Turn("user", "柯某是哪个案例里的业主？"), Turn("assistant", first.answer)]
    follow = bot.ask("他被停了几天水？", history)
    assert follow.found and "三天" in follow.answer
    assert "请先告诉我" not in follow.answer


COURT_REPORT = """甲市人民法院_2026-03-01_预付卡纠纷审判情况通报.txt
甲市人民法院预付卡纠纷审判情况通报

2025年，我院共受理预付卡纠纷案件300件，其中健身类案件占40%，美容类占25%，培训类占20%。

为化解纠纷，我院联合市场监管部门开展诉前调解，首批调解成功案件涉及金额12万元。

此后又组织第二轮集中调解，已经退还消费者预付款8万元。
"""


def test_a_sum_of_things_each_named_by_one_word(tmp_path: Path):
    bot = chatbot_for(tmp_path, COURT_REPORT)
    out = bot.ask("健身、美容、培训这三类案件加起来占了百分之多少？")
    assert out.found and "85%" in out.answer


def test_a_sum_of_figures_two_passages_state(tmp_path: Path):
    bot = chatbot_for(tmp_path, COURT_REPORT)
    out = bot.ask("首批调解成功的金额和已经退还的预付款，两项加起来一共多少钱？")
    assert out.found and "20万元" in out.answer
    assert len(out.citations) >= 2


SIGNED = """甲市商务局_2026-11-02_签约项目一览.html
<html><head><title>甲市招商推介会签约项目一览</title></head><body>
<h2>签约项目一览</h2>
<table><tr><th>项目名称</th><th>投资方</th><th>投资额（亿元）</th><th>落地地点</th></tr>
<tr><td>冷链物流中心项目</td><td>乙市丙公司</td><td>12.0</td><td>甲市乙县</td></tr>
<tr><td>肉牛养殖项目</td><td>乙市丁公司</td><td>8.0</td><td>甲市丙县</td></tr>
<tr><td>文旅度假区项目</td><td>乙市戊公司</td><td>15.0</td><td>甲市丙县</td></tr>
</table></body></html>
"""


def test_rows_picked_by_a_value_are_counted_and_their_figures_summed(tmp_path: Path):
    bot = chatbot_for(tmp_path, SIGNED)
    out = bot.ask("落在甲市丙县的签约项目有几个？投资额加起来多少？")
    assert out.found and "共2个" in out.answer and "23亿元" in out.answer
