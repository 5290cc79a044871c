"""Split a body into sections, paragraphs and sentences with exact character offsets."""
from __future__ import annotations

import re

from index.ingest.loader import HEADING_MARK
from index.models import Paragraph, Section, Sentence

_CN_NUM = "一二三四五六七八九十百零〇"
LEVEL1 = re.compile(rf"^([{_CN_NUM}]+)、")
LEVEL2 = re.compile(rf"^[(（]([{_CN_NUM}]+)[)）]")
LEVEL3 = re.compile(r"^(\d{1,3})[.．、](?!\d)")
_HALF_WIDTH = str.maketrans({"（": "(", "）": ")", "．": "."})
_END_PUNCT = "。!?！？;；:：,，、…"
# A sentence ends at 。!? (or …… ) plus any closing quotes/brackets right after it.
_SENT_END = re.compile(r"(?:[。!?！？]+|……)[”’」』\"')）]*")


def is_heading(line: str) -> bool:
    """A short line with no sentence punctuation reads as a section heading."""
    if line.startswith(HEADING_MARK):
        return True
    if LEVEL1.match(line):
        rest = LEVEL1.sub("", line)
        return len(rest) <= 40 and not re.search(r"[。!?！？;；]", rest)
    # Quotation marks may sit inside a heading (做好“六稳”工作) but a quoted saying opens with one.
    return (2 <= len(line) <= 25 and line[-1] not in _END_PUNCT and line[0] not in "“\"「"
            and not re.search(r"[,，。!?！？;；]", line))


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


def looks_like_decision(lines: list[str]) -> bool:
    """A policy document numbers its parts 一、二、… and usually (一)(二) / 1. 2. below them."""
    plain = [x.removeprefix(HEADING_MARK) for x in lines]
    level1 = sum(1 for x in plain if LEVEL1.match(x))
    lower = sum(1 for x in plain if LEVEL2.match(x) or LEVEL3.match(x))
    return level1 >= 2 and lower >= 1


def build_sections(lines: list[str], decision: bool) -> tuple[str, list[Section]]:
    """Body text (lines joined by newlines) and its sections; numbered clauses when a decision."""
    body_parts: list[str] = []
    sections: list[Section] = [Section(title="", start=0)]
    offset = 0
    para_no = 0
    path = ["", "", ""]  # current clause numbers at levels 1..3
    for raw in lines:
        heading = raw.startswith(HEADING_MARK)
        line = raw.removeprefix(HEADING_MARK)
        start = offset
        body_parts.append(line)
        offset += len(line) + 1
        level, number = clause_number(line) if decision else (0, "")
        if level:
            path[level - 1] = number
            for deeper in range(level, 3):
                path[deeper] = ""
        if (heading or is_heading(line)) and (not decision or level in (0, 1)):
            sections.append(Section(title=line, start=start, number=number if level == 1 else ""))
            continue
        if level == 1:
            # A top-level clause written as a sentence still opens its own part of the decision.
            title = re.split(r"[。!?！？;；:：,，]", line, maxsplit=1)[0]
            sections.append(Section(title=title, start=start, number=number))
        para_no += 1
        para = Paragraph(index=para_no, start=start, end=start + len(line),
                         sentences=split_sentences(line, start), clause="".join(path) if decision else "")
        sections[-1].paragraphs.append(para)
    if not sections[0].paragraphs and len(sections) > 1:
        sections.pop(0)
    return "\n".join(body_parts), sections
