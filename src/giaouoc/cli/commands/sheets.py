from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from giaouoc.cli.commands.common import Settings, YearArgument, load_checked
from giaouoc.cli.terminal import err, out, print_problems
from giaouoc.errors import DataError, UsageError
from giaouoc.load.folder import display_path
from giaouoc.problems import Report

if TYPE_CHECKING:
    from decimal import Decimal

    from giaouoc.model.records import UnitScores

XlsxOption = Annotated[Path, typer.Option("--xlsx", metavar="FILE", help="Tệp Excel (.xlsx) sẽ ghi.")]
UnitArgument = Annotated[str, typer.Argument(metavar="UNIT", help="Mã đơn vị, ví dụ pa03.")]
FileArgument = Annotated[Path, typer.Argument(metavar="FILE", help="Phiếu tự chấm (.xlsx) đơn vị gửi lại.")]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Chỉ cho xem thay đổi, không ghi tệp.")]


def export(ctx: typer.Context, year: YearArgument, xlsx: XlsxOption) -> int:
    """Xuất kết quả ra Excel: xếp hạng, điểm chi tiết, điểm thưởng và điểm trừ."""
    from giaouoc.files import write_atomic
    from giaouoc.rank.ranking import rank_year
    from giaouoc.sheets.export import export_workbook

    settings: Settings = ctx.obj
    _, data = load_checked(settings, year)
    write_atomic(xlsx, export_workbook(data, rank_year(data)))
    out(str(xlsx))
    return 0


def form(ctx: typer.Context, year: YearArgument, unit: UnitArgument, xlsx: XlsxOption) -> int:
    """Lập phiếu tự chấm (Excel) cho một đơn vị."""
    from giaouoc.files import write_atomic
    from giaouoc.sheets.form import form_workbook

    settings: Settings = ctx.obj
    _, data = load_checked(settings, year)
    if unit not in {u.id for u in data.units}:
        raise UsageError(f"không có đơn vị «{unit}» (các đơn vị: {', '.join(u.id for u in data.units)})")
    write_atomic(xlsx, form_workbook(data, data.unit(unit)))
    out(str(xlsx))
    return 0


def import_form(ctx: typer.Context, year: YearArgument, file: FileArgument, dry_run: DryRunOption = False) -> int:
    """Nhập phiếu tự chấm vào scores/<đơn vị>.yaml (chỉ điểm tự chấm và ghi chú)."""
    from giaouoc.edit.yamledit import apply_updates
    from giaouoc.files import write_atomic
    from giaouoc.load.tree import load_file
    from giaouoc.rules import load_year
    from giaouoc.sheets.importer import read_form

    settings: Settings = ctx.obj
    root, data = load_checked(settings, year)
    if not file.is_file():
        raise UsageError(f"không có tệp {file}")
    content = read_form(file, data)
    if content.problems:
        for problem in content.problems:
            err(f"{file.name}: {problem}")
        raise DataError(f"phiếu có {len(content.problems)} lỗi: chưa ghi gì")
    folder = root / "compacts" / str(data.compact.year)
    target = folder / "scores" / f"{content.unit}.yaml"
    report = Report()
    source = load_file(target, display_path(target, root), report) if target.is_file() else None
    old_text = target.read_text(encoding="utf-8") if target.is_file() else ""
    new_text = apply_updates(old_text, source, content.unit, content.scores)
    with tempfile.TemporaryDirectory(prefix="giaouoc-import-") as work:
        trial = Path(work) / "compacts" / folder.name
        shutil.copytree(folder, trial)
        (trial / "scores" / target.name).write_text(new_text, encoding="utf-8")
        checked, trial_report = load_year(Path(work), trial)
    if checked is None:
        print_problems(trial_report)
        raise DataError("dữ liệu sau khi nhập phiếu có lỗi: chưa ghi gì")
    before = data.scores.get(content.unit)
    changes = _changes(before, checked.scores[content.unit], content.scores)
    for line in changes or ["Không có thay đổi."]:
        out(line)
    if dry_run:
        err("Chạy thử (--dry-run): chưa ghi gì.")
    elif changes:
        write_atomic(target, new_text.encode("utf-8"))
        err(f"Đã ghi {display_path(target, root)}.")
    return 0


def _changes(before: UnitScores | None, after: UnitScores, items: Mapping[int, object]) -> list[str]:
    """The self scores and notes that change, item by item, as "old → new"."""
    from giaouoc.vietnamese import format_number

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
