"""Read a returned self-assessment form: every cell checked, every problem a Problem at its sheet and cell."""

from __future__ import annotations

import re
import unicodedata
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from giaouoc.errors import FatalError
from giaouoc.load.text import CONTROL_CHARS
from giaouoc.model.fields import decimal_comma_hint, two_places
from giaouoc.model.records import Item
from giaouoc.model.year import Year
from giaouoc.problems import Report
from giaouoc.sheets.form import (
    FORM_KIND,
    FORM_SHEET,
    META_SHEET,
    NOTE_COLUMN,
    OLD_FORM_KIND,
    REASON_COLUMN,
    REF_COLUMN,
    SCORE_COLUMN,
    SECTIONS,
    unit_line,
)
from giaouoc.sheets.formbase import EntryRow, FormBase, read_base
from giaouoc.sheets.khoi_rows import KhoiRow, read_khoi_rows
from giaouoc.sheets.layout_check import check_layout
from giaouoc.vietnamese import format_number, short_date

_DOT = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?\Z")
_META_ROWS = {"form": 1, "year": 2, "unit": 3, "items": 4, "first_row": 5, "bonus": 6, "penalties": 7, "base": 8}


@dataclass
class FormContent:
    """What a returned form says: the unit, and per item the self score and note written in it."""

    unit: str
    scores: dict[int, tuple[Decimal | None, str | None]] = field(default_factory=dict)
    entries: dict[str, list[EntryRow]] = field(default_factory=dict)  # "bonus"/"penalties": rows filled in
    report: Report = field(default_factory=Report)
    base: FormBase | None = None  # None: a form of giaouoc 0.2, which kept no base
    rows: dict[str, list[EntryRow | None]] = field(default_factory=dict)  # the proposal rows, empty ones None
    sheet: str = ""  # the form sheet's name, as the unit left it
    item_rows: dict[int, int] = field(default_factory=dict)  # item id -> its row
    entry_rows: dict[str, int] = field(default_factory=dict)  # "bonus"/"penalties" -> the first proposal row
    khoi: dict[str, list[KhoiRow]] = field(default_factory=dict)  # "bonus"/"penalties" -> the Khối's rows (K1 …)

    def cell_of(self, where: tuple[str, int, int]) -> tuple[int, int]:
        """The (row, column) of a merged value: ("score", item, 0 self / 1 note) or ("bonus", row index, 0)."""
        kind, index, field_index = where
        if kind == "score":
            return self.item_rows.get(index, 1), NOTE_COLUMN if field_index else SCORE_COLUMN
        return self.entry_rows.get(kind, 1) + index, REASON_COLUMN


def read_form(path: Path, year: Year) -> FormContent:
    """Read and check every cell of a returned form; problems name the sheet and cell (Tự chấm!E7)."""
    try:
        return _read_form(path, year)
    except FatalError:
        raise
    except Exception as exc:  # a read-only workbook is parsed cell by cell, here: broken XML, NaN, an entity bomb
        raise FatalError(f"không đọc được {path.name}: nội dung tệp Excel hỏng hoặc đã bị sửa ngoài Excel "
                         f"({type(exc).__name__}): hãy lập phiếu mới hoặc mở và lưu lại phiếu bằng Excel") from exc


def _read_form(path: Path, year: Year) -> FormContent:
    workbook, form_sheet = _open(path)
    with closing(workbook):
        return _read(workbook, form_sheet, path, year)


def _read(workbook: Any, form_sheet: str, path: Path, year: Year) -> FormContent:
    content = FormContent("")
    meta = _meta(workbook[META_SHEET], path.name, content.report)
    if content.report.errors:
        return content
    unit = _check_meta(meta, workbook[form_sheet], path.name, year, content.report)
    if unit is None:
        return content
    content.unit, content.sheet = unit, form_sheet
    first = meta.get("first_row")
    if isinstance(first, bool) or not isinstance(first, int) or not 1 <= first <= 100:
        content.report.add_cell(path.name, META_SHEET, _META_ROWS["first_row"], 2, "form-mismatch",
                                "phiếu đã bị sửa (dòng đầu của bảng điểm không hợp lệ): hãy lập phiếu mới")
        return content
    if not check_layout(meta, workbook[form_sheet], len(year.items), path.name, content.report):
        return content
    formulas = _uncomputed_formulas(path, form_sheet)
    for offset, item in enumerate(year.items):
        content.item_rows[item.id] = first + offset
        _read_row(workbook[form_sheet], first + offset, item, formulas, path.name, content)
    for key in SECTIONS:
        if key in meta:  # forms made before the bonus and penalty rows have none
            _read_entries(workbook[form_sheet], key, meta[key], path.name, content)
    if meta.get("form") == FORM_KIND:
        content.base = read_base(workbook[META_SHEET], _META_ROWS["base"], path.name, year, content.report)
        if content.base is not None and any(len(content.base.entries[k]) > len(content.rows.get(k, []))
                                            for k in SECTIONS):
            content.report.add_cell(path.name, META_SHEET, _META_ROWS["base"], 2, "form-mismatch",
                                    "phiếu đã bị sửa (giá trị gốc không khớp các dòng của phiếu): hãy lập phiếu mới")
    else:
        content.report.add_cell(path.name, META_SHEET, _META_ROWS["form"], 2, "form-without-base",
                                f"phiếu của đơn vị «{content.unit}» lập bằng phiên bản cũ, không lưu giá trị lúc lập "
                                "phiếu: mọi ô có giá trị được "
                                "ghi như trước (kể cả khi tệp điểm đã sửa sau khi lập phiếu); các dòng thưởng/trừ "
                                "khác mục Khối đã ghi nhận được nhập thành đề nghị của đơn vị. Lần sau hãy gửi phiếu "
                                f"mới: «giaouoc form {year.compact.year} {content.unit}»")
    return content


def _read_entries(sheet: Any, key: str, where: Any, file: str, content: FormContent) -> None:
    """The bonus (or penalty) rows the unit filled in: reason and points both, the basis optional."""
    first, _, count = str(where).partition(",")
    if not (first.isdigit() and count.isdigit() and 1 <= int(first) <= 1000 and int(count) <= 100):
        content.report.add_cell(file, META_SHEET, _META_ROWS[key], 2, "form-mismatch",
                                "phiếu đã bị sửa (vị trí bảng điểm thưởng, điểm trừ không hợp lệ): hãy lập phiếu mới")
        return
    content.entry_rows[key] = int(first)
    content.khoi[key] = read_khoi_rows(sheet, int(first), SCORE_COLUMN, REASON_COLUMN, REF_COLUMN)
    label = "điểm thưởng đề nghị" if key == "bonus" else "điểm trừ tự nhận"
    rows: list[EntryRow] = []
    content.rows[key] = []
    for index in range(int(count)):
        row = int(first) + index
        if sheet.cell(row=row, column=1).value != index + 1:
            content.report.add_cell(file, sheet.title, row, 1, "form-mismatch",
                                    f"dòng này phải là dòng {index + 1} của bảng {label} (các dòng đã bị thêm, "
                                    "xóa hoặc đổi thứ tự)")
            return
        errors_before = len(content.report.errors)
        reason = _text(sheet, row, REASON_COLUMN, f"{label} dòng {index + 1}", file, content.report)
        ref = _text(sheet, row, REF_COLUMN, f"{label} dòng {index + 1}", file, content.report)
        points = _score(sheet, row, SCORE_COLUMN, f"{label} dòng {index + 1}", None, file, content.report)
        content.rows[key].append(None)
        if reason is None and points is None and ref is None:
            continue
        if reason is None or points is None:
            if len(content.report.errors) == errors_before:  # a refused cell already says what is wrong
                missing = "lý do" if reason is None else "số điểm"
                content.report.add_cell(file, sheet.title, row, REASON_COLUMN if reason is None else SCORE_COLUMN,
                                        "missing-key", f"{label} dòng {index + 1}: thiếu {missing}")
            continue
        rows.append((points, reason, ref))
        content.rows[key][-1] = rows[-1]
    content.entries[key] = rows


def _text(sheet: Any, row: int, column: int, label: str, file: str, report: Report) -> str | None:
    """A text cell: None when empty; control characters refused."""
    value = sheet.cell(row=row, column=column).value
    if isinstance(value, date):  # Excel turns "27/11/2026" typed in a cell into a date: back to how it was typed
        value = short_date(value)
    text = unicodedata.normalize("NFC", str(value).replace("\r\n", "\n").strip()) \
        if value is not None and str(value).strip() else None
    if text is not None and CONTROL_CHARS.search(text):  # tabs and new lines are allowed, a lone CR is not
        report.add_cell(file, sheet.title, row, column, "control-char",
                        f"{label}: có ký tự điều khiển (Word, Excel không nhận)")
        return None
    return text


def _open(path: Path) -> tuple[Any, str]:
    """The workbook (read-only, values as Excel computed them) and the name of its form sheet."""
    from openpyxl import load_workbook

    check_size(path)
    try:
        workbook = load_workbook(path, data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FatalError(not_a_workbook(path)) from exc
    try:
        return workbook, _form_sheet(workbook, path)
    except FatalError:
        workbook.close()
        raise


def not_a_workbook(path: Path) -> str:
    return (f"không đọc được {path.name} như một tệp Excel (.xlsx): tệp hỏng, chưa tải về hết, hoặc là loại tệp "
            "khác (.xls, .ods, .pdf …); hãy mở tệp trong Excel, lưu lại dạng «Excel Workbook (.xlsx)» rồi nhập lại")


def _form_sheet(workbook: Any, path: Path) -> str:
    if META_SHEET not in workbook.sheetnames:
        raise FatalError(f"{path.name} không phải phiếu tự chấm do «giaouoc form» tạo ra (thiếu phần đánh dấu ẩn "
                         "của phiếu): hãy dùng phiếu lập bằng «giaouoc form»")
    visible = [name for name in workbook.sheetnames if name != META_SHEET]
    form_sheet = FORM_SHEET if FORM_SHEET in workbook.sheetnames else visible[0] if len(visible) == 1 else None
    if form_sheet is None:  # a renamed "Tự chấm" is still found when it is the only visible sheet
        raise FatalError(f"{path.name}: không tìm thấy trang «{FORM_SHEET}» của phiếu (có các trang: "
                         f"{', '.join(visible)}): hãy giữ nguyên tên trang, hoặc lập phiếu mới")
    return form_sheet


def _read_row(sheet: Any, row: int, item: Item, formulas: dict[int, str], file: str, content: FormContent) -> None:
    """One item's row: the self score and the note, or the problem with its cell."""
    if str(sheet.cell(row=row, column=1).value) != str(item.id):
        content.report.add_cell(file, sheet.title, row, 1, "form-mismatch",
                                f"dòng này phải là nội dung {item.id} (các dòng đã bị thêm, xóa hoặc đổi thứ tự)")
        return
    if row in formulas:
        content.report.add_cell(file, sheet.title, row, SCORE_COLUMN, "invalid-number",
                                f"nội dung {item.id}: ô chứa công thức chưa được tính ({formulas[row]}): hãy mở "
                                "phiếu trong Excel, lưu lại, hoặc nhập số")
        return
    score = _score(sheet, row, SCORE_COLUMN, f"nội dung {item.id}", item.max, file, content.report)
    errors = len(content.report.errors)
    note_text = _text(sheet, row, NOTE_COLUMN, f"nội dung {item.id}: ghi chú", file, content.report)
    if len(content.report.errors) > errors:
        return
    if score is not None or note_text is not None:
        content.scores[item.id] = (score, note_text)


MAX_FORM_BYTES = 10 * 1024 * 1024  # a form is a few kilobytes
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100


def check_size(path: Path) -> None:
    """Refuse a workbook far larger than any form before opening it: a small zip can unpack to gigabytes."""
    import zipfile

    try:
        size = path.stat().st_size
        if size > MAX_FORM_BYTES:
            raise FatalError(f"{path.name} lớn {size // (1024 * 1024)} MB: phiếu tự chấm chỉ vài chục KB, không mở")
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (OSError, zipfile.BadZipFile) as exc:
        raise FatalError(not_a_workbook(path)) from exc
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(size, 1) and unpacked > 1024 * 1024:
        raise FatalError(f"{path.name} giải nén ra {unpacked // (1024 * 1024)} MB: quá lớn so với một phiếu tự chấm, "
                         "không mở (có thể là tệp độc hại)")


def _uncomputed_formulas(path: Path, sheet_name: str) -> dict[int, str]:
    """Score cells holding a formula whose value Excel never computed (no cached value), by row."""
    from openpyxl import load_workbook

    found = {}
    with closing(load_workbook(path, data_only=False, read_only=True)) as workbook, \
            closing(load_workbook(path, data_only=True, read_only=True)) as computed:
        values = computed[sheet_name]
        for row in workbook[sheet_name].iter_rows(min_col=SCORE_COLUMN, max_col=SCORE_COLUMN):
            cell = row[0]
            if isinstance(cell.value, str) and cell.value.startswith("=") and \
                    values.cell(row=cell.row, column=SCORE_COLUMN).value is None:
                found[cell.row] = cell.value
    return found


def _meta(sheet: Any, file: str, report: Report) -> dict[str, Any]:
    """The hidden sheet's key/value rows; a key written twice, or out of its row, is refused."""
    meta: dict[str, Any] = {}
    for row in sheet.iter_rows(max_col=2):
        key = row[0].value
        if not key:
            continue
        key = str(key)
        if key in meta or _META_ROWS.get(key, row[0].row) != row[0].row:
            report.add_cell(file, sheet.title, row[0].row, 1, "form-mismatch",
                            f"dòng «{key}» của trang ẩn bị lặp lại hoặc bị chuyển chỗ: phiếu đã bị sửa")
        meta[key] = row[1].value
    return meta


def _check_meta(meta: dict[str, Any], sheet: Any, file: str, year: Year, report: Report) -> str | None:
    """The unit the form is for, when the hidden sheet matches this year and the visible form."""
    def refuse(key: str, message: str) -> None:
        report.add_cell(file, META_SHEET, _META_ROWS[key], 2, "form-mismatch", message)

    if meta.get("form") not in (FORM_KIND, OLD_FORM_KIND):
        refuse("form", "phiếu tự chấm không đúng mẫu")
        return None
    if str(meta.get("year")) != str(year.compact.year):
        heading = sheet.cell(row=1, column=1).value
        report.add_cell(file, sheet.title, 1, 1, "form-mismatch",
                        f"phiếu của năm {meta.get('year')} (xem dòng đầu của phiếu: «{heading}»), không phải năm "
                        f"{year.compact.year}: hãy lập phiếu năm {year.compact.year}")
        return None
    unit = str(meta.get("unit"))
    units = {u.id: u for u in year.units}
    if unit not in units:
        refuse("unit", f"đơn vị «{unit}» của phiếu không có trong units.yaml")
        return None
    if sheet.cell(row=2, column=1).value != unit_line(year, units[unit]):
        report.add_cell(file, sheet.title, 2, 1, "form-mismatch",
                        f"phiếu ghi đơn vị khác với trang ẩn («{unit}»): phiếu đã bị sửa, hãy lập phiếu mới bằng "
                        f"«giaouoc form {year.compact.year} {unit}»")
        return None
    if str(meta.get("items")) != ",".join(str(i.id) for i in year.items):
        refuse("items", f"danh sách nội dung trong phiếu khác items.yaml hiện tại: hãy lập phiếu mới bằng "
                        f"«giaouoc form {year.compact.year} {unit}»")
        return None
    return unit


def _score(sheet: Any, row: int, column: int, label: str, maximum: Decimal | None, file: str,
           report: Report) -> Decimal | None:
    """A score (0 to `maximum`) or, with no maximum, bonus or penalty points (more than 0)."""
    value = sheet.cell(row=row, column=column).value

    def refuse(code: str, message: str) -> None:
        report.add_cell(file, sheet.title, row, column, code, f"{label}: {message}")

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        refuse("invalid-number", f"cần một số, không phải «{short_date(value) if isinstance(value, date) else value}»")
        return None
    if isinstance(value, str):
        text = value.strip()
        if decimal_comma_hint(text):  # "7,5" kept as text by a Vietnamese Excel: the number 7.5
            text = text.replace(",", ".")
        if not _DOT.match(text):
            refuse("invalid-number", f"cần một số, không phải «{text}»")
            return None
        value = text
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        refuse("invalid-number", f"cần một số, không phải «{value}»")
        return None
    if not number.is_finite() or number.adjusted() > 9:
        wanted = f"từ 0 đến {format_number(maximum)}" if maximum is not None else "lớn hơn 0"
        refuse("invalid-number", f"cần một số {wanted}, không phải «{value}»")
        return None
    if isinstance(value, float) and abs(number - number.quantize(Decimal("0.01"))) < Decimal("1e-9"):
        number = number.quantize(Decimal("0.01"))  # 8.3 - 0.8 computed by Excel is 7.500000000000001: Excel shows 7,5
    if not two_places(number):
        refuse("too-many-decimals", f"điểm {value} có quá 2 chữ số thập phân")
        return None
    if maximum is None and number <= 0:
        refuse("points-not-positive", f"số điểm {format_number(number)} phải lớn hơn 0")
        return None
    if maximum is not None and not 0 <= number <= maximum:
        code = "score-negative" if number < 0 else "score-over-max"
        refuse(code, f"điểm {format_number(number)} phải từ 0 đến điểm chuẩn {format_number(maximum)}")
        return None
    return number.normalize() if number != number.to_integral_value() else number.quantize(Decimal(1))
