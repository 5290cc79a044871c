"""The shape of an answer: the short clause that holds the asked-for fact, who said it, full-width punctuation."""
from __future__ import annotations

import re
from collections.abc import Callable

from index.models import Chunk

from bot import citations

SHORT = 120
# An answer is at most this long and cites at most this many passages: an answer, not a dump of the documents.
MAX_ANSWER = 380
MAX_CITATIONS = 3
_CLAUSE = re.compile(r".+?(?:[，,；;：:](?![\d])|[。！？!?]+[”’」』\"')）]*|$)", re.S)
_SENT_END = "。！？!?…"
# Days of the week ("每周五、周六", "工作日") answer "哪几天" as a date does.
_DATE = re.compile(r"(?:周|星期|礼拜)[一二三四五六日天]|工作日|节假日|双休日|周末|\d{4}年|\d{1,2}月|\d{1,2}日|年底|(?<![一二三四五六七八九十两\d])年内|年初|年中|今年|明年|上半年|下半年|季度|月底|\d{4}\s*[-—–至到]\s*\d{4}|\d+年"
                   # a time fixed by the calendar's events ("下一个汛期到来前", "春节前", "开学后")
                   r"|(?:春节|元旦|国庆|中秋|端午|清明|汛期|主汛期|开学|入冬|入汛|供暖季|采暖季|节假日)(?:到来|来临|结束)?[前后]")
_DAY = re.compile(r"\d{1,2}\s*[日号]|[一二三四五六七八九十]{1,3}[日号]|\d{1,2}\s*月\s*\d{1,2}|[前昨今明后]天|当天|周[一二三四五六日末]|星期[一二三四五六日天]")
_YEAR = re.compile(r"\d{4}\s*年|[前去今明后]年|(?<![一二三四五六七八九十两\d])年内|年底|年初|年中|上半年|下半年")
# A question for a span of time ("从哪天搞到哪天", "起止时间") is answered by a span: a date, 至/到, a date.
_SPAN_Q = re.compile(r"(?:哪天|几号|什么时候|啥时候|何时|哪年|几月)[^，,。？?]{0,8}?(?:到|至)[^，,。？?]{0,4}?"
                     r"(?:哪天|几号|什么时候|啥时候|何时|哪年|几月)|起止|起讫")
_DATE_POINT = (r"(?:\d{4}\s*年\s*|明年|次年|翌年|今年)?(?:(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号]|\d{1,2}\s*月(?:底|初|中旬|上旬|下旬)?)"
               r"|\d{4}\s*年(?:\s*\d{1,2}\s*月)?")
_DATE_SPAN = re.compile(rf"(?:{_DATE_POINT})\s*(?:至|到|—|－|-|~|～)\s*(?:{_DATE_POINT}|年底|月底)")
# The grain of time a question asks for, and what answers it.
_WHEN_GRAIN = ((_DAY, re.compile(r"哪天|哪一天|哪几天|哪些天|哪日|几号|几月几[日号]|什么日子|哪个日子|具体日期")),
               (_YEAR, re.compile(r"哪年|哪一年|几几年|什么年份|哪个年份")))
_DURATION = re.compile(r"(\d+|[一二两三四五六七八九十半几]+)\s*(分钟|小时|天|个月|周|年|日)")
# How often ("每周至少探访一次", "每半年组织一次调整"): what "多久一次" asks for, not how long something lasts
# ("挂职一次挂多长时间" is not answered by "每年选派").
_HOW_OFTEN = re.compile(r"(?:多久|多长时间|几天|几个月|几年|多少天)[^，,。？?]{0,6}一次|隔多久|频次|频率|多久搞|多久开")
_FREQUENCY = re.compile(r"每(?:隔)?(?:[\d一二两三四五六七八九十半]+\s*个?)?(?:天|日|周|星期|月|季度|季|年|学期|小时)")
# A time of day ("9:00", "上午9点", "早上六点半"): what "几点" asks for.
# Official texts write the hour with 时 ("22时至次日8时", "17时前"); 时间 / 时段 / 时期 are no hour.
_CLOCK = re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|[\d一二三四五六七八九十两]{1,3}\s*点(半|钟|\d{1,2}分)?"
                    r"|(?<![\d.])\d{1,2}\s*时(?![间段期代效刻候])"
                    # Round the clock answers "几点有人接听" as a time would: "24小时有人接听", "全天候", "昼夜".
                    r"|24\s*小时(?:有人|值守|在线|接听|服务|开放|营业|畅通)|全天候|全天24|昼夜(?:值守|服务|开放)")
# "主持召开市政府…" / "推动市县…": a verb right before 市/县/区 starts a noun phrase, not a place name.
_VERB_BEFORE_ADMIN = re.compile(r"(召开|主持|推动|推进|组织|实施|加快|全)(市|县|区)$")
_MONEY = re.compile(r"\d\s*(元|万元|亿元)|[一二两三四五六七八九十百千万亿]+元")
# A share or a rate: a percentage, 百分之…, 七成, 10个百分点, a ratio (1∶5, 7∶3; one digit each side, so "8:30" is a
# time), a multiple (2倍). What "比例是多少" / "合格率多少" / "几成" asks for.
_SHARE = re.compile(r"\d+(?:\.\d+)?\s*[%％‰]|百分之[零一二三四五六七八九十百点\d]+|百分点|"
                    r"[一二三四五六七八九十\d](?:\.\d)?成(?![本员立果为效都熟就绩交长功了不])|"
                    r"\d+\s*∶\s*\d+|(?<!\d)\d\s*[:：]\s*\d(?!\d)|[\d一二两三四五六七八九十]+倍")
# "全市/本县/我区" name no place: the whole of the one the text is about.
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}(?<![全本我该各])(市|县|区|镇|乡|村|省|州|(?<![国红彩锦党团队])旗|路|街|大道|广场|中心|园区|基地|大厅|会场|厅|馆|港|站)")
# A figure: digits, or a Chinese numeral with its measure word ("七八斤", "三成", "两个小时").
NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千万亿半]+[多余]?(?:[个项条家所名位次年倍座批类种成大万亿%公里辆列亩元斤吨米户人天周月块张台套间层栋头只场单份件袋箱瓶趟遍岁]"
                     r"|小时|分钟|公斤|千克)")


# Phone numbers and hotlines: an area code and a number, a long run of digits, a short number named a hotline.
_PHONE = re.compile(r"\d{3,4}\s*[-—－]\s*\d{7,8}|\d{7,}|\d{5,6}(?=(?:[\u4e00-\u9fff]{0,6})热线)|(?:(?<=热线)|(?<=电话))\s*\d{5,6}")
_ASKS_PHONE = re.compile(r"电话|热线|号码|手机号|打哪个|拨打")
# A number to call, for a list of them: an area code and a number, a mobile number, or a short number (a hotline's
# "12345", a local "3162349") that the text says is to be called. A long run of digits alone may be a file number.
_CALLABLE = re.compile(r"(?<![\d.])(?:\d{3,4}\s*[-—－]\s*\d{7,8}|1[3-9]\d{9}|"
                       r"(?<=热线|电话|拨打|号码|专线)[:：\s]*\d{5,8}|\d{5,8}(?=[\u4e00-\u9fff]{0,6}(?:热线|专线|服务电话)))(?![\d.])")
# The verb that says to call: what the number is comes after it ("市民可拨打老年助餐服务热线…"), or after the number
# ("拨打12345政务服务便民热线").
_CALL_VERB = re.compile(r"拨打|致电|打(?=[\u4e00-\u9fff]{0,10}(?:热线|电话|专线))")
_NAMED_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,10}(?:热线|专线|电话)")


def phone_numbers(text: str) -> list[tuple[str, str]]:
    """Each number to call in the text with what the text calls it, in order: ("0432-3162349", "老年助餐服务热线")."""
    out = []
    for m in _CALLABLE.finditer(text):
        number = re.sub(r"^[:：\s]+", "", m.group(0))
        clause = re.split(r"[，,。；;（(、！!？?\n]", text[:m.start()])[-1]
        verbs = list(_CALL_VERB.finditer(clause))
        label = (clause[verbs[-1].end():] if verbs else clause).strip().rstrip("：: ")[-16:]
        after = _NAMED_AFTER.match(text[m.end():])
        out.append((number, label or (after.group(0) if after else "")))
    return out


# Where something is done or seen may be a channel, not a town: an app, an official account, a website, a counter.
_CHANNEL = re.compile(r"公众号|小程序|客户端|[Aa][Pp][Pp]|网站|官网|门户网|窗口|服务大厅|营业厅|服务中心|服务站")
# Where money goes ("钱打到哪里?", "补贴发到哪张卡?"): an account or a card is the place.
_PAID_INTO = re.compile(r"(?:打|转|存|汇|发|拨|划|退|返)(?:到|进|入|至)(?:哪|什么|啥)")
_ACCOUNT = re.compile(r"账户|账号|银行卡|社保卡|社会保障卡|存折|一卡通|卡里|卡上")


def has_type(text: str, kind: str, question: str = "") -> bool:
    """Whether a passage holds the kind of fact asked for (a date, a place, a number) that the question
    does not already state: "今年" in "今年什么时候建成?" is no answer."""
    rx = {"when": _DATE, "where": _PLACE, "number": NUMBER, "money": _MONEY, "clock": _CLOCK, "phone": _PHONE,
          "share": _SHARE}.get(kind)
    if kind == "duration":
        spans = (_DURATION, _FREQUENCY) if _HOW_OFTEN.search(question) else (_DURATION,)
        return has_type(text, "when", question) or any(
            m.group(0) not in question for rx in spans for m in rx.finditer(text))
    if rx is None:
        return True
    if kind == "when" and _SPAN_Q.search(question):
        return bool(_DATE_SPAN.search(text))
    if kind == "when":
        # "哪天开的?" asks for a day, "哪年通车?" for a year: a date of a coarser grain ("今年", "入秋以来") is no answer.
        grain = next((g for g, ask in _WHEN_GRAIN if ask.search(question)), None)
        if grain is not None:
            return any(m.group(0) not in question for m in grain.finditer(text))
    if kind in ("number", "money") and not _ASKS_PHONE.search(question):
        # A phone number or a hotline ("0776-2869215", "12345热线") is no quantity: "比例是多少" is not answered by it.
        text = _PHONE.sub("", text)
    if kind == "where":
        if any(m.group(0) not in question for m in _CHANNEL.finditer(text)):
            return True
        # A question that names a card itself ("社保卡没开通的话打到哪里?") asks past it.
        if _PAID_INTO.search(question) and not _ACCOUNT.search(question) \
                and any(m.group(0) not in question for m in _ACCOUNT.finditer(text)):
            return True
        # The regex reaches back over the words before a place ("推动建设某某中心"): a place is the question's own
        # when any ending of the match of three characters or more is in the question; "召开市政府…" names none.
        return any(not any(m.group(0)[i:] in question for i in range(len(m.group(0)) - 2))
                   and not _VERB_BEFORE_ADMIN.search(m.group(0)) for m in rx.finditer(text))
    return any(m.group(0) not in question for m in rx.finditer(text))


def holds(text: str, kind: str, question: str, asks: set[str]) -> bool:
    """has_type, where a time of day answers "when" if the question asks "几点" too ("每天从几点到几点?")."""
    return has_type(text, kind, question) or (kind == "when" and "clock" in asks and has_type(text, "clock", question))


def full_width(text: str) -> str:
    """ASCII punctuation between Chinese words becomes full-width; numbers (1,000 / 08:43 / 1.5) keep theirs."""
    text = re.sub(r"(?<!\d),|,(?!\d)", "，", text)
    text = re.sub(r"(?<!\d):|:(?!\d)", "：", text)
    text = text.replace(";", "；")
    text = re.sub(r"\?", "？", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff])!|!(?=[\u4e00-\u9fff])", "！", text)
    text = re.sub(r"\((?=[\u4e00-\u9fff])", "（", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff])\)", "）", text)
    return text


# The markers of an enumeration: "一是", "第二，", "1.", "（三）", "首先/其次/再次/最后，".
_POINT = re.compile(r"(?:^|(?<=[。；;！!？?：:，,\s”]))\s*(?P<m>[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、是]|"
                    r"(?<=\n)\d{1,2}[.．、]|\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十]{1,3}[)）]|首先[，,]|其次[，,]|再次[，,]|最后[，,])")
# A question that wants every item of a list: "全部列出来", "一条一条", "分别是什么", "哪几件事".
LIST_ALL = re.compile(r"全部(?:列|说|讲|告诉|给我|整理|归纳)|全都(?:列|说)|都列|列出|列全|列一下|列下|一条一条|逐条|逐一|"
                      r"分别是|分别有|都有哪些|都是哪些|哪几(?:件|条|项|点|个方面|类|种)|每一(?:条|项|种|类)|每条|每项|具体要做")
# A passage that opens with a clause's number ("（二）"), or with any item marker ("2.", "二是", "第三，", "（一）"):
# at the start of a passage a digit and a point always begin an item ("3.9月15日前…" is item 3).
CLAUSE_MARK = re.compile(r"\s*[（(][一二三四五六七八九十]{1,3}[)）]")
POINT_AT_START = re.compile(r"\s*(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、是]|\d{1,2}[.．、]|"
                            r"[（(][一二三四五六七八九十]{1,3}[)）])")
# A sentence that announces the items after it: "主要抓了三件事。", "会议明确了五项重点任务：", "（二）公共服务无障碍。".
# (short() keeps a narrower bar, _ANNOUNCES below: it only runs on past a sentence that says it has N points.)
_ANNOUNCES_ITEMS = re.compile(r"(?:[两二三四五六七八九十\d]+(?:件|项|点|个方面|条|类|种|大)[\u4e00-\u9fff]{0,4}|如下|以下)[。：:]\s*$"
                              r"|[：:]\s*$|^\s*[（(][一二三四五六七八九十]{1,3}[)）][^。]{0,20}。\s*$")


# A clause that says it has points ("最大的变化有两点。", "主要有以下几项："): an answer cut from it goes on to them.
# So does a sentence that only says someone spoke ("某某就能源保供作了发言。", "首先通报了全市准备情况。"): what
# they said follows.
_ANNOUNCES = re.compile(r"(?:有|分为|包括|如下|以下)(?:[两二三四五六七八九十几\d]+|以下几?)?(?:点|个方面|方面|项|条|类|种)?[。：:]\s*$"
                        r"|(?:作了|作|进行了)(?:交流)?(?:发言|讲话|汇报)[。：:]\s*$"
                        r"|(?:通报|介绍|汇报)了[^。，,\d]{0,24}(?:情况|做法|进展|趋势)[。：:]\s*$")


def opens_enumeration(sentence: str) -> bool:
    """Whether a sentence announces an enumeration or starts it after words of its own ("他强调，一是要…")."""
    if _ANNOUNCES_ITEMS.search(sentence):
        return True
    m = _POINT.search(sentence)
    return bool(m and m.start("m") > 0 and _kind(m.group("m")) in ("shi", "ordinal", "sequence")
                and m.group("m")[0] in "一第首")


def _kind(marker: str) -> str:
    """The kind of an enumeration marker: "一是", "第一", "1.", "（一）" or "首先"."""
    if marker[0] in "（(":
        return "paren"
    if marker[0].isdigit():
        return "digit"
    if marker.startswith("第"):
        return "ordinal"
    if marker[1:2] == "是":
        return "shi"
    return "sequence"


# An item's marker, the enumeration markers and "一要…二要…" (points a speaker sets out).
_ITEM_MARK = re.compile(_POINT.pattern.replace("(?P<m>", "(?P<m>[一二三四五六七八九十]要|", 1))


def point_of(text: str, item: str, at_most: int = 160) -> str:
    """The stretch of an enumeration that sets out one item: from its marker ("三是抓好医养结合。") to the next
    marker of the same kind, at most at_most characters cut at a sentence's end; "" when the item is not
    marked in the text."""
    at = text.find(item)
    if at < 0:
        return ""
    before = [m for m in _ITEM_MARK.finditer(text) if m.start("m") <= at]
    if not before or at - before[-1].end("m") > 4:
        return ""
    mark = before[-1]
    kind = _kind(mark.group("m"))
    end = next((m.start("m") for m in _ITEM_MARK.finditer(text, at + len(item)) if _kind(m.group("m")) == kind),
               len(text))
    body = text[mark.start("m"):end].strip().rstrip("；;，,")
    if len(body) > at_most:
        cut = max(body.rfind(p, 0, at_most) for p in "。；;")
        body = body[:cut + 1] if cut > len(item) else body[:at_most]
    return body


def points(text: str, at_least: int = 15, at_most: int = 60) -> list[str]:
    """The items of an enumeration in the text, each with its marker and its opening clauses ("一是改造雨污管网",
    "2.投放无障碍出租车80辆"); [] when the text enumerates fewer than two items."""
    marks = list(_POINT.finditer(text))
    # One level of the enumeration: the kind of marker used most ("1." under a "（二）" heading), the deeper on a tie.
    kinds = [_kind(m.group("m")) for m in marks]
    if not kinds:
        return []
    level = max(dict.fromkeys(kinds), key=lambda k: (kinds.count(k), kinds.index(k)))
    marks = [m for m, k in zip(marks, kinds) if k == level]
    if len(marks) < 2:
        return []
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = text[m.start("m"):end].strip()
        lead = ""
        for clause in clauses(body):
            lead += clause
            if len(lead) >= at_least or clause.rstrip()[-1:] in _SENT_END:
                break
        lead = lead.rstrip("，,；;：:。")
        out.append(lead if len(lead) <= at_most else lead[:at_most].rstrip("，,；;、") + "……")
    return out


def clauses(text: str) -> list[str]:
    """Clauses of a passage, each with its closing punctuation."""
    return [c for c in (m.group(0) for m in _CLAUSE.finditer(text)) if c.strip()]


def short(text: str, score: Callable[[str], float], limit: int = SHORT) -> str:
    """The run of whole clauses (at most `limit` characters) around the clause that scores best."""
    text = text.strip()
    if len(text) <= limit:
        return text
    parts = clauses(text)
    if not parts:
        return text[:limit]
    scores = [score(p) for p in parts]
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    lo = hi = best
    size = len(parts[best])
    # Start where the sentence starts when it fits: an answer should not open mid-sentence.
    start = best
    while start > 0 and parts[start - 1].rstrip()[-1:] not in _SENT_END:
        start -= 1
    if sum(len(p) for p in parts[start:best + 1]) <= limit:
        lo, size = start, sum(len(p) for p in parts[start:best + 1])
    while hi + 1 < len(parts) and size + len(parts[hi + 1]) <= limit and (
            parts[hi].rstrip()[-1:] not in _SENT_END or _ANNOUNCES.search(parts[hi])):
        # A clause that announces points ("最大的变化有两点。", "主要有以下几项：") goes on to them.
        hi += 1
        size += len(parts[hi])
    out = "".join(parts[lo:hi + 1]).strip()
    if out[-1:] in "，,；;：:、":
        out = out[:-1] + "……"
    return out


def attribution(chunk: Chunk, reported: bool = True) -> str:
    """Who the words are from: the speaker, the decision's text, or the report itself (bot.citations words it)."""
    return citations.attribution(chunk, reported)
