from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from giaouoc.cli.commands.common import Settings, YearArgument, load_run, output_path
from giaouoc.report.terminal import out

OutOption = Annotated[
    Path | None, typer.Option("--out", metavar="THƯ_MỤC", help="Thư mục ghi trang (mặc định out/<năm>/).")
]


def report(ctx: typer.Context, year: YearArgument, out_dir: OutOption = None) -> int:
    """Báo cáo năm: một trang HTML có biểu đồ (xếp hạng, nội dung, danh hiệu, qua các năm), in được trên A4."""
    from giaouoc.changes.git import last_change
    from giaouoc.documents.page import render_page
    from giaouoc.files import write_atomic
    from giaouoc.history.records import earlier_years
    from giaouoc.load.folder import display_path

    settings: Settings = ctx.obj
    run = load_run(settings, year)
    root, data, ranking = run.root, run.year, run.ranking
    assert data is not None and ranking is not None
    page = render_page(root, data, ranking, earlier_years(run.story, data), last_change(data.folder))
    target = output_path(settings, out_dir or root / "out" / str(data.compact.year)) / "bao-cao.html"
    write_atomic(target, page.encode("utf-8"))
    out(display_path(target, root))
    return 0
