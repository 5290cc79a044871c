"""Round 13: who presided, the asking sentences of a long message, counts of years and banners as places
(invented text)."""
from __future__ import annotations

from tests.conftest import chatbot_for

REPORT = """丁州市人民政府_2025-10-21_秋粮收购座谈会.txt
我市召开秋粮收购座谈会

10月21日下午，全市秋粮收购座谈会在戊原右翼前旗召开。副市长卫川出席会议并讲话，市政府副秘书长主持会议。
市粮食和储备局局长郁青介绍，今年全市秋粮收购量预计达到45万吨。
卫川强调，要“守住农民种粮卖得出”的底线。
"""

PRESSER = """丁州市新闻发布会.md
# 丁州市秋粮收购新闻发布会

时间：2025年10月22日上午10:00  地点：市政府新闻发布厅  主持人：市政府新闻办副主任 岑远

【主持人】出席今天发布会的有：市粮食和储备局局长郁青。

【郁青】今年全市秋粮收购量预计达到45万吨。
"""


def test_who_presided_is_the_reports_own_sentence(tmp_path):
    bot = chatbot_for(tmp_path, REPORT)
    a = bot.ask("这次座谈会是谁主持的?")
    assert a.found and "副秘书长主持会议" in a.answer
    assert any("主持会议" in c.passage and not c.speaker for c in a.citations)


def test_who_presided_is_the_headers_host_line(tmp_path):
    bot = chatbot_for(tmp_path, PRESSER)
    a = bot.ask("发布会主持人是哪个?")
    assert a.found and "岑远" in a.answer and "郁青" not in a.answer


def test_a_text_that_names_no_host_says_so(tmp_path):
    bot = chatbot_for(tmp_path, "丁州日报_2025-10-23.txt\n秋粮收购见闻\n\n市粮食和储备局局长郁青介绍，今年全市秋粮收购量预计达到45万吨。\n")
    assert not bot.ask("会议是谁主持的?").found


def test_a_figure_named_in_the_background_of_a_long_message_is_not_asked_for():
    from bot.pipeline.scope import marked_questions, too_few_figures

    q = ("我是乡下种果树的，前几年行情不好，收果子的老板说多少钱就是多少钱，我们也没办法。今年听说市里出了个文件，"
         "要跟果农签保底协议，我想问下这个保底价是好多？要是市场价比保底价还高，又咋个算？")
    assert not too_few_figures(marked_questions(q), "龙头企业与农户签订保底收购协议，鲜果保底收购价每公斤不低于6元，市场价高于保底价时按市场价收购。")
    assert too_few_figures("保底价是多少？补贴多少？", "鲜果保底收购价每公斤不低于6元。")


def test_a_long_message_cut_to_its_question_keeps_its_sentence_ends():
    from bot.pipeline.normalise import focus
    from bot.pipeline.scope import marked_questions

    # Without a question mark, a telling clause with "多少" may ask: it keeps its sentence's "。".
    q = ("我是乡下种果树的，收果子的老板说多少钱就是多少钱，我们也没办法。今年听说市里出了个文件，"
         "要跟果农签保底协议，我想问下这个保底价是好多")
    assert "多少钱就是多少钱。" in focus(q)
    # With one, a sentence closed by "。" tells: it is background, not part of what is asked.
    marked = focus(q + "？")
    assert "老板" not in marked and "保底协议" in marked and marked.endswith("保底价是好多？")
    assert "老板" not in marked_questions(marked) and "保底价是好多" in marked_questions(marked)
    assert marked_questions("跟哪两家煤矿签的合同？煤矿叫啥名字") == "跟哪两家煤矿签的合同？煤矿叫啥名字"


def test_a_count_of_years_is_a_figure_but_a_calendar_year_is_not():
    from bot.pipeline.scope import too_few_figures

    assert not too_few_figures("市里每年拿多少钱扶持？连续几年", "市级财政每年安排专项资金5000万元，连续安排5年。")
    assert too_few_figures("2025年和2027年分别建多少个?", "到2025年建成10个。")


def test_a_banner_is_a_place():
    from bot.pipeline.shape import has_type

    assert has_type("座谈会在戊原右翼前旗召开。", "where", "在哪开的")
    assert not has_type("学校举行升国旗仪式。", "where", "在哪开的")


def test_a_host_named_only_by_post_has_no_name_to_give(tmp_path):
    bot = chatbot_for(tmp_path, REPORT)
    a = bot.ask("主持会议的副秘书长叫什么名字?")
    assert not a.found and "姓名" in a.answer and "副秘书长主持会议" in a.answer


def test_int8_questions_are_encoded_one_per_pass_unless_set(monkeypatch):
    from index.search.embeddings import shared_pass
    from index.settings import IndexSettings

    monkeypatch.delenv("BOT_BATCH_MAX", raising=False)
    assert shared_pass(IndexSettings.from_env(encoder="onnx-int8")) == 1
    assert shared_pass(IndexSettings.from_env(encoder="onnx")) == 8
    monkeypatch.setenv("BOT_BATCH_MAX", "4")
    assert shared_pass(IndexSettings.from_env(encoder="onnx-int8")) == 4


FEATURE_WITH_INTERVIEW = """丁州日报_2025-11-18_公交进山村.txt
公交开到家门口

早上7点，丙湾村的公交站台上已经站了七八个人。车子沿着盘山公路缓缓前行，窗外层层梯田上的果树挂满了苹果。
在县城汽车站，县第一中学高二学生邹浩然刚从学生专线上下来。“现在一个多小时就到村口了。”邹浩然说，车上还有随车安全员。
在镇综合服务点，经营小超市的张建国正在分拣包裹。“每天公交车送来七八十件快递，我的生意也好了。”
县交通运输局副局长苏晓玲介绍，全县开通了赶集专线，逢集日早上加开班次，方便群众赶集。

记者：冬季山区道路结冰，乘车安全怎么保障？

苏晓玲：我们给每辆车都配了防滑链。
"""


def test_the_prose_before_a_features_closing_interview_reads_as_news(tmp_path):
    from tests.sentences import parse_text, who

    doc = parse_text(tmp_path, FEATURE_WITH_INTERVIEW.split("\n", 1)[1], "丁州日报_2025-11-18_公交进山村.txt")
    # People with no title who speak in the reporter's prose are speakers, as in a feature with no interview.
    assert who(doc, "一个多小时就到村口") == ("邹浩然", "statement")
    # The turns stay turns: the reporter asks, the guest answers.
    assert who(doc, "乘车安全怎么保障")[1] == "question"
    assert who(doc, "防滑链") == ("苏晓玲", "statement")


def test_a_name_the_tagger_cuts_short_is_read_whole():
    from index.search.tokenize import person_names

    names = person_names("公交司机钟永刚跑的是县城到丁店镇的9路车。张伟强调，要加强管理。")
    assert "钟永刚" in names and "钟永" not in names
    assert "张伟" in names  # a name before a verb keeps its length ("强调" is the verb)


def test_everyone_but_the_officials_is_its_own_roster():
    from bot.pipeline.understand import roster_of

    assert roster_of("除了官员，文章里还有哪些人说了话?") == "other"
    assert roster_of("官员以外还有谁发了言") == "other"
    assert roster_of("有哪些官员发了言") == "official"


def test_a_list_of_speakers_besides_the_officials_names_the_residents(tmp_path):
    bot = chatbot_for(tmp_path, FEATURE_WITH_INTERVIEW)
    a = bot.ask("除了官员，还有哪些人说了话?")
    assert a.found and "邹浩然" in a.answer and "苏晓玲" not in a.answer


HOSPITALS = """丁州市新闻发布会.md
# 丁州市基层医疗新闻发布会

【主持人】出席今天发布会的有：丁州市中心医院院长邬晓峰，市医疗保障局副局长欧阳晴。

【主持人】这个问题请市医疗保障局副局长欧阳晴回答。

【欧阳晴】居民医保参保人在乡镇卫生院住院，政策范围内报销比例为85%。

【邬晓峰】市中心医院组织60名专家帮扶8家乡镇卫生院。
"""


def test_a_post_in_another_organisation_is_not_answered_with_a_near_title(tmp_path):
    bot = chatbot_for(tmp_path, HOSPITALS)
    a = bot.ask("丁州县人民医院的院长叫什么名字?")
    assert not a.found and "邬晓峰" not in a.answer
    assert "邬晓峰" in bot.ask("丁州市中心医院的院长叫什么名字?").answer


def test_the_hosts_hand_over_is_no_part_of_a_title(tmp_path):
    bot = chatbot_for(tmp_path, HOSPITALS)
    person = next(p for p in bot.kb.people if p.name == "欧阳晴")
    assert person.title == "市医疗保障局副局长"


def test_a_transcripts_host_is_read_from_its_labels(tmp_path):
    text = ("丁州市发布会实录.md\n# 丁州市秋粮收购新闻发布会实录\n\n**主持人 岑远**：各位记者朋友，大家上午好！欢迎参加今天的新闻发布会。\n\n"
            "**市粮食和储备局局长 郁青**：今年全市秋粮收购量预计达到45万吨。\n\n"
            "**主持人 岑远**：谢谢郁局长。下面进入提问环节。\n\n**丁州日报记者**：收购价格怎么定？\n\n"
            "**市粮食和储备局局长 郁青**：执行国家最低收购价。\n")
    bot = chatbot_for(tmp_path, text)
    a = bot.ask("这场发布会是谁主持的?")
    assert a.found and "岑远" in a.answer and "郁青" not in a.answer


def test_a_category_noun_is_held_by_a_member_of_its_kind():
    from bot.pipeline.scope import holds_noun

    assert holds_noun("证件", "凭港澳居民居住证或往来内地通行证即可申请。")
    assert not holds_noun("证件", "今年安排扶持资金500万元。")


def test_a_bureau_named_by_its_old_name_is_still_matched_by_meaning(tmp_path):
    text = ("丁州日报_2025-06-01.txt\n大气治理见闻\n\n市生态环境局局长庞卫东表示，今年将开展臭氧和颗粒物污染成因分析。\n"
            "市交通运输局局长伍成栋说，今年将新开通公交线路6条。\n")
    bot = chatbot_for(tmp_path, text)
    assert "庞卫东" in bot.ask("环保局的头头对大气污染怎么看?").answer


def test_asking_the_hosts_sex_is_not_asking_who_hosted(tmp_path):
    bot = chatbot_for(tmp_path, PRESSER)
    a = bot.ask("主持人岑远是男的还是女的?")
    assert "记载的主持人是" not in a.answer


def test_a_word_ending_in_the_nouns_first_character_is_no_member_of_an_ordinary_noun():
    from bot.pipeline.scope import holds_noun

    assert not holds_noun("位置", "接下来，我们将建好产业园，鼓励事业单位科研人员创新创业。")


PLAN = """丁州市人民政府办公室关于印发丁州市肉牛产业实施方案的通知.txt
丁州市肉牛产业实施方案

一、总体要求
到2027年，全市肉牛存栏达到50万头。

二、重点任务
（一）提升良种繁育水平。建设核心育种场3个。
牵头单位：市农牧局；责任单位：市科技局。完成时限：2026年12月底前。
（二）做强屠宰加工环节。新建屠宰加工厂2个。
牵头单位：市工信局；责任单位：市农牧局、市市场监督管理局。完成时限：2027年6月底前。
（三）打响区域公用品牌。举办肉牛产业博览会。
牵头单位：市商务局；责任单位：市市场监督管理局。完成时限：2026年12月底前。
"""


def test_a_note_line_with_labelled_parts_says_who_leads_and_who_supports():
    from bot.pipeline.duties import _line_note

    assert _line_note("市工信局；责任单位：市农牧局、市市场监督管理局", "牵头单位") == (
        ("市工信局",), ("市农牧局", "市市场监督管理局"))


def test_the_tasks_an_organisation_leads_are_listed_even_when_the_question_names_the_task_list(tmp_path):
    bot = chatbot_for(tmp_path, PLAN)
    a = bot.ask("市农牧局一共牵头了几项重点任务？分别是哪几项")
    assert a.found and "提升良种繁育水平" in a.answer and "打响区域公用品牌" not in a.answer
    b = bot.ask("市市场监督管理局在哪几项任务里当责任单位？")
    assert "做强屠宰加工环节" in b.answer and "打响区域公用品牌" in b.answer and "提升良种繁育水平" not in b.answer


def test_a_document_named_with_a_short_description_is_still_this_document():
    from bot.pipeline.understand import _fallback_label

    assert _fallback_label("这篇讲十项民生工程的稿子是哪天几点发的？哪家媒体", False) == "doc_facts"
