"""Round 16: review leftovers and this round's mechanisms (invented text)."""
from __future__ import annotations

import pytest

from tests.conftest import chatbot_for


def test_a_time_stamped_turn_names_its_asker_without_the_stamp():
    from bot.pipeline.outline import _turn_label

    body = "[10:12] 主持人：请问补贴什么时候发？\n[10:13] 钟远山：下个月。\n"
    assert _turn_label(body, body.index("请问")) == "主持人"
    body = "【09:58】网友“河畔小舟”：能领补贴吗？\n"
    assert _turn_label(body, body.index("能领")) == "网友“河畔小舟”"


PAGE = """丑州市人民政府网_2026-08-01_公积金新政政策问答.html
<html><head><meta charset="utf-8"><title>丑州市公积金新政政策问答</title></head><body>
<h1>《丑州市公积金支持租房若干措施》政策问答</h1>
<p>来源：市住房公积金管理中心　作者：艾青禾　发布时间：2026-08-01 09:30</p>
<p>近日，市住房公积金管理委员会印发《丑州市公积金支持租房若干措施》。</p>
<p><strong>一、为什么要出台《措施》？</strong></p>
<p>市住房公积金管理中心副主任卜晓岚介绍，全市新就业青年租房需求大，中心在调研中发现不少职工租房负担较重。</p>
<p><strong>二、租房提取额度提高到多少？</strong></p>
<p>卜晓岚说，提取额度由每月700元提高到1100元。</p>
<p><strong>三、在哪里办理？</strong></p>
<p>卜晓岚介绍，目前19项业务可以在手机上办理，也可以到市政务服务中心窗口办理。</p>
</body></html>
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """A Q&A page whose numbered headings are its questions."""
    return chatbot_for(tmp_path_factory.mktemp("page"), PAGE)


def test_a_qa_pages_numbered_question_headings_are_its_questions(page):
    a = page.ask("这篇问答的第二个问题问的是什么？")
    assert a.found and "租房提取额度提高到多少" in a.answer and "1100元" in a.answer
    assert "记者" not in a.answer.split("由")[0]  # the page asks its own questions, no reporter does


def test_the_number_of_a_pages_questions_is_counted_from_its_headings(page):
    a = page.ask("这个页面一共列了几个问题？")
    assert a.found and a.answer.startswith("共3个问题") and "“在哪里办理？”。" in a.answer
    assert any("三、在哪里办理" in c.passage for c in a.citations[:3])  # the last question shows the count


def test_the_day_a_qa_page_was_published_is_its_header_date(page):
    a = page.ask("这条政策问答是哪天发布的？")
    assert a.found and "2026年8月1日" in a.answer


BROADCAST = """辰州广播电视台_2026-09-10_民生访谈.txt
辰州广播电视台《民生访谈》实录
播出日期：2026年9月10日（星期四）晚7:30
录制地点：辰州广播电视台一号演播室
文字整理：辰州广播电视台融媒体中心　冉小舟
【导语】本期节目，主持人蒲一帆邀请到市民政局副局长勾晓雁走进演播室。
主持人：勾局长，今年的助餐点建得怎么样？
勾晓雁：今年全市建成社区助餐点120个，年底前还要再建30个。
"""


@pytest.fixture(scope="module")
def broadcast(tmp_path_factory):
    """A broadcast interview whose credits stand one field a line."""
    return chatbot_for(tmp_path_factory.mktemp("broadcast"), BROADCAST)


def test_when_and_where_of_a_broadcast_come_each_from_its_own_header_line(broadcast):
    a = broadcast.ask("这期节目是哪天播的？在哪录的？")
    assert a.found and "2026年9月10日" in a.answer and "一号演播室" in a.answer
    assert len(a.citations) == 2


def test_a_credit_asked_by_its_own_word_is_answered_from_the_header(broadcast):
    a = broadcast.ask("文字稿是谁整理的？")
    assert a.found and "冉小舟" in a.answer


def test_a_host_named_in_the_lead_is_the_host_and_a_second_credit_asked_with_it_is_given(broadcast):
    a = broadcast.ask("这期节目的主持人是谁？文字稿是谁整理的？")
    assert a.found and "蒲一帆" in a.answer and "冉小舟" in a.answer


def test_a_name_typo_glued_to_the_next_word_is_still_corrected(broadcast):
    a = broadcast.ask("勾晓燕说年底前还要再建几个助餐点？")
    assert a.found and "30个" in a.answer


REPORT = """寅州日报_2026-05-01_茶园里的新账本.txt
寅州日报　2026年5月1日
茶园里的新账本
本报记者　龚小雨
清晨，在北坡村的茶园里，茶农申大河放下剪刀，掰着指头算账：“今年鲜叶卖了两万多块，比去年多了一半。”
村第一书记柴晓峰和村民米秀兰站在地头，望着远处：“这片坡地以前是荒山。”
在申大河看来，日子越过越有奔头。
"""


def test_a_persons_gesture_before_a_colon_hands_over_to_their_quoted_words(tmp_path):
    from tests.sentences import parse_text, who

    doc = parse_text(tmp_path, REPORT.partition("\n")[2], REPORT.partition("\n")[0])
    assert who(doc, "今年鲜叶卖了两万多块") == ("申大河", "statement")
    # Two people before the gesture: the words are not one person's.
    assert who(doc, "这片坡地以前是荒山")[0] != "米秀兰"


def test_a_count_of_people_of_an_occupation_is_no_question_about_the_one_quoted_under_it(tmp_path):
    text = REPORT + "市农业农村局局长郝东明介绍，今年全市开展冬管培训52场，培训茶农3100人次。\n"
    bot = chatbot_for(tmp_path, text)
    a = bot.ask("冬管培训一共培训了多少茶农？")
    assert a.found and "3100" in a.answer


SCENES = """卯州日报_2026-06-02_菜园里的好日子.txt
卯州日报　2026年6月2日
菜园里的好日子
本报记者　乔小川
初夏的清水村，菜地里一片忙碌。合作社理事长滕大山掀开一筐青菜给记者看：“这批菜明天就发往省城。”
采摘队有二十多人，按斤计酬。领班卓秀芝直起腰告诉记者：“手脚快的，一天能挣两百多块。”
在村口的冷库旁，施工队刚把最后一根管子接好，老板甄志远放下手里的扳手，掰着指头给记者算账：“一年能省三万块电费。”
甄志远说，明年还想再建一座冷库。
记者采访了市民祁小雨，冷库的事在村里传开了。
"""


def test_a_gesture_in_the_persons_own_clause_or_later_in_the_sentence_hands_over_to_their_words(tmp_path):
    from tests.sentences import parse_text, who

    doc = parse_text(tmp_path, SCENES.partition("\n")[2], SCENES.partition("\n")[0])
    assert who(doc, "这批菜明天就发往省城") == ("滕大山", "statement")
    assert who(doc, "一天能挣两百多块") == ("卓秀芝", "statement")
    assert who(doc, "一年能省三万块电费") == ("甄志远", "statement")
    assert who(doc, "冷库的事在村里传开了")[1] == "narration"  # a person named as an object does not speak


def test_a_data_tables_rows_read_as_sentences_with_their_column_headers():
    from index.ingest.loader import html_to_lines

    html = """<html><body><p>资助标准如下：</p><table>
    <tr><th>对象</th><th>个人应缴（元）</th><th>资助金额（元）</th><th>备注</th></tr>
    <tr><td>特困人员</td><td>380</td><td>380</td><td>全额资助</td></tr>
    <tr><td>低保对象</td><td>380</td><td>250</td><td>定额资助</td></tr>
    </table><p>以上标准自明年起执行。</p></body></html>"""
    lines, _ = html_to_lines(html)
    assert "特困人员：个人应缴380元，资助金额380元，备注：全额资助。" in lines
    assert "低保对象：个人应缴380元，资助金额250元，备注：定额资助。" in lines
    assert "对象" not in lines and "以上标准自明年起执行。" in lines


def test_a_layout_table_keeps_its_cells_as_lines():
    from index.ingest.loader import html_to_lines

    long = "这是一段很长的正文内容，用来说明布局表格里的单元格放的是整段文字而不是数据，不应改写。"
    html = f"<table><tr><td>导航</td><td>{long}</td></tr><tr><td>页脚</td><td>联系我们</td></tr></table>"
    lines, _ = html_to_lines(html)
    assert long in lines and "导航" in lines


FEATURE = """辰州日报_2026-07-01_小店里的暖心事.txt
辰州日报　2026年7月1日　第05版　城事
小店里的暖心事
本报记者　宫小禾
小区门口的便利店店主闵志刚，也算是改造的受益户。闵志刚一边给顾客找零一边告诉记者，施工这些天生意好了不少。
记者问他：“天这么热，工人们吃得消吗？”
社区网格员蓝晓月刚从楼里出来。她摘下草帽，擦了擦汗，指着新装的水管给记者看：“以后再也不用半夜接水了。”
"""


def test_a_one_line_masthead_with_its_page_section_is_no_title(tmp_path):
    from tests.sentences import parse_text

    doc = parse_text(tmp_path, FEATURE.partition("\n")[2], FEATURE.partition("\n")[0])
    assert doc.meta.title == "小店里的暖心事" and doc.meta.outlet == "辰州日报"
    assert doc.meta.published.startswith("2026-07-01")


def test_the_reporter_asking_someone_in_a_report_puts_a_question(tmp_path):
    from tests.sentences import parse_text, who

    doc = parse_text(tmp_path, FEATURE.partition("\n")[2], FEATURE.partition("\n")[0])
    assert who(doc, "天这么热") == (None, "question")


def test_a_role_word_inside_what_someone_does_is_no_title(tmp_path):
    from tests.sentences import parse_text, who

    doc = parse_text(tmp_path, FEATURE.partition("\n")[2], FEATURE.partition("\n")[0])
    assert who(doc, "一边给顾客找零")[0] == "闵志刚"  # not someone called "找零" titled "…给顾客"


def test_a_pronouns_acts_running_on_to_a_colon_hand_over_to_the_quoted_words(tmp_path):
    from tests.sentences import parse_text, who

    doc = parse_text(tmp_path, FEATURE.partition("\n")[2], FEATURE.partition("\n")[0])
    assert who(doc, "以后再也不用半夜接水了") == ("蓝晓月", "statement")


MEETING = """巳州日报_2026-10-16_供热推进会.txt
巳州日报　2026年10月16日
全市供热保障工作推进会召开
本报讯　10月16日下午，全市供热保障工作推进会在市政府第三会议室召开。副市长柏振江出席会议并讲话，市政府副秘书长雍祥宇主持会议。
市住房和城乡建设局局长谭国梁介绍，今年全市集中供热面积达到4860万平方米。
市供热办副主任尹丽娜介绍，她们已开通供热服务热线0418-2807110，市民也可拨打12345热线反映。
"""


@pytest.fixture(scope="module")
def meeting(tmp_path_factory):
    """A report of a work meeting."""
    return chatbot_for(tmp_path_factory.mktemp("meeting"), MEETING)


def test_a_meeting_pointed_at_as_this_meeting_is_the_one_the_report_records(meeting):
    a = meeting.ask("这个会是哪天在哪开的？")
    assert a.found and "10月16日" in a.answer and "第三会议室" in a.answer


def test_a_phone_number_is_no_answer_to_how_much(meeting):
    a = meeting.ask("单位缴费比例是多少？")
    assert not a.found


def test_the_gender_of_someone_named_who_never_speaks_is_not_guessed(meeting):
    a = meeting.ask("主持会议的雍祥宇是男的还是女的？")
    assert not a.found and "雍祥宇" in a.answer


def test_what_a_person_named_by_a_loose_post_said_is_all_of_it(meeting):
    a = meeting.ask("住建局的头头讲了些哪样？")
    assert a.found and "谭国梁" in a.answer and "4860万平方米" in a.answer


def test_a_chinese_numeral_with_its_measure_word_is_a_figure():
    from bot.pipeline.shape import has_type

    assert has_type("做一斤藕粉要用七八斤鲜藕。", "number", "做一斤藕粉要用多少鲜藕")
    assert has_type("开车要两个小时。", "number", "要多久")
    assert not has_type("可拨打0776-2869215或12345热线咨询。", "number", "补贴比例是多少")


def test_a_place_inside_a_persons_name_is_no_other_place(tmp_path):
    text = """午州日报_2026-03-02_藕粉飘香.txt
午州日报　2026年3月2日
藕粉飘香
本报记者　庞小禾
在村口的小作坊里，店主裘秀英正在晾晒藕粉。“做一斤藕粉要用七八斤鲜藕，急不得。”她一边搅拌一边说。
裘秀英说，今年的藕粉已经卖到了省城。
"""
    bot = chatbot_for(tmp_path, text)
    a = bot.ask("裘秀英说做一斤藕粉要用多少鲜藕？")
    assert a.found and "七八斤" in a.answer


def test_a_yes_no_check_ending_in_bu_is_checked_against_the_registry(meeting):
    a = meeting.ask("谭国梁是市住房和城乡建设局局长不？")
    assert a.found and a.answer.startswith("是")


def test_a_long_bodys_short_form_that_skips_many_characters_is_still_that_body(tmp_path):
    text = """申州市委关于加快建设数字城市的决定.txt
中共申州市委关于加快建设数字城市的决定

一、重点任务

（一）推进城市运行“一网统管”。建设城市运行管理平台，2027年底前接入市政设施监测点位2万个。由市城市管理综合行政执法局牵头，市公安局配合。

（二）发展数字农业。建设10个数字农业示范基地，由市农业农村局牵头。
"""
    bot = chatbot_for(tmp_path, text)
    a = bot.ask("城管执法局在决定里牵头的是哪项任务？")
    assert a.found and "城市管理综合行政执法局" in a.answer


def test_a_name_before_a_word_that_starts_like_a_place_leaves_no_place_behind(tmp_path):
    text = """未州日报_2026-04-02_新区这样建.txt
未州日报　2026年4月2日
新区这样建
本报记者　齐小禾
在市科技局副局长卜精看来，要按照“园区+园区”的模式打造城市新区。
卜精说，今年还要引进科研平台10个。
"""
    bot = chatbot_for(tmp_path, text)
    a = bot.ask("卜精说城市新区要按照什么模式来打造？")
    assert a.found and "园区+园区" in a.answer


def test_which_speaker_is_a_woman_reads_no_name_into_the_questions_words(tmp_path):
    text = """酉州日报_2026-05-06_座谈会.txt
酉州日报　2026年5月6日
全市养老服务座谈会召开
本报讯　5月6日，全市养老服务座谈会召开。
市民政局副局长沈雅芝介绍，全市已建成社区助餐点120个。她说，年底前还要再建30个，做好养老这篇大文章。
市卫生健康委员会副主任吕国栋表示，今年将新增家庭病床500张。
"""
    bot = chatbot_for(tmp_path, text)
    a = bot.ask("文章里发言的领导当中哪位是女同志？")  # 文章 starts with a surname and stands in the text
    assert a.found and "沈雅芝" in a.answer
