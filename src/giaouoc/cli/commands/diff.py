from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from giaouoc.cli.commands.common import Settings, YearArgument


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"


RevisionArgument = Annotated[str, typer.Argument(metavar="[BẢN]", help="Bản git để so sánh (mặc định HEAD).")]
AgainstOption = Annotated[
    str | None, typer.Option("--against", metavar="BẢN_2", help="So với bản git này thay vì thư mục làm việc.")
]
FormatOption = Annotated[DiffFormat, typer.Option("--format", help="Dạng kết quả: text hoặc markdown.")]


def diff(
    ctx: typer.Context,
    year: YearArgument,
    revision: RevisionArgument = "HEAD",
    against: AgainstOption = None,
    output: FormatOption = DiffFormat.text,
) -> int:
    """So sánh dữ liệu một năm giữa hai bản git: điểm thay đổi và ảnh hưởng đến hạng, danh hiệu."""
    from giaouoc.changes.compare import compare_revisions
    from giaouoc.report.diff import FORMATS

    settings: Settings = ctx.obj
    root, folder = settings.locate(year)
    result = compare_revisions(root.resolve(), folder.resolve(), revision, against)
    FORMATS[output.value](result)
    return 1 if result.after.report.errors else 0
