"""The files across years (decisions.yaml, history.yaml, closed.yaml) and what earlier years recorded, as plain
data for ranking (built by history/records.py; docs/lich-su.md). Imported only when a block keeps history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from giaouoc.model.fields import (
    ID,
    TEXT,
    Invalid,
    identifier,
    iso_date,
    list_of,
    map_of,
    nullable_text,
    record,
    spec,
    text,
    value,
    whole,
)


@dataclass(frozen=True)
class YearRecord:
    """One earlier year: who existed, and the band and title records that are known."""

    year: int
    units: frozenset[str]  # the units that existed that year
    errors: bool = False  # the year's files have errors: no record can be read
    bands: dict[str, str | None] = field(default_factory=dict)  # unit -> band (None: no band); absent: missing
    awarded: dict[str, frozenset[str]] = field(default_factory=dict)  # unit -> titles, where every title is known
    decided: dict[str, frozenset[str]] = field(default_factory=dict)  # title with a decision -> units awarded
    titles: frozenset[str] | None = None  # a folder year's titles; None for a year known from history.yaml only

    def award(self, unit: str, title: str) -> bool | None:
        """Whether the unit was awarded the title that year; None when the record is missing."""
        if unit in self.awarded:
            return title in self.awarded[unit]
        if self.titles is not None:
            if title not in self.titles:
                return False
            if title in self.decided:
                return unit in self.decided[title]
        return None


@dataclass(frozen=True)
class Past:
    """Every earlier year known, and the lineage of units (`formerly`, over all years)."""

    years: dict[int, YearRecord] = field(default_factory=dict)
    formerly: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def predecessors(self, unit: str, year: int) -> list[str] | None:
        """Who the unit was in `year`: itself if it existed, else through `formerly`; None when the year is unknown."""
        record = self.years.get(year)
        if record is None:
            return None
        found: list[str] = []
        seen: set[str] = set()

        def walk(current: str) -> None:
            if current in seen:
                return
            seen.add(current)
            if current in record.units:
                found.append(current)
                return
            for former in self.formerly.get(current, ()):
                walk(former)

        walk(unit)
        return sorted(found)


@dataclass(kw_only=True, eq=False)
class Decision:
    """One award decision of the authority and the titles it awards."""

    number: str = spec(TEXT)
    date: date = spec(value(iso_date))
    issuer: str | None = spec(TEXT, None)
    awards: dict[str, list[str]] = spec(map_of(identifier, list_of(ID)), factory=dict)


@dataclass(kw_only=True, eq=False)
class DecisionsFile:
    """decisions.yaml: the award decisions of a year."""

    decisions: list[Decision] = spec(list_of(record(Decision)), factory=list)
    bands: dict[str, str] = spec(map_of(identifier, TEXT), factory=dict)


@dataclass(kw_only=True, eq=False)
class PastUnit:
    """A unit's result in a year kept before giaouoc."""

    band: str | None = spec(value(nullable_text))  # required; null: no band recorded
    titles: list[str] = spec(list_of(ID), factory=list)


@dataclass(kw_only=True, eq=False)
class PastYear:
    """A year kept before giaouoc: its source and each unit's result."""

    source: str = spec(TEXT)
    units: dict[str, PastUnit] = spec(map_of(identifier, record(PastUnit)), factory=dict)


def history_year(value: Any) -> int:
    """A year of history.yaml: four digits (`2021`); `0`, `-5` or `10**30` are no years."""
    year = whole(value)
    if not 1000 <= year <= 9999:
        raise Invalid("history-year", f"«{year}» không phải một năm (cần năm bốn chữ số, như 2021)")
    return year


@dataclass(kw_only=True, eq=False)
class HistoryFile:
    """compacts/history.yaml: results of years before giaouoc."""

    titles: dict[str, str] = spec(map_of(identifier, TEXT), factory=dict)
    years: dict[int, PastYear] = spec(map_of(history_year, record(PastYear)), factory=dict)


@dataclass(kw_only=True, eq=False)
class LogEntry:
    """One closing or reopening of a year."""

    closed: date | None = spec(value(iso_date), None)
    reopened: date | None = spec(value(iso_date), None)
    reason: str | None = spec(TEXT, None)


@dataclass(kw_only=True, eq=False)
class Closed:
    """closed.yaml: the seal of a closed year and its log."""

    closed: date | None = spec(value(iso_date), None)
    files: dict[str, str] = spec(map_of(text, TEXT), factory=dict)
    log: list[LogEntry] = spec(list_of(record(LogEntry)), factory=list)
