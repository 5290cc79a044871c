"""Ingestion of the real article: metadata, chrome removal, structure, offsets, and every speaker.

Expected values are read off the article by hand (tests may name corpus content; code may not).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from index.ingest.corpus import Corpus, load_corpus
from index.models import Document, SourceKind

ROOT = Path(__file__).resolve().parent.parent

CORPUS = ROOT / "corpus"
ARTICLE = "绵阳日报_2020-07-30_八大行动这样干.txt"

# name → exact title, in order of first appearance.
SPEAKERS = {
    "赵勇": "长虹控股公司党委书记、董事长",
    "代宏": "市文广旅局局长",
    "寇子胜": "市交通运输局局长",
    "胡精": "科管委专职副主任",
    "陈鼎": "经开区党工委副书记、管委会主任",
    "潘大钦": "市商务局局长",
    "陈松柏": "市政务服务监督管理局局长",
    "董泓": "高新区管委会主任",
    "刘青川": "市科技局局长",
    "李建国": "市委融办常务副主任",
    "文刚": "市委组织部常务副部长",
    "黄骏": "平武县委副书记、县长",
    "王理效": "市林业局局长",
    "冯中兵": "市生态环境局局长",
    "张斯恩": "市人社局党组书记、局长",
    "陶岚": "涪城区城厢街道文昌社区临时党委书记",
}

S_INDUSTRY = "实施现代产业体系构建行动"
S_TRAFFIC = "实施交通基础设施畅通行动"
S_CITY = "实施城市发展能级跃升行动"
S_REFORM = "实施体制机制创新深化行动"
S_INNOVATION = "实施协同创新能力提升行动"
S_LAND = "实施国土空间布局优化行动"
S_ECOLOGY = "实施生态环境保护协同行动"
S_SERVICE = "实施公共服务共建共享行动"
SECTIONS = ["", S_INDUSTRY, S_TRAFFIC, S_CITY, S_REFORM, S_INNOVATION, S_LAND, S_ECOLOGY, S_SERVICE]

# name → (section, how the statement starts) for each statement in order; every statement here
# runs to the end of its paragraph.
STATEMENTS = {
    "赵勇": [(S_INDUSTRY, "长虹控股公司党委书记、董事长赵勇表示,随着智能制造产业园的建成")],
    "代宏": [(S_INDUSTRY, "“我们要抓好文旅市场主体培育")],
    "寇子胜": [(S_TRAFFIC, "市交通运输局局长寇子胜一一作了说明。"),
              (S_TRAFFIC, "在市交通运输局局长寇子胜看来,下一步要突出重点")],
    "胡精": [(S_CITY, "在科管委专职副主任胡精看来,要按照")],
    "陈鼎": [(S_CITY, "经开区党工委副书记、管委会主任陈鼎则认为")],
    "潘大钦": [(S_CITY, "市商务局局长潘大钦认为,要大力发展数字经济")],
    "陈松柏": [(S_REFORM, "市政务服务监督管理局局长陈松柏表示")],
    "董泓": [(S_REFORM, "除了要深化区域合作与发展联动,高新区管委会主任董泓还将目光")],
    "刘青川": [(S_INNOVATION, "在市科技局局长刘青川看来"), (S_INNOVATION, "刘青川表示,市科技局将进一步整合资源")],
    "李建国": [(S_INNOVATION, "市委融办常务副主任李建国表示")],
    "文刚": [(S_LAND, "市委组织部常务副部长文刚表示")],
    "黄骏": [(S_LAND, "平武县委副书记、县长黄骏表示")],
    "王理效": [(S_ECOLOGY, "在市林业局局长王理效看来")],
    "冯中兵": [(S_ECOLOGY, "市生态环境局局长冯中兵认为")],
    "张斯恩": [(S_SERVICE, "市人社局党组书记、局长张斯恩介绍"), (S_SERVICE, "“接下来,我们将建好科技城人力资源服务产业园")],
    "陶岚": [(S_SERVICE, "涪城区城厢街道文昌社区临时党委书记陶岚介绍")],
}

CREDITED = ["袁媛", "李桥臻", "谢艳", "郭成", "梁严"]  # reporters, editor, photographer
CHROME = ["新闻热线", "0816-2395666", "设为首页", "加入收藏", "您现在的位置", "首页 >", "相关新闻", "图片推荐",
          "发稿时间", "来源:", "编辑:", "梁严 摄", "融媒体记者"]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CORPUS, warn=lambda msg: None)


@pytest.fixture(scope="module")
def doc(corpus) -> Document:
    d = corpus.document(ARTICLE)
    assert d is not None
    return d


def sentence(doc: Document, snippet: str):
    """The one sentence that contains snippet."""
    found = [s for _, _, s in doc.sentences() if snippet in s.text]
    assert len(found) == 1, f"{snippet!r} is in {len(found)} sentences"
    return found[0]


def paragraph(doc: Document, snippet: str):
    found = [p for p in doc.paragraphs() if snippet in p.text]
    assert len(found) == 1, f"{snippet!r} is in {len(found)} paragraphs"
    return found[0]


def person(corpus: Corpus, name: str):
    return next(p for p in corpus.people if p.name == name)


# --- the registry ---------------------------------------------------------------------------


def test_corpus_loads_one_document_without_errors(corpus):
    assert [d.doc_id for d in corpus.documents] == [ARTICLE]
    assert corpus.errors == []


def test_registry_holds_exactly_the_sixteen_speakers_in_order_of_appearance(corpus):
    assert [p.name for p in corpus.people] == list(SPEAKERS)


@pytest.mark.parametrize("name,title", SPEAKERS.items())
def test_speaker_has_exact_title(corpus, name, title):
    p = person(corpus, name)
    assert p.title == title
    assert p.titles == [title]


@pytest.mark.parametrize("name,expected", STATEMENTS.items())
def test_each_statement_is_attributed_to_its_speaker(corpus, doc, name, expected):
    p = person(corpus, name)
    assert len(p.statements) == len(expected)
    for st, (section, start) in zip(p.statements, expected):
        assert st.section == section
        assert st.text.startswith(start), st.text[:40]
        assert st.speaker.name == name and st.speaker.title == SPEAKERS[name]
        assert st.text == doc.body[st.start:st.end]
        para = next(x for x in doc.paragraphs() if x.index == st.paragraph)
        assert st.end == para.end  # the statement runs to the end of its paragraph


@pytest.mark.parametrize("name,expected", STATEMENTS.items())
def test_registry_lists_the_sections_each_speaker_speaks_in(corpus, name, expected):
    assert person(corpus, name).sections == list(dict.fromkeys(section for section, _ in expected))


def test_every_named_sentence_belongs_to_a_registry_speaker(corpus, doc):
    named = {s.speaker.name for _, _, s in doc.sentences() if s.speaker}
    assert named == set(SPEAKERS)


# --- attribution patterns ----------------------------------------------------------------------


def test_title_name_verb_is_attributed_to_speaker(doc):
    s = sentence(doc, "市商务局局长潘大钦认为")
    assert (s.speaker.name, s.speaker.title) == ("潘大钦", "市商务局局长")
    assert s.kind is SourceKind.STATEMENT


def test_zai_title_name_kanlai_is_attributed_to_speaker(doc):
    assert sentence(doc, "在科管委专职副主任胡精看来").speaker.name == "胡精"
    assert sentence(doc, "在市林业局局长王理效看来").speaker.name == "王理效"


def test_ze_renwei_is_attributed_to_speaker(doc):
    s = sentence(doc, "陈鼎则认为")
    assert (s.speaker.name, s.speaker.title) == ("陈鼎", "经开区党工委副书记、管委会主任")


def test_quote_before_speaker_is_attributed_to_speaker(doc):
    quote = sentence(doc, "“我们要抓好文旅市场主体培育")
    tail = sentence(doc, "市文广旅局局长代宏介绍。")
    assert quote.speaker.name == "代宏" and tail.speaker.name == "代宏"
    assert quote.speaker.title == "市文广旅局局长"


def test_speaker_named_mid_paragraph_after_narration_starts_their_statement(doc):
    assert sentence(doc, "如何在“动脉血管”畅通上先行一步?").speaker is None
    assert sentence(doc, "寇子胜一一作了说明").speaker.name == "寇子胜"
    assert sentence(doc, "今年以来,市交通运输局加强与北碚区的沟通对接").speaker.name == "寇子胜"
    assert sentence(doc, "涪城区城厢街道文昌社区经过建制调整后").speaker is None
    assert sentence(doc, "陶岚介绍").speaker.name == "陶岚"


def test_question_before_speaker_is_narration(doc):
    for q in ("如何增强城市承载能力?", "城市宜居品质如何提升?", "如何提升对外开放实效?", "如何加强生态共建?"):
        assert sentence(doc, q).speaker is None, q


def test_later_mention_by_bare_name_carries_the_title(doc):
    s = sentence(doc, "刘青川表示,市科技局将进一步整合资源")
    assert (s.speaker.name, s.speaker.title) == ("刘青川", "市科技局局长")


def test_bare_name_before_quote_continuation_carries_the_title(doc):
    s = sentence(doc, "张斯恩透露,“协同开展农民工服务专项活动")
    assert (s.speaker.name, s.speaker.title) == ("张斯恩", "市人社局党组书记、局长")


def test_pronoun_continues_last_named_speaker(doc):
    s = sentence(doc, "她表示,高新区将依托")
    assert (s.speaker.name, s.speaker.title) == ("董泓", "高新区管委会主任")


def test_speaker_named_as_subject_without_speech_verb_owns_the_sentence(doc):
    assert sentence(doc, "董泓还将目光放在").speaker.name == "董泓"


def test_quotation_continued_after_speaker_stays_with_speaker(doc):
    assert sentence(doc, "“接下来,我们将建好科技城人力资源服务产业园").speaker.name == "张斯恩"
    assert sentence(doc, "推动减免区域内社保卡异地取款").speaker.name == "张斯恩"
    assert sentence(doc, "要做好‘后半篇’文章").speaker.name == "陶岚"


def test_indirect_speech_continues_to_the_end_of_the_paragraph(doc):
    assert sentence(doc, "对此,要按照公司化、市场化的运行原则").speaker.name == "陈鼎"
    assert sentence(doc, "加强生态文明宣传教育").speaker.name == "冯中兵"
    assert sentence(doc, "三要强衔接").speaker.name == "寇子胜"


def test_collective_subject_is_narration(doc):
    s = sentence(doc, "许多与会人员认为")
    assert s.speaker is None and s.kind is SourceKind.NARRATION
    assert sentence(doc, "而实施体制机制创新深化行动就提出了").speaker is None
    assert sentence(doc, "与会人员展开了热烈讨论。").speaker is None


def test_unclaimed_quoted_saying_is_narration(doc):
    assert sentence(doc, "“基层不牢,地动山摇。”").speaker is None
    assert sentence(doc, "加强城乡基层治理,是解决好").speaker is None


def test_company_named_as_subject_is_narration(doc):
    assert sentence(doc, "长虹在制造业领域一直勇挑大梁").speaker is None


def test_section_openings_and_lead_are_narration(doc):
    for section in doc.sections:
        first = section.paragraphs[0]
        assert all(s.speaker is None and s.kind is SourceKind.NARRATION for s in first.sentences), section.title


def test_sentence_kind_follows_speaker(doc):
    for _, _, s in doc.sentences():
        assert s.kind is (SourceKind.STATEMENT if s.speaker else SourceKind.NARRATION)


def test_reporters_editor_and_photographer_are_not_speakers(corpus, doc):
    names = {p.name for p in corpus.people}
    for who in CREDITED:
        assert who not in names
        assert who not in doc.body
    assert all(s.speaker.name not in CREDITED for _, _, s in doc.sentences() if s.speaker)


# --- metadata and chrome -------------------------------------------------------------------------


def test_metadata_is_parsed_from_the_page(doc):
    m = doc.meta
    assert m.title == '聚焦市委七届九次全会:当好"圈内人"八大行动这样干!'
    assert m.published == "2020-07-30 08:43"
    assert m.outlet == "绵阳日报"
    assert m.caption == "绵阳城区"
    assert m.photographer == "梁严"
    assert m.reporters == ["袁媛", "李桥臻", "谢艳"]
    assert m.reporter_org == "绵阳日报社融媒体"
    assert m.editor == "郭成"


def test_site_chrome_and_credits_are_gone_from_the_body(doc):
    for chrome in CHROME:
        assert chrome not in doc.body, chrome
    assert doc.meta.title not in doc.body


def test_body_starts_with_the_lead_and_ends_with_the_last_quotation(doc):
    assert doc.body.startswith("深度参与成渝地区双城经济圈建设,是全市上下的重大政治任务")
    assert doc.body.endswith("提升居民温暖感、幸福感。”")


# --- structure and offsets ------------------------------------------------------------------------


def test_sections_follow_the_headings(doc):
    assert [s.title for s in doc.sections] == SECTIONS
    assert not doc.is_decision
    assert all(p.clause == "" for p in doc.paragraphs())


def test_paragraphs_are_numbered_in_reading_order(doc):
    paras = doc.paragraphs()
    assert [p.index for p in paras] == list(range(1, len(paras) + 1))
    assert len(paras) == 35


def test_sentence_offsets_point_into_the_body(doc):
    previous_end = 0
    for _, para, s in doc.sentences():
        assert doc.body[s.start:s.end] == s.text
        assert para.start <= s.start < s.end <= para.end
        assert s.start >= previous_end
        previous_end = s.end


def test_paragraph_offsets_point_into_the_body(doc):
    for para in doc.paragraphs():
        assert doc.body[para.start:para.end] == para.text
        assert [s.index for s in para.sentences] == list(range(len(para.sentences)))


def test_section_start_points_at_its_heading(doc):
    for section in doc.sections[1:]:
        assert doc.body[section.start:section.start + len(section.title)] == section.title


def test_sentences_split_at_end_punctuation_and_keep_closing_quotes(doc):
    para = paragraph(doc, "“基层不牢,地动山摇。”")
    assert [s.text for s in para.sentences][0] == "“基层不牢,地动山摇。”"
    quote_para = paragraph(doc, "“接下来,我们将建好")
    assert quote_para.sentences[0].text.endswith("优化人力资源流动政策。”")


def test_gb18030_copy_of_the_article_parses_the_same(tmp_path, doc, corpus):
    raw = (CORPUS / ARTICLE).read_text(encoding="utf-8")
    (tmp_path / ARTICLE).write_bytes(raw.encode("gb18030"))
    copy = load_corpus(tmp_path, warn=lambda msg: None)
    assert copy.documents[0].body == doc.body
    assert copy.documents[0].meta == doc.meta
    assert [(p.name, p.title, len(p.statements)) for p in copy.people] == \
           [(p.name, p.title, len(p.statements)) for p in corpus.people]
