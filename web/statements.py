"""The who-said-what index: every statement as a flat row, filtered and exported for staff."""
from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from urllib.parse import quote

from index.models import Document, Person

from web.csvsafe import csv_row

CSV_HEADER = ["发言人", "职务", "章节", "文件", "日期", "段落", "起", "止", "原文", "doc_id"]


@dataclass(frozen=True)
class StatementRow:
    """One statement with everything a staff member filters or cites by."""

    speaker: str
    title: str
    section: str
    doc_id: str
    doc_title: str
    date: str
    paragraph: int
    start: int
    end: int
    text: str

    def to_json(self) -> dict:
        """The HTTP representation."""
        return asdict(self)


def statement_rows(people: Iterable[Person], documents: Iterable[Document]) -> list[StatementRow]:
    """Flatten the speaker registry into rows in reading order (document, then offset)."""
    docs = {d.doc_id: d for d in documents}
    order = {doc_id: i for i, doc_id in enumerate(docs)}
    rows = []
    for person in people:
        for st in person.statements:
            doc = docs.get(st.doc_id)
            rows.append(StatementRow(
                speaker=person.name,
                title=st.speaker.title or person.title,
                section=st.section,
                doc_id=st.doc_id,
                doc_title=(doc.meta.title if doc else "") or st.doc_id,
                date=doc.meta.published if doc else "",
                paragraph=st.paragraph,
                start=st.start,
                end=st.end,
                text=st.text,
            ))
    rows.sort(key=lambda r: (order.get(r.doc_id, len(order)), r.start))
    return rows


def filter_rows(rows: Iterable[StatementRow], speaker: str = "", section: str = "",
                text: str = "") -> list[StatementRow]:
    """Rows matching all given filters; empty filters match everything, text matches any field."""
    needle = text.strip().lower()
    out = []
    for r in rows:
        if speaker and r.speaker != speaker:
            continue
        if section and r.section != section:
            continue
        if needle and needle not in " ".join((r.speaker, r.title, r.section, r.doc_title, r.text)).lower():
            continue
        out.append(r)
    return out


def rows_to_csv(rows: Iterable[StatementRow]) -> str:
    """CSV text with a BOM, so spreadsheet programs read the Chinese as UTF-8; formula-like cells made inert."""
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf)
    writer.writerow(CSV_HEADER)
    for r in rows:
        writer.writerow(csv_row([r.speaker, r.title, r.section, r.doc_title, r.date, r.paragraph,
                                 r.start, r.end, r.text, r.doc_id]))
    return buf.getvalue()


def distinct(values: Iterable[str]) -> list[str]:
    """Unique non-empty values in first-seen order."""
    return list(dict.fromkeys(v for v in values if v))


def csv_filename(speaker: str = "", section: str = "", text: str = "", day: str = "") -> str:
    """The export's file name: what was filtered and the day, e.g. 发言索引_李红_2024-03-02.csv."""
    parts = ["发言索引"] + [re.sub(r'[\\/:*?"<>|\s\x00-\x1f]+', "", v)[:20] for v in (speaker, section, text)]
    parts.append(day or datetime.date.today().isoformat())
    return "_".join(p for p in parts if p) + ".csv"


def attachment_header(filename: str) -> str:
    """Content-Disposition for a download with a Chinese file name (RFC 6266 / 5987), ASCII fallback."""
    fallback = "statements_" + filename.rsplit("_", 1)[-1] if "_" in filename else "statements.csv"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
