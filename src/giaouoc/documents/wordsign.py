"""The end of a document by Nghị định 30, Phụ lục I: signatures (II.7–II.8), the signature grid of a giao ước,
Nơi nhận (II.9)."""

from __future__ import annotations

from giaouoc.documents.frame import Frame, Signer
from giaouoc.documents.geometry import (
    CELL_AIR_MM,
    ESTIMATE_SAFETY,
    GRID_AIR_MM,
    RECIPIENT_SLACK,
    RECIPIENTS_BELOW_SHARE,
    SIGNER_SHARE,
)
from giaouoc.documents.wordhead import wrap_lines
from giaouoc.documents.wordxml import Para, paragraph, text_width_mm

SIGNATURE_GAP = 4  # empty lines left for the signature and seal


def heading_lines(lines: list[str], width_mm: float, size: float = 13) -> list[str]:
    """The signer's authority and post, each line broken between words only when it must be."""
    return [part for line in lines for part in wrap_lines(line, (width_mm - CELL_AIR_MM) * ESTIMATE_SAFETY, size, True)]


def recipient_lines(frame: Frame) -> list[str]:
    """ "- Như trên;", the clerk's recipients as written, "- Lưu: VT, …." (II.9)."""
    lines = ["- Như trên;"] if frame.as_above else []
    lines += [f"- {r}" if r.rstrip().endswith((";", ".")) else f"- {r};" for r in frame.recipients]
    lines.append(f"- Lưu: {', '.join(frame.archive or ['VT'])}.")
    return lines


Line = tuple[str, float, bool, bool]  # text, size, bold, italic


def signer_lines(signer: Signer, width_mm: float, size: float = 13, name_size: float = 14,
                 gap: int = SIGNATURE_GAP) -> list[Line]:
    heading = [(line, size, True, False) for line in heading_lines(signer.heading, width_mm, size)]
    return [*heading, *([("", size, False, False)] * gap), (signer.name, name_size, True, False)]


def recipients_cell(frame: Frame, width_mm: float) -> list[Line]:
    lines: list[Line] = [("Nơi nhận:", 12, True, True)]
    for entry in recipient_lines(frame):
        lines += [(part, 11, False, False) for part in wrap_lines(entry, width_mm * RECIPIENT_SLACK, 11, False)]
    return lines


def columns(cells: list[list[Line]], centres_mm: list[float | None]) -> list[Para]:
    """Blocks side by side as lines of tab-separated text (a None centre: left-aligned at the margin).

    Paragraphs, not a table, so that "keep with next" holds from the last words of the body down to the
    last signature in Word and LibreOffice alike: no page holds signatures alone.
    """
    tabs = tuple(centre for centre in centres_mm if centre is not None)
    lines = []
    for index in range(max(len(c) for c in cells)):
        para = Para(align="left", after=0, spacing=1.0, keep_next=True, tabs=tabs)
        for cell, centre in zip(cells, centres_mm, strict=True):
            text, size, bold, italic = cell[index] if index < len(cell) else ("", 11, False, False)
            para.add(("\t" if centre is not None else "") + text, size=size, bold=bold, italic=italic)
        lines.append(para)
    return lines


def _gap() -> Para:
    return paragraph("", size=8, after=0, spacing=1.0, keep_next=True)


def signature_block(frame: Frame) -> list[Para]:
    """One signer at the right with Nơi nhận level at the left; two signers side by side with Nơi nhận below
    (the biên bản, Mẫu 1.9). An appendix has neither."""
    if not frame.header or (frame.recipients_place == "none" and not frame.signers):
        return []
    width = text_width_mm(frame.orientation == "landscape")
    left, right = width * SIGNER_SHARE, width * (1 - SIGNER_SHARE)
    if len(frame.signers) >= 2:
        below = [] if frame.recipients_place == "none" else [
            _gap(), *columns([recipients_cell(frame, width * RECIPIENTS_BELOW_SHARE)], [None])]
        first, second = signer_lines(frame.signers[0], left), signer_lines(frame.signers[1], right)
        for shorter in (first, second):  # the names stand level under headings of different heights
            shorter[-1:-1] = [("", 13, False, False)] * (max(len(first), len(second)) - len(shorter))
        return [_gap(), *columns([first, second], [left / 2, left + right / 2]), *below]
    cells: list[list[Line]] = [recipients_cell(frame, left) if frame.recipients_place == "left" else []]
    centres: list[float | None] = [None]
    if frame.signers:
        cells.append(signer_lines(frame.signers[0], right))
        centres.append(left + right / 2)
    blocks = [_gap(), *columns(cells, centres)]
    if frame.recipients_place == "below":
        blocks += columns([recipients_cell(frame, width * RECIPIENTS_BELOW_SHARE)], [None])
    return blocks


def signature_grid(frame: Frame, per_row: int = 3) -> list[Para]:
    """The unit heads side by side, three to a row, each under the unit's name and the head's post in capitals;
    headings of a row are padded so that the names stand level."""
    if not frame.grid:
        return []
    width = text_width_mm(frame.orientation == "landscape")
    column = width / per_row
    centres: list[float | None] = [column * (i + 0.5) for i in range(per_row)]
    blocks = [paragraph("", after=6, keep_next=True)]
    for start in range(0, len(frame.grid), per_row):
        signers = frame.grid[start:start + per_row]
        headings = [heading_lines(s.heading, column - GRID_AIR_MM, 12) for s in signers]
        tallest = max(len(h) for h in headings)
        blank: Line = ("", 12.0, False, False)
        cells: list[list[Line]] = [
            [*((line, 12.0, True, False) for line in h), *([blank] * (tallest - len(h) + SIGNATURE_GAP - 1)),
             (s.name, 13.0, True, False), ("", 8.0, False, False)]
            for s, h in zip(signers, headings, strict=True)
        ]
        blocks += columns(cells, centres[: len(cells)])
    return blocks
