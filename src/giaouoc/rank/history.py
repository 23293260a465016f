"""Condition 5: a title's conditions over this and earlier years, per year and per predecessor (docs/lich-su.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from giaouoc.model.records import Band, HistoryCondition
from giaouoc.model.results import Condition, State, UnitResult, fold

if TYPE_CHECKING:
    from giaouoc.rank.titles import Decided


def missing_year(year: int) -> str:
    return f"chưa có kết quả năm {year}"


def year_with_errors(year: int) -> str:
    return f"năm {year} còn lỗi dữ liệu"


def band_at_least(band: str | None, wanted: str, bands: list[Band]) -> bool:
    """Whether `band` is `wanted` or a higher band of the year ranked (by name or short name)."""
    def level(name: str | None) -> int | None:
        return next((i for i, b in enumerate(order) if name in (b.name, b.short)), None)

    order = sorted(bands, key=lambda b: b.min, reverse=True)
    have, need = level(band), level(wanted)
    return have is not None and need is not None and have <= need


def history_condition(condition: HistoryCondition, result: UnitResult, state: Decided) -> Condition:
    """Holds when every year covered holds (for every predecessor); fails when one fails; else waits."""
    verdicts = [_year(condition, result, state, year) for year in condition.covered(state.year)]
    states = [v[0] for v in verdicts]
    overall = fold(states)
    reason = next((v[2] for v in verdicts if v[0] == "waits"), None)
    detail = f"{describe(condition, state)}: " + "; ".join(v[1] for v in verdicts)
    return Condition("history", overall, detail, reason if overall == "waits" else None)


def describe(condition: HistoryCondition, state: Decided) -> str:
    span = _span(condition, state.year)
    if condition.band is not None:
        return f"xếp loại từ «{condition.band}» trở lên {span}"
    named = condition.title or condition.without or ""
    name = state.titles[named].name if named in state.titles else named
    return f"{'được' if condition.title else 'không được'} khen «{name}» {span}"


def _span(condition: HistoryCondition, year: int) -> str:
    covered = condition.covered(year)
    if len(covered) == 1:
        return f"năm {covered[0]}"
    return f"{len(covered)} năm liền {covered[0]}–{covered[-1]}"


def _year(condition: HistoryCondition, result: UnitResult, state: Decided, year: int) -> tuple[State, str, str | None]:
    """(state, what was found that year, the waiting reason)."""
    if year == state.year:
        return _this_year(condition, result, state)
    record = state.past.years.get(year) if state.past is not None else None
    predecessors = state.past.predecessors(result.unit.id, year) if state.past is not None else None
    if record is None or predecessors is None:
        return "waits", f"{year}: chưa có kết quả", missing_year(year)
    if not predecessors:
        held: State = "holds" if condition.without is not None else "fails"
        return held, f"{year}: đơn vị chưa có", None
    if record.errors:
        return "waits", f"{year}: còn lỗi dữ liệu", year_with_errors(year)
    found = [(p, *_record(condition, record.bands, record.award, p, state)) for p in predecessors]
    states = [f[1] for f in found]
    overall = fold(states)
    through = ", ".join(f"{p}: {what}" if p == result.unit.id else f"qua {p}: {what}" for p, _, what in found)
    verdict = {"holds": "đạt", "fails": "không đạt", "waits": "chưa có kết quả"}[overall]
    return overall, f"{year} {verdict} ({through})", missing_year(year) if overall == "waits" else None


def _record(condition: HistoryCondition, bands: dict[str, str | None], award: Callable[[str, str], bool | None],
            unit: str, state: Decided) -> tuple[State, str]:
    if condition.band is not None:
        if unit not in bands:
            return "waits", "chưa có xếp loại"
        band = bands[unit]
        held = band_at_least(band, condition.band, state.bands)
        return ("holds" if held else "fails"), band or "không xếp loại"
    named = condition.title or condition.without or ""
    awarded = award(unit, named)
    if awarded is None:
        return "waits", "chưa có quyết định khen thưởng"
    held = awarded if condition.title is not None else not awarded
    return ("holds" if held else "fails"), "được khen" if awarded else "không được khen"


def _this_year(condition: HistoryCondition, result: UnitResult, state: Decided) -> tuple[State, str, str | None]:
    year = state.year
    if condition.band is not None:
        held = band_at_least(result.band, condition.band, state.bands)
        found = f"{year} {'đạt' if held else 'không đạt'} ({result.band or 'không xếp loại'})"
        return ("holds" if held else "fails"), found, None
    named = condition.title or condition.without or ""
    name = state.titles[named].name if named in state.titles else named
    if result.unit.id in state.undecided[named]:
        return "waits", f"{year}: chưa quyết định «{name}»", f"chờ quyết định «{name}»"
    proposed = result.unit.id in state.proposed[named]
    held = proposed if condition.title is not None else not proposed
    found = f"{year} {'đạt' if held else 'không đạt'} ({'được' if proposed else 'không được'} đề nghị)"
    return ("holds" if held else "fails"), found, None
