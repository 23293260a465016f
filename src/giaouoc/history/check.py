"""`giaouoc validate`: every year read once, every rule of each year and across years."""

from __future__ import annotations

from pathlib import Path

from giaouoc.load.folder import is_year_name
from giaouoc.problems import Report
from giaouoc.rules import load_block, load_year


def check_all(root: Path, folders: list[Path] | None = None) -> Report:
    """Problems of every year (or of the folders given, plus history.yaml and the cross-year rules about them)."""
    block, _ = load_block(root)
    awards = any(files.decisions is not None for files in block.files.years.values())
    votes = any(files.review is not None and files.review.ballot is not None
                and (files.review.ballot.ballots or files.review.ballot.candidates)
                for files in block.files.years.values())
    if awards or votes:  # ranking is needed only to compare awards and to judge the ballots' candidates
        from giaouoc.history.awards import check_awards
        from giaouoc.history.meeting import check_meetings
        from giaouoc.history.records import chronicle

        story = chronicle(block)
        if awards:
            check_awards(story)
        check_meetings(story)
    files = block.files
    if folders is None:
        return files.report()
    wanted = Report()
    wanted.extend(files.history_report)
    wanted.extend(files.superseded_report)
    inside = (root / "compacts").resolve()
    for folder in folders:
        if folder.resolve().parent != inside:  # a year folder given by its path, outside the data root
            wanted.extend(load_year(root, folder)[1])
        elif is_year_name(folder.name) and int(folder.name) in files.reports:
            wanted.extend(files.reports[int(folder.name)])
    return wanted
