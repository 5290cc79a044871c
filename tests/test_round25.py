"""Round 25: a long message's background supports an answer but never counts against one, and a sentence closed by
"。" in a message that marks its questions tells, it does not ask; a body's tasks led and supported are both listed
when both are asked; a post's holder asked what they promised is asked for their words; every telephone number a
text gives is listed when asked for them all, and "电话是几号" asks a number, not a day."""
from __future__ import annotations

import pytest

from bot.pipeline.evidence import EvidenceFinder
from bot.pipeline.normalise import Normaliser, focus
from bot.pipeline.shape import phone_numbers
from bot.pipeline.slots import asks_for
from bot.pipeline.understand import PHONES_ASKED
from tests.conftest import chatbot_for, real_chatbot_for

PLAN = """青岭市人民政府办公室_2026-11-10_养老服务实施方案.txt
青岭市养老服务三年行动实施方案

二、重点任务

（一）推进老年助餐服务。到2027年底，城市社区老年助餐点覆盖率达到90%。
牵头单位：市民政局；配合单位：市卫生健康委、市财政局。

（二）深化医养结合。社区卫生服务中心与养老服务设施签约合作率达到100%。
牵头单位：市卫生健康委；配合单位：市民政局、市医保局。

（三）发展智慧养老。建设全市养老服务信息平台，2027年6月底前上线。
牵头单位：市大数据局；配合单位：市民政局。

三、保障措施

群众对助餐点收费有意见的，可拨打老年助餐服务热线0432-3162349反映，也可以拨打12345政务服务便民热线。
"""

REPORT = """青岭市农业农村局_2026-11-12_茶产业扶持.txt
青岭市茶产业提质增效扶持措施

一、推行绿色防控
2027年底前，连片300亩以上的茶园全部推行病虫害统防统治，由市级财政按防治费用的50%给予补助，单个主体最高补助20万元。

二、培育茶叶品牌
对新获得国家地理标志的茶叶产品，一次性奖励30万元。
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    """A plan whose tasks each close with a note of who leads and who supports, and a paragraph with two numbers."""
    return chatbot_for(tmp_path_factory.mktemp("plan"), PLAN)


def test_a_sentence_closed_by_a_full_stop_tells_in_a_message_that_marks_its_question():
    q = ("我们村就在山脚下，几户人家合计着想一起搞个民宿片区，村支书说要是弄成集聚区市里有钱补。"
         "我年纪大了看不懂文件，就想问一下这个集聚区最多能补多少，这钱能用在啥地方？")
    out = focus(q)
    # "几户人家" counts households, it does not ask: the told sentence is background.
    assert "几户人家" not in out and out.endswith("这钱能用在啥地方？") and "集聚区最多能补多少" in out


def test_the_normaliser_keeps_a_long_messages_background_apart_from_what_it_asks():
    n = Normaliser()
    asked, background = n.split("你好，我家老爷子今年67了，身体还算硬朗。听邻居说今年区里给老年人免费体检，"
                                "不知道我爸这个年纪够不够条件，区里准备给多少人做？")
    assert "老爷子" not in asked and asked.endswith("给多少人做?")  # the cleaner writes ASCII marks
    assert "免费体检" in background
    assert n.split("体检给多少人做？") == ("体检给多少人做?", "")


def _keyword_parts():
    """The keyword index's parts the evidence finder reads, over this test's vocabulary."""
    from tests.fakes import KeywordParts

    return KeywordParts({"老年人", "免费", "体检", "区里", "多少", "人"})


def test_background_words_the_evidence_holds_raise_its_coverage_and_missing_ones_do_not_lower_it():
    finder = EvidenceFinder(_keyword_parts())
    text = "为3.6万名65岁以上老年人免费开展健康体检。"
    asked = {"区里": 1.0, "准备": 1.0, "做": 1.0}
    told = {"老年人": 1.0, "免费": 1.0, "老爷子": 1.0, "三高": 1.0}
    base = finder.coverage(asked, text)
    with_told = finder.told_coverage(asked, told, text)
    assert with_told > base
    # Only the two held words count: "老爷子" and "三高" add nothing, to the hits or to the total.
    assert with_told == pytest.approx((base * 3 + 2) / (3 + 2))
    assert finder.told_coverage(asked, {"老爷子": 1.0}, text) == pytest.approx(base)


def test_a_body_asked_what_it_leads_and_what_it_supports_gets_both_lists(plan):
    a = plan.ask("市卫生健康委在方案里牵头了哪项任务，又配合了哪项？")
    assert a.found and "深化医养结合" in a.answer and "推进老年助餐服务" in a.answer
    assert a.answer.index("牵头") < a.answer.index("配合")
    b = plan.ask("市民政局在哪些任务的责任单位里？")
    assert all(w in b.answer for w in ("推进老年助餐服务", "深化医养结合", "发展智慧养老"))


def test_every_telephone_number_is_listed_with_what_the_text_calls_it(plan):
    assert phone_numbers("可拨打老年助餐服务热线0432-3162349反映，也可以拨打12345政务服务便民热线。") == [
        ("0432-3162349", "老年助餐服务热线"), ("12345", "政务服务便民热线")]
    # A figure or a file number is nothing to call.
    assert phone_numbers("完成投资12345万元，编号2026000123。") == []
    a = plan.ask("文件里提到了哪些可以打的电话？")
    assert a.found and "0432-3162349" in a.answer and "12345" in a.answer and a.citations


def test_a_list_of_callers_or_one_number_is_not_a_list_of_numbers():
    assert PHONES_ASKED.search("热线电话都有哪几个")
    assert not PHONES_ASKED.search("把这期打进电话的听众都列一下")
    assert not PHONES_ASKED.search("哪几个人打了电话")
    assert not PHONES_ASKED.search("咨询电话是多少")


def test_a_telephone_asked_by_its_number_asks_no_day():
    assert "when" not in asks_for("助餐热线电话是几号")
    assert "when" in asks_for("体检几号开始")


@pytest.mark.slow
def test_a_long_messages_background_names_what_its_short_question_is_about(tmp_path):
    bot = real_chatbot_for(tmp_path, REPORT)
    a = bot.ask("你好，我是青岭镇的，前几年在外面打工，今年跟亲戚合伙承包了400多亩茶园，对政策不太熟。"
                "听镇上干部说现在搞统防统治有补助，又说要连片好多亩才有，我们这个规模够不够，补助能补好多？")
    assert a.found and "20万" in a.answer
    # The same background with a question the text does not answer is still refused.
    b = bot.ask("你好，我是青岭镇的，前几年在外面打工，今年跟亲戚合伙承包了400多亩茶园，对政策不太熟。"
                "听镇上干部说现在搞统防统治有补助，防治用的农药是哪个厂家的，几月份开始打药？")
    assert not b.found


def test_a_posts_holder_asked_what_they_promised_is_asked_for_their_words(tmp_path):
    from tests.test_round24 import PROGRAMME

    bot = chatbot_for(tmp_path, PROGRAMME)
    a = bot.ask("城管局那个一把手在节目上承诺了啥？")
    assert a.intent == "person_said" and "本月底前全部修好" in a.answer


MEETING = """青岭市人民政府_2026-11-14_管网改造推进会.txt
青岭市召开老旧管网改造推进会

11月13日，市政府召开老旧管网改造推进会。

市发展和改革委员会主任贾文表示，2027年管网改造项目总投资约3.8亿元。

市财政局副局长孙红表示，市级财政安排管网改造补助资金6000万元。

青岭供水有限公司董事长杜明表示，每座泵房改造平均费用约18万元。

市城市管理局局长邵平表示，改造期间将提前三天公告停水时间。
"""


def test_a_topic_given_by_examples_finds_everyone_who_spoke_of_any_of_them(tmp_path):
    bot = chatbot_for(tmp_path, MEETING)
    a = bot.ask("会上哪些人讲到了钱的事（投资、补助、费用这些），都是谁？")
    assert a.found and all(n in a.answer for n in ("贾文", "孙红", "杜明")) and "邵平" not in a.answer


def test_which_ones_of_a_named_kind_need_their_names_not_their_kind_or_count():
    from bot.pipeline.scope import members_missing

    assert members_missing("“创业贷”具体是哪几家银行在办？", "联合本地银行推出“创业贷”，单户额度最高100万元。")
    assert members_missing("基金是跟哪几家银行一起设立的？", "同时联合金融机构设立产业基金，首期规模10亿元。")
    assert not members_missing("是哪几家银行在办？", "市里与工商银行、农业银行、建设银行3家银行签约。")
    assert not members_missing("跟哪个学校合作的？", "我们和永州职业技术学院合作开设了托育专业。")
    assert members_missing("住的是哪个小区？", "请他节目后把小区名称留给导播。")
    assert not members_missing("新投用的是哪几所学校？", "青岭区第一小学、青岭区第二小学和龙泉中学3所新建学校将投入使用。")
    # "哪些企业" may ask for a kind ("中小企业"), not names.
    assert not members_missing("基金主要支持哪些企业？", "设立2亿元的产业引导基金，支持中小企业发展。")


ACTIONS = """青岭日报_2026-11-21_三大行动.txt
青岭日报

全会提出“三大行动”，即：实施产业升级行动、实施城乡融合行动、实施民生改善行动。

实施产业升级行动

产业是城市的根基。该项行动包括培育先进制造、发展现代服务两个方面。

实施城乡融合行动

城乡融合是发展的必由之路。该项行动包括推进户籍改革、统筹城乡设施两个方面。

实施民生改善行动

民生连着民心，要让群众可知可感。该项行动包括扩大优质教育、提升医疗服务、完善养老体系三个方面。
"""


def test_an_items_contents_asked_by_its_position_are_its_sentence_that_sets_them_out(tmp_path):
    bot = chatbot_for(tmp_path, ACTIONS)
    a = bot.ask("三大行动的最后一个行动包括哪些内容？")
    assert a.found and "民生改善" in a.answer and "完善养老体系" in a.answer


def test_a_quotation_in_a_question_asks_nothing_of_its_own():
    assert asks_for("“哪里不方便，我们就往哪里使劲”是谁说的？") == {"person"}
    assert "when" in asks_for("“暖冬惠购”活动什么时候开始？")


PRESSER = """青岭市人民政府新闻办公室_2026-11-22_公积金新政发布会.txt
青岭市住房公积金新政新闻发布会

主持人：各位记者朋友，上午好。下面请市住房公积金管理中心主任周海介绍新政。

周海：这次新政共8条，主要有三个方面的变化。

一是提高贷款额度。首套住房最高可贷80万元。

二是降低首付比例。第二套住房首付降至25%。

三是提高租房提取额度。每月最多可提取1500元。
"""


def test_a_list_announced_by_a_verbal_noun_is_asked_for_by_its_verb(tmp_path):
    bot = chatbot_for(tmp_path, PRESSER)
    a = bot.ask("这次公积金新政主要变了哪几块？麻烦全部列一下")
    assert a.found and all(w in a.answer for w in ("提高贷款额度", "降低首付比例", "提高租房提取额度"))


HOTLINE = """青岭广播电视台_2026-11-26_政风行风热线.txt
《政风行风热线》网络问政实录

【编者按】11月26日上午，《政风行风热线》节目同步直播，邀请青岭市城市管理局局长许正阳走进直播间。本期主持人：程路。现将实录整理如下。

主持人：各位听众，上午好！今天请来了许局长。

青岭市城市管理局局长许正阳：大家好，今年我们新增停车泊位3000个。
"""

PROFILE = """青岭日报_2026-09-24_专访.txt
青岭日报
2026年9月24日　星期四　第02版：经济·专访

让茶产业跑出加速度
——访青岭市农业农村局局长纳文静

本报记者　拓晓峰

　　记者专访了青岭市农业农村局局长纳文静。

　　记者：纳局长，为什么把茶叶作为主导产业？

　　纳文静：青岭气候适宜，种茶有传统。
"""


def test_a_host_credited_inside_an_editors_note_is_the_programmes_host(tmp_path):
    bot = chatbot_for(tmp_path, HOTLINE)
    a = bot.ask("这期政风行风热线的主持人叫啥")
    assert a.found and "程路" in a.answer


def test_who_wrote_an_interview_asks_for_its_reporter_not_its_interviewee(tmp_path):
    bot = chatbot_for(tmp_path, PROFILE)
    a = bot.ask("这篇专访是哪位记者写的？")
    assert a.found and "拓晓峰" in a.answer and "纳文静" not in a.answer


DECISION = """中共青岭市委_2026-11-18_关于推进数字青岭建设的决定.txt
中共青岭市委关于推进数字青岭建设的决定

二、夯实数字基础设施

（一）加快建设千兆城市。推进老旧小区光纤入户改造，2027年底前实现城区千兆宽带全覆盖。由市工业和信息化局牵头，各县（市）区政府负责落实。

（二）统筹布局算力设施。在高新区建设城市算力中心，2027年算力规模达到300P。由市发展改革委牵头，市营商环境建设局配合。
"""


def test_a_lead_named_inline_in_a_clause_is_that_clauses_note(tmp_path):
    bot = chatbot_for(tmp_path, DECISION)
    a = bot.ask("算力设施谁牵头，谁配合？")
    assert a.found and "市发展改革委" in a.answer and "市营商环境建设局" in a.answer
    b = bot.ask("市工业和信息化局牵头了哪些任务？")
    assert b.found and "加快建设千兆城市" in b.answer and "算力" not in b.answer


MINUTES = """青岭市人民政府_2026-11-20_第36次常务会议纪要.txt
青岭市人民政府常务会议纪要
第36次

2026年11月18日上午，市长林国华在市政府第一会议室主持召开市政府第36次常务会议，研究了老旧小区改造和冬季供暖等事项。现纪要如下：

出  席：林国华　王海涛　刘丽萍　陈志强
列  席：张建军（市发展和改革委员会主任）　李红梅（市财政局局长）

一、关于老旧小区改造工作
会议同意2027年改造老旧小区120个，总投资8.6亿元，由市住房和城乡建设局牵头，市财政局配合，2027年10月底前全部完工。
刘丽萍同志强调，要把加装电梯作为改造重点，年内完成加装电梯200部。

二、关于冬季供暖保障工作
会议原则同意冬季供暖保障方案，由市城市管理局牵头，11月20日起正式供暖。
王海涛同志要求，居民室内温度不得低于18℃，供暖投诉要在24小时内办结。
"""


def test_minutes_give_a_leaders_remarks_to_that_leader_and_a_lead_under_an_item_to_that_item(tmp_path):
    bot = chatbot_for(tmp_path, MINUTES)
    a = bot.ask("刘丽萍强调了什么？")
    assert a.found and "加装电梯" in a.answer and any(c.speaker == "刘丽萍" for c in a.citations)
    b = bot.ask("供暖温度要求多少度？是谁提的要求？")
    assert "18" in b.answer and "王海涛" in b.answer
    c = bot.ask("老旧小区改造由哪个部门牵头？")
    assert "市住房和城乡建设局" in c.answer and "市财政局" in c.answer and "决定原文" not in c.answer


def test_a_post_held_by_someone_who_only_attends_is_answered_from_the_list_that_names_them(tmp_path):
    bot = chatbot_for(tmp_path, MINUTES)
    a = bot.ask("市财政局局长叫什么？")
    assert a.found and "李红梅" in a.answer
    assert not bot.ask("市财政局副局长叫啥").found


def test_the_items_minutes_announce_are_a_list_asked_for_by_that_noun(tmp_path):
    bot = chatbot_for(tmp_path, MINUTES)
    a = bot.ask("这次常务会一共定了哪几件事？都列一下")
    assert a.found and "关于老旧小区改造工作" in a.answer and "关于冬季供暖保障工作" in a.answer
    b = bot.ask("最后一个议定事项定了些啥？")
    assert b.found and "供暖" in b.answer and "11月20日" in b.answer
    c = bot.ask("纪要里第二项是啥事？由谁牵头？")
    assert "市城市管理局" in c.answer and "发言的有" not in c.answer


def test_a_short_quotation_asked_after_with_who_and_a_verb_of_speech_is_a_who_said_question(tmp_path):
    bot = chatbot_for(tmp_path, DECISION)
    a = bot.ask("“千兆城市”这话是哪个领导讲的？")
    # The decision's own text, whichever way the answer words it.
    assert a.intent == "who_said" and a.found and "决定" in a.answer and "千兆城市" in a.answer
