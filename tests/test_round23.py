"""Round 23: figures combined as a question asks (a sum, a difference, what is left); a numbered report delivered
by the person its header names is that person's words; a follow-up that names another year; a host's joined posts
and the passage that names the host; a choice between the sexes of a post's one holder."""
from __future__ import annotations

import pytest

from bot.pipeline.condense import condense
from bot.pipeline.arithmetic import DIFFERENCE, REST, SUM, derive, operation
from bot.models import Turn
from index.ingest.corpus import load_corpus
from tests.conftest import chatbot_for, real_chatbot_for

REPORT = """江口市青山区人民政府_2026-01-08_政府工作报告摘要.txt
政府工作报告（摘要）

——2026年1月8日在江口市青山区第三届人民代表大会第五次会议上

青山区人民政府区长　林晓燕

　　【编者按】1月8日上午，青山区第三届人民代表大会第五次会议开幕。区长林晓燕代表区人民政府向大会作政府工作报告。她在报告中回顾了2025年工作。现将报告摘要刊发如下。

各位代表：

一、2025年工作回顾

　　（一）城市建设扎实推进。改造老旧小区28个，新建口袋公园12个。

　　（二）自身建设不断加强。办理人大代表建议104件、政协委员提案87件，办复率100%。

二、2026年重点工作

　　（一）推进城市更新。改造老旧小区40个，新建口袋公园15个。

　　（二）兜牢民生底线。全区累计建成社区食堂64个，其中今年新建22个。督查发现问题45个，已整改38个。
"""

PRESSER = """江口市政府新闻办_2026-11-20_冬季供暖新闻发布会.md
# 江口市冬季供暖保障新闻发布会实录

时间：2026年11月20日上午10时
地点：江口市政府新闻发布厅

**主持人 何志远：** 各位记者朋友，大家上午好！我是市委宣传部副部长、市政府新闻办主任何志远。今天我们邀请到市住房和城乡建设局局长丁海波介绍今冬供暖保障情况。

**丁海波：** 今年全市新增供热面积120万平方米，居民室内温度不低于18℃。

**主持人 何志远：** 发布会到此结束，谢谢大家。
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A district head's work report, numbered like a decision, with an editor's note before it."""
    return chatbot_for(tmp_path_factory.mktemp("report"), REPORT)


def test_a_sum_the_question_asks_for_is_computed_from_the_figures_it_names():
    text = "今年市级财政安排专项资金4600万元，其中运营补贴2100万元、建设资金1200万元。"
    d = derive("运营补贴加上建设资金，一共是多少钱？", text)
    assert d is not None and d.operation == SUM and d.text.endswith("＝3300万元")
    assert "2100万元" in d.text and "1200万元" in d.text  # the sum is shown, so it can be checked


def test_what_is_left_of_a_total_is_the_total_less_the_part_done_or_before():
    text = "督查组共检查企业21家，发现问题57个，已整改49个，其余问题限期整改。"
    d = derive("还剩几个问题没整改？", text)
    assert d is not None and d.operation == REST and d.text.endswith("＝8个")
    d = derive("今年以前已经建了多少个？", "全市已建成幸福大院146个，其中今年新建38个。")
    assert d is not None and d.text.endswith("＝108个")


def test_a_difference_of_two_named_figures_is_the_larger_less_the_smaller():
    d = derive("一档补贴和二档补贴差多少钱？", "一档补贴150元，二档补贴260元。")
    assert d is not None and d.operation == DIFFERENCE and d.text.endswith("＝110元")


def test_no_figure_is_derived_unless_the_passage_names_each_one_asked():
    text = "今年市级财政安排运营补贴2100万元。"
    assert derive("运营补贴加上消费券，一共多少钱？", text) is None  # 消费券 has no figure here
    assert derive("运营补贴加上建设资金一共多少", "运营补贴2100万元、建设资金12个。") is None  # units differ
    assert operation("全市一共有多少个社区食堂？") == ""  # a total the text may state is not a sum to compute


def test_the_answer_shows_the_sum_and_quotes_the_passage(report):
    a = report.ask("去年办理的人大代表建议和政协提案加起来一共多少件？")
    assert a.found and "191件" in a.answer and "104件" in a.answer
    a = report.ask("社区食堂今年以前已经建了多少个？")
    assert a.found and "42个" in a.answer


def test_a_numbered_report_delivered_by_the_person_its_header_names_is_their_words(tmp_path):
    (tmp_path / "r.txt").write_text(REPORT.partition("\n")[2], encoding="utf-8")
    corpus = load_corpus(tmp_path)
    people = {p.name: p for p in corpus.people}
    assert "林晓燕" in people
    said = " ".join(st.text for st in people["林晓燕"].statements)
    assert "改造老旧小区40个" in said
    assert "编者按" not in said and "向大会作政府工作报告" not in said  # the editor's note is the paper's
    assert corpus.documents[0].meta.delivered == "2026-01-08"


def test_a_follow_up_that_names_another_year_asks_about_that_year(report):
    kb = report.kb

    def standalone(question, previous):
        history = [Turn("user", previous), Turn("assistant", "（上一个回答）")]
        return condense(question, history, kb.people, kb.titles, kb.section_titles,
                        vocabulary=kb.normaliser.vocabulary.terms).text

    s = standalone("那今年打算改几个？", "青山区去年改造了多少个老旧小区？")
    assert "今年" in s and "去年" not in s and "改造" in s
    s = standalone("那今年的呢？", "青山区去年新建了几个口袋公园？")
    assert "今年" in s and "去年" not in s and "口袋公园" in s


def test_the_host_is_given_with_every_post_and_cited_where_named(tmp_path):
    bot = chatbot_for(tmp_path, PRESSER)
    a = bot.ask("发布会主持人是谁，什么职务？")
    assert "市委宣传部副部长、市政府新闻办主任何志远" in a.answer
    assert "何志远" in a.citations[0].passage  # not the place line above the first turn


@pytest.mark.slow
def test_the_sex_of_a_posts_one_holder_is_a_gender_question(tmp_path):
    bot = real_chatbot_for(tmp_path, REPORT)
    for q in ("作这个政府工作报告的区长是男的还是女的？", "区长是男是女"):
        a = bot.ask(q)
        assert "林晓燕" in a.answer and "女" in a.answer, q


REPLY = """江口市城市管理局_2026-06-20_关于市政协十届五次会议第0138号提案的答复.txt
江口市城市管理局
关于市政协十届五次会议第0138号提案的答复

尊敬的何雪梅委员：

    您提出的《关于规范共享电单车停放的提案》收悉。您反映的乱停乱放问题，确是群众关心的“身边事”，对我们改进工作很有帮助。现答复如下：

    一、关于停放点位。今年全市新划设停放点位860个。

江口市城市管理局
2026年6月20日
"""

MAILBOX = """江口市人民政府网_2026-11-20_市长信箱留言办理公开.txt
市长信箱留言办理公开

一、小区门口夜市太吵

留言内容：新华街夜市就在小区门口，晚上11点还在放音乐，孩子睡不着。能不能管一管？我们已经反映过很多次了，希望尽快处理。

回复内容：您好！接到留言后，执法二中队中队长白玉兰于11月13日晚带队到现场核查。她当场约谈夜市摊主，要求晚上10点后停止外放音乐。

江口区城市管理综合执法局局长 陈建华
"""


def test_quoted_words_are_found_through_the_texts_own_quotation_marks_and_the_issuer_named(tmp_path):
    bot = chatbot_for(tmp_path, REPLY)
    a = bot.ask("“群众关心的身边事”这句话出自哪个单位的文件？")
    assert a.found and "江口市城市管理局" in a.answer
    assert "报道" not in a.answer  # a reply letter is its issuer's text, not a news report


def test_a_letter_the_reply_answers_is_not_the_signers_words(tmp_path):
    (tmp_path / "m.txt").write_text(MAILBOX.partition("\n")[2], encoding="utf-8")
    people = {p.name: p for p in load_corpus(tmp_path).people}
    said = " ".join(st.text for st in people["陈建华"].statements)
    assert "约谈夜市摊主" in said
    assert "孩子睡不着" not in said  # "留言内容：…" is the citizen's letter, however long


def test_a_second_title_word_in_a_joined_title_is_no_name():
    from index.ingest.names import titled_people

    people = titled_people("竟陵街道个体工商户代表、陆羽茶社经营者邵春华说，茶社开了十几年")
    assert [p.name for p in people] == ["邵春华"]
    assert people[0].title == "竟陵街道个体工商户代表、陆羽茶社经营者"


def test_a_pronoun_follow_up_resolves_to_someone_the_last_answer_named_who_never_speaks(tmp_path):
    bot = chatbot_for(tmp_path, MAILBOX)
    kb = bot.kb
    history = [Turn("user", "夜市噪音那件事是谁去现场处理的？"),
               Turn("assistant", "执法二中队中队长白玉兰于11月13日晚带队到现场核查。")]
    s = condense("她现场是咋处理的？", history, kb.people, kb.titles, kb.section_titles,
                 vocabulary=kb.normaliser.vocabulary.terms)
    assert "白玉兰" in s.text


@pytest.mark.slow
def test_a_figure_about_people_in_a_long_message_is_no_list_of_speakers(tmp_path):
    bot = real_chatbot_for(tmp_path, REPORT)
    a = bot.ask("听说区里在搞城市更新，老旧小区今年要改造多少个啊？社区食堂那块缺好多人啊？")
    assert a.intent != "list_speakers"


def test_the_meeting_a_text_was_adopted_or_delivered_at_comes_from_its_head_line(tmp_path, report):
    a = report.ask("这个报告是在什么会上作的？会议全称是啥？")
    assert a.found and "江口市青山区第三届人民代表大会第五次会议" in a.answer and "2026年1月8日" in a.answer
    decision = chatbot_for(tmp_path, """中共江口市委关于加快转型发展的决定.txt
中共江口市委关于加快转型发展的决定

（2026年9月26日中国共产党江口市第八届委员会第九次全体会议通过）

为推动转型发展，市委八届九次全会作出如下决定。

一、总体要求

（一）指导思想。坚持稳中求进。

二、重点任务

（一）培育新兴产业。到2030年新兴产业产值达到500亿元。
""")
    a = decision.ask("这个决定是哪次会议通过的？")
    assert a.found and "中国共产党江口市第八届委员会第九次全体会议" in a.answer and "通过" in a.answer


SPEECH = """江口市人民政府_2026-11-25_在全市奶产业发展推进会上的讲话.txt
在全市奶产业发展推进会上的讲话

江口市人民政府市长　周立群

（2026年11月25日）

同志们：

　　今天召开这个会，主要是总结工作、部署任务。

　　利通区区长马晓燕同志抓粪污资源化利用很有办法。她在交流发言中说：“宁可进度慢一点，也不能让一头病牛的奶进奶罐。”这种态度值得大家学习。

　　下一步，全市要新建规模牧场12个。
"""


def test_a_person_a_speech_praises_and_then_quotes_by_pronoun_says_the_quoted_words(tmp_path):
    (tmp_path / "s.txt").write_text(SPEECH.partition("\n")[2], encoding="utf-8")
    people = {p.name: p for p in load_corpus(tmp_path).people}
    assert any("病牛" in st.text for st in people["马晓燕"].statements)
    said = " ".join(st.text for st in people["周立群"].statements)
    assert "新建规模牧场12个" in said and "病牛" not in said


def test_a_pronoun_after_a_question_about_a_body_stands_for_that_body(report):
    kb = report.kb
    history = [Turn("user", "区住房和城乡建设局在会上讲了什么？"), Turn("assistant", "（上一个回答）")]
    s = condense("那他们今年改造多少个老旧小区？", history, kb.people, kb.titles, kb.section_titles,
                 vocabulary=kb.normaliser.vocabulary.terms)
    assert "住房和城乡建设局" in s.text and "他们" not in s.text


FEATURE = """江口日报_2026-11-10_家门口就业驿站见闻.txt
江口日报　2026年11月10日
家门口就业驿站见闻
本报记者　陈明
　　32岁的宝妈王晓敏就是受益者之一。去年9月，王晓敏通过驿站应聘到一家电商企业做客服，每天9点上班、15点下班。“孩子放学前就能下班，收入也够还房贷了。”王晓敏说。
　　市人力资源和社会保障局副局长钟国梁介绍，全市已建成就业驿站46个。
"""


def test_a_fact_about_someone_the_text_tells_in_its_own_voice_answers_a_question_about_them(tmp_path):
    bot = chatbot_for(tmp_path, FEATURE)
    a = bot.ask("王晓敏一般几点上班几点下班啊？")
    assert a.found and "9点上班" in a.answer


def test_a_yes_no_check_of_someone_named_only_in_a_field_line_quotes_that_line(tmp_path):
    bot = chatbot_for(tmp_path, REPLY.replace("江口市城市管理局\n2026年6月20日",
                                              "联系人：市政科 何俊峰\n联系电话：0728-6235417\n\n江口市城市管理局\n2026年6月20日"))
    a = bot.ask("何俊峰是执法支队的人吗？")
    assert a.answer.startswith("不是。") and "市政科" in a.answer
    assert bot.ask("何俊峰是市政科的吗？").answer.startswith("是。")


def test_a_numbered_text_that_calls_itself_a_reply_is_not_labelled_a_decision():
    from bot.citations import who
    from index.models import Chunk, SourceKind

    reply = Chunk("c1", "d.txt", "关于第0138号提案的答复", "一、", 1, 0, 4, "正文。", "", "", SourceKind.DECISION.value, "", "")
    decision = Chunk("c2", "e.txt", "中共某市委关于某事的决定", "一、", 1, 0, 4, "正文。", "", "", SourceKind.DECISION.value,
                     "", "")
    assert who(reply) == "文件原文" and who(decision) == "决定原文"


def test_a_count_asked_in_one_counter_is_answered_in_another_for_the_same_things(tmp_path):
    bot = chatbot_for(tmp_path, FEATURE.replace("全市已建成就业驿站46个。", "全市已建成就业驿站46个，今年收到求职留言318件。"))
    a = bot.ask("今年收到了多少条求职留言？")
    assert a.found and "318件" in a.answer


FAQ = """江口市医疗保障局_2026-10-20_城乡居民医保缴费政策问答.txt
城乡居民医保缴费政策问答

一、今年的缴费标准是多少？

　　2027年度城乡居民医保个人缴费标准为每人每年400元。长期在外地居住的参保人，出发前可通过医保服务平台APP或拨打服务热线办理异地就医备案。

二、可以通过哪些渠道缴费？

　　群众可以通过“江口税务”微信公众号、支付宝医保缴费服务、各合作银行网点和手机银行缴费，也可以委托村（社区）委员会代收代缴。

三、困难群众有资助吗？

　　特困人员个人缴费部分给予全额资助，低保对象给予定额资助。
"""


@pytest.mark.slow
def test_a_question_a_qa_page_asks_in_a_heading_is_answered_below_that_heading(tmp_path):
    bot = real_chatbot_for(tmp_path, FAQ)
    a = bot.ask("可以通过哪些渠道交医保？全部列一下")
    assert a.found and "手机银行" in a.answer and "江口税务" in a.answer


MEETING = """江口日报_2026-11-03_全市夜间经济推进会召开.txt
江口日报　2026年11月3日
全市夜间经济推进会召开
本报记者　陈明
　　“夜市开到十点，生意比白天还好。”摊主刘小梅笑着说。
　　市商务局局长韩志远在汇报时表示，年内新认定市级夜间经济示范街区5条。
　　市文化和旅游局副局长周敏介绍，全市将举办夜游活动30场。
　　市民王大川说，希望夜市多设停车位。
"""


def test_the_nth_speaker_is_found_by_the_noun_the_ordinals_phrase_ends_in(tmp_path):
    from bot.pipeline.slots import ordinal

    assert ordinal("发布环节第三个介绍情况的发布人是谁？").head == "发布人"
    bot = chatbot_for(tmp_path, MEETING)
    a = bot.ask("报道里第一个被写到发言的部门负责人是谁？")
    assert "韩志远" in a.answer
    a = bot.ask("最后一个出场的市民是谁？")
    assert "王大川" in a.answer


def test_a_table_of_fields_reads_as_key_value_lines():
    from index.ingest.loader import html_to_lines

    lines, _ = html_to_lines("<table><tr><th>留言标题</th><td>小区暖气不热</td></tr><tr><th>留言人</th><td>网友“老住户”</td></tr>"
                             "<tr><th>办理单位</th><td>市住建局</td></tr></table>")
    # The letter's title heads it (round 32: a page of letters reads as letters in order); the rest are fields.
    assert lines == ["\x00H小区暖气不热", "留言人：网友“老住户”", "办理单位：市住建局"]
    lines, _ = html_to_lines("<table><tr><th>类别</th><th>标准</th></tr><tr><td>特困人员</td><td>420元</td></tr>"
                             "<tr><td>低保对象</td><td>300元</td></tr></table>")
    assert lines == ["特困人员：标准：420元。", "低保对象：标准：300元。"]  # a data table keeps its column's header


def test_a_citizens_letter_on_a_mailbox_page_is_what_was_asked_not_an_answer(tmp_path):
    (tmp_path / "m.txt").write_text(MAILBOX.partition("\n")[2], encoding="utf-8")
    doc = load_corpus(tmp_path).documents[0]
    kinds = {s.kind.value for _, _, s in doc.sentences() if "孩子睡不着" in s.text}
    assert kinds == {"question"}
    (tmp_path / "bot").mkdir()
    bot = chatbot_for(tmp_path / "bot", MAILBOX)
    a = bot.ask("夜市晚上放音乐太吵，有关部门咋处理的？")
    assert a.found and "约谈" in a.answer


INTERVIEW = """荆州日报_2026-11-17_专访市商务局局长.txt
荆州日报　2026年11月17日
让烟火气就在家门口
——专访市商务局局长林雅琴
本报记者　王敏
　　林雅琴刚和摊主们聊完，她一边翻看台账一边说：“这些数字背后，是一家一户的日子。”
　　记者：明年有什么打算？
　　林雅琴：明年要建设“便民地图”小程序。这项工作由副局长周峻牵头的工作专班负责，每月调度一次。
"""


def test_a_yes_no_check_of_a_post_for_someone_who_never_speaks_says_what_the_text_calls_them(tmp_path):
    bot = chatbot_for(tmp_path, INTERVIEW)
    a = bot.ask("周峻是市商务局局长吗？")
    # round 29: the post the text writes before the name, and who holds the post asked about
    assert a.answer.startswith("不是。周峻是副局长") and "林雅琴" in a.answer
    assert any("副局长周峻" in c.passage for c in a.citations)


def test_a_question_that_asks_how_is_no_yes_no_check_of_a_name(tmp_path):
    bot = chatbot_for(tmp_path, INTERVIEW)
    assert not bot.ask("周峻是怎么管这项工作的？").answer.startswith(("是。", "不是。"))


@pytest.mark.slow
def test_the_sex_of_an_interviews_one_speaker_asked_as_the_interviewee(tmp_path):
    a = real_chatbot_for(tmp_path, INTERVIEW).ask("这篇专访的受访人是男的还是女的？")
    assert "林雅琴" in a.answer and "女" in a.answer


def test_a_blockquotes_blank_line_is_no_text_and_a_host_named_in_a_turn_label_is_cited_there(tmp_path):
    from index.ingest.loader import markdown_to_lines

    assert markdown_to_lines("> 时间：2026年11月27日\n>\n> 地点：新闻发布厅\n") == ["时间：2026年11月27日", "地点：新闻发布厅"]
    bot = chatbot_for(tmp_path, """江口市政府新闻办_2026-11-27_冬季促消费新闻发布会.md
# 江口市冬季促消费新闻发布会实录

> 时间：2026年11月27日上午10:00
>
> 地点：市行政中心新闻发布厅

**主持人（市政府新闻办副主任 严可馨）**：各位记者朋友，上午好！今天我们邀请到市商务局局长谭永胜介绍冬季促消费活动。

**谭永胜**：今年全市将发放消费券2000万元。
""")
    a = bot.ask("今天这场发布会是谁主持的？")
    assert "严可馨" in a.answer and "严可馨" in a.citations[0].passage
