"""The template context: typed, ready-to-print data and nothing else (no file access)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from giaouoc.model.records import DocumentSettings, Person, Title, Unit
from giaouoc.model.results import Ranking, UnitResult
from giaouoc.model.year import Year


def person_line(person: Person) -> str:
    """ "Đại tá Lê Văn Hóa": rank and name as they stand under a signature."""
    return f"{person.rank} {person.name}" if person.rank else person.name


def person_full(person: Person) -> str:
    """ "Đại tá Lê Văn Hóa, Phó Giám đốc Công an tỉnh"."""
    return person_line(person) + (f", {person.title}" if person.title else "")


@dataclass(frozen=True)
class VoteRow:
    unit: Unit
    votes: int
    share: Decimal  # percent, exact to 2 places


@dataclass(frozen=True)
class TitleOutcome:
    title: Title
    proposed: list[UnitResult]
    undecided: list[UnitResult]
    votes: list[VoteRow]  # empty when the ballot has no votes for the title


def title_outcomes(year: Year, ranking: Ranking) -> list[TitleOutcome]:
    titles = {t.id: t for t in year.compact.titles}
    ballot = year.review.ballot if year.review else None
    outcomes = []
    for title_id in ranking.title_order:
        votes = ballot.votes.get(title_id) if ballot else None
        rows = []
        if ballot is not None and votes:
            for unit in year.units:
                if unit.id in votes:
                    share = (Decimal(votes[unit.id]) * 100 / ballot.voters).quantize(Decimal("0.01"))
                    rows.append(VoteRow(unit, votes[unit.id], share))
            order = {r.unit.id: i for i, r in enumerate(ranking.units)}
            rows.sort(key=lambda row: order[row.unit.id])
        outcomes.append(TitleOutcome(
            titles[title_id],
            [r for r in ranking.ranked if title_id in r.titles],
            [r for r in ranking.ranked if title_id in r.undecided],
            rows,
        ))
    return outcomes


def build_context(year: Year, ranking: Ranking, doc_id: str) -> dict[str, Any]:
    """Everything a document template may print."""
    compact = year.compact
    leader = year.unit(compact.leader)
    deputy = year.unit(compact.deputy)
    settings = compact.documents.get(doc_id, DocumentSettings())
    review = year.review
    return {
        "doc_id": doc_id,
        "year": compact.year,
        "compact": compact,
        "block": compact.block,
        "units": year.units,
        "items": year.items,
        "total_max": sum((i.max for i in year.items), Decimal(0)),
        "leader": leader,
        "deputy": deputy,
        "ranking": ranking,
        "results": ranking.units,
        "ranked": ranking.ranked,
        "unranked": [r for r in ranking.units if r.rank is None],
        "outcomes": title_outcomes(year, ranking),
        "titles": {t.id: t for t in compact.titles},
        "review": review,
        "ballot": review.ballot if review else None,
        "text": year.texts.get(doc_id),
        "number": settings.number,
        "recipients": settings.recipients,
        "issue_date": review.date if review else None,
    }
