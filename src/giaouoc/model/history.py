"""What earlier years recorded, as plain data for ranking (built by history/records.py; docs/lich-su.md)."""

from __future__ import annotations

from dataclasses import dataclass, field


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
