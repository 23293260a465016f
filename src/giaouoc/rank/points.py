"""Every unit's points per content from its counting inputs, its self and graded points, disputes and which
results are provisional (docs/cham-diem.md §3–6). A content without criteria counts block, else graded, else self:
with no grades that is the rule of docs/xep-hang.md, unchanged.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from giaouoc.model.records import Item
from giaouoc.model.scoring import ContentPoints, Counting, UnitPoints
from giaouoc.model.year import Year
from giaouoc.rank.criteria import CriterionScores, criterion_points
from giaouoc.rank.inputs import Inputs, round_cent

ZERO = Decimal(0)


_RECENT: list[tuple[Year, dict[str, UnitPoints]]] = []  # validate's dispute check and rank score the same year


def score_year(year: Year) -> dict[str, UnitPoints]:
    """Unit id -> its points, for every unit of the year (excluded ones too: they are in every pool)."""
    for seen, points in _RECENT:
        if seen is year:
            return points
    points = _score_year(year)
    _RECENT[:] = [*_RECENT[-3:], (year, points)]
    return points


def _score_year(year: Year) -> dict[str, UnitPoints]:
    inputs = Inputs(year)
    not_applicable = year.targets.not_applicable if year.targets else {}
    units = [u.id for u in year.units]
    contents: dict[str, dict[int, ContentPoints]] = {u: {} for u in units}
    for item in year.items:
        if not item.criteria:
            for unit in units:
                contents[unit][item.id] = _plain_content(year, inputs, unit, item)
            continue
        per = {c.id: criterion_points(year, inputs, item.id, c, [u for u in units
                                                                  if u not in not_applicable.get(c.id, [])])
               for c in item.criteria}
        for unit in units:
            contents[unit][item.id] = _criteria_content(item, unit, per)
    threshold = year.compact.grading.dispute if year.compact.grading else None
    for unit in units:
        scores = year.scores.get(unit)
        for content in contents[unit].values():
            score = scores.scores.get(content.item) if scores else None
            content.explained = score is not None and score.explain is not None
            _dispute(content, threshold)
    _mark_uncertain(contents)
    maxima = {i.id: i.max for i in year.items}
    return {unit: _unit_points(unit, contents[unit], maxima) for unit in units}


def _plain_content(year: Year, inputs: Inputs, unit: str, item: Item) -> ContentPoints:
    scores = year.scores.get(unit)
    score = scores.scores.get(item.id) if scores else None
    own = score.self_score if score else None
    block = score.block if score else None
    graded = inputs.graded(unit, item.id, None)
    graded_points = round_cent(graded.value) if graded and not isinstance(graded.value, bool) else None
    points: Decimal | None
    if block is not None:
        points, counting = block, Counting(block, "block")
    elif graded is not None:
        points, counting = graded_points, graded
    elif own is not None:
        points, counting = own, Counting(own, "self")
    else:
        return ContentPoints(item.id, None, missing=[f"nội dung {item.id}"])
    return ContentPoints(item.id, points, own if own is not None else points,
                         graded_points, counting.source, counting=counting)


def _criteria_content(item: Item, unit: str, per: dict[str, CriterionScores]) -> ContentPoints:
    applicable = [c for c in item.criteria if unit in per[c.id].counted or unit in per[c.id].missing]
    if not applicable:
        return ContentPoints(item.id, None, applicable=False)
    missing = [per[c.id].missing[unit] for c in applicable if unit in per[c.id].missing]
    if missing:
        return ContentPoints(item.id, None, missing=missing)
    counted = {c.id: per[c.id].counted[unit] for c in applicable}
    sources = {p.counting.source for p in counted.values()}
    content = ContentPoints(item.id, _total(item, {c: p.points for c, p in counted.items()}),
                            source=sources.pop() if len(sources) == 1 else "mixed", criteria=counted)
    content.self_points = _total(item, {c.id: per[c.id].self_points.get(unit, counted[c.id].points)
                                        for c in applicable})
    if any(unit in per[c.id].graded for c in applicable):
        content.graded_points = _total(item, {c.id: per[c.id].graded_points.get(unit, counted[c.id].points)
                                              for c in applicable})
    return content


def _total(item: Item, points: dict[str, Decimal]) -> Decimal:
    """A content's points: its applicable criteria's rounded points, scaled up when some do not apply."""
    applicable_max = sum((c.max for c in item.criteria if c.id in points), ZERO)
    added = sum(points.values(), ZERO)
    if applicable_max == item.max:
        return round_cent(added)
    return round_cent(Fraction(added) * Fraction(item.max) / Fraction(applicable_max))


def _dispute(content: ContentPoints, threshold: Decimal | None) -> None:
    if threshold is None or content.graded_points is None or content.self_points is None:
        return
    if abs(content.self_points - content.graded_points) < threshold:
        return
    decided = (content.counting is not None and content.counting.source == "block") or (
        bool(content.criteria) and all(p.counting.source == "block" for p in content.criteria.values()))
    content.settled = decided
    content.disputed = not decided


def _mark_uncertain(contents: dict[str, dict[int, ContentPoints]]) -> None:
    """Provisional: a self input counts, a dispute is open, or a best comes only from such inputs."""
    def shaky(unit: str, item: int, criterion: str) -> bool:
        content = contents[unit][item]
        point = content.criteria.get(criterion)
        return content.disputed or point is None or point.counting.source == "self"

    for by_item in contents.values():
        for content in by_item.values():
            sources = [p.counting for p in content.criteria.values()] + ([content.counting] if content.counting else [])
            content.uncertain = content.disputed or any(c.source == "self" for c in sources) or any(
                p.best is not None and p.best.units and all(shaky(u, content.item, cid) for u in p.best.units)
                for cid, p in content.criteria.items())


def _unit_points(unit: str, contents: dict[int, ContentPoints], maxima: dict[int, Decimal]) -> UnitPoints:
    applying = [c for c in contents.values() if c.applicable]
    subtotal = sum((c.points for c in applying if c.points is not None), ZERO)
    self_subtotal = sum((c.self_points if c.self_points is not None else c.points or ZERO for c in applying), ZERO)
    result = UnitPoints(unit, contents, subtotal, self_subtotal)
    if len(applying) < len(contents) and applying:
        share = Fraction(sum(maxima.values(), ZERO)) / Fraction(sum((maxima[c.item] for c in applying), ZERO))
        result.subtotal = round_cent(Fraction(subtotal) * share)
        result.self_subtotal = round_cent(Fraction(self_subtotal) * share)
        result.scaled = True
    return result
