"""The interface the front ends (CLI, HTTP, Gradio) use; the real one is bot.chatbot.Chatbot."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from index.models import Document, Person

from bot.models import Answer, Turn


class ChatService(Protocol):
    """Answers questions with citations and exposes the parsed corpus for browsing."""

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """Answer one question in the context of the conversation so far."""
        ...

    def stream(self, question: str, history: Sequence[Turn] = ()) -> Iterator[str | Answer]:
        """Yield the answer text in pieces, then the final Answer (with citations) last."""
        ...

    def people(self) -> list[Person]:
        """The speaker registry: every named person with titles, sections and statements."""
        ...

    def documents(self) -> list[Document]:
        """Every parsed document of the corpus."""
        ...

    def health(self) -> dict[str, bool]:
        """Readiness of the parts: {"store": ..., "embeddings": ..., "corpus": ...}."""
        ...

    def stats(self) -> dict[str, object]:
        """Counts and state for metrics and pages: documents, chunks, people, index generation, backend."""
        ...
