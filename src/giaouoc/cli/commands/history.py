from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from giaouoc.cli.commands.common import Settings, YearArgument
from giaouoc.errors import DataError, UsageError
from giaouoc.report.terminal import err, print_problems
from giaouoc.vietnamese import short_date


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


UnitOption = Annotated[str | None, typer.Argument(metavar="[ĐƠN_VỊ]", help="Mã đơn vị (mặc định: mọi đơn vị).")]
FormatOption = Annotated[HistoryFormat, typer.Option("--format", help="Dạng kết quả: table, json hoặc markdown.")]
ReasonOption = Annotated[str | None, typer.Option("--reason", metavar="LÝ_DO", help="Lý do mở lại (bắt buộc).")]


def history(ctx: typer.Context, unit: UnitOption = None, output: FormatOption = HistoryFormat.table) -> int:
    """Kết quả qua các năm: xếp loại, danh hiệu đề nghị và được khen của từng đơn vị."""
    from giaouoc.history.records import chronicle
    from giaouoc.history.table import block_history
    from giaouoc.pipeline import run_block
    from giaouoc.report.history import show

    settings: Settings = ctx.obj
    block, report, refusing = run_block(settings.root)
    print_problems(report)
    if refusing:
        raise DataError(f"history.yaml hoặc units.yaml còn {len(refusing)} lỗi: hãy sửa rồi chạy lại")
    table = block_history(chronicle(block))
    chosen = None
    if unit is not None:
        chosen = next((u for u in table.units if u.unit.id == unit.lower()), None)
        if chosen is None:
            known = ", ".join(u.unit.id for u in table.units)
            raise UsageError(f"không có đơn vị «{unit}» trong năm gần nhất (các đơn vị: {known})")
    show(table, chosen, output.value)
    return 0


def close(ctx: typer.Context, year: YearArgument) -> int:
    """Khóa sổ một năm khi đã có quyết định khen thưởng: mọi thay đổi sau đó bị «validate» báo lỗi."""
    from giaouoc.history.seal import close_year
    from giaouoc.load.folder import display_path

    settings: Settings = ctx.obj
    root, folder = settings.locate(year)
    today = date.today()
    path = close_year(root, folder, today)
    err(f"Đã khóa sổ năm {path.parent.name} ngày {short_date(today)}: {display_path(path, root)}.")
    return 0


def reopen(ctx: typer.Context, year: YearArgument, reason: ReasonOption = None) -> int:
    """Mở lại một năm đã khóa sổ, ghi lý do vào nhật ký."""
    from giaouoc.history.seal import reopen_year
    from giaouoc.load.folder import display_path

    settings: Settings = ctx.obj
    root, folder = settings.locate(year)
    if reason is None or not reason.strip():
        raise UsageError("cần lý do mở lại năm: --reason \"…\"")
    today = date.today()
    path = reopen_year(root, folder, reason, today)
    err(f"Đã mở lại năm {path.parent.name} ngày {short_date(today)} (lý do ghi trong {display_path(path, root)}).")
    return 0
