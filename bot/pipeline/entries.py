"""The fields of one entry of a page of entries (a message board's letter, a reply, a registration record), and which
of them a question about that entry asks for ("最后一条留言是哪个网友留的?", "第三条是哪个单位答复的?").

An entry's field lines ("留言人：某某　留言时间：…　办理单位：…") say who wrote it, when and which body handles it;
the paragraph after a reply's field line ("答复单位：…　答复时间：…") is the reply. The question picks a field by
its key's own word, or by the kind it asks for: a person (a key ending in 人, or a name field), a unit, a time,
or the reply. The key words are read from the page; only the kinds' last characters are fixed here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.ingest.dialogue import is_field_line

# One "key：value" pair of a field line; the value runs to the next key. Not understand's credit-line pattern: a
# letter's keys run to six characters ("来信人姓名"), where a header's credits stop at four and may use bars.
_FIELD = re.compile(r"([\u4e00-\u9fff]{2,6})\s*[：:]\s*(.+?)\s*(?=[\s\u3000]+[\u4e00-\u9fff]{2,6}\s*[：:]|$)")
# The last characters of a key, by the kind of value it holds.
_PERSON_KEY = re.compile(r"人$|网名$|昵称$|署名$|姓名$")
# The key of who wrote a letter or a message ("留言人", "来信人", "网名"): not who explains or signs a page ("解读人").
WRITER_KEY = re.compile(r"(?:留言|来信|写信|提问|反映|投诉|咨询|求助)人$|网名$|昵称$")
_UNIT_KEY = re.compile(r"单位$|部门$|机关$|机构$")
_TIME_KEY = re.compile(r"时间$|日期$")
_STATUS_KEY = re.compile(r"状态$|进度$|结果$")
# A reply's head: its key opens with the word for replying.
_REPLY_KEY = re.compile(r"^(?:答复|回复|办理结果|处理结果)")
# The question asks for the body that replied or handles it, for the reply itself, or for who wrote it.
UNIT_ASKED = re.compile(r"哪个单位|哪家单位|哪个部门|哪些部门|哪些单位|哪个机关|什么单位|什么部门|哪个局|谁(?:来)?(?:答复|回复|办理|处理|负责)")
REPLY_ASKED = re.compile(r"(?:怎么|咋|如何|咋个)(?:个)?(?:答复|回复|处理|办|解决|说)|答复|回复|处理结果|办理结果|有没有(?:人)?管|管没管|解决了")
WRITER_ASKED = re.compile(r"(?:哪个|哪位|什么)(?:网友|市民|群众|居民|人)|谁(?:留|写|提|反映|发)|(?:网名|昵称|署名)|"
                          r"(?:网友|市民|群众|居民|留言的人|写信的人)(?:叫|是谁|的名字)")


@dataclass(frozen=True)
class Field:
    """One field of an entry: its key, its value, and the passage that holds it."""
    key: str
    value: str
    chunk: object


def entry_fields(chunks) -> list[Field]:
    """The fields of the entry's field lines, in order (the passages of one entry, in order); none unless they are
    a letter's."""
    found = []
    for c in chunks:
        line = c.text.strip()
        if is_field_line(line):
            found += [Field(m.group(1), m.group(2).strip(), c) for m in _FIELD.finditer(line) if m.group(2).strip()]
    return found if is_letter(found) else []


def is_letter(fields: list[Field]) -> bool:
    """Fields of a letter or message and its reply (a writer's key, "留言人", or a reply's, "答复单位"), not a plan's
    notes of who leads a task ("责任单位：…"), which are read as duties."""
    return any(WRITER_KEY.search(f.key) or _REPLY_KEY.match(f.key) for f in fields)


def reply_of(chunks) -> tuple[Field, list] | None:
    """A reply's head field ("答复单位：…") and the passages after its line up to the next field line: the reply."""
    for i, c in enumerate(chunks):
        line = c.text.strip()
        if not is_field_line(line):
            continue
        heads = [f for f in entry_fields([c]) if _REPLY_KEY.match(f.key)]
        if heads:
            body = []
            for d in chunks[i + 1:]:
                if is_field_line(d.text.strip()):
                    break
                body.append(d)
            return heads[0], body
    return None


def asked_fields(question: str, fields: list[Field], asks: set[str], strict: bool = False) -> list[Field]:
    """The entry's fields the question asks for: named by their key, or of each kind it asks for, in the entry's
    order. Strict (a follow-up, not about an entry by its number): a time or a person only when the question names
    what was done then or by them ("哪天答复的", "哪个网友留的"), not any "什么时候" or "谁"."""
    named = [f for f in fields if f.key in question or len(f.key) >= 3 and f.key[-2:] in question
             and f.key[:2] in question]
    chosen = list(named)
    reply = bool(REPLY_ASKED.search(question))
    if UNIT_ASKED.search(question):
        units = [f for f in fields if _UNIT_KEY.search(f.key)]
        # "哪个单位答复的": the replying body's field when the entry has one, else the handling body's.
        replying = [f for f in units if _REPLY_KEY.match(f.key)] if reply else []
        chosen += (replying or units)[:1]
    elif reply:
        # "有回复没有?": the entry's status field ("办理状态：办理中") says, with the reply itself when there is one.
        chosen += [f for f in fields if _STATUS_KEY.search(f.key)][:1]
    if WRITER_ASKED.search(question) or "person" in asks and not reply and not strict:
        chosen += [f for f in fields if _PERSON_KEY.search(f.key)][:1]
    if "when" in asks:
        times = [f for f in fields if _TIME_KEY.search(f.key)]
        # "哪天答复的": the reply's time, not the letter's.
        replied = [f for f in times if _REPLY_KEY.match(f.key)] if reply else []
        chosen += (replied or ([] if strict else times))[:1]
    return [f for f in fields if f in chosen]
