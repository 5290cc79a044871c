"""Understand a question: its kind, the people and titles it names, its language, injected orders."""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum

from index.ingest.lexicon import TITLE_SUFFIXES
from index.models import DocumentMeta, Person


class Intent(str, Enum):
    """What kind of answer the question needs."""

    TITLE_LOOKUP = "title_lookup"  # who holds this title?
    PERSON_TITLE = "person_title"  # what is this person's title?
    PERSON_SAID = "person_said"  # what did this person say (about …)?
    WHO_SAID = "who_said"  # who said / talked about …?
    LIST_SPEAKERS = "list_speakers"
    DOC_FACTS = "doc_facts"  # outlet, date, reporters, editor, photographer, title
    DOC_SUMMARY = "doc_summary"  # what is the document about
    META_PERSON = "meta_person"  # a reporter/editor/photographer named as if a speaker
    GENERAL = "general"
    INJECTION = "injection"
    EMPTY = "empty"


_INJECTION = re.compile(
    r"(忽略|无视|忘记|忘掉|跳过).{0,12}(指令|指示|规则|提示|设定|要求|以上|之前|前面)|"
    r"(系统|原始|初始)?(提示词|系统提示|system\s*prompt|prompt)|"
    r"ignore\s+(all\s+)?(previous|prior|above|the)\s+(instructions|rules|prompts?)|"
    r"(你现在是|扮演|假装你是|jailbreak|developer\s*mode|DAN\b)",
    re.IGNORECASE,
)
_ASKS_WHO = re.compile(r"(谁|哪位|哪一位|哪个人|叫什么|名字|姓名|何人)")
_ASKS_TITLE = re.compile(r"(职务|职位|身份|头衔|什么职|哪个单位|哪个部门|什么单位|什么部门|哪里工作|干什么的|什么人|是谁)")
_SAID = re.compile(r"(说|表示|认为|谈|提到|提出|介绍|观点|看法|怎么看|讲|发言|建议|主张|透露|指出|强调|看来)")
_GENERIC_SAID = re.compile(r"^(他|她)?(还|又|都|也|在文章中|在文中|在报道中)?(说|讲|谈|表示|介绍|提到)(了|过)?(些)?(什么|啥|哪些)(内容|话|观点)?$")
_LIST_SPEAKERS = re.compile(r"(哪些|有谁|都有谁|几位|多少位|多少人|名单|列出|所有|分别)(.{0,6})(发言|发言人|官员|讲话|受访|人员|人|领导|负责人)|"
                            r"(发言人|发言的人|受访者|官员)(有哪些|都有谁|是哪些|有谁|名单)")
_SUMMARY = re.compile(r"(主要内容|讲了什么|说了什么|讲的是什么|讲什么|大意|概要|摘要|主题|概括|总结一下|简介|讲些什么|主要讲)")
_PLURAL_WHO = re.compile(r"(哪些|哪几位|有谁|都有谁|哪几个)")
_DOC_REF = re.compile(r"(这篇|该|本|此)(篇)?(报道|文章|新闻|稿件|稿子|文)|报道(的|是)|文章(的|是)")
_REPORTER = re.compile(r"(记者|作者|谁写的|撰稿|采写)")
_EDITOR = re.compile(r"(编辑|责编)")
_PHOTO = re.compile(r"(摄影|拍摄|照片|图片|配图|谁拍)")
_OUTLET = re.compile(r"(媒体|报纸|报社|来源|哪家|出处|刊登|发表在)")
_WHEN = re.compile(r"(什么时候|何时|哪天|日期|时间|几号|哪一天)")
_TITLE_Q = re.compile(r"(标题|题目)")
_ENGLISH = re.compile(r"[A-Za-z]")
# Words that only shape a question; they say nothing about what is asked for.
QUESTION_WORDS = {
    "什么", "哪些", "哪个", "哪位", "哪", "谁", "是", "的", "了", "吗", "呢", "吧", "啊", "多少", "几", "几个",
    "怎么", "怎样", "如何", "为什么", "请问", "一下", "有", "有没有", "是不是", "要", "会", "能", "在", "和",
    "与", "及", "对", "把", "被", "这", "那", "这个", "那个", "他", "她", "它", "他们", "我", "你", "我们",
    "文中", "文章", "报道", "提到", "说", "讲", "哪里", "么", "呀", "还", "都", "也", "又", "个", "方",
    # Words that frame what kind of answer is wanted rather than what it is about.
    "打算", "计划", "举措", "新举措", "措施", "内容", "情况", "做法", "安排", "意思", "指", "含义", "具体",
    "主要", "现在", "目前", "如今", "领域", "包括", "包含", "哪几个", "几个方面", "怎么样", "有关", "关于",
    # Who-said frames: the passage may use any verb of speech, and names the person, not "an official".
    "官员", "人员", "人", "哪些人", "领导", "负责人", "发言人", "谈到", "提到", "提出", "谈", "发言", "介绍",
    "表示", "认为", "说过", "讲过", "谈及", "话题",
    "哪次", "哪一次", "第几", "第几届", "第几次", "几届", "几次", "这次", "那次", "哪年", "哪里", "哪儿", "什么样", "怎样的",
}


@dataclass
class Question:
    """A question after understanding: kind, language and the entities it names."""

    text: str
    intent: Intent
    english: bool = False
    person: Person | None = None
    title_phrase: str = ""  # the title words the question used ("市甲局局长")
    title_unmatched: bool = False  # a title was asked about that nobody in the corpus holds
    meta_role: str = ""  # reporter / editor / photographer / outlet / date / title
    meta_roles: list[str] = field(default_factory=list)
    generic_said: bool = False  # "what did X say" with no topic
    plural: bool = False  # "which officials …": every matching speaker, not only the best


def is_english(text: str) -> bool:
    """Mostly Latin letters and no Chinese characters."""
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    return han == 0 and len(_ENGLISH.findall(text)) >= 3


def _bigrams(s: str) -> list[str]:
    s = re.sub(r"[\s,，、。?？!！:：]", "", s)
    return [s[i:i + 2] for i in range(len(s) - 1)]


class TitleMatcher:
    """Finds the person whose title best matches the title words of a question."""

    def __init__(self, people: list[Person]):
        self.people = people
        docs = [set(_bigrams(t)) for p in people for t in p.titles]
        df = Counter(b for d in docs for b in d)
        n = max(1, len(docs))
        self.idf = {b: math.log(1 + n / c) for b, c in df.items()}
        self.suffixes = [s for s in TITLE_SUFFIXES]

    def title_phrase(self, text: str) -> str:
        """The stretch of the question that reads as a title (ends with a title word), if any."""
        for m in re.finditer(r"[\u4e00-\u9fffA-Za-z0-9、]+", text):
            span = m.group(0)
            for suffix in self.suffixes:
                i = span.rfind(suffix)
                if i >= 0:
                    phrase = span[: i + len(suffix)]
                    phrase = re.sub(r"^(谁是|请问|那|那么|而|是)", "", phrase)
                    return phrase
        return ""

    def match(self, phrase: str) -> Person | None:
        """The best-matching person, or None when no title shares the phrase's title word and org."""
        if not phrase:
            return None
        suffix = next((s for s in self.suffixes if phrase.endswith(s)), "")
        q = set(_bigrams(phrase))
        best, best_score = None, 0.0
        for person in self.people:
            for title in person.titles:
                parts = re.split(r"[、,，]", title)
                role_ok = any(p.endswith(suffix) or suffix.endswith(p[-2:]) and p.endswith(suffix[-2:]) for p in parts)
                if suffix and not role_ok:
                    continue
                shared = q & set(_bigrams(title))
                score = sum(self.idf.get(b, 0.0) for b in shared)
                # The organisation must match too: a shared role word alone is not enough.
                org_shared = {b for b in shared if not any(b in s for s in self.suffixes)}
                if org_shared and score > best_score:
                    best, best_score = person, score
        return best


def _find_person(text: str, people: list[Person]) -> Person | None:
    hits = [(text.find(p.name), p) for p in people if p.name and p.name in text]
    return min(hits, key=lambda h: h[0])[1] if hits else None


def _meta_names(meta: DocumentMeta) -> dict[str, str]:
    out = {n: "reporter" for n in meta.reporters}
    if meta.editor:
        out[meta.editor] = "editor"
    if meta.photographer:
        for n in re.split(r"[\s、,，]+", meta.photographer):
            if n:
                out[n] = "photographer"
    return out


def understand(text: str, people: list[Person], metas: list[DocumentMeta], titles: TitleMatcher) -> Question:
    """Classify the question and resolve the person or title it refers to."""
    text = text.strip()
    if not text or not re.search(r"[\w\u4e00-\u9fff]", text):
        return Question(text, Intent.EMPTY)
    if _INJECTION.search(text):
        return Question(text, Intent.INJECTION)
    english = is_english(text)
    if english:
        return Question(text, Intent.GENERAL, english=True)
    person = _find_person(text, people)
    for meta in metas:
        for name, role in _meta_names(meta).items():
            if name in text and (person is None or person.name != name):
                return Question(text, Intent.META_PERSON, meta_role=role, title_phrase=name)
    if _LIST_SPEAKERS.search(text) and not person:
        verbs = list(_SAID.finditer(text))
        rest = text[verbs[-1].end():] if verbs else ""
        topic = re.sub(r"(到|了|过|的|人|分别|都|是|谁|有|哪些|吗|呢|[?？。!！,，\s])", "", rest)
        # "哪些官员谈到了交通?" names a topic: that is who-said, not the list of everyone.
        if len(topic) >= 2:
            return Question(text, Intent.WHO_SAID, plural=True)
        return Question(text, Intent.LIST_SPEAKERS)
    if _DOC_REF.search(text) and _SUMMARY.search(text) and not person:
        return Question(text, Intent.DOC_SUMMARY)
    roles = []
    if _DOC_REF.search(text) or _REPORTER.search(text) or _EDITOR.search(text) or _PHOTO.search(text):
        if _REPORTER.search(text):
            roles.append("reporter")
        if _EDITOR.search(text):
            roles.append("editor")
        if _PHOTO.search(text):
            roles.append("photographer")
        if _DOC_REF.search(text):
            if _OUTLET.search(text):
                roles.append("outlet")
            if _WHEN.search(text):
                roles.append("date")
            if _TITLE_Q.search(text):
                roles.append("title")
        if roles and not person:
            return Question(text, Intent.DOC_FACTS, meta_roles=roles)
    if person:
        rest = text.replace(person.name, "")
        core = re.sub(r"[?？!！。,，\s]", "", rest)
        if _ASKS_TITLE.search(rest) and not _SAID.search(rest.replace("是谁", "")):
            return Question(text, Intent.PERSON_TITLE, person=person)
        return Question(text, Intent.PERSON_SAID, person=person, generic_said=bool(_GENERIC_SAID.match(core)))
    phrase = titles.title_phrase(text)
    if phrase:
        matched = titles.match(phrase)
        if _ASKS_WHO.search(text) and not _SAID.search(text.replace(phrase, "")):
            return Question(text, Intent.TITLE_LOOKUP, person=matched, title_phrase=phrase,
                            title_unmatched=matched is None)
        if matched:
            rest = text.replace(phrase, "")
            core = re.sub(r"[?？!！。,，\s]", "", rest)
            return Question(text, Intent.PERSON_SAID, person=matched, title_phrase=phrase,
                            generic_said=bool(_GENERIC_SAID.match(core)))
        if _ASKS_WHO.search(text):
            return Question(text, Intent.TITLE_LOOKUP, title_phrase=phrase, title_unmatched=True)
    if (_ASKS_WHO.search(text) or _PLURAL_WHO.search(text)) and _SAID.search(text):
        return Question(text, Intent.WHO_SAID, plural=bool(_PLURAL_WHO.search(text)))
    return Question(text, Intent.GENERAL)
