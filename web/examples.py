"""Questions the chat offers: starters, follow-ups and "try instead", built from the parsed corpus.

Everything here is a generic template over parsed sections, speakers and titles; nothing names a
document's content. A configured file (BOT_EXAMPLES_FILE) replaces the starters.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from index.models import Document, Person

# Policy headings open with an action verb and close with a generic noun ("实施…行动"); a citizen
# asks about what lies between. Generic policy-language words, not any document's wording.
_HEAD_VERBS = ("实施", "推进", "推动", "加快", "加强", "深化", "开展", "完善", "强化", "坚持", "促进",
               "全面", "大力", "积极", "着力", "持续", "关于")
_TAIL_NOUNS = ("行动", "工程", "计划", "专项", "工作")
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])\s*")
_TEMPLATES = ("{t}方面有哪些新举措？", "{t}要做哪些事？", "{t}有什么新打算？")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]{2,}")


def topic_of(title: str) -> str:
    """The subject of a section heading, without its numbering, opening verb and generic last noun."""
    t = _NUMBERING.sub("", title or "").strip(" 　:：。")
    for v in _HEAD_VERBS:
        if t.startswith(v) and len(t) - len(v) >= 4:
            t = t[len(v):]
            break
    for n in _TAIL_NOUNS:
        if t.endswith(n) and len(t) - len(n) >= 4:
            t = t[: -len(n)]
            break
    return t


@dataclass(frozen=True)
class Topic:
    """One titled section as a citizen would name it."""

    doc_id: str
    section: str  # the heading as parsed (citations carry this)
    name: str  # what a question calls it
    size: int  # paragraphs, a rough measure of how much the documents say about it
    text: str


@dataclass
class NotFoundHelp:
    """What the chat adds to a "not in the documents" answer."""

    kind: str  # "detail": the topic is there but not this detail; "none": nothing close
    near: list[str] = field(default_factory=list)  # topics the documents cover near the question
    suggestions: list[str] = field(default_factory=list)


class CorpusGuide:
    """The corpus's titled sections, and the questions built from them."""

    def __init__(self, documents: Iterable[Document], people: Iterable[Person] = ()):
        self.documents = list(documents)
        self.people = [p for p in people if p.statements]
        self.topics: list[Topic] = []
        seen: set[str] = set()
        # Numbered policy documents first: their sections are what citizens ask about.
        for doc in sorted(self.documents, key=lambda d: not d.is_decision):
            for sec in doc.sections:
                name = topic_of(sec.title)
                if not sec.title or len(name) < 2 or name in seen:
                    continue
                seen.add(name)
                text = "".join(p.text for p in sec.paragraphs) if sec.paragraphs else ""
                self.topics.append(Topic(doc.doc_id, sec.title, name, len(sec.paragraphs), sec.title + text))

    def question(self, topic: Topic, variant: int = 0) -> str:
        """A citizen-style question about one topic."""
        return _TEMPLATES[variant % len(_TEMPLATES)].format(t=topic.name)

    def starters(self, limit: int = 4) -> list[str]:
        """Questions for the first screen: the topics the documents say most about, in reading order."""
        biggest = sorted(range(len(self.topics)), key=lambda i: (-self.topics[i].size, i))[:limit]
        out = [self.question(self.topics[i], n) for n, i in enumerate(sorted(biggest))]
        if len(out) < limit:
            out += [f"《{d.meta.title}》主要讲了什么？" for d in self.documents if d.meta.title][: limit - len(out)]
        return out[:limit]

    def followups(self, sections: Sequence[str], speakers: Sequence[tuple[str, str]],
                  asked: Iterable[str] = (), limit: int = 3) -> list[str]:
        """2–3 questions that lead on from an answer citing these sections and (title, name) speakers."""
        asked_set = {a.strip() for a in asked}
        out: list[str] = []

        def add(q: str) -> None:
            if q not in asked_set and q not in out and len(out) < limit:
                out.append(q)

        index = {t.section: i for i, t in enumerate(self.topics)}
        cited = [index[s] for s in dict.fromkeys(sections) if s in index]
        asked_text = "".join(asked_set)
        for title, name in speakers:
            if name and name not in asked_text:
                add(f"{title}{name}还谈了哪些内容？")
                break
        if cited:
            here = cited[0]
            # The cited topic from another angle, then its neighbours in the document.
            add(self.question(self.topics[here], 1 if self.question(self.topics[here]) in asked_set else 0))
            for step in (1, -1, 2, -2):
                j = here + step
                if 0 <= j < len(self.topics) and j not in cited:
                    add(self.question(self.topics[j], abs(step)))
        for q in self.starters(limit + len(asked_set)):
            add(q)
        return out

    def not_found_help(self, question: str, asked: Iterable[str] = (), limit: int = 3) -> NotFoundHelp:
        """Whether the question's subject appears in the documents, and what to ask instead."""
        terms = _terms(question)
        hits: list[tuple[int, int]] = []
        if terms and self.topics:
            # Terms found in most sections (the city's name, "发展") say nothing about the subject.
            common = {t for t in terms if sum(t in tp.text for tp in self.topics) > max(2, len(self.topics) // 2)}
            specific = terms - common
            for i, tp in enumerate(self.topics):
                score = sum(t in tp.text for t in specific)
                if score >= 2 or (score and any(len(t) > 2 for t in specific if t in tp.text)):
                    hits.append((score + 2 * sum(t in tp.name for t in specific), i))  # the heading weighs most
        hits.sort(key=lambda si: (-si[0], si[1]))
        asked_set = {a.strip() for a in asked} | {question.strip()}
        if hits:
            near = [self.topics[i] for _, i in hits[:2]]
            sugg = [q for n, tp in enumerate(near) for q in (self.question(tp, n), self.question(tp, n + 1))]
            sugg = [q for q in dict.fromkeys(sugg) if q not in asked_set][:limit]
            return NotFoundHelp("detail", [t.name for t in near], sugg)
        sugg = [q for q in self.starters(limit + len(asked_set)) if q not in asked_set][:limit]
        return NotFoundHelp("none", [t.name for t in self.topics[:4]], sugg)


def _terms(question: str) -> set[str]:
    """Character bigrams of the question's Chinese runs, and its Latin/number words."""
    out = {w.lower() for w in _ASCII_WORD.findall(question)}
    for run in re.findall(r"[\u3400-\u9fff]+", question):
        out |= {run[i:i + 2] for i in range(len(run) - 1)}
    return out


@lru_cache(maxsize=4)
def guide_for(view) -> CorpusGuide:
    """The guide of a corpus view, built once per view (a re-index brings a new view)."""
    return CorpusGuide(view.documents.values(), view.people)


def load_examples(path: Path | None, people: list[Person], documents: list[Document],
                  limit: int = 4) -> list[str]:
    """Lines of `path` when given, else citizen-style questions over the corpus's biggest topics."""
    if path is not None:
        with open(path, encoding="utf-8") as fh:
            lines = [ln.strip() for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
        return lines[:limit]
    return CorpusGuide(documents, people).starters(limit)
