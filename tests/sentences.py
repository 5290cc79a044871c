"""Shared helpers for the attribution tests: parse an invented text, find a sentence, read who it belongs to."""
from __future__ import annotations

from pathlib import Path

from index.ingest.corpus import parse_document
from index.models import Document


def parse_text(tmp_path: Path, text: str, name: str = "a.txt") -> Document:
    """The document parsed from `text`, written to a file of that name."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_document(path, name, 10_000_000)


def sentence(doc: Document, snippet: str):
    """The first sentence holding the snippet (failing the test when there is none)."""
    found = [s for _, _, s in doc.sentences() if snippet in s.text]
    assert found, snippet
    return found[0]


def who(doc: Document, snippet: str) -> tuple[str | None, str]:
    """(speaker's name or None, kind) of the sentence holding the snippet."""
    s = sentence(doc, snippet)
    return (s.speaker.name if s.speaker else None), s.kind.value


def who_titled(doc: Document, snippet: str) -> tuple[str | None, str, str]:
    """(speaker's name or None, their title here or "", kind) of the sentence holding the snippet."""
    s = sentence(doc, snippet)
    return (s.speaker.name if s.speaker else None), (s.speaker.title if s.speaker else ""), s.kind.value
