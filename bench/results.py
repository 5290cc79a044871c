"""bench/RESULTS.md as a list of `## ` sections: replace the ones a run measured, keep every other one as it is."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

TITLE = "# Benchmark results"
_HEADING = re.compile(r"^## .*$", re.M)


@dataclass
class Section:
    """One `## heading` and the text under it (without the heading line)."""

    heading: str
    body: str

    def render(self) -> str:
        """The section as markdown."""
        return f"{self.heading}\n\n{self.body.strip()}\n"


def parse(text: str) -> tuple[str, list[Section]]:
    """(the text before the first `## `, the sections in file order)."""
    marks = list(_HEADING.finditer(text))
    head = text[: marks[0].start()] if marks else text
    sections = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        sections.append(Section(m.group(0).strip(), text[m.end():end].strip("\n")))
    return head, sections


def merge(text: str, head: str | None, updates: list[Section], order: list[str]) -> str:
    """The file with `updates` replacing same-named sections; new ones placed by `order`, foreign ones kept."""
    old_head, sections = parse(text)
    by_name = {u.heading: u for u in updates}
    out = [by_name.pop(s.heading, s) for s in sections]
    for name in order:  # sections this run measured for the first time, in the report's order
        if name in by_name:
            section = by_name.pop(name)
            later = [i for i, s in enumerate(out) if s.heading in order and order.index(s.heading) > order.index(name)]
            out.insert(later[0] if later else _after_owned(out, order), section)
    out.extend(by_name.values())
    top = (head if head is not None else old_head).strip() or TITLE
    return top + "\n\n" + "\n".join(s.render() for s in out)


def _after_owned(out: list[Section], order: list[str]) -> int:
    owned = [i for i, s in enumerate(out) if s.heading in order]
    return owned[-1] + 1 if owned else 0


def write(path: Path, head: str | None, updates: list[Section], order: list[str]) -> None:
    """Merge the updates into the results file (created when missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else TITLE + "\n"
    path.write_text(merge(text, head, updates, order), encoding="utf-8")


def table(header: list[str], rows: list[list[object]], align: str = "") -> str:
    """A markdown table; align holds one of l/r per column (default: first left, the rest right)."""
    align = align or "l" + "r" * (len(header) - 1)
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)
