"""Build what earlier years recorded from every year read: ranked oldest first, each with the years before it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from giaouoc.model.history import Past, PastUnit, YearRecord
from giaouoc.model.results import Ranking
from giaouoc.model.year import Year
from giaouoc.rank.ranking import rank_year
from giaouoc.rules import CheckedBlock


@dataclass
class Chronicle:
    """Every year of the block: each folder year's ranking (with the years before it) and every year's record."""

    block: CheckedBlock
    rankings: dict[int, Ranking] = field(default_factory=dict)
    records: dict[int, YearRecord] = field(default_factory=dict)
    formerly: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def past_for(self, year: int) -> Past:
        return Past({y: r for y, r in self.records.items() if y != year}, self.formerly)


def chronicle(block: CheckedBlock, until: int | None = None) -> Chronicle:
    """Read the years oldest first; a folder year is ranked with what the years before it recorded."""
    files = block.files
    story = Chronicle(block)
    for year_files in files.years.values():
        for unit in year_files.units or []:
            story.formerly[unit.id] = tuple(sorted({*story.formerly.get(unit.id, ()), *unit.formerly}))
    history = files.history
    for year in files.all_years():
        if until is not None and year > until:
            break
        entries = history.years[year].units if history and year in history.years else {}
        checked = block.checked.get(year) if year in files.years else None
        if year not in files.years:
            story.records[year] = _from_history(year, entries)
        elif checked is None:
            units = {u.id for u in files.years[year].units or []} | set(entries)
            story.records[year] = YearRecord(year, frozenset(units), errors=True)
        else:
            ranking = rank_year(checked, story.past_for(year))
            story.rankings[year] = ranking
            story.records[year] = _from_folder(checked, ranking, entries)
    return story


def _from_history(year: int, entries: dict[str, PastUnit]) -> YearRecord:
    return YearRecord(year, frozenset(entries), bands={u: e.band for u, e in entries.items()},
                      awarded={u: frozenset(e.titles) for u, e in entries.items()})


def _from_folder(year: Year, ranking: Ranking, entries: dict[str, PastUnit]) -> YearRecord:
    """Bands: history.yaml, then the decisions' bands, then the ranking when it is complete; titles: decisions."""
    complete = not ranking.provisional and all(r.rank is not None or r.excluded for r in ranking.units)
    bands: dict[str, str | None] = {r.unit.id: r.band for r in ranking.units} if complete else {}
    decided: dict[str, set[str]] = {}
    if year.decisions is not None:
        bands.update(year.decisions.bands)
        for decision in year.decisions.decisions:
            for title, units in decision.awards.items():
                decided.setdefault(title, set()).update(units)
    bands.update({u: e.band for u, e in entries.items()})
    return YearRecord(
        year.compact.year, frozenset({u.id for u in year.units} | set(entries)), bands=bands,
        awarded={u: frozenset(e.titles) for u, e in entries.items()},
        decided={t: frozenset(u) for t, u in decided.items()},
        titles=frozenset(t.id for t in year.compact.titles),
    )


def reads_history(year: Year) -> bool:
    return any(t.history for t in year.compact.titles)


def earlier_years(story: Chronicle, year: Year) -> dict[int, dict[str, tuple[int | None, Decimal | None, str | None]]]:
    """What each unit recorded in the years before `year`: (rank, total, band) per unit id and year; rank and total
    only for year folders whose ranking is complete."""
    found: dict[int, dict[str, tuple[int | None, Decimal | None, str | None]]] = {}
    for number, record in sorted(story.records.items()):
        if number >= year.compact.year or record.errors:
            continue
        ranking = story.rankings.get(number)
        results = {r.unit.id: r for r in ranking.units} if ranking is not None else {}
        found[number] = {
            unit: (results[unit].rank if unit in results else None, results[unit].total if unit in results else None,
                   record.bands.get(unit))
            for unit in sorted(record.units)
        }
    return found
