"""Write a rendered document as a .docx laid out by Nghị định 30/2020/NĐ-CP, Phụ lục I.

The WordprocessingML is written as text in one pass and zipped with fixed timestamps: the same data gives
the same bytes. python-docx reads these files back in the tests; building them through its object model
took most of the time of `render --docx`.
"""

from __future__ import annotations

import io
import zipfile

from giaouoc.documents import wordparts
from giaouoc.documents.render import Rendered
from giaouoc.documents.wordbody import body_blocks
from giaouoc.documents.wordhead import header_block, title_block
from giaouoc.documents.wordsign import signature_block, signature_grid
from giaouoc.documents.wordxml import Para, xml_of

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def docx_bytes(rendered: Rendered) -> bytes:
    """The Word file of one document, the same bytes for the same data."""
    frame = rendered.frame
    landscape = frame.orientation == "landscape"
    body = body_blocks(rendered.body, landscape)
    for para in [b for b in body if isinstance(b, Para)][-2:]:  # the closing sentences stay with the signatures
        para.keep_next = True
    blocks = [*header_block(frame), *title_block(frame), *body, *signature_grid(frame), *signature_block(frame)]
    parts = {
        "[Content_Types].xml": wordparts.CONTENT_TYPES,
        "_rels/.rels": wordparts.PACKAGE_RELS,
        "docProps/core.xml": wordparts.core(f"{frame.type} {frame.title}", frame.issuer),
        "docProps/app.xml": wordparts.APP,
        "word/document.xml": wordparts.document(xml_of(blocks), landscape),
        "word/_rels/document.xml.rels": wordparts.DOCUMENT_RELS,
        "word/styles.xml": wordparts.STYLES,
        "word/settings.xml": wordparts.SETTINGS,
        "word/header1.xml": wordparts.header(numbered=True),
        "word/header2.xml": wordparts.header(numbered=False),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=_FIXED_TIME), wordparts.DECLARATION + xml,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
