from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from giaouoc.cli.commands.common import Settings, YearArgument, load_ranked
from giaouoc.errors import UsageError
from giaouoc.report.terminal import out_json, out_lines

ALL_UNITS = "*"


class RankFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


FormatOption = Annotated[
    RankFormat, typer.Option("--format", help="Dạng kết quả: table, json, csv hoặc markdown.")
]
ExplainOption = Annotated[
    str | None,
    typer.Option("--explain", metavar="[ĐƠN_VỊ]", help="Giải thích vì sao mỗi đơn vị (hoặc đơn vị ĐƠN_VỊ) đứng ở đó."),
]


def rank(
    ctx: typer.Context,
    year: YearArgument,
    output: FormatOption = RankFormat.table,
    explain_unit: ExplainOption = None,
) -> int:
    """Xếp hạng các đơn vị, xếp loại và đề nghị danh hiệu."""
    from giaouoc.rank.explain import explain
    from giaouoc.report.ranking import FORMATS

    settings: Settings = ctx.obj
    _, data, ranking = load_ranked(settings, year)
    if explain_unit is not None:
        unit = None if explain_unit == ALL_UNITS else explain_unit.lower()  # PA03 as the tables print it
        if unit is not None and unit not in {u.id for u in data.units}:
            known = ", ".join(u.id for u in data.units)
            raise UsageError(f"không có đơn vị «{unit}» trong năm {year} (các đơn vị: {known})")
        if output is RankFormat.json:
            from giaouoc.report.ranking import explanation_json

            out_json(explanation_json(ranking, data, unit))
        else:
            out_lines(explain(ranking, data, unit))
        return 0
    FORMATS[output.value](ranking, data)
    return 0
