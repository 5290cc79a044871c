"""A figure a question states as a fact to check ("听说最高只能贷20万，是这样吗?", "幸福大院吃饭每顿5块钱是吧?"):
the passage that gives the same kind of figure for the same thing corrects it when it says another.

The claimed figure is read as people write it (Chinese numerals, 块 for 元, 万 without 元); the passage's figure
must count in the same unit and be named by the same words (arithmetic.figures reads each figure with the words
before it). Nothing else is compared: a figure the passage does not name the same way is no answer to the claim.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.pipeline import arithmetic
from bot.pipeline.slots import number_of

# A claim asked about: said as hearsay or closed with a checking particle.
_CHECK = re.compile(r"(?:吗|吧|么|嘛|对吧|对不对|是不是|是真的|是这样|没错|真的假的|不是)[？?。！!]*\s*$|(?:是不是|是否|真的)"
                    r"|^(?:听说|听人说|据说|有人说)")
# A figure as a question writes it: "20万", "5块钱", "1200万人次", "九个" (numerals made digits first).
_CLAIM = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*(?P<mag>万|亿)?(?P<unit>块钱|块|元|人次|[个项件家所名位户人亩吨台辆套间座条处场次批只头%％]|"
                    r"公里|米|天|年)?")
_COLLOQUIAL_UNITS = {"块": "元", "块钱": "元", "％": "%"}
# Words that ask for a figure: a question that has one asks for it, though it states another ("涨到30了？现在多少").
_ASKS_FIGURE = re.compile(r"多少|几")


@dataclass(frozen=True)
class Claim:
    """A figure the question states, with the words before it that say what it counts."""

    value: float
    magnitude: str
    unit: str
    label: str
    written: str


@dataclass(frozen=True)
class Verdict:
    """The passage's figure for the thing the claim names, which is not the claimed one (or not for its year)."""

    claim: Claim
    figure: arithmetic.Figure
    sentence: str
    ambiguous: bool = False  # another figure of the sentence is named as well: quote it, name no figure


def same_value(claim: Claim, figure: arithmetic.Figure) -> bool:
    """Whether a figure is the claimed amount."""
    return _scaled(claim.value, claim.magnitude) == _scaled(figure.value, figure.magnitude)


def _scaled(value: float, magnitude: str) -> float:
    return round(value * {"": 1, "万": 10_000, "亿": 100_000_000}[magnitude], 6)


def _digits(text: str) -> str:
    """Chinese numerals with a counter after them as digits ("五块钱" → "5块钱"); other text unchanged."""
    def one(m: re.Match) -> str:
        n = number_of(m.group(1))
        return f"{n}{m.group(2)}" if n or m.group(1) == "零" else m.group(0)

    return re.sub(r"([零一二两三四五六七八九十百千]+)(万|亿|块|元|个|项|件|家|所|名|位|户|人|亩|吨|台|辆|套|间|座|条|处|场|次|批|公里|天)",
                  one, text)


def claims(question: str) -> list[Claim]:
    """The figures a question states as facts to check; [] when it checks none (a plain "多少" asks, states nothing)."""
    if not _CHECK.search(question):
        return []
    text = _digits(question)
    out = []
    for m in _CLAIM.finditer(text):
        unit = _COLLOQUIAL_UNITS.get(m.group("unit") or "", m.group("unit") or "")
        if not unit and not m.group("mag"):
            continue  # a bare number ("2028") is a year or a label, no figure
        if unit == "年" and not m.group("mag"):
            continue  # "2028年" is a year
        before = re.split(r"[，,。？?！!；;：:]", text[max(0, m.start() - 20):m.start()])[-1]
        # What the figure counts may follow it ("有十辆诊疗车在村里跑"): the words up to the next mark name it too.
        after = re.split(r"[，,。？?！!；;：:]", text[m.end():m.end() + 10])[0]
        out.append(Claim(float(m.group("n")), m.group("mag") or "", unit, before + after, m.group(0).strip()))
    return out


def _same_unit(claim: Claim, figure: arithmetic.Figure) -> bool:
    # By the unit's first character: the passage's figures are read with one ("1200万人次" counts 人). "贷20万"
    # says no unit: 万 of whatever the passage counts (元).
    return claim.magnitude == figure.magnitude and (not claim.unit or claim.unit[0] == figure.unit[0])


def _named_by(sentence: str, figure: arithmetic.Figure) -> str:
    """The words of the sentence that say what a figure counts: its clause before it, and the words after it up to
    the next mark ("全县3辆诊疗车按…" → "全县" + "诊疗车按")."""
    before = re.split(r"[，,。；;：:！!？?]", sentence[:figure.start])[-1]
    rest = _CLAIM.match(sentence, figure.start)
    after = re.split(r"[，,。；;：:！!？?]", sentence[rest.end() if rest else figure.start:][:10])[0]
    return before + after


def written(sentence: str, figure: arithmetic.Figure) -> str:
    """The figure as the sentence writes it ("800万人次")."""
    m = _CLAIM.match(sentence, figure.start)
    return m.group(0).strip() if m else figure.written


def check(question: str, sentences: list[str]) -> Verdict | None:
    """The passage sentence whose same-unit figure the question's words name best, for the first claim that one
    names, when no sentence states the claimed figure for that thing; None otherwise (a claim the text bears out,
    or one it does not check, is left to the answer as it stands)."""
    for claim in claims(question):
        years = re.findall(r"(?<!\d)(20\d\d)年", claim.label)
        numbers = set(re.findall(r"\d+", claim.label)) - set(years)
        best = None
        for sent in sentences:
            head = sent.split("：", 1)[0] if "：" in sent else ""
            # A table row is named by its first cell ("80—89周岁：…新标准150元/月"): the numbers the question
            # names the row by ("80到89岁") count as its words.
            row = len(numbers & set(re.findall(r"\d+", head))) if numbers and head and len(head) <= 20 else 0
            for fig in arithmetic.figures(sent):
                if not _same_unit(claim, fig):
                    continue
                named = arithmetic.named_pairs(claim.label, _named_by(sent, fig)) + 2 * row
                if not named:
                    continue
                if same_value(claim, fig) and all(y in sent for y in years):
                    # The claimed figure is there for the same thing ("由20万元提高到30万元" holds both): no
                    # correction to make; what the passage says is the answer as it stands.
                    return None
                # The year the claim is for picks its sentence first, then how well the words name the thing.
                score = (sum(y in sent for y in years), named)
                if best is None or score > best[0]:
                    best = (score, fig, sent, False)
                elif score == best[0] and sent == best[2]:
                    best = (*best[:3], True)  # "原标准100元，新标准150元" alike: the sentence says, not one figure
        if best is not None:
            return Verdict(claim, best[1], best[2], best[3])
    return None


def asks_figure(question: str) -> bool:
    """Whether the question also asks for a figure of its own ("…涨到30了？现在多少")."""
    return bool(_ASKS_FIGURE.search(question))
