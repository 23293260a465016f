from __future__ import annotations

from typing import Annotated

import typer

from giaouoc.cli.commands.common import Settings
from giaouoc.errors import UsageError
from giaouoc.load.folder import display_path, read_year, year_folder
from giaouoc.problems import Report
from giaouoc.report.terminal import err, print_problems

FromOption = Annotated[
    str | None, typer.Option("--from", metavar="NĂM", help="Năm làm mẫu: chép đơn vị, nội dung, cách tính điểm.")
]


def new(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(metavar="NĂM", help="Năm mới cần tạo, ví dụ 2024.")],
    source_year: FromOption = None,
) -> int:
    """Tạo năm mới: từ năm trước (--from) hoặc một bộ khung có chú thích."""
    from giaouoc.edit.newyear import create_year

    settings: Settings = ctx.obj
    root = settings.root
    if not 1900 <= year <= 2999:
        raise UsageError(f"năm «{year}» không hợp lệ")
    source = None
    if source_year is not None:
        report = Report()
        source = read_year(root, year_folder(root, source_year), report)
        if report.errors:
            print_problems(report)
    folder = create_year(root, year, source)
    err(f"Đã tạo {display_path(folder, root)}. Điền các giá trị <...> rồi chạy «giaouoc validate {year}».")
    return 0
