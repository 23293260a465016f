from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from giaouoc.cli.commands.common import Settings
from giaouoc.cli.terminal import err, out, print_problems, summary
from giaouoc.load.folder import display_path, list_years, year_folder
from giaouoc.problems import Report
from giaouoc.rules import load_year


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


YearsArgument = Annotated[
    list[str] | None, typer.Argument(metavar="[YEAR]...", help="Năm cần kiểm tra (mặc định: mọi năm).")
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
    settings: Settings = ctx.obj
    root = settings.root
    folders = [year_folder(root, y) for y in years] if years else [root / "compacts" / y for y in list_years(root)]
    report = Report()
    for folder in folders:
        report.extend(load_year(root, folder)[1])
    if strict:
        report = report.strict()
    if output is ReportFormat.json:
        problems = [p.as_dict() for p in report.sorted()]
        document = {"ok": not report.errors, "errors": len(report.errors), "warnings": len(report.warnings),
                    "problems": problems}
        out(json.dumps(document, ensure_ascii=False, indent=2))
    elif output is ReportFormat.github:
        for p in report.sorted():
            level = "error" if p.severity == "error" else "warning"
            out(f"::{level} file={p.file},line={p.line},col={p.column},title={p.code}::{_escape(p.message)}")
    else:
        print_problems(report)
        checked = ", ".join(display_path(f, root) for f in folders) or "chưa có năm nào trong compacts/"
        err(f"Đã kiểm tra {checked}: {summary(report)}.")
    return 1 if report.errors else 0


def _escape(message: str) -> str:
    return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
