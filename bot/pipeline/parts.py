"""A message that asks several things ("…多少钱？比去年多了多少？"): its questions, each answered in turn.

People put two or three questions in one message. Read as one, the message's words share one coverage bar
(two topics halve each other's share) and one answer holds the fact of one question only. Each question is
answered on its own, later ones with the earlier ones as conversation (so "比去年多了多少？" knows what it
compares), and the answers are joined in the order asked.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.citations import unique
from bot.models import Answer, Turn
from bot.pipeline.condense import already_said
from bot.pipeline.normalise import ASKING
from bot.pipeline.shape import MAX_ANSWER, MAX_CITATIONS

# A sentence: up to its closing mark; a quotation inside it stays whole ("记者问：“…打算？”谁答的？").
_SENTENCE = re.compile(r"(?:“[^”]*”|「[^」]*」|[^?？!！。；;\n“「])+[?？!！。；;\n]*")
MAX_PARTS = 3  # more marks than that is a list or noise, not a string of questions


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


def _body(answer: Answer) -> str:
    """The answer's words without the line that says who said them."""
    return answer.answer.split("\n——")[0]


def joined(answers: Sequence[Answer]) -> Answer:
    """Found answers to the parts of one message, in the order asked, as one answer."""
    first = answers[0]
    return Answer(answer="\n".join(a.answer for a in answers), found=True,
                  citations=unique([c for a in answers for c in a.citations], limit=MAX_CITATIONS),
                  intent=first.intent, backend=first.backend, attribution=first.attribution,
                  suggestions=first.suggestions)


def answer_each(whole: Answer, message: str, history: Sequence[Turn],
                ask: Callable[[str, Sequence[Turn]], Answer]) -> Answer:
    """The answer to a message that asks several things. A found answer gets the answers to the parts it did not
    already quote; a refusal stands unless every part is answered on its own (one part found, another not, is
    the documents answering something else than what was asked)."""
    parts = questions(message)
    if not parts:
        return whole
    turns = list(history)
    answers = []
    for part in parts:
        a = ask(part, turns)
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

