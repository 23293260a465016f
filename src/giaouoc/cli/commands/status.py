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
    from giaouoc.report.status import FORMATS, read_status

    settings: Settings = ctx.obj
    FORMATS[output.value](read_status(*settings.locate(year)))
    return 0
