"""Points from criteria (docs/cham-diem.md §2): the four kinds, the leader and the no-target best, one pass each.

`criterion_points` scores one criterion for every unit of the year. Each unit is scored with its counting input
and, for its self and graded points, with its self or graded input in place of it, the best of the pool taken
again with that one value swapped in (the top two of each pool are kept, so this is never a pass per pair).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from giaouoc.model.records import Criterion
from giaouoc.model.scoring import Best, Counting, CriterionPoints, Value
from giaouoc.model.year import Year
from giaouoc.rank.inputs import Inputs, round_cent


@dataclass
class Pool:
    """The best value of a group (largest, or smallest with `lowest`), kept as the top two with their units."""

    lowest: bool = False
    top: list[tuple[Fraction, str]] = field(default_factory=list)
    ties: dict[Fraction, list[str]] = field(default_factory=dict)

    def add(self, unit: str, value: Fraction) -> None:
        self.ties.setdefault(value, []).append(unit)
        key = -value if self.lowest else value
        self.top = sorted([*self.top, (key, unit)], reverse=True)[:2]

    def best(self, without: str | None = None, extra: Fraction | None = None) -> Fraction | None:
        """The best value, leaving out one unit's entry and adding one value."""
        kept = [k for k, u in self.top if u != without][:1]
        if extra is not None:
            kept.append(-extra if self.lowest else extra)
        if not kept:
            return None
        best = max(kept)
        return -best if self.lowest else best

    def holder(self, value: Fraction) -> Best:
        return Best(tuple(self.ties.get(value, [])), value)


Exact = Decimal | Fraction


def _excess(criterion: Criterion, target: Exact, result: Exact) -> Fraction | None:
    """How far beyond its target a result is, as a share of the target; None when not beyond it."""
    (an, ad), (tn, td) = result.as_integer_ratio(), target.as_integer_ratio()
    diff = an * td - tn * ad  # the sign of A − T
    if not (diff < 0 if criterion.better == "lower" else diff > 0):
        return None
    return Fraction(abs(diff), ad * tn)  # |A − T| / T


def target_points(criterion: Criterion, target: Exact | None, result: Exact, best: Fraction | None) -> Fraction:
    """The points of a `target` criterion (best: the leader's excess, or A_max / A_min without a target).

    Worked in whole numbers (numerators and denominators) and made a Fraction once: the same exact value as the
    formulas of docs/cham-diem.md, without a Fraction per operation."""
    (mn, md), h = criterion.max.as_integer_ratio(), criterion.share
    hn, hd = h.numerator, h.denominator
    an, ad = result.as_integer_ratio()
    lower = criterion.better == "lower"
    if target is None:  # against A_max (A_min with better: lower) of the units without a target
        bn, bd = best.as_integer_ratio() if best is not None else (0, 1)
        if lower:
            return Fraction(mn, md) if an == 0 else Fraction(mn * bn * ad, md * bd * an)
        return Fraction(0) if an == 0 or bn == 0 else Fraction(mn * an * bd, md * ad * bn)
    tn, td = target.as_integer_ratio()
    diff = an * td - tn * ad  # the sign of A − T
    if diff < 0 if lower else diff > 0:  # beyond the target: h and the rest by the share of the leader's excess
        en, ed = abs(diff), ad * tn
        bn, bd = best.as_integer_ratio() if best is not None else (en, ed)
        return Fraction(mn * (hn * ed * bn + (hd - hn) * en * bd), md * hd * ed * bn)
    if diff == 0:
        return Fraction(mn * hn, md * hd)
    if lower:  # above a maximum: h × T / A
        return Fraction(mn * hn * tn * ad, md * hd * td * an)
    return Fraction(mn * hn * an * td, md * hd * ad * tn)  # below the target: h × A / T


def simple_points(criterion: Criterion, value: Value) -> Fraction | Decimal:
    """The points of a pass, count or deduct criterion (exact: Decimal when the input is one)."""
    ms = criterion.max
    if criterion.kind == "pass":
        return ms if value is True else Decimal(0)
    if isinstance(value, Decimal):
        done = value * (criterion.per or Decimal(0))
        return min(ms, done) if criterion.kind == "count" else max(Decimal(0), ms - done)
    exact_done, exact_ms = Fraction(value) * Fraction(criterion.per or 0), Fraction(ms)
    return min(exact_ms, exact_done) if criterion.kind == "count" else max(Fraction(0), exact_ms - exact_done)


@dataclass
class CriterionScores:
    """One criterion scored for every unit it applies to."""

    counted: dict[str, CriterionPoints] = field(default_factory=dict)
    self_points: dict[str, Decimal] = field(default_factory=dict)
    graded_points: dict[str, Decimal] = field(default_factory=dict)
    graded: dict[str, Counting] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # unit -> "tiêu chí 3b" or "chỉ tiêu 3a"


def criterion_points(year: Year, inputs: Inputs, item: int, criterion: Criterion,
                     applies: list[str]) -> CriterionScores:
    """Score one criterion for the units it applies to."""
    scores = CriterionScores()
    passed = criterion.kind == "pass"
    targets = year.targets.targets.get(criterion.id, {}) if year.targets else {}
    found: dict[str, tuple[Counting, Counting | None, Counting | None]] = {}
    for unit in applies:
        count, own, graded = inputs.counting(unit, item, criterion.id, passed)
        if count is None:
            scores.missing[unit] = f"tiêu chí {criterion.id}"
        elif criterion.kind == "target" and unit not in targets:
            scores.missing[unit] = f"chỉ tiêu {criterion.id}"
        else:
            found[unit] = (count, own, graded)
            if graded is not None:
                scores.graded[unit] = graded
    if criterion.kind != "target":
        for unit, (count, own, graded) in found.items():
            scores.counted[unit] = CriterionPoints(criterion, count, round_cent(simple_points(criterion, count.value)))
            for side, store in ((own, scores.self_points), (graded, scores.graded_points)):
                if side is not None:
                    store[unit] = round_cent(simple_points(criterion, side.value))
        return scores
    _score_targets(criterion, targets, found, scores)
    return scores


def _pool_entry(criterion: Criterion, target: Decimal | None, value: Exact) -> tuple[int, Fraction | None]:
    """Which pool a result joins (0: with a target, beyond it; 1: without a target) and its value there."""
    if target is None:
        return 1, Fraction(value)
    return 0, _excess(criterion, target, value)


def _score_targets(criterion: Criterion, targets: dict[str, Decimal | None],
                   found: dict[str, tuple[Counting, Counting | None, Counting | None]],
                   scores: CriterionScores) -> None:
    pools = (Pool(), Pool(lowest=criterion.better == "lower"))
    entries: dict[str, tuple[int, Fraction | None]] = {}
    for unit, (count, _, _) in found.items():
        entries[unit] = _pool_entry(criterion, targets[unit], _number(count.value))
        which, value = entries[unit]
        if value is not None:
            pools[which].add(unit, value)
    for unit, (count, own, graded) in found.items():
        target = targets[unit]
        which, _ = entries[unit]
        best = pools[which].best()
        points = target_points(criterion, target, _number(count.value), best)
        holder = pools[which].holder(best) if best is not None and (which == 1 or entries[unit][1]) else None
        scores.counted[unit] = CriterionPoints(criterion, count, round_cent(points), target, holder)
        for side, store in ((own, scores.self_points), (graded, scores.graded_points)):
            if side is None:
                continue
            mine = _number(side.value)
            _, swapped = _pool_entry(criterion, target, mine)
            alone = pools[which].best(without=unit, extra=swapped)
            store[unit] = round_cent(target_points(criterion, target, mine, alone))


def _number(value: Value) -> Exact:
    """A counting input of a target criterion (validation leaves no đạt / không đạt there)."""
    return value if not isinstance(value, bool) else Decimal(int(value))
