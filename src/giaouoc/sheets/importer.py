"""`giaouoc import`: read a returned self-assessment form into scores/<unit>.yaml, checked like validate."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from giaouoc.errors import FatalError
from giaouoc.model.year import Year
from giaouoc.sheets.form import FORM_KIND, FORM_SHEET, META_SHEET, NOTE_COLUMN, SCORE_COLUMN
from giaouoc.vietnamese import format_number

_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+\Z")
_DOT = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?\Z")


@dataclass
class FormContent:
    """What a returned form says: the unit, and per item the self score and note written in it."""

    unit: str
    scores: dict[int, tuple[Decimal | None, str | None]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _cell(sheet: Any, row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{sheet.title}!{get_column_letter(column)}{row}"


def read_form(path: Path, year: Year) -> FormContent:
    """Read and check every cell of a returned form; problems name the cell (e.g. Tự chấm!E7)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FatalError(f"không đọc được {path.name} như một tệp Excel (.xlsx): {type(exc).__name__}") from exc
    if META_SHEET not in workbook.sheetnames or FORM_SHEET not in workbook.sheetnames:
        raise FatalError(f"{path.name} không phải phiếu tự chấm do «giaouoc form» tạo ra")
    meta_sheet = workbook[META_SHEET]
    meta = {str(row[0].value): row[1].value for row in meta_sheet.iter_rows(max_col=2) if row[0].value}
    if meta.get("form") != FORM_KIND:
        raise FatalError(f"{path.name}: phiếu tự chấm không đúng mẫu (giaouoc!B1)")
    if str(meta.get("year")) != str(year.compact.year):
        raise FatalError(f"{path.name}: phiếu của năm {meta.get('year')}, không phải năm {year.compact.year} "
                         "(giaouoc!B2)")
    unit = str(meta.get("unit"))
    if unit not in {u.id for u in year.units}:
        raise FatalError(f"{path.name}: đơn vị «{unit}» của phiếu không có trong units.yaml (giaouoc!B3)")
    item_ids = [i.id for i in year.items]
    if str(meta.get("items")) != ",".join(map(str, item_ids)):
        raise FatalError(f"{path.name}: danh sách nội dung trong phiếu khác items.yaml hiện tại: "
                         f"hãy lập phiếu mới bằng «giaouoc form {year.compact.year} {unit}»")
    sheet = workbook[FORM_SHEET]
    content = FormContent(unit)
    first = int(meta.get("first_row") or 0)
    maxima = {i.id: i.max for i in year.items}
    for offset, item_id in enumerate(item_ids):
        row = first + offset
        shown_id = sheet.cell(row=row, column=1).value
        if str(shown_id) != str(item_id):
            content.problems.append(f"{_cell(sheet, row, 1)}: dòng này phải là nội dung {item_id} "
                                    "(các dòng đã bị thêm, xóa hoặc đổi thứ tự)")
            continue
        score = _score(sheet, row, item_id, maxima[item_id], content.problems)
        note = sheet.cell(row=row, column=NOTE_COLUMN).value
        note_text = str(note).strip() if note is not None and str(note).strip() else None
        if score is not None or note_text is not None:
            content.scores[item_id] = (score, note_text)
    return content


def _score(sheet: Any, row: int, item: int, maximum: Decimal, problems: list[str]) -> Decimal | None:
    where = _cell(sheet, row, SCORE_COLUMN)
    value = sheet.cell(row=row, column=SCORE_COLUMN).value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        problems.append(f"{where}: nội dung {item}: cần một số, không phải «{value}»")
        return None
    if isinstance(value, str):
        text = value.strip()
        if _COMMA.match(text):
            problems.append(f"{where}: nội dung {item}: «{text}» là văn bản; nhập số {text.replace(',', '.')} "
                            "(hoặc dùng dấu thập phân của máy)")
            return None
        if not _DOT.match(text):
            problems.append(f"{where}: nội dung {item}: cần một số, không phải «{text}»")
            return None
        value = text
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        problems.append(f"{where}: nội dung {item}: cần một số, không phải «{value}»")
        return None
    if number != number.quantize(Decimal("0.01")):
        problems.append(f"{where}: nội dung {item}: điểm {value} có quá 2 chữ số thập phân")
        return None
    if not 0 <= number <= maximum:
        problems.append(f"{where}: nội dung {item}: điểm {format_number(number)} phải từ 0 đến điểm chuẩn "
                        f"{format_number(maximum)}")
        return None
    return number.normalize() if number != number.to_integral_value() else number.quantize(Decimal(1))
