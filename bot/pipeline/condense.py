"""Resolve a follow-up question against the conversation: pronouns, "那X呢?", "是谁讲的?", "还有呢?", "他们俩".

The conversation's state is read from both sides of it: the previous questions, and the previous
answers — whose text names the people it quotes ("——市甲局局长某某") and the sections it comes
from. A refusal ("文中未提及…") names nobody, so it never wipes what the conversation is about.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from index.ingest.lexicon import SURNAMES_1, SURNAMES_2, TITLE_SUFFIXES
from index.models import Person

from bot import messages as msg
from bot.models import Turn
from bot.pipeline.answerability import TYPED
from bot.pipeline.slots import asks_for
from bot.pipeline.understand import ORG_WORD, TitleMatcher
from bot.pipeline.years import RELATIVE_RX

_PAIR = re.compile(r"(他们俩|她们俩|他俩|她俩|他们两位|她们两位|他们两个|她们两个|这两位|这俩人|他们二人|两人|二人|两位)")
_PRONOUN = re.compile(r"(他们|她们|他|她|此人|这位|该官员|这个人)")
_ELLIPSIS = re.compile(r"^(那|那么|还有|而)?(?P<x>.+?)(呢|的呢|怎么样呢|又如何)[?？]?$")
_DEICTIC = re.compile(r"(这|那|该|此|其|两地|上述|还|另外)")
# What is left of a question that only points back ("是谁讲的?", "还有呢?") once these are removed.
_WHO = re.compile(r"(谁|哪位|哪个|哪一位|什么人)")
_WHO_FRAME = re.compile(r"[这那个些话句段是的了呢啊吗呀哦嘛谁哪一位领导人讲说提出到过表示介绍什么\s?？!！。,，]")
_MORE = re.compile(r"(还有|其他|其它|别的|另外|再说|继续)")
_MORE_FRAME = re.compile(r"[还有呢吗其他它的别另外没再说点些什么么继续一下谁讲提到过了?？!！。,，\s啊呀哦嘛啥是条项个]")
_LEADING_MORE = re.compile(r"^(还有呢|还有吗|其他的呢|其它的呢|别的呢)[?？,，。!！\s]*")
_QUESTION_TAIL = re.compile(r"[?？!！。,，\s]+$")
MAX_DEPTH = 3  # how far back a follow-up of a follow-up is resolved
# The year a question is about ("今年", "2025年"): a follow-up that names one asks about that year instead.
_YEAR = re.compile(rf"(?:{RELATIVE_RX.pattern}|(?:19|20)\d{{2}}年)")


@dataclass
class Standalone:
    """The question rewritten to stand alone, and what the conversation was about."""

    text: str
    focus: Person | None = None
    rewritten: bool = False
    deictic: bool = False  # leans on the conversation without naming what it means
    context: list[str] = field(default_factory=list)  # names and sections of the previous answer, for the search
    exclude_people: list[str] = field(default_factory=list)  # "还有谁": people the previous answers already named
    exclude_passages: list[str] = field(default_factory=list)  # "还有呢": what the previous answers already said
    said: list[str] = field(default_factory=list)  # "这个是…": what the previous answers said, that "这个" points at
    previous: str = ""  # the question before, resolved: what a follow-up's evidence may also be about
    background: str = ""  # a long message's told part, cut from what it asks: words that may support an answer
    answered: list[str] = field(default_factory=list)  # the answers to the question before: where a follow-up's lies near


@dataclass
class Context:
    """What the conversation so far is about."""

    people: list[Person] = field(default_factory=list)  # named in the last informative answer, in reading order
    sections: list[str] = field(default_factory=list)  # sections that answer (or its question) names
    question: str = ""  # the last question, resolved against the conversation before it
    answers: list[str] = field(default_factory=list)  # the answers given to that question


def is_refusal(text: str) -> bool:
    """An assistant turn that says the documents do not answer (or asks the user who is meant)."""
    heads = [re.split(r"[:：,，]", m)[0] for m in (msg.NOT_FOUND, msg.NOT_FOUND_EN, msg.WHO_DO_YOU_MEAN, msg.EMPTY)]
    return any(text.startswith(h) for h in heads if h)


def named_people(text: str, people: Sequence[Person]) -> list[Person]:
    """People the text names, in reading order: registry names, then "title + name" forms the registry lacks."""
    found = [(text.find(p.name), p) for p in people if p.name and p.name in text]
    known = {p.name for _, p in found}
    suffixes = "|".join(TITLE_SUFFIXES)
    for m in re.finditer(rf"(?P<title>[\u4e00-\u9fff、]{{0,16}}(?:{suffixes}))\s*(?P<name>[\u4e00-\u9fff]{{2,3}})"
                         rf"(?=[。,，、;；:：)）\s]|$|表示|介绍|说|认为|指出|谈|在|于|带队|到|对|已|将|就|等|率|牵头|主持|负责|同志)", text):
        name = m.group("name")
        surname_ok = name[0] in SURNAMES_1 or name[:2] in SURNAMES_2
        if surname_ok and name not in known and not any(name in p.name or p.name in name for _, p in found):
            found.append((m.start("name"), Person(name=name, titles=[m.group("title").lstrip("、")])))
            known.add(name)
    return [p for _, p in sorted(found, key=lambda h: h[0])]


# A question about what someone said ("他提了几点要求", "她怎么说的"), a closed class of verbs of speech.
_ASKS_SAID = re.compile(r"说|讲|谈|提(?!到过?的)|表示|认为|介绍|建议|要求|强调|指出|回应|答复|表态")
# The last characters of places and bodies, a closed class of Chinese administrative words.
_PLACE_OR_BODY_ENDS = tuple("省市县区镇乡村州盟旗街路巷局委办厅处站所院校厂司社会组队")


def named_in(history: Sequence[Turn], question: str, people: Sequence[Person], silent: Sequence[Person] = (),
             mentioned: Callable[[str], bool] | None = None) -> list[Person]:
    """People the conversation names whom the documents name but never quote ("某某是哪个单位的?" then "他说…"): a
    pronoun may point at them as at a speaker. Those of `silent` it writes, and any other person name by the tagger,
    with a surname, that the documents write (`mentioned`)."""
    import jieba.posseg as pseg  # the tagger the corpus's names were read with; loaded once per process

    known = {p.name for p in people}
    texts = [*(t.content for t in history if not (t.role == "assistant" and is_refusal(t.content))), question]
    found: dict[str, Person] = {p.name: p for p in silent
                                if p.name not in known and any(p.name in text for text in texts)}
    for text in texts if mentioned is not None else ():
        for w in pseg.lcut(text):
            name = w.word
            if w.flag != "nr" or not 2 <= len(name) <= 3 or name in known or name in found:
                continue
            surname = name[0] in SURNAMES_1 or name[:2] in SURNAMES_2
            # The tagger reads some places and bodies as names ("高新区", "梁溪区"): their last character says so.
            if surname and not name.endswith(_PLACE_OR_BODY_ENDS) and not any(name in k or k in name for k in known) \
                    and mentioned(name):
                found[name] = Person(name=name)
    return list(found.values())


def mentioned_sections(text: str, sections: Sequence[str]) -> list[str]:
    """Sections named in the text, fully or by a distinctive stretch of at least four characters."""
    out = []
    for s in sections:
        core = re.sub(r"^(实施|推进|加快|深化|关于)|(行动|工程|计划|方面)$", "", s)
        if s in text or (len(core) >= 4 and any(core[i:i + 4] in text for i in range(len(core) - 3))):
            out.append(s)
    return out


def _strip_tail(q: str) -> str:
    return _QUESTION_TAIL.sub("", q)


def focus_person(history: Sequence[Turn], people: list[Person], titles: TitleMatcher,
                 gender: str = "") -> Person | None:
    """The person most recently named (or named by title) in the conversation; with a gender (the follow-up's
    她/他), the most recent one the documents give that gender, when the last turn that names people names one."""
    for turn in reversed(history):
        text = turn.content
        if turn.role == "assistant" and is_refusal(text):
            continue
        named = named_people(text, people)
        if named:
            # "周慧敏和邵志远介绍…" then "她说的科创券…": 她 is the woman of the two, not the one named last.
            fitting = [p for p in named if p.gender == gender] if gender else []
            return max(fitting or named, key=lambda p: text.rfind(p.name))
        phrase = titles.title_phrase(text)
        if phrase and titles.match(phrase):
            return titles.match(phrase)
    return None


def conversation(history: Sequence[Turn], people: list[Person], titles: TitleMatcher,
                 sections: Sequence[str] = (), depth: int = 0) -> Context:
    """The state of the conversation: the last question (resolved) and the people and sections of its answers."""
    ctx = Context()
    last_user = max((i for i, t in enumerate(history) if t.role == "user"), default=-1)
    if last_user >= 0:
        earlier = history[:last_user]
        prev = history[last_user].content
        if depth < MAX_DEPTH and earlier:
            prev = condense(prev, earlier, people, titles, sections, depth + 1).text
        ctx.question = prev
        later = history[last_user + 1:]
        ctx.answers = [t.content for t in later if t.role == "assistant" and not is_refusal(t.content)]
    # People and sections come from the most recent answer that says something, however far back.
    for turn in reversed(history):
        if turn.role == "assistant" and not is_refusal(turn.content):
            ctx.people = named_people(turn.content, people)
            ctx.sections = mentioned_sections(turn.content, sections)
            if ctx.people or ctx.sections:
                break
    if not ctx.sections and ctx.question:
        ctx.sections = mentioned_sections(ctx.question, sections)
    return ctx


def _asks_only_who(q: str) -> bool:
    """"是谁讲的?", "这话是哪位领导说的?": asks who, and names nothing else."""
    return bool(_WHO.search(q)) and not _WHO_FRAME.sub("", q)


def _asks_for_more(q: str) -> bool:
    """"还有呢?", "其他的呢?", "还有吗?": the same question again, for what was not said yet."""
    return bool(_MORE.search(q)) and not _MORE_FRAME.sub("", q)


def _name_section(q: str, sections: Sequence[str]) -> str:
    """"协同创新那部分" → the heading it stands for, when a stretch of the question names one section."""
    found = [s for s in mentioned_sections(q, sections) if s not in q]
    if len(found) != 1:
        return q
    core = re.sub(r"^(实施|推进|加快|深化|关于)|(行动|工程|计划|方面)$", "", found[0])
    m = re.search(r"[\u4e00-\u9fff]{2,}?(?=(那部分|这部分|那块|这块|那一块|这一块|部分|方面|那方面|这方面))", q)
    if not m:
        return q
    start = next((i for i in range(m.start(), m.end()) if q[i:i + 2] in core), None)
    if start is None:
        return q
    end = m.end() + len(m.group(1))
    return q[:start] + found[0] + q[end:]


def _swap_entity(prev: str, x: str, people: list[Person], titles: TitleMatcher, vocabulary: Sequence[str]) -> str:
    """The previous question about X instead: its person, title, place, section or year replaced by X."""
    years = _YEAR.findall(x)
    if years and (old := next((y for y in _YEAR.findall(prev) if y not in years), None)):
        # "金凤区去年GDP是多少?" then "那今年的目标呢?": the year asked about changes, the rest stays.
        return prev.replace(old, x, 1)
    prev_person = next((p for p in named_people(prev, people) if p.name not in x), None)
    if prev_person:
        return prev.replace(prev_person.name, x)
    phrase = titles.title_phrase(prev)
    if phrase and phrase not in x:
        return prev.replace(phrase, x)
    # A place or section of the corpus in the previous question gives way to the new one.
    for term in sorted(vocabulary, key=len, reverse=True):
        if len(term) >= 2 and term in prev and term not in x and x not in term:
            return prev.replace(term, x, 1)
    return f"{x}{prev}"


def condense(question: str, history: Sequence[Turn], people: list[Person], titles: TitleMatcher,
             sections: Sequence[str] = (), depth: int = 0, vocabulary: Sequence[str] = (),
             silent: Sequence[Person] = (), mentioned: Callable[[str], bool] | None = None) -> Standalone:
    """Rewrite a follow-up so that it can be understood without the conversation. silent: the people the documents
    name but never quote; mentioned: whether the documents write a name. Whom the conversation names of either is a
    referent too, as a speaker is."""
    q = question.strip()
    if not history:
        return Standalone(q)
    if depth == 0 and (silent or mentioned is not None) and not (
            _ASKS_SAID.search(q) and any(named_people(t.content, people) for t in history)):
        # Someone named but never quoted said nothing the documents give: "他提了几点要求" after an answer naming a
        # speaker and a guest who only attended means the speaker.
        people = [*people, *named_in(history, q, people, silent, mentioned)]
    ctx = conversation(history, people, titles, sections, depth)
    s = _rewrite(q, history, ctx, people, titles, sections, depth, vocabulary)
    s.previous = ctx.question  # what a follow-up's evidence may also be about
    s.answered = ctx.answers
    return s


def _rewrite(q: str, history: Sequence[Turn], ctx: Context, people: list[Person], titles: TitleMatcher,
             sections: Sequence[str], depth: int, vocabulary: Sequence[str]) -> Standalone:
    """The follow-up q rewritten against the conversation so far (ctx)."""
    # 她 is marked: a woman; 他 is also said of anyone whose sex the speaker does not mark.
    focus = focus_person(history, people, titles, "f" if re.search(r"她(?!们)", q) else "")
    context = [p.name for p in ctx.people[:2]] + ctx.sections[:1]
    if _WHO.search(q) and re.search(r"还|其他|其它|别的|另外", q):
        context = ctx.sections[:1]  # "还有谁…": the people already named would only pull their own passages
    names_someone = bool(named_people(q, people)) or bool(titles.match(titles.title_phrase(q)))
    prev = ctx.question
    lead = _LEADING_MORE.match(q)
    if lead and prev and len(q) > lead.end():  # "还有呢?协同创新那部分还有谁讲了?": the rest is the question
        q = q[lead.end():]
        more = condense(q, history, people, titles, sections, depth, vocabulary)
        more.exclude_passages = more.exclude_passages or ctx.answers
        return more
    q = _name_section(q, sections)
    if prev and _asks_only_who(q):
        # "是谁讲的?": who said what the last question was about.
        return Standalone(f"{_strip_tail(prev)},是谁说的?", focus, True, context=context)
    if prev and _asks_for_more(q):
        return Standalone(prev, focus, True, context=context,
                          exclude_people=[p.name for p in ctx.people] if _WHO.search(prev + q) else [],
                          exclude_passages=ctx.answers)
    pair = _PAIR.search(q)
    if pair and not names_someone:
        both = _two_people(history, people)
        if len(both) >= 2:  # "他们俩说的有啥不一样?": the two people of the previous answers
            two = f"{both[0].name}和{both[1].name}"
            return Standalone(q.replace(pair.group(0), two, 1), focus, True, context=context)
    m = _ELLIPSIS.match(q)
    if m and prev and len(m.group("x")) <= 20:
        x = m.group("x")
        return Standalone(_swap_entity(prev, x, people, titles, list(vocabulary) + list(sections)), focus, True,
                          context=context)
    kind = _POSSESSED_KIND.search(q)
    named = _last_of_kind(history, kind.group("kind")) if kind else ""
    if named:
        # "渣津镇受灾最重" then "他们镇转移了多少人?", "她们公司给学生啥待遇?": the body of that kind the
        # conversation last named, not the person.
        return Standalone(q.replace(kind.group(0), named, 1), None, True, context=context)
    body = ORG_WORD.search(prev) if prev and not focus and not names_someone else None
    if body and _PRONOUN.search(q):
        # "市应急管理局在会上讲了什么?" then "那他们储备了多少扑火装备?": the body the question before named.
        return Standalone(_PRONOUN.sub(body.group(0), q, count=1), None, True, context=context)
    if focus and not names_someone and _PRONOUN.search(q):
        text = _PRONOUN.sub(focus.name, q, count=1)
        if _MORE.search(q) or re.search(r"还|另外|其他", q):
            return Standalone(text, focus, True, context=context, exclude_passages=ctx.answers)
        return Standalone(text, focus, True, context=context)
    subject = _subject_of(prev) if prev and not focus and not names_someone else ""
    if subject and _SOMEONE.search(q) and asks_for(q) & _CHECKED_KINDS:
        # "卖洗车卡那个老板判了几年?" then "那他一共骗了多少钱?": one the documents name without quoting (a party
        # of a case, someone only spoken of) is the subject of the question before, not a speaker to ask after.
        # Only for a fact of a kind the evidence is checked for (a figure, a date, a place): "他还分管哪些工作" of
        # someone the documents only mention would be answered by any passage naming them.
        return Standalone(_SOMEONE.sub(subject, q, count=1), None, True, context=context)
    topic = _topic_of(prev)
    thing = _THING.search(q)
    if topic and thing and ctx.answers and not names_someone:
        # "社区助餐的补贴标准是多少?" then "那这件事是哪个部门牵头负责?": the thing pointed at is the subject of the
        # question before.
        return Standalone(re.sub(r"^(那么|那)", "", q.replace(thing.group(0), topic, 1)), focus, True,
                          context=context, said=ctx.answers)
    if topic and ctx.answers and not names_someone and len(_QUESTION_TAIL.sub("", q)) <= _SHORT_FOLLOWUP \
            and not _topic_of(q) and not _shares_words(q, topic) and not re.search(r"[“《「这该此]", q) \
            and not _WHO.search(q):
        # "江门的安居补贴有哪几档?" then "最多能领多久?": a short question that names no subject asks about the
        # subject of the question before it.
        if _YEAR.search(q):
            topic = _YEAR.sub("", topic)  # "去年改造了多少个?" then "那今年打算改几个?": the new year replaces the old
        return Standalone(topic + re.sub(r"^(那么|那)", "", q), focus, True, context=context, said=ctx.answers)
    # "还有谁讲了?": the people already named are not the answer again.
    exclude = [p.name for p in ctx.people] if _WHO.search(q) and re.search(r"还|其他|其它|别的|另外", q) else []
    deictic = bool(not names_someone and _DEICTIC.search(q) and (focus or context))
    return Standalone(q, focus, deictic=deictic, context=context if deictic or exclude else [],
                      exclude_people=exclude, said=ctx.answers if _DEICTIC.search(q) and not names_someone else [])


# A pronoun that owns a kind of body ("他们镇", "她们公司", "它们村", "他的单位"): the body of that kind the
# conversation named. The kinds are the closed class of words that end a body's name; "单位" is any of them.
_BODY_KINDS = ("镇", "乡", "村", "街道", "社区", "县", "区", "公司", "企业", "集团", "学院", "学校", "医院", "局",
               "中心", "厂", "合作社", "单位")
_POSSESSED_KIND = re.compile(r"(?:他们|她们|它们|他|她|它)的?(?P<kind>" + "|".join(_BODY_KINDS) + r")"
                             # "他们局长", "他们县长": the head of the body, a person; not the body itself
                             r"(?!长|主任|书记|领导|干部)")
# Where a body's name begins, read back from its kind word: after a mark or a word that is no part of a name.
_NAME_START = re.compile(r".*[，。；：！？、“”（）()\s是在由据和与及的了把被将对向从为说]")


def _last_of_kind(history: Sequence[Turn], kind: str) -> str:
    """The last body of a kind the conversation named ("渣津镇", "湖北某某科技有限公司"), latest turn first; "" when
    none. "单位" takes a body of any kind."""
    kinds = [k for k in _BODY_KINDS if k != "单位"] if kind == "单位" else [kind]
    for turn in reversed(history):
        found = []
        for k in kinds:
            for m in re.finditer(re.escape(k), turn.content):
                name = _NAME_START.sub("", turn.content[max(0, m.start() - 14):m.start()]) + k
                if len(name) > len(k) and not re.match(r"[这那该此本全各每某我你他她它]", name):
                    found.append((m.start(), name))
        if found:
            return max(found)[1]
    return ""


# A thing pointed at rather than named: "它", "这件事", "这项工作", "该项目" (a demonstrative and a generic noun).
_THING = re.compile(r"它(?!们)|(?:这|那|该|此)(?:件|项|个|种)?(?:事情|事|工作|项目|政策|补贴|措施|活动|服务)")
# A follow-up this short ("最多能领多久?", "周末能打吗?") leans on what the conversation was about.
_SHORT_FOLLOWUP = 12
# Where a question's subject ends: the first word that asks or predicates ("…安居补贴有哪几档", "…电话是多少").
_ASKING = re.compile(r"(有哪|有什么|有没有|有多少|有几|是多少|是什么|是啥|是哪|是谁|是否|能不能|可不可以|可以|能否|能|会不会|"
                     r"怎么|怎样|如何|什么|哪|多少|几|吗|呢|要不要|需要|准备|打算|有啥|咋)")


# The kinds of fact whose evidence the answer checks it holds (bot.pipeline.slots.asks_for).
_CHECKED_KINDS = frozenset(TYPED)
# One person pointed at ("他", "她"; not "他们", which the body branch reads).
_SOMEONE = re.compile(r"(?<![其])(?:他|她)(?![们])")
# What a subject ends with that is no part of it: the verb the question asked with ("…老板判了", "…是").
_SUBJECT_VERB = re.compile(r"(?:[\u4e00-\u9fff]了|是|在|的)$")


def _subject_of(question: str) -> str:
    """Who or what the question before was about: its words before the first asking word, two characters or more,
    without the verb it asked with ("何成章是哪个单位的?" → 何成章); "" when there are too few."""
    subject = _SUBJECT_VERB.sub("", _before_asking(question))
    return subject if 2 <= len(subject) <= 16 and not _PRONOUN.search(subject) else ""


def _before_asking(question: str) -> str:
    """The question's words before its first asking word, without a polite or linking lead ("请问", "那")."""
    m = _ASKING.search(question)
    words = question[:m.start()] if m else ""
    return re.sub(r"^(请问|想问一下|想问|我想知道|那|那么|还有)", "", words).strip(" ，,")


def _topic_of(question: str) -> str:
    """The subject a question asks about: its words before the first asking word, when there are enough of them."""
    topic = _before_asking(question)
    return topic if len(topic) >= 4 else ""


def _shares_words(question: str, topic: str) -> bool:
    """The question already names part of the topic (two characters in a row)."""
    return any(topic[i:i + 2] in question for i in range(len(topic) - 1))


def _two_people(history: Sequence[Turn], people: list[Person]) -> list[Person]:
    """The two people most recently named in the answers (one answer may name both, or two answers one each)."""
    out: list[Person] = []
    for turn in reversed(history):
        if turn.role != "assistant" or is_refusal(turn.content):
            continue
        for p in reversed(named_people(turn.content, people)):
            if p.name not in {o.name for o in out}:
                out.append(p)
        if len(out) >= 2:
            break
    return list(reversed(out[:2]))


def already_said(passage: str, answers: Sequence[str], min_len: int = 10) -> bool:
    """True when a previous answer already quoted this passage (one of its sentences, at least min_len long)."""
    if not answers:
        return False
    parts = [p for p in re.split(r"(?<=[。!?！？;；])", passage) if len(p.strip()) >= min_len]
    return any(p.strip() in a for a in answers for p in parts)
