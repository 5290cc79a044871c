"""People the documents name with a post but who never speak, each post read in full.

A bureau's reply letter writes "局长某某主持召开专题会议" and "分管副局长某某牵头": a bare post, whose body is the
one that issues the letter. So "教育局局长是谁" and "教育局的一把手是哪个" are answered from those mentions, the bare
post taken as the issuer's when the issuer is a body of that kind (a 局's 局长, a 委's or an office's 主任). A post
that names its own body ("市甲局局长某某") is kept as written. A leaders' page's entries and a personnel notice's
appointments name holders too (index/ingest/profiles.py, appointments.py); a post someone is removed from is not theirs.
"""
from __future__ import annotations

import re

from index.ingest.names import listed_name_post, name_then_title, names_a_post, titled_people
from index.ingest.appointments import APPOINTED, appointments
from index.ingest.profiles import holders as profile_holders
from index.models import Document, Person, Speaker

# The kind of body a post heads, by the post's last characters, and the ends of a body's name of that kind.
_POST_KIND = {"局长": ("局",), "主任": ("委", "办", "办公室", "委员会", "中心"), "院长": ("院",), "厅长": ("厅",),
              "校长": ("学校", "中学", "小学", "学院"), "所长": ("所",), "站长": ("站",), "社长": ("社",)}
# Words before a bare post that say which of the body's posts it is, not which body: "分管副局长", "常务副主任".
_POST_PREFIX = re.compile(r"^(?:分管|常务|专职|主管|时任|现任|原)+")


# The ends of a body of government's name (not a newspaper's, a station's or an agency's: "新华社" is no issuer).
_GOVERNMENT_BODY = re.compile(r"(?:局|委|办|办公室|委员会|政府|厅|中心)$")


def issuer(doc: Document) -> str:
    """The body of government that issues the document (its outlet or letterhead), or ""."""
    outlet = doc.meta.outlet or ""
    return outlet if _GOVERNMENT_BODY.search(outlet) else ""


def full_title(written: str, issuer: str) -> str:
    """The post as written, or the issuer's post of that kind when the written post names no body ("局长" in a
    局's letter → "某局局长"; "主任" in the same letter stays "主任": a 局 has no 主任 of its own)."""
    bare = _POST_PREFIX.sub("", written).removeprefix("副")
    kind = _POST_KIND.get(bare)
    if not issuer or kind is None or not issuer.endswith(kind):
        return written
    return issuer + _POST_PREFIX.sub("", written)


def named_holders(documents: list[Document], speakers: set[str]) -> list[Person]:
    """Everyone the documents name with a post who is not a speaker, in order of first mention, each with every post
    the text gives them, read in full."""
    people: dict[str, Person] = {}
    for doc in documents:
        issuer_ = issuer(doc)
        # A post someone is appointed to is theirs; one they are removed from is not ("免去甲的乙局局长职务").
        recorded = appointments(doc)
        left = {(a.name, a.post) for a in recorded if a.action != APPOINTED}
        appointed = [Speaker(name=a.name, title=a.post) for a in recorded if a.action == APPOINTED]
        # Lists of people a line each ("张三　市甲局副局长"): a roll of honour, an attendance list.
        listed = [sp for *_, line in doc.lines() if (sp := listed_name_post(line)) is not None]
        for sp in titled_people(doc.body) + name_then_title(doc.body) + profile_holders(doc) + appointed + listed:
            if (sp.name, sp.title) in left:
                continue
            if not sp.name or sp.name in speakers or not names_a_post(sp.title):
                continue
            person = people.setdefault(sp.name, Person(name=sp.name))
            title = full_title(sp.title, issuer_)
            if title not in person.titles:
                person.titles.append(title)
    return list(people.values())
