"""Questions about the people a document presents one part each: one picked by place, or those a trait picks.

A leaders' page, a contest's speeches, a set of oral histories present their people in order, each in a part of
their own (index.ingest.entrants). "页面上第四个介绍的是谁", "最后一位讲述人是谁" count them in that order, whatever
word the question uses for them; "哪几位是正高级工程师", "竞争某某股股长的都有哪几个人" pick those whose own part (or
post) says the trait the question names.
"""
from __future__ import annotations

import dataclasses
import re

from index.ingest.names import names_a_post

from bot.pipeline import slots as slots_mod
from bot.pipeline.outline import OFFICIAL_NOUNS, PUBLIC_NOUNS, SPEAKER_NOUNS, Item, OrderedList, Outline

# A place counted from the end ("最后一位", "排在最后的", "倒数第二"), not "最后" for "in the end".
_COUNTED_FROM_END = re.compile(r"最后(?:一|的|那|面)|倒数|排在?最后|末位")
# In a corpus of several documents, a question names the one of presented people by this many characters of its
# title in a row ("竞争上岗", "领导信息").
_TITLE_WORD = 3
# More than this share of the quoted passages in the people's parts being someone else's (0.42 in a digest that heads
# half its speakers; 0.17 at most in the contests, oral histories and speech digests of the tuning sets) says the
# parts are not the people's own.
_OTHERS_MAX = 0.25
# The longest noun an ordinal's phrase ends in ("年度人物", "发布人").
_HEAD_MAX = 4
# Words that ask for a person ("是谁", "哪位", "叫什么名字" is a thing's name too, so not here).
_WHO = re.compile(r"谁|哪位|哪一位|哪个人|哪几位|哪些人|哪几个人|哪个(?=[？?，,。]|$)")
# Words that ask for several people, counted or listed.
_PEOPLE_COUNTED = re.compile(r"(?:几|多少)(?:位|名|个(?=[\u4e00-\u9fff]{0,8}?(?:人|者|员|领导|干部|长|书记|代表|专家|老师|同志)))|"
                             r"哪几位|哪些人|哪几个人|都是谁|都有谁|分别是谁|有谁")
# A person named after the verb an ordinal reads ("最后一个演讲的人", "排在最后的那位").
_PERSON_AFTER = re.compile(r"的(?:那个|那位|这位)?[\u4e00-\u9fff]{0,4}?(?:人|者|领导|干部|官员|专家|代表|嘉宾|老师|那位)")
# What a word for people ends in ("讲述人", "竞争者", "年度人物", "局领导", "专家").
_PERSON_END = re.compile(r"(?:人|者|员|家|物|领导|干部|官员|同志|代表|嘉宾|老师|书记|长|位)$")
# Verbs of coming on or being presented that count people in order ("第三个讲的", "第四个介绍的", "最后上台的").
PRESENTED = ("介绍", "演讲", "讲述", "讲", "上台", "登台", "出场", "列", "排", "亮相")
# A trait is a phrase of the question of this many characters at least: in a person's post (副局长) or in their
# part's text (正高级工程师), where a shorter one would match by chance.
_TRAIT_IN_POST = 2
_TRAIT_IN_TEXT = 3
# Characters a trait never holds: the question's own words for asking and counting, and its particles.
_NOT_TRAIT = re.compile(r"[几哪谁啥么多少都共的是了有吗呢和与及或]")


# The words that pick by place ("第四个", "最后一位", "倒数第二名", "排在最后的").
_PLACE = re.compile(r"(?:排在?)?(?:第[一二三四五六七八九十\d]+|最后一?|倒数第[一二三四五六七八九十\d]+|头一)[个位名]?")


def without_place(text: str) -> str:
    """The question without the words that pick by place: what it asks of the person picked."""
    return _PLACE.sub("", text)


def ordinal_words(ordinal: slots_mod.Ordinal) -> str:
    """The words an ordinal's phrase counts people by ("位", "发布人"), which say nothing of what is asked of them."""
    return ordinal.noun + (ordinal.head if len(ordinal.head) <= _HEAD_MAX else "")


def _one_list(outline: Outline, text: str) -> OrderedList | None:
    """The corpus's list of presented people, when exactly one document has one, and the question is about that
    document: the corpus's only one, or one it names by a word of its title ("竞聘会上第一个…")."""
    if len(outline.entrant_lists) != 1:
        return None
    ol = outline.entrant_lists[0]
    if others_share(ol) > _OTHERS_MAX:
        return None  # a digest that runs other people's words inside the headed parts: no order of its people
    if outline.documents == 1:
        return ol
    title = re.sub(r"[^\u4e00-\u9fff]", "", ol.doc.meta.title or "")
    return ol if any(title[i:i + _TITLE_WORD] in text for i in range(len(title) - _TITLE_WORD + 1)) else None


def _speaks(ol: OrderedList) -> bool:
    """The people of the list are quoted (speeches, oral histories), not only described (a page of profiles)."""
    return any(c.chunk is not None and c.chunk.speaker for i in ol.items for c in [i, *i.clauses])


def others_share(ol: OrderedList) -> float:
    """The share of the quoted passages in the people's parts that are someone else's: high in a digest that heads
    some speakers' parts and runs others' words inside them, where the parts are no order of who spoke."""
    spoken = [(i.number, c.chunk.speaker) for i in ol.items for c in [i, *i.clauses]
              if c.chunk is not None and c.chunk.speaker]
    return sum(1 for own, who in spoken if who != own) / len(spoken) if spoken else 0.0


def _about_people(noun: str, spoken: bool) -> bool:
    """The ordinal's word counts people: none, a verb of being presented or speaking, or a word for people (in a
    document of speeches, not a word for officials or the public, which their own lists count by speaking order)."""
    if not noun or noun in PRESENTED or noun in SPEAKER_NOUNS or noun.startswith(PRESENTED):
        return True
    if spoken and (noun in OFFICIAL_NOUNS or noun in PUBLIC_NOUNS):
        return False
    return bool(_PERSON_END.search(noun))


def picked_by_place(text: str, ordinal: slots_mod.Ordinal | None, outline: Outline) -> OrderedList | None:
    """The list of presented people, when the question picks one of them by place and asks about a person."""
    if ordinal is None or not ordinal.position or ordinal.clause or ordinal.point:
        return None
    if ordinal.position < 0 and not _COUNTED_FROM_END.search(text):
        return None  # "最后办公室主任任命的是哪个": in the end, not the last of them
    ol = _one_list(outline, text)
    if ol is None or not (_WHO.search(text) or _PERSON_AFTER.search(text)
                          or any(_PERSON_END.search(n) for n in (ordinal.noun, ordinal.head[:_HEAD_MAX]) if n)):
        return None
    spoken = _speaks(ol)
    # The noun the ordinal's phrase ends in, when one was read ("第三个介绍情况的发布人"); a longer head is the rest
    # of the question ("最后一个演讲的人提了哪些…"), no noun.
    head = ordinal.head if len(ordinal.head) <= _HEAD_MAX else ""
    if not all(_about_people(n, spoken) for n in (ordinal.noun, head)):
        return None
    # "第二个专题", "第三段": a list of the text named by the ordinal's own word is that list, not the people.
    found = outline.find(ordinal.noun) if ordinal.noun and ordinal.noun not in PRESENTED else None
    if found is not None and found.source not in ("speakers", "paragraphs"):
        return None
    return ol


def _texts(item: Item) -> str:
    """The text of a person's part, every passage of it."""
    return "".join(c.chunk.text for c in [item, *item.clauses] if c.chunk is not None)


# The words a question counts or groups the people by ("几位局领导", "局领导里…", "获奖的8个人里面"): they name the
# people asked about, so they pick among them only by their posts ("几个副局长"), never by a part's text that happens
# to hold them.
_FRAME = re.compile(r"(?:几|多少|\d+|[一二三四五六七八九十两]+)[位个名](?![是有])(?P<counted>[\u4e00-\u9fff]{1,6}?)(?=[里中，,？?。]|$)|"
                    r"(?P<group>[\u4e00-\u9fff]{2,8}?)(?:里头|里面|当中|之中|中间|里|中)")


def _trait(text: str, ol: OrderedList) -> tuple[str, list[Item]]:
    """The longest phrase of the question that some of the people's posts (else their parts' texts) hold and others
    do not, with those people; ("", []) when none does."""
    framed = [m.span(g) for m in _FRAME.finditer(text) for g in ("counted", "group") if m.group(g)]
    # What the document says of everyone before the first part (its title, its lead: "研讨会", "演讲答辩") is the
    # occasion, no trait that tells some of them apart.
    first = ol.items[0].chunk.start if ol.items and ol.items[0].chunk is not None else 0
    lead = (ol.doc.meta.title or "") + ol.doc.body[:first]
    texts = [_texts(it) for it in ol.items]  # each part's text, joined once for every phrase tried
    best: tuple[int, int, str, list[Item]] = (0, 0, "", [])
    for run in re.finditer(r"[\u4e00-\u9fff]+", text):
        for i in range(run.start(), run.end()):
            for j in range(run.end(), i + 1, -1):
                phrase = text[i:j]
                if _NOT_TRAIT.search(phrase) or len(phrase) < _TRAIT_IN_POST:
                    continue
                by_post_only = any(i < b and a < j for a, b in framed)
                for in_post, shortest in ((1, _TRAIT_IN_POST), (0, _TRAIT_IN_TEXT)):
                    if len(phrase) < shortest or by_post_only and not in_post:
                        continue
                    # A post is a word for one ("副局长"), not the body most of them serve ("县甲局").
                    if in_post and not names_a_post(phrase) or not in_post and phrase in lead:
                        continue
                    held = [it for it, t in zip(ol.items, texts) if phrase in (it.text if in_post else t)]
                    if held and len(held) < len(ol.items) and (len(phrase), in_post) > best[:2]:
                        best = (len(phrase), in_post, phrase, held)
    return best[2], best[3]


def picked_by_trait(text: str, outline: Outline) -> OrderedList | None:
    """The presented people a trait the question names picks ("几位是正高级工程师", "竞争某某的都有哪几个人"), as a
    list named by the trait; None when the question counts no people or names no trait some of them have."""
    if not _PEOPLE_COUNTED.search(text):
        return None
    ol = _one_list(outline, text)
    if ol is None:
        return None
    trait, held = _trait(text, ol)
    if not trait:
        return None
    return dataclasses.replace(ol, items=held, alias=trait)


def trait_chunk(item: Item, trait: str):
    """The passage of a person's part that says the trait (their first passage when the post says it)."""
    return next((c.chunk for c in [item, *item.clauses] if c.chunk is not None and trait in c.chunk.text), item.chunk)
