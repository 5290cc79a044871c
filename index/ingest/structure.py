"""Split a body into sections, paragraphs and sentences with exact character offsets."""
from __future__ import annotations

import re

from index.ingest.captions import BRACKETED_NOTE, SCRIPT_LABEL
from index.ingest.dialogue import is_field_line, is_label_line, names_a_field
from index.ingest.loader import HEADING_MARK, ITEM_MARK
from index.ingest.names import listed_person, signature
from index.models import Paragraph, Section, Sentence

_CN_NUM = "一二三四五六七八九十百零〇"
LEVEL1 = re.compile(rf"^([{_CN_NUM}]+)、")
LEVEL2 = re.compile(rf"^[(（]([{_CN_NUM}]+)[)）]")
LEVEL3 = re.compile(r"^(\d{1,3})[.．、](?!\d)")
_HALF_WIDTH = str.maketrans({"（": "(", "）": ")", "．": "."})
_END_PUNCT = "。!?！？;；:：,，、…~～"  # "…也可以咨询哦~": a chatty sentence, no heading
# A sentence ends at 。!? (or …… ) plus any closing quotes/brackets right after it.
_SENT_END = re.compile(r"(?:[。!?！？]+|……)[”’」』\"')）]*")


def is_rule(line: str) -> bool:
    """A line of marks only ("━━━━━━", "＊＊＊"): a rule between items, no words."""
    return not re.search(r"[^\W_]", line)


def is_heading(line: str) -> bool:
    """A short line with no sentence punctuation reads as a section heading."""
    if line.startswith(HEADING_MARK):
        return True
    if is_rule(line):
        return False
    opened = line.strip().lstrip("【[〔")
    own = _PART_NUMBER.match(opened)
    if own and own.group("o"):
        # "第二部分　从“种得出”到“卖得好”", "【第三部分　修路】": a part that numbers itself is a heading, whatever
        # marks enclose it, the quotation it ends in or a name its words look like.
        rest = opened[own.end():].rstrip("】]〕")
        return len(rest) <= 40 and not re.search(r"[,，。!?！？;；]", rest)
    if is_label_line(line) or is_field_line(line):
        return False  # "主持人：TITLE NAME" opens a turn of a transcript; "时间：…" is a field
    if listed_person(line) is not None:
        return False  # "市甲局　　张三（局长）" under "列席：": one attendee of a list, no heading
    if signature(line.strip()) is not None:
        return False  # "市甲局副局长 张三" under a reply signs it (or names a speech's speaker): no heading
    if SCRIPT_LABEL.match(line) or BRACKETED_NOTE.fullmatch(line.strip()):
        # "【同期声】张三 某局局长", "（录音：张三 某局局长）", "（现场声：掌声）": a broadcast script's block, its
        # caption, a note on the sound (index.ingest.captions)
        return False
    if LEVEL1.match(line):
        rest = LEVEL1.sub("", line)
        return len(rest) <= 40 and not re.search(r"[。!?！？;；]", rest)
    # Quotation marks may sit inside a heading (做好“六稳”工作), open it when the line goes on after them
    # ("“管”与“放”之间找平衡") or close it after a name ("交通互联行动：从“能到达”到“快进出”"); a line that is all
    # one quotation is a saying.
    return (2 <= len(line) <= 25 and line[-1] not in _END_PUNCT
            and (line[-1] not in "”\"」" or _named_before_quote(line))
            and not re.search(r"[,，。!?！？;；]", line))


# A numbered question on a line of its own ("一、出台背景是什么？", "3. 补贴怎么领?", "问题2：…？"): the question of an
# explainer's or a FAQ's entry, whose answer follows.
_NUMBERED = re.compile(rf"^(?:[{_CN_NUM}]+、|[(（][{_CN_NUM}]+[)）]|\d{{1,2}}[.．、](?!\d)|(?:问题|Q)\s*\d{{1,2}}\s*[：:.．、]?)\s*")


# A heading numbered as a part ("一、", "（二）", "3.", "第二部分", "第三讲"): a talk's or a text's own division.
_PART_NUMBER = re.compile(rf"^\s*(?:(?P<n>[{_CN_NUM}]+)、|[(（](?P<p>[{_CN_NUM}]+)[)）]|(?P<d>\d{{1,2}})[.．、](?!\d)|"
                          rf"第(?P<o>[{_CN_NUM}\d]+)(?:部分|讲|章|节|篇|个方面))")


def heading_position(title: str) -> int:
    """The position a heading's part number gives it ("一、…" → 1, "第二部分 …" → 2), or 0 for an unnumbered one."""
    m = _PART_NUMBER.match(title or "")
    if not m:
        return 0
    number = next(g for g in m.groups() if g)
    return int(number) if number.isdigit() else chinese_number(number)


def heading_question(line: str) -> str:
    """The question of a line that is a numbered question alone ("三、补贴标准是多少？" → "补贴标准是多少？"), else ""."""
    m = _NUMBERED.match(line)
    rest = line[m.end():].strip() if m else ""
    return rest if 4 <= len(rest) <= 40 and rest[-1] in "？?" and not re.search(r"[。；;！!]", rest) else ""


def _named_before_quote(line: str) -> bool:
    """A subheading that names its part, a colon, then a catchphrase ending in a quotation ("甲行动：“乙、丙”",
    "交通互联行动：从“能到达”到“快进出”"); not a quotation alone ("“……”"), nor a headline that ends in one (it
    stays what it was: the page's headline line, not a section of its own)."""
    colon = max(line.find("："), line.find(":"))
    return 2 <= colon < max(line.rfind("“"), line.rfind("「")) and not line.startswith(("“", "「", "\"")) \
        and not names_a_field(line[:colon])  # "稿件标题：看病少跑“冤枉路”": a field of the page


def split_sentences(text: str, base: int) -> list[Sentence]:
    """Sentences of one paragraph, offsets relative to the document body."""
    out: list[Sentence] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if m.end() > pos:
            out.append(Sentence(text=text[pos:m.end()], start=base + pos, end=base + m.end()))
            pos = m.end()
    if pos < len(text) and text[pos:].strip():
        out.append(Sentence(text=text[pos:], start=base + pos, end=base + len(text)))
    for i, s in enumerate(out):
        s.index = i
    return out


def clause_number(line: str) -> tuple[int, str]:
    """The numbering level (1, 2, 3; 0 = none) and the number in half-width form ("一、", "(二)", "3.")."""
    for level, rx in ((1, LEVEL1), (2, LEVEL2), (3, LEVEL3)):
        m = rx.match(line)
        if m:
            return level, normalize_clause(m.group(0))
    return 0, ""


def normalize_clause(number: str) -> str:
    """One spelling per clause number, so "（二）" and "(二)", "3．" and "3." cite the same clause."""
    return number.translate(_HALF_WIDTH).replace(" ", "")


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def chinese_number(text: str) -> int:
    """'三' → 3, '十二' → 12, '二十一' → 21, '7' → 7; 0 when it is not a number."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS and c not in "十百" for c in text):
        return 0
    total, digit = 0, 0
    for c in text:
        if c == "百":
            total += (digit or 1) * 100
            digit = 0
        elif c == "十":
            total += (digit or 1) * 10
            digit = 0
        else:
            digit = digit * 10 + _DIGITS[c] if digit else _DIGITS[c]
    return total + digit


# A unit that states its own place at its start: an article ("第十九条　…"), a clause ("第二款"), a slide ("第10页"
# alone on its line, as a deck exported to text marks each one). "违反本条例第十九条…" is inside a sentence: no unit.
_LABELLED_UNIT = re.compile(r"^[\s\u3000]*第([一二三四五六七八九十百零〇两\d]{1,5})(条|款|页)(?=[\s\u3000：:]|$)[\s\u3000：:]*(.*)$")
LABELLED_COUNTERS = ("条", "款", "页")


def labelled_unit(line: str) -> tuple[str, str, str] | None:
    """(its label's number, its counter, the words after the label) of a line that opens a unit labelled with its
    own place ("第十九条　禁止…" → ("十九", "条", "禁止…")), or None."""
    m = _LABELLED_UNIT.match(line)
    return (m.group(1), m.group(2), m.group(3).strip()) if m else None


def ordinal_of(number: str) -> int:
    """A clause number's position: "六、" → 6, "(三)" → 3, "2." → 2."""
    return chinese_number(re.sub(r"[、().．\s（）]", "", number))


def clause_heading(line: str) -> str:
    """The heading a numbered clause starts with: "（一）指导思想。坚持…" → "指导思想"; empty when it runs on."""
    level = clause_number(line)[0]
    if not level:
        return ""
    rest = (LEVEL1, LEVEL2, LEVEL3)[level - 1].sub("", line, count=1)
    head = re.split(r"[。！？!?；;：:]", rest, maxsplit=1)[0].strip()
    return head if 0 < len(head) <= 40 and "，" not in head and "," not in head else ""


# How a decision ends: a call to act after its last numbered part ("…而努力奋斗！").
_CLOSING_END = ("！", "!")
_CLOSING_WORDS = ("奋斗", "奋进", "努力", "拼搏")


def _split_closing(sections: list[Section]) -> None:
    """The closing paragraph after the last numbered part of a decision becomes its own part."""
    numbered = [s for s in sections if s.number]
    if not numbered or sections[-1] is not numbered[-1] or not numbered[-1].paragraphs:
        return
    last = numbered[-1]
    final = last.paragraphs[-1]
    if _opens_clause(final) or len(last.paragraphs) < 2:
        return
    before = last.paragraphs[-2]
    text = final.text.rstrip()
    # After (一)/1. clauses, an unnumbered last paragraph no longer belongs to the last of them;
    # without sub-clauses only the way it ends (a call to act) tells it apart.
    structured = len(before.ordinals) >= 2
    closing_words = text.endswith(_CLOSING_END) or any(w in text[-20:] for w in _CLOSING_WORDS)
    if not (structured or closing_words):
        return
    last.paragraphs.pop()
    final.clause, final.ordinals, final.heading = "", (), ""
    title = re.split(r"[。!?！？;；:：,，]", final.text, maxsplit=1)[0]
    sections.append(Section(title=title, start=final.start, paragraphs=[final], kind="closing"))


def _opens_clause(para: Paragraph) -> bool:
    return bool(para.sentences) and clause_number(para.sentences[0].text)[0] > 0


def looks_like_decision(lines: list[str]) -> bool:
    """A policy document numbers its parts 一、二、… and usually (一)(二) / 1. 2. below them."""
    plain = [x.removeprefix(HEADING_MARK).removeprefix(ITEM_MARK) for x in lines]
    level1 = sum(1 for x in plain if LEVEL1.match(x))
    lower = sum(1 for x in plain if LEVEL2.match(x) or LEVEL3.match(x))
    return level1 >= 2 and lower >= 1


def build_sections(lines: list[str], decision: bool, numbered: bool | None = None) -> tuple[str, list[Section]]:
    """Body text (lines joined by newlines) and its sections; numbered clauses when a decision, or when a page
    that reports on one is numbered like one (一、 parts with (一) measures: a policy explainer)."""
    numbered = decision if numbered is None else numbered
    body_parts: list[str] = []
    sections: list[Section] = [Section(title="", start=0)]
    offset = 0
    para_no = 0
    path = ["", "", ""]  # current clause numbers at levels 1..3
    marked: set[int] = set()  # sections whose heading the source marked as one
    for raw in lines:
        heading = raw.startswith(HEADING_MARK)
        item = raw.startswith(ITEM_MARK)  # a list's item: text, however short and unpunctuated
        line = raw.removeprefix(HEADING_MARK).removeprefix(ITEM_MARK)
        start = offset
        body_parts.append(line)
        offset += len(line) + 1
        if is_rule(line):
            continue  # neither heading nor passage (a rule's passage would be near every question)
        level, number = clause_number(line) if numbered else (0, "")
        if level:
            path[level - 1] = number
            for deeper in range(level, 3):
                path[deeper] = ""
        if (heading or not item and is_heading(line)) and (not numbered or level in (0, 1)):
            if numbered and level == 0:
                path = ["", "", ""]  # "附件" after the last part: outside every numbered clause
            sections.append(Section(title=line, start=start, number=number if level == 1 else "",
                                    ordinal=ordinal_of(number) if level == 1 else 0,
                                    kind=("part" if level == 1 else "") if decision else ""))
            if heading:
                marked.add(id(sections[-1]))
            continue
        if level == 1:
            # A top-level clause written as a sentence still opens its own part of the decision.
            title = re.split(r"[。!?！？;；:：,，]", line, maxsplit=1)[0]
            sections.append(Section(title=title, start=start, number=number, ordinal=ordinal_of(number), kind="part"))
        para_no += 1
        clause = "".join(path) if numbered else ""
        para = Paragraph(index=para_no, start=start, end=start + len(line),
                         sentences=split_sentences(line, start), clause=clause,
                         ordinals=tuple(ordinal_of(x) for x in path if x) if numbered else (),
                         heading=clause_heading(line) if numbered and level else "", item=item)
        sections[-1].paragraphs.append(para)
    if not sections[0].paragraphs and len(sections) > 1:
        sections.pop(0)
    sections = _listed_lines(sections, marked)
    if decision:
        for sec in sections:
            if not sec.kind:
                sec.kind = "preamble" if not any(x.number for x in sections[:sections.index(sec)]) else "part"
        _split_closing(sections)
    return "\n".join(body_parts), sections


# A line that is all one note in brackets ("（此件公开发布）").
_NOTE = re.compile(r"[（(][^（）()]{1,30}[)）]")
# A short line of a key and its value ("出  席：张三  局长"), whose list the lines after it go on.
_KEYED_LINE = re.compile(r"^[^：:，。；,;]{1,8}[：:][^。；;]{1,40}$")
# The fewest lines that make a list of a heading's own (fewer stay headings: a title and its subtitle).
_LIST_MIN = 2


def _listed_lines(sections: list[Section], marked: set[int]) -> list[Section]:
    """Short lines with nothing under any of them, one after another, are the items of a list under the line before
    them ("一、先进集体（12个）" then a unit per line; a roster of names and posts), not headings: each becomes a
    paragraph of that heading, so that the list is text that can be found and cited. Not the lines before the first
    passage (a masthead, a title and its subtitle), nor headings the source marked as such, nor a table of contents
    (its lines stand again as headings below it). Paragraphs are numbered again in document order."""
    seen_text = False
    later = [_unmarked(s.title) for s in sections]
    out: list[Section] = []
    k = 0
    while k < len(sections):
        sec = sections[k]
        run_end = k
        while run_end < len(sections) and _bare_heading(sections[run_end], marked):
            run_end += 1
        run = sections[k:run_end]
        if not seen_text or len(run) < _LIST_MIN or any(_unmarked(t.title) in later[run_end:] for t in run):
            out.append(sec)
            seen_text = seen_text or bool(sec.paragraphs)
            k += 1
            continue
        # A numbered line inside the run ("二、先进个人（18名）") opens a list of its own. After a field or a lead
        # that announces a list ("出席：张三 局长", "名单如下："), the whole run goes on that list.
        last = out[-1].paragraphs[-1].text.strip() if out and out[-1].paragraphs else ""
        groups: list[list[Section]] = [[out.pop()]] if last.endswith(("：", ":")) or _KEYED_LINE.match(last) else []
        for t in run:
            if not groups or LEVEL1.match(t.title) or LEVEL2.match(t.title):
                groups.append([t])
            else:
                groups[-1].append(t)
        for head, *items in groups:
            if len(items) < _LIST_MIN:
                out += [head, *items]
                continue
            for t in items:
                head.paragraphs.append(Paragraph(index=0, start=t.start, end=t.start + len(t.title),
                                                 sentences=split_sentences(t.title, t.start), item=True,
                                                 listed=True))
            out.append(head)
        k = run_end
    for i, para in enumerate((p for s in out for p in s.paragraphs), 1):
        para.index = i
    return out


def _bare_heading(sec: Section, marked: set[int]) -> bool:
    """A heading line with nothing under it, which the source did not mark as a heading. Not a note in brackets
    ("（此件公开发布）" between a signature and an attached plan's title): no item of a list, it ends one."""
    return bool(sec.title) and not sec.paragraphs and id(sec) not in marked \
        and not _NOTE.fullmatch(sec.title.strip())


def _unmarked(title: str) -> str:
    """A heading without the marks a table of contents sets before it ("◎甲县：…" lists "甲县：…")."""
    return title.lstrip("◎◆◇■□●○▲△★☆·•-— 　")
