"""Rules across years: history.yaml, lineage (`formerly`), titles named by history conditions (docs/lich-su.md).

Each problem goes to the report of the file it is in (history.yaml's, or the year's). A check that needs a file
which could not be read is skipped, with one note (`Report.note`): one mistake, one message.
"""

from __future__ import annotations

from giaouoc.load.block import BlockFiles
from giaouoc.problems import Report


def check_block(block: BlockFiles) -> None:
    """Every rule that needs more than one year, skipping those whose inputs are broken."""
    broken_compacts = [year for year, files in sorted(block.years.items()) if files.compact is None]
    broken_units = [year for year, files in sorted(block.years.items()) if files.units is None]
    broken_history = block.history is None and bool(block.history_report.errors)
    history = block.history_report
    if block.history is not None:
        _check_history_file(block, history, titles=not broken_compacts, units=not broken_units)
    if not broken_history and not broken_units:
        _check_lineage(block)
    if not broken_compacts:
        _check_named_titles(block)
    _note_skipped(block, broken_compacts, broken_units, broken_history)
    _check_year_bound(block)


def _note_skipped(block: BlockFiles, compacts: list[int], units: list[int], history: bool) -> None:
    """One note for each file that could not be read, saying which checks of other files wait for it."""
    keeps = block.history is not None
    lineage = any(u.formerly for files in block.years.values() for u in files.units or [])
    for year in compacts:
        waiting = ["danh hiệu, xếp loại trong history.yaml"] if keeps else []
        waiting.append("danh hiệu nêu trong điều kiện nhiều năm")
        _skipped(block.reports[year], block.years[year].shown("compact.yaml"), waiting)
    for year in units:
        waiting = ["đơn vị trong history.yaml"] if keeps else []
        waiting += ["«formerly» của các năm"] if lineage else []
        _skipped(block.reports[year], block.years[year].shown("units.yaml"), waiting)
    if history and lineage:
        _skipped(block.history_report, block.history_shown, ["«formerly» trong units.yaml của các năm"])


def _skipped(report: Report, shown: str, waiting: list[str]) -> None:
    if waiting:
        report.note(f"chưa kiểm tra {'; '.join(waiting)} vì {shown} chưa đọc được: sửa lỗi của tệp đó rồi chạy lại")


def folder_units(block: BlockFiles, year: int) -> set[str]:
    files = block.years.get(year)
    return {u.id for u in files.units or []} if files is not None else set()


def units_of(block: BlockFiles, year: int) -> set[str]:
    """The units of a year: its folder's units and the units history.yaml lists for it."""
    listed = set(block.history.years[year].units) if block.history and year in block.history.years else set()
    return folder_units(block, year) | listed


def known_titles(block: BlockFiles) -> set[str]:
    found = set(block.history.titles) if block.history else set()
    for files in block.years.values():
        found |= {t.id for t in files.compact.titles} if files.compact else set()
    return found


def _check_history_file(block: BlockFiles, report: Report, titles: bool, units: bool) -> None:
    """The units, bands and titles history.yaml names; `titles`/`units`: whether every compact.yaml/units.yaml
    could be read, without which the names cannot be checked."""
    history, src = block.history, block.history_source
    if history is None or src is None:
        return
    known = known_titles(block)
    bands = {b.name for f in block.years.values() if f.compact for b in f.compact.scoring.bands}
    lineage = {f for files in block.years.values() for u in files.units or [] for f in u.formerly}
    every_folder_unit = {u for year in block.years for u in folder_units(block, year)}
    for year, past in history.years.items():
        in_folder = folder_units(block, year)
        for unit_id, entry in past.units.items():
            if units and unit_id in in_folder:
                report.add(src.file, src.key_pos("years", year, "units", unit_id), "year-in-both",
                           f"đơn vị «{unit_id}» có trong thư mục năm {year}: history.yaml chỉ ghi các đơn vị "
                           "không thuộc thư mục đó (chuyển từ Khối khác sang)")
            elif units and unit_id not in every_folder_unit and unit_id not in lineage:
                report.add(src.file, src.key_pos("years", year, "units", unit_id), "unknown-past-unit",
                           f"đơn vị «{unit_id}» không thuộc năm nào có thư mục và không được nêu trong «formerly»")
            if titles and entry.band is not None and bands and entry.band not in bands:
                report.add(src.file, src.pos("years", year, "units", unit_id, "band"), "unknown-band",
                           f"xếp loại «{entry.band}» không có trong scoring.bands của năm nào")
            for index, title in enumerate(entry.titles if titles else []):
                if title not in known:
                    report.add(src.file, src.pos("years", year, "units", unit_id, "titles", index), "unknown-title",
                               f"danh hiệu «{title}» không có trong compact.yaml nào, cũng không có trong «titles» "
                               "của history.yaml")


def _check_lineage(block: BlockFiles) -> None:
    years = block.all_years()
    for year, files in sorted(block.years.items()):
        if files.units is None or "units.yaml" not in files.sources:
            continue
        src, report = files.sources["units.yaml"], block.reports[year]
        earlier = set().union(*(units_of(block, y) for y in years if y < year))
        later = set().union(*(units_of(block, y) for y in years if y >= year))
        for index, unit in enumerate(files.units):
            for position, former in enumerate(unit.formerly):
                where = src.pos("units", index, "formerly", position)
                if former in later:
                    report.add(src.file, where, "predecessor-exists",
                               f"«{former}» vẫn là đơn vị của năm {year} hoặc năm sau: không thể là đơn vị cũ "
                               f"của «{unit.id}»")
                elif former not in earlier:
                    report.add(src.file, where, "unknown-predecessor",
                               f"«{former}» không phải đơn vị của năm nào trước năm {year}")


def _check_named_titles(block: BlockFiles) -> None:
    """A title read only in earlier years (`before: true`) may be a title of any year."""
    titles = known_titles(block)
    for year, files in block.years.items():
        if files.compact is None:
            continue
        src = files.sources["compact.yaml"]
        for index, title in enumerate(files.compact.titles):
            for number, condition in enumerate(title.history):
                named = condition.title or condition.without
                if named is not None and condition.before and named not in titles:
                    key = "title" if condition.title else "without"
                    block.reports[year].add(src.file, src.pos("titles", index, "history", number, key),
                                            "unknown-title", f"danh hiệu «{named}» không có trong compact.yaml nào, "
                                            "cũng không có trong history.yaml")


def _check_year_bound(block: BlockFiles) -> None:
    """Dates, anniversaries and legal texts of each folder year, against its own data and the year before it."""
    from giaouoc.model.legal import table
    from giaouoc.rules.yearbound import check_year_bound

    entries = table(block.superseded)
    for year, files in sorted(block.years.items()):
        earlier = max((y for y in block.years if y < year), default=None)
        check_year_bound(files, block.reports[year], entries, block.years[earlier] if earlier is not None else None)
