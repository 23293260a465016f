"""Rules on decisions.yaml: the authority's award decisions of one year (docs/lich-su.md)."""

from __future__ import annotations

from giaouoc.load.folder import YearFiles
from giaouoc.problems import Report


def check_decisions(files: YearFiles, report: Report) -> None:
    """Titles and units known, nobody awarded one title twice, band names of the year."""
    decisions = files.decisions
    if decisions is None:
        return
    src = files.sources["decisions.yaml"]
    titles = {t.id for t in files.compact.titles} if files.compact else None
    units = {u.id for u in files.units} if files.units is not None else None
    seen: set[tuple[str, str]] = set()
    for index, decision in enumerate(decisions.decisions):
        for title_id, awarded in decision.awards.items():
            if titles is not None and title_id not in titles:
                report.add(src.file, src.key_pos("decisions", index, "awards", title_id), "unknown-title",
                           f"danh hiệu «{title_id}» không có trong compact.yaml năm {files.name}")
            for position, unit_id in enumerate(awarded):
                where = src.pos("decisions", index, "awards", title_id, position)
                if units is not None and unit_id not in units:
                    report.add(src.file, where, "unknown-unit", f"đơn vị «{unit_id}» không có trong units.yaml")
                if (title_id, unit_id) in seen:
                    report.add(src.file, where, "duplicate-award",
                               f"đơn vị «{unit_id}» đã được ghi khen «{title_id}» ở trên: "
                               "mỗi danh hiệu chỉ ghi một lần")
                seen.add((title_id, unit_id))
    bands = {b.name for b in files.compact.scoring.bands} if files.compact else None
    for unit_id, band in decisions.bands.items():
        if units is not None and unit_id not in units:
            report.add(src.file, src.key_pos("bands", unit_id), "unknown-unit",
                       f"đơn vị «{unit_id}» không có trong units.yaml")
        if bands is not None and band not in bands:
            report.add(src.file, src.pos("bands", unit_id), "unknown-band",
                       f"xếp loại «{band}» không có trong scoring.bands năm {files.name}")
