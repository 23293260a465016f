"""Pieces every output format shares: Markdown cells, terminal tables."""

from __future__ import annotations

import re
from typing import Any

from giaouoc.visible import visible


def markdown_cell(text: str) -> str:
    """Text that stays inside one cell of a Markdown table."""
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


# What can start or end a construct of CommonMark or of GitHub's and GitLab's extensions: emphasis, code, links
# and images (with "[" "]" escaped no "(…)" is a link), HTML and entities, mentions, math, tables, strikethrough,
# footnotes, autolinks ("http\\://"; "www\\." below); a list marker only where the text starts.
# CommonMark shows "\\p" as "p" for every ASCII punctuation p: the words stay as they are.
_MARKUP = re.compile(r"([!#$&*+<=>@\[\\\]^_`{|}~])")
_WWW = re.compile(r"(?i)\b(www)\.")
_SCHEME = re.compile(r"(?<=[A-Za-z]):(?=\S)")  # "http://", "mailto:x": no autolink; "nội dung 1: …" stays
_LIST_START = re.compile(r"^(\s*[0-9]*)([-.)])")


def markdown_text(text: str) -> str:
    """Data shown in Markdown as the same words, never as markup: no heading, emphasis, link, image, autolink,
    HTML, entity, mention, math (`\\$`), list or table cell break; control and direction characters written out
    (`visible`). The one escaping of data in every Markdown output."""
    text = _MARKUP.sub(r"\\\1", visible(text))
    text = _SCHEME.sub(r"\\:", _WWW.sub(r"\1\\.", text))
    return _LIST_START.sub(r"\1\\\2", text)


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
    from rich.text import Text

    from giaouoc.report.terminal import rich_console

    console: Any = rich_console()
    table = Table(title=Text(visible(title)), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for index, (header, numeric) in enumerate(columns):
        table.add_column(header, justify="right" if numeric else "left", overflow="fold",
                         min_width=_longest_word([visible(row[index]) for row in rows if index < len(row)]))
    for row in rows:
        table.add_row(*(Text(visible(cell)) for cell in row))  # data is never rich markup (`[link=…]`)
    for line in before or []:
        console.print(Text(visible(line), style="bold yellow"))
    console.print(table)
    for line in after or []:
        console.print(Text(visible(line)))
