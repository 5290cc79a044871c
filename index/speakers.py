"""Attribute every sentence to a named speaker or to narration, from the patterns of news prose.

Handled: "TITLE NAME 表示/认为/…", "在TITLE NAME看来", "NAME则认为", a quotation first and the
speaker after, a speaker named mid-paragraph, a later mention by name alone (title carried),
a pronoun continuing the last speaker, a quotation continued after "NAME透露,“…", collective
subjects that are nobody in particular.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    COLLECTIVE_MARKERS,
    NAME_FOLLOWERS,
    PRONOUNS,
    SPEECH_VERBS,
    SUBJECT_OPENERS,
    SURNAMES_1,
    SURNAMES_2,
    TITLE_SUFFIXES,
)
from .models import Document, SourceKind, Speaker

_HAN = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_SPLIT = re.compile(r"[,，;；:：?？!！。“”\"]")
_TITLE_SUFFIX_RX = "|".join(map(re.escape, TITLE_SUFFIXES))
_FOLLOWER_RX = re.compile(
    "^(?:" + "|".join(map(re.escape, NAME_FOLLOWERS)) + ")*(?:" + "|".join(map(re.escape, SPEECH_VERBS)) + ")"
)
_LOOSE_FOLLOWER_RX = re.compile("^(?:" + "|".join(map(re.escape, NAME_FOLLOWERS)) + r"|[,，、:：“(（])")
_MAX_TITLE = 32


@dataclass(frozen=True)
class Mention:
    """A person named in subject position of a clause."""

    speaker: Speaker
    speaks: bool  # followed by a speech verb, not just named


def _clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause) pieces of a sentence, split at punctuation."""
    out, pos = [], 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.start() > pos:
            out.append((pos, text[pos:m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append((pos, text[pos:]))
    return out


def _strip_opener(clause: str) -> str:
    for opener in SUBJECT_OPENERS:
        if clause.startswith(opener) and len(clause) > len(opener) + 2:
            return clause[len(opener):]
    return clause


def _name_at(text: str, strict: bool) -> tuple[str, bool] | None:
    """A Chinese personal name at the start of text and whether a speech verb follows it."""
    if text[:2] in SURNAMES_2:
        lengths = [3, 4]
    elif text[:1] in SURNAMES_1:
        lengths = [2, 3]
    else:
        # An uncommon surname: accept the name only when a speech verb follows it.
        lengths, strict = [2, 3], True
    for n in lengths:
        name, rest = text[:n], text[n:]
        if len(name) < n or not all(_HAN.match(c) for c in name):
            continue
        if _FOLLOWER_RX.match(rest):
            return name, True
        if not strict and (not rest or _LOOSE_FOLLOWER_RX.match(rest)):
            return name, False
    return None


def _titled_mention(clause: str) -> Mention | None:
    """'市交通运输局局长寇子胜…' → Speaker(寇子胜, 市交通运输局局长)."""
    clause = _strip_opener(clause)
    for m in re.finditer(_TITLE_SUFFIX_RX, clause):
        title = clause[: m.end()]
        if len(title) > _MAX_TITLE or re.search(r"[《》“”]", title):
            return None
        found = _name_at(clause[m.end():], strict=False)
        if found:
            name, speaks = found
            if any(marker in title for marker in COLLECTIVE_MARKERS):
                return None
            return Mention(Speaker(name=name, title=title.strip("、 ")), speaks)
    return None


def _known_mention(clause: str, known: dict[str, Speaker]) -> Mention | None:
    """'刘青川表示…' for a person already named with a title."""
    clause = _strip_opener(clause)
    for name, speaker in known.items():
        if clause.startswith(name):
            rest = clause[len(name):]
            if _FOLLOWER_RX.match(rest):
                return Mention(speaker, True)
    return None


def _pronoun_speaks(clause: str) -> bool:
    for p in PRONOUNS:
        if clause.startswith(p):
            # "他们/她们" is a group, not the last named speaker.
            return not p.endswith("们") and bool(_FOLLOWER_RX.match(clause[len(p):]))
    return False


def find_mention(sentence: str, known: dict[str, Speaker]) -> Mention | None:
    """The first person in subject position of a clause of the sentence, if any."""
    for _, clause in _clauses(sentence):
        if any(c in clause[:12] for c in COLLECTIVE_MARKERS):
            continue
        mention = _titled_mention(clause) or _known_mention(clause, known)
        if mention:
            return mention
    return None


def _opens_quote(text: str) -> bool:
    return text.lstrip().startswith(("“", '"', "「"))


def _quote_balance(text: str) -> int:
    return text.count("“") + text.count("「") - text.count("”") - text.count("」")


def attribute(doc: Document) -> None:
    """Set speaker and source kind on every sentence of the document, in place."""
    known: dict[str, Speaker] = {}
    default_kind = SourceKind.DECISION if doc.is_decision else SourceKind.NARRATION
    last_speaker: Speaker | None = None
    for section in doc.sections:
        for para in section.paragraphs:
            current: Speaker | None = None
            pending_quote: list = []  # sentences of a quotation whose speaker comes after it
            depth = 0
            for sent in para.sentences:
                in_quote = depth > 0
                mention = find_mention(sent.text, known)
                if mention and mention.speaker.title:
                    # A later bare-name mention carries the fullest title seen.
                    prev = known.get(mention.speaker.name)
                    if prev is None or len(mention.speaker.title) > len(prev.title):
                        known[mention.speaker.name] = mention.speaker
                if mention:
                    current = known.get(mention.speaker.name, mention.speaker)
                    if pending_quote and (sent.text.lstrip()[:1] not in "“\"「"):
                        for q in pending_quote:
                            q.speaker = current
                    pending_quote = []
                elif _pronoun_speaks(sent.text) and (current or last_speaker):
                    current = current or last_speaker
                elif not in_quote and current is None and _opens_quote(sent.text):
                    pending_quote.append(sent)
                elif in_quote and pending_quote:
                    pending_quote.append(sent)
                elif not in_quote and pending_quote:
                    pending_quote = []  # a quotation nobody claimed: a saying, left as narration
                depth = max(0, depth + _quote_balance(sent.text))
                sent.speaker = current
            for sent in para.sentences:
                sent.kind = SourceKind.STATEMENT if sent.speaker else default_kind
            if current:
                last_speaker = current
