"""`giaouoc history`: each unit's record year by year, read through its predecessors (docs/lich-su.md §6)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from giaouoc.history.records import Chronicle
from giaouoc.model.records import Unit


@dataclass
class YearEntry:
    """What one unit (or one predecessor) recorded in one year."""

    unit: str  # the id the record is under (the unit itself, or a predecessor)
    rank: int | None = None
    total: Decimal | None = None
    band: str | None = None
    band_short: str | None = None
    proposed: list[str] = field(default_factory=list)  # title ids the block proposed
    awarded: list[tuple[str, str]] = field(default_factory=list)  # (title id, decision number or source)
    refused: list[str] = field(default_factory=list)  # proposed, decided, not awarded
    pending: list[str] = field(default_factory=list)  # proposed, no decision yet
    errors: bool = False  # the year's files have errors
    unscored: bool = False  # not ranked for missing scores: no total, no band yet


@dataclass
class UnitHistory:
    unit: Unit
    years: dict[int, list[YearEntry]]  # one entry per predecessor it was read through; empty: did not exist


@dataclass
class BlockHistory:
    years: list[int]
    units: list[UnitHistory]
    titles: dict[str, str]  # id -> name, over every year
    provisional: set[int] = field(default_factory=set)  # folder years whose ranking is not complete yet

    def heading(self, year: int) -> str:
        """A year as a column or row heading: "2023", or "2023 (tạm tính)" while its results may still move."""
        return f"{year} (tạm tính)" if year in self.provisional else str(year)


def block_history(story: Chronicle) -> BlockHistory:
    files = story.block.files
    years = files.all_years()
    latest = max(files.years) if files.years else None
    units = list(files.years[latest].units or []) if latest is not None else []
    titles: dict[str, str] = dict(files.history.titles) if files.history else {}
    for year in sorted(files.years):
        compact = files.years[year].compact
        titles.update(compact.title_names if compact else {})
    history = BlockHistory(years, [], titles, {y for y, r in story.rankings.items() if (
        r.provisional or any(u.rank is None and not u.excluded for u in r.units))})
    past = story.past_for(-1)
    for unit in units:
        entries: dict[int, list[YearEntry]] = {}
        for year in years:
            through = past.predecessors(unit.id, year) or []
            entries[year] = [_entry(story, year, p) for p in through]
        history.units.append(UnitHistory(unit, entries))
    return history


def _entry(story: Chronicle, year: int, unit: str) -> YearEntry:
    files = story.block.files
    entry = YearEntry(unit)
    past = files.history.years.get(year) if files.history else None
    if past is not None and unit in past.units:
        record = past.units[unit]
        entry.band = record.band
        entry.awarded = [(t, past.source) for t in record.titles]
    elif year in files.years:
        _from_folder(story, year, unit, entry)
    entry.band_short = _short(story, year, entry.band)
    return entry


def _from_folder(story: Chronicle, year: int, unit: str, entry: YearEntry) -> None:
    ranking = story.rankings.get(year)
    if ranking is None:
        entry.errors = True
        return
    result = ranking.result(unit)
    entry.rank, entry.total, entry.band, entry.proposed = result.rank, result.total, result.band, list(result.titles)
    if result.not_ranked is not None and not result.excluded:  # missing scores: no total, not a partial sum
        entry.total, entry.unscored = None, True
    decisions = story.block.files.years[year].decisions
    decided: set[str] = set()
    for decision in decisions.decisions if decisions else []:
        for title, units in decision.awards.items():
            decided.add(title)
            if unit in units:
                entry.awarded.append((title, decision.number))
    if decisions is not None and unit in decisions.bands:
        entry.band = decisions.bands[unit]
    awarded = {t for t, _ in entry.awarded}
    entry.refused = [t for t in entry.proposed if t in decided and t not in awarded]
    entry.pending = [t for t in entry.proposed if t not in decided]


def _short(story: Chronicle, year: int, band: str | None) -> str | None:
    """The band's short name from that year's compact, else from the latest compact that has it."""
    if band is None:
        return None
    files = story.block.files
    for y in [year, *sorted(files.years, reverse=True)]:
        compact = files.years[y].compact if y in files.years else None
        found = next((b.short for b in compact.scoring.bands if b.name == band and b.short), None) if compact else None
        if found:
            return found
    return None
