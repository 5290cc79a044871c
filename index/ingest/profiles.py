"""Leaders' profiles on a portal page (领导之窗, 领导分工): who holds which post, read from the page's own fields.

A profile is an entry under a heading that names one person ("## 张三", "张三　局长", "二、常务副县长　张三"), whose
fields give the post ("职务：局长、党组书记"), with the parts under it that are the profile's own ("简历", "工作分工");
or a biography that opens with the name and states the post ("张三，女，汉族，1978年9月生，……现任市甲局副局长").
A roster line names posts and their holders ("党组成员、副局长：张三　李四"). Nobody speaks in a profile: the people
it lists hold posts, each with the post as written and their sex when the page says it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.ingest.names import is_name, names_a_post, split_title_name
from index.models import Document, Speaker

# The field that gives a profile's post ("职务：…", "现任职务：…").
_POST_FIELD = re.compile(r"^\s*(?:现任)?职务\s*[：:]\s*(?P<post>[^。；;\n]{2,60}?)\s*[。；;]?\s*$")
# The field that names the profile's person ("姓名：张三").
_NAME_FIELD = re.compile(r"^\s*姓\s*名\s*[：:]\s*(?P<name>[\u4e00-\u9fff·]{2,8})\s*$")
# A biography that opens with the name, then the person's sex ("张三，女，汉族，…").
_BIOGRAPHY = re.compile(r"^\s*(?P<name>[\u4e00-\u9fff·]{2,8})\s*[，,]\s*(?P<sex>男|女)\s*[，,]")
# The post a biography states as held now ("现任市甲局副局长、党组成员。").
_HELD_NOW = re.compile(r"现任(?P<post>[^。；;，,]{2,60})")
# The field that says the person is a man or a woman ("性别：女").
_SEX_FIELD = re.compile(r"^\s*性别\s*[：:]\s*(?P<sex>男|女)\s*$")
# The parts of one profile under headings of their own ("简历", "工作分工").
_PROFILE_PARTS = {"简历", "个人简历", "工作简历", "履历", "分工", "工作分工", "分管工作", "职责", "工作职责", "主要职责",
                  "联系", "联系工作", "基本信息", "个人信息", "简介", "个人简介"}
# A numbered heading's number ("二、", "（三）").
HEADING_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、])\s*")
# The duties an entry gives its post holder ("分管…", "负责…工作", "联系…", "主持…全面工作").
_DUTIES = re.compile(r"^\s*(?:(?:工作)?(?:分工|职责)\s*[：:]\s*)?(?:分管|负责|联系|主持|协助)")
# A roster line: posts, a colon, then the names of their holders ("党组成员、副局长：张三　李四").
_ROSTER = re.compile(r"^\s*(?P<post>[^：:，,。；;]{2,40})[：:]\s*(?P<names>[\u4e00-\u9fff·]{2,8}(?:[\s、，,]+[\u4e00-\u9fff·]{2,8}){0,7})\s*$")


@dataclass(frozen=True)
class Profile:
    """One person's entry: their name, each post as the page writes it, their sex ("" unsaid) and where the entry
    stands in the body ([start, end))."""

    name: str
    posts: tuple[str, ...]
    sex: str = ""
    start: int = 0
    end: int = 0


def _posts(written: str) -> tuple[str, ...]:
    """"局长、党组书记" → ("局长", "党组书记"): one post per item, as written."""
    return tuple(p.strip() for p in re.split(r"[、，,；;]|\s+", written) if len(p.strip()) >= 2)


def _heading_person(heading: str) -> tuple[str, str] | None:
    """(name, post written beside it) of a heading that names one person ("张三", "张三　局长", "二、常务副县长　张三"),
    else None."""
    heading = HEADING_NUMBER.sub("", heading.strip().strip("#").strip())
    if not heading or "：" in heading or ":" in heading or heading.startswith(("—", "－", "-")):
        return None  # "——访市甲局局长张三" is a headline's subtitle, no entry of a page of profiles
    also = re.match(r"^(?P<head>.+?)\s*[（(]兼(?P<post>[^）)]{2,30})[)）]$", heading)
    if also:
        # "副县长　张三（兼县公安局局长）": the post held besides, as a post of its own
        found = _heading_person(also.group("head"))
        return (found[0], f"{found[1]}、{also.group('post')}".strip("、")) if found else None
    if is_name(heading):
        return heading, ""
    parts = heading.split(maxsplit=1)
    if len(parts) == 2 and is_name(parts[0]) and any(names_a_post(x) for x in (parts[1], *_posts(parts[1]))):
        return parts[0], parts[1]
    person = split_title_name(heading)
    return (person.name, person.title) if person and person.name and person.title else None


def roster_line(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The holders a roster line names, each with the line's posts ("党组成员、副局长：张三　李四"); [] for any
    other line."""
    m = _ROSTER.match(text)
    if not m or not names_a_post(_posts(m.group("post"))[-1] if _posts(m.group("post")) else ""):
        return []
    names = [n for n in re.split(r"[\s、，,]+", m.group("names")) if n]
    if not names or not all(is_name(n) for n in names):
        return []
    return [(n, _posts(m.group("post"))) for n in names]


def profiles(doc: Document) -> list[Profile]:
    """Every person the document profiles, in order: entries under a person's heading (with the parts under it), and
    biographies that open with a name and the person's sex; then holders a roster line alone names."""
    entries: dict[str, Profile] = {}
    sections = doc.sections
    for i, section in enumerate(sections):
        head = _heading_person(section.title) if section.title else None
        if head is None:
            continue
        j = i + 1
        while j < len(sections) and sections[j].title.strip().strip("#").strip() in _PROFILE_PARTS:
            j += 1  # "简历", "工作分工" under the person's heading are theirs
        end = sections[j].start if j < len(sections) else len(doc.body)
        texts = [p.text.strip() for s in sections[i:j] for p in s.paragraphs]
        name, post = head
        if any((m := _NAME_FIELD.match(t)) and m.group("name") != name for t in texts):
            continue  # the heading is no name of the entry's person
        fielded = next((m.group("post") for t in texts if (m := _POST_FIELD.match(t))), "")
        held = next((m.group("post") for t in texts if (m := _HELD_NOW.search(t))), "")
        sex = next((m.group("sex") for t in texts if (m := _SEX_FIELD.match(t))), "") or next(
            (m.group("sex") for t in texts if (m := _BIOGRAPHY.match(t)) and m.group("name") == name), "")
        posts = _posts(fielded or post or held)
        # An entry says it is one: a field of the person's, or the duties a post holder is given.
        fields = fielded or any(_NAME_FIELD.match(t) for t in texts)
        if posts and (fields or any(_DUTIES.search(t) for t in texts)):
            entries.setdefault(name, Profile(name, posts, sex, section.start, end))
    # A page of profiles has several; one heading with a name and a post is a report's, not an entry.
    out = entries if len(entries) >= 2 else {}
    for profile in entry_lines(doc):
        out.setdefault(profile.name, profile)
    for para in doc.paragraphs():
        m = _BIOGRAPHY.match(para.text)
        held = _HELD_NOW.search(para.text) if m else None
        if m and held and is_name(m.group("name")):
            out.setdefault(m.group("name"), Profile(m.group("name"), _posts(held.group("post")), m.group("sex"),
                                                    para.start, para.end))
    lines = [(s.title, s.start) for s in sections if s.title] + [(p.text, p.start) for p in doc.paragraphs()]
    rosters = [(text, start, found) for text, start in lines if (found := roster_line(text.strip().strip("#").strip()))]
    if len(rosters) >= 2:  # a page's roster of its leaders, line by line; one such line may be anything's field
        for text, start, found in rosters:
            for name, posts in found:
                out.setdefault(name, Profile(name, posts, "", start, start + len(text)))
    return list(out.values())


# A line that heads an entry with a name and who the person is ("某某：乡村教师，58岁"), above the paragraphs about them.
# A bullet may open it, and a colon or a wide space part the name from the rest ("■某某　63岁，某村退休教师").
_ENTRY_LINE = re.compile(r"^\s*[■□●○◆◇▲△★☆•▪]?\s*(?P<name>[\u4e00-\u9fff·]{2,4})(?:\s*[：:]\s*|[\s\u3000]+)"
                         r"(?P<desc>[^。！？!?“”：:]{2,30})$")
# An age in such a line ("58岁"): no post.
_AGE = re.compile(r"^\d{1,3}\s*(?:岁|周岁)$")
# How many paragraphs after its line tell of the person (before a page's closing report begins).
_ENTRY_READ = 2


def _shape(m: re.Match) -> tuple[bool, bool]:
    """An entry line's shape: whether a bullet opens it, and whether a colon parts the name from the rest."""
    head = m.string[:m.end("name")]
    return head.lstrip()[:1] in "■□●○◆◇▲△★☆•▪", ":" in m.string[m.end("name"):m.start("desc")] or "：" in m.string[
        m.end("name"):m.start("desc")]


def entry_lines(doc: Document) -> list[Profile]:
    """The people a page lists by entry lines ("某某：乡村教师，58岁", then what they did), two or more: each with the
    first words of the line as their post, the entry spanning its line and the paragraphs that tell of them (whose
    pronouns say the person's sex)."""
    paras = doc.paragraphs()
    heads = [(i, m) for i, p in enumerate(paras) if (m := _ENTRY_LINE.match(p.text.strip()))]
    shapes = {_shape(m) for _, m in heads if is_name(m.group("name"))}
    # Lines of the one shape the named lines share: a name of a rarer surname is a name too ("■资某兰　52岁，…"), a
    # line of another shape ("附件：…名单") is none.
    heads = [(i, m) for i, m in heads if len(shapes) == 1 and _shape(m) in shapes]
    if sum(1 for _, m in heads if is_name(m.group("name"))) < 2 or len(shapes) != 1:
        return []
    # An entry heads paragraphs about its person; lines one under another are a roll of names ("先进个人名单"), which
    # the document's lists read.
    starts = {i for i, _ in heads}
    if sum(1 for i in starts if i + 1 < len(paras) and i + 1 not in starts) * 2 < len(starts):
        return []
    out = []
    for k, (i, m) in enumerate(heads):
        last = min(heads[k + 1][0] if k + 1 < len(heads) else len(paras), i + 1 + _ENTRY_READ) - 1
        posts = tuple(x for x in _posts(m.group("desc")) if not _AGE.match(x))[:1]
        out.append(Profile(m.group("name"), posts, "", paras[i].start, paras[last].end))
    return out


def holders(doc: Document) -> list[Speaker]:
    """Each profiled person once per post, as the holders of those posts."""
    return [Speaker(name=p.name, title=post) for p in profiles(doc) for post in p.posts]
