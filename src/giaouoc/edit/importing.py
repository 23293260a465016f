"""The import plan: a returned form turned into the new text of one score file, checked as a whole year.

Only what the unit changed in its form since the form was made is written (edit/merge.py); the Khối's bonus and
penalty entries are never touched: the unit's rows become its proposals (`proposed_bonus`, `proposed_penalties`).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from giaouoc.edit.merge import Conflict, Merge, merge_entries, merge_scores, replace_entries
from giaouoc.edit.yamledit import apply_updates, remove_key, replace_list
from giaouoc.errors import DataError
from giaouoc.files import write_atomic
from giaouoc.load.folder import display_path
from giaouoc.load.seal import closed_on
from giaouoc.load.tree import load_file
from giaouoc.model.records import Entry, UnitScores
from giaouoc.model.year import Year
from giaouoc.problems import Report
from giaouoc.vietnamese import format_number, short_date

if TYPE_CHECKING:
    from giaouoc.sheets.formbase import EntryRow
    from giaouoc.sheets.importer import FormContent

PREFER = {"form": "giá trị trong phiếu", "file": "giá trị trong tệp điểm"}


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

    def same_as_file(self) -> bool:
        """The new text is the score file as it is: writing would change nothing."""
        return self.target.is_file() and self.target.read_bytes() == self.text.encode("utf-8")


def refuse_closed(year: Year, what: str = "phiếu") -> None:
    """Nothing is imported into a closed year (every import: self forms, chấm chéo, the tally sheet)."""
    closed = closed_on(year.folder)
    if closed is not None:
        raise DataError(f"năm {year.compact.year} đã khóa sổ ngày {short_date(closed)}: không nhập {what} vào năm đã "
                        f"khóa; nếu cần sửa, hãy mở lại bằng «giaouoc reopen {year.compact.year} --reason …»")


def plan_import(year: Year, form: Path, prefer: str | None = None) -> ImportPlan:
    """Read a returned form and work out the new score file; the year is re-checked with it in place.

    `prefer` ("form" or "file") settles values both the unit and the file changed since the form was made;
    without it such a conflict is an error and nothing is written.
    """
    from giaouoc.sheets.importer import read_form

    refuse_closed(year)
    content = read_form(form, year)
    by_criteria = criteria_rows_dropped(year, content.scores)  # scored per criterion: not from this form's row
    target = year.folder / "scores" / f"{content.unit}.yaml"
    plan = ImportPlan(content.unit, target, display_path(target, year.root), report=content.report)
    if content.report.errors:
        return plan
    source = load_file(target, plan.shown, Report()) if target.is_file() else None
    old_text = target.read_bytes().decode("utf-8") if target.is_file() else ""  # line ends kept as they are
    before = year.scores.get(content.unit)
    merged = merge_form(content, before, prefer)
    if merged.conflicts and prefer is None:
        conflicts_to_report(content, merged, form.name, plan.report)
        return plan
    plan.text = apply_updates(old_text, source, content.unit, merged.updates) if merged.updates or not old_text \
        else old_text
    plan.text, entry_changes = _apply_proposals(plan.text, before, merged)
    checked, plan.report = trial_check(year, f"scores/{target.name}", plan.text)
    plan.report.extend(content.report)  # the form's warnings (an old form without a base)
    if checked is not None:
        plan.changes = _changes(before, checked.scores[content.unit], merged.updates) + entry_changes
        plan.changes += [settled(c, prefer) for c in merged.conflicts]
        plan.kept = _kept(before, content.scores, year) + _entries_kept(before, content, merged) + by_criteria
        plan.kept += [f"{_LABELS[key]} {_entry_text(row)}: Khối đã ghi nhận mục cùng lý do, không nhập thành đề nghị"
                      for key, row in merged.recorded]
        plan.kept += _khoi_changed(content, before)
    return plan


def _khoi_changed(content: FormContent, before: UnitScores | None) -> list[str]:
    """The Khối's rows (K1 …) the unit overwrote in its form: never imported, but told, so an objection is seen."""
    from giaouoc.sheets.form import FORM_SHEET
    from giaouoc.sheets.khoi_rows import changed_khoi_rows

    lines = []
    for key, rows in content.khoi.items():
        entries: list[Entry] = getattr(before, key) if before is not None else []
        for index in changed_khoi_rows(rows, entries):
            entry = entries[index]
            lines.append(f"dòng K{index + 1} ({content.sheet or FORM_SHEET}!A{rows[index][0]}) của bảng "
                         f"{_KHOI_LABELS[key]} khác mục Khối đã ghi nhận "
                         f"{_entry_text((entry.points, entry.reason, entry.ref))}: phiếu không sửa mục của Khối, tệp "
                         "điểm giữ nguyên; nếu đơn vị đề nghị sửa mục này, Khối xem xét rồi sửa tệp điểm")
    return lines


def trial_check(year: Year, relative: str, text: str) -> tuple[Year | None, Report]:
    """The year checked through the pipeline with `text` in place of its file `relative` (scores/pa01.yaml,
    grades/pa01/pa02.yaml, review.yaml), in a copy: every import writes nothing until this passes."""
    from giaouoc.pipeline import other_years, run_year

    with tempfile.TemporaryDirectory(prefix="giaouoc-import-") as work:
        compacts = year.root / "compacts"
        in_block = year.folder.resolve().parent == compacts.resolve()  # else a year given by a path, read alone
        trial = Path(work) / ("compacts" if in_block else "") / year.folder.name
        shutil.copytree(compacts if in_block else year.folder, trial.parent if in_block else trial, symlinks=True,
                        ignore=_odd_files)  # the whole block: the pipeline checks the year with the other years
        (trial / relative).parent.mkdir(parents=True, exist_ok=True)
        (trial / relative).write_bytes(text.encode("utf-8"))
        run = run_year(Path(work), trial, last=other_years)
    return run.year, run.report


def merge_form(content: FormContent, before: UnitScores | None, prefer: str | None) -> Merge:
    """What to write: three-way against the form's base, or (a form without one) every value it holds."""
    merged = Merge()
    on_file = {item: (s.self_score, s.note) for item, s in (before.scores if before else {}).items() if s}
    for key, proposed in PROPOSED_KEYS.items():
        file_rows = _rows(getattr(before, proposed) if before is not None else [])
        khoi = _rows(getattr(before, key) if before is not None else [])
        if content.base is not None:
            merge_entries(key, content.base.entries[key], content.rows.get(key, []), file_rows, khoi, prefer,
                          merged)
        elif key in content.entries:
            replace_entries(key, content.entries[key], file_rows, khoi, merged)
    if content.base is not None:
        merge_scores(content.base.scores, content.scores, on_file, prefer, merged)
    else:  # as giaouoc 0.2 did, but a value equal to the file's is not written again
        merge_scores(on_file, content.scores, on_file, prefer, merged)
    return merged


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


_LABELS = {"bonus": "điểm thưởng đơn vị đề nghị", "penalties": "điểm trừ đơn vị tự nhận"}
_KHOI_LABELS = {"bonus": "điểm thưởng", "penalties": "điểm trừ"}
PROPOSED_KEYS = {"bonus": "proposed_bonus", "penalties": "proposed_penalties"}  # form table -> score file key


def _rows(entries: list[Entry]) -> list[EntryRow]:
    return [(e.points, e.reason, e.ref) for e in entries]


def _apply_proposals(text: str, before: UnitScores | None, merged: Merge) -> tuple[str, list[str]]:
    """The proposal lists that change, each replaced (unchanged entries keep their text) or removed when empty."""
    changes = []
    for key, rows in merged.proposals.items():
        on_file = _rows(getattr(before, PROPOSED_KEYS[key]) if before is not None else [])
        if rows:
            entries: list[dict[str, object]] = [{"points": p, "reason": r, "ref": f} for p, r, f in rows]
            text = replace_list(text, PROPOSED_KEYS[key], entries, _same(on_file, rows))
        else:
            text = remove_key(text, PROPOSED_KEYS[key])
        changes += _entry_changes(key, on_file, rows)
    return text, changes


def _entries_kept(before: UnitScores | None, content: FormContent, merged: Merge) -> list[str]:
    """A form without a base whose table is empty keeps the unit's proposals on file, and says so."""
    kept = []
    for key, proposed in PROPOSED_KEYS.items():
        on_file = getattr(before, proposed) if before is not None else []
        if content.base is None and key in content.entries and key not in merged.proposals and on_file and \
                not [r for r in content.entries[key] if r not in _rows(getattr(before, key))]:
            kept.append(f"bảng {_LABELS[key]} để trống, giữ nguyên {len(on_file)} mục đã có")
    return kept


def conflicts_to_report(content: FormContent, merged: Merge, file: str, report: Report) -> None:
    """Each conflict as an error at its cell: the value on file and the form's value."""
    from giaouoc.sheets.form import FORM_SHEET

    for conflict in merged.conflicts:
        row, column = content.cell_of(conflict.where)
        report.add_cell(file, content.sheet or FORM_SHEET, row, column, "import-conflict",
                        f"{describe(conflict)}: chọn bên thắng bằng «--prefer form» (lấy giá trị trong phiếu) "
                        "hoặc «--prefer file» (giữ giá trị trong tệp điểm)")


def describe(conflict: Conflict) -> str:
    """"nội dung 1: tự chấm trong tệp điểm 9 (lúc lập phiếu 8), trong phiếu 1,25"."""
    kind, index, field_index = conflict.where
    if kind == "score":
        what = f"nội dung {index}: {'tự chấm' if field_index == 0 else 'ghi chú'}"
        return (f"{what} đã được sửa trong tệp điểm thành {_shown(conflict.on_file)} (lúc lập phiếu "
                f"{_shown(conflict.base)}), trong phiếu ghi {_shown(conflict.in_form)}")
    return (f"{_LABELS[kind]} dòng {index + 1}: trong tệp điểm không còn {_entry_text(conflict.base)} "
            f"(Khối đã xem xét hoặc đã sửa), trong phiếu sửa thành {_entry_text(conflict.in_form)}")


def settled(conflict: Conflict, prefer: str | None) -> str:
    return f"xung đột: {describe(conflict)} → lấy {PREFER[prefer or 'file']} (--prefer {prefer or 'file'})"


def _shown(value: object) -> str:
    if value is None:
        return "—"
    return format_number(value) if isinstance(value, Decimal) else f"«{value}»"


def _entry_text(row: object) -> str:
    if not isinstance(row, tuple):
        return "—"
    return f"{format_number(row[0])} điểm «{row[1]}»" + (f" ({row[2]})" if row[2] else "")


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
    """Rows taken out, then rows added: "điểm thưởng đơn vị đề nghị: thêm 1 điểm «Giải nhất …» (QĐ số 12)"."""
    left, lines = list(new), []
    for row in old:
        if row in left:
            left.remove(row)
        else:
            lines.append(f"{_LABELS[key]}: bỏ {_entry_text(row)}")
    return lines + [f"{_LABELS[key]}: thêm {_entry_text(row)}" for row in left]


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
