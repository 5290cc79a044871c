"""Normalise a question before anything reads it: width, script, invisible characters, spacing, name typos.

`clean` needs nothing but the text. `Normaliser` adds what only the corpus knows: the characters its
text uses (so a traditional → simplified conversion never changes a character the corpus itself
writes) and the vocabulary of its names, places, titles and headings, against which a near-homophone
typo ("甲已市" for a city the corpus calls "甲乙市") is corrected — only ever to a term the corpus contains.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from index.ingest.appointments import appointments
from index.ingest.profiles import profiles

_HAN = r"\u4e00-\u9fff"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_SPACE_BETWEEN_HAN = re.compile(f"(?<=[{_HAN}])\\s+(?=[{_HAN}])")
_SPACES = re.compile(r"\s+")
# "？？？？" or "!!!!" says nothing more than one mark.
_REPEATED_PUNCT = re.compile(r"([?!。,，、;；:：.])\1+")
# Administrative and place suffixes: the text before them is a place name ("X县", "X街道").
_PLACE_SUFFIXES = ("街道", "社区", "市", "县", "区", "州", "镇", "乡", "村", "省")
# The units an address goes down to, and the kinds of word a unit's own name is made of
# (nouns, names, numerals, bound morphemes — not particles, prepositions or verbs).
_ADDRESS_UNITS = ("街道", "社区", "镇", "乡", "村")
_ADDRESS_TAGS = ("n", "m", "z", "s", "j")
# A typo is only corrected to a term of at least this many characters.
MIN_TERM = 2
MAX_TERM = 12
# How much text the part-of-speech tagger reads at load time: a document introduces its places early,
# and a very large corpus must not add minutes to the start.
MAX_TAGGED_PER_DOC = 20_000
MAX_TAGGED_CHARS = 400_000
# A place-tagged word rarer than this in the general dictionary is a proper noun, not a common one.
RARE_WORD = 1000


def _is_emoji(ch: str) -> bool:
    """Pictographs and dingbats (and the selectors that style them) carry nothing to search for."""
    cp = ord(ch)
    return 0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0xFE00 <= cp <= 0xFE0F


def _strip_invisible(text: str) -> str:
    """Control, format (zero-width) and private-use characters removed; tabs and newlines become spaces."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "\t\n\r\v\f":
            out.append(" ")
        elif cat in ("Cc", "Cf", "Co", "Cs") or _is_emoji(ch):
            continue
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC  # pure Python; its tables load on first use (~10 ms)

    return OpenCC("t2s")


def to_simplified(text: str, keep: frozenset[str] | set[str] = frozenset()) -> str:
    """Traditional characters converted to simplified; characters in `keep` (the corpus's own) stay as they are."""
    if not _HAN_RUN.search(text):
        return text
    converted = _t2s().convert(text)
    if not keep or len(converted) != len(text):
        return converted
    # A character the corpus itself writes is simplified already (or shared): never change it.
    return "".join(o if o in keep else c for o, c in zip(text, converted))


def trim(text: str) -> str:
    """Invisible characters dropped and white space collapsed, nothing else changed: what a length limit measures."""
    text = _strip_invisible(text or "")
    text = _SPACE_BETWEEN_HAN.sub("", text)
    return _SPACES.sub(" ", text).strip()


# One character said three times or more, on its own between marks or spaces ("… 多少 急急急").
_CHANTED = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])\1{2,}(?![\u4e00-\u9fff])")


def clean(text: str, keep: frozenset[str] | set[str] = frozenset()) -> str:
    """NFKC, simplified script, invisible characters dropped, white space collapsed and trimmed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _strip_invisible(text)
    text = to_simplified(text, keep)
    text = _REPEATED_PUNCT.sub(r"\1", text)
    text = _CHANTED.sub("", text)  # "急急急", "哈哈哈" standing alone: a chat's urgency or laughter, no word asked
    text = _SPACE_BETWEEN_HAN.sub("", text)  # Chinese is written without spaces between words
    return _SPACES.sub(" ", text).strip()


# --- tolerant matching of the corpus's own names ----------------------------------------------


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[str, str] | None:
    """pypinyin's character table (code point → tone-marked readings), read from its data file: importing the
    package also loads its phrase dictionary and segmenter (~0.2 s of a start), which single characters never use."""
    import importlib.util
    import json
    import os

    try:
        spec = importlib.util.find_spec("pypinyin")
        folder = (spec.submodule_search_locations or [None])[0] if spec else None
        with open(os.path.join(folder or "", "pinyin_dict.json"), encoding="utf-8") as f:
            table = json.load(f)
    except (OSError, ValueError, ImportError):
        return None
    return table if isinstance(table, dict) else None


def _toneless(syllable: str) -> str:
    """A tone-marked syllable as pypinyin's Style.NORMAL writes it: tone marks dropped, ü as v, ê kept."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", syllable):
        if not unicodedata.combining(ch):
            out.append(ch)
        elif ch == "\u0302" and out and out[-1] == "e":
            out[-1] = "ê"
        elif ch == "\u0308" and out and out[-1] == "u":
            out[-1] = "v"
    return "".join(out)


@lru_cache(maxsize=8192)
def readings(ch: str) -> frozenset[str]:
    """Every toneless pinyin reading of a character (several for a polyphone); the character itself if none."""
    if not re.fullmatch(f"[{_HAN}]", ch):
        return frozenset({ch})
    table = _pinyin_table()
    if table is None:  # another pypinyin layout: its API (same readings, slower to import)
        from pypinyin import Style, pinyin

        return frozenset(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])
    found = table.get(str(ord(ch)))
    return frozenset(_toneless(r) for r in found.split(",")) if found else frozenset({ch})


# Sounds that many speakers (and pinyin input methods' fuzzy mode) do not tell apart.
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"), ("r", "n"), ("h", "f"))
_FUZZY_FINALS = (("iang", "ian"), ("uang", "uan"), ("ang", "an"), ("eng", "en"), ("ing", "in"))


@lru_cache(maxsize=4096)
def fuzzy(syllable: str) -> str:
    """A toneless syllable with the commonly confused initials and finals merged (zh=z, l=n, ang=an, ...)."""
    for a, b in _FUZZY_INITIALS:
        if syllable.startswith(a):
            syllable = b + syllable[len(a):]
            break
    for a, b in _FUZZY_FINALS:
        if syllable.endswith(a):
            return syllable[: -len(a)] + b
    return syllable


def _sounds_alike(typed: str, meant: str, near: bool) -> bool:
    """One character read like another: the same toneless syllable, or (near) the same under fuzzy pinyin."""
    a, b = readings(typed), readings(meant)
    if a & b:
        return True
    return near and bool({fuzzy(x) for x in a} & {fuzzy(y) for y in b})


# Function words (conjunctions, prepositions, particles, the copula): written on purpose at a stretch's edge;
# a rare reading of a polyphone ("市" as fu) would otherwise make "和" sound like "市" under fuzzy pinyin, and the
# copula reads exactly like 市 ("张三是水利局的副局长吧" is no typo of "市水利局": it asks a yes/no question).
_FUNCTION_CHARS = frozenset("和跟与及或的地得了着过也都是")
# Question words, a closed class: what the user typed to ask is never a typo of the documents' words.
_ASKING_CHARS = frozenset("哪啥谁几吗呢咋")


@dataclass(frozen=True)
class Correction:
    """A stretch of the question replaced by the corpus term it was meant to be."""

    typed: str
    term: str
    start: int


def _doubles_title(term: str, rest: str) -> bool:
    """The correction would end in a title right before another ("人社局张局长" → "人社局长局长"): the typed
    character was a surname with its title ("张局长"), not a typo of the term."""
    from index.ingest.lexicon import TITLE_SUFFIXES

    return term.endswith(tuple(TITLE_SUFFIXES)) and rest.startswith(tuple(TITLE_SUFFIXES))


@lru_cache(maxsize=1)
def _name_before_post() -> re.Pattern:
    """Three characters, then a title word (every start, overlapping): where a name stands before its post."""
    from index.ingest.lexicon import TITLE_ALTERNATION

    return re.compile(f"(?=([{_HAN}]{{3}})({TITLE_ALTERNATION}))")


class NameVocabulary:
    """The corpus's names, places, titles and headings; corrects near-homophone typos of them.

    A stretch of the question is read as a typo of a term only when all of these hold: it has the
    term's length; it shares at least one character with the term in the same place; every differing
    character reads like the term's (same toneless pinyin, or — for a term of three characters or
    more with a single difference — the same under fuzzy pinyin: zh/z, l/n, ang/an, ...); it begins
    and ends between words of the question; and it is not itself a word (a word the corpus or the
    dictionary knows is what the user meant to write).
    """

    def __init__(self, terms: Iterable[str], known_word: Callable[[str], bool] | None = None,
                 segment: Callable[[str], list[str]] | None = None, people: dict[str, str] | None = None):
        self.terms = sorted({t for t in terms if MIN_TERM <= len(t) <= MAX_TERM and re.fullmatch(f"[{_HAN}]+", t)},
                            key=lambda t: (-len(t), t))
        self._known = known_word or (lambda w: False)
        # The corpus's people (full name → their titles): a name mistyped by sight, not sound, is read only before
        # a post the person holds ("季海涛局长" for 局长季海波).
        self.people = {n: t for n, t in (people or {}).items() if len(n) == 3 and re.fullmatch(f"[{_HAN}]+", n)}
        self._segment = segment
        self._chars = {c for t in self.terms for c in t}
        self._lengths = sorted({len(t) for t in self.terms}, reverse=True)
        # Terms by (length, character, position): a candidate must share one character in place.
        self._by_char: dict[tuple[int, str, int], list[str]] = {}
        for t in self.terms:
            for i, c in enumerate(t):
                self._by_char.setdefault((len(t), c, i), []).append(t)

    def __len__(self) -> int:
        return len(self.terms)

    def _boundaries(self, text: str) -> set[int]:
        """Offsets between the words of the text: a typo replaces whole words, never half of one ("科研平台")."""
        if self._segment is None:
            return set(range(len(text) + 1))
        out, i = {0}, 0
        for w in self._segment(text):
            i += len(w)
            out.add(i)
        return out

    def _splits_clean(self, text: str, s: int, n: int, term: str) -> bool:
        """A stretch with one end inside a word ("夏静文说" cut as 夏/静/文说) is still a whole typo when the text,
        corrected, falls into words at both of the term's ends: the typo only glued a character to its neighbour."""
        bounds = self._boundaries(text[:s] + term + text[s + n:])
        return s in bounds and s + n in bounds

    def _match(self, span: str) -> str | None:
        """The term this stretch was meant to be, if it is a typo of exactly one term."""
        n = len(span)
        found: set[str] = set()
        for i, c in enumerate(span):
            for term in self._by_char.get((n, c, i), ()):
                if term in found or term == span:
                    continue
                diff = [(a, b) for a, b in zip(span, term) if a != b]
                if not diff or len(diff) == n:
                    continue
                # "甲乙市" typed as "甲乙是": the name is right, the suffix is another word.
                if term.endswith(_PLACE_SUFFIXES) and span[-1] != term[-1]:
                    continue
                near = n >= 3 and len(diff) == 1
                if any(span[k] in _FUNCTION_CHARS and span[k] != term[k] for k in (0, n - 1)):
                    # "…和民政局副局长": a conjunction the user meant, not a typo of the 市 of a title. A function word
                    # stands between words: inside a name ("杨得华" for 杨德华) it is a homophone typo like any other.
                    continue
                if any(a in _ASKING_CHARS for a, _ in diff):
                    continue  # "哪年得的" asks which year: the question word typed is meant, not "那年" of a name
                if any("副" in (a, b) for a, b in diff):
                    continue  # "某市市长" is not a typo of "副市长": a deputy's post is another post
                if all(_sounds_alike(a, b, near) for a, b in diff):
                    found.add(term)
        # Two different terms fit equally: do not guess between them.
        return found.pop() if len(found) == 1 else None

    def corrections(self, text: str) -> list[Correction]:
        """Typos of corpus terms found in the text, longest terms first, never overlapping."""
        # Every stretch that could be a typo shares a character with some term: without one, there is nothing
        # to do (and no need to segment the question).
        if not self.terms or not any(ch in self._chars for ch in text):
            return []
        out: list[Correction] = []
        taken = [False] * len(text)
        exact = [False] * len(text)
        for t in self.terms:  # a term already written correctly is never "corrected" into another
            if t not in text:
                continue
            i = text.find(t)
            while i >= 0:  # every non-overlapping occurrence, as re.finditer finds them
                for k in range(i, i + len(t)):
                    exact[k] = True
                i = text.find(t, i + len(t))
        bounds = self._boundaries(text)
        for run in _HAN_RUN.finditer(text):
            for n in self._lengths:
                for s in range(run.start(), run.end() - n + 1):
                    if any(taken[s:s + n]) or all(exact[s:s + n]) or (s not in bounds and s + n not in bounds):
                        continue
                    span = text[s:s + n]
                    if not any(ch in self._chars for ch in span):
                        continue
                    term = self._match(span)
                    if term and (s not in bounds or s + n not in bounds) and not self._splits_clean(text, s, n, term):
                        continue
                    if term and _doubles_title(term, text[s + n:]):
                        continue  # "人社局张局长": the 张 of a surname and a title, not a typo of "人社局长"
                    if term and not self._known(span):
                        out.append(Correction(span, term, s))
                        for k in range(s, s + n):
                            taken[k] = True
        out += self._names_by_post(text, taken)
        return sorted(out, key=lambda c: c.start)

    def _names_by_post(self, text: str, taken: list[bool]) -> list[Correction]:
        """Three-character names with one character of the given name wrong, right before a post its one look-alike
        in the corpus holds ("季海涛局长" → 季海波): a slip of the finger or the eye that no pinyin explains."""
        if not self.people:
            return []
        out = []
        for m in _name_before_post().finditer(text):
            span, post, s = m.group(1), m.group(2), m.start()
            if span in self.people or any(taken[s:s + 3]) or self._known(span):
                continue
            alike = [n for n, titles in self.people.items() if n[0] == span[0] and post in titles
                     and sum(a != b for a, b in zip(n[1:], span[1:])) == 1]
            if len(alike) == 1:
                out.append(Correction(span, alike[0], s))
                for k in range(s, s + 3):
                    taken[k] = True
        return out

    def correct(self, text: str) -> str:
        """The text with every typo of a corpus term replaced by the term."""
        for c in sorted(self.corrections(text), key=lambda c: -c.start):
            text = text[:c.start] + c.term + text[c.start + len(c.typed):]
        return text


def tagged_names(text: str) -> set[str]:
    """Place and person names of a text, by the segmenter's tags and the fixed form of addresses.

    A word tagged as a place (ns) counts when it is rare in the general dictionary or the text writes
    it with an administrative suffix ("甲乙市"): the tagger also labels common nouns such as 城市 ns.
    Person names (nr) count right after a title word ("局长某某"). An address continues a place:
    "甲区" followed by "乙丙街道" makes "乙丙街道" a place too.
    """
    import jieba
    import jieba.posseg as pseg  # the tagger's tables load once per process (~1 s)

    from index.ingest.lexicon import TITLE_SUFFIXES

    jieba.dt.check_initialized()
    words = pseg.lcut(text)
    places: set[str] = set()
    people: set[str] = set()
    for i, (w, tag) in enumerate(words):
        if len(w) < 2:
            continue
        nxt = words[i + 1].word if i + 1 < len(words) else ""
        # "甲乙" + "县" or "县委"/"县长": the suffix is a word of its own, not the start of "市场".
        suffix = next((s for s in _PLACE_SUFFIXES if nxt in (s, s + "委", s + "长")), "")
        rare = jieba.dt.FREQ.get(w, 0) < RARE_WORD
        # The tagger reads a rare county's name as a person's now and then ("甲乙县" nr): its suffix says a place.
        # Counties and cities only: a zone ("高新区") the same tag gives is a body's seat more than a place asked about.
        named_place = tag == "nr" and rare and len(w) >= 3 and w.endswith(("县", "市", "州"))
        if tag == "ns" and (rare or suffix or w.endswith(_PLACE_SUFFIXES)) or named_place:
            places.add(w)
        if suffix and rare and re.fullmatch(f"[{_HAN}]+", w):  # "甲乙" + "县": a rare word before a suffix is a place
            places |= {w, w + suffix}
        if tag == "nr" and i > 0 and words[i - 1].word in TITLE_SUFFIXES:
            people.add(w)
    # "甲区乙丙街道丁社区": each link of an address makes the next one a place, when its words are names or nouns.
    for _ in range(2):
        for i, (w, _tag) in enumerate(words):
            if w not in places:
                continue
            j, head = i + 1, ""
            while j < len(words) and words[j].flag[:1] in _ADDRESS_TAGS and len(head) < 4 \
                    and words[j].word not in _ADDRESS_UNITS:
                head += words[j].word
                j += 1
            if 2 <= len(head) <= 4 and j < len(words) and words[j].word in _ADDRESS_UNITS:
                places.add(head + words[j].word)
    return places | people


def jieba_knows(word: str) -> bool:
    """A word of the segmenter's general dictionary."""
    import jieba

    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(word, 0) > 0


def jieba_words(text: str) -> list[str]:
    """The text cut into dictionary words (no guessing of unknown words, so a typo stays in pieces)."""
    import jieba

    return jieba.lcut(text, HMM=False)


_CLAUSE = re.compile(r"[^,，。;；!！?？]+[,，。;；!！?？]*")
# "好几次", "十几年", "几十个", "九几年": an indefinite number tells, it does not ask.
ASKING = re.compile(r"[?？]|吗|多少|多久|多长|多大|(?<![好十九])几(?![十百千万])|哪|什么|啥|怎么|咋|如何|谁|是否|要不要|能不能|有没有|会不会|是不是")
_REQUEST = re.compile(r"问|知道|了解|请教|咨询")  # "想问一下,", "我想了解,": a bare request to be told
LONG_QUESTION = 40  # characters; shorter questions are taken as they are


def focus(text: str) -> str:
    """A long question told with its personal background, cut to what it asks.

    People put their situation first and the question last ("我是…,老家在…,听说…,想问下…?").
    The clauses that ask are kept, with the one clause before the first of them (it names the topic:
    "听说…"); the background before it and the thanks after the last question are dropped.
    """
    if len(text) < LONG_QUESTION:
        return text
    clauses = _CLAUSE.findall(text)
    asking = [i for i, c in enumerate(clauses) if ASKING.search(c)]
    if re.search(r"[?？]", text):
        # A message that marks its questions: a sentence closed by "。" tells ("几户人家合计着…。", "前几年…。").
        asking = [i for i in asking if _sentence_end(clauses, i) in ("?", "？", "")] or asking
    if len(clauses) < 3 or not asking:
        return text
    first = max(0, asking[0] - 1)
    if first and len(clauses[first].strip(",，;；:： ")) <= 6 and _REQUEST.search(clauses[first]):
        first -= 1  # "…讲老旧小区改造，想问一下，…?": the clause before the bare "想问一下" names the topic
    keep = [i in asking or first <= i < asking[0] for i in range(len(clauses))]
    # A kept clause whose sentence ends among the dropped ones keeps that sentence's end: "老板说多少钱就是多少钱。"
    # still reads as told, not asked, once "我们也没办法。" is gone (scope.marked_questions reads the marks).
    kept = []
    for i, c in enumerate(clauses):
        if not keep[i]:
            continue
        end = _sentence_end(clauses, i)
        if end and end in "。.!！" and i + 1 < len(clauses) and not keep[i + 1] and c.rstrip()[-1:] != end:
            c = c.rstrip().rstrip(",，;；") + end
        kept.append(c)
    return "".join(kept).strip().rstrip(",，;；")


def _sentence_end(clauses: list[str], i: int) -> str:
    """The mark that closes the sentence clause i belongs to ("" when the message ends without one)."""
    for c in clauses[i:]:
        if c.rstrip()[-1:] in tuple("。.!！?？"):
            return c.rstrip()[-1:]
    return ""


class Normaliser:
    """Cleans a question and corrects typos of the corpus's names against its vocabulary."""

    def __init__(self, vocabulary: NameVocabulary | None = None, corpus_chars: Iterable[str] = ()):
        self.vocabulary = vocabulary or NameVocabulary(())
        self.corpus_chars = frozenset(corpus_chars)

    def __call__(self, text: str) -> str:
        """The question as the rest of the chain should read it."""
        return self.split(text)[0]

    def split(self, text: str) -> tuple[str, str]:
        """The question as the chain reads it, and the background the focus cut from a long message ("" if none)."""
        whole = self.vocabulary.correct(clean(text, self.corpus_chars))
        asked = focus(whole)
        return asked, (whole if asked != whole else "")


def _title_parts(title: str) -> set[str]:
    """A title and the organisations in it: "市甲局局长" → itself, "市甲局", "甲局"."""
    from index.ingest.lexicon import TITLE_SUFFIXES

    out = {title}
    for part in re.split(r"[、,，\s]+", title):
        org = part
        for suffix in TITLE_SUFFIXES:
            if part.endswith(suffix) and len(part) > len(suffix):
                org = part[: -len(suffix)]
                break
        out |= {part, org}
        if org[:1] in "市县区省" and len(org) > 3:
            out.add(org[1:])
    return out


def _tagged_texts(corpus) -> list[str]:
    """The part of each document the tagger reads: a document introduces its places early, and the budget
    keeps a very large corpus from adding minutes to the start (the tagger reads ~50k characters a second)."""
    out, budget = [], MAX_TAGGED_CHARS
    for d in corpus.documents:
        text = d.body[:min(MAX_TAGGED_PER_DOC, budget)]
        budget -= len(text)
        out.append(text)
    return out


def corpus_vocabulary(corpus) -> set[str]:
    """Names, titles (and their organisations), section headings and place names of a parsed corpus."""
    terms: set[str] = set()
    for p in corpus.people:
        terms.add(p.name)
        for t in p.titles:
            terms |= _title_parts(t)
    for d in corpus.documents:
        # A leaders' page and a personnel notice name people who never speak, each with a post.
        for name, posts in _holders_named(d):
            terms.add(name)
            for t in posts:
                terms |= _title_parts(t)
    for d, text in zip(corpus.documents, _tagged_texts(corpus)):
        for s in d.sections:
            if s.title:
                terms.add(re.sub(r"^[（(]?[一二三四五六七八九十\d]+[、.)）]\s*", "", s.title))
        if text:
            terms |= tagged_names(text)
    return terms


def vocabulary_key(corpus) -> str:
    """What corpus_vocabulary's result depends on: the texts it reads, this code and the tagger's dictionary."""
    import jieba

    from index.ingest import lexicon
    from index.search.artifacts import code_version, digest

    people = [(p.name, list(p.titles)) for p in corpus.people]
    sections = [s.title for d in corpus.documents for s in d.sections]
    return digest("names", people, sections, _tagged_texts(corpus), getattr(jieba, "__version__", ""),
                  code_version(__file__, lexicon))


def cached_vocabulary(corpus, artifacts=None) -> set[str]:
    """corpus_vocabulary, read from the index's artifacts when computed before (the tagging costs seconds)."""
    if artifacts is None:
        return corpus_vocabulary(corpus)
    from index.search.artifacts import strings

    found = artifacts.get("names", vocabulary_key(corpus), lambda: {"terms": strings(sorted(corpus_vocabulary(corpus)))})
    return {str(t) for t in found["terms"].tolist()}


def _holders_named(doc) -> list[tuple[str, list[str]]]:
    """(name, posts) of the people a leaders' page profiles and a personnel notice appoints."""
    return [(p.name, list(p.posts)) for p in profiles(doc)] + [(a.name, [a.post]) for a in appointments(doc)]


def for_corpus(corpus, corpus_words: Iterable[str] = (), artifacts=None) -> Normaliser:
    """The normaliser of a parsed corpus: its characters, its vocabulary, and the words it already uses
    (the vocabulary from the index's artifacts when given: index.search.artifacts.Artifacts)."""
    used = set(corpus_words)
    chars = {c for d in corpus.documents for c in d.body + d.meta.title}
    vocab = NameVocabulary(cached_vocabulary(corpus, artifacts), known_word=lambda w: w in used or jieba_knows(w),
                           segment=jieba_words, people={
                               **{n: " ".join(posts) for d in corpus.documents for n, posts in _holders_named(d)},
                               **{p.name: " ".join(p.titles) for p in corpus.people}})
    return Normaliser(vocab, chars)
