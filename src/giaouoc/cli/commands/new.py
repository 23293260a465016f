from __future__ import annotations

from pathlib import Path
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
    from giaouoc.load.block import read_history

    settings: Settings = ctx.obj
    if not 1000 <= year <= 9999:
        raise UsageError(f"năm «{year}» không hợp lệ: viết bốn chữ số, ví dụ 2024")
    try:
        root = settings.root
    except UsageError:
        if settings.root_option is not None or source_year is not None:
            raise
        root = Path.cwd()  # starting from nothing: this folder becomes the data root
    history, _ = read_history(root, Report())
    if history is not None and year in history.years:
        raise UsageError(f"năm {year} đã có trong compacts/history.yaml (kết quả các năm trước): không tạo thư mục")
    source = None
    if source_year is not None:
        report = Report()
        source = read_year(root, year_folder(root, source_year), report)
        if report.errors:
            print_problems(report)
    folder, review = create_year(root, year, source)
    err(f"Đã tạo {display_path(folder, root)}. Hãy xem lại rồi chạy «giaouoc validate {year}»:")
    for line in review:
        err(f"  - {line}")
    return 0
