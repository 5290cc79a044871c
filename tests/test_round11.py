"""Round 11: heads of a body named loosely, the place a question names as a condition on its evidence (invented text)."""
from __future__ import annotations

from tests.conftest import chatbot_for
from index.models import Speaker
from tests.sentences import parse_text, who

MEETING = """庚州市人民政府_2025-10-20_冬季供暖推进会.txt
庚州市冬季供暖推进会召开

10月20日，全市冬季供暖推进会召开。
市交通运输局局长伍成栋说，今年将新开通供暖季夜班公交线路6条。
市交通运输局副局长满秀兰表示，公交场站全部完成了供暖改造。
辛集团党委书记、董事长官振华表示，集团今年将投资3亿元建设热源厂。
甲山区区长常怀远说，今年甲山区计划完成农村清洁取暖改造1.2万户，剩余部分11月10日前完成。
乙水区副区长柴立新表示，乙水区今年已完成“煤改气”“煤改电”改造4300户，山区群众以清洁型煤为补充。
"""


def test_the_head_of_a_body_named_by_a_colloquial_word_is_its_one_non_deputy(tmp_path):
    bot = chatbot_for(tmp_path, MEETING)
    boss = bot.ask("辛集团的老板在会上说了些啥")
    assert boss.found and "官振华" in boss.answer
    head = bot.ask("管交通那个局的一把手说了啥？")
    assert head.found and "伍成栋" in head.answer and "满秀兰" not in head.answer


def test_a_yes_no_check_of_a_head_word_names_the_head_not_the_deputy(tmp_path):
    bot = chatbot_for(tmp_path, MEETING)
    a = bot.ask("交通运输局的一把手是不是满秀兰？")
    assert a.answer.startswith("不是") and "伍成栋" in a.answer


def test_a_place_the_question_names_picks_the_passage_about_that_place(tmp_path):
    bot = chatbot_for(tmp_path, MEETING)
    a = bot.ask("乙水区农村清洁取暖改了多少户？")
    assert a.found and "4300户" in a.answer and "1.2万户" not in a.answer


def test_an_elliptical_follow_up_with_another_place_asks_the_same_about_it(tmp_path):
    from bot.models import Turn

    bot = chatbot_for(tmp_path, MEETING)
    first = bot.ask("甲山区农村清洁取暖改了多少户？")
    assert first.found and "1.2万户" in first.answer
    a = bot.ask("那乙水区呢？", [Turn("user", "甲山区农村清洁取暖改了多少户？"), Turn("assistant", first.answer)])
    assert a.found and "4300户" in a.answer


def test_places_of_a_question_are_a_fresh_list_each_time():
    from bot.pipeline.scope import places

    first = places("甲山区今年改了多少户？")
    first.append("别处")
    assert "别处" not in places("甲山区今年改了多少户？")


def test_an_english_question_about_cost_asks_for_a_sum_of_money():
    from bot.pipeline.slots import asks_in_english as _en_asks

    assert "money" in _en_asks("How much will the new bus depot cost to build?")
    assert "money" in _en_asks("What is the monthly rent of a stall?")
    assert "money" not in _en_asks("How many bus lines will open?")
    assert "money" not in _en_asks("Who spoke about the budget meeting?")


PLAN = """壬州市人民政府_2025-06-01_冷链物流建设方案.txt
壬州市冷链物流建设方案

一、建设冷链物流中心。在东港区建设冷链物流中心，冷库容量达到10万吨。
二、培育龙头企业。对新建冷库的企业，每吨库容一次性补助200元。
"""


def test_an_english_question_about_cost_is_not_answered_with_a_size(tmp_path):
    bot = chatbot_for(tmp_path, PLAN)
    assert not bot.ask("How much will the cold-chain logistics center cost to build?").found


STREET = """癸州日报_2025-08-01_老街新貌.txt
癸州日报　2025年8月1日

老街新貌

一位戴草帽的大爷正蹲在菜摊前挑黄瓜。
“以前这条街一到夏天就污水横流。”
老人叫柏长青，今年72岁，在老街附近住了快五十年。
“菜价也不贵，摊主都是熟面孔。”柏长青掰着手指头说。

水果摊前，一位烫着卷发的大姐正给顾客称西瓜。
“改造以前，我们摊位都摆在马路边上。”
这位大姐名叫滕秀英，在老街卖了十几年水果。
区住建局局长寇建明说，老街改造总投资3800万元。
"""


def test_a_person_described_without_words_is_narration_and_the_quotation_after_is_theirs(tmp_path):
    doc = parse_text(tmp_path, STREET, "癸州日报_2025-08-01_老街新貌.txt")
    assert who(doc, "一位烫着卷发的大姐") == (None, "narration")
    assert who(doc, "改造以前，我们摊位") == ("滕秀英", "statement")
    assert who(doc, "这位大姐名叫滕秀英") == (None, "narration")


def test_a_generic_word_for_the_person_described_names_them_later(tmp_path):
    doc = parse_text(tmp_path, STREET, "癸州日报_2025-08-01_老街新貌.txt")
    assert who(doc, "以前这条街一到夏天") == ("柏长青", "statement")
    assert who(doc, "菜价也不贵") == ("柏长青", "statement")
    assert who(doc, "一位戴草帽的大爷") == (None, "narration")
    assert who(doc, "老街改造总投资") == ("寇建明", "statement")


LANE = """子州日报_2025-08-02_小巷烟火.txt
子州日报　2025年8月2日

小巷烟火

一位戴草帽的大爷正在巷口挑黄瓜。
“以前一到夏天就污水横流。”见记者走过来，大爷直起腰说，“现在干干净净。”
老人叫岳广田，在巷子里住了快五十年。
巷子中段，一家烧饼铺格外热闹。
“我们家的烧饼用的是老配方，您尝尝！”
一个系着蓝围裙的小伙子端着一盘烧饼，笑着对记者说。
小伙子名叫洪景辉，今年26岁，前年回乡开了这家小店。
一名穿着橙色马甲的保洁员正在清理纸屑。
“我们分早中晚三个班。”这名保洁员一边干活一边说。
"""


def test_the_word_a_description_used_calls_the_same_person_again(tmp_path):
    doc = parse_text(tmp_path, LANE, "子州日报_2025-08-02_小巷烟火.txt")
    assert who(doc, "见记者走过来，大爷直起腰说") == ("岳广田", "statement")
    assert who(doc, "以前一到夏天就污水横流") == ("岳广田", "statement")


def test_a_quotation_before_one_person_described_and_then_named_is_theirs(tmp_path):
    doc = parse_text(tmp_path, LANE, "子州日报_2025-08-02_小巷烟火.txt")
    assert who(doc, "我们家的烧饼用的是老配方") == ("洪景辉", "statement")
    assert who(doc, "一个系着蓝围裙的小伙子") == ("洪景辉", "statement")
    assert who(doc, "小伙子名叫洪景辉") == (None, "narration")


def test_words_of_someone_never_named_doing_something_while_speaking_are_a_statement(tmp_path):
    doc = parse_text(tmp_path, LANE, "子州日报_2025-08-02_小巷烟火.txt")
    assert who(doc, "我们分早中晚三个班")[1] == "statement"
    assert who(doc, "一名穿着橙色马甲的保洁员") == (None, "narration")


VISIT = """丑州市人民政府_2025-05-06_供水管网调研.txt
丑州市供水管网改造调研

在胜利路改造现场，市水务局局长卜文涛向调研组介绍了全市供水管网改造的总体进展。
随后，市交通运输局负责人就旅游公路建设作了发言。该负责人表示，今年将新建旅游公路126公里。
"""


def test_a_speaker_may_name_whom_they_told_before_the_verb(tmp_path):
    doc = parse_text(tmp_path, VISIT, "丑州市人民政府_2025-05-06_供水管网调研.txt")
    assert who(doc, "市水务局局长卜文涛向调研组介绍") == ("卜文涛", "statement")


def test_an_unnamed_official_speaking_on_a_topic_is_a_statement_and_the_pronoun_continues_them(tmp_path):
    doc = parse_text(tmp_path, VISIT, "丑州市人民政府_2025-05-06_供水管网调研.txt")
    assert who(doc, "随后，市交通运输局负责人就旅游公路")[1] == "statement"
    assert who(doc, "该负责人表示，今年将新建")[1] == "statement"


EXPLAINER = """寅州市人民政府网_2025-04-16_政策解读.txt
寅州市支持小店发展若干措施政策解读

为便于社会各界理解政策，市商务局副局长鲍志远、市人社局副局长祁婉清以及市税务局相关负责人，就群众关心的问题进行了解读。
一、问：租金方面有哪些减免？
答：鲍志远介绍，租用市属国企经营用房的，今年减免3个月租金。此外，市场监管部门将开展涉企违规收费专项整治。
二、问：融资难有什么办法？
答：祁婉清介绍，小店可以申请最高30万元的创业担保贷款。她特别提醒，申请全程不收取任何中介费用。
"""


def test_numbered_questions_of_an_explainer_are_questions_and_each_answer_names_its_speaker(tmp_path):
    doc = parse_text(tmp_path, EXPLAINER, "寅州市人民政府网_2025-04-16_政策解读.txt")
    assert who(doc, "租金方面有哪些减免") == (None, "question")
    assert who(doc, "鲍志远介绍，租用市属国企") == ("鲍志远", "statement")
    assert who(doc, "此外，市场监管部门将开展") == ("鲍志远", "statement")
    assert who(doc, "融资难有什么办法") == (None, "question")
    assert who(doc, "祁婉清介绍，小店可以申请") == ("祁婉清", "statement")
    assert who(doc, "她特别提醒") == ("祁婉清", "statement")


def test_a_title_word_inside_a_longer_one_does_not_hide_the_name_after_it():
    from index.ingest.names import titled_people

    assert titled_people("村党总支书记卓海平指着村道告诉记者，以前路很窄") == [Speaker("卓海平", "村党总支书记")]


INTERVIEW = """卯州日报_2025-06-24_家庭医生访谈.txt
卯州日报　2025年6月24日

——访市卫生健康委员会副主任宁雅琴

记者：今年家庭医生签约服务有哪些新变化？
宁雅琴：今年我们推出了12种个性化服务包，签约居民可以按需选择。
"""


def test_asking_who_holds_a_post_nobody_holds_never_names_its_deputy(tmp_path):
    bot = chatbot_for(tmp_path, INTERVIEW)
    a = bot.ask("卯州市卫生健康委员会的主任是谁？")
    assert not a.found and "宁雅琴" not in a.answer
    deputy = bot.ask("卫健委的副主任是谁？")
    assert deputy.found and "宁雅琴" in deputy.answer


def test_asking_whom_the_text_calls_she_names_her(tmp_path):
    bot = chatbot_for(tmp_path, MEETING.replace("市交通运输局副局长满秀兰表示，公交场站全部完成了供暖改造。",
                                                "市交通运输局副局长满秀兰表示，公交场站全部完成了供暖改造。她说，场站温度不低于18℃。"))
    a = bot.ask("报道里用“她”来指的是哪位领导？")
    assert a.found and "满秀兰" in a.answer


def test_people_counted_by_their_post_after_a_verb_of_speech_are_asked_about_by_that_post():
    from bot.pipeline.understand import TitleMatcher

    titles = TitleMatcher([])
    assert titles.title_phrase("报道里一共提到了几位副局长？") == "副局长"
    assert titles.title_phrase("哪几位讲到了志愿者？") == ""
