"""The default answer backend: answers composed from parsed sentences and the speaker registry, no LLM."""
from __future__ import annotations

import re

from index.models import Chunk, Person, SourceKind, index_text
from index.search.retriever import Hit

from bot import messages as msg
from bot.citations import from_chunk, from_metadata, unique
from bot.pipeline.condense import Standalone
from bot.pipeline.evidence import Evidence
from bot.knowledge import Knowledge
from bot.models import Answer
from bot.pipeline.understand import Intent, Question

# At least this share of the question's weighted words must occur in the cited passage; below it
# the corpus does not answer the question (a relative measure, not a similarity threshold).
MIN_COVERAGE = 0.5
MAX_ANSWER = 380
# A question that leans on a person not named anywhere in the conversation.
UNRESOLVED_PRONOUN = re.compile(r"^(那)?(他|她|此人|这位|该官员)(还|又|也|都)?")


def _clip(text: str, limit: int = MAX_ANSWER) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(chunk: Chunk) -> str:
    return f"{chunk.speaker_title}{chunk.speaker}"


def not_found(english: bool = False, text: str | None = None) -> Answer:
    """A polite refusal: the documents do not cover the question."""
    return Answer(answer=text or (msg.NOT_FOUND_EN if english else msg.NOT_FOUND), found=False)


_LEADING_PRONOUN = re.compile(r"^(他|她)(?=(还|也|又|则|进一步)?(表示|认为|介绍|透露|指出|强调|说|谈到|提到))")


def _balance_quotes(text: str) -> str:
    """A sentence cut from a longer quotation gets its missing opening or closing mark back."""
    opened, closed = text.count("“"), text.count("”")
    if closed > opened:
        return "“" + text
    if opened > closed:
        return text + "”"
    return text


def _state(ev: Evidence) -> str:
    """One evidence passage phrased with its source: a speaker, the decision, or the narration."""
    c, text = ev.chunk, _balance_quotes(ev.text)
    if c.speaker:
        if _LEADING_PRONOUN.match(text):
            return _LEADING_PRONOUN.sub(_label(c), text, count=1)  # "她表示,…" → "TITLE NAME表示,…"
        return text if c.speaker in text else msg.SAID.format(label=_label(c), text=text)
    if c.source_kind == SourceKind.DECISION.value:
        return msg.DECISION.format(clause=f"第{c.clause}" if c.clause else "", text=text)
    return msg.NARRATION.format(text=text)


def _intro_chunk(kb: Knowledge, person: Person) -> Chunk | None:
    """The chunk where the person is introduced with a title (the citation for who-holds-what)."""
    chunks = kb.chunks_of(person.name)
    for c in chunks:
        if person.title and person.title in c.text and person.name in c.text:
            return c
    return next((c for c in chunks if person.name in c.text), chunks[0] if chunks else None)


def _cite_hits(first: Chunk | None, hits: list[Hit]) -> list:
    chunks = ([first] if first else []) + [h.chunk for h in hits]
    return unique([from_chunk(c) for c in chunks], limit=5)


class ExtractiveBackend:
    """Composes answers from the parsed corpus; instant on a CPU."""

    name = "extractive"

    def __init__(self, kb: Knowledge):
        self.kb = kb

    def answer(self, q: Question, standalone: Standalone, hits: list[Hit]) -> Answer:
        """The answer for an understood question and its retrieval results."""
        handler = getattr(self, f"_{q.intent.value}")
        out = handler(q, standalone, hits)
        out.intent = q.intent.value
        out.backend = self.name
        out.answer = _clip(out.answer)
        return out

    # --- refusals -------------------------------------------------------------------------------
    def _empty(self, q, s, hits):
        return Answer(answer=msg.EMPTY, found=False)

    def _injection(self, q, s, hits):
        return Answer(answer=msg.REFUSE_INJECTION, found=False)

    # --- registry and metadata ------------------------------------------------------------------
    def _title_lookup(self, q, s, hits):
        if q.person is None:
            return Answer(answer=msg.TITLE_NOT_FOUND.format(phrase=q.title_phrase), found=False)
        p = q.person
        chunk = _intro_chunk(self.kb, p)
        if p.title == q.title_phrase:
            text = msg.TITLE_HOLDER_SAME.format(phrase=q.title_phrase, name=p.name)
        else:
            text = msg.TITLE_HOLDER.format(phrase=q.title_phrase, name=p.name, title=p.title)
        return Answer(answer=text, found=True, citations=_cite_hits(chunk, []))

    def _person_title(self, q, s, hits):
        p = q.person
        chunk = _intro_chunk(self.kb, p)
        return Answer(answer=msg.PERSON_TITLE.format(name=p.name, title=p.title or "文中未说明"),
                      found=True, citations=_cite_hits(chunk, []))

    def _list_speakers(self, q, s, hits):
        people = self.kb.people
        if not people:
            return not_found()
        items = "、".join(f"{p.name}({p.title})" if p.title else p.name for p in people)
        intro = [_intro_chunk(self.kb, p) for p in people]
        return Answer(answer=msg.SPEAKERS.format(n=len(people), items=items), found=True,
                      citations=unique([from_chunk(c) for c in intro if c], limit=len(people)))

    def _doc_facts(self, q, s, hits):
        parts, cites = [], []
        docs = self.kb.documents
        for doc in docs[:3]:
            m = doc.meta
            head = f"《{m.title}》" if len(docs) > 1 else "这篇报道"
            facts = []
            if "outlet" in q.meta_roles and m.outlet:
                facts.append(f"由{m.outlet}刊发")
            if "date" in q.meta_roles and m.published:
                facts.append(f"发稿时间为{m.published}")
            if "reporter" in q.meta_roles and m.reporters:
                facts.append(f"记者是{m.reporter_org}{'、'.join(m.reporters)}")
            if "editor" in q.meta_roles and m.editor:
                facts.append(f"编辑是{m.editor}")
            if "photographer" in q.meta_roles and m.photographer:
                facts.append(f"配图“{m.caption}”由{m.photographer}拍摄")
            if "title" in q.meta_roles and m.title:
                facts.append(f"标题是《{m.title}》")
            if facts:
                sentence = head + ",".join(facts) + "。"
                parts.append(sentence)
                cites.append(from_metadata(doc, sentence))
        if not parts:
            return not_found()
        return Answer(answer="".join(parts), found=True, citations=cites)

    def _doc_summary(self, q, s, hits):
        parts, cites = [], []
        docs = self.kb.documents[:3]
        for doc in docs:
            lead = [p for sec in doc.sections for p in sec.paragraphs][:2]
            if not lead:
                continue
            text = _clip(doc.body[lead[0].start:lead[-1].end].replace("\n", ""), MAX_ANSWER // len(docs) - 20)
            head = f"《{doc.meta.title}》" if len(docs) > 1 else "这篇报道的"
            parts.append(msg.DOC_SUMMARY.format(head=head, text=text))
            cites += [from_chunk(c) for c in self.kb.chunks if c.doc_id == doc.doc_id
                      and lead[0].start <= c.start < lead[-1].end + 1]
        if not parts:
            return not_found()
        return Answer(answer="".join(parts), found=True, citations=unique(cites))

    def _meta_person(self, q, s, hits):
        role = msg.META_ROLE.get(q.meta_role, q.meta_role)
        doc = next((d for d in self.kb.documents
                    if q.title_phrase in (d.meta.reporters + [d.meta.editor, d.meta.photographer])), None)
        text = msg.META_PERSON.format(name=q.title_phrase, role=role)
        cites = [from_metadata(doc, text)] if doc else []
        return Answer(answer=text, found=True, citations=cites)

    # --- retrieval-backed ------------------------------------------------------------------------
    def _person_said(self, q, s, hits):
        p = q.person
        chunks = self.kb.chunks_of(p.name)
        if not chunks:
            return not_found()
        if q.generic_said:
            # Each statement gets an equal share of the answer, so none is crowded out.
            share = max(40, (MAX_ANSWER - 40) // len(chunks) - 8)
            items = ";".join(f"〔{c.section or c.doc_title}〕{_clip(c.text, share)}" for c in chunks)
            label = f"{p.name}({p.title})" if p.title else p.name
            text = msg.SAID_SUMMARY.format(label=label, n=len(chunks), items=items)
            return Answer(answer=text, found=True, citations=unique([from_chunk(c) for c in chunks], limit=10))
        drop = (p.name, p.title, q.title_phrase, *p.titles)
        ev = self.kb.evidence.best(s.text, hits, drop=drop)
        if ev is None or ev.coverage < MIN_COVERAGE:
            return not_found()
        return Answer(answer=_state(ev), found=True, citations=_cite_hits(ev.chunk, hits))

    def _who_said(self, q, s, hits):
        ev = self.kb.evidence.best(s.text, hits)
        if ev is None or ev.coverage < MIN_COVERAGE:
            return not_found()
        c = ev.chunk
        if q.plural:
            terms = self.kb.evidence.terms(s.text)
            others = [h.chunk for h in hits if h.chunk.speaker and
                      self.kb.evidence.coverage(terms, index_text(h.chunk)) >= MIN_COVERAGE]
            labels = list(dict.fromkeys(_label(x) for x in ([c] if c.speaker else []) + others))
            if len(labels) > 1:
                text = msg.WHO_SAID_MANY.format(labels="、".join(labels), first=_state(ev))
                return Answer(answer=text, found=True, citations=_cite_hits(c, hits))
        quote = _balance_quotes(ev.text)
        if c.speaker:
            text = msg.WHO_SAID.format(label=_label(c), text=quote)
        elif c.source_kind == SourceKind.DECISION.value:
            text = msg.DECISION_WHO.format(text=quote)
        else:
            text = msg.NARRATION_WHO.format(text=quote)
        return Answer(answer=text, found=True, citations=_cite_hits(c, hits))

    def _general(self, q, s, hits):
        if q.english:
            return self._english(q, s, hits)
        if UNRESOLVED_PRONOUN.match(s.text) and not s.rewritten:
            return Answer(answer=msg.WHO_DO_YOU_MEAN.format(example=self._example_name()), found=False)
        ev = self.kb.evidence.best(s.text, hits)
        if ev is None or ev.coverage < MIN_COVERAGE:
            return not_found()
        return Answer(answer=_state(ev), found=True, citations=_cite_hits(ev.chunk, hits))

    def _example_name(self) -> str:
        return self.kb.people[0].name if self.kb.people else "某位负责人"

    def _english(self, q, s, hits):
        query = self.kb.translator.translate(q.text)
        ev = self.kb.evidence.best(query, hits)
        if ev is None or ev.coverage < MIN_COVERAGE:
            return not_found(english=True)
        c, text = ev.chunk, ev.text
        if c.speaker:
            out = msg.EN_STATEMENT.format(name=c.speaker, title=c.speaker_title, text=text)
        elif c.source_kind == SourceKind.DECISION.value:
            out = msg.EN_DECISION.format(text=text)
        else:
            out = msg.EN_NARRATION.format(text=text)
        return Answer(answer=out, found=True, citations=_cite_hits(c, hits))

