"""The tier of government a speaker's post belongs to, read from the title the text gives, and the tier a question
asks a list of speakers to keep ("区县来的干部有哪几个发了言?", "市直部门的负责同志有哪几位?").

A title opens with the unit that holds the post. A bare level word ("市甲局局长", "县乙局局长") or the
documents' own place ("甲市丙局局长") is the documents' own level: its leaders ("市长", "副市长", "市委书记")
or its departments. Another place ("乙县县长", "丙区副区长", "丁市委书记" for a county-level city) is a tier below;
a township, street or village lower still. A company, cooperative or association is no tier of government.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from index.ingest.lexicon import TITLE_SUFFIXES

from bot.pipeline.aside import set_aside

LEADER, DEPARTMENT, COUNTY, TOWNSHIP, ENTERPRISE, OTHER = (
    "leader", "department", "county", "township", "enterprise", "other")

_ENTERPRISE = re.compile(r"公司|集团|合作社|企业|工厂|银行|协会|商会|董事长|总经理|理事长|经理")
# The leaders of a level: its government's or its party committee's own posts, not a department's.
_LEADER_POST = re.compile(r"^(?:[市县区州]|[\u4e00-\u9fff]{0,8}?(?:人民政府|政府|委))?(?:党委|委)?(?:常委|委员)?[、，]?"
                          r"(?:常务)?(?:副)?(?:市长|县长|区长|州长|书记|秘书长|副书记)")
_SEATED = ("代表", "政协委员", "人大常委会委员")
_LEADER_ALONE = re.compile(r"^(?:常务)?副?(?:市长|县长|区长|州长)")
_BARE_LEVEL = ("市", "县", "区", "州")
_UNIT_OPENING = re.compile(r"^([\u4e00-\u9fff]{1,10}?(?:自治县|自治旗|县|区|旗|市|镇|乡|街道|社区|村))")
_TOWNSHIP = ("镇", "乡", "街道", "社区", "村")
_LOWER_LEVELS = ("县", "区", "旗", *_TOWNSHIP)


def tier_of(title: str, homes: Iterable[str] = ()) -> str:
    """The tier a post belongs to: LEADER or DEPARTMENT of the documents' own level, COUNTY, TOWNSHIP, ENTERPRISE, or
    OTHER (an occupation, a resident, no post)."""
    if not title:
        return OTHER
    if _ENTERPRISE.search(title):
        return ENTERPRISE
    if re.split(r"[、，,]", title)[0].endswith(_SEATED):
        return OTHER  # a deputy to a congress or a member of a consultative body holds a seat, not a post of a tier
    if _LEADER_ALONE.match(title):
        return LEADER  # "副市长", "常务副市长": a leader's post written without its unit
    rest = title
    home = next((h for h in sorted(homes, key=len, reverse=True) if len(h) >= 2 and title.startswith(h)), "")
    if home and not home.endswith(_BARE_LEVEL) and title[len(home):].startswith(_LOWER_LEVELS):
        home = ""  # "甲县县长" in a text about 甲市: a county that shares the city's name
    if home:
        rest = title[len(home):]
    elif not title.startswith(_BARE_LEVEL):
        unit = _UNIT_OPENING.match(title)
        if unit is None:
            return OTHER
        return TOWNSHIP if unit.group(1).endswith(_TOWNSHIP) else COUNTY
    # The documents' own level: a leader's post or a department's.
    first = re.split(r"[、，,]", rest)[0]
    return LEADER if _LEADER_POST.match(first) or _LEADER_POST.match(rest) else DEPARTMENT


# The words a question uses for a tier, a closed class of Chinese administrative vocabulary.
_ASKED = (
    (COUNTY, re.compile(r"区县|县区|县市区|县（市、区）|县\(市、区\)|区（县）|各县|各区|区里|县里|区上|县上|县级")),
    (TOWNSHIP, re.compile(r"乡镇|镇里|镇上|街道|村里|村干部|基层")),
    (ENTERPRISE, re.compile(r"企业|公司")),
    # "政府部门的人", "政府部门负责人" say the government at large (its leaders too), not its departments
    (DEPARTMENT, re.compile(r"市直|市级部门|职能部门|(?<!政府)部门(?:的?(?:负责人|负责同志|领导|人|干部|一把手)|[、和及与])|"
                            r"(?<!政府)(?:几个部门|哪些部门|哪几个部门)")),
)
def asked_tiers(question: str) -> tuple[set[str], set[str]]:
    """The tiers a list of speakers keeps, and those it sets aside ("（不算县里）", "除了企业", "县区的除外"; both
    empty: the question names no tier)."""
    aside = set_aside(question)
    aside_text, kept_text = (" ".join(aside.phrases), aside.rest) if aside else ("", question)
    keep = {tier for tier, rx in _ASKED if rx.search(kept_text)}
    drop = {tier for tier, rx in _ASKED if rx.search(aside_text)}
    if re.search(r"副?市长|市领导", aside_text):
        drop.add(LEADER)
    return keep, drop


def _kept(tier: str, keep: set[str], drop: set[str]) -> bool:
    """A tier the question keeps (any, when it keeps none by name) and does not set aside."""
    return (not keep or tier in keep) and tier not in drop


def of_asked_tier(title: str, homes: Iterable[str], question: str) -> bool:
    """The post is of a tier the question keeps and of none it sets aside (False when it names no tier)."""
    keep, drop = asked_tiers(question)
    return bool(keep or drop) and _kept(tier_of(title, homes), keep, drop)


# How an answer names the speakers of a tier.
LABELS = {LEADER: "市领导", DEPARTMENT: "部门负责人", COUNTY: "区县负责人", TOWNSHIP: "乡镇（街道）负责人",
          ENTERPRISE: "企业负责人"}


def keep_tiers(titles: list[str], homes: Iterable[str], question: str) -> tuple[list[bool], str]:
    """Which of these posts are of the tiers the question keeps (less those it sets aside), and the answer's word for
    them; (all True, "") when the question names no tier or none of the posts is of those tiers."""
    keep, drop = asked_tiers(question)
    everyone = [True] * len(titles)
    if not keep and not drop:
        return everyone, ""
    homes = tuple(homes)
    of = [tier_of(t, homes) for t in titles]
    # A speaker the text gives no post is of no known tier: kept, not guessed away.
    kept = [not title or _kept(t, keep, drop) for title, t in zip(titles, of)]
    if not any(kept):
        return everyone, ""
    named = keep or {t for t, k in zip(of, kept) if k}  # the tiers asked for, else those of the people kept
    shown = [t for t in (LEADER, DEPARTMENT, COUNTY, TOWNSHIP, ENTERPRISE) if t in named]
    return kept, "、".join(LABELS[t] for t in shown)


# A count of units, not of people: "有几个部门的负责人发了言?" ("哪些部门的负责人发了言" asks for the people).
COUNTS_UNITS = re.compile(r"(?<!哪)(?:几个|多少个|几家)(?:部门|单位)")
_ROLE_WORDS = tuple(sorted(set(TITLE_SUFFIXES) | {"副", "常务", "党组", "党委", "专职", "一级", "二级"}, key=len,
                           reverse=True))


def unit_of(title: str) -> str:
    """The body a post belongs to: its first title with the words for the post taken off its end ("市甲局党组书记、
    局长" → 市甲局); "" when nothing is left ("副市长")."""
    unit = re.split(r"[、，,]", title)[0]
    while True:
        cut = next((w for w in _ROLE_WORDS if unit.endswith(w) and len(unit) > len(w)), "")
        if not cut:
            break
        unit = unit[:-len(cut)]
    return "" if len(unit) < 2 or unit in _ROLE_WORDS or unit == title else unit
