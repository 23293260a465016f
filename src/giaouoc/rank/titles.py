"""Decide which ranked units the block proposes for each title (docs/xep-hang.md, "Danh hiệu").

Every condition holds, fails or waits. A unit that fails one is not listed; a unit for which all
hold is eligible; a unit with none failing and one waiting is undecided, never refused. `max`
walks the eligible and waiting units one rank at a time so that a waiting unit holds up exactly
the places it might take.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from giaouoc.model.records import Ballot, Band, Round, Title
from giaouoc.model.results import NO_BALLOT, Condition, ConditionName, TitleDecision, UnitResult
from giaouoc.model.year import Year
from giaouoc.rank.history import history_condition
from giaouoc.rank.rounds import second_round
from giaouoc.vietnamese import format_number, percent

if TYPE_CHECKING:
    from giaouoc.model.history import Past

TIE_AT_MAX = "đồng hạng tại số lượng tối đa: Khối quyết định"
ABOVE_PENDING = "chờ kết quả các đơn vị xếp trên"
PLACES_GONE = "hết số lượng tối đa"


def no_quorum(ballot: Ballot) -> str:
    """ "hội nghị không đủ số thành viên: 7/12": why every vote waits when the meeting lacked its quorum."""
    return f"hội nghị không đủ số thành viên: {ballot.present}/{ballot.members}"


def waiting_for(name: str) -> str:
    return f"chờ quyết định «{name}»"


def decision_order(titles: list[Title]) -> list[Title]:
    """Titles in the order listed, each after the titles it requires or reads this year (in the order named)."""
    by_id = {t.id: t for t in titles}
    placed: list[Title] = []
    done: set[str] = set()

    def visit(title: Title, path: frozenset[str]) -> None:
        if title.id in done or title.id in path:  # a cycle is a validation error; never loop on it
            return
        for required in title.depends_on:
            if required in by_id:
                visit(by_id[required], path | {title.id})
        done.add(title.id)
        placed.append(title)

    for title in titles:
        visit(title, frozenset())
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


@dataclass
class Decided:
    """What is known so far, title by title: who was proposed, who is undecided, in which groups."""

    titles: dict[str, Title]
    year: int = 0
    bands: list[Band] = field(default_factory=list)
    past: Past | None = None  # earlier years' records; None: no year before is known
    proposed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    undecided: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    decided: list[Title] = field(default_factory=list)


def decide_titles(year: Year, ranked: list[UnitResult], past: Past | None = None
                  ) -> tuple[list[TitleDecision], list[str]]:
    titles = {t.id: t for t in year.compact.titles}
    ballot = year.review.ballot if year.review else None
    state = Decided(titles, year=year.compact.year, bands=year.compact.scoring.bands, past=past)
    decisions: list[TitleDecision] = []
    order = decision_order(year.compact.titles)
    for title in order:
        candidates: list[tuple[UnitResult, tuple[Condition, ...]]] = []
        for result in ranked:
            conditions = _conditions(title, result, state, ballot)
            if any(c.state == "fails" for c in conditions):
                decisions.append(TitleDecision(title.id, result.unit.id, "missed", conditions))
            else:
                candidates.append((result, conditions))
        rounds = {r.title: r for r in ballot.rounds} if ballot is not None and ballot.quorum_met else {}
        for decision in _walk(title, candidates, rounds.get(title.id)):
            decisions.append(decision)
            if decision.outcome == "proposed":
                state.proposed[title.id].add(decision.unit_id)
            elif decision.outcome == "undecided":
                state.undecided[title.id].add(decision.unit_id)
        state.decided.append(title)
    rank_of = {r.unit.id: i for i, r in enumerate(ranked)}
    position = {t.id: i for i, t in enumerate(order)}
    decisions.sort(key=lambda d: (position[d.title_id], rank_of[d.unit_id]))
    return decisions, [t.id for t in order]


def _conditions(title: Title, result: UnitResult, state: Decided, ballot: Ballot | None) -> tuple[Condition, ...]:
    """Conditions 1–4 of docs/xep-hang.md for one unit, after whether it registered at all."""
    unit = result.unit
    registered = implied_registrations(unit.registered, state.titles)
    conditions = [Condition(
        "registered", "holds" if title.id in registered else "fails",
        "đã đăng ký thi đua" if title.id in unit.registered
        else "được tính là đã đăng ký (do đăng ký danh hiệu cao hơn)" if title.id in registered
        else "không đăng ký danh hiệu này",
    )]
    if title.min_total is not None:
        met = result.total >= title.min_total
        conditions.append(Condition(
            "min_total", "holds" if met else "fails",
            f"tổng điểm {format_number(result.total)} {'đạt' if met else 'chưa đạt'} mức tối thiểu "
            f"{format_number(title.min_total)}",
        ))
    for required in title.requires:
        conditions.append(_earlier(required, unit.id, state, "requires"))
    if title.group is not None:
        conditions.append(_group(title, unit.id, state))
    if title.vote_threshold is not None:
        conditions.append(_vote(title, unit.id, ballot))
    conditions += [history_condition(c, result, state) for c in title.history]
    return tuple(conditions)


def _earlier(required: str, unit_id: str, state: Decided, kind: ConditionName) -> Condition:
    name = state.titles[required].name if required in state.titles else required
    if unit_id in state.proposed[required]:
        return Condition(kind, "holds", f"được đề nghị «{name}» (điều kiện kèm theo)")
    if unit_id in state.undecided[required]:
        return Condition(kind, "waits", f"chưa quyết định «{name}» (điều kiện kèm theo)", waiting_for(name))
    return Condition(kind, "fails", f"không được đề nghị «{name}», là điều kiện kèm theo")


def _group(title: Title, unit_id: str, state: Decided) -> Condition:
    same = [t for t in state.decided if t.group == title.group]
    taken = next((t for t in same if unit_id in state.proposed[t.id]), None)
    if taken is not None:
        return Condition("group", "fails", f"đã được đề nghị «{taken.name}», cùng nhóm")
    waiting = next((t for t in same if unit_id in state.undecided[t.id]), None)
    if waiting is not None:
        return Condition("group", "waits", f"đang chờ quyết định «{waiting.name}», cùng nhóm",
                         waiting_for(waiting.name))
    return Condition("group", "holds", "chưa được đề nghị danh hiệu nào cùng nhóm")


def _vote(title: Title, unit_id: str, ballot: Ballot | None) -> Condition:
    threshold = title.vote_threshold
    assert threshold is not None
    votes = ballot.votes.get(title.id) if ballot is not None else None
    if ballot is not None and not ballot.quorum_met:
        reason = no_quorum(ballot)
        return Condition("vote_share", "waits", reason, reason)
    if ballot is None or votes is None:
        return Condition("vote_share", "waits", NO_BALLOT, NO_BALLOT)
    by_members = title.vote_base == "members"
    base = ballot.base(title)
    count = votes.get(unit_id, 0)
    share = Fraction(count, base) if base > 0 else Fraction(0)
    over = title.min_vote_share is None
    met = share > threshold if over else share >= threshold
    of_what = " trên tổng số thành viên" if by_members else " hợp lệ"  # the base: valid ballots, or members
    if over:
        verdict = f"{'vượt' if met else 'không vượt'} tỷ lệ {percent(threshold)}"
    else:
        verdict = f"{'đạt' if met else 'chưa đạt'} tỷ lệ tối thiểu {percent(threshold)}"
    return Condition("vote_share", "holds" if met else "fails",
                     f"được {count}/{base} phiếu{of_what} ({percent(share)}), {verdict}")


def _walk(title: Title, candidates: list[tuple[UnitResult, tuple[Condition, ...]]],
          round_: Round | None = None) -> list[TitleDecision]:
    """Eligible units proposed and waiting units undecided, with `max` walked one rank at a time."""
    def waiting(conditions: tuple[Condition, ...]) -> Condition | None:
        return next((c for c in conditions if c.state == "waits"), None)

    decisions = []
    limit = title.max
    taken = opened = 0
    by_rank: dict[int, list[tuple[UnitResult, tuple[Condition, ...]]]] = defaultdict(list)
    for candidate in candidates:  # grouped once: scanning every candidate at every rank is quadratic
        by_rank[candidate[0].rank or 0].append(candidate)
    for rank in sorted(by_rank):
        at_rank = by_rank[rank]
        eligible = [(r, c) for r, c in at_rank if waiting(c) is None]
        pending = [(r, c) for r, c in at_rank if waiting(c) is not None]
        if limit is not None and taken >= limit:
            gone = Condition("max", "fails", f"{PLACES_GONE} ({limit} đơn vị): các đơn vị xếp trên đã nhận đủ")
            decisions += [TitleDecision(title.id, r.unit.id, "missed", (*c, gone), places_gone=True)
                          for r, c in at_rank]
            continue
        for r, c in pending:
            first = waiting(c)
            decisions.append(TitleDecision(title.id, r.unit.id, "undecided", c, first.reason if first else None))
        fits = limit is None or taken + opened + len(pending) + len(eligible) <= limit
        if fits:
            decisions += [TitleDecision(title.id, r.unit.id, "proposed", c) for r, c in eligible]
        elif opened + len(pending) == 0 and round_ is not None and limit is not None \
                and {r.unit.id for r, _ in eligible} <= set(round_.candidates):
            decisions += second_round(title, eligible, round_, limit - taken)
        else:
            reason = TIE_AT_MAX if opened + len(pending) == 0 else ABOVE_PENDING
            decisions += [TitleDecision(title.id, r.unit.id, "undecided", c, reason) for r, c in eligible]
        taken = taken + len(eligible) if limit is None else min(limit, taken + len(eligible))
        opened += len(pending)
    return decisions
