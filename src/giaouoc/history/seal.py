"""`giaouoc close` and `giaouoc reopen`: seal a year's files once the decisions are in, and open it again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from giaouoc.errors import DataError, UsageError
from giaouoc.files import write_atomic, year_lock
from giaouoc.history.records import chronicle
from giaouoc.load.seal import CLOSED_FILE, links_out, sealed_files
from giaouoc.model.history import LogEntry
from giaouoc.rules import load_block
from giaouoc.vietnamese import short_date
from giaouoc.visible import has_hidden, visible
from giaouoc.yamltext import flow, scalar


def close_year(root: Path, folder: Path, today: date) -> Path:
    """Write closed.yaml (all of it or nothing); refuse a year that is not ready to be closed. Holds the year's
    lock, as `import` does: an import running meanwhile is either sealed whole or waits."""
    with year_lock(folder):
        return _close(root, folder, today)


def _close(root: Path, folder: Path, today: date) -> Path:
    year_number = int(folder.name)
    block, report = load_block(root)
    files = block.files.years[year_number]
    if files.closed is not None and files.closed.closed is not None:
        raise DataError(f"năm {year_number} đã khóa sổ ngày {short_date(files.closed.closed)}")
    errors = block.files.reports[year_number].errors + block.files.refusing(year_number)  # history.md §7
    if errors or block.checked.get(year_number) is None:
        raise DataError(f"năm {year_number} còn {len(errors)} lỗi: hãy sửa trước khi khóa sổ "
                        f"(xem «giaouoc validate {year_number}»)")
    year = block.checked[year_number]
    assert year is not None
    if year.decisions is None:
        raise DataError(f"năm {year_number} chưa có decisions.yaml (quyết định khen thưởng): chưa khóa sổ được")
    ranking = chronicle(block, until=year_number).rankings[year_number]
    if not ranking.final:
        raise DataError(f"kết quả năm {year_number} chưa cuối cùng (xem «giaouoc rank {year_number}»): "
                        "chưa khóa sổ được")
    decided = {t for d in year.decisions.decisions for t in d.awards}
    undecided = sorted({t for r in ranking.units for t in r.titles if t not in decided})
    if undecided:
        raise DataError(f"danh hiệu {', '.join(undecided)} năm {year_number} đã đề nghị nhưng chưa có quyết định "
                        "khen thưởng trong decisions.yaml: chưa khóa sổ được")
    covered = {y for t in year.compact.titles for c in t.history for y in c.covered(year_number) if y != year_number}
    still_open = sorted(y for y in covered & set(block.files.years)
                        if (c := block.files.years[y].closed) is None or c.closed is None)
    if still_open:
        raise DataError(f"năm {year_number} đọc kết quả năm {', '.join(map(str, still_open))}, năm đó chưa khóa sổ: "
                        "hãy khóa sổ các năm trước trước")
    refuse_links_out(folder)
    log = list(files.closed.log) if files.closed else []
    log.append(LogEntry(closed=today))
    _write(folder, year_number, today, sealed_files(folder), log)
    return folder / CLOSED_FILE


def reopen_year(root: Path, folder: Path, reason: str, today: date) -> Path:
    """Open a closed year again: the seal goes, the reason and date stay in the log."""
    from giaouoc.load.block import read_block

    if not reason.strip():
        raise UsageError("cần lý do mở lại năm: --reason \"…\"")
    if has_hidden(reason.strip()):
        raise UsageError(f"lý do «{visible(reason.strip())}» chứa ký tự điều khiển, xuống dòng hay ký tự đổi chiều "
                         "chữ: hãy viết lý do trên một dòng, chỉ bằng chữ")
    year_number = int(folder.name)
    with year_lock(folder):
        files = read_block(root, [folder]).years[year_number]
        if files.closed is None or files.closed.closed is None:
            raise DataError(f"năm {year_number} đang mở, không cần mở lại")
        log = [*files.closed.log, LogEntry(reopened=today, reason=reason.strip())]
        _write(folder, year_number, None, {}, log)
    return folder / CLOSED_FILE


def refuse_links_out(folder: Path) -> None:
    """A year whose files or folders are links out of it cannot be sealed: what a link leads to could change
    after `close` without the seal knowing (docs/an-toan.md)."""
    out = links_out(folder)
    if out:
        raise DataError(f"năm {folder.name} có liên kết trỏ ra ngoài thư mục năm ({', '.join(out[:5])}"
                        f"{' …' if len(out) > 5 else ''}): thay liên kết bằng tệp thật rồi khóa sổ")


def _write(folder: Path, year: int, closed: date | None, files: dict[str, str], log: list[LogEntry]) -> None:
    lines = [f"# Khóa sổ năm {year}: do «giaouoc close» và «giaouoc reopen» ghi, đừng sửa tay.",
             "# Mỗi tệp của năm kèm dấu SHA-256; «giaouoc validate» báo tệp nào bị sửa, thêm hay xóa sau khi khóa."]
    if closed is not None:
        lines.append(f"closed: {closed.isoformat()}")
        lines.append("files:")
        lines += [f"  {scalar(name)}: {digest}" for name, digest in sorted(files.items())]
    lines.append("log:")
    for entry in log:
        values = {"closed": entry.closed.isoformat() if entry.closed else None,
                  "reopened": entry.reopened.isoformat() if entry.reopened else None, "reason": entry.reason}
        lines.append(f"  - {flow(values)}")
    write_atomic(folder / CLOSED_FILE, ("\n".join(lines) + "\n").encode("utf-8"))
