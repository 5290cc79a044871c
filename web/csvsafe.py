"""Untrusted text (document titles, quotes, questions, feedback) made inert for a spreadsheet."""
from __future__ import annotations

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A spreadsheet-safe cell: text that starts like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_row(values: list) -> list:
    """Every cell of a row through csv_cell."""
    return [csv_cell(v) for v in values]
