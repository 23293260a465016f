"""`giaouoc import`: returned forms into the score files; with several forms, all are written or none."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from giaouoc.cli.commands.common import Settings, YearArgument, about, load_checked
from giaouoc.errors import DataError, UsageError
from giaouoc.report.terminal import err, out, out_json, print_problems

if TYPE_CHECKING:
    from giaouoc.edit.importing import ImportPlan

FilesArgument = Annotated[list[Path], typer.Argument(metavar="TỆP...",
                                                     help="Các phiếu tự chấm (.xlsx) đơn vị gửi lại.")]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Chỉ cho xem thay đổi, không ghi tệp.")]


class ImportFormat(StrEnum):
    text = "text"
    json = "json"


ImportFormatOption = Annotated[ImportFormat, typer.Option("--format", help="Dạng kết quả: text hoặc json.")]


class Prefer(StrEnum):
    form = "form"
    file = "file"


PreferOption = Annotated[Prefer | None, typer.Option(
    "--prefer", metavar="form|file",
    help="Khi đơn vị sửa trong phiếu một giá trị mà tệp điểm cũng đã sửa sau khi lập phiếu (xung đột): "
         "«form» lấy giá trị trong phiếu, «file» giữ giá trị trong tệp điểm. Không chọn: báo xung đột, không ghi gì.")]


def import_form(ctx: typer.Context, year: YearArgument, files: FilesArgument, dry_run: DryRunOption = False,
                output: ImportFormatOption = ImportFormat.text, prefer: PreferOption = None) -> int:
    """Nhập phiếu Excel đơn vị gửi lại: tự chấm, theo tiêu chí, chấm chéo, kiểm phiếu.

    Phiếu tự chấm vào scores/<đơn vị>.yaml: điểm tự chấm, ghi chú, điểm thưởng đơn vị đề nghị và điểm trừ đơn vị tự
    nhận (ghi thành đề nghị, chờ Khối xem xét; điểm Khối và mục Khối đã ghi nhận không bao giờ bị sửa). Phiếu chấm
    chéo vào grades/, phiếu kiểm phiếu vào review.yaml.

    Chỉ ghi những gì đơn vị đã sửa trong phiếu so với lúc lập phiếu; giá trị cả phiếu và tệp điểm cùng sửa là
    xung đột (xem --prefer). Nhiều phiếu một lần: mọi phiếu được kiểm tra trước; chỉ ghi khi tất cả đều không
    có lỗi.
    """
    from giaouoc.edit.grades import plan_any
    from giaouoc.files import year_lock

    settings: Settings = ctx.obj
    for file in files:
        if file.is_dir():  # "import 2023 phieu-2023" for "phieu-2023/*.xlsx"
            raise UsageError(f"{file} là một thư mục: hãy chỉ các tệp phiếu trong đó, ví dụ «{file}/*.xlsx»")
        if not file.is_file():
            raise UsageError(f"không có tệp {file}")
    from giaouoc.sheets.tally import is_tally

    if any(is_tally(file) for file in files):  # the counting board's tally sheet: into review.yaml
        from giaouoc.cli.commands.tally import import_tally

        return import_tally(settings, year, files, dry_run)
    with year_lock(settings.locate(year)[1]):  # two imports at once: the second reads what the first wrote
        _, data = load_checked(settings, year, errors_only=True)  # the unit's warnings once the form names it
        plans = [plan_any(data, file, prefer.value if prefer else None) for file in files]  # self and chấm chéo
        _refuse_twice(plans, files)
        good = not any(plan.report.errors for plan in plans)
        write = good and not dry_run
        if output is ImportFormat.json:
            _json(plans, files, write)
        else:
            _text(plans, files, dry_run)
        if write:
            for plan in plans:
                if plan.changes and plan.same_as_file():  # e.g. every conflict settled by --prefer file
                    if output is ImportFormat.text:
                        err(f"Tệp {plan.shown} giữ nguyên: không có gì để ghi (phiếu của đơn vị «{plan.unit}»).")
                elif plan.changes:
                    plan.write()
                    if output is ImportFormat.text:
                        err(f"Đã ghi {plan.shown} (phiếu của đơn vị «{plan.unit}»).")
    if not good and output is ImportFormat.text:
        bad = [f.name for f, p in zip(files, plans, strict=True) if p.report.errors]
        what = f"phiếu {bad[0]} hoặc dữ liệu sau khi nhập" if len(files) == 1 else f"{len(bad)}/{len(files)} phiếu " \
            f"({', '.join(bad)})"
        errors = sum(len(p.report.errors) for p in plans)
        raise DataError(f"{what} có {errors} lỗi: chưa ghi gì")
    return 0 if good else 1


def _refuse_twice(plans: list[ImportPlan], files: list[Path]) -> None:
    """Two forms of one unit in one import: which one counts is not for us to guess."""
    seen: dict[str, Path] = {}
    for plan, file in zip(plans, files, strict=True):
        if plan.unit and plan.unit in seen:
            plan.report.add_cell(file.name, "giaouoc", 3, 2, "form-mismatch",
                                 f"phiếu thứ hai của đơn vị «{plan.unit}» (đã có {seen[plan.unit].name}): "
                                 "mỗi đơn vị nhập một phiếu")
        elif plan.unit:
            seen[plan.unit] = file


def _text(plans: list[ImportPlan], files: list[Path], dry_run: bool) -> None:
    many = len(plans) > 1
    for plan, file in zip(plans, files, strict=True):
        print_problems(about(plan.report, plan.unit, plan.shown) if plan.unit else plan.report)
        if plan.report.errors:
            continue
        prefix = f"{file.name} ({plan.unit}): " if many else ""
        for line in plan.changes or ["Không có thay đổi."]:
            out(prefix + line)
        for line in plan.kept:
            err(f"Lưu ý: {prefix}{line}.")
        if dry_run:
            err(f"Chạy thử (--dry-run): chưa ghi gì; phiếu của đơn vị «{plan.unit}» sẽ ghi vào {plan.shown}.")
    if many:
        bad = sum(1 for p in plans if p.report.errors)
        err(f"{len(plans)} phiếu: {len(plans) - bad} hợp lệ, {bad} có lỗi.")


def _json(plans: list[ImportPlan], files: list[Path], written: bool) -> None:
    """One document per form (a list when several): the unit, the file, the changes, every problem."""

    from giaouoc.report.problems import import_document

    documents = [import_document(about(p.report, p.unit, p.shown) if p.unit else p.report, p.unit, p.shown, p.changes,
                                 written and bool(p.changes)) for p in plans]
    out_json(documents[0] if len(documents) == 1 else documents)
