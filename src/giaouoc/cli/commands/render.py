from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from giaouoc.cli.commands.common import Settings, YearArgument, load_ranked, output_path
from giaouoc.errors import UsageError
from giaouoc.load.folder import display_path
from giaouoc.report.terminal import err, out

DocOption = Annotated[
    list[str] | None,
    typer.Option("--doc", metavar="VĂN_BẢN",
                 help="Chỉ lập văn bản này (giao-uoc, bang-diem, phieu-bau, bien-ban-kiem-phieu, bien-ban, to-trinh)."),
]
DocxOption = Annotated[bool, typer.Option("--docx", help="Lập thêm tệp Word (.docx).")]
PdfOption = Annotated[bool, typer.Option("--pdf", help="Lập thêm tệp PDF (cần LibreOffice).")]
DraftOption = Annotated[
    bool, typer.Option("--draft", help="Lập cả văn bản chưa có kết quả cuối cùng, ghi «DỰ THẢO» và nêu việc còn chờ.")
]
OutOption = Annotated[
    Path | None, typer.Option("--out", metavar="THƯ_MỤC", help="Thư mục ghi văn bản (mặc định out/<năm>/).")
]


def render(
    ctx: typer.Context,
    year: YearArgument,
    docs: DocOption = None,
    docx: DocxOption = False,
    pdf: PdfOption = False,
    out_dir: OutOption = None,
    draft: DraftOption = False,
) -> int:
    """Lập văn bản: giao ước, bảng điểm, phiếu bầu, biên bản kiểm phiếu, biên bản, tờ trình (Markdown, Word, PDF)."""
    from giaouoc.documents.output import find_soffice, font_warning, remove_stale, write_documents
    from giaouoc.documents.render import render_all
    from giaouoc.model.documents import DOCUMENT_IDS

    settings: Settings = ctx.obj
    unknown = [d for d in docs or [] if d not in DOCUMENT_IDS]
    if unknown:
        raise UsageError(f"không có văn bản «{unknown[0]}»; các văn bản: {', '.join(DOCUMENT_IDS)}")
    if pdf:
        find_soffice()  # say so before any work when LibreOffice is missing
        if warning := font_warning():
            err(f"Cảnh báo: {warning}.")
    root, data, ranking = load_ranked(settings, year)
    target = output_path(settings, out_dir or root / "out" / str(data.compact.year))
    wanted = list(dict.fromkeys(docs)) if docs else list(DOCUMENT_IDS)
    rendered, skipped = render_all(root, data, ranking, wanted, asked=bool(docs), warn=err, draft=draft)
    shown = display_path(target, root)
    for path in remove_stale(target, skipped, err, shown):
        err(f"Đã xóa bản cũ {display_path(path, root)}.")
    for path in sorted(write_documents(rendered, target, docx, pdf, err, shown)):
        out(display_path(path, root))
    return 0
