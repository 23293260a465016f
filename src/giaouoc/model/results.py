"""What a ranking produces: per-unit results and the decisions behind them, as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from giaouoc.model.fields import TieBreak
from giaouoc.model.records import Unit
from giaouoc.model.scoring import UnitPoints


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
    excluded: bool = False  # not ranked because its score file says `excluded`, not for missing scores
    titles: list[str] = field(default_factory=list)  # proposed, in the order the titles were decided
    undecided: list[str] = field(default_factory=list)  # waiting, in the order the titles were decided
    pending: dict[str, str] = field(default_factory=dict)  # undecided title id -> reason (docs/xep-hang.md)
    points: UnitPoints | None = None  # per content and criterion, with sources and disputes (rank/points.py)

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


State = Literal["holds", "fails", "waits"]


@dataclass(frozen=True)
class Condition:
    """One condition of a title for one unit, as decided: it holds, fails or waits (and why it waits)."""

    name: str  # registered, min_total, requires, group, vote_share, max
    state: State
    detail: str  # the sentence `--explain` prints
    reason: str | None = None  # for a waiting condition: the reason printed verbatim (docs/xep-hang.md)

    @property
    def met(self) -> bool:
        return self.state == "holds"


@dataclass(frozen=True)
class TitleDecision:
    title_id: str
    unit_id: str
    outcome: Outcome
    conditions: tuple[Condition, ...]
    reason: str | None = None  # why a unit is undecided
    places_gone: bool = False  # missed only because the places under `max` were taken by units above

    @property
    def failed(self) -> list[Condition]:
        return [c for c in self.conditions if c.state == "fails"]

    @property
    def waiting(self) -> list[Condition]:
        return [c for c in self.conditions if c.state == "waits"]


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
    def final(self) -> bool:
        """Whether the proposals are final: all scores agreed, every unit ranked or excluded, nothing pending."""
        return (not self.provisional and all(r.rank is not None or r.excluded for r in self.units)
                and not any(r.undecided for r in self.units))

    @property
    def ranked(self) -> list[UnitResult]:
        return [r for r in self.units if r.rank is not None]

    def result(self, unit_id: str) -> UnitResult:
        return next(r for r in self.units if r.unit.id == unit_id)
