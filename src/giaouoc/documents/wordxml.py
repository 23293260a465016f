"""WordprocessingML written as text: runs, paragraphs and their properties, fonts for every script, the width
text takes on the page.

Paragraphs stay objects until the document is written (the last ones of a body are told to keep with what
follows); everything else is a string from the start. Property elements are written in the order the schema
(ECMA-376 Part 1, §17.3.1) gives, which Word checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from xml.sax.saxutils import escape

from giaouoc.documents.geometry import (
    BOLD_WIDER,
    FIRST_LINE_INDENT_MM,
    LINE_TWIPS,
    TWIPS_PER_POINT,
    half_points,
    points_mm,
    text_width_mm,
    twips,
)

__all__ = ["text_width_mm", "twips"]  # the page's geometry, as the writer's modules have always imported it

FONT = "Times New Roman"
BODY_PT = 14
LINE_SPACING = 1.15
FONTS_XML = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}
_JOINED_HYPHEN = re.compile(r"(?<=\S)-(?=\S)")
_NO_BORDERS = "".join(f'<w:{edge} w:val="nil"/>' for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))


def text_xml(text: str) -> str:
    """Text a run shows, tabs as Word's tab elements; never markup, whatever the data says.

    A hyphen inside a word ("21-NQ/TW", "91/2017/NĐ-CP", "05/BB-KANND") is Word's non-breaking hyphen, so a
    decision's or a document's number never breaks across lines; a spaced dash (" - ") still may.
    """
    if "\t" in text:
        return "<w:tab/>".join(text_xml(part) if part else "" for part in text.split("\t"))
    parts = _JOINED_HYPHEN.split(text)
    if len(parts) > 1:
        return "<w:noBreakHyphen/>".join(text_xml(part) if part else "" for part in parts)
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def run(text: str, size: float = BODY_PT, bold: bool = False, italic: bool = False, inner: str | None = None) -> str:
    """One run in Times New Roman at this size; `inner` replaces the text (a field's parts)."""
    half = half_points(size)
    props = FONTS_XML + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    body = text_xml(text) if inner is None else inner
    return f'<w:r><w:rPr>{props}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>{body}</w:r>'


@dataclass(slots=True, eq=False)
class Para:
    """A paragraph: its runs and the few properties giaouoc's documents use."""

    align: str = "justify"
    indent: bool = False  # a first-line indent of 1.27 cm, as body paragraphs have
    before: float = 0  # points
    after: float = 6  # points
    spacing: float | None = LINE_SPACING  # lines; None: as the style says
    exact: float | None = None  # an exact line height in points instead
    keep_next: bool = False
    tabs: tuple[float, ...] = ()  # centred tab stops, millimetres from the left margin
    rule: float | None = None  # a bottom rule, shortened by this many millimetres on both sides
    mark: float | None = None  # the size of the paragraph mark: the height of an empty line
    style: str | None = None
    runs: list[str] = field(default_factory=list)

    def add(self, text: str, size: float = BODY_PT, bold: bool = False, italic: bool = False) -> Para:
        self.runs.append(run(text, size, bold, italic))
        return self

    def xml(self) -> str:
        props = [f'<w:pStyle w:val="{self.style}"/>' if self.style else "", "<w:keepNext/>" if self.keep_next else ""]
        if self.rule is not None:
            props.append('<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>')
        if self.tabs:
            props.append("<w:tabs>" + "".join(f'<w:tab w:val="center" w:pos="{twips(t)}"/>' for t in self.tabs)
                         + "</w:tabs>")
        line = ""
        if self.exact is not None:
            line = f' w:line="{round(self.exact * TWIPS_PER_POINT)}" w:lineRule="exact"'
        elif self.spacing is not None:
            line = f' w:line="{round(self.spacing * LINE_TWIPS)}" w:lineRule="auto"'
        props.append(f'<w:spacing w:before="{round(self.before * TWIPS_PER_POINT)}" '
                     f'w:after="{round(self.after * TWIPS_PER_POINT)}"{line}/>')
        sides = f' w:left="{twips(self.rule)}" w:right="{twips(self.rule)}"' if self.rule is not None else ""
        props.append(f'<w:ind{sides} w:firstLine="{twips(FIRST_LINE_INDENT_MM) if self.indent else 0}"/>')
        props.append(f'<w:jc w:val="{_JC[self.align]}"/>')
        if self.mark is not None:
            props.append(f'<w:rPr><w:sz w:val="{half_points(self.mark)}"/></w:rPr>')
        return f"<w:p><w:pPr>{''.join(props)}</w:pPr>{''.join(self.runs)}</w:p>"


def paragraph(text: str = "", *, size: float = BODY_PT, bold: bool = False, italic: bool = False,
              align: str = "justify", indent: bool = False, after: float = 6, before: float = 0,
              spacing: float | None = LINE_SPACING, keep_next: bool = False) -> Para:
    """A paragraph with one run of text (none when the text is empty); more runs may be added."""
    para = Para(align=align, indent=indent, before=before, after=after, spacing=spacing, keep_next=keep_next)
    if text:
        para.add(text, size, bold, italic)
    return para


def rule(width_mm: float, available_mm: float, after: float = 0, before: float = 1) -> Para:
    """A short centred horizontal rule: the bottom border of a tiny empty paragraph."""
    return Para(align="center", before=before, after=after, exact=2, rule=max((available_mm - width_mm) / 2, 0),
                mark=2)


def page_field(size: float) -> str:
    """A PAGE field, the page number Word and LibreOffice fill in ("2" until they do)."""
    return (run("", size, inner='<w:fldChar w:fldCharType="begin"/>')
            + run("", size, inner='<w:instrText xml:space="preserve"> PAGE </w:instrText>')
            + run("", size, inner='<w:fldChar w:fldCharType="separate"/>')
            + run("2", size) + run("", size, inner='<w:fldChar w:fldCharType="end"/>'))


def xml_of(blocks: Sequence[Para | str]) -> str:
    return "".join(block if isinstance(block, str) else block.xml() for block in blocks)


Row = tuple[str, Sequence[Sequence[Para | str]]]  # the row's properties (trPr children), then its cells' blocks


def table(widths: Sequence[int], rows: Iterable[Row], cell_margin: int, style: str | None = None,
          centred: bool = False, borderless: bool = False) -> str:
    """A fixed-layout table, each cell as wide as its grid column (widths in twips; Word and LibreOffice read
    different ones), the cells' left and right padding `cell_margin` twips."""
    props = ((f'<w:tblStyle w:val="{style}"/>' if style else "") + '<w:tblW w:w="0" w:type="auto"/>'
             + ('<w:jc w:val="center"/>' if centred else "")
             + (f"<w:tblBorders>{_NO_BORDERS}</w:tblBorders>" if borderless else "")
             + f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/>'
             f'<w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0"/>')
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    body = "".join(
        f"<w:tr>{f'<w:trPr>{row_props}</w:trPr>' if row_props else ''}"
        + "".join(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{xml_of(cell)}</w:tc>'
                  for width, cell in zip(widths, cells, strict=False))  # a Markdown row may have fewer cells
        + "</w:tr>" for row_props, cells in rows)
    return f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


_NARROW = set("0123456789,.;:'()-/ ")  # about half an em or less in Times New Roman


@cache
def _ems(char: str) -> float:
    """The width of one character in Times New Roman, in ems (estimated by its kind)."""
    if char in ",.;:' ":
        return 0.25
    return 0.5 if char in _NARROW else 0.85 if char == "%" else 0.72 if char.isupper() else 0.52


def text_mm(text: str, size: float, bold: bool = False) -> float:
    """Estimated printed width of text in Times New Roman at this size, in millimetres."""
    return points_mm(sum(map(_ems, text)) * size) * (BOLD_WIDER if bold else 1.0)
