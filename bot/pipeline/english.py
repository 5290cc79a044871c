"""An English frame for answers to English questions: who in pinyin and characters, titles from CC-CEDICT.

The Chinese passage stays as the quote (it is what the citation verifies); only the words around it
are English. Names are spelled by pypinyin from the parsed name ("Zhang Sanfeng (张三丰)"); titles are
translated word by word with CC-CEDICT, with a small table for the one-character units of Chinese
administration, whose first dictionary sense is often another meaning (市 "market", 局 "office").
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from index.ingest.lexicon import SURNAMES_2, TITLE_SUFFIXES

from bot.models import Answer, Citation
from bot.pipeline import cedict

UNITS = Path(__file__).resolve().parent.parent / "data" / "admin_units_en.tsv"
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_TRAILING_WHO = re.compile(r"[——–-]{1,2}[^——–\-。]{2,40}$")
NOT_FOUND = "The documents do not answer this. What they say nearest to it (in Chinese): "


@lru_cache(maxsize=1)
def admin_units() -> dict[str, str]:
    """One-character administrative units → English (bureau, county, …), from the data file."""
    out = {}
    with open(UNITS, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                zh, _, en = line.rstrip("\n").partition("\t")
                out[zh.strip()] = en.strip()
    return out


def _syllables(numbered: str) -> list[str]:
    """CEDICT's numbered pinyin ("Ou1 yang2") → plain syllables ("ou", "yang"); ü written as v → u."""
    return [re.sub(r"\d", "", s).replace("u:", "u").lower() for s in numbered.split()]


def name_pinyin(name: str) -> str:
    """A Chinese name in pinyin, surname first: "张三丰" → "Zhang Sanfeng"; a compound surname stays one word."""
    from pypinyin import Style, lazy_pinyin

    n = 2 if name[:2] in SURNAMES_2 and len(name) > 2 else 1
    surname, given = name[:n], name[n:]
    # A surname may be read differently from the same character elsewhere (区 Ou, 单 Shan): ask CEDICT first.
    sur = _syllables(cedict.surname_reading(surname)) if n == 1 else []
    sur = sur or lazy_pinyin(surname, style=Style.NORMAL)
    parts = ["".join(sur).capitalize()]
    if given:
        parts.append("".join(lazy_pinyin(given, style=Style.NORMAL)).capitalize())
    return " ".join(parts).replace("v", "ü")


def english_name(name: str) -> str:
    """ "Zhang Sanfeng (张三丰)"; a name without Chinese characters is returned as it is."""
    if not _HAN.search(name or ""):
        return name
    return f"{name_pinyin(name)} ({name})"


def _segment(text: str, lead_unit: bool = False) -> list[str]:
    """Longest dictionary words first, left to right; a run of loose characters is kept together (an abbreviation)."""
    d, units = cedict.dictionary(), admin_units()
    out: list[str] = []
    i, loose = 0, ""
    if lead_unit and len(text) > 1 and text[0] in units:  # "市政务…" is the city's 政务, not 市政
        out.append(text[0])
        i = 1
    while i < len(text):
        n = next(n for n in range(min(8, len(text) - i), 0, -1)
                 if n == 1 or text[i:i + n] in d or text[i:i + n] in units)
        w = text[i:i + n]
        if n == 1 and w not in units:
            loose += w  # "人社局": 人 and 社 are an abbreviation, not "person society"
        else:
            if loose:
                out.append(loose)
                loose = ""
            out.append(w)
        i += n
    if loose:
        out.append(loose)
    return out


def _pinyin(w: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(w, style=Style.NORMAL)).capitalize()


def _best(glosses: list[str]) -> str:
    """The gloss that reads as a name for the thing: short, no notes, a noun rather than "to …"."""
    good = [g for g in glosses if not re.search(r"[\"|\[\]]", g) and len(g.split()) <= 4]
    nouns = [g for g in good if not g.startswith("to ")]
    single = [g for g in nouns[:4] if " " not in g]  # "forestry" rather than "forest industry"
    return (single or nouns or [re.sub(r"^to ", "", g) for g in good] or [""])[0]


def _word(w: str) -> str:
    """One word of a title in English: a unit, a dictionary gloss, or the word's pinyin (a proper name)."""
    units = admin_units()
    if w in units:
        return units[w]
    if len(w) == 1:
        return _best(cedict.glosses(w, proper=False)) or _pinyin(w)
    common = _best(cedict.glosses(w, proper=False)) if w in cedict.dictionary() else ""
    if common:
        return common
    if w in cedict.dictionary() and w[-1] in units and len(w) > 2:
        return f"{_pinyin(w[:-1])} {units[w[-1]]}"  # "甲乙区" (a place in the dictionary) → "Jiayi District"
    return _pinyin(w)


def _title_case(words: list[str]) -> str:
    small = {"of", "and", "the", "for", "in", "on", "to", "a"}
    out = []
    for i, w in enumerate(" ".join(words).split()):
        out.append(w if (w in small and i) or w.isupper() else w[:1].upper() + w[1:])
    return " ".join(out)


def english_title(title: str) -> str:
    """A title in English, role first: "市甲局局长" → "Director of the Municipal Jia Bureau"-style."""
    parts = []
    for part in re.split(r"[、,，]\s*", title or ""):
        if not part:
            continue
        role = next((s for s in TITLE_SUFFIXES if part.endswith(s)), "")
        org = part[: len(part) - len(role)] if role else part
        for modifier in ("常务", "副"):  # "…常务副主任": the modifier belongs to the role
            if role and org.endswith(modifier):
                org, role = org[: -len(modifier)], modifier + role
        role_en = _title_case([_word(w) for w in _segment(role)]) if role else ""
        org_en = _title_case([_word(w) for w in _segment(org, lead_unit=True)]) if org else ""
        if role_en and org_en:
            parts.append(f"{role_en} of the {org_en}")
        else:
            parts.append(role_en or org_en)
    return ", ".join(p for p in parts if p)


def _quote(answer: str) -> str:
    """The Chinese passage of an answer: any English lead-in and the closing "——who" line removed."""
    text = answer.strip()
    if _LATIN.match(text):  # "According to … in the article: 原文" — the passage follows the first colon
        _, sep, rest = text.partition(": ")
        text = rest if sep and _HAN.search(rest) else text
    return _TRAILING_WHO.sub("", text).strip()


def _who(c: Citation) -> str:
    """The source of a cited passage, in English."""
    if c.speaker:
        title = english_title(c.speaker_title) if c.speaker_title else ""
        name = english_name(c.speaker)
        return f"{name}, {title} ({c.speaker_title})" if title else name
    if c.source_kind == "decision":
        return "the decision"
    if c.source_kind == "metadata":
        return "the page's own details"
    return "the article"


def is_english_text(text: str) -> bool:
    """Mostly Latin letters: already written in English."""
    return len(_LATIN.findall(text)) > 2 * len(_HAN.findall(text))


# Answers read from the registry: a sentence of our own, not a passage to quote.
_REGISTRY_INTENTS = ("title_lookup", "person_title")


def frame(answer: Answer, intent: str = "") -> Answer:
    """The answer to an English question with an English frame around its Chinese quote."""
    if not answer.answer or (is_english_text(answer.answer) and answer.backend != "extractive"):
        return answer  # a model already wrote it in English
    quote = _quote(answer.answer)
    if answer.found and intent in _REGISTRY_INTENTS and answer.citations and answer.citations[0].speaker:
        # "Who is the head of X?": who holds the post, in English, with the passage that names them as the source.
        c = answer.citations[0]
        title = english_title(c.speaker_title) if c.speaker_title else ""
        post = f"{title} ({c.speaker_title})" if title else c.speaker_title
        text = f"{english_name(c.speaker)} is {post}." if post else f"{english_name(c.speaker)}."
        sentences = [x for x in re.split(r"(?<=[。！？!?])", c.passage) if x.strip()] or [c.passage]
        first = next((x for x in sentences if c.speaker in x), sentences[0])
        return replace(answer, answer=f"{text} Source: “{first}”")
    if not answer.found:
        if is_english_text(answer.answer):
            return answer
        return replace(answer, answer=f"{NOT_FOUND}{quote}" if quote else NOT_FOUND.split(".")[0] + ".")
    if not answer.citations:
        return replace(answer, answer=f"The documents say: “{quote}”")
    who = _who(answer.citations[0])
    verb = "states" if not answer.citations[0].speaker else "said"
    lead = f"According to {who}" if answer.citations[0].speaker else f"{who[:1].upper()}{who[1:]} {verb}"
    return replace(answer, answer=f"{lead}: “{quote.strip('“”')}”")
