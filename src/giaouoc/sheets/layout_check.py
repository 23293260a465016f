"""The hidden sheet's table positions against what the visible form shows.

The hidden sheet says where the item rows and the bonus and penalty tables are; a unit can change it (it is
only hidden). `giaouoc!B6 = 6,13` would read the 13 item rows as 13 bonus entries while the visible bonus
table is empty. Every position must land on what the clerk and the unit see: the item table's header row,
each table's title and header, the tables one after the other, in the order the form was made.
"""

from __future__ import annotations

from typing import Any

from giaouoc.problems import Report
from giaouoc.sheets.form import ENTRY_HEADERS, HEADERS, META_SHEET, SECTIONS

_ROW = {"first_row": 5, "bonus": 6, "penalties": 7}  # the hidden sheet's row of each position
MAX_ROW = 1000
MAX_ENTRIES = 100


def entry_table(where: Any) -> tuple[int, int] | None:
    """`"31,5"`: (first row, row count), ASCII digits only; None for anything else (`23,²`, `6,-1`, `1e3,2`)."""
    first, comma, count = str(where).partition(",")
    if not (comma and first.isascii() and first.isdigit() and count.isascii() and count.isdigit()):
        return None
    if not (1 <= int(first) <= MAX_ROW and 1 <= int(count) <= MAX_ENTRIES):
        return None
    return int(first), int(count)


def check_layout(meta: dict[str, Any], sheet: Any, items: int, file: str, report: Report) -> bool:
    """Whether every position of the hidden sheet lands on the visible form's tables (problems otherwise)."""
    def refuse(key: str, message: str) -> bool:
        report.add_cell(file, META_SHEET, _ROW[key], 2, "form-mismatch",
                        f"phiếu đã bị sửa ({message}): hãy lập phiếu mới")
        return False

    first = meta["first_row"]
    if _text(sheet, first - 1, 1) != HEADERS[0] or _text(sheet, first - 1, 2) != HEADERS[1]:
        return refuse("first_row", "dòng đầu bảng điểm trong trang ẩn không khớp với tiêu đề bảng trên phiếu")
    after = first + items  # the total row; each table lies below the one before it
    for key, title in SECTIONS.items():
        if key not in meta:  # forms made before the bonus and penalty rows have none
            continue
        table = entry_table(meta[key])
        if table is None:
            return refuse(key, f"vị trí bảng «{title}» không hợp lệ: «{meta[key]}»")
        start, count = table
        top = start - _khoi_rows(sheet, start, after)
        heading = _text(sheet, top - 2, 1)
        if top - 2 <= after or not heading.startswith(title) or _text(sheet, top - 1, 2) != ENTRY_HEADERS[1]:
            return refuse(key, f"vị trí bảng «{title}» trong trang ẩn không khớp với bảng đó trên phiếu")
        if _text(sheet, start + count, 1).isdigit():
            return refuse(key, f"bảng «{title}» trên phiếu có nhiều dòng hơn trang ẩn ghi")
        after = start + count
    return True


def _khoi_rows(sheet: Any, start: int, after: int) -> int:
    """How many of the Khối's own rows ("K1", "K2" …: read-only, never imported) stand right above a table's
    open rows, numbered in order from K1."""
    count = 0
    while start - count - 1 > after and _text(sheet, start - count - 1, 1)[:1] == "K":
        count += 1
    labels = [_text(sheet, start - count + index, 1) for index in range(count)]
    return count if labels == [f"K{index + 1}" for index in range(count)] else 0


def _text(sheet: Any, row: int, column: int) -> str:
    if row < 1:
        return ""
    value = sheet.cell(row=row, column=column).value
    return "" if value is None else str(value).strip()
