"""Answers to repeated questions: normalised question + normalised history → Answer, per index generation."""
from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Sequence

from index.search.lru import LRU, question_key

from bot.models import Answer, Turn


def conversation_key(question: str, history: Sequence[Turn]) -> Hashable:
    """The question and every earlier turn, each normalised as question_key does."""
    return question_key(question), tuple((t.role, question_key(t.content)) for t in history)


class AnswerCache:
    """A bounded LRU of answers; everything is forgotten when the index generation changes."""

    def __init__(self, size: int):
        self._lru: LRU[Answer] = LRU(size)
        self._generation: object = None

    @property
    def enabled(self) -> bool:
        """False when the size is 0."""
        return bool(self._lru.size)

    def _check(self, generation: object) -> None:
        if generation != self._generation:  # another index: earlier answers may cite passages that are gone
            self._lru.clear()
            self._generation = generation

    def get(self, generation: object, question: str, history: Sequence[Turn]) -> Answer | None:
        """A copy of the cached answer for this conversation under this generation, or None."""
        if not self.enabled:
            return None
        self._check(generation)
        hit = self._lru.get(conversation_key(question, history))
        return dataclasses.replace(hit, citations=list(hit.citations)) if hit is not None else None

    def put(self, generation: object, question: str, history: Sequence[Turn], answer: Answer) -> None:
        """Remember an answer (a copy, so the caller may change theirs)."""
        if not self.enabled:
            return
        self._check(generation)
        self._lru.put(conversation_key(question, history), dataclasses.replace(answer, citations=list(answer.citations)))

    @property
    def stats(self) -> dict[str, int]:
        """Entries, hits and misses so far."""
        return {"entries": len(self._lru), "hits": self._lru.hits, "misses": self._lru.misses}
