"""Round 43: a noun of no kind of fact that the passage does not write ("什么角色") is left to the calibrated model's
probability; a count's counter is read by words (the general classifier 个 counts things, a demonstrative 那几 asks
nothing). Invented documents only."""
from __future__ import annotations

from pathlib import Path

from bot.pipeline import answerability, scope
from bot.pipeline.evidence import Evidence
from tests.conftest import knowledge_for

NOTICE = """甲市人民政府_2026-03-01_关于成立乙产业发展领导小组的通知.txt
甲市人民政府关于成立乙产业发展领导小组的通知
成立甲市乙产业发展领导小组，由市长任组长，分管副市长任副组长。领导小组办公室设在市发展和改革局。
乙产业的产品主要销往周边城市。
"""


def _backend_and_evidence(tmp_path: Path, sentence_start: str):
    from bot.backends.extractive import ExtractiveBackend

    name, _, body = NOTICE.partition("\n")
    (tmp_path / name).write_text(body, encoding="utf-8")
    kb = knowledge_for(tmp_path)
    chunk = next(c for c in kb.chunks if sentence_start in c.text)
    sentence = next(x for x in chunk.text.split("。") if sentence_start in x) + "。"
    return ExtractiveBackend(kb), Evidence(chunk, [sentence], 0.5, 0)


def test_a_noun_the_passage_does_not_write_is_not_said_without_the_models_word(tmp_path):
    backend, ev = _backend_and_evidence(tmp_path, "由市长任组长")
    verdict = backend._in_scope("市长在领导小组里是什么角色？", ev, answerability.Verdict(answerability.ANSWER))
    assert (verdict.outcome, verdict.missing) == (answerability.PARTIAL, "角色")


def test_a_noun_the_passage_says_in_other_words_answers_when_the_model_finds_it_likely(tmp_path):
    backend, ev = _backend_and_evidence(tmp_path, "由市长任组长")
    likely = answerability.Verdict(answerability.ANSWER, probability=answerability.NOUN_BY_MEANING + 0.01)
    assert backend._in_scope("市长在领导小组里是什么角色？", ev, likely).outcome == answerability.ANSWER
    unlikely = answerability.Verdict(answerability.ANSWER, probability=answerability.NOUN_BY_MEANING - 0.2)
    assert backend._in_scope("市长在领导小组里是什么角色？", ev, unlikely).outcome == answerability.PARTIAL


def test_a_category_of_place_still_needs_a_place_whatever_the_model_says(tmp_path):
    backend, ev = _backend_and_evidence(tmp_path, "主要销往周边城市")
    likely = answerability.Verdict(answerability.ANSWER, probability=0.99)
    verdict = backend._in_scope("乙产业的产品主要卖到哪些省份？", ev, likely)
    assert (verdict.outcome, verdict.missing) == (answerability.PARTIAL, "省份")


def test_only_a_noun_of_no_kind_of_fact_or_place_is_held_by_its_words_alone():
    assert scope.held_by_naming("角色") and scope.held_by_naming("短板")
    assert not scope.held_by_naming("补贴")  # a sum of money
    assert not scope.held_by_naming("值班电话")  # a number to call
    assert not scope.held_by_naming("街道") and not scope.held_by_naming("")
    # One of a kind asked for ("哪个厂家") wants its name, not other words about it.
    assert not scope.held_by_naming("厂家", "防治用的农药是哪个厂家的？")
    assert scope.held_by_naming("优惠", "检测收费有啥优惠？")


def test_the_general_classifier_counts_things_counted_one_by_one():
    assert scope.missing_measure("大师作坊一共要开多少家？", "开办“大师工作室”60个。") == ""
    assert scope.missing_measure("专职养护员安排了几个人？", "一共7个人，每人包5公里。") == ""
    # 个 before another noun counts that noun: "3个片区" is no number of households.
    assert scope.missing_measure("影响多少户？", "影响城区3个片区。") == "户"
    # 个 closing a clause counts the noun before it: a count of school places is no count of hospital beds.
    assert scope.missing_measure("新院区有多少张床位？", "新增中小学学位3000个。") == "张"
    # 个 measures no size: "多少亩" is not answered by a number of things.
    assert scope.missing_measure("种了多少亩？", "建成基地3个。") == "亩"


def test_a_counter_is_read_by_the_questions_words():
    # 人 begins the word 人工: the question counts 作业点, not people.
    assert scope.missing_measure("一共设了多少个人工增雨作业点？", "布设了48个人工增雨作业点。") == ""
    assert scope.missing_measure("有几个人报名？", "共收取报名费30元。") == "人"
    # "那几天" points at days, it does not ask for them: the asked measure is 毫米.
    assert scope.missing_measure("7月那几天平均下了多少毫米雨？", "平均降雨量312毫米。") == ""
    assert scope.missing_measure("种了多少棵？", "栽植苗木1.2万株。") == ""


PODCAST = """甲市融媒体中心_2026-05-01_甲市夜话第12期.md
# 《甲市夜话》第12期文字稿：老年助餐点怎么吃得上

**本期主播**：阿杰、小雨
**本期嘉宾**：易某华（甲市民政局副局长）

**阿杰**：哈喽大家好，欢迎收听《甲市夜话》，我是阿杰。

**易某华**：大家好，我是市民政局的易某华。全市一共建成老年助餐点186个。

**小雨**：哇，那老人去吃一顿要多少钱呀？

**易某华**：60岁以上的老人每餐补贴3元，80岁以上补贴5元。
"""


def _said(tmp_path: Path, document: str) -> dict[str, str]:
    """Each sentence of an invented document (first line its file name) with the name of who says it ("" for none)."""
    from index.ingest.corpus import parse_document

    name, _, body = document.partition("\n")
    (tmp_path / name).write_text(body, encoding="utf-8")
    doc = parse_document(tmp_path / name, name, 20_000_000)
    return {x.text: x.speaker.name if x.speaker else "" for _, _, x in doc.sentences()}


def test_a_nickname_a_cast_line_lists_opens_a_turn_of_its_own(tmp_path):
    said = _said(tmp_path, PODCAST)
    # "小雨" is an everyday word, but the cast line lists it: her question is her turn, not the guest's words.
    assert said["哇，那老人去吃一顿要多少钱呀？"] == "小雨"
    assert said["60岁以上的老人每餐补贴3元，80岁以上补贴5元。"] == "易某华"
    assert said["哈喽大家好，欢迎收听《甲市夜话》，我是阿杰。"] == "阿杰"


def test_only_a_cast_line_lists_names():
    from index.ingest.dialogue import listed_names

    assert listed_names(["本期主播：阿杰、小雨", "嘉宾：易某华（甲市民政局副局长）"]) == {"阿杰", "小雨", "易某华"}
    assert listed_names(["时间：2026年5月1日", "主持人说：今天来了很多人。"]) == set()


def test_a_turn_labelled_by_the_guests_role_is_the_one_guests_words(tmp_path):
    document = PODCAST.replace("**阿杰**：", "主播：").replace("**小雨**：", "主播：").replace("**易某华**：", "嘉宾：")
    said = _said(tmp_path, document)
    assert said["60岁以上的老人每餐补贴3元，80岁以上补贴5元。"] == "易某华"
    assert said["哇，那老人去吃一顿要多少钱呀？"] == ""


MINUTES = """甲市自然资源和规划局_2026-04-10_甲市老城更新规划专家论证会纪要.txt
甲市老城更新规划（草案）专家论证会纪要

时间：2026年4月8日上午
主持：柯某平（甲市自然资源和规划局副局长）

会议听取了编制单位关于规划草案的汇报，形成如下意见。

一、专家发言摘要

邓某明教授：
草案对老城历史街巷的保护思路清晰。我建议把现存的27条历史街巷全部纳入保护名录。

易某华总规划师：
停车问题是老城更新的难点。建议在老城外围新建3处公共停车场。

丁某兰副理事长：
她认为，草案对居民意愿的调查不够充分，建议补充入户调查。

二、论证结论
（一）原则同意规划草案通过论证。
"""

LETTER = """甲市城市管理局_2026-07-28_关于第0138号提案的答复.txt
关于市政协第0138号提案的答复

邓某明委员：
您提出的《关于规范共享单车停放的提案》收悉。我局高度重视，现答复如下。
一是新增停放点120个。

甲市城市管理局
2026年7月28日
"""


def test_a_line_of_a_name_its_post_and_a_colon_hands_over_to_that_persons_words(tmp_path):
    said = _said(tmp_path, MINUTES)
    assert said["我建议把现存的27条历史街巷全部纳入保护名录。"] == "邓某明"
    assert said["停车问题是老城更新的难点。"] == "易某华"
    assert said["她认为，草案对居民意愿的调查不够充分，建议补充入户调查。"] == "丁某兰"
    assert said["（一）原则同意规划草案通过论证。"] == ""  # the meeting's own conclusion


def test_a_letters_salutation_is_no_speaker(tmp_path):
    said = _said(tmp_path, LETTER)
    assert said["您提出的《关于规范共享单车停放的提案》收悉。"] != "邓某明"


def test_a_name_then_its_post_is_read_only_when_the_name_is_whole():
    from index.ingest.names import name_then_post

    assert name_then_post("易某华总规划师").name == "易某华"
    assert name_then_post("邓某明同志").title == ""
    assert name_then_post("党组成员") is None and name_then_post("相关负责人") is None
    assert name_then_post("党组书记、局长") is None
