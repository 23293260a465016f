"""The top of a document by Nghị định 30, Phụ lục I: the header table (II.1–II.4), type and trích yếu (II.5),
Kính gửi, the DỰ THẢO mark, an appendix's heading (Mẫu 2.1), page numbers (II.10)."""

from __future__ import annotations

from typing import Any

from docx.shared import Pt

from giaouoc.documents.frame import Frame
from giaouoc.documents.wordstyle import (
    add_run,
    borderless,
    cell_paragraph,
    column_widths,
    narrow_cell_margins,
    page_field,
    paragraph,
    rule,
    text_mm,
    text_width_mm,
)

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT = "DỰ THẢO"


def break_lines(text: str, width_mm: float, size: float, bold: bool) -> list[str]:
    """One line when it fits; else two, split between words where the longer line is shortest, never leaving
    a single word alone on a line when there are three words or more."""
    if text_mm(text, size, bold) <= width_mm:
        return [text]
    words = text.split()
    cuts = range(1, len(words))
    if len(words) >= 3:
        cuts = range(2, len(words) - 1) if len(words) > 3 else range(1, len(words))
    best = min(cuts, key=lambda i: max(text_mm(" ".join(words[:i]), size, bold),
                                       text_mm(" ".join(words[i:]), size, bold)), default=len(words))
    return [" ".join(words[:best]), " ".join(words[best:])]


def wrap_lines(text: str, width_mm: float, size: float, bold: bool) -> list[str]:
    """As many lines as needed, filled word by word; a lone last word takes one from the line above."""
    if text_mm(text, size, bold) <= width_mm:
        return [text]
    if len(text.split()) <= 3 or text_mm(text, size, bold) <= 2 * width_mm:
        return break_lines(text, width_mm, size, bold)
    lines: list[list[str]] = [[]]
    for word in text.split():
        if lines[-1] and text_mm(" ".join([*lines[-1], word]), size, bold) > width_mm:
            lines.append([])
        lines[-1].append(word)
    if len(lines) > 1 and len(lines[-1]) == 1 and len(lines[-2]) > 2:
        lines[-1].insert(0, lines[-2].pop())
    return [" ".join(line) for line in lines]


def header_block(document: Any, frame: Frame) -> None:
    """Two borderless columns, two rows: authority and issuer | quốc hiệu and tiêu ngữ; then Số | place and date,
    so that the number and the date always stand level (II.4.c)."""
    if frame.draft:
        paragraph(document, DRAFT, size=14, bold=True, align="right", after=2, spacing=1.0)
    if not frame.header:
        return
    landscape = frame.orientation == "landscape"
    width = text_width_mm(landscape)
    left_mm = 70.0 if not landscape else 100.0
    right_mm = width - left_mm
    table = document.add_table(rows=2, cols=2)
    borderless(table)
    column_widths(table, [left_mm, right_mm])
    narrow_cell_margins(table, 0.5)
    (left, right), (number, date) = table.rows[0].cells, table.rows[1].cells
    usable = left_mm - 2
    first = True
    for line in break_lines(frame.authority, usable, 13, False):
        para = cell_paragraph(left) if first else paragraph(left, "", after=0, spacing=1.0)
        para.alignment = 1
        add_run(para, line, size=13)
        first = False
    issuer = frame.issuer_lines or break_lines(frame.issuer, usable, 13, True)
    for line in issuer:
        paragraph(left, line, size=13, bold=True, align="center", after=0, spacing=1.0)
    longest = max(text_mm(line, 13, True) for line in issuer)
    rule(left, min(longest * 0.4, usable), left_mm - 1)
    nation = cell_paragraph(right)
    nation.alignment = 1
    nation.paragraph_format.space_after = Pt(0)
    add_run(nation, NATION, size=12 if not landscape else 13, bold=True)
    paragraph(right, MOTTO, size=13, bold=True, align="center", after=0, spacing=1.0)
    rule(right, text_mm(MOTTO, 13, True), right_mm - 1)
    if frame.number_line:
        cell_paragraph(number).alignment = 1
        add_run(number.paragraphs[0], frame.number_line, size=13)
    if frame.place_date:
        para = cell_paragraph(date)
        para.alignment = 1
        add_run(para, frame.place_date, size=14, italic=True)
    for cell in (left, right, number, date):
        for para in cell.paragraphs:
            para.paragraph_format.line_spacing = 1.0
    for cell in (number, date):
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)


def title_block(document: Any, frame: Frame) -> None:
    """The document type in capitals, the trích yếu under it and a short rule; an appendix's heading instead."""
    landscape = frame.orientation == "landscape"
    width = text_width_mm(landscape)
    if not frame.header:
        for line in frame.appendix:
            paragraph(document, line, size=14, bold=True, align="center", after=0, spacing=1.0)
    paragraph(document, frame.type, size=14, bold=True, align="center", before=0 if not frame.header else 18,
              after=0, spacing=1.0)
    title = paragraph(document, frame.title, size=14, bold=True, align="center", after=0, spacing=1.0)
    title.paragraph_format.keep_with_next = True
    if frame.reference:
        paragraph(document, frame.reference, size=14, italic=True, align="center", after=0, spacing=1.0)
    rule(document, 40, width, after=12)
    if len(frame.addressee) == 1:
        paragraph(document, f"Kính gửi: {frame.addressee[0]}.", align="center", after=12)
    elif frame.addressee:
        paragraph(document, "Kính gửi:", align="center", after=0)
        for index, line in enumerate(frame.addressee):
            end = "." if index == len(frame.addressee) - 1 else ";"
            paragraph(document, f"- {line}{end}", align="center", after=0)
        paragraph(document, "", after=6)


def page_numbers(section: Any) -> None:
    """Page numbers centred in the top margin, from the second page on."""
    section.different_first_page_header_footer = True
    header = section.header
    para = header.paragraphs[0]
    para.alignment = 1
    page_field(para, 13)
