"""The Markdown body of a document as Word paragraphs and tables (markdown-it-py tokens)."""

from __future__ import annotations

import re
from typing import Any

from giaouoc.documents.geometry import BODY_CELL_MARGIN_MM, text_width_twips
from giaouoc.documents.wordxml import BODY_PT, Para, Row, paragraph, table, text_mm, text_width_mm, twips

_NUMBER = re.compile(r"[-+]?[0-9][0-9.]*(,[0-9]+)?(/[0-9]+)?(%|\*)?\Z")
_WHOLE = {"Xếp loại", "Tỷ lệ", "Số phiếu"}  # columns whose cells never wrap inside themselves
_WHOLE_HEAD = {"Đồng ý", "Kết quả"}  # headings never broken (the ballot paper's column to mark, the count's)
WHOLE_SHARE = 0.4  # ... when they take no more than this share of the text width (a long reason wraps)
CELL_PAD_MM = 2 * BODY_CELL_MARGIN_MM + 1.5  # the cell margins and some air: a number never breaks
NATURAL_SHARE = 0.3  # when the text columns cannot all have their natural width, none asks for more than this
TABLE_MIN_PT = 8  # the smallest size a table steps down to before its columns shrink
COMFORT, COMFORT_PT = 0.4, 9  # a crowded table steps down to 9 pt before its text columns get < 40 % of their want
Inline = list[tuple[str, bool, bool]]  # text, bold, italic


_PARSER: list[Any] = []  # one Markdown parser for every document of a run


def parse(body: str) -> list[Any]:
    if not _PARSER:
        from markdown_it import MarkdownIt

        _PARSER.append(MarkdownIt("commonmark").enable("table"))
    return list(_PARSER[0].parse(body))


def inline_runs(token: Any) -> Inline:
    """Text runs of an inline token, with bold and italic as markdown says."""
    runs: Inline = []
    bold = italic = False
    for child in token.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("text", "code_inline", "html_inline"):
            runs.append((child.content, bold, italic))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append((" " if child.type == "softbreak" else "\n", bold, italic))
    return runs


def body_blocks(body: str, landscape: bool) -> list[Para | str]:
    """Headings, paragraphs, list items and tables of a document's Markdown body, in order."""
    tokens = parse(body)
    blocks: list[Para | str] = []
    index = 0
    list_stack: list[list[int]] = []  # per open list: [is_ordered, counter]
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1])
            para = paragraph(align="center" if level == 1 else "justify", indent=level > 1, before=6, keep_next=True)
            for text, _, italic in inline_runs(tokens[index + 1]):
                para.add(text, bold=True, italic=italic or level >= 4)
            blocks.append(para)
            index += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_stack.append([kind == "ordered_list_open", int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif kind == "paragraph_open":
            para = paragraph(align="justify", indent=True)
            if list_stack:
                ordered, counter = list_stack[-1]
                para.add(f"{counter}. " if ordered else "- ")
                list_stack[-1][1] += 1 if ordered else 0
            runs = inline_runs(tokens[index + 1])
            for text, bold, italic in runs:
                para.add(text, bold=bold, italic=italic)
            # a paragraph ending in ":" introduces what follows (a list, a table): never the last line of a page
            para.keep_next = "".join(text for text, _, _ in runs).rstrip().endswith(":")
            blocks.append(para)
            index += 3
            continue
        elif kind == "table_open":
            close = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
            table = table_xml(tokens[index:close + 1], landscape)
            if table:
                blocks += [table, paragraph("", size=BODY_PT, after=6)]
            index = close + 1
            continue
        index += 1
    return blocks


def _table_rows(tokens: list[Any]) -> tuple[list[list[Inline]], list[str], int]:
    rows: list[list[Inline]] = []
    aligns: list[str] = []
    header_rows = 0
    in_head = False
    for position, token in enumerate(tokens):
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            rows.append([])
            header_rows += 1 if in_head else 0
        elif token.type in ("th_open", "td_open"):
            style = token.attrGet("style") or ""
            if len(rows) == 1:
                aligns.append("right" if "right" in style else "center" if "center" in style else "left")
            rows[-1].append(inline_runs(tokens[position + 1]))
    return rows, aligns, header_rows


def _needs(texts: list[str], header_rows: int, size: float, total: float) -> tuple[float, float]:
    """A column's (minimum, natural) width: the minimum keeps every word whole, and keeps whole a number, a
    percentage or, in a column of band names, any cell short enough to stand on one line."""
    head = [w for text in texts[:header_rows] for w in text.split()] or [""]
    body = texts[header_rows:] or [""]
    words = [w for text in body for w in text.split()] or [""]
    widest = max(max(text_mm(w, size) for w in words), max(text_mm(w, size, True) for w in head))
    named_whole = " ".join(texts[:header_rows]) in _WHOLE
    for text in body:
        if _NUMBER.match(text) or (named_whole and text_mm(text, size) <= total * WHOLE_SHARE):
            widest = max(widest, text_mm(text, size))
    if " ".join(texts[:header_rows]) in _WHOLE_HEAD:
        widest = max(widest, text_mm(" ".join(texts[:header_rows]), size, True))
    minimum = max(widest, text_mm("00", size)) + CELL_PAD_MM
    return minimum, max(max(text_mm(t, size) for t in body) + CELL_PAD_MM, minimum)


def _widths(rows: list[list[Inline]], total: float, size: float, header_rows: int) -> tuple[list[float], float]:
    """Column widths that keep numbers and words whole and give the rest to the text columns, and how well
    the text columns are served (1: every one at its natural width); wider than `total` only when the
    minimums are (the caller then takes a smaller size)."""
    minimum, natural = [], []
    for column in range(len(rows[0])):
        texts = ["".join(t for t, _, _ in row[column]).strip() for row in rows if column < len(row)]
        low, high = _needs(texts, header_rows, size, total)
        minimum.append(low)
        natural.append(high)
    if sum(natural) <= total:
        spare = total - sum(natural)
        flexible = [n - m for n, m in zip(natural, minimum, strict=True)]
        weights = flexible if sum(flexible) > 0 else natural
        return [n + spare * w / sum(weights) for n, w in zip(natural, weights, strict=True)], 1.0
    spare = max(total - sum(minimum), 0)
    # what each column would like beyond its minimum, no column wanting more than a share of the width: a
    # long reason does not starve the names of their room
    wanted = [min(n, max(m, total * NATURAL_SHARE)) - m for n, m in zip(natural, minimum, strict=True)]
    served = min(spare / sum(wanted), 1.0) if sum(wanted) else 1.0
    return [m + (spare * w / sum(wanted) if sum(wanted) else 0) for m, w in zip(minimum, wanted, strict=True)], served


def fit_columns(rows: list[list[Inline]], total: float, header_rows: int, limit: int) -> tuple[float, list[int]]:
    """The table's font size and its column widths in twips, never wider than `total` millimetres together.

    The size steps down while the words do not fit (not below TABLE_MIN_PT), or while the text columns get
    less than COMFORT of the room they want (not below COMFORT_PT); past that the columns shrink in proportion
    and Word breaks the longest words inside their cells. `limit`: the text width in twips."""
    columns = len(rows[0])
    size = 11 if columns > 10 else 12 if columns > 4 else 13
    widths, served = _widths(rows, total, size, header_rows)
    while (sum(widths) > total + 1e-6 and size > TABLE_MIN_PT) or (served < COMFORT and size > COMFORT_PT):
        size -= 1
        widths, served = _widths(rows, total, size, header_rows)
    if sum(widths) > total:
        widths = [w * total / sum(widths) for w in widths]
    grid = [twips(w) for w in widths]
    excess = sum(grid) - min(twips(total), limit)  # rounding: never a twip past the margin
    if excess > 0:
        grid[grid.index(max(grid))] -= excess
    return size, grid


def table_xml(tokens: list[Any], landscape: bool) -> str:
    """A bordered table: header row bold and repeated on each page, rows whole on a page, numbers centred
    and never broken."""
    rows, aligns, header_rows = _table_rows(tokens)
    if not rows:
        return ""
    size, widths = fit_columns(rows, text_width_mm(landscape), header_rows, text_width_twips(landscape))
    table_rows: list[Row] = []
    for r, row in enumerate(rows):
        header = r < header_rows
        cells = []
        for c, runs in enumerate(row):
            text = "".join(t for t, _, _ in runs).strip()
            align = "center" if header else aligns[c] if c < len(aligns) else "left"
            if not header and _NUMBER.match(text):
                align = "center"  # numbers centred, as the custom is
            para = Para(align=align, after=0, spacing=1.0)
            for part, bold, italic in runs:
                para.add(part, size, bold or header, italic)
            cells.append([para])
        # a row never breaks across pages; header rows repeat on each page
        table_rows.append(("<w:cantSplit/>" + ("<w:tblHeader/>" if header else ""), cells))
    return table(widths, table_rows, cell_margin=twips(BODY_CELL_MARGIN_MM), style="TableGrid", centred=True)
