"""Attribute every sentence to a named speaker or to narration, from the patterns of news prose.

Handled: "TITLE NAME 表示/认为/…", "在TITLE NAME看来", "NAME则认为", a quotation first and the
speaker after, a speaker named mid-paragraph, a later mention by name alone (title carried),
a pronoun continuing the last named person, a quotation continued after "NAME透露,“…", collective
or unnamed subjects ("许多与会人员认为", "相关负责人表示") and the reporter's own voice
("记者了解到") that end a speaker's turn, and people named only as objects or in lists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.ingest.lexicon import (
    CIRCUMSTANCE_HEADS,
    CIRCUMSTANCE_TAILS,
    GROUP_ADVERBS,
    COLLECTIVE_MARKERS,
    COLLECTIVE_MODIFIERS,
    NAME_FOLLOWERS,
    NARRATION_OPENERS,
    OBJECT_MARKERS,
    PRONOUN_GENDER,
    PRONOUNS,
    REPORTER_SUBJECTS,
    SPEECH_VERBS,
    SUBJECT_ADVERBS,
    SUBJECT_OPENERS,
    TOPIC_OPENERS,
    SURNAMES_1,
    SURNAMES_2,
    TITLE_SUFFIXES,
)
from index.ingest.coref import Memory, demonstrative_kinds, gender_cues
from index.ingest.names import name_at, titled_people
from index.ingest.dialogue import ANSWER, ASK, HOST, Cast, Label, ends_turn, parse_label, read_cast, sentence_role
from index.models import Document, SourceKind, Speaker

_HAN = re.compile(r"[\u4e00-\u9fff]")
_OPEN_QUOTES = "“「『"
_CLOSE_QUOTES = "”」』"
_CLAUSE_SPLIT = re.compile(r"[,，;；:：?？!！。“”「」『』\"]")
_SPEECH_INTRO = set(":：“「\"")  # a clause ending here hands over to what the person says


def _alt(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_TITLE_SUFFIX_RX = _alt(TITLE_SUFFIXES)
_VERB_RX = "(?:" + _alt(SPEECH_VERBS) + ")"
# "在会上", "在接受采访时", "于昨日的发布会上": what may stand between a name and its verb.
_CIRCUMSTANCE_RX = f"(?:{_alt(CIRCUMSTANCE_HEADS)})[^,，。“”:：]{{0,12}}?(?:{_alt(CIRCUMSTANCE_TAILS)})"
_FOLLOWERS_RX = f"(?:{_alt(NAME_FOLLOWERS)}|{_CIRCUMSTANCE_RX})*"
# "就某工作作了补充发言", "作了工作汇报": a speech announced with its topic or its kind of report.
_DELIVERS_RX = (r"(?:就[^，,。“”]{1,16}?(?:作|做)了?[^，,。“”]{0,8}?(?:发言|讲话|汇报|报告|说明|介绍|通报)"
                r"|(?:作|做)了?[^，,。“”]{0,8}?(?:汇报|报告|说明|介绍|通报))")
_SPEAKS_RX = re.compile(f"^{_FOLLOWERS_RX}(?:{_VERB_RX}|{_DELIVERS_RX})")
# "张三也参加了会议": attending or visiting is something done, not said.
# "张三随后发言。", "张三作了讲话。": that a speech took place, with nothing of what was said.
_EVENT_RX = re.compile(f"^{_FOLLOWERS_RX}(?:(?:作|做)了?[^，,。“”]{{0,8}}?)?(?:发言|讲话|致辞)$")
_ATTENDS_RX = re.compile(f"^{_FOLLOWERS_RX}(?:参加|出席|列席|陪同|主持|参观|调研|视察|察看|考察|看望|慰问|带队|到)")
_SUBJECT_RX = re.compile(f"^{_FOLLOWERS_RX}(?:{_alt(SUBJECT_ADVERBS)})")
_ASIDE_RX = re.compile(r"^[(（][^()（）]{1,30}[)）]")  # "张三（右）表示"
# A group or an unnamed official as the subject of a speech verb.
_COLLECTIVE_RX = re.compile(
    f"^(?:{_alt(COLLECTIVE_MODIFIERS)})?(?:{_alt(COLLECTIVE_MARKERS)})们?{_FOLLOWERS_RX}{_VERB_RX}"
)
_UNNAMED_RX = re.compile(f"^[^,，。“”]{{0,16}}?(?:{_TITLE_SUFFIX_RX})们?{_FOLLOWERS_RX}{_VERB_RX}")
# An unnamed official: "该局负责人", "这位负责人", "市X局负责人", "相关负责人", "新闻发言人".
_ROLE_RX = "(?P<role>负责人|发言人|新闻发言人)"
_DEMONSTRATIVE_OFFICIAL_RX = re.compile(
    r"^(?:该|这个?|此|这位)(?P<kind>部门|单位|机构|管委会|委员会|公司|集团|中心|局|委|办|院|厅|部|所|站|馆)?的?"
    rf"(?:主要|相关|有关)?{_ROLE_RX}{_FOLLOWERS_RX}{_VERB_RX}"
)
_NAMED_ORG_OFFICIAL_RX = re.compile(
    r"^(?P<org>(?:国家|省|市|县|区|州|镇|乡|街道)[\u4e00-\u9fff]{1,14}?"
    r"(?:管委会|委员会|办公室|局|委|办|中心|院|厅|部|公司|集团|署|所|站|馆))的?(?:主要|相关|有关)?"
    rf"{_ROLE_RX}{_FOLLOWERS_RX}{_VERB_RX}"
)
_GENERIC_OFFICIAL_RX = re.compile(rf"^(?P<who>(?:相关|有关)(?:部门)?(?:负责人|发言人)|新闻发言人){_FOLLOWERS_RX}{_VERB_RX}")
# "张三则是…": a description of the person, not their words.
_SPEAKS_ANYWHERE_RX = re.compile(f"{_FOLLOWERS_RX}{_VERB_RX}")
_COPULA_RX = re.compile(f"^{_FOLLOWERS_RX}是")
_REPORTER_RX = re.compile(f"^(?:{_alt(NARRATION_OPENERS)}|(?:{_alt(REPORTER_SUBJECTS)})(?![节会站证]))")
_MAX_TITLE = 32
# "六位企业负责人", "多名代表", "3位专家": a counted group.
_COUNTED_RX = re.compile(r"^(?:[一二三四五六七八九十两几多数百千\d]+|多|数|部分)[位名个家户批]")
_MAX_LEAD_CLAUSE = 4  # "对此,", "同时,": a short opener before the clause that holds the subject

SPEAKS, SUBJECT, OBJECT, EVENT = "speaks", "subject", "object", "event"  # EVENT: attends, speech took place


@dataclass(frozen=True)
class Mention:
    """A person named in a clause and the part they play in it."""

    speaker: Speaker
    speaks: bool  # followed by a speech verb, not just named
    role: str = SUBJECT  # speaks / subject (does something, so the sentence is theirs) / object (only named)


@dataclass(frozen=True)
class Subject:
    """Who a sentence is about: a person, a pronoun for the last one named, or nobody in particular."""

    kind: str  # "person", "pronoun", "official" (unnamed), "nobody"
    mention: Mention | None = None
    gender: str = ""  # of a pronoun: "m", "f", or "" when it may be either


def _clauses(text: str, depth: int = 0) -> list[tuple[int, str, bool, str]]:
    """(offset, clause, inside a quotation, the delimiter after it) pieces of a sentence."""
    out, pos = [], 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.start() > pos:
            out.append((pos, text[pos:m.start()], depth > 0, m.group()))
        depth = _quote_depth(m.group(), depth)
        pos = m.end()
    if pos < len(text):
        out.append((pos, text[pos:], depth > 0, ""))
    return out


def _strip_opener(clause: str) -> str:
    for opener in SUBJECT_OPENERS:
        if clause.startswith(opener) and len(clause) > len(opener) + 2:
            return clause[len(opener):]
    return clause


def _role_after(rest: str, delimiter: str, strict: bool) -> str | None:
    """What follows a name says whether the person speaks, acts, or is only named."""
    rest = _ASIDE_RX.sub("", rest)
    if _EVENT_RX.match(rest):
        return EVENT
    if _SPEAKS_RX.match(rest):
        return SPEAKS
    if strict or _COPULA_RX.match(rest):
        return None
    if _ATTENDS_RX.match(rest):
        return EVENT
    if not rest:
        return SPEAKS if delimiter in _SPEECH_INTRO else SUBJECT
    if _SUBJECT_RX.match(rest):
        return SUBJECT
    if rest[0] in "、和与及":
        return OBJECT  # one of a list of people: known, but the sentence is not theirs
    return None


def _name_at(text: str, strict: bool, delimiter: str = "") -> tuple[str, str] | None:
    """A Chinese personal name at the start of text and its role, judged by what follows it."""
    if text[:2] in SURNAMES_2:
        lengths = [3, 4]
    elif text[:1] in SURNAMES_1:
        lengths = [2, 3]
    else:
        # An uncommon surname: accept the name only when a speech verb follows it.
        lengths, strict = [2, 3], True
    fallback = None
    for n in lengths:
        name, rest = text[:n], text[n:]
        if len(name) < n or not all(_HAN.match(c) for c in name) or name.startswith(GROUP_ADVERBS):
            continue
        role = _role_after(rest, delimiter, strict)
        if role == OBJECT:
            # "应天和表示": a conjunction after two characters may be the third character of the name.
            fallback = fallback or (name, role)
        elif role:
            return name, role
    return fallback


def _titled_mention(clause: str, delimiter: str = "") -> Mention | None:
    """'市水务局局长张三…' → Speaker(张三, 市水务局局长)."""
    clause = _strip_opener(clause)
    if _COUNTED_RX.match(clause):
        return None  # "六位企业负责人先后发言": a number of people, none of them named
    for m in re.finditer(_TITLE_SUFFIX_RX, clause):
        title = clause[: m.end()]
        if len(title) > _MAX_TITLE or re.search(r"[《》“”]", title):
            return None
        found = _name_at(clause[m.end():], strict=False, delimiter=delimiter)
        if not found and name_at(clause[m.end():]):
            # A titled name whose role the words after it don't tell: known, but not speaking here.
            found = (name_at(clause[m.end():]), OBJECT)
        if found:
            name, role = found
            # "记者采访了市水务局局长张三": the title starts after the verb that makes him an object.
            cut = max((title.rfind(w) + len(w) for w in OBJECT_MARKERS if w in title), default=0)
            if cut:
                title, role = title[cut:], OBJECT
            title = title[title.rfind("的") + 1:]  # "分管城建工作的副市长": the office is after 的
            title = title.strip("、 ")
            if not title or not re.search(_TITLE_SUFFIX_RX + "$", title):
                return None
            return Mention(Speaker(name=name, title=title), role == SPEAKS, role)
    return None


def _known_mention(clause: str, known: dict[str, Speaker], delimiter: str = "") -> Mention | None:
    """'张三表示…' for a person already named with a title."""
    clause = _strip_opener(clause)
    for name in sorted(known, key=len, reverse=True):
        if clause.startswith(name):
            rest = _ASIDE_RX.sub("", clause[len(name):])
            if _EVENT_RX.match(rest) or _ATTENDS_RX.match(rest):
                return Mention(known[name], False, EVENT)
            if _SPEAKS_RX.match(rest) or (not rest and delimiter in _SPEECH_INTRO):
                return Mention(known[name], True, SPEAKS)
            if _SUBJECT_RX.match(rest) and not _COPULA_RX.match(rest) and not _ATTENDS_RX.match(rest):
                return Mention(known[name], False, SUBJECT)
    return None


def _pronoun(clause: str) -> str | None:
    """'她表示' → 'f'; '他说' → 'm'; '其介绍' → '' (either); '他们认为' → 'group'; else None."""
    clause = _strip_opener(clause)
    for p in PRONOUNS:
        if clause.startswith(p) and _SPEAKS_RX.match(clause[len(p):]):
            if p.endswith("们"):
                return "group"  # "他们/她们" is a group, not the last named speaker
            return PRONOUN_GENDER.get(p, "")
    return None


def _official(clause: str, memory: Memory | None) -> Speaker | None:
    """An unnamed official as the subject: '该局负责人表示', '市X局负责人介绍', '该负责人还表示'."""
    clause = _strip_opener(clause)
    m = _DEMONSTRATIVE_OFFICIAL_RX.match(clause)
    if m and memory is not None:
        kinds = demonstrative_kinds(m.group("kind")) if m.group("kind") else None
        if kinds is None:
            return memory.official  # "该负责人": the official last spoken of
        return memory.person_in_charge(memory.organisation(kinds), m.group("role"))
    m = _NAMED_ORG_OFFICIAL_RX.match(clause)
    if m:
        org = m.group("org")
        return memory.person_in_charge(org, m.group("role")) if memory is not None else Speaker("", org + m.group("role"))
    m = _GENERIC_OFFICIAL_RX.match(clause)
    if m:
        person = Speaker(name="", title=m.group("who"))
        if memory is not None:
            memory.official = person
        return person
    return None


def _nobody(clause: str) -> bool:
    """A group, an unnamed official or the reporter as the subject."""
    return bool(_COLLECTIVE_RX.match(clause) or _UNNAMED_RX.match(clause) or _REPORTER_RX.match(clause)
                or (_COUNTED_RX.match(_strip_opener(clause)) and _SPEAKS_ANYWHERE_RX.search(clause)))


def find_subject(sentence: str, known: dict[str, Speaker], depth: int = 0,
                 memory: Memory | None = None) -> Subject | None:
    """Who the sentence is about, judged clause by clause outside quotations; None when unclear."""
    lead = True  # still at the start of the sentence (or after a short opener such as "对此,")
    pieces = _clauses(sentence, depth)
    for i, (_, clause, quoted, delimiter) in enumerate(pieces):
        if quoted:
            lead = False
            continue
        mention = _titled_mention(clause, delimiter) or _known_mention(clause, known, delimiter)
        if mention:
            if (mention.role == SUBJECT and clause.endswith(mention.speaker.name) and i + 1 < len(pieces)
                    and _starts_with_person(pieces[i + 1][1], known)):
                # "常务副市长甲，副市长乙、丙出席会议": a list of people, none of them speaking.
                return Subject("person", Mention(mention.speaker, False, OBJECT))
            return Subject("person", mention)
        if lead:
            pronoun = _pronoun(clause)
            if pronoun is not None:
                return Subject("nobody") if pronoun == "group" else Subject("pronoun", gender=pronoun)
            official = _official(clause, memory)
            if official is not None:
                return Subject("official", Mention(official, True, SPEAKS))
            if _nobody(clause):
                return Subject("nobody")
            lead = len(clause) <= _MAX_LEAD_CLAUSE or clause.startswith(TOPIC_OPENERS)
    return None


def _starts_with_person(clause: str, known: dict[str, Speaker]) -> bool:
    """A clause that opens with a titled name or a known name ("副市长乙、丙…")."""
    people = titled_people(clause)
    if people and clause.find(people[0].name) <= _MAX_TITLE and clause.startswith(people[0].title[:1]):
        return clause.index(people[0].title) == 0
    return any(clause.startswith(n) for n in known)


def find_mention(sentence: str, known: dict[str, Speaker]) -> Mention | None:
    """The first person named in a clause of the sentence, if any."""
    subject = find_subject(sentence, known)
    return subject.mention if subject and subject.kind == "person" else None


def _opens_quote(text: str) -> bool:
    return text.lstrip().startswith(("“", '"', "「"))


def _quote_depth(text: str, depth: int) -> int:
    for ch in text:
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = 0 if depth else 1
    return depth


class _Attributor:
    """Walks a document in reading order, keeping who was named, who is speaking, whose turn it is."""

    def __init__(self, doc: Document, cast: Cast):
        self.doc = doc
        self.cast = cast
        # Everyone the document introduces with a title, so a bare name before a verb is recognised.
        self.known: dict[str, Speaker] = dict(cast.guests)
        self.memory = Memory()
        self.memory.genders.update(gender_cues(doc.meta.title + "\n" + doc.body, cast.guests))
        self.quoting: Speaker | None = None  # whose quotation the last paragraph left open
        self.turn: tuple[str, Speaker | None] | None = None  # (role, speaker) of the dialogue turn running
        self.asked = ""  # what the questions since the last answer said (whom they address)
        self.answerer: Speaker | None = None
        self.previous = ""  # the sentence read last (what a pronoun at the start of the next may point to)
        self.default_kind = SourceKind.DECISION if doc.is_decision else SourceKind.NARRATION

    def remember(self, person: Speaker) -> Speaker:
        """A later bare-name mention carries the fullest title seen."""
        if person.name and person.title:
            prev = self.known.get(person.name)
            if prev is None or len(person.title) > len(prev.title):
                self.known[person.name] = person
        return self.known.get(person.name, person)

    def section(self) -> None:
        """A new section ends a dialogue turn."""
        self.turn = None

    def paragraph(self, para) -> None:
        """Attribute one paragraph: a dialogue turn, its continuation, or news prose."""
        label = parse_label(para.text) if self.cast.is_dialogue and para.sentences else None
        if label:
            _strip_label(para, label.length)
            self._open_turn(label)
        elif self.turn and not ends_turn(para.text, self.turn[1]):
            if self.turn[0] == ASK and self.asked.rstrip().endswith(("？", "?")) \
                    and not para.text.rstrip().endswith(("？", "?")):
                # "问：…？" then an unlabelled paragraph: the answer, when whom it addresses is clear.
                guests = [p for p in self.cast.guests.values() if p.name not in self.cast.non_speakers]
                answerer = self.cast.addressed(self.asked) or (guests[0] if len(guests) == 1 else None)
                if answerer:
                    self.turn = (ANSWER, self.remember(answerer))
                    self.answerer, self.asked = answerer, ""
        else:
            self.turn = None
        if self.turn:
            self._turn_paragraph(para)
        else:
            self._news_paragraph(para)

    def _open_turn(self, label: Label) -> None:
        role, speaker = label.role, None
        if role == ANSWER:
            speaker = self.cast.resolve(label)
            if speaker and speaker.name in self.cast.hosts:
                role, speaker = HOST, None
            elif speaker and speaker.name in self.cast.non_speakers:
                role, speaker = ASK, None
            elif speaker is None and label.speaker is None and label.reference is None:
                # A bare "答：": the guest the question addressed, the only guest, or the last to answer.
                guests = [p for p in self.cast.guests.values() if p.name not in self.cast.non_speakers]
                speaker = (self.cast.addressed(self.asked) or (guests[0] if len(guests) == 1 else None)
                           or self.answerer)
            if speaker is None:
                speaker = Speaker(name="", title="")
            speaker = self.remember(speaker)
            self.answerer = speaker if speaker.name else self.answerer
            self.asked = ""
        self.turn = (role, speaker)

    def _turn_paragraph(self, para) -> None:
        for i, sent in enumerate(para.sentences):
            inner = parse_label(sent.text) if i else None
            if inner and not inner.bare_name and inner.role in (ANSWER, ASK, HOST):
                # "问：…？答：…" on one line: the answer's label opens a turn mid-paragraph.
                sent.text, sent.start = sent.text[inner.length:], sent.start + inner.length
                self._open_turn(inner)
            role, speaker = self.turn
            kind = sentence_role(role, sent.text)
            if kind == ANSWER:
                sent.speaker, sent.kind = speaker, SourceKind.STATEMENT
                if speaker and speaker.name:
                    self.memory.named(speaker)
            else:
                sent.speaker = None
                sent.kind = SourceKind.QUESTION if kind == ASK else SourceKind.NARRATION
                self.asked += sent.text
            self.memory.read(sent.text)
            self.memory.tick()
        self.quoting = None

    def _learn_gender(self, text: str) -> None:
        """她/他 right after a clause or sentence that names exactly one person tells that person's gender."""
        for offset, clause, quoted, _ in _clauses(text):
            context = self.previous + text[:offset] if offset < _MAX_LEAD_CLAUSE * 2 else text[:offset]
            if not quoted:
                head = _strip_opener(clause)
                gender = PRONOUN_GENDER.get(head[:1]) if head[:1] in "他她" and head[1:2] != "们" else None
                if gender:
                    named = [n for n in self.known if n in context]
                    named = [n for n in named if not any(n != m and n in m for m in named)]
                    if len(named) == 1 and named[0] not in self.memory.genders:
                        self.memory.genders[named[0]] = gender
        self.previous = text

    def _news_paragraph(self, para) -> None:
        current: Speaker | None = None
        pending_quote: list = []  # sentences of a quotation whose speaker comes after it
        depth = 0
        if self.quoting and para.sentences and _opens_quote(para.sentences[0].text):
            # A quotation over several paragraphs reopens each one and closes only at its end.
            current = self.quoting
        for sent in para.sentences:
            in_quote = depth > 0
            self._learn_gender(sent.text)
            subject = find_subject(sent.text, self.known, depth, self.memory)
            if subject and subject.kind == "person" and subject.mention.speaker.name in self.cast.non_speakers:
                subject = None  # a reporter or the host named in the text never speaks here
            claimer: Speaker | None = None
            if subject and subject.kind == "person":
                mention = subject.mention
                person = self.remember(mention.speaker)
                self.memory.named(person)
                if mention.role == EVENT:
                    current, pending_quote = None, []  # the person does something: narration, not words
                elif mention.role != OBJECT:
                    current = claimer = person
            elif subject and subject.kind == "pronoun" and (self.memory.recent or current):
                current = claimer = self.memory.pronoun(subject.gender) or current
            elif subject and subject.kind == "official":
                current = claimer = subject.mention.speaker
            elif subject and subject.kind == "nobody":
                current, pending_quote = None, []
            if claimer:
                if pending_quote and not _opens_quote(sent.text):
                    for q in pending_quote:
                        q.speaker = claimer
                pending_quote = []
            elif not in_quote and current is None and _opens_quote(sent.text):
                pending_quote.append(sent)
            elif in_quote and pending_quote:
                pending_quote.append(sent)
            elif not in_quote and pending_quote:
                pending_quote = []  # a quotation nobody claimed: a saying, left as narration
            depth = _quote_depth(sent.text, depth)
            sent.speaker = current
            self.memory.read(sent.text)
            self.memory.tick()
        self.quoting = current if depth > 0 else None
        for sent in para.sentences:
            sent.kind = SourceKind.STATEMENT if sent.speaker else self.default_kind


def _strip_label(para, length: int) -> None:
    """Take a speaker label off the paragraph's first sentence(s): it is who speaks, not what is said."""
    cut = para.start + length
    kept = []
    for sent in para.sentences:
        if sent.end <= cut:
            continue
        if sent.start < cut:
            sent.text = sent.text[cut - sent.start:]
            sent.start = cut
        if sent.text.strip():
            kept.append(sent)
    for i, sent in enumerate(kept):
        sent.index = i
    para.sentences[:] = kept


def attribute(doc: Document) -> None:
    """Set speaker and source kind on every sentence of the document, in place."""
    if doc.is_decision:
        # A decision speaks with one voice, the issuer's: a leader it quotes is still its own text.
        for _, _, sent in doc.sentences():
            sent.speaker, sent.kind = None, SourceKind.DECISION
        return
    credited = [*doc.meta.reporters, doc.meta.editor, doc.meta.photographer]
    cast = read_cast(doc.meta.title, [p.text for p in doc.paragraphs()], credited)
    walker = _Attributor(doc, cast)
    for section in doc.sections:
        walker.section()
        for para in section.paragraphs:
            walker.paragraph(para)
    doc.genders = {name: g for name, g in walker.memory.genders.items()}
