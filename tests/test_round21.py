"""Round 21: a question about one topic of a person's words gets the statement on that topic; a determiner before
一 states no count; a name right after a title is read whole, with its title, whatever follows it."""
from __future__ import annotations


import pytest

from bot.backends.extractive import _stated_count
from index.ingest.corpus import load_corpus
from tests.conftest import chatbot_for, real_chatbot_for

TALK = """江口广播电视台_2026-04-08_民生访谈实录.txt
江口广播电视台《民生访谈》实录
主持人：今天我们请来了市林业局局长钱海峰。钱局长，先介绍一下全市茶园的情况吧。
钱海峰：全市茶园面积已经达到42万亩，去年茶叶产量3.1万吨，带动8万户茶农增收。
主持人：茶园病虫害多，怎么管？
钱海峰：我们推广绿色防控，每年统一发放黄板和杀虫灯，茶农不用自己掏钱。
主持人：往后几年有什么打算？
钱海峰：我们提出，到2030年全市茶叶综合产值达到90亿元，精深加工比例提高到40%。
"""

STREET = """江口日报_2026-05-06_老街消防见闻.txt
江口日报　2026年5月6日
老街消防见闻
本报记者　陈明
　　清晨的江口老街，木楼一座挨着一座。
　　老街街道办事处副主任孙丽珊每周都要带着网格员走街串巷。她告诉记者，街道把老街划成36个消防网格，每个网格都有网格长。
　　“以前一到冬天就担心电线老化。”居民周桂兰说，现在社区统一换了线路，心里踏实多了。
　　家住老街东头的退休职工吴德顺每天傍晚都去消防站转一转。“灭火器放在哪、怎么用，我现在都门儿清。”他说。
"""


@pytest.fixture(scope="module")
def talk(tmp_path_factory):
    """A talk show where one guest answers three questions on three topics."""
    return chatbot_for(tmp_path_factory.mktemp("talk"), TALK)


def test_a_question_about_one_topic_of_a_persons_words_gets_the_statement_on_it(talk):
    a = talk.ask("钱海峰对2030年定了哪些目标？")
    assert a.found
    assert "90亿元" in a.answer
    assert "段发言" not in a.answer  # not every statement, cut to fit
    assert "钱海峰" in (a.attribution or "") + a.answer


def test_what_a_person_said_with_no_topic_is_every_statement(talk):
    a = talk.ask("钱海峰说了什么？")
    assert a.found
    assert "3段发言" in a.answer


def test_a_topic_no_statement_holds_more_than_another_keeps_every_statement(talk):
    a = talk.ask("钱海峰对外地游客说了些什么？")
    assert "段发言" in a.answer or not a.found


def test_a_determiner_before_one_states_no_count():
    assert _stated_count("这个决定一共分几部分？每一部分的标题都列一下", "部分") == 0
    assert _stated_count("哪一项是市财政局牵头的", "项") == 0
    assert _stated_count("是不是五大行动", "行动") == 5


def test_a_name_right_after_a_title_is_read_whole_with_its_title(tmp_path):
    name, _, body = STREET.partition("\n")
    (tmp_path / name).write_text(body, encoding="utf-8")
    people = {p.name: p for p in load_corpus(tmp_path, warn=lambda _: None).people}
    assert "孙丽珊" in people, sorted(people)
    assert people["孙丽珊"].title == "老街街道办事处副主任"
    assert not any(n.startswith("任") for n in people)  # the last character of 主任 is no surname


def test_a_person_met_once_by_a_role_who_speaks_through_a_pronoun_is_a_speaker(tmp_path):
    name, _, body = STREET.partition("\n")
    (tmp_path / name).write_text(body, encoding="utf-8")
    people = {p.name: p for p in load_corpus(tmp_path, warn=lambda _: None).people}
    assert "吴德顺" in people, sorted(people)
    assert people["吴德顺"].title == "退休职工"
    assert "门儿清" in people["吴德顺"].statements[0].text


def test_who_said_a_quoted_phrase_asked_as_which_guest_names_the_speaker(talk):
    a = talk.ask("“茶农不用自己掏钱”这话是哪位嘉宾说的？")
    assert a.found
    assert "钱海峰" in a.answer


MEETING = """江口市人民政府网_2026-06-10_全市防汛工作推进会.txt
全市防汛工作推进会召开
　　6月9日，全市防汛工作推进会召开。副市长马建军出席并讲话。
　　市水利局局长邓文涛介绍了全市水库安全度汛情况。他表示，今年汛前已完成病险水库除险加固14座。
　　市应急管理局副局长韩晓梅介绍，全市已储备冲锋舟60艘、救生衣1.2万件。
　　邓局长在发言最后还提到，“汛期各水库一律按汛限水位运行”。
　　群众向村民小组反映险情的，村委会要在1小时内上报乡镇。
"""


@pytest.fixture(scope="module")
def meeting(tmp_path_factory):
    """A meeting report where two officials give the facts and one speaks last."""
    return chatbot_for(tmp_path_factory.mktemp("meeting"), MEETING)


@pytest.fixture(scope="module")
def real_meeting(tmp_path_factory):
    """The meeting report under the real chatbot."""
    return real_chatbot_for(tmp_path_factory.mktemp("real_meeting"), MEETING)


@pytest.mark.slow
def test_who_spoke_asked_with_a_verb_and_an_object_that_names_no_topic_lists_every_speaker(real_meeting):
    a = real_meeting.ask("会上出来介绍情况的都有谁？")
    assert a.found
    assert "邓文涛" in a.answer and "韩晓梅" in a.answer


def test_a_preposition_and_a_common_word_after_a_familiar_title_are_no_name(meeting):
    names = {p.name for p in meeting.kb.people}
    assert "在发言" not in names
    assert "小组" not in names  # "群众向村民小组反映": the group is addressed, it does not speak
    assert {"邓文涛", "韩晓梅"} <= names


def test_levels_of_place_asked_together_are_held_by_places_of_those_levels():
    from bot.pipeline.scope import holds_noun

    assert holds_noun("县区", "首批门店覆盖江北区、江南区、临河县，名单已公布。")
    assert not holds_noun("县区", "首批门店共86家，名单已公布。")


BUREAUS = """江口日报_2026-07-01_就业帮扶见闻.txt
就业帮扶见闻
　　市人力资源和社会保障局局长邹明远说，今年全市新增就业岗位1.2万个。
　　市财政局副局长韩立平介绍，市财政安排就业补助资金8000万元。
　　市教育局副局长薛红梅表示，职业院校今年扩招2000人。
"""


def test_a_post_asked_with_its_deputies_lists_the_holders_of_both(tmp_path):
    bot = chatbot_for(tmp_path, BUREAUS)
    a = bot.ask("报道里出现的局长、副局长一共几位？分别是谁？")
    assert a.found
    assert "3位" in a.answer and all(n in a.answer for n in ("邹明远", "韩立平", "薛红梅"))


FAQ = """江口市人民政府网_2026-08-01_旧家电回收政策问答.html
<html><head><title>旧家电回收政策问答</title></head><body>
<h1>江口市旧家电回收补贴政策问答</h1>
<h2>一、为什么要开展旧家电回收？</h2>
<p>全市居民家中超期服役的旧家电约40万台，不少存在漏电、起火隐患，回收拆解能消除隐患、回收资源。</p>
<h2>二、哪些家电可以申请补贴？</h2>
<p>冰箱、洗衣机、空调、电视机、热水器五类家电均可申请。</p>
<h2>三、补贴标准是多少？</h2>
<p>每台补贴200元，每户最多补贴3台。</p>
</body></html>
"""


def test_a_qa_pages_question_headings_are_questions_the_documents_ask_each_with_its_answer(tmp_path):
    bot = chatbot_for(tmp_path, FAQ)
    asked = dict(bot.kb.outline.headings)
    assert "为什么要开展旧家电回收？" in asked  # the heading's number is no part of its question
    assert "40万台" in asked["为什么要开展旧家电回收？"].text


@pytest.fixture(scope="module")
def real_faq(tmp_path_factory):
    """The Q&A page under the real chatbot."""
    return real_chatbot_for(tmp_path_factory.mktemp("real_faq"), FAQ)


@pytest.mark.slow
def test_a_question_asked_as_a_qa_page_asks_it_in_other_words_gets_the_answer_under_that_heading(real_faq):
    a = real_faq.ask("为啥要回收旧电器？")
    assert a.found
    assert "隐患" in a.answer


def test_a_document_named_by_its_kind_with_a_word_of_place_is_no_term_to_find(talk):
    terms = talk.kb.evidence.terms("决定里的基本原则有哪几条？")
    assert "决定" not in terms and "基本原则" in "".join(terms)
    assert "报道" not in talk.kb.evidence.terms("这篇报道中茶园面积多大？")


@pytest.mark.slow
def test_a_yes_no_question_that_names_a_post_but_asks_the_persons_sex_is_a_gender_question(real_meeting):
    from bot.pipeline.understand import Intent

    a = real_meeting.ask("市应急管理局副局长韩晓梅是女的吗？")
    assert a.intent == Intent.GENDER.value
    assert not a.answer.startswith("是。")


def test_a_request_to_tell_everything_is_no_part_of_the_question():
    from bot.pipeline.understand import without_requests

    assert without_requests("重点发展哪些产品？一个不漏全部列出来") == "重点发展哪些产品？"
    assert without_requests("会议要求有哪几条？一条一条列出来") == "会议要求有哪几条？"
    assert without_requests("要求一共几条？全部列一下，一条都不要漏") == "要求一共几条？"
    assert without_requests("全市有哪些县？") == "全市有哪些县？"


def test_the_words_of_a_request_to_list_weigh_nothing_in_the_evidence(talk):
    asked = talk.kb.evidence.terms("茶园病虫害怎么管？一个不漏全部列出来")
    assert set(asked) == set(talk.kb.evidence.terms("茶园病虫害怎么管？"))


def test_a_figure_asked_for_each_year_is_given_by_a_figure_for_each_year_named():
    from bot.pipeline.scope import missing_rate

    assert missing_rate("每年累计要到多少个？", "到2025年底，新建口袋公园40个；到2026年底，累计建成100个。") == ""
    assert missing_rate("每年补贴多少？", "共安排补贴资金500万元。") == "每年"
