"""Delexicalised routing: the people and titles a question names are replaced by the example questions' placeholders.

A question's kind is a matter of its form ("X是Y吗?", "X是男的还是女的?"), but an embedding of the raw question is
dominated by its content words: a real name or a long official title pulls it towards whichever example shares
characters with it. Replacing the slots the registry recognises (people, the title phrase) by the invented names
the examples are written with makes the question and the examples differ only where their forms differ.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

PLACEHOLDERS = Path(__file__).resolve().parent.parent / "data" / "placeholders.json"


@lru_cache(maxsize=1)
def _data() -> dict:
    with open(PLACEHOLDERS, encoding="utf-8") as f:
        return json.load(f)


def placeholders() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(placeholder people, placeholder organisations) of the example questions."""
    data = _data()
    return tuple(data["people"]), tuple(data["organisations"])


def english_placeholders() -> tuple[str, ...]:
    """The placeholder people of the English example questions ("Zhang San" …)."""
    return tuple(_data()["people_en"])


def canonical_example(text: str) -> str:
    """An example question with its placeholder people renamed in order of appearance (张三 first, then 李四 …)."""
    people = placeholders()[0] if re.search(r"[\u4e00-\u9fff]", text) else english_placeholders()
    found = sorted({(text.find(p), p) for p in people if p in text})
    out = text
    for n, (_, name) in enumerate(found):
        out = out.replace(name, f"\0{n}\0")
    for n in range(len(found)):
        out = out.replace(f"\0{n}\0", people[min(n, len(people) - 1)])
    return out


def mask(text: str, names: list[str], title_phrase: str = "", role: str = "") -> str:
    """The question with the registry people it names and its title phrase replaced by placeholders."""
    people, orgs = placeholders()
    out = text
    for n, name in enumerate(names):
        if name:
            out = out.replace(name, people[min(n, len(people) - 1)])
    if title_phrase and len(title_phrase) >= 2 and title_phrase in out:
        # The organisation part is content; the role word (局长, 副主任) is part of the question's form.
        stem = title_phrase[: len(title_phrase) - len(role)] if role else title_phrase
        org = orgs[0] if re.search(r"[\u4e00-\u9fff]", stem) else ""
        if org and stem[:1] in "市县区省":
            org = stem[0] + org  # "市甲局局长", as the examples write a municipal title
        out = out.replace(title_phrase, org + role)
    return out


def mask_english(text: str, spelled: list[str]) -> str:
    """An English question with the people it names (as spelled in pinyin, "Liu Xiaomei") replaced by placeholders."""
    people = english_placeholders()
    out = text
    for n, name in enumerate(spelled):
        if name:
            out = re.sub(re.escape(name), people[min(n, len(people) - 1)], out, flags=re.IGNORECASE)
    return out
