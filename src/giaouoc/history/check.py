"""`giaouoc validate`: every year read once, every rule of each year and across years."""

from __future__ import annotations

from pathlib import Path

from giaouoc.load.folder import display_path
from giaouoc.problems import Report
from giaouoc.rules import load_block, load_year


def check_all(root: Path, folders: list[Path] | None = None) -> Report:
    """Problems of every year (or of the folders given, plus history.yaml and the cross-year rules about them)."""
    block, report = load_block(root)
    if any(files.decisions is not None for files in block.files.years.values()):
        from giaouoc.history.awards import check_awards  # ranking is needed only to compare awards
        from giaouoc.history.records import chronicle

        check_awards(chronicle(block), report)
    if folders is None:
        return report
    shown = [display_path(f, root) + "/" for f in folders]
    wanted = Report()
    wanted.problems = [p for p in report.problems if p.file.endswith(("history.yaml", "superseded.yaml"))
                       or any(p.file.startswith(s) or p.file == s.rstrip("/") for s in shown)]
    inside = (root / "compacts").resolve()
    for folder in folders:
        if folder.resolve().parent != inside:  # a year folder given by its path, outside the data root
            wanted.extend(load_year(root, folder)[1])
    return wanted
