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
    COLLECTIVE_MARKERS,
    COLLECTIVE_MODIFIERS,
    NAME_FOLLOWERS,
    NARRATION_OPENERS,
    OBJECT_MARKERS,
    PRONOUNS,
    REPORTER_SUBJECTS,
    SPEECH_VERBS,
    SUBJECT_ADVERBS,
    SUBJECT_OPENERS,
    SURNAMES_1,
    SURNAMES_2,
    TITLE_SUFFIXES,
)
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
_SPEAKS_RX = re.compile(f"^{_FOLLOWERS_RX}{_VERB_RX}")
_SUBJECT_RX = re.compile(f"^{_FOLLOWERS_RX}(?:{_alt(SUBJECT_ADVERBS)})")
_ASIDE_RX = re.compile(r"^[(（][^()（）]{1,12}[)）]")  # "张三（右）表示"
# A group or an unnamed official as the subject of a speech verb.
_COLLECTIVE_RX = re.compile(
    f"^(?:{_alt(COLLECTIVE_MODIFIERS)})?(?:{_alt(COLLECTIVE_MARKERS)})们?{_FOLLOWERS_RX}{_VERB_RX}"
)
_UNNAMED_RX = re.compile(f"^[^,，。“”]{{0,16}}?(?:{_TITLE_SUFFIX_RX})们?{_FOLLOWERS_RX}{_VERB_RX}")
_REPORTER_RX = re.compile(f"^(?:{_alt(NARRATION_OPENERS)}|(?:{_alt(REPORTER_SUBJECTS)})(?![节会站证]))")
_MAX_TITLE = 32
_MAX_LEAD_CLAUSE = 4  # "对此,", "同时,": a short opener before the clause that holds the subject

SPEAKS, SUBJECT, OBJECT = "speaks", "subject", "object"


@dataclass(frozen=True)
class Mention:
    """A person named in a clause and the part they play in it."""

    speaker: Speaker
    speaks: bool  # followed by a speech verb, not just named
    role: str = SUBJECT  # speaks / subject (does something, so the sentence is theirs) / object (only named)


@dataclass(frozen=True)
class Subject:
    """Who a sentence is about: a person, a pronoun for the last one named, or nobody in particular."""

    kind: str  # "person", "pronoun", "nobody"
    mention: Mention | None = None


def _clauses(text: str, depth: int = 0) -> list[tuple[int, str, bool, str]]:
    """(offset, clause, inside a quotation, the delimiter after it) pieces of a sentence."""
    out, pos = [], 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.start() > pos:
            out.append((pos, text[pos:m.start()], depth > 0, m.group()))
        ch = m.group()
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = 0 if depth else 1
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
    if _SPEAKS_RX.match(rest):
        return SPEAKS
    if strict:
        return None
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
        if len(name) < n or not all(_HAN.match(c) for c in name):
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
    for m in re.finditer(_TITLE_SUFFIX_RX, clause):
        title = clause[: m.end()]
        if len(title) > _MAX_TITLE or re.search(r"[《》“”]", title):
            return None
        found = _name_at(clause[m.end():], strict=False, delimiter=delimiter)
        if found:
            name, role = found
            # "记者采访了市水务局局长张三": the title starts after the verb that makes him an object.
            cut = max((title.rfind(w) + len(w) for w in OBJECT_MARKERS if w in title), default=0)
            if cut:
                title, role = title[cut:], OBJECT
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
            if _SPEAKS_RX.match(rest) or (not rest and delimiter in _SPEECH_INTRO):
                return Mention(known[name], True, SPEAKS)
            if _SUBJECT_RX.match(rest):
                return Mention(known[name], False, SUBJECT)
    return None


def _pronoun(clause: str) -> str | None:
    """'她表示' → 'one'; '他们认为' → 'group'; else None."""
    clause = _strip_opener(clause)
    for p in PRONOUNS:
        if clause.startswith(p) and _SPEAKS_RX.match(clause[len(p):]):
            # "他们/她们" is a group, not the last named speaker.
            return "group" if p.endswith("们") else "one"
    return None


def _nobody(clause: str) -> bool:
    """A group, an unnamed official or the reporter as the subject."""
    return bool(_COLLECTIVE_RX.match(clause) or _UNNAMED_RX.match(clause) or _REPORTER_RX.match(clause))


def find_subject(sentence: str, known: dict[str, Speaker], depth: int = 0) -> Subject | None:
    """Who the sentence is about, judged clause by clause outside quotations; None when unclear."""
    lead = True  # still at the start of the sentence (or after a short opener such as "对此,")
    for _, clause, quoted, delimiter in _clauses(sentence, depth):
        if quoted:
            lead = False
            continue
        mention = _titled_mention(clause, delimiter) or _known_mention(clause, known, delimiter)
        if mention:
            return Subject("person", mention)
        if lead:
            pronoun = _pronoun(clause)
            if pronoun:
                return Subject("pronoun" if pronoun == "one" else "nobody")
            if _nobody(clause):
                return Subject("nobody")
            lead = len(clause) <= _MAX_LEAD_CLAUSE
    return None


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


def attribute(doc: Document) -> None:
    """Set speaker and source kind on every sentence of the document, in place."""
    known: dict[str, Speaker] = {}
    default_kind = SourceKind.DECISION if doc.is_decision else SourceKind.NARRATION
    last_named: Speaker | None = None  # what "他/她" points back to
    quoting: Speaker | None = None  # whose quotation the last paragraph left open
    for section in doc.sections:
        for para in section.paragraphs:
            current: Speaker | None = None
            pending_quote: list = []  # sentences of a quotation whose speaker comes after it
            depth = 0
            if quoting and para.sentences and _opens_quote(para.sentences[0].text):
                # A quotation over several paragraphs reopens each one and closes only at its end.
                current = quoting
            for sent in para.sentences:
                in_quote = depth > 0
                subject = find_subject(sent.text, known, depth)
                claimer: Speaker | None = None
                if subject and subject.kind == "person":
                    mention = subject.mention
                    if mention.speaker.title:
                        # A later bare-name mention carries the fullest title seen.
                        prev = known.get(mention.speaker.name)
                        if prev is None or len(mention.speaker.title) > len(prev.title):
                            known[mention.speaker.name] = mention.speaker
                    person = known.get(mention.speaker.name, mention.speaker)
                    last_named = person
                    if mention.role != OBJECT:
                        current = claimer = person
                elif subject and subject.kind == "pronoun" and (last_named or current):
                    current = claimer = last_named or current
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
            quoting = current if depth > 0 else None
            for sent in para.sentences:
                sent.kind = SourceKind.STATEMENT if sent.speaker else default_kind
