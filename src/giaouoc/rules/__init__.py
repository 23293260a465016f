"""Check a year: every rule over what could be read, all problems reported in one run.

A rule is a function `(files, report) -> None` over the year's files as read (`YearFiles`); it adds
a Problem for each thing wrong and never raises for bad data. `RULES` lists them in the order
they run; add a rule by writing such a function in the module of the file it checks and listing it
here (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from giaouoc.load.block import BlockFiles, read_block
from giaouoc.load.folder import YearFiles, read_year
from giaouoc.model.year import Year
from giaouoc.problems import Report
from giaouoc.rules.closed import check_closed
from giaouoc.rules.compact import check_compact
from giaouoc.rules.criteria import check_criteria, check_score_criteria, check_targets
from giaouoc.rules.decisions import check_decisions
from giaouoc.rules.documents import check_documents
from giaouoc.rules.grading import check_disputes, check_grading, well_formed_grades
from giaouoc.rules.items import check_items
from giaouoc.rules.review import check_review
from giaouoc.rules.scores import check_scores, well_named_scores
from giaouoc.rules.units import check_units

Rule = Callable[[YearFiles, Report], None]

RULES: list[Rule] = [check_compact, check_units, check_items, check_scores, check_review, check_decisions,
                     check_documents, check_closed, check_criteria, check_targets, check_score_criteria, check_grading]


def check_year(files: YearFiles, report: Report) -> Year | None:
    """Run every rule; return the complete year when the report holds no error."""
    for rule in RULES:
        rule(files, report)
    compact, units, items = files.compact, files.units, files.items
    if report.errors or compact is None or units is None or items is None:
        return None
    year = Year(compact, units, items, well_named_scores(files), files.review, files.texts, files.folder, files.root,
                files.decisions, files.targets, well_formed_grades(files) or None)
    check_disputes(year, files, report)
    return year


def load_year(root: Path, folder: Path) -> tuple[Year | None, Report]:
    """Read and check one year folder: the complete year (None if it has errors) and the report."""
    report = Report()
    files = read_year(root, folder, report)
    return check_year(files, report), report


@dataclass
class CheckedBlock:
    """Every year of a data root, read once and checked: the files, and each folder year's Year (None on errors).

    (`model.records.Block` is the block as compact.yaml names it; this is the data of all its years.)
    """

    files: BlockFiles
    checked: dict[int, Year | None] = field(default_factory=dict)

    def errors_in(self, year: int) -> bool:
        return self.checked.get(year) is None


def check_block_files(files: BlockFiles) -> CheckedBlock:
    """Check each year and every cross-year rule; each problem goes to the report of the file it is in."""
    from giaouoc.rules.history import check_block

    block = CheckedBlock(files)
    for year, year_files in sorted(files.years.items()):
        block.checked[year] = check_year(year_files, files.reports[year])
    check_block(files)
    return block


def load_block(root: Path, folders: list[Path] | None = None) -> tuple[CheckedBlock, Report]:
    """Read history.yaml and the year folders (all, or those given), check each year and every cross-year rule.

    Each folder year's own problems stay in `block.files.reports[year]` (cross-year problems in its files
    included), history.yaml's in `block.files.history_report`, so that a year can tell which others have errors.
    """
    block = check_block_files(read_block(root, folders))
    return block, block.files.report()
