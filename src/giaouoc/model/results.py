"""What a ranking produces: per-unit results and the decisions behind them, as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from giaouoc.model.fields import TieBreak
from giaouoc.model.records import Unit


@dataclass
class UnitResult:
    unit: Unit
    items: dict[int, Decimal | None]
    subtotal: Decimal
    bonus: Decimal
    bonus_claimed: Decimal
    penalty: Decimal
    provisional: bool
    not_ranked: str | None = None
    rank: int | None = None
    band: str | None = None
    titles: list[str] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.bonus - self.penalty


@dataclass(frozen=True)
class Separation:
    """How a unit stands against the one listed just above it with the same total."""

    above: str
    below: str
    key: TieBreak | None  # the tie-break key that separated them; None: they share a rank
    above_value: Decimal | None = None
    below_value: Decimal | None = None


Outcome = Literal["proposed", "undecided", "missed"]


@dataclass(frozen=True)
class Condition:
    name: str  # registered, min_total, requires, group, vote_share, max
    met: bool
    detail: str


@dataclass(frozen=True)
class TitleDecision:
    title_id: str
    unit_id: str
    outcome: Outcome
    conditions: tuple[Condition, ...]
    reason: str | None = None  # why a unit is undecided


@dataclass
class Ranking:
    year: int
    block: str
    units: list[UnitResult]
    separations: list[Separation]
    decisions: list[TitleDecision]
    title_order: list[str]

    @property
    def provisional(self) -> bool:
        return any(r.provisional for r in self.units if r.rank is not None)

    @property
    def ranked(self) -> list[UnitResult]:
        return [r for r in self.units if r.rank is not None]

    def result(self, unit_id: str) -> UnitResult:
        return next(r for r in self.units if r.unit.id == unit_id)
