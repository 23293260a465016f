"""Which input counts for a unit, a content and a criterion: block, else graded, else self (docs/cham-diem.md §4–5)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor

from giaouoc.model.records import GradeFile, Input
from giaouoc.model.scoring import Counting, Value
from giaouoc.model.year import Year

CENT = Decimal("0.01")


def round_cent(value: Fraction | Decimal) -> Decimal:
    """Exact value rounded half up to 2 decimals (points are never negative; the sign is kept anyway)."""
    if isinstance(value, Decimal):
        return value.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = -1 if value < 0 else 1
    hundredths = floor(abs(value) * 100 + Fraction(1, 2))
    return (Decimal(sign * hundredths) / 100).quantize(CENT)


def exact(value: Input) -> Value:
    return value if isinstance(value, bool) else Fraction(value)


def combine(values: list[Value], method: str, passed: bool) -> Value:
    """The graded input from each grader's value: đạt by a majority (more than half), else mean or median."""
    if passed:
        return sum(1 for v in values if v is True) * 2 > len(values)
    numbers = sorted(Fraction(v) for v in values)
    if method == "median":
        middle = len(numbers) // 2
        return numbers[middle] if len(numbers) % 2 else (numbers[middle - 1] + numbers[middle]) / 2
    return sum(numbers, Fraction(0)) / len(numbers)


class Inputs:
    """The inputs of a year, indexed once: self and block from the score files, each grader's from grades/."""

    def __init__(self, year: Year) -> None:
        self.year = year
        self.method = year.compact.grading.method if year.compact.grading else "mean"
        self.grades: dict[str, list[GradeFile]] = {}
        for (_, unit), grade in sorted((year.grades or {}).items()):
            self.grades.setdefault(unit, []).append(grade)

    def graded(self, unit: str, item: int, criterion: str | None, passed: bool = False) -> Counting | None:
        """The graded input of a content (criterion None) or a criterion, or None when no grader gave one."""
        given: list[tuple[str, Value]] = []
        for grade in self.grades.get(unit, []):
            value = grade.scores.get(item)
            if criterion is None and value is not None and not isinstance(value, dict):
                given.append((grade.grader, Fraction(value)))
            elif criterion is not None and isinstance(value, dict) and criterion in value:
                given.append((grade.grader, exact(value[criterion])))
        if not given:
            return None
        combined = combine([v for _, v in given], self.method, passed)
        if criterion is None:  # a content's graded points are rounded like any points
            combined = Fraction(round_cent(Fraction(combined)))
        return Counting(combined, "graded", tuple(given))

    def written(self, unit: str, item: int, criterion: str | None) -> tuple[Value | None, Value | None]:
        """(self, block) as written in the unit's score file."""
        scores = self.year.scores.get(unit)
        score = scores.scores.get(item) if scores else None
        if score is None:
            return None, None
        if criterion is None:
            return _maybe(score.self_score), _maybe(score.block)
        entry = score.criteria.get(criterion)
        return (_maybe(entry.self_score), _maybe(entry.block)) if entry else (None, None)

    def counting(self, unit: str, item: int, criterion: str | None,
                 passed: bool = False) -> tuple[Counting | None, Counting | None, Counting | None]:
        """(counting, self, graded) inputs: counting is block, else graded, else self."""
        own, block = self.written(unit, item, criterion)
        graded = self.graded(unit, item, criterion, passed)
        mine = Counting(own, "self") if own is not None else None
        count = Counting(block, "block") if block is not None else graded or mine
        return count, mine, graded


def _maybe(value: Input | None) -> Value | None:
    return None if value is None else exact(value)
