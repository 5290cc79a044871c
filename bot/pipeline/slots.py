"""Slots of a question whose form is fixed: ordinals (第N个, 最后一个, 第二部分第（三）条) and the kind of fact asked for."""
from __future__ import annotations

import re
from dataclasses import dataclass


_NUM = r"[一二三四五六七八九十百零〇两\d]+"
# 第（三）条 / 第(3)条: a second-level clause of a numbered document.
_CLAUSE = re.compile(rf"第?[（(]({_NUM})[)）](条|项|款|点)?")
# 篇 and 则 count the pieces of a series or a compilation ("第一篇日记", "第三则案例").
_ORDINAL = re.compile(rf"(倒数)?第({_NUM})(个|项|大|条|部分|方面|章|节|点|类|板块|块|次|位|件|段|封|篇|则)?")
_POINT = re.compile(rf"(最后一?|第({_NUM}))(点|项|小点|款)")
_LAST = re.compile(r"最后(一|1)?(个|项|条|部分|方面|章|节|点|类|板块|块|件|封|篇|则)?")
# Two ordinals in a row, the second inside the first ("重点任务第四项里的第2条", "第一大项下面的第三条",
# "第（三）部分的第2项", "最后一部分的最后一条"): a part (or a group of a named part), then an item inside it.
_ONE = (rf"(?:(倒数)?第\s*[（(]?({_NUM})[)）]?|最后(?:一|1)?)"
        r"(?:大)?(?:个|项|条|部分|方面|章|节|点|类|板块|块|件|款)")
# "第四章第二节", "第二部分第三条": the inner one may follow at once.
_NESTED = re.compile(rf"{_ONE}\s*(?:里面|里头|里|中间|中|下面|下头|之下|下|的)*\s*{_ONE}")
# After a unit a text labels (an article, an item, a part, not a bare "第二个"), a few words may name what it lists
# before the inner one ("第十九条列的禁止行为里，第五项"); "第二个行动里第一个发言的" is a speaker in a part, not an item.
_ONE_UNIT = rf"(?:(倒数)?第\s*[（(]?({_NUM})[)）]?|最后(?:一|1)?)(?:大)?(?:项|条|部分|章|节|款)"
_NESTED_GAP = re.compile(rf"{_ONE_UNIT}[^。？?！!；;，,]{{1,10}}?(?:里面|里头|里|中间|中|下面|下头|之下|下)[，,\s]*{_ONE}")
# The second told by its rank, with no measure word: "第二部分里排第四的那项", "第三部分中排在第二位的".
_NESTED_RANK = re.compile(rf"{_ONE}\s*(?:里面|里头|里|中间|中|下面|下头|之下|下|的)*\s*排(?:在|名)?\s*(倒数)?第\s*({_NUM})")
# 最后 as "finally", before what someone did ("最后提了…"): a verb of speech with 了/过, not an item; "最后讲到的"
# (the last one spoken of) is still an ordinal.
_FINALLY = re.compile(r"(?:又|还|再|也|都)?(?:提|说|讲|谈|强调|表示|指出|要求|总结|补充|作|做)(?:了|过)")
_FIRST = re.compile(r"(头一|首)(个|项|条|部分|方面)")
# Several items asked for in one clause ("几条", "那几点", "哪些", "全部"): a list, not one item of it.
_SEVERAL = re.compile(r"几(?:个|条|点|项|类|件|位|种|方面|部分)|哪些|全部|所有|都有(?:哪|啥|什么)")


def _clause_at(text: str, at: int) -> str:
    """The clause of the question that holds this position (between its commas and question marks)."""
    start = max(text.rfind(c, 0, at) for c in "，,。？?！!；;") + 1
    ends = [e for c in "，,。？?！!；;" if (e := text.find(c, at)) >= 0]
    return text[start:min(ends) if ends else len(text)]
# A verb right after a bare 最后 ("最后列的", "最后附的"): where something stands in the text, not an item's place.
_VERB_AFTER_LAST = re.compile(r"(?:列|附|写|附上|列出|列了|附了)的")
# Measure words say nothing about which list is meant ("第一个" of what?): the noun after them does.
_MEASURES = ("个", "项", "大", "点", "类", "件", "位", "次", "封", "篇", "则", "")
# Nouns that name the parts of a numbered document rather than a listed kind of item.
# "议题": a meeting's parts, which its minutes number (一、关于…).
PART_NOUNS = ("部分", "条", "章", "节", "板块", "块", "方面", "议题", "篇")
# 几个/多少个 + noun: a count; "列出/全部/都有哪些/分别" a full list.
# 好多 is the Sichuan 多少 ("一共好多位?"): question words are a closed class.
_COUNT = re.compile(r"(?<!哪)(几|多少|好多)(个|项|大|条|部分|方面|类|位|名|家|件|篇|则)")
_LIST = re.compile(r"(哪些|哪几|列出|列一下|全部|所有|分别|都有什么|都包括|都是什么|有什么|包括什么|是哪)")
_PLURAL = re.compile(r"(哪些|哪几|有谁|都有谁|几位|多少位|分别|各自|所有|全部|都是谁)")

# "几点要求", "几点意见": 点 counts points there, it does not ask the time.
_POINTS = r"(?!要求|意见|建议|措施|举措|内容|原因|理由|看法|体会|感受|启示|经验|做法|打算|考虑|变化|不同|区别)"
# "几号" asks a day, but after a telephone it asks the number to call ("热线电话是几号").
DAY_NUMBER = r"(?<!电话)(?<!热线)(?<!号码)(?<!电话是)(?<!热线是)(?<!号码是)几号"
ASKS = {
    # Question words are a closed class in Chinese: matching them is a fixed form, not a wording.
    "when": re.compile(r"(什么时候|何时|哪天|哪一天|哪几天|哪些天|" + DAY_NUMBER + r"|哪年|哪一年|几月|啥时候|什么时间|时间是|日期|几点" + _POINTS + ")"),
    "clock": re.compile(r"(几点" + _POINTS + "|什么时刻|几时几分)"),
    "duration": re.compile(r"(多久|多长时间|几个小时|几分钟|(?<!哪)几天|省多少时间)"),  # "哪几天" asks which days
    "where": re.compile(r"(在哪(?![一二三四五六七八九十几两些个项类方条天年月日号])|哪里|哪儿|何处|(?:什么|啥子?|哪个)(?:地方|地点)|地点|位置|"
                        r"在何地)"),
    "number": re.compile(r"(多少|(?<!哪)几[个项条家所名位次年倍座批类种成大万亿千百十趟班亩吨]|多大|多高|多长|多远|多快|比例|几成|几多|"
                         r"好多(?=[个项条家位人钱元年次种]|$|[?？]))"),
    # A money noun asks for a sum only as the question's last word ("门票价格？"): "要收费吗" asks whether, and
    # "收费的事是怎么说的" asks what was said.
    "money": re.compile(r"(多少钱|好多钱|几块钱|花多少|投入多少|多少元|(?:票价|价格|费用|收费(?:标准)?)(?:是|为)?(?=[?？呢\s]*$))"),
    # A share asked for: a rate or proportion and how much of it ("合格率是多少", "报销比例要降多少"), 几成, 百分之几.
    "share": re.compile(r"(?:比例|比率|占比|百分比|[\u4e00-\u9fff]率)[\u4e00-\u9fff]{0,4}?(?:多少|几)(?![成万元亿块钱])|百分之(?:多少|几)|"
                        r"(?<![一二三四五六七八九十])几成|多少个百分点|多少成"),
    # "哪个嘉宾说的", "哪个网友问的": a word for people after 哪个 asks who, as 谁 does.
    "person": re.compile(r"(谁|哪位|哪个人|哪些人|何人|叫什么名字|哪几位|哪几个人|哪(个|些|家)(局|部门|单位|领导|官员|负责人|人|"
                         r"嘉宾|发言人|发布人|干部|同志|专家|代表|委员|记者|网友|市民|居民|村民)|"
                         r"哪(?:个|些|几位|几个)[\u4e00-\u9fff]{1,6}的(?:领导|官员|负责人|人|发言人|发布人|嘉宾))"),
}


@dataclass(frozen=True)
class Ordinal:
    """Which part a question points at: position (1-based; -1 last, -2 second to last), noun, clause."""

    position: int = 0
    noun: str = ""
    clause: int = 0  # 第（三）条 → 3
    point: int = 0  # 第（三）条第2点 → 2; 最后一点 → -1 (a numbered point inside a clause)
    head: str = ""  # the noun the ordinal's phrase ends in: "第三个介绍情况的发布人" → 发布人
    entrance: bool = False  # an order of coming on ("最后一个上场的嘉宾"): first words, not last words, count


def _head_after(text: str, end: int) -> str:
    """The noun a phrase after an ordinal ends in, after its last 的 ("第一个出场的市民是谁" → 市民), or ""."""
    m = re.match(r"[^，,。？?！!]*?(?=是谁|是哪|是什么|是啥|叫什么|叫啥|[，,。？?！!]|$)", text[end:])
    phrase = m.group(0) if m else ""
    head = phrase.rsplit("的", 1)[1] if "的" in phrase else ""
    # Only an order of speaking ("第一个出场的市民", "第三个介绍情况的发布人"): "第一个上车做检查的村民" is another order.
    return head if len(head) >= 2 and (_SPOKE.search(phrase) or head in _SPEAKERS_BY_ROLE) else ""


_SPOKE = re.compile(r"发言|讲话|介绍|出场|回答|说|讲|谈|表态|汇报|亮相|提到|发布|答|提问|问")
_SPEAKERS_BY_ROLE = ("发布人", "发言人", "嘉宾", "受访者")


# Coming on stage or into the picture: the order of first appearance ("最后一个上场的嘉宾", "第二个出场的").
_ENTRANCE = re.compile(r"上场|出场|登场|亮相|入场|露面")


def _entering(text: str, end: int) -> bool:
    """The ordinal's own phrase (up to its predicate) says the order of coming on."""
    m = re.match(r"[^，,。？?！!]*?(?=是谁|是哪|是什么|是啥|叫什么|叫啥|[，,。？?！!]|$)", text[end:])
    return bool(_ENTRANCE.search(m.group(0) if m else ""))


def number_of(s: str) -> int:
    """A count written in Chinese or Arabic numerals ("十五" → 15), or 0."""
    import cn2an  # ~0.3 s to import (it brings requests): only ordinal questions need it

    try:
        return int(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, TypeError):
        return 0


# What follows an item noun: the predicate or a particle ("第三个行动是…", "第二项里…").
_AFTER_NOUN = re.compile(r"(是|讲|说|有|的|包括|内容|里|中|呢|吗|[?？,，。]|$)")


def _noun_after(text: str, end: int, measure: str = "") -> str:
    """The item noun right after an ordinal: 第三个行动 → 行动; a verb after it is no part of the noun ("第三项任务写的"
    → 任务), and a verb alone leaves the measure word as the noun ("第七点说的是啥" → 点)."""
    rest = text[end:]
    # "排在最后的那一项", "最后那个行动": a demonstrative and its measure word stand between the ordinal and its noun.
    pointed = re.match(r"的?(?:那|这)(?:一)?(个|项|条|点|部分|方面|件|类)", rest)
    if pointed:
        rest = rest[pointed.end():]
        if re.match(r"(是|呢|吗|[?？,，。]|$)", rest):
            return pointed.group(1) if pointed.group(1) not in _MEASURES else ""
    if re.match(r"的?(是|呢|吗|[?？,，。]|$)", rest):
        # "第二个是什么": no noun, the predicate follows the measure word at once; "排第三的是…" makes the ordinal
        # itself the subject (的 nominalises it), no noun either.
        return ""
    m = re.match(rf"[的]?([\u4e00-\u9fff]{{1,3}}?)(?={_AFTER_NOUN.pattern})", rest)
    if not m:
        return ""
    from bot.pipeline.scope import noun_part, verb_only

    if verb_only(m.group(1)):
        return measure if measure in _ITEM_MEASURES else ""
    return noun_part(m.group(1)) or m.group(1)


# Measure words that count a document's items or points themselves ("第七点", "第二项") when no noun follows them.
_ITEM_MEASURES = ("项", "点", "件", "篇", "则")


# "哪个行动只有一个人发言?", "哪一部分发言的人最多?": the parts picked by how many people speak in them.
_BY_SPEAKERS = re.compile(r"哪.{0,8}?(?:只有|就|仅|才|只|有)\s*(一|两|二|三|四|五|\d)\s*(?:个人|位|名)"
                          r"(?=.{0,6}(?:发言|讲话|发了言|讲了话|出来|说))"
                          r"|哪.{0,10}?(?:人|发言|讲话).{0,4}?(最多|最少)")


def by_speakers(text: str) -> int | str | None:
    """How a question picks parts by their speakers: an exact count (1), "most", "fewest", or None."""
    m = _BY_SPEAKERS.search(text)
    if not m:
        return None
    if m.group(2):
        return "most" if m.group(2) == "最多" else "fewest"
    return number_of(m.group(1))


def nested(text: str) -> tuple[int, int] | None:
    """The two positions of an ordinal inside an ordinal ("第四项里的第2条" → (4, 2); "最后一部分的最后一条" →
    (-1, -1)), or None."""
    m = _NESTED.search(text) or _NESTED_GAP.search(text)
    if not m:
        rank = _NESTED_RANK.search(text)
        first = re.match(_ONE, rank.group(0)) if rank else None
        if first is None:
            return None
        outer = (-number_of(first.group(2)) if first.group(1) else number_of(first.group(2))) if first.group(2) else -1
        inner = number_of(rank.group(4))
        inner = -inner if rank.group(3) else inner
        return (outer, inner) if outer and inner else None
    out = []
    for one in re.finditer(_ONE, m.group(0)):
        if one.group(2):
            n = number_of(one.group(2))
            out.append(-n if one.group(1) else n)
        else:
            out.append(-1)
    return (out[0], out[1]) if len(out) == 2 and all(out) else None


def ordinal(text: str) -> Ordinal | None:
    """The ordinal slot of a question, or None."""
    clause = point = 0
    m = _CLAUSE.search(text)
    if m:
        clause = number_of(m.group(1))
        rest = text[m.end():]
        # "第（二）条第2点" / "（二）里最后一点": a numbered point inside the clause.
        p = _POINT.search(rest)
        if p:
            point = -1 if p.group(1).startswith("最后") else number_of(p.group(2))
            rest = rest[:p.start()] + "　" + rest[p.end():]
        text_wo = text[:m.start()] + "　" + rest
    else:
        text_wo = text
    m = _ORDINAL.search(text_wo)
    if m and m.group(2):
        n = number_of(m.group(2))
        if n:
            noun = m.group(3) or ""
            if noun in _MEASURES:
                noun = _noun_after(text_wo, m.end(), noun)
            return Ordinal(-n if m.group(1) else n, noun, clause, point, _head_after(text_wo, m.end()),
                           _entering(text_wo, m.start()))
    m = _LAST.search(text_wo)
    if m and not (m.group(1) or m.group(2)) and _FINALLY.match(text_wo, m.end()):
        m = None  # "市长最后提了哪几点要求": 最后 says when he spoke, not which item
    elif m and not (m.group(1) or m.group(2)) and wants_count(text_wo) and _VERB_AFTER_LAST.match(text_wo, m.end()):
        m = None  # "材料最后列的荣誉一共几项": 最后 says where the list stands; one item is not counted
    elif m and not (m.group(1) or m.group(2)) and _SEVERAL.search(_clause_at(text_wo, m.start())):
        m = None  # "报告最后的对策建议有几条", "最后强调的那几点要求": where the list stands, and all of it is asked
    if m:
        noun = m.group(2) or ""
        if noun in _MEASURES:
            noun = _noun_after(text_wo, m.end(), noun)
        return Ordinal(-1, noun, clause, point, _head_after(text_wo, m.end()), _entering(text_wo, m.start()))
    m = _FIRST.search(text_wo)
    if m:
        # "头一个典型案例": the noun after the measure word, as after "第一个".
        noun = _noun_after(text_wo, m.end(), m.group(2)) if m.group(2) in _MEASURES else m.group(2)
        return Ordinal(1, noun, clause, point, _head_after(text_wo, m.end()))
    if clause:
        return Ordinal(0, "条", clause, point)
    return None


# An item told by its place next to another: "陈某致辞完了以后下一项是什么", "执法局领导回应之前，最后一个接受采访的",
# "概况后面的第一个条目". The other item's words, and the step from it.
_NEXT_AFTER = re.compile(r"([^，,。；;？?！!\s]{2,16}?)(?:讲完|说完|致辞完|发言完|介绍完|推介完|完了|结束)?了?"
                         r"(?:以后|之后|后面|后边|过后|后头)的?[，,]?\s*(?:的?下一(?!步)|接下来的?|紧接着的?|紧跟着的?|第一)"
                         r"(个|项|位|条|篇|段|部分|件)?")
_NEXT_BEFORE = re.compile(r"([^，,。；;？?！!\s]{2,16}?)(?:以前|之前|前面|前边|前头)的?[，,]?\s*(?:的?上一|最后一|前一|紧挨着的)"
                          r"(个|项|位|条|篇|段|部分|件)?")


@dataclass
class NextTo:
    """An item asked for by its place next to another: the other one's words, and the step (+1 after, -1 before)."""

    anchor: str
    step: int


def next_to(text: str) -> NextTo | None:
    """The item a question places next to another ("X之后的下一项", "X之前最后一个"), or None."""
    after, before = _NEXT_AFTER.search(text), _NEXT_BEFORE.search(text)
    m = min((x for x in (after, before) if x), key=lambda x: x.start(), default=None)
    if m is None:
        return None
    return NextTo(re.sub(r"^(?:在|等|到|从|那|这)", "", m.group(1)), 1 if m is after else -1)


# A quotation in a question is the documents' words, not the asker's ("“哪里不方便，我们就往哪里使劲”是谁说的?" asks
# who, not where).
QUOTED = re.compile(r"[“「『\"][^”」』\"]{2,}[”」』\"]")


def asks_for(text: str) -> set[str]:
    """The kinds of fact the question asks for: when, where, number, person."""
    text = QUOTED.sub("", text)
    return {k for k, rx in ASKS.items() if rx.search(text)}


# The same closed class in English. A translation into the corpus's words loses it ("What is the fine for…" keeps
# no word that asks for a sum), so the English question's own words say what kind of fact an answer must hold.
ASKS_EN = {
    "person": re.compile(r"\bwho(?:m|se)?\b", re.I),
    "when": re.compile(r"\bwhen\b|\bwhat (?:time|date|day|year|month)\b|\bwhich (?:day|date|year|month)\b|\bdeadline\b",
                       re.I),
    "duration": re.compile(r"\bhow long\b", re.I),
    "where": re.compile(r"\bwhere\b|\bwhat (?:place|address|location|venue)\b", re.I),
    "number": re.compile(r"\bhow (?:many|much|long|far|big|large|high|fast|often)\b|"
                         r"\bwhat (?:share|percentage|proportion|ratio|number)\b", re.I),
    "share": re.compile(r"\b(?:what|which|how high|how low)\b.{0,40}?\b(?:rate|percentage|proportion|share|ratio)\b|"
                        r"\bat what rate\b|\bhow many percent|\bwhat percent", re.I),
}
# A sum of money asked for: "How much will it cost", "What is the monthly rent", "the fine for…", "the total budget";
# a noun for a sum asks for one only in a question for a figure, not in a yes/no one ("are tolls waived?").
_EN_MONEY = re.compile(r"\b(?:cost|costs|price|prices|priced|rent|rents|fee|fees|fare|fares|fine|fines|toll|tolls|"
                       r"charge|charges|tuition|salary|wage|wages|premium|budget|budgets|spend|spent|invest|invested|"
                       r"investment|funding|subsid(?:y|ies)|allowance|yuan|money)\b", re.I)
_EN_WHAT_IS = re.compile(r"\bwhat(?:'s| is| was| are| were| will be)? (?:the |a |its |their )?(?:[a-z-]+ ){0,3}?"
                         r"(?:cost|price|rent|fee|fare|fine|toll|charge|tuition|salary|wage|premium|budget|subsidy|allowance)s?\b|"
                         r"\bwhat (?:is|was|are|were|will be) the\b|\bhow much (?:is|are|does|do|did|will|would)\b", re.I)


def asks_in_english(text: str) -> set[str]:
    """The kinds of fact an English question asks for, from its question words (who, when, where, how many, what
    rate, how much money)."""
    asks = {k for k, rx in ASKS_EN.items() if rx.search(text)}
    if _EN_MONEY.search(text) and ("number" in asks or _EN_WHAT_IS.search(text)) or \
            re.search(r"\bhow much (?:is|are|does|do|did|will|would)\b", text, re.I):
        asks.add("money")
    return asks


def wants_count(text: str) -> bool:
    """The question asks how many."""
    return bool(_COUNT.search(text))


# The word a question counts points by ("有哪几条", "几个方面", "哪几点要求").
_COUNTED_BY = re.compile(r"(?:哪|几|多少|好多)(?:个)?(条|项|点|方面|类|种|件|封)")


def counted_noun(text: str) -> str:
    """The word the question counts items by ("分了几个方面" → "方面"), or ""."""
    m = _COUNTED_BY.search(text)
    return m.group(1) if m else ""


def wants_list(text: str) -> bool:
    """The question asks for every item."""
    return bool(_LIST.search(text))


def is_plural(text: str) -> bool:
    """The question asks for everyone who matches, not one person."""
    return bool(_PLURAL.search(text))


# Two things asked side by side: "2025年和2027年的目标分别是多少", "口袋公园和绿道的奖补标准有什么不同". Each side is
# a short noun phrase or clause; what joins them is a conjunction, and the question compares or asks "each".
_SIDES = re.compile(r"(?P<a>[\u4e00-\u9fff\dA-Za-z（）()%.]{1,12}?)(?:和|跟|与|同|及|还是)"
                    r"(?P<b>[\u4e00-\u9fff\dA-Za-z（）()%.]{1,12}?)(?=的|这两|两[个项者]|分别|各自|各|有[啥什]|目标|哪个|差|比|[，,？?]|$)")
_EACH = re.compile(r"分别|各自|各是|各有|有什么不同|有啥不同|有什么区别|有啥区别|有啥不一样|有什么不一样|不一样|区别|差了多少|"
                   r"差多少|哪个(?:高|多|大)(?=[？?，,。！!\s呢啊些点]|$)|比一比|比一下|对比")
_COMPARE_WORDS = re.compile(r"分别|各自|(?:有什么|有啥)?(?:不同|区别|不一样)|差了多少|差多少|哪个(?:高|多|大)|比一比|比一下|对比一下|对比"
                            r"|这两[个项]|两[个项者]")
_LEAD_IN = re.compile(r"^(?:请问|想问一下|想问问|问一下|我想知道|那|那么)")
_WH_START = re.compile(r"哪|谁|什么|啥")


def opens_with_asking(text: str) -> bool:
    """The words open with what is asked ("哪个大学…", "谁…"): after 和/跟 they are no second side of a pair but the
    object of a preposition ("跟哪个大学合作的")."""
    return bool(_WH_START.match(text))


def two_sides(text: str) -> tuple[str, str, str, str] | None:
    """(a, b, the question asked of a, the question asked of b) for a question that asks the same of two things
    ("2025年和2027年的目标分别是多少?" → "2025年的目标是多少?", "2027年的目标是多少?"), or None."""
    if not _EACH.search(text):
        return None
    m = _SIDES.search(_LEAD_IN.sub("", text))
    if not m:
        return None
    a, b = m.group("a"), m.group("b")
    if opens_with_asking(b):
        return None  # "跟哪个大学合作的": a preposition before what is asked, not a second thing
    if "的" in a and "的" not in b:
        a = a.split("的", 1)[0]  # "到2027年的目标和到2030年的目标": the sides are the years, the rest is shared
    if a == b or len(a) < 2 or len(b) < 2:
        return None
    whole = m.group(0)
    rest = _COMPARE_WORDS.sub("", _LEAD_IN.sub("", text))
    rest = re.sub(r"[？?]+", "？", re.sub(r"[，,]\s*(?=[？?]|$)", "", rest))
    return a, b, rest.replace(whole, a, 1), rest.replace(whole, b, 1)


def stated_count(text: str, measures: str = "位个名") -> int:
    """A number the question itself states before one of the measure words ("请了哪两位局长" → 2, "五项措施" → 5
    with measures "项"), or 0."""
    m = re.search(f"(?<![第几])([两二三四五六七八九十\\d]{{1,2}})\\s*[{measures}]", text)
    return number_of(m.group(1).replace("两", "二")) if m else 0
