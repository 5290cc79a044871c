"""Cross-language questions: English words to Chinese search terms, by lexicon and by pinyin.

A bilingual lexicon of general policy vocabulary covers common words; proper nouns (places,
people) are matched by their pinyin against the corpus's own words, so nothing about a
particular corpus is written here.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parent.parent / "data" / "glossary_en_zh.tsv"
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+(?:[.\-~]\d+)*%?")
_MAX_PHRASE = 4
# English words that only shape a sentence; they carry nothing to search for.
_FUNCTION = set("""a an the is are was were be been being do does did of to in on at for with by from about
and or as that this these those it its their there what's whats who's please tell me us i you we they he she
his her has have had will would can could should may might into than then so such any some""".split())


def load_glossary(path: Path = GLOSSARY) -> dict[str, list[str]]:
    """English phrase → Chinese terms, from a TSV file (# starts a comment)."""
    out: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            en, _, zh = line.rstrip("\n").partition("\t")
            out[en.strip().lower()] = zh.split()
    return out


def _lemmas(word: str) -> list[str]:
    """The word and a few plain English stems of it."""
    w = word.lower().strip("'")
    out = [w]
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s"):
        out.append(w[:-1])
    if w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"]
    if w.endswith("ed"):
        out += [w[:-2], w[:-1]]
    return out


class Translator:
    """Turns an English question into Chinese search terms."""

    def __init__(self, corpus_words: Iterable[str], glossary: dict[str, list[str]] | None = None):
        self.glossary = glossary if glossary is not None else load_glossary()
        self._words = {w for w in corpus_words if 2 <= len(w) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", w)}
        self._pinyin: dict[str, set[str]] | None = None

    def _pinyin_index(self) -> dict[str, set[str]]:
        if self._pinyin is None:
            from pypinyin import lazy_pinyin  # imported on first English question only

            index: dict[str, set[str]] = {}
            for w in self._words:
                index.setdefault("".join(lazy_pinyin(w)), set()).add(w)
            self._pinyin = index
        return self._pinyin

    def terms(self, question: str) -> list[str]:
        """Chinese terms (plus numbers and unknown words kept as they are) for the question."""
        words = _WORD.findall(question)
        out: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
                span = words[i:i + n]
                hit = self._lookup(span)
                if hit:
                    out += hit
                    i += n
                    break
            else:
                if words[i].lower() not in _FUNCTION:
                    out.append(words[i].lower())
                i += 1
        return out

    def _lookup(self, span: list[str]) -> list[str]:
        if len(span) == 1 and re.match(r"\d", span[0]):
            return [span[0]]
        phrases = [" ".join(span)]
        if len(span) == 1:
            phrases = _lemmas(span[0])
        else:
            *head, last = span
            phrases += [" ".join(head + [lem]) for lem in _lemmas(last)[1:]]
        for p in phrases:
            if p.lower() in self.glossary:
                return self.glossary[p.lower()]
        # Proper nouns: "Mianyang" or "Kou Zisheng" spelled in pinyin.
        if all(w[:1].isupper() for w in span) and len(span) <= 3:
            key = "".join(w.lower() for w in span).replace("-", "").replace("'", "")
            found = self._pinyin_index().get(key)
            if found:
                return sorted(found)
        return []

    def mixed(self, question: str) -> str:
        """A Chinese question with English words in it: each word replaced in place by its Chinese term."""
        if not re.search(r"[A-Za-z]{3,}", question) or not re.search(r"[\u4e00-\u9fff]", question):
            return question

        def swap(m: re.Match) -> str:
            terms = [t for t in self.terms(m.group(0)) if not re.fullmatch(r"[A-Za-z'\-]+", t)]
            return terms[0] if terms else m.group(0)

        text = re.sub(r"[A-Za-z][A-Za-z'\-]*(?:\s+[A-Za-z][A-Za-z'\-]*)*", swap, question)
        # "市 交通 局长" → "市交通局长", so titles and words read as in Chinese text.
        return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)

    def translate(self, question: str) -> str:
        """The question as a Chinese keyword query."""
        return " ".join(self.terms(question))
