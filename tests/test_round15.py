"""Round 15: short forms of the documents' words, what a body does in a text with no notes of who leads what, a
person described by sex and post, and figures asked of one named person's words (invented text)."""
from __future__ import annotations

import pytest

from tests.conftest import chatbot_for

DECISION = """辛州市委关于加快发展银发经济的决定.txt
中共辛州市委关于加快发展银发经济的决定

一、总体要求

到2027年，全市养老服务床位达到2.6万张，护理型床位占比达到65%。

二、重点任务

（一）完善居家养老服务。由市民政局牵头，2026年底前建成社区助餐点300个，对80岁以上老人每餐补贴3元。

（二）发展老年教育。老年大学办学点覆盖所有乡镇，由市教育局负责统筹。

三、保障措施

成立市银发经济发展领导小组，由分管副市长任组长，办公室设在市人力资源和社会保障局，负责统筹协调和日常调度。
市财政每年安排专项资金8000万元。
"""

MEETING = """辛州市冬春保供会议.txt
辛州市召开冬春市场保供工作会议

12月2日，全市冬春市场保供工作会议召开。

会上，市发展和改革委员会副主任苗青通报了储备情况。她介绍，今冬全市已储备冻猪肉600吨、冬春蔬菜4000吨，可满足全市居民约20天的需要。

市公安局副局长柯蓝在发言中说，今年以来全市共抓获哄抬物价违法犯罪嫌疑人36名，查处案件52起。

市商务局局长乔木表示，全市平价蔬菜直销店已达到120家，每天上午8点开门。
"""


@pytest.fixture(scope="module")
def decision(tmp_path_factory):
    """A real chatbot over an invented decision with no notes of who leads what."""
    return chatbot_for(tmp_path_factory.mktemp("decision"), DECISION)


@pytest.fixture(scope="module")
def meeting(tmp_path_factory):
    """A real chatbot over an invented meeting report with three officials, two of them women."""
    return chatbot_for(tmp_path_factory.mktemp("meeting"), MEETING)


def test_a_word_kept_by_one_character_of_each_word_is_read_as_a_short_form():
    from bot.pipeline.evidence import abbreviates

    assert abbreviates("冻肉", "已储备冻猪肉600吨")
    assert abbreviates("骗保", "严厉打击欺诈骗取社保基金")
    assert not abbreviates("冻肉", "冻肉600吨")  # written as asked: a plain match, not a short form
    assert not abbreviates("烤干", "粮食烘干能力")  # one character in common is no short form
    assert not abbreviates("冻肉", "冻结资金，猪肉价格")  # too far apart, across a clause


def test_a_body_named_by_its_former_or_short_name_is_matched_to_the_documents_body():
    from bot.pipeline.duties import named_org

    bodies = ["市生态环境局", "市住房城乡建设局", "市人力资源和社会保障局"]
    assert named_org("环保局在这个方案里管啥？", [], bodies) == "市生态环境局"
    assert named_org("住建那边在这个方案里负责什么？", [], bodies) == "市住房城乡建设局"
    assert named_org("人社局要干啥？", [], bodies) == "市人力资源和社会保障局"
    assert named_org("交通局要干啥？", [], bodies) == ""


def test_what_a_body_does_in_a_text_with_no_duty_notes_is_every_sentence_that_names_it(decision):
    a = decision.ask("人社局在这个决定里管啥？")
    assert a.found and "市人力资源和社会保障局" in a.answer and "办公室设在" in a.answer
    b = decision.ask("民政局在这个决定里具体要干些啥？")
    assert b.found and "社区助餐点300个" in b.answer and "老年大学" not in b.answer


def test_a_body_the_documents_never_name_gets_no_list_of_its_duties(decision):
    a = decision.ask("卫健委在这个决定里管啥？")
    assert "共1处" not in a.answer and "办公室设在" not in a.answer


def test_a_person_described_by_sex_and_post_is_not_asked_about_their_sex(meeting):
    a = meeting.ask("公安局那个女副局长说查处了多少起案件？")
    assert a.found and "52起" in a.answer and "柯蓝" in a.answer


def test_a_word_for_the_persons_sex_before_a_post_is_read_as_who_is_meant_not_as_a_topic():
    from bot.backends.extractive import sex_of_post

    assert sex_of_post("文旅局那个女局长说景区有啥优惠", "文旅局局长") == ["那个女"]
    assert sex_of_post("人社局来的女领导说了啥", "市人力资源和社会保障局副局长") == ["女"]
    assert sex_of_post("人社局那个女副局长说了啥", "人社局副局长") == ["那个女"]
    assert sex_of_post("张三说女职工的产假有多少天", "市总工会副主席") == []  # 女 of the topic, before no post


def _judge(sentence: str, similarity: float, scoped: bool, asks=frozenset({"number"})):
    from bot.pipeline import answerability
    from bot.pipeline.evidence import Evidence
    from index.models import Chunk
    from index.search.retriever import Hit

    chunk = Chunk(chunk_id="c", doc_id="d", doc_title="t", section="", paragraph=0, text=sentence, start=0,
                  end=len(sentence), speaker="柯蓝")
    ev = Evidence(chunk, [sentence], coverage=0.0, rank=0)
    return answerability.judge(ev, [Hit(chunk, 1.0, dense_rank=1, dense_score=similarity)], set(asks),
                               lambda _: similarity, "柯蓝说逮了多少个人？", scoped=scoped).outcome


def test_a_figure_asked_of_one_named_persons_words_is_found_in_other_words_when_near_in_meaning():
    said = "今年以来全市共抓获哄抬物价违法犯罪嫌疑人36名。"
    assert _judge(said, 0.88, scoped=True) == "answer"
    assert _judge(said, 0.88, scoped=False) == "none"  # over the whole corpus, the words must carry it
    assert _judge(said, 0.85, scoped=True) == "none"  # not near enough in meaning


def test_a_named_persons_sentence_without_the_asked_kind_of_fact_does_not_answer_in_other_words():
    assert _judge("全市要加强市场监管，维护价格秩序。", 0.90, scoped=True) == "none"
    assert _judge("今年以来全市共抓获嫌疑人36名。", 0.90, scoped=True, asks=frozenset()) == "none"


def test_a_verb_of_doing_that_is_not_the_bodys_does_not_list_where_the_body_is_named(decision):
    a = decision.ask("老听人说要搞什么社区助餐，我想问一下民政部门给老人吃饭补贴多少钱？")
    assert not a.answer.startswith("文中写到")


ONLINE = """壬州市“稳就业”在线访谈
[09:58] 主持人：各位网友大家好，今天我们请到了市人社局局长 钟远山。
[10:01] 市人社局局长 钟远山：主持人好，各位网友好。今年全市城镇新增就业3.2万人。
[10:05] 网友“河畔小舟”：我是外地来的，能领就业补贴吗？
[10:06] 钟远山：可以的，补贴不看户籍，毕业两年内都能申请。
[10:08] 主持人：下面转达一位网友的提问。网友“夜跑的猫”问：欠薪了找谁？这个问题请钟局长回答。
[10:09] 钟远山：可以拨打12333热线，我们三个工作日内处理。
"""

RADIO = """《民生热线》访谈实录
癸州人民广播电台新闻广播FM99.1　2026年6月9日　主持人：方宁　记者：郁青 唐川
主持人：今天走进直播间的，一位是市住房和城乡建设局局长严正清，另一位是市住房和城乡建设局副局长宁婉。宁副局长分管老旧小区改造，她已经第三次来我们节目了。
热线电话：你好，我想问一下我们小区什么时候开工？
宁婉：你们小区计划8月开工，开工前会张贴公告。
严正清：今年的改造资金已经全部到位。
"""


def test_a_turn_stamped_with_its_time_is_still_a_labelled_turn(tmp_path):
    from tests.sentences import parse_text, who

    doc = parse_text(tmp_path, ONLINE, "壬州市人民政府网_2026-10-28_稳就业在线访谈.md")
    assert who(doc, "今年全市城镇新增就业3.2万人") == ("钟远山", "statement")
    assert who(doc, "补贴不看户籍") == ("钟远山", "statement")
    assert who(doc, "我是外地来的") == (None, "question")  # a netizen under a handle asks, never speaks
    assert who(doc, "可以拨打12333热线") == ("钟远山", "statement")


def test_a_question_the_host_relays_under_a_handle_leaves_the_hand_over_the_hosts(tmp_path):
    from tests.sentences import parse_text, who

    doc = parse_text(tmp_path, ONLINE, "壬州市人民政府网_2026-10-28_稳就业在线访谈.md")
    assert who(doc, "欠薪了找谁") == (None, "question")
    assert who(doc, "这个问题请钟局长回答") == (None, "narration")


def test_a_broadcast_header_gives_its_channel_date_and_reporters_and_a_caller_asks(tmp_path):
    from tests.sentences import parse_text, who

    doc = parse_text(tmp_path, RADIO, "癸州人民广播电台_2026-06-09_民生热线访谈实录.txt")
    assert doc.meta.outlet == "癸州人民广播电台新闻广播" and doc.meta.published.startswith("2026-06-09")
    assert doc.meta.reporters == ["郁青", "唐川"]  # the host is no author
    assert who(doc, "我想问一下我们小区什么时候开工") == (None, "question")
    assert who(doc, "你们小区计划8月开工") == ("宁婉", "statement")


def test_a_host_counting_guests_gives_each_their_own_title_and_a_guests_gender(tmp_path):
    from index.ingest.registry import build_registry
    from tests.sentences import parse_text

    doc = parse_text(tmp_path, RADIO, "癸州人民广播电台_2026-06-09_民生热线访谈实录.txt")
    people = {p.name: p for p in build_registry([doc])}
    assert people["严正清"].title == "市住房和城乡建设局局长"
    assert people["宁婉"].title == "市住房和城乡建设局副局长"
    assert people["宁婉"].gender == "f"  # "宁副局长分管…，她…" in the host's words


def test_two_things_asked_side_by_side_become_one_question_each():
    from bot.pipeline.slots import two_sides

    assert two_sides("2025年和2027年的目标分别是啥？") == ("2025年", "2027年", "2025年的目标是啥？", "2027年的目标是啥？")
    assert two_sides("到2027年的目标和到2030年的目标有什么不一样？")[2:] == ("到2027年的目标？", "到2030年的目标？")
    assert two_sides("口袋公园和绿道的奖补标准有什么不同？")[:2] == ("口袋公园", "绿道")
    assert two_sides("养老床位的目标是多少？") is None  # one thing
    assert two_sides("交通和住房方面都说了些啥") is None  # no "each" or comparison asked


def test_each_side_of_a_two_sided_question_is_answered_from_its_own_passage(decision):
    a = decision.ask("2026年底和2027年的目标分别是多少？")
    assert a.found and "2026年底" in a.answer and "社区助餐点300个" in a.answer
    assert "2.6万张" in a.answer
    b = decision.ask("养老床位和老年大学的要求有啥不一样？")
    assert b.found and "2.6万张" in b.answer and "老年大学办学点覆盖所有乡镇" in b.answer


FEATURE = """辛州日报_2026-05-06_夜市见闻.txt
夜市里的烟火气

本报记者 柯远

晚上7点，辛州老街夜市已经热闹起来。摊主伍春生一边翻着烤串一边说：“今年生意比去年好多了。”

市商务局局长乔木介绍，全市已建成特色夜市12个。

带着孩子来逛夜市的居民邝丽说：“离家近，东西也不贵。”
"""


@pytest.fixture(scope="module")
def feature(tmp_path_factory):
    """A real chatbot over an invented feature quoting an official, a stall owner and a resident."""
    return chatbot_for(tmp_path_factory.mktemp("feature"), FEATURE)


def test_a_list_of_the_ordinary_people_quoted_leaves_out_the_officials(feature):
    a = feature.ask("文章里引了哪几个老百姓和摊主的话？")
    assert a.found and "伍春生" in a.answer and "邝丽" in a.answer and "乔木" not in a.answer
    b = feature.ask("除了当官的，还有谁说了话？")
    assert b.found and "伍春生" in b.answer and "乔木" not in b.answer


def test_ordinary_people_spoken_of_are_a_topic_not_the_speakers_asked_for():
    from bot.pipeline.understand import roster_of

    assert roster_of("文章里引了哪几个老百姓的话？") == "other"
    assert roster_of("会上有哪几位讲到了游客投诉的事？") == ""
    assert roster_of("局长讲，前期一共收了市民多少条意见？") == ""


STUDIO = """子州广播电视台_2026-04-16_民生访谈.txt
《民生直通车》居家养老访谈实录
子州广播电视台　2026年4月16日　编导：苗苗
主持人 顾青：各位观众晚上好。今天我们请到了市民政局局长陆远帆。
陆远帆：主持人好，观众朋友们好。
主持人 顾青：陆局长，今年居家养老有哪些新安排？
陆远帆：今年要建成社区养老服务站300个。
主持人 顾青：这个力度很大。陆局长，助餐点的饭菜价格怎么把关？
陆远帆：一荤两素一汤的套餐不超过12元。
"""


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """A real chatbot over an invented TV interview whose host thanks the guest before asking."""
    return chatbot_for(tmp_path_factory.mktemp("studio"), STUDIO)


def test_a_hosts_question_after_a_remark_on_the_same_line_is_one_of_the_questions(studio):
    a = studio.ask("主持人问的第二个问题是什么？")
    assert a.found and "助餐点的饭菜价格" in a.answer and "12元" in a.answer
    assert "这个力度很大" not in a.answer.split("提的")[0]  # the asker is the label, not the host's remark
    b = studio.ask("一共问了几个问题？")
    assert b.found and "2个问题" in b.answer


def test_a_deputy_addressed_by_surname_and_the_post_itself_is_found(meeting):
    a = meeting.ask("柯局长在会上讲了些啥？")
    assert a.found and "柯蓝" in a.answer and "36名" in a.answer


def test_the_head_of_a_body_named_by_its_short_form_and_side_is_found(meeting):
    a = meeting.ask("商务那边的老大说平价店有多少家？")
    assert a.found and "120家" in a.answer and "乔木" in a.answer


def test_a_header_line_that_runs_its_fields_together_gives_each_field_whole():
    from bot.backends.extractive import _HOST_FIELD, _PLACE_FIELD

    line = "时间：2026年5月19日上午10:00地点：市政府新闻发布厅来源：丑州市人民政府新闻办公室"
    assert _PLACE_FIELD.search(line).group(1) == "市政府新闻发布厅"
    assert _HOST_FIELD.search("主持人：市政府新闻办副主任 甘霖发布人：市水务局局长").group(1) == "市政府新闻办副主任 甘霖"


def test_the_date_of_a_page_is_said_the_way_people_write_it(feature):
    a = feature.ask("这篇稿子是哪天登的？记者是谁？")
    assert a.found and "2026年5月6日" in a.answer and "柯远" in a.answer


@pytest.fixture(scope="module")
def radio(tmp_path_factory):
    """A real chatbot over an invented radio phone-in with a 局长 and a 副局长."""
    return chatbot_for(tmp_path_factory.mktemp("radio"), "癸州人民广播电台_2026-06-09_民生热线访谈实录.txt\n" + RADIO)


def test_the_number_a_question_states_decides_whether_a_post_takes_in_its_deputy(radio):
    a = radio.ask("今天节目请了哪两位局长？")
    assert a.found and "严正清" in a.answer and "宁婉" in a.answer
    from bot.pipeline.slots import stated_count

    assert stated_count("请了哪两位局长？") == 2 and stated_count("有几位局长？") == 0  # no number, no deputies
    assert stated_count("第三位发言的是谁") == 0


def test_who_was_interviewed_lists_the_people_the_text_lets_speak(radio):
    a = radio.ask("这期节目采访的是谁？")
    assert a.found and "严正清" in a.answer and "宁婉" in a.answer


def test_a_name_asked_for_then_what_they_said_answers_both(feature):
    a = feature.ask("文章开头那个摊主叫啥，他说了啥")
    assert a.found and "伍春生" in a.answer and "生意比去年好" in a.answer


def test_a_question_for_people_in_a_text_where_nobody_speaks_is_answered_from_its_text(decision):
    from bot.pipeline.condense import Standalone
    from bot.pipeline.understand import Intent, Question

    text = "社区助餐点要建多少个？给哪些人补贴？"
    q = Question(text, Intent.LIST_SPEAKERS, asks={"number", "person"}, plural=True)
    a = decision.backend.answer(q, Standalone(text), decision.kb.searcher.search(text, k=5))
    assert a.found and "300个" in a.answer


def test_who_said_a_hosts_line_names_the_host_not_a_speaker(studio):
    a = studio.ask("“这个力度很大”这句话是谁说的？")
    assert a.found and "主持人顾青" in a.answer and "陆远帆" not in a.answer.split("：")[0]


def test_a_yes_no_check_of_who_leads_a_task_is_answered_from_its_note(tmp_path):
    from tests.test_duties import _bot

    bot = _bot(tmp_path)
    no = bot.ask("村级服务点建设是市供销社牵头吧？")
    assert no.found and no.answer.startswith("不是") and "市商务局" in no.answer
    yes = bot.ask("配送中心用地保障是自然资源和规划局牵头的吗？")
    assert yes.found and yes.answer.startswith("是") and "市自然资源和规划局" in yes.answer


def test_a_verb_of_speech_kept_with_its_complement_still_takes_a_topic():
    from bot.pipeline.understand import _speakers_described

    assert not _speakers_described("哪些发布人谈到了公交?都列出来")  # who spoke of buses, not every speaker
    assert _speakers_described("会上讲话的有哪几位")


def test_a_question_with_no_word_for_anyones_sex_is_never_a_gender_question(meeting):
    a = meeting.ask("一共有几位发言人？")
    assert a.intent != "gender"


def test_speakers_listed_by_sex_are_those_the_text_shows_to_be_so(meeting):
    a = meeting.ask("有几位女发言人？")
    if a.intent == "list_speakers":  # the fake encoder may route it as a gender question, also right
        assert "苗青" in a.answer and "乔木" not in a.answer
    else:
        assert a.intent == "gender" and "苗青" in a.answer


def test_where_words_were_said_is_no_topic_of_them(meeting):
    assert meeting.backend._topic_of("会上点了名的发言人一共几位？分别是谁") == []
    assert "冻猪肉" in meeting.backend._topic_of("会上谈到冻猪肉的有哪几位？")


TV_CREDITS = """寅州广播电视台_2026-11-26_民生面对面访谈实录.txt
寅州广播电视台新闻综合频道《民生面对面》　播出时间：2026年11月26日19:35　主持人：秦晓　编导：许然　摄像：韦东

《民生面对面》燃气安全访谈实录

秦晓：各位观众晚上好，今天请到了市城市管理局副局长邵敏。邵局长，今年燃气管道改造进展怎么样？
邵敏：今年计划改造老化管道213公里，目前已完成196公里。
秦晓：老百姓最关心花不花钱。居民换管子要自己掏钱吗？
邵敏：居民不用掏钱，材料费由财政按每户120元补助。
"""

MASTHEAD_TWO_LINES = """卯州日报_2026-11-30_冬管忙.txt
卯州日报
2026年11月30日　星期一　第01版：要闻

茶园里冬管忙
——副市长覃峰到永定区调研

本报记者　向远

覃峰指出，茶叶是群众增收的“金叶子”。他提出三点要求：一要抓好冬季管护，落实修剪施肥；二要延伸产业链条，开发精深加工产品；三要打响区域公用品牌，维护市场秩序。
"""


def test_a_broadcasts_credits_line_names_its_host_who_is_never_a_speaker(tmp_path):
    from tests.sentences import parse_text, who

    doc = parse_text(tmp_path, TV_CREDITS.partition("\n")[2], "寅州广播电视台_2026-11-26_民生面对面访谈实录.txt")
    assert doc.meta.hosts == ["秦晓"] and doc.meta.reporters == ["许然"]
    assert doc.meta.published.startswith("2026-11-26") and doc.meta.title == "《民生面对面》燃气安全访谈实录"
    assert who(doc, "居民换管子要自己掏钱吗") == (None, "question")
    assert who(doc, "目前已完成196公里") == ("邵敏", "statement")


def test_a_masthead_over_two_lines_gives_the_outlet_and_date_and_leaves_the_headline_the_title(tmp_path):
    from tests.sentences import parse_text

    doc = parse_text(tmp_path, MASTHEAD_TWO_LINES.partition("\n")[2], "卯州日报_2026-11-30_冬管忙.txt")
    assert doc.meta.outlet == "卯州日报" and doc.meta.published == "2026-11-30"
    assert doc.meta.title == "茶园里冬管忙"


def test_points_announced_in_the_sentence_of_the_first_marker_name_the_list(tmp_path):
    bot = chatbot_for(tmp_path, MASTHEAD_TWO_LINES)
    a = bot.ask("覃副市长提的第三点要求是什么？")
    assert a.found and "打响区域公用品牌" in a.answer


def test_a_deputy_mayors_post_is_no_place_and_points_are_no_clock_time():
    from bot.pipeline.scope import places
    from bot.pipeline.slots import asks_for

    assert "覃副市" not in places("覃副市长提的第三点要求是么子？")
    assert asks_for("他提了几点要求？") == set() and "clock" in asks_for("早上几点开门？")


def test_a_page_info_fields_value_ends_before_the_pages_own_controls():
    from index.ingest.article import info_fields

    line = "发布时间：2026-11-20 10:30　来源：某市人力资源和社会保障局　责任编辑：闵然　【字号：大 中 小】"
    assert info_fields(line)["editor"] == "闵然"


def test_a_yes_no_check_may_be_followed_by_why_it_is_asked():
    from bot.pipeline.understand import _YES_NO

    assert _YES_NO.search("范德是市城市管理局的副局长吧？我写稿子要核一下")
    assert not _YES_NO.search("范德说了什么？我写稿子要用")


THINGS = """辰州广播电视台_2026-11-26_访谈.txt
辰州燃气安全访谈实录

主持人：邵局长，今年燃气安全工作有哪些重点？

市城市管理局副局长 邵敏：今年我们重点抓了三件事。第一件是老旧管道更新，已完成196公里；第二件是餐馆瓶改管，410家已经全部改完；第三件是报警器安装，已装了3万户。
"""


def test_points_counted_as_first_second_third_things_are_a_list_of_their_own(tmp_path):
    bot = chatbot_for(tmp_path, THINGS)
    a = bot.ask("邵局长说的第二件事是什么？")
    assert a.found and "餐馆瓶改管" in a.answer and a.answer.startswith("第二件事")


SEGMENT = """巳州广播电视台_2026-10-15_托育访谈.txt
巳州广播电视台《民生直通车》访谈实录
播出日期：2026年10月15日（星期四）晚7:30
录制地点：巳州广播电视台二号演播室
文字整理：巳州广播电视台融媒体中心　童禾

主持人：夏主任，全市托育服务现在是什么情况？

市卫生健康委员会副主任 夏雯：全市已有托育机构120家，托位5000个。

【短片】镜头来到梅湾街道的社区托育点。托育点负责人柯博介绍，现在每天来的孩子有15个。

主持人：看完短片，我们请裴区长谈谈。
"""


def test_a_filmed_segment_after_a_guests_answer_is_the_reporters_not_the_guests(tmp_path):
    from tests.sentences import parse_text, who

    doc = parse_text(tmp_path, SEGMENT.partition("\n")[2], "巳州广播电视台_2026-10-15_托育访谈.txt")
    assert who(doc, "镜头来到梅湾街道的社区托育点") == (None, "narration")
    assert who(doc, "现在每天来的孩子有15个") == ("柯博", "statement")
    assert who(doc, "全市已有托育机构120家") == ("夏雯", "statement")


def test_a_broadcasts_fields_on_lines_of_their_own_are_its_facts_not_its_text(tmp_path):
    from tests.sentences import parse_text

    doc = parse_text(tmp_path, SEGMENT.partition("\n")[2], "巳州广播电视台_2026-10-15_托育访谈.txt")
    assert doc.meta.published == "2026-10-15"
    assert any(line.startswith("录制地点") for line in doc.meta.lines)
    assert all("文字整理" not in s.title for s in doc.sections) and "文字整理" not in doc.body
