"""Rules on the data documents print: `documents.<id>`, `block.header`, the units' achievement texts."""

from __future__ import annotations

from giaouoc.load.folder import YearFiles
from giaouoc.model.documents import DOCUMENT_IDS, clean_base
from giaouoc.problems import Report

WITH_BASES = ("giao-uoc", "to-trinh")  # documents that cite căn cứ


def check_documents(files: YearFiles, report: Report) -> None:
    """Document ids known, căn cứ only where they belong (and written without what giaouoc adds), the header."""
    compact = files.compact
    if compact is None:
        return
    src = files.sources["compact.yaml"]
    for name, settings in compact.documents.items():
        if name not in DOCUMENT_IDS:
            report.add(src.file, src.key_pos("documents", name), "unknown-key",
                       f"văn bản «{name}» không có; các văn bản: {', '.join(DOCUMENT_IDS)}")
            continue
        if settings.bases and name not in WITH_BASES:
            report.add(src.file, src.key_pos("documents", name, "bases"), "unknown-key",
                       f"văn bản «{name}» không ghi căn cứ: «bases» chỉ dùng cho {', '.join(WITH_BASES)}")
        if settings.to and name != "to-trinh":
            report.add(src.file, src.key_pos("documents", name, "to"), "unknown-key",
                       "«to» (Kính gửi) chỉ dùng cho to-trinh")
        for index, base in enumerate(settings.bases):
            if clean_base(base) != base.strip():
                report.add(src.file, src.pos("documents", name, "bases", index), "base-punctuation",
                           f"căn cứ «{base}»: không cần chữ «Căn cứ» ở đầu và dấu «;», «.» ở cuối, giaouoc tự thêm "
                           f"(sẽ in: «Căn cứ {clean_base(base)};»)")
    header = compact.block.header
    if header and " ".join(header).casefold() != compact.block.name.casefold():
        report.add(src.file, src.pos("block", "header"), "header-mismatch",
                   f"«block.header» ghép lại là «{' '.join(header)}», khác tên Khối «{compact.block.name}»: "
                   "chỉ được chia dòng, không đổi chữ")
    units = {u.id for u in files.units or []}
    for key in files.texts:
        if key.startswith("thanh-tich/") and files.units is not None and key.split("/", 1)[1] not in units:
            path = files.folder / "text" / f"{key}.md"
            report.add(str(path.relative_to(files.root)) if path.is_relative_to(files.root) else str(path), (1, 1),
                       "stray-file", f"tệp bị bỏ qua: «{key.split('/', 1)[1]}» không phải mã đơn vị của năm")
