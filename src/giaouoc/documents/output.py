"""Write rendered documents: Markdown always, Word and PDF (through LibreOffice) when asked."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from giaouoc.documents.manifest import Manifest, Say, digest
from giaouoc.errors import FatalError, UsageError

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


FONT_PACKAGES = ("Debian/Ubuntu: apt-get install fonts-liberation2 (Liberation Serif 2, cùng kích thước Times New "
                 "Roman, đủ chữ Việt) hoặc fonts-croscore (phông Tinos); Windows và macOS có sẵn Times New Roman")


def matched_font() -> tuple[str, set[str]] | None:
    """The face fontconfig gives LibreOffice for Times New Roman, and the languages it covers; None without
    fontconfig."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        found = subprocess.run([fc_match, "-f", "%{family[0]}\n%{lang}", "Times New Roman"], capture_output=True,
                               text=True, timeout=20).stdout
    except (subprocess.SubprocessError, OSError):
        return None
    face, _, langs = found.partition("\n")
    return face.strip(), {lang.strip().lower() for lang in langs.split("|")}


def font_warning() -> str | None:
    """A warning when the PDF would not be printed in Times New Roman with every Vietnamese letter: the face
    LibreOffice gets lacks ư, ơ, ế … (fontconfig's `vi` coverage), or another face stands in for it."""
    found = matched_font()
    if found is None:
        return None
    face, langs = found
    if "vi" not in langs:
        return (f"phông «{face or 'khác'}» mà máy này dùng thay cho Times New Roman không có đủ chữ tiếng Việt "
                "(ư, ơ, ế …): LibreOffice sẽ lấy các chữ đó từ phông khác và bản PDF bị lẫn phông. Cài một phông "
                f"có đủ chữ Việt ({FONT_PACKAGES})")
    if "times new roman" in face.lower():
        return None
    return (f"máy này không có phông Times New Roman: LibreOffice sẽ in bằng phông «{face}» (đủ chữ Việt, cỡ chữ "
            "và độ rộng giữ nguyên nhưng nét chữ khác bản Word). Để bản PDF giống hệt bản in, cài Times New Roman "
            "(Debian/Ubuntu: apt-get install ttf-mscorefonts-installer)")


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


def convert_to_pdf(docx_files: dict[str, bytes]) -> dict[str, bytes]:
    """One soffice call for every file, with a private profile: the PDFs' names and bytes."""
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="giaouoc-pdf-") as work:
        folder = Path(work)
        for name, data in docx_files.items():
            (folder / name).write_bytes(data)
        profile = (folder / "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(folder / "pdf"), *(str(folder / n) for n in docx_files)]
        _run_soffice(command)
        made = {}
        for name in docx_files:
            pdf = folder / "pdf" / (Path(name).stem + ".pdf")
            if not pdf.is_file():
                raise FatalError(f"LibreOffice không tạo được {pdf.name}")
            made[pdf.name] = pdf.read_bytes()
        return made


def write_documents(rendered: list[Rendered], target: Path, docx: bool, pdf: bool, say: Say,
                    shown: str | None = None) -> list[Path]:
    """Markdown always, Word and PDF when asked, every file written whole or not at all and recorded
    (manifest.py). A Word file left from older Markdown is written again; an old PDF is named in a warning.
    A file changed by hand is moved aside, never overwritten."""
    record = Manifest.read(target, shown or str(target))
    sources = {r.doc_id: digest(r.markdown.encode("utf-8")) for r in rendered}
    remade = [r for r in rendered if not docx and record.stale(f"{r.doc_id}.docx", sources[r.doc_id])]
    word = _word_files(rendered if docx or pdf else remade)
    written = [record.write(f"{r.doc_id}.md", r.markdown.encode("utf-8"), say) for r in rendered]
    for r in rendered if docx else remade:
        written.append(record.write(f"{r.doc_id}.docx", word[r.doc_id], say, sources[r.doc_id]))
    if pdf:
        made = convert_to_pdf({f"{doc_id}.docx": data for doc_id, data in word.items()})
        written += [record.write(name, data, say, sources[Path(name).stem]) for name, data in made.items()]
    else:
        for r in rendered:
            if record.stale(f"{r.doc_id}.pdf", sources[r.doc_id]):
                say(f"Cảnh báo: {record.shown}/{r.doc_id}.pdf lập từ bản trước của {r.doc_id}.md, không còn khớp: "
                    f"lập lại bằng «--pdf» hoặc xóa tệp đó")
    record.save()
    return written


def _word_files(rendered: list[Rendered]) -> dict[str, bytes]:
    if not rendered:
        return {}
    from giaouoc.documents.word import docx_bytes
    from giaouoc.report.terminal import progress

    word = {}
    with progress(len(rendered), "Đang lập văn bản Word") as step:
        for r in rendered:
            word[r.doc_id] = docx_bytes(r)
            step(r.doc_id)
    return word


def remove_stale(target: Path, doc_ids: list[str], say: Say, shown: str | None = None) -> list[Path]:
    """Remove earlier output of documents skipped this time, so that nothing stale is left beside new files;
    a file changed by hand since giaouoc wrote it is moved aside instead."""
    record = Manifest.read(target, shown or str(target))
    removed = [target / name for doc_id in doc_ids for suffix in (".md", ".docx", ".pdf")
               if record.remove(name := f"{doc_id}{suffix}", say)]
    record.save()
    return removed
