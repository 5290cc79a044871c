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
