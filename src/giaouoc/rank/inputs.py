"""Which input counts for a unit, a content and a criterion: block, else graded, else self (docs/cham-diem.md §4–5)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from giaouoc.model.records import Input
from giaouoc.model.scoring import Counting, Value
from giaouoc.model.year import Year

CENT = Decimal("0.01")


def round_cent(value: Fraction | Decimal) -> Decimal:
    """Exact value rounded half up to 2 decimals (points are never negative; the sign is kept anyway)."""
    if isinstance(value, Decimal):
        return value.quantize(CENT, rounding=ROUND_HALF_UP)
    numerator, denominator = value.numerator, value.denominator
    if denominator == 1:
        return Decimal(numerator).quantize(CENT)
    sign = -1 if numerator < 0 else 1
    hundredths = (2 * abs(numerator) * 100 + denominator) // (2 * denominator)
    return Decimal(sign * hundredths).scaleb(-2)


def exact(value: Input) -> Value:
    """An input as arithmetic takes it: written numbers stay Decimal (exact), đạt / không đạt stay bool."""
    return value


def combine(values: list[Value], method: str, passed: bool) -> Value:
    """The graded input from each grader's value: đạt by a majority (more than half), else mean or median."""
    if passed:
        return sum(1 for v in values if v is True) * 2 > len(values)
    written = [v for v in values if isinstance(v, Decimal)]
    if len(written) == len(values):  # as written: exact Decimal sums, one division at most
        numbers = sorted(written)
        if method == "median":
            middle = len(numbers) // 2
            return numbers[middle] if len(numbers) % 2 else (numbers[middle - 1] + numbers[middle]) / 2
        total = sum(numbers, Decimal(0))
        count = len(numbers)
        while count % 2 == 0:
            count //= 2
        while count % 5 == 0:
            count //= 5
        if count == 1:  # dividing by 2, 4, 5, 8, 10 … ends: a Decimal mean is exact
            return total / len(numbers)
        return _decimal(Fraction(total) / len(numbers))  # 3 graders: 1/3 stays exact as a Fraction
    fractions = sorted(Fraction(v) for v in values)
    if method == "median":
        middle = len(fractions) // 2
        chosen = fractions[middle] if len(fractions) % 2 else (fractions[middle - 1] + fractions[middle]) / 2
    else:
        chosen = sum(fractions, Fraction(0)) / len(fractions)
    return _decimal(chosen)


def _decimal(value: Fraction) -> Value:
    """A Fraction as an exact Decimal when it has one of at most 6 places (most means do), else the Fraction."""
    scaled = value * 1_000_000
    if scaled.denominator == 1:
        return Decimal(scaled.numerator).scaleb(-6).normalize()
    return value


class Inputs:
    """The inputs of a year, indexed once: self and block from the score files, each grader's from grades/."""

    def __init__(self, year: Year) -> None:
        self.year = year
        self.method = year.compact.grading.method if year.compact.grading else "mean"
        self.given: dict[tuple[str, int, str], list[tuple[str, Value]]] = {}  # (unit, item, criterion or "")
        for (grader, unit), grade in sorted((year.grades or {}).items()):
            for item, value in grade.scores.items():
                for criterion, one in (value.items() if isinstance(value, dict) else [("", value)]):
                    self.given.setdefault((unit, item, criterion), []).append((grader, exact(one)))

    def graded(self, unit: str, item: int, criterion: str | None, passed: bool = False) -> Counting | None:
        """The graded input of a content (criterion None) or a criterion, or None when no grader gave one."""
        given = self.given.get((unit, item, criterion or ""))
        if not given:
            return None
        combined = combine([v for _, v in given], self.method, passed)
        if criterion is None:  # a content's graded points are rounded like any points
            combined = round_cent(combined if isinstance(combined, Decimal | Fraction) else Fraction(combined))
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
