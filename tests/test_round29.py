"""Round 29: yes/no checks of a post in the forms people type them, and citations of the line that holds the fact."""
from __future__ import annotations

import pytest

from bot.pipeline.normalise import NameVocabulary
from bot.pipeline.understand import copula_post
from tests.conftest import chatbot_for, real_chatbot_for

MEETING = (
    "某市召开冬季供暖保障工作会议\n\n"
    "本报讯 11月20日，市政府召开冬季供暖保障工作会议。副市长刘明出席会议并讲话，市政府秘书长周立新列席会议。\n\n"
    "市住房和城乡建设局局长王海说，今年全市新建供热管网30公里，改造老旧换热站12座。\n\n"
    "市财政局副局长孙丽表示，市级财政安排供暖补助资金2000万元，年底前全部拨付到位。\n\n"
    "刘明要求，各地要在11月30日前完成管网检修，确保群众温暖过冬。\n"
)

INTERVIEW = (
    "让旧家电有个好去处\n"
    "——访市城市管理局局长赵建国、市商务局副局长钱秀梅\n"
    "编者按：本期节目邀请两位嘉宾做客演播室，回应市民关切。\n"
    "记者：赵局长，垃圾分类推进到哪一步了？\n"
    "赵建国：全市已有320个小区实行定时定点投放，覆盖率达到85%。\n"
    "记者：旧家电怎么处理？\n"
    "钱秀梅：我们在全市45家商超设了回收点，市民可以预约上门回收。\n"
    "记者：钱局长，回收的家电去了哪里？\n"
    "钱秀梅：统一送到再生资源分拣中心拆解，今年已回收旧家电1.2万台。\n"
)

SPEECH = (
    "某市人民政府　　2026-11-20　　来源：市政府办公室\n\n"
    "坚决打好冬季供热保障攻坚战\n"
    "——在全市冬季供热保障工作会议上的讲话\n\n"
    "某市人民政府副市长　马建新\n"
    "（2026年11月18日）\n\n"
    "同志们：\n\n"
    "今天召开全市冬季供热保障工作会议，主要任务是安排部署今冬明春重点工作。\n\n"
    "一、认清形势，增强做好供热保障的责任感\n\n"
    "今年全市供热面积达到5200万平方米，比去年增加300万平方米。\n\n"
    "二、突出重点，抓好供热保障各项任务\n\n"
    "（一）保障热源供应。各供热企业要在11月25日前储足燃煤。\n\n"
    "（二）加快管网改造。年底前完成老旧管网改造40公里。\n\n"
    "（三）畅通诉求渠道。12345热线要24小时受理供热投诉。\n\n"
    "三、压实责任，确保各项任务落地见效\n\n"
    "各县区政府是供热保障的责任主体，主要负责同志要亲自抓。\n"
)



def _bot_for(tmp_path, name: str, text: str):
    """The default bot over one self-written document (conftest's chatbot_for, with the file name apart)."""
    return chatbot_for(tmp_path, f"{name}\n{text}")


def test_the_copula_reads_like_the_city_suffix_but_is_never_corrected_into_it():
    vocabulary = NameVocabulary(["市财政局"])
    assert vocabulary.correct("孙丽是财政局的副局长吧？") == "孙丽是财政局的副局长吧？"
    assert vocabulary.correct("孙丽在市材政局上班吗") == "孙丽在市财政局上班吗"


def test_the_post_of_a_copula_question_is_what_follows_the_copula_up_to_the_particle():
    assert copula_post("张三是甲局的副局长吧？", "张三") == "甲局的副局长"
    assert copula_post("张三是乙村的村主任？", "张三") == "乙村的村主任"
    assert copula_post("张三是不是丙委的主任", "张三") == "丙委的主任"
    assert copula_post("张三是哪个局的？", "张三") == ""  # asks the post, checks none
    assert copula_post("张三说了什么", "张三") == ""


def test_a_yes_no_check_ending_in_ba_is_answered_yes_or_no(tmp_path):
    bot = _bot_for(tmp_path, "某市日报_2026-11-21_供暖会议.txt", MEETING)
    a = bot.ask("王海是住建局的局长吧？")
    assert a.answer.startswith("是。") and "市住房和城乡建设局局长" in a.answer
    b = bot.ask("孙丽是税务局的吗？")
    assert b.answer.startswith("不是。") and "市财政局副局长" in b.answer


def test_a_yes_no_check_of_someone_who_only_attends_reads_their_post_from_the_text(tmp_path):
    bot = _bot_for(tmp_path, "某市日报_2026-11-21_供暖会议.txt", MEETING)
    a = bot.ask("周立新是副市长吧？")
    assert a.answer.startswith("不是。") and "市政府秘书长" in a.answer and "刘明" in a.answer
    assert any("秘书长周立新" in c.passage for c in a.citations)


def test_a_speaker_whose_turns_carry_the_bare_name_takes_the_post_the_headline_gives(tmp_path):
    bot = _bot_for(tmp_path, "某市广播电视台_2026-11-21_访谈.txt", INTERVIEW)
    titles = {p.name: p.title for p in bot.kb.people}
    assert titles.get("钱秀梅") == "市商务局副局长"
    a = bot.ask("钱秀梅是城管局的副局长吧？")
    assert a.answer.startswith("不是。") and "市商务局副局长" in a.answer


def test_a_speech_is_dated_and_cited_by_the_line_under_its_title(tmp_path):
    bot = _bot_for(tmp_path, "某市人民政府_2026-11-20_讲话.txt", SPEECH)
    a = bot.ask("这篇讲话是哪天讲的？")
    assert "2026年11月18日" in a.answer
    assert a.citations and "（2026年11月18日）" in a.citations[0].passage


def test_a_title_question_cites_the_title_not_the_date_line(tmp_path):
    bot = _bot_for(tmp_path, "某市人民政府_2026-11-20_讲话.txt", SPEECH)
    a = bot.ask("这篇讲话的标题叫什么？")
    assert "坚决打好冬季供热保障攻坚战" in a.answer
    assert a.citations and all("2026-11-20" not in c.passage for c in a.citations)


def test_the_clauses_of_a_part_are_cited_by_their_first_and_last(tmp_path):
    bot = _bot_for(tmp_path, "某市人民政府_2026-11-20_讲话.txt", SPEECH)
    a = bot.ask("第二部分一共讲了几项任务？")
    assert "3项" in a.answer
    cited = " ".join(c.passage for c in a.citations)
    assert "保障热源供应" in cited and "畅通诉求渠道" in cited


REPORT = (
    "某市日报\n\n"
    "我市召开乡村振兴推进会\n\n"
    "本报讯 11月25日，全市乡村振兴推进会召开。副市长周国强出席并讲话。\n\n"
    "市农业农村局局长陈立说，今年全市新建高标准农田12万亩。\n\n"
    "市财政局副局长王芳表示，市级财政安排衔接资金3.2亿元。\n\n"
    "甲县县长李青山介绍，甲县今年发展特色种植8万亩。\n\n"
    "乙区副区长赵敏说，乙区新建冷链仓储设施5处。\n\n"
    "丙农业发展有限公司董事长孙强表示，公司今年带动农户1200户。\n\n"
    "市交通运输局负责人表示，年底前完成农村公路改造300公里。\n"
)


def test_a_speaker_list_keeps_the_tier_of_government_the_question_names(tmp_path):
    from bot.pipeline.tiers import COUNTY, DEPARTMENT, ENTERPRISE, LEADER, TOWNSHIP, tier_of

    homes = ("某市",)
    assert tier_of("市农业农村局局长", homes) == DEPARTMENT
    assert tier_of("某市人民政府副市长", homes) == LEADER and tier_of("副市长", homes) == LEADER
    assert tier_of("甲县县长", homes) == COUNTY and tier_of("丁市委书记", homes) == COUNTY  # a county-level city
    assert tier_of("戊镇党委书记", homes) == TOWNSHIP
    assert tier_of("丙农业发展有限公司董事长", homes) == ENTERPRISE
    bot = _bot_for(tmp_path, "某市日报_2026-11-26_乡村振兴推进会.txt", REPORT)
    a = bot.ask("区县有哪些领导发言了？")
    assert "李青山" in a.answer and "赵敏" in a.answer
    assert "陈立" not in a.answer and "周国强" not in a.answer and "孙强" not in a.answer
    b = bot.ask("市直部门有哪些领导发言了？")
    assert "陈立" in b.answer and "王芳" in b.answer and "李青山" not in b.answer
    assert "市交通运输局负责人" in b.answer  # an official of that tier who spoke without a name


def test_a_tier_set_aside_in_brackets_is_left_out(tmp_path):
    bot = _bot_for(tmp_path, "某市日报_2026-11-26_乡村振兴推进会.txt", REPORT)
    a = bot.ask("会上都有哪些人发了言？（不算区县和企业的）")
    assert "陈立" in a.answer and "李青山" not in a.answer and "孙强" not in a.answer


@pytest.mark.slow
def test_the_tier_of_a_speaker_list_asked_in_everyday_words_with_the_real_router(tmp_path):
    a = real_chatbot_for(tmp_path, "某市日报_2026-11-26_乡村振兴推进会.txt\n" + REPORT).ask("区县来的干部有哪几个在报道里发了言？")
    assert "李青山" in a.answer and "赵敏" in a.answer and "陈立" not in a.answer


def test_what_a_quantity_word_counts_follows_it_and_the_words_before_are_no_asked_noun():
    from bot.pipeline.scope import asked_noun

    assert asked_noun("明年会派多少农业技术员包村？") != "会派"
    assert asked_noun("一亩地能收多少果子？") != "地能收"
    assert asked_noun("有没有年龄限制") == "年龄限制"  # a noun after a question of existence still counts


def test_a_count_of_departments_counts_the_bodies_the_speakers_come_from(tmp_path):
    from bot.pipeline.tiers import unit_of

    assert unit_of("市甲局党组书记、局长") == "市甲局" and unit_of("乙县县长") == "乙县" and unit_of("副市长") == ""
    bot = _bot_for(tmp_path, "某市日报_2026-11-26_乡村振兴推进会.txt", REPORT)
    a = bot.ask("有几个部门的负责人发言了？")
    assert "3个部门" in a.answer and "市财政局（王芳）" in a.answer and "李青山" not in a.answer


def test_a_guest_invited_by_qing_dao_or_seated_as_a_guest_keeps_a_clean_title():
    from index.ingest.names import titled_people

    assert titled_people("今天我们请到市城市管理局局长张海，和市商务局副局长李红。")[0].title == "市城市管理局局长"
    assert [(p.name, p.title) for p in titled_people("本期节目请来市甲局局长张海做客直播间。")] == [("张海", "市甲局局长")]
    assert [p.name for p in titled_people("市政府秘书长周立新列席会议。")] == ["周立新"]


def test_what_someone_said_named_in_narration_is_no_speech_of_theirs():
    from index.ingest import speakers
    from index.models import Speaker

    known = {"田秀英": Speaker("田秀英", "市民")}
    referred = speakers.find_subject("田秀英说的“电脑上一查”，靠的是州里新建的互认平台。", known)
    assert referred is not None and not referred.mention.speaks
    assert speakers.find_subject("田秀英说，电脑上一查就看到了。", known).mention.speaks


def test_an_honorific_closes_a_name_that_a_shorter_reading_would_cut():
    from index.ingest import speakers

    assert speakers._name_at("吴多才同志指出，冷链物流中心建成后", strict=False) == ("吴多才", "speaks")
    assert speakers._name_at("张三同志指出", strict=False) == ("张三", "speaks")


MINUTES = (
    "某市人民政府常务会议纪要\n\n"
    "2026年11月10日，市长周明主持召开市政府第12次常务会议。\n\n"
    "一、关于冬季供暖工作\n\n"
    "会议议定：由市住房和城乡建设局牵头，11月15日前完成供暖设施检修。\n\n"
    "周明同志指出，供暖关系千家万户，要确保按时供暖。\n\n"
    "出席：周明（市长）、钱进（常务副市长）、孙丽（副市长）\n\n"
    "请假：李强（副市长，出差）\n\n"
    "列席：赵刚（市财政局局长）、吴敏（市住房和城乡建设局副局长）、郑华（市教育局局长）、王平（甲镇镇长）\n"
)


def test_who_attended_is_read_from_the_cast_line_not_from_the_speakers(tmp_path):
    from bot.pipeline.attendance import asked_key

    assert asked_key("列席会议的有哪些人") == "列席" and asked_key("谁请假了") == "请假" and asked_key("谁讲了话") == ""
    bot = _bot_for(tmp_path, "某市人民政府_2026-11-10_常务会议纪要.txt", MINUTES)
    a = bot.ask("列席会议的有哪些人？")
    assert "共4人" in a.answer and "赵刚（市财政局局长）" in a.answer and "周明" not in a.answer
    assert a.citations and a.citations[0].passage.strip().startswith("列席")
    b = bot.ask("列席会议的有几个局长？")
    assert "共2人" in b.answer and "吴敏" not in b.answer


def test_the_meeting_a_speech_was_given_at_or_minutes_record_is_named_with_its_own_day(tmp_path):
    (tmp_path / "speech").mkdir()
    (tmp_path / "minutes").mkdir()
    a = _bot_for(tmp_path / "speech", "某市人民政府_2026-11-20_讲话.txt", SPEECH).ask("这篇讲话是在什么会上讲的？")
    assert "全市冬季供热保障工作会议" in a.answer and "2026年11月18日" in a.answer
    minutes = _bot_for(tmp_path / "minutes", "某市人民政府_2026-11-12_常务会议纪要.txt", MINUTES)
    b = minutes.ask("会议的全称叫什么？")
    assert "市政府第12次常务会议" in b.answer and "2026年11月10日" in b.answer  # the meeting's day, not the minutes'


PAGE = (
    "某市人民政府网 > 政策解读\n\n"
    "《某市困难老年人家庭适老化改造补贴办法》政策解读\n\n"
    "解读人：市民政局养老服务科科长 周敏\n\n"
    "一、补贴标准是多少？\n\n"
    "每户补贴最高5000元。\n\n"
    "联系人：吴刚　　联系电话：0000-1234567\n"
)


def test_a_name_checked_against_a_credit_is_answered_yes_or_no_with_the_field_it_stands_in(tmp_path):
    bot = _bot_for(tmp_path, "某市人民政府网_2026-09-08_政策解读.txt", PAGE)
    no = bot.ask("吴刚是这篇的解读人吧？")
    assert no.answer.startswith("不是。吴刚是文中记载的联系人") and "周敏" in no.answer
    yes = bot.ask("周敏是解读人吗？")
    assert yes.answer.startswith("是。") and "周敏" in yes.answer
