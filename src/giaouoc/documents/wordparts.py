"""The parts of a Word package around the body: content types, relationships, styles, settings, the page
header with its number, the section's page and margins (ND30 Phụ lục I, I.1–I.3 and I.7), properties.

Only what the documents use is written: six styles, no theme, no font table, nothing Word would rebuild.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from giaouoc.documents.geometry import (
    DEFAULT_TAB_MM,
    FOOTER_DISTANCE_MM,
    HEADER_DISTANCE_MM,
    LINE_TWIPS,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    half_points,
    page_mm,
    text_width_twips,
    twips,
)
from giaouoc.documents.wordxml import BODY_PT, FONTS_XML, LINE_SPACING, Para, page_field

DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
HEADER, FIRST_HEADER = "rId3", "rId4"

CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_MAIN}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_MAIN}.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_MAIN}.settings+xml"/>'
    f'<Override PartName="/word/header1.xml" ContentType="{_MAIN}.header+xml"/>'
    f'<Override PartName="/word/header2.xml" ContentType="{_MAIN}.header+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>')

PACKAGE_RELS = (
    f'<Relationships xmlns="{_PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{_OFFICE_RELS}/officeDocument" Target="word/document.xml"/>'
    f'<Relationship Id="rId2" Type="{_PACKAGE_RELS}/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_OFFICE_RELS}/extended-properties" Target="docProps/app.xml"/></Relationships>')

DOCUMENT_RELS = (
    f'<Relationships xmlns="{_PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{_OFFICE_RELS}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_OFFICE_RELS}/settings" Target="settings.xml"/>'
    f'<Relationship Id="{HEADER}" Type="{_OFFICE_RELS}/header" Target="header1.xml"/>'
    f'<Relationship Id="{FIRST_HEADER}" Type="{_OFFICE_RELS}/header" Target="header2.xml"/></Relationships>')

_TABLE_MARGINS = ('<w:tblInd w:w="0" w:type="dxa"/>{borders}<w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
                  '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
                  '<w:right w:w="108" w:type="dxa"/></w:tblCellMar>')
_GRID = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
_SINGLE = f'<w:spacing w:after="0" w:line="{LINE_TWIPS}" w:lineRule="auto"/>'
# The header's tab stops: centred on the A4 text width and at its right edge (Word's defaults, 4680 and 9360,
# are those of US Letter with one-inch margins).
_HEADER_TABS = (f'<w:tabs><w:tab w:val="center" w:pos="{text_width_twips(False) // 2}"/>'
                f'<w:tab w:val="right" w:pos="{text_width_twips(False)}"/></w:tabs>')

STYLES = (
    f"<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr>{FONTS_XML}"
    '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr>'
    '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="200" w:line="276" w:lineRule="auto"/></w:pPr>'
    "</w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr>'
    f'<w:spacing w:before="0" w:after="120" w:line="{round(LINE_SPACING * LINE_TWIPS)}" w:lineRule="auto"/>'
    f'</w:pPr><w:rPr>{FONTS_XML}<w:sz w:val="{half_points(BODY_PT)}"/><w:szCs w:val="{half_points(BODY_PT)}"/>'
    '<w:lang w:val="vi-VN"/>'
    "</w:rPr></w:style>"
    '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>'
    f'<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr>{_HEADER_TABS}{_SINGLE}</w:pPr></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
    f'<w:tblPr>{_TABLE_MARGINS.format(borders="")}</w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
    f'<w:uiPriority w:val="59"/><w:pPr>{_SINGLE}</w:pPr>'
    f'<w:tblPr>{_TABLE_MARGINS.format(borders=f"<w:tblBorders>{_GRID}</w:tblBorders>")}</w:tblPr></w:style>'
    "</w:styles>")

_COMPAT = "".join(f'<w:compatSetting w:name="{name}" w:uri="http://schemas.microsoft.com/office/word" w:val="{value}"/>'
                  for name, value in (("compatibilityMode", 14), ("overrideTableStyleFontSizeAndJustification", 1),
                                      ("enableOpenTypeFeatures", 1), ("doNotFlipMirrorIndents", 1)))
SETTINGS = (f'<w:settings {W}><w:zoom w:percent="100"/><w:defaultTabStop w:val="{twips(DEFAULT_TAB_MM)}"/>'
            '<w:characterSpacingControl w:val="doNotCompress"/>'
            f'<w:compat><w:useFELayout/>{_COMPAT}</w:compat><w:themeFontLang w:val="vi-VN"/></w:settings>')

APP = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
       "<Application>giaouoc</Application></Properties>")


def header(numbered: bool) -> str:
    """The page header: the page number centred in the top margin (I.7), or nothing (the first page)."""
    para = Para(align="center", after=0, spacing=None, style="Header")
    if numbered:
        para.runs.append(page_field(13))
    return f"<w:hdr {W}>{para.xml()}</w:hdr>"


def section(landscape: bool) -> str:
    """A4 with the ND30 margins (geometry.py: top 20, bottom 20, left 30, right 15 mm); numbers from the second
    page on."""
    width, height = page_mm(landscape)
    orient = ' w:orient="landscape"' if landscape else ""
    return (f'<w:sectPr><w:headerReference w:type="default" r:id="{HEADER}"/>'
            f'<w:headerReference w:type="first" r:id="{FIRST_HEADER}"/>'
            f'<w:pgSz w:w="{twips(width)}" w:h="{twips(height)}"{orient}/>'
            f'<w:pgMar w:top="{twips(MARGIN_TOP_MM)}" w:right="{twips(MARGIN_RIGHT_MM)}" '
            f'w:bottom="{twips(MARGIN_BOTTOM_MM)}" w:left="{twips(MARGIN_LEFT_MM)}" '
            f'w:header="{twips(HEADER_DISTANCE_MM)}" w:footer="{twips(FOOTER_DISTANCE_MM)}" w:gutter="0"/>'
            '<w:cols w:space="720"/><w:titlePg/>'
            '<w:docGrid w:linePitch="360"/></w:sectPr>')


def document(body: str, landscape: bool) -> str:
    return f"<w:document {W} {R}><w:body>{body}{section(landscape)}</w:body></w:document>"


def core(title: str, author: str) -> str:
    """Title and author from the data (escaped: never markup); fixed dates, so the same data gives the same bytes."""
    date = '<dcterms:{0} xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:{0}>'
    return ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
            f"<cp:lastModifiedBy>giaouoc</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f"{date.format('created')}{date.format('modified')}</cp:coreProperties>")
