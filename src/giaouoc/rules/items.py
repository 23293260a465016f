"""Rules on items.yaml: ids, maxima and their total."""

from __future__ import annotations

from giaouoc.load.folder import YearFiles
from giaouoc.problems import Report
from giaouoc.vietnamese import format_number


def check_items(files: YearFiles, report: Report) -> None:
    """Item ids, maxima, the total of the maxima, tie-break keys that name an item."""
    items, compact = files.items, files.compact
    if items is None:
        return
    src = files.sources["items.yaml"]
    seen: set[int] = set()
    for index, item in enumerate(items):
        if item.id < 1:
            report.add(src.file, src.pos("items", index, "id"), "invalid-id",
                       f"số thứ tự nội dung {item.id} không hợp lệ: phải là số nguyên dương")
        if item.id in seen:
            report.add(src.file, src.pos("items", index, "id"), "duplicate-id", f"nội dung {item.id} lặp lại")
        seen.add(item.id)
        if item.max <= 0:
            report.add(src.file, src.pos("items", index, "max"), "invalid-max",
                       f"nội dung {item.id}: điểm chuẩn phải lớn hơn 0")
    if compact is None:
        return
    total = compact.scoring.total
    if total is not None and sum((i.max for i in items), start=0) != total:
        actual = sum((i.max for i in items), start=0)
        report.add(src.file, src.key_pos("items"), "total-mismatch",
                   f"tổng điểm chuẩn các nội dung là {format_number(actual)}, "
                   f"khác tổng điểm {format_number(total)} trong compact.yaml (scoring.total)")
    csrc = files.sources["compact.yaml"]
    for index, key in enumerate(compact.scoring.tie_break):
        if key.kind == "item" and key.item not in seen:
            report.add(csrc.file, csrc.pos("scoring", "tie_break", index), "unknown-tie-break",
                       f"tiêu chí phụ «{key}»: không có nội dung số {key.item} trong items.yaml")
