"""Example questions for the chat, from a config file or derived from the parsed corpus."""
from __future__ import annotations

from pathlib import Path

from index.models import Document, Person


def load_examples(path: Path | None, people: list[Person], documents: list[Document],
                  limit: int = 4) -> list[str]:
    """Lines of `path` when given, else questions built from the busiest speakers and the sections."""
    if path is not None:
        with open(path, encoding="utf-8") as fh:
            lines = [ln.strip() for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
        return lines[:limit]
    out: list[str] = []
    speakers = sorted((p for p in people if p.statements), key=lambda p: -len(p.statements))
    for p in speakers[:2]:
        out.append(f"{p.title}{p.name}说了什么？")
    # Prefer the numbered policy document's sections: they are what citizens ask about.
    ordered = sorted(documents, key=lambda d: not d.is_decision)
    for doc in ordered:
        for sec in doc.sections:
            if sec.title and len(out) < limit:
                out.append(f"“{sec.title.strip()}”有哪些具体措施？")
    if len(out) < limit:
        for doc in documents:
            if doc.meta.title and len(out) < limit:
                out.append(f"《{doc.meta.title}》的主要内容是什么？")
    return out[:limit]
