"""Typed turns and answers (the Citation type lives in bot.citations); converted to JSON only at the edges."""
from __future__ import annotations

from dataclasses import dataclass, field

from bot.citations import Citation


@dataclass(frozen=True)
class Turn:
    """One message of a conversation."""

    role: str  # "user" or "assistant"
    content: str


@dataclass
class Answer:
    """What the chatbot says, whether the corpus covers it, and the passages it rests on."""

    answer: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    intent: str = ""
    backend: str = "extractive"
    latency_ms: float = 0.0
    attribution: str = ""  # who said the answer's words: "——市甲局局长 张三", "——决定原文", …
    suggestions: list[str] = field(default_factory=list)  # questions the documents can answer (after a refusal)

    def to_json(self, qid: str | None = None) -> dict:
        """One line of `python -m bot ask --jsonl` output."""
        out = {
            "answer": self.answer,
            "found": self.found,
            "citations": [c.to_json() for c in self.citations],
            "latency_ms": round(self.latency_ms, 1),
            "intent": self.intent,
            "backend": self.backend,
            "attribution": self.attribution,
            "suggestions": list(self.suggestions),
        }
        return {"id": qid, **out} if qid is not None else out
