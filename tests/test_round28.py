"""Round 28: a document's own numbered structure answers counts and ordinals however the question words them."""
from __future__ import annotations

from bot.pipeline import slots
from bot.pipeline.outline import _enumerations
from tests.conftest import chatbot_for

REPLY = (
    "关于市政协第0101号提案的答复\n\n"
    "张委员：\n\n"
    "您提出的《关于改善城区夜间照明的建议》收悉。现答复如下：\n\n"
    "一、关于路灯亮灯率\n\n"
    "全市城区路灯亮灯率已达到98%，今年新装路灯420盏。\n\n"
    "二、关于老旧小区照明\n\n"
    "我局计划明年改造老旧小区照明设施35个。\n\n"
    "三、关于节能改造\n\n"
    "城区道路照明将全部换成节能灯具，预计每年节约电费60万元。\n\n"
    "四、关于日常维护\n\n"
    "市城市照明管理所实行24小时报修，接报后4小时内修复。\n\n"
    "市城市管理局\n2026年11月20日\n"
)

PAGE = (
    "某市人民政府网 > 政策解读\n\n"
    "我市出台促进住房消费若干措施\n\n"
    "近日，市人民政府办公室印发《促进住房消费若干措施》，主要内容如下。\n\n"
    "一、发放购房补贴。在市区购买新建商品住房的，按合同价款的1%给予补贴。\n\n"
    "二、提高公积金贷款额度。双缴存职工最高可贷80万元。\n\n"
    "三、支持提取公积金付首付。缴存职工可提取本人公积金支付首付款。\n\n"
    "四、推行带押过户。二手房交易可不先还清贷款。\n\n"
    "《措施》自印发之日起施行。\n"
)

REPORT = (
    "某州日报\n\n"
    "2026年11月26日 星期四\n\n"
    "五大行动绘就发展新蓝图\n\n"
    "本报讯 市委全会审议通过的《决定》提出实施“五大行动”，即通道联网提速行动、产业协作升级行动、"
    "“山区果篮子”扩容行动、江河生态共护行动、民生服务共享行动。\n\n"
    "通道联网提速行动\n\n"
    "市交通运输局局长周明远说，明年将开工建设两条快速通道。\n\n"
    "产业协作升级行动\n\n"
    "市工业和信息化局局长李建华表示，将新建合作园区3个。\n\n"
    "“山区果篮子”扩容行动\n\n"
    "市农业农村局局长陈晓燕介绍，她所在的部门将新建供港基地10个。\n\n"
    "江河生态共护行动\n\n"
    "市生态环境局局长黄志强说，全市将完成河道整治120公里。\n\n"
    "民生服务共享行动\n\n"
    "市人力资源和社会保障局局长吴国平表示，将实现社保卡跨市通用。\n"
)



def _bot_for(tmp_path, name: str, text: str):
    """The default bot over one self-written document (conftest's chatbot_for, with the file name apart)."""
    return chatbot_for(tmp_path, f"{name}\n{text}")


def test_a_verb_after_an_ordinal_is_no_part_of_its_noun():
    assert slots.ordinal("报道里第三项任务写的是啥？").noun == "任务"
    # A verb alone after the measure word leaves the measure word as what is counted.
    assert slots.ordinal("答复的第七点说的是啥？").noun == "点"
    # A noun jieba tags as a verb still names the list ("第二个发言的").
    assert slots.ordinal("第二个发言的是谁？").noun == "发言"


def test_an_item_quoted_inside_an_enumeration_keeps_its_quoted_name():
    items = _enumerations("实施“三大行动”，即甲乙提速行动、“丙丁果篮子”扩容行动、戊己共护行动。")
    assert items == [["甲乙提速行动", "“丙丁果篮子”扩容行动", "戊己共护行动"]]


def test_any_word_for_a_part_counts_the_documents_numbered_headings(tmp_path):
    bot = _bot_for(tmp_path, "某市城市管理局_2026-11-20_提案答复.txt", REPLY)
    a = bot.ask("答复一共分了哪几个方面？")
    assert a.found and a.intent == "structure"
    assert "4" in a.answer or "四" in a.answer
    assert "关于节能改造" in a.answer


def test_an_ordinal_counted_by_tiao_or_dian_picks_that_numbered_heading(tmp_path):
    bot = _bot_for(tmp_path, "某市城市管理局_2026-11-20_提案答复.txt", REPLY)
    third = bot.ask("答复函里第三条讲的是什么内容？")
    assert third.found and "节能" in third.answer
    fourth = bot.ask("答复的第四点说的是啥？")
    assert fourth.found and "报修" in fourth.answer


def test_a_bare_count_word_asks_for_the_numbered_paragraphs(tmp_path):
    bot = _bot_for(tmp_path, "某市人民政府_2026-11-20_促进住房消费若干措施.txt", PAGE)
    a = bot.ask("这个政策一共几条？每条讲的啥，全部列一下")
    assert a.found and a.intent == "structure"
    for item in ("发放购房补贴", "提高公积金贷款额度", "推行带押过户"):
        assert item in a.answer


def test_headings_of_one_kind_leave_out_the_dateline_and_the_report_title(tmp_path):
    bot = _bot_for(tmp_path, "某州日报_2026-11-26_五大行动绘就发展新蓝图.txt", REPORT)
    a = bot.ask("第一个行动是啥？")
    assert a.found and "通道联网提速" in a.answer
    listed = bot.ask("五大行动分别叫什么，全部列出来")
    assert listed.found and "山区果篮子" in listed.answer and "民生服务共享" in listed.answer
    assert "星期四" not in listed.answer


STUDIO = (
    "某市广播电视台《民生直通车》访谈实录\n\n"
    "主持人：各位听众大家好！今天请到市医疗保障局局长赵立平、市卫生健康委员会副主任孙丽华。\n\n"
    "赵立平：大家好！\n\n"
    "孙丽华：大家好！\n\n"
    "主持人：外地老人在本市看病，怎么报销？\n\n"
    "赵立平：先在手机上办理异地就医备案，办好后住院费用可以直接结算。\n\n"
    "孙丽华：社区卫生服务中心都能签约家庭医生，基础服务包免费。\n\n"
    "主持人：最后请两位谈谈接下来的打算。\n\n"
    "赵立平：我们计划明年把直接结算的定点医院增加到80家。\n\n"
    "孙丽华：我们将争取今年冬天家庭医生签约人数达到3万人。\n"
)


def test_a_comparison_whose_topic_words_nobody_used_takes_each_ones_closest_statement_not_a_greeting(tmp_path):
    bot = _bot_for(tmp_path, "某市广播电视台_2026-11-20_民生直通车访谈实录.txt", STUDIO)
    a = bot.ask("赵立平和孙丽华说的下一步目标分别是啥？")
    assert a.found
    assert "大家好" not in a.answer and "请到" not in a.answer  # no greeting, nor the host's words about them
    assert "赵立平" in a.answer and "孙丽华" in a.answer


def test_clauses_that_open_with_one_word_are_a_list_of_that_word():
    from bot.pipeline.outline import _led_lists

    lists = _led_lists("坚持甲乙主导、丙丁引导；坚持戊己发展、庚辛兴农；坚持壬癸带动、子丑增收。")
    assert lists == [("坚持", ["坚持甲乙主导、丙丁引导", "坚持戊己发展、庚辛兴农", "坚持壬癸带动、子丑增收"])]
    # One character in common ("要…") is no list, nor are clauses that differ in their first word.
    assert _led_lists("要加快甲乙，要推进丙丁，要做好戊己。") == []
    assert _led_lists("今年完成甲乙，明年完成丙丁，后年完成戊己。") == []


MEETING = (
    "某市人民政府网 > 要闻动态\n\n"
    "全市河湖冬季治理推进会召开\n\n"
    "11月18日，全市河湖冬季治理推进会召开。市水利局局长钱立新介绍了今年的治理进展。\n\n"
    "会议对冬季攻坚工作作出部署：\n\n"
    "1.入湖渠道冬季清淤，由市水利局牵头。\n\n"
    "2.农田面源污染治理，由市农业农村局牵头。\n\n"
    "3.冰封期水质监测，由市生态环境局牵头。\n"
)


def test_an_announced_list_is_counted_by_its_verb_and_cites_the_announcement(tmp_path):
    bot = _bot_for(tmp_path, "某市人民政府_2026-11-18_河湖冬季治理推进会.txt", MEETING)
    a = bot.ask("会上一共部署了几项工作")
    assert a.found and a.intent == "structure"
    assert a.answer.startswith("共3项")
    assert "作出部署" in a.citations[0].passage


PRESSER = (
    "某市新闻发布会实录\n\n"
    "主持人：各位记者朋友，大家上午好！出席今天发布会的有市住房和城乡建设局局长韩立军、"
    "市市场监督管理局副局长苏晓岚、市消防救援支队副支队长邓国强。首先请韩立军局长介绍总体情况。\n\n"
    "韩立军：今年全市将新建电动自行车充电口3万个。\n\n"
    "主持人：谢谢韩局长。下面请苏晓岚副局长介绍产品质量监管情况。\n\n"
    "苏晓岚：今年以来，我们抽检电动自行车及电池产品260批次。\n\n"
    "主持人：谢谢苏局长。她刚才提到的抽检，相信大家都会关心。下面请邓国强副支队长介绍。\n\n"
    "邓国强：电动自行车进楼入户充电，最高可罚款1000元。\n"
)


def test_a_pronoun_after_the_hosts_thanks_by_surname_and_post_tells_the_speakers_sex(tmp_path):
    bot = _bot_for(tmp_path, "某市_2026-11-20_新闻发布会实录.txt", PRESSER)
    a = bot.ask("几位发布人里面哪一位是女同志？")
    assert a.found and "苏晓岚" in a.answer and "韩立军" not in a.answer
    assert "她刚才提到的" in a.citations[0].passage


def test_any_verb_of_speech_after_an_ordinal_asks_the_order_of_the_speakers(tmp_path):
    bot = _bot_for(tmp_path, "某市_2026-11-20_新闻发布会实录.txt", PRESSER)
    second = bot.ask("发布会上第二个上台介绍情况的是谁？")
    assert second.found and "苏晓岚" in second.answer.split("。")[0]
    first = bot.ask("第一个通报情况的是哪位？")
    assert first.found and "韩立军" in first.answer.split("。")[0]


def test_a_field_line_answers_only_a_question_about_what_its_fields_record():
    from bot.pipeline.evidence import field_asked

    line = "留言人：湖畔行者 留言时间：2026-11-03 21:47 办理单位：某市交通运输局；答复单位：某市交通运输局 答复时间：2026-11-10"
    assert field_asked(line, "那条留言是哪天留的？")  # 留言 + a day
    assert field_asked(line, "交通局是哪天回复的？")  # 答复 and 回复 share 复
    assert field_asked(line, "是哪个单位答复的？")  # 答复 + a unit
    # The message's own dates say nothing of the service it asks about, nor do its keys' digits ("21:47").
    assert not field_asked(line, "K16路从哪天开始开？")
    assert not field_asked(line, "积分入学啥时候网上报名？")
    assert not field_asked(line, "是哪天在哪儿办的？")  # 办理单位 names a unit, not a day


BOARD = (
    "某市人民政府网 > 互动交流 > 留言选登\n\n"
    "一、湖区到火车站能不能开条快线公交？\n\n"
    "留言人：湖畔行者 留言时间：2026-11-03 21:47 办理单位：某市交通运输局\n\n"
    "我在湖区上班，每天坐公交到火车站要一个半小时，希望开通快线。\n\n"
    "网友您好！我局计划于2026年12月15日起开通湖区至火车站的快线公交K9路，票价2元。\n"
)


def test_a_message_boards_field_line_is_not_the_answer_to_a_question_about_the_service(tmp_path):
    bot = _bot_for(tmp_path, "某市人民政府_2026-11-20_留言选登.txt", BOARD)
    a = bot.ask("快线公交K9路什么时候开通？")
    assert a.found and "12月15日" in a.answer
    assert not a.answer.startswith("留言人")
