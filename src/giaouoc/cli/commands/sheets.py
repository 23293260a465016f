"""`giaouoc export` and `giaouoc form`: the workbooks giaouoc writes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from giaouoc.cli.commands.common import Settings, YearArgument, load_checked, load_ranked, output_path
from giaouoc.errors import UsageError
from giaouoc.report.terminal import out

XlsxOption = Annotated[Path, typer.Option("--xlsx", metavar="TỆP", help="Tệp Excel (.xlsx) sẽ ghi.")]


def export(ctx: typer.Context, year: YearArgument, xlsx: XlsxOption) -> int:
    """Xuất kết quả ra Excel: xếp hạng, điểm chi tiết, điểm thưởng và điểm trừ."""
    from giaouoc.files import write_atomic
    from giaouoc.sheets.export import export_workbook

    settings: Settings = ctx.obj
    _xlsx_name(xlsx)
    _, data, ranking = load_ranked(settings, year)
    write_atomic(output_path(settings, xlsx), export_workbook(data, ranking))
    out(str(xlsx))
    return 0


def _xlsx_name(path: Path) -> None:
    """Refuse a target that does not end in .xlsx: Excel would not open out.csv holding a workbook."""
    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"«{path}»: tệp Excel phải có đuôi .xlsx (ví dụ {path.with_suffix('.xlsx').name})")


OptionalUnit = Annotated[str | None, typer.Argument(metavar="ĐƠN_VỊ",
                                                    help="Mã đơn vị, ví dụ pa03 (bỏ trống khi dùng --all).")]
FormXlsxOption = Annotated[Path | None, typer.Option("--xlsx", metavar="TỆP",
                                                     help="Tệp Excel (.xlsx) sẽ ghi (một đơn vị).")]
AllOption = Annotated[bool, typer.Option("--all", help="Lập phiếu cho mọi đơn vị của năm.")]
OutOption = Annotated[Path | None, typer.Option("--out", metavar="THƯ_MỤC",
                                                help="Thư mục ghi các phiếu khi dùng --all.")]


BallotOption = Annotated[bool, typer.Option("--ballot", help="Lập phiếu kiểm phiếu (Excel) cho Ban kiểm phiếu: "
                                                               "mỗi dòng một phiếu bầu (cần --xlsx TỆP).")]


GraderOption = Annotated[str | None, typer.Option("--grader", metavar="ĐƠN_VỊ",
                                                  help="Lập phiếu chấm chéo của đơn vị này (mỗi đơn vị nó chấm một "
                                                       "phiếu) vào thư mục --out.")]


CriteriaOption = Annotated[bool, typer.Option("--criteria", help="Lập phiếu tự chấm theo tiêu chí (một dòng một "
                                                                 "tiêu chí) cho ĐƠN_VỊ, ghi vào --xlsx TỆP.")]


def form(ctx: typer.Context, year: YearArgument, unit: OptionalUnit = None, xlsx: FormXlsxOption = None,
         every: AllOption = False, out_dir: OutOption = None, ballot: BallotOption = False,
         grader: GraderOption = None, criteria: CriteriaOption = False) -> int:
    """Lập phiếu Excel: tự chấm, tự chấm theo tiêu chí, chấm chéo, kiểm phiếu.

    Phiếu tự chấm cho một đơn vị (ĐƠN_VỊ --xlsx TỆP) hoặc cho mọi đơn vị (--all --out THƯ_MỤC); phiếu tự chấm theo
    tiêu chí (ĐƠN_VỊ --criteria --xlsx TỆP); phiếu chấm chéo (--grader ĐƠN_VỊ --out THƯ_MỤC); phiếu kiểm phiếu của
    Ban kiểm phiếu (--ballot --xlsx TỆP).
    """
    from giaouoc.files import write_atomic
    from giaouoc.sheets.form import form_workbook

    settings: Settings = ctx.obj
    if ballot:
        return _tally_form(settings, year, xlsx, unit is not None or every or out_dir is not None)
    if grader is not None:
        if unit is not None or xlsx is not None or every or out_dir is None:
            raise UsageError("cần «form NĂM --grader ĐƠN_VỊ --out THƯ_MỤC» (phiếu chấm chéo)")
        return grader_forms(settings, year, grader.lower(), out_dir)
    if criteria:
        if unit is None or xlsx is None or every or out_dir is not None:
            raise UsageError("cần «form NĂM ĐƠN_VỊ --criteria --xlsx TỆP» (phiếu tự chấm theo tiêu chí)")
        return criteria_form(settings, year, unit.lower(), xlsx)
    one = unit is not None and xlsx is not None and not every and out_dir is None
    if not one and not (unit is None and xlsx is None and every and out_dir is not None):
        raise UsageError("cần «form NĂM ĐƠN_VỊ --xlsx TỆP» (một đơn vị) hoặc «form NĂM --all --out THƯ_MỤC» "
                         "(mọi đơn vị)")
    wanted = (unit or "").lower()  # PA03 as the tables print it
    _, data = load_checked(settings, year, wanted or None)  # --all: every unit's warnings
    units = data.units if every else [u for u in data.units if u.id == wanted]
    if not units:
        raise UsageError(f"không có đơn vị «{unit}» (các đơn vị: {', '.join(u.id for u in data.units)})")
    if xlsx is not None:
        _xlsx_name(xlsx)
        targets = [output_path(settings, xlsx)]
    else:
        folder = output_path(settings, out_dir or Path("."))
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"không ghi được vào {out_dir}: đó là một tệp, không phải thư mục")
        targets = [folder / f"phieu-tu-cham-{data.compact.year}-{u.id}.xlsx" for u in units]
    workbooks = [form_workbook(data, u) for u in units]  # every form made before any is written
    for target, content in zip(targets, workbooks, strict=True):
        write_atomic(target, content)  # creates the folder when it is new
        out(str(target))
    return 0


def _tally_form(settings: Settings, year: str, xlsx: Path | None, extra: bool) -> int:
    """`form YEAR --ballot --xlsx F`: the counting board's tally sheet."""
    from giaouoc.files import write_atomic
    from giaouoc.sheets.tally import tally_workbook

    if xlsx is None or extra:
        raise UsageError("cần «form NĂM --ballot --xlsx TỆP» (không kèm mã đơn vị, --all hay --out)")
    _, data, ranking = load_ranked(settings, year)
    write_atomic(output_path(settings, xlsx), tally_workbook(data, ranking))
    out(str(xlsx))
    return 0


def grader_forms(settings: Settings, year: str, grader: str, out_dir: Path) -> int:
    """One chấm chéo workbook per unit `grader` is assigned to grade."""
    from giaouoc.files import write_atomic
    from giaouoc.sheets.grade_form import grade_workbook

    _, data = load_checked(settings, year, grader)
    assignments = data.compact.grading.assignments if data.compact.grading else {}
    if grader not in assignments:
        raise UsageError(f"đơn vị «{grader}» không được phân công chấm chéo (grading.assignments trong compact.yaml)")
    folder = output_path(settings, out_dir)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"không ghi được vào {out_dir}: đó là một tệp, không phải thư mục")
    books = {u: grade_workbook(data, data.unit(grader), data.unit(u)) for u in assignments[grader]}
    for unit, content in books.items():
        target = folder / f"phieu-cham-cheo-{data.compact.year}-{grader}-{unit}.xlsx"
        write_atomic(target, content)
        out(str(target))
    return 0


def criteria_form(settings: Settings, year: str, unit: str, xlsx: Path) -> int:
    """A unit's form with one row per criterion that applies to it."""
    from giaouoc.files import write_atomic
    from giaouoc.sheets.grade_form import criteria_workbook

    _, data = load_checked(settings, year, unit)
    if unit not in {u.id for u in data.units}:
        raise UsageError(f"không có đơn vị «{unit}» (các đơn vị: {', '.join(u.id for u in data.units)})")
    if not any(i.criteria for i in data.items):
        raise UsageError(f"năm {data.compact.year} không có nội dung nào chấm theo tiêu chí: dùng phiếu tự chấm")
    target = output_path(settings, xlsx)
    write_atomic(target, criteria_workbook(data, data.unit(unit)))
    out(str(target))
    return 0
