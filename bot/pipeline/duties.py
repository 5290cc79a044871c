"""Who leads each task of a policy document and who supports it: the notes such documents put after a clause,
"（牵头单位：市甲局；配合单位：市乙局、市丙局）", "（责任单位：…）" or a line "责任单位：市甲局（牵头），市乙局。" after
a clause's items, read once at load.

"市甲局牵头哪些事?" lists the tasks whose note names it as lead; "X由哪个部门牵头?" gives the note of the task
the question names. The organisations come from the notes themselves, so a loosely named one ("邮政局" for
"市邮政管理局") is matched by its core word against them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from index.models import Chunk

from bot.pipeline.understand import SIDE_WORDS, WHO_LEADS_Q, in_order, renames

# The note in brackets after a clause: "（牵头单位：市甲局；配合单位：市乙局）", "（牵头单位：市甲局；责任单位：市乙局、
# 各县（市、区）人民政府）" (a body's name may hold brackets of its own), "（责任单位：市甲局）". Its parts are read as a
# note line's are (_line_note): the 牵头 part leads, the others support.
_NOTE = re.compile(r"[（(]\s*(?P<label>牵头单位|牵头部门|责任单位|责任部门|主办单位)\s*[:：]\s*"
                   r"(?P<body>[^（）()]*(?:[（(][^（）()]*[)）][^（）()]*)*)[）)]")
# The same note without labels, in the bodies' own words: "（市甲局牵头，市乙局配合）", "（市甲局、市乙局按职责分工负
# 责）", "（市甲中心牵头）" (decisions write it so). Each part is bodies and then their verb; read by _bare_note.
_BARE_NOTE = re.compile(r"[（(](?P<body>[^（）()]{3,80}?(?:牵头|配合|负责|参与|协同|协助))[)）]")
_BARE_PART = re.compile(r"^(?P<orgs>.+?)(?P<verb>按职责分工负责|分别负责|共同负责|负责|牵头|配合|参与|协同|协助)$")
_SPLIT = re.compile(r"[、，,/]")
_NUMBER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|\d+[.．、]|[一二三四五六七八九十]+、)\s*")
# The organisation kinds a core word is taken from: "市邮政管理局" → "邮政".
_KIND = re.compile(r"^(?:市|县|区|省)?(?P<core>.+?)(?:管理局|监督管理局|委员会|办公室|局|委|办|厅|社|中心)$")
# "…牵头哪些/负责什么": the tasks an organisation leads; "由哪个部门牵头/谁牵头": the lead of a task.
# A light verb may stand between the duty verb and what is asked ("牵头干哪几块活", "负责做什么"); "要干啥" of an
# organisation asks its part too.
LEADS_Q = re.compile(r"(当责任单位|是责任单位|牵头|负责|主抓|配合|管)(?:干|做|搞|抓)?(?:的|了|哪|什么|啥|些|任务|工作|事)|"
                     r"(当责任单位|是责任单位|责任单位(?=里|中|当中))|(?:要|都|具体)(干|做|搞)(?:些|了)?(?:啥|什么|哪)")
# A question that asks for both roles at once ("牵头了哪项，又配合了哪项?", "分别是牵头还是配合?").
BOTH_ROLES = re.compile(r"牵头.{0,12}(?:配合|参与|协助|协同)|(?:配合|参与|协助|协同).{0,12}牵头")


def asks_part_of(question: str) -> bool:
    """Whether one clause of the question names a body and then asks its part ("人社局在这个决定里管啥?"): the
    verb follows the body's name in the same clause, so it is the body's doing."""
    for clause in re.split(r"[，,。？?！!；;：:\s]", question):
        m = LEADS_Q.search(clause)
        if m and _BODY_BEFORE.search(clause[:m.start()]):
            return True
    return False


# A body's name or short form ends before the verb: "…局", "…委", "…办", "住建那边".
_BODY_BEFORE = re.compile(r"(?:[局委办厅社联院所站]|中心|政府|" + SIDE_WORDS + r"|方面|部门)[^局委办厅]{0,12}$")


def leads_verb(question: str) -> str:
    """The verb of a question about what an organisation leads or supports ("牵头", "配合", "当责任单位"…), or ""."""
    m = LEADS_Q.search(question)
    return (m.group(1) or m.group(2) or "负责") if m else ""
# An organisation as people shorten it: "交通局", "残联", "卫健委" (the full name's first character, then some of its
# characters in order, ending on a character of the name).
_SHORT_ORG = re.compile(r"[\u4e00-\u9fff]{2,}")
_KIND_CHARS = set("局委办会厅社联院所站")
# "…是市乙局牵头吧?", "是不是市乙局负责的?": a yes/no check of who leads a task.
YES_NO_LEAD = re.compile(r"(?:是不是|是)(?P<org>[\u4e00-\u9fff]{2,16}?)(?:来)?(?:牵头|主抓)(?:的)?(?:吗|吧|么|嘛|呀|啊)?(?=[？?。，,]|$)")


@dataclass(frozen=True)
class Duty:
    """One task with its lead and supporting organisations, and the passage that states it."""

    task: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    chunk: Chunk
    heading: Chunk | None = None  # the clause the note closes, when the note stands on a line of its own
    members: tuple[Chunk, ...] = ()  # every passage of the task: its heading, its items, its note
    deadline: str = ""  # the task's own time line as written ("完成时限：2029年12月底前" → "2029年12月底前")
    deadline_chunk: Chunk | None = None
    extra: tuple[Chunk, ...] = ()  # the task's partner lines after its lead's ("配合单位：…"), cited with it

    def points(self, at_least: int = 15) -> list[str]:
        """What the task asks, point by point: the first clause of each numbered item of its clause ("1.新增…车型，…"
        → "新增…车型"), or the clause's first sentence after its name when it has no numbered items."""
        text = _NOTE.sub("", (self.heading or self.chunk).text if self.heading else self.chunk.text)
        text = _BARE_NOTE.sub(lambda m: "" if _bare_note(m.group("body")) else m.group(0), text)
        # The lead named inline ("由市甲局牵头，") says who, not what.
        text = _INLINE_CLAUSE.sub("", text)
        body = re.split(r"[。]", _NUMBER.sub("", text), maxsplit=1)[-1]
        items = [x for x in _ITEM.split(body) if x.strip()]
        if len(items) < 2:
            items = [body]
        return [p for p in (_lead(x.strip(), at_least) for x in items) if p]

    def passages(self) -> list[Chunk]:
        """What to cite for the duty: the task's clause (when apart from the note), the note, its partner lines."""
        return [c for c in (self.heading, self.chunk, *self.extra) if c is not None]


# A note on a line of its own after a clause's items: "责任单位：市甲局（牵头），市乙局、市丙局。"; the lead is marked
# （牵头）, or, with no mark, every body named leads ("市甲局、市乙局按职责分工负责").
_NOTE_LINE = re.compile(r"^\s*(?P<label>责任单位|责任部门|牵头单位|牵头部门)\s*[:：]\s*(?P<body>[^。\n]+)")
# The same note as a sentence closing a numbered item ("1.开展甲排查。12月31日前完成…。牵头单位：市甲局；配合单位：市乙局。"),
# as a web page's list of arrangements writes it.
_NOTE_SENTENCE = re.compile(r"(?<=[。；;])\s*(?P<label>牵头单位|牵头部门|责任单位|责任部门)\s*[:：]\s*(?P<body>[^。\n]+)")
# "牵头单位：市甲局；责任单位：市乙局、市丙局": each part says which role its bodies have.
_PART_LABEL = re.compile(r"^\s*(?P<label>牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|参与单位|协办单位)\s*[:：]\s*")
# A note's closing words for "all of them, each in its part": "…按职责分工负责", "…分别负责", "…等".
_ALL_CONCERNED = re.compile(r"(?:按职责分工)?(?:分别)?负责$|等$")
_LEAD_MARK = re.compile(r"[（(]\s*牵头\s*[)）]")
_ITEM = re.compile(r"(?:^|(?<=[。；;]))\s*\d+[.．、]")
_HEADING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")


# The other lines a plan writes under a task after its lead ("配合单位：市乙局、市丙局", "完成时限：2029年12月底前").
_DUE_KEYS = "完成时限|完成时间|完成期限|时间节点"
_TASK_LINE = re.compile(r"^\s*(?P<label>配合单位|配合部门|参与单位|协办单位|" + _DUE_KEYS + r"|时限要求|办结时限)\s*[:：]\s*"
                        r"(?P<body>[^。\n]+)")
_DUE_INLINE = re.compile(r"(?:" + _DUE_KEYS + r")\s*[:：]\s*(?P<body>[^。；;\n]+)")
# A question about a task's deadline: "最晚啥时候完成", "完成时限是哪天", "哪年之前要建成", "截止到什么时候".
DEADLINE_Q = re.compile(r"最晚|最迟|截止|期限|时限|(?:什么|啥|哪)(?:个)?(?:时候|年|月|天)(?:之前|以前|前)?(?:要|得|能)?"
                        r"(?:完成|做完|弄完|搞完|干完|办完|建成|到位|完工|结束)|(?:几时|何时)(?:完成|建成|完工)")


def _task_line(duty: Duty, line: re.Match, c: Chunk) -> Duty:
    """The duty with one more of its task's lines: partners join its support, a time line is its deadline."""
    body = line.group("body").strip()
    members = (*duty.members, c)
    if line.group("label").startswith(("配合", "参与", "协办")):
        return replace(duty, support=(*duty.support, *_orgs(body)), members=members, extra=(*duty.extra, c))
    return replace(duty, deadline=body, deadline_chunk=c, members=members)


def _line_note(body: str, label: str = "责任单位") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(lead, support) of a note line's body (`label` is the line's own first label)."""
    body = _ALL_CONCERNED.sub("", body.strip())
    parts = re.split(r"[；;]", body)
    labels = [label] + [m.group("label") if (m := _PART_LABEL.match(p)) else "" for p in parts[1:]]
    lead, support = [], []
    if any(x.startswith("牵头") for x in labels) and len(parts) > 1 and all(labels):
        # Labelled parts: the 牵头 part leads, the others support.
        for part, x in zip(parts, labels):
            (lead if x.startswith("牵头") else support).extend(_orgs(_PART_LABEL.sub("", part)))
        return tuple(lead), tuple(support)
    for part in re.split(r"[，,；;]", body):
        marked = bool(_LEAD_MARK.search(part))
        orgs = _split_orgs(_LEAD_MARK.sub("", part))
        (lead if marked else support).extend(orgs)
    if not lead:
        lead, support = support, []
    return tuple(lead), tuple(support)


def _bare_note(body: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(lead, support) of an unlabelled note's body ("市甲局牵头，市乙局配合"), or None when a part is not bodies
    and their verb ("（2027年底前牵头完成）" is no note): those who lead, or who are each in charge of their part,
    lead; those who support, support."""
    lead, support = [], []
    for part in re.split(r"[，,；;]", body.strip()):
        m = _BARE_PART.match(part.strip())
        orgs = _orgs(m.group("orgs").removeprefix("由")) if m else []
        if not orgs or not all(_BODY_END.search(o.removesuffix("等")) for o in orgs):
            return None
        (support if m.group("verb") in ("配合", "参与", "协同", "协助") else lead).extend(orgs)
    return (tuple(lead), tuple(support)) if lead else None


def _notes(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(lead, support) of every note in brackets of a passage, labelled or not."""
    out = [_line_note(m.group("body"), m.group("label")) for m in _NOTE.finditer(text)]
    return out + [n for m in _BARE_NOTE.finditer(text) if (n := _bare_note(m.group("body")))]


def _orgs(text: str) -> list[str]:
    """The bodies a note part lists ("市甲局、市乙局按职责分工负责" → 市甲局, 市乙局)."""
    return _split_orgs(_ALL_CONCERNED.sub("", text.strip()))


def _split_orgs(text: str) -> list[str]:
    """Bodies separated by 、，/ — not inside a name's own brackets ("各县（市、区）人民政府" is one body)."""
    out, depth, word = [], 0, ""
    for ch in text:
        depth += (ch in "（(") - (ch in "）)")
        if depth == 0 and _SPLIT.match(ch):
            out.append(word)
            word = ""
        else:
            word += ch
    return [x.strip() for x in out + [word] if x.strip()]


def _lead(item: str, at_least: int = 15) -> str:
    """An item's opening clauses, enough to say what it asks ("结合城镇老旧小区改造，" alone only frames it)."""
    out = ""
    for clause in re.split(r"(?<=[，,；;。])", item):
        out += clause
        if len(out) >= at_least or clause.endswith("。") and len(out) >= 15:
            break  # a whole sentence is enough
    return out.rstrip("，,；;。")


def _task(text: str) -> str:
    """A task's name: the first clause of its passage, without its number ("（一）发展托育服务。" → "发展托育服务")."""
    return _NUMBER.sub("", re.split(r"[。；;]", text, maxsplit=1)[0])


# The lead named inline in a clause ("由市甲局牵头，市乙局配合。", "由市甲局牵头，各县（市）区政府负责落实。"): the same
# note in the clause's own words, as decisions and minutes write it.
_INLINE = re.compile(r"由(?P<lead>(?:市|县|区|省|各)[^，,。；;由]{1,30}?)(?:负责)?牵头(?:[，,、]\s*"
                     r"(?P<support>(?:市|县|区|省|各)[^。；;]{1,60}?)(?:配合|参与|协同|协助|共同推进|共同负责|负责落实|按职责分工负责))?")


_INLINE_CLAUSE = re.compile(r"由(?:市|县|区|省|各)[^，,。；;由]{1,30}?(?:负责)?牵头[，,]?")
_BODY_END = re.compile(r"(?:局|委|办|办公室|政府|中心|部|厅|院|公司|集团|支队|大队|站|社|会)$")


def read_duties(chunks: list[Chunk]) -> list[Duty]:
    """Every noted task of the corpus, in reading order."""
    out = []
    heading: dict[str, Chunk] = {}  # each document's last clause heading ("（一）发展社区托育服务。")
    since: dict[str, list[Chunk]] = {}  # the passages since that heading
    for c in chunks:
        if _HEADING.match(c.text):
            heading[c.doc_id], since[c.doc_id] = c, []
        since.setdefault(c.doc_id, []).append(c)
        notes = _notes(c.text)
        for lead, support in notes:
            out.append(Duty(_task(c.text), lead, support, c, members=(c,)))
        line = _NOTE_LINE.match(c.text)
        under = heading.get(c.doc_id)
        if not notes and not line and (_HEADING.match(c.text) or under or _HEADING.match(c.section)):
            # In the clause's own passage, or in a passage under its heading (minutes: "一、关于…" then "会议同意…，
            # 由市甲局牵头"); the lead must be a body, not a person ("由市委书记牵头").
            m = _INLINE.search(c.text)
            lead = _orgs(m.group("lead")) if m else []
            if lead and all(_BODY_END.search(o) for o in lead):
                own = _HEADING.match(c.text) is not None
                task = _task(c.text if own else under.text if under else c.section)
                out.append(Duty(task, tuple(lead), tuple(_orgs(m.group("support") or "")), c,
                                None if own else under, members=(c,) if own or not under else tuple(since[c.doc_id])))
        sentence = _NOTE_SENTENCE.search(c.text) if not line and not notes else None
        if sentence and (_NUMBER.match(c.text) or _HEADING.match(c.text)):
            # The item names its task first and its lead last: the item is the task, and a time line in it its time.
            due = _DUE_INLINE.search(c.text)
            out.append(Duty(_task(c.text), *_line_note(sentence.group("body"), sentence.group("label")), c,
                            members=(c,), deadline=due.group("body").strip() if due else "",
                            deadline_chunk=c if due else None))
            continue
        more = _TASK_LINE.match(c.text) if not line else None
        same_task = bool(out) and c.doc_id in heading and out[-1].heading is heading[c.doc_id]
        if more and same_task:
            # Under the same clause after its note: who else takes part, and by when.
            out[-1] = _task_line(out[-1], more, c)
        elif line and same_task and line.group("label").startswith("责任") \
                and _NOTE_LINE.match(out[-1].chunk.text).group("label").startswith("牵头"):
            # "牵头单位：市甲局" then "责任单位：市乙局、市丙局" on the next line: the lead is named; these support.
            out[-1] = replace(out[-1], support=(*out[-1].support, *_orgs(line.group("body"))),
                              members=(*out[-1].members, c), extra=(*out[-1].extra, c))
            continue
        if line and c.doc_id in heading:
            # The note closes the clause whose heading came last: that clause is the task. Its time may close the
            # same line ("牵头单位：…；责任单位：…。完成时限：2027年6月底前。").
            due = _DUE_INLINE.search(c.text)
            out.append(Duty(_task(heading[c.doc_id].text), *_line_note(line.group("body"), line.group("label")), c,
                            heading[c.doc_id], members=tuple(since[c.doc_id]),
                            deadline=due.group("body").strip() if due else "", deadline_chunk=c if due else None))
    return out


def core(org: str) -> str:
    """The word that tells an organisation apart: "市邮政管理局" → "邮政", "市甲乙局" → "甲乙"."""
    m = _KIND.match(org)
    return m.group("core") if m else org


def named_org(question: str, duties: list[Duty], others: Iterable[str] = ()) -> str:
    """The organisation the question names, of the noted ones and `others` (bodies the documents name), by its full
    name, its core word (the longest) or its short form ("残联" for "市残疾人联合会", "环保局" for "市生态环境局"), or ""."""
    orgs = {o for d in duties for o in (*d.lead, *d.support)} | set(others)
    asked = [question] + [question.replace(old, new) for old, new in renames() if old in question]
    hits = [o for o in orgs for q in asked if o in q or (len(core(o)) >= 2 and core(o) in q)]
    if hits:
        return max(hits, key=lambda o: len(core(o)))
    # Every stretch of two to five characters of a run, wherever it starts ("…是住建局牵头的").
    short = {o for q in asked for o in orgs for m in _SHORT_ORG.finditer(q) for i in range(len(m.group(0)))
             for j in range(i + 2, min(i + 5, len(m.group(0))) + 1) if _shortens(m.group(0)[i:j], o)}
    # "住建那边", "人社这块": a short form with no kind word, marked as a body by what follows it.
    short |= {o for q in asked for m in _SIDE.finditer(q) for o in orgs
              for i in range(len(m.group(1)) - 1) if _shortens(m.group(1)[i:], o, kind=False)}
    return next(iter(short)) if len(short) == 1 else ""


def _shortens(word: str, org: str, kind: bool = True) -> bool:
    """Whether a word is a short form of an organisation's name: it starts where the name does (after 市/县/区/省),
    its other characters follow in the name's order, and it ends on a character that names a kind of body ("交通局",
    "卫健委", "残联"); "交通" alone is a topic, not an organisation (unless `kind` is False: the question marks it)."""
    name = re.sub(r"^(?:市|县|区|省)", "", org)
    if len(word) >= len(name) or word[0] != name[0] or (kind and word[-1] not in _KIND_CHARS):
        return False
    return in_order(word[1:], name[1:])


# Words after a short form that make it a body: "住建那边", "人社这块", "卫健部门".
_SIDE = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:" + SIDE_WORDS + r"|方面|部门|系统|口子)")
