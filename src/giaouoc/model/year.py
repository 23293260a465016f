"""A complete, validated compact year: what ranking, documents and sheets work on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from giaouoc.model.records import Compact, GradeFile, Item, Review, TargetsFile, Unit, UnitScores

if TYPE_CHECKING:
    from giaouoc.model.history import DecisionsFile


@dataclass(frozen=True)
class Year:
    """A complete, validated compact year: what ranking and rendering work on."""

    compact: Compact
    units: list[Unit]
    items: list[Item]
    scores: dict[str, UnitScores]
    review: Review | None
    texts: dict[str, str]
    folder: Path  # the year folder it was read from: every command writes back here, never re-derives it
    root: Path  # the data root, for paths shown to people
    decisions: DecisionsFile | None = None  # the authority's decisions, when recorded
    targets: TargetsFile | None = None  # chỉ tiêu giao and criteria not applying (targets.yaml)
    grades: dict[tuple[str, str], GradeFile] | None = None  # (grader, unit) -> grade file (grades/)

    def unit(self, unit_id: str) -> Unit:
        return next(u for u in self.units if u.id == unit_id)
