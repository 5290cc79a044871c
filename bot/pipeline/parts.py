"""A message that asks several things ("…多少钱？比去年多了多少？"): its questions, each answered in turn.

People put two or three questions in one message. Read as one, the message's words share one coverage bar
(two topics halve each other's share) and one answer holds the fact of one question only. Each question is
answered on its own, later ones with the earlier ones as conversation (so "比去年多了多少？" knows what it
compares), and the answers are joined in the order asked.

A question asked of two things at once ("个人和小微企业最高额度分别是多少？", "A和B有啥不一样？") is two questions:
one word's share of the coverage bar goes to each side, and the nearest sentence holds one side only. Each side is
asked on its own (the message without the other side), when both sides are things the documents name.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

import jieba

from bot.citations import unique
from bot.models import Answer, Turn
from bot.pipeline.condense import already_said
from bot.pipeline.normalise import ASKING
from bot.pipeline.scope import too_few_figures
from bot.pipeline.shape import MAX_ANSWER, MAX_CITATIONS
from bot.pipeline.slots import opens_with_asking
from bot.pipeline.understand import Intent

# A sentence: up to its closing mark; a quotation inside it stays whole ("记者问：“…打算？”谁答的？").
_SENTENCE = re.compile(r"(?:“[^”]*”|「[^」]*」|[^?？!！。；;\n“「])+[?？!！。；;\n]*")
MAX_PARTS = 3  # more marks than that is a list or noise, not a string of questions
# What joins the two things a question asks about, and how it asks for each of them (or for the difference).
_AND = re.compile(r"以及|和|与|跟|及")
_EACH = re.compile(r"分别|各自|各[是有要能讲说管领给出答回]|区别|不一样|不同|差别|差在|差多少|差几|哪个更?[多少高低大长早]|比一比|对比|相比")
# The words that ask for the pair as a pair: gone from a question about one side ("两人各自讲了啥" → "讲了啥").
_PAIR_WORDS = re.compile(r"分别|各自|(?<=[\u4e00-\u9fff])各(?=[是有要能讲说管领给出答回])|比一比|对比一下|"
                         r"(?:他们|她们|这|那)?(?:俩|两(?:个人|人|位|个|项|家|种|条|档))(?:人)?的?")
_DIFFERENCE = re.compile(r"有(?:啥子|啥|什么|哪样|哪些)(?:不一样|不同|区别|差别)|(?:区别|差别|差)在哪(?:里|儿)?|(?:不一样|不同)在哪(?:里|儿)?")
_SIDE_MIN, _SIDE_MAX = 2, 12  # characters a side may have
_NOT_SIDE = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z（）()]")  # punctuation and spaces end a side


# A question for a person ("第三个讲的是哪个？", "排第一的是谁？").
_WHO_ASKED = re.compile(r"谁|哪位|哪一位|哪个人|是哪个[？?]|什么人")
# A question that opens with what a person does or is, and names nobody ("分管哪些处室？", "讲了些什么内容？",
# "争的是哪个岗位？"): a closed class of verbs said of people.
_PERSON_PREDICATE = re.compile(r"^\s*(?:那|那么)?(?:都|又|还|主要|具体|分别|平时|现在|当时)?"
                               r"(?:讲|说|谈|提|反映|分管|负责|主管|管|干|做|争|答|回答|表示|要求|介绍|建议|承诺|"
                               r"是做|是干|多大|今年多大|几岁)")


def of_the_one_asked(before: str, part: str) -> str:
    """A question after one that asks for a person, naming nobody and opening with what a person does ("…是谁？分管
    哪些处室？"): asked of that person, as a follow-up's 他 is; any other question as it stands."""
    if _WHO_ASKED.search(before) and _PERSON_PREDICATE.match(part) and not re.search(r"[他她]", part):
        return "他" + part.lstrip()
    return part


def questions(message: str) -> list[str]:
    """The questions a message asks, in order, each with the told sentences before it ("我家在…。暖气啥时候来?"):
    [] when it asks one thing (or more than MAX_PARTS)."""
    out: list[str] = []
    told = ""
    for m in _SENTENCE.finditer(message):
        sentence = m.group(0)
        if not sentence.strip(" ?？!！。；;\n"):
            continue
        if ASKING.search(sentence):
            out.append(told + sentence)
            told = ""
        else:
            told += sentence
    if told and out:
        out[-1] += told  # thanks or a remark after the last question stays with it
    return out if 2 <= len(out) <= MAX_PARTS else []


def sides(message: str, known: Callable[[str], bool]) -> list[str]:
    """The message asked of each of two things it pairs ("A和B…分别…"), each without the other; [] when it pairs
    none, or a side is not something the documents name (known(text): the documents contain it)."""
    if not _AND.search(message) or not _EACH.search(message):
        return []
    bounds = _word_bounds(message)
    for m in _AND.finditer(message):
        if m.start() not in bounds or m.end() not in bounds:
            continue  # inside a word ("和谐", "及时")
        before, after = message[:m.start()], message[m.end():]
        if not _EACH.search(after):
            continue
        if opens_with_asking(after):
            continue  # "跟哪个大学合作的": a preposition before what is asked, not a second thing
        # The longest run before the conjunction, and after it, that the documents contain, from a word's edge:
        # a side as they word it ("缴费基数的上限和下限" → 上限 | 下限, the rest shared by both questions).
        a = next((before[-n:] for n in range(min(_SIDE_MAX, len(before)), _SIDE_MIN - 1, -1)
                  if m.start() - n in bounds and not _NOT_SIDE.search(before[-n:]) and known(before[-n:])), "")
        b = next((after[:n] for n in range(min(_SIDE_MAX, len(after)), _SIDE_MIN - 1, -1)
                  if m.end() + n in bounds and not _NOT_SIDE.search(after[:n]) and known(after[:n])), "")
        if not a or not b or a == b or known(a + m.group(0) + b):
            continue  # one name of the documents' own ("文化和旅游局"), not two things
        # An ending the documents also give the first side is shared: "基础类和智能类改造" asks of 基础类改造 too.
        b = next((b[:n] for n in range(_SIDE_MIN, len(b)) if m.end() + n in bounds and known(b[:n])
                  and known(a + b[n:])), b)
        # Parallel endings belong to both sides: "学校的和社区的各有多少" asks of 学校的 and 社区的.
        tail = after[len(b):]
        k = next((k for k in range(len(a) - 1, 0, -1) if tail.startswith(a[-k:])), 0)
        b, tail = b + tail[:k], tail[k:]
        head = before[:-len(a)]
        return [_one_side(head + side + tail) for side in (a, b)]
    return []


def _word_bounds(text: str) -> set[int]:
    """The offsets where a word of the text starts or ends (jieba's segmentation)."""
    bounds, i = {0}, 0
    for w in jieba.lcut(text):
        i += len(w)
        bounds.add(i)
    return bounds


def _one_side(question: str) -> str:
    """A question about one of the pair: the words that ask for both, or for the difference, dropped."""
    return _PAIR_WORDS.sub("", _DIFFERENCE.sub("是什么", question))


def _body(answer: Answer) -> str:
    """The answer's words without the line that says who said them."""
    return answer.answer.split("\n——")[0]


def _core(answer: Answer) -> str:
    """The answer's words without its frame ("文中记载的…。")."""
    return re.sub(r"^文中记载的", "", _body(answer).strip()).rstrip("。")


def joined(answers: Sequence[Answer], interleave: bool = False) -> Answer:
    """Found answers to the parts of one message, in the order asked, as one answer (interleave: each answer's
    first citation before any answer's second, so every side keeps its source)."""
    # A part already answered inside another part's answer ("联系人是谁？电话多少" → both facts at once) says it
    # twice: it is left out.
    kept = [a for i, a in enumerate(answers)
            if not any(j != i and _core(a) in _body(b) and len(_body(b)) > len(_body(a)) for j, b in enumerate(answers))]
    answers = kept or list(answers)
    first = answers[0]
    lists = [a.citations for a in answers]
    cites = [c for row in itertools.zip_longest(*lists) for c in row if c is not None] if interleave else \
        [c for row in lists for c in row]
    return Answer(answer="\n".join(a.answer for a in answers), found=True,
                  citations=unique(cites, limit=MAX_CITATIONS),
                  intent=first.intent, backend=first.backend, attribution=first.attribution,
                  suggestions=first.suggestions)


def _side_by_side(answers: Sequence[Answer], message: str) -> Answer | None:
    """The answers to the two sides of a pair as one, or None when a side is not answered on its own."""
    if not all(a.found for a in answers):
        return None
    bodies = {_body(a).strip() for a in answers}
    if len(bodies) == len(answers):
        return joined(answers, interleave=True)
    # One sentence for both sides answers both when it gives a figure for each ("下限为…，上限为…"), not when one
    # figure covers them together ("A、B等38万平方米").
    return None if too_few_figures(message, bodies.pop()) else answers[0]


def answer_each(whole: Answer, message: str, history: Sequence[Turn],
                ask: Callable[[str, Sequence[Turn]], Answer], known: Callable[[str], bool] | None = None) -> Answer:
    """The answer to a message that asks several things. A found answer gets the answers to the parts it did not
    already quote; a refusal stands unless every part is answered on its own (one part found, another not, is
    the documents answering something else than what was asked). A question asked of two things is answered
    side by side when both sides are answered."""
    # Two people compared are the compare route's: each one's words on the topic, side by side.
    people = whole.found and whole.intent == Intent.COMPARE.value and \
        len({c.speaker for c in whole.citations if c.speaker}) >= 2
    pair = sides(message, known) if known is not None and not people else []
    if pair:
        out = _side_by_side([ask(side, history) for side in pair], message)
        if out is not None and len(out.answer) <= MAX_ANSWER:
            return out
    parts = questions(message)
    if not parts:
        return whole
    turns = list(history)
    answers = []
    for k, part in enumerate(parts):
        a = ask(of_the_one_asked(parts[k - 1], part) if k else part, turns)
        if not (whole.found or a.found):
            return whole  # a refusal stands once one part is not answered: the rest need not be asked
        answers.append(a)
        turns += [Turn("user", part), Turn("assistant", a.answer)]
    if not whole.found:
        out = joined(answers)
        return out if len(out.answer) <= MAX_ANSWER else whole
    said = [_body(whole)]
    more = []
    for a in answers:
        body = _body(a).strip()
        if a.found and body and not any(body in x for x in said) and not already_said(body, said):
            more.append(a)
            said.append(body)
    out = joined([whole, *more]) if more else whole
    return out if len(out.answer) <= MAX_ANSWER else whole

