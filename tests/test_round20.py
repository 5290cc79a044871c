"""Round 20: a share asked for ("合格率是多少", "几成", "What is the rate…") must be stated as one, and an English
question's own question words say what kind of fact its answer must hold, on every path."""
from __future__ import annotations

import pytest

from bot.pipeline import answerability
from bot.pipeline.evidence import Evidence
from bot.pipeline.shape import has_type
from bot.pipeline.slots import asks_for, asks_in_english
from index.models import Chunk
from index.search.retriever import Hit
from tests.conftest import chatbot_for

NOTICE = """江口市_2026-03-02_校车服务通报.txt
江口市校车服务通报
今年全市共投放校车120辆，校车线路覆盖全部乡镇。
全市农产品抽检共1200批次，抽检合格率达到98.5%。
"""


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    """A notice with a count on one topic and a rate on another."""
    return chatbot_for(tmp_path_factory.mktemp("notice"), NOTICE)


def test_a_question_for_a_rate_or_a_proportion_asks_for_a_share():
    assert "share" in asks_for("抽检合格率是多少？")
    assert "share" in asks_for("报销比例要降多少？")
    assert "share" in asks_for("市里出几成？")
    assert "share" in asks_for("占比百分之几？")


def test_a_sum_split_by_a_proportion_asks_for_the_sums_not_a_share():
    assert "share" not in asks_for("市里和区里按比例各要出多少万？")
    assert "share" not in asks_for("额度和利率按什么标准？")


def test_a_share_is_a_percentage_a_ratio_a_tenth_or_a_multiple_not_a_time_of_day():
    for text in ("合格率达到98.5%", "比例不低于1∶5", "降低10个百分点", "七成以上", "百分之三十", "提高2倍"):
        assert has_type(text, "share"), text
    for text in ("每天8:30开门", "一成不变", "共投放校车120辆"):
        assert not has_type(text, "share"), text


def test_a_rate_asked_over_a_passage_that_only_counts_is_mentioned_but_not_stated(notice):
    a = notice.ask("校车线路覆盖率是多少？")
    assert not a.found
    assert "没有说明具体比例" in a.answer


def test_a_rate_asked_over_a_passage_that_states_it_is_answered(notice):
    a = notice.ask("农产品抽检合格率是多少？")
    assert a.found and "98.5%" in a.answer


def test_english_question_words_say_what_kind_of_fact_is_asked():
    assert asks_in_english("What is the fine for shops that overcharge?") == {"money"}
    assert asks_in_english("How much is a ticket?") == {"money", "number"}
    assert asks_in_english("What is the current interest rate?") == {"share"}
    assert asks_in_english("When does the season start?") == {"when"}
    assert asks_in_english("Who is the head of the team?") == {"person"}
    assert asks_in_english("Are highway tolls waived for small cars?") == set()  # yes or no: no figure asked


def test_a_sentence_near_in_meaning_across_languages_without_the_asked_sum_does_not_answer(notice):
    backend = notice.backend
    chunk = Chunk(chunk_id="c", doc_id="d", doc_title="t", section="", paragraph=0, start=0, end=20,
                  text="今年全市共投放校车120辆，校车线路覆盖全部乡镇。")
    hits = [Hit(chunk, 1.0, dense_rank=1, dense_score=0.8)]
    question = "What is the fare for a school bus?"
    ev, verdict = backend._across_languages("校车", hits, lambda _: 0.8, asks_in_english(question), question)
    assert verdict.outcome == answerability.PARTIAL and verdict.missing == "money"
    ev, verdict = backend._across_languages("校车", hits, lambda _: 0.8, asks_in_english("How many buses are there?"),
                                            "How many buses are there?")
    assert verdict.outcome == answerability.ANSWER


def test_evidence_without_the_asked_share_is_partial_whatever_path_found_it():
    sentence = "今年全市共投放校车120辆。"
    chunk = Chunk(chunk_id="c", doc_id="d", doc_title="t", section="", paragraph=0, start=0, end=len(sentence),
                  text=sentence)
    ev = Evidence(chunk, [sentence], coverage=1.0, rank=0)
    verdict = answerability.judge(ev, [Hit(chunk, 1.0, dense_rank=1)], {"number", "share"}, None, "校车覆盖率是多少？")
    assert verdict.outcome == answerability.PARTIAL and verdict.missing == "share"


DAILY = """江口日报_2026-05-06_三大行动看落实.txt
江口日报
2026年5月6日

把三大行动落到实处

本报记者 林一

日前闭幕的市委全会明确实施河湖治理攻坚、老旧街区更新、乡村客运提质“三大行动”。

【河湖治理攻坚行动】

市水利局局长严青山说，今年要完成河道清淤42公里。

【老旧街区更新行动】

市住房和城乡建设局局长甘露说，今年改造老旧街区17片。

【乡村客运提质行动】

市交通运输局局长霍远说，年内新开乡村客运线路9条。
"""


@pytest.fixture(scope="module")
def daily(tmp_path_factory):
    """A report whose lead lists its actions unquoted before their count, under bracketed headings."""
    return chatbot_for(tmp_path_factory.mktemp("daily"), DAILY)


def test_a_list_named_after_its_unquoted_items_is_read_with_its_count():
    from bot.pipeline.outline import _counted_lists

    assert _counted_lists("全会明确实施甲湖治理、乙街更新、丙线提质“三大行动”。") == [
        ("行动", ["甲湖治理", "乙街更新", "丙线提质"])]
    # Short forms before a count are topics, not the list's items; nor is a lead that holds words before the list.
    assert _counted_lists("统筹推进产业、交通、城市、民生四大工程。") == []


def test_headings_set_in_brackets_name_their_items_without_the_brackets(daily):
    a = daily.ask("三大行动是哪三个？")
    assert a.found and a.intent == "structure"
    assert all(x in a.answer for x in ("河湖治理攻坚", "老旧街区更新", "乡村客运提质"))
    b = daily.ask("第二个行动是什么？")
    assert b.found and "老旧街区更新" in b.answer and "【" not in b.answer


def test_the_first_to_open_their_mouth_is_the_first_speaker_and_the_last_has_the_last_word(daily):
    first = daily.ask("报道里第一个开口说话的人是谁？")
    assert first.found and "严青山" in first.answer
    last = daily.ask("最后一个说话的是谁？")
    assert last.found and "霍远" in last.answer


REPORT = """江口日报_2026-05-08_街巷里的变化.txt
江口日报
2026年5月8日

街巷里的变化

本报记者 林一

市住房和城乡建设局局长甘露说，今年改造老旧街区17片。

市交通运输局局长霍远说，年内新开乡村客运线路9条。

谈到下一步，甘露说，明年还将改造背街小巷40条。
"""


def test_the_last_to_speak_is_who_has_the_last_word_not_who_spoke_first_last(tmp_path):
    bot = chatbot_for(tmp_path, REPORT)
    a = bot.ask("最后一个讲话的官员是谁？说了啥？")
    assert a.found and "甘露" in a.answer and "背街小巷" in a.answer
    b = bot.ask("第二个发言的是谁？")
    assert b.found and "霍远" in b.answer


PRESSER = """江口市政府新闻办_2026-05-09_客运线路新闻发布会实录.md
# 江口市乡村客运线路新闻发布会实录

**主持人：**

下面进入提问环节，请提问前先通报所在的新闻机构。

**江口日报记者：**

今年新开的乡村客运线路有多少条？

**霍远：**

年内新开乡村客运线路9条。

**江口广播电视台记者：**

票价会不会涨？

**霍远：**

票价保持2元不变。
"""


def test_an_askers_label_on_a_line_of_its_own_names_the_outlet_of_the_question_after_it(tmp_path):
    bot = chatbot_for(tmp_path, PRESSER)
    a = bot.ask("第二个提问的是哪家媒体？")
    assert a.found and "江口广播电视台" in a.answer


PLAN = """江口市人民政府_2026-05-10_客运提质行动方案.txt
江口市乡村客运提质三年行动方案

二、重点任务

（一）新开客运线路。年内新开乡村客运线路9条。（牵头单位：市交通运输局；责任单位：市财政局、各县（市、区）人民政府）

（二）建设候车亭。新建农村候车亭120个。（牵头单位：市交通运输局；责任单位：市自然资源局）

（三）规范票价。乡村客运票价保持2元。（牵头单位：市发展和改革委员会；责任单位：市交通运输局）
"""


def test_a_bracketed_note_with_a_lead_and_the_bodies_taking_part_is_read(tmp_path):
    bot = chatbot_for(tmp_path, PLAN)
    duties = bot.kb.duties
    assert [d.lead for d in duties] == [("市交通运输局",), ("市交通运输局",), ("市发展和改革委员会",)]
    assert duties[0].support == ("市财政局", "各县（市、区）人民政府")  # a body's own brackets are part of its name
    a = bot.ask("市交通运输局牵头了几项任务？")
    assert a.found and "新开客运线路" in a.answer and "建设候车亭" in a.answer
    b = bot.ask("规范票价由哪个部门牵头？")
    assert b.found and "市发展和改革委员会" in b.answer


def test_the_documents_own_time_and_place_lines_answer_when_what_time_and_where_its_event_was(tmp_path):
    bot = chatbot_for(tmp_path, PRESSER.replace("# 江口市乡村客运线路新闻发布会实录\n",
                                                "# 江口市乡村客运线路新闻发布会实录\n\n时间：2026年5月9日上午9:30\n\n"
                                                "地点：市政府新闻发布厅\n"))
    a = bot.ask("这场发布会是哪天几点、在什么地方开的？")
    assert a.found and "上午9:30" in a.answer and "新闻发布厅" in a.answer
    b = bot.ask("这场发布会在什么地方开的？")
    assert b.found and "市政府新闻发布厅" in b.answer


def test_an_event_the_question_names_by_a_name_the_header_lacks_is_not_the_documents_own(tmp_path):
    text = PRESSER.replace("# 江口市乡村客运线路新闻发布会实录\n", "# 江口市乡村客运线路新闻发布会实录\n\n时间：2026年5月9日上午9:30\n\n"
                                                   "地点：市政府新闻发布厅\n")
    text = text.replace("票价保持2元不变。", "票价保持2元不变。6月1日至3日，我们将在江口会展中心举办“便民出行”主题展。")
    bot = chatbot_for(tmp_path, text)
    a = bot.ask("那个“便民出行”主题展是哪几天，在哪里办的？")
    assert "新闻发布厅" not in a.answer


def test_a_question_for_when_the_event_ended_is_not_answered_by_the_time_it_began(tmp_path):
    text = PRESSER.replace("# 江口市乡村客运线路新闻发布会实录\n", "# 江口市乡村客运线路新闻发布会实录\n\n时间：2026年5月9日上午9:30\n")
    bot = chatbot_for(tmp_path, text)
    a = bot.ask("这个发布会几点钟结束的？")
    assert "9:30" not in a.answer
