"""What every command gets from the global options: the data root and the debug switch."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from giaouoc.errors import DataError, UsageError
from giaouoc.load.folder import find_root, is_year_name, year_folder
from giaouoc.problems import Report
from giaouoc.report.terminal import err, print_problems

if TYPE_CHECKING:  # annotations only, off the start-up path of every command
    from giaouoc.model.results import Ranking
    from giaouoc.model.year import Year

YearArgument = Annotated[
    str, typer.Argument(metavar="NĂM", help="Năm (ví dụ 2023) hoặc đường dẫn thư mục của năm.")
]


@dataclass
class Settings:
    """The global options: data root and debug switch."""

    root_option: Path | None = None
    debug: bool = False

    @property
    def root(self) -> Path:
        return find_root(self.root_option)

    def locate(self, year: str) -> tuple[Path, Path]:
        """The data root and the year folder for YEAR. A YEAR given as a path works from any folder: its data
        root is the folder above its compacts/ (over GIAOUOC_ROOT); with --root it must lie under that root."""
        path = Path(year)
        if not is_year_name(year) and path.is_dir() and (path / "compact.yaml").is_file():
            folder = path.resolve()
            own = folder.parent.parent if folder.parent.name == "compacts" else None
            if self.root_option is not None:
                root = find_root(self.root_option)
                if own is not None and not folder.is_relative_to(root):
                    raise UsageError(f"thư mục năm {year} không nằm trong thư mục dữ liệu {root} (--root)")
                return root, folder
            if own is not None:
                return own, folder
        root = self.root
        return root, year_folder(root, year)


def load_checked(settings: Settings, year: str, unit: str | None = None) -> tuple[Path, Year]:
    """Load a year for a command that needs valid data; print its problems, refuse on errors.

    With `unit`, a command about one unit (form, import) shows the errors and only that unit's warnings.
    """
    from giaouoc.rules import load_year

    root, folder = settings.locate(year)
    loaded, report = load_year(root, folder)
    print_problems(about(report, unit) if unit is not None else report)
    if loaded is None:
        err(f"Dữ liệu năm {folder.name} có {len(report.errors)} lỗi: hãy sửa rồi chạy lại "
            f"(xem «giaouoc validate {year}»).")
        raise DataError("")
    return root, loaded


def load_ranked(settings: Settings, year: str) -> tuple[Path, Year, Ranking]:
    """Load a year and rank it (reading earlier years when its titles have history conditions); refuse on errors."""
    from giaouoc.history.records import load_ranked as load

    root, folder = settings.locate(year)
    loaded, report, ranking = load(root, str(folder))
    print_problems(report)
    if loaded is None or ranking is None:
        err(f"Dữ liệu năm {year} có {len(report.errors)} lỗi: hãy sửa rồi chạy lại (xem «giaouoc validate»).")
        raise DataError("")
    return root, loaded, ranking


def output_path(settings: Settings, path: Path) -> Path:
    """A path the user chose for output: never inside compacts/, where only data lives (exit 2)."""
    compacts = (settings.root / "compacts").resolve()
    if path.resolve().is_relative_to(compacts):
        raise UsageError(f"không ghi kết quả vào {path}: thư mục compacts/ chỉ chứa dữ liệu; hãy chọn nơi khác")
    return path


def about(report: Report, unit: str) -> Report:
    """The errors, and the warnings that concern one unit (its score file, or naming it)."""
    kept = Report()
    kept.problems = [p for p in report.problems if p.severity == "error" or p.file.endswith(f"scores/{unit}.yaml")
                     or f"«{unit}»" in p.message]
    return kept
