"""Resolve a follow-up question against the conversation: pronouns and "那X呢?" ellipsis."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.models import Person

from bot.models import Turn
from bot.pipeline.understand import TitleMatcher

_PRONOUN = re.compile(r"(他们|她们|他|她|此人|这位|该官员|这个人)")
_ELLIPSIS = re.compile(r"^(那|那么|还有|而)?(?P<x>.+?)(呢|的呢|怎么样呢|又如何)[?？]?$")
_DEICTIC = re.compile(r"(这|那|该|此|其|两地|上述|还|另外)")


@dataclass
class Standalone:
    """The question rewritten to stand alone, and the person the conversation is about."""

    text: str
    focus: Person | None = None
    rewritten: bool = False
    deictic: bool = False  # leans on the conversation without naming what it means


def focus_person(history: Sequence[Turn], people: list[Person], titles: TitleMatcher) -> Person | None:
    """The person most recently named (or named by title) in the conversation."""
    for turn in reversed(history):
        text = turn.content
        hits = [(text.rfind(p.name), p) for p in people if p.name and p.name in text]
        if hits:
            return max(hits, key=lambda h: h[0])[1]
        phrase = titles.title_phrase(text)
        if phrase and titles.match(phrase):
            return titles.match(phrase)
    return None


def condense(question: str, history: Sequence[Turn], people: list[Person], titles: TitleMatcher) -> Standalone:
    """Rewrite a follow-up so that it can be understood without the conversation."""
    q = question.strip()
    if not history:
        return Standalone(q)
    focus = focus_person(history, people, titles)
    names_someone = any(p.name in q for p in people) or bool(titles.match(titles.title_phrase(q)))
    m = _ELLIPSIS.match(q)
    last_user = next((t.content for t in reversed(history) if t.role == "user"), "")
    if m and last_user and len(m.group("x")) <= 20:
        x = m.group("x")
        # Swap the entity of the previous question for the new one: "市甲局局长是谁?" + "那乙局局长呢?"
        prev_person = next((p for p in people if p.name in last_user), None)
        phrase = titles.title_phrase(last_user)
        if prev_person:
            return Standalone(last_user.replace(prev_person.name, x), focus, True)
        if phrase:
            return Standalone(last_user.replace(phrase, x), focus, True)
        return Standalone(f"{x}{last_user}", focus, True)
    if focus and not names_someone and _PRONOUN.search(q):
        return Standalone(_PRONOUN.sub(focus.name, q, count=1), focus, True)
    return Standalone(q, focus, deictic=bool(focus and not names_someone and _DEICTIC.search(q)))
