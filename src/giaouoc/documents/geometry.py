"""The page of a Word document in one place: A4, the margins of Nghị định 30/2020 (Phụ lục I, I.1–I.3), the units
Word counts in, and the allowances giaouoc makes for its estimates of how wide text prints.

Every length on the page derives from here: the text width is the page width less the left and right margins,
so a change of margin moves tables, tab stops and signature columns with it.
"""

from __future__ import annotations

MM_PER_INCH = 25.4
TWIPS_PER_INCH = 1440  # Word's lengths on the page: twentieths of a point
POINTS_PER_INCH = 72
MM_PER_POINT = MM_PER_INCH / POINTS_PER_INCH  # 0.3528 mm
TWIPS_PER_POINT = TWIPS_PER_INCH // POINTS_PER_INCH  # 20: paragraph spacing and line heights
LINE_TWIPS = 240  # Word's "auto" line spacing counts in 240ths of a line

A4_MM = (210, 297)  # width, height (I.1)
MARGIN_TOP_MM = 20  # I.3
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
HEADER_DISTANCE_MM = 10  # the page number stands in the top margin (I.7)
FOOTER_DISTANCE_MM = 12.7
FIRST_LINE_INDENT_MM = 12.7  # 1.27 cm (II.6.e)
DEFAULT_TAB_MM = 12.7  # Word's tab interval where a paragraph sets none: one first-line indent

BODY_CELL_MARGIN_MM = 1.0  # left and right padding inside a bordered table's cells
HEADER_CELL_MARGIN_MM = 0.5  # the borderless header table: its columns stand almost at the margins
HEADER_LEFT_MM = {False: 70.0, True: 100.0}  # the header's left column (authority, issuer, Số), by orientation
HEADER_INNER_MM = 2 * HEADER_CELL_MARGIN_MM  # a header cell's width less its text: its two cell margins
RULE_SHARE = 0.4  # a short rule under a line is 1/3 to 1/2 of it (II.5.b, II.3): 0.4 of its longest line

SIGNER_SHARE = 0.45  # one signer at the right, Nơi nhận at the left: the left part of the text width
RECIPIENTS_BELOW_SHARE = 0.6  # Nơi nhận under the signatures (biên bản) takes this share of the text width
GRID_AIR_MM = 4.0  # what a unit head's heading keeps clear in the giao ước's signature grid

# Estimates of printed width run short or long by a few per cent (per-character classes, not the font's metrics).
ESTIMATE_SAFETY = 0.93  # a heading wrapped by estimate keeps this share of its column, so it never wraps again
CELL_AIR_MM = 3.0  # what a signature column keeps clear on its sides
RECIPIENT_SLACK = 1.05  # Nơi nhận lines at 11 pt are over-estimated: let them use 5 % more before wrapping
TITLE_SLACK = 1.1  # a bold trích yếu is over-estimated by up to a tenth: up to this, Word is left to fit it on one line
BOLD_WIDER = 1.1  # bold Times New Roman is about a tenth wider than regular


def twips(mm: float) -> int:
    """Millimetres in twentieths of a point, Word's unit for lengths on the page."""
    return round(mm * TWIPS_PER_INCH / MM_PER_INCH)


def half_points(size: float) -> int:
    """A font size in points as Word writes it (w:sz), in half-points."""
    return round(size * 2)


def points_mm(points: float) -> float:
    return points * MM_PER_POINT


def page_mm(landscape: bool) -> tuple[int, int]:
    """The A4 page's width and height in millimetres, turned when landscape (I.2: tables may be landscape)."""
    width, height = A4_MM
    return (height, width) if landscape else (width, height)


def text_width_mm(landscape: bool) -> float:
    """The width between the left and right margins."""
    return page_mm(landscape)[0] - MARGIN_LEFT_MM - MARGIN_RIGHT_MM


def text_width_twips(landscape: bool) -> int:
    """The text width as Word computes it from the section: the page and margins each rounded to twips."""
    return twips(page_mm(landscape)[0]) - twips(MARGIN_LEFT_MM) - twips(MARGIN_RIGHT_MM)
