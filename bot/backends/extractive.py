"""The default answer backend: answers composed from parsed sentences, the registry and the structure, no LLM."""
from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable
from difflib import SequenceMatcher
from typing import Any

from index.ingest.appointments import APPOINTED, REMOVED
from index.ingest.dialogue import FIELD_LINE_MAX, HOST as HOST_ROLE, is_field_line, line_label
from index.ingest.lexicon import SPEECH_VERBS, TITLE_ALTERNATION, TITLE_SUFFIXES
from index.ingest.names import is_name, name_then_title, names_a_post, surname_lengths, titled_people
from index.ingest.structure import LEVEL1
from index.ingest.structure import heading_question
from index.models import Chunk, Person, SourceKind, index_text, voice
from index.search.retriever import Hit
from index.search.tokenize import person_names

from bot import messages as msg
from bot import citations
from bot.citations import from_chunk, from_heading, from_metadata, unique
from bot.knowledge import Knowledge
from bot.models import Answer
from bot.pipeline import answerability, arithmetic, aside as aside_mod, attendance, entries, duties, genres, premise, scope, shape, tiers, translate
from bot.pipeline import validity
from bot.pipeline import entrants as entrants_mod, headed_lists, outline as outline_mod
from bot.pipeline import holders as holders_mod
from bot.pipeline.condense import Standalone, already_said
from bot.pipeline.evidence import BODIES_ASKED, Evidence, abbreviates, field_asked, keeps_subject, split_sentences, unasked_field, RUNNER_UP_GAP
from bot.pipeline.gender import called, gender_of
from bot.pipeline.outline import (Item, OrderedList, cn_number, heading_name, holds_office, longest_common, pick,
                                   speaker_item, speaking_order)
from bot.pipeline import slots as slots_mod
from bot.pipeline import years as years_mod
from bot.pipeline.similarity import SentenceSimilarity
from bot.pipeline.slots import Ordinal, asks_for
from bot.pipeline.understand import (ASKING_WORDS, ASKS_TITLE, HEAD_WORD, ISSUED_BY, ORG_WORD, QUESTION_WORDS,
                                      ROSTER_OFFICIAL, SEX_CHOICE, Intent, Question, noun_phrase_tail)
from bot.pipeline.understand import (PRONOUN_REFERENT, TitleMatcher, body_named, copula_post, copula_subject,
                                     credits_named, fields_named, holds_role, in_order, only_holder, org_key,
                                     renames, spoken_topic)

# At least this share of the question's weighted words must occur in the cited passage (see answerability).
MIN_COVERAGE = answerability.LEXICAL_ALONE
# An item of a numbered list of steps or points: "1. ", "2、", "3．".
_ITEM_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.．、](?!\d)")
_SHORT_ITEM = 60  # characters: a step or a point, not a paragraph
_MAX_GROUP = 10  # list lines answered together; a longer list is a document's body, answered line by line
# A question for several things of one kind: every item, each, which ones, how many kinds ("分几档", "有哪几种").
_ASKS_SEVERAL = re.compile(r"哪些|哪几|几(?:档|种|类|步|个渠道|个方面|个环节)|各(?:是|为|自)|分别|每(?:一)?(?:档|种|类|步|项)|"
                           r"全部|都有(?:啥|什么|哪)|列(?:一下|出|个)")
# "在两个不同的行动里都讲了话", "有哪些人在两个行动里面都发了言", "哪个领导在两个部分里都发了言": speakers in several
# sections, asked by the sections' own noun.
_SEVERAL_PARTS_Q = re.compile(r"(?:两个|两项|两部分|两处|两块|不同的?|多个|不止一个|好几个)[^，。？?]{0,4}?"
                              r"(?P<noun>行动|部分|板块|方面|工程|任务|章节|小节|环节|议题|专题)[^，。？?]{0,8}?"
                              r"(?:都|均|分别|也)?[^，。？?]{0,4}(?:讲|发了?言|说|谈|露面|出来|出现)")
_HEADING_NUMBER = re.compile(r"^[一二三四五六七八九十]+、\s*")
# An FAQ's own question label ("Q4", "问3"): the page numbers its questions; nobody asks them.
_QA_NUMBER = re.compile(r"(?:Q|q|问)\d{0,2}")
# A question that points back at what the last answer was about: "这一项", "这个事", "该任务", "那块".
_POINTS_BACK = re.compile(r"(?:这|那|该)(?:一)?(?:项|个|件|块|条)(?:事|任务|工作|行动)?|(?:这|该)(?:事|任务|工作|行动)")
MAX_ANSWER = shape.MAX_ANSWER
# The title words, longest first, as a regex alternation (a post written before a name).
_TITLE_WORDS = TITLE_ALTERNATION
# A report's sentence that its event was held ("10月16日上午，市长某某主持召开…").
_HELD = re.compile(r"召开|举行|举办|开幕|召集|在[\u4e00-\u9fff]{2,12}开")
# The byline role a question asks about ("是这篇稿子的作者吗?"), and a yes/no question's closing words.
_META_ASKED = ((re.compile(r"作者|记者|撰稿|写的"), "reporter"), (re.compile(r"编辑|责编"), "editor"),
               (re.compile(r"摄影|拍的|拍摄"), "photographer"))
_YES_NO_TAIL = re.compile(r"(?:吗|吧|不|么|嘛|是不是)[?？]?\s*$")


# A yes/no question's closing particle ("…吗?", "…是不是?").
_YES_NO_END = re.compile(r"(吗|是不是|对吧|对不对|没错吧)[?？!！。]*\s*$")
# A field that dates something ("留言时间：", "回复日期：").
_TIME_KEY = re.compile(r"[\u4e00-\u9fff]{0,4}(?:时间|日期)\s*[：:]")
# A field naming the body that handled or answered a letter ("办理单位：某区人民政府", "答复部门：…").
_UNIT_FIELD = re.compile(r"([\u4e00-\u9fff]{0,4}(?:单位|部门))\s*[：:]\s*([\u4e00-\u9fff（）()]{2,30})")


def _issuer_key(name: str) -> str:
    """An issuing body's name without the words its long and short forms differ by ("中共", "人民")."""
    return re.sub(r"中国共产党|中共|人民", "", name)


# The page of a newspaper as its masthead line prints it ("第03版：民生").
_PAGE = re.compile(r"第\s*(\d+)\s*版(?:[：:]\s*([\u4e00-\u9fff]{1,10}))?")
# A question about where a broadcast went out (a header line that dates the page says it: see _DATE_FIELD below).
_ASKS_CHANNEL = re.compile(r"频道|哪个台|什么台|哪个电视台|哪家电视台|哪个广播")
_INNER_QUOTE = "[“”‘’「」『』\"']?"
_INNER_QUOTE_RX = re.compile(_INNER_QUOTE.rstrip("?"))
# A head line that names the meeting a text was adopted at or delivered at: "（2026年9月26日中国共产党某市第八届委员会
# 第九次全体会议通过）", "——2026年1月9日在某区第五届人民代表大会第六次会议上".
_MEETING_LINE = re.compile(r"^[（(—－\-\s]*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:在)?"
                           r"(?P<meeting>[\u4e00-\u9fff（）()]{4,60}?(?:会议|大会|全会))(?:上|(?P<verb>通过))[)）]?$")
# A speech's subtitle ("——在全县甲乙推进大会上的讲话") and a report's or minutes' opening ("…主持召开七届市政府第47次
# 常务会议"): the meeting the document was delivered at or records, without a date of its own.
_MEETING_HEAD = re.compile(r"^[—－\-\s]*在(?P<meeting>[\u4e00-\u9fff（）()\d]{4,60}?(?:会议|大会|全会|座谈会|推进会))"
                           r"上的(?:讲话|发言|报告|致辞)")
_CONVENED = re.compile(r"召开(?:了)?(?P<meeting>[\u4e00-\u9fff（）()\d]{4,40}?(?:会议|大会|全会|座谈会|推进会))")
# A report whose subject is the meeting ("全市甲乙暨丙丁工作会议召开", "11月20日下午，全市甲乙推进会在市行政中心召开"):
# the meeting's name before the verb that it was held.
_HELD_SUBJECT = re.compile(r"(?:^|[，,：:])(?P<meeting>[\u4e00-\u9fff（）()\d“”]{4,40}?(?:会议|大会|全会|座谈会|推进会))"
                           r"(?:在[^，,。；;]{1,30}?)?(?:召开|举行|开幕)")
# A body's post named loosely, with words between ("医保局新来的头头", "林草局那个挂职的副局长", "县头教育局的局长").
_LOOSE_POST = re.compile(r"(?P<org>[\u4e00-\u9fff]{1,8}?(?:局|委|办|中心|院|厅|政府|处|所|站))(?P<how>(?:那个|那位|这个|这位|新来的|新任的|"
                         r"[\u4e00-\u9fff]{1,4}的)?)(?P<role>副?(?:局长|主任|院长|县长|区长|市长|书记|秘书长|所长|站长|处长)|"
                         + HEAD_WORD.pattern + ")")
# A question for the holder of a duty: "谁", "哪位", "哪个领导", "哪个副县长".
_ASKS_HOLDER = re.compile(r"谁|哪位|哪个(?=[\u4e00-\u9fff]{0,4}(?:领导|长|主任|书记|组长|总))")
# A question for a roster of people, not for the one who does something: "几位", "哪些", "都有谁", "名单".
_ROSTER_ASKED = re.compile(r"几|哪些|都有|有谁|名单|一共|全部|所有|班子")
# A question about a personnel notice's decisions: who was appointed, removed or resigned.
_PERSONNEL_ASKED = re.compile(r"任免|任命|任职|提拔|免去|免职|免了|撤职|辞去|辞职")
# "某某是渔业发展中心的人吗?": a name, then what the asker believes of them, as a yes/no question.
_IS_CLAIM = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,3})(?:现在|目前|如今|还|仍然|仍|已经|也)*(?:是不是(?P<claim1>[\u4e00-\u9fff]{2,20}?)(?:吗|么|嘛|呀|啊)?|"
                       r"是(?P<claim>[\u4e00-\u9fff]{2,20}?)(?:吗|么|嘛))[?？]?$")
# A question about someone's words rather than about them ("她说…", "他怎么看").
_ASKS_WORDS = re.compile(r"说|讲|表示|谈|提到|提出|介绍|认为|指出|强调|看法|观点|怎么看|回应|答复|回答")
# Where quoted words come from ("这个提法是哪里说的", "出自哪个单位"), and a question for the body behind them.
_SOURCE_ASKED = re.compile(r"[“\"「].+[”\"」].*(?:哪里|哪儿|出自|出处|哪个单位|哪家单位|哪个部门)")
_UNIT_ASKED = re.compile(r"哪个单位|哪家单位|哪个部门|哪个机关|什么单位|哪个局")
# A continuation ("还有呢?") says this much of the rest of the passage.
MAX_CONTINUED = 160
MAX_CITATIONS = shape.MAX_CITATIONS
# English questions keep untranslatable words; with one of them missing, more of the rest must match.
ENGLISH_COVERAGE = 0.67
# The key of a credit that names who wrote a text: its author when no byline names one.
_WRITER_KEY = re.compile(r"^\s*(?:执笔|撰稿|撰文|作者|编写|起草|整理)(?:人)?\s*[:：]")
# "讲到X的有几个人?": a count of people is an aggregate over the speakers.
_PEOPLE_COUNT = re.compile(r"(几|多少|好多)(个人|位|人|名)")
# A count of people the text states, after the word that says what they did ("共访谈56人", "采访了30余名").
_PEOPLE_COUNTED = re.compile(r"([\u4e00-\u9fff]{2,6})(\d+|[一二两三四五六七八九十百千]+)(?:余|多)?(?:名|人|位)")
# Words of counting, of time or of scope, which say nothing of what the people did.
_COUNTING_WORD = re.compile(r"^(?:一共|总共|共有|共计|合计|总计|其中|大约|约有|超过|不到|多少|好多|一起|有近|目前|现在|今年|去年"
                            r"|全市|全县|全区|全省|全乡|全镇|全村|本市|全国)$")
# Several people asked for, not several things: "哪些人/哪几位领导/都有谁/分别是谁/全部列出来".
# Which speakers a count or list keeps (Question.roster): by the office their title holds.
_DEPUTY_TITLE = re.compile(r"副[\u4e00-\u9fff]{0,3}(?:长|主任|书记|主席)$")
_ROSTERS = {
    "deputy": lambda title: holds_office(title) and bool(_DEPUTY_TITLE.search(title)),
    "head": lambda title: holds_office(title) and not _DEPUTY_TITLE.search(title),
    "official": holds_office,
    "other": lambda title: not holds_office(title),
    "guest": lambda title: not outline_mod.is_public(title),
}
_PEOPLE_PLURAL = re.compile(r"(哪些|哪几)(个|位)?([\u4e00-\u9fff]{1,6}的)?(人|领导|官员|负责人|发言人|发布人|嘉宾)|有谁|都是谁|"
                            r"分别是谁|全部列|都列|所有人|哪几位")
# A word in more than this share of the passages frames the documents rather than naming one of their topics.
TOPIC_SHARE = 0.5
# A question that leans on a person not named anywhere in the conversation.
UNRESOLVED_PRONOUN = re.compile(r"^(那)?(他|她|此人|这位|该官员)(还|又|也|都)?")
_GENDER_WORDS = re.compile(r"(女|男|性别|先生|女士)")
# A question that asks for a list or a count of people ("有哪些人", "都有谁", "几位", "名单").
_OFFICIALS_ASKED = re.compile(r"领导|官员|干部|负责同志")
_LISTS_PEOPLE = re.compile(r"哪些|哪几|有谁|都是谁|分别是谁|几位|几个|几人|多少人|多少位|名单|列一下|列出|全部")


# A sentence that sets a time: a year, a month, a day, "…底前".
_SETS_A_TIME = re.compile(r"\d{4}年|\d{1,2}月|[年月]底|日前|年内|月内")
# "每项分别是哪个单位牵头", "各项": every task asked for, one by one.
_EVERY_ITEM = re.compile(r"每(?:一)?(?:项|条|个|件)|各项|各条|分别")


def _lead_text(duty: duties.Duty, deadline: bool) -> str:
    """Who leads a task and who supports it, with its time line when the deadline is asked and written."""
    support = msg.DUTY_SUPPORT.format(orgs="、".join(duty.support)) if duty.support else ""
    text = msg.DUTY_LEAD.format(task=duty.task, orgs="、".join(duty.lead), support=support)
    return text + msg.DUTY_AND_DEADLINE.format(deadline=duty.deadline) if deadline and duty.deadline else text


def _clip(text: str, limit: int = MAX_ANSWER) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    # End at the last sentence or clause end rather than inside a word.
    m = max(cut.rfind(p) for p in "。；！？")
    if m >= limit // 2:
        return cut[: m + 1]
    m = max(cut.rfind(p) for p in "，、")
    return (cut[:m] if m >= limit // 2 else cut) + "……"


def _label(chunk: Chunk) -> str:
    return citations.who(chunk, sep="") if chunk.speaker else ""


def _count(n: int) -> str:
    """A count as said before a measure word: 两 for two ("两项"), else the numeral."""
    return "两" if n == 2 else cn_number(n)


# What may stand before a post in the words that name someone ("我要特别表扬一下县甲局局长"): a clause break, a
# verb of praise or address, a first-person subject.
_POST_AFTER = re.compile(r"[，,。：:；;！!]|一下|表扬|批评|感谢|点名|我们|我要|要求")


def _roster(people: list[Person]) -> str:
    """People as a speaker list names them: "张三（市甲局局长）、李四"."""
    return "、".join(f"{p.name}（{p.title}）" if p.title else p.name for p in people)


# How a caller is called when she is a woman ("听众李女士"): a closed class of honorifics.
_WOMEN_HONORIFICS = ("女士", "阿姨", "大妈", "大姐", "奶奶", "大娘", "小姐")


def _person_label(p: Person) -> str:
    return f"{p.title}{p.name}" if p.title else p.name


def not_found(english: bool = False, text: str | None = None) -> Answer:
    """A polite refusal: the documents do not cover the question."""
    return Answer(answer=text or (msg.NOT_FOUND_EN if english else msg.NOT_FOUND), found=False)


_LEADING_PRONOUN = re.compile(r"^(他|她|其)(?=(还|也|又|则|进一步)?(表示|认为|介绍|透露|指出|强调|说|谈到|提到))")


# A point counter a question counts a list's points by ("一共几条", "第五条").
_POINT_COUNTER = re.compile(r"(?:几|多少|哪几|第[一二三四五六七八九十\d]+|最后一)(条|项|点|件)")


def _asked_counter(question: str, ol: OrderedList) -> str:
    """The counter an answer counts a list's entries by: the question's own for points ("几条" → 条), else the
    list's."""
    m = _POINT_COUNTER.search(question)
    return m.group(1) if m else _counter(ol.noun, False)


def _balance_quotes(text: str) -> str:
    """A sentence cut from a longer quotation gets its missing opening or closing mark back."""
    opened, closed = text.count("“"), text.count("”")
    if closed > opened:
        return "“" + text
    if opened > closed:
        return text + "”"
    return text


def _intro_chunk(kb: Knowledge, person: Person) -> Chunk | None:
    """The chunk where the person is introduced with a title (the citation for who-holds-what)."""
    chunks = kb.chunks_of(person.name)
    for c in chunks:
        if person.title and person.title in c.text and person.name in c.text:
            return c
    named = next((c for c in kb.chunks if person.name in c.text and (not person.title or person.title in c.text)), None)
    # A title the text never writes out whole ("正方二辩" of "反方是乙队：…二辩某某"): where the text first names them.
    first = next((c for c in kb.chunks if person.name in c.text), None)
    return named or first or (chunks[0] if chunks else None)


def _listing_chunk(kb: Knowledge, people: list[Person]) -> Chunk | None:
    """The passage that names several of these people together (a programme's introduction of its guests, "出席会议
    的有…"): where the text itself lists them, cited before each one's own passage. None when no passage names at
    least two of them and half of them."""
    if len(people) < 2:
        return None
    names = [p.name for p in people]
    best, count = None, 0
    for c in kb.chunks:
        n = sum(name in c.text for name in names)
        if n > count and n >= 2 and n * 2 >= len(names):
            best, count = c, n
    return best


def _holding(holders: list[tuple[Person, str]]) -> str:
    """Everyone who holds the post asked about, each with the title the text gives ("副市长甲、副市长乙")."""
    return "、".join(f"{t}{h.name}" for h, t in holders)


def _around(text: str, word: str, limit: int = 60) -> str:
    """The clauses around the first mention of the word in the text, without the closing stop."""
    sentence = next((x for x in split_sentences(text) if word in x), text)
    return shape.short(sentence, lambda c: 1.0 if word in c else 0.0, limit).strip().rstrip("。；;")


def _cites(chunks: list[Chunk | None], limit: int = MAX_CITATIONS) -> list:
    return unique([from_chunk(c) for c in chunks if c is not None], limit=limit)


_BACK_REFERENCE = re.compile(r"^[，,\s]*(?:这个|这一|这家|这座|该|此|本)([\u4e00-\u9fff]{1,2})")


def _asked_gist(text: str, at_most: int = 40) -> str:
    """What a caller asked, in brief: their question sentence (else their first), cut to a clause."""
    sents = [x.strip().lstrip("：:") for x in split_sentences(text) if x.strip()]
    gist = next((x for x in sents if x.endswith(("？", "?"))), sents[0] if sents else "")
    if len(gist) > at_most:
        cut = max(gist.rfind(p, 0, at_most) for p in "，,；;")
        gist = gist[cut + 1:] if 0 < cut and len(gist) - cut - 1 <= at_most else gist[:at_most] + "…"
    return gist


def _opening(text: str, at_least: int = 40) -> str:
    """The first sentences of a passage, enough to say something ("可以。" alone does not)."""
    out = ""
    for sent in split_sentences(text):
        if len(out) >= at_least:
            break
        out += sent
    return out


# One statement of a person's, counted: "最后一个回答", "第二次发言", "第一段讲话".
_ONE_STATEMENT = re.compile(r"(?:个|次|段|轮)(?:回答|答复|发言|讲话|表态)|(?:回答|发言)(?:的|中)?(?:第|最后)")

_MEASURE_WORDS = ("个", "项", "条", "点", "大")
# The measure word a count question asks in ("一共几章", "分几批"): the character after 几 (个, 项, 条, 点 are any list's:
# "几条要求" counts the list's own items, and _count_stated_otherwise leaves them to it).
_ASKED_UNIT = re.compile(r"几([\u4e00-\u9fff])")
# Where words were said, not what about: "在会上", "文中", "采访中".
_SAID_WHERE = re.compile(r"在?(?:这次|本次|那次)?(?:会|会议|发布会|座谈会|常务会|推进会|调度会)上|文中|文章[中里]|报道[中里]"
                         r"|采访中|访谈[中里]")
# Speakers counted or listed by sex: "女发言人", "男领导", "女的局长".
_SEX_OF_SPEAKERS = re.compile(r"([女男])(?:性|的)?(?=发言人|发布人|领导|官员|干部|嘉宾|同志|" + _TITLE_WORDS + ")")
# A word for the person's sex before their post ("那个女局长", "人社局来的女领导"): who is meant, not a topic.
_SEX_WORD = r"(?:那个|这个|那位|这位|那名|这名)?(?:女|男)"
_LEADER_WORDS = ("领导", "干部", "同志", "负责人")
# The sex is what is asked: a choice, a check or the word itself ("是男同志还是女同志", "是女的吗", "性别").
_SEX_ASKED = re.compile(r"还是|是(?:一?[位个名])?[男女]|[男女]的|性别|吗|吧\s*[?？]|吧$|是否|是不是")


def sex_of_post(text: str, title: str) -> list[str]:
    """The words for a person's sex the question puts before their post ("那个女局长" asked of a 局长): they say
    who is meant. Only before the post the question names or a word for a leader: "女职工" is a topic."""
    posts = [t for t in TITLE_SUFFIXES if title.endswith(t)] + list(_LEADER_WORDS)
    rx = _SEX_WORD + r"(?=副?(?:" + "|".join(map(re.escape, sorted(posts, key=len, reverse=True))) + "))"
    return [m.group(0) for m in re.finditer(rx, text)]

# A named body: a government department of some level, or an institution by its kind.
# A body of government by its level and kind ("市财政局", "市发展改革委", "区人民政府"); a unit inside one
# ("市公安局交通警察支队") is named by the body first.
_GOVERNMENT_BODY = re.compile(r"[\u4e00-\u9fff]{2}[县区]人民政府|[市县区][\u4e00-\u9fff]{1,10}?(?:局|委员会|委|办公室)"
                              r"(?:[\u4e00-\u9fff]{2,6}?(?:支队|大队|分局))?")
# Words that say a place in an order, not what was said there ("最后一个回答提问的…").
_ORDER_WORDS = {"最后", "一个", "之后", "以后", "第一", "首先", "开头", "提问", "问题", "上场", "出场", "排在",
                "记者", "主持人", "主持", "网友", "观众", "听众"}  # "回答记者提问的": whose questions, not what was said
# The words of a question about the Nth speaker that only say which speaker: who they are and where in the order.
_SPEAKER_FRAME = frozenset(outline_mod.SPEAKER_NOUNS + outline_mod.OFFICIAL_NOUNS + outline_mod.PUBLIC_NOUNS) | _ORDER_WORDS
_BODY = re.compile(r"[市县区省州][\u4e00-\u9fff]{1,10}?(局|委员会|委|办公室|办|政府|中心)"
                   r"|[\u4e00-\u9fff]{2,10}(公司|集团|高校|大学|学院|学校|医院|银行|协会|领导小组|办公室|专班|指挥部)")
# The kinds of fact a partial answer lacks that another sentence about the same thing may hold, by the missing label.
# The missing fact of a passage that counts nothing in the asked counter ("数量（户）"): another passage may count it.
_COUNTED_MISSING = "数量（"
# A question for what someone said: "讲了什么", "演讲的内容是啥", "怎么说的", "发言说了哪些".
_SAYS_VERB = r"(?:说|表示|讲|问|答|指出|强调|介绍|告诉|感慨|坦言|回忆)"
# A question for someone's stance on a matter ("对…是咋表态的", "怎么回应的", "什么态度").
_STANCE_ASKED = re.compile(r"(?:咋|怎么|如何|怎样)(?:个)?(?:表态|回应|答复|回复|表的态)|(?:什么|啥)(?:态度|意见)")
_SAID_ASKED = re.compile(r"(?:说|讲|谈|聊|发言|讲话|演讲|表态)[^，,。？?！!]{0,6}?(?:什么|啥|哪些|内容)|怎么说|咋说|怎么讲")
_COMPLETABLE = {"目前的数量": ("number",), "when": ("when", "clock"), "clock": ("clock",), "number": ("number",),
                "money": ("money",), "share": ("share",)}
MAX_EVIDENCE_JOIN = 320
# A measure's closing words on who carries it out ("由市甲局牵头", "（牵头单位：…）", "报领导小组办公室备案").
_IN_CHARGE_OF = re.compile(r"牵头|负责|责任单位|承办|主办|组织实施|报送|备案")
# How a comparison asks, whatever it compares: "各自讲的重点有啥不一样", "分工", "管的是哪一块", "分别说了啥".
_COMPARE_FRAME = re.compile(r"各自|各管|各|分别|两位|两个人|两人|他们俩|俩|正副|那个|那位|这位|和|跟|与|同|及|有啥|有什么|"
                            r"什么|啥|不一样|不同|区别|差别|分工|侧重点|侧重|重点|主要|内容|讲的|说的|管的|负责的|哪一块|哪块|哪一摊|"
                            r"哪方面|方面|在这次|这次|访谈|发布会|会上|里|是|"
                            # what they did with words ("发言侧重点", "各自回答了网友什么问题"): still each one's gist
                            r"发言|讲话|回答|答复|回应|提问|问题|网友|记者|听众|说了|讲了|谈了|谈的|说法|观点|看法|二人|二位")
# A question that asks for a person's name, or who holds a post.
_ASKS_NAME = re.compile(r"叫什么|叫啥|什么名字|啥名字|名字是|姓名|姓什么|贵姓")
_ASKS_WHO = re.compile(r"是谁|是哪位|哪位|谁[?？]?$")
# A question frame ("什么时候办", "哪个部门"): what it ends in is no organisation's name.
_ASKING = re.compile(r"什么|时候|哪|怎么|多少|谁|啥")
_INLINE_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［]\d{4}[〕\]］]\s*\d{1,4}\s*号")

_BARE_HEADING = 30  # characters: a clause's first passage this short is its heading alone
MAX_CLAUSE_BODY = 160  # characters of a clause quoted whole
DERIVED_PASSAGES = 4  # the retrieved passages a sum over two passages looks in
_SHORT_DETAIL = 20  # characters: an item's first sentence this short says too little alone ("今天跑3组。")
MAX_ENTRY = 200  # characters of an entry under a heading quoted whole (a question and its answer)


def _refers_back(sentence: str, noun: str, previous: str = "") -> bool:
    """The sentence opens with a reference to the noun by its head word ("这个村" for 横樟村, "该项目"); the head
    may follow the noun in the previous sentence (the segmenter's "云岩" of "云岩村")."""
    m = _BACK_REFERENCE.match(sentence)
    if not m:
        return False
    heads = [m.group(1)[:n] for n in (1, 2) if len(m.group(1)) >= n]
    return any(noun.endswith(h) or re.search(re.escape(noun) + r"[\u4e00-\u9fff]?" + re.escape(h), previous)
               for h in heads)


# e5 similarities of one question to one person's statements sit within a few hundredths: a statement this close to
# the closest counts as about as close.
_STATEMENT_DENSE_TIE = 0.003
# A statement that holds less of the topic's words than this shares words with it by chance ("晋中" in a plan's
# name): every statement is then the answer, as for "what did X say".
_STATEMENT_TOPIC_MIN = 0.3


def _own_row(item: Item) -> str:
    """The sentence of an item's own passage that opens with its name and a field ("甲项目：主要建设内容：…", a
    table's row read as a sentence), or ""."""
    if item.chunk is None:
        return ""
    return next((x for x in split_sentences(item.chunk.text) if x.lstrip().startswith(item.text + "：")), "")


def _hits_of(chunks: list[Chunk]) -> list[Hit]:
    return [Hit(c, 1.0 / (i + 1)) for i, c in enumerate(chunks)]


class ExtractiveBackend:
    """Composes answers from the parsed corpus; instant on a CPU."""

    name = "extractive"

    def __init__(self, kb: Knowledge):
        self.kb = kb
        self._genders: dict[str, tuple[str, str]] = {}
        self._written_names: set[str] | None = None  # the documents' personal names, tagged on first need
        self._cast: list | None = None  # the documents' cast lines ("列席：…"), read on first need
        self._passages: dict[str, list[float]] = {}  # evidence sentences embedded once
        self._item_paragraphs: dict[str, set[int]] = {}  # per document, its list items' paragraphs, read on first need

    def answer(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Answer:
        """The answer for an understood question and its retrieval results."""
        handler = getattr(self, f"_{q.intent.value}")
        # "X由哪个部门牵头?" reads like who-said; a policy's own notes say who leads, and nobody said it.
        noted = self._duty_answer(standalone.text, standalone) if q.intent == Intent.WHO_SAID and not q.english else None
        out = noted or self._in_several_parts(standalone.text) or self._not_a_speaker(q, standalone) \
            or self._entry_of_previous(q, standalone) or self._continued(q, standalone) or handler(q, standalone, hits)
        if q.english and q.original and not out.found:
            # A Chinese route found nothing for an English question: the general English path gets its turn.
            q = dataclasses.replace(q, text=q.original, intent=Intent.GENERAL)
            out = self._general(q, standalone, hits or self.kb.searcher.search(standalone.text, k=5))
        out = self._with_profile_owner(q, standalone, out)
        out.intent = q.intent.value
        out.backend = self.name
        if not q.english:
            out.answer = shape.full_width(out.answer)
        out.answer = _clip(out.answer)
        if out.attribution and out.attribution not in out.answer:
            out.answer = f"{out.answer}\n{out.attribution}"
        return out

    def _with_profile_owner(self, q: Question, s: Standalone, out: Answer) -> Answer:
        """"谁负责信访工作?", "环评归哪位局领导管?" answered from a leaders' page: the duty is written in its holder's
        profile, which names them only in its heading, so the answer names them ("是X（posts）。"); that the passage
        names nobody is then no refusal. Any other answer as it is."""
        if q.person is not None or not out.citations or not self.kb.profiled or not (
                "person" in q.asks or q.intent == Intent.WHO_SAID or _ASKS_HOLDER.search(s.text)):
            return out
        cited = out.citations[0]
        owner = self._profile_owner(cited.doc_id, cited.start)
        if owner is None or owner[0] in out.answer:
            return out
        said = out.answer if out.found else cited.passage
        return dataclasses.replace(out, answer=msg.PROFILED.format(name=owner[0], title="、".join(owner[1])) + said,
                                   found=True)

    def _not_a_speaker(self, q: Question, s: Standalone) -> Answer | None:
        """Questions about people the documents name but who never speak, whatever route they took: a check of a
        non-speaker's post ("主持会议的某某是副市长吧"), or who attended ("列席的有哪些人"); None for any other."""
        if q.person is not None or q.english:
            return None
        return self._check_named(q) or self._named_post(q) or self._personnel_asked(s.text) \
            or self._profile_asked(q, s) or self._loose_holder(q, s) or self._silent_person(q, s) or (
            self._attended(q, s) if q.intent in (Intent.LIST_SPEAKERS, Intent.TITLE_LOOKUP, Intent.GENERAL) else None)

    def _silent_person(self, q: Question, s: Standalone) -> Answer | None:
        """"某某的演讲讲的是什么内容?" of someone the documents name (a prize list, a chair) but whose words they do
        not give: mentioned, with where, and said plainly that their words are not there; None for any other."""
        if q.intent not in (Intent.PERSON_SAID, Intent.GENERAL) or not _SAID_ASKED.search(s.text) \
                or asks_for(s.text) & {"number", "money", "when", "where", "clock", "duration"}:
            return None
        name = self._named_non_speaker(s.text)
        if not name or not _SAID_ASKED.search(s.text.replace(name, "")):
            return None
        chunk = next((c for c in self.kb.chunks if name in c.text), None)
        # Words the text quotes or reports of them ("老人某某拉着我说：“…”") are theirs, inside another's turn too.
        says = re.compile(re.escape(name) + r"[^。！？!?]{0,12}?" + _SAYS_VERB)
        if chunk is None or any(says.search(c.text) for c in self.kb.chunks):
            return None
        return Answer(answer=msg.SILENT_PERSON.format(name=name), found=False, citations=_cites([chunk], 1))

    def _profile_asked(self, q: Question, s: Standalone) -> Answer | None:
        """"杨某分管哪些科室?" of someone a leaders' page profiles: the profile's sentence that holds most of the rest
        of the question, with whose profile it is; None when the question names no profiled person or the profile
        shares none of its words."""
        name = next((n for n in self.kb.profiled if n in s.text), None)
        if name is None or q.intent in (Intent.GENDER, Intent.COMPARE):
            return None
        posts, chunks = self.kb.profiled[name]
        # The name, and the post it is addressed by ("杨某副局长"), say whose profile; the rest says what of it.
        roles = "|".join(re.escape(self.kb.titles.role(p) or p) for p in posts)
        rest = re.sub(f"(?:{roles})?{re.escape(name)}(?:{roles})?", "", s.text)
        hits = [Hit(c, 1.0) for c in chunks]
        ev = self.kb.evidence.best(rest, hits, max_hits=len(hits), one_subject=True)
        if ev is None or ev.coverage <= 0:
            return None
        out = self._found(ev, rest, hits)
        out.answer = msg.PROFILE_OF.format(name=name, title="、".join(posts)) + out.answer
        return out

    def _loose_holder(self, q: Question, s: Standalone) -> Answer | None:
        """"医保局新来的头头是谁?", "林草局那个挂职的副局长叫啥?" on a personnel notice or a leaders' page, whose people
        never speak: the one person appointed to (or profiled in) that body's post, named loosely; None otherwise."""
        if not (self.kb.appointments or self.kb.profiled) or q.person is not None \
                or not re.search(r"谁|哪个|哪位|叫(?:啥|什么|啥子)|名字", s.text):
            return None
        m = _LOOSE_POST.search(s.text)
        if m is None or self._holders(m.group("org") + m.group("role")):
            return None  # a speaker holds the post: the speakers' own routes answer
        # The body as short as the documents name it: "县头教育局" is the county's 教育局 in dialect.
        org = m.group("org")
        # Those appointed (a speaker too: the appointee who made the pledge), else those the documents name with a post.
        matchers = [self.kb.appointed_titles, self.kb.named_titles]
        found = next((f for matcher in matchers for k in range(max(1, len(org) - 2)) if (f := list(
            {p.name: (p, t) for p, t in matcher.candidates(org[k:] + m.group("role"))}.values()))), [])
        if len(found) > 1 and m.group("how"):
            # "挂职的副局长": the note the notice writes with the post says which
            how = re.sub(r"^(?:那个|那位|这个|这位|新来的|新任的)|的$", "", m.group("how"))
            noted = [(p, t) for p, t in found if how and any(a.name == p.name and how in a.note
                                                             for a, _ in self.kb.appointments)]
            found = noted or found
        if len(found) != 1:
            return None
        person, title = found[0]
        return Answer(answer=msg.TITLE_HOLDER.format(phrase=m.group("org") + m.group("role"), name=person.name,
                                                     title=title), found=True,
                      citations=self._mention(person.name, title))

    def _personnel_asked(self, question: str) -> Answer | None:
        """"这次任命了哪些人?", "免了几个人的职?": the appointments or removals the documents record, each with the
        post; None for a question that names someone or asks no list or count of them."""
        asked = _PERSONNEL_ASKED.search(question)
        if asked is None or not self.kb.appointments or not _ROSTER_ASKED.search(question) \
                or self._named_non_speaker(question) or re.search(r"[她他]|接替|接任", question):
            return None  # "那他辞职以后由谁接替?", "那个“她”是谁?" ask for one person, not the list
        homes = {self._home(c) for _, c in self.kb.appointments if c is not None}
        if any(scope.foreign_places(question, home) for home in homes):
            return None  # "乙市这次任命了哪些局长?": another place's appointments are not in the documents
        word = asked.group(0)
        actions = [APPOINTED, REMOVED] if word == "任免" else [REMOVED] if re.search(r"免|辞|撤", word) else [APPOINTED]
        parts, cites = [], []
        role = self.kb.named_titles.role(question)
        for action in actions:
            done = [(a, c) for a, c in self.kb.appointments if a.action == action]
            if role:
                # "任命了哪些局长?": the posts of that kind (a head's, not a deputy's), when any are
                done = [(a, c) for a, c in done if holds_role(a.post, role)] or done
            if done:
                items = "、".join(f"{a.name}（{a.post}{'，' + a.note if a.note else ''}）" for a, _ in done)
                parts.append((msg.APPOINTED_LIST if action == APPOINTED else msg.REMOVED_LIST).format(
                    n=len({a.name for a, _ in done}), items=items))
                cites += [c for _, c in done if c is not None]
        if not parts:
            return None
        return Answer(answer="".join(parts), found=True, citations=_cites(list({c.chunk_id: c for c in cites}.values())))

    def _named_post(self, q: Question) -> Answer | None:
        """"某某是干什么的?" of someone the text names with a post who never speaks (a leaders' page, a host): the
        posts the text gives them; None for any other question."""
        if q.intent not in (Intent.PERSON_TITLE, Intent.TITLE_LOOKUP, Intent.GENERAL, Intent.DOC_FACTS) \
                or not ASKS_TITLE.search(q.text) \
                or re.search(r"是谁|哪位|叫(?:什么|啥)", q.text) \
                or asks_for(q.text) & {"number", "when", "where", "duration", "money"}:
            # "局长是谁?" asks for a name, not a post; "帮多少位烈士查到了身份" a figure, whatever word of posts it holds
            return None
        name = self._named_non_speaker(q.text)
        titles = list(dict.fromkeys(self._posts_written_before(name))) if name else []
        if not titles:
            return None
        asking = [c for c in re.split(r"[?？!！。，,；;]", q.text) if ASKING_WORDS.search(c) and not ASKS_TITLE.search(c)]
        left = self.kb.appointed_posts(name)[1]
        if asking or re.search(r"以前|之前|过去|曾经", q.text) and not left:
            return None  # "…是什么职务？在会上干什么？" asks more; "以前在哪干过" asks a past the posts do not give
        title = "、".join(t for t in titles if not any(t != u and t in u for u in titles))
        text = msg.PERSON_TITLE.format(name=name, title=title)
        if left:
            # "孔某平原来是干什么的?": the notice that appoints them removes them from the post they held.
            text += msg.POSTS_LEFT.format(name=name, posts="、".join(left))
        return Answer(answer=text, found=True, citations=self._mention(name, titles[0]))

    def _entry_of_previous(self, q, s) -> Answer | None:
        """"是哪个单位答复的?", "后来咋处理的?" after an answer that quoted one entry of a page of entries (a message
        board's letter): that entry's own field, or its reply; None for any other follow-up."""
        told = (s.answered or s.said)[-1:]
        if not told or q.english or q.person is not None or q.ordinal is not None \
                or q.intent in (Intent.LIST_SPEAKERS, Intent.STRUCTURE, Intent.COMPARE):
            return None
        quoted = next((c for c in self.kb.chunks if c.section and any(_shares_stretch(c.text, t) for t in told)), None)
        if quoted is None:
            return None
        chunks = self._entry_of(quoted)
        fields = entries.entry_fields(chunks)
        asked = entries.asked_fields(s.text, fields, q.asks, strict=True) if fields else []
        reply = self._reply_said(chunks, s.text) if fields else None
        if not asked and reply is None:
            return None
        text = "".join(msg.ENTRY_FIELD.format(where=f"“{quoted.section}”", key=f.key, value=f.value) for f in asked)
        cites = [f.chunk for f in asked]
        if reply is not None and reply[2] not in text:
            text += reply[0]
            cites.append(reply[1])
        return Answer(answer=text, found=True, citations=_cites(cites))

    def _continued(self, q, s) -> Answer | None:
        """"还有呢?" after an answer that quoted part of a passage: the rest of that passage, from where the answer
        stopped (the next points of a list, the next sentences of a statement); else the next passage of the same
        part and speaker. None when the follow-up asks something of its own or the answer quoted no passage."""
        # A list's count and items are said whole, so "还有呢" after them asks nothing more of the list; the points of
        # a clause the question names ("夜间业态要做哪些") go on from the one an earlier answer quoted.
        clause_points = q.intent == Intent.STRUCTURE and q.ordinal is not None and q.ordinal.clause \
            and not q.ordinal.point
        if not s.exclude_passages or s.exclude_people or s.text != s.previous or q.intent in (
                Intent.LIST_SPEAKERS, Intent.STRUCTURE) and not clause_points:
            return None
        said = shape.full_width(s.exclude_passages[-1].split("\n——")[0])
        best, end = None, -1
        for c in self.kb.chunks:
            # The answer quoted the passage, or retold it ("一是…；二是…"): the stretches they share, 6
            # characters or more, say how much of it was said.
            text = shape.full_width(c.text)
            blocks = [b for b in SequenceMatcher(None, said, text, autojunk=False).get_matching_blocks() if b.size >= 6]
            shared = sum(b.size for b in blocks)
            if shared >= 12 and (best is None or shared > best[1]):
                best, end = (c, shared), max(b.b + b.size for b in blocks)
        if best is None:
            return None
        chunk = best[0]
        full = shape.full_width(chunk.text)
        # From the end of the sentence the answer stopped in.
        stop = min((i + 1 for i in range(max(end - 1, 0), len(full)) if full[i] in "。！？；"), default=len(full))
        rest = full[stop:].lstrip("”’\"」 ")
        if len(rest) < 12:
            nxt = next(iter(self._after(chunk, 1, same_speaker=True)), None)
            if nxt is None or already_said(nxt.text, s.exclude_passages):
                return None
            chunk, rest = nxt, shape.full_width(nxt.text)
        sents = split_sentences(rest)
        text = "".join(sents[:1])
        for x in sents[1:]:
            if len(text) + len(x) > MAX_CONTINUED:
                break
            text += x
        return Answer(answer=text, found=True, citations=_cites([chunk]),
                      attribution=shape.attribution(chunk, self._reported(chunk)))

    # --- shared pieces --------------------------------------------------------------------------
    def _similarity(self, question: str) -> SentenceSimilarity | None:
        """sentence → dense similarity to the question (the question's vector comes from the query cache)."""
        emb = self.kb.embeddings
        if emb is None:
            return None
        # The documents' own place says nothing of which sentence answers: it is read without it, as retrieval is.
        return SentenceSimilarity(self.kb.evidence.without_own_places(question), emb, self._passages,
                                  self.kb.sentence_vectors)

    def _host_of(self, chunk: Chunk) -> str | None:
        """The host whose turn a passage of a transcript is in ("主持人 张三：…"), as "主持人张三" (or "主持人" when
        the document does not name one); None for a passage in nobody's turn or another's."""
        doc = self.kb.corpus.document(chunk.doc_id)
        if doc is None:
            return None
        label = line_label(doc.body, chunk.start)[1]
        if label is None or label.role != HOST_ROLE:
            return None
        name = label.speaker.name if label.speaker and label.speaker.name else (
            doc.hosts[0] if len(doc.hosts) == 1 else "")
        return f"主持人{name}"

    def _reported(self, chunk: Chunk) -> bool:
        doc = self.kb.corpus.document(chunk.doc_id)
        # A letter, a report or a speech that a site publishes is still its issuer's text, not a news report.
        # So is a page a bureau publishes without a reporter (a policy explainer): nobody reported it.
        return bool(doc and (doc.meta.reporters or doc.meta.outlet)) and not (doc and doc.is_decision) \
            and not (doc and not doc.meta.reporters and (genres.issued_title(doc.meta.title)
                                                           or holders_mod.issuer(doc)))

    def _terms(self, text: str, drop: tuple[str, ...] = ()) -> dict[str, float]:
        return self.kb.evidence.terms(text, drop)

    def _content_terms(self, text: str, drop: tuple[str, ...] = ()) -> dict[str, float]:
        """The question's words less the frame of a question about someone's words: speech verbs and the nouns
        that only name a kind of statement ("提出了什么要求", "有啥看法" ask what was said, about anything)."""
        for d in sorted(filter(None, drop), key=len, reverse=True):
            text = text.replace(d, "")  # the person, as written: the segmenter may cut "住建局" otherwise in context
        return {t: w for t, w in self._terms(text, drop).items() if t not in scope.GENERIC and t not in SPEECH_VERBS}

    def _short(self, ev: Evidence, question: str, drop: tuple[str, ...] = ()) -> str:
        """The clause(s) of the evidence that hold what was asked, balanced quotes, pronoun made explicit."""
        terms = self._terms(question, drop)
        text = _balance_quotes(ev.text)
        c = ev.chunk
        if c.speaker and _LEADING_PRONOUN.match(text):
            text = _LEADING_PRONOUN.sub(_label(c), text, count=1)
        wants = [k for k in ("number", "when", "where") if k in asks_for(question)]

        def score(clause: str) -> float:
            """Question words the clause holds, plus the asked-for kinds of fact: a figure counts more in the counter
            and per-unit the question asks it in ("多少座" → "2360座", not "12个乡镇"; "每户最多" → "每户最高50万元")."""
            s = self.kb.evidence.coverage(terms, clause) if terms else 0.0
            held = [k for k in wants if shape.has_type(clause, k)]
            s += 0.5 * len(held)
            if "number" in held:
                s += 0.25 * (not scope.missing_measure(question, clause)) + 0.25 * (not scope.missing_rate(question, clause))
            return s

        return _balance_quotes(shape.short(text, score))

    def _found(self, ev: Evidence, question: str, hits: list[Hit], drop: tuple[str, ...] = ()) -> Answer:
        """A direct answer: the short clause, who said it, the supporting citations."""
        listed = self._enumerated(ev, question)
        text = listed[0] if listed else self._short(ev, question, drop)
        if not listed and text.rstrip().endswith(("：", ":")):
            # "他对下一阶段工作作出五项安排：" is no answer by itself: whatever was asked, the items it announces are.
            lead = next((x for x in reversed(ev.sentences) if x.rstrip().endswith(("：", ":"))), "")
            listed = self._enumerated(dataclasses.replace(ev, sentences=[lead]), question, every=True) if lead else None
            if listed:
                # the sentence that answered leads the citations, then the passages of its items
                text, listed = listed[0], (listed[0], [ev.chunk, *(c for c in listed[1] if c.chunk_id != ev.chunk.chunk_id)])
        cites = self._supporting(ev.chunk, question, hits, drop)
        if listed:
            cites = unique(_cites(listed[1]) + cites, limit=MAX_CITATIONS)
        run = self._numbered_run(ev.chunk)
        if len(run) >= 2 and run[1].text.strip() in ev.text:
            cites = unique(_cites(run) + cites, limit=MAX_CITATIONS)  # a list given whole cites each of its items
        return Answer(answer=text, found=True, citations=cites,
                      attribution=shape.attribution(ev.chunk, self._reported(ev.chunk)))

    def _enumerated(self, ev: Evidence, question: str, every: bool = False) -> tuple[str, list[Chunk]] | None:
        """For a question that wants every item ("一条一条给我列全"), or every question (every), the enumeration the
        evidence opens or announces ("一是…二是…", "1.…2.…", "五项重点任务：" then its items), item by item, with its
        passages."""
        if not every and not shape.LIST_ALL.search(question):
            return None
        c = ev.chunk
        first = ev.sentences[0] if ev.sentences else ""
        if not shape.opens_enumeration(first):
            return None  # the evidence is no list's opening: one item, or a sentence inside an item
        text = c.text[c.text.find(first):] if first and first in c.text else c.text
        passages = [c]
        order = [x for x in self.kb.chunks if x.doc_id == c.doc_id and x.section == c.section and x.start >= c.end]
        heading = shape.CLAUSE_MARK.match(first)
        if heading and len(text.strip()) > len(first.strip()) + 10:
            order = []  # "（一）构建…格局。以…为核心，建设…": the clause says it in its own words
        for nxt in sorted(order, key=lambda x: x.start)[:8]:
            if heading and shape.CLAUSE_MARK.match(nxt.text):
                break  # the next clause of the same level is not this one's item
            # The items go on in the passages after it while each opens with a marker ("2.…", "二是…").
            opens = bool(shape.POINT_AT_START.match(nxt.text))
            if nxt.speaker != c.speaker or not (opens or text.rstrip().endswith(("：", ":"))):
                break
            text += "\n" + nxt.text  # a passage starts a line: "3.9月15日前…" is item 3, not 3.9
            passages.append(nxt)
        # Every item asked for, each with the figure it sets, not only its opening words ("一是对…便利店，给予一次性3万元
        # 开店补贴").
        items = shape.points(text, at_least=40, at_most=80)
        if len(items) < 2 and first.rstrip().endswith(("：", ":")):
            # "需要准备的材料：" over unmarked lines ("身份证；", "户口簿。"): one item a line, to the line that ends
            # the list with a stop.
            items = []
            for line in (x.strip() for x in text[text.find(first) + len(first):].split("\n")):
                if not line:
                    continue
                items.append(_clip(line.rstrip("；;。"), 80))
                if not line.endswith(("；", ";")):
                    break
        if len(items) < 2:
            return None
        intro = split_sentences(text)[0] if not re.match(r"\s*(?:[一二三四五六七八九十]是|第|\d|[（(]|首先)", text) else ""
        if intro and items[0] in intro:
            intro = intro[: intro.find(items[0][:4])] if items[0][:4] in intro else ""
        intro = _clip(intro.strip().rstrip("：:，,。；;"), 80)  # a lead on a line of its own ends with the line's break
        body = "；".join(items)
        answer = f"{intro}：{body}。" if intro else f"{body}。"
        used = [p for p in passages if any(i[:8] in p.text for i in items)] or passages[:1]
        return _clip(answer), used

    def _supporting(self, first: Chunk, question: str, hits: list[Hit], drop: tuple[str, ...] = ()) -> list:
        """The evidence's passage, then other retrieved passages only when they also support the answer."""
        terms = self._terms(question, drop)
        others = [h.chunk for h in hits if h.chunk.chunk_id != first.chunk_id
                  and self.kb.evidence.coverage(terms, index_text(h.chunk)) >= MIN_COVERAGE]
        return _cites([first] + others)

    def _refuse(self, q: Question, s: Standalone, hits: list[Hit], ev: Evidence | None = None,
                verdict: answerability.Verdict | None = None) -> Answer:
        """Outcome two (topic there, asked fact not) or three (not covered, with questions that can be answered)."""
        if ev is not None and verdict is not None and verdict.outcome == answerability.PARTIAL:
            topic = self._topic(s.text, ev)
            if topic:
                text = msg.PARTIAL.format(topic=topic, what=msg.ASKED.get(verdict.missing, verdict.missing or "这一点"))
                return Answer(answer=text, found=False, citations=_cites([ev.chunk], 1))
        out = not_found(q.english)
        out.suggestions = self._suggestions(hits)
        if out.suggestions and not q.english:
            out.answer += msg.SUGGEST.format(items="；".join(out.suggestions))
        return out

    def _topic(self, question: str, ev: Evidence) -> str:
        """The longest stretches of the question that the passage contains word for word (the topic it shares)."""
        q = re.sub(r"[\s,，、。?？!！:：;；“”\"'（）()]", "", question)
        text = ev.chunk.text
        found: list[tuple[int, int]] = []
        starts = scope.word_starts(q)  # a stretch starts where a word does: not "轮抽检" of "第二轮抽检"
        i = 0
        while i < len(q):
            j = next((j for j in range(len(q), i + 2, -1) if q[i:j] in text), 0) if i in starts else 0
            if j:
                found.append((i, j))
                i = j
            else:
                i += 1
        # A shared stretch may start or end on a particle ("的停车场"): the topic is the words inside it.
        phrases = sorted((re.sub(r"^[的了在和与及]+|[的了在和与及]+$", "", q[a:b]) for a, b in found), key=len, reverse=True)
        phrases = [p for p in phrases if len(p) >= 2]
        phrases = [p for p in phrases if p not in QUESTION_WORDS][:2]
        if not phrases:
            terms = self._terms(question)
            phrases = [t for t, w in sorted(terms.items(), key=lambda tw: -tw[1]) if len(t) >= 2 and t in text][:2]
        return "、".join(f"“{p}”" for p in phrases)

    def _suggestions(self, hits: list[Hit]) -> list[str]:
        """Two or three questions the documents can answer, near what was asked."""
        out: list[str] = []
        for h in hits:
            c = h.chunk
            if c.speaker:
                out.append(f"{_label(c)}说了什么？")
            elif asked := heading_question(c.text) or heading_question(c.section):
                out.append(asked)  # an entry's own question ("三、补贴标准是多少？"), as the page asks it
            elif c.section:
                out.append(f"{c.section}讲了什么？")
        if len(set(out)) < 2:
            out += [f"{_person_label(p)}说了什么？" for p in self.kb.people[:3]]
            # A list the documents name by a word of their own ("行动", "意见"); a run of "第一…第二…" with no name
            # ("文中的第一有哪些？") and lists of passages (paragraphs, questions, speakers) make no question.
            named = [ol for src in ("parts", "sections", "enumeration", "numbered", "headed", "markers")
                     for ol in self.kb.outline.lists if ol.source == src and (ol.alias or src != "markers" and ol.noun)]
            for ol in named[:1]:
                out.append(f"文中的{ol.alias or ol.noun}有哪些？")
        return list(dict.fromkeys(out))[:3]

    def _in_scope(self, question: str, ev: Evidence, verdict: answerability.Verdict,
                  check_places: bool = True) -> answerability.Verdict:
        """A found passage must be about the place asked about and hold the specific thing asked for."""
        c = ev.chunk
        doc = self.kb.corpus.document(c.doc_id)
        # The passage's context: the same speaker's other words in that section (or, for narration, the
        # passage just before), the heading and the document itself.
        same = [x.text for x in self.kb.chunks if x.doc_id == c.doc_id and x.section == c.section and (
            (c.speaker and x.speaker == c.speaker) or (not c.speaker and x.end <= c.start and c.start - x.end < 4))]
        # A body speaking in its own voice ("我镇…") is about itself: its name is part of the context.
        context = " ".join([c.text, voice(c), *same, c.section, c.doc_title, c.doc_id, doc.meta.outlet if doc else ""])
        foreign = scope.foreign_places(question, context) if check_places else []
        # A person's name is no place, though a place may hide in it ("梁秀英" holds 秀英, a district's name).
        names = [p.name for p in self.kb.people if p.name in question]
        foreign = [f for f in foreign if not any(f in n for n in names)]
        if check_places and not foreign and any(scope.core_place(p) not in context
                                                for p in self._corpus_places(question)):
            # Another place of the same documents ("乙区…" over a passage about 甲区): not this passage's subject,
            # and no typo to correct.
            return answerability.Verdict(answerability.NONE, coverage=verdict.coverage, dense=verdict.dense)
        if foreign:
            home = " ".join([c.doc_title, c.doc_id, doc.meta.outlet if doc else ""])
            wrong = [p for p in foreign if not any(p != o and p in o for o in foreign)]  # "松林" is "松林县"
            right = scope.corrected_place(question, wrong[0], ev.text, home) if len(wrong) == 1 else ""
            if not right:
                return answerability.Verdict(answerability.NONE, coverage=verdict.coverage, dense=verdict.dense)
            # A wrong detail of place in a question the passage answers: corrected, then answered.
            verdict = dataclasses.replace(verdict, premise=msg.WRONG_PLACE.format(right=right, wrong=wrong[0]))
        if BODIES_ASKED.search(question) and not _BODY.search(ev.text):
            # "哪几个部门联合发的": a passage that names no body does not say which.
            return answerability.Verdict(answerability.PARTIAL, "具体单位", verdict.coverage, verdict.dense)
        # A year scopes an asked figure ("2021年…多少游客"); in a question that asks why or how it is a premise
        # to correct with the passage, not a reason to refuse.
        years = scope.missing_years(question, context) if asks_for(question) & {"number", "money", "when"} else []
        if years:
            return answerability.Verdict(answerability.PARTIAL, f"{years[0]}年的情况", verdict.coverage, verdict.dense)
        other_year = scope.missing_asked_year(question, ev.text, doc.meta.published if doc else "")
        if other_year and asks_for(question) & {"number", "money", "when"}:
            # "去年服务了多少名学生?" over "今年…预计可服务3.5万人": this year's figure is not last year's.
            return answerability.Verdict(answerability.PARTIAL, f"{other_year}的情况", verdict.coverage, verdict.dense)
        kind = self._fact_elsewhere(question, ev)
        if kind:
            # "S11线全长多少公里?" over "X线全长28.6公里。同时推进S11线…": the figure belongs to another subject.
            return answerability.Verdict(answerability.PARTIAL, kind, verdict.coverage, verdict.dense)
        # What is asked sits in the sentences marked with "?": a long message's background ("种了十几亩") asks nothing.
        asked = scope.marked_questions(question)
        rate = scope.missing_rate(asked, ev.text) if asks_for(asked) & {"number", "money"} else ""
        if rate:
            # "每人最多能领多少?" over "共安排消费券500万元": a total is no amount per person.
            return answerability.Verdict(answerability.PARTIAL, f"{rate}的数额", verdict.coverage, verdict.dense)
        if scope.too_few_figures(asked, ev.text):
            # "市级财政出了多少，向上争取了多少?" over "计划总投资12.6亿元": one figure for two asked.
            return answerability.Verdict(answerability.PARTIAL, "各项的具体数字", verdict.coverage, verdict.dense)
        numbered = scope.missing_numbered(asked, ev.text)
        if numbered:
            return answerability.Verdict(answerability.PARTIAL, f"{numbered}的情况", verdict.coverage, verdict.dense)
        if asks_for(asked) & {"number", "money"} and scope.target_only(asked, ev.text):
            # "现在已经建成了多少个?" over "到2027年，建成…1200个以上": a target is not how things stand.
            return answerability.Verdict(answerability.PARTIAL, "目前的数量", verdict.coverage, verdict.dense)
        unit = scope.missing_measure(asked, ev.text)
        if unit:
            # "多少户低保户": a number of yuan per household does not count the households.
            return answerability.Verdict(answerability.PARTIAL, f"数量（{unit}）", verdict.coverage, verdict.dense)
        if scope.members_missing(asked, ev.text):
            return answerability.Verdict(answerability.PARTIAL, "list", verdict.coverage, verdict.dense)
        level = scope.missing_level(question, self._with_previous(ev))
        if level:
            return answerability.Verdict(answerability.PARTIAL, level, verdict.coverage, verdict.dense)
        choice = scope.unheld_choice(asked, ev.text)
        if choice:
            # "木栈道用的是防腐木还是塑木?" over the lot that builds the boardwalk: which of the two is not said.
            return answerability.Verdict(answerability.PARTIAL, choice, verdict.coverage, verdict.dense)
        noun = scope.asked_noun(asked)
        if noun and c.speaker and "person" in asks_for(asked) and scope.names_speaker(noun, c.speaker_title, c.section):
            noun = ""  # "这话是哪位嘉宾说的?": the passage's speaker is the person asked for, whatever it calls them
        if noun and not scope.holds_noun(noun, ev.text, scope.asks_which(noun, asked)) \
                and not scope.listed_after(noun, asked, ev.text) and not (
                    # a noun of no kind of fact may be said in other words: the calibrated model's word decides
                    scope.held_by_naming(noun, asked) and (verdict.probability or 0.0) >= answerability.NOUN_BY_MEANING):
            return answerability.Verdict(answerability.PARTIAL, noun, verdict.coverage, verdict.dense)
        if scope.names_asked(asked) and not scope.holds_names(
                ev.text, self.kb.titles.role(self.kb.titles.title_phrase(asked)), asked):
            missing = "姓名" if scope.asks_holder_name(asked) else "名称"
            return answerability.Verdict(answerability.PARTIAL, missing, verdict.coverage, verdict.dense)
        if asks_for(asked) & {"when", "clock"} and _HELD.search(ev.text) and self._asked_event(asked, ev.text):
            # "什么时候开工?" over "11月13日，召开…评审会": the date of a meeting held is no date of what was asked.
            return answerability.Verdict(answerability.PARTIAL, "when", verdict.coverage, verdict.dense)
        post = scope.asked_holder(asked)
        if post and not (c.speaker and scope.names_speaker(post, c.speaker_title, c.section)) and not scope.holds_names(
                ev.text, self.kb.titles.role(post), f"{post}叫什么名字") and not scope.named_before(ev.text, post):
            # "合作社的理事长是哪一位?" over a passage that names the post and no one holding it: the name is not given.
            return answerability.Verdict(answerability.PARTIAL, "姓名", verdict.coverage, verdict.dense)
        return verdict

    def _asked_event(self, question: str, evidence: str) -> str:
        """The event a when-question asks the time of ("什么时候开工" → 开工), when the documents write it but the
        evidence does not: its date is then another event's; "" otherwise (a word the documents never use may be
        said in other words)."""
        weights = self.kb.evidence.terms(question)
        text = evidence.lower()
        verbs = [w for w in scope.verbs_of(question) if w in weights and len(w) >= 2 and w in self.kb.keyword.vocab]
        # "哪天开始施行" over "自…起施行": one of the asked verbs is enough.
        return verbs[0] if verbs and not any(v in text for v in verbs) else ""

    def _section_before(self, chunk: Chunk) -> str:
        """The passages of its section before this one, in order: the account of the matter a statement answers."""
        before = sorted((c for c in self.kb.chunks if c.doc_id == chunk.doc_id and c.section == chunk.section
                         and c.end <= chunk.start), key=lambda c: c.start)
        return " ".join(c.text for c in before)

    @staticmethod
    def _with_previous(ev: Evidence) -> str:
        """The evidence with the sentence before it in its passage ("走进某村。这个村海拔…" names the village)."""
        sents = split_sentences(ev.chunk.text)
        i = next((i for i, x in enumerate(sents) if ev.sentences and x == ev.sentences[0]), 0)
        return "".join(sents[max(0, i - 1):i]) + ev.text

    def _fact_elsewhere(self, question: str, ev: Evidence) -> str:
        """The asked-for kind of fact (a figure, a sum, a date) when no sentence of the evidence holds it
        together with the question's most specific word, else "": a fact answers about what its sentence is about."""
        asks = asks_for(question)
        kinds = [k for k in ("number", "money", "when") if k in asks]
        if not kinds or len(ev.sentences) < 2:
            return ""
        # The words that say whose words are asked ("农业农村局的一把手说…多少亩枸杞") name no subject of the fact.
        key = self._key_word(question, ev, aside=self._who_asked(question))[1]
        if not key:
            return ""
        # "…走进横樟村。这个村有132户人家": a sentence that refers back to the key by its head ("这个村", "该项目")
        # is about it too.
        # A clause's heading ("六、给予创业场地租金补贴。") names what the sentence after it is about.
        with_key = [x for i, x in enumerate(ev.sentences) if key in x.lower() or (
            i and key in ev.sentences[i - 1].lower() and (_refers_back(x, key, ev.sentences[i - 1].lower())
                                                          or _is_clause_heading(ev.sentences[i - 1])
                                                          or _introduces(ev.sentences[i - 1], key)))]
        for k in kinds:
            if not any(shape.holds(x, k, question, asks) for x in with_key):
                return k
        return ""

    def _key_word(self, question: str, ev: Evidence, aside: tuple[str, ...] = ()) -> tuple[dict[str, float], str]:
        """The question's weighted words, and the most specific of them that the evidence holds ("" if none); a word
        within one of aside only when no other is held."""
        weights = self.kb.evidence.terms(question)
        present = [t for t in weights if len(t) >= 2 and t in ev.text.lower()]
        present = [t for t in present if not any(t in w for w in aside)] or present
        return weights, max(present, key=lambda t: weights[t]) if present else ""

    def _who_asked(self, question: str) -> tuple[str, ...]:
        """The words that name whose words a question asks about: its title phrase, the people it names, the body of
        a head named loosely ("农业局的一把手"), and the posts of the documents' people (a loose title is searched as
        the full one). None when the question names nobody."""
        names = [p.name for p in self.kb.people if p.name and p.name in question]
        phrase = self.kb.titles.title_phrase(question)
        if not (phrase or names or HEAD_WORD.search(question)):
            return ()
        bodies = [m.group(0) for m in ORG_WORD.finditer(question)]
        posts = [t for p in self.kb.people for t in p.titles]
        return tuple(w.lower() for w in (phrase, *names, *bodies, *posts) if w)

    def _quoted(self, question: str, speaker: str = "") -> Evidence | None:
        """A phrase the question quotes (“…”) that stands word for word in a passage: that passage is the evidence."""
        for m in re.finditer(r"[“\"「]([^”\"」]{2,40})[”\"」]", question):
            # Quotation marks inside the text's own wording ("群众关心的“身边事”") do not change the words.
            phrase = re.compile(_INNER_QUOTE.join(map(re.escape, _INNER_QUOTE_RX.sub("", m.group(1)))))
            for c in self.kb.chunks:
                if phrase.search(c.text) and (not speaker or c.speaker == speaker):
                    sents = split_sentences(c.text)
                    i = next((i for i, x in enumerate(sents) if phrase.search(x)), 0)
                    chosen = sents[i:i + 1]
                    # A heading-like sentence ("（一）构建“X”格局。") says nothing alone: its next sentence does.
                    while i + 1 < len(sents) and sum(map(len, chosen)) < 40:
                        i += 1
                        chosen.append(sents[i])
                    return Evidence(c, chosen, 1.0, 0)
        return None

    def _with_answers(self, hits: list[Hit]) -> list[Hit]:
        """A retrieved question (a reporter's turn) brings the passage that answers it, right after it."""
        out = []
        order = {c.chunk_id: i for i, c in enumerate(self.kb.chunks)}
        for h in hits:
            out.append(h)
            c = h.chunk
            if c.text.rstrip().rstrip("”’\"')）").endswith(("？", "?")) or c.source_kind == "question":
                i = order.get(c.chunk_id, -1) + 1
                if 0 < i < len(self.kb.chunks) and self.kb.chunks[i].doc_id == c.doc_id:
                    nxt = self.kb.chunks[i]
                    if all(x.chunk.chunk_id != nxt.chunk_id for x in hits):
                        out.append(Hit(nxt, h.score, h.keyword_rank, h.dense_rank, h.keyword_score, h.dense_score))
        return out

    def _named_only_check(self, question: str) -> Answer | None:
        """"某某是渔业发展中心的人吗?" about someone the text names but who never speaks (a contact person, a signer):
        yes or no against the line that names them, quoted; None when the question is no such check."""
        m = _IS_CLAIM.match(question.strip())
        if not m or not is_name(m.group("name")) or any(p.name == m.group("name") for p in self.kb.people):
            return None
        claim = m.group("claim") or m.group("claim1") or ""
        if ASKING_WORDS.search(claim):
            return None
        name, claim = m.group("name"), re.sub(r"^(?:市|区|县)|(?:的人|的|单位|部门|的成员)$", "", claim)
        if re.search(r"被|免|撤|辞|退休|调走|提拔|升", claim):
            return None  # "某某是不是被免职了?" claims a change, not a post: a word-for-word match would say "不是"
        taken, left = self.kb.appointed_posts(name)
        gone = next((p for p in left if claim in p), None)
        if gone is not None and not any(claim in p for p in taken):
            # "某某是乙局局长吗?" of someone the notice removes from that post: no longer.
            chunk = next((c for a, c in self.kb.appointments if a.name == name and a.post == gone and c), None)
            return Answer(answer="不是。" + msg.POST_LEFT_NOW.format(name=name, post=gone), found=True,
                          citations=_cites([chunk] if chunk else []))
        for c in self.kb.chunks:
            line = next((x for x in re.split(r"(?<=[。！？；\n])", c.text) if name in x), "")
            if line and claim:
                said = line.strip()
                head = "是。" if claim in said.replace(name, "") else "不是。"
                return Answer(answer=head + msg.NAMED_AS.format(text=said), found=True, citations=_cites([c]),
                              attribution=shape.attribution(c, self._reported(c)))
        return None

    def _derived(self, s: Standalone, hits: list[Hit]) -> Answer | None:
        """A sum, difference or remainder of figures one retrieved passage states ("补贴加上建设资金一共多少",
        "还剩几个没整改"), computed and shown with the passage; None when no near passage names each figure."""
        if not arithmetic.operation(s.text):
            return None
        for h in hits[:3]:
            c = h.chunk
            derived = arithmetic.derive(s.text, c.text)
            if derived is None:
                continue
            if scope.foreign_places(s.text, self._home(c)):
                return None  # "乙市的两项补贴加起来多少?" over 甲市's figures
            first, last = derived.operands[0].start, derived.operands[-1].start
            said, at = [], 0
            for sent in split_sentences(c.text):
                if at <= max(first, last) and at + len(sent) > min(first, last):
                    said.append(sent)
                at += len(sent)
            text = msg.DERIVED.format(sum=derived.text) + "\n" + _balance_quotes("".join(said).strip())
            return Answer(answer=text, found=True, citations=_cites([c]),
                          attribution=shape.attribution(c, self._reported(c)))
        return self._derived_across(s, hits)

    def _derived_across(self, s: Standalone, hits: list[Hit]) -> Answer | None:
        """The same over two retrieved passages of one document when neither names every figure ("首批订单3.8万元"
        in one, "发出去工资4.3万元" in the next): each figure from the passage that states it, both quoted."""
        top = [h.chunk for h in hits[:DERIVED_PASSAGES]]
        for a, b in itertools.combinations(top, 2):
            if a.doc_id != b.doc_id:
                continue
            second = len(a.text) + 1  # where b starts in the two joined
            derived = arithmetic.derive(s.text, a.text + "\n" + b.text)
            if derived is None or {o.start >= second for o in derived.operands} != {False, True}:
                continue  # one passage alone holds them all (already tried), or the figures are not found
            if scope.foreign_places(s.text, self._home(a)):
                return None
            said = [_sentence_at(b.text, o.start - second) if o.start >= second else _sentence_at(a.text, o.start)
                    for o in derived.operands]
            text = msg.DERIVED.format(sum=derived.text) + "\n" + _balance_quotes(
                "".join(dict.fromkeys(x.strip() for x in said if x)))
            return Answer(answer=text, found=True, citations=_cites([a, b]),
                          attribution=shape.attribution(a, self._reported(a)))
        return None

    def _in_several_parts(self, question: str) -> Answer | None:
        """"哪个官员在两个不同的行动里都讲了话?": the speakers whose words stand in two or more sections of one
        document, each with those sections, cited at their first words in each; None for any other question, or
        when nobody speaks in two."""
        m = _SEVERAL_PARTS_Q.search(question)
        if m is None or not ASKING_WORDS.search(question):
            return None
        found = []
        for p in self.kb.people:
            by_section: dict[str, Chunk] = {}
            for c in self.kb.chunks_of(p.name):
                if c.section:
                    by_section.setdefault(c.section, c)
            if len(by_section) >= 2:
                found.append((p, by_section))
        if not found:
            return None
        noun = m.group("noun")
        items = "；".join(f"{_person_label(p)}（{'、'.join(_HEADING_NUMBER.sub('', t) for t in parts)}）"
                         for p, parts in found)
        cites = [c for _, parts in found for c in parts.values()]
        return Answer(answer=msg.SEVERAL_PARTS.format(n=len(found), noun=noun, items=items), found=True,
                      citations=_cites(cites[:MAX_CITATIONS]))

    def _home(self, c: Chunk) -> str:
        """A passage with where it stands (its section, document and outlet): what a place the question names is
        looked for in."""
        doc = self.kb.corpus.document(c.doc_id)
        return " ".join([c.text, c.section, c.doc_title, c.doc_id, doc.meta.outlet if doc else ""])

    def _figure_check(self, s: Standalone, hits: list[Hit]) -> Answer | None:
        """A figure the question states as a fact ("听说最高只能贷20万，是这样吗?") that a retrieved passage gives
        otherwise for the same thing: corrected with that passage; None when none does."""
        if not premise.claims(s.text):
            return None
        chunks = [h.chunk for h in hits[:answerability.DENSE_RANK_MAX]]
        sentences = [(c, sent) for c in chunks for sent in split_sentences(c.text)]
        verdict = premise.check(s.text, [sent for _, sent in sentences])
        if verdict is None:
            return None
        c = next(c for c, sent in sentences if sent == verdict.sentence)
        if scope.foreign_places(s.text, self._home(c)):
            return None  # "乙市的补贴是20万吧?" over 甲市's figure
        said = _balance_quotes(verdict.sentence.strip())
        if premise.same_value(verdict.claim, verdict.figure) or verdict.ambiguous:
            # "到2028年…达到1200万人次" over "到2030年，…1200万人次": the figure is right, its year is not.
            text = msg.FIGURE_OTHERWISE.format(sentence=said)
        else:
            right = premise.written(verdict.sentence, verdict.figure)
            text = msg.FIGURE_CORRECTED.format(right=right, wrong=verdict.claim.written, sentence=said)
        return Answer(answer=text, found=True, citations=_cites([c]), attribution=shape.attribution(c, self._reported(c)))

    def _by_meaning(self, q, s, hits, drop, similarity, last_resort: bool = False):
        """The best sentence of each of the densest passages, judged by its meaning; the closest that passes."""
        best = None
        for h in _densest(hits):
            ev = self.kb.evidence.best(s.text, [h], drop=drop)
            if ev is None:
                continue
            verdict = answerability.judge(ev, hits, q.asks, similarity, s.text, last_resort=last_resort)
            if verdict.outcome != answerability.NONE and (best is None or verdict.dense > best[1].dense):
                best = (ev, verdict)
        return best

    def _answer_to_asked(self, question: str, drop, similarity, headings_only: bool = False):
        """The answer after the question the documents ask (a press conference's, an interview's, a Q&A page's
        heading) nearest in meaning to this one, if near enough."""
        outline = self.kb.outline
        if not outline.asked and not outline.headings:
            return None
        terms = self._terms(question, drop)
        # A page's heading is short and names its topic: near in meaning, it must also share the question's words,
        # or a question about another detail of the same topic takes its answer ("救助金要退吗?" for "算不算收入").
        pairs = ([] if headings_only else outline.asked) + [
            (h, a) for h, a in outline.headings if self.kb.evidence.coverage(terms, h) >= answerability.TOPIC_PRESENT]
        if not pairs:
            return None
        sim, answer = max(((similarity(asked), a) for asked, a in pairs), key=lambda t: t[0])
        if sim < answerability.SAME_QUESTION_MIN or answer is None:
            return None
        # A page's entry may open with its field lines ("留言人：… 办理单位：…"): the reply after them answers.
        def says(c: Chunk) -> list[str]:
            return [x for x in split_sentences(c.text) if not unasked_field(x, question)]

        # Only when the answer holds nothing but field lines do the chunks after it (the reply) stand in for it.
        told = [answer] if says(answer) else [c for c in self._after(answer, 2) if says(c)]
        if not told:
            return None
        steps = self._numbered_run(told[0])
        if len(steps) >= 2:
            # "怎么申请？" over "1. 登录… 2. 填写… 3. 等待审核…": the steps are the answer, all of them.
            ev = self._list_evidence(steps, terms)
            return ev, answerability.Verdict(answerability.ANSWER, coverage=ev.coverage, dense=sim)
        ev = self.kb.evidence.best(question, [Hit(c, 1.0) for c in told], drop=drop)
        if ev is None or not ev.coverage:
            ev = Evidence(told[0], says(told[0])[:2], 0.0, 0)
        return ev, answerability.Verdict(answerability.ANSWER, coverage=ev.coverage, dense=sim)

    def _list_evidence(self, items: list[Chunk], terms: dict[str, float]) -> Evidence:
        """A numbered list's items as one piece of evidence, each closed so that they read apart ("1. 登录…；")."""
        sents = [x for c in items for x in split_sentences(c.text)]
        sents = [x if x.rstrip().endswith(tuple("。；;！？!?：:")) else x.rstrip() + ("；" if k < len(sents) - 1 else "。")
                 for k, x in enumerate(sents)]
        return Evidence(items[0], sents, self.kb.evidence.coverage(terms, " ".join(sents)), 0)

    def _with_its_list(self, ev: Evidence, terms: dict[str, float], asks: set[str], question: str = "") -> Evidence:
        """Evidence found in one item of a short numbered list ("2. 填写申请表"): the whole list, in order (a step
        alone is part of an answer to "怎么申请"); other evidence, or a question for one kind of fact ("多久发钱",
        which its item answers), as it is."""
        if question and _ASKS_SEVERAL.search(question) and self._is_item(ev.chunk):
            # "咨询渠道都有哪些?", "按孩次分几档，每档多少?" over one line of a list its source marks (a Markdown or
            # HTML list under one heading): every line of that list, each with its own figure.
            group = self._item_group(ev.chunk)
            if 2 <= len(group) <= _MAX_GROUP and all(len(c.text) <= _SHORT_ITEM * 2 for c in group):
                return self._list_evidence(group, terms)
        if asks & {*answerability.TYPED, "person"}:
            return ev
        if ev.chunk.text.rstrip().endswith(("：", ":")) and ev.sentences and ev.sentences[-1] in ev.chunk.text:
            # "需要准备的材料：" then "- 身份证；" "- 出生医学证明；": what the line announces is the list under it.
            items = []
            for c in self._after(ev.chunk, 12):
                if not self._is_item(c) or len(c.text) > _SHORT_ITEM:
                    break
                items.append(c)
            if len(items) >= 2:
                return self._list_evidence([ev.chunk, *items], terms)
        m = _ITEM_NUMBER.match(ev.chunk.text)
        if m is None:
            return ev
        first, n = ev.chunk, int(m.group(1))
        before = sorted((c for c in self.kb.chunks if c.doc_id == first.doc_id and c.section == first.section
                         and c.start < first.start), key=lambda c: c.start, reverse=True)
        for c in before:
            prev = _ITEM_NUMBER.match(c.text)
            if prev is None or int(prev.group(1)) != n - 1:
                break
            first, n = c, n - 1
        run = self._numbered_run(first)
        if len(run) < 2 or any(len(c.text) > _SHORT_ITEM for c in run):
            return ev  # a list of whole paragraphs (a decision's measures) is answered item by item
        return self._list_evidence(run, terms)

    def _item_group(self, chunk: Chunk) -> list[Chunk]:
        """The list items of the chunk's section that stand in one run with it (no other passage between), in
        order."""
        same = sorted((c for c in self.kb.chunks if c.doc_id == chunk.doc_id and c.section == chunk.section),
                      key=lambda c: c.start)
        at = next(i for i, c in enumerate(same) if c.chunk_id == chunk.chunk_id)
        lo = at
        while lo > 0 and self._is_item(same[lo - 1]):
            lo -= 1
        hi = at
        while hi + 1 < len(same) and self._is_item(same[hi + 1]):
            hi += 1
        return same[lo:hi + 1]

    def _is_item(self, chunk: Chunk) -> bool:
        """The passage is an item of a list its source marks as one (a Markdown or HTML list item)."""
        items = self._item_paragraphs.get(chunk.doc_id)
        if items is None:
            doc = self.kb.corpus.document(chunk.doc_id)
            items = {p.index for s in (doc.sections if doc else []) for p in s.paragraphs if p.item}
            self._item_paragraphs[chunk.doc_id] = items
        return chunk.paragraph in items

    def _numbered_run(self, first: Chunk) -> list[Chunk]:
        """A passage that opens a numbered list ("1. 登录…") and the passages after it that go on numbering it
        ("2. …", "3. …"), in order; [first] alone when it opens none."""
        number = _ITEM_NUMBER.match(first.text)
        run = [first]
        if number is None:
            return run
        expected = int(number.group(1)) + 1
        for c in self._after(first, 12):
            m = _ITEM_NUMBER.match(c.text)
            if m is None or int(m.group(1)) != expected:
                break
            run.append(c)
            expected += 1
        return run

    def _after(self, chunk: Chunk, n: int, same_speaker: bool = False) -> list[Chunk]:
        """The next n chunks of the same section of the same document (and speaker, if asked), in order."""
        same = [c for c in self.kb.chunks if c.doc_id == chunk.doc_id and c.section == chunk.section
                and c.start > chunk.start and (not same_speaker or c.speaker == chunk.speaker)]
        return sorted(same, key=lambda c: c.start)[:n]

    def _retrieval_answer(self, q: Question, s: Standalone, hits: list[Hit], drop: tuple[str, ...] = ()) -> Answer:
        if "where" in q.asks and self._about_the_documents_event(s.text) and not self._names_another_event(s.text):
            # "这场发布会是在哪里开的?": the event the document records, with its place in its own header line.
            placed = self._place_line(q)
            if placed is not None:
                return placed
        if "when" in q.asks and not q.person and self._about_the_documents_event(s.text):
            # "会议是哪天开的?": the report's own sentence that the event was held, with its date.
            held = self._event_held(q, s)
            if held is not None:
                return held
        checked = self._named_only_check(s.text) if q.person is None else None
        if checked is not None:
            return checked
        if q.person is None and (validity.asks_start(s.text) or validity.asks_term(s.text)):
            # "这个新规从哪天开始执行，管几年?": the policy's own sentence of when it takes effect and for how long.
            effect = self._in_force(s.text, hits)
            if effect is not None and validity.asks_term(s.text) and not validity.states_term(effect.text):
                if not validity.asks_start(s.text):
                    # "有效期是几年?" of a policy that says only when it starts: mentioned, but not said.
                    named = re.search(r"《[^》]{2,40}》", effect.text)
                    topic = named.group(0) if named else msg.IN_FORCE_TOPIC
                    return Answer(answer=msg.PARTIAL.format(topic=topic, what=msg.TERM_ASKED),
                                  found=False, citations=_cites([effect.chunk]))
                out = self._found(effect, s.text, hits)
                out.answer += msg.PART_NOT_STATED.format(what=msg.TERM_ASKED)
                return out
            if effect is not None:
                return self._found(effect, s.text, hits)
        hits = self._with_answers(hits)
        derived = self._derived(s, hits) or self._figure_check(s, hits)
        if derived is not None:
            return derived
        ev = self._quoted(s.text, q.person.name if q.person else "") or self.kb.evidence.best(s.text, hits, drop=drop)
        similarity = self._similarity(s.text)
        # The search ran over one named person's statements: what they said is the scope asked about.
        scoped = bool(q.person and hits and all(h.chunk.speaker == q.person.name for h in hits))
        verdict = answerability.judge(ev, hits, q.asks, similarity, s.text, scoped=scoped)
        if verdict.outcome == answerability.NONE and ev is not None and s.background:
            # A long message's background ("听邻居说…给老年人免费体检") names what its short question ("给多少人做?")
            # is about: the background's words the evidence holds count for it.
            told = dataclasses.replace(ev, coverage=self.kb.evidence.told_coverage(
                self._terms(s.text, drop), self._terms(s.background, drop), ev.text))
            if told.coverage > ev.coverage:
                retold = answerability.judge(told, hits, q.asks, similarity, s.text, scoped=scoped)
                if retold.outcome != answerability.NONE:
                    ev, verdict = told, retold
        if verdict.outcome == answerability.NONE and ev is not None and scoped and not q.asks \
                and (_SAID_ASKED.search(s.text) or _STANCE_ASKED.search(s.text)):
            # "某某对小区办不了证的事是咋表态的?" (what was said, no kind of fact): a person's answer to a matter
            # ("将在12月15日前完成权籍调查") names it less than the account of the matter before it in its section and
            # the section's heading; those words count for the topic the question names. The scoped bands' similarity
            # still decides.
            context = " ".join([ev.chunk.section, self._section_before(ev.chunk), ev.text])
            framed = dataclasses.replace(ev, coverage=self.kb.evidence.coverage(self._terms(s.text, drop), context))
            if framed.coverage > ev.coverage:
                again = answerability.judge(framed, hits, q.asks, similarity, s.text, scoped=scoped)
                if again.outcome != answerability.NONE:
                    ev, verdict = framed, again
        if verdict.outcome == answerability.ANSWER and ev.chunk.source_kind == SourceKind.QUESTION.value:
            # The words found the question a reporter put ("记者：《办法》有哪些硬要求？"): what answers it is the
            # answer that follows it, never the question.
            answered = next((a for asked, a in self.kb.outline.asked if a is not None
                             and (ev.chunk.text.strip() in asked or asked in ev.chunk.text)), None)
            if answered is not None:
                ev = self.kb.evidence.best(s.text, [Hit(answered, 1.0)], drop=drop) \
                    or Evidence(answered, split_sentences(answered.text)[:2], 0.0, 0)
        if verdict.outcome != answerability.NONE and similarity is not None and not scoped and self.kb.outline.headings:
            # A Q&A page asks this very question in a heading ("三、可以通过哪些渠道缴费？"): its answer is the one
            # below that heading, before any passage that happens to share more words, and though the asked kind
            # of fact is not the kind the words ask ("谁可以申请" answered by a kind of people, not a name).
            paged = self._answer_to_asked(s.text, drop, similarity, headings_only=True)
            if paged is not None and paged[0].chunk.chunk_id != ev.chunk.chunk_id:
                ev, verdict = paged
        if verdict.outcome != answerability.NONE and verdict.coverage < answerability.LEXICAL_ALONE \
                and similarity is not None and not scoped:
            # The words alone did not decide (meaning or the calibrated model accepted the passage): a reporter who
            # asked the same thing in other words outranks it ("扶持政策说了三条，全部列一下" is answered after "记者：
            # 扶持政策有哪些？", not by another answer that also counts three points).
            asked = self._answer_to_asked(s.text, drop, similarity)
            if asked is not None and asked[0].chunk.chunk_id != ev.chunk.chunk_id:
                ev, verdict = asked
        if verdict.outcome == answerability.NONE and similarity is not None:
            # The words did not decide: the passages nearest in meaning get their chance (a paraphrase).
            ev, verdict = self._by_meaning(q, s, hits, drop, similarity) or (ev, verdict)
        if verdict.outcome == answerability.NONE and similarity is not None:
            # A reporter asked the same thing in other words: the answer that follows that question answers it.
            ev, verdict = self._answer_to_asked(s.text, drop, similarity) or (ev, verdict)
        if verdict.outcome == answerability.NONE and s.previous and s.previous != s.text and "person" not in q.asks:
            # A follow-up ("那两边具体分成几大板块?") is about what the question before it was about. Not one that
            # asks who did something: a passage someone speaks in does not say who signed or decided.
            ev, verdict = self._after_previous(q, s, hits, drop) or (ev, verdict)
        if verdict.outcome != answerability.ANSWER and s.answered and similarity is not None and not q.person \
                and "person" not in q.asks and not scope.names_asked(s.text):
            # "补多少钱" then "多久到账，打到哪里": the answer stands near the passage that answered the question before,
            # also when the words found that passage again without the asked fact. Not a name asked for ("叫啥名字"):
            # a neighbouring passage names someone else, or only counts them.
            near = self._near_answered(q, s, hits, drop, similarity)
            if near is not None and (verdict.outcome == answerability.NONE or near[1].outcome == answerability.ANSWER):
                ev, verdict = near
        if verdict.outcome == answerability.NONE and similarity is not None and self._terms(s.text, drop):
            # Nothing found by words, meaning within the bands, a reporter's question or the conversation: the
            # calibrated model's last word on passages that share almost no word with an everyday question. Not
            # on a question of no words of its own ("都是谁？" after a count): nothing to be near in meaning.
            ev, verdict = self._by_meaning(q, s, hits, drop, similarity, last_resort=True) or (ev, verdict)
        if verdict.outcome == answerability.ANSWER:
            answered = verdict
            verdict = self._in_scope(s.text, ev, verdict)
            if verdict.outcome == answerability.NONE and answered.outcome == answerability.ANSWER:
                # The best passage is about another place than the one asked ("乙区改了多少户?" nearest to
                # "甲区…改造1.2万户"): the place is a condition on the evidence, so the passages that name it
                # get their turn.
                ev, verdict = self._in_place(q, s, hits, drop, similarity) or (ev, verdict)
        if verdict.outcome == answerability.PARTIAL and verdict.missing in ("when", "clock") and ev is not None:
            # "外卖骑手那封信是哪天留的言，哪天回的": an entry of a page dates itself in its field lines
            # ("留言时间：…", "回复时间：…"), beside the passage the words found.
            dated = [c for c in self._entry_fields(ev.chunk, _TIME_KEY) if field_asked(c.text, s.text)]
            if dated:
                out = self._found(ev, s.text, hits, drop)
                out.answer = "；".join(c.text.strip() for c in dated) + "。\n" + out.answer
                out.citations = unique(_cites(dated) + out.citations, limit=MAX_CITATIONS)
                return out
        if verdict.outcome == answerability.PARTIAL and not (
                verdict.missing.startswith(_COUNTED_MISSING)
                and scope.counts_a_list(verdict.missing[len(_COUNTED_MISSING):-1])) \
                and similarity is not None and ev is not None:
            # "这次停水一共影响多少户?", "组建的公司叫啥?": the best passage by words lacks the asked-for fact; another
            # retrieved passage on the same subject that holds it, and passes every check the first did, answers.
            ev, verdict = self._answered_elsewhere(q, s, ev, hits, drop, similarity) or (ev, verdict)
        if verdict.outcome == answerability.PARTIAL and verdict.missing in _COMPLETABLE:
            # "现在是多少？今年要提到多少？" over the target's sentence: the figure now may stand in another sentence
            # about the same thing, in this passage or a retrieved one.
            ev, verdict = self._completed(s.text, ev, verdict, hits) or (ev, verdict)
        if verdict.outcome == answerability.ANSWER and q.intent == Intent.GENERAL:
            org = self._unknown_org(s.text)
            if org:
                # "市丙局在这项行动里有什么措施?" when no 丙局 is in the documents: not this passage's subject.
                return Answer(answer=msg.ORG_NOT_FOUND.format(org=org), found=False,
                              suggestions=self._suggestions(hits))
        if (verdict.outcome == answerability.ANSWER and q.intent == Intent.GENERAL and "person" in q.asks
                and not ev.chunk.speaker and not ev.chunk.speaker_title  # a body that reports is who
                and not self._names_someone(ev.text)):
            who = self._who_follows(ev)
            owner = self._profile_owner(ev.chunk.doc_id, ev.chunk.start)
            if owner is not None:
                # "分管规划科的是哪位?" on a leaders' page: the duty stands in its holder's profile.
                out = self._found(ev, s.text, hits, drop)
                first_post = owner[1][0] if owner[1] else ""
                out.answer = verdict.premise + msg.PROFILED.format(name=owner[0], title=first_post) + out.answer
                return out
            if who:
                # "由哪个部门牵头?": a measure says who carries it out in its closing words, after the figures.
                ev = Evidence(ev.chunk, [*ev.sentences, who], ev.coverage, ev.rank)
            else:
                # "是哪位领导签发的?": a passage that names nobody does not say who.
                verdict = answerability.Verdict(answerability.PARTIAL, "person", verdict.coverage, verdict.dense)
        if verdict.outcome == answerability.PARTIAL and self._other_part_answered(s.text, ev, verdict.missing):
            # "改造以前是什么样子，什么时候建的?": one part answered, and the other said plainly to be missing.
            out = self._found(ev, s.text, hits, drop)
            out.answer = verdict.premise + out.answer + msg.PART_NOT_STATED.format(what=msg.ASKED[verdict.missing])
            return out
        if verdict.outcome != answerability.ANSWER:
            return self._refuse(q, s, hits, ev, verdict)
        out = self._found(self._with_its_list(ev, self._terms(s.text, drop), q.asks, s.text), s.text, hits, drop)
        out.answer = verdict.premise + out.answer
        return out

    def _after_previous(self, q: Question, s: Standalone, hits: list[Hit], drop: tuple[str, ...]):
        """(evidence, verdict) for a follow-up from the passages that cover it together with the question before
        it, when the follow-up's own words are there too (a share of them) and the passage holds the asked-for kind
        of fact; None otherwise. The question before was answered: its words alone must not carry this one."""
        both = f"{s.previous} {s.text}"
        wider = self._with_previous_hits(s, hits)
        ev = self.kb.evidence.best(both, wider, drop=drop, max_hits=len(wider))
        if ev is None:
            return None
        own = self.kb.evidence.coverage(self._terms(s.text, drop), index_text(ev.chunk))
        if own < answerability.TOPIC_PRESENT:
            return None
        verdict = answerability.judge(ev, wider, q.asks, None, s.text, alone=answerability.FOLLOWUP_TOGETHER)
        return (ev, verdict) if verdict.outcome == answerability.ANSWER else None

    def _with_previous_hits(self, s: Standalone, hits: list[Hit]) -> list[Hit]:
        """The follow-up's hits, then those the search finds for it together with the question before it."""
        seen = {h.chunk.chunk_id for h in hits}
        return hits + [h for h in self.kb.searcher.search(f"{s.previous} {s.text}", k=5) if h.chunk.chunk_id not in seen]

    def _near_answered(self, q: Question, s: Standalone, hits: list[Hit], drop: tuple[str, ...], similarity):
        """(evidence, verdict) for a follow-up from the passages next to the one that answered the question before
        (that passage and the few after it in its section), judged at the conversation's lower point; None when
        none passes. Only passages the search found for the follow-up, alone or with the question before: the
        features the model reads are theirs."""
        anchors = [c for c in (self._quoted_chunk(a) for a in s.answered[-1:]) if c is not None]
        if not anchors:
            return None
        near = {c.chunk_id for a in anchors for c in [a, *self._after(a, NEAR_REACH)]}
        wider = self._with_previous_hits(s, hits)
        best = None
        for h in wider:
            if h.chunk.chunk_id not in near:
                continue
            ev = self.kb.evidence.best(s.text, [h], drop=drop)
            if ev is None or any(_pair_share(x, a) >= QUOTED_SHARE for x in ev.sentences for a in s.answered):
                continue  # what the previous answer said already is no answer to what it did not say
            verdict = answerability.judge_near(ev, wider, q.asks, similarity, s.text)
            if verdict.outcome != answerability.NONE and (best is None or verdict.dense > best[1].dense):
                best = (ev, verdict)
        return best

    def _quoted_chunk(self, answer: str) -> Chunk | None:
        """The passage an earlier answer quoted most of (its own quote, or a paraphrase sharing most of its words)."""
        share, chunk = max(((_pair_share(answer, c.text), c) for c in self.kb.chunks), key=lambda t: t[0],
                           default=(0.0, None))
        return chunk if share >= QUOTED_SHARE else None

    def _in_force(self, question: str, hits: list[Hit]) -> Evidence | None:
        """The sentence that says when the policy asked about takes effect and for how long (with the passage's
        other such sentence when each says one of the two), from the passage the search ranks highest among those
        that say it; None when no passage says it or the scope checks refuse it."""
        rank = {h.chunk.chunk_id: k for k, h in enumerate(hits)}
        terms = self.kb.evidence.terms(question)
        said = [(n, k, c, x) for k, c in enumerate(self.kb.chunks) for x in split_sentences(c.text)
                if (n := validity.in_force(x))]
        found = [(n, -rank.get(c.chunk_id, len(hits)), self.kb.evidence.coverage(terms, f"{c.doc_title} {x}"), k, c, x)
                 for n, k, c, x in said]
        if not found:
            return None
        score, _, _, _, chunk, sent = max(found, key=lambda t: t[:4])
        sents = [sent]
        if score == 1:
            # "自…起施行。" then "有效期3年。": both halves, in the passage's order (the other sentence says the half
            # this one lacks).
            other = [x for x in split_sentences(chunk.text) if x != sent and validity.in_force(x)
                     and validity.states_term(x) != validity.states_term(sent)]
            sents = [x for x in split_sentences(chunk.text) if x == sent or x in other[:1]]
        ev = Evidence(chunk, sents, self.kb.evidence.coverage(terms, " ".join(sents)), 0)
        verdict = self._in_scope(question, ev, answerability.Verdict(answerability.ANSWER, coverage=ev.coverage))
        return ev if verdict.outcome == answerability.ANSWER else None

    def _answered_elsewhere(self, q: Question, s: Standalone, first: Evidence, hits: list[Hit],
                            drop: tuple[str, ...], similarity, reach: int = 5):
        """(evidence, verdict) of the best sentence of another retrieved passage that holds the asked-for fact the
        first lacks ("多少户", "叫啥名字", "哪天"), when the calibrated judgement and every scope check accept it; None
        otherwise.
        It must still be about what the first passage and the question share: their most specific word, and every
        place of the question the first passage names ("通榆县…多少亩" is not answered by the city's 亩)."""
        asked = scope.marked_questions(s.text)
        terms = self.kb.evidence.terms(s.text, drop)
        for h in hits[:reach]:
            cand = self.kb.evidence.best(s.text, [h], drop=drop)
            if cand is None or scope.missing_measure(asked, cand.text) \
                    or not keeps_subject(terms, s.text, first.text, cand.text):
                continue
            verdict = answerability.judge(cand, hits, q.asks, similarity, s.text)
            if verdict.outcome == answerability.ANSWER:
                verdict = self._in_scope(s.text, cand, verdict)
                if verdict.outcome == answerability.ANSWER:
                    return cand, verdict
        return None

    def _completed(self, question: str, ev: Evidence, verdict: answerability.Verdict, hits: list[Hit],
                   reach: int = 3):
        """(evidence, verdict) with one more sentence that holds the missing kind of fact about the question's most
        specific word the evidence names, when the scope checks then pass; None otherwise."""
        weights, key = self._key_word(question, ev)
        if not key:
            return None
        kinds = _COMPLETABLE[verdict.missing]
        # A time is the time of something: the question's words the evidence lacks ("什么时候开工" over where the
        # park lies: 开工) say of what, and a date beside the key word of another event ("…召开评审会") is not it.
        lacked = [t for t in weights if len(t) >= 2 and t not in ev.text.lower()] \
            if verdict.missing in ("when", "clock") else []
        chunks = [ev.chunk] + [h.chunk for h in hits[:reach] if h.chunk.chunk_id != ev.chunk.chunk_id]
        for chunk in chunks:
            order = split_sentences(chunk.text)
            for sent in order:
                if sent in ev.sentences or key not in sent.lower() or len(ev.text) + len(sent) > MAX_EVIDENCE_JOIN:
                    continue
                if not any(shape.has_type(sent, k, question) for k in kinds):
                    continue
                if lacked and not any(t in sent.lower() for t in lacked):
                    continue
                # The added sentence must be about the question on its own words, as evidence is: the key word and a
                # figure ("清晨六点半" for "几点关门") are not enough.
                if self.kb.evidence.coverage(weights, sent) < MIN_COVERAGE:
                    continue
                if chunk.chunk_id == ev.chunk.chunk_id:
                    joined = sorted([*ev.sentences, sent], key=lambda x: order.index(x) if x in order else 0)
                    more = Evidence(chunk, joined, ev.coverage, ev.rank)
                else:
                    more = Evidence(ev.chunk, [*ev.sentences, sent], ev.coverage, ev.rank)
                checked = self._in_scope(question, more, dataclasses.replace(verdict, outcome=answerability.ANSWER,
                                                                              missing=""))
                if checked.outcome == answerability.ANSWER:
                    return more, checked
        return None

    def _who_follows(self, ev: Evidence, reach: int = 3) -> str:
        """The sentence after the evidence, in its passage, that says which body carries the measure out, or ""."""
        sents = split_sentences(ev.chunk.text)
        last = max((i for i, x in enumerate(sents) if x in ev.sentences), default=-1)
        if last < 0:
            return ""
        return next((x for x in sents[last + 1:last + 1 + reach]
                     if _IN_CHARGE_OF.search(x) and self._names_someone(x)), "")

    def _in_place(self, q: Question, s: Standalone, hits: list[Hit], drop: tuple[str, ...], similarity):
        """(evidence, verdict) from the retrieved passages that name every place the question names, when one of
        them answers in scope; None otherwise."""
        # Only places the documents name as such (with their level): a foreign city's name inside another word
        # ("眉山" in "峨眉山", "太原" in "太原南站") is no passage about that city.
        wanted = self._corpus_places(s.text)
        if not wanted or any(not any(w in p or p in w for w in wanted) for p in scope.places(s.text)):
            return None
        placed = [h for h in hits if all(p in h.chunk.text for p in wanted)]
        if not placed:
            return None
        ev = self.kb.evidence.best(s.text, placed, drop=drop)
        if ev is None:
            return None
        verdict = answerability.judge(ev, placed, q.asks, similarity, s.text)
        if verdict.outcome != answerability.ANSWER:
            return None
        verdict = self._in_scope(s.text, ev, verdict)
        return (ev, verdict) if verdict.outcome == answerability.ANSWER else None

    @functools.cached_property
    def _place_terms(self) -> list[str]:
        """Places of the documents' own vocabulary, written with their level ("华州区"): picked out once."""
        return [t for t in self.kb.normaliser.vocabulary.terms if len(t) >= 3 and t[-1] in scope.PLACE_LEVELS]

    def _corpus_places(self, question: str) -> list[str]:
        """Places of the documents' own vocabulary that the question names (jieba knows few districts by name)."""
        return [t for t in self._place_terms if t in question]

    def _other_part_answered(self, question: str, ev: Evidence, missing: str) -> bool:
        """In a question of several parts, another part, one that asks for no kind of fact ("是什么样子", "能不能
        申请"), is answered by the evidence sentences: most of its words are in them and nothing puts it out of
        scope. A part asking for a date, a place or a figure of its own is not vouched for by its words alone."""
        if missing not in _PART_KINDS:
            return False
        parts = [p for p in _PARTS.split(question) if _ASKING_PART.search(p)]
        if len(parts) < 2:
            return False
        for part in parts:
            if asks_for(part) or scope.asked_noun(part):
                continue
            terms = self.kb.evidence.terms(part)
            if len(terms) < 2 or self.kb.evidence.coverage(terms, ev.text) < _PART_COVERAGE:
                continue
            ok = self._in_scope(part, ev, answerability.Verdict(answerability.ANSWER, coverage=ev.coverage))
            if ok.outcome == answerability.ANSWER:
                return True
        return False

    def _about_the_documents_event(self, question: str) -> bool:
        """The question names the event a document records (a word of the question in a document's title), or
        points at it ("这个会", "这次发布会")."""
        if _THIS_EVENT.search(question):
            return True
        terms = [t for t in self._terms(question) if len(t) >= 2]
        return any(t in (d.meta.title or "") for d in self.kb.documents for t in terms)

    def _unknown_org(self, question: str) -> str:
        """An organisation the question names that neither the documents nor the registry know, or ""."""
        # "什么时候办": a question frame ending in an organisation's suffix names none.
        m = next((m for m in ORG_WORD.finditer(question) if not _ASKING.search(m.group(0))), None)
        if not m:
            return ""
        # Only a body named by its proper name can be missing: a described one ("管农业那个局") or a common noun
        # ending in a suffix's character ("托儿所") is for the search and the title matcher.
        org = noun_phrase_tail(body_named(m.group(0)))
        core = re.sub(r"^(市|县|区|省)", "", org)
        if len(core) < 2 or self._org_in_documents(core):
            return ""
        if self.kb.titles.candidates(org) or self.kb.titles.by_meaning(org):
            return ""
        return org

    def _org_in_documents(self, core: str) -> bool:
        """The documents name the organisation: as written, without a scope word ("全市…"), in a document's title
        or source, or shortened the usual way, each character kept in order ("城管局" for "城市管理局")."""
        texts = [c.text for c in self.kb.chunks] + [" ".join((d.meta.title or "", d.meta.outlet or "", d.doc_id))
                                                   for d in self.kb.documents]
        bare = re.sub(r"^(全|本|我|该|各)(市|县|区|省)", "", core)
        # A long name loses more on the way ("城管执法局" for "城市管理综合行政执法局"): a longer short form, whose
        # own length already makes a chance match unlikely, may skip more between its characters.
        gap = "{0,6}" if len(bare) >= 5 else "{0,3}"
        forms = [bare] + [bare.replace(old, new) for old, new in renames() if old in bare]  # "国土局": 自然资源…局
        shorts = [re.compile(f"[\u4e00-\u9fff]{gap}".join(map(re.escape, f))) for f in forms if len(f) >= 3]
        if any(core in t or bare in t for t in texts) or any(rx.search(t) for rx in shorts for t in texts):
            return True
        # The question may spell out what the documents shorten ("市委合作办" for "市委合办"): the documents' form
        # keeps the first and last characters and all but at most two of the others, in order.
        if len(bare) < 4:
            return False
        longer = re.compile(re.escape(bare[0]) + "".join(f"{re.escape(c)}?" for c in bare[1:-1]) + re.escape(bare[-1]))
        return any(len(m.group(0)) >= max(3, len(bare) - 2) for t in texts for m in longer.finditer(t))

    def _names_someone(self, text: str) -> bool:
        """The text names a person of the registry, a post (a title word) or a body ("市商务局、市文旅局参加",
        "向所在高校申请": who takes part or acts may be an organisation)."""
        return (any(p.name and p.name in text for p in self.kb.people) or any(t in text for t in TITLE_SUFFIXES)
                or bool(_BODY.search(text)))

    # --- refusals -------------------------------------------------------------------------------
    def _empty(self, q, s, hits):
        return Answer(answer=msg.EMPTY, found=False)

    def _injection(self, q, s, hits):
        return Answer(answer=msg.REFUSE_INJECTION, found=False)

    # --- registry and metadata ------------------------------------------------------------------
    def _in_text(self, phrase: str) -> bool:
        """The documents use this exact title phrase somewhere (a post named without a person, e.g. a group's 组长)."""
        core = re.sub(r"^(市|县|区)", "", phrase)
        # Not inside a deputy's post: "副支队长" does not write the post "支队长".
        written = re.compile(("(?<!副)" if not core.startswith("副") else "") + re.escape(core)) if core else None
        if written is not None and any(written.search(c.text) for c in self.kb.chunks):
            return True
        # A title word nobody in the registry holds but the text uses ("由…任组长"): the text's own post.
        role = self.kb.titles.role(phrase)
        # "副区长" does not write the post "区长": a head's title is not used where only a deputy is named.
        head = re.compile(rf"(?<!副){re.escape(role)}") if role and not role.startswith("副") else None
        return bool(head) and not self.kb.titles.candidates(role) and any(head.search(c.text) for c in self.kb.chunks)

    def _title_lookup(self, q, s, hits):
        checked = self._named_only_check(s.text)
        if checked is not None:
            return checked  # "某某是市甲局局长吗?" of someone the text names but who never speaks (the post's holder
            # may be q.person: the check is of the name the question writes, never of the registry's)
        if q.person is None:
            holders = self._holders(q.title_phrase)
            if len(holders) > 1:
                # "评委：某校副教授某某、…": the post asked is said once, before them all
                items = "、".join(f"{t.removeprefix(q.title_phrase + '、')}{p.name}" for p, t in holders)
                return Answer(answer=f"{q.title_phrase}：{items}。", found=True,
                              citations=_cites([_intro_chunk(self.kb, p) for p, _ in holders]))
            named = self._named_holder(q.title_phrase) if not holders else None
            if named is not None:
                return named  # "局长某某主持召开…": named with the post, though never speaking
            profiled = [(p, t) for p, t in self.kb.named_titles.candidates(q.title_phrase) if p.name in self.kb.profiled]
            if not holders and len({p.name for p, _ in profiled}) > 1 and self.kb.titles.role(q.title_phrase):
                # "副局长是谁?" on a leaders' page with two: each of them, with the passage that gives the post.
                people = list({p.name: (p, t) for p, t in profiled}.values())
                return Answer(answer=f"{q.title_phrase}：" + "、".join(f"{t}{p.name}" for p, t in people) + "。",
                              found=True, citations=_cites([self._profile_chunk(p.name, t) for p, t in people]))
            if not holders and self._in_text(q.title_phrase):
                # The post is written in the text without a named holder: what the text says about it, or, when
                # the question asks who holds it, that the text does not say ("分管副市长是谁?").
                hits = self.kb.searcher.search(s.text, k=5)
                where = next((h.chunk for h in hits if q.title_phrase in h.chunk.text), None)
                # A post, not words of a quotation the question asks about ("“…请广大市民…”是谁说的?").
                post = q.title_phrase.endswith(tuple(TITLE_SUFFIXES)) and not re.search(r"[“「\"]", s.text)
                listed = self._listed_holder(q.title_phrase) if post and _OFFICE_END.search(q.title_phrase) else None
                if listed is not None:
                    # "列席：李某（市财政局局长）": the text names the holder, who only attends and never speaks.
                    name, chunk = listed
                    return Answer(answer=msg.TITLE_HOLDER_SAME.format(phrase=q.title_phrase, name=name), found=True,
                                  citations=_cites([chunk]))
                if post and (_ASKS_NAME.search(s.text) or _ASKS_WHO.search(s.text) and where is not None
                             and not any(p.name in where.text for p in self.kb.people)):
                    return Answer(answer=msg.PARTIAL.format(topic=f"“{q.title_phrase}”", what="其姓名"), found=False,
                                  citations=_cites([where] if where else []))
                if post and where is None and _ASKS_WHO.search(s.text):
                    # "甲委的主任是谁?" where only its 副主任 is named: a passage with the words is no holder.
                    return Answer(answer=msg.TITLE_NOT_FOUND.format(phrase=q.title_phrase), found=False)
                return self._retrieval_answer(q, s, hits)
            return Answer(answer=msg.TITLE_NOT_FOUND.format(phrase=q.title_phrase), found=False)
        p = q.person
        chunk = _intro_chunk(self.kb, p)
        if p.title == q.title_phrase:
            text = msg.TITLE_HOLDER_SAME.format(phrase=q.title_phrase, name=p.name)
        else:
            text = msg.TITLE_HOLDER.format(phrase=q.title_phrase, name=p.name, title=p.title)
        out = Answer(answer=text, found=True, citations=_cites([chunk]))
        more = self._also_asked(q, s)
        if more is not None:
            # "X局那个领导是谁，说Y有多少个?": who it is, then the other part from what that person said.
            out.answer = f"{text}{more.answer}"
            out.citations = unique(more.citations + out.citations, limit=MAX_CITATIONS)
            out.attribution = more.attribution
        return out

    def _listed_holder(self, phrase: str) -> tuple[str, Chunk] | None:
        """The one person the text names with exactly this post, speaking or not ("市财政局局长李某", "李某（市财政局
        局长）"), and the passage that names them; None when none or several."""
        found: dict[str, Chunk] = {}
        for c in self.kb.chunks:
            if phrase not in c.text:
                continue
            # The post itself, not its deputy's: "副镇长李某" holds no "镇长".
            for p in titled_people(c.text):
                if holds_role(p.title, phrase):
                    found.setdefault(p.name, c)
            for m in re.finditer(r"([\u4e00-\u9fff]{2,3})[（(]([^（）()]{2,30})[)）]", c.text):
                name, post = m.group(1), m.group(2)
                if holds_role(post, phrase) and is_name(name):
                    found.setdefault(name, c)
        return next(iter(found.items())) if len(found) == 1 else None

    def _also_asked(self, q, s) -> Answer | None:
        """The answer to the rest of a message that asks who holds a post and something more ("…是谁，他说了什么?"),
        from what the holder said; None when there is no rest or it finds nothing."""
        parts = [x for x in re.split(r"[?？!！。，,；;]", s.text) if x.strip()]
        rest = [x for x in parts if q.title_phrase not in x and not _ASKS_NAME.search(x) and not _ASKS_WHO.search(x)]
        rest_text = "，".join(rest)
        said_any = bool(re.fullmatch(r"(他|她)?(还|又|都|也)?(说|讲|谈)(了|过)?(些)?(什么|啥|啥子|哪些)", rest_text))
        if not rest or len(re.sub(r"^(他|她|那|那么|请问)", "", rest_text)) < 4 and not said_any:
            return None  # "…是谁，她说了啥?" asks for all of it; a shorter rest is no question of its own
        # The verb of speech goes apart from the topic: "说护学岗…" must not be cut as "说护学|岗".
        topic = re.sub(r"^(他|她)?(还|又|都|也)?(说|讲|谈|介绍|表示|提到)(了|过)?", "", rest_text)
        text = f"{q.person.name}说，{topic}？"
        sub = dataclasses.replace(q, text=text, intent=Intent.PERSON_SAID, title_phrase="", asks=asks_for(text),
                                  generic_said=bool(re.fullmatch(r"(些)?(什么|啥|哪些)?", topic)))
        hits = self.kb.searcher.search(text, k=5, filters={"speaker": q.person.name})
        out = self._person_said_answer(sub, dataclasses.replace(s, text=text), hits)
        return out if out.found else None

    def _named_holder(self, phrase: str) -> Answer | None:
        """The one person the text names with the asked post who never speaks ("局长某某主持召开…" in that bureau's
        letter answers "教育局局长是谁", "教育局的一把手是哪个"), with the passage that names them; None when none or
        several fit."""
        matcher = self.kb.named_titles
        holder = matcher.head_of(phrase) if HEAD_WORD.search(phrase) else matcher.match(phrase) or (
            matcher.head_of(phrase) if not self.kb.titles.role(phrase) else
            # a bare post ("总工程师是谁?") that one person named holds: a leaders' page of one body
            only_holder(phrase, matcher) if self.kb.titles.role(phrase) == phrase else None)
        if holder is None:
            return None
        title = next((t for p, t in matcher.candidates(phrase) if p.name == holder.name), holder.titles[0])
        where = next((c for c in self.kb.chunks if holder.name in c.text), None) or self._profile_chunk(holder.name, title)
        return Answer(answer=msg.TITLE_HOLDER.format(phrase=phrase, name=holder.name, title=title), found=True,
                      citations=_cites([where] if where else []))

    def _holders(self, phrase: str) -> list[tuple[Person, str]]:
        return list({p.name: (p, t) for p, t in self.kb.titles.candidates(phrase)}.values())

    def _person_title(self, q, s, hits):
        p = q.person
        chunk = _intro_chunk(self.kb, p)
        return Answer(answer=msg.PERSON_TITLE.format(name=p.name, title=p.title or "文中未说明"),
                      found=bool(p.title), citations=_cites([chunk]))

    def _counted_in_text(self, question: str) -> list[Hit]:
        """The passages found for a question that asks how many people did something, when one of them counts the
        people who did it in the question's own word ("一共访谈了多少人" and "共访谈56人"); else none. A post before
        the count ("局长3人") is a roll of officials, and a count of the speakers themselves is theirs: the registry
        answers both, with names (and a roll the question names, "几位嘉宾", is read by the caller)."""
        if not _PEOPLE_COUNT.search(question):
            return []
        hits = self.kb.searcher.search(question, k=5)
        for h in hits:
            for m in _PEOPLE_COUNTED.finditer(h.chunk.text):
                before = m.group(1)  # "共访谈群众86人": the deed stands within a few characters of the count
                if any(w in question and not self.kb.titles.role(w) and not _COUNTING_WORD.match(w)
                       for w in (before[i:i + 2] for i in range(len(before) - 1))) \
                        and slots_mod.number_of(m.group(2)) != len([p for p in self.kb.people if p.name]):
                    return hits
        return []

    def _list_speakers(self, q, s, hits):
        people = self.kb.people
        aside = q.aside.phrases if q.aside else ()
        if q.roster == "named":
            # Everyone named, speaking or not: a letter where nobody speaks still names its bureau's people.
            named = self._named_people(s.text, q.person, aside)
            if named.found or people:
                return named
        if not people and self.kb.profiled and _ROSTER_ASKED.search(s.text):
            # A leaders' page: nobody speaks, and the people it profiles are who the page is about ("一共几位局领导").
            listed = [(name, "、".join(posts), chunks) for name, (posts, chunks) in self.kb.profiled.items()]
            role = q.title_phrase and self.kb.titles.role(q.title_phrase)
            if role:
                listed = [x for x in listed if any(holds_role(p, role) for p in x[1].split("、"))] or listed
            items = "、".join(f"{name}（{posts}）" if posts else name for name, posts, _ in listed)
            return Answer(answer=msg.PROFILED_ROSTER.format(n=len(listed), items=items), found=True,
                          citations=_cites([self._profile_chunk(name, "") for name, _, _ in listed]))
        if not people:
            # A text where nobody speaks (a decision): "从哪些人里头选?" asks about people it names, not speakers.
            return self._retrieval_answer(q, s, hits or self.kb.searcher.search(s.text, k=5))
        counted = self._counted_in_text(s.text) if not q.roster else []  # "几位嘉宾": the guests, by the roll
        if counted:
            # "一共访谈了多少人?" where the text says "共访谈56人": the people the text counts, not its speakers.
            return self._retrieval_answer(q, s, counted)
        # "除了主持人，还有谁发了言?": the list read from the rest, less the people set aside (a tier set aside is
        # read by tiers from the whole question).
        asked = q.aside.rest if q.aside else s.text
        people = self._less_aside(people, aside)
        besides = msg.BESIDES.format(aside="、".join(aside)) if aside else ""
        role = q.title_phrase
        if q.org:
            # "市甲局有几位领导发言?": that body's speakers (the route found at least one).
            people = self._less_aside(list({p.name: p for p, _ in self.kb.titles.candidates(q.org)}.values()), aside)
            kept = _ROSTERS.get(q.roster)
            people = [p for p in people if kept is None or kept(p.title)] or people
            return Answer(answer=besides + msg.SPEAKERS_OF.format(org=q.org, n=len(people), items=_roster(people)),
                          found=bool(people), citations=_cites([_intro_chunk(self.kb, p) for p in people]))
        listed = _roles_listed(asked)
        if len(listed) >= 2:
            # "县区领导（区长县长副县长这些）": the holders of any post the examples name, in order of speaking.
            held = {p.name for r in listed for p, _ in self._holders(r)}
            people = [p for p in people if p.name in held]
            if people:
                answer = besides + msg.SPEAKERS_ROLE.format(n=len(people), role="、".join(listed), items=_roster(people))
                return Answer(answer=answer, found=True, citations=_cites([_intro_chunk(self.kb, p) for p in people]))
        if role and q.with_deputies:
            # "局长、副局长一共几位": holders of the post and of its deputy's post.
            people = self._less_aside(
                list({p.name: p for p, _ in self._holders(role) + self._holders("副" + role)}.values()), aside)
            if people:
                answer = besides + msg.SPEAKERS_ROLE.format(n=len(people), role=f"{role}和副{role}",
                                                            items=_roster(people))
                return Answer(answer=answer, found=True, citations=_cites([_intro_chunk(self.kb, p) for p in people]))
        if role:
            people = self._less_aside([p for p, _ in self._holders(role)], aside)
            wanted = slots_mod.stated_count(asked)
            if wanted and len(people) != wanted and not role.startswith("副"):
                # "请了哪两位局长?" when one is a 局长 and one a 副局长: people say the post for its deputy too;
                # the question's own number says whether they did.
                both = list({p.name: p for p, _ in self._holders(role) + self._holders("副" + role)}.values())
                people = both if len(both) == wanted else people
            if not people and self._in_text(role):
                return self._retrieval_answer(q, s, self.kb.searcher.search(s.text, k=5))
            if not people:
                return Answer(answer=msg.SPEAKERS_ROLE_NONE.format(role=role), found=False)
        kept = _ROSTERS.get(q.roster)
        if kept is not None and q.roster == "guest":
            # A studio's guests: who answers there, not the public or the commentator (everyone when all are).
            people = [p for p in people if kept(p.title)] or people
        elif kept is not None:
            people = [p for p in people if kept(p.title)]
            role = role or msg.ROSTER_WORDS[q.roster]
            if not people:
                return Answer(answer=msg.SPEAKERS_ROLE_NONE.format(role=role), found=False)
        # "区县来的干部有哪几个发了言?", "市直部门的负责同志有哪几位?": the speakers whose post is of that tier, and
        # the officials of that tier who spoke without a name ("市乙局负责人表示…").
        kept, tier = tiers.keep_tiers([p.title for p in people], self.kb.titles.homes, s.text)
        unnamed_of_tier: list[str] = []
        if tier:
            people, role = [p for p, k in zip(people, kept) if k], tier
            unnamed_of_tier = [t for t in self._unnamed_speakers()
                               if tiers.of_asked_tier(t, self.kb.titles.homes, s.text)]
        units = tiers.COUNTS_UNITS.search(asked) if not _PEOPLE_COUNT.search(asked) else None
        if units and people:
            # "座谈会上一共有几个部门的负责人发了言?": the bodies the speakers come from, each once, with its people.
            by_unit: dict[str, list[str]] = {}
            for p in people:  # a speaker the text gives no post is a unit of their own, named by them
                by_unit.setdefault(tiers.unit_of(p.title) or p.name, []).append(p.name)
            for t in unnamed_of_tier:
                by_unit.setdefault(tiers.unit_of(t) or t, []).append(f"{t}，未具名")
            items = "、".join(u if names == [u] else f"{u}（{'、'.join(names)}）" for u, names in by_unit.items())
            unit = units.group(0)[-2:]
            return Answer(answer=besides + msg.SPEAKERS_UNITS.format(role=role or "人", n=len(by_unit), unit=unit, items=items),
                          found=True, citations=_cites([_listing_chunk(self.kb, people)]
                                                       + [_intro_chunk(self.kb, p) for p in people]))
        sex = _SEX_OF_SPEAKERS.search(asked)
        if sex:
            # "有几位女发言人?": those the text shows to be women (or men); the others' sex is not stated.
            # The same reading of sex as the gender route's: the registry's, else the text's pronouns ("…。她刚才…").
            people = [p for p in people if self._gender_of(p)[0] == sex.group(1)]
            role = f"{'女性' if sex.group(1) == '女' else '男性'}{role or '发言人'}"
            if not people:
                return Answer(answer=msg.SPEAKERS_ROLE_NONE.format(role=role), found=False)
        if not people:
            return not_found()
        items = _roster(people)
        # Sorted by sex, each is cited where the text shows it ("她刚才提到的…"), else where they are introduced.
        intro = [(self._gender_chunk(p, self._gender_of(p)[1]) if sex else None) or _intro_chunk(self.kb, p)
                 for p in people]
        text = besides + (msg.SPEAKERS_ROLE.format(n=len(people), role=role, items=items) if role
                          else msg.SPEAKERS.format(n=len(people), items=items))
        if not role and not q.roster or q.roster == "official" and not q.title_phrase and not tier:
            # "该局负责人表示…": officials who spoke without a name are speakers too, said to be unnamed (and officials).
            unnamed_of_tier = [t for t in self._unnamed_speakers()
                               if not aside_mod.sets_aside("", t, aside, self.kb.titles)]
        if unnamed_of_tier:
            text += msg.SPEAKERS_UNNAMED.format(items="、".join(unnamed_of_tier))
        if not sex:
            intro = [_listing_chunk(self.kb, people)] + intro
        return Answer(answer=text, found=True, citations=_cites(intro))

    def _less_aside(self, people: list[Person], aside: tuple[str, ...]) -> list[Person]:
        """The people less those the question sets aside ("除了主持人", "（副局长不算）")."""
        return [p for p in people if not aside_mod.sets_aside(p.name, p.title, aside, self.kb.titles)] if aside \
            else people

    def _unnamed_speakers(self) -> list[str]:
        """The posts of officials who spoke without a name ("该局负责人表示…"), in order of first statement."""
        return list(dict.fromkeys(c.speaker_title for c in self.kb.chunks if not c.speaker and c.speaker_title
                                  and c.source_kind == SourceKind.STATEMENT.value))

    def _named_people(self, question: str, person: Person | None = None, aside: tuple[str, ...] = ()) -> Answer:
        """Everyone the documents write the name of, speaking or not, in order of first appearance: the speakers, the
        people named with a post ("点名表扬…区长甲同志"), the bylines' reporters; less anyone the question sets
        aside ("除了甲，还出现了谁的名字?")."""
        found: dict[str, tuple[str, Chunk | None]] = {}
        speakers = {p.name: p for p in self.kb.people}
        issuers = {d.doc_id: holders_mod.issuer(d) for d in self.kb.documents}
        for c in self.kb.chunks:
            if c.speaker in speakers and c.speaker not in found:
                found[c.speaker] = (speakers[c.speaker].title, _intro_chunk(self.kb, speakers[c.speaker]))
            mentioned = [sp for sp in titled_people(c.text) + name_then_title(c.text) if names_a_post(sp.title)]
            for sp in mentioned:
                if sp.name and sp.name not in found:
                    # "我要特别表扬一下县商务局局长": the post is what follows the clause's last break or verb of
                    # praise or address; a bare post in a bureau's own letter is that bureau's.
                    title = speakers[sp.name].title if sp.name in speakers else holders_mod.full_title(
                        _POST_AFTER.split(sp.title)[-1], issuers.get(c.doc_id, ""))
                    found[sp.name] = (title, c)
        body = ORG_WORD.search(question)
        if body and org_key(body.group(0)):
            # "提到教育局的人有哪几个": of the people named, those whose post is that body's.
            found = {n: v for n, v in found.items() if in_order(org_key(body.group(0)), v[0])} or found
        # The bylines' reporters are named too, but they are no leaders ("点了名字的领导一共几位").
        for doc in self.kb.documents if not ROSTER_OFFICIAL.search(question) else ():
            for name in doc.meta.reporters:
                if is_name(name) and name not in found:
                    found[name] = ("记者", None)
        # The people the question itself names are not asked for: the one who names the others ("马副市长点名表扬
        # 了谁") or one set aside ("除了甲").
        besides = [n for n in found if n in question or person is not None and n == person.name
                   or aside_mod.sets_aside(n, found[n][0], aside, self.kb.titles)]
        items = [(n, t, c) for n, (t, c) in found.items() if n not in besides]
        if not items:
            return not_found()
        listed = "、".join(f"{n}（{t}）" if t else n for n, t, _ in items)
        text = (msg.NAMED_PEOPLE_BESIDES.format(besides="、".join(besides), n=len(items), items=listed) if besides
                else msg.NAMED_PEOPLE.format(n=len(items), items=listed))
        # The passage that names the most of them comes first: a list of names ("点名表扬…甲、乙、丙") is the evidence.
        chunks = [c for _, _, c in items if c is not None]
        chunks.sort(key=lambda c: -sum(n in c.text for n, _, _ in items))
        return Answer(answer=text, found=True, citations=_cites(chunks))

    def _places_named(self, q, s) -> Answer:
        """Every place of the asked levels the documents' text names ("文中提到了哪些区县?"), in order of mention."""
        levels = scope.asked_levels(s.text)
        names: list[str] = []
        for c in self.kb.chunks:
            names += [n for n in scope.places_named(c.text, levels) if n not in names]
        if not names:
            return Answer(answer=msg.NO_PLACES.format(levels="、".join(levels)), found=False)
        where = list({c.chunk_id: c for c in (next(c for c in self.kb.chunks if n in c.text) for n in names)}.values())
        return Answer(answer=msg.PLACES_NAMED.format(n=len(names), items="、".join(names)), found=True,
                      citations=_cites(where))

    def _bodies_named(self, q, s) -> Answer:
        """Every body of government the documents' text names ("市财政局", "区人民政府"), in order of mention; of one
        level when the question says so ("市级部门"), less those it sets aside ("除了城管局")."""
        level = re.search(r"(市|县|区)级", s.text)
        aside = re.search(r"除了?([^，,。？?]{2,12}?)(?:以外|之外|外)?[，,]", s.text)
        names: list[str] = []
        where: dict[str, Chunk] = {}
        for c in self.kb.chunks:
            for m in _GOVERNMENT_BODY.finditer(c.text):
                name = m.group(0)
                if level and not name.startswith(level.group(1)) or name in names:
                    continue
                if aside and in_order(org_key(aside.group(1)), name):
                    continue
                names.append(name)
                where.setdefault(name, c)
        if not names:
            return Answer(answer=msg.NOT_FOUND, found=False)
        kind = f"{level.group(0)}部门" if level else "部门和单位"
        return Answer(answer=msg.BODIES_NAMED.format(kind=kind, n=len(names), items="、".join(names)), found=True,
                      citations=_cites(list({c.chunk_id: c for c in where.values()}.values())))

    def _phones_named(self) -> Answer:
        """Every telephone number the documents give, each with what the text calls it ("老年助餐服务热线
        0432-3162349"), in order of mention."""
        items: list[str] = []
        seen: set[str] = set()
        where: dict[str, Chunk] = {}
        for c in sorted(self.kb.chunks, key=lambda c: (c.doc_id, c.start)):
            for number, label in shape.phone_numbers(c.text):
                if number in seen:
                    continue
                seen.add(number)
                items.append(f"{label}{number}" if label else number)
                where.setdefault(c.chunk_id, c)
        if not items:
            return Answer(answer=msg.NO_PHONES, found=False)
        return Answer(answer=msg.PHONES_NAMED.format(n=len(items), items="；".join(items)), found=True,
                      citations=_cites(list(where.values())))

    def _issuer_check(self, q, s) -> Answer | None:
        """"这个决定是甲市人民政府印发的吗?": yes or no, from who the document's own title (or its source) says
        issued it, with the line that says how it was adopted when there is one."""
        named = ISSUED_BY.search(s.text).group("who")
        for doc in self.kb.documents:
            title = doc.meta.title or ""
            issuer = title.split("关于")[0] if "关于" in title else doc.meta.outlet
            if not issuer:
                continue
            a, b = _issuer_key(named), _issuer_key(issuer)
            # A short form keeps the long one's characters in order ("医保局" for "医疗保障局").
            same = a in b or b in a or len(a) >= 3 and in_order(a, b)
            text = (msg.ISSUER_YES if same else msg.ISSUER_NO).format(issuer=issuer, title=title)
            lines = [c for c in self.kb.chunks if c.doc_id == doc.doc_id and (issuer in c.text or "通过）" in c.text
                                                                            or "通过)" in c.text)][:2]
            # The title says who issued it; so do the page's header line that names the issuer ("发布机构：某局") and
            # the adoption line ("…全体会议通过").
            header = [from_metadata(doc, ln) for ln in doc.meta.lines if issuer in ln and len(ln) <= FIELD_LINE_MAX][:1]
            return Answer(answer=text, found=True, citations=unique([from_metadata(doc, title), *header,
                                                                     *_cites(lines)], limit=MAX_CITATIONS))
        return None

    def _doc_facts(self, q, s, hits):
        if "issuer" in q.meta_roles:
            checked = self._issuer_check(q, s)
            if checked is not None:
                return checked
        if "places" in q.meta_roles:
            return self._places_named(q, s)
        if "bodies" in q.meta_roles:
            return self._bodies_named(q, s)
        if "phones" in q.meta_roles:
            return self._phones_named()
        addressed = next((d for d in self.kb.documents if d.meta.addressee), None) \
            if "addressee" in q.meta_roles else None
        if addressed is not None:
            # A letter: whom it answers, as its salutation says.
            m = addressed.meta
            return Answer(answer=msg.ADDRESSED_TO.format(title=m.title, who=m.addressee), found=True,
                          citations=_cites([c for c in self.kb.chunks if c.doc_id == addressed.doc_id
                                            and m.addressee in c.text][:1]))
        given = next((d for d in self.kb.documents if d.meta.speaker), None) if "speaker" in q.meta_roles else None
        if given is not None:
            # A published speech: the speaker its head line gives, and when it was given.
            m = given.meta
            text = msg.SPEECH_BY.format(title=m.title, speaker=m.speaker,
                                        when=f"（{_written_date(m.delivered)}）" if m.delivered else "")
            return Answer(answer=text, found=True, citations=[from_metadata(given, m.speaker)])
        if "meeting" in q.meta_roles:
            met = self._meeting_of()
            # A report of the meeting has no such head line: its text tells where the text was adopted.
            return met or self._retrieval_answer(q, s, self.kb.searcher.search(s.text, k=5))
        credited = self._credits_asked(s.text)
        if "host" in q.meta_roles:
            hosted = self._host(s.text)
            if hosted is not None:
                return _joined(hosted, credited)
        if "where" in q.asks:
            # Where an event took place: the page's own "地点：" line when it has one, else the body. Not for an
            # event the question names by a name the page's title and header do not hold ("“某某”房展会在哪办"):
            # that is another event the text reports.
            placed = self._place_line(q) if not self._names_another_event(s.text) else None
            return placed or self._retrieval_answer(q, s, self.kb.searcher.search(s.text, k=5))
        parts, cites = [], []
        docs = self.kb.documents
        # The document as the question names it ("这份总结", "这期节目"), else as a report.
        kind = genres.named_kind(s.text)
        named = genres.as_named(kind) if len(docs) == 1 else ""
        for doc in docs[:3]:
            m = doc.meta
            official = doc.is_decision or bool(m.number)
            head = f"《{m.title}》" if len(docs) > 1 or official else named or "这篇报道"
            if "title" in q.meta_roles and len(docs) == 1:
                head = (named or ("这份文件" if official else "这篇报道")) + "的"  # not the title twice
            facts = []
            if "outlet" in q.meta_roles and m.outlet:
                facts.append(f"由{m.outlet}{'印发' if official else '刊发'}")
            if "number" in q.meta_roles and m.number:
                facts.append(f"文号为{m.number}")
            elif "number" in q.meta_roles:
                # A page reporting a document gives its number in the text ("…印发《X》（某政办〔2025〕7号）"):
                # that sentence answers, and it usually names the issuer too.
                quoted = self._numbered_sentence(doc)
                if quoted is not None:
                    return quoted
            # A speech is dated by the day it was given, not the day it was put online.
            written = _written_date(m.delivered or m.published)
            dated = _dating_line(m, written, s.text, q.asks) if not self._names_another_event(s.text) else ""
            if "date" in q.meta_roles and m.published and (":" in m.published or "clock" not in q.asks or dated):
                if doc.is_decision and written:
                    # "（2022年6月28日…全会通过）": the date as the document writes it, and the line that says it.
                    facts.append(f"日期为{written}")
                    cites += _cites([c for c in self.kb.chunks if c.doc_id == doc.doc_id and written in c.text][:1])
                else:
                    # The date as people write it ("2025年3月25日"), with the clock time the page gives.
                    when = f"{written} {m.published[11:]}".strip() if written else m.published
                    what = "印发日期" if official else "发稿时间" if not kind or kind in genres.NEWS_KINDS else "日期"
                    facts.append(f"记载的{dated}" if dated else f"{what}为{when}")
            if "reporter" in q.meta_roles and m.reporters:
                facts.append(f"记者是{m.reporter_org}{'、'.join(m.reporters)}")
            elif "reporter" in q.meta_roles:
                # No byline: the credit of whoever wrote it ("（执笔：某院某部　邓某明）", "撰稿：易某华").
                written_by = [f for f in m.fields if _WRITER_KEY.match(f)]
                for key, value in (re.split(r"\s*[:：]\s*", f.strip(), maxsplit=1) for f in written_by):
                    facts.append(f"作者是{value}" if key.startswith("作者") else f"由{value}{key.rstrip('人')}")
                cites += [from_metadata(doc, f) for f in written_by]
            if "editor" in q.meta_roles and m.editor:
                facts.append(f"编辑是{m.editor}")
            if "photographer" in q.meta_roles and m.photographer:
                facts.append(f"配图“{m.caption}”由{m.photographer}拍摄" if m.caption else f"摄影是{m.photographer}")
            if "title" in q.meta_roles and m.title:
                facts.append(f"标题是《{m.title}》")
            if "views" in q.meta_roles and m.views:
                facts.append(f"页面显示浏览次数为{m.views}")
            page = next((pm for ln in m.lines if (pm := _PAGE.search(ln))), None) if "page" in q.meta_roles else None
            if page is not None:
                # "第03版：民生" in the masthead line: the page the article ran on.
                facts.append(f"刊登在第{int(page.group(1))}版" + (f"（{page.group(2)}）" if page.group(2) else ""))
            if facts:
                sentence = head + "，".join(facts) + "。"
                parts.append(sentence)
                # Cite the page's own lines that hold these facts, as written; else the facts as stated.
                asked = {"outlet": [m.outlet], "date": [(m.delivered or m.published)[:10]], "editor": [m.editor], "views": [m.views],
                         "page": [page.group(0)] if page is not None else [],
                         "number": [m.number],
                         "photographer": [m.photographer], "reporter": m.reporters, "title": [m.title]}
                # the date as written is a value only when the date was asked: a title's citation is its own line
                values = [v for role in q.meta_roles for v in asked.get(role, []) if v] + [written] * bool(
                    written and "date" in q.meta_roles)
                holds = lambda ln: any(v in ln or v.replace("-", "") in re.sub(r"\D", "", ln) for v in values)
                lines = [ln for ln in m.lines if holds(ln)]
                if lines:
                    cites.extend(from_metadata(doc, ln) for ln in lines[:3])
                else:  # a head line of the body ("（2026年11月26日）" under a speech's title), else the facts as stated
                    cites.append(self._head_line(doc, holds) or from_metadata(doc, sentence))
        if credited is not None and "credits" in q.meta_roles:
            # "编导是谁?", "作者是谁，文字稿是谁整理的?": the credits asked by their own word, after the rest.
            parts.append(credited.answer)
            cites = unique([*cites, *credited.citations], limit=MAX_CITATIONS)
        if not parts:
            hits = self.kb.searcher.search(s.text, k=5)
            return self._general(q, s, hits)
        return Answer(answer="".join(parts), found=True, citations=cites)

    @staticmethod
    def _head_line(doc, holds, within: int = 8):
        """The citation of the first of the body's opening lines that holds, as it stands; None if none does."""
        return next((citations.from_line(doc, start, end) for start, end, line in doc.lines()[:within]
                     if line.strip() and holds(line)), None)

    def _field_holding(self, name: str):
        """The key of the header or field line a name stands in ("联系人：某某"), with that line's citation; else None."""
        for doc in self.kb.documents:
            for line in [*doc.meta.lines, *doc.meta.fields]:
                m = re.search(rf"([\u4e00-\u9fff]{{2,6}})[：:][^：:]{{0,20}}?{re.escape(name)}", line)
                if m:
                    return m.group(1), from_metadata(doc, line)
        return None

    def _numbered_sentence(self, doc) -> Answer | None:
        """The sentence of a document's text that gives an official document's number, as a found answer."""
        for c in self.kb.chunks:
            if c.doc_id != doc.doc_id or not _INLINE_NUMBER.search(c.text):
                continue
            sent = next(x for x in split_sentences(c.text) if _INLINE_NUMBER.search(x))
            return Answer(answer=_balance_quotes(sent), found=True, citations=_cites([c]),
                          attribution=shape.attribution(c, self._reported(c)))
        return None

    def _host(self, question: str) -> Answer | None:
        """Who presided: a header's "主持人：" line, else a transcript's host labels, else the report's sentence with
        the verb ("X主持会议"), from the passages nearest the question first."""
        def head(doc) -> str:
            return f"《{doc.meta.title}》" if len(self.kb.documents) > 1 and doc.meta.title else "文中"

        for doc in self.kb.documents:
            for line in doc.meta.lines:
                field = _HOST_FIELD.search(line)
                if field:
                    return Answer(answer=msg.HOSTED_BY.format(head=head(doc), names=field.group(1).strip()), found=True,
                                  citations=[from_metadata(doc, line)])
        for doc in self.kb.documents:
            if doc.hosts:
                # A transcript's host, known from its labels ("主持人 张三：…"): cited where the host first speaks,
                # with the post the text gives the host ("我是市政府新闻办副主任张三").
                mine = [c for c in self.kb.chunks if c.doc_id == doc.doc_id and not c.speaker]
                first = [c for c in mine if any(n in c.text for n in doc.hosts)][:1]
                names = "、".join(f"{self._post_of(n, doc)}{n}" for n in doc.hosts)
                # The host named only in a turn's label ("主持人（市政府新闻办副主任 张三）：…"): that line is cited.
                labelled = "" if first else next((ln for ln in doc.body.splitlines()
                                                  if any(n in ln for n in doc.hosts)), "")
                cites = _cites(first) if first else [from_metadata(doc, labelled[:80])] if labelled else _cites(mine[:1])
                return Answer(answer=msg.HOSTED_BY.format(head=head(doc), names=names), found=True, citations=cites)
        for c in sorted(self.kb.chunks, key=lambda c: (c.doc_id, c.start)):
            # "本期节目，主持人祝某邀请到…": the host named with the word in the text's own voice, not in a quote.
            m = _HOST_NAMED.search(c.text) if not c.speaker else None
            if m and _host_name(m, c.text) and c.text[:m.start()].count("“") == c.text[:m.start()].count("”"):
                return Answer(answer=msg.HOSTED_BY.format(head=head(self.kb.corpus.document(c.doc_id)),
                                                          names=m.group(1)), found=True,
                              citations=_cites([c]))
        near = [h.chunk for h in self.kb.searcher.search(question, k=8)]
        for c in near + [c for c in self.kb.chunks if c not in near]:
            sent = next((x for x in split_sentences(c.text) if (m := _PRESIDED.search(x))
                         and x[:m.start()].count("“") == x[:m.start()].count("”")), None)  # not inside a quote
            if sent and scope.names_asked(question):
                # "主持会议的副秘书长叫什么名字?" over "市政府副秘书长主持会议": the post is given, the name is not.
                clause = next(x for x in re.split(r"[，,；;]", sent) if _PRESIDED.search(x) or "主持" in x)
                if not person_names(clause):
                    return Answer(answer=msg.PARTIAL.format(topic=f"“{clause.strip('。')}”", what="其姓名"),
                                  found=False, citations=_cites([c], 1))
            if sent:
                return Answer(answer=_balance_quotes(sent), found=True, citations=_cites([c]),
                              attribution=shape.attribution(c, self._reported(c)))
        return None

    def _meeting_of(self) -> Answer | None:
        """The meeting a document's head says it was adopted or delivered at ("（…第九次全体会议通过）", "——…在区第五
        届人民代表大会第六次会议上"), with that line; None when no document's head names one."""
        for doc in self.kb.documents:
            paras = doc.paragraphs()[:4]
            for line in [*doc.meta.lines, *(p.text for p in paras)]:
                m = _MEETING_LINE.search(line.strip())
                if m:
                    head = f"《{doc.meta.title}》" if doc.meta.title else "这份文件"
                    text = msg.ADOPTED_AT.format(title=head, meeting=m.group("meeting"), date=m.group("date"),
                                                 verb="通过" if m.group("verb") else "作")
                    chunk = next((c for c in self.kb.chunks if c.doc_id == doc.doc_id
                                  and m.group("meeting") in c.text), None)
                    return Answer(answer=text, found=True,
                                  citations=_cites([chunk]) if chunk else [from_metadata(doc, line)])
        for doc in self.kb.documents:
            # No dated head line: the speech's subtitle, else the meeting the opening paragraph says was convened,
            # dated by the document's own date.
            paras = doc.paragraphs()[:3]
            lines = [*doc.meta.lines, *(line for *_, line in doc.lines()[:6])]
            m = next((x for ln in lines if (x := _MEETING_HEAD.search(ln.strip()))), None) or next(
                (x for p in paras if (x := _CONVENED.search(p.text) or _HELD_SUBJECT.search(p.text))), None) or next(
                (x for ln in [doc.meta.title, *lines] if (x := _HELD_SUBJECT.search(ln.strip()))), None)
            if m is None:
                continue
            meeting = m.group("meeting")
            # The day the text itself gives the meeting ("2026年10月21日上午，…主持召开…"), else a speech's own date;
            # never the day a page or minutes were issued.
            said = re.findall(r"\d{4}年\d{1,2}月\d{1,2}日", m.string[:m.start()])
            date = said[-1] if said else _written_date(doc.meta.delivered) if doc.meta.delivered else ""
            head = f"《{doc.meta.title}》" if doc.meta.title else "这份文件"
            text = msg.HELD_AT.format(title=head, meeting=meeting, date=f"（{date}）" if date else "")
            line = next((ln for ln in lines if meeting in ln), "")
            start = doc.body.find(line) if line else -1
            chunk = next((c for c in self.kb.chunks if c.doc_id == doc.doc_id and meeting in c.text), None)
            cite = citations.from_line(doc, start, start + len(line)) if start >= 0 else (
                from_chunk(chunk) if chunk else from_metadata(doc, meeting))
            return Answer(answer=text, found=True, citations=[cite])
        return None

    def _credits_asked(self, question: str) -> Answer | None:
        """The header's credit fields the question names by their own word ("文字稿是谁整理的" → 文字整理：…,
        "摄像是谁"): each as written, cited from its line; the host and dates have their own paths."""
        facts, cites = [], []
        for doc in self.kb.documents:
            for line in doc.meta.lines:
                named = credits_named(question, line)
                facts += [f"{label}：{value}" for label, value in named]
                if named:
                    cites.append(from_metadata(doc, line))
            body = fields_named(question, doc.meta.fields)
            facts += [f"{label}：{value}" for label, value in body]
            # A field is cited from its line; a value read off a line of its own form (the compiler's line, the
            # copies printed) from the line that holds it.
            cites += [from_metadata(doc, line) for line in doc.meta.fields
                      if any(f"{label}：{value}" in re.sub(r"\s*[:：]\s*", "：", line) or value in line
                             for label, value in body)][:3]
        if not facts:
            return None
        facts = list(dict.fromkeys(facts))  # a credit printed in the header and again at the end is one fact
        text = "文中记载的" + "；".join(facts) + "。"
        subject = copula_subject(question)
        named = len(subject) >= 2 and is_name(subject) and bool(copula_post(question, subject))
        if _YES_NO_END.search(question) or named:
            # "某某是这份答复的签发人吗/吧?": yes when the name the question checks is in the field's value (a value
            # may carry a post: "某局科长 某某"); no, with the field the name does stand in when it stands in one.
            values = [f.split("：", 1)[1] for f in facts]
            yes = any(subject in v for v in values) if named else any(
                v and (v in question or question.find(v[:2]) >= 0 and len(v) <= 4) for v in values)
            held = self._field_holding(subject) if named and not yes else None
            if held is not None:
                cites = unique([*cites, held[1]], limit=MAX_CITATIONS)
            text = ("是。" if yes else "不是。") + (f"{subject}是文中记载的{held[0]}；" if held else "") + text
        return Answer(answer=text, found=True, citations=cites)

    def _post_of(self, name: str, doc) -> str:
        """The post a document writes right before a name that is nobody's in the registry (a host's:
        "我是市政府新闻办公室副主任张三", "主持人：市政府新闻办副主任 张三"), or ""."""
        for text in [*doc.meta.lines, doc.body]:
            # Posts joined by "、" are one person's ("市委宣传部副部长、市政府新闻办主任 张三").
            m = re.search(rf"([\u4e00-\u9fff]{{2,24}}?(?:{_TITLE_WORDS})(?:、[\u4e00-\u9fff]{{2,24}}?(?:{_TITLE_WORDS}))*)"
                          rf"[\s\u3000]*{re.escape(name)}", text)
            if m:
                return noun_phrase_tail(re.sub(r"^.*?(?:我是|由|请|主持人|：|:)", "", m.group(1)))
        return ""

    def _event_held(self, q, s) -> Answer | None:
        """The sentence near a document's start that says its event was held (召开/举行…) and when, when the
        question's words are the event's (its title's) and that sentence's, the sentence holds every kind of time
        asked ("几点开始", "开了多久") and the question names no other place; None otherwise."""
        terms = {t: w for t, w in self._terms(s.text).items() if len(t) >= 2}
        for doc in self.kb.documents:
            context = " ".join([doc.doc_id, doc.meta.title or "", doc.meta.outlet or "", doc.body[:2000]])
            if scope.foreign_places(s.text, context):
                return None  # "乙市的推进会是哪天开的?" over a report of 甲市
            chunks = sorted((c for c in self.kb.chunks if c.doc_id == doc.doc_id), key=lambda c: c.start)[:3]
            for c in chunks:
                for sent in split_sentences(c.text):
                    held = _HELD.search(sent)
                    if not (held and shape.has_type(sent, "when", s.text)):
                        continue
                    if any(not shape.has_type(sent, k, s.text) for k in q.asks & {"clock", "duration"}):
                        return None
                    where = f"{doc.meta.title or ''} {sent}"
                    # Most of the question's words, counted alike ("上午还是下午" asks one of the two).
                    # A word may be the short form of the sentence's ("全会" of "全体会议").
                    if terms and sum(t in where or abbreviates(t, where) for t in terms) < len(terms) / 2:
                        return None
                    if self._asked_event(s.text, where):
                        return None  # "什么时候开工" is not when the review meeting was held
                    stop = min((i for i in (sent.find("，", held.end()), sent.find("。", held.end())) if i > 0),
                               default=len(sent))
                    return Answer(answer=sent[:stop] + "。", found=True, citations=_cites([c]),
                                  attribution=shape.attribution(c, self._reported(c)))
        return None

    def _names_another_event(self, question: str) -> bool:
        """The question quotes a name ("“安居温州”房展会") that no document's title or header lines hold."""
        heads = " ".join(x for d in self.kb.documents for x in [d.meta.title or "", *d.meta.lines])
        return any(m.group(1) not in heads for m in re.finditer(r"[“\"「]([^”\"」]{2,20})[”\"」]", question))

    def _place_line(self, q) -> Answer | None:
        """Where (and when) the event took place, from a "地点：…" field of the document's own header lines (or of
        the field lines that open its text, "时间：…" / "地点：…" under a transcript's title)."""
        for doc in self.kb.documents:
            for line in [*doc.meta.lines, *_opening_fields(doc.body)]:
                where = _PLACE_FIELD.search(line)
                if not where:
                    continue
                lines = [line]
                when = _TIME_FIELD.search(line) if "when" in q.asks else None
                if "when" in q.asks and when is None:
                    # The time has a line of its own ("播出日期：…", "时间：…"): each asked fact from its own line.
                    # The time line nearest the place line first (the event's own fields, "时间：…" then "地点：…"):
                    # the page's posting time ("发布时间：…" above them) is not when the event was held.
                    pool = [*doc.meta.lines, *_opening_fields(doc.body)]
                    at = pool.index(line)
                    pool = [ln for _, ln in sorted(enumerate(pool), key=lambda x: abs(x[0] - at))]
                    other = next(((ln, m) for ln in pool
                                  if ln != line and (m := _TIME_FIELD.search(ln) or _DATE_FIELD.search(ln))), None)
                    if other is not None:
                        lines.append(other[0])
                        when = other[1]
                facts = ([f"时间是{when.group(1)}"] if when else []) + [f"地点是{where.group(1)}"]
                head = f"《{doc.meta.title}》" if len(self.kb.documents) > 1 and doc.meta.title else "文中"
                return Answer(answer=f"{head}记载的" + "，".join(facts) + "。", found=True,
                              citations=[from_metadata(doc, ln) for ln in lines])
        return None

    def _doc_summary(self, q, s, hits):
        parts, cites = [], []
        docs = self.kb.documents[:3]
        for doc in docs:
            lead = [p for sec in doc.sections for p in sec.paragraphs][:2]
            if not lead:
                continue
            text = _clip(doc.body[lead[0].start:lead[-1].end].replace("\n", ""), MAX_ANSWER // len(docs) - 20)
            head = f"《{doc.meta.title}》" if len(docs) > 1 else "这篇报道的"
            parts.append(msg.DOC_SUMMARY.format(head=head, text=text))
            cites += [from_chunk(c) for c in self.kb.chunks if c.doc_id == doc.doc_id
                      and lead[0].start <= c.start < lead[-1].end + 1]
        if not parts:
            return not_found()
        return Answer(answer="".join(parts), found=True, citations=unique(cites, MAX_CITATIONS))

    def _meta_person(self, q, s, hits):
        role = msg.META_ROLE.get(q.meta_role, q.meta_role)
        doc = next((d for d in self.kb.documents
                    if q.title_phrase in (d.meta.reporters + [d.meta.editor, d.meta.photographer])), None)
        text = msg.META_PERSON.format(name=q.title_phrase, role=role)
        cites = [from_metadata(doc, text)] if doc else []
        if _GENDER_WORDS.search(s.text):
            # "记者某某是男记者还是女记者?": a byline says who wrote, never whether a man or a woman.
            return Answer(answer=text + msg.GENDER_UNKNOWN.format(who=q.title_phrase), found=False, citations=cites)
        asked = next((r for rx, r in _META_ASKED if rx.search(s.text.replace(q.title_phrase, ""))), "")
        if doc is not None and asked and asked != q.meta_role and _YES_NO_TAIL.search(s.text):
            # "某某是这篇稿子的作者吗?" of the page's editor: no, and who the asked role is.
            holder = "、".join(doc.meta.reporters) if asked == "reporter" else getattr(doc.meta, asked, "")
            text = msg.META_ROLE_NO.format(name=q.title_phrase, role=role, asked=msg.META_ROLE[asked],
                                           holder=holder or "文中没有写明")
            lines = [ln for ln in doc.meta.lines if q.title_phrase in ln or (holder and holder.split("、")[0] in ln)]
            return Answer(answer=text, found=True, citations=[from_metadata(doc, ln) for ln in lines[:2]] or cites)
        return Answer(answer=text, found=True, citations=cites)

    def _check_title(self, q, s, hits):
        p, phrase = q.person, q.title_phrase
        holders = self._holders(phrase)
        if not p.title and not holders:
            # The text gives the person no post of the form "TITLE NAME" ("在东升村当了19年党支部书记的某某"): what it
            # says of them, in its own words, answers.
            return self._retrieval_answer(q, s, hits or self.kb.searcher.search(s.text, k=5))
        intro = _intro_chunk(self.kb, p)
        # Where someone else states the title (a host's introduction), the person's own first words are cited too:
        # they show who speaks in that post.
        own = self.kb.chunks_of(p.name)[:1] if intro is not None and intro.speaker != p.name else []
        return self._check_reply(p.name, p.title or "文中未说明职务的人", phrase,
                                 any(h.name == p.name for h, _ in holders), holders, _cites([intro, *own]))

    def _check_reply(self, name: str, title: str, phrase: str, yes: bool, holders: list[tuple[Person, str]],
                     cited: list) -> Answer:
        """"NAME是PHRASE吗?" answered: yes; no, with everyone who holds the post asked about (cited where they are
        introduced); or no."""
        if yes:
            return Answer(answer=msg.CHECK_YES.format(name=name, title=title), found=True, citations=cited)
        if holders:
            text = msg.CHECK_NO_HOLDER.format(name=name, title=title, holders=_holding(holders), phrase=phrase)
            return Answer(answer=text, found=True, citations=unique(
                [*cited, *_cites([_intro_chunk(self.kb, h) for h, _ in holders])], limit=MAX_CITATIONS))
        return Answer(answer=msg.CHECK_NO.format(name=name, title=title, phrase=phrase), found=True, citations=cited)

    def _check_named(self, q: Question) -> Answer | None:
        """"主持会议的某某是副市长吧?": a yes/no check of the post of someone the text names with a post but who never
        speaks (a host, a chair): answered from the text's own "POST NAME" mentions. None for any other question."""
        k = q.text.rfind("是")
        if k < 0 or SEX_CHOICE.search(q.text) or not copula_post(q.text, q.text[:k]):
            # No "… 是 POST?" in the question, or a choice between sexes ("某某是男专家还是女专家?"): nothing to look
            # up (the names are tagged on first need).
            return None
        name = self._named_non_speaker(q.text)
        post = copula_post(q.text, name) if name else ""
        # the post as the matcher read it, else as written after the copula ("某某是市长吗?")
        phrase = q.title_phrase if q.title_phrase and q.title_phrase in post else post
        if not phrase or not (self.kb.titles.role(phrase) or ORG_WORD.search(phrase)):
            return None
        titles = list(dict.fromkeys(self._posts_written_before(name)))
        if not titles:
            return None
        own = TitleMatcher([Person(name=name, titles=titles)], homes=lambda: self.kb.titles.homes).candidates(phrase)
        title = own[0][1] if own else max(titles, key=len)
        return self._check_reply(name, title, phrase, bool(own), self._holders(phrase), self._mention(name, title))

    def _attended(self, q: Question, s: Standalone) -> Answer | None:
        """"列席会议的有哪些人?", "出席的副市长有几位?": the document's own cast line of that key, less the posts the
        question does not ask for; None when the question names no cast line the documents have or asks no list."""
        key = attendance.asked_key(s.text)
        if not key or not _LISTS_PEOPLE.search(s.text):
            return None
        if self._cast is None:
            self._cast = attendance.cast_lines(self.kb.documents)
        phrase = q.title_phrase or self.kb.titles.title_phrase(s.text)
        role = self.kb.titles.role(phrase) if phrase else ""
        # A report's narrated "…出席会议。" names the officials there, not everyone: it answers only for officials.
        officials = bool(role) or _OFFICIALS_ASKED.search(s.text) is not None
        line = next((x for x in self._cast if x.key == key and (officials or not x.narrated or key == "陪同")), None)
        if line is None:
            return None
        people = list(line.people)
        if role and role not in msg.ROSTER_WORDS.values():
            people = [p for p in people if holds_role(p.title, role)] or people
        kept, tier = tiers.keep_tiers([p.title for p in people], self.kb.titles.homes, s.text)
        people = [p for p, k in zip(people, kept) if k]
        items = "、".join(f"{p.name}（{p.title}）" if p.title else p.name for p in people)
        doc = self.kb.corpus.document(line.doc_id)
        label = f"中的{tier or role}" if (tier or role) and len(people) < len(line.people) else ""
        return Answer(answer=msg.ATTENDED.format(key=key, role=label, n=len(people), items=items), found=True,
                      citations=[citations.from_line(doc, line.start, line.end)] if doc is not None else [])

    def _profile_owner(self, doc_id: str, at: int) -> tuple[str, list[str]] | None:
        """(name, posts) of the person whose profile holds this place of a document (a passage's or a citation's
        start), else None."""
        return next(((name, posts) for name, (posts, chunks) in self.kb.profiled.items()
                     if any(c.doc_id == doc_id and c.start <= at < c.end for c in chunks)), None)

    def _profile_chunk(self, name: str, title: str) -> Chunk | None:
        """The passage of a person's profile that gives the post ("职务：副局长、党组成员"), else its first; None for
        someone no page profiles."""
        posts, chunks = self.kb.profiled.get(name, ([], []))
        field = next((c for c in chunks if re.match(r"\s*(?:现任)?职务\s*[：:]", c.text)), None)
        return field or next((c for c in chunks if title in c.text), chunks[0] if chunks else None)

    def _posts_written_before(self, name: str) -> list[str]:
        """The posts the text writes right before a name, at each of its mentions ("由副局长某某牵头"): the text is
        cut after the name, so that whatever verb follows does not hide where the name ends. A leaders' page gives
        them in its profile's field instead."""
        out = list(self.kb.profiled.get(name, ([], []))[0]) + self.kb.appointed_posts(name)[0]
        for d in self.kb.documents:
            for m in re.finditer(re.escape(name), d.body):
                # from the clause's start, so that a title is never cut ("常务副县长" read as "县长")
                start = max(d.body.rfind(x, max(0, m.start() - 40), m.start()) for x in "，,。；;：:\n")
                out += [sp.title for sp in titled_people(d.body[max(0, start + 1, m.start() - 40):m.end()] + "，")
                        if sp.name == name]
        return out

    def _mention(self, name: str, title: str) -> list:
        """The citation of where the text writes "TITLE NAME": its passage; else a line that gives both (a heading
        "NAME　TITLE" of a leaders' page, a turn label), else the profile's field that gives the post, else the
        appointment."""
        chunk = next((c for c in self.kb.chunks if title + name in c.text.replace(" ", "")), None)
        if chunk is not None:
            return [from_chunk(chunk)]
        line = next(([citations.from_line(d, start, end)] for d in self.kb.documents for start, end, line in d.lines()
                     if name in line and title in line), [])
        chunk = None if line else self._profile_chunk(name, title) or next(
            (c for a, c in self.kb.appointments if a.name == name and a.post == title and c is not None), None)
        return [from_chunk(chunk)] if chunk is not None else line

    def _gender(self, q, s, hits):
        # "管土地那个局的女领导说容积率能放到多少": a word for the sex before a post says who is meant; with it set
        # aside, a question with no other word of sex asks what that person said.
        asked = q.text
        if q.person is not None and not _SEX_ASKED.search(asked):
            for word in sex_of_post(asked, q.title_phrase or q.person.title):
                asked = asked.replace(word, "", 1)
        if not _GENDER_WORDS.search(asked) and not (q.person is None and PRONOUN_REFERENT.search(q.text)):
            hits = hits or self.kb.searcher.search(s.text, k=5)
            return self._person_said(q, s, hits) if q.person else self._who_said(q, s, hits)
        if q.person:
            g, word = self._gender_of(q.person)
            return _gender_answer(q.person.name, g, word, lambda: self._gender_chunk(q.person, word))
        # Not "“她表示…”这个她是指谁": the question asks whom a pronoun stands for, and its quotation names nobody.
        other = None if PRONOUN_REFERENT.search(q.text) else self._named_non_speaker(re.sub(r"“[^”]*”", "，", q.text))
        if other is not None:
            # "主持会议的某某是男的还是女的?": someone the text names who is no speaker; the text's pronouns decide.
            g, word = gender_of(Person(name=other), self.kb.documents, [p.name for p in self.kb.people])
            return _gender_answer(other, g, word,
                                  lambda: next((c for c in self.kb.chunks if other in c.text and word in c.text), None))
        unknown = next(iter(person_names(q.text)), "") if SEX_CHOICE.search(q.text) else ""
        if unknown:
            # "某某是男的还是女的?" of a name the documents do not write: nothing in them says.
            return Answer(answer=msg.GENDER_UNKNOWN.format(who=unknown), found=False)
        women = [p for p in self.kb.people if self._gender_of(p)[0] == "女"]
        speaking = bool(women)
        if not women:
            women = self._women_named()
        if not women:
            callers = self._women_calling()
            if callers is not None:
                return callers
            return Answer(answer=msg.GENDER_UNKNOWN.format(who="发言人"), found=False)
        items = "、".join(f"{_person_label(p)}（文中以“{self._gender_of(p)[1]}”称呼）" for p in women)
        listed = msg.GENDER_LIST if speaking else msg.GENDER_LIST_NAMED  # honourees, profiled officials: no speakers
        out = Answer(answer=listed.format(items=items), found=True,
                     citations=_cites([self._gender_chunk(p, self._gender_of(p)[1]) for p in women]))
        if len(women) == 1:
            # "这个“她”指的是谁?她要求…?": who she is, then the rest from what she said.
            more = self._also_asked(dataclasses.replace(q, person=women[0], title_phrase=women[0].title), s)
            if more is not None:
                out.answer += more.answer
                out.citations = unique(more.citations + out.citations, limit=MAX_CITATIONS)
                out.attribution = more.attribution
        return out

    def _entry_of(self, chunk: Chunk) -> list[Chunk]:
        """The passages of the entry (section) a passage belongs to, in order; none for a passage under no heading of
        its own (a whole untitled page is no entry)."""
        if not chunk.section:
            return []
        return [c for c in self.kb.chunks if c.doc_id == chunk.doc_id and c.section == chunk.section]

    def _entry_fields(self, chunk: Chunk, key: re.Pattern) -> list[Chunk]:
        """The field lines of the entry a passage belongs to whose key fits ("留言时间：…"), in order."""
        return [c for c in self._entry_of(chunk) if is_field_line(c.text.strip()) and key.search(c.text)]

    def _women_named(self) -> list[Person]:
        """People the text names with a post who never speak, and whom it calls 她 ("副县长某某同志…，她在…")."""
        speakers = [p.name for p in self.kb.people]
        out: dict[str, Person] = {}
        for name, (posts, _) in self.kb.profiled.items():
            if name not in speakers and gender_of(Person(name=name), self.kb.documents, speakers)[0] == "女":
                out[name] = Person(name=name, titles=list(posts))
        for doc in self.kb.documents:
            for sp in titled_people(doc.body):
                if sp.name and sp.name not in speakers and sp.name not in out \
                        and gender_of(Person(name=sp.name), self.kb.documents, speakers)[0] == "女":
                    out[sp.name] = Person(name=sp.name, titles=[sp.title] if sp.title else [])
        return list(out.values())

    def _women_calling(self) -> Answer | None:
        """The callers of a programme whose label says they are women ("听众李女士"), else None."""
        lists = [ol for ol in self.kb.outline.lists if ol.alias == outline_mod.CALLERS]
        women = [i for i in (lists[0].items if lists else []) if i.number.endswith(_WOMEN_HONORIFICS)]
        if not women:
            return None
        items = "、".join(f"{i.number}（文中称“{next(h for h in _WOMEN_HONORIFICS if i.number.endswith(h))}”）"
                         for i in women)
        return Answer(answer=msg.GENDER_LIST.format(items=items), found=True, citations=_cites([i.chunk for i in women]))

    def _named_non_speaker(self, question: str) -> str | None:
        """A personal name the question writes that the documents write too, of someone who never speaks there
        ("主持会议的某某", "村民某某"): read at every surname of the question, the longest reading the documents hold."""
        speakers = {p.name for p in self.kb.people}
        # The documents' own personal names, as the tagger reads them in the text (tagged once): a word of the
        # question is a name only when the documents write it as one ("文章", "明确" start with surnames too).
        if self._written_names is None:
            # ...and every name the text writes after a post ("市政府秘书长某某列席"), which the tagger may not know
            self._written_names = {n for d in self.kb.documents for n in person_names(d.body)} | {
                sp.name for d in self.kb.documents for sp in titled_people(d.body)} | set(self.kb.profiled)
        written = self._written_names | {n for n in person_names(question)
                                         if any(n in d.body for d in self.kb.documents)}
        found = []
        for i in range(len(question)):
            for n in surname_lengths(question[i:]):
                name = question[i:i + n]
                # Part of a speaker's name ("秀英" of a 梁秀英) or the whole of it is a speaker, not someone else.
                if name in written and is_name(name) and not _PLACE_END.search(name) \
                        and not any(name in sp for sp in speakers):
                    found.append(name)
        if not found:
            return None
        best = max(found, key=len)
        i = question.find(best)
        whole = question[i - 1:i + len(best)] if i > 0 else ""
        # The tagger may read a given name alone ("海涛" of "邱海涛"): the question's character before it is its
        # surname when the documents write the two together and that reads as a name.
        if whole and len(whole) <= 3 and is_name(whole) and any(whole in d.body for d in self.kb.documents) \
                and not any(whole in sp for sp in speakers):
            return whole
        return best

    def _gender_of(self, p: Person) -> tuple[str, str]:
        """("女"|"男"|"", the word of the text that says it): the registry's gender first, else the text's pronouns."""
        if p.name not in self._genders:
            known = {"f": "女", "m": "男"}.get(getattr(p, "gender", ""), "")
            g, word = gender_of(p, self.kb.documents, [x.name for x in self.kb.people])
            if known and g != known:
                word = "她" if known == "女" else "他"
            self._genders[p.name] = (known or g, word)
        return self._genders[p.name]

    def _gender_chunk(self, p: Person, word: str) -> Chunk | None:
        # Where the word follows the name ("区长某某…。她在报告中…"): the passage that shows it, whoever speaks there.
        # The name may be the host's short form of it ("谢谢何局长。她刚才提到的…").
        forms = called(p, [x.name for x in self.kb.people if x.name != p.name])
        shown = next((c for c in self.kb.chunks for f in forms
                      if word and f in c.text and word in c.text[c.text.find(f):]), None)
        chunks = self.kb.chunks_of(p.name) + self.kb.profiled.get(p.name, ([], []))[1]  # a profile's own passages
        return shown or next((c for c in chunks if word and word in c.text), None) or _intro_chunk(self.kb, p)

    # --- structure -------------------------------------------------------------------------------
    def _count_stated_otherwise(self, question: str, ol: OrderedList) -> Evidence | None:
        """The sentence that states the count the question asks in its own measure words ("几章" → "共5章24条"),
        when those are not the list's (a page in six parts, or any list counted by 个/项/条) and the count is not
        the list's length; else None."""
        units = [u for u in _ASKED_UNIT.findall(question) if u not in _MEASURE_WORDS and u not in (ol.noun or "")
                 and u not in (ol.alias or "")]
        if not units or not slots_mod.wants_count(question) or slots_mod.wants_list(question):
            return None  # "几件事，全部列出来" asks for the list's items
        for c in self.kb.chunks:
            for sent in split_sentences(c.text):
                # A count, not a place in an order ("第一章", "第3批"); a count of the list itself ("重点抓三件事"
                # over its three points) leaves the list to answer.
                counts = [_stated_count(sent, u) for u in units]
                # Two counts asked ("几章几条") are never one list's length, whatever the numbers.
                if all(counts) and (any(n != len(ol.items) for n in counts) or len(_ASKED_UNIT.findall(question)) >= 2):
                    return Evidence(c, [sent], 1.0, 0)
        return None

    def _structure(self, q, s, hits):
        # "第二项是哪个单位牵头?": a place in the list of noted tasks, whichever list the route chose.
        listed = self._listed_duties(s.text)
        if listed is not None:
            return listed
        if duties.named_org(s.text, self.kb.duties) and duties.leads_verb(s.text):
            # "市甲局一共牵头了几项重点任务?": the tasks that organisation's notes name, not the list of all tasks.
            duty = self._duty_answer(s.text, s)
            if duty is not None:
                return duty
        ol: OrderedList = q.outline_list
        if ol.source == outline_mod.ENTRANTS:
            return self._entrants_answer(q, s, ol)
        # "第二部分第（二）条的第2点" names all three levels itself: the ordinal slot reads it whole.
        nest = q.nested if ol.source in ("parts", "sections", "labelled") and not (q.ordinal and q.ordinal.position
                                                                         and q.ordinal.clause) else None
        if nest is not None:
            inner = self._nested_item(q, s, ol, *nest)
            if inner is not None:
                return inner
        o = q.ordinal
        # "一是…二是…" that the text announced as "三点要求": the items are 要求, not "一是".
        # Points with no name of their own ("一是…二是…" under a heading) are counted by the question's word for them
        # ("有哪几条", "几个方面"), else as 条.
        # "四步搞定": the counter the list's name counts its items by is their noun ("共4步", "第二步").
        own = ol.counter or ol.alias or outline_mod.titled_noun(q.text, ol) \
            or (ol.noun if ol.source != "markers" else slots_mod.counted_noun(q.text) or "条")
        # "排在最后的是哪一项": a particle read after the ordinal ("的") is no noun.
        # "排第三的是哪项": the copula and the question word before the counter are no part of the noun either.
        said_noun = re.sub(r"^[的是了那这哪]+", "", o.noun) if o and o.noun else ""
        if ol.source == "visits" and said_noun[:1] in ("站", "处"):
            said_noun = said_noun[:1]  # "最后一站看的…": the counter, not the verb read after it
        if ol.source == "labelled":
            said_noun = ol.noun  # "第3页上有什么": the unit the document labels, not the place word after it
        if ol.counter and said_noun.startswith(ol.counter):
            said_noun = ol.counter  # "第三站去的是哪里": the list's own counter, not the verb read after it
        noun = (said_noun if said_noun and not (ol.alias and said_noun in _MEASURE_WORDS) else own) or "项"
        doc = ol.doc
        context = " ".join([doc.doc_id, doc.meta.title or "", doc.meta.outlet or "", doc.body[:2000]])
        if scope.foreign_places(q.text, context):
            # "另一个城市的行动有哪些?": this document's list is not that city's.
            return self._refuse(q, s, hits)
        if ol.source == "questions" and not (o and o.position) and outline_mod.about_askers(q.text, ol) and (
                q.person is None or outline_mod.named_askers(q.text, ol)):
            return self._askers(q, ol)
        if ol.source == "questions" and q.person is None and "person" in q.asks and not (o and o.position):
            return self._answerers(q, ol)
        if ol.source == "questions" and q.person is not None and not (o and o.position):
            if len(q.people) < 2:
                return self._answered_by(q.person, ol)
            # "张三和李四分别回答了哪些问题?": each one's questions, in the order they are named.
            each = [self._answered_by(p, ol) for p in q.people[:3]]
            found = [a for a in each if a.found]
            return Answer(answer="\n".join(a.answer for a in each), found=bool(found),
                          citations=unique([c for a in found for c in a.citations[:1]]
                                           + [c for a in found for c in a.citations[1:]], limit=MAX_CITATIONS))
        if (o is None or o.position == 0 and not o.clause) and ol.alias == outline_mod.CALLERS:
            # "打进电话的听众都列一下", "一共几位听众和网友提了问题": who called or wrote in, each with their question.
            listed = "；".join(f"{i.number}（{_asked_gist(i.text)}）" for i in ol.items)
            return Answer(answer=msg.CALLERS_LIST.format(n=len(ol.items), items=listed), found=True,
                          citations=_cites([i.chunk for i in ol.items[:3]]))
        stated = self._count_stated_otherwise(q.text, ol) if o is None or o.position == 0 and not o.clause else None
        if stated is not None:
            # "《办法》一共几章几条?" of a page in six parts: the text says how many chapters and articles itself.
            return self._found(stated, s.text, hits)
        if ol.source == headed_lists.ROWS:
            # "曹敏包联了哪些项目": the rows that hold the value, each by its name, and how many.
            first = ol.items[0].chunk
            header, value = ol.picked_by
            items = "；".join(headed_lists.shown([i.text for i in ol.items]) if len(ol.items) > 1 else
                             [headed_lists.fields_head(ol.items[0].text)])
            text = msg.ROWS_WITH.format(header=header, value=value, n=len(ol.items),
                                        counter=_counter(ol.noun, False), items=items.rstrip("。") + "。")
            total = arithmetic.row_sum(q.text, [i.text for i in ol.items])
            if total is not None:
                text += msg.DERIVED.format(sum=total.text)  # "投资额加起来多少": the rows' figures, summed
            return Answer(answer=text,
                          found=True, citations=_cites([i.chunk for i in ol.items[:MAX_CITATIONS]]),
                          attribution=shape.attribution(first, self._reported(first)) if first else "")
        if (o is None or o.position == 0 and not o.clause) and ol.source == headed_lists.SOURCE:
            # "先进集体有哪些": the entries under the heading, each as written (a Q&A's by its question; a table's
            # row by its name).
            items = "；".join(t.rstrip("；;。，,") for t in headed_lists.shown([i.text for i in ol.items]))
            items += "" if items.endswith(("？", "?")) else "。"
            first = ol.items[0].chunk
            return Answer(answer=msg.LIST_ENTRIES.format(where=ol.alias, n=len(ol.items),
                                                         counter=_asked_counter(s.text, ol), items=items),
                          found=True, citations=_cites([i.chunk for i in ol.items[:1] + ol.items[-1:] + ol.items[1:2]]),
                          attribution=shape.attribution(first, self._reported(first)) if first else "")
        if o is None or (o.position == 0 and not o.clause):
            # Questions are quoted whole: their own "？" would run into the list's "、" and "。".
            # Items that hold a 、 of their own are set apart by ；.
            sep = "；" if any("、" in i.text for i in ol.items) and ol.source != "questions" else "、"
            items = sep.join(f"“{i.text}”" if ol.source == "questions" else outline_mod.shown(ol, i) for i in ol.items)
            text = msg.LIST_ITEMS.format(n=len(ol.items), noun=_counter(noun), items=items)
            # "“八个同城”行动": the count may stand before the name the text gives the items.
            stated = _stated_count(q.text, ol.noun) or (_stated_count(q.text, ol.alias) if ol.alias else 0)
            if stated and stated != len(ol.items):
                # A false premise ("十大工程" where the text lists four) is corrected, not echoed.
                # The count in the premise's own numerals ("七个", as "八个" was asked), as the other wrong count is.
                text = msg.WRONG_COUNT.format(n=cn_number(len(ol.items)), noun=_counter(ol.noun),
                                              stated=cn_number(stated) + _counter(ol.noun, False)) + text
            first = ol.chunk or (ol.items[0].chunk if ol.items else None)
            # The passage that states the count ("整合为8条") supports "共8条" as well as the items do.
            # Items each in a passage of their own: the first and the last say what the count spans.
            cites = _cites([first, None if ol.chunk else self._states_count(ol)]
                           + [i.chunk for i in (ol.items[:1] + ol.items[-1:] + ol.items[1:2])])
            headed = [i for i in ol.items if i.section is not None and i.section.title]
            if headed:
                # Parts with headings of their own: the first and the last heading say what the list spans, one
                # between them that it runs on.
                spans = [headed[0], headed[len(headed) // 2], headed[-1]] if len(headed) > 2 else headed
                # The passage that announces and counts them ("…“七个同城”行动") comes first when there is one.
                cites = unique(_cites([ol.chunk] if ol.chunk else []) + [from_heading(ol.doc, i.section) for i in spans]
                               + cites, limit=MAX_CITATIONS)
            return Answer(answer=text, found=True, citations=cites,
                          attribution=shape.attribution(first, self._reported(first)) if first else "")
        item = ol.at(o.position, o.entrance) if o.position else None
        if o.position and item is None:
            which = f"第{cn_number(abs(o.position))}个" if o.position > 0 else "倒数第" + cn_number(-o.position) + "个"
            # Points set out as "一是…二是…" are called by the question's word or the text's, never "一是".
            named = ol.noun if ol.source != "markers" else own or "项"
            noun = noun if noun == named or noun in named or named in noun else named  # "第九个是啥": 行动
            if ol.source == headed_lists.SOURCE:
                # "先进个人里第二十个": the entries are called by their heading's words, counted by its counter.
                text = msg.NO_SUCH_ITEM.format(noun=f"“{ol.alias}”", n=cn_number(len(ol.items)),
                                               counter=_counter(ol.noun, False),
                                               which=which.replace("个", _counter(ol.noun, False)))
                return Answer(answer=text, found=False, citations=_cites([ol.items[0].chunk]))
            text = (msg.NO_SUCH_POINT if noun in _MEASURE_WORDS else msg.NO_SUCH_ITEM).format(
                noun=noun, n=cn_number(len(ol.items)), counter=_counter(noun, False),
                which=which.replace("个", _counter(noun, False)))
            stated = _stated_count(q.text, named) or (_stated_count(q.text, noun) if ol.source == "markers" else 0)
            if stated and stated != len(ol.items):
                # "九大行动里第九个是啥?": the premise is wrong, and the text says so: the count is the answer.
                text = msg.WRONG_COUNT_NO_ITEM.format(n=cn_number(len(ol.items)), noun=_counter(named),
                                                      stated=cn_number(stated) + _counter(named, False),
                                                      which=which, bare=named)
                # The passage that states the count ("明确了七项重点任务：") is what corrects the premise.
                return Answer(answer=text, found=True, citations=_cites([self._states_count(ol, named), ol.chunk]),
                              attribution=shape.attribution(ol.chunk, self._reported(ol.chunk)) if ol.chunk else "")
            return Answer(answer=text, found=False, citations=_cites([ol.chunk]))
        if o.clause:
            # "保障措施第（二）条": the clause of the part the question names, when it names one.
            named = self.kb.outline.names_item(q.text, ol) if item is None and ol.source == "parts" else None
            item = named if named is not None and named.clauses else item
            candidates = [item] if item else ol.items
            clause_items = [c for it in candidates for c in it.clauses[o.clause - 1:o.clause]]
            if not clause_items and item is None:
                # "第（十六）条": a decision that numbers its clauses on through the parts has one clause of that own
                # number, wherever it stands.
                own = f"({cn_number(o.clause)})"
                clause_items = [c for it in ol.items for c in it.clauses if c.number == own]
            if clause_items:
                return self._clause_answer(q, s, clause_items[0], item)
            if item is None:
                return None  # no such clause anywhere: the passages decide
            if item.clauses:
                # "第六部分第（三）条" where the part has two: that clause does not exist, and the text says so.
                where = f"第{item.number.rstrip('、')}部分" if item.number else self._which(o.position, "部分") + "部分"
                n = len(item.clauses)
                return Answer(answer=msg.NO_SUCH_CLAUSE.format(where=where, n=_count(n),
                                                               which=cn_number(o.clause)),
                              found=False, citations=_cites([item.chunk]))
        return self._item_answer(q, s, ol, item, o.position, noun)

    def _nested_item(self, q, s, ol: OrderedList, first: int, second: int) -> Answer | None:
        """An item inside a part: "重点任务第四项里的第2条" is the 2nd point of the 4th group of the part the question
        names; with no part named, "最后一部分的最后一条" is the last group of the last part. None when the document
        has no such nesting."""
        named = self.kb.outline.names_item(q.text, ol)
        if named is not None and named.clauses:
            clause = pick(named.clauses, first)
            if clause is None:
                return Answer(answer=msg.NO_SUCH_ITEM.format(
                    noun=f"“{named.text}”下的项", n=_count(len(named.clauses)), counter="项",
                    which=self._which(first, "项").replace("个", "") + "项"), found=False, citations=_cites([named.chunk]))
            inner = dataclasses.replace(q, ordinal=Ordinal(first, "项", first, second))
            return self._clause_answer(inner, s, clause, named)
        part = pick(ol.items, first) if named is None else None
        if part is not None and not part.clauses and (inner := self.kb.outline.inner(part, ol)) is not None:
            # "答复第二部分的第二点": the points set out inside a part with no numbered clauses (一是…二是…).
            point = pick(inner.items, second)
            if point is not None:
                return self._item_answer(dataclasses.replace(q, ordinal=Ordinal(second, "点")), s, inner, point,
                                         second, "点")
        if part is None or not part.clauses:
            return None
        clause = pick(part.clauses, second)
        if clause is None:
            return None
        return self._clause_answer(dataclasses.replace(q, ordinal=Ordinal(first, "部分", second, 0)), s, clause, part)

    def _speakers_in_named_section(self, ol: OrderedList, question: str) -> list[Chunk]:
        """The first passage of each speaker of the one section of the list's document whose heading the question
        names ("自由辩论环节" for "四、自由辩论"), in the order they first speak there; [] when it names none."""
        doc = ol.doc
        if doc is None:
            return []
        named = [sec.title for sec in doc.sections if len(name := heading_name(sec.title or "")) >= 2 and name in question]
        if len(named) != 1:
            return []
        first, _ = speaking_order([c for c in self.kb.chunks if c.doc_id == doc.doc_id and c.section == named[0]])
        return list(first.values())

    def _which(self, position: int, noun: str) -> str:
        unit = "" if noun in _OWN_COUNTERS else _MEASURE_OF.get(noun, "个")
        if position == -1:
            return f"最后一{unit}"
        if position < 0:
            return f"倒数第{cn_number(-position)}{unit}"
        return f"第{cn_number(position)}{unit}"

    def _section_chunks(self, item: Item, ol: OrderedList) -> list[Chunk]:
        sec = self.kb.outline.section_of(item, ol.doc)
        if sec is None:
            # No heading of its own: the passage that takes the item up again (二是X。…) explains it.
            later = [c for c in self.kb.chunks if c.doc_id == ol.doc.doc_id and item.text in c.text
                     and (item.chunk is None or c.chunk_id != item.chunk.chunk_id)]
            return later[:2] or ([item.chunk] if item.chunk else [])
        return [c for c in self.kb.chunks if c.doc_id == ol.doc.doc_id and c.section == sec.title]

    def _answerers(self, q, ol: OrderedList) -> Answer:
        """Who answered the questions of a dialogue, each with how many and which; only those who answered the
        number of times the question states ("回答了两次"), when it states one."""
        by: dict[str, list[Item]] = {}
        for item in ol.items:
            answer = item.clauses[0].chunk if item.clauses else None
            if answer is not None and answer.speaker:
                by.setdefault(answer.speaker, []).append(item)
        stated = _stated_count(q.text, "次") or _stated_count(q.text, "个问题") or _stated_count(q.text, "个")
        chosen = [n for n in by if not stated or len(by[n]) == stated] or list(by)
        people = {p.name: p for p in self.kb.people}
        parts = [self._answered_by(people[n], ol) for n in chosen if n in people]
        found = [a for a in parts if a.found]
        if not found:
            return self._refuse(q, Standalone(q.text), [])
        return Answer(answer="\n".join(a.answer for a in found), found=True,
                      citations=unique([c for a in found for c in a.citations], limit=MAX_CITATIONS))

    def _askers(self, q, ol: OrderedList) -> Answer:
        """Who asked the questions of a dialogue: each outlet with which questions and who answered them; only
        the outlets the question names, when it names some ("某某日报的记者提了几个问题?")."""
        named = outline_mod.named_askers(q.text, ol)
        by: dict[str, list[int]] = {}
        for n, item in enumerate(ol.items, 1):
            by.setdefault(outline_mod.outlet(item.number), []).append(n)
        if named:
            items = [ol.items[n - 1] for name in named for n in by[name]]
            listed = "、".join(f"“{i.text}”（{self._answerer(i)}回答）" for i in items)
            text = "\n".join(msg.ASKER_QUESTIONS.format(outlet=name, n=len(by[name]), items=listed) for name in named)
            return Answer(answer=text, found=True, citations=_cites([i.chunk for i in items]))
        if set(by) == {""}:
            return Answer(answer=msg.ASKERS_UNNAMED.format(n=len(ol.items)), found=True,
                          citations=_cites([i.chunk for i in ol.items[:2]]))
        parts = [msg.ASKER_ITEM.format(outlet=name or "记者（未写明媒体）",
                                       which="、".join(self._which(n, "个") for n in ns) + "问题",
                                       answerer="、".join(dict.fromkeys(self._answerer(ol.items[n - 1]) for n in ns)))
                 for name, ns in by.items()]
        text = msg.ASKERS.format(n=len(ol.items), m=len([b for b in by if b]), items="；".join(parts))
        return Answer(answer=text, found=True, citations=_cites([i.chunk for i in ol.items[:3]]))

    @staticmethod
    def _answerer(item: Item) -> str:
        """Who answered a question of a dialogue, as the answer names them ("市甲局局长张三"; the host otherwise)."""
        answer = item.clauses[0].chunk if item.clauses else None
        return _label(answer) if answer is not None and answer.speaker else "主持人"

    def _states_count(self, ol: OrderedList, noun: str = "") -> Chunk | None:
        """A passage of the list's document that states how many items it has ("整合为8条"), if any; noun: what the
        items are called when the list's own noun is a marker ("一是")."""
        n = len(ol.items)
        unit = _counter(noun or ol.noun, False)
        counted = re.compile(rf"(?<![\d.]){n}{unit}|(?<![一二三四五六七八九十]){cn_number(n)}{unit}")
        return next((c for c in self.kb.chunks if c.doc_id == ol.doc.doc_id and counted.search(c.text)), None)

    def _answered_by(self, person, ol: OrderedList) -> Answer:
        """The questions of a dialogue that this person answered, in order."""
        label = f"{person.title}{person.name}" if person.title else person.name
        mine = [i for i in ol.items if i.clauses and i.clauses[0].chunk is not None
                and i.clauses[0].chunk.speaker == person.name]
        if not mine:
            return Answer(answer=msg.NO_ANSWERED_QUESTIONS.format(label=label), found=False,
                          citations=_cites(self.kb.chunks_of(person.name)[:1]))
        items = "、".join(f"“{i.text}”" for i in mine)
        answers = [i.clauses[0].chunk for i in mine]
        return Answer(answer=msg.ANSWERED_QUESTIONS.format(label=label, n=len(mine), items=items), found=True,
                      citations=_cites(answers), attribution=shape.attribution(answers[0], self._reported(answers[0])))

    @staticmethod
    def _marked_part(item: Item, chunks: list[Chunk]) -> str:
        """An enumerated item's own part of the text, from its marker to the next ("三是自11月1日起，…38支、820人；",
        "三是抓好医养结合。推动…。"); else ""."""
        for c in ([item.chunk] if item.chunk is not None else []) + chunks[:1]:
            part = shape.point_of(c.text, item.text)
            if part:
                return part
        return ""

    def _question_answer(self, ol: OrderedList, item: Item, position: int) -> Answer:
        """The Nth question of a press conference or interview: who asked it, what, and who answered."""
        answer = item.clauses[0].chunk if item.clauses else None
        asker = item.number if item.number and len(item.number) > 1 else "记者"
        asker = re.sub(r"(?<=”)(?:问|提问|留言|来信)$", "", asker)  # "网友“某某”问": the handle, not its verb
        doc = self.kb.corpus.document(ol.doc.doc_id)
        # A bare "问：" answered by nobody in a document without a host: the page's own question (an article's
        # closing "常见问题"), which no reporter asked and no host answered.
        own = not (item.number and len(item.number) > 1 and not _QA_NUMBER.fullmatch(item.number)) \
            and not (answer is not None and answer.speaker) and not (doc is not None and (doc.hosts or doc.meta.hosts))
        if item.chunk is None or item.chunk.source_kind != "question" or own:
            # A Q&A page's own numbered question: the page asks it, no reporter does.
            text = msg.NTH_PAGE_QUESTION.format(which=self._which(position, "个"), question=item.text)
        else:
            text = msg.NTH_QUESTION.format(which=self._which(position, "个"), asker=asker, question=item.text)
        if answer is not None and own:
            text += msg.PAGE_ANSWER.format(text=_opening(answer.text))
        elif answer is not None:
            text += msg.ANSWERED_BY.format(who=self._answerer(item), text=_opening(answer.text))
        return Answer(answer=text, found=True, citations=_cites([item.chunk, answer]),
                      attribution=shape.attribution(answer, self._reported(answer)) if answer else "")

    def _entrants_answer(self, q, s, ol: OrderedList) -> Answer:
        """One of the people a document presents a part each, picked by place, with the passage of their part that
        answers the rest of the question (else its first); or the people a trait picks, each cited where their part
        says it."""
        o = q.ordinal
        if o is not None and o.position:
            item = ol.at(o.position)
            which = self._which(o.position, "").replace("个", "位")  # "第四位", "最后一位"
            if item is None:
                return Answer(answer=msg.NO_SUCH_ENTRANT.format(n=len(ol.items), which=which,
                                                                items="、".join(i.text for i in ol.items)), found=False)
            chunks = [c.chunk for c in [item, *item.clauses] if c.chunk is not None]
            # "第四个介绍的局领导分管哪些处室": what is left once the person, the order and the words for them are
            # read; the passage of their part that says any of it answers, else their part's first.
            frame = f"{item.text}{entrants_mod.ordinal_words(o)}{''.join(entrants_mod.PRESENTED)}"
            rest = {t: w for t, w in self._terms(entrants_mod.without_place(s.text)).items()
                    if t not in frame and len(t) >= 2 and not any(t in f for f in _SPEAKER_FRAME)}
            c = chunks[0]
            ev = self.kb.evidence.best(s.text, _hits_of(chunks)) if rest else None
            if ev is not None and self.kb.evidence.coverage(rest, ev.text) > 0:
                c = ev.chunk
            text = msg.NTH_ENTRANT.format(which=which, who=item.text, text=_opening(c.text))
            return Answer(answer=text, found=True, citations=_cites([c] if c is chunks[0] else [c, chunks[0]]),
                          attribution=shape.attribution(c, self._reported(c)))
        everyone = self.kb.outline.entrant_lists[0].items if self.kb.outline.entrant_lists else ol.items
        # Each cited where the trait is said: a post in the heading of the person's part ("某某　副局长"), else the
        # passage of the part that says it.
        cites = [from_heading(ol.doc, i.section) if i.section is not None and ol.alias in i.section.title
                 else (_cites([entrants_mod.trait_chunk(i, ol.alias)]) or [None])[0] for i in ol.items]
        return Answer(answer=msg.ENTRANTS_WITH.format(all=len(everyone), trait=ol.alias, n=len(ol.items),
                                                      items="、".join(i.text for i in ol.items)),
                      found=True, citations=unique([c for c in cites if c is not None], limit=MAX_CITATIONS))

    def _item_answer(self, q, s, ol: OrderedList, item: Item, position: int, noun: str) -> Answer:
        if ol.source == "questions":
            return self._question_answer(ol, item, position)
        if ol.source == headed_lists.SOURCE:
            # An entry under a heading is quoted whole (a Q&A's question with its answer): it is the answer.
            text = "".join([item.text] + [c.text for c in item.clauses])
            text = text if len(text) <= MAX_ENTRY else text[:MAX_ENTRY] + "…"
            chunks = [c for c in [item.chunk] + [c.chunk for c in item.clauses] if c is not None]
            first = chunks[0] if chunks else None
            # "第二项", "最后一名"; "第五条" when the question counts its points so
            which = self._which(position, "个").replace("个", _asked_counter(q.text, ol))
            return Answer(answer=msg.NTH_ENTRY.format(where=ol.alias, which=which,
                                                      text=_balance_quotes(text)),
                          found=True, citations=unique(_cites(chunks), limit=MAX_CITATIONS),
                          attribution=shape.attribution(first, self._reported(first)) if first else "")
        if ol.source == "speakers":
            # "第二个发言的是谁?": the speaker, and the first thing they said; "最后一个发布人说多久评估一次?": the
            # rest of the question, from what that speaker said.
            within = self._speakers_in_named_section(ol, s.text)
            if within and (position > 0 and position <= len(within) or position < 0 and -position <= len(within)):
                # "自由辩论环节第一个开口的是谁": the order of that section's speakers, not the whole text's.
                item = speaker_item(within[position - 1] if position > 0 else within[position])
            c = item.chunk
            said = _opening(c.text)
            rest = {t: w for t, w in self._terms(s.text).items()
                    if t not in ol.noun and not any(t in f for f in _SPEAKER_FRAME)}
            chunks = self.kb.chunks_of(item.number) if rest else []
            ev = self.kb.evidence.best(s.text, _hits_of(chunks)) if chunks else None
            if ev is not None and self.kb.evidence.coverage(rest, ev.text) >= 0.5:
                c, said = ev.chunk, ev.text
            text = msg.NTH_SPEAKER.format(which=self._which(position, "位"), who=item.text, text=said)
            return Answer(answer=text, found=True, citations=_cites([c]),
                          attribution=shape.attribution(c, self._reported(c)))
        if ol.source == "paragraphs" and item.chunk is not None and len(item.chunk.text) <= MAX_CLAUSE_BODY \
                and item.chunk.text.startswith(item.text):
            # "最后一段说了什么?": a short paragraph is quoted whole, not cut after its first sentence.
            c = item.chunk
            text = msg.NTH_PARAGRAPH.format(which=self._which(position, "段"), text=_balance_quotes(c.text))
            return Answer(answer=text, found=True, citations=_cites([c]),
                          attribution=shape.attribution(c, self._reported(c)))
        chunks = self._section_chunks(item, ol)
        detail = ""
        ev = None
        # "第三个行动里提到的X是什么?": the rest of the question is answered from that item's passages.
        rest_terms = {t: w for t, w in self._terms(s.text).items() if t not in noun and t not in ol.noun
                      # "最后一个议定事项定了些啥": the place, the list's name and a lone character ("定") are not
                      # what to find in the item
                      and len(t) >= 2 and t not in ("最后", "倒数", "一个")
                      and not (ol.alias and (ol.alias in t or t + ol.alias in s.text))}
        if rest_terms and chunks:
            ev = self.kb.evidence.best(s.text, _hits_of(chunks))
        own = self._marked_part(item, chunks) if ol.source == "markers" else ""
        if item.clauses:
            detail = msg.PART_CLAUSES.format(n=len(item.clauses),
                                             items="；".join(f"{c.number}{c.text}" for c in item.clauses))
        elif own:
            detail = own
        elif (row := _own_row(item)) and rest_terms and self.kb.evidence.coverage(rest_terms, row) > 0:
            detail = row  # "第5个候选项目估算投资多少": the item's own row of the table, not a row like it
        elif ev is not None and rest_terms and ev.coverage >= 0.3:
            detail = self._short(ev, s.text)
        elif chunks and _CONTENTS_ASKED.search(s.text) and (listed := _contents_sentence(chunks)):
            # "最后一个行动包括哪些内容?": the item's sentence that sets out what it holds ("该项行动包括A，B…").
            detail = listed
        elif chunks:
            # Field lines ("网名：… 留言时间：…") say who and when, not what the item is about.
            first = next((c for c in chunks if not is_field_line(c.text.strip())), chunks[0])
            lines = [x for x in first.text.split("\n") if x.strip() and not is_field_line(x.strip())]
            sents = split_sentences("\n".join(lines) or first.text)
            at = next((i for i, x in enumerate(sents) if item.text in x), -1)
            # The sentence naming the item is often a bare label ("二是X。"): what follows it explains it.
            pick_i = at + 1 if 0 <= at < len(sents) - 1 and len(sents[at]) < 20 else max(at, 0)
            detail = sents[pick_i] if sents and len(sents[pick_i]) <= 140 else ""
            if detail and len(detail) < _SHORT_DETAIL and pick_i + 1 < len(sents) \
                    and len(detail + sents[pick_i + 1]) <= 140:
                detail += sents[pick_i + 1]  # "今天跑3组。" says where, not whom: the next sentence goes with it
        text = msg.NTH_ITEM.format(which=self._which(position, noun), noun=noun, item=outline_mod.shown(ol, item),
                                   detail=detail)
        text, entry_cites = self._entry_asked(text, chunks, s.text, q.asks)
        led = next((d for d in self.kb.duties if chunks and d.chunk in chunks), None) \
            if duties.WHO_LEADS_Q.search(s.text) else None
        if led is not None:
            # "第四项是啥事？由谁牵头？": the item's own note of who leads it.
            text += _lead_text(led, False)
        # Its clauses listed: the first and the last say what the count spans (the heading is cited below).
        spanned = [item.clauses[0].chunk, item.clauses[-1].chunk] if detail and item.clauses else chunks[:1]
        cites = [ol.chunk or item.chunk] + ([ev.chunk] if ev is not None else []) + spanned \
            + ([led.chunk] if led is not None else []) + entry_cites
        first = next((c for c in cites if c is not None), None)
        cited = _cites(cites)
        if item.section is not None and item.section.title:
            cited = unique([from_heading(ol.doc, item.section)] + cited, limit=MAX_CITATIONS)
        return Answer(answer=text, found=True, citations=cited,
                      attribution=shape.attribution(first, self._reported(first)) if first else "")

    def _entry_asked(self, text: str, chunks, question: str, asks: set[str]) -> tuple[str, list]:
        """An entry's answer with the fields the question asks of it ("是哪个网友留的", "哪个单位答复的") and its
        reply when asked ("后来咋处理的"), and the passages that hold them."""
        fields = entries.entry_fields(chunks)
        if not fields:
            return text, []
        asked = entries.asked_fields(question, fields, asks)
        cites = [f.chunk for f in asked]
        if asked:
            text += msg.ENTRY_FIELDS.format(fields="；".join(f"{f.key}：{f.value}" for f in asked))
        reply = self._reply_said(chunks, question)
        if reply is not None and reply[2] not in text:
            text += reply[0]
            cites.append(reply[1])
        return text, cites

    @staticmethod
    def _reply_said(chunks, question: str) -> tuple[str, Chunk, str] | None:
        """The reply of an entry when the question asks how it was handled ("后来咋处理的"; "哪个单位答复的" asks the
        body only): its head field and its first sentences, the passage they open, and the quoted sentences."""
        if not entries.REPLY_ASKED.search(question) or entries.UNIT_ASKED.search(question):
            return None
        reply = entries.reply_of(chunks)
        if reply is None or not reply[1]:
            return None
        head, body = reply
        said = split_sentences(body[0].text)
        while len(said) > 1 and len(said[0]) < 10:
            said = said[1:]  # "您好！", "来信收悉。": a reply's greeting says nothing of the matter
        quote = "".join(said[:2]) if len("".join(said[:2])) <= MAX_CLAUSE_BODY else said[0]
        return msg.ENTRY_REPLY.format(key=head.key, value=head.value, text=quote), body[0], quote

    def _clause_answer(self, q, s, clause: Item, part: Item | None) -> Answer:
        chunks = [c for c in self.kb.chunks if c.doc_id == (clause.chunk.doc_id if clause.chunk else "")
                  and clause.number in c.clause and c.section == (clause.section.title if clause.section else c.section)]
        if not chunks and clause.section is not None and clause.chunk is not None:
            # A decimal outline's section ("4.2　Ⅰ级应急响应"): its passages are those under its own heading.
            chunks = [c for c in self.kb.chunks if c.doc_id == clause.chunk.doc_id and c.section == clause.section.title]
        number = clause.number.replace('(', '（').replace(')', '）')
        if "." in number:
            where = f"{number.strip()}节“{clause.text}”"
        elif part is not None and part.number.startswith("第"):
            # A unit the document labels itself ("第十九条") and its sub-item: "第十九条第（五）项".
            where = f"{part.number}第{number}项"
        else:
            where = (f"第{part.number.rstrip('、')}部分" if part else "") + f"第{number}条"
        point = q.ordinal.point if q.ordinal else 0
        if not point and clause.clauses and (slots_mod.wants_list(s.text) or slots_mod.wants_count(s.text)):
            # "间接原因有哪些", "一共几条": the clause's own numbered points, counted, each by its first sentence.
            firsts = [split_sentences(re.sub(r"^\s*\d+[.．、]\s*", "", c.text))[0].rstrip("。；;") for c in clause.clauses]
            items = "；".join(f"{c.number}{x}" for c, x in zip(clause.clauses, firsts))
            text = where + "，" + msg.LIST_ENTRIES.format(where=clause.text, n=len(clause.clauses), counter="条",
                                                         items=items + "。")
            return Answer(answer=text, found=True, citations=_cites([c.chunk for c in clause.clauses]),
                          attribution=self._clause_attribution(clause.clauses[0].chunk))
        if point:
            # "第（二）条第2点" / "最后一点": the numbered points of the clause, in order.
            points = [c for c in chunks if re.search(r"\d+\.$", c.clause)]
            chosen = pick(points, point)
            if chosen is None:
                which = self._which(point, "点")
                return Answer(answer=msg.NO_SUCH_ITEM.format(noun="点", n=len(points), counter="点", which=which),
                              found=False, citations=_cites(chunks[:1]))
            where += f"{self._which(point, '点')}点" if point < 0 else f"第{cn_number(point)}点"
            chunks = [chosen]
        ev = self.kb.evidence.best(s.text, _hits_of(chunks)) if chunks else None
        body = self._short(ev, s.text) if ev is not None and ev.coverage >= 0.3 else (chunks[0].text if chunks else clause.text)
        if body == (chunks[0].text if chunks else None) and len(body) <= _BARE_HEADING and len(chunks) > 1:
            # "（一）畅通旅游交通。" only names the clause: what it says is in its numbered points.
            for c in chunks[1:]:
                if len(body) >= MAX_CLAUSE_BODY:
                    break
                body += c.text
        body = re.sub(r"^[（(][一二三四五六七八九十]+[)）]\s*", "", body)
        items = shape.points("".join(c.text for c in chunks)) if shape.LIST_ALL.search(s.text) else []
        if len(items) >= 2:
            # "那条下面的1、2、3分别是什么?": every numbered point of the clause, each by its opening words.
            body = f"{split_sentences(body)[0].rstrip('。')}：{'；'.join(items)}。"
        text = f"{where}：{shape.short(body, lambda c: 0.0) if len(body) > MAX_CLAUSE_BODY and len(items) < 2 else body}"
        cites = ([ev.chunk] if ev is not None else []) + chunks[:2]
        attribution = self._clause_attribution(cites[0] if cites else None)
        deadline = duties.DEADLINE_Q.search(s.text)
        led = next((d for d in self.kb.duties if clause.chunk is not None and (d.heading is clause.chunk or d.chunk in chunks)),
                   None) if duties.WHO_LEADS_Q.search(s.text) or deadline else None
        if led is not None:
            # "主要任务最后一项是谁牵头?", "第（三）条最晚啥时候完成?": the clause's own note of who leads it, and by when.
            lead = _lead_text(led, bool(deadline)) if duties.WHO_LEADS_Q.search(s.text) else \
                msg.DUTY_DEADLINE.format(task=led.task, deadline=led.deadline) if led.deadline else ""
            if lead:
                text, cites, attribution = f"{where}：{led.task}。{lead}", self._duty_cites(led, bool(deadline)), \
                    self._duty_source(led)
        return Answer(answer=text, found=True, citations=_cites(cites), attribution=attribution)

    def _clause_attribution(self, first: Chunk | None) -> str:
        """Whose words a clause's passage is: a decision's clause is the decision's text; a numbered page that
        reports one is the page's narration; a speech's numbered parts are its speaker's words."""
        doc = self.kb.corpus.document(first.doc_id) if first is not None else None
        if (doc is None or doc.is_decision) and not (first is not None and first.speaker):
            return msg.BY_DECISION
        return shape.attribution(first, self._reported(first))

    # --- people ----------------------------------------------------------------------------------
    def _compare(self, q, s, hits):
        names = tuple(p.name for p in q.people) + tuple(t for p in q.people for t in p.titles)
        frame = re.sub(_COMPARE_FRAME, "", s.text)
        # The posts as the question shortens them ("交警", "文旅局") are who, not what: their characters stand in
        # order in a compared person's title.
        # A character left over from the frame ("点" of "侧重点") is no topic.
        topic = [t for t in self._content_terms(frame, names + (q.title_phrase,))
                 if len(t) >= 2 and not any(in_order(t, title) for p in q.people for title in p.titles)]
        if not topic:
            # "两个人各自讲的重点有啥不一样?": no topic of its own, so each person's gist, side by side.
            return self._gists(q.people[:3])
        parts, cites = [], []
        kinds = [k for k in answerability.TYPED if k in q.asks]
        for p in q.people[:3]:
            chunks = self.kb.chunks_of(p.name)
            if not chunks:
                continue
            ev = self.kb.evidence.best(s.text, _hits_of(chunks), drop=names)
            if ev is None:
                continue
            if self.kb.evidence.coverage(dict.fromkeys(topic, 1.0), ev.text) == 0 and len(ev.text.strip()) <= _GREETING_MAX:
                # None of the topic's words is in anything the person said ("下一步目标" for "计划明年…"), and the
                # words fell on a line too short to say anything ("大家好！"): the statement closest in meaning.
                ev = self._closest_statement(p, s.text, chunks) or ev
            elif not self._content_terms(ev.text, (p.name, *p.titles)):
                # The words fell on the line that only introduces them ("市甲局局长邓某明说。"): what they then said.
                ev = self._closest_statement(p, s.text, chunks) or ev
            if kinds and not all(shape.holds(ev.text, k, s.text, q.asks) for k in kinds):
                # Each side must hold the kind of fact the comparison asks for ("各自承诺哪天完成", "分别打哪个
                #热线"): of the person's own sentences that hold it, the closest in meaning; none: as found.
                ev = self._closest_statement(p, s.text, chunks, kinds) or ev
            text = shape.short(_balance_quotes(ev.text), lambda c: self.kb.evidence.coverage(self._terms(s.text, names), c), 90)
            parts.append(f"{_person_label(p)}：{text}" if p.name not in text[:40] else text)
            cites.append(ev.chunk)
        if not parts:
            return self._refuse(q, s, hits)
        return Answer(answer="\n".join(parts), found=True, citations=_cites(cites))

    def _closest_statement(self, p, question: str, chunks: list[Chunk], kinds=()) -> Evidence | None:
        """Of the person's own sentences (not the host's introduction of them), the one closest in meaning to the
        question, as evidence; at equal meaning the one that says most ("大家好，很高兴和大家交流" says least).
        kinds: only sentences that hold these kinds of fact (a date, a number). None without an encoder or without
        such statements."""
        similarity = self._similarity(question)
        if similarity is None:
            return None
        best = None
        for st in p.statements:
            chunk = next((c for c in chunks if c.doc_id == st.doc_id and c.start <= st.start < c.end + 1), None)
            if chunk is None:
                continue
            for sentence in split_sentences(st.text):
                said = len(self._content_terms(sentence, (p.name, *p.titles)))
                if not said or not all(shape.holds(sentence, k, question, set(kinds)) for k in kinds):
                    continue
                key = (round(similarity(sentence), 3), said)
                if best is None or key > best[0]:
                    best = (key, chunk, sentence)
        return Evidence(best[1], [best[2]], 0.0, 0) if best else None

    def _gists(self, people) -> Answer:
        """Each person's gist in an equal share of the answer: the first thing they say, then the sentences of theirs
        that state most (figures, then length), in the order they said them; no greeting, no question back."""
        share = (MAX_ANSWER - 20) // max(1, len(people)) - 20
        parts, cites = [], []
        for p in people:
            chunks = self.kb.chunks_of(p.name)
            said = [(st.doc_id, st.start, st.text) for st in p.statements] or [(c.doc_id, c.start, c.text)
                                                                                for c in chunks]
            sentences = [(doc, start, k, x.strip()) for doc, start, text in said
                         for k, x in enumerate(split_sentences(text))
                         if x.strip() and not _PHATIC.fullmatch(x.strip()) and not _ANNOUNCING.fullmatch(x.strip())
                         and not x.rstrip().endswith(("？", "?"))]
            if not sentences:
                continue
            # The first thing they say names their subject ("医共体由县人民医院牵头…"); the rest, by what they state.
            ranked = [0] + sorted(range(1, len(sentences)), key=lambda i: (-len(_FIGURE.findall(sentences[i][3])),
                                                                           -len(sentences[i][3])))
            chosen, size = [], 0
            for i in ranked:
                if chosen and size + min(len(sentences[i][3]), _GIST_SENTENCE) > share:
                    break
                chosen.append(i)
                size += min(len(sentences[i][3]), _GIST_SENTENCE) + 1
            picked = [sentences[i] for i in sorted(chosen)]
            text = "；".join(_balance_quotes(_clip(x, _GIST_SENTENCE)).rstrip("。；;，,") for _, _, _, x in picked)
            parts.append(text if p.name in text[:40] else f"{_person_label(p)}：{text}")
            # The passage of the first sentence shown.
            doc, start, _, _ = picked[0]
            cites.append(next((c for c in chunks if c.doc_id == doc and c.start <= start < c.end + 1),
                              chunks[0] if chunks else None))
        if not parts:
            return Answer(answer=msg.NOT_FOUND, found=False)
        return Answer(answer="\n".join(parts), found=True, citations=_cites(cites))

    def _person_said(self, q, s, hits):
        if q.title_phrase and q.person.name not in s.text and _ASKS_NAME.search(s.text):
            # "市场监管那个局的老大叫啥？投诉收了多少件？": who holds the post, then what they said of the rest.
            return self._title_lookup(dataclasses.replace(q, intent=Intent.TITLE_LOOKUP), s, hits)
        out = self._person_said_answer(q, s, hits)
        p = q.person
        other = self.kb.titles.match(q.title_phrase) if q.title_phrase else None
        if out.found and other is not None and other.name != p.name:
            # "市甲局局长张三说了什么?" when 张三 holds another post: the premise is corrected first.
            out.answer = msg.WRONG_TITLE.format(name=p.name, title=p.title, phrase=q.title_phrase) + out.answer
        return out

    def _person_said_answer(self, q, s, hits):
        p = q.person
        chunks = self.kb.chunks_of(p.name)
        if not chunks:
            return self._refuse(q, s, hits)
        if q.ordinal and q.ordinal.position and p.statements and _ONE_STATEMENT.search(s.text):
            return self._nth_statement(p, q.ordinal.position, chunks)
        # Who and where it was said ("住建局一把手在会上") are no topic to look for in what they said.
        frame = [m.group(0) for rx in (HEAD_WORD, _SAID_WHERE) for m in rx.finditer(s.text)]
        drop = (p.name, p.title, q.title_phrase, *p.titles, *frame, *sex_of_post(s.text, q.title_phrase or p.title))
        content = self._content_terms(s.text, drop)
        if q.generic_said and q.said_topic and content:
            # "交通局的头头说下一步交通建设要突出哪几个方面?": the part of what they said that the topic names,
            # when it is found; else all of it, as for any "what did X say".
            found = self._retrieval_answer(q, s, hits, drop)
            if found.found:
                return found
        if q.generic_said or (not content and not q.asks & {"when", "where", "number", "money"}):
            topical = self._topic_statement(p, s.text, content, chunks)
            if topical is not None:
                return topical
            # The registry's statements, as the staff index counts them: a paragraph split into two chunks is
            # still one statement. Each gets an equal share of the answer, so none is crowded out.
            titles = {d.doc_id: d.meta.title or d.doc_id for d in self.kb.documents}
            said = [(st.section or titles.get(st.doc_id, ""), st.text) for st in p.statements] or \
                [(c.section or c.doc_title, c.text) for c in chunks]
            if content and q.ordinal is None:
                # A topic the words could not pin to one statement ("对城市怎么‘蓄水’讲了啥办法"): all of them still,
                # the nearest to it first, so the answer opens with it and cites it. A position asked for ("记者问的
                # 第一个问题") is read in reading order.
                said = self._by_relevance(s.text, content, said, text=lambda item: item[1])
                chunks = self._by_relevance(s.text, content, chunks, text=lambda c: c.text)
            share = max(40, (MAX_ANSWER - 40) // len(said) - 8)
            items = "；".join(f"〔{where}〕{_clip(text, share)}" for where, text in said)
            label = f"{p.name}（{p.title}）" if p.title else p.name
            text = msg.SAID_SUMMARY.format(label=label, n=len(said), items=items)
            return Answer(answer=text, found=True, citations=_cites(chunks, limit=MAX_CITATIONS))
        out = self._retrieval_answer(q, s, hits, drop)
        if out.found or _ASKS_WORDS.search(s.text):
            return out
        # "她一般几点上班?": a fact about the person, which the text may tell in its own voice ("朱某每天9点上班").
        # A record's party is also called by the part they play ("原告自2016年起承包…" in their lawyer's words).
        forms = [p.name, *(t for t in p.titles if t in self.kb.titles.parts)]
        about = {c.chunk_id for c in self.kb.chunks if any(f in c.text for f in forms) and c.speaker != p.name}
        told = [h for h in self.kb.searcher.search(s.text, k=20) if h.chunk.chunk_id in about][:5]
        if told:
            alt = self._retrieval_answer(q, s, told, drop)
            if alt.found:
                return alt
        return out

    def _by_relevance(self, question: str, terms: dict[str, float], items: list, text: Callable[[Any], str]) -> list:
        """The items, those whose text holds more of the question's words first (in steps of a tenth: a word more or
        less is no clear sign), then those nearer in meaning; reading order breaks ties."""
        similarity = self._similarity(question)
        scored = [(round(self.kb.evidence.coverage(terms, text(it)), 1), similarity(text(it)) if similarity else 0.0, i)
                  for i, it in enumerate(items)]
        return [items[i] for _, _, i in sorted(scored, key=lambda x: (-x[0], -x[1], x[2]))]

    def _topic_statement(self, p, question: str, terms: dict[str, float], chunks: list[Chunk]) -> Answer | None:
        """"张三对2028年定了哪些目标?": of the person's statements, the one that alone holds most of the topic's
        words and is also (about) the closest in meaning; None otherwise (then all of them are the answer)."""
        if not terms or len(p.statements) < 2:
            return None
        scored = sorted(((self.kb.evidence.coverage(terms, st.text), i) for i, st in enumerate(p.statements)),
                        key=lambda x: (-x[0], x[1]))
        (best, i), (second, _) = scored[0], scored[1]
        if best < _STATEMENT_TOPIC_MIN or best - second < RUNNER_UP_GAP:
            return None
        similarity = self._similarity(question)
        if similarity is not None:
            # A shared word can be incidental ("房子" in a statement about rent); the statement must also be one of
            # the closest in meaning, or the choice is not clear enough to drop the others.
            dense = [similarity(st.text) for st in p.statements]
            if dense[i] < max(dense) - _STATEMENT_DENSE_TIE:
                return None
        chosen = p.statements[i]
        where = [c for c in chunks if c.doc_id == chosen.doc_id and c.start < chosen.end and chosen.start < c.end]
        first = where[0] if where else chunks[0]
        # What they said on the topic is the statement: kept whole up to the answer's length ("哪些优惠": all three).
        text = _balance_quotes(shape.short(chosen.text, lambda c: self.kb.evidence.coverage(terms, c), MAX_ANSWER - 40))
        return Answer(answer=text, found=True, citations=_cites(where or chunks[:1]),
                      attribution=shape.attribution(first, self._reported(first)))

    def _nth_statement(self, p, position: int, chunks: list[Chunk]) -> Answer:
        """"张三最后一个回答讲了什么?", "他第二次发言说了啥?": that statement of the person's, in reading order."""
        chosen = pick(p.statements, position)
        if chosen is None:
            return Answer(answer=msg.NO_SUCH_ITEM.format(noun=f"{p.name}的发言", n=len(p.statements), counter="段",
                                                         which=self._which(position, "段") + "段"),
                          found=False, citations=_cites(chunks[:1]))
        where = [c for c in chunks if c.doc_id == chosen.doc_id and c.start < chosen.end and chosen.start < c.end]
        text = msg.NTH_STATEMENT.format(label=_person_label(p), which=self._which(position, "段"),
                                        text=_clip(chosen.text, MAX_ANSWER - 40))
        first = where[0] if where else chunks[0]
        return Answer(answer=text, found=True, citations=_cites(where or chunks[:1]),
                      attribution=shape.attribution(first, self._reported(first)))

    def _topic_terms(self, question: str) -> list[str]:
        """The question's words that name a topic of the documents: in some passages, not in most of them."""
        chunks = self.kb.chunks
        out = []
        for t in self._terms(question):
            if len(t) < 2 or t not in question:
                continue  # a bridged term is a guess at a meaning, not the topic as asked
            df = sum(1 for c in chunks if t in c.text)
            if 0 < df <= max(2, len(chunks) * TOPIC_SHARE):
                out.append(t)
        return out

    def _topic_of(self, question: str) -> list[str]:
        """The question's topic words (_topic_terms) less where the words were said ("会上", "文中")."""
        where = "".join(m.group(0) for m in _SAID_WHERE.finditer(question))
        return [t for t in self._topic_terms(question) if t not in where]

    def _everyone_on(self, q, s) -> Answer | None:
        """Every speaker whose statements name the topic ("哪些人提到了X? 全部列出来"), in order of speaking."""
        topic = self._topic_of(s.text)
        # What follows the verb of speech is the topic ("哪几位发布人提到了志愿者"): the words before it say who.
        spoken = [t for t in topic if t in spoken_topic(s.text)]
        topic = spoken or topic
        if not topic:
            return None
        # The rarest topic word must be in what they said; of equally rare ones, the longest (a whole word).
        # Of equally rare and long ones, the later: "重庆北碚" is about 北碚, the head of the phrase.
        def rarest(words: list[str]) -> str:
            return max(words, key=lambda t: (self.kb.keyword.idf(t), len(t), s.text.find(t)))

        # A topic given by examples ("钱的事（投资、补助、费用这些）", "用机器收甘蔗或者培养机手"): any one of them.
        # An example is named on purpose, so a word common in the documents ("费用") counts too.
        alternatives = [rarest(words) for words in (
            [t for t in self.kb.keyword.tokenizer.tokens(a) if len(t) >= 2 and any(t in c.text for c in self.kb.chunks)]
            for a in _alternatives(s.text)) if words]
        keys = list(dict.fromkeys(alternatives)) if len(alternatives) >= 2 else [rarest(topic)]
        said = [c for c in sorted(self.kb.chunks, key=lambda c: (c.doc_id, c.start))
                if c.speaker and c.source_kind != "question" and any(k in c.text for k in keys)]
        firsts = list({c.speaker: c for c in reversed(said)}.values())[::-1]
        if not firsts:
            return None
        # Each with the words that name the topic ("沈雅琴（全市已招募教师志愿者4200名）"): who, and what they said of it.
        labels = "、".join(f"{_label(c)}（{_around(c.text, next(k for k in keys if k in c.text))}）" for c in firsts)
        named = "、".join(_widest(k, s.text, [c.text for c in said]) for k in keys)
        text = msg.WHO_SAID_COUNT.format(n=len(firsts), topic=named, labels=labels)
        return Answer(answer=text, found=True, citations=_cites(firsts))

    def _who_said(self, q, s, hits):
        if q.outline_list is not None and q.ordinal is None and q.by_speakers is not None:
            return self._parts_by_speakers(q, s)
        if q.outline_list is not None and q.ordinal is not None:
            return self._section_speakers(q, s)
        if _PEOPLE_PLURAL.search(s.text) or _PEOPLE_COUNT.search(s.text):
            everyone = self._everyone_on(q, s)
            if everyone is not None:
                return everyone
            if not self._topic_of(s.text) and len(spoken_topic(s.text)) < 2:
                # "会上点了名的发言人一共几位?": people asked for, with no topic of what they said — the speakers
                # ("哪些人提到了房价?" has one, which the documents lack).
                return self._list_speakers(q, s, hits)
        quoted = self._quoted(s.text)
        ev = quoted or self.kb.evidence.best(s.text, hits)
        asks = q.asks - {"person"}
        if _SOURCE_ASKED.search(s.text):
            asks -= {"where"}  # "这个提法是哪里说的?": where the words come from, not a place
        verdict = answerability.judge(ev, hits, asks, self._similarity(s.text), s.text)
        if verdict.outcome == answerability.ANSWER:
            verdict = self._in_scope(s.text, ev, verdict)
        if quoted is not None and not quoted.chunk.speaker and not quoted.chunk.speaker_title \
                and (replier := self._letter_writer(quoted.chunk, reply=True)) is not None:
            # "“…”是哪个单位答复的?" quoting a letter's reply: the body its reply field names.
            text = msg.REPLY_WHO.format(key=replier.key, who=replier.value, text=self._short(quoted, s.text))
            return Answer(answer=text, found=True,
                          citations=unique(_cites([quoted.chunk, replier.chunk]), limit=MAX_CITATIONS))
        if verdict.outcome != answerability.ANSWER:
            return self._refuse(q, s, hits, ev, verdict)
        c = ev.chunk
        if q.plural:
            wide = self.kb.searcher.search(s.text, k=20)
            terms = self._terms(s.text)
            others = [h.chunk for h in wide if h.chunk.speaker and
                      self.kb.evidence.coverage(terms, index_text(h.chunk)) >= MIN_COVERAGE]
            speakers = list(dict.fromkeys(x.speaker for x in ([c] if c.speaker else []) + others))
            if len(speakers) > 1:
                labels = [_label(next(x for x in [c] + others if x.speaker == n)) for n in speakers]
                firsts = [next(x for x in [c] + others if x.speaker == n) for n in speakers]
                text = msg.WHO_SAID_MANY.format(labels="、".join(labels), first="")
                return Answer(answer=text, found=True, citations=_cites(firsts))
        quote = self._short(ev, s.text)
        if c.speaker:
            text = msg.WHO_SAID.format(label=_label(c), text=quote)
        elif c.speaker_title and c.source_kind == SourceKind.STATEMENT.value and not c.speaker_title.endswith(
                tuple(TITLE_SUFFIXES)):
            # "县甲局：…" in minutes, "市乙局答复：…" on a portal: the body itself reported or replied; no person is
            # missing from the answer.
            text = msg.WHO_SAID.format(label=c.speaker_title, text=quote)
        elif c.speaker_title and c.source_kind == SourceKind.STATEMENT.value:
            # "该局负责人表示…": an official the text does not name, still not the reporter's own words.
            text = msg.WHO_SAID_UNNAMED.format(title=c.speaker_title, text=quote)
            if _ASKS_NAME.search(s.text):
                # "这个负责人叫什么名字?": who spoke is known, the name asked for is not in the text.
                return Answer(answer=text, found=False, citations=self._supporting(c, s.text, hits))
        elif c.source_kind == SourceKind.DECISION.value:
            # "出自文件哪一部分?" / "是哪份文件提出来的?": the document by its title, and the part of it.
            title = c.doc_title.strip("《》")
            text = msg.DECISION_WHO.format(source=self._issued(c, s.text, f"《{title}》" if title else "决定"),
                                           text=quote,
                                           where=f"（{c.section}）" if c.section and c.section not in quote else "")
        elif (host := self._host_of(c)) is not None:
            # A host's line ("请记者朋友提问前先通报所在媒体"): the host said it, who is no speaker of the documents.
            text = msg.HOST_WHO.format(host=host, text=quote)
        elif asker := outline_mod.asker_of(c):
            # "网友“甲”：…" on a page that answers the public: the asker's words, under the label they go by.
            label = re.match(r"\s*" + re.escape(asker) + r"\s*(?:问|提问|留言|来信)?\s*[：:]\s*", quote)
            text = msg.ASKER_WHO.format(asker=asker, text=quote[label.end():] if label else quote)
        elif not c.speaker_title and (writer := self._letter_writer(c)) is not None:
            # "“晚上黑咕隆咚的”这话是谁说的?" of a page of letters: the letter's writer, as its field names them.
            text = msg.LETTER_WHO.format(key=writer.key, who=writer.value, text=quote)
            return Answer(answer=text, found=True,
                          citations=unique(_cites([c, writer.chunk]), limit=MAX_CITATIONS))
        else:
            text = msg.NARRATION_WHO.format(text=quote, source="报道" if self._reported(c) else self._issued(
                c, s.text, f"《{c.doc_title.strip('《》')}》" if c.doc_title else "文件"))
        return Answer(answer=text, found=True, citations=self._supporting(c, s.text, hits))

    def _letter_writer(self, c: Chunk, reply: bool = False):
        """The writer's field of the letter a passage belongs to (a page of letters: "留言人：某某"), when the passage
        is the letter's own text, before its reply; with reply, the replying body's field ("答复单位：…") when the
        passage is the reply. None otherwise."""
        chunks = self._entry_of(c)
        if c not in chunks:
            return None
        fields = entries.entry_fields(chunks)
        head = entries.reply_of(chunks)
        # The reply and what follows it are the replying body's words, not the writer's.
        in_reply = head is not None and chunks.index(c) > chunks.index(head[0].chunk)
        if reply:
            return head[0] if in_reply else None
        return None if in_reply else next((f for f in fields if entries.WRITER_KEY.search(f.key)), None)

    def _issued(self, c: Chunk, question: str, source: str) -> str:
        """The document as a source, with the body that issued it when the question asks which one ("哪个单位提的")."""
        doc = self.kb.corpus.document(c.doc_id)
        outlet = doc.meta.outlet if doc else ""
        return f"{outlet}的{source}" if outlet and _UNIT_ASKED.search(question) and outlet not in source else source

    def _item_chunks(self, ol: OrderedList, item: Item):
        """The passages of one part of a document (its paragraph, or its section), and the section."""
        if item.paragraph:
            return [c for c in self.kb.chunks if c.doc_id == ol.doc.doc_id and c.paragraph == item.paragraph], None
        sec = self.kb.outline.section_of(item, ol.doc)
        title = sec.title if sec else item.text
        return [c for c in self.kb.chunks if c.doc_id == ol.doc.doc_id and c.section == title], sec

    def _parts_by_speakers(self, q, s) -> Answer:
        """The parts in which exactly N people speak, or the most or the fewest, each with its speakers."""
        ol: OrderedList = q.outline_list
        want = q.by_speakers
        counted = []
        for n, item in enumerate(ol.items, 1):
            chunks, _ = self._item_chunks(ol, item)
            speakers = list(dict.fromkeys(_label(c) for c in chunks if c.speaker))
            firsts = [next(c for c in chunks if _label(c) == lab) for lab in speakers]
            counted.append((n, item, speakers, firsts))
        if not any(sp for _, _, sp, _ in counted):
            return self._refuse(q, s, [])
        sizes = [len(sp) for _, _, sp, _ in counted]
        goal = max(sizes) if want == "most" else min(x for x in sizes if x) if want == "fewest" else want
        chosen = [c for c in counted if len(c[2]) == goal]
        if not chosen:
            spread = "；".join(f"{self._which(n, ol.noun)}{ol.noun}{len(sp)}位" for n, _, sp, _ in counted)
            return Answer(answer=msg.NO_PART_WITH_SPEAKERS.format(noun=ol.noun, n=want, spread=spread), found=False)
        text = "；".join(msg.SECTION_SPEAKERS.format(where=f"{self._which(n, ol.noun)}{ol.noun}（{item.text}）",
                                                     n=len(sp), labels="、".join(sp)).rstrip("。")
                         for n, item, sp, _ in chosen) + "。"
        return Answer(answer=text, found=True, citations=_cites([c for *_, f in chosen for c in f]))

    def _section_speakers(self, q, s):
        ol: OrderedList = q.outline_list
        item = pick(ol.items, q.ordinal.position) if q.ordinal.position else None
        if item is None:
            return self._refuse(q, s, [])
        chunks, sec = self._item_chunks(ol, item)
        speakers = list(dict.fromkeys(_label(c) for c in chunks if c.speaker))
        where = (f"{self._which(q.ordinal.position, ol.noun)}{ol.noun}" + ("" if item.paragraph else f"（{item.text}）"))
        stated = _stated_count(q.text, ol.noun)
        # "九大行动里生态那一项是谁讲的?": the wrong count is corrected before the answer.
        premise = msg.WRONG_COUNT.format(n=cn_number(len(ol.items)), noun=_counter(ol.noun),
                                         stated=cn_number(stated) + _counter(ol.noun, False)) \
            if stated and stated != len(ol.items) else ""
        # The part's heading says which part it is; the reporter's opening of it and each speaker's first
        # passage say who speaks there.
        heading = [from_heading(ol.doc, sec)] if sec is not None and sec.title else []
        narration = [c for c in chunks if not c.speaker][:1]
        fields = entries.entry_fields(chunks)
        asked = entries.asked_fields(s.text, fields, q.asks) if fields else []
        if asked and (not speakers or entries.WRITER_ASKED.search(s.text) or entries.UNIT_ASKED.search(s.text)):
            # "最后一条留言是哪个网友留的?", "第三条是哪个单位答复的?": the entry's own field says, not who is quoted in it.
            text = "".join(msg.ENTRY_FIELD.format(where=where, key=f.key, value=f.value) for f in asked)
            # The entry's opening (its title or first line) says which entry it is, with the fields.
            return Answer(answer=premise + text, found=True,
                          citations=unique(heading + _cites(chunks[:1] + [f.chunk for f in asked]), limit=MAX_CITATIONS))
        if not speakers:
            unit = next(((c, m) for c in chunks if (m := _UNIT_FIELD.search(c.text))), None)
            if unit is not None:
                # A letter answered by a body, unsigned ("办理单位：某区人民政府"): that body, as its field says.
                c, m = unit
                return Answer(answer=premise + msg.SECTION_BY_UNIT.format(where=where, key=m.group(1), unit=m.group(2)),
                              found=True, citations=unique(heading + _cites([c]), limit=MAX_CITATIONS))
            return Answer(answer=premise + msg.SECTION_NO_SPEAKERS.format(where=where, source="报道"), found=True,
                          citations=unique(heading + _cites(chunks[:1]), limit=MAX_CITATIONS))
        firsts = [next(c for c in chunks if _label(c) == lab) for lab in speakers]
        text = msg.SECTION_SPEAKERS.format(where=where, n=len(speakers), labels="、".join(speakers))
        return Answer(answer=premise + text, found=True,
                      citations=unique(heading + _cites(firsts + narration, limit=MAX_CITATIONS), limit=MAX_CITATIONS))

    def _general(self, q, s, hits):
        if q.english:
            return self._english(q, s, hits)
        if UNRESOLVED_PRONOUN.match(s.text) and not s.rewritten:
            return Answer(answer=msg.WHO_DO_YOU_MEAN.format(example=self._example_name()), found=False)
        return self._duty_answer(s.text, s) or self._both_sides(q, s) or self._retrieval_answer(q, s, hits)

    def _both_sides(self, q, s) -> Answer | None:
        """"2025年和2027年的目标分别是多少?", "口袋公园和绿道的奖补标准有什么不同?": the same question asked of each
        side, each answered from a passage that names that side; None unless at least one side is answered. Two
        people compared are the compare route's."""
        sides = slots_mod.two_sides(s.text)
        if sides is None or q.people or any(p.name in sides[0] or p.name in sides[1] for p in self.kb.people):
            return None
        outs = []
        for side, sub in zip(sides[:2], sides[2:]):
            sq = dataclasses.replace(q, text=sub, asks=asks_for(sub), plural=False)
            out = self._retrieval_answer(sq, dataclasses.replace(s, text=sub), self.kb.searcher.search(sub, k=5))
            terms = self.kb.evidence.terms(side)
            # A side's answer must be about that side: its passage names it (the other side's passage may be
            # nearest to the shared words).
            named = out.found and out.citations and any(
                self.kb.evidence.coverage(terms, c.passage) >= answerability.LEXICAL_ALONE for c in out.citations)
            outs.append((side, out if named else None))
        answered = [o for _, o in outs if o is not None]
        if not answered:
            return None
        if len(answered) == 2 and answered[0].answer == answered[1].answer:
            if "number" in q.asks and len(_FIGURE.findall(answered[0].answer)) < 2:
                # "下凹式绿地和透水铺装分别建了多少?" of "…绿地、透水铺装等海绵设施38万平方米": one figure for both.
                return Answer(answer=msg.SIDES_TOGETHER.format(a=sides[0], b=sides[1]) + answered[0].answer,
                              found=False, citations=answered[0].citations)
            return answered[0]  # one sentence answers both
        parts = []
        for side, out in outs:
            if out is None:
                parts.append(msg.SIDE_NOT_STATED.format(side=side))
                continue
            said = out.answer if not out.attribution or out.attribution in out.answer else f"{out.answer}\n{out.attribution}"
            # "全日托：每人每月补助600元" names its side itself.
            parts.append(said if said.startswith(side) else msg.SIDE_ANSWER.format(side=side, answer=said))
        return Answer(answer="\n".join(parts), found=True,
                      citations=unique([c for o in answered for c in o.citations[:2]], limit=MAX_CITATIONS))

    def _duty_answer(self, question: str, s: Standalone | None = None) -> Answer | None:
        """A policy's notes of who leads what: the tasks an organisation leads (or supports), or the lead of the
        task the question names; None when the question asks neither or the documents carry no such notes."""
        verb = duties.leads_verb(question)
        if not self.kb.duties and not verb:
            return None
        org = duties.named_org(question, self.kb.duties, self._bodies)
        # "市乙局在哪几项任务里当责任单位?" names the organisation and asks for its tasks, though it says 责任单位.
        own_tasks = bool(org and verb and not re.search(r"哪个部门|哪些部门|哪个单位|哪些单位|哪家|谁", question))
        checked = duties.YES_NO_LEAD.search(question) if self.kb.duties else None
        if checked and ASKING_WORDS.search(checked.group("org")):
            checked = None  # "是哪个单位牵头的?" asks who leads; it checks no one
        if checked:
            # "农村地区的改造是市乙局牵头吧?": the task's note says yes, or who leads it instead.
            duty = self._noted_task(question.replace(checked.group(0), ""))
            if duty is not None:
                asked = duties.named_org(checked.group("org"), self.kb.duties, self._bodies) or checked.group("org")
                lead = "、".join(duty.lead)
                text = (msg.DUTY_YES if asked in duty.lead else msg.DUTY_NO).format(task=duty.task, orgs=lead, asked=asked)
                return Answer(answer=text, found=True, citations=_cites(duty.passages()),
                              attribution=self._duty_source(duty))
        deadline = duties.DEADLINE_Q.search(question) if self.kb.duties else None
        said = None
        if (deadline or duties.WHO_LEADS_Q.search(question)) and s is not None and s.said:
            # "这个是哪个部门牵头的?", "啥时候之前要完成?": the task the previous answer quoted.
            said = next((d for d in self.kb.duties for told in s.said[-1:]
                         if any(_shares_stretch(p.text, told) for p in d.members or d.passages())), None)
        listed = self._listed_duties(question) if not own_tasks else None
        if listed is not None:
            return listed
        if duties.WHO_LEADS_Q.search(question) and not own_tasks and self.kb.duties:
            # The task is what the question names ("由哪个部门牵头" is only how it asks), in the task's own words or
            # its passage's (a note on a line of its own holds no words of the task). "这一项是哪个部门牵头?"
            # points back at the previous answer's task, whatever other task its few words touch.
            duty = said if said is not None and _POINTS_BACK.search(question) else \
                self._noted_task(duties.DEADLINE_Q.sub("", duties.WHO_LEADS_Q.sub("", question))) or said
            if duty is None:
                return None
            # "谁牵头，最晚啥时候完成?": the task's own time line answers the second half.
            text = _lead_text(duty, bool(deadline))
            return Answer(answer=text, found=True, citations=_cites(self._duty_cites(duty, bool(deadline))),
                          attribution=self._duty_source(duty))
        if deadline and not org:
            # "土地复垦那项最晚啥时候完成?": the time line written under the task the question names.
            duty = self._noted_task(duties.DEADLINE_Q.sub("", question)) or said
            if duty is not None and duty.deadline:
                return Answer(answer=msg.DUTY_DEADLINE.format(task=duty.task, deadline=duty.deadline), found=True,
                              citations=_cites(self._duty_cites(duty, True)), attribution=self._duty_source(duty))
        if not org or not verb:
            return None
        # "牵头哪些" asks for the tasks it leads, "配合哪些" / "当责任单位" for those it supports; "管哪一块", "负责啥"
        # for both.
        # "出现在哪些任务的责任单位里" and a question naming both roles ask for both.
        roles = ("牵头", "配合") if verb == "责任单位" or duties.BOTH_ROLES.search(question) else ("配合",) \
            if verb in ("配合", "当责任单位", "是责任单位") else ("牵头",) if "牵头" in question \
            or verb == "主抓" else ("牵头", "配合")
        groups = [(role, [d for d in self.kb.duties if org in (d.support if role == "配合" else d.lead)]) for role in roles]
        groups = [(role, mine) for role, mine in groups if mine]
        if not groups:
            return self._org_mentions(org, question) if own_tasks else None
        # A few tasks are said with what each asks ("交通出行改造（…低地板…；…出租车…）"): a task's name alone is vague.
        count = sum(len(mine) for _, mine in groups)

        def item(d: duties.Duty) -> str:
            # One task alone is said with more of what it asks; several, each by its opening clause.
            points = d.points(60 if count == 1 else 15) if count <= MAX_CITATIONS else []
            return f"{d.task}（{'；'.join(points)}）" if points and points != [d.task] else d.task

        text = "".join(msg.DUTY_TASKS.format(org=org if i == 0 else "", role=role, n=len(mine),
                                             items="；".join(map(item, mine))) for i, (role, mine) in enumerate(groups))
        if roles == ("牵头", "配合"):
            # "农业局在这个决定里要负责些啥": its tasks, and what else the text gives it outside them ("领导小组办公室
            # 设在市农业农村局").
            noted = {c.chunk_id for _, mine in groups for d in mine for c in (*d.passages(), *d.members)}
            also = [sent.strip() for c in self.kb.chunks if c.chunk_id not in noted
                    for sent in split_sentences(c.text) if org in sent][:2]
            if also:
                text += msg.ORG_ALSO.format(org=org, items="；".join(_clip(x, 80).rstrip("。；") for x in also))
        return Answer(answer=text, found=True, attribution=self._duty_source(groups[0][1][0]),
                      citations=_cites([c for _, mine in groups for d in mine for c in d.passages()]))

    @staticmethod
    def _duty_cites(duty: duties.Duty, deadline: bool) -> list[Chunk]:
        """The task's clause and note, and its time line when the deadline is asked."""
        due = [duty.deadline_chunk] if deadline and duty.deadline_chunk is not None else []
        ordered = [*duty.passages()[:2], *due, *duty.passages()[2:]]  # the asked time before the partners' lines
        return list({c.chunk_id: c for c in ordered}.values())

    def _duty_source(self, duty: duties.Duty) -> str:
        """Whose text a note of who leads is: a decision's ("决定原文"), a plan's or minutes' ("文件原文")."""
        doc = self.kb.corpus.document(duty.chunk.doc_id)
        if doc is not None and doc.is_decision and "决定" in (doc.meta.title or ""):
            return msg.BY_DECISION
        if doc is not None and not doc.is_decision:
            return shape.attribution(duty.chunk, self._reported(duty.chunk))  # a report's list: its narration
        return "——" + citations.DOCUMENT_LABEL

    def _listed_duties(self, question: str) -> Answer | None:
        """"第二项是哪个单位牵头?" and "每项分别是哪个单位牵头?" of one document's noted tasks: the Nth task's lead, or
        every task with its lead, in the document's order; None when the question names no place in the list and
        asks for no every, or the notes are not one document's, or the question asks no lead or points back at a
        task ("这一项…")."""
        if not duties.WHO_LEADS_Q.search(question) or _POINTS_BACK.search(question):
            return None
        docs = {d.chunk.doc_id for d in self.kb.duties}
        if len(docs) != 1:
            return None
        ordinal = slots_mod.ordinal(question)
        if ordinal is not None and (ordinal.clause or ordinal.point or slots_mod.nested(question)
                                    or re.search(r"部分|章|节|板块", question)):
            return None  # "第三部分第（二）条": a place in the document's own numbering, read by its parts
        deadline = bool(duties.DEADLINE_Q.search(question))
        if ordinal is not None and ordinal.position:
            n = len(self.kb.duties)
            i = ordinal.position - 1 if ordinal.position > 0 else n + ordinal.position
            if not 0 <= i < n:
                return None
            duty = self.kb.duties[i]
            text = _lead_text(duty, deadline)
            if deadline and not duty.deadline:
                # No time line: the item's own sentence that sets a time says by when.
                timed = [x for x in split_sentences(duty.chunk.text) if _SETS_A_TIME.search(x)]
                text += timed[0].strip() if timed else ""
            return Answer(answer=text, found=True, citations=_cites(self._duty_cites(duty, deadline)),
                          attribution=self._duty_source(duty))
        if not (slots_mod.wants_list(question) or _EVERY_ITEM.search(question)) or len(self.kb.duties) < 2 \
                or re.search(r"配合|参与|协助", question) \
                or self._noted_task(duties.DEADLINE_Q.sub("", duties.WHO_LEADS_Q.sub("", question))) is not None:
            return None  # a task named ("甲行动有哪些配合单位") is that task's; partners are not the leads listed
        items = "；".join(f"{i}. {d.task}（{'、'.join(d.lead)}）" for i, d in enumerate(self.kb.duties, 1))
        text = msg.DUTY_ALL.format(n=len(self.kb.duties), items=items)
        first = self.kb.duties[0].chunk
        before = [c for c in self.kb.chunks if c.doc_id == first.doc_id and c.end <= first.start]
        lead = [before[-1]] if before and before[-1].text.rstrip().endswith(("：", ":")) else []
        # The line that announces the list ("会议明确了下一阶段五项重点工作：") is cited first.
        return Answer(answer=text, found=True, citations=_cites(lead + [d.chunk for d in self.kb.duties]),
                      attribution=self._duty_source(self.kb.duties[0]))

    def _noted_task(self, text: str) -> duties.Duty | None:
        """The noted task whose words (its own or its passage's) cover the text best, if it covers enough."""
        terms = self.kb.evidence.terms(text)
        scored = [(self.kb.evidence.coverage(terms, f"{d.task} {d.chunk.text}"), i) for i, d in enumerate(self.kb.duties)]
        cov, i = max(scored) if scored and terms else (0.0, -1)
        return self.kb.duties[i] if cov >= MIN_COVERAGE else None

    @functools.cached_property
    def _bodies(self) -> list[str]:
        """The government bodies the documents name in full ("市人力资源和社会保障局"), read once."""
        return sorted({m.group(0) for c in self.kb.chunks for m in _BODY.finditer(c.text)
                       if m.group(0)[0] in "市县区省州" and len(m.group(0)) >= 4})

    def _org_mentions(self, org: str, question: str) -> Answer | None:
        """"人社局在这个决定里管啥?" of a text with no notes of who leads what: the sentences that name the body, in
        reading order. Not for a body someone of the registry speaks for: what they said is its part."""
        if org not in self._bodies or any(org in p.title or p.name in question for p in self.kb.people):
            return None
        if not duties.asks_part_of(question):
            return None  # "老听人说要搞什么明厨亮灶…市场监管部门有什么要求": the verb is not the body's
        said = [(c, sent) for c in self.kb.chunks for sent in split_sentences(c.text) if org in sent]
        if not said:
            return None
        share = max(40, (MAX_ANSWER - 40) // min(len(said), MAX_CITATIONS) - 4)
        items = "；".join(_clip(sent.strip(), share).rstrip("。；") for _, sent in said[:MAX_CITATIONS])
        text = msg.ORG_MENTIONS.format(org=org, n=len(said), items=items)
        chunks = list({c.chunk_id: c for c, _ in said}.values())
        doc = next((d for d in self.kb.documents if d.doc_id == chunks[0].doc_id), None)
        attribution = msg.BY_DECISION if doc is not None and doc.is_decision else ""
        return Answer(answer=text, found=True, citations=_cites(chunks), attribution=attribution)

    def _example_name(self) -> str:
        return self.kb.people[0].name if self.kb.people else "某位负责人"

    def _across_languages(self, query: str, hits: list[Hit], similarity, asks: set[str] = frozenset(),
                          question: str = ""):
        """The best sentence of the densest passages by its similarity to the English question, if close enough and
        clearly nearer than the best sentence of any other of those passages."""
        found = []
        for h in _densest(hits):
            ev = self.kb.evidence.best(query, [h])
            if ev is not None:
                found.append((similarity(ev.text), len(found), ev))
        if not found:
            return None
        found.sort(key=lambda t: (-t[0], t[1]))
        sim, _, ev = found[0]
        if sim < answerability.CROSS_LANGUAGE_MIN:
            return None
        if len(found) > 1 and sim - found[1][0] < answerability.CROSS_LANGUAGE_MARGIN:
            return None  # no passage stands out: nearness across languages alone does not say which one answers
        # Near in meaning is not enough: the sentence must hold the kind of fact asked for ("What is the fine…?" is not
        # answered by a sentence about the same service that states no sum).
        return ev, answerability.found_verdict(ev, asks, question, ev.coverage, sim)

    def _other_year(self, question: str, chunk: Chunk) -> bool:
        """The English question names a year ("in 2025") that the passage, its headings and its document's date
        never name, its relative years ("今年", "明年") read against that date."""
        doc = self.kb.corpus.document(chunk.doc_id)
        published = doc.meta.published if doc else ""
        context = " ".join([years_mod.written_out(chunk.text, published), chunk.section, chunk.doc_title, published])
        return bool(scope.missing_years(question, context, bare=True))

    def _english(self, q, s, hits):
        query = self.kb.translator.translate(q.text)
        ev = self.kb.evidence.best(query, hits)
        # e5 is multilingual: the English question itself is compared with the Chinese sentence.
        similarity = self._similarity(q.text)
        # The kinds asked for, read from the English ("How much will it cost?" asks a sum) and its translation.
        asks = asks_for(query) | set(q.asks)  # q.asks: from the English question words (slots.asks_in_english)
        # The English question's own figures ("its 46 new buses") are no answer either.
        both = f"{query} {q.text}"
        verdict = answerability.judge(ev, hits, asks, similarity, both)
        if verdict.outcome == answerability.NONE and similarity is not None:
            # The translation's words did not decide: the sentence nearest the English question in meaning, if
            # it is near enough for a cross-language pair (a lower band than Chinese to Chinese).
            ev, verdict = self._across_languages(query, hits, similarity, asks, both) or (ev, verdict)
        if verdict.outcome == answerability.ANSWER and "money" in asks and not shape.has_type(ev.text, "money"):
            verdict = answerability.Verdict(answerability.NONE)  # a size or a count is not what something costs
        if verdict.outcome == answerability.ANSWER:
            verdict = self._in_scope(query, ev, verdict, check_places=False)  # a translation is a bag of words
        if verdict.outcome == answerability.ANSWER and self._other_year(q.text, ev.chunk):
            # "What was the output in 2025?" over the 2030 target: the translation may drop the year, the English
            # question keeps it, and a passage about another year does not answer it (English asks a figure with
            # "what", so the asked kind cannot limit this as it does in Chinese).
            verdict = answerability.Verdict(answerability.NONE)
        untranslated = translate.untranslated(query, ev.chunk.text if ev else "")
        if untranslated and verdict.coverage < ENGLISH_COVERAGE and verdict.coverage >= MIN_COVERAGE:
            # Found on the words alone while a word of the question could not be carried over.
            # An English word the glossary could not carry over is part of the question the passage does not hold.
            verdict = answerability.Verdict(answerability.NONE)
        if verdict.outcome != answerability.ANSWER:
            return not_found(english=True)
        c, text = ev.chunk, ev.text
        if c.speaker:
            out = msg.EN_STATEMENT.format(name=c.speaker, title=c.speaker_title, text=text)
        elif c.source_kind == SourceKind.DECISION.value:
            out = msg.EN_DECISION.format(text=text)
        else:
            out = msg.EN_NARRATION.format(text=text)
        return Answer(answer=out, found=True, citations=_cites([c] + [h.chunk for h in hits]))


_HEADING_MAX = 30
# The parts of a question of several ("哪几天开？几点到几点？"), each with a question word of its own.
_PARTS = re.compile(r"[？?，,；;。]")
_ASKING_PART = re.compile(r"(什么|啥|哪|几|多少|多久|多长|谁|吗|么样|怎|是否|有没有|能不能|可不可以|要不要)")
_PART_KINDS = {"when", "clock", "duration", "where", "number", "money", "share", "person"}
# A part is a few words: most of them, not half, must be in the evidence sentences ("周末开放吗" is not answered by
# a sentence that only says "开放").
_PART_COVERAGE = 0.75


def _introduces(sentence: str, key: str) -> bool:
    """A short sentence that ends on the key word ("最大的变化是“旧管换新管”。") introduces what the next one says."""
    s = sentence.strip().rstrip("。：:！!；;").rstrip("”’」\"")
    return len(s) <= _HEADING_MAX and key in s.lower()[-(len(key) + _INTRODUCED_TAIL):]


def _is_clause_heading(sentence: str) -> bool:
    """A short sentence opening with a clause's number ("六、", "（二）", "3.") titles the clause after it."""
    return len(sentence.strip()) <= _HEADING_MAX and bool(LEVEL1.match(sentence.strip())
                                                          or shape.POINT_AT_START.match(sentence))


# An introducing sentence ends on its key word within this many characters (the rest of a quoted name: "旧管换" of
# "旧管换新管").
_INTRODUCED_TAIL = 4
# How many passages after the one the previous answer quoted a follow-up's answer is looked for in.
NEAR_REACH = 3
# An earlier answer quotes a passage when this share of its character pairs are that passage's.
QUOTED_SHARE = 0.6


def _pair_share(text: str, source: str) -> float:
    """The share of a text's character pairs that stand in the source (1.0: all of them; 0.0 for an empty text)."""
    grams = _pairs(text)
    return len(grams & _pairs(source)) / len(grams) if grams else 0.0


@functools.lru_cache(maxsize=4096)
def _pairs(text: str) -> frozenset[str]:
    # Cached: a follow-up compares the previous answer with every passage of the corpus.
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def _densest(hits: list[Hit]) -> list[Hit]:
    """The hits the dense search found, best first, as deep as answerability looks."""
    return sorted((h for h in hits if h.dense_rank), key=lambda h: h.dense_rank)[:answerability.DENSE_RANK_MAX]


# A topic given by examples: "（投资、补助、费用这些）" in brackets, or "A或者B".
_EXAMPLES = re.compile(r"[（(]([^（）()]{2,40})[)）]")
_OR = re.compile(r"或者|或是")


def _examples(question: str) -> str:
    """The examples a question gives in brackets, without the word that closes them ("（投资、补助这些）" → "投资、
    补助"), or ""."""
    m = _EXAMPLES.search(question)
    return re.sub(r"(?:这些|这类|之类|什么的|等等|等)$", "", m.group(1)) if m else ""


def _alternatives(question: str) -> list[str]:
    """The examples a question gives of its topic ("钱的事（投资、补助、费用这些）" → 投资, 补助, 费用; "收甘蔗或者培养
    机手" → both), or [] when it gives one topic."""
    inner = _examples(question)
    if inner:
        return [x for x in re.split(r"[、，,/]|或者|或是|和|及|以及", inner) if x.strip()]
    first = re.split(r"[?？!！。]", question, maxsplit=1)[0]
    parts = _OR.split(first)
    return parts if len(parts) >= 2 else []


_ROLE_WORD = re.compile("副?(?:" + "|".join(sorted((t for t in TITLE_SUFFIXES if not t.startswith("副")), key=len,
                                                  reverse=True)) + ")")


def _roles_listed(question: str) -> list[str]:
    """The posts a question gives as examples of whom it means ("（区长县长副县长这些）" → 区长, 县长, 副县长)."""
    inner = _examples(question)
    words = [w.group(0) for w in _ROLE_WORD.finditer(inner)]
    # Only a list of posts: the examples hold nothing else ("（投资、补助这些）" names no post).
    rest = _ROLE_WORD.sub("", inner)
    return list(dict.fromkeys(words)) if words and not re.sub(r"[、，,/和及与\s]", "", rest) else []


# What an item holds, asked for ("包括哪些内容", "有哪几个方面", "具体有哪些举措").
_CONTENTS_ASKED = re.compile(r"包括|包含|涵盖|哪几个方面|哪些方面|哪几方面|哪些内容|什么内容|具体内容|哪几项|哪些举措|哪些措施")
# A sentence that sets out an item's parts: "包括…", "涵盖…", "主要有…".
_SETS_OUT = re.compile(r"包括|包含|涵盖|主要有|分为")


def _contents_sentence(chunks: list[Chunk]) -> str:
    """The first sentence of an item's passages that sets out what the item holds ("该项行动包括…"), or ""."""
    for c in chunks:
        for sent in split_sentences(c.text):
            if len(sent) <= 160 and _SETS_OUT.search(sent):
                return sent.strip()
    return ""


def _widest(word: str, question: str, texts: list[str]) -> str:
    """The word widened, within the question, as far as the texts still hold it ("高标" → "高标准农田")."""
    i = question.find(word)
    if i < 0:
        return word
    a, b = i, i + len(word)
    while b < len(question) and any(question[a:b + 1] in t for t in texts):
        b += 1
    while a > 0 and any(question[a - 1:b] in t for t in texts):
        a -= 1
    return question[a:b]


# "地点：市民中心新闻发布厅", "时间：2021年3月18日上午10:00": fields of a page's header line.
# The next field's name ends a value on a line that runs fields together ("…新闻发布厅来源：…").
_NEXT_FIELD = (r"(?:时间|日期|地点|来源|主持人?|发布人|嘉宾|记者|作者|编辑|责任编辑|责编|摄影|摄像|编导|制片人?|文字整理|"
               r"通讯员|浏览次数|阅读次数|点击次数|发布时间|发稿时间|主办单位|承办单位|出席|参加人员)[：:]")
_HOST_FIELD = re.compile(r"主持人\s*[：:]\s*(.+?)(?=\s{2,}|$|[|｜。；;]|" + _NEXT_FIELD + ")")
# A report's sentence saying who presided ("市政府副秘书长主持会议", "会议由张三主持"), not a quote.
_PRESIDED = re.compile(r"主持(?:了)?(?:本次|今天的|这次|此次)?(?:会议|发布会|座谈会|仪式|召开)|由[^，,。；;]{2,30}主持")
# A word the tagger may read as a name but that ends as a place or a body does ("高新区"): no person.
_PLACE_END = re.compile(r"[区县市镇乡村省州局委办园]$")
# The event a document records, pointed at: "这个会", "这次发布会", "本次会议", "今天的座谈会".
_THIS_EVENT = re.compile(r"(?:这个|这次|这场|本次|此次|今天的?|该)(?:[\u4e00-\u9fff]{0,4}?(?:全会|大会|常委会|例会|会议|发布会|座谈会|推进会|调度会|现场会|论坛)|会|活动)(?![\u4e00-\u9fff]{0,2}(?:上|里|中)[^是])")
# A post an office holder holds ("市财政局局长", "发改委主任"), not a role of the public ("居民", "代表").
_OFFICE_END = re.compile(r"(?:长|主任|书记|主席|经理|专员|秘书)$")
# The host named in the text's own words: "主持人祝一鸣邀请到…", "本期主持人 张三", "本期主持人：某某。".
_HOST_NAMED = re.compile(r"主持人[\s\u3000]*(?:[：:为是][\s\u3000]*)?([\u4e00-\u9fff]{2,3})")


def _host_name(m: re.Match, text: str) -> bool:
    """The words after "主持人" are a name: one the name finder knows, or a field's whole value ("本期主持人：程路。")
    that opens with a surname."""
    name = m.group(1)
    if name in person_names(text):
        return True
    whole = re.match(r"[。；;，,\s]|$", text[m.end():]) is not None
    return bool(re.match(r"主持人[\s\u3000]*[：:为是]", m.group(0))) and whole and is_name(name)


def _gender_answer(name: str, g: str, word: str, where) -> Answer:
    """A person's gender as the text's word shows it, cited where that word stands (`where` finds the passage), or
    that the text does not say."""
    if not g:
        return Answer(answer=msg.GENDER_UNKNOWN.format(who=name), found=False)
    text = msg.GENDER_OF.format(name=name, gender="女性" if g == "女" else "男性", word=word)
    return Answer(answer=text, found=True, citations=_cites([where()]))


def _joined(first: Answer, second: Answer | None) -> Answer:
    """Two found answers to the two halves of one question, in the order asked."""
    if second is None or not first.found:
        return first
    return Answer(answer=first.answer + second.answer, found=True,
                  citations=unique([*first.citations, *second.citations], limit=MAX_CITATIONS))


# A question for when an event ended, a closed class of words.
_ASKS_END = re.compile(r"结束|散会|散场|闭幕|完毕|收尾|到几点|几点完")


def _opening_fields(body: str, lines: int = 8) -> list[str]:
    """The short "key：value" lines among the first lines of a text (no sentence ends in them)."""
    head = [ln.strip() for ln in body.splitlines() if ln.strip()][:lines]
    return [ln for ln in head if len(ln) <= 60 and "。" not in ln and re.match(r"^[^：:]{1,6}[：:]\s*\S", ln)]


def _dating_line(meta, written: str, question: str, asks: set[str]) -> str:
    """The header line that dates the page, as written, when the question asks more than the date: the channel
    ("播出时间：…晚8:00 某某新闻综合频道") or the time of day ("时间：2025年10月28日上午9:30"); "" otherwise."""
    wants_clock = "clock" in asks
    if not written or not (wants_clock or _ASKS_CHANNEL.search(question)) or _ASKS_END.search(question):
        return ""  # a header's time is when the event began: "几点结束的" is not answered by it
    return next((ln.strip() for ln in meta.lines if written in ln.replace(" ", "") and _DATE_FIELD.search(ln)
                 and (not wants_clock or shape.has_type(ln, "clock"))), "")


_PLACE_FIELD = re.compile(r"地点\s*[：:]\s*(.+?)(?=\s|$|[|｜，,。；;]|" + _NEXT_FIELD + ")")
# A date field under another name: "播出日期：2026年10月15日（星期四）晚7:30", "发布时间：2026-09-08".
_DATE_FIELD = re.compile(r"(?:日期|时间)\s*[：:]\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:[（(][^）)]{1,4}[）)])?"
                         r"(?:\s*(?:上午|下午|早上|晚上|中午|晚|早)?\s*\d{1,2}(?:[:：]\d{2}|[时点](?:\d{1,2}分|半)?))?"
                         r"|\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?)")
_TIME_FIELD = re.compile(r"时间\s*[：:]\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*(?:上午|下午|早上|晚上|中午))?"
                         r"(?:\s*\d{1,2}\s*(?:[:：]\d{2}|时(?:\d{1,2}分)?|点(?:\d{1,2}分|半)?))?"
                         r"|\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?)")


# Nouns that are their own counter: "8条", not "8个条".
_COUNTERS = ("条", "项", "点", "段", "部分", "次", "位", "名", "步", "类", "站", "招", "个", "家", "件")
# Nouns counted with no 个 before them in an ordinal: "第三条", "最后一步", not "第三个条".
_OWN_COUNTERS = ("部分", "段", "条", "章", "节", "点", "项", "步", "类", "站", "招", "页", "款", "篇", "则", "批", "组", "轮", "场",
                 "期")


def _shares_stretch(text: str, other: str, at_least: int = 12) -> bool:
    """The two texts share a stretch of at least this many characters (punctuation aside)."""
    a, b = (re.sub(r"[\s,，。、；;：:“”\"（）()]", "", x) for x in (text, other))
    return longest_common(a, b) >= at_least


def _sentence_at(text: str, offset: int) -> str:
    """The sentence of the text that holds the character at offset ("" when none does)."""
    at = 0
    for sent in split_sentences(text):
        if at <= offset < at + len(sent):
            return sent
        at += len(sent)
    return ""


def _written_date(iso: str) -> str:
    """"2025-04-08" → "2025年4月8日", the way Chinese documents write a date; "" when it is no date."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    return f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日" if m else ""


# Nouns counted with a measure word of their own, a closed class.
# A sentence this short says no fact a comparison asks for ("大家好，很高兴和大家交流。" is 13 characters).
_GREETING_MAX = 15
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
# A sentence that only announces what the speaker will say ("下面我就《办法》的主要内容作简要介绍。").
_ANNOUNCING = re.compile(r"(?:下面|首先|我先|我来)[^。！!？?]{0,30}?(?:介绍|说明|通报|汇报|发布)(?:一下)?[^。！!？?]{0,6}[。！!]?")
_GIST_SENTENCE = 70  # the most of one sentence a side-by-side gist shows
# A whole statement that only greets or thanks ("主持人好，听众朋友们好！", "谢谢主持人。", "大家好！").
_PHATIC = re.compile(r"[^。！!？?]{0,16}?(?:好|谢谢[^。！!]{0,6}|感谢[^。！!]{0,8}|再见)[！!。.，,～~]*")
_MEASURE_OF = {"事": "件", "事情": "件", "信": "封", "来信": "封", "信件": "封", "留言": "条", "帖子": "条",
               # the pieces of a series: "第一篇日记", "共4篇手记"
               "日记": "篇", "手记": "篇", "笔记": "篇", "札记": "篇", "随笔": "篇", "文章": "篇", "稿子": "篇",
               # "六项部署": the measure word official texts count their arrangements by ("要求" is counted by 点,
               # 条 or 个 as the text announces it, so it keeps the plain 个).
               "部署": "项", "安排": "项", "任务": "项", "措施": "项", "举措": "项"}


def _counter(word: str, with_word: bool = True) -> str:
    """What follows a number to count the word: "个行动" or "条"; without the word, the counter alone ("个")."""
    if word in _COUNTERS:
        return word
    # "三件事", not "三个事"; "七项重点任务" as "七项任务"
    measure = _MEASURE_OF.get(word) or _MEASURE_OF.get(word[-2:]) or _MEASURE_OF.get(word[-1:], "个")
    return measure + word if with_word else measure


def _stated_count(text: str, noun: str) -> int:
    """The count a text states for a noun ("十大工程" → 10, "共5章24条" → 5 for 章), or 0; "一条都不要漏", "一条不落"
    and "第一章" state none."""
    text = re.sub(r"一[个条项点样]?(?:都|也)(?:不|别|没)|一[个条项点样件]不(?:落|漏|少|差|剩)", "", text)  # "一条不落": all
    # "每一部分", "哪一项", "这一条", "最后一部分", "另一项", "其中一条": a determiner before 一 picks one item; it
    # states no count.
    text = re.sub(r"(?<=[每哪这那同任后前另中])一", "", text)
    m = re.search(rf"(?<![第\d一二三四五六七八九十两])([一二三四五六七八九十两\d]+)(大|个|项)?{re.escape(noun)}", text) if noun else None
    return slots_mod.number_of(m.group(1)) if m else 0
