"""Round 14: who asked a press conference's questions, the answer after a host's hand-over, ordinal nouns read as
words, asked-for nouns that are words, and posts never matched to another body's holder (invented text)."""
from __future__ import annotations

import pytest

from tests.conftest import chatbot_for

PRESSER = """庚州市供暖发布会.md
# 庚州市今冬供暖保障新闻发布会

主持人：市政府新闻办副主任 钟白

**主持人 钟白：** 出席今天发布会的有：市城市管理局局长柏青、市住房和城乡建设局副局长闻溪。

**庚州日报记者：** 今年供暖季什么时候开始？

**主持人 钟白：** 这个问题请市城市管理局局长柏青回答。

**市城市管理局局长 柏青：** 今年供暖季从11月15日开始，比往年提前5天。

**庚州电视台记者：** 老旧小区暖气不热怎么办？

**市住房和城乡建设局副局长 闻溪：** 今年改造老旧管网86公里，居民可以拨打热线报修。

**庚州日报记者：** 供暖费怎么交？

**市城市管理局局长 柏青：** 可以在营业厅或者手机上缴纳，价格不变。
"""


@pytest.fixture(scope="module")
def presser(tmp_path_factory):
    """A real chatbot over an invented press conference with two outlets, one of them asking twice."""
    return chatbot_for(tmp_path_factory.mktemp("presser"), PRESSER)


def test_which_outlets_asked_lists_each_with_its_questions_and_who_answered(presser):
    a = presser.ask("一共有几家媒体提了问？有没有哪家问了两回？")
    assert a.found and "2家媒体" in a.answer
    assert "庚州日报（第一个、第三个问题" in a.answer and "庚州电视台（第二个问题" in a.answer
    assert "柏青" in a.answer and "闻溪" in a.answer


def test_an_outlet_named_in_the_question_gets_its_own_questions(presser):
    a = presser.ask("庚州电视台的记者问了什么？")
    assert a.found and "老旧小区暖气不热怎么办" in a.answer and "供暖费" not in a.answer


def test_a_reporters_name_is_not_read_as_a_question_about_the_questions(presser):
    a = presser.ask("庚州日报提问的那个记者叫什么名字？")
    assert not a.found


def test_the_answer_to_a_question_skips_the_hosts_hand_over(presser):
    a = presser.ask("第一个问题是谁回答的？")
    assert a.found and "11月15日" in a.answer and "柏青" in a.answer


def test_an_ordinal_noun_read_with_the_verb_after_it_still_names_the_list(presser):
    a = presser.ask("发布会上第二个问题问的是什么？")
    assert a.found and "暖气不热" in a.answer
    last = presser.ask("最后一个问答讲了些什么？")
    assert last.found and "供暖费" in last.answer


def test_an_ordinal_with_no_noun_reads_no_predicate_as_one():
    from bot.pipeline.slots import ordinal

    assert ordinal("三大任务里第二个是什么?").noun == ""
    assert ordinal("第一个讲话的官员是谁？").noun == "讲话"


def test_an_asked_for_noun_is_a_word_of_the_question_not_a_cut_of_characters():
    from bot.pipeline.scope import asked_noun

    assert asked_noun("卫生院现在能用的药有多少种了") == ""
    assert asked_noun("监管中心具体建在哪条路上？") == "路"  # a localiser after the noun asks where on it
    assert asked_noun("出租车起步价好多钱") == "起步价"  # the whole word, not its last two characters
    assert asked_noun("“救得快”这个说法是哪位发布人讲的？") == ""  # a person, asked for by the who-checks
    assert asked_noun("绿道是沿着哪几条河修的？") == ""
    assert asked_noun("政府能奖好多钱嘛？") == ""
    assert asked_noun("员工制家政企业要满足哪些条件？") == "条件"
    assert asked_noun("咨询电话是多少？") == "电话"


BUREAUS = """辛州日报_2025-09-02_健身访谈.txt
家门口的健身场地多了

市体育局局长殷朗介绍，今年新建社区健身点120个。
市教育局副局长苗禾说，明年再开放40所学校的操场。
壬城区癸街道子社区党委书记韦岚说，社区里新装了30套健身器材。
"""


@pytest.fixture(scope="module")
def bureaus(tmp_path_factory):
    """A real chatbot over an invented article with a bureau head, another bureau's deputy and a community head."""
    return chatbot_for(tmp_path_factory.mktemp("bureaus"), BUREAUS)


def test_a_bureaus_head_is_never_another_bureaus_head(bureaus):
    a = bureaus.ask("那教育局的一把手局长叫啥名字？")
    assert not a.found and "殷朗" not in a.answer
    assert "殷朗" in bureaus.ask("体育局的一把手叫啥名字？").answer


def test_a_post_of_a_unit_below_the_one_asked_is_not_its_holder(bureaus):
    a = bureaus.ask("癸街道的党工委书记叫啥名字？")
    assert not a.found and "韦岚" not in a.answer
    assert "韦岚" in bureaus.ask("子社区的书记说了啥？").answer


def test_a_bare_post_names_nobody_by_meaning(bureaus):
    assert bureaus.kb.titles.by_meaning("这个负责人") is None


def test_a_bureaus_former_name_is_still_its_name():
    from bot.pipeline.understand import _same_body

    assert _same_body("环保局", "市生态环境局局长")
    assert _same_body("人社局", "市人力资源和社会保障局局长")
    assert not _same_body("教育局", "市体育局局长")


PLAN = """甲州市人民政府办公室关于印发夜间经济行动方案的通知.txt
甲州市夜间经济提质行动方案

一、总体目标

到2026年底，建成夜间消费集聚区10个。

二、重点任务

（一）丰富夜间业态

1.打造夜市街区。每个区建设1条特色夜市街区。（牵头单位：市商务局）

2.延长营业时间。鼓励商场营业至22时。（牵头单位：市商务局）

（二）完善夜间交通

1.延长公交运营。开通夜间公交线路8条。（牵头单位：市交通运输局）

2.增设停车泊位。新增夜间免费停车泊位3000个。（牵头单位：市城市管理局）

三、保障措施

（一）加强组织领导。成立工作专班。

（二）强化资金保障。每年安排专项资金500万元。
"""


def test_an_ordinal_inside_a_named_part_reads_its_groups_then_their_points(tmp_path):
    bot = chatbot_for(tmp_path, PLAN)
    a = bot.ask("重点任务第二项里的第2条是啥内容？")
    assert a.found and "3000" in a.answer and "22时" not in a.answer
    b = bot.ask("重点任务第（一）部分的第1项讲的是什么？")
    assert b.found and "夜市街区" in b.answer
    c = bot.ask("最后一部分的最后一条是什么内容")
    assert c.found and "500万元" in c.answer
    d = bot.ask("重点任务第三项里的第1点是什么")
    assert not d.found and "两项" in d.answer


def test_nested_ordinals_read_both_positions():
    from bot.pipeline.slots import nested

    assert nested("重点任务第一大项下面的第三条是啥？") == (1, 3)
    assert nested("最后一部分的最后一条") == (-1, -1)
    assert nested("第二个行动里第一个发言的是谁") is None


MEETING = """乙州市人民政府_2025-11-12_防火工作推进会.txt
全市防火工作推进会召开

会上，市林业和草原局局长葛青通报了防火形势。市林业和草原局副局长冯岚介绍了物资储备情况。
市公安局副局长晏川表示，今年查处野外用火案件276起。
副市长齐原强调，要压实责任。
"""


def test_the_speakers_of_a_body_are_those_whose_titles_hold_it(tmp_path):
    bot = chatbot_for(tmp_path, MEETING)
    a = bot.ask("市林业和草原局一共有几位领导在会上发言？都是谁？")
    assert a.found and "2位" in a.answer and "葛青" in a.answer and "冯岚" in a.answer and "晏川" not in a.answer
    short = bot.ask("林草局出来讲话的领导有几位呀,都谁呀")
    assert short.found and "2位" in short.answer and "晏川" not in short.answer
    assert not bot.ask("林业和草原局的领导说要建几个防火站？").answer.startswith("文中林业和草原局共有")
    assert not bot.ask("公安局的一把手说查处了多少人？").answer.startswith("文中公安局共有")
    b = bot.ask("公安局有哪些人讲了话")
    assert b.found and "晏川" in b.answer and "葛青" not in b.answer


def test_a_pronoun_after_the_sentence_that_names_one_person_gives_their_gender(tmp_path):
    bot = chatbot_for(tmp_path, PRESSER.replace("**庚州电视台记者：**", "**主持人 钟白：** 下面请闻溪副局长介绍管网改造。"
                                                "她长期分管供热工作。\n\n**庚州电视台记者：**"))
    a = bot.ask("闻溪是男的还是女的")
    assert a.found and "女" in a.answer
    assert not bot.ask("柏青是男的还是女的").found


SECTIONS = """丙州日报_2025-05-06_三大行动.txt
丙州推进三大行动

会议提出，实施交通畅通行动、产业升级行动、生态保护行动。

交通畅通行动

市交通运输局局长牛川介绍，今年新建公路80公里。

产业升级行动

市经信局局长马原表示，新增规上企业50家。市商务局局长杨帆说，新开商业街区3条。

生态保护行动

市林业局局长朱林介绍，新造林2万亩。市生态环境局局长侯清表示，空气优良天数要达到300天。
"""


def test_parts_are_picked_by_how_many_people_speak_in_them(tmp_path):
    bot = chatbot_for(tmp_path, SECTIONS)
    one = bot.ask("哪个行动只有一个人出来发言？是谁")
    assert one.found and "牛川" in one.answer and "马原" not in one.answer
    two = bot.ask("哪个行动有两个人发言")
    assert two.found and "马原" in two.answer and "朱林" in two.answer and "牛川" not in two.answer
    none = bot.ask("哪个行动有五个人发言")
    assert not none.found and "1位" in none.answer


def test_the_places_a_text_names_are_proper_names_with_their_level_not_zones():
    from bot.pipeline.scope import asked_levels, places_named

    text = "会议在青岭县召开，白沙区、石门县和示范区、高新区的负责人参加。庚州市要求各县区抓落实。"
    assert places_named(text, asked_levels("文中提到了哪些区县?")) == ["青岭县", "白沙区", "石门县"]
    assert asked_levels("文中点名了哪几个县(市、区)?") == ("县", "区")
    assert asked_levels("这些区县都做了什么?") == ()


def test_which_districts_a_report_names_is_answered_from_its_text(tmp_path):
    bot = chatbot_for(tmp_path, "庚州日报_2025-06-01.txt\n防汛检查\n\n副市长韩川到青岭县、白沙区检查防汛工作。\n")
    a = bot.ask("这篇新闻里提到了哪些区县?")
    assert a.found and "青岭县" in a.answer and "白沙区" in a.answer


def test_more_after_an_answer_that_retold_part_of_a_passage_goes_on_from_where_it_stopped(tmp_path):
    from bot.models import Turn

    bot = chatbot_for(tmp_path, PLAN)
    history = [Turn("user", "夜间业态要做哪些?"), Turn("assistant", "一是每个区建设1条特色夜市街区。")]
    a = bot.ask("还有呢?", history)
    assert a.found and "22时" in a.answer and "夜市街区" not in a.answer
    b = bot.ask("还有呢？另外一条是啥？", history)
    assert b.found and "22时" in b.answer


def test_a_question_about_a_topic_in_some_counties_is_not_a_list_of_the_places_named():
    from bot.pipeline.scope import asked_levels

    assert asked_levels("远程心电诊断是在哪几个县试点的？") == ()
    assert asked_levels("送餐服务目前已经有多少个乡镇开通了？") == ()
    assert asked_levels("文章里一共出现了哪几个区？") == ("区",)


def test_a_mastheads_date_and_page_are_the_articles_and_its_headline_the_title(tmp_path):
    doc = ("庚州晚报_家门口驿站.txt\n庚州晚报　2025年3月25日　星期二　第03版：民生\n\n零工有了落脚点\n\n"
           "本报记者　钟白\n\n市人社局局长柏青介绍，今年新建驿站40个。\n\n（责任编辑：闻溪）\n")
    bot = chatbot_for(tmp_path, doc)
    meta = bot.kb.documents[0].meta
    assert meta.published == "2025-03-25" and meta.title == "零工有了落脚点"
    a = bot.ask("这篇报道是哪天登的？第几版？")
    assert a.found and "2025年3月25日" in a.answer and "第3版（民生）" in a.answer


def test_when_the_reported_event_was_held_is_the_reports_own_sentence_not_a_deadline(tmp_path):
    doc = ("丁州市人民政府_2025-10-17_常务会议.txt\n丁州市人民政府召开第八次常务会议\n\n"
           "10月16日上午，市长韩川主持召开市人民政府第八次常务会议，研究冬季供暖工作。\n\n"
           "会议要求，各区要于10月31日前制定工作方案并报市政府办公室。\n")
    bot = chatbot_for(tmp_path, doc)
    a = bot.ask("会议是哪天开的？上午还是下午？")
    assert a.found and "10月16日上午" in a.answer and "10月31日" not in a.answer
    assert "10月31日" in bot.ask("会议要求各区哪天前报方案？").answer



def test_an_english_question_is_a_summary_only_when_it_names_the_document(tmp_path):
    doc = "庚州日报_2025-06-01.txt\n公交见闻\n\n市交通运输局局长牛川介绍，今年新投放新能源公交车46辆，统一实行2元一票制。\n"
    bot = chatbot_for(tmp_path, doc)
    assert bot.ask("What is the monthly rent of the new buses?").intent != "doc_summary"

def test_the_host_is_named_with_the_post_the_transcript_gives(presser):
    a = presser.ask("这场发布会的主持人是谁？什么职务？")
    assert a.found and "市政府新闻办副主任钟白" in a.answer


DECISION = """中共甲州市委关于加快发展夜间经济的决定.txt
中共甲州市委关于加快发展夜间经济的决定

（2025年7月18日中国共产党甲州市第五届委员会第九次全体会议通过）

一、总体要求

到2027年，夜间消费占全市消费比重达到30%。
"""


def test_who_issued_a_document_is_checked_against_its_own_title(tmp_path):
    bot = chatbot_for(tmp_path, DECISION)
    no = bot.ask("这个决定是甲州市人民政府印发的吗？")
    assert no.found and no.answer.startswith("不是") and "市委" in no.answer
    yes = bot.ask("这个决定是甲州市委通过的吧？")
    assert yes.found and yes.answer.startswith("是")
    title = bot.ask("这个决定的全称叫什么？")
    assert title.found and "关于加快发展夜间经济的决定" in title.answer


def test_an_event_held_answer_needs_the_place_and_the_kind_of_time_asked(tmp_path):
    doc = ("丁州市人民政府_2025-10-17_常务会议.txt\n丁州市人民政府召开第八次常务会议\n\n"
           "10月16日上午，市长韩川主持召开市人民政府第八次常务会议，研究冬季供暖工作。\n")
    bot = chatbot_for(tmp_path, doc)
    assert not bot.ask("曲阜市常务会议是哪天开的？").found  # another city's meeting
    assert not bot.ask("常务会议几点开始的？开了多长时间？").found


def test_a_bylines_reporter_has_no_gender_the_text_gives(tmp_path):
    doc = ("庚州晚报_家门口驿站.txt\n庚州晚报　2025年3月25日　第03版\n\n零工有了落脚点\n\n"
           "本报记者　钟白\n\n市人社局局长柏青介绍，今年新建驿站40个。她说，驿站都配了指导员。\n")
    bot = chatbot_for(tmp_path, doc)
    a = bot.ask("写这篇稿子的记者钟白是男记者还是女记者？")
    assert not a.found and "性别" in a.answer


def test_who_the_only_woman_is_and_what_she_said_of_the_rest(tmp_path):
    doc = ("庚州日报_2025-06-01.txt\n会议见闻\n\n市人社局局长柏青介绍，今年新建驿站40个。她强调，每个驿站都要配齐2名指导员。\n\n"
           "市交通运输局局长牛川说，今年新投放公交车46辆。\n")
    bot = chatbot_for(tmp_path, doc)
    a = bot.ask("“她强调”里的她指的是谁？强调了什么")
    assert a.found and "柏青" in a.answer and "指导员" in a.answer


def test_a_yes_no_question_of_another_byline_role_says_no_and_who_holds_it(tmp_path):
    doc = ("庚州晚报_家门口驿站.txt\n庚州晚报　2025年3月25日　第03版\n\n零工有了落脚点\n\n"
           "本报记者　钟白\n\n市人社局局长柏青介绍，今年新建驿站40个。\n\n责任编辑：闻溪\n")
    bot = chatbot_for(tmp_path, doc)
    a = bot.ask("闻溪是这篇稿子的作者吗？")
    assert a.found and a.answer.startswith("不是") and "钟白" in a.answer and "编辑" in a.answer


def test_an_issuer_check_cites_the_documents_own_title(tmp_path):
    bot = chatbot_for(tmp_path, DECISION)
    a = bot.ask("这个决定是甲州市人民政府印发的吗？")
    assert any("关于加快发展夜间经济的决定" in c.passage for c in a.citations)
