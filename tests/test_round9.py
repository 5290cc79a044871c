"""Round-9 mechanisms, each on invented text (invented cities, bodies and people).

Understanding: a short form of a body ("残联", "交通局") names the body a policy's notes list; "管哪一块" asks for the
tasks it leads and supports; two people compared by their posts ("人社局的局长跟副局长"); a deputy's post read as
one ("副支队长" where only "支队长" is a title word); a conjunction never corrected into the 市 of a title; a name
lookup with a second question answers both; a comparison with no topic gives each person's gist.
Attribution: a verb inside a description ending in 的 leaves the described person the subject; a name before a
manner adverb ("热情地") ends there; "负责…的是<title><name>。" says who someone is; what a person did, with no
speech in the sentence, is narration; a quotation closing a paragraph about one person is theirs; a heading may
open with a quoted word.
"""
from __future__ import annotations

from bot.pipeline.duties import _shortens, named_org, read_duties
from bot.pipeline.normalise import NameVocabulary
from bot.pipeline.router import Router, load_examples
from bot.pipeline.shape import short
from bot.pipeline.understand import Intent, TitleMatcher, understand
from index.ingest.names import clean_title, name_at, object_cut
from index.ingest.registry import build_registry
from index.ingest.structure import is_heading
from index.models import Chunk, Person, Speaker
from tests.conftest import chatbot_for
from tests.sentences import parse_text, who


def _person(name: str, title: str) -> Person:
    return Person(name=name, titles=[title], sections=[""], statements=[])


def _chunk(text: str) -> Chunk:
    return Chunk(chunk_id="c", doc_id="d", doc_title="t", section="", paragraph=0, text=text, start=0, end=len(text))


def test_a_short_form_of_a_body_names_the_body_of_the_notes():
    duties = read_duties([_chunk("（一）改造社区。（牵头单位：市丁戊建设局；配合单位：市残疾人联合会）"),
                          _chunk("（二）改造公交。（牵头单位：市交通运输局）")])
    assert named_org("残联在这份意见里要负责啥?", duties) == "市残疾人联合会"
    assert named_org("交通局在这个文件里管哪一摊事?", duties) == "市交通运输局"
    assert _shortens("卫健委", "市卫生健康委员会") and _shortens("人社局", "市人力资源和社会保障局")
    # A topic is no body: it ends on no character that names a kind of body.
    assert not _shortens("交通", "市交通运输局") and not _shortens("残疾人", "市残疾人联合会")
    assert not _shortens("交通局", "市公安局交通警察支队")


PLAN = """甲州市人民政府办公室关于推进无障碍环境建设的实施意见
一、重点任务
（一）居住社区改造。1.结合老旧小区改造，每年完成不少于50个小区的坡道改造。2.对困难残疾人家庭实施居家改造，每户补助最高5000元。（牵头单位：市丁戊建设局；配合单位：市残疾人联合会）
（二）交通出行改造。1.新增公交车全部采用低地板车型。2.投放无障碍出租车80辆。（牵头单位：市交通运输局）
（三）人员培训。窗口工作人员每年接受不少于8学时的培训。（牵头单位：市己庚局；配合单位：市残疾人联合会）
"""


def test_what_a_body_handles_lists_the_tasks_it_leads_and_supports_with_their_points(tmp_path):
    bot = chatbot_for(tmp_path, "甲州市人民政府办公室关于推进无障碍环境建设的实施意见.txt\n" + PLAN)
    a = bot.ask("残联在这份意见里要负责啥?")
    assert a.found and "配合的任务共2项" in a.answer and "居住社区改造" in a.answer
    b = bot.ask("交通局在这个文件里管哪一块?")
    assert b.found and "市交通运输局牵头的任务共1项" in b.answer
    # A task's name alone is vague: its points come with it.
    assert "低地板" in b.answer and "出租车" in b.answer


def test_two_people_compared_by_their_posts_are_the_two_holders():
    people = [_person("甲一", "市人力资源和社会保障局局长"), _person("乙二", "市人力资源和社会保障局副局长"),
              _person("丙三", "市公安局交通警察支队副支队长"), _person("丁四", "市民政局副局长")]
    tm = TitleMatcher(people)
    router = Router(load_examples())
    q = understand("人社局的局长跟副局长，两个人讲的内容各自侧重啥?", people, [], tm, router)
    assert q.intent == Intent.COMPARE and [p.name for p in q.people] == ["甲一", "乙二"]
    q = understand("交警那个副支队长和民政局副局长，两个人各自管的是哪一块？", people, [], tm, router)
    assert [p.name for p in q.people] == ["丙三", "丁四"]


def test_a_deputy_post_is_read_whole_even_when_only_the_post_is_a_title_word():
    tm = TitleMatcher([_person("丙三", "市公安局交通警察支队副支队长")])
    assert tm.role("交警副支队长") == "副支队长"
    assert tm.match("交警副支队长").name == "丙三"


def test_a_conjunction_is_never_corrected_into_a_title():
    vocab = NameVocabulary(["市民政局副局长"])
    assert vocab.correct("交警副支队长和民政局副局长各管什么") == "交警副支队长和民政局副局长各管什么"


MEETING = """乙州市召开夜市管理座谈会
10月9日，全市夜市管理座谈会召开。市城市管理局局长甲一、市公安局副局长乙二参加会议。
市公安局副局长乙二介绍，全市已在夜市周边设立“护摊岗”312个，每晚投入警力200余人次。
市城市管理局局长甲一表示，将坚持疏堵结合，在8个街区划定外摆区域。他介绍，今年已调整摊位点位46处。
"""


def test_a_name_lookup_with_a_second_question_answers_both(tmp_path):
    bot = chatbot_for(tmp_path, "乙州市人民政府_2025-10-10_夜市管理座谈会.txt\n" + MEETING)
    a = bot.ask("市公安局副局长是谁？他说护摊岗有多少个？")
    assert a.found and "乙二" in a.answer and "312" in a.answer


def test_a_comparison_with_no_topic_gives_each_persons_gist(tmp_path):
    bot = chatbot_for(tmp_path, "乙州市人民政府_2025-10-10_夜市管理座谈会.txt\n" + MEETING)
    a = bot.ask("甲一和乙二各自讲的重点有啥不一样？")
    assert a.found and "312" in a.answer and "疏堵结合" in a.answer


def test_a_clause_that_announces_points_goes_on_to_them():
    text = "最大的变化有两点。一是提标，补助从每人1500元提高到2000元；二是扩面，首次把青年纳入贷款范围。另外还有其他事项要说明一下。"
    out = short(text, lambda c: 1.0 if "变化" in c else 0.0, 60)
    assert out.startswith("最大的变化有两点。一是提标")


def test_a_verb_inside_a_description_leaves_the_described_person_the_subject():
    assert object_cut("在南门路卖了八年凉皮的摊主") == 0
    assert object_cut("记者采访了负责巡查的副局长") > 0  # a verb of meeting still makes an object


def test_a_name_before_a_manner_adverb_ends_there_and_a_copula_is_no_part_of_a_title():
    assert name_at("庞秀英热情地招呼着客人。") == "庞秀英"
    assert clean_title("负责夜市巡查的是市城市管理局副局长") == "市城市管理局副局长"
    assert clean_title("工程调度由市住房城乡建设局副局长") == "市住房城乡建设局副局长"
    assert clean_title("自由贸易试验区管委会主任") == "自由贸易试验区管委会主任"


FEATURE = """夜市摆出烟火气
本报记者 某某

“以前摆摊跟打游击一样，一晚上要挪三四个地方。”在东关路卖了六年凉皮的摊主庞立川说，现在每个摊位都有编号。

今年31岁的庞立川大学毕业后在外地打过工。夜市规范后，他的小推车换成了统一的餐车。“餐车有油烟净化装置，顾客看着也放心。”

“管”与“放”之间找平衡

负责夜市巡查的是市城市管理局副局长詹慧敏。她介绍，局里为每个夜市配备了一名“街长”。

从外地专程来游玩的游客柏晓峰，晚上特意来东关路逛了一圈。“小吃种类多，价格也实在。”这位游客说。

隔壁是卖糖葫芦的老两口，63岁的摊主庞秀英热情地招呼着客人。“我们俩都退休了，出来图个热闹。”她笑着说。
"""


def test_ordinary_people_introduced_by_description_speak_and_act_as_the_text_says(tmp_path):
    doc = parse_text(tmp_path, FEATURE, "丙州日报_2025-10-15_夜市摆出烟火气.txt")
    assert who(doc, "以前摆摊跟打游击一样") == ("庞立川", "statement")
    assert who(doc, "在东关路卖了六年凉皮") == ("庞立川", "statement")
    # A quotation closing a paragraph about one person is theirs.
    assert who(doc, "餐车有油烟净化装置") == ("庞立川", "statement")
    # Saying who someone is, or what they did, is the reporter's.
    assert who(doc, "负责夜市巡查的是") == (None, "narration")
    assert who(doc, "她介绍，局里为每个夜市") == ("詹慧敏", "statement")
    assert who(doc, "晚上特意来东关路逛了一圈") == (None, "narration")
    assert who(doc, "我们俩都退休了") == ("庞秀英", "statement")
    titles = {p.name: p.titles for p in build_registry([doc])}
    assert titles["詹慧敏"] == ["市城市管理局副局长"] and "庞秀英" in titles


def test_a_heading_may_open_with_a_quoted_word_but_a_whole_quotation_is_no_heading():
    assert is_heading("“管”与“放”之间找平衡")
    assert not is_heading("“绿水青山就是金山银山”")


STREET = """电梯装好了
本报记者 某某

“最难的是一楼。”楼长蒋立德说。他说，一楼的柏长顺当时就把话撂在那儿：“窗户要是黑了，这事没得商量。”

如今，柏长顺成了这部电梯的“义务管理员”。“玻璃的，亮堂，一点都不挡光。几十年的老邻居了，能帮一把是一把。”这位一楼住户说。

街道办事处主任詹卫平曾三次到小区召开现场协调会。

“以前浇水全凭经验，现在手机上一看就知道。”61岁的果农庞满仓一边摆弄手机一边说，今年他家果园少浇了两遍水。

冷库承包人柏建军说，今年冷库一开门就订满了。

近年来，我市推动乡村民宿从“散点经营”走向“集群发展”。
"""


def test_people_of_a_feature_speak_through_descriptions_and_scenes(tmp_path):
    doc = parse_text(tmp_path, STREET, "丁州日报_2025-06-01_电梯装好了.txt")
    # A quotation whose speaker is named after it does not age the person just named.
    assert who(doc, "玻璃的，亮堂") == ("柏长顺", "statement")
    assert who(doc, "这位一楼住户说") == ("柏长顺", "statement")
    # Something a person did, with no word of speech in the sentence, is the reporter's.
    assert who(doc, "曾三次到小区召开") == (None, "narration")
    # Doing something while saying it is saying it; a role word such as 承包人 introduces a speaker.
    assert who(doc, "以前浇水全凭经验") == ("庞满仓", "statement")
    assert who(doc, "冷库承包人柏建军说") == ("柏建军", "statement")
    # A preposition after a surname-like character is no name: "乡村民宿从…" names nobody.
    assert who(doc, "推动乡村民宿从") == (None, "narration")
    assert "宿从" not in {p.name for p in build_registry([doc])}


def test_the_items_of_an_enumeration_are_read_at_one_level():
    from bot.pipeline.shape import opens_enumeration, points

    assert points("主要抓了三件事。一是改造管网。今年新建36公里。二是建设调蓄设施。三是整治易涝点。") == [
        "一是改造管网", "二是建设调蓄设施", "三是整治易涝点"]
    # Numbered points under a clause heading are the items; the heading is not one of them.
    assert points("（二）公共服务。1.医院设立助老服务窗口。2.银行网点保留低位柜台。") == [
        "1.医院设立助老服务窗口", "2.银行网点保留低位柜台"]
    assert points("2025年1月1日起施行。全市1.5万人。") == []
    assert opens_enumeration("主要抓了三件事。") and opens_enumeration("会议明确了五项重点任务：")
    assert opens_enumeration("他强调，一是要守牢安全底线；二是…")
    assert not opens_enumeration("1.提升景区保护利用水平。")  # an item, asked about for itself


BULLETIN = """丙州市召开秋季学期学校安全工作会议
8月27日，全市秋季学期学校安全工作会议召开。
会议明确了秋季学期四项重点任务：
1.开学前完成剩余学校食堂改造。
2.全面落实校长陪餐制度。
3.9月15日前完成校园周边食品经营户排查。
4.在上学放学高峰时段设立护学岗。
会议要求，各地要压实责任。
"""


def test_a_question_for_every_item_gets_the_items_an_announcement_opens(tmp_path):
    from bot.pipeline.evidence import Evidence

    bot = chatbot_for(tmp_path, "丙州市人民政府_2025-08-28_学校安全工作会议.txt\n" + BULLETIN)
    [opening] = [c for c in bot.kb.chunks if "四项重点任务" in c.text]
    ev = Evidence(opening, ["会议明确了秋季学期四项重点任务："], 1.0, 0)
    text, passages = bot.backend._enumerated(ev, "会议定下的四项重点任务分别是什么？全部列出来")
    assert all(x in text for x in ("食堂改造", "校长陪餐", "食品经营户排查", "护学岗"))
    assert len(passages) >= 2
    # A question that does not ask for every item gets the answer as before.
    assert bot.backend._enumerated(ev, "会议是哪天开的？") is None


HEARING = """丁州市暑期托管服务新闻发布会实录
**主持人 某某**：今天我们邀请到市教育局副局长庞雅琴、团市委书记柏晨阳。
**市教育局副局长 庞雅琴**：今年全市设置托管点186个。全市已招募教师志愿者4200名。
**团市委书记 柏晨阳**：我们招募了大学生志愿者850名，承担课业辅导。
**市公安局副局长 詹立军**：暑期我们将加强校园周边巡查。
"""


def test_which_speakers_spoke_of_a_topic_names_each_with_their_words(tmp_path):
    from bot.pipeline.condense import Standalone
    from bot.pipeline.slots import asks_for
    from bot.pipeline.understand import Question

    question = "发布会上哪几位发布人提到了志愿者？各说了多少人？"
    assert "person" in asks_for("文章里有哪些发言的领导提到了北碚？")
    bot = chatbot_for(tmp_path, "丁州市政府新闻办_2025-07-01_暑期托管服务新闻发布会.md\n" + HEARING)
    # "提到了志愿者" names what was spoken of, not a post.
    assert bot.kb.titles.title_phrase(question) == ""
    a = bot.backend._everyone_on(Question(question, Intent.WHO_SAID, plural=True), Standalone(question))
    assert a.found and "共2位" in a.answer and "4200" in a.answer and "850" in a.answer
    assert "詹立军" not in a.answer


def test_a_time_of_day_answers_a_question_for_the_hours():
    from bot.pipeline import answerability
    from bot.pipeline.evidence import Evidence
    from index.search.retriever import Hit

    c = _chunk("各托管点统筹安排活动，每天托管时间为上午8:00至下午5:30。")
    ev = Evidence(c, [c.text], 1.0, 0)
    v = answerability.judge(ev, [Hit(c, 1.0, dense_rank=1, dense_score=0.9)], {"when", "clock"}, None, "每天从几点到几点？")
    assert v.outcome == answerability.ANSWER


SCHEME = """戊州市社区服务提升方案
二、重点任务
（三）办好社区助餐服务。
1.新增社区助餐点60个。
2.对60周岁以上老年人每餐补贴3元，对低保老年人每餐补贴5元。
责任单位：市民政局（牵头），市财政局。
"""


def test_a_follow_up_on_a_task_item_finds_the_lead_of_its_task(tmp_path):
    from bot.models import Turn

    bot = chatbot_for(tmp_path, "戊州市社区服务提升方案.txt\n" + SCHEME)
    history = [Turn("user", "社区助餐的补贴标准是多少？"),
               Turn("assistant", "根据方案，对60周岁以上老年人每餐补贴3元，对低保老年人每餐补贴5元。")]
    a = bot.ask("那这件事是哪个部门牵头负责？", history)
    assert a.found and "市民政局" in a.answer and "办好社区助餐服务" in a.answer


GAS = """新管道通气了
本报记者 某某

“以前一到冬天就提心吊胆，现在管子全换成新的了。”

说这话的，是东城区某某街道新华小区居民庞德顺。今年71岁的他，在这个小区住了近三十年。

在一旁观棋的老邻居詹振江接过话茬：“以前做饭都不敢开大火。”

东城区的改造工程由某某燃气有限公司总经理柏立新负责。柏立新介绍，全区已完成改造管道97公里。
"""


def test_a_quotation_claimed_later_goes_to_the_person_who_closes_the_identifying_phrase(tmp_path):
    doc = parse_text(tmp_path, GAS, "己州日报_2025-06-18_新管道通气了.txt")
    assert who(doc, "以前一到冬天就提心吊胆") == ("庞德顺", "statement")
    assert who(doc, "说这话的，是") == (None, "narration")
    # Taking up the conversation is speaking; 老邻居 introduces a speaker.
    assert who(doc, "以前做饭都不敢开大火") == ("詹振江", "statement")
    titles = {p.name: p.titles for p in build_registry([doc])}
    assert titles["庞德顺"] == ["东城区某某街道新华小区居民"]
    assert titles["柏立新"] == ["某某燃气有限公司总经理"]
