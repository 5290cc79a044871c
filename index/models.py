"""Typed structures produced by ingestion: documents, sections, paragraphs, sentences, speakers."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class SourceKind(str, Enum):
    """Where a sentence's words come from."""

    DECISION = "decision"  # the policy document's own text
    STATEMENT = "statement"  # a named person's statement
    NARRATION = "narration"  # the reporter's narration
    QUESTION = "question"  # a question put by a reporter or host in a transcript or interview


@dataclass(frozen=True)
class Speaker:
    """A named person and the title the text gives them."""

    name: str
    title: str = ""

    @property
    def label(self) -> str:
        """Title and name, as a reader would write them."""
        return f"{self.title}{self.name}" if self.title else self.name


@dataclass
class Sentence:
    """One sentence with its character span in the cleaned body of its document."""

    text: str
    start: int
    end: int
    speaker: Speaker | None = None
    kind: SourceKind = SourceKind.NARRATION
    index: int = 0  # position within its paragraph


@dataclass
class Paragraph:
    """One paragraph of a section."""

    index: int  # position within the document, counted from 1
    start: int
    end: int
    sentences: list[Sentence] = field(default_factory=list)
    clause: str = ""  # clause number in a policy document ("一、(二)3."), else empty
    ordinals: tuple[int, ...] = ()  # the clause number as positions: "二、(三)1." → (2, 3, 1)
    heading: str = ""  # the heading of the clause this paragraph opens ("（一）指导思想。…" → "指导思想")
    item: bool = False  # an item of a list the source marks as one ("- 标准提高：…" in Markdown)
    listed: bool = False  # a line of a list the parser found under a heading (a roll of names, one a line)

    @property
    def text(self) -> str:
        """The paragraph's text, sentences joined."""
        return "".join(s.text for s in self.sentences)


@dataclass
class Section:
    """A headed part of a document; the lead before the first heading has an empty title."""

    title: str
    start: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    number: str = ""  # clause number of a policy heading, e.g. "一、"
    ordinal: int = 0  # that number as a position: "六、" → 6
    kind: str = ""  # in a decision: "preamble" (before 一、), "part" (a numbered part) or "closing" (after the last)


@dataclass
class DocumentMeta:
    """What the page says about itself, apart from the body."""

    title: str = ""
    published: str = ""  # ISO date, with time when given: "2020-07-30 08:43"
    outlet: str = ""
    caption: str = ""
    photographer: str = ""
    reporters: list[str] = field(default_factory=list)
    reporter_org: str = ""
    editor: str = ""
    views: str = ""  # the page's view count as printed ("浏览次数：1234" → "1234")
    number: str = ""  # an official document's issuing number as printed ("某政办〔2025〕12号")
    hosts: list[str] = field(default_factory=list)  # a broadcast's credited host ("主持人：某某"): never a speaker
    # The lines these facts were read from, as written (citable); provenance, not a fact: not compared.
    lines: list[str] = field(default_factory=list, compare=False)
    # A published speech's speaker as its head line gives them ("某市人民政府副市长 张三"), and the date it was given.
    speaker: str = ""
    delivered: str = ""  # ISO date
    # Whom a letter is addressed to, as its salutation line writes it ("尊敬的某某代表：" → "某某代表").
    addressee: str = ""
    # The body's own field lines ("联系人：某某", "办理单位：市甲局 回复时间：…"): facts of the document, as written.
    fields: list[str] = field(default_factory=list, compare=False)


@dataclass
class Document:
    """One parsed corpus file."""

    doc_id: str  # file name relative to the corpus folder
    path: str
    body: str  # cleaned body text; all offsets point into it
    meta: DocumentMeta
    sections: list[Section] = field(default_factory=list)
    is_decision: bool = False  # a numbered policy document rather than a news article
    sha256: str = ""
    genders: dict[str, str] = field(default_factory=dict)  # name → "m"/"f", as the text's pronouns show
    hosts: list[str] = field(default_factory=list)  # who presides over a transcript ("主持人 张三：" labels, …)
    parts: list[str] = field(default_factory=list)  # the words for parts a record's roster assigns ("审判长", "代理人")

    def paragraphs(self) -> list[Paragraph]:
        """All paragraphs in reading order."""
        return [p for s in self.sections for p in s.paragraphs]

    def sentences(self) -> list[tuple[Section, Paragraph, Sentence]]:
        """All sentences in reading order, with their section and paragraph."""
        return [(sec, p, s) for sec in self.sections for p in sec.paragraphs for s in p.sentences]

    def lines(self) -> list[tuple[int, int, str]]:
        """The body's lines in order, each with its span in the body: (start, end, text)."""
        out, start = [], 0
        for line in self.body.split("\n"):
            out.append((start, start + len(line), line))
            start += len(line) + 1
        return out


@dataclass
class Statement:
    """A run of consecutive sentences by one speaker inside one paragraph."""

    speaker: Speaker
    doc_id: str
    section: str
    paragraph: int
    start: int
    end: int
    text: str


@dataclass
class Person:
    """A registry entry: one person, their titles, sections and statements in order."""

    name: str
    titles: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    gender: str = ""  # "m" / "f" when the text's pronouns tell, else ""

    @property
    def title(self) -> str:
        """The fullest title the text gives this person."""
        return max(self.titles, key=len) if self.titles else ""


@dataclass
class Chunk:
    """A retrievable unit: sentences of one paragraph, never split from their speaker."""

    chunk_id: str
    doc_id: str
    doc_title: str
    section: str
    paragraph: int
    start: int
    end: int
    text: str
    speaker: str = ""
    speaker_title: str = ""
    source_kind: str = SourceKind.NARRATION.value
    published: str = ""
    clause: str = ""

    def metadata(self) -> dict[str, str | int]:
        """Flat metadata for a vector store (scalars only)."""
        return {
            "chunk_id": self.chunk_id,
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "section": self.section,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "speaker_title": self.speaker_title,
            "source_kind": self.source_kind,
            "published": self.published,
            "clause": self.clause,
        }

    @classmethod
    def from_metadata(cls, text: str, meta: dict) -> "Chunk":
        """Rebuild a chunk from stored text and metadata."""
        fields = {k: meta.get(k, "") for k in cls.__dataclass_fields__ if k != "text"}
        for k in ("paragraph", "start", "end"):
            fields[k] = int(fields[k] or 0)
        return cls(text=text, **fields)


def index_text(chunk: Chunk) -> str:
    """What gets embedded and keyword-indexed: section and speaker in front of the exact passage."""
    who = f"{voice(chunk)}:" if voice(chunk) else ""
    return f"{chunk.section} {who}{chunk.text}".strip()


def voice(chunk: Chunk) -> str:
    """Who speaks the passage, as the index reads it with the text: a person with their title, or a body that
    speaks in its own voice ("（六）甲镇：我镇…" is 甲镇's; the passage calls itself 我镇, a question calls it 甲镇);
    "" for narration."""
    if chunk.speaker:
        return f"{chunk.speaker_title}{chunk.speaker}"
    return chunk.speaker_title if chunk.source_kind == SourceKind.STATEMENT.value else ""
