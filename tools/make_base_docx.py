"""Make src/giaouoc/documents/base.docx: python-docx's default template cut to what giaouoc's documents use.

The default template carries 164 styles (438 KB of styles.xml, and as much again in stylesWithEffects.xml),
a thumbnail, custom XML and list numbering for styles we do not use; every `render --docx` parsed,
re-serialised and zipped all of it for each document. The base keeps the parts Word and LibreOffice need and
the styles giaouoc refers to. Run it again after a python-docx upgrade changes its template:

    python tools/make_base_docx.py
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx

KEEP_STYLES = {"Normal", "Header", "HeaderChar", "Footer", "FooterChar", "DefaultParagraphFont", "TableNormal",
               "NoList", "TableGrid"}
DROP_PARTS = {"word/stylesWithEffects.xml", "word/webSettings.xml", "docProps/thumbnail.jpeg", "word/numbering.xml",
              "customXml/item1.xml", "customXml/itemProps1.xml", "customXml/_rels/item1.xml.rels"}
TARGET = Path(__file__).resolve().parent.parent / "src/giaouoc/documents/base.docx"


def styles(xml: str) -> str:
    xml = re.sub(r"<w:latentStyles.*?</w:latentStyles>", "", xml, flags=re.S)

    def keep(match: re.Match[str]) -> str:
        found = re.search(r'w:styleId="([^"]+)"', match.group(0))
        return match.group(0) if found and found.group(1) in KEEP_STYLES else ""

    return re.sub(r"<w:style [^>]*>.*?</w:style>", keep, xml, flags=re.S)


def without(xml: str, *targets: str) -> str:
    """Relationships and content-type overrides that point at dropped parts, taken out."""
    for target in targets:
        xml = re.sub(rf'<(Relationship|Override)[^>]*"[./]*{re.escape(target)}"[^>]*/>\s*', "", xml)
    return xml


def main() -> None:
    source = Path(docx.__file__).parent / "templates" / "default.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as template, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as base:
        for info in template.infolist():
            if info.filename in DROP_PARTS:
                continue
            text = template.read(info.filename).decode("utf-8")
            if info.filename == "word/styles.xml":
                text = styles(text)
            text = without(text, "stylesWithEffects.xml", "webSettings.xml", "docProps/thumbnail.jpeg",
                           "customXml/item1.xml", "customXml/itemProps1.xml", "word/stylesWithEffects.xml",
                           "word/webSettings.xml", "numbering.xml", "word/numbering.xml")
            base.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), text.encode("utf-8"),
                          compress_type=zipfile.ZIP_DEFLATED)
    TARGET.write_bytes(out.getvalue())
    print(f"{TARGET}: {len(out.getvalue())} byte")


if __name__ == "__main__":
    main()
