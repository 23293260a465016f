from __future__ import annotations

import tempfile
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from giaouoc.cli.commands.common import Settings, YearArgument
from giaouoc.cli.terminal import out

if TYPE_CHECKING:
    from giaouoc.changes.compare import Side

WORKING_TREE = "thư mục làm việc"


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"


RevisionArgument = Annotated[str, typer.Argument(metavar="[REV]", help="Bản git để so sánh (mặc định HEAD).")]
AgainstOption = Annotated[
    str | None, typer.Option("--against", metavar="REV2", help="So với bản git này thay vì thư mục làm việc.")
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
    from giaouoc.changes.compare import compare
    from giaouoc.changes.git import check_revision, repository_top
    from giaouoc.report.diff import as_markdown, as_text

    settings: Settings = ctx.obj
    root = settings.root.resolve()
    top = repository_top(root)
    folder = (root / "compacts" / year).resolve() if year.isdigit() else Path(year).resolve()
    for rev in (revision, against):
        if rev is not None:
            check_revision(top, rev)

    with tempfile.TemporaryDirectory(prefix="giaouoc-diff-") as work:
        before = _side(top, root, folder, revision, Path(work) / "before")
        after = _side(top, root, folder, against, Path(work) / "after")
    result = compare(before, after)
    name = folder.name
    out(as_markdown(result, name).rstrip("\n") if output is DiffFormat.markdown else as_text(result, name))
    return 1 if after.report.errors else 0


def _side(top: Path, root: Path, folder: Path, revision: str | None, scratch: Path) -> Side:
    """The year as it is in the working tree (revision None) or at a git revision, read and checked."""
    from giaouoc.changes.compare import Side
    from giaouoc.changes.git import extract_year
    from giaouoc.load.folder import read_year
    from giaouoc.rules import check_year

    label = WORKING_TREE if revision is None else f"bản {revision}"
    data_root, year_dir = root, folder
    if revision is not None:
        if not extract_year(top, revision, folder, scratch):
            return Side(label, None)
        data_root, year_dir = scratch / root.relative_to(top), scratch / folder.relative_to(top)
    if not year_dir.is_dir():
        return Side(label, None)
    side = Side(label, None)
    side.files = read_year(data_root, year_dir, side.report)
    side.year = check_year(side.files, side.report)
    return side
