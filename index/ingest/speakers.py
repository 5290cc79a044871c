"""Attribute every sentence to a named speaker or to narration, from the patterns of news prose.

Handled: "TITLE NAME 表示/认为/…", "在TITLE NAME看来", "NAME则认为", a quotation first and the
speaker after, a speaker named mid-paragraph, a later mention by name alone (title carried),
a pronoun continuing the last named person, a quotation continued after "NAME透露,“…", collective
or unnamed subjects ("许多与会人员认为", "相关负责人表示") and the reporter's own voice
("记者了解到") that end a speaker's turn, and people named only as objects or in lists. Meeting reports:
a report of what an official spoke about ("X围绕…发言", "X就…作了说明", "X谈了几点意见") is theirs, a
speech that only took place ("X作了讲话", "X随后发言") and the meeting as subject ("会议要求…") are
narration; "周局长" is the person of that surname holding that office. A clause of time ("张三发言后，",
"记者采访当天，") yields to the subject after it; a topic opener may hold a quotation ("对于“某某”问题，她…");
"这位副县长" is the last person named with that office; a reply with nothing replied ("相关负责人逐一回应。")
is narration, a clause of speech after an event ("作了表态发言，表示…") a statement; in an interview or a
transcript a report of the guest's words outside the turns covers its own sentence only.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from index.ingest.lexicon import (
    COVERBS,
    CIRCUMSTANCE_HEADS,
    CIRCUMSTANCE_TAILS,
    GROUP_ADVERBS,
    COLLECTIVE_MARKERS,
    COLLECTIVE_MODIFIERS,
    NAME_FOLLOWERS,
    NARRATION_OPENERS,
    PRONOUN_GENDER,
    PRONOUNS,
    REPORTER_SUBJECTS,
    SPEECH_VERBS,
    SUBJECT_ADVERBS,
    SUBJECT_OPENERS,
    TOPIC_OPENERS,
    SURNAMES_1,
    SURNAMES_2,
    TITLE_SUFFIXES,
)
from index.ingest.captions import captioned
from index.ingest.remarks import attribute_remarks, name_line
from index.ingest.coref import FEMALE, MALE, Memory, demonstrative_kinds, gender_cues, org_of_title, organisation_subject
from index.ingest.names import (
    BOUNDARY,
    COMMON_WORD_FREQUENCY,
    MANNER_WORDS,
    NOT_NAME_WORDS,
    clean_title,
    ends_in_title,
    everyday_word,
    full_name,
    is_name,
    long_name_at,
    name_at,
    name_then_title,
    object_cut,
    short_reference,
    signature,
    splits_words,
    surname_lengths,
    titled_people,
)
from index.ingest.profiles import entry_lines
from index.ingest.dialogue import (
    ANSWER,
    ASK,
    FIELD_LINE_MAX,
    HOST,
    ITEM_NUMBER,
    SOURCED_FIGURES,
    Cast,
    Label,
    ends_turn,
    is_editors_line,
    is_field_line,
    parse_label,
    read_cast,
    speaker_at_opening,
    resolve_reference,
    relays_question,
    sentence_role,
    turn_label,
)
from index.ingest.structure import chinese_number, heading_position, labelled_unit
from index.models import Document, SourceKind, Speaker

_HAN = re.compile(r"[\u4e00-\u9fff]")
# A sentence that is only a transcript's note in brackets ("（掌声）", "（讲座结束，掌声）").
_STAGE_NOTE = re.compile(r"[（(][^()（）]{1,30}[)）][。.]?")
# A transcript's bracketed note on the one speaking ("（她停顿片刻）", "（他笑着说）").
_STAGE_PRONOUN = re.compile(r"[（(]([他她])(?!们)[^()（）]{1,30}[)）]")
_OPEN_QUOTES = "“「『"
_CLOSE_QUOTES = "”」』"
_CLAUSE_SPLIT = re.compile(r"[,，;；:：?？!！。“”「」『』\"]")
_SPEECH_INTRO = set(":：“「\"")  # a clause ending here hands over to what the person says
# Where a clause of what someone does and then says may end ("张三一边…一边说。", "…介绍说，"): a speech intro, a comma,
# a full stop or the end of the text.
_SAID_ENDS = _SPEECH_INTRO | {"，", ",", "。", ""}


def _alt(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_TITLE_SUFFIX_RX = _alt(TITLE_SUFFIXES)
_TITLE_STARTS_RX = re.compile(f"(?=({_TITLE_SUFFIX_RX}))")


def title_word_ends(text: str) -> list[int]:
    """Where each title word of the text ends, in order, but for one that a longer title word goes on from inside it:
    "党总支书记" holds 支书 and 书记, and only 书记 is followed by the name (alternatives match without overlapping, so
    a plain search stops at 支书 and reads the name as "记某某")."""
    spans = [(m.start(), m.start() + len(m.group(1))) for m in _TITLE_STARTS_RX.finditer(text)]
    ends = [e for s, e in spans if not any(s < s2 < e < e2 for s2, e2 in spans)]
    return sorted(set(ends))


# Reporting verbs of meeting reports besides those of lexicon.SPEECH_VERBS: "充分肯定了…成绩".
_REPORT_VERBS = ("肯定", "点评", "答疑", "坦陈", "叮嘱", "嘱咐", "寄语", "告诫", "笑称", "重申", "证实", "列举", "打比方")
_VERB_RX = "(?:" + _alt((*SPEECH_VERBS, *_REPORT_VERBS)) + ")"
# "在听取汇报后", "在调研结束时": the circumstance ends in a word of time or place.
_CIRCUMSTANCE_ENDS = (*CIRCUMSTANCE_TAILS, "后", "之后", "以后", "前", "之前")
# "在会上", "在接受采访时", "于昨日的发布会上": what may stand between a name and its verb.
_CIRCUMSTANCE_RX = f"(?:{_alt(CIRCUMSTANCE_HEADS)})[^,，。“”:：]{{0,12}}?(?:{_alt(_CIRCUMSTANCE_ENDS)})"
# Manner words ("简要介绍了", "充分肯定了", "当即表示") may stand between a name and its verb too.
# "向调研组介绍了…", "对记者说": whom the words were told, between the name and the verb.
_ADDRESSEE_RX = "(?:向|对|跟)[^,，。“”:：的]{1,6}?(?=介绍|说|表示|透露|坦言|解释|说明|讲|谈|回应|通报|汇报)"
_FOLLOWERS_RX = f"(?:{_alt((*NAME_FOLLOWERS, *MANNER_WORDS))}|{_CIRCUMSTANCE_RX}|{_ADDRESSEE_RX})*"
# "就某工作作了补充发言", "围绕某工作发言", "作了工作汇报": a speech announced with its topic (what it
# was about) or as a report; "作了讲话" alone says only that a speech took place.
_TOPIC_HEADS_RX = "(?:就|围绕|针对|结合|关于|对)"
# "谈了几点意见", "谈了自己的体会": a speech given by what it offered.
_OFFERS_RX = r"谈了?[^，,。“”]{0,8}?(?:意见|看法|体会|认识|打算|想法|思路|建议|感受)"
_TOPICAL_RX = (f"{_TOPIC_HEADS_RX}[^，,。“”]{{1,20}}?(?:(?:作|做|进行)了?[^，,。“”]{{0,8}}?)?"
               r"(?:发言|讲话|汇报|报告|说明|介绍|通报|回应|答复|解答|解读|表态|部署|安排)")
# "用“周末工程师”来形容…：": a description the person gives in words of their own.
_DESCRIBES_RX = r"用[^，,。：:]{1,24}?(?:来)?(?:形容|概括|比喻|描述|总结)"
_DELIVERS_RX = (f"(?:{_TOPICAL_RX}|(?:作|做)了?[^，,。“”]{{0,8}}?(?:汇报|报告|说明|介绍|通报)|{_OFFERS_RX}"
                f"|{_DESCRIBES_RX})")
# "张三再次发言，就某问题作了回应": the topic given in a clause after the event makes it a statement.
_TOPIC_AFTER_RX = re.compile(f"(?:^|并){_TOPICAL_RX}")
# "张三随后发言，介绍了…", "张三作了表态发言，表示…": the clause after the event says what was said.
# A manner before the verb ("慢慢地说", "笑着说") may stand there too.
_SPEECH_AFTER_RX = re.compile(f"^(?:并|还|也|同时|随后|接着)?{_FOLLOWERS_RX}(?:[\u4e00-\u9fff]{{1,4}}[地着])?{_VERB_RX}")
# A verb of speech followed by 的 names what was said ("张三说的“电脑上一查”，靠的是…"): a reference, no speech.
_SPEAKS_RX = re.compile(f"^{_FOLLOWERS_RX}(?:{_VERB_RX}(?!的)|{_DELIVERS_RX})")
_SPEECH_IN_RX = re.compile(f"{_VERB_RX}(?!的)|{_DELIVERS_RX}")
# "张三也参加了会议": attending or visiting is something done, not said.
# "张三随后发言。", "张三作了讲话。": that a speech took place, with nothing of what was said.
_EVENT_RX = re.compile(f"^{_FOLLOWERS_RX}(?:(?:作|做)了?[^，,。“”]{{0,8}}?)?(?:发言|讲话|致辞)$")
# "相关部门负责人逐一回应。": a reply that ends the sentence, with nothing of what was replied, took place.
_REPLY = "(?:(?:作|做)了?)?(?:回应|答复|解答|作答|答疑)了?"  # "逐一回应。", "逐一作了回应。"
_REPLIED_RX = re.compile(f"^{_FOLLOWERS_RX}{_REPLY}$")  # what follows the name
_REPLIED_TAIL_RX = re.compile(f"{_FOLLOWERS_RX}{_REPLY}$")  # the end of an unnamed official's clause
_REPLIED_END_RX = re.compile(f"{_REPLY}[。！!；;]?$")  # the end of the sentence
# A sentence that is a quotation and then its speaker's tag, ending there: "“……。”该负责人在接受采访时说。"
_TAG_ONLY_RX = re.compile(f"^[^，,。“”「」\"]{{1,30}}?(?:{_VERB_RX})(?:道)?[。！!]?$")  # "该负责人在接受采访时说。"
_TAG_CLOSES_RX = re.compile(f"^\\s*[“「\"].*[”」\"][^，,。“”「」\"]{{1,30}}?(?:{_VERB_RX})(?:道)?[。！!]?$")
_SENTENCE_ENDS = ("。", "！", "!", "；", ";", "")
# The reporter's scene: "张三带着记者来到…", "张三向记者展示…", "张三指着…".
_SCENE_WORDS = ("带着", "带领", "领着", "来到", "走进", "走上", "走出", "走访", "展示", "指着", "拿出", "翻开", "打开", "查看",
                "看着", "站在", "坐在", "蹲在", "正在")
_ATTENDS_RX = re.compile(f"^{_FOLLOWERS_RX}(?:参加|出席|列席|陪同|主持|参观|调研|视察|察看|考察|看望|慰问|带队|到|"
                         f"{_alt(_SCENE_WORDS)}|向记者(?!{_VERB_RX}))")
# "张三指着远处的老街说", "张三望着菜田感慨": what the person does while speaking, then the verb of speech
# that ends the clause and hands over to the words.
_SCENE_THEN_SPEECH_RX = re.compile(f"^{_FOLLOWERS_RX}(?:{_alt(_SCENE_WORDS)}|[\u4e00-\u9fff]着)[^，,。“”:：]{{0,16}}?"
                                   f"(?:{_VERB_RX})(?:道|称)?$")
# "一边摆弄手机一边说", "一边给客人打包一边对记者说": doing something while saying it.
_WHILE_SAYING_RX = re.compile(f"^{_FOLLOWERS_RX}一边[^，,。“”:：]{{1,16}}?一边(?:对|向|跟|给)?(?:记者|客人|大家|我们)?"
                              f"(?:{_VERB_RX})(?:道|称)?$")
_SUBJECT_RX = re.compile(f"^{_FOLLOWERS_RX}(?:{_alt(SUBJECT_ADVERBS)})")
_ASIDE_RX = re.compile(r"^[(（][^()（）]{1,30}[)）]")  # "张三（右）表示"
# A group or an unnamed official as the subject of a speech verb.
_COLLECTIVE_RX = re.compile(
    f"^(?:{_alt(COLLECTIVE_MODIFIERS)})?(?:{_alt(COLLECTIVE_MARKERS)})们?{_FOLLOWERS_RX}{_VERB_RX}"
)
# A role, then a coverb that turns to someone else ("村民向…", "群众给…").
_ADDRESSED_RX = re.compile(f"^[\u4e00-\u9fff]{{0,8}}?(?:{_TITLE_SUFFIX_RX}|群众|市民|网友|家长|游客|商户|企业)[向给跟找]"
                           f"(?=[\u4e00-\u9fff])")
_TITLE_SUFFIX_END_RX = re.compile(f"(?:{_TITLE_SUFFIX_RX})$")
_UNNAMED_RX = re.compile(f"^[^,，。“”]{{0,16}}?(?:{_TITLE_SUFFIX_RX})们?{_FOLLOWERS_RX}{_VERB_RX}")
# An unnamed official: "该局负责人", "这位负责人", "市X局负责人", "相关负责人", "新闻发言人".
# An unnamed official's role: "负责人", or an office ("该局局长表示", "该局副局长介绍").
_ROLE_RX = ("(?P<role>负责人|发言人|新闻发言人|(?:常务)?副?(?:局长|主任|部长|院长|厅长|处长|所长|站长|馆长|行长|校长|"
            "秘书长|总经理|董事长|书记|省长|州长|市长|区长|县长|镇长|乡长|主席|经理))")
_DEMONSTRATIVE_OFFICIAL_RX = re.compile(
    r"^(?:该|这个?|此|这位)(?P<kind>部门|单位|机构|管委会|委员会|公司|集团|中心|局|委|办|院|厅|部|所|站|馆)?的?"
    rf"(?:主要|相关|有关)?{_ROLE_RX}{_FOLLOWERS_RX}{_VERB_RX}"
)
# A named person called by "这位/那位" and a description instead of their office: "这位一楼住户说".
# "说起这些，", "说到这儿，": what the person after it did, they did while talking of what was just quoted.
_TALKED_OF_RX = re.compile(r"^(?:说起|说到|谈起|谈到|讲起|讲到|聊起|说着|说完)(?:这些|这儿|这里|这个|这事|这件事|此事|这|此)?[，,]")
_THIS_PERSON_RX = re.compile(rf"^(?:这位|那位)(?P<role>[\u4e00-\u9fff]{{1,6}}?){_FOLLOWERS_RX}{_VERB_RX}")
# "作为部门代表作表态发言", "作了交流发言": a speech announced, not yet what was said.
_SPEECH_HELD = r"(?:作为[^，,。“”]{1,10}?代表)?(?:作|做)了?[^，,。“”]{0,6}?(?:发言|讲话)"
_SPEECH_HELD_TAIL_RX = re.compile(_SPEECH_HELD + "$")
_NAMED_ORG_OFFICIAL_RX = re.compile(
    r"^(?P<org>(?:国家|省|市|县|区|州|镇|乡|街道)[\u4e00-\u9fff]{1,14}?"
    r"(?:管委会|委员会|办公室|局|委|办|中心|院|厅|部|公司|集团|署|所|站|馆))的?(?:主要|相关|有关)?"
    rf"{_ROLE_RX}{_FOLLOWERS_RX}(?:{_VERB_RX}|{_TOPICAL_RX}|{_SPEECH_HELD})"  # "市X局负责人就Y作了发言": a speech on a topic
)
_GENERIC_OFFICIAL_RX = re.compile(rf"^(?P<who>(?:相关|有关)(?:部门)?(?:负责人|发言人)|新闻发言人){_FOLLOWERS_RX}{_VERB_RX}")
# "张三则是…": a description of the person, not their words.
_SPEAKS_ANYWHERE_RX = re.compile(f"{_FOLLOWERS_RX}{_VERB_RX}")
_COPULA_RX = re.compile(f"^{_FOLLOWERS_RX}是")
_REPORTER_RX = re.compile(f"^(?:{_alt(NARRATION_OPENERS)}|(?:{_alt(REPORTER_SUBJECTS)})(?![节会站证]))")
_MAX_TITLE = 32
_CONJUNCTIONS = ("和", "与", "及", "跟", "同")
# "六位企业负责人", "多名代表", "3位专家": a counted group.
_COUNTED_RX = re.compile(r"^(?:[一二三四五六七八九十两几多数百千\d]+|多|数|部分)[位名个家户批]")
# A person the reporter calls by surname and a form of address, never by name: "王大爷", "李阿姨", "老刘".
_ADDRESS_WORDS = ("大爷", "大妈", "大叔", "大婶", "大姐", "大哥", "阿姨", "师傅", "奶奶", "爷爷", "婆婆", "老汉", "老伯")
_SURNAME_CLASS = "[" + "".join(sorted(SURNAMES_1)) + "]"
_INFORMAL_RX = re.compile(f"^[^，,。“”]{{0,10}}?(?:[老小]{_SURNAME_CLASS}|{_SURNAME_CLASS}(?:{_alt(_ADDRESS_WORDS)}))"
                          f"{_FOLLOWERS_RX}{_VERB_RX}")  # "家住城东的李阿姨说"
_SINGULAR = ("一位", "一名", "这位", "那位", "该")
_SOMEONE = Speaker(name="", title="")  # one unnamed person who spoke last: a pronoun may continue them
# The meeting as the subject ("会议指出", "本次会议要求", "座谈会听取了…"), never a speaker; "会议上"/"会议期间"
# set the scene for someone else.
_MEETING_RX = re.compile(r"^(?:本次|此次|这次|该次)?(?:[\u4e00-\u9fff]{0,8}?)(?:会议|座谈会|推进会|调度会|协调会|联席会|"
                         r"常务会|全会|大会|例会|论坛|发布会)(?![上中前后时期间结束召开开始伊始现场之以])")
# A title and then a surname, opening the sentence: someone titled, though the name could not be cut out.
_UNREAD_TITLED_RX = re.compile(f"^[^,，。“”]{{0,24}}?(?:{_TITLE_SUFFIX_RX}){_SURNAME_CLASS}")
# "回到振兴小区，张三正…": the reporter moving to a place sets the scene for the clause after it.
_SCENE_RX = re.compile(r"^(?:回到|来到|走进|走入|走到|步入|再到|又来到)[^，,。“”]{1,12}$")
_MAX_LEAD_CLAUSE = 4  # "对此,", "同时,": a short opener before the clause that holds the subject
# Words that end a clause of time ("张三发言后", "会议结束时", "记者采访当天"): it sets the scene only.
_TEMPORAL_ENDS = ("后", "之后", "以后", "前", "之前", "以前", "时", "之时", "期间", "之际", "当天", "当日", "当晚", "那天",
                  "一开始", "刚开始", "开始", "伊始", "之初", "开场", "一开场")  # "座谈会一开始，张三就…"

SPEAKS, SUBJECT, OBJECT, EVENT = "speaks", "subject", "object", "event"  # EVENT: attends, speech took place


@dataclass(frozen=True)
class Mention:
    """A person named in a clause and the part they play in it."""

    speaker: Speaker
    speaks: bool  # followed by a speech verb, not just named
    role: str = SUBJECT  # speaks / subject (does something, so the sentence is theirs) / object (only named)


@dataclass(frozen=True)
class Subject:
    """Who a sentence is about: a person, a pronoun for the last one named, or nobody in particular."""

    kind: str  # "person", "pronoun", "official" (unnamed), "nobody"
    mention: Mention | None = None
    gender: str = ""  # of a pronoun: "m", "f", or "" when it may be either
    single: bool = False  # of "nobody": one unnamed person ("一位村民说", "王大爷告诉记者"), whom 他/她 may continue


def _clauses(text: str, depth: int = 0) -> list[tuple[int, str, bool, str]]:
    """(offset, clause, inside a quotation, the delimiter after it) pieces of a sentence."""
    out, pos = [], 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.start() > pos:
            out.append((pos, text[pos:m.start()], depth > 0, m.group()))
        depth = _quote_depth(m.group(), depth)
        pos = m.end()
    if pos < len(text):
        out.append((pos, text[pos:], depth > 0, ""))
    return out


# A pronoun that owns what follows it ("她主持的", "他的"), unless a verb or preposition before it takes it as its
# object ("告诉她的", "对他的").
_OWN_PRONOUN = re.compile(r"(?<![对给向让请帮问和跟与同把被叫使令找陪送诉])([她他])(?!们)[\u4e00-\u9fff]{0,4}?的")
# A time phrase before the clause's subject ("来之前她…", "退休以后他…"): the pronoun still opens the clause.
_TIME_LEAD = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:之前|之后|以前|以后|的时候)(?=[他她](?!们))")


def _strip_opener(clause: str) -> str:
    for opener in SUBJECT_OPENERS:
        if clause.startswith(opener) and len(clause) > len(opener) + 2:
            return clause[len(opener):]
    return clause


def _hands_over(rest: str, delimiter: str) -> bool:
    """A short predicate after a name that hands over, by its colon, to the person's words ("店主张三感受最深：“…”")."""
    return delimiter in ("：", ":") and 0 < len(_ASIDE_RX.sub("", rest)) <= _GESTURE_MAX and not _COPULA_RX.match(rest)


# A person's words as a thing shown or cited ("的一句话", "的名言", "的题词"), right before a colon and the quotation.
_WORDS_OF = re.compile(r"的(?:一段|一句|几句|这句|那句)?(?:话|名言|原话|题词|寄语|嘱托|留言|赠言)")


def _role_after(rest: str, delimiter: str, strict: bool) -> str | None:
    """What follows a name says whether the person speaks, acts, or is only named."""
    rest = _ASIDE_RX.sub("", rest)
    if delimiter in ("：", ":") and _WORDS_OF.fullmatch(rest):
        return SPEAKS  # "劳动模范邓某明的一句话：“…”": the words quoted next are the person's
    if _event_only(rest, delimiter):
        return EVENT
    if _SPEAKS_RX.match(rest) or _SCENE_THEN_SPEECH_RX.match(rest) or _WHILE_SAYING_RX.match(rest):
        return SPEAKS
    if strict or _COPULA_RX.match(rest):
        return None
    if _ATTENDS_RX.match(rest):
        return EVENT
    if not rest:
        return SPEAKS if delimiter in _SPEECH_INTRO else SUBJECT
    if _SUBJECT_RX.match(rest):
        return SUBJECT
    if rest[0] in "、和与及":
        return OBJECT  # one of a list of people: known, but the sentence is not theirs
    return None


def _event_only(rest: str, delimiter: str) -> bool:
    """What follows a name says only that a speech or a reply took place ("随后发言", "逐一回应。")."""
    return bool(_EVENT_RX.match(rest) or (delimiter in _SENTENCE_ENDS and _REPLIED_RX.match(rest)))


# What a list of people does when it only attends: "…参加座谈会", "…陪同调研", "…出席会议".
_LIST_ATTENDS_RX = re.compile(r"(?:参加|出席|列席|陪同|参会)[^，,。“”]{0,8}[。！!]?$")
# A plan or a stance after a person's name ("张三还将目光放在…", "她打算…"): their position, told as theirs.
_PLANS_RX = re.compile(r"将|要|准备|计划|打算|希望|期待|想|力争|决心|认为|主张")
# Prepositions that end no two-character name: after a surname-like character they start a phrase ("从…走向").
_PREPOSITION_END = set("从把被向")
# Words of address that close a name ("张三同志指出").
_HONORIFICS = ("同志", "先生", "女士")
# Grammatical particles no personal name is written with ("作了", "看着", "说的").
_PARTICLES = set("了着过的地得们")


# One-character adverbs that also end given names ("才", "又", "也"…): the tagger decides which they are.
_NAME_OR_ADVERB = "才又也还就都再"


def _tagged_name(text: str, n: int) -> bool:
    """jieba's part-of-speech tagger reads the first n characters of the text as one personal name."""
    import jieba.posseg

    first = next(iter(jieba.posseg.cut(text[:n + 8])), None)
    return first is not None and first.word == text[:n] and first.flag == "nr"


def _name_at(text: str, strict: bool, delimiter: str = "") -> tuple[str, str] | None:
    """A Chinese personal name at the start of text and its role, judged by what follows it."""
    rare = False
    if text[:2] in SURNAMES_2:
        lengths = [3, 4]
    elif text[:1] in SURNAMES_1:
        lengths = [2, 3]
    else:
        # An uncommon surname: accept the name only when a speech verb follows it.
        lengths, strict, rare = [2, 3], True, True
    fallback = None
    for n in reversed(lengths):
        # "吴多才同志指出": an honorific closes the name, which the shorter reading ("吴多" + 才…) would cut.
        name, rest = text[:n], text[n:]
        if rest.startswith(_HONORIFICS) and _could_be_name(name, n) and not (rare and _word_after_char(name)):
            role = _role_after(rest, delimiter, strict)
            if role:
                return name, role
    for n in lengths:
        name, rest = text[:n], text[n:]
        if not _could_be_name(name, n) or rare and _word_after_char(name):
            continue
        role = _role_after(rest, delimiter, strict)
        if role and role != OBJECT and n + 1 in lengths and rest[:1] in _NAME_OR_ADVERB \
                and _could_be_name(text[:n + 1], n + 1) and _tagged_name(text, n + 1):
            # "杨某才冒雨赶到": 才 reads as an adverb after two characters, but the tagger reads three as one name.
            longer = _role_after(text[n + 1:], delimiter, strict)
            if longer != OBJECT:
                return text[:n + 1], longer or role  # "冒雨赶到…" tells no role of its own: the person does it
        if role == OBJECT:
            # "应天和表示": a conjunction after two characters may be the third character of the name.
            fallback = fallback or (name, role)
        elif role:
            return name, role
    if fallback is None and not strict:
        # No verb tells where the name ends, but a colon hands over to the person's words: the longer reading
        # first, as most names have a two-character given name, unless a word that follows names starts right
        # after the shorter one ("钟某这样评价…：").
        for n in sorted(lengths, key=lambda k: (not text[k:].startswith(NOT_NAME_WORDS), -k)):
            name, rest = text[:n], text[n:]
            if _could_be_name(name, n) and _hands_over(rest, delimiter):
                return name, SPEAKS
    long = "" if fallback else long_name_at(text)
    if long:
        # "主要负责人阿苏拉呷首先发言", "局长买买提·吐尔逊表示": a transcribed name right after a title; what
        # follows tells its role, else the person is known but not speaking here.
        return long, _role_after(text[len(long):], delimiter, strict=False) or OBJECT
    if fallback is None and not strict:
        # "局长张三结合分管工作谈了几点意见": a preposition after the name shows where the name ends; the
        # clause is the person's words when it reports a speech, else something they did.
        for n in reversed(lengths):
            name, rest = text[:n], text[n:]
            if _could_be_name(name, n) and rest.startswith(COVERBS):
                return name, _speech_role(rest)
    return fallback


def _word_after_char(name: str) -> bool:
    """A character no list knows as a surname, then a common word ("谭局长在发言最后还提到": 在 + 发言), or a
    preposition first: no name."""
    from index.search.tokenize import word_frequency

    return name[0] in _NOT_NAME_START or len(name) >= 3 and word_frequency(name[1:]) >= COMMON_WORD_FREQUENCY


# "作" before a word for an act of speech ("作表态发言", "作报告") is the verb: the rare-surname reading of _name_at
# would take "作表态" for a name ("…局长作表态发言").
_ACT_OF_SPEECH = re.compile(r"作(?:表态|报告|发言|讲话|说明|总结|汇报|部署|交流|点评|动员|解读|介绍|回应|承诺)")


# "一是", "二是": how a speaker numbers their points.
_POINT_MARK = re.compile(r"^[一二三四五六七八九十]是")


def _could_be_name(name: str, n: int) -> bool:
    """n Chinese characters that a personal name can be: not an adverb, a verb or a particle ("该负责人同时介绍",
    "该负责人回应称", "覃局长作了回应"), nor a familiar form ("茶农老黄"), nor a common word and one more character
    ("来自郑州": 来 is a surname, 来自 a word far more frequent than any given name), nor such a word alone."""
    from index.search.tokenize import word_frequency

    return (len(name) == n and all(_HAN.match(c) for c in name) and not name.startswith(GROUP_ADVERBS)
            and not (n == 3 and word_frequency(name[:2]) >= COMMON_WORD_FREQUENCY)
            # "业主单位：某公司" (a table's row read as a sentence): 单 is a surname, 单位 a word far more frequent.
            and not (n == 2 and word_frequency(name) >= COMMON_WORD_FREQUENCY)
            and not (n == 2 and name[1] in _PREPOSITION_END)  # "推动乡村民宿从…": 宿从 is no name
            and not name.startswith(NOT_NAME_WORDS) and not set(name) & _PARTICLES
            and not (name[0] in "老小阿" and name[1:2] in SURNAMES_1)
            and not _ACT_OF_SPEECH.match(name)  # "局长作表态发言": the verb and its act, no name
            and name[0] not in _DEICTIC  # "这句话说得好": a demonstrative starts no name
            and not _POINT_MARK.match(name)  # "一是希望…": the speaker's first point, no name
            and not set(name) & _PRONOUNS)  # "感谢您提出的宝贵建议": a pronoun is in no name


_DEICTIC = "这那哪每各其该此某谁"
_PRONOUNS = set("您你我他她它咱")


_DESCRIPTION_MAX = 20


def _speech_role(rest: str) -> str:
    """SPEAKS when the words after a name report a speech with its topic or content, else EVENT
    ("代表各区县作了交流发言" only says that a speech took place)."""
    if re.search(f"{_TOPICAL_RX}|{_OFFERS_RX}", rest):
        return SPEAKS
    if re.search(r"(?:发言|讲话|致辞)$", rest):
        return EVENT
    return SPEAKS if _SPEECH_IN_RX.search(rest) else EVENT


# "一边…一边…" is what someone does, never part of a title: a role word after it is the object of the act
# ("张三一边给顾客找零…"); an object after a verb ("把副局长李四请进…") is cut by object_cut instead.
_DOING_RX = re.compile(r"一边|一面")


# A caption's tag at the start of a clause ("【同期声】", "【画面】").
_TAG = re.compile(r"^[【\[][^】\]]{1,8}[】\]]\s*")
# One or two spaces between Han characters (a name set apart inside its clause).
_SPACED_NAME = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]{1,2}(?=[\u4e00-\u9fff])")


def _titled_mention(clause: str, delimiter: str = "", names: frozenset[str] = frozenset()) -> Mention | None:
    """'市水务局局长张三…' → Speaker(张三, 市水务局局长); `names` are names the document confirms elsewhere."""
    # "甲市乙中心主任 邓某华 认为": a compilation sets the name apart by spaces; it is still one clause's words.
    # A caption's tag before the title ("【同期声】", "【画面】") is the script's mark, not part of the office.
    clause = _SPACED_NAME.sub("", _TAG.sub("", _strip_opener(clause)))
    if _COUNTED_RX.match(clause):
        return None  # "六位企业负责人先后发言": a number of people, none of them named
    for end in title_word_ends(clause):
        title = clause[:end]
        if len(title) > _MAX_TITLE or re.search(r"[《》“”]", title):
            return None
        if clause[end:end + 1] in _CONJUNCTIONS:
            continue  # "企业代表和群众也…": two kinds of people, no name after the first
        if _DOING_RX.search(title):
            continue  # "张三一边给顾客找零…": a role word inside what someone does, not before a name
        rest = clause[end:]
        found = _name_at(rest, strict=False, delimiter=delimiter)
        # The readings the document confirms by writing them alone elsewhere ("张三丰表示"), longest first.
        confirmed = [rest[:n] for n in sorted(surname_lengths(rest), reverse=True) if rest[:n] in names]
        if found and found[1] == SUBJECT and confirmed and len(confirmed[0]) > len(found[0]) \
                and _SUBJECT_RX.match(rest[len(confirmed[0]):]):
            # "局长蒋某才则把目光…": "才" reads as an adverb after a two-character name, but the document writes the
            # three-character name alone elsewhere ("蒋某才说"): that is the name.
            found = (confirmed[0], _role_after(rest[len(confirmed[0]):], delimiter, False) or found[1])
        if not found and name_at(rest):
            # A titled name whose role the words after it don't tell: known, but not speaking here.
            found = (name_at(rest), OBJECT)
        if not found:
            # "副局长张三丰结合分管工作谈了看法": no boundary after the name, but the document's confirmed reading
            # tells how long it is.
            if confirmed:
                found = (confirmed[0], _role_after(rest[len(confirmed[0]):], delimiter, False) or OBJECT)
        if found and ends_in_title(found[0]):
            continue  # "个体工商户代表、某茶社经营者张三": a second title word, the name comes after it
        if found and everyday_word(found[0]):
            continue  # "主要负责人公开承诺": an everyday word after the title word, not a name
        if found and found[0][-1] in "和与及或" and rest == found[0] and delimiter in _OPEN_QUOTES:
            continue  # "通过公众号、市长信箱和“某平台”留言": a list's last item opens, no name before a quotation
        if found:
            name, role = found
            # "记者采访了市水务局局长张三": the title starts after the verb that makes him an object.
            cut = object_cut(title)
            if cut:
                title, role = title[cut:], OBJECT
            addressed = _ADDRESSED_RX.search(title)
            if addressed:
                # "村民向村民小组提出申请", "群众给局长写信": someone of a role turns to the one named; that one is
                # addressed, not speaking.
                title, role = title[addressed.end():], OBJECT
            title = clean_title(title).strip("、 ")  # "分管城建工作的副市长": the office is after 的
            if not title or not re.search(_TITLE_SUFFIX_RX + "$", title):
                return None
            return Mention(Speaker(name=name, title=title), role == SPEAKS, role)
    return None


def _known_mention(clause: str, known: dict[str, Speaker], delimiter: str = "", lead: bool = False) -> Mention | None:
    """'张三表示…' for a person already named with a title; at the start of a sentence (`lead`), a known
    person doing something the words don't make speech ("张三的发言…", "张三是…") is an event."""
    clause = _strip_opener(clause)
    described = _described(clause, known)
    if described:
        clause, lead = described, True  # "今年78岁的张三住在6楼": the description is part of the subject
    for name in sorted(known, key=len, reverse=True):
        if clause.startswith(name):
            rest = _ASIDE_RX.sub("", clause[len(name):])
            if _then_says(rest, delimiter, _SAID_ENDS):
                return Mention(known[name], True, SPEAKS)  # "张三指着老街说，…", "张三一边…一边对记者说。"
            if _event_only(rest, delimiter) or _ATTENDS_RX.match(rest):
                return Mention(known[name], False, EVENT)
            if _SPEAKS_RX.match(rest) or (not rest and delimiter in _SPEECH_INTRO):
                return Mention(known[name], True, SPEAKS)
            if _SUBJECT_RX.match(rest) and not _COPULA_RX.match(rest) and not _ATTENDS_RX.match(rest):
                return Mention(known[name], False, SUBJECT)
            if lead and (rest or described) and rest[:1] not in ("和", "与", "及", "、", "等"):
                # The sentence is about the person: their words when a speech verb comes later
                # ("张三一边翻看台账一边说"), else narration ("张三的发言…", "张三是…", "其中一位是46岁的张三，");
                # a pronoun next may point to them.
                role = EVENT if not rest or rest[0] == "的" or _COPULA_RX.match(rest) else _speech_role(rest)
                return Mention(known[name], role == SPEAKS, role)
    return None


# A description ending in 的 and perhaps a role word ("今年78岁的", "来自上海的游客", "张三的妻子"), or a role word
# alone ("站长", "在副乡长"), before a person's name: the name is still the clause's subject.
_DESCRIPTION_RX = re.compile(r"[^，,。；;：:“”「」]{0,24}的[\u4e00-\u9fff]{0,5}")


def _described(clause: str, known: dict[str, Speaker]) -> str:
    """The clause from a known person's name on, when only a description or a role word comes before it."""
    hits = [(clause.find(n), n) for n in known if n and clause.find(n) > 0]
    if not hits or re.match(r"(?:他|她|其(?!中|他|余|它)|我|你)", _strip_opener(clause)):
        return ""  # "她指着新铺的检查井盖告诉记者": the clause has its subject already
    for at, name in sorted(hits, key=lambda h: (h[0], -len(h[1]))):
        # "和张三同桌吃饭的李四是…": a person named inside the description is not its subject.
        before = _strip_opener(clause[:at])
        if _DESCRIPTION_RX.fullmatch(before) or _a_role(before) or _OFFICE_END.search(before):
            break
    else:
        return ""
    while True:
        # "居民张三的女儿李四在…": the phrase is about its last person, the one a relation word leads to.
        nxt = [(at + len(name) + clause[at + len(name):].find(n), n) for n in known
               if n and re.match(rf"的[\u4e00-\u9fff]{{0,4}}?{re.escape(n)}", clause[at + len(name):])]
        if not nxt:
            return clause[at:]
        at, name = min(nxt)


_REFERENCE_RX = re.compile(f"^[\u4e00-\u9fff]{{1,4}}?(?:{_TITLE_SUFFIX_RX})")
# A person addressed or named by surname and office at the end of the clause before a pronoun ("我想追问一下万局长，
# 她刚才提到的…"): whom the pronoun stands for.
_REFERENCE_END_RX = re.compile(f"([\u4e00-\u9fff](?:{_TITLE_SUFFIX_RX}))[，,]?$")


# What a person does and then says, in one clause that hands over to the words ("拿起一瓶样品向客人介绍说，"):
# the clause ends with a verb of saying (not a noun: "李四的介绍").
_DOES_THEN_SAYS_RX = re.compile(r"^[^，,。“”:：]{1,24}?(?<!的)(?:说|说道|表示|介绍说|介绍道|坦言|感慨道?|称)$")
def _then_says(rest: str, delimiter: str, ends: set[str]) -> bool:
    """What follows a person is a scene and then a verb of saying ("指着老街说"), or, in a clause ending at one of
    `ends`, something they do and then say ("拿起一瓶样品向客人介绍说")."""
    return bool(_SCENE_THEN_SPEECH_RX.match(rest) or _WHILE_SAYING_RX.match(rest)
                or (delimiter in ends and _DOES_THEN_SAYS_RX.match(rest)))


def _familiar_mention(clause: str, known: dict[str, Speaker], delimiter: str = "") -> Mention | None:
    """'老谷一边整理货架一边说': the one person named before with that surname, called the familiar way."""
    clause = _strip_opener(clause)
    if clause[:1] in "老小" and len(clause) >= 3:
        surname = clause[1]  # "老谷", "小刘"
    elif clause[1:2] and clause[1] in _KINSHIP_ADDRESS and len(clause) >= 3:
        surname = clause[0]  # "田姐", "刘叔": the surname and a kinship word, as neighbours address someone
    else:
        return None
    people = [p for p in known.values() if p.name[:1] == surname and p.name[:2] not in SURNAMES_2]
    if len(people) != 1:
        return None
    rest = clause[2:]
    if _then_says(rest, delimiter, _SAID_ENDS) or _SPEAKS_RX.match(rest):
        return Mention(people[0], True, SPEAKS)
    from index.search.tokenize import word_frequency

    if clause[:1] in "老小" and word_frequency(clause[:2]) == 0:
        return Mention(people[0], False, EVENT)  # "老谷也开始收拾摊位": what they do, in the reporter's words
    return None


# Kinship words that follow a surname in a familiar form of address ("田姐", "王叔", "李婶").
_KINSHIP_ADDRESS = set("姐哥叔姨婶伯嫂")


_BOSS_RX = re.compile(r"^([\u4e00-\u9fff]{1,2}?)总(?![经裁监工书理统部站队])")


def _reference_mention(clause: str, known: dict[str, Speaker], delimiter: str = "") -> Mention | None:
    """'周局长介绍', '张三主任说': a person named by surname (or name) and office, among those named before."""
    clause = _strip_opener(clause)
    m = _REFERENCE_RX.match(clause)
    ref = short_reference(m.group()) if m else None
    person = resolve_reference(*ref, known.values()) if ref else None
    if person is None:
        # "王总": a surname and 总, as a company's head (总经理, 总裁, 总监) is addressed.
        m = _BOSS_RX.match(clause)
        heads = [p for p in known.values() if m and p.name.startswith(m.group(1))
                 and p.title.endswith(("总经理", "总裁", "总监"))] if m else []
        person = heads[0] if len(heads) == 1 else None
    if person is None:
        return None
    rest = clause[m.end():]
    if _then_says(rest, delimiter, _SPEECH_INTRO | {"，", ","}):
        return Mention(person, True, SPEAKS)  # "王总拿起一瓶样品向来访者介绍说，…"
    role = _role_after(rest, delimiter, strict=False)
    return Mention(person, role == SPEAKS, role) if role in (SPEAKS, SUBJECT, EVENT) else None


def _pronoun(clause: str) -> str | None:
    """'她表示' → 'f'; '他说' → 'm'; '其介绍' → '' (either); '他们认为' → 'group'; else None."""
    clause = _strip_opener(clause)
    for p in PRONOUNS:
        if clause.startswith(p) and (_SPEAKS_RX.match(clause[len(p):]) or _SCENE_THEN_SPEECH_RX.match(clause[len(p):])):
            if p.endswith("们"):
                return "group"  # "他们/她们" is a group, not the last named speaker
            return PRONOUN_GENDER.get(p, "")
    return None


def _official(clause: str, memory: Memory | None) -> Speaker | None:
    """An unnamed official as the subject: '该局负责人表示', '市X局负责人介绍', '该负责人还表示'."""
    clause = _strip_opener(clause)
    m = _DEMONSTRATIVE_OFFICIAL_RX.match(clause)
    if m and memory is not None:
        kinds = demonstrative_kinds(m.group("kind")) if m.group("kind") else None
        if kinds is None:
            if m.group("role").endswith(("负责人", "发言人")):
                if clause.startswith("这位") and memory.fresh is not None and memory.fresh.name and memory.fresh.title:
                    # "该公司总经理宋广利表示，…。这位负责人透露，…": the titled person just named.
                    return memory.fresh
                return memory.official  # "该负责人": the official last spoken of
            return memory.holder(m.group("role"))  # "这位局长": the last person named with that office
        return memory.person_in_charge(memory.organisation(kinds), m.group("role"))
    m = _THIS_PERSON_RX.match(clause) or _THIS_ONE_RX.match(clause)
    if m and memory is not None:
        # "这位一楼住户说", "这位老党员感慨": the person just named, whom the reporter now calls by a description.
        role = m.group("role")
        if memory.fresh is not None and memory.fresh.name:
            return memory.fresh
        return next((p for p in memory.recent if p.name and p.title and p.title.endswith(role[-2:])), None)
    m = _NAMED_ORG_OFFICIAL_RX.match(clause)
    if m:
        org = m.group("org")
        return memory.person_in_charge(org, m.group("role")) if memory is not None else Speaker("", org + m.group("role"))
    m = _GENERIC_OFFICIAL_RX.match(clause)
    if m:
        person = Speaker(name="", title=m.group("who"))
        if memory is not None:
            memory.official = person
        return person
    return None


# A description before one unnamed person: "在小区门口开了十几年小卖部的一位大姐告诉记者".
_DESCRIBED_ONE_RX = re.compile(r"^[^，,。“”]{1,24}?的(?=(?:一|这|那)(?:位|名)[\u4e00-\u9fff])")


# One person the text does not name, by what they are: "一名年轻安装工说", "一位摊主告诉记者".
_ONE_PERSON = r"(?:一|这|那)(?:位|名)(?P<who>[^，,。“”]{1,12}?)"
# "这名保洁员一边干活一边说": what they do while speaking may stand before the verb.
_ONE_PERSON_RX = re.compile(f"^{_ONE_PERSON}{_FOLLOWERS_RX}(?:一边[^，,。“”]{{1,10}}?一边)?{_VERB_RX}")


def _single_unnamed(clause: str) -> bool:
    """One person the text does not name speaks: '一位村干部表示', '王大爷告诉记者', '老刘说'."""
    clause = _DESCRIBED_ONE_RX.sub("", _strip_opener(clause))
    if _INFORMAL_RX.match(clause):
        return True
    if _COUNTED_RX.match(clause) and not clause.startswith(_SINGULAR) or re.match(r"^[^,，。“”]{0,20}们", clause):
        return False  # "两名工人说"; a count of one ("一名施工员说") is one person
    return bool(_UNNAMED_RX.match(clause) or _ONE_PERSON_RX.match(clause)
                or (_COLLECTIVE_RX.match(clause) and clause.startswith(_SINGULAR)))


def _nobody(clause: str) -> bool:
    """A group, an unnamed official or the reporter as the subject."""
    clause = _DESCRIBED_ONE_RX.sub("", clause)
    return bool(_COLLECTIVE_RX.match(clause) or _UNNAMED_RX.match(clause) or _ONE_PERSON_RX.match(clause)
                or _REPORTER_RX.match(clause)
                or SOURCED_FIGURES.match(clause) or _INFORMAL_RX.match(_strip_opener(clause))
                or (_COUNTED_RX.match(_strip_opener(clause)) and _SPEAKS_ANYWHERE_RX.search(clause)))


def find_subject(sentence: str, known: dict[str, Speaker], depth: int = 0,
                 memory: Memory | None = None, names: frozenset[str] = frozenset()) -> Subject | None:
    """Who the sentence is about, judged clause by clause outside quotations; None when unclear."""
    lead = True  # still at the start of the sentence (or after a short opener such as "对此,")
    topic = False  # inside a topic opener that a quotation interrupts ("对于“某某”问题，她…")
    topical = False  # the sentence opened with what is spoken about ("针对企业反映的问题，…")
    pieces = _clauses(sentence, depth)
    for i, (offset, clause, quoted, delimiter) in enumerate(pieces):
        if quoted:
            # "“90后”小伙张三正…": a short quoted word opening the sentence is part of the subject's description.
            lead = lead and (topic or len(clause) <= _QUOTED_MODIFIER_MAX)
            continue
        if delimiter in ("，", ",") and i + 1 < len(pieces) and (
                clause.endswith(_TEMPORAL_ENDS) and lead or i == 0 and _SCENE_RX.match(clause)):
            # "张三发言后，李四表示…", "记者采访当天，李四…": a clause of time sets the scene; the subject of
            # the clause after it, when it has one, is the sentence's.
            after = pieces[i + 1]
            main = find_subject(sentence[after[0]:], known, 1 if after[2] else 0, memory, names)
            if main is not None and not (main.kind == "person" and main.mention.role == OBJECT):
                return main  # a pronoun there too: "张三发言后，她补充说" is whoever 她 stands for
        mention = (_titled_mention(clause, delimiter, names) or _reference_mention(clause, known, delimiter)
                   or _known_mention(clause, known, delimiter, lead)
                   or _familiar_mention(clause, known, delimiter))
        if mention and mention.role == EVENT and delimiter in _OPEN_QUOTES:
            # "张三结合该县“某某”改革谈了体会": a quoted phrase inside the clause; read it on to its end.
            joined, end = _through_quotes(sentence, offset)
            again = (_titled_mention(joined, end, names) or _reference_mention(joined, known, end)
                     or _known_mention(joined, known, end, lead))
            if again and again.role == SPEAKS and again.speaker.name == mention.speaker.name:
                mention = again
        gesture = clause[clause.rfind(mention.speaker.name) + len(mention.speaker.name):] if mention else ""
        # Later in a sentence, a clause that opens with the person ("…，老板张三放下扳手，掰着指头算账：“…”") is theirs.
        opens = mention is not None and _strip_opener(clause).startswith(mention.speaker.title + mention.speaker.name)
        if mention and mention.role == OBJECT and (lead or opens) and gesture and gesture[0] not in "、和与及等":
            if delimiter in ("：", ":") and i + 1 < len(pieces) and pieces[i + 1][2] \
                    and len(gesture) <= _GESTURE_MAX and not titled_people(gesture):
                # "合作社理事长张三掀开一筐藕给记者看：“……”": a gesture in the name's own clause, then a colon and
                # the quotation: the words are the person's.
                mention = Mention(mention.speaker, True, SPEAKS)
            elif _gesture_then_words(pieces[i + 1:]):
                mention = Mention(mention.speaker, False, EVENT)  # what they do before handing over to their words
        if mention and mention.role in (EVENT, OBJECT) and (lead or opens) and gesture[:1] not in tuple("、和与及等的") \
                and not titled_people(gesture) and _acts_then_words(pieces, i):
            # "渔民张三站在船头，一边往岸上递鱼筐一边招呼记者：“……”": their acts, then a colon and their words.
            mention = Mention(mention.speaker, True, SPEAKS)
        if mention and mention.role == EVENT and (_topic_follows(pieces[i + 1:])
                                                  or topical and _speech_event(clause, mention, delimiter)):
            # "张三再次发言，就某问题作了回应"; "针对某问题，张三逐一作了回应": the topic makes it a statement.
            mention = Mention(mention.speaker, True, SPEAKS)
        if i == 0 and (not mention or mention.role == OBJECT) and _MEETING_RX.match(_strip_opener(clause)):
            # "会议听取了张三的汇报", "会议要求…": the meeting is not a speaker; a person it names is only named.
            return Subject("person", Mention(mention.speaker, False, EVENT)) if mention else Subject("nobody")
        if mention and mention.role == OBJECT and i == 0:
            # "副市长甲、秘书长乙参加调研": a list of people as the subject; what follows the list is their role.
            listed = titled_people(clause)
            end = clause.rfind(listed[-1].name) + len(listed[-1].name) if len(listed) >= 2 else -1
            if end > 0 and listed[0].name == mention.speaker.name and clause[clause.find(mention.speaker.name)
                                                                              + len(mention.speaker.name):][:1] == "、":
                role = _role_after(clause[end:], delimiter, strict=False)
                if role in (SPEAKS, EVENT):
                    mention = Mention(mention.speaker, role == SPEAKS, role)
        if mention and mention.role == SUBJECT and clause.endswith(mention.speaker.name) and i + 1 < len(pieces) \
                and not pieces[i + 1][2] and _COPULA_RX.match(pieces[i + 1][1]):
            # "某公司总经理张三，是较早入驻的企业负责人之一。": who the person is, in the reporter's words.
            return Subject("person", Mention(mention.speaker, False, EVENT))
        if mention:
            attends = bool(_LIST_ATTENDS_RX.search(sentence))
            if (mention.role == SUBJECT and clause.endswith(mention.speaker.name) and i + 1 < len(pieces)
                    and (_starts_with_person(pieces[i + 1][1], known) or attends)):
                # "常务副市长甲，副市长乙、丙出席会议": a list of people, none of them speaking; when the list
                # attends, the sentence is the reporter's, not the last speaker's words.
                return Subject("person", Mention(mention.speaker, False, EVENT if attends else OBJECT))
            if mention.role in (EVENT, SUBJECT) and i + 1 < len(pieces) and not pieces[i + 1][2] \
                    and _pronoun(pieces[i + 1][1]) in (MALE, FEMALE, ""):
                # "其中一位是46岁的张三，她告诉记者，…": who the person is, then their words in the same sentence.
                return Subject("person", Mention(mention.speaker, True, SPEAKS))
            after = clause[clause.rfind(mention.speaker.name) + len(mention.speaker.name):]
            if mention.role == SUBJECT and not _SPEECH_IN_RX.search(after) and not _PLANS_RX.search(after) and not any(
                    q or _SPEECH_IN_RX.search(c) for _, c, q, _ in pieces[i + 1:]):
                # "来商丘游玩的游客张三，晚上特意来夜市逛了一圈。", "主任张三曾三次到小区召开协调会。": what the
                # person did, with no word of speech and no quotation in the sentence, is the reporter's account.
                return Subject("person", Mention(mention.speaker, False, EVENT))
            return Subject("person", mention)
        if lead:
            pronoun = _pronoun(clause)
            head = _strip_opener(clause)
            if pronoun is None and head[:1] in "他她" and head[1:2] != "们" and (
                    _then_says(head[1:], delimiter, _SAID_ENDS) or _acts_then_words(pieces, i) or i + 1 < len(pieces) and (
                        _hands_over(head[1:], delimiter) and pieces[i + 1][2]
                        or not pieces[i + 1][2] and _SAYS_ALONE.match(pieces[i + 1][1]))):
                # "他落下一颗棋子，乐呵呵地说", "他笑着插话：“…”": the scene, then the verb of saying alone, or a
                # colon handing over to the words.
                pronoun = PRONOUN_GENDER[head[0]]
            if pronoun is not None:
                return Subject("nobody") if pronoun == "group" else Subject("pronoun", gender=pronoun)
            official = _official(clause, memory)
            if official is not None:
                if delimiter in _SENTENCE_ENDS and (_REPLIED_TAIL_RX.search(clause) or _SPEECH_HELD_TAIL_RX.search(clause)
                                                 and not re.search(_TOPICAL_RX, clause)):
                    # "相关负责人逐一回应。", "市X局局长作表态发言。": that they spoke, not what (a speech on a topic,
                    # "就Y作了发言", says what); a pronoun after it is them.
                    return Subject("official", Mention(official, False, EVENT))
                return Subject("official", Mention(official, True, SPEAKS))
            if _nobody(clause):
                return Subject("nobody", single=_single_unnamed(clause))
            if i == 0 and _UNREAD_TITLED_RX.match(_strip_opener(clause)):
                # "市X局局长某某<a verb not known>…": someone titled whose name could not be cut out is the
                # subject; the sentence is not the last speaker's, nor is a pronoun after it.
                return Subject("nobody", single=True)
            opener = clause.startswith(TOPIC_OPENERS) or topic
            topical = topical or (clause.startswith(_TOPIC_OPENING) and len(clause) > _MAX_LEAD_CLAUSE)
            lead = len(clause) <= _MAX_LEAD_CLAUSE or opener
            topic = opener and delimiter in (*_OPEN_QUOTES, '"')
    return None


# Openers that give the topic of what follows ("针对企业反映的问题，"), unlike "对此" or "在会上".
_TOPIC_OPENING = ("对于", "关于", "针对", "围绕", "就")


def _speech_event(clause: str, mention: Mention, delimiter: str) -> bool:
    """The clause says only that the person spoke or replied ("…随后发言", "…逐一作了回应。")."""
    at = clause.find(mention.speaker.name)
    end = at + len(mention.speaker.name) if at >= 0 else -1
    if at < 0:
        # Named by surname and office ("覃局长作了回应"): what follows the office.
        m = _REFERENCE_RX.match(_strip_opener(clause))
        end = len(clause) - len(_strip_opener(clause)) + m.end() if m else -1
    return end >= 0 and _event_only(_ASIDE_RX.sub("", clause[end:]), delimiter)


def _through_quotes(sentence: str, offset: int) -> tuple[str, str]:
    """The clause at offset read on through quoted phrases to the next comma or stop, without the quotation
    marks, and the delimiter it ends at."""
    depth, out = 0, []
    for ch in sentence[offset:]:
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif not depth and ch in "，,。；;：:？?！!":
            return "".join(out), ch
        else:
            out.append(ch)
    return "".join(out), ""


def _past_named_thing(pieces) -> tuple[str, str]:
    """The first clause and its delimiter, read on through a short quoted name in it ("指着“某某老字号”牌匾说")."""
    clause, delimiter = pieces[0][1], pieces[0][3]
    if delimiter in _OPEN_QUOTES and len(pieces) >= 3 and pieces[1][2] and len(pieces[1][1]) <= 10 \
            and not pieces[2][2]:
        return clause + pieces[1][1] + pieces[2][1], pieces[2][3]
    return clause, delimiter


# A clause this short before a colon and a quotation is the person's gesture, handing over to their words.
_HAND_OVER_MAX = 10
# The same in the name's own clause ("韦某掀开一筐藕给记者看：“…”"), counted after the name.
_GESTURE_MAX = 12


# The acts of one person between their name and a colon, in all ("他揭开一只竹匾，凑到记者跟前："): longer runs
# tell a scene of their own.
_ACTS_MAX = 36
# A quotation this short after a colon may be a name or a slogan ("门口挂着：“便民服务点”"), not words said.
_WORDS_MIN = 5


def _acts_then_words(pieces, i: int) -> bool:
    """From clause i on, one person's acts run on, unquoted and with nobody else named or meant, to a colon right
    before a quotation ("他摘下手套，捧着一杯热水暖手：“……”"): the words are the person's."""
    total = 0
    for k in range(i, len(pieces)):
        _, clause, quoted, delimiter = pieces[k]
        if quoted:
            return False
        if k > i and (titled_people(clause) or _strip_opener(clause)[:1] in "他她我你"):
            return False  # another subject takes over
        total += len(clause)
        if total > _ACTS_MAX:
            return False
        if delimiter in ("：", ":"):
            words = "".join(c for _, c, q, _ in pieces[k + 1:k + 4] if q)
            return k + 1 < len(pieces) and pieces[k + 1][2] and len(words) >= _WORDS_MIN
        if delimiter not in ("，", ","):
            return False
    return False


def _gesture_then_words(pieces) -> bool:
    """The next clause is a short gesture ending at a colon that hands over to a quotation, with nobody else named
    in it ("茶农张三放下剪刀，掰着指头算账：“……”"): the words are the person's."""
    return len(pieces) >= 2 and not pieces[0][2] and pieces[0][3] in ("：", ":") and pieces[1][2] \
        and len(pieces[0][1]) <= _HAND_OVER_MAX and not titled_people(pieces[0][1])


def _topic_follows(pieces) -> bool:
    """A later clause, outside quotations, that gives what the speech was about ("，就某问题作了回应"), or
    the next clause opening with a verb of speech whose subject is still the person ("作了表态发言，表示…")."""
    if pieces and not pieces[0][2] and _SPEECH_AFTER_RX.match(pieces[0][1]):
        return True
    if pieces and not pieces[0][2] and _then_says(*_past_named_thing(pieces), _SPEECH_INTRO | {"，", ","}):
        return True  # "张三站在甲板上，望着远处说：“……”": the scene, then the same person speaking
    if _gesture_then_words(pieces):
        return True
    return any(not quoted and _TOPIC_AFTER_RX.match(clause) for _, clause, quoted, _ in pieces)


def confirmed_names(text: str) -> frozenset[str]:
    """Names written right after a title somewhere and alone, before a verb or a boundary, elsewhere."""
    after_title: dict[str, set[int]] = {}
    for m in re.finditer(_TITLE_SUFFIX_RX, text):
        rest = text[m.end():m.end() + 4]
        for n in surname_lengths(rest):
            name = rest[:n]
            if len(name) == n and all(_HAN.match(c) for c in name) and not name.startswith(NOT_NAME_WORDS):
                after_title.setdefault(name, set()).add(m.end())
    if not after_title:
        return frozenset()
    out = set()
    for m in re.finditer(_alt(after_title), text):
        name, after = m.group(), text[m.end():m.end() + 4]
        if name in out or m.start() in after_title[name] or not after:
            continue
        if after[0] in BOUNDARY + "的" or after.startswith(tuple(SPEECH_VERBS)) or after.startswith(tuple(NAME_FOLLOWERS)):
            out.add(name)
    return frozenset(out)


# Where a bare name may stand as the subject of a clause: the start of a sentence or a line, after a closing quote
# ("“……”张三说。"), after a comma.
_CLAUSE_START = re.compile(r"(?:^|[。！？!?\n”」，,])\s*")
_CLAUSE_END = re.compile(r"[，,。！？!?；;：:“”「」\n]")


# What a person is called by their role ("快递小哥", "女主人", "游客", "分拣工", "农艺师"): a word ending in a
# character that names a kind of person. A relation ("妻子", "儿子") is who they are to someone, not a role.
_ROLE_END = set("者员工长师主客户民生哥姐嫂农人手家匠士官伙娘")  # 小伙, 姑娘, 老板娘
# "这个戴着眼镜的小伙子笑着说": the person just named, described by what they look like and what they are.
_THIS_ONE_RX = re.compile(rf"^(?:这个|这名)(?P<role>[^，,。“”]{{0,10}}?(?:伙子|[{''.join(sorted(_ROLE_END))}]))"
                          rf"{_FOLLOWERS_RX}{_VERB_RX}")
_RELATIONS = ("儿子", "女儿", "妻子", "丈夫", "父亲", "母亲", "老伴", "孙子", "孙女", "爷爷", "奶奶", "家人", "亲人",
              "老人", "主人公")
_ROLE_BEFORE = re.compile(r"(?:^|[，,。、；;\s的是])([\u4e00-\u9fff]{2,6})$")


# After the name, an apposition or a description: "X，一名快递小哥，", "X是3栋的老住户，", "X，某学院大二学生，".
_ROLE_AFTER = re.compile(r"^(?:[，,]\s*(?:一名|一位|是)?|是)([^，,。；;！？\n]{2,16})[，,。]")
_ROLE_MAX = 6


def _a_role(words: str) -> str:
    """The role a description ends in: its last words after 的, a quotation or a number, at most a few
    characters ("一名“90后”新农人" → "新农人", "某学院大二学生" → "大二学生"), or "" when it names no role."""
    role = re.split(r"[的”」’\d后]", words)[-1]
    role = role[object_cut(role):]  # "走进村民": the role starts after the verb that makes it an object
    role = role[1:] if role[:1] in _NOT_NAME_START else role  # "在副乡长X的办公桌上": 在 opens a place
    if len(role) > _ROLE_MAX:
        role = role[-4:]
    if (len(role) < 2 or role[-1] not in _ROLE_END or role.endswith(_RELATIONS) or "岁" in role
            or role.startswith("一")):  # "返乡青年中的一员": one of a group, no role of their own
        return ""
    return role


def role_before(text: str, name: str) -> str:
    """The role the reporter gives a person with no title: the word right before a mention ("的女主人应秀芬" →
    "女主人") or the apposition after it ("胡斌，一名海钓船船长，"), or ""."""
    for m in re.finditer(re.escape(name), text):
        before = _ROLE_BEFORE.search(text[max(0, m.start() - 8):m.start()])
        role = _a_role(before.group(1)) if before else ""
        after = _ROLE_AFTER.match(text[m.end():m.end() + 20])
        role = role or (_a_role(after.group(1)) if after else "")
        if role:
            return role
    for m in re.finditer(re.escape(name), text):
        # "街道办事处副主任赵玉珊每周都要…": a full title before the name that only a boundary after it lets the
        # titled reading see.
        start = max(0, text.rfind("。", 0, m.start()) + 1, m.start() - 40)
        titled = [p for p in titled_people(text[start:m.end()] + "，") if p.name == name]
        if titled:
            return titled[0].title
    return ""


# A clause that is only a manner and a verb of saying ("慢慢地说", "笑着说道").
_SAYS_ALONE = re.compile(r"^[\u4e00-\u9fff]{0,5}?(?:地|着)?(?:说|说道|笑道|感慨道|回忆道)$")


def _roles_after_de(text: str, upto: int | None = None) -> Iterator[tuple[str, int]]:
    """Each role word right after a 的 (in the first `upto` characters): the word and where it ends. A role word
    must stand between a description and a name: "就…打造的智能制造产业园…来说" names no person."""
    for m in re.finditer("的", text[:upto] if upto is not None else text):
        for k in range(2, _ROLE_MAX + 1):
            role = text[m.end():m.end() + k]
            if len(role) == k and role[-1] in _ROLE_END and not role.endswith(_RELATIONS):
                yield role, m.end() + k


def _described_speaker(clause: str, delimiter: str) -> list[str]:
    """A name after a description and a role word ("来自郑州的大学生周婷婷举着门神说") when what follows the name is
    doing something and then saying it."""
    out = []
    for _role, at in _roles_after_de(clause, _DESCRIPTION_MAX):
        rest = clause[at:]
        out += [rest[:n] for n in surname_lengths(rest)
                if _could_be_name(rest[:n], n) and _then_says(rest[n:], delimiter, _SAID_ENDS)]
    return out


def bare_speakers(text: str, known: dict[str, Speaker]) -> list[str]:
    """People the reporter names with no title who speak ("侯建伟感慨地说", "“……”曾志强告诉记者"): a name
    before a verb of speech, written at least twice in the document (a name is repeated; a word that merely
    starts with a surname character rarely is), or right after a closing quotation as its tag."""
    found: list[str] = []
    for m in _CLAUSE_START.finditer(text):
        at = m.end()
        end = _CLAUSE_END.search(text, at)
        clause, delimiter = (text[at:end.start()], end.group()) if end else (text[at:], "")
        hit = _name_at(clause, strict=True, delimiter=delimiter)
        if end and delimiter in "，," and not (hit and hit[1] == SPEAKS):
            # "柯德贵端着餐盘，慢慢地说": the scene in one clause, the verb of saying alone in the next.
            after = _CLAUSE_END.search(text, end.end())
            nxt = text[end.end():after.start()] if after else text[end.end():]
            if _SAYS_ALONE.match(nxt):
                clause, delimiter = clause + "说", "。"
        readings = [hit[0]] if hit and hit[1] == SPEAKS else [
            # "胡斌一边检查救生衣一边说", "孔令军擦了把汗说。": something done, then the verb of saying; the
            # document's other mentions tell how long the name is (the longer reading when they tie).
            clause[:n] for n in surname_lengths(clause)
            if _could_be_name(clause[:n], n) and _then_says(clause[n:], delimiter, _SAID_ENDS)
            and not (n == 3 and splits_words(clause))]
        def fresh(names: list[str], where: str) -> list[str]:
            return [n for n in names if n not in found and not any(n in k or k in n for k in known)
                    and _bare_name(n, where[where.find(n):])]

        # else a name after a description and a role ("来自郑州的大学生周婷婷举着…说")
        readings = fresh(readings, clause) or fresh(_described_speaker(clause, delimiter), clause)
        if not readings:
            continue
        count = {n: text.count(n) for n in readings}
        name = max(readings, key=lambda n: (count[n], len(n)))
        # "刘某某同志强调，": minutes call a leader 同志 by the bare name, once is enough.
        comrade = clause[clause.find(name) + len(name):].startswith("同志")
        if count[name] >= 2 or comrade or text[max(0, at - 2):at].strip().endswith(("”", "」")):
            found.append(name)
    return [n for n in found if not any(n != m and m.startswith(n) for m in found)]  # "周建" of "周建平"


# What follows a person somewhere in the document, as a subject or a possessor ("张三当时…", "张三成了…", "张三的"),
# unlike a term the dictionary lacks ("冷链物流").
_PERSON_NEXT = (*SPEECH_VERBS, *NAME_FOLLOWERS, "当时", "今年", "如今", "现在", "成了", "成为")


def _acts_somewhere(name: str, text: str) -> bool:
    """Somewhere in the text the name stands before a boundary, 的 or 是, a verb of speech, or an adverb or time
    word that a person as subject takes."""
    for m in re.finditer(re.escape(name), text):
        after = text[m.end():m.end() + 4]
        if not after or after[0] in BOUNDARY + "的是" or after.startswith(_PERSON_NEXT):
            return True
    return False


# "村里人都叫他老谷", "大家都喊她“阿芬嫂”": the name people call someone by, declared by the reporter.
_ALIAS_RX = re.compile(r"(?:叫|喊|称呼|称)(?:他|她)(?:为|作)?[“「\"]?(?P<alias>[\u4e00-\u9fff]{2,4}?)[”」\"]?(?=[，,。；;！!]|$)")


def aliases(text: str, known: dict[str, Speaker]) -> dict[str, str]:
    """Familiar names the reporter declares ("…，村里人都叫他老谷") mapped to the person's name: the person named
    last before the declaration in the same sentence, one with the familiar form's surname when it has one
    ("老谷", "田姐"); a name not yet known is read from the sentence by that surname."""
    out: dict[str, str] = {}
    for m in _ALIAS_RX.finditer(text):
        alias = m.group("alias")
        start = max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1
        window = text[start:m.start()]
        surname = alias[1] if alias[0] in "老小" else alias[0] if alias[1] in _KINSHIP_ADDRESS else ""
        named = [n for n in known if n in window]
        if not named and start:
            # "…的女主人张三。她今年52岁，村里人都叫她“阿三嫂”。": the pronoun goes back one sentence.
            start = max(text.rfind(c, 0, start - 1) for c in "。！？!?\n") + 1
            window = text[start:m.start()]
            named = [n for n in known if n in window]
        # "老谷" names someone by surname; "芬嫂" may take a character of the given name instead.
        named = [n for n in named if n.startswith(surname)] or ([] if alias[0] in "老小" else named)
        if named:
            out[alias] = max(named, key=lambda n: (window.rfind(n), len(n)))
            continue
        for at in (i for i, c in enumerate(window) if surname and c == surname):
            readings = [window[at:at + n] for n in surname_lengths(window[at:]) if at + n <= len(window)]
            fits = [r for r in readings if _could_be_name(r, len(r)) and _bare_name(r, window[at:at + len(r) + 2])
                    and (at + len(r) == len(window) or window[at + len(r)] in BOUNDARY
                         or window[at + len(r):].startswith(_PERSON_NEXT))]
            if fits:
                out[alias] = max(fits, key=len)
                break
    return out


def introduced_people(text: str, known: dict[str, Speaker]) -> list[str]:
    """People the reporter names with no title who may speak only through a pronoun, a familiar form or a
    colon ("今年78岁的X住在6楼…。她告诉记者", "村里人都叫他老X"): words jieba's tagger reads as personal names
    that pass the checks a bare name passes (no place, no form of address, no common word)."""
    from index.search.tokenize import person_names, word_frequency

    # The tagger misses some names; a reading after a boundary or a description that the document repeats and the
    # dictionary does not know is one too ("一楼的刘长顺当时…", "如今，刘长顺成了…"). The longest reading wins
    # when the document repeats it as often as the shorter one.
    repeated: list[str] = []
    for m in re.finditer(r"(?:^|[的，,。！？；;：:“”\n])", text):
        lengths = surname_lengths(text[m.end():])
        readings = [text[m.end():m.end() + n] for n in lengths]
        counts = [text.count(r) for r in readings]
        best = max(range(len(readings)), key=lambda k: (counts[k], len(readings[k])), default=None)
        if best is not None and counts[best] >= 2 and word_frequency(readings[best]) == 0 \
                and _bare_name(readings[best], text[m.end():m.end() + len(readings[best]) + 2]) \
                and _acts_somewhere(readings[best], text):
            repeated.append(readings[best])
    # "24岁的郭浩然就是其中之一": a person's age and then their name; the longer reading unless it ends in a word
    # that follows names ("王强就…", "王强说").
    for m in _AGED_RX.finditer(text):
        # "24岁的郭浩然", or with a role word between ("63岁的木版年画传承人贾守义"): the name right after the role.
        ends = [k for k in range(1, _AGED_ROLE_MAX + 1) if text[m.end() + k - 1:m.end() + k] in _ROLE_END
                and surname_lengths(text[m.end() + k:])]
        rest = text[m.end() + (ends[-1] if ends else 0):]
        readings = [rest[:n] for n in surname_lengths(rest)
                    if not (n == 3 and (rest[2:].startswith(tuple(NAME_FOLLOWERS)) or rest[2] in _SPEECH_FIRST))]
        if readings:
            repeated.append(max(readings, key=lambda r: (text.count(r), len(r))))
    # "家住某区的退休职工张三每天…。“……”他说": a person described by a role, met once, who then speaks through a
    # pronoun in the next sentence.
    for role, at in _roles_after_de(text):
        if not all(_HAN.match(c) for c in role):
            continue  # the whole text: a role word holds no line break or punctuation
        name = _whole_name(text, at)
        if name and _PRONOUN_SPEAKS_RX.search(_next_sentences(text, at + len(name), 3)):
            repeated.append(name)
    tagged = []
    for name in person_names(text):
        # The tagger may leave a rare surname out ("游客费明哲" → "明哲"): the character before every mention
        # is then the surname.
        mentions = list(re.finditer(re.escape(name), text))
        before = {text[m.start() - 1:m.start()] for m in mentions}
        # ...unless that character ends a title ("副主任" + "赵玉…" is no surname 任).
        ends_title = any(_TITLE_SUFFIX_END_RX.search(text[max(0, m.start() - 6):m.start()]) for m in mentions)
        if len(name) == 2 and len(before) == 1 and before <= SURNAMES_1 and not ends_title:
            name = before.pop() + name
        elif len(name) == 2 and ends_title and len(mentions) == 1:
            # "副主任赵玉珊每周…" tagged "赵玉": after a title the name runs on through a character that starts no
            # word with the next one while the next two are a word ("珊每" is none, "每周" is one).
            at = mentions[0].end()
            nxt = text[at:at + 1]
            if _HAN.match(nxt) and nxt not in _SPEECH_FIRST and not text[at:].startswith(tuple(NAME_FOLLOWERS)) \
                    and word_frequency(text[at:at + 2]) == 0 and word_frequency(text[at + 1:at + 3]) > 0:
                name += nxt
        tagged.append(name)
    out: list[str] = []
    for name in dict.fromkeys([*tagged, *repeated]):
        if (is_name(name) and _could_be_name(name, len(name)) and _bare_name(name, name)
                and name[0] not in _CONJUNCTIONS  # "和老", "与会": a conjunction, not the rare surname
                and not any(name in k or k in name for k in [*known, *out])):
            out.append(name)
    return out


_PRONOUN_SPEAKS_RX = re.compile(r"[他她](?!们)[\u4e00-\u9fff]{0,4}?(?:说|告诉|介绍|表示|感慨|笑道)")


def _next_sentences(text: str, at: int, n: int) -> str:
    """The rest of the sentence at `at` and the n-1 sentences after it."""
    end = at
    for _ in range(n):
        m = re.search(r"[。！？!?]”?", text[end:])
        if not m:
            return text[at:]
        end += m.end()
    return text[at:end]


def _whole_name(text: str, at: int) -> str:
    """The personal name that starts at `at`, when its end is clear: the reading after which the text goes on with a
    word, a boundary or a word that follows names; the longer reading when both do; "" when none does."""
    from index.search.tokenize import word_frequency

    out = ""
    for n in surname_lengths(text[at:]):
        name, rest = text[at:at + n], text[at + n:]
        if len(name) < n or not _could_be_name(name, n) or word_frequency(name):
            continue
        if not rest or not _HAN.match(rest[0]) or rest.startswith(tuple(NAME_FOLLOWERS)) \
                or rest[0] in _SPEECH_FIRST or word_frequency(rest[:2]) > 0:
            out = name
    return out


_AGED_ROLE_MAX = 8
_AGED_RX = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})岁的")
_SPEECH_FIRST = {v[0] for v in SPEECH_VERBS}
# Characters no personal name holds (pronouns) or starts with (prepositions before a subject: "在他看来", "据她介绍").
_NOT_IN_NAME = set("他她它我你们")
_NOT_NAME_START = set("在据对按等从被把")
# A place ends in its level ("利州区"), a form of address in a kinship word ("田姐", "阿芬嫂"); an organisation's
# name goes on with its suffix ("区商务局").
_NOT_NAME_END = set("市县区省镇乡村州姐嫂哥叔姨婶伯爷奶婆")
_ORG_AHEAD = re.compile(r"[\u4e00-\u9fff]?[局委办厅部院所站处]")
# An office, or 总 as a company head is addressed, closing a surname ("李局长", "王总") or starting after it ("林副乡长").
_OFFICE_END = re.compile(f"(?:{_TITLE_SUFFIX_RX}|总)$")
_OFFICE_AT = re.compile(f"(?:{_TITLE_SUFFIX_RX})")
# A general dictionary counts a personal name rarely or never; a common word ("会议指出", "企业表示") far more.
_NAME_FREQUENCY_MAX = 10


def _bare_name(name: str, clause: str) -> bool:
    """The string can be a name with no title: no pronoun, no preposition first, no office or form of address
    ("李局长", "王总" name someone by surname), no adverb after it ("高兴地说"), and no common word."""
    from index.search.tokenize import word_frequency

    rest = clause[len(name):]
    return (not set(name) & _NOT_IN_NAME and name[0] not in _NOT_NAME_START and name[0] != "阿"
            and not set(name[1:]) & _NOT_NAME_END and rest[:1] not in ("地", "得") and not _ORG_AHEAD.match(rest)
            and not _OFFICE_END.search(name)
            and not any(_OFFICE_AT.match(clause, i) for i in range(1, len(name) + 1))
            and word_frequency(name) <= _NAME_FREQUENCY_MAX)


def _starts_with_person(clause: str, known: dict[str, Speaker]) -> bool:
    """A clause that opens with a titled name or a known name ("副市长乙、丙…")."""
    people = titled_people(clause)
    if people and clause.find(people[0].name) <= _MAX_TITLE and clause.startswith(people[0].title[:1]):
        return clause.index(people[0].title) == 0
    return any(clause.startswith(n) for n in known)


def find_mention(sentence: str, known: dict[str, Speaker], names: frozenset[str] = frozenset()) -> Mention | None:
    """The first person named in a clause of the sentence, if any."""
    subject = find_subject(sentence, known, names=names)
    return subject.mention if subject and subject.kind == "person" else None


def _opens_quote(text: str) -> bool:
    return text.lstrip().startswith(("“", '"', "「"))


def _quote_depth(text: str, depth: int) -> int:
    for ch in text:
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = 0 if depth else 1
    return depth


# Prose shorter than this before a document's first turn is a header or a one-line introduction, not a report.
_PROSE_MIN = 200


def _first_turn(doc: Document, cast: Cast) -> int:
    """Where the first labelled turn of a dialogue document starts (the body's length when none does)."""
    paragraphs = doc.paragraphs()
    return paragraphs[cast.first_turn].start if 0 <= cast.first_turn < len(paragraphs) else len(doc.body)


# The post of a body's official, as an answer cites a colleague by it ("市科学技术局副局长", "某镇党委书记").
_RELAYED_OFFICE = re.compile(r"(?:局|委|办|厅|部|处|科|署|中心|政府|院|所|站|会|队|镇|乡|街道|县|区|市|州|省)"
                             r"[\u4e00-\u9fff、]{0,10}(?:长|主任|书记|主席|负责人|委员|专员|发言人|经理|董事长)$")


class _Attributor:
    """Walks a document in reading order, keeping who was named, who is speaking, whose turn it is."""

    def __init__(self, doc: Document, cast: Cast):
        self.doc = doc
        self.cast = cast
        # Everyone the document introduces with a title, so a bare name before a verb is recognised.
        self.known: dict[str, Speaker] = dict(cast.guests)
        self.turn_item = ""  # the clause number of the item the current turn opened with, if it opened one
        # A feature that closes with an interview ("记者：…" / "张三：…") is news prose up to its first turn.
        self.turns_began = False
        prose = doc.body[:_first_turn(doc, cast)] if cast.is_dialogue else doc.body
        # A list's items ("- 全日托：每人每月补助600元") are keys and values: no name is learned from them.
        for p in doc.paragraphs():
            if p.item and p.start < len(prose):
                prose = prose[:p.start] + " " * (min(p.end, len(prose)) - p.start) + prose[min(p.end, len(prose)):]
        if not doc.is_decision and (not cast.is_dialogue or len(prose) >= _PROSE_MIN):
            # Titled people are learned as the walk meets them; people with no title only by how they speak.
            titled = {p.name: p for p in titled_people(prose)}
            keep = lambda name: name not in cast.non_speakers  # noqa: E731 - a host or reporter never speaks
            for name in filter(keep, bare_speakers(prose, {**titled, **self.known})):
                self.known[name] = Speaker(name=name, title=role_before(prose, name))
            for name in filter(keep, introduced_people(prose, {**titled, **self.known})):
                self.known[name] = Speaker(name=name, title=role_before(prose, name))
            for alias, name in aliases(prose, {**titled, **self.known}).items():
                if not keep(name):
                    continue
                person = self.known.get(name) or titled.get(name) or Speaker(name=name, title=role_before(prose, name))
                self.known.setdefault(name, person)
                self.known.setdefault(alias, person)  # "阿芬嫂一边收拾碗筷一边笑着说" is that person speaking
        if cast.is_dialogue and not doc.is_decision:
            # A digest's paragraphs between its turns that open with someone speaking ("某某代表说，…"): that person
            # speaks there, though the prose before the first turn never named them.
            for p in doc.paragraphs():
                name = speaker_at_opening(p.text)
                if name and name not in cast.non_speakers and name not in cast.hosts:
                    self.known.setdefault(name, Speaker(name=name, title=role_before(doc.body, name)))
        # The people a page lists by entry lines ("■某某　52岁，乡村医生"): a later "她" in their entry is them.
        for entry in entry_lines(doc):
            self.known.setdefault(entry.name, Speaker(name=entry.name, title=entry.posts[0] if entry.posts else ""))
        # A roster's rows ("某某，工作单位：…，职称/职务：教授"): in a decision too, "某某认为" later is that person's view.
        for person in field_roster(doc):
            self.known.setdefault(person.name, person)
        self.memory = Memory()
        self.memory.genders.update(gender_cues(doc.meta.title + "\n" + doc.body, cast.guests))
        self.names = confirmed_names(doc.body)  # names whose length the document itself shows
        self.quoting: Speaker | None = None  # whose quotation the last paragraph left open
        self.turn: tuple[str, Speaker | None] | None = None  # (role, speaker) of the dialogue turn running
        self.held_turn: tuple[str, Speaker | None] | None = None  # a guest's turn across a heading of their talk
        self.parts_of = ""  # the guest whose talk the numbered headings divide
        self.asked = ""  # what the questions since the last answer said (whom they address)
        self.answerer: Speaker | None = None
        self.introduced: Speaker | None = None  # whom the reporter's prose last said they put questions to
        self.introduced_by_report = False  # ...read only from their reported words, not from a handing-over line
        self.pending_open: list = []  # an unclaimed quotation the last paragraph left open
        self.pending_heir: Speaker | None = None  # whose words that quotation goes on with, if nobody claims it
        self.voice: Speaker | None = None  # who spoke the last news paragraph's final sentence
        self.about: Speaker | None = None  # whom the last news paragraph, all narration, was about
        self.unclaimed: list = []  # the sentences of a quotation paragraph nobody claimed, just read
        self.unclaimed_before: list = []  # the same, kept while the next paragraph is read
        self.labelled: set[str] = set()  # guests whose turn has opened with a label
        self.previous_subject = ""  # whom the sentence read last was about (a pronoun opening the next one)
        # The words of one person the reporter has not named yet ("一位大姐告诉记者，…") and how they were
        # described: a later "这位大姐名叫X" names them, and the words become X's.
        self.unnamed: tuple[str, list] | None = None
        self.unnamed_groups: list[tuple[str, list]] = []  # every such person's intro and words, named or not
        self.unnamed_last = None  # the last sentence of that person's (their intro or words)
        self.bare_answer = False  # reading an answer whose speaker its own words name
        self.last_paragraph: list = []  # the sentences of the paragraph read before this one
        # A text in articles ("第一条　…第二十九条　…": a regulation, rules, a charter) is the document's own words
        # whatever its headings look like, never a reporter's.
        self.default_kind = SourceKind.DECISION if doc.is_decision or _in_articles(doc) else SourceKind.NARRATION
        self.at = 0  # where the paragraph being read starts in the body

    def remember(self, person: Speaker) -> Speaker:
        """A later bare-name mention carries the fullest title seen."""
        if person.name and person.title:
            prev = self.known.get(person.name)
            if prev is None or len(person.title) > len(prev.title):
                self.known[person.name] = person
        return self.known.get(person.name, person)

    @property
    def _dialogue(self) -> bool:
        """Inside the turns of a dialogue document (its prose before the first turn reads as news)."""
        return self.cast.is_dialogue and self.turns_began

    def section(self, title: str = "") -> None:
        """A new section ends a dialogue turn, and the guest whose words the last section reported. A numbered one
        right after a guest's turn may be a part of that guest's talk ("一、为什么…" under a lecturer's "今天我想讲三个
        方面"): the turn is held for the section's first paragraph, which goes on with it unless it opens a turn."""
        held = self.turn is not None and self.turn[0] == ANSWER and self.turn[1] is not None and bool(self.turn[1].name)
        position = heading_position(title)
        # The parts begin inside the turn (its first part right after it, or a later one while the same guest's
        # parts go on): a part the document numbered before the turn began ("二、论证结论" after the experts' turns
        # under "一、专家发言") is the document's own.
        talk = held and position and (position == 1 or self.parts_of == self.turn[1].name)
        self.held_turn = self.turn if talk else None
        self.parts_of = self.turn[1].name if talk else ""
        named = name_line(title) if title and self.cast.is_dialogue and self.turns_began else None
        if named is not None and named.title:
            # "易某华　甲市乙集团总经理" heading an entry among labelled ones ("邓某明（…）："): the entry's words are
            # that person's, as a label's would be.
            self.held_turn = (ANSWER, self.remember(named))
        self.turn = None
        if self.introduced_by_report:
            # An article's closing "常见问题" after sections that quote officials: its bare "答：" are the
            # document's own answers, not the last-quoted official's.
            self.introduced, self.introduced_by_report = None, False

    def paragraph(self, para) -> None:
        """Attribute one paragraph: a dialogue turn, its continuation, or news prose."""
        self.at = para.start
        label = self.cast.turn(para.text, para.item) if self.cast.is_dialogue and para.sentences else None
        introduces = _interviewee(para.text, self.cast) if self.cast.is_dialogue and not label else None
        held, self.held_turn = self.held_turn, None
        if held and not label and introduces is None and not ends_turn(para.text, held[1]) \
                and not self._opens_with_another(para.text, held[1]):
            self.turn = held
        if label:
            self.turns_began = True
            # The item a labelled report opens ("（一）县X局局长某某：…"): the next item ends it (below).
            self.turn_item = para.clause if ITEM_NUMBER.match(para.text) else ""
            _strip_label(para, label.length)
            self._open_turn(label)
        elif introduces is not None:
            self.turn = None  # "以下问题由X解答。": the reporter's words, handing the answers to X
        elif self.turn and self.turn_item and para.clause and para.clause != self.turn_item \
                and ITEM_NUMBER.match(para.text):
            # Minutes whose units report item by item ("（二）县X局：…", "（三）县Y局副局长某某汇报了…"): an item
            # without a label is the record's own account, not more of the item before.
            self.turn = None
        elif self.turn and not ends_turn(para.text, self.turn[1]) and not self._names_another_guest(para.text):
            if self.turn[0] == ASK and self.asked.rstrip().endswith(("？", "?")) \
                    and not para.text.rstrip().endswith(("？", "?")):
                # "问：…？" then an unlabelled paragraph: the answer, when whom it addresses is clear.
                answerer = self.cast.addressed(self.asked) or self.cast.only_guest()
                if answerer:
                    self.turn = (ANSWER, self.remember(answerer))
                    self.answerer, self.asked = answerer, ""
        else:
            self.turn = None
        if self.turn:
            self._turn_paragraph(para)
        else:
            # "关于X，记者还采访了市Y中心相关负责人。": the bare answers that follow are theirs.
            self.introduced = introduces or self.introduced
            self.introduced_by_report = self.introduced_by_report and introduces is None
            self._news_paragraph(para)
            if self.cast.is_dialogue and introduces is None:
                # "最后，张三就…作了说明。": the answers after the reporter's report of a guest are that guest's.
                spoke = [x.speaker for x in para.sentences if x.speaker and x.speaker.name in self.cast.guests]
                self.introduced = spoke[-1] if spoke else self.introduced
                self.introduced_by_report = bool(spoke) or self.introduced_by_report

    def _opens_with_another(self, text: str, speaker: Speaker | None) -> bool:
        """The paragraph's first clause names someone other than the speaker ("甲市乙中心主任 邓某华 认为，…"): the
        prose of a new entry, not more of the talk."""
        first = re.split(r"[，,。；;：:！？!?]", text.lstrip(), maxsplit=1)[0]
        return any(p.name and (speaker is None or p.name != speaker.name) for p in titled_people(first))

    def _named_before(self, name: str) -> bool:
        """Whether the page has named someone before the paragraph being read: in its headline, header lines or
        text so far."""
        meta = self.doc.meta
        return name in meta.title or any(name in line for line in meta.lines) or self.doc.body.find(name, 0, self.at) >= 0

    def _names_another_guest(self, text: str) -> bool:
        """The paragraph opens (after a short opener) with a guest other than the one answering: the reporter's
        words about them, not more of the answer."""
        head = re.sub(r"^[^，,。]{0,10}[，,]", "", text.lstrip())  # "专题询问结束时，某某作了讲话"
        current = self.turn[1].name if self.turn and self.turn[1] else ""
        return any(head.startswith(n) for n in self.cast.guests if n and n != current)

    def _open_turn(self, label: Label) -> None:
        role, speaker = label.role, None
        if role == ANSWER:
            speaker = self.cast.resolve(label)
            if speaker and speaker.name in self.cast.hosts:
                role, speaker = HOST, None
            elif speaker and speaker.name in self.cast.non_speakers:
                role, speaker = ASK, None
            elif speaker is None and label.speaker is None and label.reference is None:
                # A bare "答：": the guest the question addressed, the only guest, or the last to answer.
                # The one guest answers, once the page has named them (its headline, or the text so far): one
                # named only further down (an article's FAQ above the paragraph that quotes an official) is not
                # who the page's own answers are by.
                only = self.cast.only_guest()
                only = only if only is not None and self._named_before(only.name) else None
                speaker = self.cast.addressed(self.asked) or self.introduced or self.answerer or only
            if speaker is None:
                speaker = Speaker(name="", title="")
            remembered = self.remember(speaker)
            if speaker.name or not speaker.title:
                # An unnamed speaker ("学生家长代表：") is whom the label says, turn by turn: no name to remember.
                if not (label.speaker and label.speaker.title and speaker.title == label.speaker.title) \
                        or speaker.name in self.labelled:
                    speaker = remembered
            # else the guest's first turn keeps the label's own title ("市X委副主任") though the host gave a
            # fuller one ("市X委党组成员、副主任"); the later turns carry the fuller one, so both are on record.
            self.labelled.add(speaker.name)
            self.answerer = speaker if speaker.name else self.answerer
            self.asked = ""
        self.turn = (role, speaker)

    def _turn_paragraph(self, para) -> None:
        if self.turn and self.turn[0] == ANSWER and not (self.turn[1] and self.turn[1].name) \
                and not any(parse_label(x.text) for x in para.sentences[1:]):
            # A bare "答：" that no guest list resolves: the answer names its speaker as prose does ("答：张三介绍，
            # …。李四…"), and what it says goes on with them.
            self.bare_answer = True
            self._news_paragraph(para)
            self.bare_answer = False
            for sent in para.sentences:
                if sent.speaker is None and sent.kind == SourceKind.NARRATION:
                    sent.speaker, sent.kind = self.turn[1], SourceKind.STATEMENT  # still the answer, by whoever gave it
            return
        for i, sent in enumerate(para.sentences):
            inner = parse_label(sent.text) if i else None
            if inner and not inner.bare_name and not inner.handle and inner.role in (ANSWER, ASK, HOST):
                # "问：…？答：…" on one line: the answer's label opens a turn mid-paragraph.
                sent.text, sent.start = sent.text[inner.length:], sent.start + inner.length
                self._open_turn(inner)
            role, speaker = self.turn
            kind = sentence_role(role, sent.text)
            relayed = self._relayed(sent.text, speaker) if kind == ANSWER else None
            if relayed is not None:
                # "市甲局副局长张三介绍，…" inside another's answer: the answer relays that official's words, which
                # are theirs (a spokesperson citing a colleague); the rest of the turn stays the answerer's.
                sent.speaker, sent.kind = self.remember(relayed), SourceKind.STATEMENT
                self.memory.named(sent.speaker)
                self._learn_gender(sent.text)
            elif kind == ANSWER:
                sent.speaker, sent.kind = speaker, SourceKind.STATEMENT
                if speaker and speaker.name:
                    self.memory.named(speaker)
                    cue = _STAGE_PRONOUN.search(sent.text)
                    if cue:
                        # "（她停顿片刻，起身鞠了一躬）" in a guest's turn: the transcript's note is about the guest.
                        self.memory.learn(speaker.name, PRONOUN_GENDER[cue.group(1)], force=True)
                if _STAGE_NOTE.fullmatch(sent.text.strip()):
                    # "（讲座结束，掌声）": the transcript's note on the room, nobody's words.
                    sent.speaker, sent.kind = None, SourceKind.NARRATION
            else:
                sent.speaker = None
                # "记者：大家最关心污水。《办法》有哪些硬要求？": the lead-in of a question is part of what was asked.
                asking = kind == ASK or role == ASK and para.text.rstrip().endswith(("？", "?"))
                sent.kind = SourceKind.QUESTION if asking else SourceKind.NARRATION
                self.asked += sent.text
                if kind in (HOST, ASK):
                    # The host introducing a guest ("胡副局长分管…，她已经…"), a reporter following up on one
                    # ("我想追问一下万局长，她刚才提到的…"): they say the guest's gender as prose does.
                    self._learn_gender(sent.text)
            self.memory.read(sent.text)
            self.memory.tick(sent.speaker)
            self.previous_subject = sent.speaker.name if sent.speaker else ""
        self.quoting = None

    def _relayed(self, text: str, speaker: Speaker | None) -> Speaker | None:
        """The official a sentence of an answer is about, named by full post and name, as the one who speaks ("市甲局
        副局长张三介绍，…", "起草中，市乙局副局长李四带队走访了企业，她反映，…"), when that is nobody whose turns
        the dialogue labels; None otherwise."""
        if speaker is None or not speaker.name:
            return None
        subject = find_subject(text, {}, names=self.names)
        if subject is None or subject.kind != "person" or subject.mention.role != SPEAKS:
            return None
        who = subject.mention.speaker
        if not _RELAYED_OFFICE.search(who.title) or who.name in (speaker.name, *self.labelled) \
                or who.name in self.cast.non_speakers:
            return None  # only an official by the post of a body ("共收集市民意见…" names nobody)
        clause = next((c for c in re.split(r"[，,。；;]", text) if who.name in c), "")
        if "我" in clause:
            return None  # "社区党委书记张三跟我说过一句话": the answerer tells what was said to them
        return self._expanded(who)

    def _learn_gender(self, text: str) -> None:
        """她/他 after a clause whose subject is one person, or opening the sentence after one about a
        person, tells that person's gender; a person only mentioned ("对于张三提出的建议，他…") learns nothing."""
        for offset, clause, quoted, _ in _clauses(text):
            if quoted:
                continue
            head = _TIME_LEAD.sub("", _strip_opener(clause))
            gender = PRONOUN_GENDER.get(head[:1]) if head[:1] in "他她" and head[1:2] != "们" else None
            if not gender:
                self._learn_owner(head)
                continue
            mention = find_mention(text[:offset], self.known, self.names) if offset else None
            opener = _strip_opener(text[:offset])
            referred = _REFERENCE_RX.match(opener) if offset and mention is None else None
            ref = short_reference(referred.group()) if referred else None
            by_office = resolve_reference(*ref, self.known.values()) if ref else None
            ending = _REFERENCE_END_RX.search(text[:offset].rstrip()) if offset and by_office is None else None
            if ending and (end_ref := short_reference(ending.group(1))) \
                    and (mention is None or mention.role == OBJECT):
                by_office = resolve_reference(*end_ref, self.known.values())  # "…追问一下万局长，她…"
            within = True  # the person opens this very sentence: nobody else the pronoun could be
            if mention and mention.role != OBJECT:
                person = mention.speaker.name  # "张三介绍，…，她说"
            elif by_office is not None:
                person = by_office.name  # "胡副局长分管…，她…": the person named by surname and office opens it
            elif offset and not mention and any(opener.startswith(n) for n in self.known):
                # "张三则是一位老水利，她…": a description of the person who opens the sentence.
                person = max((n for n in self.known if opener.startswith(n)), key=len)
            elif offset < _MAX_LEAD_CLAUSE * 2 and not mention:
                person, within = self.previous_subject, False  # "张三说，…。她表示" / "对此，她表示"
            else:
                person = ""
            if person and person not in self.cast.non_speakers:
                self.memory.learn(person, gender, force=within)

    def _learn_owner(self, clause: str) -> None:
        """A clause a named person opens, with a pronoun that owns what follows it ("易某华研究员结合她主持的普查…",
        "张三把他的经验…"): the pronoun is that person's. Not one that a verb or preposition takes as its object
        ("张三告诉她的事"): that is someone else."""
        own = _OWN_PRONOUN.search(clause)
        if own is None:
            return
        mention = find_mention(clause[:own.start()], self.known, self.names)
        if mention is None or mention.role == OBJECT or not mention.speaker.name \
                or not clause.startswith((mention.speaker.name, mention.speaker.title + mention.speaker.name)):
            return
        if mention.speaker.name not in self.cast.non_speakers:
            self.memory.learn(mention.speaker.name, PRONOUN_GENDER[own.group(1)], force=True)

    def _note_heads(self, text: str) -> None:
        """Heads of organisations named in a list ("出席会议的有市X局局长张三、…"): '该局负责人' may be them."""
        for person in titled_people(text):
            if person.name not in self.cast.non_speakers:
                self.memory.head(self.remember(self._expanded(person)))

    def _expanded(self, person: Speaker) -> Speaker:
        """The person with '该局…' in their title replaced by the organisation it stands for."""
        title = self.memory.expand(person.title)
        return person if title == person.title else Speaker(name=person.name, title=title)

    def _names_another(self, sentences, person: Speaker) -> bool:
        """Whether the sentences name a known person other than this one."""
        return any(n != person.name and n in x.text for x in sentences for n in self.known if n)

    def _claim_quotation(self, para) -> None:
        """'“……”' alone, then '招呼客人的是…女主人张三。' / '说这话的是张三': the person the reporter now
        identifies spoke the quotation before."""
        unclaimed, self.unclaimed = self.unclaimed, []
        self.unclaimed_before = unclaimed  # an unnamed person's tag in this paragraph may still claim it
        if not unclaimed or not para.sentences:
            return
        m = _IDENTIFIES_RX.match(para.sentences[0].text)
        if not m:
            return
        rest = para.sentences[0].text[m.end():]
        names = sorted(((rest.find(n), -len(n), n) for n in self.known if n and 0 <= rest.find(n) <= _MAX_TITLE))
        if names:
            # The person identified closes the phrase ("是…街道…小区居民张三"): the last name in it, not a word
            # of the place before it.
            _, _, name = max(names, key=lambda x: x[0] + len(x[2]))
            person = self.remember(self.known[name])
            for q in unclaimed:
                q.speaker, q.kind = person, SourceKind.STATEMENT

    def unnamed_speak(self) -> None:
        """Words of one person the document never names ("这名工作人员说，…") are a statement by what they are, as an
        unnamed official's are, not the reporter's narration."""
        for intro, words in self.unnamed_groups:
            m = _UNNAMED_ROLE_RX.search(intro)
            role = _a_role(m.group("who")) if m else ""
            if not role:
                m = _UNNAMED_DOING_RX.search(intro)
                role = _a_role(m.group("who")) if m else ""
            if not role:
                continue
            for q in words:
                if q.speaker is None:
                    q.speaker, q.kind = Speaker(name="", title=role), SourceKind.STATEMENT

    def _unclaimed_before(self, para, sent) -> list:
        """The quotation paragraph nobody claimed just before this paragraph, when this is its first sentence."""
        return [q for q in self.unclaimed_before if q.speaker is None] if para.sentences and sent is para.sentences[0] \
            else []

    def _name_the_unnamed(self, text: str) -> None:
        """'这位大姐名叫X，是…的店主。': the person the reporter described without a name before is X, and the
        words they spoke are X's."""
        m = _NAMED_LATER_RX.match(text)
        if not m or self.unnamed is None or (m.group("role") not in self.unnamed[0]
                                             and m.group("role") not in _REFERENTS):
            return
        rest = text[m.end():]
        # The reading a boundary closes ("名叫白秀兰，是…"), else the one the document repeats most.
        readings = [rest[:n] for n in surname_lengths(rest) if is_name(rest[:n])]
        name = max(readings, key=lambda r: (len(rest) == len(r) or rest[len(r)] in BOUNDARY, self.doc.body.count(r),
                                            len(r)), default="")
        if not name or name in self.cast.non_speakers:
            return
        role = m.group("role")
        said = _WHO_IS_RX.match(rest[len(name):])
        title = said.group("title") if said else ("" if role.endswith(_ADDRESS_WORDS) else clean_title(role))
        person = self.remember(self.known.get(name) or Speaker(name=name, title=title))
        self.known.setdefault(name, person)
        for q in self.unnamed[1]:
            q.speaker, q.kind = person, SourceKind.STATEMENT
        self.unnamed = None
        self.memory.recent = [p for p in self.memory.recent if p is not _SOMEONE]  # the unnamed one has a name now
        self.memory.named(person)

    def _news_paragraph(self, para) -> None:
        self._claim_quotation(para)
        current: Speaker | None = None
        pending_quote: list = []  # sentences of a quotation whose speaker comes after it
        depth = 0
        if self.quoting and para.sentences and _opens_quote(para.sentences[0].text):
            # A quotation over several paragraphs reopens each one and closes only at its end.
            current = self.quoting
        elif self.pending_open and para.sentences and _opens_quote(para.sentences[0].text):
            # The same, with its speaker named only after it ends ("“……\n“……。”张三说。").
            pending_quote = list(self.pending_open)
        # A paragraph that is a quotation with no tag, right after a paragraph that ended in someone's words,
        # goes on with them ("他坦言，…。" then "“这几年我们…”"), unless a speaker is named for it.
        heir = self.pending_heir if pending_quote else (
            (self.voice or self.about) if current is None and para.sentences and _opens_quote(para.sentences[0].text)
            else None)
        listing = bool(self.voice and para.sentences and _ENUMERATION_RX.match(para.sentences[0].text))
        if listing:
            # "张三强调，…。" then "一是要…。要…。" "二是要…": the points of a speech set out in paragraphs of
            # their own are still the speaker's, as long as the series goes on.
            current = self.voice
        self.pending_open = []
        after_quote = False  # the sentence before was a whole quotation ("“……。”"), its speaker not yet named
        # A whole quotation after a finished sentence, credited for now to the speaker before it: the
        # quotation is the next speaker's when the next sentence opens with their tag ("“……。”李四说，").
        tentative: list = []
        for sent in para.sentences:
            in_quote = depth > 0
            self._learn_gender(sent.text)
            if not in_quote:
                self._name_the_unnamed(sent.text)
            unnamed_again = False  # a pronoun in this sentence goes on with the person not yet named
            quoted_before: list = []
            subject = find_subject(sent.text, self.known, depth, self.memory, self.names) \
                if not _NAME_LINE.match(sent.text) else None
            if subject and subject.kind == "person" and subject.mention.speaker.name in self.cast.non_speakers:
                subject = None  # a reporter or the host named in the text never speaks here
            if subject is None and current and not in_quote and _another_body(sent.text, current) \
                    and not (listing and _DIRECTIVE_RX.match(sent.text)) and not self.bare_answer:
                # "与此同时，市Y局也在推进…" after市X局局长's words: another body acts, told by the reporter.
                current = None
            if subject is None and self._dialogue and current and not in_quote and not _opens_quote(sent.text) \
                    and not self.bare_answer:
                # In an interview or a transcript the guest's words are in the turns: between them, a
                # report of what the guest said covers its own sentence, and the reporter goes on.
                current = None
            claimer: Speaker | None = None
            if subject and subject.kind in ("person", "official") and subject.mention.role == EVENT and pending_quote \
                    and _REPLIED_END_RX.search(sent.text):
                # "“……。”张三回应。": the reply is the quotation before it.
                subject = Subject(subject.kind, Mention(subject.mention.speaker, True, SPEAKS))
            if subject and subject.kind == "person":
                mention = subject.mention
                person = self.remember(self._expanded(mention.speaker))
                self.memory.named(person)
                if pending_quote and not in_quote and _TALKED_OF_RX.match(sent.text):
                    # "“……。”说起这些，老贾脸上的皱纹都舒展开了。": the person who talked of it spoke the quotation.
                    for q in pending_quote:
                        q.speaker, q.kind = person, SourceKind.STATEMENT
                    current, pending_quote = None, []
                elif mention.role == EVENT or (mention.role == SUBJECT and self.cast.is_dialogue
                                               and speaker_at_opening(sent.text) != person.name):
                    # ("某某代表说，…" between the turns of a digest is what that person said, in the reporter's words.)
                    if pending_quote and not in_quote and pending_quote[0] is para.sentences[0] \
                            and para.sentences.index(sent) == len(pending_quote):
                        # A paragraph that opens with a whole quotation and goes on with a person doing
                        # something ("“……。”市X局局长张三用“…”来形容…"): the news lead quotes its subject.
                        for q in pending_quote:
                            q.speaker, q.kind = person, SourceKind.STATEMENT
                    # The person does something: narration, not words. In a dialogue document the words are
                    # in the turns, so the reporter's introduction of a guest ("张三则长期分管…") is narration.
                    current, pending_quote = None, []
                elif mention.role != OBJECT:
                    current = claimer = person
            elif subject and subject.kind == "pronoun" and (self.memory.recent or current):
                current = claimer = self.memory.pronoun(subject.gender) or current
                if current == _SOMEONE:
                    current = claimer = None  # 他/她 continues a person the text never named
                    pending_quote = []
                    unnamed_again = True
            elif subject and subject.kind == "official" and subject.mention.role == EVENT:
                current, pending_quote = None, []  # "相关负责人逐一回应。": that they replied, not what
                self.memory.named(subject.mention.speaker)
            elif subject and subject.kind == "official":
                current = claimer = subject.mention.speaker
                self.memory.named(current)  # "该局负责人表示…。他还说…": the pronoun continues that official
            elif subject and subject.kind == "nobody":
                if subject.single:
                    self.memory.named(_SOMEONE)
                    # "“……。”一位大姐告诉记者，…": the quotation before an unnamed person's tag is theirs too.
                    quoted_before = [q for q in pending_quote if not in_quote] or self._unclaimed_before(para, sent)
                current, pending_quote = None, []
            if tentative and not in_quote:
                if claimer and claimer != tentative[0].speaker and _tag_leads(sent.text, claimer):
                    for q in tentative:
                        q.speaker = claimer
                tentative = []
            if claimer:
                if pending_quote and not _opens_quote(sent.text):
                    for q in pending_quote:
                        q.speaker = claimer
                        q.kind = SourceKind.STATEMENT  # one of an earlier paragraph has its kind already
                pending_quote = []
            elif not in_quote and current is None and _opens_quote(sent.text):
                pending_quote.append(sent)
            elif in_quote and pending_quote:
                pending_quote.append(sent)
            elif not in_quote and pending_quote:
                pending_quote = []  # a quotation nobody claimed: a saying, left as narration
            was_open = depth
            depth = _quote_depth(sent.text, depth)
            sent.speaker = current
            described = not in_quote and subject is None and current is None and _DESCRIBES_ONE_RX.match(sent.text)
            if described and _SAID_AT_END_RX.search(sent.text):
                # "“……！”" then "一个系着蓝围裙的小伙子端着…，笑着对记者说。": the quotation before is theirs.
                quoted_before = [q for q in pending_quote if q.speaker is None] or self._unclaimed_before(para, sent)
                pending_quote = []
            if not in_quote and (subject and subject.kind == "nobody" and subject.single or described):
                # "一名年轻施工员说，…" is their words; "一位大姐正给顾客称西瓜。" only describes them (and the
                # quotation after it, or a later "这位大姐名叫X", may be theirs).
                spoke = [sent] if _SPOKE_RX.search(sent.text) or (quoted_before and _SAID_AT_END_RX.search(sent.text)) \
                    else []
                self.unnamed = (sent.text, [*quoted_before, *spoke])
                self.unnamed_groups.append(self.unnamed)
                self.unnamed_last = sent
            elif current is None and self.unnamed and (in_quote or _opens_quote(sent.text) or unnamed_again
                                                       or _called_again(sent.text, self.unnamed[0])) and (
                    self.unnamed_last in para.sentences
                    # A quotation opening the paragraph right after the one that described them.
                    or (sent is para.sentences[0] and self.unnamed_last in self.last_paragraph)):
                self.unnamed[1].append(sent)  # the quotation that goes on, or "她说" for the same person
                self.unnamed_last = sent
            elif subject is not None:
                self.unnamed = None
            if current and not claimer and (tentative and was_open or not was_open and _opens_quote(sent.text)):
                tentative.append(sent)
            if claimer and not depth and (_TAG_CLOSES_RX.search(sent.text)
                                          or after_quote and _TAG_ONLY_RX.search(sent.text)):
                # "“……。”张三在接受采访时说。": the tag closes the quotation it follows; the next sentence
                # is the reporter's again, not more of the speaker's words.
                current = None
            self._note_heads(sent.text)
            self.memory.read(sent.text)
            if not (pending_quote and pending_quote[-1] is sent):
                # A quotation whose speaker is still to be named does not age the person just named: "刘某成了
                # 管理员。“……。……。”这位住户说。" is 刘某 speaking.
                self.memory.tick(current)
            self.previous_subject = (subject.mention.speaker.name if subject and subject.kind == "person"
                                     and subject.mention.role != OBJECT else current.name if current else "")
            after_quote = not depth and _opens_quote(sent.text) and sent.text.rstrip().endswith(tuple(_CLOSE_QUOTES))
        if heir is None and pending_quote and not depth and pending_quote[-1] is para.sentences[-1] \
                and len(pending_quote) < len(para.sentences) and not self._dialogue:
            # "今年32岁的张三…。他的小推车…。“餐车有…。”": a quotation closing the reporter's paragraph about one
            # person, nobody else named in it, is that person's words.
            told = para.sentences[: len(para.sentences) - len(pending_quote)]
            about = self.memory.recent[0] if self.memory.recent else None
            if about is not None and about.name and _named_in(about, para.text) and not any(x.speaker for x in told) \
                    and not self._names_another(told, about):
                heir = about
        if heir is not None and pending_quote and not depth and pending_quote[-1] is para.sentences[-1]:
            for q in pending_quote:
                q.speaker, q.kind = heir, SourceKind.STATEMENT
        # A quotation paragraph nobody claimed: the next paragraph may say whose it was ("招呼客人的是女主人张三").
        self.unclaimed = list(pending_quote) if (heir is None and pending_quote and not depth
                                                 and len(pending_quote) == len(para.sentences)) else []
        self.quoting = current if depth > 0 else None
        self.pending_open = pending_quote if depth > 0 and current is None else []
        self.pending_heir = heir if self.pending_open else None
        last = para.sentences[-1].speaker if para.sentences else None
        self.voice = last if last is not None and last.name and not self._dialogue else None
        # A paragraph of the reporter's about one person ("今年32岁的张三是…。2022年，她回到村里…"): an untagged
        # quotation paragraph right after it is that person's words.
        about = self.memory.recent[0] if self.memory.recent else None  # the person named or meant last
        self.about = about if (about is not None and about.name and not self._dialogue and _named_in(about, para.text)
                               and not any(x.speaker for x in para.sentences)) else None
        self.last_paragraph = list(para.sentences)
        for sent in para.sentences:
            if not sent.speaker and self.default_kind == SourceKind.NARRATION and relays_question(sent.text):
                sent.kind = SourceKind.QUESTION  # "有记者问到：…": the question put, in the reporter's words
                continue
            sent.kind = SourceKind.STATEMENT if sent.speaker else self.default_kind


_QUOTED_MODIFIER_MAX = 6


def _called_again(text: str, intro: str) -> bool:
    """The sentence gives the words of the person an earlier sentence described, calling them by the same word:
    "一位戴草帽的大爷…" then "见记者走过来，大爷直起腰说，“…”"."""
    if not _SPOKE_RX.search(text):
        return False
    words = [w for w in (*_REFERENTS, *_ADDRESS_WORDS) if len(w) >= 2 and w in intro]
    return any(re.search(f"(?:^|[，,]){w}[^，,。“”]{{0,8}}?(?:{_VERB_RX})", text) for w in words)


def _named_in(person: Speaker, text: str) -> bool:
    """The text names the person: by name, or the familiar way by surname ("老谷", "小刘")."""
    surname = person.name[:2] if person.name[:2] in SURNAMES_2 else person.name[:1]
    return person.name in text or any(f"{p}{surname}" in text for p in "老小")


# What an unnamed person is, from the words that introduce them: "一名穿白大褂的工作人员" → 工作人员.
_UNNAMED_ROLE_RX = re.compile(f"{_ONE_PERSON}(?={_VERB_RX})")
# The same when the description goes on with what they were doing: "一名穿着橙色马甲的保洁员正在清理…",
# "这名保洁员一边干活一边说".
_UNNAMED_DOING_RX = re.compile(f"{_ONE_PERSON}(?=正在|正|一边)")
# The reporter naming someone described before: "这位大姐名叫X", "这名施工员叫X", "那位老人的名字叫X".
_NAMED_LATER_RX = re.compile(r"^(?:(?:这|那)(?:位|名|个))?(?P<role>[\u4e00-\u9fff]{1,6}?)(?:的名字|名字)?(?:名叫|叫做|叫)")
# Words for any one person just described, whatever the description called them: "老人叫X" after "一位大爷…".
_REFERENTS = ("老人", "老者", "此人", "这人", "他", "她", "小伙", "小伙子", "姑娘", "男子", "女子")
# One person described, no name given, at the start of a sentence (after a scene: "水果摊前，"): "一位/一名" counts
# people only.
_DESCRIBES_ONE_RX = re.compile(r"^(?:[^，,。“”]{1,8}[，,])?一(?:(?:位|名)[^，,。“”]{1,16}|个[^，,。“”]{0,12}?"
                               f"(?:{_alt((*_REFERENTS, *_ADDRESS_WORDS))}))")
# A sentence ending on its verb of speech: the tag of the quotation before it.
_SAID_AT_END_RX = re.compile(f"(?:{_VERB_RX})(?:道)?[。！!]$")
# A sentence that gives someone's words: a verb of speech handing over to them, or a quotation.
_SPOKE_RX = re.compile(f"(?:{_VERB_RX})(?:道)?[，,：:“「]|[“「]")
# What the person just named is: "，是小区小卖部的店主，" (the noun after the last 的).
_WHO_IS_RX = re.compile(r"^[，,]?是[^，,。；;]{0,16}的(?P<title>[\u4e00-\u9fff]{2,4})(?=[，,。；;])")
# The reporter saying who did what the quotation before shows: "招呼客人的是", "说这话的是", "开口的正是".
_IDENTIFIES_RX = re.compile(r"^[^，,。“”]{1,12}的[，,]?(?:是|正是|就是|便是)")
# A paragraph that is one point of a series: "一是要…", "第二，…", "首先，…".
# A line that heads an entry with a name and a few words of who they are ("某某：乡村教师，58岁"): no sentence, no
# quotation, so nothing said.
_NAME_LINE = re.compile(r"^\s*[\u4e00-\u9fff·]{2,4}\s*[：:]\s*[^。！？!?“”\"]{1,24}$")
_ENUMERATION_RX = re.compile(r"^\s*(?:[一二三四五六七八九十]是|第[一二三四五六七八九十][，,、是]|首先|其次|再次)")
# "各有关部门要…", "各地必须…": an instruction to a body, in a speech, not a report of what the body does.
_DIRECTIVE_RX = re.compile(r"^[^，,。；;]{0,14}?(?:要|必须|务必|应当|需要)")


# The reporter putting the questions that follow to someone: "记者采访了…", "就…专访了…", "…就…答记者问".
_INTERVIEWS_RX = re.compile(r"(?:采访了|专访了|采访|专访|连线了|请来了|邀请了)(?P<who>[^，,。；;：:“”]{2,40})[。；;]?$")
_ANSWERS_PRESS_RX = re.compile(r"(?P<who>[^，,。；;：:“”]{2,40}?)(?:就[^，,。]{1,30})?(?:答记者问|接受了?记者(?:的)?采访)[。；;]?$"
                               # "由X解答。", "我们请X来解答👇" (a post's closing arrow or emoji is no word)
                               r"|(?:由|请)(?P<by>[^，,。；;：:“”]{2,40}?)(?:来|为大家|给大家|为您)?(?:负责)?"
                               r"(?:回答|解答|作答|解读)(?:一下)?[^\w]*$")


def _interviewee(text: str, cast: Cast) -> Speaker | None:
    """Whom the reporter's paragraph says the questions that follow are put to: a titled person (with the
    title the cast knows) or an unnamed official ("市X中心相关负责人")."""
    last = [x for x in re.split(r"(?<=[。！？!?])", text.strip()) if x.strip()]
    if not last:
        return None
    m = _INTERVIEWS_RX.search(last[-1]) or _ANSWERS_PRESS_RX.search(last[-1])
    if not m:
        return None
    who = (m.group("who") or m.groupdict().get("by") or "").strip()
    people = titled_people(who)
    if people:
        return cast.guests.get(people[-1].name, people[-1])
    who = re.sub(r"^(?:了|的)", "", who)
    if re.search(r"(?:负责人|发言人)$", who):
        return Speaker(name="", title=who)
    return None


def _another_body(text: str, speaker: Speaker) -> bool:
    """The sentence's subject is an organisation the speaker does not belong to."""
    org = organisation_subject(text)
    return bool(org) and org not in speaker.title and org_of_title(speaker.title) not in org


def _tag_leads(text: str, person: Speaker) -> bool:
    """The sentence opens with the person's tag ("李四说，…", "市X局局长李四表示，…")."""
    text = text.lstrip()
    return bool(person.name) and (text.startswith(person.name)
                                  or bool(person.title) and text.startswith(person.title + person.name))


def _strip_label(para, length: int) -> None:
    """Take a speaker label off the paragraph's first sentence(s): it is who speaks, not what is said."""
    cut = para.start + length
    kept = []
    for sent in para.sentences:
        if sent.end <= cut:
            continue
        if sent.start < cut:
            sent.text = sent.text[cut - sent.start:]
            sent.start = cut
        if sent.text.strip():
            kept.append(sent)
    for i, sent in enumerate(kept):
        sent.index = i
    para.sentences[:] = kept


# A meeting's minutes, by the title's kind word.
_MINUTES = re.compile(r"纪要")
# A script's line: a clock time, then a part, perhaps its player in brackets, and a colon ("09:31　巡检工（某某）：").
_TIMED_TURN = re.compile(r"^\s*\d{1,2}[:：]\d{2}\s*(?P<part>[\u4e00-\u9fff]{2,14}?)"
                         r"(?:[（(](?P<name>[^（）()]{2,4})[)）])?\s*[：:]")
_TIMED_TURNS_MIN = 5  # a script has many such lines; a plan's timetable ("09:30　签到：…") only a few named ones
# The script's narrator ("解说：…") tells what happens: the document's own voice.
_NARRATOR = re.compile(r"解说|旁白|画外音")
# A roster line of a script or plan: a part, then its player and the player's post ("总指挥：某某（公司总经理）").
_CAST_LINE = re.compile(r"(?P<part>[\u4e00-\u9fff]{2,10})[：:](?P<name>[\u4e00-\u9fff·]{2,4})[（(](?P<post>[^（）()]{2,20})[)）]")


def attribute(doc: Document) -> None:
    """Set speaker and source kind on every sentence of the document, in place."""
    # The kind word may stand in the title or in a heading under the issuer's name ("甲市规划局" over "会议纪要").
    minutes = any(_MINUTES.search(t or "") for t in [doc.meta.title, *(s.title for s in doc.sections[:2])])
    if doc.is_decision and not minutes:
        # A decision speaks with one voice, the issuer's, but for the words it reports of a named person ("副局长某某
        # 表示，…", "她建议，…"): those are theirs, read as news prose reads them. Its lines are never turns ("1. 申请：
        # …", "某镇：…" are its own items). Minutes record what each person reported or said: read like news prose
        # below, turns and all, the rest staying the document's own text.
        genders = _reported(doc)
        # A numbered text delivered by the person its header names (a government work report, a speech in parts)
        # is that person's words, whatever its numbering; a proposal is its proposer's.
        _signed(doc, speeches_only=True)
        _proposed(doc)
        _press_asked(doc)
        _interview_answered(doc)
        _headed_words(doc)
        _timed_turns(doc)
        # A pronoun tells the gender of someone whose words the document reports, not of whoever it guessed at.
        spoke = {sent.speaker.name for _, _, sent in doc.sentences() if sent.speaker is not None}
        doc.genders = {name: g for name, g in genders.items() if name in spoke}
        return
    credited = [*doc.meta.reporters, doc.meta.editor, doc.meta.photographer, *doc.meta.hosts]
    paragraphs = doc.paragraphs()
    cast = read_cast(doc.meta.title, [p.text for p in paragraphs], credited,
                     items={i for i, p in enumerate(paragraphs) if p.item},
                     headings=[s.title for s in doc.sections if s.title],
                     lines=[x for s in doc.sections for x in [s.title, *(p.text for p in s.paragraphs)] if x])
    cast.hosts |= set(doc.meta.hosts)  # "主持人：某某" in a broadcast's credits: their turns are the host's
    walker = _Attributor(doc, cast)
    for section in doc.sections:
        walker.section(section.title)
        for para in section.paragraphs:
            walker.paragraph(para)
    walker.unnamed_speak()
    captioned(doc)  # a broadcast script's 【同期声】 blocks: the captioned interviewee's words
    attribute_remarks(doc, cast.is_dialogue)  # "邓某明（某厂厂长）" then "我们厂…": a digest's or an oral history's remarks
    _signed(doc)
    _proposed(doc)
    _letters_asked(doc)
    _interview_answered(doc)
    _headed_words(doc)
    doc.genders = {name: g for name, g in walker.memory.genders.items()}
    # A roster's own word for it ("原告：某某，女，…") outweighs a pronoun's reading.
    doc.genders.update({e.speaker.name: e.gender for e in cast.roster if e.gender and e.speaker.name})
    doc.hosts = sorted(cast.hosts)
    # A part's own word and its last word ("委托诉讼代理人" and "代理人"): what people call its player by.
    doc.parts = sorted({w for e in cast.roster for w in (e.part, e.part[-3:]) if len(w) >= 2})


def _reported(doc: Document) -> dict[str, str]:
    """A decision's own text, but for the words it reports of a named person: those sentences are that person's.
    Returns the genders its pronouns showed."""
    # No cast: a decision's "标签：…" lines are its items, never a speaker's turns or guests.
    walker = _Attributor(doc, Cast())
    for section in doc.sections:
        walker.section(section.title)
        for para in section.paragraphs:
            walker.paragraph(para)
    for para in doc.paragraphs():
        lead = para.sentences[0].speaker if para.sentences else None
        # "某某：甲项目、乙项目。" is what the decision assigns to that person, not their words: no quotation. An
        # editor's note ("【编者按】…区长某某作报告。") is the paper's words about the text.
        assigned = lead is not None and para.text.lstrip().startswith(lead.name + "：") and "“" not in para.text
        for sent in para.sentences:
            if sent.kind != SourceKind.STATEMENT or sent.speaker is None or not sent.speaker.name \
                    or (assigned and sent.speaker == lead) or is_editors_line(para.text):
                sent.speaker, sent.kind = None, SourceKind.DECISION
    # A run of one person's sentences that never names them ("…与某代表交流。她建议…") rests on a pronoun alone: the
    # decision's voice is the safer reading than a guess at whom it stands for.
    run: list = []
    for _, _, sent in [*doc.sentences(), (None, None, None)]:
        if run and (sent is None or sent.speaker != run[0].speaker):
            named = any(_calls_by_name(x.text, run[0].speaker.name) for x in run)
            for x in run[_own_voice_from(run) if named else 0:]:
                x.speaker, x.kind = None, SourceKind.DECISION
            run = []
        if sent is not None and sent.speaker is not None:
            run.append(sent)
    return dict(walker.memory.genders)


# A sentence in a decision's own voice: it announces what follows ("作出如下决定", "现通报如下") or tells bodies what to
# do ("各单位要认真贯彻落实").
_OWN_VOICE = re.compile(r"如下[^，,。；;]{0,4}[。：:]?$|^[^，,。；;“”]{0,14}?(?:要|必须|务必|应当)")


def _calls_by_name(text: str, name: str) -> bool:
    """The sentence names the person, in full or by the surname ("钱局长认为…" of 钱某某)."""
    return name[0] in text  # the whole name holds the surname


def _own_voice_from(run: list) -> int:
    """Where the decision's own voice takes over a run of one person's sentences: the first sentence after theirs that
    neither names them, nor opens with a pronoun, nor stands in their quotation, and speaks as the decision does."""
    name, open_quotes = run[0].speaker.name, 0
    for i, sent in enumerate(run):
        told = _calls_by_name(sent.text, name) or _PRONOUN_OPENS.match(sent.text)
        if i and not told and open_quotes <= 0 and "“" not in sent.text and _OWN_VOICE.search(sent.text.strip()):
            return i
        open_quotes += sent.text.count("“") - sent.text.count("”")
    return len(run)


# A published speech says so in its title or head lines ("——在全市某某工作会议上的讲话", "致辞").
# A text delivered by the person its header names: a speech, or a report given at a meeting ("政府工作报告",
# "——2026年1月9日在区第五届人民代表大会第六次会议上").
# A subtitle "——在…会上的推介" says so whatever its last word.
_SPEECH_HEAD = re.compile(r"讲话|致辞|发言稿|演讲|报告会上|工作报告|\d{1,2}\s*日\s*在[^。]{2,60}(?:会议|大会|全会|会|论坛|典礼|仪式)上|"
                          r"[—－]{1,2}\s*在[^。]{2,60}(?:会议|大会|全会|会|论坛|典礼|仪式)上的")
# A signed article's note on its author ("（作者系甲市人民政府副市长）"): the byline's person wrote the text.
_AUTHOR_NOTE = re.compile(r"[（(]\s*作者(?:系|为|是|：|:)\s*(?P<post>[^）)]{2,60})[)）]")


def _authored(body: str, who: Speaker) -> bool:
    """The text says the person its byline names is its author: a note on the author with the byline's post."""
    return bool(who.title) and any(who.title in m.group("post") or m.group("post") in who.title
                                   for m in _AUTHOR_NOTE.finditer(body))


# The date a speech was given, on a line of its own near the speaker's ("（2026年11月18日）", "——2026年1月9日在…
# 会议上").
_DATE_LINE = re.compile(r"^[（(—－-]*\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:[）)]?$|在[^。]{2,60}上$)")
# A paragraph that opens with its label ("留言内容：", "回复内容："), and the labels of a reply among them.
_LABEL_KEY = re.compile(r"^([\u4e00-\u9fff]{2,6})\s*[：:]")
_LETTER_KEY = re.compile(r"(?:留言|来信|咨询|投诉|诉求|反映|网友留言|群众来信)(?:内容|问题)?|问题描述")
_REPLY_KEY = re.compile(r"回复|答复|办理结果|办理情况|处理结果|处理情况|回应")
_QUOTE_AFTER_VERB = re.compile(r"(?:说|表示|讲|谈到|指出)[：:，,]?\s*“")
_PRONOUN_OPENS = re.compile(r"^[\s\u3000]*(?:她|他)(?!们)")
# A signature after a paragraph's last sentence, set off by a dash: the post and name of who wrote it.
_SIGNED_AT_END = re.compile(r"[。！？!?”]\s*[—－]{1,2}\s*(?P<who>[^。！？!?“”—－]{4,40})$")


# The words a speech closes with ("谢谢大家！"): a part headed after them is no part of the speech.
_SPEECH_CLOSE = re.compile(r"谢谢(?:大家|各位)?[！!。]?$")


def _part_start(doc: Document, paras: list, para) -> tuple[int, list[str]]:
    """Where the part holding a paragraph begins (the index of its first paragraph) and the titles heading it: the
    whole document when prose stands in no section before it, else its own section (any sections without
    paragraphs just above, "附：推介词" over "某某 投资福地", are headings of it). paras: the document's paragraphs."""
    at = next((k for k, sec in enumerate(doc.sections) if any(p is para for p in sec.paragraphs)), 0)
    first = at
    while first > 0 and not doc.sections[first - 1].paragraphs:
        first -= 1
    if not any("。" in p.text for sec in doc.sections[:first] for p in sec.paragraphs):
        return 0, [sec.title for sec in doc.sections]  # the text has had no prose: the document's own head
    start = next(k for k, p in enumerate(paras) if p is doc.sections[at].paragraphs[0])
    # The headings above it say what it is: its own ("附：推介词"), and the document's ("…演讲稿选登").
    return start, [sec.title for sec in doc.sections[:at + 1] if sec.title]


def _speech_run(doc: Document, paras: list, i: int, start: int) -> list:
    """The paragraphs of a speech after the line naming its speaker: the rest of the document; for a part a report
    appends, up to a heading after the speech's closing words ("谢谢大家！" then "现场签约项目一览")."""
    if start == 0:
        return paras[i + 1:]
    firsts = {id(sec.paragraphs[0]) for sec in doc.sections if sec.paragraphs}
    run = []
    for k in range(i + 1, len(paras)):
        if id(paras[k]) in firsts and run and _SPEECH_CLOSE.search(run[-1].text.strip()):
            break
        run.append(paras[k])
    return run


# A roster's row: a full name, then fields with their keys, one of them the post ("职称/职务：教授").
_ROSTER_ROW = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4})[，,]\s*(?:[^：:，,]{2,8}[：:][^，,]{1,40}[，,]\s*)*?"
                         r"(?:职称/职务|职务/职称|职务|职称)[：:](?P<post>[^，,。；;]{2,30})")


def field_roster(doc: Document) -> list[Speaker]:
    """The people a roster lists a row each, name first and the post under its field's key ("某某，工作单位：甲研究院，
    职称/职务：高级工程师"), as a table of experts or members reads."""
    out = []
    for para in doc.paragraphs():
        m = _ROSTER_ROW.match(para.text.strip())
        if m and full_name(m.group("name")):
            out.append(Speaker(name=m.group("name"), title=m.group("post").split("、")[0]))
    return out


# A line that heads a person's words below it and says nothing itself: a post and a name, a verb of speaking or of
# written instruction, perhaps the date, a colon ("2.县长某某批示（2026年10月28日）：", "副县长某某讲话要点：").
_HEADING_WORDS = re.compile(r"^\s*(?:\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）])?\s*"
                            r"(?P<who>[^。：:；;]{3,40}?)(?:同志)?(?:批示|指示|批注|讲话要点|讲话|发言|致辞|表态)"
                            r"\s*(?:[（(][^）)]{2,20}[)）])?\s*[：:]\s*$")


def _headed_words(doc: Document) -> None:
    """The paragraphs under a line that heads one person's words ("县委书记某某批示（10月28日）："), up to the next
    such line or the section's end, are that person's statements, in a decision too; the line itself says nothing."""
    for section in doc.sections:
        who = None
        for para in section.paragraphs:
            m = _HEADING_WORDS.match(para.text)
            named = [x for x in titled_people(m.group("who")) if x.name] if m else []
            if m:
                who = named[0] if len(named) == 1 else None
                continue
            if who is None:
                continue
            for sent in para.sentences:
                if sent.speaker is None or not sent.speaker.name:
                    sent.speaker, sent.kind = who, SourceKind.STATEMENT


# The lines of a Q&A a text appends ("问：…", "答：…"), and the passage before them that says one official was
# interviewed or took the press's questions ("记者采访了市甲局副局长某某", "某某就…答记者问").
_ASK_LINE = re.compile(r"^\s*问\s*[：:]")
_ANSWER_LINE = re.compile(r"^\s*答\s*[：:]")
_INTERVIEWED = re.compile(r"采访|答记者问|回答了?记者|答问|接受[^。]{0,12}采访")
# How many paragraphs before its first question the Q&A's introduction may stand.
_INTRO_BEFORE = 2


def _interview_answered(doc: Document) -> None:
    """A Q&A a text appends ("问：…" then "答：…"), after a passage that names the one official interviewed: the
    answers nobody else speaks are that official's statements, and the questions are questions put."""
    paras = [p for p in doc.paragraphs() if p.sentences]
    for i, para in enumerate(paras):
        before = paras[i - 1].text if i else ""
        if not _ASK_LINE.match(para.text) or _ASK_LINE.match(before) or _ANSWER_LINE.match(before):
            continue  # only the first question of a run looks back for its introduction
        intro = [p for p in paras[max(0, i - _INTRO_BEFORE):i] if _INTERVIEWED.search(p.text)]
        people = {x.name: x for p in intro[-1:] for x in titled_people(p.text) if x.name} if intro else {}
        if len(people) != 1:
            continue
        who = next(iter(people.values()))
        for p in paras[i:]:
            if _ASK_LINE.match(p.text):
                for sent in p.sentences:
                    if sent.speaker is None:
                        sent.kind = SourceKind.QUESTION
            elif _ANSWER_LINE.match(p.text):
                for sent in p.sentences:
                    if sent.speaker is None or not sent.speaker.name:
                        sent.speaker, sent.kind = who, SourceKind.STATEMENT
            else:
                break


def _press_asked(doc: Document) -> None:
    """A reporter's labelled line in a document's own text ("记者：…？" in a statement's press exchange), answered by
    someone the document names in the passage after it, is a question put, not the document's words."""
    paras = [p for p in doc.paragraphs() if p.sentences]
    spoke = {sent.speaker.name: sent.speaker for p in paras for sent in p.sentences if sent.speaker is not None}
    for para, after in zip(paras, paras[1:]):
        label = parse_label(para.text.strip())
        if label is None or label.role != ASK or label.handle or any(s.speaker is not None for s in para.sentences):
            continue
        answer = parse_label(after.text.strip())
        named = answer.speaker.name if answer is not None and answer.speaker is not None else ""
        if named in spoke and all(sent.speaker is None for sent in after.sentences):
            # "张建军：…" after the question: the answerer the exchange named before, by name alone.
            for sent in after.sentences:
                sent.speaker, sent.kind = spoke[named], SourceKind.STATEMENT
        if any(sent.speaker is not None for sent in after.sentences):
            for sent in para.sentences:
                sent.kind = SourceKind.QUESTION
            # The labels ("记者：", "某某：") are who speaks, not what they say, as in a dialogue's turns.
            if answer is not None and answer.role == ANSWER and after.sentences[0].speaker is not None:
                _strip_label(after, _indent(after.text) + answer.length)
            _strip_label(para, _indent(para.text) + label.length)


def _timed_turns(doc: Document) -> None:
    """A script's timed lines ("09:31　巡检工（某某）：…", "09:36　总指挥：…") are the turns of whom they name: the
    player in brackets, else the one its roster gives that part ("总指挥：某某（公司总经理）", "疏散组：组长：某某（…）"),
    else the part itself, unnamed. The narrator's lines stay the document's. Only where such lines are many."""
    paras = [p for p in doc.paragraphs() if p.sentences]
    timed = [(p, m) for p in paras if (m := _TIMED_TURN.match(p.text))]
    if len(timed) < _TIMED_TURNS_MIN:
        return
    cast: dict[str, Speaker] = {}
    # A short roster line may stand as a heading of its own ("总指挥：某某（公司总经理）").
    for line in [*(s.title for s in doc.sections if s.title), *(p.text for p in paras)]:
        # "抢险堵漏组：组长：某某（…）": the part is the group's 组长.
        group = re.match(r"\s*([\u4e00-\u9fff]{2,10})[：:]", line)
        for m in _CAST_LINE.finditer(line):
            part = m.group("part")
            if group and group.group(1) != part and part in ("组长", "队长", "负责人"):
                part = group.group(1) + part
            if _plays(m.group("name")):
                # The part the script gives them, then their post: "总指挥、公司总经理".
                cast.setdefault(part, Speaker(name=m.group("name"), title=f"{part}、{m.group('post')}"))
    for para, m in timed:
        part = m.group("part")
        if _NARRATOR.search(part):
            continue
        name = m.group("name") or ""
        if _plays(name):
            who = Speaker(name=name, title=cast[part].title if part in cast and cast[part].name == name else part)
        else:
            who = cast.get(part) or Speaker(name="", title=part)
        for sent in para.sentences:
            sent.speaker, sent.kind = who, SourceKind.STATEMENT


def _plays(name: str) -> bool:
    """A script's player is named by a name, not by an everyday word in its place."""
    return bool(name) and bool(name_at(name)) and not everyday_word(name)


def _indent(text: str) -> int:
    """The blank characters a paragraph's text opens with, before a label read from its stripped text."""
    return len(text) - len(text.lstrip())


def _letters_asked(doc: Document) -> None:
    """A letter a page answers ("留言内容：…", "来信内容：…") is what was asked, as a reporter's question is: the
    citizen's words, never an answer nor the replier's."""
    for para in doc.paragraphs():
        key = _LABEL_KEY.match(para.text.strip())
        if key and _LETTER_KEY.fullmatch(key.group(1)):
            for sent in para.sentences:
                sent.speaker, sent.kind = None, SourceKind.QUESTION


def _signed(doc: Document, speeches_only: bool = False) -> None:
    """The words a signature owns, as that person's statements: a reply above the line that signs it ("回复内容：…"
    then "市甲局副局长 张三"), back to the field line before it; and a published speech after the line that names its
    speaker, when that line comes before any prose and the document says it is a speech. Only sentences nobody
    else speaks are taken: a speech's quotation of a county head stays the county head's."""
    paras = doc.paragraphs()
    named = None  # everyone the text names with a post, read once when a signature needs it
    for i, para in enumerate(paras):
        who = signature(para.text)
        if who is None:
            # A reply signed at its own end ("…都会明显改善。——市甲局副局长　张三"): that paragraph is theirs.
            tail = _SIGNED_AT_END.search(para.text.strip())
            who = signature(tail.group("who")) if tail else None
            if who is not None and not speeches_only:
                _own([para], who, speech=False, signed=True)
            continue
        # "某村驻村工作队　某某" over a speech the editor's note calls "某村驻村工作队队员某某": the fuller post.
        named = titled_people(doc.body) if named is None else named
        fuller = [p.title for p in named if p.name == who.name and len(p.title) > len(who.title)
                  and p.title.startswith(who.title)]
        who = Speaker(name=who.name, title=fuller[0]) if fuller else who
        start, titles = _part_start(doc, paras, para)
        head = doc.meta.title + " " + " ".join(titles) + " " + " ".join(p.text for p in paras[start:i])
        # A speech is named before any prose: the document's, or a part's a report appends ("附：…致辞" after the
        # news of the meeting), from the part's heading on.
        speech = not any("。" in p.text for p in paras[start:i])
        if speech:
            # an editor's note before the text ("【编者按】…") is the paper's words about the speech, not the speech
            owned = [p for p in _speech_run(doc, paras, i, start) if not is_editors_line(p.text)] \
                if _SPEECH_HEAD.search(head) or _authored(doc.body, who) else []
            if owned and start == 0:  # the document is the speech (a report appending one is still a report)
                doc.meta.speaker = who.title + who.name
                dated = next((m for t in [s.title for s in doc.sections] + [p.text for p in paras[max(0, i - 2):i + 3]]
                              if (m := _DATE_LINE.match(t.strip()))), None)
                doc.meta.delivered = f"{dated.group(1)}-{int(dated.group(2)):02d}-{int(dated.group(3)):02d}" \
                    if dated else ""
        elif speeches_only:
            continue
        else:
            owned = []
            for prev in reversed(paras[:i]):
                closes = is_field_line(prev.text) and len(prev.text) <= FIELD_LINE_MAX
                if closes or signature(prev.text) is not None:
                    break
                key = _LABEL_KEY.match(prev.text.strip())
                if key and not _REPLY_KEY.search(key.group(1)):
                    break  # "留言内容：…": the letter the reply answers, however long, is not the reply
                owned.insert(0, prev)
                if key:
                    break  # "回复内容：…" opens the reply
        _own(owned, who, speech)


# The header field that names who puts a proposal or a motion forward ("提案人：…", "领衔人：…", "建议人：…"): a closed
# class of the genre's keys.
_PROPOSER = re.compile(r"^\s*(?:第一|领衔)?(?:提案人|提案者|领衔人|建议人|议案领衔人|提出人)\s*[：:]\s*(?P<who>\S.{1,80}?)[。\s]*$")


def _in_articles(doc: Document) -> bool:
    """The document's text is set out in articles numbered 第一条, 第二条, 第三条… in order (three at least)."""
    numbers = [chinese_number(unit[0]) for p in doc.paragraphs() if (unit := labelled_unit(p.text)) and unit[1] == "条"]
    return len(numbers) >= 3 and numbers[:3] == [1, 2, 3]


def _proposer(text: str) -> Speaker | None:
    """The one person a proposer field names, with the post it gives ("提案人：邓某明（市政协委员、…理事长）"), or
    None (a body as proposer, several people)."""
    m = _PROPOSER.match(text)
    if not m:
        return None
    # A table's row read as one line may carry another cell's value first ("…会议：金美善（…）"): the last one names.
    who = re.split(r"[：:]", m.group("who"))[-1].strip()
    people = name_then_title(who) or titled_people(who) or ([p] if (p := name_line(who)) else [])
    if len(people) == 1:
        # "州政协委员，某大学副院长": one person's posts, listed as a title lists them.
        return Speaker(name=people[0].name, title=re.sub(r"[，,]\s*", "、", people[0].title))
    bare = re.sub(r"[\s\u3000]+", "", who)
    return Speaker(name=bare, title="") if is_name(bare) else None


def _proposed(doc: Document) -> None:
    """A proposal's or a motion's text is its proposer's words: the one person its header names as proposer ("提案人：
    邓某明（…）") owns the paragraphs after the header that are no field ("承办单位：…", "办理情况：…")."""
    paras = doc.paragraphs()
    for i, para in enumerate(paras[:8]):
        who = _proposer(para.text)
        if who is None and "。" in para.text:
            return  # the header is over: a proposer named in the text is someone it mentions
        if who is not None:
            # A paragraph that names the proposer tells of them ("【提案背景】某某委员长期从事…，她带领…"): not theirs.
            owned = [p for p in paras[i + 1:] if not (is_field_line(p.text) and len(p.text) <= FIELD_LINE_MAX)
                     and not _LABEL_KEY.match(p.text.strip()) and who.name not in p.text]
            _own(owned, who, speech=True)
            return


def _own(owned: list, who: Speaker, speech: bool, signed: bool = False) -> None:
    """The sentences of these paragraphs that nobody else speaks, as the signer's statements (signed: the paragraph
    ends with the signature, so every sentence of it that is not a question is theirs, a turn's label whatever)."""
    for p in owned:
        named = None  # in a speech, the person a sentence of this paragraph last named by title and name
        for sent in p.sentences:
            if signed and sent.text.lstrip().startswith(("—", "－")):
                continue  # the signature itself says who, it says nothing
            if speech and named is not None and _PRONOUN_OPENS.match(sent.text) and _QUOTE_AFTER_VERB.search(
                    sent.text):
                # "利通区区长某某同志…。她在交流发言中说：“…”": the words are hers, quoted in the speech.
                sent.speaker, sent.kind = named, SourceKind.STATEMENT
                continue
            if speech:
                named = next(iter(titled_people(sent.text)[-1:]), named)
            # In a speech, what others did is the speaker's account of it ("局长张三通报了…"); only words
            # quoted as theirs stay theirs.
            # "她在交流发言中说：“…”" after her name: quoted as hers by the pronoun.
            theirs = sent.speaker is not None and not signed and (not speech or bool(sent.speaker.name) and (
                sent.speaker.name in sent.text or _PRONOUN_OPENS.match(sent.text)) and (
                "“" in sent.text or "：" in sent.text))
            if not theirs and sent.kind in (SourceKind.NARRATION, SourceKind.STATEMENT, SourceKind.DECISION):
                sent.speaker, sent.kind = who, SourceKind.STATEMENT
