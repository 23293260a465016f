from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from giaouoc.cli.commands.common import Settings, YearArgument


class LogFormat(StrEnum):
    text = "text"
    json = "json"


UnitArgument = Annotated[str | None, typer.Argument(metavar="[ĐƠN_VỊ]", help="Chỉ các điểm của đơn vị này.")]
ItemOption = Annotated[int | None, typer.Option("--item", metavar="N", help="Chỉ nội dung số N.")]
FormatOption = Annotated[LogFormat, typer.Option("--format", help="Dạng kết quả: text hoặc json.")]


def log(
    ctx: typer.Context,
    year: YearArgument,
    unit: UnitArgument = None,
    item: ItemOption = None,
    output: FormatOption = LogFormat.text,
) -> int:
    """Ai sửa điểm nào, khi nào: mọi thay đổi điểm tự chấm, Khối chấm, chấm chéo, chỉ tiêu, thưởng, trừ (từ git)."""
    from giaouoc.changes.log import score_log
    from giaouoc.report.log import FORMATS

    settings: Settings = ctx.obj
    _, folder = settings.locate(year)
    FORMATS[output.value](score_log(folder, unit.lower() if unit else None, item))  # PA04 as tables print it
    return 0
