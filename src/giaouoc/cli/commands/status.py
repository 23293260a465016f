from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from giaouoc.cli.commands.common import Settings, YearArgument


class StatusFormat(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[StatusFormat, typer.Option("--format", help="Dạng kết quả: table hoặc json.")]


def status(ctx: typer.Context, year: YearArgument, output: FormatOption = StatusFormat.table) -> int:
    """Tiến độ của năm: điểm đã nhập, đã thống nhất, còn thiếu; hội nghị, bỏ phiếu; văn bản lập được."""
    from giaouoc.pipeline import run_year
    from giaouoc.pipeline.progress import status_of
    from giaouoc.report.status import FORMATS
    from giaouoc.report.terminal import print_problems

    settings: Settings = ctx.obj
    run = run_year(*settings.locate(year))
    print_problems(run.report)
    FORMATS[output.value](status_of(run))
    return 1 if run.report.errors else 0
