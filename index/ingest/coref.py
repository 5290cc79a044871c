"""What a pronoun or "该局负责人" points back to: people by recency and gender, organisations named nearby.

Gender is learned from the document itself: a 她/他 that continues right after one person was named
tells that person's gender, and later pronouns skip people of the other gender. "该局负责人" is the
person in charge of the last 局 the text named — its head when the document names one (a deputy is
never taken for the head), else an unnamed official of that organisation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.models import Speaker

MALE, FEMALE = "m", "f"
# An organisation: a place prefix, a few characters, and the kind of body it is.
_ORG_KINDS = ("管委会", "委员会", "办公室", "局", "委", "办", "中心", "院", "厅", "部", "公司", "集团", "署", "所", "站", "馆")
_ORG_ANY_RX = re.compile(
    r"(?:国家|省|市|县|区|州|镇|乡|街道)[\u4e00-\u9fff]{1,14}?(?:" + "|".join(_ORG_KINDS) + ")"
)
# "该局", "该部门", "这个单位": which kinds of organisation each word may stand for (empty: any).
_DEMONSTRATIVE_KIND = {"局": ("局",), "委": ("委", "委员会"), "委员会": ("委员会", "委"), "办": ("办", "办公室"),
                       "中心": ("中心",), "院": ("院",), "厅": ("厅",), "部": ("部",), "公司": ("公司", "集团"),
                       "集团": ("集团", "公司"), "管委会": ("管委会",), "所": ("所",), "站": ("站",), "馆": ("馆",),
                       "部门": (), "单位": (), "机构": ()}
HEAD_OFFICES = ("主要负责人", "负责人", "董事长", "总经理", "秘书长", "局长", "主任", "部长", "厅长", "院长", "校长", "所长", "行长", "县长",
                "区长", "市长", "镇长", "乡长", "主席", "处长", "站长", "馆长", "署长")


def org_of_title(title: str) -> str:
    """The organisation inside a title: '市X局党组书记、局长' → '市X局'."""
    m = _ORG_ANY_RX.search(title)
    return m.group() if m else ""


def heads_office(title: str) -> bool:
    """A title that heads its organisation: ends in a head office with no 副 before it."""
    for office in HEAD_OFFICES:
        if title.endswith(office):
            return not title[: len(title) - len(office)].endswith("副")
    return False


def orgs_in(text: str) -> list[str]:
    """Organisations named in a piece of text, in order."""
    return [m.group() for m in _ORG_ANY_RX.finditer(text)]


def demonstrative_kinds(word: str) -> tuple[str, ...] | None:
    """'局' → ('局',); '部门' → () for any kind; None when the word is not an organisation word."""
    return _DEMONSTRATIVE_KIND.get(word)


_GENDER_WORDS = {"女士": FEMALE, "先生": MALE, "（女）": FEMALE, "(女)": FEMALE, "（男）": MALE, "(男)": MALE}


def gender_cues(text: str, names) -> dict[str, str]:
    """Genders the text states outright: "张三先生", "李四女士", "王五（女）"."""
    out: dict[str, str] = {}
    for name in names:
        for word, gender in _GENDER_WORDS.items():
            if name + word in text:
                out.setdefault(name, gender)
    return out


@dataclass
class Memory:
    """People and organisations as the reader meets them, most recent first."""

    recent: list[Speaker] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)
    orgs: list[str] = field(default_factory=list)
    heads: dict[str, Speaker] = field(default_factory=dict)
    official: Speaker | None = None  # the last unnamed official ("该负责人" points back to them)
    fresh: Speaker | None = None  # named in the sentence just read or the one before
    _age: int = 0

    def named(self, person: Speaker) -> None:
        """A person was just named."""
        self.recent = [person] + [p for p in self.recent if p.name != person.name]
        self.fresh, self._age = person, 0
        if person.title:
            org = org_of_title(person.title)
            if org:
                self.orgs = [org] + [o for o in self.orgs if o != org]
                if heads_office(person.title):
                    self.heads.setdefault(org, person)
            if person.title.endswith(("负责人", "发言人")):
                self.official = person  # "该负责人" now points back to them

    def read(self, text: str) -> None:
        """Organisations named in a sentence just read."""
        for org in orgs_in(text):
            self.orgs = [org] + [o for o in self.orgs if o != org]

    def tick(self) -> None:
        """A sentence was read: the person named two sentences ago is no longer fresh."""
        self._age += 1
        if self._age > 2:
            self.fresh = None

    def pronoun(self, gender: str) -> Speaker | None:
        """The most recent person the pronoun can stand for; learns the gender of a person just named."""
        if not self.recent:
            return None
        choice = next((p for p in self.recent if self.genders.get(p.name, gender) == gender or not gender), None)
        choice = choice or self.recent[0]
        if gender and self.fresh and choice.name == self.fresh.name and choice.name not in self.genders:
            self.genders[choice.name] = gender
        self.recent = [choice] + [p for p in self.recent if p.name != choice.name]
        return choice

    def organisation(self, kinds: tuple[str, ...]) -> str:
        """The most recent organisation of one of these kinds (any kind when empty)."""
        return next((o for o in self.orgs if not kinds or o.endswith(kinds)), "")

    def person_in_charge(self, org: str, role: str = "负责人") -> Speaker:
        """The head of the organisation when the document names one, else an unnamed official of it."""
        head = self.heads.get(org) if org else None
        person = head or Speaker(name="", title=f"{org}{role}" if org else role)
        self.official = person
        return person
