"""The ND30 frame of a document: header table, type and trích yếu, signatures, Nơi nhận, page numbers."""

from __future__ import annotations

from typing import Any

from docx.shared import Pt

from giaouoc.documents.frame import Frame, Signer
from giaouoc.documents.wordstyle import (
    add_run,
    borderless,
    cell_paragraph,
    column_widths,
    keep_row_together,
    narrow_cell_margins,
    page_field,
    paragraph,
    rule,
    text_width_mm,
)

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGNATURE_GAP = 4  # empty lines left for the signature and seal


def header_block(document: Any, frame: Frame) -> None:
    """Two borderless columns: authority and issuer on the left, the national motto on the right."""
    width = text_width_mm(frame.orientation == "landscape")
    left_mm = 70.0 if frame.orientation == "portrait" else 95.0
    right_mm = width - left_mm
    table = document.add_table(rows=1, cols=2)
    borderless(table)
    column_widths(table, [left_mm, right_mm])
    narrow_cell_margins(table, 0.5)
    left, right = table.rows[0].cells
    cell_paragraph(left).alignment = 1
    add_run(left.paragraphs[0], frame.authority, size=13)
    paragraph(left, frame.issuer, size=13, bold=True, align="center", after=0, spacing=1.0)
    rule(left, 24, left_mm - 1)
    if frame.number_line:
        paragraph(left, frame.number_line, size=13, align="center", before=4, after=0, spacing=1.0)
    nation = cell_paragraph(right)
    nation.alignment = 1
    nation.paragraph_format.space_after = Pt(0)
    add_run(nation, NATION, size=12, bold=True)
    paragraph(right, MOTTO, size=13, bold=True, align="center", after=0, spacing=1.0)
    rule(right, 60, right_mm - 1)
    if frame.place_date:
        paragraph(right, frame.place_date, size=14, italic=True, align="center", before=6, after=0)
    for cell in (left, right):
        for para in cell.paragraphs:
            para.paragraph_format.line_spacing = 1.0


def title_block(document: Any, frame: Frame) -> None:
    """The document type in capitals, the trích yếu under it and a short rule."""
    paragraph(document, frame.type, size=14, bold=True, align="center", before=18, after=0)
    title = paragraph(document, frame.title, size=14, bold=True, align="center", after=0)
    rule(document, 40, text_width_mm(frame.orientation == "landscape"), after=12)
    title.paragraph_format.keep_with_next = True
    if frame.addressee:
        paragraph(document, f"Kính gửi: {frame.addressee}.", align="center", after=12)


def page_numbers(section: Any) -> None:
    """Page numbers centred in the top margin, from the second page on."""
    section.different_first_page_header_footer = True
    header = section.header
    para = header.paragraphs[0]
    para.alignment = 1
    page_field(para, 13)


def _heading(cell: Any, lines: list[str]) -> None:
    for index, line in enumerate(lines):
        if index == 0:
            para = cell_paragraph(cell)
            para.alignment = 1
            para.paragraph_format.space_after = Pt(0)
            para.paragraph_format.keep_with_next = True
            add_run(para, line, size=13, bold=True)
        else:
            paragraph(cell, line, size=13, bold=True, align="center", after=0, spacing=1.0)


def _name(cell: Any, name: str, size: float = 14, first: bool = False) -> None:
    for index in range(SIGNATURE_GAP):
        para = cell_paragraph(cell) if first and index == 0 else paragraph(cell, "", after=0, spacing=1.0)
        para.paragraph_format.keep_with_next = True
    paragraph(cell, name, size=size, bold=True, align="center", after=0, spacing=1.0)


def _signer(cell: Any, signer: Signer) -> None:
    _heading(cell, signer.heading)
    _name(cell, signer.name)


def _recipients(cell: Any, recipients: list[str]) -> None:
    para = cell_paragraph(cell)
    para.paragraph_format.space_after = Pt(0)
    add_run(para, "Nơi nhận:", size=12, bold=True, italic=True)
    lines = [r.rstrip(".;") for r in recipients if not r.startswith("Lưu")] + ["Lưu: VT"]
    for index, line in enumerate(lines):
        end = "." if index == len(lines) - 1 else ";"
        paragraph(cell, f"- {line}{end}", size=11, align="left", after=0, spacing=1.0)


def signature_block(document: Any, frame: Frame) -> None:
    """Signers side by side (left, right); Nơi nhận at the left, level with a single signer."""
    if not frame.signers and not frame.recipients:
        return
    width = text_width_mm(frame.orientation == "landscape")
    centred = [s for s in frame.signers if s.align == "center"]
    sided = [s for s in frame.signers if s.align != "center"]
    for signer in centred:
        table = document.add_table(rows=1, cols=1)
        borderless(table)
        column_widths(table, [width])
        _signer(table.rows[0].cells[0], signer)
    if sided or frame.recipients:
        if centred:
            paragraph(document, "", after=6)
        table = document.add_table(rows=1, cols=2)
        borderless(table)
        column_widths(table, [width * 0.45, width * 0.55])
        keep_row_together(table.rows[0])
        left, right = table.rows[0].cells
        if len(sided) >= 2:
            _signer(left, sided[0])
            _signer(right, sided[1])
            return
        if frame.recipients:
            _recipients(left, frame.recipients)
        if sided:
            _signer(right, sided[0])


def signature_grid(document: Any, frame: Frame, columns: int = 3) -> None:
    """The unit heads side by side, three to a row, each under the unit's name in capitals.

    Each row of signers is two table rows, headings then names, so that names stand level.
    """
    if not frame.grid:
        return
    paragraph(document, "", after=6)
    width = text_width_mm(frame.orientation == "landscape")
    rows = -(-len(frame.grid) // columns)
    table = document.add_table(rows=rows * 2, cols=columns)
    borderless(table)
    column_widths(table, [width / columns] * columns)
    narrow_cell_margins(table, 0.5)
    for index, signer in enumerate(frame.grid):
        row = (index // columns) * 2
        _heading(table.rows[row].cells[index % columns], signer.heading)
        _name(table.rows[row + 1].cells[index % columns], signer.name, size=13, first=True)
        paragraph(table.rows[row + 1].cells[index % columns], "", size=10, after=6)
    for row in table.rows:
        keep_row_together(row)
