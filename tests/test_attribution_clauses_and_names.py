"""Round-3 attribution mechanisms, each on a self-written text (invented county, invented people).

Adverbs after an unnamed title are not names; a reply with nothing replied is narration; transcribed
minority names of four characters after a title; the subject after a clause of time ("张三发言后，…",
"记者采访当天，…"); a topic opener interrupted by a quotation; "这位副县长" as the holder of that office;
a title after "邀请到"; an interview's closing narration after the guest's reported words.
"""
from __future__ import annotations


from index.ingest.names import name_at, titled_people, transcribed_name
from index.ingest.registry import build_registry
from index.models import Document
from tests.sentences import parse_text, who

FORUM = """某县召开优化营商环境座谈会

3月5日，县政府召开优化营商环境座谈会。县长司马青云主持会议并讲话。

会上，五家企业负责人先后发言。某某食品有限公司董事长柯振邦介绍，公司今年计划扩产一倍。“用地指标迟迟落实不了，项目只能等着。”柯振邦说。

针对企业反映的问题，各责任单位负责人依次回应。县自然资源局主要负责人阿苏拉呷首先发言。该负责人表示，县里将在二季度前完成用地报批。

县税务局副局长宁雪梅就办税便利化作了发言。她介绍，全县已实现八成业务网上办理。

宁雪梅发言后，县经济商务局局长邰志鹏回应了企业关心的物流问题。他谈到，县里将新建冷链仓库两座。

县妇联主席吉木莫呷也作了发言。对于柯振邦提到的“招工难”问题，她建议组织专场招聘会。

“今年一定要让企业少跑腿。”县政务服务中心负责人回应。

记者采访当天，邰志鹏刚与宁雪梅一同走访了两家园区企业。他透露，县里正在起草支持物流企业的若干措施。

座谈会上，副县长滕晓光也谈了看法。“园区的配套跟不上，企业留不住人。”这位副县长笑着说。
"""

BRIEFING = """# 某市文化旅游发布会

**主持人**：各位记者朋友，大家好！今天我们邀请到市文化广电旅游局局长祁振华先生，市交通运输局副局长游丽娜女士，请他们介绍有关情况。

**市文化广电旅游局局长 祁振华**：谢谢主持人。今年全市接待游客增长两成。

**某某日报记者**：请问游副局长，旅游专线有什么安排？

**游丽娜**：我们将开通旅游专线六条。
"""

INTERVIEW = """让古镇“活”起来——访某县文化旅游局局长欧海涛

本报记者 简明

记者：古镇保护今年有什么新举措？

欧海涛：今年我们重点做好两件事。一是修缮老街，二是引进非遗工坊。

记者：游客量怎么样？

欧海涛：节假日游客量比去年翻了一番。

采访结束时，夕阳洒在青石板上。欧海涛指着远处的老街说，古镇保护只有起点没有终点。从一条老街到一座活着的古镇，这里的故事还在继续。
"""


def people(doc: Document) -> dict[str, tuple[tuple[str, ...], str]]:
    return {p.name: (tuple(p.titles), p.gender) for p in build_registry([doc])}


def test_an_adverb_after_an_unnamed_title_is_not_a_name_and_a_reply_with_nothing_replied_is_narration(tmp_path):
    doc = parse_text(tmp_path, FORUM)
    assert who(doc, "各责任单位负责人依次回应") == (None, "narration")
    assert not any(name.startswith("依次") for name in people(doc))


def test_a_quotation_before_a_bare_reply_belongs_to_the_one_who_replied(tmp_path):
    doc = parse_text(tmp_path, FORUM)
    assert who(doc, "今年一定要让企业少跑腿") == ("", "statement")
    assert who(doc, "县政务服务中心负责人回应") == ("", "statement")


def test_a_transcribed_four_character_name_after_a_title_is_read_whole(tmp_path):
    doc = parse_text(tmp_path, FORUM)
    found = people(doc)
    assert found["阿苏拉呷"] == (("县自然资源局主要负责人",), "")
    assert found["吉木莫呷"] == (("县妇联主席",), "f")
    assert who(doc, "县自然资源局主要负责人阿苏拉呷首先发言") == (None, "narration")
    assert who(doc, "该负责人表示，县里将在二季度前") == ("阿苏拉呷", "statement")


def test_a_han_name_and_the_word_after_it_are_not_a_transcribed_name():
    assert transcribed_name("阿苏拉呷") and transcribed_name("扎西卓玛")
    assert not transcribed_name("李四主动") and not transcribed_name("周明同志") and not transcribed_name("王小")
    assert not transcribed_name("李木拉着")
    assert name_at("吉木莫呷、副县长") == "吉木莫呷"
    assert name_at("周明同志表示") == "周明"


def test_a_name_in_parts_joined_by_a_middle_dot_is_one_name_ending_before_the_words_after_it(tmp_path):
    assert name_at("艾力·库尔班同志表示") == "艾力·库尔班"
    assert [(p.name, p.title) for p in titled_people("出席的有州商务局局长买买提·吐尔逊、州文旅局副局长曲木阿呷。")] == [
        ("买买提·吐尔逊", "州商务局局长"), ("曲木阿呷", "州文旅局副局长")]
    doc = parse_text(tmp_path, "某州召开座谈会\n\n州商务局局长买买提·吐尔逊首先发言。他表示，将帮助企业开拓市场。\n")
    assert who(doc, "首先发言") == (None, "narration")
    assert who(doc, "他表示，将帮助企业") == ("买买提·吐尔逊", "statement")


def test_the_subject_after_a_clause_of_time_speaks_not_the_person_named_in_it(tmp_path):
    doc = parse_text(tmp_path, FORUM)
    assert who(doc, "宁雪梅发言后，县经济商务局局长邰志鹏") == ("邰志鹏", "statement")
    assert who(doc, "他谈到，县里将新建冷链仓库两座") == ("邰志鹏", "statement")
    assert people(doc)["邰志鹏"][0] == ("县经济商务局局长",)


def test_the_reporters_clause_of_time_leaves_the_person_after_it_as_the_one_a_pronoun_continues(tmp_path):
    doc = parse_text(tmp_path, FORUM)
    assert who(doc, "记者采访当天") == (None, "narration")
    assert who(doc, "他透露，县里正在起草") == ("邰志鹏", "statement")


def test_a_pronoun_after_a_topic_opener_holding_a_quotation_continues_the_person_just_named(tmp_path):
    doc = parse_text(tmp_path, FORUM)
    assert who(doc, "她建议组织专场招聘会") == ("吉木莫呷", "statement")


def test_this_deputy_county_head_is_the_last_person_named_with_that_office(tmp_path):
    doc = parse_text(tmp_path, FORUM)
    assert who(doc, "这位副县长笑着说") == ("滕晓光", "statement")
    assert who(doc, "园区的配套跟不上") == ("滕晓光", "statement")


def test_a_title_after_a_verb_and_its_complement_leaves_the_complement_out(tmp_path):
    assert [(p.name, p.title) for p in titled_people("今天我们邀请到市文化广电旅游局局长祁振华先生出席")] == [
        ("祁振华", "市文化广电旅游局局长")]
    doc = parse_text(tmp_path, BRIEFING, "a.md")
    assert people(doc)["祁振华"][0] == ("市文化广电旅游局局长",)


def test_in_an_interview_the_reporters_closing_sentence_after_the_guests_reported_words_is_narration(tmp_path):
    doc = parse_text(tmp_path, INTERVIEW)
    assert who(doc, "欧海涛指着远处的老街说") == ("欧海涛", "statement")
    assert who(doc, "从一条老街到一座活着的古镇") == (None, "narration")
    assert who(doc, "节假日游客量比去年翻了一番") == ("欧海涛", "statement")


def test_an_event_followed_by_a_clause_of_speech_is_a_statement_alone_it_is_narration(tmp_path):
    text = ("某市教育工作会议\n\n会上，市民政局局长季红作了表态发言，表示将全力配合做好资助工作。"
            "市财政局副局长阚晓东接着发言，介绍了教育经费保障情况。市体育局局长房振宇随后发言。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "季红作了表态发言") == ("季红", "statement")
    assert who(doc, "阚晓东接着发言") == ("阚晓东", "statement")
    assert who(doc, "房振宇随后发言") == (None, "narration")
