"""Pieces every output format shares: Markdown cells, terminal tables."""

from __future__ import annotations

import re
from typing import Any


def markdown_cell(text: str) -> str:
    """Text that stays inside one cell of a Markdown table."""
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


_MARKUP = re.compile(r"([\\`*_{}\[\]()#+!<>@~|])")


def markdown_text(text: str) -> str:
    """Text a person wrote, shown in Markdown as the same words: no heading, link, image, mention or HTML."""
    return _MARKUP.sub(r"\\\1", text).replace("\r", " ").replace("\n", " ")


WORD_LIMIT = 16  # a longer word may still break: the table must fit the terminal


def _longest_word(cells: list[str]) -> int | None:
    """The width that keeps every word of a column whole ("(102/QĐ-CAT)" never broken), up to WORD_LIMIT."""
    longest = max((len(word) for cell in cells for word in cell.split()), default=0)
    return min(longest, WORD_LIMIT) or None


def print_table(title: str, columns: list[tuple[str, bool]], rows: list[list[str]],
                before: list[str] | None = None, after: list[str] | None = None) -> None:
    """A terminal table on stdout: columns are (header, right-aligned); lines may stand before and after."""
    from rich import box
    from rich.table import Table

    from giaouoc.report.terminal import rich_console

    console: Any = rich_console()
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for index, (header, numeric) in enumerate(columns):
        table.add_column(header, justify="right" if numeric else "left", overflow="fold",
                         min_width=_longest_word([row[index] for row in rows if index < len(row)]))
    for row in rows:
        table.add_row(*row)
    for line in before or []:
        console.print(line, style="bold yellow")
    console.print(table)
    for line in after or []:
        console.print(line)
