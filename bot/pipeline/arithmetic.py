"""Figures a passage gives in parts, combined the way a question asks: a sum ("补贴加上建设资金，一共多少"), a
difference ("两个档次差多少") or what is left of a total ("发现问题57个，已整改49个" → "还剩几个没整改"). Each
figure is found by the words just before it in the passage, which must be the words the question uses for it; the
answer shows the sum it did, so the asker can check it against the quoted passage."""
from __future__ import annotations

import re
from dataclasses import dataclass

SUM, DIFFERENCE, REST = "sum", "difference", "rest"
# How a question asks to combine two figures: a closed class of phrasings.
_SUM_CUE = re.compile(r"加起来|加一块|加在一起|加到一起|加上|合起来|合计|总和|一起算|两项(?:一共|总共)|两个?(?:一共|总共)")
_DIFFERENCE_CUE = re.compile(r"差多少|差几|相差|差距|差了?多少|多多少|少多少|多出多少|多了多少|少了多少|多几|少几")
# What is left: "还剩几个没整改", "还没挂果的有多少", "今年以前已经建了多少" (the part is the verb after 没/未,
# or the time before 以前).
_NOT_YET = re.compile(r"(?:还|尚)?(?:没有|没|未)(?P<verb>[\u4e00-\u9fff]{2})")
_BEFORE = re.compile(r"(?P<time>[\u4e00-\u9fff]{2})(?:以前|之前)")
_REST_CUE = re.compile(r"还剩|剩下|剩余|还有(?:多少|几)|(?:还|尚)(?:没|未)|(?:以前|之前)(?:已经|就|一共|共)?")
# What joins the two things a question names ("A加上B", "A和B", "A跟B比").
_JOIN = re.compile(r"加上|以及|和|跟|与|同|及|、|还是|比")
# A figure with its magnitude and the word it counts ("2100万元", "57个", "3.6万吨", "98%").
_FIGURE = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*(?P<mag>万|亿)?(?P<unit>元|[个项件家所名位户人亩吨台辆套间座条处场次批只头公里米%％])")
# Where the words that name a figure start: the last mark before it.
_LABEL_START = re.compile(r"[，,；;。：:、（(\s]")
_MAGNITUDE = {"": 1, "万": 10_000, "亿": 100_000_000}


@dataclass(frozen=True)
class Figure:
    """A number the passage states, with the words before it that say what it counts."""

    value: float
    magnitude: str
    unit: str
    label: str
    start: int

    @property
    def written(self) -> str:
        """The figure as the passage writes it."""
        return f"{_plain(self.value)}{self.magnitude}{self.unit}"


@dataclass(frozen=True)
class Derived:
    """A figure computed from the passage's figures, and how."""

    operation: str
    operands: tuple[Figure, ...]
    value: float
    magnitude: str
    unit: str

    @property
    def text(self) -> str:
        """The computation written out: "幸福院运营补贴2100万元＋助餐点建设资金1200万元＝3300万元"."""
        sign = "＋" if self.operation == SUM else "－"
        left = sign.join(f"{f.label}{f.written}" for f in self.operands)
        return f"{left}＝{_plain(self.value)}{self.magnitude}{self.unit}"


def _plain(value: float) -> str:
    """A number without a trailing ".0" and with at most two decimals."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def operation(question: str) -> str:
    """SUM, DIFFERENCE or REST when the question asks to combine figures, else ""."""
    if _SUM_CUE.search(question):
        return SUM
    if _DIFFERENCE_CUE.search(question):
        return DIFFERENCE
    if _REST_CUE.search(question) and (_NOT_YET.search(question) or _BEFORE.search(question)):
        return REST
    return ""


def figures(text: str) -> list[Figure]:
    """The figures of a passage, each with the words before it back to the last mark (at most 14 characters)."""
    out = []
    for m in _FIGURE.finditer(text):
        before = text[max(0, m.start() - 30):m.start()]
        cut = max((x.end() for x in _LABEL_START.finditer(before)), default=0)
        label = re.sub(r"^(?:其中|以及|和|及|并|共|达到|为)", "", before[cut:])[-14:]
        out.append(Figure(float(m.group("n")), m.group("mag") or "", m.group("unit").replace("％", "%"), label,
                          m.start()))
    return out


def _pairs(phrase: str) -> set[str]:
    """The character pairs of a phrase's Chinese words."""
    han = re.sub(r"[^\u4e00-\u9fff]", "", phrase)
    return {han[i:i + 2] for i in range(len(han) - 1)}


def named_pairs(phrase: str, label: str) -> int:
    """How many character pairs of the figure's words the question's phrase shares (0: not the same thing)."""
    # A phrase of one pair ("健身") names a figure by that word whole ("其中健身类案件占31%").
    mine = _pairs(phrase)
    shared = mine & _pairs(label)
    return len(shared) if len(shared) >= 2 or shared and (len(_pairs(label)) <= 2 or len(mine) == 1) else 0


# Where a question turns back to the things it joined: a demonstrative or the cue that combines them.
_TURNING_BACK = re.compile(r"这|那|" + _SUM_CUE.pattern + "|" + _DIFFERENCE_CUE.pattern)


def _things(question: str) -> list[str]:
    """The two or more things a question joins ("幸福院运营补贴加上助餐点建设" → both), from the clause that
    joins them."""
    for clause in re.split(r"[，,。？?！!；;]", question):
        parts = [p for p in _JOIN.split(clause) if len(_pairs(p)) >= 1]
        if len(parts) >= 2:
            # The last thing ends where the question turns back to them all ("培训这三类案件加起来…").
            parts[-1] = _TURNING_BACK.split(parts[-1], maxsplit=1)[0] or parts[-1]
            return parts
    return []


def _match(things: list[str], found: list[Figure]) -> list[Figure] | None:
    """One distinct figure for each thing, the one whose words it shares most; None if any has none."""
    chosen: list[Figure] = []
    for thing in things:
        best = max(((f, named_pairs(thing, f.label)) for f in found if f not in chosen), key=lambda t: t[1], default=None)
        if best is None or best[1] == 0:
            return None
        chosen.append(best[0])
    return chosen


def derive(question: str, text: str) -> Derived | None:
    """The figure the question asks for, computed from the passage's figures; None when the passage does not
    name each figure the question combines, or their units differ."""
    op = operation(question)
    if not op:
        return None
    found = figures(text)
    if op in (SUM, DIFFERENCE):
        chosen = _match(_things(question), found)
        if not chosen or len({(f.magnitude, f.unit) for f in chosen}) != 1:
            return None
        if op == SUM:
            value = sum(f.value for f in chosen)
        else:
            chosen = sorted(chosen[:2], key=lambda f: -f.value)
            value = chosen[0].value - chosen[1].value
        return Derived(op, tuple(chosen), value, chosen[0].magnitude, chosen[0].unit)
    # REST: the part is the figure whose words hold the verb not yet done ("已整改49个" for "没整改") or the time
    # before which ("今年新建38个" for "今年以前"); the total is the larger figure of the same kind before it.
    cue = _NOT_YET.search(question) or _BEFORE.search(question)
    key = cue.group(cue.lastgroup or 1)
    parts = [f for f in found if key in f.label]
    for part in parts:
        totals = [f for f in found if f.start < part.start and (f.magnitude, f.unit) == (part.magnitude, part.unit)
                  and f.value * _MAGNITUDE[f.magnitude] > part.value * _MAGNITUDE[part.magnitude]]
        if totals:
            total = totals[-1]
            return Derived(REST, (total, part), total.value - part.value, total.magnitude, total.unit)
    return None


def row_sum(question: str, rows: list[str]) -> Derived | None:
    """The sum a question asks of one figure of each row ("落在新源县的项目投资额加起来多少" over the rows picked):
    in each row the figure whose words the question names most ("投资额"), all of one magnitude and unit; None
    when the question asks no sum or a row has no such figure."""
    if operation(question) != SUM or len(rows) < 2:
        return None
    chosen = []
    for row in rows:
        scored = [(named_pairs(question, f.label), f) for f in figures(row)]
        best = max(scored, key=lambda t: t[0], default=(0, None))
        if not best[0]:
            return None
        chosen.append(best[1])
    if len({(f.magnitude, f.unit) for f in chosen}) != 1:
        return None
    return Derived(SUM, tuple(chosen), sum(f.value for f in chosen), chosen[0].magnitude, chosen[0].unit)
