from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from giaouoc.cli.commands.common import Settings
from giaouoc.history.check import check_all
from giaouoc.load.folder import display_path, year_folders


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


YearsArgument = Annotated[
    list[str] | None, typer.Argument(metavar="[NĂM]...", help="Năm cần kiểm tra (mặc định: mọi năm).")
]
FormatOption = Annotated[ReportFormat, typer.Option("--format", help="Dạng báo cáo: text, json hoặc github.")]
StrictOption = Annotated[bool, typer.Option("--strict", help="Coi cảnh báo là lỗi.")]


def validate(
    ctx: typer.Context,
    years: YearsArgument = None,
    output: FormatOption = ReportFormat.text,
    strict: StrictOption = False,
) -> int:
    """Kiểm tra dữ liệu: báo mọi lỗi của mọi tệp trong một lần chạy."""
    from giaouoc.report.problems import FORMATS

    settings: Settings = ctx.obj
    located = [settings.locate(y) for y in years or []]
    root = located[0][0] if located else settings.root
    folders = [folder for _, folder in located] if located else year_folders(root)
    report = check_all(root, folders if years else None)
    from giaouoc.documents.templates import check_templates  # Jinja only when the data root has templates

    check_templates(root, report)
    if strict:
        report = report.strict()
    checked = ", ".join(display_path(f, root) for f in folders) or "chưa có năm nào trong compacts/"
    FORMATS[output.value](report, checked)
    return 1 if report.errors else 0
