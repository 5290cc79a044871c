"""Who attended, as a document lists them: minutes' and reports' cast lines ("出席：张三（市长）、李四（副市长）",
"列席：…", "请假：…"). Attending is not speaking: "列席会议的有哪些人" asks for the line, not for the speakers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.ingest.names import listed_person, name_then_title, titled_people
from index.models import Speaker

# A cast line's key, a closed class of the genre's words; the key a question uses for it.
_KEYS = r"(出席人员|列席人员|参会人员|出席|列席|参会|参加|请假|缺席)"
_LINE = re.compile(rf"^[\s\u3000]*{_KEYS}[：:][\s\u3000]*(.+?)[\s\u3000]*$")
_ASKED = (("陪同", re.compile(r"陪同|陪着|随同|跟着|参加(?:了)?(?:这次)?(?:调研|考察|视察|检查)")),
          ("列席", re.compile(r"列席")), ("请假", re.compile(r"请假|缺席|没来|没有参加|没参加")),
          ("出席", re.compile(r"出席|参会|与会|到会|参加(?:了)?(?:这次|本次|今天的?)?(?:会议|座谈会|活动|仪式|发布会|调度会|推进会)")))
# A report's narration of who went along ("市委常委、常务副市长甲，副市长乙陪同调研。"): the clause before the verb
# lists them, each post before its name ("…参加调研。" on a tour says the same). A closing "…参加座谈会。" lists the
# officials present: it answers a question for the officials who attended, not one for everyone there (the
# speakers are there too).
_NARRATED = re.compile(r"(?:^|[。！？；!?;])\s*([^。！？；!?;“”]{4,120}?)(?:(?P<went>(?:陪同|随同)(?:了)?[\u4e00-\u9fff]{0,4}|"
                       r"参加(?:了)?(?:调研|考察|视察|检查))|(?:参加|出席)(?:了)?(?:会议|座谈会|活动|仪式|发布会|调度会|推进会))"
                       r"[。；;！!]")
# The same key alone on its line, the people listed on the lines below it.
_KEY_ALONE = re.compile(rf"^[\s\u3000]*{_KEYS}[：:][\s\u3000]*$")
# "张三（市长）", "李四（副市长，出差）": a name, then the post in brackets.
_NAME_POST = re.compile(r"^([\u4e00-\u9fff·]{2,6})[（(]([^（）()]{1,40})[)）]$")


@dataclass(frozen=True)
class CastLine:
    """One cast line of a document: its key as the question words it, the people it lists, where it stands."""

    key: str
    people: tuple[Speaker, ...]
    doc_id: str
    start: int
    end: int
    narrated: bool = False  # read from the report's narration, not a cast line


def _key_of(word: str) -> str:
    return next(k for k, rx in _ASKED if rx.search(word))


def _people(text: str) -> list[Speaker]:
    out = []
    for piece in re.split(r"[、；;]", text):
        piece = piece.strip(" \u3000，,。")
        m = _NAME_POST.match(piece)
        if m:
            out.append(Speaker(m.group(1), re.split(r"[，,]", m.group(2))[0]))
            continue
        found = titled_people(piece + "，") or name_then_title(piece)
        out.extend(found[:1])
    return out


def cast_lines(documents) -> list[CastLine]:
    """Every cast line of the documents whose people can be read, in order."""
    out = []
    for doc in documents:
        lines = list(doc.lines())
        for i, (start, end, line) in enumerate(lines):
            alone = _KEY_ALONE.match(line)
            if alone:
                # "列席：" alone, then one attendee a line ("市甲局　　张三（局长）"): the lines up to the first that
                # lists nobody.
                listed = []
                for _, last_end, nxt in lines[i + 1:]:
                    person = listed_person(nxt)
                    if person is None:
                        break
                    listed.append(person)
                    end = last_end
                if listed:
                    out.append(CastLine(_key_of(alone.group(1)), tuple(listed), doc.doc_id, start, end))
                continue
            m = _LINE.match(line)
            people = _people(m.group(2)) if m else []
            if people:
                out.append(CastLine(_key_of(m.group(1)), tuple(people), doc.doc_id, start, end))
            for n in ([] if m else _NARRATED.finditer(line)):
                went = [p for piece in re.split(r"[，,]", n.group(1)) for p in titled_people(piece.strip() + "，")[:1]]
                if went:
                    key = "陪同" if n.group("went") else "出席"
                    out.append(CastLine(key, tuple(went), doc.doc_id, start, end, narrated=True))
    return out


def heads_cast(line: str) -> bool:
    """The line is a cast line's key alone ("列席："), the people on the lines below it."""
    return _KEY_ALONE.match(line) is not None


def asked_key(question: str) -> str:
    """The cast line a question asks for ("列席的有哪些人" → 列席), or "" when it names none."""
    return next((k for k, rx in _ASKED if rx.search(question)), "")
