"""Round 24: a news lead's quotation is its subject's, and so is what they describe "用“…”来形容"; a programme's guests are its officials, and the order of
coming on is of first words; a masthead's small print is no title; a date span answers "from when to when"; a
level's body ("市委") is no zone's; the documents' own city before a post; who made a page ("解读人：…") is a
field of it, not a guest who answers in it."""
from __future__ import annotations

import pytest

from bot.pipeline.shape import has_type
from bot.pipeline.understand import TitleMatcher
from index.ingest.article import split_article
from index.ingest.corpus import load_corpus
from index.ingest.dialogue import parse_label
from index.models import Person
from tests.conftest import chatbot_for, real_chatbot_for

DAILY = """青岭日报_2026-11-20_六项举措这样落地.txt
青岭日报
中共青岭市委机关报　　青岭日报社出版　　国内统一连续出版物号 CN99-0001
2026年11月20日　星期五　　今日8版
第01版：要闻　　　　本版责编：吴小川　　版式：林木

聚焦市委五届九次全会
六项举措这样落地

本报记者　郑一鸣

　　11月17日至18日，中国共产党青岭市第五届委员会第九次全体会议在市会展中心召开。全会审议通过了《中共青岭市委关于推进城乡融合发展的决定》，提出实施“六项举措”。

　　“人才不一定要落户青岭，但成果可以在青岭转化。”市科学技术局局长罗文博用“候鸟专家”来形容正在推行的引才办法：高校专家利用周末到企业开展技术服务，每服务一天补助600元。

　　青岭高新区党工委书记唐晓东表示，高新区将建设科创园区，明年投入使用。
"""

PROGRAMME = """青岭广播电视台_2026-11-21_问政青岭.txt
问政青岭　第八期　城市管理专场

主持人：田甜
上场嘉宾：青岭市城市管理局局长 许正阳，青岭市住房和城乡建设局副局长 韩雪，青岭市公安局交通警察支队副支队长 冯涛
特约评论员：青岭市委党校教授 白志清

主持人：许局长，背街小巷的路灯为什么一直没人修？

青岭市城市管理局局长许正阳：这件事我们有责任，本月底前全部修好。

市民代表陈大山：我家楼下的路灯坏了半年了。

青岭市住房和城乡建设局副局长韩雪：老旧小区改造的进度，我们一周一通报。

特约评论员白志清：我插一句。问题在街巷，根子在机关。

主持人：冯支队长，学校门口停车难怎么办？

青岭市公安局交通警察支队副支队长冯涛：我们推行“即停即走”，临时停车不超过3分钟的不予处罚。
"""

EXPLAINER = """青岭市民政局_2026-11-18_补贴办法政策解读.txt
《青岭市养老护理员岗位补贴办法》政策解读

问：《办法》从什么时候开始执行？
答：《办法》自2027年1月1日起施行，有效期3年。2026年度的补贴仍按原政策执行，于2027年3月底前发放完毕。

问：护理员怎样申请？
答：每年7月1日至20日申报当年上半年的补贴，次年1月1日至20日申报下半年的补贴。

解读人：青岭市民政局党组成员、副局长　莫晓峰
解读机关：青岭市民政局
"""


@pytest.fixture(scope="module")
def daily(tmp_path_factory):
    """A city daily with a masthead over three lines, a kicker over its headline and a quotation that leads."""
    return chatbot_for(tmp_path_factory.mktemp("daily"), DAILY)


def test_a_paragraph_that_opens_with_a_quotation_is_the_words_of_the_person_it_goes_on_about(tmp_path):
    (tmp_path / "d.txt").write_text(DAILY.partition("\n")[2], encoding="utf-8")
    people = {p.name: p for p in load_corpus(tmp_path).people}
    said = " ".join(st.text for st in people["罗文博"].statements)
    assert "人才不一定要落户青岭" in said
    assert "每服务一天补助600元" in said  # "用“…”来形容…：" is a description in his own words


def test_a_mastheads_small_print_and_page_line_are_no_title_and_a_kicker_joins_the_headline():
    lines = DAILY.partition("\n")[2].splitlines()
    meta = split_article(lines).meta
    assert meta.title == "聚焦市委五届九次全会 六项举措这样落地"
    assert meta.outlet == "青岭日报" and meta.editor == "吴小川" and meta.published == "2026-11-20"


def test_a_question_about_this_sessions_days_and_place_is_answered_from_its_opening_sentence(daily):
    a = daily.ask("这次市委全会是哪几天在哪里开的？")
    assert a.found and "11月17日至18日" in a.answer and "市会展中心" in a.answer


def test_a_span_of_dates_answers_from_when_to_when_and_a_bare_today_does_not():
    q = "这个活动从哪天搞到哪天？"
    assert has_type("我市将于2026年12月1日至2027年2月28日开展促消费活动。", "when", q)
    assert has_type("活动时间为12月1日至明年2月28日。", "when", q)
    assert not has_type("今天我们邀请到市商务局局长介绍促消费活动。", "when", q)


def test_a_city_committees_post_is_not_a_zones_and_the_documents_own_city_may_be_named_before_a_post():
    people = [Person(name="唐晓东", titles=["青岭高新区党工委书记"]), Person(name="程立", titles=["市委常委、常务副市长"]),
              Person(name="何雪", titles=["市市场监督管理局副局长"])]
    titles = TitleMatcher(people, homes=lambda: frozenset({"青岭", "青岭市"}))
    assert titles.candidates("青岭市委书记") == []
    assert [p.name for p, _ in titles.candidates("青岭常务副市长")] == ["程立"]
    assert [p.name for p, _ in titles.candidates("青岭市常务副市长")] == ["程立"]
    assert titles.candidates("外县常务副市长") == []
    assert [p.name for p, _ in titles.candidates("高新区党工委书记")] == ["唐晓东"]


def test_the_head_of_a_body_whose_only_speaker_is_its_deputy_is_not_that_deputy(daily):
    a = daily.ask("青岭市委书记叫啥名字？")
    assert not a.found and "唐晓东" not in a.answer


def test_the_last_guest_to_come_on_is_by_first_words_among_the_officials(tmp_path):
    bot = chatbot_for(tmp_path, PROGRAMME)
    a = bot.ask("最后一个上场回答问题的嘉宾是谁？")
    assert "冯涛" in a.answer and "白志清" not in a.answer


@pytest.mark.slow
def test_a_programmes_guests_are_its_officials_not_the_public_or_the_commentator(tmp_path):
    bot = real_chatbot_for(tmp_path, PROGRAMME)
    a = bot.ask("今天上场的嘉宾一共几位？都是谁？")
    assert a.found and all(n in a.answer for n in ("许正阳", "韩雪", "冯涛"))
    assert "陈大山" not in a.answer and "白志清" not in a.answer


def test_a_guest_labelled_by_a_programme_part_and_name_speaks_in_their_turn(tmp_path):
    label = parse_label("特约评论员白志清：我插一句。")
    assert label is not None and label.speaker.name == "白志清"
    bot = chatbot_for(tmp_path, PROGRAMME)
    a = bot.ask("“问题在街巷，根子在机关”是谁说的？")
    assert "白志清" in a.answer and "韩雪" not in a.answer


def test_who_made_a_page_is_a_field_of_it_not_a_guest_who_answers_in_it(tmp_path):
    (tmp_path / "e.txt").write_text(EXPLAINER.partition("\n")[2], encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert not any(st.speaker.name == "莫晓峰" for p in corpus.people for st in p.statements)
    assert any(f.startswith("解读人") for f in corpus.documents[0].meta.fields)
    folder = tmp_path / "bot"
    folder.mkdir()
    bot = chatbot_for(folder, EXPLAINER)
    a = bot.ask("这个政策解读的解读人是谁？")
    assert a.found and "莫晓峰" in a.answer
    a = bot.ask("一年当中什么时候可以申报补贴？")
    assert a.found and "7月1日" in a.answer and not a.citations[0].speaker


@pytest.mark.slow
def test_a_post_named_only_in_a_field_line_is_found_by_its_body_and_post(tmp_path):
    bot = real_chatbot_for(tmp_path, EXPLAINER)
    a = bot.ask("民政局那个副局长叫啥名字？")
    assert a.found and "莫晓峰" in a.answer


REPLY = """青岭市城市管理局_2026-07-01_关于第0138号提案的答复.txt
关于市政协十届五次会议第0138号提案的答复

何雪梅委员：

　　您提出的《关于规范共享电单车停放的提案》收悉。我局高度重视，会同市公安局交通警察支队、市交通运输局、市自然资源局进行了认真研究。

　　一、关于停放点位。今年全市新划设停放点位1200处。

　　二、关于总量控制。从2027年起实行投放总量控制，总量上限为7500辆。

　　联系人：张婧
　　联系电话：0777-1234567
"""


def test_the_bodies_a_text_names_are_listed_for_a_question_about_them_less_those_set_aside(tmp_path):
    bot = chatbot_for(tmp_path, REPLY)
    a = bot.ask("这份答复里，除了城管局，一共还提到哪几个部门？")
    assert a.found and all(b in a.answer for b in ("市公安局交通警察支队", "市交通运输局", "市自然资源局"))
    assert "城市管理局" not in a.answer


def test_bodies_asked_for_are_answered_by_the_sentence_that_names_them(tmp_path):
    bot = chatbot_for(tmp_path, REPLY)
    a = bot.ask("这个提案是会同哪几个部门研究的？")
    assert a.found and "市交通运输局" in a.answer


def test_the_contact_lines_under_a_numbered_reply_are_fields_of_the_whole_reply(tmp_path):
    bot = chatbot_for(tmp_path, REPLY)
    a = bot.ask("这个答复的联系人是哪个，电话多少？")
    assert a.found and "张婧" in a.answer and "0777-1234567" in a.answer


PLAN = """青岭市人民政府办公室_2026-05-10_养老服务提升实施方案.txt
青岭市养老服务提升三年行动实施方案

一、总体要求

　　坚持政府主导、社会参与，到2028年基本建成居家社区机构相协调的养老服务体系。

二、重点任务

　　（一）建设社区食堂。到2027年建成社区老年食堂120个。

　　（二）发展智慧养老。建设全市统一的智慧养老服务平台，2027年6月底前上线运行。

三、保障措施

　　（一）加强组织领导。成立由分管副市长任组长的工作专班。

　　（二）强化资金保障。市财政每年安排专项资金3000万元。
"""


def test_a_clause_number_after_a_parts_name_is_that_parts_clause(tmp_path):
    bot = chatbot_for(tmp_path, PLAN)
    a = bot.ask("保障措施第（二）条具体讲的啥？")
    assert a.found and "3000万元" in a.answer
    a = bot.ask("重点任务里排在最后的那一项是什么？")
    assert a.found and "智慧养老" in a.answer


def test_the_rest_of_a_question_about_the_nth_speaker_is_answered_from_their_words(tmp_path):
    bot = chatbot_for(tmp_path, PROGRAMME)
    a = bot.ask("最后一个上场的嘉宾说临时停车不超过几分钟不罚？")
    assert "冯涛" in a.answer and "3分钟" in a.answer


def test_a_page_line_with_a_dotted_column_name_is_no_title_and_a_clause_of_time_opens_a_sentence(tmp_path):
    lines = ["青岭日报", "", "2026年11月17日　星期二　第03版：要闻·专访", "", "让烟火气就在家门口", "——专访市商务局局长林小雅",
             "", "本报记者　陈一", "", "采访在菜市场旁进行。"]
    meta = split_article(lines).meta
    assert meta.title == "让烟火气就在家门口" and meta.outlet == "青岭日报"
    (tmp_path / "f.txt").write_text("听企业心声\n\n“今年订单多了三成，最缺的是熟练工。”座谈会一开始，青岭织造有限公司董事长"
                                    "彭建国就直奔主题。\n", encoding="utf-8")
    people = {p.name: p for p in load_corpus(tmp_path).people}
    assert "最缺的是熟练工" in " ".join(st.text for st in people["彭建国"].statements)


def test_a_programmes_commentator_listed_with_a_post_is_cast_with_that_post(tmp_path):
    label = parse_label("特约评论员：青岭市委党校教授 白志清")
    assert label is not None and label.role == "cast"


INTERVIEW = """青岭日报_2026-11-20_守住一湖清水专访.txt
守住一湖清水

**记者：大家最关心污水。《办法》在这方面有哪些硬要求？**

　　杨副局长：概括起来是三条。一是“应接尽接”，蓝线外延100米范围内的客栈必须接入市政管网；二是不具备接管条件的，要配建一体化污水处理设备；三是全部安装智能水表和在线监测设备。

**记者：扶持政策有哪些？**

　　杨副局长：主要有三条。一是对新开设的便利店，给予一次性3万元开店补贴；二是对菜市场提档改造，每个最高补助50万元；三是对早餐网点，租金三年内减半收取。
"""


def test_a_reporters_question_the_words_find_is_answered_by_the_answer_after_it_item_by_item(tmp_path):
    bot = chatbot_for(tmp_path, INTERVIEW)
    a = bot.ask("污水方面的硬要求是哪三条？一条一条列出来")
    assert a.found and "应接尽接" in a.answer and "在线监测" in a.answer and "《办法》在这方面" not in a.answer


@pytest.mark.slow
def test_every_item_asked_for_is_listed_with_the_figure_it_sets(tmp_path):
    bot = real_chatbot_for(tmp_path, INTERVIEW)
    a = bot.ask("扶持政策说了三条，麻烦全部列一下。")
    assert a.found and all(x in a.answer for x in ("3万元", "50万元", "减半"))


STUDIO = """青岭人民广播电台_2026-11-25_民生在线访谈实录.txt
青岭人民广播电台《民生在线》在线访谈实录

播出时间：2026年11月25日上午9:00—10:00
访谈嘉宾：青岭市民政局副局长　郑秀兰
主持人：林小宁　　特约评论员：市委党校教授 那日松

主持人：郑局长，先请您介绍一下全市老年助餐服务的规模。

郑秀兰：全市已建成老年助餐点412个。

主持人：网友“船营老周”问：助餐点能不能送餐上门？

郑秀兰：可以的，配送费每单3元。

主持人：网友“昌邑的小树”问：外地户口的老人能享受补贴吗？

郑秀兰：持有本市居住证满6个月的，同样享受。

特约评论员那日松：送餐上门这件事做实了，老人才真正方便。
"""


def test_a_credits_lines_host_field_ends_where_the_next_field_begins(tmp_path):
    (tmp_path / "s.txt").write_text(STUDIO.partition("\n")[2], encoding="utf-8")
    people = {p.name: p for p in load_corpus(tmp_path).people}
    assert "那日松" in people and "送餐上门这件事做实了" in people["那日松"].statements[0].text
    assert "林小宁" not in people  # the host never speaks as a guest


def test_a_programmes_callers_are_counted_and_ordered_by_their_handles(tmp_path):
    bot = chatbot_for(tmp_path, STUDIO)
    a = bot.ask("第一个提问的网友网名叫啥？问的什么事？")
    assert "船营老周" in a.answer and "送餐" in a.answer and "问提的" not in a.answer
    a = bot.ask("节目里报了网名的网友一共有几位？网名都叫啥？")
    assert a.found and "船营老周" in a.answer and "昌邑的小树" in a.answer


def test_a_post_written_only_inside_a_deputys_post_has_no_holder_in_the_text(tmp_path):
    bot = chatbot_for(tmp_path, PROGRAMME)
    a = bot.ask("青岭市交通警察支队的支队长是谁？")
    assert not a.found and "冯涛" not in a.answer  # 冯涛 is the 副支队长


def test_hearsay_before_a_post_is_no_part_of_the_post():
    from bot.pipeline.understand import TitleMatcher

    titles = TitleMatcher([Person(name="马文", titles=["市长"])])
    assert titles.title_phrase("听说市长在会上说明年要办采摘节？") == "市长"
