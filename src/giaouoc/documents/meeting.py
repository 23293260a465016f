"""What the meeting's documents print (spec meeting.md §1, §3): the ballot paper and the counting minutes.

The candidates come from the ranking (`Ranking.candidates`: as printed, or computed without the ballot);
the count from the recorded ballots (`Ranking.tally`), the shares against the ranking's own ballot.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from giaouoc.model.records import Ballot, Compact, DocumentSettings, Person, Title, Unit
from giaouoc.model.results import Ranking
from giaouoc.model.tally import vote_titles
from giaouoc.model.year import Year
from giaouoc.vietnamese import format_number, percent

COUNTING_ID = "bien-ban-kiem-phieu"


@dataclass(frozen=True)
class PaperRow:
    number: int
    unit: Unit
    total: str
    band: str


@dataclass(frozen=True)
class PaperTitle:
    """One title on the ballot paper: how many may be chosen, the threshold in words, the candidates."""

    title: Title
    most: str  # "1 đơn vị", "không hạn chế"
    rule: str  # "cần từ 80% số phiếu hợp lệ trở lên"
    rows: list[PaperRow]


@dataclass(frozen=True)
class CountRow:
    unit: Unit
    votes: int
    share: str
    reached: bool


@dataclass(frozen=True)
class CountTitle:
    title: Title
    most: str
    rule: str
    base: int  # valid ballots, or members for vote_base: members
    rows: list[CountRow]  # every candidate, by votes, then in rank order


def ballot_rule(title: Title) -> str:
    """The threshold as the paper says it: "cần từ 80% số phiếu hợp lệ trở lên", "cần trên 50% số phiếu hợp lệ"."""
    threshold = title.vote_threshold
    assert threshold is not None
    base = "tổng số thành viên" if title.vote_base == "members" else "số phiếu hợp lệ"
    if title.min_vote_share is not None:
        return f"cần từ {percent(threshold)} {base} trở lên"
    return f"cần trên {percent(threshold)} {base}"


def most_chosen(title: Title) -> str:
    return f"{title.max} đơn vị" if title.max is not None else "không hạn chế"


def reaches(title: Title, share: Fraction) -> bool:
    threshold = title.vote_threshold
    assert threshold is not None
    return share >= threshold if title.min_vote_share is not None else share > threshold


def paper_titles(year: Year, ranking: Ranking) -> list[PaperTitle]:
    """The titles that take a vote, in the order compact.yaml lists them, each with its candidates."""
    chosen = ranking.candidates or {}
    results = {r.unit.id: r for r in ranking.units}
    bands = {b.name: b.short or b.name for b in year.compact.scoring.bands}
    found = []
    for title in vote_titles(year.compact.titles):
        rows = []
        for number, unit_id in enumerate(chosen.get(title.id, []), start=1):
            result = results.get(unit_id)
            total = format_number(result.total) if result is not None and result.rank is not None else ""
            band = bands.get(result.band, result.band) if result is not None and result.band else ""
            unit = result.unit if result is not None else year.unit(unit_id)
            rows.append(PaperRow(number, unit, total, band))
        found.append(PaperTitle(title, most_chosen(title), ballot_rule(title), rows))
    return found


def count_titles(year: Year, ranking: Ranking) -> list[CountTitle]:
    """Per title that takes a vote: every candidate with its votes and share, most votes first."""
    ballot = ranking.ballot
    if ballot is None:
        return []
    order = {r.unit.id: i for i, r in enumerate(ranking.units)}
    found = []
    for paper in paper_titles(year, ranking):
        title = paper.title
        base = ballot.members if title.vote_base == "members" and ballot.members else ballot.valid_count
        votes = ballot.votes.get(title.id, {})
        ids = [row.unit.id for row in paper.rows] + [u for u in votes if u not in {r.unit.id for r in paper.rows}]
        ids.sort(key=lambda u: (-votes.get(u, 0), order.get(u, len(order))))
        rows = []
        for unit_id in ids:
            share = Fraction(votes.get(unit_id, 0), base) if base > 0 else Fraction(0)
            rows.append(CountRow(year.unit(unit_id), votes.get(unit_id, 0), percent(share), reaches(title, share)))
        found.append(CountTitle(title, paper.most, paper.rule, base, rows))
    return found


def counting_reference(compact: Compact, held: Any) -> str:
    """ "Biên bản kiểm phiếu số 06/BB-KANND ngày 20 tháng 11 năm 2023": how the biên bản cites the count."""
    from giaouoc.documents.context import minutes_reference

    settings = compact.documents.get(COUNTING_ID, DocumentSettings())
    return minutes_reference(compact, settings, held).replace("Biên bản", "Biên bản kiểm phiếu", 1)


def board_lines(board: list[Person]) -> list[tuple[Person, str]]:
    """The counting board with each member's role: the first is Trưởng ban."""
    return [(person, "Trưởng ban" if index == 0 else "Thành viên") for index, person in enumerate(board)]


def meeting_context(year: Year, ranking: Ranking) -> dict[str, Any]:
    """The names the meeting's templates print (the ballot paper, the counting minutes, the biên bản)."""
    review = year.review
    ballot: Ballot | None = ranking.ballot
    tally = ranking.tally
    return {
        "paper": paper_titles(year, ranking),
        "count": count_titles(year, ranking),
        "tally": tally,
        "spoiled": [(s.index + 1, s.reason) for s in tally.spoiled] if tally is not None else [],
        "board": board_lines(review.counting_board) if review else [],
        "quorum_met": ballot.quorum_met if ballot is not None else True,
        "counting": counting_reference(year.compact, review.date if review else None),
        "vote_done": tally is not None,
        "opinions": [(speaker_label(year, o.speaker), o.text) for o in review.opinions] if review else [],
        "decider": f"Giám đốc {year.compact.authority}",  # whom the Hội đồng Thi đua - Khen thưởng advises
    }


def speaker_label(year: Year, speaker: str | None) -> str | None:
    """Who gave an opinion: a unit id becomes "Đồng chí đại diện <unit>"; a person stays as written."""
    if speaker is None:
        return None
    unit = next((u for u in year.units if u.id == speaker), None)
    return f"Đồng chí đại diện {unit.name}" if unit is not None else speaker
