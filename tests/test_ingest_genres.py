"""Who said it in every genre staff drop in: transcripts, interviews, meeting reports, web pages, decisions.

The fixtures in tests/data/genres are self-written (invented city, invented people) and use other label
forms than the labelled benchmark set, so passing here shows the patterns are generic.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from index.ingest.chunks import chunk_document
from index.ingest.corpus import load_corpus, parse_document
from index.ingest.dialogue import ANSWER, ASK, CAST, HOST, parse_label
from index.ingest.names import titled_people
from index.ingest.registry import build_registry
from index.models import Chunk, Document, SourceKind
from index.search.retriever import fuse
from tests.sentences import sentence, who

GENRES = Path(__file__).parent / "data" / "genres"
TRANSCRIPT = "某市政府新闻办_2024-03-12_春耕生产新闻发布会.md"
INTERVIEW = "某市日报_2024-04-02_让老人住得安心访谈.txt"
MEETING = "某市人民政府_2024-05-08_安全生产工作会议.txt"
WEBPAGE = "某市人民政府网_2024-06-18_城市绿道.html"


def parse(name: str) -> Document:
    return parse_document(GENRES / name, name, 10_000_000)






@pytest.fixture(scope="module")
def transcript() -> Document:
    return parse(TRANSCRIPT)


@pytest.fixture(scope="module")
def interview() -> Document:
    return parse(INTERVIEW)


@pytest.fixture(scope="module")
def meeting() -> Document:
    return parse(MEETING)


@pytest.fixture(scope="module")
def webpage() -> Document:
    return parse(WEBPAGE)


# --- speaker labels ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, role, name, title", [
    ("主持人：各位好。", HOST, None, None),
    ("【主持人】各位好。", HOST, None, None),
    ("主持人（市新闻办主任 甄一）：大家好。", HOST, "甄一", "市新闻办主任"),
    ("记者：请问进展如何？", ASK, None, None),
    ("某某日报记者：请问进展如何？", ASK, None, None),
    ("某台记者 丁一：请问进展如何？", ASK, "丁一", ""),
    ("问：进展如何？", ASK, None, None),
    ("答：进展顺利。", ANSWER, None, None),
    ("答（市水务局局长 戚明）：进展顺利。", ANSWER, "戚明", "市水务局局长"),
    ("**市水务局局长 戚明**：进展顺利。", ANSWER, "戚明", "市水务局局长"),
    ("市水务局局长戚明：进展顺利。", ANSWER, "戚明", "市水务局局长"),
    ("戚明（市水务局局长）：进展顺利。", ANSWER, "戚明", "市水务局局长"),
    ("戚明：进展顺利。", ANSWER, "戚明", ""),
    ("答（市水务局负责人）：进展顺利。", ANSWER, "", "市水务局负责人"),
    ("发布人：市水务局局长 戚明", CAST, None, None),
])
def test_speaker_labels_in_their_common_forms(text, role, name, title):
    label = parse_label(text)
    assert label is not None and label.role == role
    if name is None:
        assert label.speaker is None
    else:
        assert (label.speaker.name, label.speaker.title) == (name, title)


def test_surname_and_office_is_a_reference_not_a_name():
    label = parse_label("戚局长：谢谢。")
    assert label.role == ANSWER and label.speaker is None and label.reference == ("戚", "局长")


@pytest.mark.parametrize("text", ["市长戚明说：“我们要加快进度。”", "时间：2024年3月12日", "具体来说：要抓三件事。"])
def test_prose_and_fields_are_not_labels(text):
    assert parse_label(text) is None


def test_guest_list_gives_every_title_and_name():
    people = titled_people("出席今天发布会的有：市水务局局长 戚明，市水务局副局长 伏兰，以及市气象局局长滕飞。")
    assert [(p.name, p.title) for p in people] == [("戚明", "市水务局局长"), ("伏兰", "市水务局副局长"),
                                                 ("滕飞", "市气象局局长")]


def test_headline_and_object_mentions_give_titles():
    people = titled_people("——访市水务局局长戚明、市气象局副局长滕飞")
    assert [(p.name, p.title) for p in people] == [("戚明", "市水务局局长"), ("滕飞", "市气象局副局长")]
    people = titled_people("记者专访了分管农业的副市长戚明和市农业农村局局长滕飞。")
    assert [(p.name, p.title) for p in people] == [("戚明", "副市长"), ("滕飞", "市农业农村局局长")]


# --- press conference --------------------------------------------------------------------------------

def test_official_answers_are_statements_by_the_labelled_official(transcript):
    assert who(transcript, "今年全市计划春播粮食作物") == ("严正华", "statement")
    assert who(transcript, "这个问题我来回答") == ("宁晓梅", "statement")
    assert who(transcript, "预计今年春季全市气温偏高") == ("关天宇", "statement")


def test_a_turn_runs_over_several_paragraphs(transcript):
    assert who(transcript, "目前，全市已储备化肥") == ("严正华", "statement")
    assert who(transcript, "补贴资金将在四月底前") == ("宁晓梅", "statement")
    assert who(transcript, "我们将加密天气会商") == ("关天宇", "statement")


def test_one_person_answering_several_times_keeps_one_registry_entry(transcript):
    people = {p.name: p for p in build_registry([transcript])}
    assert len(people["严正华"].statements) == 3


def test_host_words_are_narration_and_a_relayed_question_is_a_question(transcript):
    assert who(transcript, "欢迎参加今天的新闻发布会") == (None, "narration")
    assert who(transcript, "出席今天发布会的有") == (None, "narration")
    assert who(transcript, "有网友问") == (None, "question")
    assert who(transcript, "请严正华局长回答") == (None, "narration")


def test_reporters_questions_are_questions_and_reporters_never_speak(transcript):
    assert who(transcript, "今年种粮补贴有什么新变化") == (None, "question")
    assert who(transcript, "请问今年春季的天气") == (None, "question")
    names = {p.name for p in build_registry([transcript])}
    assert names == {"严正华", "宁晓梅", "关天宇"}


def test_titles_come_from_the_hosts_introduction_and_short_names_resolve(transcript):
    people = {p.name: p for p in build_registry([transcript])}
    assert people["严正华"].title == "市农业农村局局长"  # labelled only "严局长" and "严正华"
    assert people["宁晓梅"].title == "市农业农村局副局长"
    assert people["关天宇"].title == "市气象局副局长"


def test_label_is_not_part_of_the_sentence(transcript):
    s = sentence(transcript, "今年耕地地力保护补贴")
    assert not s.text.startswith(("【", "宁晓梅"))
    assert transcript.body[s.start:s.end] == s.text


def test_stated_gender_is_recorded(transcript):
    people = {p.name: p for p in build_registry([transcript])}
    assert (people["严正华"].gender, people["宁晓梅"].gender) == ("m", "f")


def test_field_line_is_not_a_section_heading(transcript):
    assert all(not s.title.startswith("时间") for s in transcript.sections)


# --- interview ------------------------------------------------------------------------------------

def test_bare_answers_belong_to_the_one_interviewee_of_the_headline(interview):
    assert who(interview, "截至去年底，全市建成") == ("佟建业", "statement")
    assert who(interview, "同时，对经济困难的高龄") == ("佟建业", "statement")
    person = build_registry([interview])[0]
    assert (person.name, person.title, person.gender) == ("佟建业", "市民政局局长", "m")


def test_interview_questions_and_introduction(interview):
    assert who(interview, "很多老人更愿意居家养老") == (None, "question")
    assert who(interview, "记者专访了") == (None, "narration")
    assert who(interview, "他对全市每一家养老机构都很熟悉") == (None, "narration")


def test_narration_after_the_last_answer_ends_the_turn(interview):
    assert who(interview, "采访结束时") == ("佟建业", "statement")  # "佟建业表示": reported, by name
    assert interview.meta.reporters == ["贺文"] and interview.meta.editor == "贝小雨"
    assert interview.meta.outlet == "某市日报"


# --- meeting report: pronouns, unnamed officials, deputies --------------------------------------------

def test_she_skips_the_man_named_last(meeting):
    assert who(meeting, "她介绍，全市已完成特种设备") == ("邰雪", "statement")
    assert who(meeting, "尉迟峰随后补充说") == ("尉迟峰", "statement")
    assert who(meeting, "她还表示，电梯安全监管平台") == ("邰雪", "statement")


def test_gender_is_learned_from_the_text(meeting):
    people = {p.name: p for p in build_registry([meeting])}
    assert (people["尉迟峰"].gender, people["邰雪"].gender) == ("m", "f")


def test_bureau_official_without_a_named_head_is_an_unnamed_official_of_that_bureau(meeting):
    s = sentence(meeting, "该局负责人表示，将严查")
    assert (s.speaker.name, s.speaker.title, s.kind) == ("", "市交通运输局负责人", SourceKind.STATEMENT)
    s = sentence(meeting, "该负责人还表示")
    assert s.speaker.title == "市交通运输局负责人"
    assert "" not in {p.name for p in build_registry([meeting])}


def test_bureau_official_is_its_named_head_never_a_deputy(meeting):
    assert who(meeting, "该局负责人介绍，全市将组建") == ("尉迟峰", "statement")


def test_attending_is_not_speaking_and_a_list_of_leaders_is_narration(meeting):
    assert who(meeting, "也参加了会议") == (None, "narration")
    assert who(meeting, "市应急管理局还制定了") == (None, "narration")
    assert who(meeting, "市长柯明远出席会议并讲话") == (None, "narration")


def test_qi_continues_the_last_speaker(meeting):
    assert who(meeting, "其同时要求") == ("骆红英", "statement")


def test_a_speech_that_only_took_place_is_narration_one_with_its_topic_a_statement(tmp_path):
    assert who(parse(MEETING), "在会上作了交流发言") == (None, "narration")
    (tmp_path / "a.txt").write_text("测试标题\n发布时间：2024-01-02\n市水务局局长戚明就防汛工作作了发言。"
                                    "副市长滕飞随后发言。市气象局局长伏兰作了天气趋势通报。\n", encoding="utf-8")
    doc = parse_document(tmp_path / "a.txt", "a.txt", 10_000_000)
    assert who(doc, "就防汛工作作了发言") == ("戚明", "statement")
    assert who(doc, "随后发言") == (None, "narration")
    assert who(doc, "作了天气趋势通报") == ("伏兰", "statement")


# --- web page ---------------------------------------------------------------------------------------

def test_info_line_is_split_into_outlet_author_date_views(webpage):
    m = webpage.meta
    assert (m.title, m.outlet, m.reporters, m.published, m.views, m.editor) == (
        "我市新增城市绿道四十公里", "某市人民政府网", ["闻一舟"], "2024-06-18 10:05", "2046", "荀佳")


def test_site_chrome_stays_out_of_the_body(webpage):
    for chrome in ("首页", "当前位置", "分享到", "相关链接", "版权所有", "无障碍", "阅读次数", "责任编辑"):
        assert chrome not in webpage.body, chrome


def test_web_page_speakers(webpage):
    assert who(webpage, "她表示，驿站将免费") == ("芮丹青", "statement")
    assert who(webpage, "他介绍，下半年") == ("仲秋实", "statement")
    assert sentence(webpage, "该局负责人表示").speaker.title == "市城市管理局负责人"


# --- decision structure ------------------------------------------------------------------------------

DECISION = """中共某市委关于推进绿色发展的决定
（2024年1月20日中国共产党某市第一届委员会第三次全体会议通过）
为推进绿色发展，作出如下决定。
一、总体要求
（一）指导思想。坚持生态优先、绿色发展。
（二）主要目标。到2027年，单位地区生产总值能耗下降百分之十。
二、重点任务
（一）推动产业绿色转型。
1.发展清洁能源。加快建设光伏电站。
2.改造传统产业。推进节能降碳改造。
（二）建设美丽城乡。实施城乡环境整治。
（三）倡导绿色生活。推广绿色出行。
全市上下要团结一心，为建设美丽某市而努力奋斗！
"""


def test_decision_parts_and_clauses_carry_ordinals_and_headings(tmp_path):
    path = tmp_path / "中共某市委_关于推进绿色发展的决定.txt"
    path.write_text(DECISION, encoding="utf-8")
    doc = parse_document(path, path.name, 10_000_000)
    assert doc.is_decision and doc.meta.published == "2024-01-20"
    parts = [s for s in doc.sections if s.kind == "part"]
    assert [(s.number, s.ordinal) for s in parts] == [("一、", 1), ("二、", 2)]
    clauses = {p.clause: p for p in doc.paragraphs() if p.clause}
    assert clauses["二、(三)"].ordinals == (2, 3) and clauses["二、(三)"].heading == "倡导绿色生活"
    assert clauses["二、(一)2."].ordinals == (2, 1, 2) and clauses["二、(一)2."].heading == "改造传统产业"
    assert clauses["一、(一)"].heading == "指导思想"


def test_closing_paragraph_is_its_own_part(tmp_path):
    path = tmp_path / "中共某市委_关于推进绿色发展的决定.txt"
    path.write_text(DECISION, encoding="utf-8")
    doc = parse_document(path, path.name, 10_000_000)
    closing = doc.sections[-1]
    assert closing.kind == "closing" and closing.number == ""
    assert closing.paragraphs[0].text.startswith("全市上下") and closing.paragraphs[0].clause == ""
    assert not any("全市上下" in p.text for s in doc.sections[:-1] for p in s.paragraphs)
    assert all(s.kind == SourceKind.DECISION for _, _, s in doc.sentences())


# --- questions in the index ---------------------------------------------------------------------------

def test_questions_are_chunked_as_questions(transcript):
    kinds = {c.source_kind for c in chunk_document(transcript)}
    assert {"question", "statement", "narration"} <= kinds
    q = next(c for c in chunk_document(transcript) if "种粮补贴" in c.text)
    assert q.source_kind == "question" and q.speaker == ""


def test_a_question_ranks_below_the_answer_it_asks_for():
    question = Chunk("q", "d", "t", "", 1, 0, 10, "今年种粮补贴有什么新变化？", source_kind="question")
    answer = Chunk("a", "d", "t", "", 2, 11, 30, "今年耕地地力保护补贴标准提高", speaker="宁晓梅",
                   source_kind="statement")
    others = [Chunk(x, "d", "t", "", 3, 31, 40, "其他段落" + x) for x in ("x", "y")]
    hits = fuse([(question, 9.0), (answer, 8.0), (others[0], 3.0), (others[1], 1.0)],
                [(question, 0.90), (answer, 0.88), (others[0], 0.84), (others[1], 0.82)], k=4)
    assert [h.chunk.chunk_id for h in hits][:2] == ["a", "q"]


def test_the_whole_genre_folder_loads_with_no_host_or_reporter_as_speaker():
    corpus = load_corpus(GENRES)
    names = {p.name for p in corpus.people}
    assert not names & {"丁一", "贺文", "贝小雨", "闻一舟", "荀佳"}
    assert {"严正华", "宁晓梅", "关天宇", "佟建业", "尉迟峰", "邰雪", "骆红英", "柯明远", "仲秋实", "芮丹青"} <= names


# --- symposium: several speakers, groups, counted people ---------------------------------------------

SYMPOSIUM = "某市人民政府_2024-07-10_民营经济座谈会.txt"


def test_symposium_speakers_and_groups():
    doc = parse(SYMPOSIUM)
    assert who(doc, "六位企业负责人先后发言") == (None, "narration")
    assert who(doc, "与会企业家纷纷表示") == (None, "narration")
    assert who(doc, "她说，公司产品有一半") == ("晏小燕", "statement")
    assert who(doc, "“融资难仍然是") == ("甄国强", "statement")
    assert who(doc, "她还介绍，全市已设立") == ("申晴晴", "statement")
    assert who(doc, "在认真听取大家发言后") == ("蓝天佑", "statement")
    assert who(doc, "市长蓝天佑主持座谈会") == (None, "narration")
    titles = {p.name: p.title for p in build_registry([doc])}
    assert titles["蓝天佑"] == "市长" and titles["阙美玲"] == "副市长"


# --- 问/答 without an 答 label, and both on one line ---------------------------------------------------

def test_unlabelled_answer_after_a_question_and_answer_on_the_questions_line():
    doc = parse("某报_2024-01-01_就业访谈.txt")
    assert who(doc, "今年全市就业形势怎样") == (None, "question")
    assert who(doc, "今年以来，全市城镇新增就业") == ("司空明", "statement")
    assert who(doc, "对高校毕业生有哪些帮扶") == (None, "question")
    s = sentence(doc, "我们开发了三千个见习岗位")
    assert (s.speaker.name, s.text[:2]) == ("司空明", "我们")
    assert doc.body[s.start:s.end] == s.text


def test_a_leader_a_decision_quotes_speaks_those_words_and_the_rest_is_the_decisions_text(tmp_path):
    path = tmp_path / "中共某市委_关于推进绿色发展的决定.txt"
    path.write_text(DECISION.replace("为推进绿色发展，作出如下决定。",
                                     "市委书记甘霖强调，要走绿色发展之路。为推进绿色发展，作出如下决定。"), encoding="utf-8")
    doc = parse_document(path, path.name, 10_000_000)
    assert who(doc, "市委书记甘霖强调") == ("甘霖", "statement")
    assert who(doc, "为推进绿色发展，作出如下决定") == (None, "decision")
    assert [p.name for p in build_registry([doc])] == ["甘霖"]


# --- the attribution benchmark maps anchors onto parsed sentences ---------------------------------------

def test_attribution_benchmark_scores_labelled_sentences(tmp_path):
    import json

    from bench.attribution import run, table

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / TRANSCRIPT).write_bytes((GENRES / TRANSCRIPT).read_bytes())
    labels = [
        {"anchor": "【宁晓梅】这个问题", "speaker": "宁晓梅", "kind": "statement"},  # label written into the anchor
        {"anchor": "今年种粮补贴有", "speaker": "", "kind": "question"},
        {"anchor": "欢迎参加今天的", "speaker": "", "kind": "narration"},
        {"anchor": "# 某市2024年春耕", "speaker": "", "kind": "narration"},  # the heading, with its markup
        {"anchor": "补贴资金将在", "speaker": "严正华", "kind": "statement"},  # wrong on purpose
    ]
    with open(tmp_path / "labels.jsonl", "w", encoding="utf-8") as f:
        for lab in labels:
            f.write(json.dumps({"doc": TRANSCRIPT, "split": "tune", "genre": "transcript", **lab}, ensure_ascii=False) + "\n")
    with open(tmp_path / "registry.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"doc": TRANSCRIPT, "split": "tune", "not_speakers": ["丁一"], "officials": [
            {"name": "严正华", "title": "市农业农村局局长", "gender": "m"},
            {"name": "宁晓梅", "title": "市农业农村局副局长", "gender": "f"},
            {"name": "关天宇", "title": "市气象局副局长", "gender": ""}]}, ensure_ascii=False) + "\n")
    [res] = run(tmp_path, "tune")
    assert (res.total, res.right, res.unmatched) == (5, 4, 0)
    assert (res.officials, res.officials_titled, res.found_true, res.found) == (3, 3, 3, 3)
    assert res.forbidden == [] and res.genders_right == 2
    assert "| transcript | 1 | 5 | 4 | 80.0 % |" in table([res], "tune")


def test_the_reporters_closing_scene_after_the_last_answer_is_narration(tmp_path):
    text = ("稳就业——访市人社局局长司空明\n某报记者 甘雨\n记者：今年就业形势怎样？\n司空明：总体稳定。\n"
            "记者：下一步有何打算？\n司空明：继续抓好高校毕业生就业。\n我们还将举办百场招聘会。\n"
            "采访结束时，窗外已是万家灯火。\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    doc = parse_document(tmp_path / "a.txt", "a.txt", 10_000_000)
    assert who(doc, "我们还将举办百场招聘会") == ("司空明", "statement")
    assert who(doc, "采访结束时") == (None, "narration")


def test_an_official_addressing_reporters_keeps_the_turn(tmp_path):
    text = ("稳就业——访市人社局局长司空明\n某报记者 甘雨\n记者：今年就业形势怎样？\n司空明：总体稳定。\n"
            "正如这位记者朋友所说，压力依然不小。\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    doc = parse_document(tmp_path / "a.txt", "a.txt", 10_000_000)
    assert who(doc, "正如这位记者朋友所说") == ("司空明", "statement")
