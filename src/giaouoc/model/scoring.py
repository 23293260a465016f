"""What scoring by criteria produces for one unit (docs/cham-diem.md): per content and per criterion, with why."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from giaouoc.model.records import Criterion, Input
from giaouoc.vietnamese import format_number

Source = Literal["block", "graded", "self"]
Value = Decimal | Fraction | bool  # a counting input: a number (exact), or đạt / không đạt


@dataclass(frozen=True)
class Best:
    """The best of a pool a unit is scored against: the leader's excess, or A_max / A_min without a target."""

    units: tuple[str, ...]  # the units that hold it (more than one on a tie)
    value: Fraction  # the leader's excess e, or A_max / A_min

    @property
    def unit(self) -> str:
        return self.units[0]


@dataclass(frozen=True)
class Counting:
    """The input that counts for one unit and one content or criterion, and where it came from."""

    value: Value
    source: Source
    graders: tuple[tuple[str, Value], ...] = ()  # each grader's value, when graded


@dataclass(frozen=True)
class CriterionPoints:
    """One criterion for one unit: the input that counted, its points, and what a target kind was scored against."""

    criterion: Criterion
    counting: Counting
    points: Decimal  # rounded half up to 2 decimals
    target: Decimal | None = None  # the unit's target (target kind); None: không giao chỉ tiêu cụ thể
    best: Best | None = None  # what a target criterion was scored against, when it was


@dataclass
class ContentPoints:
    """One content for one unit: its points from its counting inputs, and its self and graded points."""

    item: int
    points: Decimal | None  # None: missing input, or the content does not apply
    self_points: Decimal | None = None
    graded_points: Decimal | None = None
    source: str = "self"  # block, graded, self, or mixed (criteria counting different inputs)
    criteria: dict[str, CriterionPoints] = field(default_factory=dict)  # applicable criteria only
    counting: Counting | None = None  # a content without criteria
    applicable: bool = True
    missing: list[str] = field(default_factory=list)  # "tiêu chí 3b", "chỉ tiêu 3a"
    disputed: bool = False  # an open dispute
    settled: bool = False  # a dispute the block has decided
    explained: bool = False  # the unit wrote a giải trình
    uncertain: bool = False  # counts a self input, an open dispute, or a best that comes from one


@dataclass
class UnitPoints:
    """A unit's points from its contents, and the self points of every content (forms, disputes, the report)."""

    unit: str
    contents: dict[int, ContentPoints]
    subtotal: Decimal
    self_subtotal: Decimal
    scaled: bool = False  # some content does not apply: the subtotal is scaled up

    @property
    def provisional(self) -> bool:
        return any(c.uncertain for c in self.contents.values())


_KIND_INPUT = {"pass": "«đạt» hoặc «không đạt»", "count": "một số nguyên không âm (số lần)",
               "deduct": "một số nguyên không âm (số lần)", "target": "một số không âm (kết quả đạt được)"}


def input_problem(criterion: Criterion, value: Input) -> tuple[str, str] | None:
    """(code, message) when a value is not what the criterion's kind takes, else None."""
    expected = f"tiêu chí {criterion.id} cần {_KIND_INPUT[criterion.kind]}"
    if criterion.kind == "pass":
        return None if isinstance(value, bool) else ("invalid-pass", f"{expected}, không phải «{value}»")
    if isinstance(value, bool):
        return "wrong-type", f"{expected}, không phải «{'đạt' if value else 'không đạt'}»"
    if value < 0:
        return "score-negative", f"{expected}: {format_number(value)} không được âm"
    if criterion.kind != "target" and value != value.to_integral_value():
        return "not-whole", f"{expected}: {format_number(value)} không phải số nguyên"
    return None
