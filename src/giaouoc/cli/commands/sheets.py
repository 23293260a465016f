from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from giaouoc.cli.commands.common import Settings, YearArgument, about, load_checked, load_ranked, output_path
from giaouoc.errors import DataError, UsageError
from giaouoc.report.terminal import err, out, print_problems

if TYPE_CHECKING:

    pass

XlsxOption = Annotated[Path, typer.Option("--xlsx", metavar="TỆP", help="Tệp Excel (.xlsx) sẽ ghi.")]
UnitArgument = Annotated[str, typer.Argument(metavar="ĐƠN_VỊ", help="Mã đơn vị, ví dụ pa03.")]
FileArgument = Annotated[Path, typer.Argument(metavar="TỆP", help="Phiếu tự chấm (.xlsx) đơn vị gửi lại.")]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Chỉ cho xem thay đổi, không ghi tệp.")]


class ImportFormat(StrEnum):
    text = "text"
    json = "json"


ImportFormatOption = Annotated[ImportFormat, typer.Option("--format", help="Dạng kết quả: text hoặc json.")]


def export(ctx: typer.Context, year: YearArgument, xlsx: XlsxOption) -> int:
    """Xuất kết quả ra Excel: xếp hạng, điểm chi tiết, điểm thưởng và điểm trừ."""
    from giaouoc.files import write_atomic
    from giaouoc.sheets.export import export_workbook

    settings: Settings = ctx.obj
    _, data, ranking = load_ranked(settings, year)
    write_atomic(output_path(settings, xlsx), export_workbook(data, ranking))
    out(str(xlsx))
    return 0


def form(ctx: typer.Context, year: YearArgument, unit: UnitArgument, xlsx: XlsxOption) -> int:
    """Lập phiếu tự chấm (Excel) cho một đơn vị."""
    from giaouoc.files import write_atomic
    from giaouoc.sheets.form import form_workbook

    settings: Settings = ctx.obj
    unit = unit.lower()  # PA03 as the tables print it
    _, data = load_checked(settings, year, unit)
    if unit not in {u.id for u in data.units}:
        raise UsageError(f"không có đơn vị «{unit}» (các đơn vị: {', '.join(u.id for u in data.units)})")
    write_atomic(output_path(settings, xlsx), form_workbook(data, data.unit(unit)))
    out(str(xlsx))
    return 0


def import_form(ctx: typer.Context, year: YearArgument, file: FileArgument, dry_run: DryRunOption = False,
                output: ImportFormatOption = ImportFormat.text) -> int:
    """Nhập phiếu tự chấm vào scores/<đơn vị>.yaml (chỉ điểm tự chấm và ghi chú)."""
    from giaouoc.edit.importing import plan_import
    from giaouoc.files import year_lock
    from giaouoc.report.problems import import_json

    settings: Settings = ctx.obj
    if not file.is_file():
        raise UsageError(f"không có tệp {file}")
    with year_lock(settings.locate(year)[1]):  # two imports at once: the second reads what the first wrote
        _, data = load_checked(settings, year, unit="")  # errors now; the unit's warnings once the form names it
        plan = plan_import(data, file)
        shown = about(plan.report, plan.unit) if plan.unit else plan.report
        if output is ImportFormat.json:  # one document: the unit, the file, the changes, every problem
            written = not dry_run and not plan.report.errors and bool(plan.changes)
            if written:
                plan.write()
            out(import_json(shown, plan.unit, plan.shown, plan.changes, written))
            return 1 if plan.report.errors else 0
        print_problems(shown)
        if plan.report.errors:
            errors = len(plan.report.errors)
            raise DataError(f"phiếu {file.name} hoặc dữ liệu sau khi nhập có {errors} lỗi: chưa ghi gì")
        for line in plan.changes or ["Không có thay đổi."]:
            out(line)
        for line in plan.kept:
            err(f"Lưu ý: {line}.")
        if dry_run:
            err(f"Chạy thử (--dry-run): chưa ghi gì; phiếu của đơn vị «{plan.unit}» sẽ ghi vào {plan.shown}.")
        elif plan.changes:
            plan.write()
            err(f"Đã ghi {plan.shown} (phiếu của đơn vị «{plan.unit}»).")
    return 0
