"""Round 19: a question asked of two things at once ("A和B…分别…") is asked of each."""
from __future__ import annotations

import pytest

from bot.citations import Citation
from bot.models import Answer
from bot.pipeline.parts import answer_each, sides
from tests.conftest import chatbot_for

RULES = """辰州市居家适老化改造补助办法.txt
辰州市居家适老化改造补助办法
一、补助对象
本市户籍60周岁以上的居家老年人家庭，由市文化和旅游局、市民政局共同宣传。
二、补助标准
基础类改造：主要包括扶手、防滑地面和坐便器，每户补助上限为1200元。
智能类改造：主要包括紧急呼叫器和烟雾报警器，每户补助上限为2600元。
缴费基数的下限为每月3100元，上限为每月15500元。
三、申请方式
由老年人或其家属向所在街道提出申请。
"""
TEXT = RULES.split("\n", 1)[1]


def known(text: str) -> bool:
    """The documents contain the text (as Knowledge.mentions says)."""
    return text in TEXT


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    """Rules that give one figure for each of two kinds of work."""
    return chatbot_for(tmp_path_factory.mktemp("rules"), RULES)


def test_a_question_asked_of_two_things_becomes_one_question_for_each():
    assert sides("基础类和智能类改造，每户补助上限分别是多少？", known) == [
        "基础类改造，每户补助上限是多少？", "智能类改造，每户补助上限是多少？"]


def test_what_both_sides_share_stays_with_each_side():
    assert sides("缴费基数的上限和下限分别是多少？", known) == ["缴费基数的上限是多少？", "缴费基数的下限是多少？"]


def test_asking_for_the_difference_becomes_asking_what_each_is():
    assert sides("基础类和智能类改造有啥不一样？", known) == ["基础类改造是什么？", "智能类改造是什么？"]


def test_a_name_the_documents_write_with_a_conjunction_is_one_thing():
    assert sides("市文化和旅游局分别说了什么？", known) == []


def test_a_side_the_documents_never_name_is_no_pair_to_split():
    assert sides("基础类和豪华类改造，每户补助上限分别是多少？", known) == []


def test_a_conjunction_without_asking_for_each_is_no_pair():
    assert sides("基础类和智能类改造一共补助多少？", known) == []


class Scripted:
    """Answers each question from a table, as the chain would."""

    def __init__(self, table: dict[str, Answer]):
        self.table = table
        self.asked: list[str] = []

    def __call__(self, text: str, history) -> Answer:
        self.asked.append(text)
        return self.table[text]


def _found(text: str, passage: str, speaker: str = "", intent: str = "") -> Answer:
    cite = Citation(passage=passage, speaker=speaker, speaker_title="", section="", doc_title="办法", doc_id="d",
                    source_kind="statement" if speaker else "narration", paragraph=1, start=0, end=len(passage))
    return Answer(answer=text, found=True, citations=[cite], intent=intent)


def test_each_side_is_answered_with_its_own_source_first():
    ask = Scripted({"甲类是多少？": _found("甲类800元。", "甲类800元。"), "乙类是多少？": _found("乙类900元。", "乙类900元。")})
    whole = _found("甲类800元。", "甲类800元。")
    out = answer_each(whole, "甲类和乙类分别是多少？", [], ask, known=lambda t: t in ("甲类", "乙类"))
    assert out.answer == "甲类800元。\n乙类900元。"
    assert [c.passage for c in out.citations] == ["甲类800元。", "乙类900元。"]


def test_one_figure_for_both_sides_together_is_no_answer_for_each():
    together = _found("甲类、乙类等共800元。", "甲类、乙类等共800元。")
    refused = Answer(answer="文中未提及。", found=False)
    ask = Scripted({"甲类是多少？": together, "乙类是多少？": together})
    out = answer_each(refused, "甲类和乙类分别是多少？", [], ask, known=lambda t: t in ("甲类", "乙类"))
    assert out is refused


def test_one_sentence_with_a_figure_for_each_side_answers_both():
    both = _found("甲类800元，乙类900元。", "甲类800元，乙类900元。")
    refused = Answer(answer="文中未提及。", found=False)
    ask = Scripted({"甲类是多少？": both, "乙类是多少？": both})
    out = answer_each(refused, "甲类和乙类分别是多少？", [], ask, known=lambda t: t in ("甲类", "乙类"))
    assert out.found and out.answer == "甲类800元，乙类900元。"


def test_two_people_compared_keep_the_compare_answer():
    whole = _found("张三：修路。\n李四：建桥。", "修路。", speaker="张三", intent="compare")
    whole.citations.append(_found("", "建桥。", speaker="李四").citations[0])
    ask = Scripted({})
    out = answer_each(whole, "张三和李四分别说了什么？", [], ask, known=lambda t: t in ("张三", "李四"))
    assert out is whole and ask.asked == []


def test_both_caps_of_two_kinds_of_work_are_answered(rules):
    a = rules.ask("基础类和智能类改造，每户补助上限分别是多少？")
    assert a.found and "1200" in a.answer and "2600" in a.answer


def test_the_floor_and_the_ceiling_are_both_given(rules):
    a = rules.ask("缴费基数上限和下限分别是多少？")
    assert a.found and "3100" in a.answer and "15500" in a.answer


def test_members_named_in_the_sentence_after_the_list_answer_which_they_are():
    from bot.pipeline.scope import members_missing

    evidence = "（一）实施三大行动。即甲乙平台赋能行动、“丙丁上云”行动、小微企业转型行动。"
    assert not members_missing("三大行动都是哪三个？", evidence)
    assert members_missing("三大行动都是哪三个？", "（一）实施三大行动。到2027年全面完成。")


def test_members_with_figures_or_quoted_names_are_a_written_out_list():
    from bot.pipeline.scope import members_missing

    assert not members_missing("调整的28条线分别是哪些？", "共调整线路28条，其中新开线路6条、调整走向15条、撤并线路7条。")
    assert not members_missing("那5种服务包具体是哪几种？",
                               "新推出5种服务包，比如针对老人的“护理包”、针对儿童的“成长包”、针对孕妇的“安心包”。")


TALK = """甲州广播电视台_2026-10-01_山茶油访谈实录.txt
甲州广播电视台《民生访谈》访谈实录
——访甲州市林业局局长祝文清、乙县人民政府副县长禤明远
播出时间：2026年10月1日 晚8:00 甲州新闻综合频道
主持人：观众朋友们好，今天我们请来了两位嘉宾。
祝文清：主持人好，观众朋友们好！今年全市油茶种植面积达到86万亩。
主持人：乙县是油茶大县，禤县长，县里今年做了哪些事？
禤明远：今年县里组织了24支采摘服务队，哪个村缺人手，服务队就开到哪个村。
主持人：收购价格怎么保障？
禤明远：县里要求收购企业签订保底协议，鲜果每公斤不低于6元。
"""


def test_a_name_with_a_rare_surname_is_a_name_when_the_document_labels_its_turns_with_it():
    from index.ingest.names import vouched_names

    assert vouched_names(TALK) == frozenset({"禤明远"})
    # A label alone may be a field, a title alone may precede any word.
    assert vouched_names("时间：10月1日\n副县长时间表已定。") == frozenset()


def test_a_field_or_a_common_surname_is_not_vouched_for():
    from index.ingest.names import vouched_names

    assert vouched_names("地点：会议中心\n主持人：局长地点待定。") == frozenset()
    assert vouched_names("——访副县长王明远\n王明远：大家好。") == frozenset()  # already a name by its surname


@pytest.fixture(scope="module")
def talk(tmp_path_factory):
    """A TV interview whose guest has a surname too rare for the surname list."""
    return chatbot_for(tmp_path_factory.mktemp("talk"), TALK)


def test_the_guest_with_a_rare_surname_is_in_the_registry_with_the_title_from_the_headline(talk):
    people = {p.name: p for p in talk.people()}
    assert "禤明远" in people and people["禤明远"].title.endswith("副县长")


def test_the_guests_turns_are_cited_as_the_guests_words(talk):
    a = talk.ask("采摘服务队有几支？")
    assert a.found and "24支" in a.answer
    assert a.citations and a.citations[0].speaker == "禤明远"


def test_when_and_on_which_channel_a_programme_aired_is_the_header_line_as_written(talk):
    a = talk.ask("这期节目是哪天播的？在哪个频道？")
    assert a.found and "10月1日" in a.answer and "晚8:00" in a.answer and "新闻综合频道" in a.answer
