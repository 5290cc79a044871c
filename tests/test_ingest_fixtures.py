"""Ingestion of hand-written fixtures: a second article (other city, other people) in every format,
a numbered policy decision, small pattern cases, and bad input.

The second article uses the same patterns as the corpus with nothing of it, so passing here with no
code change shows the code holds no corpus names, titles or numbers.
"""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from index.errors import IngestError
from index.ingest.corpus import Corpus, load_corpus, parse_document
from index.ingest.lexicon import SURNAMES_1, SURNAMES_2
from index.models import Document, SourceKind

ROOT = Path(__file__).resolve().parent.parent

DATA = ROOT / "tests" / "data"
STEM = "宜宾晚报_2021-03-18_四项工程这样推"
DECISION = "中共宜宾市委_关于加快建设区域中心城市的决定.txt"
MB = 1_000_000

SPEAKERS = {
    "逄立新": "市经济和信息化局局长",
    "阮志刚": "宜宾丝丽雅集团党委书记、董事长",
    "笪文静": "市文化广电和旅游局局长",
    "柏家林": "市交通运输局局长",
    "冉晓东": "市发展和改革委员会主任",
    "邬海峰": "市住房和城乡建设局局长",
    "邓卓然": "三江新区党工委副书记、管委会主任",
    "韩立军": "市民政局局长",
    "何雅琴": "翠屏区区长",
    "喻成斌": "市人力资源和社会保障局党组书记、局长",
    "漆晓婷": "南岸街道金沙社区党委书记、居委会主任",
}
S_INDUSTRY, S_TRAFFIC, S_CITY, S_LIVING = "产业强基工程", "交通畅联工程", "城市更新工程", "民生提质工程"
SECTIONS = ["", S_INDUSTRY, S_TRAFFIC, S_CITY, S_LIVING]
# name → [(section, how the statement starts, how it ends)]
STATEMENTS = {
    "逄立新": [(S_INDUSTRY, "市经济和信息化局局长逄立新表示", "进入设备安装阶段。")],
    "阮志刚": [(S_INDUSTRY, "宜宾丝丽雅集团党委书记、董事长阮志刚认为", "在补链强链上下功夫。")],
    "笪文静": [(S_INDUSTRY, "“我们将围绕酒旅融合推出十条精品线路", "市文化广电和旅游局局长笪文静介绍。")],
    "柏家林": [(S_TRAFFIC, "市交通运输局局长柏家林一一作了说明。", "缩短与周边城市的时空距离。")],
    "冉晓东": [(S_TRAFFIC, "在市发展和改革委员会主任冉晓东看来", "三要促融合。"),
              (S_TRAFFIC, "冉晓东表示，发改部门将建立重大项目库", "确保项目按期推进。")],
    "邬海峰": [(S_CITY, "市住房和城乡建设局局长邬海峰认为", "完善社区养老、托育等配套设施。")],
    "邓卓然": [(S_CITY, "三江新区党工委副书记、管委会主任邓卓然则认为", "提升新区人气。")],
    "韩立军": [(S_CITY, "市民政局局长韩立军认为", "让居民在家门口享受到便利服务。")],
    "何雅琴": [(S_LIVING, "除了要补齐教育医疗短板，翠屏区区长何雅琴还把目光投向了", "让老人和孩子都有好去处。")],
    "喻成斌": [(S_LIVING, "市人力资源和社会保障局党组书记、局长喻成斌介绍", "新增城镇就业3.5万人。"),
              (S_LIVING, "“接下来，我们将开展职业技能提升行动", "帮助他们找到合适的工作。”")],
    "漆晓婷": [(S_LIVING, "南岸街道金沙社区党委书记、居委会主任漆晓婷介绍", "都有人照应。”")],
}
CREDITED = ["周子涵", "罗一鸣", "唐小棠", "禤国栋"]
CHROME = ["新闻热线", "0831-8888666", "设为首页", "加入收藏", "您现在的位置", "首页 >", "相关新闻", "图片推荐",
          "发稿时间", "来源：", "编辑：", "摄）", "全媒体记者", "通讯员", "宜宾召开全市工作会议", "宜宾发布一季度经济数据",
          "版权所有", "ICP备", "source:", "sanjiangkou", "**"]

FORMATS = ["txt", "html", "md", "gbk.txt", "gb18030.txt", "utf-8-bom.txt"]


def _write_format(folder: Path, fmt: str) -> Path:
    """Put the article into folder in one format; the encoded copies are made here, not committed."""
    if fmt in ("txt", "html", "md"):
        return Path(shutil.copy(DATA / f"{STEM}.{fmt}", folder / f"{STEM}.{fmt}"))
    text = (DATA / f"{STEM}.txt").read_text(encoding="utf-8")
    encoding = fmt.removesuffix(".txt")
    data = text.encode("utf-8-sig") if encoding == "utf-8-bom" else text.encode(encoding)
    target = folder / f"{STEM}.txt"
    target.write_bytes(data)
    return target


def _quiet(msg: str) -> None:
    pass


@pytest.fixture(params=FORMATS)
def loaded(request, tmp_path) -> tuple[Corpus, Document]:
    _write_format(tmp_path, request.param)
    corpus = load_corpus(tmp_path, warn=_quiet)
    assert corpus.errors == []
    return corpus, corpus.documents[0]


@pytest.fixture(scope="module")
def reference() -> Document:
    return parse_document(DATA / f"{STEM}.txt", f"{STEM}.txt", 20 * MB)


def sentence(doc: Document, snippet: str):
    found = [s for _, _, s in doc.sentences() if snippet in s.text]
    assert len(found) == 1, f"{snippet!r} is in {len(found)} sentences"
    return found[0]


def speaker_of(doc: Document, snippet: str) -> str | None:
    s = sentence(doc, snippet)
    return s.speaker.name if s.speaker else None


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def parse_text(tmp_path: Path, text: str, name: str = "a.txt") -> Document:
    return parse_document(write(tmp_path, name, text), name, 20 * MB)


# --- the second article, every format ---------------------------------------------------------


def test_second_article_has_every_speaker_with_exact_title(loaded):
    corpus, _ = loaded
    assert [(p.name, p.title) for p in corpus.people] == list(SPEAKERS.items())


def test_second_article_statements_are_attributed_to_their_speakers(loaded):
    corpus, doc = loaded
    for p in corpus.people:
        expected = STATEMENTS[p.name]
        assert len(p.statements) == len(expected), p.name
        for st, (section, start, end) in zip(p.statements, expected):
            assert st.section == section
            assert st.text.startswith(start) and st.text.endswith(end), (p.name, st.text)
            assert st.text == doc.body[st.start:st.end]
        assert p.sections == list(dict.fromkeys(s for s, _, _ in expected))


def test_second_article_metadata_is_parsed(loaded):
    _, doc = loaded
    m = doc.meta
    assert m.title == "锚定“区域中心” 宜宾四项工程这样推"
    assert m.published == "2021-03-18 09:15"
    assert m.outlet == "宜宾晚报"
    assert m.caption == "三江口夜景"
    assert m.photographer == "禤国栋"
    assert m.reporters == ["周子涵", "罗一鸣"]
    assert m.reporter_org == "宜宾晚报全媒体"
    assert m.editor == "唐小棠"


def test_second_article_chrome_and_credits_are_gone_from_the_body(loaded):
    _, doc = loaded
    for chrome in CHROME:
        assert chrome not in doc.body, chrome
    assert doc.body.startswith("日前召开的中共宜宾市委五届十二次全会")
    assert doc.body.endswith("都有人照应。”")


def test_second_article_reads_the_same_in_every_format(loaded, reference):
    _, doc = loaded
    assert doc.body == reference.body
    assert doc.meta == reference.meta
    assert [(s.title, len(s.paragraphs)) for s in doc.sections] == [(s.title, len(s.paragraphs)) for s in reference.sections]
    assert [(s.text, s.speaker) for _, _, s in doc.sentences()] == [(s.text, s.speaker) for _, _, s in reference.sentences()]


def test_second_article_sections_and_offsets(loaded):
    _, doc = loaded
    assert [s.title for s in doc.sections] == SECTIONS
    for _, para, s in doc.sentences():
        assert doc.body[s.start:s.end] == s.text
        assert doc.body[para.start:para.end] == para.text


def test_credited_people_are_metadata_not_speakers(loaded):
    corpus, doc = loaded
    names = {p.name for p in corpus.people}
    for who in CREDITED:
        assert who not in names and who not in doc.body


def test_fixture_uses_surnames_outside_the_surname_list():
    # The uncommon-surname path is only exercised if these stay out of the list.
    for name in ("逄立新", "笪文静", "禤国栋"):
        assert name[0] not in SURNAMES_1 and name[:2] not in SURNAMES_2


def test_uncommon_surname_speaker_is_found_by_title_and_verb(reference):
    assert speaker_of(reference, "市经济和信息化局局长逄立新表示") == "逄立新"


def test_quote_before_speaker_with_uncommon_surname_is_attributed_to_speaker(reference):
    assert speaker_of(reference, "“我们将围绕酒旅融合推出十条精品线路") == "笪文静"
    assert speaker_of(reference, "市文化广电和旅游局局长笪文静介绍。") == "笪文静"


def test_pronoun_in_the_same_paragraph_continues_the_speaker(reference):
    assert speaker_of(reference, "他介绍，全市已有12个重点项目") == "逄立新"


def test_pronoun_after_subject_mention_continues_that_person(reference):
    assert speaker_of(reference, "如何让群众有更多获得感？") is None
    assert speaker_of(reference, "何雅琴还把目光投向了") == "何雅琴"
    assert speaker_of(reference, "她表示，翠屏区今年将新建") == "何雅琴"


def test_speaker_named_mid_paragraph_after_narration_starts_their_statement(reference):
    assert speaker_of(reference, "如何让区域交通枢纽地位更加稳固？") is None
    assert speaker_of(reference, "柏家林一一作了说明") == "柏家林"
    assert speaker_of(reference, "同时，推动铁路公交化运营") == "柏家林"


def test_zai_title_name_kanlai_then_bare_name_carries_the_title(reference):
    assert speaker_of(reference, "在市发展和改革委员会主任冉晓东看来") == "冉晓东"
    s = sentence(reference, "冉晓东表示，发改部门")
    assert s.speaker.title == "市发展和改革委员会主任"


def test_ze_renwei_is_attributed_to_speaker(reference):
    assert speaker_of(reference, "邓卓然则认为") == "邓卓然"
    assert speaker_of(reference, "对此，要加快引进高校和科研院所") == "邓卓然"


def test_title_containing_a_group_word_is_still_a_title(reference):
    # "市民政局" begins with "市民", which as a subject would be a group.
    s = sentence(reference, "市民政局局长韩立军认为")
    assert (s.speaker.name, s.speaker.title) == ("韩立军", "市民政局局长")


def test_collective_subject_is_narration(reference):
    s = sentence(reference, "不少与会人员认为")
    assert s.speaker is None and s.kind is SourceKind.NARRATION
    assert speaker_of(reference, "而城市更新工程正是针对这些问题") is None


def test_reporter_sentence_ends_the_speakers_turn(reference):
    assert speaker_of(reference, "邬海峰认为") == "邬海峰"
    assert speaker_of(reference, "记者了解到，今年全市计划改造老旧小区") is None


def test_quote_continuation_after_bare_name_stays_with_speaker(reference):
    assert speaker_of(reference, "“接下来，我们将开展职业技能提升行动") == "喻成斌"
    s = sentence(reference, "喻成斌透露，“同时")
    assert s.speaker.title == "市人力资源和社会保障局党组书记、局长"
    assert speaker_of(reference, "帮助他们找到合适的工作。”") == "喻成斌"


def test_quotation_opened_after_speaker_continues_to_its_close(reference):
    assert speaker_of(reference, "今年，我们要让每一位独居老人都有人照应。") == "漆晓婷"


def test_unclaimed_quoted_saying_is_narration(reference):
    assert speaker_of(reference, "“民生无小事。”") is None
    assert speaker_of(reference, "办好民生实事") is None


def test_byline_with_correspondent_lists_every_name(reference):
    assert reference.meta.reporters == ["周子涵", "罗一鸣"]


# --- the policy decision ---------------------------------------------------------------------------

DECISION_CLAUSES = [
    "", "",
    "一、(一)", "一、(二)", "一、(二)1.", "一、(二)2.", "一、(二)3.",
    "二、(一)", "二、(一)1.", "二、(一)2.", "二、(二)", "二、(二)1.", "二、(二)2.", "二、(三)", "二、(四)",
    "二、(四)1.", "二、(四)2.",
    "三、(一)", "三、(二)",
    "四、",
]


@pytest.fixture(scope="module")
def decision() -> Document:
    return parse_document(DATA / DECISION, DECISION, 20 * MB)


def clause(doc: Document, number: str):
    found = [p for p in doc.paragraphs() if p.clause == number]
    assert len(found) == 1, f"{number!r} is on {len(found)} paragraphs"
    return found[0]


def test_decision_is_recognised_as_a_policy_document(decision):
    assert decision.is_decision
    assert decision.meta.title == "中共宜宾市委关于加快建设长江上游区域中心城市的决定"


def test_decision_paragraphs_carry_their_full_clause_numbers(decision):
    assert [p.clause for p in decision.paragraphs()] == DECISION_CLAUSES


def test_decision_clause_can_be_cited_by_number(decision):
    assert clause(decision, "二、(一)2.").text.startswith("2.培育晶硅光伏产业")
    assert clause(decision, "一、(二)").text.startswith("（二）主要目标")
    assert clause(decision, "三、(二)").text.startswith("（二）强化要素保障")


def test_full_width_clause_numbers_are_normalised(decision):
    assert clause(decision, "一、(二)3.").text.startswith("3．开放水平全面提高")


def test_decision_top_level_clauses_are_sections(decision):
    assert [(s.number, s.title) for s in decision.sections] == [
        ("", ""), ("一、", "一、总体要求"), ("二、", "二、重点任务"), ("三、", "三、保障措施"),
        ("四、", "四、本决定自印发之日起施行"),
    ]


def test_decision_text_is_decision_kind_without_speakers(decision):
    for _, _, s in decision.sentences():
        assert s.speaker is None and s.kind is SourceKind.DECISION
        assert decision.body[s.start:s.end] == s.text


def test_decision_alone_loads_with_an_empty_registry(tmp_path):
    shutil.copy(DATA / DECISION, tmp_path / DECISION)
    corpus = load_corpus(tmp_path, warn=_quiet)
    assert corpus.people == [] and corpus.documents[0].is_decision


def test_gbk_copy_of_the_decision_keeps_its_clauses(tmp_path, decision):
    write(tmp_path, DECISION, (DATA / DECISION).read_text(encoding="utf-8"), "gbk")
    copy = parse_document(tmp_path / DECISION, DECISION, 20 * MB)
    assert [p.clause for p in copy.paragraphs()] == DECISION_CLAUSES
    assert copy.body == decision.body


def test_markdown_decision_with_heading_marks_keeps_its_clauses(tmp_path):
    md = ("# 某市关于加快发展的决定\n\n为加快发展，作出如下决定。\n\n## 一、总体要求\n\n### （一）指导思想\n\n"
          "坚持新发展理念。\n\n1. 做强产业。支持企业扩能。\n2. 建设园区。\n\n## 二、保障措施\n\n（一）加强领导。各级要亲自抓。\n")
    doc = parse_text(tmp_path, md, "决定.md")
    assert doc.is_decision
    assert [(p.clause, p.text) for p in doc.paragraphs()] == [
        ("", "为加快发展，作出如下决定。"),
        ("一、(一)", "（一）指导思想"),
        ("一、(一)", "坚持新发展理念。"),
        ("一、(一)1.", "1. 做强产业。支持企业扩能。"),
        ("一、(一)2.", "2. 建设园区。"),
        ("二、(一)", "（一）加强领导。各级要亲自抓。"),
    ]


# --- more patterns, one small article each ------------------------------------------------------

HEAD = "测试标题\n发布时间：2022-05-06\n"


def test_person_named_as_object_is_not_the_speaker_but_a_pronoun_finds_them(tmp_path):
    doc = parse_text(tmp_path, HEAD + "记者采访了市水务局局长鲁明辉。他表示，今年要建成三座水厂。\n")
    assert speaker_of(doc, "记者采访了") is None
    s = sentence(doc, "他表示")
    assert (s.speaker.name, s.speaker.title) == ("鲁明辉", "市水务局局长")


def test_people_listed_at_an_event_are_not_speakers(tmp_path):
    doc = parse_text(tmp_path, HEAD + "市委书记封立平、市长谷雨晴出席会议。会议审议了有关文件。\n")
    assert all(s.speaker is None for _, _, s in doc.sentences())


def test_group_pronoun_and_unnamed_official_end_the_speakers_turn(tmp_path):
    doc = parse_text(tmp_path, HEAD + "市商务局局长应天和表示，要扩大消费。他们表示，将全力配合。"
                                      "相关负责人介绍，活动将持续一个月。\n")
    assert speaker_of(doc, "应天和表示") == "应天和"
    assert speaker_of(doc, "他们表示") is None
    # An unnamed official speaks (a statement) but is nobody in the registry.
    s = sentence(doc, "相关负责人介绍")
    assert (s.speaker.name, s.speaker.title, s.kind) == ("", "相关负责人", SourceKind.STATEMENT)


def test_speaker_with_circumstance_before_the_verb_is_found(tmp_path):
    doc = parse_text(tmp_path, HEAD + "市科协主席濮阳思在接受采访时表示，要办好科技周。\n")
    assert speaker_of(doc, "在接受采访时表示") == "濮阳思"


def test_quote_spanning_sentences_before_speaker_is_attributed_to_speaker(tmp_path):
    doc = parse_text(tmp_path, HEAD + "“第一句话。第二句话。”市体育局局长仇子墨说。\n")
    assert [s.speaker.name if s.speaker else None for _, _, s in doc.sentences()] == ["仇子墨"] * 3


def test_quote_before_pronoun_speaker_is_attributed_to_last_named_person(tmp_path):
    doc = parse_text(tmp_path, HEAD + "市文旅局局长姬北辰介绍了景区情况。\n“游客明显增多。”他说。\n")
    assert speaker_of(doc, "“游客明显增多。”") == "姬北辰"


def test_bylines_at_the_start_are_metadata(tmp_path):
    doc = parse_text(tmp_path, HEAD + "本报讯（记者 柯一帆 通讯员 岳青）5月5日，市里召开会议。\n记者从市交通运输局获悉，新建公路30公里。\n")
    assert doc.meta.reporters == ["柯一帆", "岳青"]
    assert doc.body.startswith("5月5日，市里召开会议。")
    assert "记者从市交通运输局获悉" in doc.body  # a sentence about the reporter is not a byline


def test_photo_credit_with_reporter_role_keeps_only_the_name(tmp_path):
    doc = parse_text(tmp_path, HEAD + "图为新建的体育馆。（本报记者 孔令晨 摄）\n正文第一段。\n")
    assert doc.meta.caption == "新建的体育馆。"
    assert doc.meta.photographer == "孔令晨"
    assert doc.body == "正文第一段。"


def test_dated_sentence_in_a_page_without_header_does_not_reset_the_body(tmp_path):
    doc = parse_text(tmp_path, "通知标题\n第一段正文，内容很长很长很长很长很长很长很长很长很长很长很长很长。\n"
                               "报名时间：2022年5月6日至5月9日\n")
    assert doc.meta.title == "通知标题"
    assert doc.body.startswith("第一段正文")
    assert "报名时间" in doc.body


def test_html_page_title_drops_the_site_name(tmp_path):
    page = "<html><head><title>宜居城市建设提速_某市新闻网</title></head><body><p>第一段正文。</p></body></html>"
    doc = parse_text(tmp_path, page, "p.html")
    assert doc.meta.title == "宜居城市建设提速"
    assert doc.body == "第一段正文。"


def test_markdown_hard_wrapped_paragraph_is_one_paragraph(tmp_path):
    doc = parse_text(tmp_path, "# 标题\n\n第一行没有结束，\n第二行接着写。\n\n---\n\n另一段。\n", "w.md")
    assert [p.text for p in doc.paragraphs()] == ["第一行没有结束，第二行接着写。", "另一段。"]


# --- bad input ---------------------------------------------------------------------------------------


def _one_line(exc: IngestError, name: str | None = None) -> str:
    msg = str(exc)
    assert msg and "\n" not in msg
    if name:
        assert msg.startswith(name)
    return msg


def test_empty_file_is_a_one_line_error(tmp_path):
    write(tmp_path, "empty.txt", "")
    with pytest.raises(IngestError) as err:
        parse_document(tmp_path / "empty.txt", "empty.txt", 20 * MB)
    assert "empty" in _one_line(err.value, "empty.txt")


def test_whitespace_only_file_is_empty(tmp_path):
    write(tmp_path, "blank.md", " \n\u3000\n\t\n")
    with pytest.raises(IngestError) as err:
        parse_document(tmp_path / "blank.md", "blank.md", 20 * MB)
    _one_line(err.value, "blank.md")


def test_binary_file_is_a_one_line_error(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(IngestError) as err:
        parse_document(tmp_path / "photo.txt", "photo.txt", 20 * MB)
    assert "binary" in _one_line(err.value, "photo.txt")


def test_noise_without_zero_bytes_is_a_one_line_error(tmp_path):
    rng = random.Random(7)
    (tmp_path / "noise.html").write_bytes(bytes(rng.randrange(1, 256) for _ in range(5000)))
    with pytest.raises(IngestError) as err:
        parse_document(tmp_path / "noise.html", "noise.html", 20 * MB)
    _one_line(err.value, "noise.html")


def test_gbk_file_is_detected_not_guessed(tmp_path):
    text = HEAD + "市园林局局长苏望舒表示，今年新建口袋公园十个。\n"
    doc = parse_document(write(tmp_path, "gbk.txt", text, "gbk"), "gbk.txt", 20 * MB)
    assert doc.meta.title == "测试标题"
    assert speaker_of(doc, "苏望舒表示") == "苏望舒"


def test_utf16_file_with_byte_order_mark_is_read(tmp_path):
    (tmp_path / "u16.txt").write_bytes(b"\xff\xfe" + (HEAD + "第一段正文。\n").encode("utf-16-le"))
    assert parse_document(tmp_path / "u16.txt", "u16.txt", 20 * MB).body == "第一段正文。"


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:  # sparse: no 50 MB written to disk
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(IngestError) as err:
        parse_document(big, "big.txt", 20 * MB)
    msg = _one_line(err.value, "big.txt")
    assert "52.4 MB" in msg and "20 MB" in msg


def test_file_with_only_site_chrome_is_a_one_line_error(tmp_path):
    write(tmp_path, "chrome.txt", "新闻热线：0000-1234567\n设为首页\n加入收藏\n相关新闻：\n图片推荐\n")
    with pytest.raises(IngestError) as err:
        parse_document(tmp_path / "chrome.txt", "chrome.txt", 20 * MB)
    _one_line(err.value, "chrome.txt")


def test_folder_with_no_documents_is_a_one_line_error(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("隐藏文件。", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        load_corpus(tmp_path, warn=_quiet)
    assert "no documents" in _one_line(err.value)


def test_missing_folder_is_a_one_line_error(tmp_path):
    with pytest.raises(IngestError) as err:
        load_corpus(tmp_path / "nowhere", warn=_quiet)
    assert "does not exist" in _one_line(err.value)


def test_folder_of_only_bad_files_is_a_one_line_error(tmp_path):
    write(tmp_path, "a.txt", "")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02")
    with pytest.raises(IngestError) as err:
        load_corpus(tmp_path, warn=_quiet)
    msg = _one_line(err.value)
    assert "a.txt: empty file" in msg and "b.txt: binary" in msg


def test_folder_with_one_bad_and_one_good_file_still_loads_the_good_one(tmp_path):
    _write_format(tmp_path, "txt")
    (tmp_path / "broken.html").write_bytes(b"\x00\x00binary\x00")
    warnings: list[str] = []
    corpus = load_corpus(tmp_path, warn=warnings.append)
    assert [d.doc_id for d in corpus.documents] == [f"{STEM}.txt"]
    assert [p.name for p in corpus.people] == list(SPEAKERS)
    assert len(corpus.errors) == 1 and corpus.errors[0].startswith("broken.html: binary")
    assert warnings == [f"skipped: {corpus.errors[0]}"]


def test_byte_identical_copy_is_skipped_so_statements_are_not_doubled(tmp_path):
    _write_format(tmp_path, "txt")
    (tmp_path / "sub").mkdir()
    shutil.copy(tmp_path / f"{STEM}.txt", tmp_path / "sub" / "copy.txt")
    corpus = load_corpus(tmp_path, warn=_quiet)
    assert len(corpus.documents) == 1
    assert len(corpus.errors) == 1 and "same content" in corpus.errors[0]
    assert [len(p.statements) for p in corpus.people] == [len(STATEMENTS[p.name]) for p in corpus.people]


def test_every_format_of_the_article_in_one_folder_loads_as_separate_documents(tmp_path):
    for fmt in ("txt", "html", "md"):
        _write_format(tmp_path, fmt)
    shutil.copy(DATA / DECISION, tmp_path / DECISION)
    corpus = load_corpus(tmp_path, warn=_quiet)
    assert len(corpus.documents) == 4 and corpus.errors == []
    assert {p.name: len(p.statements) for p in corpus.people} == {n: 3 * len(s) for n, s in STATEMENTS.items()}


# --- no corpus content in the code ------------------------------------------------------------------


def test_no_code_names_anything_from_the_corpus():
    corpus_words = ["赵勇", "代宏", "寇子胜", "胡精", "陈鼎", "潘大钦", "陈松柏", "董泓", "刘青川", "李建国", "文刚", "黄骏",
                    "王理效", "冯中兵", "张斯恩", "陶岚", "袁媛", "李桥臻", "谢艳", "郭成", "梁严", "绵阳", "长虹", "科管委",
                    "文广旅", "融办", "平武", "涪城", "文昌社区", "成渝", "八大行动", "2395666", "0816",
                    # every full title of the article
                    "长虹控股公司党委书记", "市文广旅局局长", "市交通运输局局长", "科管委专职副主任", "经开区党工委副书记",
                    "市商务局局长", "市政务服务监督管理局局长", "高新区管委会主任", "市科技局局长", "市委融办常务副主任",
                    "市委组织部常务副部长", "县委副书记、县长", "市林业局局长", "市生态环境局局长", "市人社局党组书记",
                    "临时党委书记"]
    code = sorted((ROOT / "index").rglob("*.py")) + sorted((ROOT / "bot").rglob("*.py")) + sorted((ROOT / "web").rglob("*.py"))
    found = {str(path.relative_to(ROOT)): [w for w in corpus_words if re.search(re.escape(w), path.read_text(encoding="utf-8"))]
             for path in code}
    assert not {name: words for name, words in found.items() if words}


def test_quotation_running_over_paragraphs_stays_with_its_speaker(tmp_path):
    doc = parse_text(tmp_path, HEAD + "市教育局局长闻一舟说：“第一段话还没有说完。\n“第二段接着说。”\n"
                     "记者了解到，全市共有学校120所。\n“另一句俗语。”\n")
    assert speaker_of(doc, "第一段话") == "闻一舟"
    assert speaker_of(doc, "第二段接着说") == "闻一舟"
    assert speaker_of(doc, "另一句俗语") is None  # after the reporter's own paragraph, nobody's words


def test_an_untagged_quotation_paragraph_goes_on_with_the_speaker_before_it(tmp_path):
    doc = parse_text(tmp_path, HEAD + "市教育局局长闻一舟说，今年新建学校5所。他坦言，师资还有缺口。\n"
                     "“这几年我们一直在想办法。\n“明年还要招聘教师300名。”\n")
    assert speaker_of(doc, "这几年我们") == "闻一舟"
    assert speaker_of(doc, "明年还要招聘") == "闻一舟"


def test_a_person_with_no_title_who_speaks_is_a_speaker(tmp_path):
    doc = parse_text(tmp_path, HEAD + "今年46岁的苗秋禾在村里开了一家小卖部。\n"
                     "“以前进货要跑县城，现在一个电话就送到。”苗秋禾一边整理货架一边说。\n"
                     "苗秋禾告诉记者，去年店里的销售额突破了8万元。\n")
    assert speaker_of(doc, "以前进货要跑县城") == "苗秋禾"
    assert speaker_of(doc, "去年店里的销售额") == "苗秋禾"
    assert speaker_of(doc, "在村里开了一家小卖部") is None


def test_a_person_whose_verb_of_saying_stands_alone_after_a_scene_is_a_speaker(tmp_path):
    doc = parse_text(tmp_path, HEAD + "“饭菜可口，价钱也实惠。”柯秋实端着餐盘，慢慢地说。\n"
                     "柯秋实告诉记者，他每天中午都来。\n")
    assert speaker_of(doc, "饭菜可口") == "柯秋实"


def test_a_common_word_or_a_pronoun_before_a_verb_of_speech_is_no_name(tmp_path):
    doc = parse_text(tmp_path, HEAD + "会议指出，要抓好安全生产。会议强调，要压实责任。\n"
                     "在他看来，这项工作很重要。他在会上说，要加快进度。\n")
    assert speaker_of(doc, "要抓好安全生产") is None
    assert speaker_of(doc, "要压实责任") is None


def test_sentence_mentioning_a_chrome_word_stays_in_the_body(tmp_path):
    doc = parse_text(tmp_path, HEAD + "市民可以扫一扫二维码报名参加。\n")
    assert doc.body == "市民可以扫一扫二维码报名参加。"


def test_html_title_comes_from_the_page_title_when_no_heading_precedes_the_date(tmp_path):
    page = ("<html><head><title>新区建设提速 - 某市新闻网</title></head><body>"
            "<div>发布时间：2022-05-06 来源：某市日报</div><p>第一段正文。</p></body></html>")
    doc = parse_text(tmp_path, page, "p.html")
    assert doc.meta.title == "新区建设提速"
    assert doc.meta.outlet == "某市日报" and doc.meta.published == "2022-05-06"


def test_unlabelled_date_next_to_the_source_is_the_publication_time(tmp_path):
    doc = parse_text(tmp_path, "某市加快建设医药中心\n2022年06月01日 10:20:33　来源：某市日报\n第一段正文。\n")
    assert (doc.meta.title, doc.meta.published, doc.meta.outlet) == ("某市加快建设医药中心", "2022-06-01 10:20:33", "某市日报")
    assert doc.body == "第一段正文。"


def test_news_article_with_numbered_parts_is_not_taken_for_a_decision(tmp_path):
    text = ("某市推进三项工作\n发稿时间:2022-01-05 10:00   来源:某市日报\n"
            "一、抓产业\n1.市工信局局长王明表示,今年将新上项目十个。\n"
            "二、抓交通\n1.市交通局局长李强认为,要加快修路。\n三、抓民生\n(一)新增就业一万人。\n")
    (tmp_path / "news.txt").write_text(text, encoding="utf-8")
    doc = load_corpus(tmp_path).documents[0]
    assert not doc.is_decision
    assert any(s.speaker and s.speaker.name == "王明" for _, _, s in doc.sentences())


def test_a_speaker_with_no_title_gets_the_role_the_reporter_gives(tmp_path):
    doc = parse_text(tmp_path, HEAD + "钟远航，一名快递小哥，在这条线上跑了4年。\n"
                     "“村里人网上买得多了。”钟远航擦了把汗说。\n")
    from index.ingest.speakers import role_before

    assert role_before(doc.body, "钟远航") == "快递小哥"
    assert speaker_of(doc, "村里人网上买得多了") == "钟远航"


def test_the_familiar_form_of_the_only_person_with_that_surname_is_that_person(tmp_path):
    doc = parse_text(tmp_path, HEAD + "快递站站长谷远山说，站里每天收发包裹200多件。\n"
                     "“现在不出村就能取快递。”老谷一边整理货架一边说。\n")
    assert speaker_of(doc, "现在不出村就能取快递") == "谷远山"


def test_this_person_in_charge_right_after_a_titled_name_is_that_person(tmp_path):
    doc = parse_text(tmp_path, HEAD + "该公司总经理钟远航表示，派送车辆从23辆减到了15辆。这位负责人透露，今年秋天还将开通冷链专线。\n")
    assert speaker_of(doc, "今年秋天还将开通") == "钟远航"


def test_a_person_introduced_by_a_description_then_a_pronoun_is_the_speaker(tmp_path):
    doc = parse_text(tmp_path, HEAD + "今年71岁的葛素云住在5楼，腿脚不好。她告诉记者，有了电梯以后每天都能下楼晒太阳。\n"
                     "来自外省的游客费明哲已经是第三次来这里了。他说，明年还打算带着父母一起来。\n")
    assert speaker_of(doc, "有了电梯以后每天都能下楼晒太阳") == "葛素云"
    assert speaker_of(doc, "明年还打算带着父母一起来") == "费明哲"


def test_who_the_person_is_then_a_pronoun_in_the_same_sentence_is_their_statement(tmp_path):
    doc = parse_text(tmp_path, HEAD + "车间里有十几名女工，其中一位是46岁的葛素云，她告诉记者，在家门口上班还能接送孩子。\n")
    assert speaker_of(doc, "在家门口上班还能接送孩子") == "葛素云"


def test_a_familiar_name_the_reporter_declares_is_that_person(tmp_path):
    doc = parse_text(tmp_path, HEAD + "招呼客人的是小院的女主人葛素云。她今年52岁，村里人都叫她“云嫂子”。\n"
                     "“头一年就挣了十几万。”云嫂子一边收拾碗筷一边笑着说。\n"
                     "站长费明哲今年61岁，大家都叫他老费。\n"
                     "“以前取个快递得跑8里地。”老费一边整理货架一边说。\n")
    assert speaker_of(doc, "头一年就挣了十几万") == "葛素云"
    assert speaker_of(doc, "以前取个快递得跑8里地") == "费明哲"


def test_this_person_described_by_the_reporter_is_the_person_just_named(tmp_path):
    doc = parse_text(tmp_path, HEAD + "“装电梯我不拦着。”老住户费明哲笑着说。\n"
                     "如今，葛素云成了这部电梯的管理员。“几十年的老邻居了，能帮一把是一把。”这位一楼住户说。\n")
    assert speaker_of(doc, "能帮一把是一把") == "葛素云"


def test_a_word_the_dictionary_lacks_that_never_acts_as_a_person_is_no_speaker(tmp_path):
    doc = parse_text(tmp_path, HEAD + "市商务局局长费明哲表示，冷链物流一头连着田间，一头连着餐桌。\n"
                     "冷链物流短板正在补齐。采访结束时，他指着墙上的地图说，明年还要新建三座冷库。\n")
    from index.ingest.speakers import introduced_people

    assert "冷链" not in introduced_people(doc.body, {})
    assert speaker_of(doc, "明年还要新建三座冷库") == "费明哲"


def test_a_person_named_through_a_relation_is_the_subject_not_the_relative(tmp_path):
    doc = parse_text(tmp_path, HEAD + "居民费明哲的女儿葛素云在市区一家医院当护士。她告诉记者，食堂能送餐上门，她上夜班也放心了。\n")
    assert speaker_of(doc, "食堂能送餐上门") == "葛素云"


def test_an_untagged_quotation_after_a_paragraph_about_one_person_is_theirs(tmp_path):
    doc = parse_text(tmp_path, HEAD + "今年32岁的葛素云是前屯村人，大学毕业后做过几年电商运营。2022年，她回到村里开起了网店。\n"
                     "“刚回来那会儿，最头疼的就是发货，我只能自己开车往县城送。”\n")
    assert speaker_of(doc, "最头疼的就是发货") == "葛素云"


def test_a_pronoun_whose_verb_of_saying_stands_alone_after_a_scene_speaks(tmp_path):
    doc = parse_text(tmp_path, HEAD + "吃完饭，费明哲没有急着回家，在树荫下和老伙计下起了象棋。\n"
                     "“儿女不在身边，社区就是咱的家。”他落下一颗棋子，乐呵呵地说。\n"
                     "同桌吃饭的葛素云今年76岁。她笑着插话：“8块钱吃这么好，馆子里20块也吃不到。”\n")
    assert speaker_of(doc, "社区就是咱的家") == "费明哲"
    assert speaker_of(doc, "馆子里20块也吃不到") == "葛素云"


def test_a_quotation_the_next_paragraph_says_whose_it_was_is_theirs(tmp_path):
    doc = parse_text(tmp_path, HEAD + "几名游客正围着长桌剥着刚出锅的梭子蟹。\n"
                     "“来来来，趁热吃，这是我家老头子早上刚从海里拉上来的！”\n"
                     "招呼客人的是小院的女主人葛素云。她今年52岁。\n")
    assert speaker_of(doc, "趁热吃") == "葛素云"


def test_a_person_named_inside_a_description_is_not_its_subject(tmp_path):
    doc = parse_text(tmp_path, HEAD + "“饭菜软烂，合我们的口味。”老人费明哲说。\n"
                     "和费明哲同桌吃饭的葛素云今年76岁。她笑着插话：“8块钱吃这么好，馆子里也吃不到。”\n")
    assert speaker_of(doc, "馆子里也吃不到") == "葛素云"


def test_a_pronoun_and_a_colon_before_no_quotation_is_narration(tmp_path):
    doc = parse_text(tmp_path, HEAD + "“今年的柚子花开得好。”果农费明哲说。\n"
                     "今年，他多了一个帮手：手机上的数字果园系统会提醒他什么时候浇水。\n")
    assert speaker_of(doc, "手机上的数字果园系统") is None


def test_a_clause_opening_with_a_pronoun_keeps_it_as_the_subject(tmp_path):
    doc = parse_text(tmp_path, HEAD + "家住一楼的葛素云今年68岁。她指着楼下新铺的检查井盖告诉记者，过去每到暴雨天污水就往外冒。\n")
    assert speaker_of(doc, "过去每到暴雨天污水就往外冒") == "葛素云"
