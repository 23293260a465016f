"""Build what earlier years recorded from every year read: ranked oldest first, each with the years before it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from giaouoc.load.folder import year_folder
from giaouoc.model.history import Past, PastUnit, YearRecord
from giaouoc.model.results import Ranking
from giaouoc.model.year import Year
from giaouoc.problems import Report
from giaouoc.rank.ranking import rank_year
from giaouoc.rules import Block, load_block, load_year


@dataclass
class Chronicle:
    """Every year of the block: each folder year's ranking (with the years before it) and every year's record."""

    block: Block
    rankings: dict[int, Ranking] = field(default_factory=dict)
    records: dict[int, YearRecord] = field(default_factory=dict)
    formerly: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def past_for(self, year: int) -> Past:
        return Past({y: r for y, r in self.records.items() if y != year}, self.formerly)


def chronicle(block: Block, until: int | None = None) -> Chronicle:
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


def past_of(root: Path, year: Year) -> Past | None:
    """What the years before `year` recorded, read from the data root; None when no title reads history."""
    if not reads_history(year):
        return None
    block, _ = load_block(root)
    return chronicle(block, until=year.compact.year - 1).past_for(year.compact.year)


def reads_history(year: Year) -> bool:
    return any(t.history for t in year.compact.titles)


def load_ranked(root: Path, year_name: str) -> tuple[Year | None, Report, Ranking | None]:
    """Load and check a year and rank it; with history conditions, every year is read and checked once too.

    Errors in the year, in history.yaml or in any year's units.yaml refuse the year (None); an earlier year
    with errors only gives no record, with a warning when a condition reads it.
    """
    folder = year_folder(root, year_name)
    year, report = load_year(root, folder)
    if year is None or not reads_history(year):
        return year, report, rank_year(year) if year is not None else None
    block, block_report = load_block(root)
    number = year.compact.year
    own = block.files.reports.get(number)
    others = [p for p in block_report.problems if own is None or p not in own.problems]
    report.problems.extend(p for p in others if p.severity == "error" and _blocks_the_year(p.file))
    covered = {y for t in year.compact.titles for c in t.history for y in c.covered(number) if y != number}
    for earlier in sorted(covered & set(block.files.years)):
        if block.checked.get(earlier) is None:
            report.add(f"compacts/{earlier}", (1, 1), "year-has-errors",
                       f"năm {earlier} còn lỗi dữ liệu: các điều kiện nhiều năm của năm {number} chờ năm đó "
                       f"(xem «giaouoc validate {earlier}»)")
    if report.errors:
        return None, report, None
    story = chronicle(block, until=number - 1)
    return year, report, rank_year(year, story.past_for(number))


def _blocks_the_year(file: str) -> bool:
    """Problems elsewhere that refuse a year: in history.yaml or in any year's units.yaml."""
    return file.endswith("/history.yaml") or file.endswith("/units.yaml")


def earlier_years(root: Path, year: Year) -> dict[int, dict[str, tuple[int | None, Decimal | None, str | None]]]:
    """What each unit recorded in the years before `year`: (rank, total, band) per unit id and year; rank and total
    only for year folders whose ranking is complete."""
    block, _ = load_block(root)
    story = chronicle(block, until=year.compact.year - 1)
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
