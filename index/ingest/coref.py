"""What a pronoun or "该局负责人" points back to: people by recency and gender, organisations named nearby.

Gender is learned from the document itself: a 她/他 that continues the person a sentence is about (just
named, or still speaking) tells that person's gender, and later pronouns skip people of the other
gender; a given name's characters only break ties between candidates and are never recorded. A person
only mentioned ("对于张三提出的建议，他…") learns nothing. "该局负责人" / "该局局长" is the person in charge
of the last 局 the text named — its head when the document names one (a deputy is never taken for the
head), else an unnamed official of that organisation; "该局副局长" is never the head.
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
_DEMONSTRATIVE_TITLE_RX = re.compile(r"^(?:该|此|这个?)(部门|单位|机构|管委会|委员会|公司|集团|中心|局|委|办|院|厅|部|所|站|馆)")
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


def organisation_subject(sentence: str) -> str:
    """The organisation a sentence opens with as its subject ("与此同时，市X局也在推进…" → '市X局'); '' when
    the sentence opens otherwise or the organisation only starts a title ("市X局局长…", "市X局负责人…")."""
    text = re.sub(r"^[^，,。“”]{1,6}[，,]", "", sentence.lstrip())  # a short opener: "与此同时，", "另外，"
    m = _ORG_ANY_RX.match(text)
    if not m:
        return ""
    rest = text[m.end():]
    if not rest or rest[0] in "的、和与及，," or any(rest.startswith(o) for o in (*HEAD_OFFICES, "副", "党")):
        return ""  # a title, a list of bodies or a possessive, not the body acting
    return m.group()


def demonstrative_kinds(word: str) -> tuple[str, ...] | None:
    """'局' → ('局',); '部门' → () for any kind; None when the word is not an organisation word."""
    return _DEMONSTRATIVE_KIND.get(word)


# Characters of given names that are, with few exceptions, a woman's or a man's. Used only to choose
# between people a pronoun may stand for, never as a person's gender.
_FEMALE_NAME_CHARS = set("丽娜芳静婷燕霞梅兰秀玉凤娟萍琳莉雪倩颖妍媛娇嫣姗婉妮琴瑶璐露蕾蓉菲薇艳翠慧洁怡菊莲珍珊瑾婕婧姝芬芸茹霜香娥")
_MALE_NAME_CHARS = set("勇刚强伟军东峰斌涛辉杰龙鹏波海虎彪雄豪栋梁磊鑫超浩健坤国建志兵武宏彬博俊凯松柏山毅锋钢铁权德福贵生忠庆良成义"
                       "江川岩森雷鸣亮祥旭胜奎彦帅骏驰")


def name_hint(name: str) -> str:
    """'f' or 'm' when the given name's characters all point one way, else ''."""
    given = name[2:] if len(name) == 4 else name[1:]
    female = any(c in _FEMALE_NAME_CHARS for c in given)
    male = any(c in _MALE_NAME_CHARS for c in given)
    return FEMALE if female and not male else MALE if male and not female else ""


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
            org = self.head(person)
            if org:
                self.orgs = [org] + [o for o in self.orgs if o != org]
            if person.title.endswith(("负责人", "发言人")):
                self.official = person  # "该负责人" now points back to them

    def learn(self, name: str, gender: str, force: bool = False) -> None:
        """Record what a pronoun showed of a person's gender, unless already known or (when the pronoun
        could stand for someone else: not `force`) their given name says otherwise."""
        if name and name not in self.genders and (force or name_hint(name) in ("", gender)):
            self.genders[name] = gender

    def head(self, person: Speaker) -> str:
        """Record the person as the head of their organisation when their title heads it; the organisation."""
        org = org_of_title(person.title) if person.title else ""
        if org and person.name and heads_office(person.title):
            self.heads.setdefault(org, person)
        return org

    def read(self, text: str) -> None:
        """Organisations named in a sentence just read."""
        for org in orgs_in(text):
            self.orgs = [org] + [o for o in self.orgs if o != org]

    def tick(self, speaker: Speaker | None = None) -> None:
        """A sentence was read: the person named two sentences ago is no longer fresh, unless the
        sentences since were all theirs (a long quotation keeps its speaker fresh)."""
        if speaker is not None and self.fresh is not None and speaker.name == self.fresh.name:
            self._age = 1  # as old as on the sentence that named them
            return
        self._age += 1
        if self._age > 2:
            self.fresh = None

    def pronoun(self, gender: str) -> Speaker | None:
        """The most recent person the pronoun can stand for; learns the gender of a person just named."""
        if not self.recent:
            return None
        # A person of the other gender, as the text showed it or as their given name strongly suggests, is
        # skipped; the name's hint only breaks ties and is never recorded as the person's gender.
        # 她 is never the generic pronoun, so it passes over an unnamed official ("该局负责人"), whose gender the
        # text cannot show, to a woman named before; 他 may stand for anyone and continues that official.
        fresh = self.fresh if self.fresh is not None and self.fresh.name and self._age <= 1 else None
        fits = [p for p in self.recent if p.name and (self.genders.get(p.name) == gender
                                                      or p.name not in self.genders and name_hint(p.name) == gender)]
        if gender and fresh is not None and fresh.name not in self.genders and self.recent \
                and self.recent[0].name == fresh.name and not (name_hint(fresh.name) not in ("", gender) and fits):
            # The person the sentence before was about, whose gender the text has not shown: the pronoun that
            # opens the next sentence continues them, unless their given name suggests the other gender and
            # someone else named before fits the pronoun.
            choice = fresh
        else:
            choice = next((p for p in self.recent if not gender or self.genders.get(p.name, gender) == gender
                           and (p.name in self.genders or name_hint(p.name) in ("", gender))), None)
        if choice is not None and not choice.name and gender == FEMALE:
            choice = next((p for p in self.recent if p.name and self.genders.get(p.name, name_hint(p.name)) == FEMALE),
                          choice)
        choice = choice or next((p for p in self.recent if self.genders.get(p.name, gender) == gender), None)
        choice = choice or self.recent[0]
        if gender and self.fresh and choice.name and choice.name == self.fresh.name:
            # Chosen against their name's hint only when nobody else fits: the text says so.
            self.learn(choice.name, gender, force=True)
        self.recent = [choice] + [p for p in self.recent if p.name != choice.name]
        return choice

    def organisation(self, kinds: tuple[str, ...]) -> str:
        """The most recent organisation of one of these kinds (any kind when empty)."""
        return next((o for o in self.orgs if not kinds or o.endswith(kinds)), "")

    def person_in_charge(self, org: str, role: str = "负责人") -> Speaker:
        """The head of the organisation when the document names one, else an unnamed official of it; a
        deputy's office ("该局副局长") is never the head."""
        head = self.heads.get(org) if org and not _is_deputy(role) else None
        person = head or Speaker(name="", title=f"{org}{role}" if org else role)
        self.official = person
        return person

    def holder(self, office: str) -> Speaker | None:
        """The person last named whose title is that office ("这位局长" → the last 局长, never a 副局长)."""
        return next((p for p in self.recent if p.name and p.title.endswith(office)
                     and (_is_deputy(office) or not _is_deputy(p.title))), None)

    def expand(self, title: str) -> str:
        """'该局副局长' → '市X局副局长': a demonstrative in a title stands for the organisation named last."""
        m = _DEMONSTRATIVE_TITLE_RX.match(title)
        if not m:
            return title
        org = self.organisation(demonstrative_kinds(m.group(1)) or ())
        return org + title[m.end():] if org else title


def _is_deputy(title: str) -> bool:
    """A deputy's title: '副局长', '市X局常务副局长'."""
    return any(title.endswith("副" + office) for office in HEAD_OFFICES) or title.startswith("副")
