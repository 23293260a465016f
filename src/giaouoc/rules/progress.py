"""How far a year has come: scores entered and agreed, the review, the documents that can be made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from giaouoc.load.folder import YearFiles
from giaouoc.model.documents import DOCUMENT_IDS, missing_for
from giaouoc.model.fields import ID_PATTERN
from giaouoc.model.records import Unit
from giaouoc.model.results import Ranking
from giaouoc.problems import Report


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
    closed: date | None = None  # closed.yaml: the day `giaouoc close` sealed the year

    @property
    def scoring_complete(self) -> bool:
        return all(u.block_scores == self.items for u in self.units if not u.excluded)


def year_status(files: YearFiles, report: Report) -> YearStatus:
    """Progress of a year read so far; works on incomplete data (problems are only counted)."""
    by_unit = files.scores_by_unit()
    item_ids = [i.id for i in files.items or []]
    progress = []
    for unit in files.units or []:
        scores = by_unit.get(unit.id)
        entries = scores.scores if scores else {}
        progress.append(UnitProgress(
            unit=unit,
            has_file=scores is not None,
            self_scores=sum(1 for i in item_ids if (s := entries.get(i)) and s.self_score is not None),
            block_scores=sum(1 for i in item_ids if (s := entries.get(i)) and s.block is not None),
            missing=[i for i in item_ids if not (s := entries.get(i)) or s.counted is None],
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
        leader=files.compact.leader if files.compact else _written(files, "leader"),
        deputy=files.compact.deputy if files.compact else _written(files, "deputy"),
        review=review is not None,
        ballot_titles=list(review.ballot.votes) if review and review.ballot else [],
        documents=documents,
        errors=errors,
        warnings=len(report.warnings),
        closed=files.closed.closed if files.closed is not None else None,
    )


def _written(files: YearFiles, key: str) -> str | None:
    """The unit id compact.yaml gives for `key` when the file as a whole could not be read (a new year whose
    dates are still <...>): `new --from` filled in the leader and deputy the last review elected."""
    source = files.sources.get("compact.yaml")
    data = source.data if source is not None else None
    found = data.get(key) if isinstance(data, dict) else None
    return found if isinstance(found, str) and ID_PATTERN.match(found) else None
