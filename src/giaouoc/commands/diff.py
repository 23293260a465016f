from __future__ import annotations

import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from giaouoc.context import Settings, YearArgument
from giaouoc.terminal import out

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
    from giaouoc.changes import Side, compare
    from giaouoc.checks import check_year
    from giaouoc.diffformat import as_markdown, as_text
    from giaouoc.gitdata import check_revision, extract_year, repository_top
    from giaouoc.year import read_year

    settings: Settings = ctx.obj
    root = settings.root.resolve()
    top = repository_top(root)
    folder = (root / "compacts" / year).resolve() if year.isdigit() else Path(year).resolve()
    for rev in (revision, against):
        if rev is not None:
            check_revision(top, rev)

    def load(label: str, data_root: Path, year_dir: Path) -> Side:
        if not year_dir.is_dir():
            return Side(label, None)
        side = Side(label, None)
        side.files = read_year(data_root, year_dir, side.report)
        side.year = check_year(side.files, side.report)
        return side

    with tempfile.TemporaryDirectory(prefix="giaouoc-diff-") as work:
        sides = []
        for index, rev in enumerate((revision, against)):
            if rev is None:
                sides.append(load(WORKING_TREE, root, folder))
                continue
            target = Path(work) / str(index)
            found = extract_year(top, rev, folder, target)
            data_root = target / root.relative_to(top)
            year_dir = target / folder.relative_to(top)
            sides.append(load(f"bản {rev}", data_root, year_dir) if found else Side(f"bản {rev}", None))
    before, after = sides
    result = compare(before, after)
    name = folder.name
    out(as_markdown(result, name).rstrip("\n") if output is DiffFormat.markdown else as_text(result, name))
    return 1 if after.report.errors else 0
