"""How far a year has come (`giaouoc status`): scores entered and agreed, the review, the documents that can be
made; from whatever the pipeline could read, however incomplete."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from giaouoc.load.folder import YearFiles
from giaouoc.model.documents import DOCUMENT_IDS, missing_for, pending_for
from giaouoc.model.fields import ID_PATTERN
from giaouoc.model.records import Entry, Unit, UnitScores
from giaouoc.model.results import Ranking
from giaouoc.problems import Report
from giaouoc.rules.criteria import missing_inputs, written

if TYPE_CHECKING:
    from giaouoc.pipeline.year import YearRun


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
    proposals: list[tuple[str, Entry]] = field(default_factory=list)  # ("bonus"|"penalty", entry) to review


def proposals_of(scores: UnitScores | None) -> list[tuple[str, Entry]]:
    """The unit's own bonus and penalty proposals, not yet accepted by the Khối (docs/dinh-dang.md)."""
    if scores is None:
        return []
    return [("bonus", e) for e in scores.proposed_bonus] + [("penalty", e) for e in scores.proposed_penalties]


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
    closed: date | None = None  # closed.yaml: the day `giaouoc close` sealed the year

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
            proposals=proposals_of(scores),
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
        leader=files.compact.leader if files.compact else _written(files, "leader"),
        deputy=files.compact.deputy if files.compact else _written(files, "deputy"),
        review=review is not None,
        ballot_titles=list(review.ballot.votes) if review and review.ballot else [],
        documents=documents,
        errors=errors,
        warnings=len(report.warnings),
        grades_in=len(files.grades),
        grades_expected=sum(len(u) for u in files.compact.grading.assignments.values())
        if files.compact and files.compact.grading else 0,
        closed=files.closed.closed if files.closed is not None else None,
    )


def status_of(run: YearRun) -> YearStatus:
    """The progress of a year run through the pipeline; when it ranked, what each document still waits for."""
    assert run.files is not None
    state = year_status(run.files, run.report)
    if run.year is None or run.ranking is None:
        return state
    documents = dict(state.documents)
    for doc_id, missing in state.documents.items():
        missing = missing or missing_for(doc_id, run.year.review is not None, run.year)
        documents[doc_id] = missing
        pending = pending_for(doc_id, run.year, run.ranking)
        if missing is None and pending:
            shown = "; ".join(pending[:3]) + ("; …" if len(pending) > 3 else "")
            documents[doc_id] = f"chưa có kết quả cuối cùng: {shown}"
    ballot = run.ranking.ballot  # the ballot as counted: votes computed from ballots recorded one by one
    titles = list(ballot.votes) if ballot is not None else state.ballot_titles
    return replace(state, ranking=run.ranking, documents=documents, ballot_titles=titles)


def _written(files: YearFiles, key: str) -> str | None:
    """The unit id compact.yaml gives for `key` when the file as a whole could not be read (a new year whose
    dates are still <...>): `new --from` filled in the leader and deputy the last review elected."""
    source = files.sources.get("compact.yaml")
    data = source.data if source is not None else None
    found = data.get(key) if isinstance(data, dict) else None
    return found if isinstance(found, str) and ID_PATTERN.match(found) else None
