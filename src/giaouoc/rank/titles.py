"""Decide which ranked units the block proposes for each title (spec/ranking.md §4)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from giaouoc.model.records import Title
from giaouoc.model.results import Condition, Outcome, TitleDecision, UnitResult
from giaouoc.model.year import Year
from giaouoc.vietnamese import format_number

NO_BALLOT = "chưa có kết quả bỏ phiếu"


def decision_order(titles: list[Title]) -> list[Title]:
    """Titles after every title they require, otherwise in the order listed."""
    placed: list[Title] = []
    done: set[str] = set()
    pending = list(titles)
    while pending:
        ready = next((t for t in pending if all(r in done for r in t.requires)), pending[0])
        pending.remove(ready)
        placed.append(ready)
        done.add(ready.id)
    return placed


def implied_registrations(registered: list[str], titles: dict[str, Title]) -> set[str]:
    """The titles a unit registered, plus every title those require, directly or not."""
    found: set[str] = set()
    stack = list(registered)
    while stack:
        title_id = stack.pop()
        if title_id not in found:
            found.add(title_id)
            stack.extend(titles[title_id].requires if title_id in titles else [])
    return found


def decide_titles(year: Year, ranked: list[UnitResult]) -> tuple[list[TitleDecision], list[str]]:
    titles = {t.id: t for t in year.compact.titles}
    ballot = year.review.ballot if year.review else None
    held: dict[str, set[str]] = defaultdict(set)
    proposed: dict[str, set[str]] = defaultdict(set)
    decisions: list[TitleDecision] = []
    order = decision_order(year.compact.titles)
    for title in order:
        votes = ballot.votes.get(title.id) if ballot else None
        no_ballot = title.min_vote_share is not None and votes is None
        eligible: list[tuple[UnitResult, tuple[Condition, ...]]] = []
        for result in ranked:
            conditions = _conditions(title, result, titles, proposed, held, votes, ballot.voters if ballot else 0)
            if all(c.met for c in conditions) and no_ballot:
                decisions.append(TitleDecision(title.id, result.unit.id, "undecided", conditions, NO_BALLOT))
                if title.group:
                    held[result.unit.id].add(title.group)
            elif all(c.met for c in conditions):
                eligible.append((result, conditions))
            else:
                decisions.append(TitleDecision(title.id, result.unit.id, "missed", conditions))
        for result, conditions, outcome, reason in _apply_max(title, eligible):
            decisions.append(TitleDecision(title.id, result.unit.id, outcome, conditions, reason))
            if outcome == "proposed":
                proposed[title.id].add(result.unit.id)
            if outcome != "missed" and title.group:
                held[result.unit.id].add(title.group)
    rank_of = {r.unit.id: i for i, r in enumerate(ranked)}
    position = {t.id: i for i, t in enumerate(order)}
    decisions.sort(key=lambda d: (position[d.title_id], rank_of[d.unit_id]))
    return decisions, [t.id for t in order]


def _conditions(
    title: Title, result: UnitResult, titles: dict[str, Title], proposed: dict[str, set[str]],
    held: dict[str, set[str]], votes: dict[str, int] | None, voters: int,
) -> tuple[Condition, ...]:
    unit = result.unit
    registered = implied_registrations(unit.registered, titles)
    conditions = [Condition(
        "registered", title.id in registered,
        "đã đăng ký thi đua" if title.id in unit.registered
        else "được tính là đã đăng ký (do đăng ký danh hiệu cao hơn)" if title.id in registered
        else "không đăng ký danh hiệu này",
    )]
    if title.min_total is not None:
        met = result.total >= title.min_total
        conditions.append(Condition(
            "min_total", met,
            f"tổng điểm {format_number(result.total)} {'đạt' if met else 'chưa đạt'} mức tối thiểu "
            f"{format_number(title.min_total)}",
        ))
    for required in title.requires:
        met = unit.id in proposed[required]
        name = titles[required].name
        conditions.append(Condition(
            "requires", met, f"{'được' if met else 'không được'} đề nghị «{name}» là điều kiện kèm theo"))
    if title.group is not None:
        met = title.group not in held[unit.id]
        conditions.append(Condition(
            "group", met, "chưa giữ danh hiệu nào cùng nhóm" if met
            else "đã được đề nghị (hoặc đang chờ quyết định) một danh hiệu khác cùng nhóm"))
    if title.min_vote_share is not None and votes is not None:
        count = votes.get(unit.id, 0)
        met = Decimal(count) >= title.min_vote_share * voters
        conditions.append(Condition(
            "vote_share", met,
            f"được {count}/{voters} phiếu, {'đạt' if met else 'chưa đạt'} tỷ lệ tối thiểu "
            f"{format_number(title.min_vote_share * 100)}%",
        ))
    return tuple(conditions)


def _apply_max(
    title: Title, eligible: list[tuple[UnitResult, tuple[Condition, ...]]]
) -> list[tuple[UnitResult, tuple[Condition, ...], Outcome, str | None]]:
    """Take eligible units in rank order up to `max`; a cut-off inside a tie leaves that tie undecided."""
    limit = title.max
    if limit is None or len(eligible) <= limit:
        return [(r, c, "proposed", None) for r, c in eligible]
    cut_rank = eligible[limit - 1][0].rank if eligible[limit - 1][0].rank == eligible[limit][0].rank else None
    out: list[tuple[UnitResult, tuple[Condition, ...], Outcome, str | None]] = []
    taken = 0
    for result, conditions in eligible:
        if cut_rank is not None and result.rank == cut_rank:
            reason = f"đồng hạng {result.rank} tại ngưỡng tối đa {limit} đơn vị: Khối cần quyết định"
            out.append((result, conditions, "undecided", reason))
        elif taken < limit and (cut_rank is None or (result.rank or 0) < cut_rank):
            taken += 1
            out.append((result, conditions, "proposed", None))
        else:
            extra = Condition("max", False, f"ngoài số lượng tối đa {limit} đơn vị (đã đủ các đơn vị xếp trên)")
            out.append((result, (*conditions, extra), "missed", None))
    return out
