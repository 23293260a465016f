"""The template context: typed, ready-to-print data and nothing else (no file access)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from giaouoc.documents.adopted import band_lines, tie_break_line, title_lines
from giaouoc.documents.meeting import meeting_context
from giaouoc.documents.pending import any_scores, pending_lines, unscored
from giaouoc.documents.scale import criteria_table, grading_words, scale, signature_heading
from giaouoc.model.documents import clean_base
from giaouoc.model.records import Compact, DocumentSettings, Person, Title, Unit
from giaouoc.model.results import Ranking, UnitResult
from giaouoc.model.year import Year
from giaouoc.vietnamese import date_phrase, percent, upper


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
    ballot = ranking.ballot  # its totals counted when the ballots are recorded one by one
    outcomes = []
    for title_id in ranking.title_order:
        votes = ballot.votes.get(title_id) if ballot else None
        rows = []
        title = titles[title_id]
        if ballot is not None and votes:
            base = ballot.base(title)
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


def minutes_reference(compact: Compact, minutes: DocumentSettings, held: date | None) -> str:
    """ "Biên bản số 05/BB-KANND ngày 20 tháng 11 năm 2023": how the tờ trình and the appendix cite the minutes."""
    number = minutes.number
    if number and number.isascii() and number.isdigit():
        number = number.zfill(2)
    code = "-".join(part for part in ("BB", compact.block.code) if part)
    when = minutes.date or held
    return "Biên bản" + (f" số {number}/{code}" if number else "") + (f" {date_phrase(when)}" if when else "")


def build_context(year: Year, ranking: Ranking, doc_id: str, draft: bool = False) -> dict[str, Any]:
    """Everything a document template may print."""
    compact = year.compact
    leader = year.unit(compact.leader)
    deputy = year.unit(compact.deputy)
    settings = compact.documents.get(doc_id, DocumentSettings())
    review = year.review
    minutes = compact.documents.get("bien-ban", DocumentSettings())
    outcomes = title_outcomes(year, ranking)
    listed = {t.id: i for i, t in enumerate(compact.titles)}
    return {
        "doc_id": doc_id,
        "draft": draft,  # not final: the document is a DỰ THẢO and prints what is pending
        "pending": pending_lines(doc_id, year, ranking),  # one line per reason, naming the units it concerns
        "scored": any_scores(ranking),  # False: no unit has any score, there is no result to show at all
        "unscored": unscored(ranking),  # unit id -> why it has no result yet (a draft prints no total for it)
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
        "outcomes": outcomes,  # in the order the titles were decided
        "outcomes_listed": sorted(outcomes, key=lambda o: listed[o.title.id]),  # as compact.yaml lists them
        "titles": {t.id: t for t in compact.titles},
        "review": review,
        "ballot": ranking.ballot,
        "text": year.texts.get(doc_id),
        "achievements": {k.split("/", 1)[1]: v.strip() for k, v in year.texts.items() if k.startswith("thanh-tich/")},
        "number": settings.number,
        "recipients": settings.recipients,
        "archive": settings.archive or ["VT"],
        "bases": [clean_base(b) for b in settings.bases],
        "to": settings.to or [f"Hội đồng Thi đua - Khen thưởng {compact.authority}"],
        "issuer_lines": [upper(line) for line in compact.block.header],
        "issue_date": settings.date or (review.date if review and doc_id != "giao-uoc" else None)
        or (compact.signing.date if doc_id == "giao-uoc" else None),
        "minutes": minutes_reference(compact, minutes, review.date if review else None),
        "absent": [(year.unit(a.unit), a.reason) for a in review.absent] if review else [],
        "next_leader": year.unit(review.next.leader) if review and review.next else None,
        "next_deputy": year.unit(review.next.deputy) if review and review.next else None,
        "band_short": {b.name: b.short or b.name for b in compact.scoring.bands},
        "meeting": meeting_context(year, ranking),  # the ballot paper, the count, the board (documents/meeting.py)
        "adopted": {"bands": band_lines(compact), "titles": title_lines(compact),
                    "emulation_titles": title_lines(compact, "danh-hieu"),
                    "awards": title_lines(compact, "khen-thuong"),
                    "tie_break": tie_break_line(compact, year.items)},
        "signature_headings": {u.id: signature_heading(u) for u in year.units},
        "scale": scale(year.items),  # the thang điểm by criteria (docs/cham-diem.md)
        "grading": grading_words(year),
        "criteria_tables": criteria_table(year, ranking),
    }
