"""The people a document gives a part of its own, in the document's order.

A leaders' page profiles its leaders one entry each; a report of a speech contest, a set of oral histories or a digest
of speeches heads each person's part with their name ("1号　某某：…", "三、某某（61岁，乡村医生）"). Those people are
who the document is about, in the order it presents them: "第三个介绍的", "最后一位讲述人", "排在最后的那位" count
them, and "哪几位是高级工程师" picks among them by what their own part says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.ingest.names import full_name
from index.ingest.profiles import HEADING_NUMBER, profiles
from index.models import Document

# A contest's running number before the name ("1号　某某：…", "第2号").
_RUNNING_NUMBER = re.compile(r"^第?\d{1,2}\s*号[\s\u3000]*")
# What may follow the name in a heading: its end, a space, a colon or a bracket ("某某（61岁，…）", "某某：标题").
_AFTER_NAME = re.compile(r"^(?:$|[\s\u3000：:（(，,])")
# People with a part each make a document of entrants only when there are several: one heading with a name is a
# report's subtitle, two may be a lecture's speaker and its host.
MIN_HEADED = 3


@dataclass(frozen=True)
class Entrant:
    """One person with a part of their own: name, posts as written (may be empty), and the part's span [start, end)."""

    name: str
    posts: tuple[str, ...]
    start: int
    end: int


# A full name set apart from the rest of the heading ("某某（研究员）", "某某：标题"), for a person the document never
# marks as speaking.
_NAME_SET_APART = re.compile(r"^([\u4e00-\u9fff·]{2,4}?)(?=[\s\u3000：:（(])")


def _heading_name(title: str, people: set[str]) -> str:
    """The person a heading opens with ("三、某某（…）", "1号　某某：…"): one the document quotes, or a full name set
    apart from the rest; else ""."""
    text = _RUNNING_NUMBER.sub("", HEADING_NUMBER.sub("", title.strip().strip("#").strip()))
    # The longest of the document's people the heading opens with ("欧阳某某" before "欧阳").
    for name in sorted((p for p in people if text.startswith(p)), key=len, reverse=True):
        if _AFTER_NAME.match(text[len(name):]):
            return name
    m = _NAME_SET_APART.match(text)
    return m.group(1) if m and full_name(m.group(1)) else ""


def entrants(doc: Document) -> list[Entrant]:
    """The people the document presents one part each, in order: a page's profiles, else the parts headed by a
    person it quotes (three or more); [] for a document of neither kind."""
    found = sorted(profiles(doc), key=lambda p: p.start)
    if len(found) >= MIN_HEADED:
        return [Entrant(p.name, p.posts, p.start, p.end) for p in found]
    speakers = {sent.speaker.name: sent.speaker for _, _, sent in doc.sentences()
                if sent.speaker is not None and sent.speaker.name}
    sections = doc.sections
    quoted = set(speakers)
    out: dict[str, Entrant] = {}
    for i, section in enumerate(sections):
        name = _heading_name(section.title, quoted) if section.title else ""
        if not name or name in out:
            continue
        end = sections[i + 1].start if i + 1 < len(sections) else len(doc.body)
        title = speakers[name].title if name in speakers else ""
        out[name] = Entrant(name, (title,) if title else (), section.start, end)
    # Headings that share their first two characters number one word ("关切一", "关切二"), whatever a dictionary
    # says of them as names; a person the document quotes is one whatever their name.
    words = [n[:2] for n in out if len(n) >= 3 and n not in speakers]
    out = {n: e for n, e in out.items() if n in speakers or words.count(n[:2]) < 2}
    return list(out.values()) if len(out) >= MIN_HEADED else []
