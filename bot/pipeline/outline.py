"""The ordered lists a corpus holds: enumerations in its text (X行动、Y行动、Z行动), headed sections,
and the numbered parts and clauses of a decision — what "第三个行动", "最后一部分" and "第（三）条" point at."""
from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from os.path import commonprefix
from dataclasses import dataclass, field

from index.ingest.dialogue import TIME_STAMP, is_field_line, line_label, parse_label
from index.ingest.entrants import entrants
from index.models import Chunk, Document, Section
from index.ingest.structure import LABELLED_COUNTERS, labelled_unit

from bot.pipeline import headed_lists
from bot.pipeline.slots import PART_NOUNS
from bot.pipeline.years import written_out

_ITEM_SPLIT = re.compile(r"[、；;]")
_LEAD = re.compile(r".*(?:[：:，,“”\"（(]|即)")
_TAIL = re.compile(r"[，,。；;：:”\"）)].*$")
_CN_DIGITS = "零一二三四五六七八九十"
_YEARS = re.compile(r"(?:19|20)\d{2}年")
# A heading that counts itself by a word before its number ("行动三：港口物流提能", "任务二、…").
# "案例四 消费者单方解约…": a space after the number sets the name apart as the mark would.
_NUMBERED_AFTER_WORD = re.compile(r"^([\u4e00-\u9fff]{2,4}?)([一二三四五六七八九十]{1,3})(?:\s*[：:、．.]|\s+)")
# "二、…", also after an emoji or a mark the heading opens with ("💰 二、能领多少钱？").
_COUNTED_HEADING = re.compile(r"^[^\w]*[一二三四五六七八九十]{1,3}、")


@dataclass
class Item:
    """One entry of an ordered list, with the chunk that states it and the section it heads (if any)."""

    text: str
    chunk: Chunk | None = None
    section: Section | None = None
    number: str = ""  # the document's own number ("二、", "(三)")
    clauses: list["Item"] = field(default_factory=list)
    paragraph: int = 0  # for the paragraphs of a document ("第二段")


@dataclass
class OrderedList:
    """An ordered list of the corpus: its noun ("行动", "部分"), items in order, and where it stands."""

    noun: str
    items: list[Item]
    doc: Document
    source: str  # "enumeration" | "sections" | "parts" | "paragraphs" | "markers" | "numbered" | "headed" (numbered
    # points a section opens with, named by its heading) | "questions" | ...
    chunk: Chunk | None = None
    speaker: str = ""  # who enumerates (markers inside a statement)
    alias: str = ""  # what the text calls the items when it announces them ("提出三点要求" → 要求)
    announcer: str = ""  # who announces them, when the text says ("会议要求：" → 会议)
    picked_by: tuple[str, ...] = ()  # rows of a table picked by a field: (header, value) ("包联市领导", "曹敏")
    # Speakers in the order of their last statement, each with it: "最后一个讲话的" is whoever has the last word.
    closing: list[Item] = field(default_factory=list)

    @functools.cached_property
    def counter(self) -> str:
        """The counter the list's name or its items count them by ("四步搞定" → 步), read once (see _counter_of)."""
        return _counter_of(self)

    def at(self, position: int, entrance: bool = False) -> Item | None:
        """The item at a 1-based position (negative: from the end, for speakers by their last words unless the
        order asked is of coming on)."""
        return pick(self.closing if position < 0 and self.closing and not entrance else self.items, position)


_ENCLOSING = re.compile(r"^[【\[〔「『“\"《■◆●▲★☆◇□◎\s]+|[】\]〕」』”\"》\s]+$")


def _bare(title: str) -> str:
    """A heading without the brackets or symbols it is set in ("【甲行动】" → "甲行动")."""
    return _ENCLOSING.sub("", title) or title


# A heading's own number ("一、", "（二）", "3."), not part of its name.
_NUMBER_OPEN = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、])\s*")
# The nouns a plan counts its parts by, after the count and their shared name ("“七个同城”行动", "五大提升工程").
_KINDS = "行动|工程|任务|举措|计划|战略|措施|领域|板块"


def _counted_kind(doc: Document, name: str, n: int) -> tuple[str, int]:
    """The noun the text counts the parts by when it counts them with their shared name ("七个同城”行动" over seven
    "…同城" headings → 行动), and where it says so; ("", -1) when it does not."""
    rx = re.compile(rf"([一二三四五六七八九十两\d]+)[个大项]?[“\"‘]?{re.escape(name)}[”\"’]?({_KINDS})")
    for m in rx.finditer(doc.body):
        if _position(m.group(1)) == n:
            return m.group(2), m.start()
    return "", -1


def _common_suffix(words: list[str]) -> str:
    out = ""
    for chars in zip(*[w[::-1] for w in words]):
        if len(set(chars)) != 1:
            break
        out += chars[0]
    return out[::-1]


def _cut_tail(item: str) -> str:
    """An item up to the first mark that ends it; a name quoted inside it ("“甲乙”扩容行动") is part of it."""
    quoted = re.match(r"^([^“]*“[^”]*”)", item)
    keep = quoted.group(1) if quoted and not _TAIL.search(quoted.group(1)[:-1].replace("“", "")) else ""
    return keep + _TAIL.sub("", item[len(keep):])


def _enumerations(sentence: str) -> list[list[str]]:
    """Runs of at least three 、-separated items that end with the same word (X行动、Y行动、Z行动)."""
    parts = _ITEM_SPLIT.split(sentence)
    if len(parts) < 3:
        return []
    parts[0] = _LEAD.sub("", parts[0])
    parts = [_cut_tail(p) for p in parts]
    suffix = _common_suffix([p for p in parts if p])
    if len(suffix) >= 2 and all(2 < len(p) <= 30 for p in parts):
        return [parts]
    return []


def _led_lists(sentence: str) -> list[tuple[str, list[str]]]:
    """Clauses that all open with the same word ("坚持甲、乙，坚持丙、丁，坚持戊"): a list of that word's items, the
    word its noun ("四个坚持")."""
    for sep in (r"[；;]", r"[，,]", r"[、]"):
        parts = [p for p in re.split(sep, _TAIL_STOP.sub("", sentence)) if p]
        if len(parts) < 3:
            continue
        lead = commonprefix(parts)
        # Two characters at least, and the clauses must say more than the word: "要加快、要推进" (one character) and a
        # repeated phrase with nothing after it are no list.
        if len(lead) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", lead) and all(2 <= len(p) - len(lead) and len(p) <= 30
                                                                          for p in parts):
            return [(lead[:2], parts)]
    return []


_TAIL_STOP = re.compile(r"[。！!？?]+$")


_COUNTED = re.compile(r"[“\"]([^”\"]{4,60})[”\"]\s*([一二三四五六七八九十两\d]+)(?:大|个|项|方面)?([\u4e00-\u9fff]{1,2})")
_CN = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
_MARKER = re.compile(r"(?:^|[。；;，,：:”])\s*(?:([一二三四五六七八九十])(是|要|则|方面)|第([一二三四五六七八九十])(件|个|条|点|项)"
                     r"(?:事|方面)?(?:是|就是|要))[，,：:]?([^，,。；;：:]{2,16})"
                     # A speech's points opening their sentences ("第一，织密三级网络。"), each its own paragraph.
                     r"|(?:^|[。；;])\s*第([一二三四五六七八九十])[，,、]([^，,。；;：:]{2,16})")


# "实施A、B、C“三大行动”": the items unquoted, then their count and noun (quoted or not); the verbs that
# introduce such a list are a closed class and no part of the first item.
_COUNTED_AFTER = re.compile(r"([\u4e00-\u9fff]{2,16}(?:、[\u4e00-\u9fff]{2,16}){1,11})[“\"]?([一二三四五六七八九十两\d]+)(?:大|项)"
                            r"([\u4e00-\u9fff]{1,2})[”\"]?")
_INTRODUCING = re.compile(r"^.*?(?:(?:明确|提出|部署|实施|推进|开展|包括|围绕|聚焦|突出|打好|打赢|做好|抓好|推动|启动|打造|培育|做强|以|即)"
                          r"(?:了)?)+")


def _counted_lists(sentence: str) -> list[tuple[str, list[str]]]:
    """“A、B、C”三大任务: a quoted list followed by its count and noun; also A、B、C“三大任务” unquoted."""
    out = []
    for m in _COUNTED.finditer(sentence):
        items = [x for x in re.split(r"[、，,]", m.group(1)) if x]
        n = _CN.get(m.group(2), int(m.group(2)) if m.group(2).isdigit() else 0)
        if len(items) >= 2 and n == len(items):
            out.append((m.group(3), items))
    for m in _COUNTED_AFTER.finditer(sentence):
        items = m.group(1).split("、")
        items[0] = _INTRODUCING.sub("", items[0], count=1)  # "全会明确实施甲湖治理" → "甲湖治理"
        n = _CN.get(m.group(2), int(m.group(2)) if m.group(2).isdigit() else 0)
        # Items of two characters are short forms ("产业、交通、城市、民生四大工程"), and a first item longer than
        # every other still holds words before the list ("统筹推进产业"): neither names the items.
        rest = [len(x) for x in items[1:]]
        if n == len(items) and min(rest) >= 3 and 2 <= len(items[0]) <= max(rest) + 1 and \
                not any(o[1] == items for o in out):
            out.append((m.group(3), items))
    return out


_ANNOUNCED = re.compile(r"([一二三四五六七八九十两\d]+)(?:点|项|条|个|件)(?:方面的)?([\u4e00-\u9fff]{2,4}?|事)[。：:，,]?$")
# A list announced without its count ("会议要求：一是…"): the words official texts name such items by, a closed class.
_LIST_NOUN = re.compile(r"([\u4e00-\u9fff]{0,4}?)(要求|任务|措施|举措|部署|安排|意见|建议)[：:]?\s*$")


def _announced(sentence: str, n: int, uncounted: bool = True) -> str:
    """The noun a sentence announces a list of n items by ("他就下一步工作提出三点要求。" → 要求), or ""; with
    uncounted, also one announced without its count ("会议要求：" → 要求)."""
    m = _ANNOUNCED.search(sentence.strip())
    if not m:
        plain = _LIST_NOUN.search(sentence.strip()) if uncounted else None
        return plain.group(2) if plain else ""
    count = _CN.get(m.group(1), int(m.group(1)) if m.group(1).isdigit() else 0)
    return m.group(2) if count == n else ""


# The sentence before a text's numbered headings that announces them ("现将会议议定事项纪要如下：", "研究了…等事项。现纪要
# 如下："): the noun for its items, the last of a closed class of such nouns in the words before "如下".
_BELOW = re.compile(r"如下[：:。]?\s*$")
_ITEM_NOUNS = re.compile(r"事项|意见|要求|任务|措施|问题|议题")


def _announced_below(doc: Document, first, n: int = 0) -> str:
    """The noun a paragraph shortly above the first numbered heading announces the headings by, or "" (field lines
    such as "出席：…" may stand between): "…等事项。现纪要如下：", or the count of the headings with its noun ("下面，
    我再讲三点意见。" above a speech's three parts)."""
    before = [p for p in doc.paragraphs() if p.start < first.start][-4:]
    lead = next((p.text for p in reversed(before) if _BELOW.search(p.text)), "")
    nouns = _ITEM_NOUNS.findall(lead[-60:])
    if nouns:
        return nouns[-1]
    last = before[-1].sentences[-1].text if before and before[-1].sentences and n >= 2 else ""
    return _announced(last, n, uncounted=False) if last else ""


def _names_alias(noun: str, alias: str) -> bool:
    """A question's noun for a list named by its alias: "事项" itself, its counter "项" ("第四项"), or its first
    character with a counter ("几件事")."""
    return noun == alias or alias.endswith(noun) or noun.endswith(alias) or (len(noun) == 1 and alias.startswith(noun))


# A heading or announcement that counts its items with their counter ("【怎么保？】四步搞定", "五大类21个险种").
_COUNTER_IN_NAME = re.compile(r"([一二三四五六七八九十两\d]+)大?([步类项条点招个件站])")


def _counter_of(ol: "OrderedList") -> str:
    """The counter a list's own name counts its items by, when the count is theirs ("四步搞定" over four steps → 步)."""
    for m in _COUNTER_IN_NAME.finditer(ol.alias or ""):
        if _position(m.group(1)) == len(ol.items):
            return m.group(2)
    # Items that number themselves by it ("第一站：甲镇", "第二站：乙街道"), each at its own place.
    own = [_ORDINAL_OPENING.match(_bare(i.text)) for i in ol.items]
    if len(own) >= 2 and all(m and _position(m.group(1)) == k for k, m in enumerate(own, 1)) \
            and len({m.group(2) for m in own}) == 1:
        return own[0].group(2)
    if ol.source in ("sections", "parts"):
        # The text counts its parts by a counter of groups and turns ("共接待来访群众6批17人次" over six headed
        # cases): "第三批", "最后一批" pick among them.
        for m in _GROUPS_COUNTED.finditer(ol.doc.body):
            if _position(m.group(1)) == len(ol.items):
                return m.group(2)
    return ""


# Counters of groups, turns and sessions: a count by one of them that equals a list's length counts that list. Not
# 个, 项, 件, which count anything, nor 户 and 起, which count households and incidents a text tells of.
_GROUPS_COUNTED = re.compile(r"(?<![第\d一二三四五六七八九十])([一二三四五六七八九十两]|\d{1,2})(批|组|轮|场|期)")


def shown(ol: "OrderedList", item: "Item") -> str:
    """An item as an answer names it: without the ordinal it numbers itself by ("第三站：乙街道" → 乙街道)."""
    if ol.counter and (m := _ORDINAL_OPENING.match(_bare(item.text))):
        rest = re.sub(r"^[：:\s、]+", "", _bare(item.text)[m.end():])
        return rest or item.text
    return item.text


_ORDINAL_OPENING = re.compile(r"^第([一二三四五六七八九十]{1,3}|\d{1,2})([步类项条点招个件站])")


def asks_counter(text: str, ol: "OrderedList") -> bool:
    """The question counts or picks items by the counter the list's name counts them by ("投保要走哪几步", "第二步")."""
    c = ol.counter
    return bool(c) and re.search(rf"(?:哪几|几|多少|第[一二三四五六七八九十\d]+|最后一|倒数第[一二三\d])大?{c}", text) is not None


def asks_alias(text: str, alias: str) -> bool:
    """The question asks for a list by the noun its text announced it with: the noun ("最后一个议定事项"), or a count
    or an ordinal with its counter and one of its characters ("第二项", "哪几件事")."""
    if not alias:
        return False
    if alias in text:
        return True
    ends = re.escape(alias[0]) + "|" + re.escape(alias[-1])
    return bool(re.search(rf"(?:第[一二三四五六七八九十\d]+|哪几|几|多少|最后一)[个件项条]?(?:{ends})", text))


def _announcer(sentence: str) -> str:
    """Who or what announces an uncounted list ("会议要求：" → 会议), or ""."""
    plain = _LIST_NOUN.search(sentence.strip())
    return plain.group(1)[-2:] if plain else ""


def _marker_lists(doc: Document, at) -> list["OrderedList"]:
    """一要…二要…三要… (or 一是…二是…) inside one paragraph or in consecutive ones: a list named by its first marker."""
    out = []
    run: list[tuple[str, str, int, object]] = []  # (marker word, item, position, sentence)

    def flush():
        """Close the run of markers read so far as one list (two items at least)."""
        if len(run) >= 2:
            items = [Item(t, at(s.start)) for _, t, _, s in run]
            speaker = run[0][3].speaker.name if run[0][3].speaker else ""
            # "他要求，一是…": a person's uncounted points stay what they said, not a list named 要求 that
            # "他对各县提了什么要求" would be routed to; "会议要求：一是…" (the text's own) is named by it.
            alias = _announced(lead, len(run), uncounted=not speaker)
            verb = run[0][0]
            noun = f"第一{verb[1:]}" if verb.startswith("第") else f"一{verb}"
            out.append(OrderedList(noun, items, doc, "markers", items[0].chunk, speaker, alias, _announcer(lead)))
        run.clear()

    lead = previous = ""  # lead: the sentence before the run's first item, which may announce the list
    for _, para, sent in doc.sentences():
        for m in _MARKER.finditer(sent.text):
            # "一要…二要…" or "第一件是…第二件是…": the word after the numeral keeps a run together.
            if m.group(6):
                n, verb, item = _CN.get(m.group(6), 0), "第", m.group(7)
            else:
                n, verb, item = _CN.get(m.group(1) or m.group(3), 0), m.group(2) or "第" + m.group(4), m.group(5)
            if run and (verb != run[-1][0] or n != run[-1][2] + 1):
                flush()
            if n == 1 or run:
                # The list is announced before its first marker, in the sentence before or in this one ("他提出三点
                # 要求：一要…").
                lead = lead if run else previous + sent.text[:m.start()]
                run.append((verb, item, n, sent))
        previous = sent.text
    flush()
    return out


_NUMBERED = re.compile(r"^\s*([一二三四五六七八九十]{1,3})、\s*([^。；;！!？?]{2,40})")
# "1.…" / "2、…" paragraphs right after a paragraph that announces them ("会议明确了五项重点任务："): the same list.
_DIGIT_ITEM = re.compile(r"^\s*(\d{1,2})\s*[.、．]\s*([^。；;！!？?]{2,40})")
# The other ways a text numbers such paragraphs ("（一）…", "(1)…", "①…"), each read to its position.
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
_ITEM_STYLES = (
    (_DIGIT_ITEM, "{}."),
    (re.compile(r"^\s*[（(](\d{1,2})[)）]\s*([^。；;！!？?]{2,40})"), "({})"),
    (re.compile(r"^\s*[（(]([一二三四五六七八九十]{1,3})[)）]\s*([^。；;！!？?]{2,40})"), "（{}）"),
    (re.compile(rf"^\s*([{_CIRCLED}])\s*([^。；;！!？?]{{2,40}})"), "{}"),
)


def _position(number: str) -> int:
    """A paragraph number's position: "3", "三", "十二", "③"."""
    if number in _CIRCLED:  # before isdigit(), which is true of "③" too
        return _CIRCLED.index(number) + 1
    if number.isdigit():
        return int(number)
    if len(number) == 1:
        return _CN.get(number, 0)
    tens = _CN.get(number[0], 1) if number[0] != "十" else 1  # "十二" is 1 ten, "二十" 2
    return tens * 10 + (_CN.get(number[-1], 0) if number[-1] != "十" else 0)


def _numbered_item(text: str) -> tuple[int, int, str, str] | None:
    """A paragraph opening with a number of one of the styles: (style, position, label, opening words), or None."""
    for style, (rx, label) in enumerate(_ITEM_STYLES):
        m = rx.match(text)
        if m:
            return style, _position(m.group(1)), label.format(m.group(1)), m.group(2).strip("，, ")
    return None


NUMBERED_NOUNS = ("条", "项", "点", "措施", "举措", "政策", "条措施", "项措施", "内容")


# A sub-item of an article: "（五）建设妨碍行洪的建筑物".
_SUB_ITEM = re.compile(r"^[\s\u3000]*[（(]([一二三四五六七八九十]{1,3})[)）]\s*(.+)$")


def _labelled_units(doc: Document, at) -> list["OrderedList"]:
    """Units the document labels with their own place, by counter ("第一条…第二十九条", "第1页…第14页"), when they run
    1, 2, 3… in reading order: "第十九条" is the unit labelled so, "最后一条" the last of them. An article's
    sub-items ("（一）…") are its clauses; a slide's text is the lines after its mark."""
    lines: list[tuple[int, str]] = [(s.start, s.title) for s in doc.sections if s.title]
    lines += [(p.start, p.text) for p in doc.paragraphs()]
    lines.sort(key=lambda x: x[0])
    runs: dict[str, list[tuple[int, str, int, str]]] = {}  # counter → (position, words after the label, line, label)
    for k, (start, text) in enumerate(lines):
        unit = labelled_unit(text)
        if unit:
            label, counter, rest = unit
            runs.setdefault(counter, []).append((_position(label), rest, k, label))
    out = []
    for counter, marks in runs.items():
        if len(marks) < 3 or [n for n, *_ in marks] != list(range(1, len(marks) + 1)):
            continue  # not a series the document numbers itself ("违反本条例第十九条…" is inside a sentence)
        items = []
        for j, (n, rest, k, label) in enumerate(marks):
            end = marks[j + 1][2] if j + 1 < len(marks) else len(lines)
            body = [(s, x) for s, x in lines[k + 1:end] if x.strip()]
            # A slide's mark stands alone: its first line is its title; an article's words follow its label.
            text, start = (rest, lines[k][0]) if rest else (body[0][1], body[0][0]) if body else ("", lines[k][0])
            if not text:
                continue
            clauses = [Item(sub.group(2).rstrip("；;。"), at(s), None, f"（{sub.group(1)}）") for s, x in body
                       if (sub := _SUB_ITEM.match(x))] if counter != "页" else \
                [Item(x, at(s)) for s, x in body[1:]]
            items.append(Item(text, at(start), None, f"第{label}{counter}", clauses))
        if len(items) == len(marks):
            out.append(OrderedList(counter, items, doc, "labelled"))
    return out


# A line that counts what it lists below it ("9个候选项目及估算投资如下：", "共有5家企业名单如下："): the count, then the
# noun the items are.
_COUNTED_BELOW = re.compile(r"([一二三四五六七八九十两]{1,3}|\d{1,2})(?:个|项|家|条|所|座|处|名|位|批|件)"
                            r"(?P<noun>[\u4e00-\u9fff]{2,8}?)(?:及[^，。；：:]{1,12}?)?(?:的?(?:情况|名单|明细|清单))?"
                            r"如下[：:]\s*$")
# The name a row of a table read as a sentence opens with, before its first field ("甲项目：主要建设内容：…").
_ROW_HEAD = re.compile(r"^\s*([^：:，,。]{2,24})[：:，,]")


def _rows_below(doc: Document, at) -> list["OrderedList"]:
    """The items a line counts and lists below it, one a paragraph (a table's rows read as sentences): a list by the
    noun it counts them as ("候选项目表里排第5个的"), each item by its row's name."""
    out = []
    paras = [p for p in doc.paragraphs() if p.sentences]
    for k, para in enumerate(paras):
        m = _COUNTED_BELOW.search(para.text)
        n = _position(m.group(1)) if m else 0
        rows = paras[k + 1:k + 1 + n]
        heads = [_ROW_HEAD.match(r.text) for r in rows]
        if n < 2 or len(rows) < n or not all(heads):
            continue
        noun = m.group("noun")
        items = [Item(h.group(1).strip(), at(r.start)) for h, r in zip(heads, rows)]
        out.append(OrderedList(noun[-2:], items, doc, "enumeration", at(para.start), alias=noun))
    return out


def _same_kind(sections: list[Section]) -> list[Section]:
    """The headings that name items of one kind, when most of them end in the same word ("…行动") and the others
    (a dateline, the report's own title) do not: those others are no items of the list."""
    if len(sections) < 4 or len(_common_suffix([_bare(s.title) for s in sections])) >= 2:
        return sections
    # Headings of one form ("3月5日 晴", "周三 多云"; "案例一 …", "案例二 …") among a dateline, a foreword and a
    # closing note that have another: the items are the headings of the form most share.
    shapes = Counter(shape for s in sections if (shape := _heading_shape(_bare(s.title))))
    for shape, n in shapes.most_common():
        # "【第一部分 …】" … "【第四部分 …】" between "【片头】" and "【片尾】": headings that number themselves in
        # order, from the first, are the parts whatever else is headed; the others are no part of the count.
        own = [s for s in sections if _heading_shape(_bare(s.title)) == shape]
        if shape.startswith("第") and n >= 2 and [_SELF_NUMBERED.match(_bare(s.title)).group(1) for s in own] \
                == [cn_number(k) for k in range(1, n + 1)]:
            return own
    if shapes:
        shape, n = shapes.most_common(1)[0]
        if n >= 3 and n * 5 >= len(sections) * 3:
            return [s for s in sections if _heading_shape(_bare(s.title)) == shape]
    ends = Counter(_bare(s.title)[-2:] for s in sections)
    end, n = ends.most_common(1)[0]
    if n >= 3 and n * 5 >= len(sections) * 3 and re.fullmatch(r"[\u4e00-\u9fff]{2}", end):
        return [s for s in sections if _bare(s.title).endswith(end)]
    # "甲县：…", "州乙局：…": items that each name whose they are before a colon, beside an issue line ("第7期") or
    # a closing heading ("【下步工作】") that do not.
    labelled = [s for s in sections if _LABELLED_HEADING.match(_bare(s.title))]
    if len(labelled) >= 3 and len(labelled) * 5 >= len(sections) * 3:
        return labelled
    return sections


_LABELLED_HEADING = re.compile(r"^[\u4e00-\u9fff]{2,10}[：:]\S")
# A heading that opens with a date or a weekday: an entry of a diary or a log.
_DATED_HEADING = re.compile(r"^(?:(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}"
                            r"|(?:周|星期|礼拜)[一二三四五六日天])")


# A heading that numbers itself with its noun ("第三部分　指尖上的产业", "第二集"): the ordinal and the noun.
_SELF_NUMBERED = re.compile(r"^第([一二三四五六七八九十]{1,3})([\u4e00-\u9fff]{1,2}?)(?:[\s　：:、．.]|$)")


def _heading_shape(title: str) -> str:
    """The form a heading takes, when it has one items share: "dated", the word it numbers itself by ("案例"), or
    that word after its own ordinal ("第部分" of "第三部分 …")."""
    if _DATED_HEADING.match(title):
        return "dated"
    m = _SELF_NUMBERED.match(title)
    if m:
        return "第" + m.group(2)
    m = _NUMBERED_AFTER_WORD.match(title)
    return m.group(1) if m else ""


def _word_numbered(doc: Document, sections: list[Section], at) -> "OrderedList | None":
    """Headings that number themselves after a word of their own ("场景一：发现泄漏", "关切二：…", "案例三 …"), three
    or more of them in order from the first: a list by that word, also beneath the document's numbered parts
    ("六、演练过程" holding 场景一…场景七), where the parts are the list the headings would otherwise be read in."""
    runs: dict[str, list[tuple[Section, int]]] = {}
    for sec in sections:
        m = _NUMBERED_AFTER_WORD.match(_bare(sec.title))
        if m:
            runs.setdefault(m.group(1), []).append((sec, _position(m.group(2))))
    for word, run in runs.items():
        secs, numbers = [x for x, _ in run], [n for _, n in run]
        first = [_first_paragraph(doc, x) for x in secs]
        if len(secs) >= 3 and numbers == list(range(1, len(secs) + 1)) and all(first):
            items = [Item(_bare(x.title), at(f.start), x) for x, f in zip(secs, first)]
            return OrderedList(word, items, doc, "sections")
    return None


def _numbered_paragraphs(doc: Document, at) -> list["OrderedList"]:
    """一、…。 二、…。 as paragraphs of a section's body (a page setting out the measures of a policy), not as
    headings: a list of 条, each item its paragraph's first sentence."""
    out = []
    for sec in doc.sections:
        runs: list[list[Item]] = [[]]
        for para in sec.paragraphs:
            m = _NUMBERED.match(para.text)
            if not m:
                continue
            digits = m.group(1)
            n = _position(digits)
            if n == 1 and runs[-1]:
                runs.append([])  # 一、 again: a new series
            if n == len(runs[-1]) + 1:
                runs[-1].append(Item(m.group(2).strip("，, "), at(para.start), None, digits + "、", [], para.index))
        out += [OrderedList("条", run, doc, "numbered") for run in runs if len(run) >= 3]
        out += _announced_digits(doc, sec, at)
    return out


def _announced_digits(doc: Document, sec, at) -> list["OrderedList"]:
    """Paragraphs numbered 1. 2. 3. after a paragraph that announces them by count and noun, as one list."""
    out = []
    paras = list(sec.paragraphs)
    for i, para in enumerate(paras):
        text = para.text.strip()
        run: list[Item] = []
        style = None
        for nxt in paras[i + 1:]:
            item = _numbered_item(nxt.text)
            if item is None or item[1] != len(run) + 1 or style not in (None, item[0]):
                break
            style = item[0]
            run.append(Item(item[3], at(nxt.start), None, item[2], [], nxt.index))
        # "五项重点任务：" announces by count; "作出部署：" by a closed-class noun, with at least three items after it
        # (an uncounted colon alone is any paragraph's). A sentence that counts the items below it ("扎实抓好七项重点
        # 任务。") announces them without a colon: the count must be theirs.
        if not text.endswith(("：", ":")):
            last = para.sentences[-1].text if para.sentences else text
            alias = _announced(last, len(run), uncounted=False) if len(run) >= 2 else ""
        else:
            alias = _announced(text, len(run), uncounted=len(run) >= 3)
        if len(run) >= 2 and alias:
            # The list stands where it is announced ("会议作出部署："): that sentence is cited first, with its voice.
            out.append(OrderedList("条", run, doc, "numbered", at(para.start) or run[0].chunk, "", alias))
    # A section that opens with its numbered points ("💡 温馨提示" then "1. … 2. … 3. …"): its heading announces
    # them, and names them ("温馨提示里一共提醒了哪几件事").
    run = []
    for nxt in paras:
        m = _DIGIT_ITEM.match(nxt.text)
        if m and int(m.group(1)) == len(run) + 1:
            run.append(Item(m.group(2).strip("，, "), at(nxt.start), None, m.group(1) + ".", [], nxt.index))
        elif nxt.item and not m:
            # "- 标准提高：…" bullets ("📌 划重点"): items in the order written, named by their opening words
            run.append(Item(re.split(r"[：:，,。；;]", nxt.text.strip(), maxsplit=1)[0], at(nxt.start), None,
                            f"{len(run) + 1}.", [], nxt.index))
        else:
            break
    name = _HEADING_WORDS.sub("", sec.title or "")
    if len(run) >= 2 and len(name) >= 2:
        out.append(OrderedList("条", run, doc, "headed", run[0].chunk, "", name))
    return out


# A heading's decoration: emoji, brackets, marks ("💡 温馨提示", "【温馨提示】").
_HEADING_WORDS = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]+")


# A numbered heading that is itself a question: "一、…？", "2. …?", "（三）…？", "问题四：…？".
_ASKED_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|\d{1,2}\s*[.、．]|[（(][一二三四五六七八九十\d]{1,3}[)）]"
                            r"|问题?[一二三四五六七八九十\d]{1,3}[：:、.])\s*(.{2,60}?[？?])\s*$")


# A heading that is a question, with nothing but marks or emoji around it ("📌 谁可以申请？", "【补贴怎么领？】").
_ASKING_TITLE = re.compile(r"^[^\u4e00-\u9fffA-Za-z0-9]*(?!\d)(.{2,40}?[？?])[】\]]?\s*$")


def _page_questions(doc: Document, doc_chunks: list[Chunk]) -> list[OrderedList]:
    """The numbered questions a Q&A page (政策问答, 解读) sets as its headings, each with the passage under it:
    the page's own questions, for "第四个问题问的是什么" and "一共答了几个问题"."""
    heads = [(p.start, m.group(1)) for p in doc.paragraphs() if (m := _ASKED_HEADING.match(p.text))]
    heads += [(s.start, m.group(1)) for s in doc.sections if s.title and (m := _ASKED_HEADING.match(s.title))
              and not any(start == s.start for start, _ in heads)]
    # An article's subheadings that ask what their section answers ("📌 谁可以申请？", "【怎么领？】"), unnumbered.
    # Not a letter's title over its fields ("来信编号：…", a page of letters): its answer is the reply further down.
    heads += [(s.start, m.group(1)) for s in doc.sections if s.title and (m := _ASKING_TITLE.match(s.title))
              and not any(start == s.start for start, _ in heads)
              and s.paragraphs and not is_field_line(s.paragraphs[0].text.strip())]
    heads.sort()
    if len(heads) < 2:
        return []
    ordered = sorted(doc_chunks, key=lambda c: c.start)
    items = []
    for k, (start, text) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(doc.body)
        own = next((c for c in ordered if c.start <= start < c.end + 1), None)
        # The answer is the first passage under the heading: after the heading's own text, before the next heading.
        answer = next((c for c in ordered if start + len(text) <= c.start < end and c is not own), None)
        # A heading read as a section title has no passage of its own: the answer under it stands for it.
        items.append(Item(text, own or answer, clauses=[Item(answer.text, answer)] if answer else []))
    return [OrderedList(noun, items, doc, "questions", None) for noun in QUESTION_NOUNS]


def _turn_label(body: str, start: int) -> str:
    """The speaker label the turn starting at `start` carries ("某某报记者", "问"), without markup."""
    line_start, label = line_label(body, start)
    if label is None and not body[line_start:start].strip():
        # "**某某日报记者：**" on a line of its own, the question on the next: the label is the line before.
        before = [x for x in body[:line_start].splitlines() if x.strip()]
        above = parse_label(before[-1].strip()) if before else None
        if above is not None and not re.sub(r"[*\s】\]]", "", before[-1].strip()[above.length:]):
            return re.sub(r"^" + TIME_STAMP + r"|[*：:\s【】\[\]]", "", before[-1].strip()[:above.length])
    # A question after the host's own words on the same line: only the label names who asked.
    # A handle stays in the passage's text (its label's length is 0): the label is then the line up to its colon.
    length = 0 if label is None else label.length or len(
        re.match(r"\s*(?:" + TIME_STAMP + r")?[^：:\n]*[：:]?", body[line_start:]).group(0))
    text = body[line_start:line_start + length] if label else body[line_start:start]
    # The time stamp goes first: stripping its brackets and colon first would leave its digits ("1012主持人").
    return re.sub(r"^" + TIME_STAMP + r"|[*：:\s【】\[\]]", "", text.strip())


def answered(chunks: list[Chunk]) -> list[tuple[Chunk, Chunk | None]]:
    """Every question passage of a document (a reporter's or the host's), in reading order, with the passage that
    answers it: the next one that is not a question."""
    ordered = sorted(chunks, key=lambda c: c.start)
    out = []
    for i, c in enumerate(ordered):
        if c.source_kind != "question":
            continue
        # The host's hand-over ("这个问题请X回答") stands between a question and its answer: the answer is the
        # first passage someone speaks in before the next question, when there is one.
        upto = next((j for j, x in enumerate(ordered[i + 1:], i + 1) if x.source_kind == "question"), len(ordered))
        following = ordered[i + 1] if i + 1 < len(ordered) else None
        if following is not None and following.source_kind == "statement" and not following.speaker:
            spoken = following  # a page's own "答：" (an FAQ's) answers at once, though someone speaks further down
        else:
            spoken = next((x for x in ordered[i + 1:upto] if x.speaker), None)
        out.append((c, spoken or next((x for x in ordered[i + 1:] if x.source_kind != "question"), None)))
    return out


def _question_lists(doc: Document, pairs: list[tuple[Chunk, Chunk | None]]) -> list[OrderedList]:
    """The questions of a press conference or interview in order, each with who asked it and the answer after it."""
    items = []
    previous: object = object()
    for c, answer in pairs:
        if answer is previous:
            continue  # a question that runs over several passages (the same answer follows) is one question
        previous = answer
        asker = _turn_label(doc.body, c.start)
        items.append(Item(c.text, c, clauses=[Item(answer.text, answer)] if answer else [], number=asker))
    if len(items) < 2:
        return []
    # People say "第二个问题", "第一个提问的" and "最后一个问答": all name this list.
    return [OrderedList(noun, items, doc, "questions", None) for noun in QUESTION_NOUNS]


# Members of the public who phone in or write in to a programme, by how the transcript labels them ("听众王先生：",
# "网友“林都老王”问："): a closed class of words for callers.
CALLER_WORDS = ("听众", "网友", "市民", "观众", "来电", "群众")
_CALLER_TURN = re.compile(r"\s*((?:" + "|".join(CALLER_WORDS) + r")(?:“[^”\n]{1,20}”|[^\s：:，,。]{1,8}?))\s*[：:]")
_CALLER_NAMED = re.compile(r"((?:" + "|".join(CALLER_WORDS) + r")[“\"]([^”\"]{1,12})[”\"])(?:问|留言|提问|反映)")


CALLERS = "来电"  # the alias that marks a list of callers
# An ordinal that counts callers or their messages ("第二条网友留言", "最后一个打进电话的听众").
CALLER_ORDINAL = re.compile(r"(?:第[一二三四五六七八九十\d]+|最后一?|头一)(?:条|个|位|名|封)?[^，,。？?！!]{0,6}?(?:"
                            + "|".join(CALLER_WORDS) + r"|留言|电话)")
# A host relaying one caller's question ("网友“甲”说：", "城区网友“乙”的留言", "有一位元谋的网友问", "收到一条网友留言，
# 网名叫“丙”"): the caller word, the nickname if given, then within a few characters a verb of asking. Words for many
# ("不少网友反映", "各位网友", "下面读几条网友的留言") relay nobody in particular.
# Only the words for a programme's audience: "市民"/"群众" in a reporter's question ("不少城区市民反映") relay nobody.
_RELAYED = re.compile(r"(?<![少多的各些大广几两三四五])(网友|听众|观众)(?:[“\"]([^”\"]{1,12})[”\"])?"
                      r"[^，,。？?！!“”：:]{0,6}?(?:留言|提问|问|反映|说|来信|咨询|打来电话)")
_ASKING_VERB = re.compile(r"(?:留言|提问|问|反映|说)$")
_NICKNAME = re.compile(r"(?:网名|昵称)(?:叫|是)?[“\"]([^”\"]{1,12})[”\"]")


def _callers(doc: Document, chunks: list[Chunk]) -> list[OrderedList]:
    """Who phoned or wrote in, in order of their first turn, each with what they asked and the first answer after
    it: "最后一个听众问的啥", "一共有几位听众", "打进电话的听众都列一下"."""
    ordered = sorted(chunks, key=lambda c: c.start)
    items: list[Item] = []
    seen: set[str] = set()
    for i, c in enumerate(ordered):
        m = _CALLER_TURN.match(c.text)
        named = _CALLER_NAMED.search(c.text)
        relayed = _relayed(c) if not (m or named) else None
        # "网友“甲”问：" labels the turn with the verb after the name: the caller is "网友“甲”".
        who = _ASKING_VERB.sub("", m.group(1)) if m else (named.group(1) if named else relayed[0] if relayed else "")
        # Unnamed callers ("还有网友问") are told apart by their turn.
        key = who if not who.startswith("一位") else f"{who}#{c.chunk_id}"
        if not who or key in seen:
            continue
        seen.add(key)
        answer = next((x for x in ordered[i + 1:] if x.speaker and x.source_kind != "question"), None)
        asked = c.text[named.end():] if named and not m else c.text[relayed[1]:] if relayed \
            else re.sub(r"^\s*[^：:]{1,12}[：:]", "", c.text, count=1)
        asked = asked.strip().lstrip("，,：: ")
        # The answers quote the question themselves: its own quotation marks go.
        asked = asked[1:-1] if len(asked) > 2 and asked[0] == "“" and asked[-1] == "”" and asked.count("“") == 1 \
            else asked
        items.append(Item(asked, c, clauses=[Item(answer.text, answer)] if answer else [], number=who))
    if len(items) < 2:
        return []
    return [OrderedList(word, items, doc, "questions", None, alias=CALLERS) for word in CALLER_WORDS
            if any(word in i.number for i in items)]


def asker_of(c: Chunk) -> str:
    """Who put a question passage under their own label ("网友“甲”：…", "听众乙问：…"), as the text calls them; ""
    for any other passage."""
    if c.source_kind != "question":
        return ""
    m = _CALLER_TURN.match(c.text)
    return _ASKING_VERB.sub("", m.group(1)) if m else ""


def _relayed(c: Chunk) -> tuple[str, int] | None:
    """A host's turn that relays one caller's question: the caller as the text calls them (their nickname, or
    "一位网友" when unnamed) and where the question starts; None for any other passage."""
    if c.source_kind != "question":
        return None
    m = _RELAYED.search(c.text)
    if m is None or m.start() > 40:
        return None
    nick = m.group(2) or (n.group(1) if (n := _NICKNAME.search(c.text, m.end(), m.end() + 20)) else "")
    who = f"{m.group(1)}“{nick}”" if nick else f"一位{m.group(1)}"
    return who, (n.end() if not m.group(2) and nick else m.end())


_HEADING_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十\d]+[、.．]|[（(][一二三四五六七八九十\d]+[)）])?\s*(?:问[:：])?\s*")
# What people call the questions of a press conference, an interview or a Q&A page.
QUESTION_NOUNS = ("问题", "提问", "问答")
# Who put the questions ("哪几家媒体提了问?", "一共有几位记者提问?", "是哪家媒体问的?"): the askers, a closed class of
# nouns for the press.
ASKS_ASKERS = re.compile(r"(?:哪|几|多少)[几些]?[家位个名]?(?:媒体|报社|报纸|电视台|新闻单位|记者)")
_PRESS = re.compile(r"(?:记者|主持人|问)$")


def outlet(asker: str) -> str:
    """The outlet an asker's label names ("某某日报记者" → "某某日报"), or "" for a bare "记者" / "问"."""
    rest = _PRESS.sub("", asker)
    return rest if len(rest) >= 2 else ""


# The question is about the questions put ("提了几个问题", "问的啥", "谁回答的"), not about the reporter as a person
# ("那个记者叫什么名字", "哪个记者写的").
_ABOUT_ASKING = re.compile(r"问|提")
_ASKS_NAME = re.compile(r"叫(?:什么|啥)|名字|姓名|是谁写|写的")


def about_askers(text: str, ol: "OrderedList") -> bool:
    """The question asks who put a dialogue's questions, or which ones an outlet put."""
    if not _ABOUT_ASKING.search(text) or _ASKS_NAME.search(text):
        return False
    return bool(ASKS_ASKERS.search(text) or named_askers(text, ol))


def named_askers(text: str, ol: "OrderedList") -> list[str]:
    """The outlets of a questions list that the question names ("某某日报的记者提了几个问题?")."""
    names = {outlet(i.number) for i in ol.items} - {""}
    return [n for n in names if n in text]


# What people call a document's headings.
HEADING_NOUNS = ("小标题", "标题", "大标题")
# What people call the order of speakers: "第二个发言的", "最后一个讲话的人", "第三位发言人".
SPEAKER_NOUNS = ("发言", "讲话", "发言人", "汇报", "说话", "开口", "发布人", "嘉宾", "受访者", "出场", "回答",
                 # a broadcast's interviewees, by the script's block names ("片子里第一个同期声是谁")
                 "同期声", "同期", "录音", "采访")
# The speakers a press conference or a programme seats ("第三位发布人", "最后一个上场的嘉宾").
GUEST_NOUNS = ("发布人", "嘉宾")
# What people call the speakers who hold an office: "第一个讲话的官员", "最后一位发言的领导".
OFFICIAL_NOUNS = ("官员", "领导", "干部", "负责人", "部门负责人")
# The people a report quotes who hold no office ("第一个出场的市民").
PUBLIC_NOUNS = ("市民", "居民", "村民", "群众", "老百姓", "网友", "听众", "游客", "农户", "商户", "企业家")


# A public office: a body of government or of the party, then a post ("市X局局长", "社区党委书记", "副县长").
# A public body's kinds ("…局", "…支队", "…工会", "…妇联") then, within three characters, the word for its head.
_OFFICE_RX = re.compile(r"(?:(?:局|委|办|厅|部|处|科|署|队|所|站|院|会|联|中心|政府|人大|政协|党委|支部|街道|社区|乡|镇|县|市|区|州|省|村)"
                        r"[\u4e00-\u9fff]{0,3}(?:长|主任|书记|主席|负责人|发言人|委员|专员|巡视员|调研员)"
                        r"|^副?(?:书记|主席|主任|局长|厅长|部长|处长|科长|秘书长|发言人))$")


# Who speaks at a programme or a meeting without being one of its guests: the public, by the word for them, and a
# commentator.
_PUBLIC_TITLE = re.compile(r"市民|居民|村民|群众|老百姓|网友|听众|观众|代表|评论员|观察员")


def is_public(title: str) -> bool:
    """The title says the person speaks for the public or comments, not as a guest who answers."""
    return bool(_PUBLIC_TITLE.search(title or "")) and not holds_office(title)


def holds_office(title: str) -> bool:
    """The title is a public office, not an occupation or a company post ("居民", "摊主", "公司总经理")."""
    # A title of several posts ("市甲委员会党组成员、副主任") holds office when any of them is one.
    return bool(title) and any(_OFFICE_RX.search(part) for part in re.split(r"[、，,]", title)) \
        and not re.search(r"(?:公司|集团|企业|厂|店)", title)


def _seated(items: list[Item]) -> list[Item]:
    """A programme's guests: those it seats to answer, not the public who put questions to them or its commentator.
    A podcast's hosts speak under bare names, its guest with the post the programme gives: a titled speaker is
    seated to answer, when there is one."""
    answering = [i for i in items if not is_public(i.chunk.speaker_title)]
    return [i for i in answering if i.chunk.speaker_title] or answering or items


def speaking_order(chunks: list[Chunk]) -> tuple[dict[str, Chunk], dict[str, Chunk]]:
    """Each named speaker's first and last passage among the chunks (questions left out): the first in the order
    they first speak, the last in the order of their last words."""
    first: dict[str, Chunk] = {}
    last: dict[str, Chunk] = {}
    for c in sorted(chunks, key=lambda c: c.start):
        if c.speaker and c.source_kind != "question":
            first.setdefault(c.speaker, c)
            last.pop(c.speaker, None)
            last[c.speaker] = c  # re-inserted: the dict's order is the order of last statements
    return first, last


def speaker_item(c: Chunk) -> Item:
    """A speaker as an item of a list of speakers: title and name, with the passage that stands for them."""
    return Item(f"{c.speaker_title}{c.speaker}", c, number=c.speaker)


def heading_name(title: str) -> str:
    """A heading without its own number ("四、自由辩论" → "自由辩论")."""
    return _NUMBER_OPEN.sub("", title)


def _called(items: list[Item], noun: str) -> list[Item]:
    """"第二个发言的居民" where the text calls some of them 居民: those, not a property manager beside them."""
    own = [i for i in items if noun in i.chunk.speaker_title]
    return own if len(own) >= 2 else items


def _speaker_lists(doc: Document, chunks: list[Chunk]) -> list[OrderedList]:
    """The named speakers of a document in the order they first speak, each with their first statement."""
    first, last = speaking_order(chunks)
    if len(first) < 2:
        return []
    items = [speaker_item(c) for c in first.values()]
    closing = [speaker_item(c) for c in last.values()]
    # "第一个讲话的官员": only those who hold an office, not the residents or shop owners a reporter also quotes.
    officials = [i for i in items if holds_office(i.chunk.speaker_title)]
    closing_officials = [i for i in closing if holds_office(i.chunk.speaker_title)]
    public = [i for i in items if not holds_office(i.chunk.speaker_title)]
    closing_public = [i for i in closing if not holds_office(i.chunk.speaker_title)]
    guests, closing_guests = _seated(items), _seated(closing)
    return [OrderedList(noun, officials, doc, "speakers", None, closing=closing_officials) for noun in OFFICIAL_NOUNS
            if len(officials) >= 1] + [OrderedList(noun, _called(public, noun), doc, "speakers", None,
                                                   closing=_called(closing_public, noun))
                                       for noun in PUBLIC_NOUNS if len(public) >= 2] + [
        OrderedList(noun, guests if noun in GUEST_NOUNS else items, doc, "speakers", None,
                    closing=closing_guests if noun in GUEST_NOUNS else closing) for noun in SPEAKER_NOUNS]


# The source of the list of people a document presents one part each (index.ingest.entrants).
ENTRANTS = "entrants"


def _entrant_list(doc: Document, chunks: list[Chunk]) -> OrderedList | None:
    """The people the document presents one part each, in its order: each item the person with their posts, the
    part's first passage its chunk and the rest its clauses; None for a document of no such parts."""
    items = []
    for e in entrants(doc):
        own = [c for c in chunks if c.start < e.end and c.end > e.start]
        if own:
            who = f"{e.name}（{'、'.join(e.posts)}）" if e.posts else e.name
            heading = next((s for s in doc.sections if s.start == e.start and s.title), None)  # "某某　副局长"
            items.append(Item(who, own[0], heading, number=e.name, clauses=[Item(c.text, c) for c in own[1:]]))
    return OrderedList("人", items, doc, ENTRANTS) if len(items) >= 2 else None


# The places of a visit, listed after the verb that goes there ("深入甲公园、乙公司和丙村，调研…", "先后来到…"); the
# verbs are a closed class of news writing on an inspection tour.
_VISIT_LEAD = re.compile(r"(?:先后|分别|相继)?(?:深入|来到|走进|前往|到|赴|走访|察看|考察)(?:了)?"
                         r"(?P<items>[\u4e00-\u9fff\d（）()“”]{2,30}(?:、[\u4e00-\u9fff\d（）()“”]{2,30}){1,8}"
                         r"(?:和|及|以及)[\u4e00-\u9fff\d（）()“”]{2,30}?)(?=[，,。]|(?:等地|等处|等)?(?:实地)?(?:调研|考察|检查|督导|走访|看望))")
_STOPS_NUMBERED = re.compile(r"第[一二三四五六七八九十]站|首站|最后一站")
# The nouns a question counts such places by: "第三个地方", "最后一站", "第二处", "几个点".
_PLACE_NOUNS = ("地方", "站", "处", "地点", "点位", "个地方", "个点")


def _visited(doc: Document, chunks: list[Chunk]) -> OrderedList | None:
    """The places a report of a visit lists in its lead, in order, each with the passage where the visit comes to
    it (its first mention after the lead); None when no sentence lists three or more."""
    if _STOPS_NUMBERED.search(doc.body):
        return None  # the text numbers its stops itself ("第二站是…"): its own words answer
    for sec, para, sent in doc.sentences():
        m = _VISIT_LEAD.search(sent.text)
        if not m:
            continue
        # 、 between the places, one conjunction before the last ("…和甲堤及乙绿道": the 及 is inside that place).
        *first, last = m.group("items").split("、")
        names = [x for x in [*first, *re.split(r"以及|和|及", last, maxsplit=1)] if x]
        names = [re.sub(r"(?:项目)?现场$", "", x) for x in names]
        if len(names) < 3:
            continue
        lead = next((c for c in chunks if c.start <= sent.start < c.end + 1), None)
        later = [c for c in chunks if lead is not None and c.start > lead.start]
        items = [Item(n, next((c for c in later if n[:4] in c.text), lead)) for n in names]
        return OrderedList("地方", items, doc, "visits", lead)
    return None


def _first_paragraph(doc: Document, sec: Section):
    """The section's first paragraph, or, for a heading with only subheadings under it, the first paragraph after
    it (None when the next counted heading or the document's end comes first)."""
    if sec.paragraphs:
        return sec.paragraphs[0]
    after = doc.sections[next(i for i, s in enumerate(doc.sections) if s is sec) + 1:]
    for s in after:
        if _COUNTED_HEADING.match(s.title or ""):
            return None
        if s.paragraphs:
            return s.paragraphs[0]
    return None


# Headings numbered by the decimal outline of a plan or a technical text: a chapter ("4　应急响应") and its sections
# ("4.2　Ⅰ级应急响应").
_CHAPTER = re.compile(r"^\s*(\d{1,2})[\s\u3000]+(\S.{0,30})$")
_CHAPTER_SECTION = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})[\s\u3000]+(\S.{0,30})$")


def _decimal_parts(doc: Document, at) -> "OrderedList | None":
    """A document in decimal-numbered chapters and sections ("1 总则", "1.1 编制目的", …) as its parts, each
    chapter with its sections as its clauses ("第五章", "第四章下面分了哪几节"); None when it is not numbered so
    (two chapters or more, numbered 1, 2, … in order, every section under the chapter its number names)."""
    parts: list[Item] = []
    for sec in doc.sections:
        title = (sec.title or "").strip()
        top, sub = _CHAPTER.match(title), _CHAPTER_SECTION.match(title)
        if top and int(top.group(1)) == len(parts) + 1:
            first = _first_paragraph(doc, sec)
            parts.append(Item(top.group(2).strip(), at(first.start) if first is not None else None, sec,
                              top.group(1)))
        elif sub and parts and int(sub.group(1)) == len(parts) and sec.paragraphs:
            parts[-1].clauses.append(Item(sub.group(3).strip(), at(sec.paragraphs[0].start), sec,
                                          f"{sub.group(1)}.{sub.group(2)} "))
        elif top or sub:
            return None  # numbered out of order: not one outline
    if len(parts) < 2 or not any(p.clauses for p in parts):
        return None
    return OrderedList("部分", parts, doc, "parts")


def _section_title(title: str, number: str) -> str:
    return title[len(number):] if number and title.startswith(number) else title


class Outline:
    """Every ordered list of the corpus, found once at load."""

    def __init__(self, documents: list[Document], chunks: list[Chunk]):
        self.lists: list[OrderedList] = []
        # Every question a dialogue asks (a reporter's or host's passage) and the passage answering it; and a Q&A
        # page's question headings, each with the passage under it.
        self.asked: list[tuple[str, Chunk | None]] = []
        self.headings: list[tuple[str, Chunk | None]] = []
        # The entries under each heading, a list named by the heading ("先进个人名单里第一个"); apart from the lists
        # above, which are named by what their items are.
        self.entry_lists: list[OrderedList] = []
        # The people each document presents one part each ("第三个介绍的", "哪几位是高级工程师"), apart from the lists
        # above: a question reads them only when it asks about people.
        self.entrant_lists: list[OrderedList] = []
        self.documents = len(documents)
        self._headings = [s.title for doc in documents for s in doc.sections if s.title]
        by_span = {}
        for c in chunks:
            by_span.setdefault(c.doc_id, []).append(c)
        for doc in documents:
            doc_chunks = by_span.get(doc.doc_id, [])
            at = lambda pos: next((c for c in doc_chunks if c.start <= pos < c.end + 1), None)  # noqa: E731
            for sec, para, sent in doc.sentences():
                for items in _enumerations(sent.text):
                    noun = _common_suffix(items)[-2:]
                    chunk = at(sent.start)
                    self.lists.append(OrderedList(noun, [Item(t, chunk) for t in items], doc, "enumeration", chunk))
                for noun, items in _led_lists(sent.text):
                    chunk = at(sent.start)
                    self.lists.append(OrderedList(noun, [Item(t, chunk) for t in items], doc, "enumeration", chunk))
                for noun, items in _counted_lists(sent.text):
                    chunk = at(sent.start)
                    self.lists.append(OrderedList(noun, [Item(t, chunk) for t in items], doc, "enumeration", chunk))
            visits = _visited(doc, doc_chunks)
            if visits is not None:
                self.lists.append(visits)
            self.lists += _marker_lists(doc, at)
            self.lists += _numbered_paragraphs(doc, at)
            self.lists += _labelled_units(doc, at)
            self.lists += _rows_below(doc, at)
            pairs = answered(doc_chunks)
            self.asked += [(q.text, a) for q, a in pairs]
            # A dialogue's questions are its askers' turns; a Q&A page's are its numbered question headings.
            questions = _question_lists(doc, pairs) or _page_questions(doc, doc_chunks)
            self.lists += questions
            self.lists += _callers(doc, doc_chunks)
            if not pairs and questions:
                # The heading's number is no part of its question ("四、活动什么时候开始？").
                self.headings += [(_HEADING_NUMBER.sub("", i.text), i.clauses[0].chunk if i.clauses else None)
                                  for i in questions[0].items]
            self.lists += _speaker_lists(doc, doc_chunks)
            presented = _entrant_list(doc, doc_chunks)
            if presented is not None:
                self.entrant_lists.append(presented)
            paras = [p for p in doc.paragraphs() if p.sentences]
            if len(paras) >= 2:
                items = [Item(p.text[:24], at(p.start), None, "", [], p.index) for p in paras]
                self.lists.append(OrderedList("段", items, doc, "paragraphs"))
            titled = [s for s in doc.sections if s.title and s.paragraphs]
            # A table of contents ("【本期要目】" then "◎甲县：…") repeats the headings below it: the headings are the
            # parts, not their entries in it.
            later: set[str] = set()
            contents: set[int] = set()
            for s in reversed(doc.sections):
                if _bare(s.title) in later:
                    contents.add(id(s))
                later.add(_bare(s.title))
            titled = [s for s in titled if id(s) not in contents]
            numbered = [s for s in titled if s.number]
            decimal = _decimal_parts(doc, at)
            if decimal is not None:
                self.lists.append(decimal)
            elif len(numbered) >= 2:
                parts = []
                for s in numbered:
                    item = Item(_section_title(s.title, s.number), at(s.paragraphs[0].start), s, s.number)
                    seen = set()
                    for p in s.paragraphs:
                        m = re.match(r"^[一二三四五六七八九十]+、(\([一二三四五六七八九十]+\))$", p.clause)
                        if m and m.group(1) not in seen:
                            seen.add(m.group(1))
                            head = re.split(r"[。；;]", p.text, maxsplit=1)[0]
                            head = re.sub(r"^[（(][一二三四五六七八九十]+[)）]\s*", "", head)
                            item.clauses.append(Item(head, at(p.start), s, m.group(1)))
                            continue
                        # "四、(二)3." under "（二）间接原因": the clause's own numbered points, a third level.
                        m = re.match(r"^[一二三四五六七八九十]+、(\([一二三四五六七八九十]+\))(\d+\.)$", p.clause)
                        if m and item.clauses and item.clauses[-1].number == m.group(1):
                            item.clauses[-1].clauses.append(Item(p.text, at(p.start), s, m.group(2)))
                    parts.append(item)
                self.lists.append(OrderedList("部分", parts, doc, "parts"))
            elif len(titled) >= 2:
                # Headings numbered 一、二、 (a speech's parts, a page's letters) are the parts, not the head lines
                # around them (the speaker's line, the date). A counted heading whose text stands under subheadings
                # of its own ("二、补贴标准" then "【补贴对象】…") is a part too, opening with its first subheading's text.
                counted = [s for s in doc.sections if s.title and id(s) not in contents and _COUNTED_HEADING.match(s.title)
                           and (s.paragraphs or _first_paragraph(doc, s) is not None)]
                titled = counted if len(counted) >= 2 else titled
                titled = _same_kind(titled)
                # "【甲行动】": the marks a heading is set in are no part of its words (nor of the list's noun).
                suffix = _common_suffix([_bare(s.title) for s in titled])
                names = [_NUMBER_OPEN.sub("", re.split(r"[：:]", _bare(s.title), maxsplit=1)[0]) for s in titled]
                named = _common_suffix(names) if all(len(x) < len(_bare(s.title)) for x, s in zip(names, titled)) else ""
                # "一、交通同城：打通…" under a lead that counts them ("“七个同城”行动"): the names before the colons share
                # an ending, and the text counts the parts by a noun after it.
                kind, said = _counted_kind(doc, named[-2:], len(titled)) if len(suffix) < 2 and len(named) >= 2 \
                    else ("", -1)
                # "行动一：…", "行动二：…": the word the headings count by opens them.
                leading = {m.group(1) if (m := _NUMBERED_AFTER_WORD.match(_bare(s.title))) else "" for s in titled}
                suffix = suffix if len(suffix) >= 2 or len(leading) != 1 or "" in leading else leading.pop()
                items = [Item(_bare(s.title), at(_first_paragraph(doc, s).start), s) for s in titled]
                if kind:
                    # The text counts the parts as 行动 and names each by its name ("交通同城"); "同城" still names them.
                    items = [dataclasses.replace(i, text=x) for i, x in zip(items, names)]
                    # The passage that counts them ("…“七个同城”行动") announces the list.
                    self.lists.append(OrderedList(kind, items, doc, "sections", chunk=at(said), alias=named[-2:]))
                else:
                    self.lists.append(OrderedList(suffix[-2:] if len(suffix) >= 2 else "部分", items, doc, "sections",
                                                  alias=_announced_below(doc, titled[0], len(titled))))
            worded = _word_numbered(doc, [s for s in doc.sections if s.title and id(s) not in contents], at)
            if worded is not None and not any(ol.doc is doc and ol.source == "sections" and ol.noun == worded.noun
                                              for ol in self.lists):
                self.lists.append(worded)
            # A part of a decision with numbered clauses of its own is read by its clauses ("重点任务第一项"), not
            # as a list of paragraphs.
            clausal = {id(i.section) for ol in self.lists if ol.doc is doc and ol.source == "parts"
                       for i in ol.items if i.clauses}
            # An entry's first paragraph is the item; the rest of it (a Q&A's answer) its clauses.
            self.entry_lists += [
                OrderedList(counter, [Item(e[0].text, at(e[0].start), None, "",
                                           [Item(p.text, at(p.start), None, "", [], p.index) for p in e[1:]],
                                           e[0].index) for e in es], doc, headed_lists.SOURCE, alias=name)
                for name, counter, es in headed_lists.headed_entries(doc, clausal)]

    def find(self, noun: str) -> OrderedList | None:
        """The list whose items are of this kind: an enumeration first (the text's own order), then sections.
        A noun read with the verb after it ("第三个问题问的是…" → "问题问") names the list of its first word."""
        if not noun:
            return None
        found = self._find(noun)
        for end in range(len(noun) - 1, 1, -1):
            if found is not None:
                break
            found = self._find(noun[:end])
        return found

    def _find(self, noun: str) -> OrderedList | None:
        labelled = noun[:1] if noun[:1] in LABELLED_COUNTERS else ""
        if labelled and (len(noun) == 1 or noun[1:2] in "上里中的"):
            # "第十九条", "第10页上": the unit the document labels so, before any list that only counts by the word.
            found = next((ol for ol in self.lists if ol.source == "labelled" and ol.noun == labelled), None)
            if found is not None:
                return found
        if noun == "段":
            return next((ol for ol in self.lists if ol.source == "paragraphs"), None)
        if noun in HEADING_NOUNS:
            # "第二个小标题": the document's own headings, whatever they are about.
            return next((ol for src in ("sections", "parts") for ol in self.lists if ol.source == src), None)
        for source in ("enumeration", "sections", "parts", "questions", "speakers"):
            for ol in self.lists:
                if ol.source != source:
                    continue
                if ol.noun and (noun.endswith(ol.noun) or ol.noun.endswith(noun)):
                    return ol
                if source == "sections" and ol.alias and _names_alias(noun, ol.alias):
                    return ol  # "第四项", "几件事" of "现将会议议定事项纪要如下" and its numbered headings
                if source == "parts" and noun in PART_NOUNS:
                    return ol
        for ol in self.lists:
            if ol.source in ("numbered", "headed") and ol.alias \
                    and re.search(rf"[一二三四五六七八九十两\d]{re.escape(noun)}", ol.alias):
                return ol  # "申请三步走里的第二步": a heading that counts its points by the noun asked ("三步走")
        if len(noun) >= 2:
            # "最后一篇日记" of "某村驻村日记选登": what the document calls itself, its headed parts are.
            # Only parts whose headings share one form (dated entries, "案例一 …"): the pieces of a series.
            titled = next((ol for ol in self.lists if ol.source == "sections" and _shaped(ol)
                           and _calls_itself(ol.doc, noun)), None)
            if titled is not None:
                return titled
        if noun.startswith(_PLACE_NOUNS):
            # "第三个地方", "最后一站": the places a visit went to, in the order written.
            visits = next((ol for ol in self.lists if ol.source == "visits"), None)
            if visits is not None:
                return visits
        # "第六条措施", "最后一条": the numbered measures a page sets out, when nothing else is numbered so.
        if noun in NUMBERED_NOUNS or noun.endswith(NUMBERED_NOUNS):
            return next((ol for ol in self.lists if ol.source == "numbered"), None)
        return None

    @functools.cached_property
    def _shared_last_words(self) -> frozenset[str]:
        """The last words several headings end in ("…工程" of every part): none of them names one list."""
        return headed_lists.shared_last_words(list({headed_lists.name_of(t) for t in self._headings}
                                                   | {ol.alias for ol in self.entry_lists}))

    def named_list(self, text: str) -> OrderedList | None:
        """The list of entries whose heading the question names ("先进个人名单里…", "补偿费用测算表" for
        "征地补偿费用测算表"); the one named by the most words when several are."""
        scored = [(headed_lists.names(text, ol.alias, longest_common(ol.alias, text), self._shared_last_words), -k, ol)
                  for k, ol in enumerate(self.entry_lists)]
        best = max(scored, default=None, key=lambda x: x[:2])
        if best is not None and best[0]:
            return best[2]
        # "名单上排最后的项目": a table in groups, named by its document's title's last word ("…项目名单" → 名单).
        return next((ol for ol in self.entry_lists if ol.alias == headed_lists.name_of(ol.doc.meta.title)
                     and headed_lists.is_table([i.text for i in ol.items])
                     and headed_lists.names_by_last_word(text, ol.alias)), None)

    def only_table(self) -> OrderedList | None:
        """The rows of the one table the documents hold (entries that are a table's rows read as sentences), or None
        when they hold none or several."""
        tables = [ol for ol in self.entry_lists if headed_lists.named_rows([i.text for i in ol.items])]
        return tables[0] if len(tables) == 1 else None

    def placed_next_to(self, anchor: str, step: int) -> tuple[OrderedList, int] | None:
        """The list and the 1-based position of the item next to the one the anchor's words name ("陈某致辞" → the
        agenda's row after his): the item sharing the longest run with the anchor (two characters or more, and
        one item only); entries under a heading first, then headed parts, then speakers in the order they came on."""
        best = None
        # Of the lists of speakers (one per word for them), the longest: every speaker in the order they came on.
        ordered = [x for src in _NEXT_TO_SOURCES
                   for x in sorted((y for y in self.lists if y.source == src), key=lambda y: -len(y.items))]
        for ol in self.entry_lists + ordered:
            runs = [longest_common(anchor, i.text) for i in ol.items]
            top = max(runs, default=0)
            if top < _NEXT_TO_MIN or top < len(anchor) * _NEXT_TO_SHARE or runs.count(top) > 1:
                continue
            if best is None or top > best[0]:
                best = (top, ol, runs.index(top) + 1 + step)
        if best is None or not 1 <= best[2] <= len(best[1].items):
            return None
        return best[1], best[2]

    def rows_with(self, text: str) -> OrderedList | None:
        """The rows of a table that hold a value the question names ("曹敏包联了哪些项目"), as a list of their own
        named by the field ("包联市领导为曹敏"); the whole table's rows first, when a group's list also holds them."""
        for ol in sorted(self.entry_lists, key=lambda x: -len(x.items)):
            found = headed_lists.rows_with(text, [i.text for i in ol.items])
            if found is not None:
                header, value, hits = found
                # "有几个" counts in 个 whatever the heading counted in: the answer counts as the question does.
                asked = re.search(r"(?:几|多少)([个项家名所条位处])", text)
                return OrderedList(asked.group(1) if asked else ol.noun, [ol.items[k] for k in hits], ol.doc,
                                   headed_lists.ROWS, alias=f"{header}为{value}", picked_by=(header, value))
        return None

    def names_item(self, text: str, ol: OrderedList) -> Item | None:
        """The item the question names outright ("甲乙工程包括哪些内容?"), if any. A year named relative to the
        document's date names the year its heading writes out ("明年的打算" in a 2026 report → "2027年工作打算")."""
        found = self._names_item(text, ol)
        dated = written_out(text, ol.doc.meta.published)
        if found is not None or dated == text:
            return found
        found = self._names_item(dated, ol)
        # The year alone does not name a part ("明年打算抽查多少家" is not "2027年工作打算"): its other words must match.
        core = _YEARS.sub("", found.text) if found is not None else ""
        return found if core and (core in dated or longest_common(core, _YEARS.sub("", dated)) >= 4) else None

    def _names_item(self, text: str, ol: OrderedList) -> Item | None:
        for item in ol.items:
            core = item.text.removeprefix("实施") if len(item.text) > 6 else item.text
            core = core[:-len(ol.noun)] if ol.noun and core.endswith(ol.noun) else core
            if len(core) >= 2 and (core in text or longest_common(core, text) >= max(4, len(core) * 0.5)):
                return item
        # A name without its year ("重点工作" for "2026年重点工作"): askers leave out the year a heading dates itself
        # by, when only one heading is left named so.
        undated = [item for item in ol.items if (core := _YEARS.sub("", item.text)) != item.text
                   and len(core) >= 4 and core in text]
        if len(undated) == 1:
            return undated[0]
        # A name with a word left out ("下一步打算" for "下一步工作打算"): most of the item's characters, in runs
        # of two or more, when one item only is named so.
        covered = [item for item in ol.items if len(item.text) >= 4 and _covered(item.text, text) >= 0.7
                   and len(item.text) <= _NAMED_ITEM_MAX]
        if len(covered) == 1:
            return covered[0]
        # A part called by a short name of its own ("组织保障那部分" for "加强组织领导和保障"): the words right before
        # the question's word for a part all stand, in order, in one item's name.
        m = _PART_CALLED.search(text)
        if m is None or ol.source not in ("parts", "sections"):
            return None
        run = m.group(1)
        for k in range(len(run) - 4, -1, -1):  # "决定里人才要素这一块": the shortest ending that names one part
            held = [item for item in ol.items if _in_order(run[k:], item.text)]
            if len(held) == 1:
                return held[0]
        return None

    def names_clause(self, text: str, ol: OrderedList) -> tuple[Item, Item, int] | None:
        """The part and the clause of it the question names by the clause's heading as a list to look into
        ("间接原因里的第三条", "直接原因有哪些" of "四、事故原因" → "（二）间接原因"), when that clause sets out numbered
        points of its own, with where the name ends in the question; None otherwise. A heading's words that only
        name what the question is about ("口袋公园分几年定了目标" of "建设一批口袋公园") are no such name: the list's
        name is followed by where in it or what of it."""
        if ol.source != "parts":
            return None
        named = []
        for part in ol.items:
            for c in part.clauses:
                if not c.clauses:
                    continue
                # The whole heading, or a long heading called by its last words ("行政处罚建议" of "对事故单位和相关
                # 人员的行政处罚建议"): an ending of four characters or more.
                ends = [text.find(c.text[-k:]) + k for k in range(len(c.text), _NAMED_BY_ENDING - 1, -1)
                        if c.text[-k:] in text]
                if ends and _INTO_A_LIST.match(text[ends[0]:]):
                    named.append((part, c, ends[0]))
        return named[0] if len(named) == 1 else None

    def names_item_by_word(self, text: str, ol: OrderedList, headings: bool = False) -> Item | None:
        """The item the question names by a word only it has ("生态那一项" → "实施生态环境保护协同行动"), when
        the question names no item outright and exactly one item holds such a word. headings: the items are a
        document's headings, names however long ("三、强化保障措施，确保…")."""
        found = self.names_item(text, ol)
        if found is not None or ol.source in ("questions", "speakers", "paragraphs") \
                or not headings and any(len(item.text) > _NAMED_ITEM_MAX for item in ol.items):
            return found  # only a list of named things (actions, parts, headings) is named by a word
        hits = set()
        for i in range(len(text) - 1):
            pair = text[i:i + 2]
            holders = [k for k, item in enumerate(ol.items) if pair in item.text]
            if len(holders) == 1 and re.fullmatch(r"[\u4e00-\u9fff]{2}", pair) and pair not in ol.noun:
                hits.add(holders[0])
        return ol.items[hits.pop()] if len(hits) == 1 else None

    def inner(self, part: Item, ol: OrderedList) -> OrderedList | None:
        """The points set out inside a part that has no numbered clauses of its own ("二、存在的问题" then "一是…二是…"),
        as a list of their own: what "存在的问题里第二个" and "存在的问题有哪几条" count."""
        if part.section is None:
            return None
        for inner in self.lists:
            if inner.doc is ol.doc and inner.source in ("markers", "numbered") and inner.items \
                    and all(i.chunk is not None and i.chunk.section == part.section.title for i in inner.items):
                return inner
        return None

    def section_of(self, item: Item, doc: Document) -> Section | None:
        """The section an item heads (an enumerated action has its own heading later in the text)."""
        if item.section is not None:
            return item.section
        best, score = None, 0
        for s in doc.sections:
            if not s.title:
                continue
            n = longest_common(item.text, s.title)
            if n > score and n >= min(len(item.text), len(s.title)) * 0.7:
                best, score = s, n
        return best


# Items longer than this are passages (paragraphs, questions), not the names of parts.
_NAMED_ITEM_MAX = 24
# The shortest ending of a heading that names it ("处罚建议"): two characters ("建议") end too many headings.
_NAMED_BY_ENDING = 4
# What follows a list's name when the question looks into it: where in it ("里的第三条", "中最后一项") or what of it
# ("有哪些", "一共几条", "包括什么", "都列一下").
_INTO_A_LIST = re.compile(r"(?:这一?[条项块部分]|那一?[条项块部分])?(?:里|中|当中|里面|里头|下面|下)|"
                          r"(?:(?:这|那)一?(?:部分|块|条|项))?(?:的)?(?:第[一二三四五六七八九十\d]|最后|倒数)|(?:都|具体|一共|总共|共|主要)?(?:有|包括|包含|分|列|是)"
                          r"(?:哪|几|什么|啥|多少)|[都一共总]*(?:几|多少)[条项点个]|(?:都|全部|具体)?(?:列|说|讲)")


def looked_into(text: str, name: str) -> bool:
    """The question names a list by its name and then says where in it or what of it ("风险分析里面排第三的",
    "风险分析有哪几条"): the longest stretch the name shares with the question is followed so."""
    end = common_end(name, text)
    return end >= 0 and _INTO_A_LIST.match(text[end:]) is not None


# A count or an ordinal with the noun after it ("几篇手记", "第二个案例", "最后一篇日记").
_COUNTED_NOUN = re.compile(r"(?:几|多少|第[一二三四五六七八九十\d]+|最后一|倒数第[一二三四五六七八九十\d]+)[个篇则份]?([\u4e00-\u9fff]{2,3})")


def titled_noun(text: str, ol: OrderedList) -> str:
    """The word a question counts a document's headed parts by when the document's title (or its file's name)
    calls itself so ("一共几篇手记" of "某村驻村手记选登" → 手记); "" when it uses no such word."""
    if ol.source != "sections" or not _shaped(ol):
        return ""
    for m in _COUNTED_NOUN.finditer(text):
        for word in (m.group(1), m.group(1)[:2]):
            if _calls_itself(ol.doc, word):
                return word
    return ""


def _shaped(ol: OrderedList) -> bool:
    """Every item's heading has the one form the items share ("dated", or the word they number themselves by)."""
    shapes = {_heading_shape(_bare(i.text)) for i in ol.items}
    return len(shapes) == 1 and "" not in shapes


def _calls_itself(doc: Document, word: str) -> bool:
    """The document's title holds the word, or the title part of its file's name ("来源_日期_标题.md") when the
    page's own title line is a dateline."""
    named = re.sub(r"\.[A-Za-z0-9]+$", "", doc.doc_id.rsplit("/", 1)[-1]).rsplit("_", 1)[-1]
    return word in doc.meta.title or word in named


# Where an item placed next to another is looked for, in this order, and how much of the other one's words an item
# must hold to be it.
_NEXT_TO_SOURCES = ("sections", "parts", "enumeration", "numbered", "visits", "speakers")
_NEXT_TO_MIN = 2
_NEXT_TO_SHARE = 0.4


def _common_run(a: str, b: str) -> tuple[int, int]:
    """The length of the longest stretch a and b share, and where in b it ends (-1 when none); short strings:
    plain dynamic programming."""
    best, end = 0, -1
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, end = cur[j], j
        prev = cur
    return best, end


def longest_common(a: str, b: str) -> int:
    """Length of the longest common substring."""
    return _common_run(a, b)[0]


# A short name of a part before the word for a part ("组织保障那部分", "人才这一块").
_PART_CALLED = re.compile(r"([\u4e00-\u9fff]{4,10}?)(?:那|这)?一?(?:部分|块|方面)")


def _in_order(short: str, name: str) -> bool:
    """The short name's characters stand in the name in runs of two or more, in order ("组织保障" in
    "加强组织领导和保障"); a single character left over does not count."""
    at = 0
    i = 0
    while i < len(short):
        j = len(short)
        while j - i >= 2 and name.find(short[i:j], at) < 0:
            j -= 1
        if j - i < 2:
            return False
        at = name.find(short[i:j], at) + (j - i)
        i = j
    return True


def _covered(name: str, text: str) -> float:
    """The share of the name's characters that stand in the text in runs of two or more ("下一步工作打算" in
    "下一步打算里": 下一步 and 打算, 5 of 7)."""
    hit = [False] * len(name)
    for i in range(len(name) - 1):
        for j in range(len(name), i + 1, -1):
            if name[i:j] in text:
                hit[i:j] = [True] * (j - i)
                break
    return sum(hit) / len(name) if name else 0.0


def common_end(a: str, b: str) -> int:
    """Where in b the longest stretch it shares with a ends (-1 when they share nothing)."""
    return _common_run(a, b)[1]


def pick(items: list[Item], position: int) -> Item | None:
    """The item at a 1-based position; negative counts from the end."""
    if position > 0 and position <= len(items):
        return items[position - 1]
    if position < 0 and -position <= len(items):
        return items[position]
    return None


def cn_number(n: int) -> str:
    """A small count in Chinese numerals (8 → 八)."""
    if n <= 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")  # "第二十二条"
    return str(n)
