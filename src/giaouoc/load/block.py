"""Read every year of a block at once: the year folders and compacts/history.yaml, each read once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from giaouoc.load.folder import YearFiles, display_path, read_year, year_folders
from giaouoc.load.reader import validate_as
from giaouoc.load.tree import Source, load_file
from giaouoc.model.history import HistoryFile
from giaouoc.problems import Report

HISTORY_FILE = "history.yaml"


@dataclass
class BlockFiles:
    """What could be read of a data root: each year folder (by year) and history.yaml."""

    root: Path
    years: dict[int, YearFiles] = field(default_factory=dict)
    history: HistoryFile | None = None
    history_source: Source | None = None
    reports: dict[int, Report] = field(default_factory=dict)  # each folder year's own problems

    def all_years(self) -> list[int]:
        """Every year known: folders and history.yaml years, oldest first."""
        past = set(self.history.years) if self.history else set()
        return sorted(past | set(self.years))


def read_history(root: Path, report: Report) -> tuple[HistoryFile | None, Source | None]:
    path = root / "compacts" / HISTORY_FILE
    if not path.is_file():
        return None, None
    source = load_file(path, display_path(path, root), report)
    if source is None:
        return None, None
    return validate_as(source, HistoryFile, report), source


def read_block(root: Path, report: Report, folders: list[Path] | None = None) -> BlockFiles:
    """Read history.yaml (its problems into `report`) and the year folders (each folder's into `reports`)."""
    block = BlockFiles(root)
    block.history, block.history_source = read_history(root, report)
    for folder in folders if folders is not None else year_folders(root):
        own = Report()
        files = read_year(root, folder, own)
        year = int(folder.name) if folder.name.isascii() and folder.name.isdigit() else None
        if year is not None:
            block.years[year] = files
            block.reports[year] = own
        else:
            report.extend(own)
    return block
