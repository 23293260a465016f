"""What a form was made from, as its hidden sheet keeps it: the base of the three-way merge on import."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from giaouoc.model.year import Year
from giaouoc.problems import Report
from giaouoc.sheets.form import META_SHEET, PROPOSED

EntryRow = tuple[Decimal, str, str | None]  # points, reason, basis
ScoreRow = tuple[Decimal | None, str | None]  # self score, note


@dataclass
class FormBase:
    """What a form was made from (its hidden sheet): per item the self score and note, the proposals by row."""

    scores: dict[int, ScoreRow]
    entries: dict[str, list[EntryRow]]  # "bonus"/"penalties": the proposals on file, in the form's row order


def read_base(sheet: Any, row: int, file: str, year: Year, report: Report) -> FormBase | None:
    """The values the form was made from (JSON over the cells of the row «base»); a changed base is refused."""
    text = ""
    for column in range(2, 200):
        value = sheet.cell(row=row, column=column).value
        if not isinstance(value, str):
            break
        text += value
    try:
        data = json.loads(text)
        scores = {int(key): (_base_number(self), _base_text(note)) for key, (self, note) in data["scores"].items()}
        entries = {key: [(_points(p), _text_of(r), _base_text(f)) for p, r, f in data[name]]
                   for key, name in PROPOSED.items()}
        if set(scores) != {i.id for i in year.items}:
            raise ValueError("items")
    except (ValueError, TypeError, KeyError, AttributeError, InvalidOperation, RecursionError):
        report.add_cell(file, META_SHEET, row, 2, "form-mismatch",
                        "phiếu đã bị sửa (giá trị gốc lúc lập phiếu không đọc được): hãy lập phiếu mới")
        return None
    return FormBase(scores, entries)


def _base_number(value: object) -> Decimal | None:
    return None if value is None else _points(value)


def _points(value: object) -> Decimal:
    if not isinstance(value, str) or len(value) > 20:
        raise TypeError("points")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError("points")
    return number


def _base_text(value: object) -> str | None:
    return None if value is None else _text_of(value)


def _text_of(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("text")
    return value
