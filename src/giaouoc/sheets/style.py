"""Shared workbook styling: title rows, bold frozen headers, number formats, column widths."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from giaouoc.vietnamese import plain_number

POINTS_FORMAT = "0.00"
_WIDTH_LIMIT = 60


def number(value: Decimal | None) -> float | int | None:
    """A cell value: points stored as numbers (Excel shows the decimal comma by the reader's locale)."""
    return None if value is None else plain_number(value)


def put(sheet: Any, row: int, column: int, value: Any) -> Any:
    """Write a cell; text is always text, never a formula (a unit's note "=HYPERLINK(…)" stays words)."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def title_rows(sheet: Any, lines: list[str]) -> int:
    """Bold title lines at the top; returns the row where the table header goes."""
    from openpyxl.styles import Font

    for index, line in enumerate(lines, start=1):
        put(sheet, index, 1, line).font = Font(bold=index == 1, size=13 if index == 1 else 11)
    return len(lines) + 2


def header_row(sheet: Any, row: int, headers: list[str], freeze: bool = True) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin")
    for column, header in enumerate(headers, start=1):
        cell = put(sheet, row, column, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    if freeze:  # the items' header stays on screen and on every printed page
        sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
        sheet.print_title_rows = f"{row}:{row}"
        print_landscape(sheet)


def fit_columns(sheet: Any, header_row_index: int, minimum: int = 6) -> None:
    """Column widths from the longest value below the title rows, within reason."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=header_row_index):
        for cell in row:
            if cell.value is not None:
                length = max(len(part) for part in str(cell.value).split("\n"))
                widths[cell.column] = max(widths.get(cell.column, minimum), min(length + 2, _WIDTH_LIMIT))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def print_landscape(sheet: Any) -> None:
    """Printed on landscape A4, as wide as the page, the header row on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def points_cells(sheet: Any, first_row: int, columns: list[int]) -> None:
    for row in sheet.iter_rows(min_row=first_row):
        for cell in row:
            if cell.column in columns and isinstance(cell.value, int | float):
                cell.number_format = POINTS_FORMAT
