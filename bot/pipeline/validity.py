"""When a policy takes effect and for how long: the fixed drafting forms "自2027年1月1日起施行，有效期3年",
"今年8月1日起，《办法》正式实施", "本方案自印发之日起施行，有效期至2028年12月31日", and the questions that ask for
them ("从啥时候开始执行，管几年?")."""
from __future__ import annotations

import re

# A start date (or the day of issue) followed by 起 and, in the same clause run, a verb of taking effect.
_STARTS = re.compile(r"(?:\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月|印发之日|发布之日|公布之日)起"
                     r"[^。；;！？]{0,40}?(?:施行|实施|执行|实行|生效)(?=[，,。；;！!]|$)")
_LASTS = re.compile(r"有效期")
_VERB = r"(?:开始)?(?:执行|施行|实施|实行|生效)"
_WHEN = r"(?:什么时候|啥时候|啥时|哪天|哪一天|几号|何时|几月几[号日]|哪个月|啥日子)"
# "从啥时候开始执行", "几月几号开始实行的", "哪天起施行", "新规啥时候生效".
_ASKS_START = re.compile(f"{_WHEN}(?:起|开始)?[^，,。？?]{{0,3}}{_VERB}|{_VERB}[^，,。？?]{{0,3}}{_WHEN}")
# "管几年", "有效期多久", "管到什么时候".
_ASKS_TERM = re.compile(r"管几年|管多久|管多长|管到|有效期|有效多久|有效几年|管用几年|执行几年|执行多久|实施几年|施行几年")


def asks_start(question: str) -> bool:
    """The question asks when a policy takes effect."""
    return bool(_ASKS_START.search(question))


def asks_term(question: str) -> bool:
    """The question asks how long a policy is in force."""
    return bool(_ASKS_TERM.search(question))


def in_force(sentence: str) -> int:
    """How much of the in-force facts a sentence states: 2 for the start and the term, 1 for either, 0 for none."""
    return bool(_STARTS.search(sentence)) + bool(_LASTS.search(sentence))


def states_term(text: str) -> bool:
    """The text says how long the policy is in force."""
    return bool(_LASTS.search(text))
