"""What a ranking produces: per-unit results and the decisions behind them, as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from giaouoc.model.fields import TieBreak
from giaouoc.model.records import Ballot, Unit
from giaouoc.model.scoring import UnitPoints
from giaouoc.model.tally import Tally


@dataclass
class UnitResult:
    """A unit's totals, rank, band and titles in the ranking of a year."""

    unit: Unit
    items: dict[int, Decimal | None]
    subtotal: Decimal
    bonus: Decimal
    bonus_claimed: Decimal
    penalty: Decimal
    provisional: bool
    proposals: int = 0  # the unit's bonus and penalty proposals the Khối has not yet accepted (not counted)
    self_counted: bool = False  # an item counts a self score (provisional for that reason)
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


NO_BALLOT = "chưa có kết quả bỏ phiếu"  # why a vote-share condition waits, and what a document still lacks
State = Literal["holds", "fails", "waits"]
ConditionName = Literal["registered", "min_total", "requires", "group", "vote_share", "history", "max", "round"]


def fold(states: list[State]) -> State:
    """Conditions taken together: one that fails fails them all; else one that waits makes them wait."""
    return "fails" if "fails" in states else "waits" if "waits" in states else "holds"


@dataclass(frozen=True)
class Condition:
    """One condition of a title for one unit, as decided: it holds, fails or waits (and why it waits)."""

    name: ConditionName
    state: State
    detail: str  # the sentence `--explain` prints
    reason: str | None = None  # for a waiting condition: the reason printed verbatim (docs/xep-hang.md)

    @property
    def met(self) -> bool:
        return self.state == "holds"


@dataclass(frozen=True)
class TitleDecision:
    """Whether a unit is proposed for a title, and why."""

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
    """The ranking of a year: every unit's result and the decisions taken."""

    year: int
    block: str
    units: list[UnitResult]
    separations: list[Separation]
    decisions: list[TitleDecision]
    title_order: list[str]
    ballot: Ballot | None = None  # the ballot the titles were decided on, its totals counted when recorded one by one
    tally: Tally | None = None  # the count of the ballots recorded one by one; None when only totals are written
    candidates: dict[str, list[str]] | None = None  # the ballot paper's: title -> units in rank order (meeting.md §1)

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
