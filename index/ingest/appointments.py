"""Appointments and removals a personnel notice or a session's news records ("任命甲为市乙局局长", "免去丙的市乙局
局长职务", "接受丁辞去市丙局局长职务的请求").

The genre writes them in a fixed form, so a form is read here: who, which post, and whether the post is taken up or
left. A post someone is appointed to is theirs now; a post they are removed from is theirs no more.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.ingest.names import is_name
from index.models import Document

APPOINTED, REMOVED = "appointed", "removed"

_NAME = r"(?P<name>[\u4e00-\u9fff·]{2,8}?)(?:同志)?"
_POST = r"(?P<post>[^，,。；;：:（(\n“”]{2,40}?)"
# "任命甲为市乙局局长", "决定任命…", "聘任…", "提请任命…": the post taken up ends at a stop, a note or the next clause.
_APPOINT = re.compile(r"(?:任命|聘任|聘用|提名)" + _NAME + r"为" + _POST + r"(?=[，,。；;（(\n]|$)")
# "免去丙的市乙局局长职务", "免去其市乙局副局长职务" (其: the person the clause just appointed).
_REMOVE = re.compile(r"免去(?:" + _NAME + r"的|(?P<its>其))" + _POST + r"(?:职务|职)")
# "接受丁辞去市丙局局长职务的请求": a resignation accepted.
_RESIGN = re.compile(r"接受" + _NAME + r"辞去" + _POST + r"(?:职务|职)")
# A lead line whose items follow one per line ("任命：", "会议决定免去：") and the items' forms under it.
_LEAD = re.compile(r"(?P<verb>任命|聘任|免去|免职)\s*[：:]\s*$")
_ITEM = {APPOINTED: re.compile(r"^\s*" + _NAME + r"为" + _POST + r"(?=[，,。；;（(\n]|$)"),
         REMOVED: re.compile(r"^\s*" + _NAME + r"的" + _POST + r"(?:职务|职)")}
# A note after the post ("（试用期一年）", "（挂职）", "（退休）"): kept with the record as written.
_NOTE = re.compile(r"^\s*[（(](?P<note>[^）)]{1,20})[）)]")


@dataclass(frozen=True)
class Appointment:
    """One person's post taken up (APPOINTED) or left (REMOVED), with the note the text adds and where it stands."""

    name: str
    post: str
    action: str
    note: str = ""
    start: int = 0


def appointments(doc: Document) -> list[Appointment]:
    """Every appointment and removal the document records, in order, each once (the news of the meeting that decided
    them may list them again)."""
    once: dict[tuple[str, str, str], Appointment] = {}
    for a in _recorded(doc):
        once.setdefault((a.name, a.post, a.action), a)
    return list(once.values())


def _recorded(doc: Document) -> list[Appointment]:
    """Every appointment and removal as the lines write them."""
    out: list[Appointment] = []
    mode = ""  # the action a lead line gave its items ("任命：" then "甲为乙局局长；")
    for line_start, line in _lines(doc.body):
        if not line.strip():
            continue
        lead = _LEAD.search(line)
        if lead:
            mode = REMOVED if lead.group("verb") in ("免去", "免职") else APPOINTED
            continue
        item = _ITEM[mode].match(line) if mode else None
        if item and is_name(item.group("name")):
            note = _NOTE.match(line[item.end():])
            out.append(Appointment(item.group("name"), item.group("post").strip(), mode,
                                   note.group("note") if note else "", line_start + item.start()))
            continue
        mode = ""
        last = ""
        found = sorted([(m, APPOINTED) for m in _APPOINT.finditer(line)]
                       + [(m, REMOVED) for m in _REMOVE.finditer(line)]
                       + [(m, REMOVED) for m in _RESIGN.finditer(line)], key=lambda x: x[0].start())
        for m, action in found:
            name = last if m.groupdict().get("its") else m.group("name")
            if not name or not is_name(name):
                continue
            note = _NOTE.match(line[m.end():])
            out.append(Appointment(name, m.group("post").strip(), action, note.group("note") if note else "",
                                   line_start + m.start()))
            last = name
    return out


def _lines(body: str):
    """(start, line) of each line of the body."""
    at = 0
    for line in body.split("\n"):
        yield at, line
        at += len(line) + 1
