"""Cross-language questions: English words to Chinese search terms, by lexicon and by pinyin.

English words are looked up in CC-CEDICT read backwards (its English glosses → the corpus's own
Chinese words), then in a short hand-written glossary for what the dictionary does not cover
(official titles, policy phrases); proper nouns (places, people) are matched by their pinyin
against the corpus's own words, so nothing about a particular corpus is written here.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parent.parent / "data" / "glossary_en_zh.tsv"
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+(?:[.\-~]\d+)*%?")
_MAX_PHRASE = 4
# English words that only shape a sentence; they carry nothing to search for.
_FUNCTION = set("""a an the is are was were be been being do does did of to in on at for with by from about
and or as that this these those it its their there what's whats who's please tell me us i you we they he she
his her has have had will would can could should may might into than then so such any some
whom whose after before""".split())
# Question words: the glossary gives their Chinese question words; a dictionary would give content words
# ("what" → 如何), which a search would then look for.
_WH = {"who", "what", "which", "when", "where", "why", "how"}


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
    """The word, its dictionary lemma (simplemma: "sped" → "speed", "built" → "build") and a few plain stems the
    lemmatiser does not give (words it does not know, derived forms: "meteorological" → "meteorology")."""
    import simplemma  # ~0.2 s on the first English question only

    w = word.lower().strip("'")
    if w.endswith("'s"):
        w = w[:-2]  # "Deyang's" → "deyang"
    out = [w, simplemma.lemmatize(w, lang="en").lower()]
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
    if w.endswith("ical"):
        out += [w[:-4] + "y", w[:-4] + "ic"]  # "meteorological" → "meteorology"
    if w.endswith("ation"):
        out += [w[:-5] + "e", w[:-5]]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """stopwordsiso's English stop words, read once (its `stopwords()` builds a new set on every call)."""
    from stopwordsiso import stopwords

    return frozenset(stopwords("en"))


def untranslated(query: str, text: str = "") -> list[str]:
    """English content words a translated query still holds (the dictionary could not carry them over) that the
    text does not hold either; stop words ("them", "aside", "per") carry nothing a passage must hold."""
    stop = _stop_words()
    text = text.lower()
    # Lower-case words only: a capitalised one is a name the passage writes in characters.
    return [w for w in re.findall(r"\b[a-z]{3,}\b", query) if w not in stop and w not in text]


class Translator:
    """Turns an English question into Chinese search terms."""

    def __init__(self, corpus_words: Iterable[str], glossary: dict[str, list[str]] | None = None,
                 texts: Iterable[str] = ()):
        self.glossary = glossary if glossary is not None else load_glossary()
        corpus_words = set(corpus_words)
        self._corpus = {w.lower() for w in corpus_words}
        self._words = {w for w in corpus_words if 2 <= len(w) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", w)}
        self._dict_words = {w for w in corpus_words if 2 <= len(w) <= 6 and re.fullmatch(r"[\u4e00-\u9fff]+", w)}
        self._pinyin: dict[str, set[str]] | None = None
        self._cedict: dict[str, list[str]] | None = None
        self._cedict_words: dict[str, list[str]] = {}
        self._lock = threading.Lock()
        self._texts = list(texts)  # the corpus's passages: which translations of a word go together

    def _dictionary(self) -> dict[str, list[str]]:
        """English gloss → the corpus's words CC-CEDICT translates so (built once, by warm_up or on first use)."""
        with self._lock:
            if self._cedict is None:
                from bot.pipeline.cedict import english_index

                self._cedict, self._cedict_words = english_index(self._dict_words)
        return self._cedict

    def warm_up(self) -> threading.Thread:
        """Read the dictionary in the background, so that the first English question does not wait for it."""
        t = threading.Thread(target=self._dictionary, name="cedict-warm-up", daemon=True)
        t.start()
        return t

    def _pinyin_index(self) -> dict[str, set[str]]:
        if self._pinyin is None:
            from pypinyin import lazy_pinyin  # imported on first English question only

            index: dict[str, set[str]] = {}
            for w in self._words:
                index.setdefault("".join(lazy_pinyin(w)), set()).add(w)
            self._pinyin = index
        return self._pinyin

    def groups(self, question: str) -> list[list[str]]:
        """For each English word or phrase of the question, its Chinese alternatives (unknown words as they are)."""
        words = _WORD.findall(question)
        out: list[list[str]] = []
        i = 0
        while i < len(words):
            if words[i].lower() in _FUNCTION and not (i + 1 < len(words) and self._lookup(words[i:i + 2])):
                i += 1  # "and", "have": a dictionary would translate them, but they carry nothing
                continue
            for n in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
                span = words[i:i + n]
                hit = self._lookup(span)
                if hit:
                    out.append(hit)
                    i += n
                    break
            else:
                if words[i].lower() not in _FUNCTION:
                    out.append([words[i].lower()])
                i += 1
        return out

    def terms(self, question: str) -> list[str]:
        """Chinese terms (plus numbers and unknown words kept as they are) for the question."""
        return [t for g in self._coherent(self.groups(question)) for t in g]

    def _coherent(self, groups: list[list[str]]) -> list[list[str]]:
        """Of a word's translations, the ones the corpus uses together with the question's other words.

        "heads" may be 主任 or 局长, "commerce" 商业 or 商务: the passage that holds the most of the
        question's words says which were meant (局长 and 商务 stand together in it). A word none of whose
        translations is in that passage keeps them all.
        """
        ambiguous = [g for g in groups if len(g) > 1]
        if not self._texts or not ambiguous:
            return groups
        best = max(self._texts, key=lambda t: sum(1 for g in groups if any(a in t for a in g)))
        out = []
        for g in groups:
            if len(g) < 2:
                out.append(g)
                continue
            out.append([a for a in g if a in best] or g)
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
        wh = span[0].lower() in _WH
        for p in phrases:
            if wh:  # question words come from the glossary only
                if p.lower() in self.glossary:
                    return self.glossary[p.lower()]
                continue
            # The dictionary's words are the corpus's own (two are enough); the glossary's are kept whole.
            found = list(dict.fromkeys(self._dictionary().get(p.lower(), [])[:2] + self.glossary.get(p.lower(), [])))
            if found:
                # A search finds only words the corpus uses: the others would just dilute the query.
                return [w for w in found if w in self._corpus] or found
        # A word that only occurs inside a longer gloss ("rainfall" in "quantity of rainfall"): up to two such words.
        if len(span) == 1 and not span[0][:1].isupper():
            self._dictionary()
            for p in phrases:
                found = self._cedict_words.get(p.lower(), [])
                if 0 < len(found) <= 3:
                    return found[:2]
        # Proper nouns: "Mianyang" or "Kou Zisheng" spelled in pinyin.
        if all(w[:1].isupper() for w in span) and len(span) <= 3:
            key = "".join(re.sub(r"'s$", "", w.lower()) for w in span).replace("-", "").replace("'", "")
            found = self._pinyin_index().get(key)
            if found:
                return sorted(found)
        return []

    def mixed(self, question: str) -> str:
        """A Chinese question with English words in it: each word replaced in place by its Chinese term."""
        if not re.search(r"[A-Za-z]{3,}", question) or not re.search(r"[\u4e00-\u9fff]", question):
            return question

        # The passage nearest the question's Chinese words says which translation of an English word fits.
        han = re.sub(r"[^\u4e00-\u9fff]", "", question)
        pairs = {han[i:i + 2] for i in range(len(han) - 1)}
        near = max(self._texts, key=lambda t: sum(1 for p in pairs if p in t), default="")

        def swap(m: re.Match) -> str:
            alternatives = [t for g in self.groups(m.group(0)) for t in g]
            terms = [t for t in alternatives if not re.fullmatch(r"[A-Za-z'\-]+", t)]
            if any(t in question for t in terms):
                return ""  # "talent 人才方面": the question already says it in Chinese
            return next((t for t in terms if t in near), terms[0] if terms else m.group(0))

        text = re.sub(r"[A-Za-z][A-Za-z'\-]*(?:\s+[A-Za-z][A-Za-z'\-]*)*", swap, question)
        # "市 交通 局长" → "市交通局长", so titles and words read as in Chinese text.
        return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text).strip()

    def translate(self, question: str) -> str:
        """The question as a Chinese keyword query."""
        return " ".join(self.terms(question))
