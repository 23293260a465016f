"""Write a rendered document as a .docx laid out by Nghị định 30/2020/NĐ-CP, Phụ lục I."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from giaouoc.documents.render import Rendered

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def docx_bytes(rendered: Rendered) -> bytes:
    """The Word file of one document, the same bytes for the same data."""
    from docx import Document

    from giaouoc.documents.wordbody import write_body
    from giaouoc.documents.wordhead import header_block, page_numbers, title_block
    from giaouoc.documents.wordsign import signature_block, signature_grid
    from giaouoc.documents.wordstyle import set_geometry, setup_document

    frame = rendered.frame
    document = Document()
    setup_document(document)
    section = document.sections[0]
    set_geometry(section, frame.orientation == "landscape")
    page_numbers(section)
    header_block(document, frame)
    title_block(document, frame)
    write_body(document, rendered.body, frame.orientation == "landscape")
    for para in document.paragraphs[-2:]:  # the closing sentences stay on the page of the signatures
        para.paragraph_format.keep_with_next = True
    signature_grid(document, frame)
    signature_block(document, frame)
    properties = document.core_properties
    properties.title = f"{frame.type} {frame.title}"
    properties.author = frame.issuer
    properties.last_modified_by = "giaouoc"
    properties.created = properties.modified = datetime(2000, 1, 1)
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps so that equal documents are equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
