"""Round-5 attribution mechanisms, each on a self-written text (invented city, invented people).

A 问：/答： page whose answerer is introduced as "TITLE NAME就…答记者问" (a preposition ends the name); a
whole quotation credited to the speaker whose tag opens the next sentence ("“……。”NAME说，…"); another
body as the subject ("与此同时，市Y局也在…") ending a speaker's reported words; a line of only the issuing
body and the date as the page's outlet.
"""
from __future__ import annotations

from index.ingest.names import titled_people
from index.ingest.registry import build_registry
from tests.sentences import parse_text, sentence, who

ANSWERS_PAGE = """<html><head><meta charset="utf-8"><title>某市旧房改造补助办法政策解读</title></head><body>
<h1>某市旧房改造补助办法政策解读</h1>
<div class="info"><span>来源：某市人民政府网</span> <span>发布时间：2024-05-02 09:00</span></div>
<div class="content">
<p>近日，某市印发旧房改造补助办法。为便于群众理解，市住房和城乡建设局副局长严知秋就《办法》有关情况答记者问。</p>
<p>问：《办法》出台的背景是什么？</p>
<p>答：全市还有不少上世纪建成的旧房。居民改造的意愿很强。</p>
<p>问：补助怎么申请？</p>
<p>答：在小程序上提交即可。审核通过后十日内发放。</p>
</div></body></html>
"""


def test_a_titled_name_that_a_preposition_ends_is_a_person():
    people = titled_people("市住房和城乡建设局副局长严知秋就《办法》有关情况答记者问。")
    assert [(p.name, p.title) for p in people] == [("严知秋", "市住房和城乡建设局副局长")]


def test_bare_answers_belong_to_the_official_introduced_as_answering_the_press(tmp_path):
    doc = parse_text(tmp_path, ANSWERS_PAGE, "page.html")
    assert who(doc, "居民改造的意愿很强") == ("严知秋", "statement")
    assert who(doc, "审核通过后十日内发放") == ("严知秋", "statement")
    assert "严知秋" in {p.name for p in build_registry([doc])}


NEWS = """某区便民市场改造提速

某市讯 记者从市商务局获悉，今年将改造菜市场12个。

区长助理魏青禾说，老市场的排水和通风问题最突出。她表示，今年先改最旧的五个市场。童山岚则希望，市场能延长营业时间。“菜市场办得好不好，要由街坊来评价。”市商务局局长邵明川说，市里将把群众满意度作为考核依据。

邵明川介绍，首批改造资金已经到位。与此同时，市市场监督管理局也在同步开展计量器具检查。检查将覆盖全部摊位。
"""


def test_a_whole_quotation_belongs_to_the_speaker_whose_tag_opens_the_next_sentence(tmp_path):
    doc = parse_text(tmp_path, NEWS)
    assert who(doc, "要由街坊来评价") == ("邵明川", "statement")
    assert who(doc, "市里将把群众满意度") == ("邵明川", "statement")


def test_another_body_as_the_subject_ends_a_speakers_reported_words(tmp_path):
    doc = parse_text(tmp_path, NEWS)
    assert who(doc, "首批改造资金已经到位") == ("邵明川", "statement")
    assert who(doc, "也在同步开展计量器具检查") == (None, "narration")


def test_the_speakers_own_body_as_the_subject_continues_their_words(tmp_path):
    text = NEWS.replace("与此同时，市市场监督管理局也在同步开展计量器具检查。", "市商务局还将同步开展夜市试点。")
    doc = parse_text(tmp_path, text)
    assert who(doc, "还将同步开展夜市试点") == ("邵明川", "statement")


def test_a_line_of_only_the_issuing_body_and_the_date_gives_the_outlet(tmp_path):
    text = "某市召开民营企业座谈会\n\n某市人民政府办公室　2024-04-11\n\n4月10日，市政府召开座谈会。会议听取了企业的意见。\n"
    doc = parse_text(tmp_path, text)
    assert doc.meta.outlet == "某市人民政府办公室"
    assert doc.meta.published.startswith("2024-04-11")


VISIT = """某市长到某县调研

9月9日，市长甘立远到某县调研秋粮生产。副市长宋青禾、市政府秘书长常永斌参加调研。

在某镇，镇党委书记洪志江介绍，示范区今年预计增产一成。

公司总经理王海澄介绍，企业今年新上了一条生产线。在展示厅，王总拿起一瓶样品向甘立远介绍说，产品已进入多家超市。王总也坦言，冷链仓储还不足。

针对企业反映的用地问题，甘立远现场作了回应。

某县县长孟庆华汇报说，冷库项目总投资3亿元。她表示，项目明年建成。
"""


def test_a_list_of_people_attending_is_narration_not_the_last_speakers_words(tmp_path):
    doc = parse_text(tmp_path, VISIT)
    assert who(doc, "参加调研") == (None, "narration")


def test_a_company_head_called_by_surname_and_zong_is_that_head(tmp_path):
    doc = parse_text(tmp_path, VISIT)
    assert who(doc, "产品已进入多家超市") == ("王海澄", "statement")
    assert who(doc, "冷链仓储还不足") == ("王海澄", "statement")


def test_a_less_common_surname_and_a_reply_on_the_spot_are_read(tmp_path):
    doc = parse_text(tmp_path, VISIT)
    assert who(doc, "示范区今年预计增产一成") == ("洪志江", "statement")
    assert who(doc, "现场作了回应") == ("甘立远", "statement")


def test_she_right_after_a_named_subject_continues_her_whatever_her_given_name_suggests(tmp_path):
    doc = parse_text(tmp_path, VISIT)
    assert who(doc, "项目明年建成") == ("孟庆华", "statement")
    assert doc.genders.get("孟庆华") == "f"


def test_a_question_a_reporter_put_told_in_prose_is_a_question(tmp_path):
    text = "某市发布会\n\n发布会上，有记者提问：今年的就业形势怎么样？市人社局局长严守正表示，总体稳定。\n"
    doc = parse_text(tmp_path, text)
    assert who(doc, "今年的就业形势怎么样") == (None, "question")
    assert who(doc, "总体稳定") == ("严守正", "statement")


def test_the_host_of_a_press_conference_named_in_prose_never_speaks(tmp_path):
    text = ("某市发布会\n\n市政府新闻办副主任邹晓岚主持发布会。市统计局局长方志刚介绍，一季度经济平稳。\n\n"
            "邹晓岚在发布会结束时表示，欢迎继续关注。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "欢迎继续关注") == (None, "narration")
    assert who(doc, "一季度经济平稳") == ("方志刚", "statement")


def test_bare_answers_after_the_reporter_turns_to_another_office_are_that_offices(tmp_path):
    page = ANSWERS_PAGE.replace(
        "<p>问：补助怎么申请？</p>",
        "<p>关于公积金，记者还采访了市住房公积金管理中心相关负责人。</p><p>问：补助怎么申请？</p>")
    doc = parse_text(tmp_path, page, "page.html")
    assert who(doc, "居民改造的意愿很强") == ("严知秋", "statement")
    s = sentence(doc, "审核通过后十日内发放")
    assert s.kind.value == "statement" and s.speaker.name == "" and "公积金管理中心" in s.speaker.title


def test_a_quotation_over_two_paragraphs_belongs_to_the_speaker_named_after_it(tmp_path):
    text = ("某村艾草产业\n\n村民田桂枝家种了12亩艾草。\n\n“以前种水稻，一亩只挣五六百元。\n\n"
            "“现在一亩能挣两千多元。”田桂枝一边拍掉手上的泥土一边对记者说。她告诉记者，今年还要扩种。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "一亩只挣五六百元") == ("田桂枝", "statement")
    assert who(doc, "现在一亩能挣两千多元") == ("田桂枝", "statement")
    assert who(doc, "今年还要扩种") == ("田桂枝", "statement")


def test_a_reply_by_surname_and_office_after_a_topic_is_a_statement_and_no_name_holds_a_particle(tmp_path):
    text = ("某市座谈会\n\n市经信局局长覃建明首先汇报了产业运行情况。市政府秘书长邵宏，市发改委负责同志参加座谈会。\n\n"
            "针对企业反映的问题，覃局长作了回应。他表示，将研究出台推广办法。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "覃局长作了回应") == ("覃建明", "statement")
    assert who(doc, "将研究出台推广办法") == ("覃建明", "statement")
    assert who(doc, "参加座谈会") == (None, "narration")
    assert "作了" not in {p.name for p in build_registry([doc])}


def test_a_scene_then_speech_and_a_role_noun_before_a_name(tmp_path):
    text = ("某地海洋牧场\n\n渔民刘春江今年办起了海钓船。“现在天天满客。”刘春江一边整理渔具一边笑着说。\n\n"
            "船长曲立平站在甲板上，望着远处的网箱说：“明年还要再添两条船。”\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "现在天天满客") == ("刘春江", "statement")
    assert who(doc, "明年还要再添两条船") == ("曲立平", "statement")


def test_answers_handed_to_another_office_and_back_to_the_named_guest(tmp_path):
    page = ANSWERS_PAGE.replace(
        "<p>问：补助怎么申请？</p>",
        "<p>以下涉及证照办理的问题，由市市场监督管理局相关负责人解答。</p><p>问：证照怎么办？</p>"
        "<p>答：可以一次办好。</p><p>最后，严知秋就申报方式作了说明。</p><p>问：补助怎么申请？</p>")
    doc = parse_text(tmp_path, page, "page.html")
    s = sentence(doc, "可以一次办好")
    assert s.speaker.name == "" and "市场监督管理局" in s.speaker.title
    assert who(doc, "由市市场监督管理局相关负责人解答") == (None, "narration")
    assert who(doc, "审核通过后十日内发放") == ("严知秋", "statement")


def test_figures_the_reporter_sources_to_a_body_end_the_guests_answer(tmp_path):
    text = ("某市供水访谈\n\n记者 甲乙\n\n记者：今年有什么打算？\n\n叶承和：今年要再完成26个村的供水提升。\n\n"
            "据市水利局统计，三年累计完成投资37.8亿元。\n")
    doc = parse_text(tmp_path, text)
    assert who(doc, "今年要再完成26个村") == ("叶承和", "statement")
    assert who(doc, "三年累计完成投资") == (None, "narration")
