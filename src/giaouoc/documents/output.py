"""Write rendered documents: Markdown always, Word and PDF (through LibreOffice) when asked."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from giaouoc.errors import FatalError, UsageError
from giaouoc.files import write_atomic

if TYPE_CHECKING:
    from giaouoc.documents.render import Rendered


def find_soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise UsageError(
        "không tìm thấy LibreOffice (lệnh soffice) để xuất PDF: hãy cài LibreOffice "
        "(ví dụ: apt-get install libreoffice-writer-nogui) hoặc bỏ tùy chọn --pdf"
    )


def convert_to_pdf(docx_files: dict[str, bytes], out: Path) -> list[Path]:
    """One soffice call for every file, with a private profile; PDFs land atomically in `out`."""
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="giaouoc-pdf-") as work:
        folder = Path(work)
        for name, data in docx_files.items():
            (folder / name).write_bytes(data)
        profile = (folder / "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(folder / "pdf"), *(str(folder / n) for n in docx_files)]
        try:
            subprocess.run(command, capture_output=True, timeout=600, check=True)
        except (subprocess.SubprocessError, OSError) as exc:
            raise FatalError(f"LibreOffice không chuyển được văn bản sang PDF: {exc}") from exc
        written = []
        for name in docx_files:
            pdf = folder / "pdf" / (Path(name).stem + ".pdf")
            if not pdf.is_file():
                raise FatalError(f"LibreOffice không tạo được {pdf.name}")
            target = out / pdf.name
            write_atomic(target, pdf.read_bytes())
            written.append(target)
        return written


def write_documents(rendered: list[Rendered], target: Path, docx: bool, pdf: bool) -> list[Path]:
    """Markdown always, Word and PDF when asked: every file written whole or not at all."""
    files: dict[Path, bytes] = {target / f"{r.doc_id}.md": r.markdown.encode("utf-8") for r in rendered}
    word: dict[str, bytes] = {}
    if docx or pdf:
        from giaouoc.documents.word import docx_bytes
        from giaouoc.report.terminal import progress

        with progress(len(rendered), "Đang lập văn bản Word") as step:
            for r in rendered:
                word[f"{r.doc_id}.docx"] = docx_bytes(r)
                step(r.doc_id)
    if docx:
        files.update({target / name: content for name, content in word.items()})
    for path, content in files.items():
        write_atomic(path, content)
    written = list(files)
    if pdf:
        written += convert_to_pdf(word, target)
    return written
