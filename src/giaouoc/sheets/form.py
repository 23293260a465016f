"""`giaouoc form`: a self-assessment workbook for one unit, with Excel refusing impossible scores.

Below the items: the total, the bonus and penalty tables, and the place for the date and the signatures.
Each table shows the Khối's entries read-only, then rows for the unit's own proposals (reason, basis, points),
which are imported as proposals (`proposed_bonus`, `proposed_penalties`), never over the Khối's entries.
The hidden sheet keeps what the form was made from (`base`), so that an import is a three-way merge.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

from giaouoc.model.records import Entry, Unit, UnitScores
from giaouoc.model.year import Year
from giaouoc.sheets.style import header_row, number, put, title_rows

FORM_SHEET = "Tự chấm"
META_SHEET = "giaouoc"
FORM_KIND = "giaouoc-tu-cham/2"  # with the Khối's entries read-only and the base of the three-way merge
OLD_FORM_KIND = "giaouoc-tu-cham/1"  # forms of giaouoc 0.2: imported without a base, with a warning
SCORE_COLUMN, NOTE_COLUMN = 5, 6
REASON_COLUMN, REF_COLUMN = 2, 4  # bonus and penalty rows: reason, basis; points in SCORE_COLUMN
HEADERS = ["TT", "Nội dung", "Điểm chuẩn", "Hướng dẫn chấm", "Điểm tự chấm", "Ghi chú"]
ENTRY_HEADERS = ["TT", "Lý do", None, "Căn cứ (số, ngày văn bản)", "Điểm", "Ai ghi"]
SPARE_ROWS = 3  # empty rows offered below the entries already on file, at least MIN_ROWS in all
MIN_ROWS = 5
SECTIONS = {"bonus": "Điểm thưởng", "penalties": "Điểm trừ"}  # meta key -> table title
PROPOSED = {"bonus": "proposed_bonus", "penalties": "proposed_penalties"}  # meta key -> the score file's key
WHO = {"bonus": "Đơn vị đề nghị", "penalties": "Đơn vị tự nhận"}
KHOI_ROW = "Khối đã ghi nhận (chỉ xem)"
BASE_CHUNK = 30000  # characters per cell of the base (Excel holds 32 767)


def unit_line(year: Year, unit: Unit) -> str:
    """The form's second line, naming the unit: the import checks it against the hidden sheet."""
    return f"Đơn vị: {unit.name} ({unit.id}) — {year.compact.block.name}"


def form_workbook(year: Year, unit: Unit) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = FORM_SHEET
    compact = year.compact
    start = title_rows(sheet, [
        f"Phiếu tự chấm điểm thi đua năm {compact.year}",
        unit_line(year, unit),
        "Điền điểm tự chấm vào cột «Điểm tự chấm» (từ 0 đến điểm chuẩn, tối đa 2 chữ số thập phân) và ghi chú "
        "nếu cần; điểm thưởng đơn vị đề nghị, điểm trừ đơn vị tự nhận ghi vào các dòng trống của hai bảng bên dưới "
        "(các dòng Khối đã ghi nhận chỉ để xem). Không thêm, xóa hay đổi thứ tự các dòng.",
    ])
    header_row(sheet, start, HEADERS)
    last = _item_rows(sheet, year, unit, start + 1)
    _total_row(sheet, year, start + 1, last + 1)
    row, sections = last + 3, {}
    scores = year.scores.get(unit.id)
    for key, title in SECTIONS.items():
        khoi: list[Entry] = getattr(scores, key) if scores else []
        proposed: list[Entry] = getattr(scores, PROPOSED[key]) if scores else []
        count = max(MIN_ROWS, len(proposed) + SPARE_ROWS)
        sections[key] = (row + 2 + len(khoi), count)
        row = _entry_rows(sheet, row, (title, WHO[key]), khoi, proposed, count) + 2
    _signature_rows(sheet, row)
    for letter, width in zip("ABCDEF", (5, 60, 11, 45, 13, 35), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.protection.sheet = True  # only the cells to fill in can be changed
    _meta(workbook.create_sheet(META_SHEET), year, unit, start + 1, sections, scores)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _item_rows(sheet: Any, year: Year, unit: Unit, first: int) -> int:
    """One row per item, the score and note cells open; returns the last row."""
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.datavalidation import DataValidation

    scores = year.scores.get(unit.id)
    row = first - 1
    for row, item in enumerate(year.items, start=first):
        current = scores.scores.get(item.id) if scores else None
        values = [item.id, item.title, number(item.max), (item.guide or "").strip() or None,
                  number(current.self_score) if current else None, current.note if current else None]
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value).alignment = Alignment(wrap_text=True, vertical="top")
        text_lines = max(len(item.title) // 55 + 1, len((item.guide or "").strip()) // 42 + 1)
        sheet.row_dimensions[row].height = 15 * text_lines  # wrapped rows: Excel and LibreOffice keep this height
        _open_cells(sheet, row, (SCORE_COLUMN, NOTE_COLUMN))
        check = DataValidation(type="decimal", operator="between", formula1="0", formula2=str(item.max),
                               allow_blank=True, showErrorMessage=True, errorTitle="Điểm không hợp lệ",
                               error=f"Điểm nội dung {item.id} phải từ 0 đến {item.max}.")
        check.add(sheet.cell(row=row, column=SCORE_COLUMN))
        sheet.add_data_validation(check)
    return row


def _total_row(sheet: Any, year: Year, first: int, row: int) -> None:
    """"Cộng": the sum of the maxima, and Excel's sum of the self scores (a formula we write, never a unit's)."""
    from openpyxl.styles import Font

    put(sheet, row, 2, "Cộng").font = Font(bold=True)
    put(sheet, row, 3, number(sum((i.max for i in year.items), Decimal(0)))).font = Font(bold=True)
    total = sheet.cell(row=row, column=SCORE_COLUMN, value=f"=SUM(E{first}:E{row - 1})")
    total.font, total.number_format = Font(bold=True), "0.00"


def _entry_rows(sheet: Any, row: int, names: tuple[str, str], khoi: list[Entry], proposed: list[Entry],
                count: int) -> int:
    """A titled bonus or penalty table: the Khối's entries locked ("K1", "K2" …), then `count` open rows
    numbered from 1 for the unit's proposals, those on file filled in; returns its last row."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    title, who = names
    put(sheet, row, 1, f"{title} ({who.lower()}: ghi lý do, căn cứ và số điểm vào các dòng trống; "
                       f"dòng «{KHOI_ROW}» không sửa được)").font = Font(bold=True)
    header_row(sheet, row + 1, [h or "" for h in ENTRY_HEADERS], freeze=False)
    check = DataValidation(type="decimal", operator="greaterThan", formula1="0", allow_blank=True,
                           showErrorMessage=True, errorTitle="Điểm không hợp lệ", error="Số điểm phải lớn hơn 0.")
    sheet.add_data_validation(check)
    grey = PatternFill("solid", fgColor="EDEDED")
    for index, entry in enumerate(khoi):
        at = row + 2 + index
        for column, value in _entry_cells(f"K{index + 1}", entry, KHOI_ROW):
            cell = put(sheet, at, column, value)
            cell.alignment, cell.fill, cell.number_format = _aligned(column), grey, "0.00"
    first = row + 2 + len(khoi)
    for index in range(count):
        wrote = proposed[index] if index < len(proposed) else None
        for column, value in _entry_cells(index + 1, wrote, who if wrote else None):
            put(sheet, first + index, column, value).alignment = _aligned(column)
        _open_cells(sheet, first + index, (REASON_COLUMN, REF_COLUMN, SCORE_COLUMN))
        check.add(sheet.cell(row=first + index, column=SCORE_COLUMN))
    return first + count - 1


def _aligned(column: int) -> Any:
    from openpyxl.styles import Alignment

    return Alignment(wrap_text=True, vertical="top", horizontal="center" if column == 1 else None)


def _entry_cells(number_text: int | str, entry: Entry | None, who: str | None) -> list[tuple[int, Any]]:
    """(column, value) of one bonus or penalty row."""
    return [(1, number_text), (REASON_COLUMN, entry and entry.reason), (REF_COLUMN, entry and entry.ref),
            (SCORE_COLUMN, entry and number(entry.points)), (6, who)]


SIGNATURES = [  # (row below the tables, column, text, bold, italic); column 4 spans D to F
    (0, 4, "…, ngày … tháng … năm …", False, True),
    (1, 2, "NGƯỜI LẬP PHIẾU", True, False), (1, 4, "THỦ TRƯỞNG ĐƠN VỊ", True, False),
    (2, 2, "(Ký, ghi rõ họ tên)", False, True), (2, 4, "(Ký, ghi rõ họ tên, đóng dấu)", False, True),
]


def _signature_rows(sheet: Any, row: int) -> None:
    """The date (to fill in) and the places where the clerk and the unit head sign."""
    from openpyxl.styles import Alignment, Font

    for offset, column, text, bold, italic in SIGNATURES:
        cell = put(sheet, row + offset, column, text)
        cell.font = Font(bold=bold, italic=italic)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        if column == 4:
            sheet.merge_cells(start_row=row + offset, start_column=4, end_row=row + offset, end_column=6)
    _open_cells(sheet, row, (4,))


def _open_cells(sheet: Any, row: int, columns: tuple[int, ...]) -> None:
    from openpyxl.styles import Protection

    for column in columns:
        cell = sheet.cell(row=row, column=column)
        cell.protection = Protection(locked=False)
        if column == SCORE_COLUMN:
            cell.number_format = "0.00"


def form_base(year: Year, scores: UnitScores | None) -> dict[str, Any]:
    """What the form is made from, as the hidden sheet keeps it: self score and note per item, the proposals."""
    def entries(key: str) -> list[list[str | None]]:
        return [[str(e.points), e.reason, e.ref] for e in (getattr(scores, key) if scores else [])]

    found = {}
    for item in year.items:
        score = scores.scores.get(item.id) if scores else None
        found[str(item.id)] = [None if score is None or score.self_score is None else str(score.self_score),
                               score.note if score else None]
    return {"scores": found, **{key: entries(key) for key in PROPOSED.values()}}


def _meta(sheet: Any, year: Year, unit: Unit, first_row: int, sections: dict[str, tuple[int, int]],
          scores: UnitScores | None) -> None:
    rows = [("form", FORM_KIND), ("year", year.compact.year), ("unit", unit.id),
            ("items", ",".join(str(i.id) for i in year.items)), ("first_row", first_row)]
    rows += [(key, f"{first},{count}") for key, (first, count) in sections.items()]
    base = json.dumps(form_base(year, scores), ensure_ascii=False, sort_keys=True)
    rows.append(("base", base[:BASE_CHUNK]))
    for index, (key, value) in enumerate(rows, start=1):
        put(sheet, index, 1, key)
        put(sheet, index, 2, value)
    for column, start in enumerate(range(BASE_CHUNK, len(base), BASE_CHUNK), start=3):  # a long base: C, D …
        put(sheet, len(rows), column, base[start:start + BASE_CHUNK])
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True
