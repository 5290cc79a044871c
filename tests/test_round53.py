"""Round 53: who the people of a question are. A title word that a longer one goes on from inside ("党总支书记") does
not start the name; a follow-up's pronoun may point at someone the documents name but never quote; people described
as having spoken ("说过话的人") are the list of speakers; a time added from another sentence must be the time of what
was asked; a post's holder asked by "是哪一位" needs a passage that names one. Invented documents only."""
from __future__ import annotations

from bot.models import Turn
from bot.pipeline import scope
from bot.pipeline.condense import condense
from bot.pipeline.understand import Intent, TitleMatcher, understand
from index.ingest.speakers import find_subject, Memory
from index.models import Person
from tests.conftest import chatbot_for, knowledge_of

EXCHANGE = """中共乙县委_2026-11-26_村级集体经济交流发言.txt
全市村级集体经济工作推进会交流发言材料之二
中共乙县委常委、组织部部长 柯某平
一、摸清家底
2024年，我们组织开展集体资产清查，共清理出闲置校舍41所。
甲乡丙村党总支书记苏某峰说：“过去荒山是包袱，现在一年光流转费就有12万元。”
二、抱团联建
（一）严格监管。全县66个村全部纳入管理平台。
"""

PROFILE = """甲县日报_2026-03-20_老茶园有了新希望.txt
老茶园有了新希望
本报讯 3月18日，县茶叶技术推广站高级农艺师丁某兰来到丙村，钻了一上午茶林。
丁某兰说，380亩里能改造的大约260亩，其余坡太陡，建议退茶还林。
村党支部书记邓某明表示，村里将在4月前完成改造方案。
"""

PARK = """甲县住建局_2026-11-14_滨河公园可研评审.txt
甲县滨河公园工程可研评审情况
甲县滨河公园工程位于甲县城南，沿乙河两岸布置，河道长约3.6公里，规划总面积约28.5公顷。
2026年11月13日，甲县住建局召开甲县滨河公园工程可行性研究报告评审会，专家组同意通过评审。
项目估算总投资1.86亿元，开工前须完成用地报批。
"""

VILLAGE = """乙县日报_2026-10-08_丙村的油茶熟了.txt
丙村的油茶熟了
本报讯 按照“公司+合作社+农户”的模式，丙村成立了油茶专业合作社，3200亩油茶林完成低产林改造。
村党支部书记邓某明说：“油茶是村里的绿色银行。”
"""


def test_a_name_after_a_title_word_that_holds_another_is_read_whole():
    subject = find_subject("甲乡丙村党总支书记苏某峰说：“过去荒山是包袱。”", {}, 0, Memory(), frozenset())
    assert subject is not None and subject.kind == "person"
    assert subject.mention.speaker.name == "苏某峰"
    assert subject.mention.speaker.title == "甲乡丙村党总支书记"


def test_a_quotation_a_decision_like_text_reports_of_a_village_secretary_is_theirs(tmp_path):
    kb = knowledge_of(tmp_path, EXCHANGE)
    quoted = [c for c in kb.chunks if "流转费" in c.text]
    assert quoted and all(c.speaker == "苏某峰" for c in quoted)


def test_a_follow_up_pronoun_points_at_someone_named_but_never_quoted():
    history = [Turn("user", "丁某兰是哪个单位的？"), Turn("assistant", "丁某兰是县茶叶技术推广站的高级农艺师。")]
    titles = TitleMatcher([])
    without = condense("她后来又说了什么？", history, [], titles)
    with_silent = condense("她后来又说了什么？", history, [], titles, silent=[Person(name="丁某兰")])
    assert "丁某兰" not in without.text
    assert with_silent.text.startswith("丁某兰")
    assert with_silent.focus is not None and with_silent.focus.name == "丁某兰"


def test_the_people_named_but_never_quoted_are_known_to_the_conversation(tmp_path):
    kb = knowledge_of(tmp_path, VILLAGE.replace("村党支部书记邓某明说", "村党支部书记邓某明介绍，县农业农村局局长孔某参加了"
                                                                  "验收。邓某明说"))
    silent = {p.name for p in kb.named_silent}
    assert "孔某" in silent
    assert "邓某明" not in silent  # a speaker is in the registry already


def test_people_who_took_the_floor_described_before_them_are_the_list_of_speakers(tmp_path):
    kb = knowledge_of(tmp_path, PROFILE)
    metas = [d.meta for d in kb.documents]
    for question in ("这篇报道里有名有姓、说过话的人都有哪几个？", "报道里说了话的老百姓有哪些？"):
        q = understand(question, kb.people, metas, kb.titles, kb.router, kb.outline)
        assert q.intent is Intent.LIST_SPEAKERS, question


def test_a_date_of_another_event_does_not_answer_when_something_starts(tmp_path):
    bot = chatbot_for(tmp_path, PARK)
    answer = bot.ask("滨河公园什么时候开工？")
    assert not answer.found
    assert "11月13日" not in answer.answer


def test_the_holder_of_a_post_asked_by_who_needs_a_passage_that_names_one(tmp_path):
    assert scope.asked_holder("村里油茶专业合作社的理事长是哪一位？") == "理事长"
    assert scope.asked_holder("这话是谁说的？") == ""
    bot = chatbot_for(tmp_path, VILLAGE)
    answer = bot.ask("丙村油茶专业合作社的理事长是哪一位？")
    assert not answer.found
    assert "油茶专业合作社" in answer.answer  # the topic is there; who holds the post is not said


APPRAISAL = """甲市政风行风评议办_2026-10-20_面对面评议会实录.txt
甲市交通运输局专场评议会实录
主持人：现在请市交通运输局党组书记、局长邓某明介绍情况。
邓某明：感谢各位代表。今年我们新开通城乡公交线路12条。
主持人：请市交通运输综合行政执法大队大队长孔某回答。
孔某：对出租车拒载问题，我们已查处违规车辆36辆。
主持人：请市公安局交通警察大队大队长苏某峰回答。
苏某峰：高峰期我们增派了60名警力。
主持人：请甲市消防救援支队副支队长丁某兰回答。
丁某兰：全市已建成微型消防站120个。
"""


def test_a_bureaus_head_asked_by_a_short_name_is_not_a_unit_heads_under_it(tmp_path):
    kb = knowledge_of(tmp_path, APPRAISAL)
    head = kb.titles.head_of("交通局")
    assert head is not None and head.name == "邓某明"  # not the head of the bureau's enforcement brigade


def test_who_came_from_a_body_is_read_past_the_clause_that_says_they_came(tmp_path):
    bot = chatbot_for(tmp_path, APPRAISAL)
    assert "苏某峰" in bot.ask("交警那边来开会的头头叫啥名字？").answer
    assert "丁某兰" in bot.ask("消防队来参加评议会的那位领导是谁？").answer


BULLETIN = """白河县统计局_2026-03-20_白河县2025年国民经济和社会发展统计公报.txt
白河县2025年国民经济和社会发展统计公报
白河县统计局
2026年3月20日
一、综合
初步核算，全年全县地区生产总值268.4亿元，比上年增长6.1%。
二、国内贸易
全年社会消费品零售总额121.3亿元，比上年增长5.6%。
三、交通
年末全县公路通车里程1862公里。
四、文化
年末全县有公共图书馆1个、文化馆1个。
五、其他5
全年全县完成第5项指标，比上年增长5.5%。
六、其他6
全年全县完成第6项指标，比上年增长6.5%。
七、其他7
全年全县完成第7项指标，比上年增长7.5%。
八、其他8
全年全县完成第8项指标，比上年增长8.5%。
九、其他9
全年全县完成第9项指标，比上年增长9.5%。
十、其他10
全年全县完成第10项指标，比上年增长10.5%。
"""


def test_a_county_the_tagger_reads_as_a_person_is_a_place_of_the_vocabulary():
    from bot.pipeline.normalise import tagged_names

    assert "柯溪县" in tagged_names("柯溪县2025年国民经济和社会发展统计公报")


def test_the_documents_own_place_is_left_out_of_the_questions_meaning(tmp_path):
    kb = knowledge_of(tmp_path, BULLETIN)
    assert "白河县" in kb.evidence.own_places
    assert kb.evidence.without_own_places("白河县去年社会消费品零售总额是多少？") == "去年社会消费品零售总额是多少？"
    assert kb.evidence.without_own_places("白河县") == "白河县"  # nothing else would be left


def test_a_preposition_before_a_wh_word_pairs_no_two_sides():
    from bot.pipeline import slots

    assert slots.two_sides("那个项目是跟哪个大学或者农科院合作搞的？") is None
    assert slots.two_sides("2025年和2027年的目标分别是多少？") is not None


DRILL = """乙公司_2026-11-12_储罐泄漏应急演练脚本.md
乙公司储罐泄漏事故应急演练脚本
一、演练目的
1. 检验应急预案的可操作性。
2. 提高员工自救互救能力。
二、演练组织机构
（一）演练领导小组
总指挥：邓某明（公司总经理）
抢险组：组长：柯某平（设备部经理），人数：8人
三、演练过程
09:30　解说：各位来宾，演练正式开始。
09:31　巡检工（孔某）：中控室，3号罐出料管法兰处发生泄漏！
09:32　中控室操作员：收到！马上撤离到上风向。
09:33　总指挥：我宣布立即启动二级应急响应！
09:35　抢险组组长：收到，我们马上关阀堵漏。
09:40　解说：抢险组到达现场，开始堵漏。
"""


def test_a_scripts_timed_lines_are_the_turns_of_whom_they_name(tmp_path):
    kb = knowledge_of(tmp_path, DRILL)
    said = {s.text[-8:]: (s.speaker.name if s.speaker else None, s.speaker.title if s.speaker else None)
            for _, _, s in kb.documents[0].sentences()}
    assert said["3号罐出料管法兰处发生泄漏！"[-8:]][0] == "孔某"
    assert said["立即启动二级应急响应！"[-8:]] == ("邓某明", "总指挥、公司总经理")  # the roster gives the part's player
    assert said["我们马上关阀堵漏。"[-8:]][0] == "柯某平"
    assert said["马上撤离到上风向。"[-8:]] == ("", "中控室操作员")  # a part the roster does not name
    assert said["抢险组到达现场，开始堵漏。"[-8:]][0] is None  # the narrator is the script's own voice
