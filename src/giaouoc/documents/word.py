"""Write a rendered document as a .docx laid out by Nghị định 30/2020/NĐ-CP, Phụ lục I."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from giaouoc.documents.render import Rendered

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_BASE = Path(__file__).with_name("base.docx")  # python-docx's template cut to the styles used (tools/make_base_docx.py)


def docx_bytes(rendered: Rendered) -> bytes:
    """The Word file of one document, the same bytes for the same data."""
    from docx import Document

    from giaouoc.documents.wordbody import write_body
    from giaouoc.documents.wordhead import header_block, page_numbers, title_block
    from giaouoc.documents.wordsign import signature_block, signature_grid
    from giaouoc.documents.wordstyle import set_geometry, setup_document

    frame = rendered.frame
    document = Document(str(_BASE))
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
    return _package_bytes(document)


class _FixedTimeZip:
    """The zip writer python-docx's package writer needs, with fixed timestamps: same document, same bytes."""

    def __init__(self, stream: io.BytesIO) -> None:
        self._zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=1)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=_FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        self._zip.writestr(info, blob, compresslevel=1)  # a few kilobytes more than level 6, much faster

    def close(self) -> None:
        self._zip.close()


def _package_bytes(document: Any) -> bytes:
    """What `document.save` writes, zipped once with fixed timestamps (not saved, then unzipped and zipped again)."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    buffer = io.BytesIO()
    writer = _FixedTimeZip(buffer)
    steps: Any = PackageWriter  # its static helpers take any writer with write() and close()
    steps._write_content_types_stream(writer, package.parts)
    steps._write_pkg_rels(writer, package.rels)
    steps._write_parts(writer, package.parts)
    writer.close()
    return buffer.getvalue()
