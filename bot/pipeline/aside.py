"""What a question sets aside: "除了主持人，还有谁说了话", "（副局长不算）", "县里的除外", "不包括企业".

People asking for a list often name first what they already know or do not want ("除了局长本人，还引了哪位官员的
话?"). The set-aside words are taken out before the question is read, so the rest is read as any list question,
and each one is kept to drop its people from the answer. The cue words are a closed class of the language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A cue before the words set aside, up to a break or to the words that go on to the rest ("还", "其他"); or the
# words set aside before a cue after them ("副局长不算", "县里的除外"), from a break on.
_BEFORE = re.compile(r"(?:除了|除开|除去|不算|不包括|不含|除)(?P<a>[^，,。？?！!；;（）()]{1,16}?)"
                     r"(?:以外|之外|外)?(?=[，,。？?！!；;）)]|还|另外|其他|其余|别的|$)")
_AFTER = re.compile(r"(?P<b>[^，,。？?！!；;（）()]{1,16}?)(?:都)?(?:除外|以外|之外|不算|不计)(?=[，,。？?！!；;）)]|$)")
# Words around a set-aside name that are not the name ("局长本人", "那两位嘉宾", "讲话的副市长").
_FRAME = re.compile(r"^(?:了|掉|开|去|那|这|那些|这些|几位|两位|二位|三位|[一两三四五六七八九十]个|们)+|"
                    r"(?:本人|自己|们|讲话|发言|的话|说的|的)+$")
_SPLIT = re.compile(r"[、和及与跟或,，/]|以及|还有")


@dataclass(frozen=True)
class Aside:
    """A question with its set-aside words taken out, and those words one by one."""
    rest: str
    phrases: tuple[str, ...]


def set_aside(question: str) -> Aside | None:
    """The question without what it sets aside, and the set-aside words; None when it sets nothing aside."""
    phrases: list[str] = []
    spans: list[tuple[int, int]] = []
    for rx, group in ((_BEFORE, "a"), (_AFTER, "b")):
        for m in rx.finditer(question):
            if any(s < m.end() and m.start() < e for s, e in spans):
                continue
            spans.append((m.start(), m.end()))
            phrases += [p for p in (_FRAME.sub("", x.strip()) for x in _SPLIT.split(m.group(group))) if p]
    if not phrases:
        return None
    rest = question
    for s, e in sorted(spans, reverse=True):
        rest = rest[:s] + rest[e:]
    # A bracket or break left empty by the cut ("（）", "，，") goes with it.
    rest = re.sub(r"[（(]\s*[）)]", "", rest)
    rest = re.sub(r"^[，,、\s]+|(?<=[，,])[，,]+", "", rest).strip()
    return Aside(rest, tuple(dict.fromkeys(phrases))) if rest else None


def aside_text(question: str) -> str:
    """The words a question sets aside, joined ("" when none): what a tier or a kind of speaker is read from."""
    found = set_aside(question)
    return " ".join(found.phrases) if found else ""


# Words for a kind of speaker rather than one speaker (closed classes): those holding an office, the public, and
# the guests a programme or a press conference seats to answer.
_OFFICIALS = re.compile(r"官员|领导|干部|当官|公职|政府|部门|负责人")
_PUBLIC = re.compile(r"老百姓|群众|居民|市民|村民|网友|听众|商户|代表")
_GUESTS = re.compile(r"嘉宾|发布人")


def sets_aside(name: str, title: str, phrases: tuple[str, ...], titles) -> bool:
    """Whether one of the set-aside words names this person: by name, by their post ("局长", "高新区的"), or by their
    kind ("官员", "嘉宾"). titles is the registry's TitleMatcher."""
    from bot.pipeline.outline import holds_office, is_public
    from bot.pipeline.understand import holds_role

    for phrase in phrases:
        if name and (name in phrase or len(phrase) >= 2 and phrase in name):
            return True
        role = titles.role(phrase)
        if role:
            org = phrase[: len(phrase) - len(role)]
            if any(p.name == name for p, _ in titles.candidates(phrase)) if org else \
                    holds_role(title, role):
                return True
            continue
        if _GUESTS.search(phrase):
            if not is_public(title):
                return True
        elif _OFFICIALS.search(phrase):
            if holds_office(title):
                return True
        elif _PUBLIC.search(phrase):
            if not holds_office(title):
                return True
        elif len(phrase) >= 2 and title and phrase in title:
            return True  # "高新区的不算": a post of that body
    return False
