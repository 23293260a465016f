"""Rule on a closed year: every sealed file as it was when the year was closed (docs/lich-su.md, "Khóa sổ")."""

from __future__ import annotations

from giaouoc.load.folder import YearFiles, display_path
from giaouoc.problems import Report
from giaouoc.vietnamese import short_date


def check_closed(files: YearFiles, report: Report) -> None:
    """Files changed, added or removed since `giaouoc close`."""
    closed = files.closed
    if closed is None or closed.closed is None:
        return
    from giaouoc.load.seal import CLOSED_FILE, sealed_files  # hashing only for a closed year
    when = short_date(closed.closed)
    now = sealed_files(files.folder)
    src = files.sources[CLOSED_FILE]
    for name in sorted(set(now) | set(closed.files)):
        shown = f"{display_path(files.folder, files.root)}/{name}"  # a link by its own name, not its target
        if name not in closed.files:
            report.add(shown, (1, 1), "closed-year-changed",
                       f"năm {files.name} đã khóa sổ ngày {when}, nhưng tệp {name} được thêm vào sau đó")
        elif name not in now:
            report.add(src.file, src.key_pos("files", name), "closed-year-changed",
                       f"năm {files.name} đã khóa sổ ngày {when}, nhưng tệp {name} đã bị xóa")
        elif now[name] != closed.files[name]:
            report.add(shown, (1, 1), "closed-year-changed",
                       f"năm {files.name} đã khóa sổ ngày {when}, nhưng tệp {name} đã bị sửa: hoàn lại tệp, "
                       f"hoặc mở lại năm bằng «giaouoc reopen {files.name} --reason …»")
