"""Find people written as "TITLE NAME" in Chinese text: lists of guests, headlines, introductions.

Generic patterns only: a title ends with a title word (局长, 副主任, …), a name is a common surname and
one or two more characters (or, right after a title, a transcribed minority name: four characters that
read as a transcription, or parts joined by a middle dot), and items of a list are joined by 、，和 or a space.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from index.ingest.lexicon import (
    COVERBS,
    GROUP_ADVERBS,
    NAME_FOLLOWERS,
    OBJECT_MARKERS,
    SPEECH_VERBS,
    SUBJECT_ADVERBS,
    SUBJECT_OPENERS,
    SURNAMES_1,
    SURNAMES_2,
    TITLE_ALTERNATION,
    TITLE_SUFFIXES,
)
from index.models import Speaker
from index.search.tokenize import word_frequency

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
# What ends a title or a name: punctuation, quotes, brackets, dashes, spaces, the end of a line.
BOUNDARY = "，,、；;：:。！？!?“”\"'‘’（）()《》【】[]—-…·/／|｜ \t\n\r\u3000"
_CONJ = "和与及"
_CONJ_WORDS = ("以及", *_CONJ)  # what may join two people of a list ("张三以及李四")
# Words that often follow a name in a report of an event ("市长张三出席", "张三一行").
# An academic or professional rank written after the name ("丁某兰研究员", "邓某明教授") follows a name as 同志 does.
_NAME_FOLLOWERS = ("等", "同志", "先生", "女士", "研究员", "副研究员", "教授", "副教授", "院士", "博士", "出席", "列席", "到会", "做客", "参加", "主持", "一行", "调研", "察看", "视察", "走访", "陪同", "作", "代表", "牵头", "带队")
_TITLE_RX = re.compile("|".join(map(re.escape, TITLE_SUFFIXES)))
_TITLE_AT_RX = re.compile("(?=(" + TITLE_ALTERNATION + "))")
_TITLE_END_RX = re.compile(f"(?:{_TITLE_RX.pattern})$")
_PREPOSITIONS = tuple(sorted({*SUBJECT_OPENERS, "由", "请", "与", "同", "向", "被", "经", "让", "据悉", "另据", "以及", "及", "和", "还有"},
                             key=len, reverse=True))
_HEADLINE_VISIT = ("专访", "访谈", "采访", "访")  # "——访市X局局长张三": the title starts after 访
# Manner and timing adverbs between a name and its verb: "简要介绍了", "逐一回应", "当即表示", "当场表态".
MANNER_WORDS = ("充分", "高度", "简要", "详细", "重点", "具体", "深入", "全面", "系统", "集中", "逐一", "认真", "着重",
                "依次", "轮流", "当场", "现场", "当即", "随即", "立即", "率先", "主动", "亲自", "专程",
                "这样", "这么", "如此")  # "钟某这样评价": how the words come, after the name
# Words that follow a title or a name but never are one, though some start with a surname character:
# "该负责人同时介绍", "该负责人回应称", "市长郑重表示", "相关部门负责人逐一回应".
NOT_NAME_WORDS = tuple(sorted({w for w in (*SPEECH_VERBS, *NAME_FOLLOWERS, *SUBJECT_ADVERBS, *GROUP_ADVERBS, *MANNER_WORDS)
                               if len(w) >= 2}, key=len, reverse=True))
# What may follow a name, one character words included ("买买提·吐尔逊也表示", "…首先发言", "…同志").
_AFTER_NAME = tuple(sorted({*SPEECH_VERBS, *NAME_FOLLOWERS, *SUBJECT_ADVERBS, *GROUP_ADVERBS, *MANNER_WORDS,
                            *_NAME_FOLLOWERS}, key=len, reverse=True))
# Characters that transcribe the sounds of Yi, Tibetan, Uyghur and other names written in four or more
# characters without a Han surname ("阿…", "…拉哈", "扎西…", "…卓玛"); a Han given name rarely has two.
_TRANSCRIPTION_CHARS = set("阿拉哈尔克木呷扎卓玛吉布格娃措旦次仁巴买提热依孜沙莫且约勒乃俄嘎噶姆珠顿央宗曲苏洛")
_LONG_NAME = 4
_PARTICLES = "着了过的地得们"
# "买买提·吐尔逊": a transcribed name written in parts joined by a middle dot.
_DOTTED_NAME = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:[·•‧・][\u4e00-\u9fff]{1,6})*[·•‧・]")
# "出席会议的有市X局局长张三", "…的有甲市X局局长": 有 introduces the list, whatever place the title names; offices that
# begin with 有 (有色金属…, 有机…, 有线电视…) keep it.
# "一位是市X局局长张三，另一位是…": a host counting guests puts the count before each title.
_EXISTENTIAL_RX = re.compile(r"^(?:(?:另|其中|还有)?(?:一|第[一二三四五])位(?:嘉宾)?是|有(?![色机线研])(?=[\u4e00-\u9fff]{4})|"
                             r"(?:正是|就是|便是|是)(?=[\u4e00-\u9fff]{2}))")
# "会议由副市长张三主持", "由市X局局长张三介绍", "这个问题请市X局副局长张三回答": the agent marker (or the host's
# hand-over) and the words before it are not the title.
_AGENT_RX = re.compile(r"^[\u4e00-\u9fff]{0,10}?(?:(?<![自理缘经来])由|(?<!申)请)(?=[\u4e00-\u9fff]{2})")
_MAX_TITLE = 32
# "展板上是", "墙上挂的是": a place and a copula before the office (see clean_title).
_LOCATIVE_IS = re.compile(r"^[\u4e00-\u9fff]{1,6}?[上里中内前](?:写着的|挂着的|印着的|写的|挂的|印的)?是(?=[\u4e00-\u9fff]{3})")
# "95后店主", "68岁村民": an age or a generation describes the person, it is no part of the role.
_AGE_RX = re.compile(r"^(?:\d{2}后|\d{1,3}岁)")
# Titles that are roles of ordinary people, not offices: never a guest list entry by themselves.
_PLAIN_ROLES = {"村民", "居民", "工人", "职工", "农民", "志愿者", "经营户", "种植户", "养殖户", "干部", "老师", "教师",
                "医生", "律师", "博士", "代表", "委员", "专家", "秘书", "助理"}


# Names the document being read vouches for by its own structure, whatever their surname (see vouched_names).
_VOUCHED: ContextVar[frozenset[str]] = ContextVar("vouched_names", default=frozenset())
_TURN_LABEL_RX = re.compile(r"(?m)^[ \t\u3000]*([\u4e00-\u9fff]{2,3})[ \t\u3000]*[：:](?=[ \t\u3000]*\S)")


def vouched_names(text: str) -> frozenset[str]:
    """Names a document itself shows to be names, though their surname is too rare for the surname list ("俸",
    "纳", "拓"): a turn label ("X：" opening a line) that the document also writes right after a title
    ("…副县长X"). A label alone may be a field ("时间："); a title alone may be followed by any word."""
    labels = {m.group(1) for m in _TURN_LABEL_RX.finditer(text)}
    # A word the general dictionary knows ("地点", "嘉宾") is no name, whatever follows a title.
    return frozenset(x for x in labels if not surname_lengths(x) and not _TITLE_END_RX.search(x)
                     and not word_frequency(x) and re.search(f"(?:{_TITLE_RX.pattern}){re.escape(x)}", text))


@contextmanager
def vouching(names: frozenset[str]) -> Iterator[None]:
    """Read a document with the names it vouches for taken as names."""
    token = _VOUCHED.set(names)
    try:
        yield
    finally:
        _VOUCHED.reset(token)


def surname_lengths(text: str) -> list[int]:
    """Possible name lengths at the start of text: 2–3 for a common surname, 3–4 for a compound one (or the
    length of a name the document vouches for)."""
    vouched = _VOUCHED.get()
    if vouched:
        lengths = [len(n) for n in vouched if text.startswith(n)]
        if lengths:
            return lengths
    if text[:2] in SURNAMES_2:
        return [3, 4]
    if text[:1] in SURNAMES_1:
        return [2, 3]
    return []


# A road's or a street's name ends so ("江滨路", "解放街", "文昌巷"); a given name hardly ever does.
_ROAD_ENDS = ("路", "街", "巷")


def is_name(text: str) -> bool:
    """A whole string that reads as a Chinese personal name ("王局长" is a surname and an office, "江滨路" a road,
    not a name)."""
    if not _HAN.match(text) or len(text) not in surname_lengths(text):
        return False
    return not ends_in_title(text) and not (len(text) >= 3 and text.endswith(_ROAD_ENDS))


def names_a_post(text: str) -> bool:
    """The text ends with a word for an office or post ("市甲局局长", "总经理"), not an ordinary person's role
    ("……超过居民", "村民")."""
    return ends_in_title(text) and not text.endswith(tuple(_PLAIN_ROLES))


def ends_in_title(text: str) -> bool:
    """The text ends with a title word of two characters or more ("王局长", "个体工商户代表"): no name."""
    return any(text.endswith(t) and len(t) >= 2 for t in TITLE_SUFFIXES)


def transcribed_name(text: str) -> bool:
    """Four Han characters that read as a transcribed minority name: at least two sound characters among
    the last three, and no word that follows names ("张三同志", "李四主动" are a name and a word)."""
    return (len(text) == _LONG_NAME and bool(_HAN.match(text)) and not text.startswith(NOT_NAME_WORDS)
            and text[-1] not in _PARTICLES  # "李木拉着记者…": a particle ends a verb, never a name
            and sum(c in _TRANSCRIPTION_CHARS for c in text[1:]) >= 2
            and not any(text[i:].startswith(NOT_NAME_WORDS + _NAME_FOLLOWERS) for i in range(1, len(text))))


def long_name_at(text: str) -> str:
    """A transcribed name at the start of text that the surname rules cannot cut out: parts joined by a
    middle dot ("买买提·吐尔逊"), or four characters that read as a transcription ("阿苏拉呷"); else ''."""
    m = _DOTTED_NAME.match(text)
    if m:
        # The last part ends where a boundary, a verb of speech or a word that follows names begins.
        for n in range(2, 7):
            last, rest = text[m.end():m.end() + n], text[m.end() + n:]
            if len(last) < n or not _HAN.match(last):
                break
            if not rest or rest[0] in BOUNDARY or rest.startswith(_AFTER_NAME):
                return m.group() + last
        return ""
    return text[:_LONG_NAME] if transcribed_name(text[:_LONG_NAME]) else ""


# A manner adverb right after a name ("张三热情地招呼着客人"): two characters and 地, not a place word ("地方").
_MANNER = re.compile(r"^[\u4e00-\u9fff]{2}地(?![方区点带段块图位面铁道下])")


# What the person is doing right after the name ("村支书张三指着村道说"): a verb and 着.
_DOING = re.compile(r"^[指拿握端举扛提拎望看抱背牵扶领带]着")
# A post the person takes right after the name ("县纪委书记某某任副组长", "某某兼任办公室主任"): a list of who
# holds what in a leading group.
_TAKES_POST = re.compile(r"^(?:兼任|担任|出任|任)(?:[\u4e00-\u9fff]{0,8}?)(?:" + "|".join(
    map(re.escape, sorted({*TITLE_SUFFIXES, "组长", "副组长", "成员"}, key=len, reverse=True))) + ")")


def name_at(text: str) -> str:
    """The personal name at the start of text when a boundary, a conjunction or a speech verb follows it."""
    if _DOTTED_NAME.match(text):
        return long_name_at(text)  # "艾力·库尔班": the dot joins the parts of one name, it does not end it
    best = ""
    for n in surname_lengths(text):
        name, rest = text[:n], text[n:]
        if len(name) < n or not _HAN.match(name) or name.startswith(NOT_NAME_WORDS):
            continue
        if not rest or rest[0] in BOUNDARY or rest.startswith(tuple(SPEECH_VERBS)) or rest.startswith(_NAME_FOLLOWERS) \
                or _MANNER.match(rest) or _DOING.match(rest) or _TAKES_POST.match(rest):
            best = name  # the longer reading wins unless its last character is a conjunction
        elif rest.startswith(_CONJ_WORDS) and not best:
            best = name
    if len(best) == 3 and best[-1] in _CONJ and is_name(best[:2]):
        return best[:2]
    long = "" if best else long_name_at(text)
    if long:
        rest = text[len(long):]
        if not rest or rest[0] in BOUNDARY or rest.startswith(tuple(SPEECH_VERBS)) or rest.startswith(_NAME_FOLLOWERS):
            return long  # "副主任吉克伍沙、…": a transcribed name, written without a Han surname
    return best


def _title_start(text: str, end: int, floor: int) -> int:
    """Where the title that ends at `end` begins: after the last boundary, conjunction item or object verb."""
    start = end
    while start > floor:
        if text[start - 1] not in BOUNDARY:
            start -= 1
        elif text[start - 1] == "、" and _TITLE_END_RX.search(text[floor:start - 1]):
            start -= 1  # "党委书记、董事长": two offices of one person
        else:
            break
    piece = text[start:end]
    # "记者专访了市X局局长" / "——访市X局局长": the title begins after the verb that makes it an object.
    cut = object_cut(piece)
    for w in _HEADLINE_VISIT:
        if piece.startswith(w):
            cut = max(cut, len(w))
    return start + cut


# "邀请到", "请到", "找到": a complement that tells the verb reached its object is not part of the title.
_RESULTATIVE = "到"


# A coverb that makes the person the object of what someone does ("当即把县甲局局长某某叫到桌前", "当即与县乙局局长某某
#商量"): "把" always; "与/同/跟" after a manner word only, since a body's name may hold 与 ("自然资源与规划局").
_DISPOSAL = ("把", *(m + c for m in ("当即", "随即", "立即", "当场", "现场", "马上") for c in "与同跟"))


def object_cut(piece: str) -> int:
    """Where a title starts inside `piece` after a verb that makes the person its object (0 if none):
    '记者采访了市X局局长' → after 了; '我们邀请到市X局局长' → after 到."""
    cut, marker = 0, ""
    for w in (*OBJECT_MARKERS, *_DISPOSAL):
        i = piece.rfind(w)
        if i >= 0 and i + len(w) > cut:
            cut, marker = i + len(w), w
    while cut and cut < len(piece) - 2 and piece[cut] in _RESULTATIVE:
        cut += 1
    verb_first = piece[:piece.rfind("了")].endswith(tuple(w for w in OBJECT_MARKERS if w != "了"))
    if marker == "了" and not verb_first and "的" in piece[cut:]:
        # "卖了八年烤冷面的摊主": a verb with 了 inside a description that ends in 的 before the title; the person
        # is the one described, the subject, not an object (a verb of meeting, "采访了…的副局长", still is).
        return 0
    return cut


def _strip_preposition(title: str) -> str:
    """'在市X局局长' → '市X局局长': a word that puts the person in a clause is not part of the title."""
    for word in _PREPOSITIONS:
        if title.startswith(word) and len(title) > len(word) + 2:
            return title[len(word):]
    return title


# A subtitle's dash and interview word before a title ("——访市X局局长") are the headline's, not the office's.
_SUBTITLE_LEAD = re.compile(r"^[\s—\-－–―~～·:：,，、]+(专访|访谈|对话|访)?(?=[\u4e00-\u9fff]{3,})")


_ITEM_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）])\s*(?=[\u4e00-\u9fff])")


def clean_title(title: str) -> str:
    """The office alone: '分管城建工作的副市长' → '副市长', '出席会议的有市X局局长' → '市X局局长', '——访市X局局长' → '市X局局长',
    '展板上是市X厂厂长' → '市X厂厂长'."""
    title = _SUBTITLE_LEAD.sub("", title)
    # "13．汀川大学法学院副教授", "8．市政协委员": a list item's number is the list's, not the office's.
    title = _ITEM_NUMBER.sub("", title)
    # "展板上是…", "墙上挂的是…": what stands somewhere is the person's words; the office follows the copula.
    title = _LOCATIVE_IS.sub("", title)
    return _AGENT_RX.sub("", _EXISTENTIAL_RX.sub("", _AGE_RX.sub("", title[title.rfind("的") + 1:])))


def titled_people(text: str) -> list[Speaker]:
    """Every "TITLE NAME" (or "TITLE 空格 NAME") in the text, in order; list items share no title."""
    out: list[Speaker] = []
    floor = 0  # an item's title never reaches back into the previous item
    # Every place a title word ends, overlapping ones too: "村党总支书记张三" holds 支书 and 书记, and only the
    # second is followed by the name.
    for m in _TITLE_AT_RX.finditer(text):
        if m.start() < floor:
            continue
        end = after = m.start() + len(m.group(1))
        while after < len(text) and text[after] in " \u3000":
            after += 1
        name = name_at(text[after:]) or _name_before_coverb(text[after:])
        if not name or ends_in_title(name) or everyday_word(name):
            continue  # "个体工商户代表、某茶社经营者张三": a second title word; "负责人公开承诺": an everyday word
        start = _title_start(text, m.start(), floor)
        title = text[start:end].strip()
        title = _strip_preposition(clean_title(title))
        if not title or len(title) > _MAX_TITLE or title in _PLAIN_ROLES or title.startswith(tuple(SPEECH_VERBS)):
            continue
        out.append(Speaker(name=name, title=title))
        floor = after + len(name)
        # "张三和市X局局长李四", "张三以及…": the next title starts after the conjunction.
        floor += next((len(c) for c in _CONJ_WORDS if text.startswith(c, floor)), 0)
    return out


def _name_before_coverb(text: str) -> str:
    """After a title, a name that a preposition ends ("局长张三就有关情况答记者问"): the title says a name
    comes, so the preposition marks where it stops; the longest reading that is a name wins."""
    for n in reversed(surname_lengths(text)):
        name, rest = text[:n], text[n:]
        if len(name) == n and is_name(name) and not name.startswith(NOT_NAME_WORDS) and rest.startswith(COVERBS):
            return name
    return ""


_NAME_THEN_TITLE = re.compile(r"([\u4e00-\u9fff]{2,6})\s*[（(]([^()（）]{2,30}?)[)）]")
# A deputy or member named with their part before the bracket ("丁某兰代表（乙县丙镇党委书记）").
_SEAT_WORD = re.compile(r"(?:代表|委员)$")


_NAME_COMMA_POST = re.compile(r"\s*([\u4e00-\u9fff·]{2,6})\s*[，,]\s*([^，,。；;！？!?]{2,30}?)\s*")


def name_comma_post(text: str) -> Speaker | None:
    """'张三，市X局副局长' and nothing else, as a programme's cast line gives its guest: the name, a comma, then the
    post; else None."""
    m = _NAME_COMMA_POST.fullmatch(text)
    if m is None or not is_name(m.group(1)) or not names_a_post(m.group(2)):
        return None
    return Speaker(name=m.group(1), title=m.group(2))


def name_then_title(text: str) -> list[Speaker]:
    """'张三（市X局局长）' written name first: each such person with the title in brackets."""
    out = []
    for m in _NAME_THEN_TITLE.finditer(text):
        title = m.group(2).strip()
        if not _TITLE_END_RX.search(title):
            continue
        run = _SEAT_WORD.sub("", m.group(1))
        for k in (4, 3, 2):  # the name is the end of the run of characters before the bracket
            name = run[-k:]
            if len(run) >= k and is_name(name):
                out.append(Speaker(name=name, title=title))
                break
    return out


# One person of a list laid out a line each, as minutes list who attended: "市水利局　　周某某（局长）" (the body, a run
# of spaces, the name and the post in brackets) or "周某某（局长）".
_LISTED = re.compile(r"^[\s\u3000]*(?:(?P<body>[\u4e00-\u9fff（）()]{2,20}?)[\s\u3000]+)?(?P<name>[\u4e00-\u9fff·]{2,6})"
                     r"[（(](?P<post>[^（）()]{1,20})[)）][\s\u3000]*$")


def listed_person(line: str) -> Speaker | None:
    """The person a line of an attendance list names, with the post read in full (the body's, when the line puts
    the body first and the post names none), else None."""
    m = _LISTED.match(line)
    if not m or not is_name(m.group("name")):
        return None
    body, post = (m.group("body") or "").strip(), m.group("post").strip()
    return Speaker(name=m.group("name"), title=post if not body or post.startswith(body) else body + post)


def split_title_name(label: str) -> Speaker | None:
    """A speaker label's "TITLE NAME" / "TITLE 空格 NAME" / "NAME（TITLE）" / "NAME" as a Speaker; a name may be a
    transcribed one ("吐尔洪·艾买提")."""
    label = label.strip()
    m = re.match(r"^(.+?)\s*[(（](.+?)[)）]$", label)
    if m and _whole_name(m.group(1)):
        return Speaker(name=m.group(1), title=m.group(2).strip())
    if _whole_name(label):
        return Speaker(name=label)
    parts = label.split()
    if len(parts) >= 2 and _whole_name(parts[-1]):
        return Speaker(name=parts[-1], title="".join(parts[:-1]))
    for m in _TITLE_RX.finditer(label):
        rest = label[m.end():]
        if rest and _whole_name(rest):
            return Speaker(name=rest, title=label[:m.end()])
    return None


def _whole_name(text: str) -> bool:
    """The whole text is a personal name: by the surname rules, or a transcribed name ("买买提·吐尔逊")."""
    if is_name(text):
        return True
    # A post before a dotted name ("副主任吐尔洪·艾买提") is no part of it.
    dot = text.find("·")
    return len(text) >= 4 and long_name_at(text) == text and not any(
        m.start() < dot for m in _TITLE_RX.finditer(text))


def short_reference(text: str) -> tuple[str, str] | None:
    """'周局长' → ('周', '局长'); '张三丰局长' → ('张三丰', '局长'): a person named by surname or name and office."""
    m = _TITLE_RX.search(text)
    if not m or m.end() != len(text) or m.start() == 0:
        return None
    head = text[:m.start()]
    if head in SURNAMES_2 or (len(head) == 1 and head in SURNAMES_1) or is_name(head):
        return head, m.group()
    return None


# A signature's own label ("答复人：某局副局长 某某", "签发人：…").
# A dash before a byline ("——乙县县长 某某"), not before a feature's subtitle ("——记某村党支部书记某某").
_SIGNER_LABEL = re.compile(r"^(?:(?:答复人|回复人|签发人|署名|落款|经办人|承办人)\s*[：:]|[—－]{1,2}(?!\s*记))\s*")


# A post, a space and a two- or three-character name, and nothing else on the line.
_SIGNED_RARE = re.compile(r"^([\u4e00-\u9fff、]{1,30}?(?:"
                          + TITLE_ALTERNATION
                          + r"))[ \u3000]+([\u4e00-\u9fff]{2,3})$")


# A line of a list of people, name first: "张三　市甲局河湖科科长" (a name, spaces, a post and nothing else).
_NAME_SPACE_POST = re.compile(r"^[\s\u3000]*(?P<name>[\u4e00-\u9fff·]{2,4})[\s\u3000]+(?P<post>[^\s\u3000，,。；;：:！!？?“”]{2,30})$")


# A field's label before the person it names ("负责人：", "联系人："), or a signer's.
_PERSON_LABEL = re.compile(r"^(?:负责人|联系人|责任人|承诺人|答复人|回复人|签发人|经办人|承办人)\s*[：:]\s*")


def listed_name_post(line: str) -> Speaker | None:
    """The person a line of a list names, name first then the post ("张三 市甲局副局长", as a commendation's list or
    a minutes' attendance gives them; "负责人：张三　市甲局局长" under a field's label), else None."""
    m = _NAME_SPACE_POST.match(_PERSON_LABEL.sub("", line.strip()))
    if not m or not is_name(m.group("name")) or not _TITLE_END_RX.search(m.group("post")):
        return None
    return Speaker(name=m.group("name"), title=m.group("post"))


# A unit, a space, then a full name ("某镇某村驻村工作队　某某"): the unit ends in a word for a body or a place.
_UNIT_THEN_NAME = re.compile(r"^([\u4e00-\u9fff（）()]{2,30}?(?:社区|村|镇|乡|街道|局|委|办|中心|公司|厂|学校|中学|小学|"
                             r"医院|大队|中队|支队|工作队|班|站|所|院|部))[ \u3000]+([\u4e00-\u9fff]{2,3})$")


def signature(line: str) -> Speaker | None:
    """The one person a line names and nothing else: a post and a name ("市交通运输局副局长 郭振华"), the way a
    reply is signed or a speech gives its speaker. None for any other line."""
    text = _SIGNER_LABEL.sub("", line.strip())
    if not text or len(text) > 40 or re.search(r"[，,。；;！!？?：:“”\"]", text):
        return None
    people = titled_people(text)
    if not people and (m := _SIGNED_RARE.match(text)) and word_frequency(m.group(2)) == 0:
        # "景洪市人民政府市长　某某": a post, a space, then a name whose surname the surname list lacks (a Dai or
        # Yi name). The line's form says it is a name; a dictionary word there ("致辞", "讲话") is none.
        people = [Speaker(name=m.group(2), title=clean_title(m.group(1)))]
    if not people and (m := _UNIT_THEN_NAME.match(text)) and full_name(m.group(2)):
        # "某街道某社区　某某": a speech's byline gives the unit and the name, with no post between them.
        return Speaker(name=m.group(2), title=m.group(1))
    if len(people) != 1 or not people[0].title:
        return None
    person = people[0]
    rest = re.sub(r"\s+", "", text).replace(person.title, "", 1).replace(person.name, "", 1)
    return person if rest in ("", "同志") else None


# What a name is followed by when it is no post: a form of address ("邓某明同志").
_ADDRESS = ("同志", "先生", "女士")


def name_then_post(text: str) -> Speaker | None:
    """A name, then its post or a form of address in one run and nothing else ("易某华总规划师", "丁某兰副理事长",
    "邓某明同志"), else None."""
    if re.search(r"[^\u4e00-\u9fff]", text):
        return None  # "党组书记、局长": a list of posts, no name before them
    # A three-character name: with two, a word and a post are too easily read as one ("党组" + "成员").
    name, post = text[:3], text[3:]
    if not full_name(name) or splits_words(text):
        return None
    if post in _ADDRESS:
        return Speaker(name=name, title="")
    if 2 <= len(post) <= 10 and (names_a_post(post) or len(post) >= 3 and re.search(r"[师员长]$", post)):
        return Speaker(name=name, title=post)
    return None


# A two-character word the dictionary counts this often is an everyday word unless it tags it a name ("高峰").
EVERYDAY_MIN = 300
# A common noun (tag n) from this count is one too ("市长信箱", "书记热线": a channel named after a post, no person).
# Not the other tags that low: a verb may be a given name ("甘露", 147).
EVERYDAY_NOUN_MIN = 100


def splits_words(text: str) -> bool:
    """Reading the text's first three characters as a name would cut everyday words in two: its first two are a word
    of their own and its third opens a very common word with the next ("农田建设管理股股长" is 农田 + 建设, no 农田建;
    "来访群众" is 来访 + 群众)."""
    return word_frequency(text[:2]) >= EVERYDAY_MIN and word_frequency(text[2:4]) >= COMMON_WORD_FREQUENCY


def everyday_word(name: str) -> bool:
    """A two-character reading that jieba's dictionary holds as an everyday word of another kind ("公开", "公寓",
    "那年"), not a name: very frequent, or frequent and tagged other than a personal name ("高峰", "文明" stay)."""
    if len(name) != 2:
        return False
    freq = word_frequency(name)
    if freq >= COMMON_WORD_FREQUENCY:
        return True
    if freq < EVERYDAY_NOUN_MIN:
        return False
    import jieba.posseg  # the tag table; imported only when such a word stands where a name should

    tag = jieba.posseg.dt.word_tag_tab.get(name, "nr")
    return tag == "n" if freq < EVERYDAY_MIN else not tag.startswith("nr")


def full_name(text: str) -> bool:
    """A name whole, surname and given name, that no common word opens ("相关", "党组" are words, not surnames with
    a given name): safe to take for a person with no list of people to check it against."""
    from index.search.tokenize import word_frequency

    return is_name(text) and (len(text) == 2 or word_frequency(text[:2]) < COMMON_WORD_FREQUENCY) \
        and word_frequency(text) < COMMON_WORD_FREQUENCY


# A word this frequent in jieba's dictionary is an everyday word, far more frequent than any given name (来自 6801,
# 由于 30181; 高峰 1556, 向东 1037 can start names).
COMMON_WORD_FREQUENCY = 5000
