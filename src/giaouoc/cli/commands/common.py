"""What every command gets from the global options: the data root and the debug switch."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from giaouoc.errors import DataError, UsageError
from giaouoc.load.folder import find_root, locate_year
from giaouoc.problems import Report
from giaouoc.report.terminal import err, print_problems

if TYPE_CHECKING:  # annotations only, off the start-up path of every command
    from giaouoc.model.results import Ranking
    from giaouoc.model.year import Year
    from giaouoc.pipeline import YearRun

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
        """The data root and the year folder for YEAR (`load.folder.locate_year`)."""
        return locate_year(year, self.root_option)


def load_run(settings: Settings, year: str, unit: str | None = None, ranked: bool = True,
             errors_only: bool = False) -> YearRun:
    """Run the year's pipeline for a command that needs valid data; print its problems, refuse on errors.

    With `unit`, a command about one unit (form) shows the errors and only that unit's warnings; with
    `errors_only` (import, before the form names its unit) only the errors. `ranked=False` stops after the
    checks (forms, import).
    """
    from giaouoc.pipeline import other_years, rank, run_year

    root, folder = settings.locate(year)
    run = run_year(root, folder, last=rank if ranked else other_years)
    assert run.files is not None
    shown = run.report
    if errors_only:
        shown = Report(run.report.errors, run.report.notes)
    elif unit is not None:
        shown = about(run.report, unit, run.files.shown(f"scores/{unit}.yaml"))
    print_problems(shown)
    if run.year is None:
        err(f"Dữ liệu năm {folder.name} có {len(run.report.errors)} lỗi: hãy sửa rồi chạy lại "
            f"(xem «giaouoc validate {year}»).")
        raise DataError("")
    return run


def load_checked(settings: Settings, year: str, unit: str | None = None, errors_only: bool = False
                 ) -> tuple[Path, Year]:
    """A year checked (not ranked) through the pipeline; refused on errors (`load_run`)."""
    run = load_run(settings, year, unit, ranked=False, errors_only=errors_only)
    assert run.year is not None
    return run.root, run.year


def load_ranked(settings: Settings, year: str) -> tuple[Path, Year, Ranking]:
    """A year checked and ranked through the pipeline; refused on errors (`load_run`)."""
    run = load_run(settings, year)
    assert run.year is not None and run.ranking is not None
    return run.root, run.year, run.ranking


def output_path(settings: Settings, path: Path) -> Path:
    """A path the user chose for output: never inside compacts/, where only data lives (exit 2)."""
    compacts = (settings.root / "compacts").resolve()
    if path.resolve().is_relative_to(compacts):
        raise UsageError(f"không ghi kết quả vào {path}: thư mục compacts/ chỉ chứa dữ liệu; hãy chọn nơi khác")
    return path


def about(report: Report, unit: str, score_file: str) -> Report:
    """The errors, and the warnings that concern one unit: in its score file (`score_file`, as shown), about it
    (`Problem.unit`), or in the cells of its form."""
    kept = Report(notes=list(report.notes))
    kept.problems = [p for p in report.problems if p.severity == "error" or p.file == score_file
                     or p.unit == unit or p.sheet is not None]
    return kept
