"""How far a year has come: scores entered and agreed, the review, the documents that can be made."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from giaouoc.load.folder import YearFiles
from giaouoc.model.documents import DOCUMENT_IDS, missing_for
from giaouoc.model.records import Unit
from giaouoc.model.results import Ranking
from giaouoc.problems import Report
from giaouoc.rules.criteria import missing_inputs, written


@dataclass(frozen=True)
class UnitProgress:
    unit: Unit
    has_file: bool
    self_scores: int
    block_scores: int
    missing: list[int]
    bonus: Decimal  # points claimed (before the cap)
    penalties: Decimal  # points
    excluded: str | None


@dataclass(frozen=True)
class YearStatus:
    name: str
    items: int
    units: list[UnitProgress]
    leader: str | None
    deputy: str | None
    review: bool
    ballot_titles: list[str]
    documents: dict[str, str | None]  # None: can be made now; else what is missing
    errors: int
    warnings: int
    ranking: Ranking | None = None  # when the year has no error: what is final, what is pending
    grades_in: int = 0  # grade files read (chấm chéo)
    grades_expected: int = 0  # grader/unit pairs assigned

    @property
    def scoring_complete(self) -> bool:
        return all(u.block_scores == self.items for u in self.units if not u.excluded)


def year_status(files: YearFiles, report: Report) -> YearStatus:
    """Progress of a year read so far; works on incomplete data (problems are only counted)."""
    by_unit = files.scores_by_unit()
    item_ids = [i.id for i in files.items or []]
    progress = []
    lacking = missing_inputs(files)
    for unit in files.units or []:
        scores = by_unit.get(unit.id)
        entries = scores.scores if scores else {}
        progress.append(UnitProgress(
            unit=unit,
            has_file=scores is not None,
            self_scores=sum(1 for i in files.items or [] if written(files, unit.id, i, entries.get(i.id), "self")),
            block_scores=sum(1 for i in files.items or [] if written(files, unit.id, i, entries.get(i.id), "block")),
            missing=[i.id for i in files.items or [] if f"nội dung {i.id}" in lacking.get(unit.id, [])
                     or any(f"tiêu chí {c.id}" in lacking.get(unit.id, []) for c in i.criteria)],
            bonus=sum((e.points for e in scores.bonus), Decimal(0)) if scores else Decimal(0),
            penalties=sum((e.points for e in scores.penalties), Decimal(0)) if scores else Decimal(0),
            excluded=scores.excluded if scores else None,
        ))
    review = files.review
    errors = len(report.errors)
    documents: dict[str, str | None] = {}
    for doc_id in DOCUMENT_IDS:
        documents[doc_id] = f"dữ liệu còn {errors} lỗi" if errors else missing_for(doc_id, review is not None)
    return YearStatus(
        name=files.name,
        items=len(item_ids),
        units=progress,
        leader=files.compact.leader if files.compact else None,
        deputy=files.compact.deputy if files.compact else None,
        review=review is not None,
        ballot_titles=list(review.ballot.votes) if review and review.ballot else [],
        documents=documents,
        errors=errors,
        warnings=len(report.warnings),
        grades_in=len(files.grades),
        grades_expected=sum(len(u) for u in files.compact.grading.assignments.values())
        if files.compact and files.compact.grading else 0,
    )
