"""Turn a validated year into its ranking, bands and title proposals (docs/xep-hang.md).

Pure and deterministic: every decision records why it was taken, so explanations are
read from the result rather than computed again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from giaouoc.model.fields import TieBreak
from giaouoc.model.records import Unit
from giaouoc.model.results import Ranking, Separation, UnitResult
from giaouoc.model.scoring import UnitPoints
from giaouoc.model.year import Year
from giaouoc.rank.meeting import counted, printed
from giaouoc.rank.points import score_year
from giaouoc.rank.titles import decide_titles
from giaouoc.vietnamese import sort_key

if TYPE_CHECKING:
    from giaouoc.model.history import Past

ZERO = Decimal(0)


def score_unit(year: Year, unit: Unit, points: UnitPoints) -> UnitResult:
    """Subtotal, capped bonus, penalty and completeness of one unit (its points from rank/points.py)."""
    scores = year.scores.get(unit.id)
    proposals = len(scores.proposed_bonus) + len(scores.proposed_penalties) if scores else 0
    claimed = sum((b.points for b in scores.bonus), ZERO) if scores else ZERO
    cap = year.compact.scoring.bonus_cap
    result = UnitResult(
        unit=unit,
        items={c.item: c.points for c in points.contents.values()},
        subtotal=points.subtotal,
        bonus=min(claimed, cap) if cap is not None else claimed,
        bonus_claimed=claimed,
        penalty=sum((p.points for p in scores.penalties), ZERO) if scores else ZERO,
        provisional=points.provisional or proposals > 0,  # a proposal not yet reviewed may still change the total
        proposals=proposals,
        self_counted=points.provisional,  # a self input, an open dispute, or a best that comes from one
        points=points,
    )
    missing = [m for c in points.contents.values() for m in c.missing]
    if scores is not None and scores.excluded:
        result.not_ranked = scores.excluded
        result.excluded = True
    elif missing:
        result.not_ranked = missing_phrase(missing)
    return result


def missing_phrase(missing: list[str]) -> str:
    """"thiếu điểm nội dung 1, 2; thiếu điểm tiêu chí 3b; thiếu chỉ tiêu 3a" from what is missing."""
    parts = []
    for kind, lead in (("nội dung ", "thiếu điểm nội dung "), ("tiêu chí ", "thiếu điểm tiêu chí "),
                       ("chỉ tiêu ", "thiếu chỉ tiêu ")):
        listed = [m.removeprefix(kind) for m in missing if m.startswith(kind)]
        if listed:
            parts.append(lead + ", ".join(listed))
    return "; ".join(parts)


def tie_value(result: UnitResult, key: TieBreak, votes: dict[str, dict[str, int]]) -> Decimal:
    """The unit's value for a tie-break key, signed so that larger ranks higher."""
    if key.kind == "penalty":
        return -result.penalty
    if key.kind == "bonus":
        return result.bonus
    if key.kind == "item":
        return result.items.get(key.item or 0) or ZERO
    return Decimal(votes.get(key.title or "", {}).get(result.unit.id, 0))


def rank_year(year: Year, past: Past | None = None, paper: bool = True) -> Ranking:
    """Rank a complete, validated year; `past` holds what earlier years recorded (for history conditions).

    With `paper`, the candidates of the ballot paper are worked out too (a ranking without the ballot), and
    ballots recorded one by one are counted against them.
    """
    candidates = printed(year, past) if paper else None
    year, tally = counted(year, candidates)
    scoring = year.compact.scoring
    ballot = year.review.ballot if year.review else None
    votes = ballot.votes if ballot is not None and ballot.quorum_met else {}
    points = score_year(year)
    results = [score_unit(year, unit, points[unit.id]) for unit in year.units]
    ranked = [r for r in results if r.not_ranked is None]
    keys = scoring.tie_break

    def order(r: UnitResult) -> tuple[object, ...]:
        return (-r.total, *(-tie_value(r, k, votes) for k in keys), sort_key(r.unit.name))

    ranked.sort(key=order)
    separations: list[Separation] = []
    for position, result in enumerate(ranked):
        above = ranked[position - 1] if position else None
        if above is None or above.total != result.total:
            result.rank = position + 1
            continue
        key = next((k for k in keys if tie_value(above, k, votes) != tie_value(result, k, votes)), None)
        if key is None:
            result.rank = above.rank
            separations.append(Separation(above.unit.id, result.unit.id, None))
        else:
            result.rank = position + 1
            separations.append(Separation(above.unit.id, result.unit.id, key,
                                          _shown(above, key, votes), _shown(result, key, votes)))
    bands = sorted(scoring.bands, key=lambda b: b.min, reverse=True)
    for result in ranked:
        result.band = next((b.name for b in bands if b.min <= result.total), None)
    unranked = sorted((r for r in results if r.not_ranked is not None), key=lambda r: sort_key(r.unit.name))
    decisions, title_order = decide_titles(year, ranked, past)
    by_id = {r.unit.id: r for r in ranked}
    for decision in decisions:
        result = by_id[decision.unit_id]
        if decision.outcome == "proposed":
            result.titles.append(decision.title_id)
        elif decision.outcome == "undecided":
            result.undecided.append(decision.title_id)
            result.pending[decision.title_id] = decision.reason or ""
    return Ranking(year.compact.year, year.compact.block.name, ranked + unranked, separations, decisions, title_order,
                   ballot=ballot, tally=tally, candidates=candidates)


def _shown(result: UnitResult, key: TieBreak, votes: dict[str, dict[str, int]]) -> Decimal:
    """The tie-break value as people read it (the penalty itself, not its negation)."""
    value = tie_value(result, key, votes)
    return -value if key.kind == "penalty" else value
