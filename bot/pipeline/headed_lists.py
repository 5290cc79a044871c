"""Lists a heading names: the entries under a heading ("二、先进个人（18名）" then a person a line, "五、申请材料" then
a material a line, "九、常见问题" then 问/答 pairs, "1月" then that month's events), as a question points at them
("先进个人名单里排第一个的是谁", "常见问题里第二个问的是啥", "1月份记的第二件事") — the list is named by its
heading's words, not by a noun the items share."""
from __future__ import annotations

import re
from index.models import Document, Paragraph

from bot.pipeline import attendance

SOURCE = "entries"
ROWS = "rows"  # the rows of a table that hold one value the question names ("曹敏包联的项目")
# A heading's own number and the marks it is set in: no words of its name.
_NUMBER = re.compile(r"^[\s【\[〔（(]*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}(?:\.\d{1,2})+(?=\s)"
                     r"|\d{1,2}[.．、])?\s*")
# The count a heading gives its items ("（12个）", "(18名)"): its counter names them.
_COUNT = re.compile(r"[（(](?:共)?[\d一二三四五六七八九十]+([个名人项家条件位])[)）]")
_MARKS = re.compile(r"[【】\[\]〔〕《》“”\"：:\s]")
# A label an entry opens with ("问：", "答："): entries of a Q&A open with the first one.
# A clock time ("14:00—14:30：") opens a row of an agenda: no label.
_LABEL = re.compile(r"^[^\s：:，,。\d]{1,2}[：:]")
# The fewest characters a heading's words must share with a question to name it, when the question does not hold
# them all; and the share of the heading's words they must be.
_SHARED_MIN = 4
_SHARED_SHARE = 0.6
# Entries up to this long are listed whole when the list is asked for ("先进集体有哪些"); longer ones are passages.
LISTED_MAX = 40
# The characters a name's head (its last word) is taken to have.
_HEAD = 3


def name_of(title: str) -> str:
    """A heading's words, without its number, the count of its items and its marks ("二、先进个人（18名）" →
    "先进个人")."""
    return _MARKS.sub("", _COUNT.sub("", _NUMBER.sub("", title)))


def entries(paras: list[Paragraph]) -> list[list[Paragraph]]:
    """The entries of a section: a paragraph each, or in a Q&A (paragraphs that open with "问：" and "答：") a pair
    each, opened by the label the first paragraph has."""
    label = _LABEL.match(paras[0].text) if paras else None
    opener = label.group(0) if label and sum(p.text.startswith(label.group(0)) for p in paras) >= 2 else ""
    out: list[list[Paragraph]] = []
    for p in paras:
        if opener and out and not p.text.startswith(opener):
            out[-1].append(p)  # "答：…": the answer goes with its question
        else:
            out.append([p])
    return out


def headed_entries(doc: Document, leave: set[int] = frozenset()) -> list[tuple[str, str, list[list[Paragraph]]]]:
    """Every headed section of two or more paragraphs as (its name, the counter its heading counts the entries by,
    its entries), but those left out (leave: their ids); and a document whose headed sections are all such (a
    chronicle by month) once more as one list of all their entries, named by its title."""
    out = []
    rows: list[list[list[Paragraph]]] = []  # the groups of a table's rows, in order
    led = []  # lists named in a line of their own: no headed sections, so counted apart
    for sec in doc.sections:
        paras = [p for p in sec.paragraphs if p.sentences]
        if id(sec) not in leave:
            led += _led_in(paras)
        if paras and paras[0].item:
            # A table's group ("一、产业项目（9个）" over its rows): its rows, not a note after the table.
            paras = paras[:next((k for k, p in enumerate(paras) if not p.item), len(paras))]
        paras = numbered_run(paras)
        name = name_of(sec.title)
        if not sec.title or len(name) < 1 or not paras or id(sec) in leave:
            continue
        grouped = all(p.item for p in paras) and is_table([p.text for p in paras])
        if grouped:
            rows.append([[p] for p in paras])
        if len(name) < 2 or len(paras) < 2:
            continue
        count = _COUNT.search(sec.title)
        out.append((name, count.group(1) if count else "项", entries(paras)))
    headed = [s for s in doc.sections if s.title and s.paragraphs]
    title = name_of(doc.meta.title)
    if len(out) >= 3 and len(out) == len(headed) and len(title) >= 2:
        out.append((title, "项", [e for *_, es in out for e in es]))
    elif len(rows) >= 2 and len(title) >= 2:
        # A table in groups is also one list, named by the document's title ("名单上排第一个的项目").
        out.append((title, "项", [e for es in rows for e in es]))
    return out + led


# A paragraph that opens with its own number ("1．", "（三）", "②"): a point the text numbers.
# "一是…" numbers a point in words; "| 4 | …" is a table's numbered row (its header row is no entry).
_OWN_NUMBER = re.compile(r"^\s*(?:\d{1,2}\s*[.．、]|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|[\u2460-\u2473]"
                         r"|[一二三四五六七八九十]{1,3}是|\|\s*\d{1,3}\s*\|)")


def numbered_run(paras: list[Paragraph]) -> list[Paragraph]:
    """A section's entries when it numbers them itself: the one unbroken run of numbered paragraphs (two or more),
    without the line that leads into them ("双方自愿达成如下协议：") or the text after them, so that "第三条" is the
    point numbered 3; the paragraphs as they are otherwise."""
    at = [k for k, p in enumerate(paras) if _OWN_NUMBER.match(p.text)]
    if len(at) < 2 or at[-1] - at[0] + 1 != len(at) or len(at) == len(paras):
        return paras
    return paras[at[0]:at[-1] + 1]


def self_numbered(texts: list[str]) -> bool:
    """Every entry opens with its own number (two or more): a list however long its entries, not paragraphs of prose."""
    return len(texts) >= 2 and all(_OWN_NUMBER.match(t) for t in texts)


# A paragraph that only names the lines below it ("主要荣誉：", "获奖情况:"): a list's name, set in the text.
_LEAD_IN = re.compile(r"^([^：:，,。；;！？!?\s]{2,12})[：:]$")
# The longest a line of such a list may be; a longer paragraph is the text going on, not an entry of it.
_LED_LINE_MAX = 80


def _led_in(paras: list[Paragraph]) -> list[tuple[str, str, list[list[Paragraph]]]]:
    """The lists a section's paragraphs name in a line of their own ("主要荣誉：" then an honour a line), each
    with the short lines after its name (two or more), as (name, "项", entries)."""
    out = []
    for k, p in enumerate(paras):
        m = _LEAD_IN.match(p.text.strip())
        if not m or attendance.heads_cast(p.text):  # "列席：": who attended, which bot.pipeline.attendance reads
            continue
        lines = []
        for q in paras[k + 1:]:
            if len(q.text) > _LED_LINE_MAX or _LEAD_IN.match(q.text.strip()):
                break
            lines.append([q])
        if len(lines) >= 2:
            out.append((m.group(1), "项", lines))
    return out


# An entry that opens with its name and a colon ("某工程：业主单位：…，总投资…", a table's row read as a sentence).
_NAMED = re.compile(r"^([^：:，,。；;！？!?]{2,%d})[：:]" % LISTED_MAX)


def shown(texts: list[str]) -> list[str]:
    """How entries are listed: whole when they are short; else each by the name it opens with, when every one opens
    with a name of its own (the rows of a table)."""
    if all(len(t) <= LISTED_MAX for t in texts):
        return texts  # "工作日：上午9:00至12:00": a short entry says more than its key
    heads = [m.group(1) for m in map(_NAMED.match, texts) if m]
    return heads if len(heads) == len(texts) and len(set(heads)) == len(heads) else texts


def named_rows(texts: list[str]) -> bool:
    """Every entry opens with a name of its own and a colon ("小学：学校数25，…"): a table's rows, short or long."""
    heads = [m.group(1) for m in map(_NAMED.match, texts) if m]
    return len(texts) >= 2 and len(heads) == len(texts) and len(set(heads)) == len(heads)


def is_table(texts: list[str]) -> bool:
    """The entries are a table's rows read as sentences: long, each opening with a name of its own."""
    return shown(texts) != texts


def names(text: str, name: str, shared: int, common: frozenset[str] = frozenset()) -> int:
    """How many of a heading's words a question names it by (shared: the longest run the two have in common): all
    of them when it holds the name whole, else the run when it is long enough, else the name's head; 0 when it does
    not name it."""
    if name in text:
        return len(name)
    if shared >= _SHARED_MIN and shared >= len(name) * _SHARED_SHARE:
        return shared
    # A noun phrase ends in its head: "大事记" names "某县2025年大事记", "测算表" names "征地补偿费用测算表";
    # "荣誉" (its last word) names "主要荣誉".
    if len(name) > _HEAD and name[-_HEAD:] in text:
        return _HEAD
    # Not a last word several names share ("…工程" of every part): it names none of them. Nor the last word of a
    # long name ("…提案的答复", "…的决定"): a document's or a part's kind, which questions use for the whole.
    last = _last_word(name) if len(name) > _LAST_WORD else ""
    return _LAST_WORD if last and len(last) * 2 >= len(name) and last not in common and last in text else 0


_LAST_WORD = 2  # how many of a name's words its last word names it by, when the question holds no more of it


def shared_last_words(names_: list[str]) -> frozenset[str]:
    """The last words two or more of the names end in."""
    words = [w for w in map(_last_word, names_) if w]
    return frozenset(w for w in words if words.count(w) >= 2)


def _last_word(name: str) -> str:
    """The name's last word, when it is two characters or more (jieba's segmentation), else ""."""
    import jieba

    words = jieba.lcut(name)
    return words[-1] if words and len(words[-1]) >= 2 else ""


def names_by_last_word(text: str, name: str) -> bool:
    """The question holds the name's last word, two characters or more ("名单" of "某市重点建设项目名单")."""
    last = _last_word(name)
    return bool(last) and last in text


# A field of a table's row read as a sentence: "header：value" between the row's commas ("业主单位：市教育局，").
_FIELD = re.compile(r"(?:(?<=：)|(?<=，)|^)([^：，。；]{2,12})：([^：，。；]{2,30})(?=[，。；]|$)")


def fields(text: str) -> list[tuple[str, str]]:
    """The (header, value) fields of an entry that is a table's row read as a sentence, the row's name aside."""
    head = _NAMED.match(text)
    return [(m.group(1), m.group(2)) for m in _FIELD.finditer(text[head.end():] if head else text)]


def rows_with(text: str, rows: list[str]) -> tuple[str, str, list[int]] | None:
    """(header, value, the rows that hold it) for the longest field value the question names, of a table's rows
    ("曹敏包联了哪些项目" → 包联市领导, 曹敏, its three rows); None when the entries are no table's rows (one has no
    field), or the question names no value, or one every row holds."""
    parsed = [fields(row) for row in rows]
    if not all(parsed):
        return None
    named = [(header, value) for row in parsed for header, value in row if value in text]
    if not named:
        return None
    best = max(named, key=lambda hv: len(hv[1]))  # the first of the longest, in row order
    hits = [k for k, row in enumerate(parsed) if best in row]
    return (*best, hits) if len(hits) < len(rows) else None


def fields_head(text: str) -> str:
    """The name a table's row opens with ("某工程：业主单位：…" → "某工程"), else the row whole."""
    head = _NAMED.match(text)
    return head.group(1) if head else text
