"""Thumbs up/down feedback on answers, stored in SQLite with the question, answer and citations."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

from web.csvsafe import csv_row

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating INTEGER NOT NULL,          -- +1 thumbs up, -1 thumbs down
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    found INTEGER NOT NULL,
    citations TEXT NOT NULL,          -- JSON list of Citation.to_json()
    client_ip TEXT                    -- NULL unless WebSettings.store_ip
)
"""

CSV_COLUMNS = ["id", "created_at", "rating", "question", "answer", "found", "citations", "client_ip"]


@dataclass(frozen=True)
class FeedbackRow:
    """One stored rating."""

    id: int
    created_at: str
    rating: int
    question: str
    answer: str
    found: bool
    citations: list[dict]
    client_ip: str | None

    def to_json(self) -> dict:
        """The HTTP representation."""
        return {k: getattr(self, k) for k in CSV_COLUMNS}


class FeedbackStore:
    """Appends and lists feedback rows; one short-lived connection per call, so any thread may use it."""

    def __init__(self, path: Path, store_ip: bool = False):
        self.path = Path(path)
        self.store_ip = store_ip
        self._lock = threading.Lock()
        self._export_dir: Path | None = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def add(self, rating: int, question: str, answer: str, found: bool,
            citations: list[dict], client_ip: str | None = None) -> int:
        """Store one rating (+1/-1); the IP is dropped unless the store was told to keep it."""
        ip = client_ip if self.store_ip else None
        created = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        with self._lock, self._connect() as db:
            cur = db.execute(
                "INSERT INTO feedback (created_at, rating, question, answer, found, citations, client_ip)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (created, 1 if rating > 0 else -1, question, answer, int(found),
                 json.dumps(citations, ensure_ascii=False), ip),
            )
            return int(cur.lastrowid)

    def list(self, limit: int = 1000) -> list[FeedbackRow]:
        """The newest rows first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, created_at, rating, question, answer, found, citations, client_ip"
                " FROM feedback ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [FeedbackRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), json.loads(r[6]), r[7]) for r in rows]

    def to_csv(self, limit: int = 100_000) -> str:
        """All rows as CSV text (citations as JSON in one column); formula-like cells made inert."""
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(CSV_COLUMNS)
        for row in self.list(limit):
            data = row.to_json()
            data["citations"] = json.dumps(row.citations, ensure_ascii=False)
            data["found"] = int(row.found)
            writer.writerow(csv_row([data[c] if data[c] is not None else "" for c in CSV_COLUMNS]))
        return buf.getvalue()

    def export_file(self) -> Path:
        """The CSV (with a BOM) as a file for a download widget: one file per store, replaced on each
        export and removed with the store, so exports leave no copies behind."""
        if self._export_dir is None:
            self._export_dir = Path(tempfile.mkdtemp(prefix="feedback-export-"))
            weakref.finalize(self, shutil.rmtree, self._export_dir, ignore_errors=True)
        out = self._export_dir / "feedback.csv"
        fd, tmp = tempfile.mkstemp(dir=self._export_dir, suffix=".part")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write("\ufeff" + self.to_csv())
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return out
