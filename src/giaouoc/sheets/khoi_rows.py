"""The Khối's own rows of a returned form ("K1", "K2" …): shown read-only and never imported.

A unit may still overwrite one (Excel lets a protected sheet be unprotected). The import keeps the score file as it
is, but a row that no longer matches the Khối's entry is told to the clerk, so a unit's objection is not lost.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from giaouoc.model.records import Entry

KhoiRow = tuple[int, Any, Any, Any]  # its row, and as the form holds them: points, reason, basis


def read_khoi_rows(sheet: Any, start: int, points: int, reason: int, ref: int) -> list[KhoiRow]:
    """The rows labelled K1, K2 … right above a table's first open row `start`, in order."""
    labels = []
    row = start - 1
    while row >= 1 and str(sheet.cell(row=row, column=1).value or "").strip()[:1] == "K":
        labels.append(row)
        row -= 1
    labels.reverse()
    if [str(sheet.cell(row=r, column=1).value).strip() for r in labels] != [f"K{i + 1}" for i in range(len(labels))]:
        return []
    return [(r, sheet.cell(row=r, column=points).value, sheet.cell(row=r, column=reason).value,
             sheet.cell(row=r, column=ref).value) for r in labels]


def changed_khoi_rows(rows: list[KhoiRow], entries: list[Entry]) -> list[int]:
    """Indexes of the form's Khối rows that differ from the Khối's entries on file (only when as many of each:
    a Khối that added or removed an entry since the form was made is not the unit changing a row)."""
    if len(rows) != len(entries):
        return []
    return [i for i, (row, entry) in enumerate(zip(rows, entries, strict=True))
            if (_points(row[1]), _text(row[2]), _text(row[3])) != (entry.points, entry.reason, entry.ref)]


def _text(value: Any) -> str | None:
    text = unicodedata.normalize("NFC", str(value).strip()) if value is not None else ""
    return text or None


def _points(value: Any) -> Decimal | str | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return str(value)
