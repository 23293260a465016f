"""Low-level Word (OOXML) helpers: fonts for every script, borders, fields, section geometry."""

from __future__ import annotations

from typing import Any

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
LINE_SPACING = 1.15
_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme")

def set_fonts(rpr: Any) -> None:
    """Times New Roman for ascii, hAnsi, cs and eastAsia; no theme font left to override it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in _FONT_ATTRS:
        fonts.set(qn(attr), FONT)


def setup_document(document: Any) -> None:
    """Fonts, language and body paragraph defaults for the whole document."""
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)
        for attr in _FONT_ATTRS:
            fonts.set(qn(attr), FONT)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element.get_or_add_rPr())
    lang = normal.element.get_or_add_rPr().find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        normal.element.get_or_add_rPr().append(lang)
    lang.set(qn("w:val"), "vi-VN")
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = LINE_SPACING


def set_geometry(section: Any, landscape: bool) -> None:
    """A4 with the ND30 margins: top 20, bottom 20, left 30, right 15 mm."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)


def text_width_mm(landscape: bool) -> int:
    return (297 if landscape else 210) - 45


def paragraph(container: Any, text: str = "", *, size: float = BODY_PT, bold: bool = False,
              italic: bool = False, align: str = "justify", indent: bool = False, after: float = 6,
              before: float = 0, spacing: float | None = LINE_SPACING) -> Any:
    """A paragraph with one run (more runs may be added); its properties written as XML in one go."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    para = container.add_paragraph()
    line = f' w:line="{round(spacing * 240)}" w:lineRule="auto"' if spacing is not None else ""
    first = 720 if indent else 0  # 1.27 cm
    jc = {"left": "left", "center": "center", "right": "right", "justify": "both"}[align]
    para._p.insert(0, parse_xml(
        f'<w:pPr {nsdecls("w")}><w:spacing w:before="{round(before * 20)}" w:after="{round(after * 20)}"{line}/>'
        f'<w:ind w:firstLine="{first}"/><w:jc w:val="{jc}"/></w:pPr>'))
    if text:
        add_run(para, text, size=size, bold=bold, italic=italic)
    return para


def run_xml(text: str, size: float, bold: bool, italic: bool) -> str:
    """One run as OOXML text, with the same fonts and sizes `add_run` sets (for tables built in one piece)."""
    from xml.sax.saxutils import escape

    half = round(size * 2)
    fonts = "".join(f' {attr}="{FONT}"' for attr in _FONT_ATTRS)
    props = f"<w:rFonts{fonts}/>" + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    props += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def add_run(para: Any, text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False) -> Any:
    """Append a run to a paragraph, built as XML in one go (python-docx's font setters are slow)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    run = parse_xml(run_xml(text, size, bold, italic).replace("<w:r>", f"<w:r {nsdecls('w')}>", 1))
    para._p.append(run)
    return run


def rule(container: Any, width_mm: float, available_mm: float, after: float = 0) -> Any:
    """A short centred horizontal rule: the bottom border of a tiny empty paragraph."""
    para = paragraph(container, "", size=2, align="center", after=after, before=1, spacing=1.0)
    bottom_rule(para, margin_mm=max((available_mm - width_mm) / 2, 0))
    para.paragraph_format.line_spacing = Pt(2)
    mark = OxmlElement("w:rPr")  # the paragraph mark sets the height of an empty line
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    para._p.get_or_add_pPr().append(mark)
    return para


def bottom_rule(para: Any, margin_mm: float) -> None:
    """A rule under the paragraph, shortened by equal indents on both sides."""
    fmt = para.paragraph_format
    fmt.left_indent = Mm(margin_mm)
    fmt.right_indent = Mm(margin_mm)
    ppr = para._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def page_field(para: Any, size: float) -> None:
    """A PAGE field: the page number Word and LibreOffice fill in."""
    def element(tag: str, **attrs: str) -> Any:
        node = OxmlElement(tag)
        for key, value in attrs.items():
            node.set(qn(key), value)
        return node

    run = add_run(para, "", size=size)
    run.append(element("w:fldChar", **{"w:fldCharType": "begin"}))
    instr = element("w:instrText", **{"xml:space": "preserve"})
    instr.text = " PAGE "
    run.append(instr)
    run.append(element("w:fldChar", **{"w:fldCharType": "separate"}))
    number = add_run(para, "2", size=size)
    number.append(element("w:fldChar", **{"w:fldCharType": "end"}))


def borderless(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        node = OxmlElement(f"w:{edge}")
        node.set(qn("w:val"), "nil")
        borders.append(node)
    tbl_pr.append(borders)


def column_widths(table: Any, widths_mm: list[float]) -> None:
    """Fixed column widths, written both to the grid and to every cell (Word and LibreOffice differ)."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for index, width in enumerate(widths_mm):
        table.columns[index].width = Mm(width)
        for cell in table.columns[index].cells:
            cell.width = Mm(width)


def narrow_cell_margins(table: Any, mm: float = 1.0) -> None:
    """Cell padding of about 1 mm left and right, so that dense tables keep their numbers whole."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        node = OxmlElement(f"w:{edge}")
        node.set(qn("w:w"), str(round(mm * 56.7)))
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    table._tbl.tblPr.append(margins)


def cell_paragraph(cell: Any) -> Any:
    """The cell's first, empty paragraph (python-docx creates one) ready for text."""
    para = cell.paragraphs[0]
    para.paragraph_format.first_line_indent = Cm(0)
    return para


_NARROW = set("0123456789,.;:'()-/ ")  # about half an em or less in Times New Roman


def text_mm(text: str, size: float, bold: bool = False) -> float:
    """Estimated printed width of text in Times New Roman at this size, in millimetres."""
    ems = sum(0.25 if c in ",.;:' " else 0.5 if c in _NARROW else 0.85 if c == "%" else 0.72 if c.isupper()
              else 0.52 for c in text)
    return ems * size * 0.3528 * (1.1 if bold else 1.0)
