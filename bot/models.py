"""Typed answers and citations; converted to JSON only at the edges."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Turn:
    """One message of a conversation."""

    role: str  # "user" or "assistant"
    content: str


@dataclass(frozen=True)
class Citation:
    """A cited passage: exact text, its speaker (empty for narration) and where it stands."""

    passage: str
    speaker: str
    speaker_title: str
    section: str
    doc_title: str
    doc_id: str
    source_kind: str
    paragraph: int
    start: int
    end: int

    def to_json(self) -> dict:
        """The CLI/HTTP citation object."""
        return asdict(self)


@dataclass
class Answer:
    """What the chatbot says, whether the corpus covers it, and the passages it rests on."""

    answer: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    intent: str = ""
    backend: str = "extractive"
    latency_ms: float = 0.0

    def to_json(self, qid: str | None = None) -> dict:
        """One line of `python -m bot ask --jsonl` output."""
        out = {
            "answer": self.answer,
            "found": self.found,
            "citations": [c.to_json() for c in self.citations],
            "latency_ms": round(self.latency_ms, 1),
            "intent": self.intent,
            "backend": self.backend,
        }
        return {"id": qid, **out} if qid is not None else out
