"""The year's pipeline: every command that reads a year runs it, so they all see the same data and problems.

    read ──▶ check ──▶ other years (history.md §7) ──▶ rank

`run_year(root, folder)` runs the steps of `STEPS` in order on one `YearRun`; `run_block(root)` is the same
for the commands about the whole block (`history`). To add a step (scoring by criteria, counting ballots…),
write a function `(run: YearRun) -> None` in a module of this package and put it in `STEPS` where it belongs;
docs/architecture.md says more.
"""

from __future__ import annotations

from giaouoc.pipeline.year import STEPS, YearRun, check, other_years, rank, read, run_block, run_year

__all__ = ["STEPS", "YearRun", "check", "other_years", "rank", "read", "run_block", "run_year"]
