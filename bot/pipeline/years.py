"""Years named relative to when a document was written ("今年", "明年"), and the same years written out."""
from __future__ import annotations

import re

# Each word by its offset from the document's year.
RELATIVE_YEAR = {"前年": -2, "去年": -1, "上年": -1, "今年": 0, "本年": 0, "明年": 1, "后年": 2}
RELATIVE_RX = re.compile("|".join(RELATIVE_YEAR))
_YEAR_OF = re.compile(r"(?:19|20)\d{2}")


def base_year(published: str) -> int | None:
    """The year a document was written, from its date ("2026-12-02" → 2026), or None."""
    m = _YEAR_OF.match(published or "")
    return int(m.group(0)) if m else None


def written_out(text: str, published: str) -> str:
    """The text with each relative year written out against the document's date ("明年的打算" of a 2026 report →
    "2027年的打算"); the text itself when the date is unknown or no such word is there."""
    base = base_year(published)
    if base is None:
        return text
    return RELATIVE_RX.sub(lambda m: f"{base + RELATIVE_YEAR[m.group(0)]}年", text)
