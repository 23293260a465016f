"""The template context: typed, ready-to-print data and nothing else (no file access)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from giaouoc.model.records import DocumentSettings, Person, Title, Unit
from giaouoc.model.results import Ranking, UnitResult
from giaouoc.model.year import Year
from giaouoc.vietnamese import percent


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
    base: int  # valid ballots, or members for a title counted on all members
    share: str  # "88,89%": rounded half up for people


@dataclass(frozen=True)
class TitleOutcome:
    title: Title
    proposed: list[UnitResult]
    undecided: list[UnitResult]
    votes: list[VoteRow]  # empty when the ballot has no votes for the title
    rule: str | None  # "từ 80% số phiếu trở lên", "trên 50% tổng số thành viên"; None without a vote threshold


def vote_rule(title: Title) -> str | None:
    """The title's vote threshold in words."""
    threshold = title.vote_threshold
    if threshold is None:
        return None
    base = "tổng số thành viên" if title.vote_base == "members" else "số phiếu"
    if title.min_vote_share is not None:
        return f"từ {percent(threshold)} {base} trở lên"
    return f"trên {percent(threshold)} {base}"


def title_outcomes(year: Year, ranking: Ranking) -> list[TitleOutcome]:
    titles = {t.id: t for t in year.compact.titles}
    ballot = year.review.ballot if year.review else None
    outcomes = []
    for title_id in ranking.title_order:
        votes = ballot.votes.get(title_id) if ballot else None
        rows = []
        title = titles[title_id]
        if ballot is not None and votes:
            base = ballot.members if title.vote_base == "members" and ballot.members else ballot.voters
            for unit in year.units:
                if unit.id in votes:
                    rows.append(VoteRow(unit, votes[unit.id], base, percent(Fraction(votes[unit.id], base))))
            order = {r.unit.id: i for i, r in enumerate(ranking.units)}
            rows.sort(key=lambda row: order[row.unit.id])
        outcomes.append(TitleOutcome(
            title,
            [r for r in ranking.ranked if title_id in r.titles],
            [r for r in ranking.ranked if title_id in r.undecided],
            rows,
            vote_rule(title),
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
