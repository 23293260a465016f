"""Write rendered documents: Markdown always, Word and PDF (through LibreOffice) when asked."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from giaouoc.errors import FatalError, UsageError
from giaouoc.files import write_atomic

if TYPE_CHECKING:
    from giaouoc.documents.render import Rendered


INSTALLED = [  # where the LibreOffice installers put it, when it is not on PATH
    Path("C:/Program Files/LibreOffice/program/soffice.exe"),
    Path("C:/Program Files (x86)/LibreOffice/program/soffice.exe"),
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
]


def find_soffice(places: list[Path] | None = None) -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in places if places is not None else INSTALLED:
        if place.is_file():
            return str(place)
    raise UsageError(
        "không tìm thấy LibreOffice (lệnh soffice) để xuất PDF: hãy cài LibreOffice "
        "(ví dụ: apt-get install libreoffice-writer-nogui) hoặc bỏ tùy chọn --pdf"
    )


def font_warning() -> str | None:
    """A warning when LibreOffice would print Times New Roman in another face (fontconfig says which it picks)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        found = subprocess.run([fc_match, "-f", "%{family}", "Times New Roman"], capture_output=True, text=True,
                               timeout=20).stdout
    except (subprocess.SubprocessError, OSError):
        return None
    if "times new roman" in found.lower():
        return None
    face = found.split(",")[0].strip()
    return (f"máy này không có phông Times New Roman: LibreOffice sẽ in bằng phông «{face or 'khác'}» (cỡ chữ giữ "
            "nguyên nhưng nét chữ khác bản Word). Cài phông Times New Roman (Debian/Ubuntu: apt-get install "
            "ttf-mscorefonts-installer; Windows và macOS có sẵn) để bản PDF giống hệt bản in")


def _run_soffice(command: list[str]) -> None:
    """LibreOffice in its own process group, stopped with all its children when giaouoc is stopped."""
    import os
    import signal

    try:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
    except OSError as exc:
        raise FatalError(f"không chạy được LibreOffice: {exc}") from exc
    try:
        code = process.wait(timeout=600)
    except BaseException:  # a time-out, Ctrl-C, a stop: no soffice.bin left behind
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    if code != 0:
        raise FatalError(f"LibreOffice không chuyển được văn bản sang PDF (mã thoát {code})")


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
        _run_soffice(command)
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


def remove_stale(target: Path, doc_ids: list[str]) -> list[Path]:
    """Remove earlier output of documents skipped this time, so that nothing stale is left beside new files."""
    removed = []
    for doc_id in doc_ids:
        for suffix in (".md", ".docx", ".pdf"):
            path = target / f"{doc_id}{suffix}"
            if path.is_file() and not path.is_symlink():
                path.unlink()
                removed.append(path)
    return removed
