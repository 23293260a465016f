"""Read every year of a block at once: the year folders and compacts/history.yaml, each read once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from giaouoc.load.folder import (
    YearFiles,
    display_path,
    inside,
    is_year_name,
    list_years,
    read_year,
    stray_folders,
    year_folders,
)
from giaouoc.load.reader import validate_as
from giaouoc.load.tree import Source, load_file
from giaouoc.problems import Problem, Report

if TYPE_CHECKING:
    from giaouoc.model.history import HistoryFile
    from giaouoc.model.legal import Superseded

HISTORY_FILE = "history.yaml"


@dataclass
class BlockFiles:
    """What could be read of a data root: each year folder (by year) and history.yaml."""

    root: Path
    years: dict[int, YearFiles] = field(default_factory=dict)
    history: HistoryFile | None = None
    history_source: Source | None = None
    reports: dict[int, Report] = field(default_factory=dict)  # each folder year's own problems
    history_report: Report = field(default_factory=Report)  # the problems of history.yaml
    others: Report = field(default_factory=Report)  # stray folders, folders given by a path outside compacts/
    superseded: list[Superseded] = field(default_factory=list)  # compacts/superseded.yaml: the root's own texts
    superseded_report: Report = field(default_factory=Report)  # its problems (warnings follow from it, no refusal)

    def report(self) -> Report:
        """Every problem of the block: history.yaml's, each year's, and the folders that are no years."""
        every = Report()
        every.extend(self.others)
        every.extend(self.history_report)
        every.extend(self.superseded_report)
        for year in sorted(self.reports):
            every.extend(self.reports[year])
        return every

    @property
    def history_shown(self) -> str:
        return display_path(self.root / "compacts" / HISTORY_FILE, self.root)

    def refusing(self, year: int | None = None) -> list[Problem]:
        """history.md §7: the errors of other files that refuse a command on a year, those of history.yaml and of
        every year's units.yaml (but `year`'s own, which its report already holds)."""
        found = list(self.history_report.errors)
        for number, files in sorted(self.years.items()):
            if number != year:
                shown = files.shown("units.yaml")
                found += [p for p in self.reports[number].errors if p.file == shown]
        return found

    def all_years(self) -> list[int]:
        """Every year known: folders and history.yaml years, oldest first."""
        past = set(self.history.years) if self.history else set()
        return sorted(past | set(self.years))


def read_history(root: Path, report: Report) -> tuple[HistoryFile | None, Source | None]:
    from giaouoc.model.history import HistoryFile  # only for a block that keeps history

    path = root / "compacts" / HISTORY_FILE
    if not path.is_file() or not inside(path, root, display_path(path, root), report):
        return None, None
    source = load_file(path, display_path(path, root), report)
    if source is None:
        return None, None
    return validate_as(source, HistoryFile, report), source


def read_superseded(root: Path, report: Report) -> list[Superseded]:
    """The legal texts the data root adds to giaouoc's table of texts no longer in force (none when absent)."""
    from giaouoc.model.legal import SUPERSEDED_FILE, SupersededFile

    path = root / "compacts" / SUPERSEDED_FILE
    if not path.is_file():
        return []
    shown = display_path(path, root)
    if not inside(path, root, shown, report):
        return []
    source = load_file(path, shown, report)
    read = validate_as(source, SupersededFile, report) if source is not None else None
    return read.superseded if read is not None else []


def read_block(root: Path, folders: list[Path] | None = None) -> BlockFiles:
    """Read history.yaml (its problems into `history_report`) and the year folders (each folder's into `reports`)."""
    block = BlockFiles(root)
    block.history, block.history_source = read_history(root, block.history_report)
    block.superseded = read_superseded(root, block.superseded_report)
    for stray in stray_folders(root) if folders is None else []:
        block.others.add(display_path(stray, root), (1, 1), "stray-file",
                   f"thư mục «{stray.name}» bị bỏ qua: thư mục năm phải có tên là năm, ví dụ 2024")
    for folder in folders if folders is not None else year_folders(root):
        own = Report()
        files = read_year(root, folder, own)
        year = int(folder.name) if is_year_name(folder.name) else None
        if year is not None:
            block.years[year] = files
            block.reports[year] = own
        else:
            block.others.extend(own)
    _drop_later_years(block, block.history_report)
    return block


def _drop_later_years(block: BlockFiles, report: Report) -> None:
    """history.yaml records the years before giaouoc: a year after the last year folder is an error at its line,
    and is not read (it would make every unit of the block look like a later unit)."""
    last = max((int(name) for name in list_years(block.root)), default=None)
    if block.history is None or block.history_source is None or last is None:
        return
    for year in [y for y in block.history.years if y > last]:
        report.add(block.history_source.file, block.history_source.key_pos("years", year), "history-year",
                   f"năm {year} sau năm cuối có thư mục ({last}): history.yaml chỉ ghi các năm đã qua")
        del block.history.years[year]
