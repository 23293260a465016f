"""The counting board's tally sheet (spec meeting.md §5): `form YEAR --ballot`, read back by `import YEAR F`.

One row per ballot returned, a column per title that takes a vote (the unit ids marked, separated by commas)
and a column for an invalid ballot's reason. The candidates the sheet was made for are listed under the
header and on a sheet of their own, and kept on the hidden sheet: the import records them as printed.
"""

from __future__ import annotations

import io
import re
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from giaouoc.errors import FatalError
from giaouoc.load.text import CONTROL_CHARS
from giaouoc.model.fields import Marks
from giaouoc.model.results import Ranking
from giaouoc.model.tally import INVALID_KEY, vote_titles
from giaouoc.model.year import Year
from giaouoc.problems import Report
from giaouoc.sheets.style import header_row, put, title_rows
from giaouoc.vietnamese import short_date

TALLY_SHEET = "Kiểm phiếu"
LIST_SHEET = "Danh sách bầu"
META_SHEET = "giaouoc"
TALLY_KIND = "giaouoc-kiem-phieu/1"
REASON_HEADER = "Không hợp lệ (lý do)"
_SEPARATORS = re.compile(r"[,;\s]+")
_META_ROWS = {"form": 1, "year": 2, "titles": 3, "first_row": 4, "rows": 5, "candidates": 6}


def _rows_for(year: Year) -> int:
    """How many ballot rows to offer: the ballots issued, else those present, else the members, else the units."""
    ballot = year.review.ballot if year.review else None
    for count in (ballot.issued, ballot.present, ballot.members) if ballot else ():
        if count:
            return min(count, 500)
    return len(year.units)


def tally_workbook(year: Year, ranking: Ranking) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, Protection

    titles = vote_titles(year.compact.titles)
    if not titles:
        raise FatalError(f"năm {year.compact.year} không có danh hiệu nào cần bỏ phiếu: không có phiếu kiểm phiếu")
    candidates = ranking.candidates or {}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = TALLY_SHEET
    start = title_rows(sheet, [
        f"Phiếu kiểm phiếu bầu suy tôn thi đua năm {year.compact.year} — {year.compact.block.name}",
        "Mỗi dòng là một phiếu thu về, theo thứ tự Ban kiểm phiếu đọc. Ở mỗi danh hiệu, ghi mã các đơn vị được "
        "đánh dấu, cách nhau bằng dấu phẩy (ví dụ: pa03, pa05); không đánh dấu thì để trống. Phiếu không hợp lệ: "
        "ghi lý do ở cột cuối. Dòng để trống cả dòng là phiếu không thu về.",
    ])
    header_row(sheet, start, ["Phiếu số", *(f"{t.name} ({t.id})" for t in titles), REASON_HEADER])
    for column, title in enumerate(titles, start=2):
        cell = put(sheet, start + 1, column, "Danh sách: " + (", ".join(candidates.get(title.id, [])) or "không có"))
        cell.font, cell.alignment = Font(italic=True), Alignment(wrap_text=True, vertical="top")
    put(sheet, start + 1, 1, "").font = Font(italic=True)
    first, count = start + 2, _rows_for(year)
    for index in range(count):
        put(sheet, first + index, 1, index + 1)
        for column in range(2, len(titles) + 3):
            sheet.cell(row=first + index, column=column).protection = Protection(locked=False)
    for column in range(2, len(titles) + 3):
        sheet.column_dimensions[chr(ord("A") + column - 1)].width = 40
    sheet.column_dimensions["A"].width = 9
    sheet.protection.sheet = True
    _candidate_list(workbook.create_sheet(LIST_SHEET), year, ranking)
    _meta(workbook.create_sheet(META_SHEET), year, [t.id for t in titles], first, count, candidates)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _candidate_list(sheet: Any, year: Year, ranking: Ranking) -> None:
    """Per title, its candidates in rank order: the id to write and the unit's name."""
    row = title_rows(sheet, [f"Danh sách bầu năm {year.compact.year} (mã đơn vị để ghi vào trang «{TALLY_SHEET}»)"])
    for title in vote_titles(year.compact.titles):
        header_row(sheet, row, ["Mã", title.name], freeze=False)
        for offset, unit_id in enumerate((ranking.candidates or {}).get(title.id, []), start=1):
            put(sheet, row + offset, 1, unit_id)
            put(sheet, row + offset, 2, year.unit(unit_id).name)
        row += len((ranking.candidates or {}).get(title.id, [])) + 2
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 10, 70
    sheet.protection.sheet = True


def _meta(sheet: Any, year: Year, titles: list[str], first: int, count: int,
          candidates: dict[str, list[str]]) -> None:
    listed = ";".join(f"{t}={','.join(candidates.get(t, []))}" for t in titles)
    rows = [("form", TALLY_KIND), ("year", year.compact.year), ("titles", ",".join(titles)), ("first_row", first),
            ("rows", count), ("candidates", listed)]
    for index, (key, value) in enumerate(rows, start=1):
        put(sheet, index, 1, key)
        put(sheet, index, 2, value)
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


@dataclass
class TallyContent:
    """What a returned tally sheet says: the candidates it was made for and the ballots, in order."""

    candidates: dict[str, list[str]] = field(default_factory=dict)
    ballots: list[dict[str, Marks]] = field(default_factory=list)
    report: Report = field(default_factory=Report)


def is_tally(path: Path) -> bool:
    """Whether a workbook is a tally sheet made by `form --ballot` (its hidden sheet says so)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        return META_SHEET in workbook.sheetnames and workbook[META_SHEET].cell(row=1, column=2).value == TALLY_KIND
    except Exception:  # not a workbook at all: the score form's import says why
        return False


def read_tally(path: Path, year: Year) -> TallyContent:
    """Read every cell of a returned tally sheet; problems name the sheet and cell (Kiểm phiếu!B7)."""
    from openpyxl import load_workbook

    from giaouoc.sheets.importer import check_size

    check_size(path)
    try:
        with closing(load_workbook(path, read_only=True, data_only=True)) as workbook:
            return _read_tally(workbook, path, year)
    except FatalError:
        raise
    except Exception as exc:  # read-only sheets are parsed as they are read: broken XML shows up only here
        raise FatalError(f"không đọc được {path.name}: nội dung tệp Excel hỏng hoặc đã bị sửa ngoài Excel "
                         f"({type(exc).__name__}): hãy mở và lưu lại bằng Excel, hoặc lập phiếu kiểm phiếu mới "
                         f"bằng «giaouoc form {year.compact.year} --ballot»") from exc


def _read_tally(workbook: Any, path: Path, year: Year) -> TallyContent:
    content = TallyContent()
    meta = {str(row[0]): row[1] for row in workbook[META_SHEET].iter_rows(max_col=2, values_only=True) if row[0]}
    titles = _check_meta(meta, path.name, year, content)
    if titles is None or TALLY_SHEET not in workbook.sheetnames:
        if titles is not None:
            content.report.add_cell(path.name, META_SHEET, 1, 2, "form-mismatch",
                                    f"không tìm thấy trang «{TALLY_SHEET}»: hãy giữ nguyên tên trang")
        return content
    sheet, first, count = workbook[TALLY_SHEET], int(meta["first_row"]), int(meta["rows"])
    units = {u.id for u in year.units}
    grid = list(sheet.iter_rows(min_row=first, max_row=first + count - 1, max_col=len(titles) + 2, values_only=True))
    for offset, values in enumerate(grid):
        paper = _read_row(list(values) + [None] * (len(titles) + 2 - len(values)), first + offset, titles, units,
                          path.name, content.report)
        if paper:
            content.ballots.append(paper)
    return content


def _check_meta(meta: dict[str, Any], file: str, year: Year, content: TallyContent) -> list[str] | None:
    """The titles the sheet was made for, or None (with the problem) when it is not for this year and its titles."""
    now = [t.id for t in vote_titles(year.compact.titles)]
    first, count = meta.get("first_row"), meta.get("rows")
    if str(meta.get("year")) != str(year.compact.year):
        content.report.add_cell(file, META_SHEET, _META_ROWS["year"], 2, "form-mismatch",
                                f"phiếu kiểm phiếu của năm {meta.get('year')}, không phải năm {year.compact.year}")
        return None
    if str(meta.get("titles")) != ",".join(now):
        content.report.add_cell(file, META_SHEET, _META_ROWS["titles"], 2, "form-mismatch",
                                f"phiếu lập cho các danh hiệu {meta.get('titles')}, nay cần bỏ phiếu {', '.join(now)}: "
                                "hãy lập phiếu mới bằng «giaouoc form NĂM --ballot»")
        return None
    if not (isinstance(first, int) and isinstance(count, int) and 1 <= first <= 100 and 0 <= count <= 500):
        content.report.add_cell(file, META_SHEET, _META_ROWS["first_row"], 2, "form-mismatch",
                                "phiếu đã bị sửa (vị trí bảng không hợp lệ): hãy lập phiếu mới")
        return None
    for part in str(meta.get("candidates") or "").split(";"):
        title, _, listed = part.partition("=")
        if title in now:
            content.candidates[title] = [u for u in listed.split(",") if u]
    return now


def _read_row(values: list[Any], row: int, titles: list[str], units: set[str], file: str,
              report: Report) -> dict[str, Marks] | None:
    """One ballot: the board's reason when invalid, else the units marked per title; None for an empty row."""
    cells = [None if v is None or not str(v).strip() else v for v in values[1:]]
    if not any(cells):
        return None
    reason = cells[-1]
    if reason is not None:
        text = str(reason).strip()
        if CONTROL_CHARS.search(text):
            report.add_cell(file, TALLY_SHEET, row, len(titles) + 2, "control-char", "lý do có ký tự điều khiển")
            return None
        return {INVALID_KEY: text}
    paper: dict[str, Marks] = {}
    for column, (title, value) in enumerate(zip(titles, cells, strict=False), start=2):
        if value is None:
            continue
        marked = tuple(part.lower() for part in _SEPARATORS.split(str(value).strip()) if part)
        strangers = [m for m in marked if m not in units]
        if isinstance(value, int | float | date) or strangers:
            typed = short_date(value) if isinstance(value, date) else str(value).strip()  # as the board typed it
            shown = ", ".join(strangers) if strangers and len(strangers) < len(marked) else typed
            number = values[0] if isinstance(values[0], int) else f"dòng {row}"
            report.add_cell(file, TALLY_SHEET, row, column, "unknown-unit",
                            f"phiếu số {number}: «{shown}» không phải mã đơn vị của năm (ghi mã như pa03, cách nhau "
                            "bằng dấu phẩy)")
            continue
        paper[title] = marked
    return paper
