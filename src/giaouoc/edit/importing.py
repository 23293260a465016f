"""The import plan: a returned form turned into the new text of one score file, checked as a whole year."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from giaouoc.edit.yamledit import apply_updates, replace_list
from giaouoc.errors import DataError
from giaouoc.files import write_atomic
from giaouoc.load.folder import display_path
from giaouoc.load.seal import closed_on
from giaouoc.load.tree import load_file
from giaouoc.model.records import Entry, UnitScores
from giaouoc.model.year import Year
from giaouoc.problems import Report
from giaouoc.vietnamese import format_number

if TYPE_CHECKING:
    from giaouoc.sheets.importer import EntryRow


@dataclass
class ImportPlan:
    """What importing a form would do; nothing is written until `write` is called."""

    unit: str
    target: Path  # the score file in the folder the year was loaded from
    shown: str  # the target as people read it
    text: str = ""  # the score file's new text
    changes: list[str] = field(default_factory=list)  # "nội dung 1: tự chấm 8 → 7"
    report: Report = field(default_factory=Report)  # problems in the form, or in the year after the import
    kept: list[str] = field(default_factory=list)  # cells the unit left empty whose score stays as it was

    def write(self) -> None:
        write_atomic(self.target, self.text.encode("utf-8"))


def plan_import(year: Year, form: Path) -> ImportPlan:
    """Read a returned form and work out the new score file; the year is re-checked with it in place."""
    from giaouoc.rules import load_year
    from giaouoc.sheets.importer import read_form

    closed = closed_on(year.folder)
    if closed is not None:
        raise DataError(f"năm {year.compact.year} đã khóa sổ ngày {closed.isoformat()}: không nhập phiếu vào năm đã "
                        f"khóa; nếu cần sửa, hãy mở lại bằng «giaouoc reopen {year.compact.year} --reason …»")
    content = read_form(form, year)
    by_criteria = criteria_rows_dropped(year, content.scores)  # scored per criterion: not from this form's row
    target = year.folder / "scores" / f"{content.unit}.yaml"
    plan = ImportPlan(content.unit, target, display_path(target, year.root), report=content.report)
    if content.report.errors:
        return plan
    source = load_file(target, plan.shown, Report()) if target.is_file() else None
    old_text = target.read_bytes().decode("utf-8") if target.is_file() else ""  # line ends kept as they are
    plan.text = apply_updates(old_text, source, content.unit, content.scores)
    before = year.scores.get(content.unit)
    plan.text, entry_changes, entries_kept = _apply_entries(plan.text, before, content.entries)
    with tempfile.TemporaryDirectory(prefix="giaouoc-import-") as work:
        trial = Path(work) / "compacts" / year.folder.name
        shutil.copytree(year.folder, trial, symlinks=True, ignore=_odd_files)
        (trial / "scores").mkdir(exist_ok=True)
        (trial / "scores" / target.name).write_bytes(plan.text.encode("utf-8"))
        checked, plan.report = load_year(Path(work), trial)
    if checked is not None:
        plan.changes = _changes(before, checked.scores[content.unit], content.scores) + entry_changes
        plan.kept = _kept(before, content.scores, year) + entries_kept + by_criteria
    return plan


def criteria_rows_dropped(year: Year, scores: dict[int, tuple[Decimal | None, str | None]]) -> list[str]:
    """Take out of a self form's rows the contents scored by criteria (their inputs are per criterion, never
    points); say which were filled in."""
    with_criteria = {i.id for i in year.items if i.criteria}
    dropped = [f"nội dung {i}: chấm theo tiêu chí, điểm ghi trên phiếu không được nhập (ghi kết quả từng tiêu chí, "
               "xem docs/cham-diem.md)" for i in sorted(with_criteria) if scores.get(i, (None, None))[0] is not None]
    for item in with_criteria:
        scores.pop(item, None)
    return dropped


def _kept(before: UnitScores | None, items: Mapping[int, tuple[Decimal | None, str | None]], year: Year) -> list[str]:
    """Self scores the unit cleared in its form: an empty cell never erases a score, it keeps the one on file."""
    lines = []
    for item in year.items:
        old = before.scores.get(item.id) if before is not None else None
        new_score = items.get(item.id, (None, None))[0]
        if new_score is None and old is not None and old.self_score is not None:
            lines.append(f"nội dung {item.id}: ô điểm tự chấm để trống, giữ nguyên {format_number(old.self_score)}")
    return lines


_LABELS = {"bonus": "điểm thưởng", "penalties": "điểm trừ"}


def _rows(entries: list[Entry]) -> list[EntryRow]:
    return [(e.points, e.reason, e.ref) for e in entries]


def _apply_entries(text: str, before: UnitScores | None,
                   forms: dict[str, list[EntryRow]]) -> tuple[str, list[str], list[str]]:
    """Bonus and penalty rows: a list is replaced when the form's differs; an emptied table keeps the file's."""
    changes, kept = [], []
    for key, rows in forms.items():
        on_file = _rows(getattr(before, key) if before is not None else [])
        if rows and rows != on_file:
            entries: list[dict[str, object]] = [{"points": p, "reason": r, "ref": f} for p, r, f in rows]
            text = replace_list(text, key, entries, _same(on_file, rows))
            changes += _entry_changes(key, on_file, rows)
        elif not rows and on_file:
            kept.append(f"bảng {_LABELS[key]} để trống, giữ nguyên {len(on_file)} mục đã có")
    return text, changes, kept


def _same(old: list[EntryRow], new: list[EntryRow]) -> list[int | None]:
    """For each new row, an old row equal to it (each old row used once), or None."""
    free = list(range(len(old)))
    found: list[int | None] = []
    for row in new:
        match = next((i for i in free if old[i] == row), None)
        if match is not None:
            free.remove(match)
        found.append(match)
    return found


def _entry_changes(key: str, old: list[EntryRow], new: list[EntryRow]) -> list[str]:
    """Rows taken out, then rows added: "điểm thưởng: thêm 1 điểm «Giải nhất …» (QĐ số 12)"."""
    def show(row: EntryRow) -> str:
        return f"{format_number(row[0])} điểm «{row[1]}»" + (f" ({row[2]})" if row[2] else "")

    left, lines = list(new), []
    for row in old:
        if row in left:
            left.remove(row)
        else:
            lines.append(f"{_LABELS[key]}: bỏ {show(row)}")
    return lines + [f"{_LABELS[key]}: thêm {show(row)}" for row in left]


def _odd_files(folder: str, names: list[str]) -> list[str]:
    """What the trial copy leaves out: pipes, devices and sockets (links are copied as links, not followed)."""
    base = Path(folder)
    return [n for n in names if not (base / n).is_symlink() and not (base / n).is_file() and not (base / n).is_dir()]


def _changes(before: UnitScores | None, after: UnitScores, items: Mapping[int, object]) -> list[str]:
    """The self scores and notes that change, item by item, as "old → new"."""
    def show(value: Decimal | str | None) -> str:
        if value is None:
            return "—"
        return f"«{value}»" if isinstance(value, str) else format_number(value)

    old = before.scores if before is not None else {}
    lines = []
    for item in sorted(items):
        a, b = old.get(item), after.scores.get(item)
        for label, key in (("tự chấm", "self_score"), ("ghi chú", "note")):
            va, vb = getattr(a, key, None), getattr(b, key, None)
            if va != vb:
                lines.append(f"nội dung {item}: {label} {show(va)} → {show(vb)}")
    return lines
