"""The end of a document by Nghị định 30, Phụ lục I: signatures (II.7–II.8), the signature grid of a giao ước,
Nơi nhận (II.9)."""

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
    paragraph,
    text_width_mm,
)

SIGNATURE_GAP = 4  # empty lines left for the signature and seal


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


def recipient_lines(frame: Frame) -> list[str]:
    """ "- Như trên;", the clerk's recipients as written, "- Lưu: VT, …." (II.9)."""
    lines = ["- Như trên;"] if frame.as_above else []
    lines += [f"- {r}" if r.rstrip().endswith((";", ".")) else f"- {r};" for r in frame.recipients]
    lines.append(f"- Lưu: {', '.join(frame.archive or ['VT'])}.")
    return lines


def _recipients(cell: Any, frame: Frame, first: bool = True) -> None:
    para = cell_paragraph(cell) if first else paragraph(cell, "", after=0, spacing=1.0)
    para.paragraph_format.space_after = Pt(0)
    add_run(para, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in recipient_lines(frame):
        paragraph(cell, line, size=11, align="left", after=0, spacing=1.0)


def signature_block(document: Any, frame: Frame) -> None:
    """One signer at the right with Nơi nhận level at the left; two signers side by side with Nơi nhận below
    (the biên bản, Mẫu 1.9). An appendix has neither."""
    if not frame.header:
        return
    width = text_width_mm(frame.orientation == "landscape")
    table = document.add_table(rows=1, cols=2)
    borderless(table)
    column_widths(table, [width * 0.45, width * 0.55])
    keep_row_together(table.rows[0])
    left, right = table.rows[0].cells
    if len(frame.signers) >= 2:
        _signer(left, frame.signers[0])
        _signer(right, frame.signers[1])
    else:
        if frame.signers:
            _signer(right, frame.signers[0])
        if frame.recipients_place == "left":
            _recipients(left, frame)
    if frame.recipients_place == "below" or len(frame.signers) >= 2:
        below = document.add_table(rows=1, cols=1)
        borderless(below)
        column_widths(below, [width * 0.6])
        _recipients(below.rows[0].cells[0], frame)


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
