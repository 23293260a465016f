"""`giaouoc form`: a self-assessment workbook for one unit, with Excel refusing impossible scores."""

from __future__ import annotations

import io
from typing import Any

from giaouoc.model.records import Unit
from giaouoc.model.year import Year
from giaouoc.sheets.style import header_row, number, put, title_rows

FORM_SHEET = "Tự chấm"
META_SHEET = "giaouoc"
FORM_KIND = "giaouoc-tu-cham/1"
SCORE_COLUMN, NOTE_COLUMN = 5, 6
HEADERS = ["TT", "Nội dung", "Điểm chuẩn", "Hướng dẫn chấm", "Điểm tự chấm", "Ghi chú"]


def unit_line(year: Year, unit: Unit) -> str:
    """The form's second line, naming the unit: the import checks it against the hidden sheet."""
    return f"Đơn vị: {unit.name} ({unit.id}) — {year.compact.block.name}"


def form_workbook(year: Year, unit: Unit) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = FORM_SHEET
    compact = year.compact
    start = title_rows(sheet, [
        f"Phiếu tự chấm điểm thi đua năm {compact.year}",
        unit_line(year, unit),
        "Điền điểm tự chấm vào cột «Điểm tự chấm» (từ 0 đến điểm chuẩn, tối đa 2 chữ số thập phân) và ghi chú "
        "nếu cần. Không thêm, xóa hay đổi thứ tự các dòng.",
    ])
    header_row(sheet, start, HEADERS)
    scores = year.scores.get(unit.id)
    for offset, item in enumerate(year.items, start=1):
        row = start + offset
        current = scores.scores.get(item.id) if scores else None
        values = [item.id, item.title, number(item.max), (item.guide or "").strip() or None,
                  number(current.self_score) if current else None, current.note if current else None]
        for column, value in enumerate(values, start=1):
            cell = put(sheet, row, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        text_lines = max(len(item.title) // 55 + 1, len((item.guide or "").strip()) // 42 + 1)
        sheet.row_dimensions[row].height = 15 * text_lines  # wrapped rows: Excel and LibreOffice keep this height
        for column in (SCORE_COLUMN, NOTE_COLUMN):
            sheet.cell(row=row, column=column).protection = Protection(locked=False)
        sheet.cell(row=row, column=SCORE_COLUMN).number_format = "0.00"
        check = DataValidation(type="decimal", operator="between", formula1="0", formula2=str(item.max),
                               allow_blank=True, showErrorMessage=True, errorTitle="Điểm không hợp lệ",
                               error=f"Điểm nội dung {item.id} phải từ 0 đến {item.max}.")
        check.add(sheet.cell(row=row, column=SCORE_COLUMN))
        sheet.add_data_validation(check)
    for letter, width in zip("ABCDEF", (5, 60, 11, 45, 13, 35), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.protection.sheet = True  # only the score and note cells can be changed
    _meta(workbook.create_sheet(META_SHEET), year, unit, start + 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _meta(sheet: Any, year: Year, unit: Unit, first_row: int) -> None:
    rows = [("form", FORM_KIND), ("year", year.compact.year), ("unit", unit.id),
            ("items", ",".join(str(i.id) for i in year.items)), ("first_row", first_row)]
    for index, (key, value) in enumerate(rows, start=1):
        put(sheet, index, 1, key)
        put(sheet, index, 2, value)
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True
