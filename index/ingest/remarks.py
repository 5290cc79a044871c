"""Remarks under a line that names their speaker: a digest of a meeting's speeches (发言摘登), an oral history
(口述), a deputies' deliberation summary. A line that names one person and nothing else ("邓某明（甲市机械厂厂长）",
"【柯某平，71岁，退休医生】", "易某华　市工商联副主席") stands before what that person said, told in the first person
("我们厂去年…", "我从1976年开始…"), up to the next such line or heading.

The first person is the test: a leaders' page also sets a name line before each entry, but its entries tell of the
person in the third person ("分管…", "男，汉族") and stay the page's text. Only sentences nobody else speaks are
taken: a quotation of someone else in a remark stays theirs.
"""
from __future__ import annotations

import re

from index.ingest.dialogue import is_editors_line
from index.ingest.names import is_name, listed_name_post, name_then_post, names_a_post, signature, titled_people
from index.ingest.profiles import HEADING_NUMBER
from index.models import Document, Paragraph, SourceKind, Speaker

# The marks a name line may be set in: "【…】", "■ …", "▲…", "**…**".
_MARKS = re.compile(r"^[\s【\[〔■□◆◇●○▲△▶►★☆※*#]+|[\s】\]〕*]+$")
# "邓某明（甲市机械厂厂长）": a name, then the post in brackets.
_BRACKETED = re.compile(r"^(?P<name>[\u4e00-\u9fff·]{2,8}?)\s*[（(](?P<post>[^（）()]{2,40})[)）]$")
# What a name line says of the person besides the post: an age, a sex, a year of their life ("78岁", "女", "1948年生",
# "1998年退休").
_ASIDE = re.compile(r"^(?:\d{1,3}\s*岁|[男女]|\d{4}\s*年[\u4e00-\u9fff]{0,4}|[一二三四五六七八九十]{2,3}岁)$")
_LINE_MAX = 40
# The first person outside quotations: "我", "我们", "咱".
_FIRST_PERSON = re.compile(r"[我咱]")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」")
# A line of the editor's inside the text ("（本报记者 某某 整理）", and "编者按：…", "编后：…" by
# `dialogue.is_editors_line`): nobody's remark.
_BRACKETED_LINE = re.compile(r"^[\s\u3000]*[（(][^（）()]*[)）][\s\u3000]*$")


def _line(text: str) -> str:
    """The line without its marks and its heading's number ("一、某某（…）", "【某某】")."""
    return HEADING_NUMBER.sub("", _MARKS.sub("", text.strip()))


# What a bare name may look like: the only lines `document_people` is consulted for.
_BARE = re.compile(r"^[\u4e00-\u9fff·]{2,16}$")


def name_line(text: str, people: dict[str, Speaker] | None = None) -> Speaker | None:
    """The one person a short line names, with the post it gives them ("邓某明（甲市机械厂厂长）", "柯某平，71岁，
    退休医生", "易某华　市工商联副主席", "市工商联副主席　易某华"), or by the bare name of one of the document's
    people ("（一）邓某明" over an expert's opinion, people: `document_people`); None for any other line."""
    line = _line(text)
    if not line or len(line) > _LINE_MAX or re.search(r"[。！？!?：:“”]", line):
        return None
    if people and line in people:
        return people[line]
    m = _BRACKETED.match(line)
    if m and is_name(m.group("name")):
        return _with_post(m.group("name"), re.split(r"[，,、]", m.group("post")))
    parts = [p.strip() for p in re.split(r"[，,]", line)]
    if len(parts) >= 2 and is_name(parts[0]):
        return _with_post(parts[0], parts[1:])
    return listed_name_post(line) or signature(line)


# A line that ends in a colon hands over to what follows it ("邓某明教授：" over the expert's opinion).
_COLON_END = re.compile(r"[：:]\s*$")
# The second person: a letter's words to whom its salutation names.
_ADDRESSED = re.compile(r"[您你]")


def label_line(text: str) -> Speaker | None:
    """The one person a line names before a colon and nothing else ("邓某明教授：", "易某华（甲市规划院总规划师）：",
    "邓某明同志："): the paragraphs under it are that person's words; None for any other line."""
    line = _MARKS.sub("", text.strip())
    if not _COLON_END.search(line):
        return None
    bare = _COLON_END.sub("", line).strip()
    if not bare or len(bare) > _LINE_MAX:
        return None
    return name_line(bare) or name_then_post(bare)


# A row of a list of people as the loader reads it ("邓某明，工作单位：甲市规划院，职称：教授。"): the name, then
# fields.
_PERSON_ROW = re.compile(r"^(?P<name>[\u4e00-\u9fff·]{2,6})，(?P<fields>(?:[^：，。]{1,10}：[^：，。]{1,40}[，。])+)$")


def document_people(doc: Document) -> dict[str, Speaker]:
    """The people the document itself names with what they are: the rows of its lists of people (their fields'
    values make the post), then every "TITLE NAME" of its sentences, then every speaker its turns and tags gave. A
    bare name is a speaker's line only when it is one of these: a name the document never introduces is no one's."""
    people: dict[str, Speaker] = {}
    for para in doc.paragraphs():
        row = _PERSON_ROW.match(para.text.strip())
        if row and is_name(row.group("name")):
            values = [v.split("：", 1)[1] for v in re.split(r"[，。]", row.group("fields")) if "：" in v]
            people.setdefault(row.group("name"), Speaker(name=row.group("name"), title="".join(values)))
    for _, _, sent in doc.sentences():
        for who in titled_people(sent.text):
            if who.name and who.title:
                people.setdefault(who.name, who)
        if sent.speaker is not None and sent.speaker.name and is_name(sent.speaker.name):
            people.setdefault(sent.speaker.name, sent.speaker)
    return people


def _with_post(name: str, said: list[str]) -> Speaker | None:
    """The person with the post the line gives (its parts but age and sex); None when no part names a post or a
    walk of life."""
    posts = [p.strip() for p in said if p.strip() and not _ASIDE.match(p.strip())]
    if not posts or not all(len(p) <= 30 for p in posts):
        return None
    title = "、".join(posts)
    # "退休医生", "老街咖啡馆店主", "村民": a post or what the person does; a place alone ("甲市") is neither.
    if not (names_a_post(title) or re.search(r"[师员工者主民农人生手家长]$", title)):
        return None
    return Speaker(name=name, title=title)


def _numbered_name(text: str) -> bool:
    """A numbered line that is a bare name ("（二）某某"), whoever it names: it closes the remark before it, though
    the document may never say who that is (then the remark after it is no one's)."""
    line = _MARKS.sub("", text.strip())
    bare = HEADING_NUMBER.sub("", line)
    return bare != line and is_name(bare)


def _first_person(text: str) -> bool:
    return bool(_FIRST_PERSON.search(_QUOTED.sub("", text)))


def _take(block: list[Paragraph], who: Speaker) -> None:
    """The sentences of the block that nobody else speaks, as the person's statements."""
    for para in block:
        for sent in para.sentences:
            # A minutes' text is its own (DECISION) until a line hands over to someone: then it is theirs.
            if sent.speaker is None and sent.kind in (SourceKind.NARRATION, SourceKind.DECISION):
                sent.speaker, sent.kind = who, SourceKind.STATEMENT


def attribute_remarks(doc: Document, dialogue: bool = False) -> None:
    """Every block of paragraphs under a line that names one person, as that person's words, when the blocks are
    remarks: told in the first person, all of them or at least half (a digest's remark may open without "我": "合作社
    现在有社员三百多户"), or under a line that ends in a colon ("邓某明教授："). A transcript (dialogue) says who
    speaks by its turns' labels instead: its host's words after a list of guests are no guest's."""
    if dialogue:
        return
    # The document's people are looked up only for a line that is a bare name: most documents have none.
    texts = [s.title for s in doc.sections if s.title] + [p.text for p in doc.paragraphs()]
    people = document_people(doc) if any(_BARE.match(_line(t)) for t in texts) else {}
    blocks: list[tuple[Speaker, list[Paragraph]]] = []
    handed: list[tuple[Speaker, list[Paragraph]]] = []  # blocks under a line that ends in a colon
    for section in doc.sections:
        labelled = label_line(section.title) if section.title else None
        who = labelled or (name_line(section.title, people) if section.title else None)
        colon = labelled is not None
        block: list[Paragraph] = []
        listed = False  # the name line stands in a list of them (a transcript's guests): no remark follows it
        for para in section.paragraphs:
            line = doc.body[para.start:para.end]  # as written: a label may already be taken off its sentences
            labelled = label_line(line)
            named = labelled or name_line(para.text, people)
            if named is not None or _BRACKETED_LINE.match(para.text) or is_editors_line(para.text) \
                    or _numbered_name(para.text):
                if who is not None and block:
                    (handed if colon else blocks).append((who, block))
                listed = labelled is None and named is not None and (
                    who is not None and not block or listed and not block)
                who, block, colon = (None if listed else named), [], labelled is not None
                continue
            if who is not None:
                block.append(para)
        if who is not None and block:
            (handed if colon else blocks).append((who, block))
    for who, block in handed:
        # The colon says whose words follow: no test of the first person needed. Not a salutation ("何某委员：" over
        # "您提出的…"): words that address the person are to them, not by them.
        if not _ADDRESSED.search(_QUOTED.sub("", block[0].text)):
            _take(block, who)
    told = [b for b in blocks if _first_person(b[1][0].text)]
    if told and 2 * len(told) >= len(blocks):
        for who, block in blocks if len(blocks) >= 2 else told:
            _take(block, who)
