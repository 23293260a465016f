"""`giaouoc form YEAR --grader UNIT`: a chấm chéo workbook per graded unit; `form YEAR UNIT --criteria`: a unit's
own results per criterion; and reading either back (docs/cham-diem.md).

One row per content without criteria (points) and one per criterion (its input: đạt / không đạt from a list,
whole numbers for counts, the result for a target, the unit's target shown). The import reads inputs, never points.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from giaouoc.errors import FatalError
from giaouoc.model.fields import FAILED, PASSED, two_places
from giaouoc.model.records import Criterion, Input, Item, Unit
from giaouoc.model.scoring import input_problem
from giaouoc.model.year import Year
from giaouoc.problems import Report
from giaouoc.sheets.style import header_row, number, print_landscape, put, title_rows
from giaouoc.vietnamese import format_number

SHEET, META = "Chấm chéo", "giaouoc"
KIND = "giaouoc-cham-cheo/1"
CRITERIA_KIND = "giaouoc-tieu-chi/1"  # a unit's own inputs per criterion (self), same layout
HEADERS = ["Mã", "Nội dung, tiêu chí", "Cách ghi", "Điểm chuẩn", "Chỉ tiêu", "Kết quả chấm", "Ghi chú"]
INPUT, NOTE = 6, 7
_HOW = {"pass": "đạt / không đạt", "count": "số lần (số nguyên)", "deduct": "số lần (số nguyên)",
        "target": "kết quả đạt được"}


def _target(year: Year, unit: str, criterion: Criterion) -> str | None:
    if criterion.kind != "target":
        return None
    table = year.targets.targets.get(criterion.id, {}) if year.targets else {}
    if unit not in table:
        return "chưa giao"
    value = table[unit]
    measure = criterion.measure or ""
    return "không giao chỉ tiêu cụ thể" if value is None else \
        format_number(value) + (measure if measure in ("", "%") else f" {measure}")


def _rows(year: Year, unit: str, kind: str = KIND) -> list[tuple[Item, Criterion | None]]:
    """The form's rows: every content without criteria (a chấm chéo form only), every criterion that applies."""
    na = year.targets.not_applicable if year.targets else {}
    rows: list[tuple[Item, Criterion | None]] = []
    for item in year.items:
        applying = [c for c in item.criteria if unit not in na.get(c.id, [])]
        if not item.criteria and kind == KIND:
            rows.append((item, None))
        rows += [(item, c) for c in applying]
    return rows


def grade_workbook(year: Year, grader: Unit, unit: Unit) -> bytes:
    """The workbook `grader` fills in for `unit`, what it already gave filled in."""
    given = (year.grades or {}).get((grader.id, unit.id))
    return _workbook(year, unit, KIND, grader.id, [
        f"Phiếu chấm chéo năm {year.compact.year}",
        f"Đơn vị chấm: {grader.name} ({grader.id}) — đơn vị được chấm: {unit.name} ({unit.id})",
        "Ghi kết quả vào cột «Kết quả chấm»: đạt / không đạt, số lần, hoặc kết quả đạt được; nội dung không chia "
        "tiêu chí ghi điểm. Không thêm, xóa hay đổi thứ tự các dòng."],
        dict(given.scores) if given else {}, dict(given.notes) if given else {})


def criteria_workbook(year: Year, unit: Unit) -> bytes:
    """The workbook a unit fills in with its own results per criterion (tự chấm), what it wrote filled in."""
    scores = year.scores.get(unit.id)
    own: dict[int, Decimal | dict[str, Input]] = {}
    for item, score in (scores.scores.items() if scores else []):
        found = {cid: e.self_score for cid, e in (score.criteria.items() if score else []) if e and e.self_score
                 is not None}
        if found:
            own[item] = found
    return _workbook(year, unit, CRITERIA_KIND, "", [
        f"Phiếu tự chấm theo tiêu chí năm {year.compact.year}",
        f"Đơn vị: {unit.name} ({unit.id}) — {year.compact.block.name}",
        "Ghi kết quả tự chấm vào cột «Kết quả chấm»: đạt / không đạt, số lần, hoặc kết quả đạt được (không ghi "
        "điểm: giaouoc tính điểm). Không thêm, xóa hay đổi thứ tự các dòng."], own, {})


def _cells(year: Year, unit: Unit, item: Item, criterion: Criterion | None,
           value: Decimal | dict[str, Input] | None, notes: dict[int, str]) -> list[object]:
    """One row: code, title, what to write, max, the unit's target, the value on file, the note."""
    if criterion is None:
        return [item.id, item.title, "điểm", number(item.max), None,
                number(value) if isinstance(value, Decimal) else None, notes.get(item.id)]
    mine = value.get(criterion.id) if isinstance(value, dict) else None
    shown = (PASSED if mine else FAILED) if isinstance(mine, bool) else number(mine)
    how = f"số {criterion.measure} (số nguyên)" if criterion.kind in ("count", "deduct") and criterion.measure \
        else _HOW[criterion.kind]
    return [criterion.id, f"{item.id}. {criterion.title}", how, number(criterion.max),
            _target(year, unit.id, criterion), shown, None]


def _workbook(year: Year, unit: Unit, kind: str, grader: str, title: list[str],
              given: dict[int, Decimal | dict[str, Input]], notes: dict[int, str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    start = title_rows(sheet, title)
    header_row(sheet, start, HEADERS)
    choices = DataValidation(type="list", formula1=f'"{PASSED},{FAILED}"', allow_blank=True)
    whole = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    sheet.add_data_validation(choices)
    sheet.add_data_validation(whole)
    for row, (item, criterion) in enumerate(_rows(year, unit.id, kind), start=start + 1):
        cells = _cells(year, unit, item, criterion, given.get(item.id), notes)
        if criterion is not None and criterion.kind == "pass":
            choices.add(sheet.cell(row=row, column=INPUT))
        elif criterion is not None and criterion.kind in ("count", "deduct"):
            whole.add(sheet.cell(row=row, column=INPUT))
        for column, cell in enumerate(cells, start=1):
            put(sheet, row, column, cell).alignment = Alignment(wrap_text=True, vertical="top",
                                                                horizontal="left" if column <= 3 else None)
        sheet.row_dimensions[row].height = 15 * (len(str(cells[1])) // 55 + 1)
        for column in (INPUT, NOTE):
            sheet.cell(row=row, column=column).protection = Protection(locked=False)
    for letter, width in zip("ABCDEFG", (7, 60, 20, 11, 22, 14, 35), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.protection.sheet = True
    print_landscape(sheet)
    meta = workbook.create_sheet(META)
    rows: list[tuple[str, object]] = [("form", kind), ("year", year.compact.year), ("grader", grader),
                                      ("unit", unit.id), ("first_row", start + 1)]
    for index, (key, entry) in enumerate(rows, start=1):
        put(meta, index, 1, key)
        put(meta, index, 2, entry)
    meta.sheet_state = "veryHidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class GradeContent:
    grader: str = ""
    unit: str = ""
    scores: dict[int, Decimal | dict[str, Input]] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    report: Report = field(default_factory=Report)


def form_kind(path: Path) -> str | None:
    """KIND for a chấm chéo form, CRITERIA_KIND for a unit's form per criterion, else None (its hidden sheet says)."""
    workbook = _open(path)
    kind = workbook[META].cell(row=1, column=2).value if META in workbook.sheetnames else None
    return kind if kind in (KIND, CRITERIA_KIND) else None


def _open(path: Path) -> Any:
    from openpyxl import load_workbook

    from giaouoc.sheets.importer import check_size

    check_size(path)
    try:
        return load_workbook(path, data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FatalError(f"không đọc được {path.name} như một tệp Excel (.xlsx): {type(exc).__name__}") from exc


def read_grade_form(path: Path, year: Year) -> GradeContent:
    """Every filled-in cell of a returned chấm chéo form, or the problem with its sheet and cell."""
    workbook = _open(path)
    meta = {workbook[META].cell(row=r, column=1).value: workbook[META].cell(row=r, column=2).value for r in range(1, 6)}
    kind = str(meta.get("form"))
    content = GradeContent(str(meta.get("grader") or ""), str(meta.get("unit")))
    if str(meta.get("year")) != str(year.compact.year) or SHEET not in workbook.sheetnames or \
            content.unit not in {u.id for u in year.units}:
        content.report.add_cell(path.name, META, 2, 2, "form-mismatch",
                                f"phiếu không thuộc năm {year.compact.year} hoặc đơn vị không còn trong năm: "
                                "hãy lập phiếu mới bằng «giaouoc form»")
        return content
    sheet = workbook[SHEET]
    first = int(meta.get("first_row") or 0)
    for row, (item, criterion) in enumerate(_rows(year, content.unit, kind), start=first):
        code = str(item.id) if criterion is None else criterion.id
        if str(sheet.cell(row=row, column=1).value) != code:
            content.report.add_cell(path.name, SHEET, row, 1, "form-mismatch",
                                    f"dòng này phải là «{code}»: các dòng của phiếu đã bị đổi, hãy lập phiếu mới")
            return content
        _read_cell(sheet, row, item, criterion, path.name, content)
    return content


def _read_cell(sheet: Any, row: int, item: Item, criterion: Criterion | None, file: str,
               content: GradeContent) -> None:
    raw = sheet.cell(row=row, column=INPUT).value
    note = sheet.cell(row=row, column=NOTE).value
    if criterion is None and isinstance(note, str) and note.strip():
        content.notes[item.id] = unicodedata.normalize("NFC", note.strip())
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return
    value = _value(raw)
    label = f"nội dung {item.id}" if criterion is None else f"tiêu chí {criterion.id}"
    if value is None:
        content.report.add_cell(file, SHEET, row, INPUT, "invalid-number", f"{label}: «{raw}» không đọc được")
        return
    if criterion is None:
        if isinstance(value, bool) or not 0 <= value <= item.max:
            content.report.add_cell(file, SHEET, row, INPUT, "score-over-max",
                                    f"{label}: điểm phải từ 0 đến {format_number(item.max)}")
            return
        content.scores[item.id] = value
        return
    if problem := input_problem(criterion, value):
        content.report.add_cell(file, SHEET, row, INPUT, problem[0], problem[1])
        return
    inputs = content.scores.setdefault(item.id, {})
    assert isinstance(inputs, dict)
    inputs[criterion.id] = value


def _value(raw: Any) -> Input | None:
    """A cell as an input: đạt / không đạt, or an exact number of at most 2 decimals."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        word = unicodedata.normalize("NFC", raw).strip().lower()
        if word in (PASSED, FAILED):
            return word == PASSED
        raw = word
    if not isinstance(raw, int | float | str):
        return None
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        return None
    if isinstance(raw, float) and abs(value - value.quantize(Decimal("0.01"))) < Decimal("1e-9"):
        value = value.quantize(Decimal("0.01"))
    if not value.is_finite() or value.adjusted() > 9 or not two_places(value):
        return None
    return value.normalize() if value != value.to_integral_value() else value.quantize(Decimal(1))
