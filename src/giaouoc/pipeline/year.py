"""The steps of a year's pipeline and the run they fill in: read, check, other years (history.md §7), rank."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from giaouoc.history.records import Chronicle, chronicle, reads_history
from giaouoc.load.block import BlockFiles, read_block
from giaouoc.load.folder import YearFiles, display_path, is_year_name, read_year
from giaouoc.model.results import Ranking
from giaouoc.model.year import Year
from giaouoc.problems import Problem, Report
from giaouoc.rank.ranking import rank_year
from giaouoc.rules import CheckedBlock, check_block_files, check_year


@dataclass
class YearRun:
    """One year on its way through the pipeline; each step fills in what it finds."""

    root: Path
    folder: Path
    files: YearFiles | None = None  # what could be read of the year, however incomplete (status shows it)
    block_files: BlockFiles | None = None  # every year of the data root and history.yaml, read once
    block: CheckedBlock | None = None  # … and checked
    report: Report = field(default_factory=Report)  # the year's problems and those of other files that refuse it
    year: Year | None = None  # the complete year; None when anything refuses it
    ranking: Ranking | None = None
    _own: Report | None = None  # the problems of a year folder read on its own (given by a path outside compacts/)
    _story: Chronicle | None = None

    @property
    def number(self) -> int | None:
        if self.year is not None:
            return self.year.compact.year
        if self.files is not None and self.files.compact is not None:
            return self.files.compact.year
        return int(self.folder.name) if is_year_name(self.folder.name) else None

    @property
    def story(self) -> Chronicle:
        """What the years before this one recorded (each earlier folder year ranked once), read on first use."""
        if self._story is None:
            assert self.block is not None and self.number is not None, "the story is read after the check"
            self._story = chronicle(self.block, until=self.number - 1)
        return self._story


Step = Callable[[YearRun], None]


def read(run: YearRun) -> None:
    """Read history.yaml and every year folder once; the year is one of them, or a folder given by its path."""
    files = read_block(run.root)
    number = int(run.folder.name) if is_year_name(run.folder.name) else None
    if number in files.years and files.years[number].folder.resolve() == run.folder.resolve():
        run.files = files.years[number]
    else:
        run._own = Report()
        run.files = read_year(run.root, run.folder, run._own)
    run.block_files = files


def check(run: YearRun) -> None:
    """Every rule of every year and across years; the run's report starts with the year's own problems."""
    assert run.block_files is not None and run.files is not None
    run.block = check_block_files(run.block_files)
    if run._own is not None:
        run.year = check_year(run.files, run._own)
        run.report.extend(run._own)
    else:
        number = int(run.folder.name)
        run.year = run.block.checked[number]
        run.report.extend(run.block.files.reports[number])


def other_years(run: YearRun) -> None:
    """history.md §7: errors in history.yaml or in any year's units.yaml refuse the year; an earlier year that a
    history condition reads and that has errors gives no record, with a warning."""
    assert run.block is not None
    own = int(run.folder.name) if run._own is None else None  # a year of the block: its own report has its own
    run.report.problems.extend(run.block.files.refusing(own))
    for report in (run.block.files.history_report, *run.block.files.reports.values()):
        for text in report.notes:  # checks skipped because a file is broken: the clerk learns why, once
            run.report.note(text)
    if run.year is not None and reads_history(run.year):
        number = run.year.compact.year
        covered = {y for t in run.year.compact.titles for c in t.history for y in c.covered(number) if y != number}
        for earlier in sorted(covered & set(run.block.files.years)):
            if run.block.errors_in(earlier):
                shown = display_path(run.block.files.years[earlier].folder, run.root)
                run.report.add(shown, (1, 1), "year-has-errors",
                               f"năm {earlier} còn lỗi dữ liệu: các điều kiện nhiều năm của năm {number} chờ năm đó "
                               f"(xem «giaouoc validate {earlier}»)")
    if run.report.errors:
        run.year = None


def rank(run: YearRun) -> None:
    """Rank the year, with what earlier years recorded when its titles read them."""
    if run.year is not None:
        past = run.story.past_for(run.year.compact.year) if reads_history(run.year) else None
        run.ranking = rank_year(run.year, past)


STEPS: list[Step] = [read, check, other_years, rank]


def run_year(root: Path, folder: Path, last: Step = rank) -> YearRun:
    """Run the pipeline on a year folder up to the step `last` (e.g. `other_years` to check without ranking)."""
    run = YearRun(root, folder)
    for step in STEPS:
        step(run)
        if step is last:
            break
    return run


def run_block(root: Path) -> tuple[CheckedBlock, Report, list[Problem]]:
    """The whole block read and checked once: every problem, and the errors that refuse a command about it."""
    block = check_block_files(read_block(root))
    return block, block.files.report(), block.files.refusing()
