"""Round 38: things listed right after the question's own words answer "哪些N"; a question word inside a read noun
is no fact asked for; a name's typos (a function character inside it, a character mistyped by sight before the post
its holder holds); an English question answered across languages only by a passage that stands out; a person's
statements asked on a topic the words cannot pin to one, nearest first."""
from __future__ import annotations

from bot.pipeline import scope
from index.search.retriever import Hit
from tests.conftest import chatbot_for


def test_things_listed_after_the_questions_own_words_answer_which_ones():
    text = "规划建设丁园区冷库中心，配套建设气调库、分拣包装线和检验检测室，2028年建成。"
    assert scope.listed_after("设施", "丁园区冷库中心要配套建哪些设施？", text)
    assert scope.listed_after("单位", "乙局会同了哪几家单位？", "乙局会同市财政局、市人社局和团市委研究办理。")


def test_a_list_elsewhere_in_the_passage_answers_no_which_question():
    text = "规划建设丁园区冷库中心，2028年建成，库容达到气调库、冷藏库两类。"
    assert not scope.listed_after("设施", "丁园区冷库中心要配套建哪些设施？", text)
    assert not scope.listed_after("设施", "丁园区冷库中心有什么设施？", "配套建设气调库、分拣包装线。")


def test_a_question_word_inside_a_read_noun_is_no_fact_asked_for():
    assert scope.asked_noun("申请补贴的流程是啥样的") == scope.asked_noun("申请补贴的流程是什么样的") == "流程"
    assert "啥" not in scope.asked_noun("办下来是啥样的")
    assert scope.asked_noun("要带哪些材料") == "材料"


def test_a_function_character_inside_a_name_is_a_homophone_typo():
    from bot.pipeline.normalise import NameVocabulary

    vocab = NameVocabulary(["杨德华", "市民政局副局长"])
    assert vocab.correct("杨得华局长说的基地建在哪") == "杨德华局长说的基地建在哪"
    assert vocab.correct("交警副支队长和民政局副局长各管什么") == "交警副支队长和民政局副局长各管什么"


def test_a_name_mistyped_by_sight_is_read_before_a_post_its_holder_holds():
    from bot.pipeline.normalise import NameVocabulary

    vocab = NameVocabulary(["季海波"], people={"季海波": "市甲局局长", "邓某明": "市乙局局长"})
    assert vocab.correct("季海涛局长说企业要达到多少家") == "季海波局长说企业要达到多少家"
    assert vocab.correct("季海涛主任说企业要达到多少家") == "季海涛主任说企业要达到多少家"  # a post he does not hold
    twins = NameVocabulary([], people={"季海波": "市甲局局长", "季山涛": "市丙局局长"})
    assert twins.correct("季海涛局长说了啥") == "季海涛局长说了啥"  # two look-alikes: no guess


# An invented page with two passages on one topic, neither nearer in meaning to an English question than the other.
TWO_PASSAGES = """甲市乙局_2026-05-01_丙补助问答.txt
甲市丙补助问答

一、补助标准

每个托育点最高补助20万元，分两年拨付。

二、申报方式

托育点可通过甲市政务服务网在线申报，每年受理一次。
"""


def test_an_english_question_is_answered_across_languages_only_by_a_passage_that_stands_out(tmp_path):
    bot = chatbot_for(tmp_path, TWO_PASSAGES)
    hits = [Hit(c, 1.0, dense_rank=i + 1, dense_score=0.9) for i, c in enumerate(c for c in bot.kb.chunks if "托育点" in c.text)]
    assert len(hits) == 2
    close = {h.chunk.chunk_id: s for h, s in zip(hits, (0.800, 0.795))}
    clear = {h.chunk.chunk_id: s for h, s in zip(hits, (0.800, 0.770))}

    def by(table):
        return lambda text: next(s for h, s in ((h, table[h.chunk.chunk_id]) for h in hits) if text in h.chunk.text)

    query = "托育点 补助"
    assert bot.backend._across_languages(query, hits, by(close)) is None
    found = bot.backend._across_languages(query, hits, by(clear))
    assert found is not None and "20万元" in found[0].text


# An invented briefing: one official answers three questions.
BRIEFING = """甲市政府新闻办_2026-05-01_托育服务新闻发布会实录.txt
甲市托育服务新闻发布会实录

主持人：请市卫健委主任邓某明介绍情况。

邓某明：各位记者朋友，大家好。今年全市新增普惠托位1200个，覆盖所有街道。

记者：社区托育点的收费怎么定？

邓某明：社区托育点实行政府指导价，全日托每月不超过1500元。

记者：用人单位办托有什么支持？

邓某明：用人单位办托的，每个托育点一次性补助20万元，场地租金减半收取。
"""


def test_a_persons_statements_asked_on_a_topic_open_with_the_nearest_one(tmp_path):
    bot = chatbot_for(tmp_path, BRIEFING)
    on_topic = bot.ask("邓某明对单位自己办托讲了哪些扶持？", [])
    assert on_topic.found and on_topic.answer.index("用人单位办托") < on_topic.answer.index("新增普惠托位")
    assert "用人单位办托" in on_topic.citations[0].passage
    everything = bot.ask("邓某明说了什么？", [])
    assert everything.answer.index("新增普惠托位") < everything.answer.index("用人单位办托")  # no topic: reading order
