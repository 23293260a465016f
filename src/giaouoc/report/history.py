"""`giaouoc history`: the block's record over the years as a table, JSON or Markdown."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from giaouoc.history.table import BlockHistory, UnitHistory, YearEntry
from giaouoc.report.common import markdown_text, print_table
from giaouoc.report.terminal import out_block, out_json
from giaouoc.vietnamese import format_number, plain_number


def _cell(entries: list[YearEntry], unit: str, names: dict[str, str]) -> str:
    """One year of one unit: band (short) and titles awarded; "(đề nghị)" for proposals still undecided."""
    if not entries:
        return "—"
    lines = []
    for e in entries:
        if e.errors:
            parts = ["lỗi dữ liệu"]
        else:
            parts = [e.band_short or e.band or ("chưa xếp loại" if e.unscored else "không xếp loại")]
            parts += [names.get(t, t) for t, _ in e.awarded]
            parts += [f"{names.get(t, t)} (đề nghị)" for t in e.pending]
        prefix = "" if e.unit == unit else f"{e.unit.upper()}: "
        lines.append(prefix + "; ".join(parts))
    return "\n".join(lines)


def overview_rows(history: BlockHistory) -> list[list[str]]:
    return [[u.unit.label, *(_cell(u.years[y], u.unit.id, history.titles) for y in history.years)]
            for u in history.units]


def _number(decision: str) -> str:
    """A decision as a narrow table cell shows it: its number ("98/QĐ-CAT"), the whole text elsewhere."""
    found = re.search(r"\bsố\s+(\S+)", decision)
    return found.group(1) if found else decision


def unit_rows(history: BlockHistory, unit: UnitHistory, short: bool = False) -> list[list[str]]:
    names = history.titles
    rows = []
    for year in history.years:
        for e in unit.years[year] or [YearEntry("")]:
            if not e.unit:
                rows.append([history.heading(year), "", "", "chưa có đơn vị", "", "", "", ""])
                continue
            rows.append([
                history.heading(year), str(e.rank or ""), format_number(e.total) if e.total is not None else "",
                "lỗi dữ liệu" if e.errors else e.band or "",
                "; ".join(names.get(t, t) for t in e.proposed),
                "; ".join(f"{names.get(t, t)} ({_number(d) if short else d})" for t, d in e.awarded),
                "; ".join(names.get(t, t) for t in e.refused),
                "" if e.unit == unit.unit.id else e.unit.upper(),
            ])
    return rows


UNIT_HEADERS = ["Năm", "Hạng", "Tổng", "Xếp loại", "Đề nghị", "Được khen (quyết định)", "Không được khen", "Qua"]


def as_dict(history: BlockHistory) -> dict[str, Any]:
    def year(entries: list[YearEntry]) -> dict[str, Any] | None:
        if not entries:
            return None
        first = entries[0]
        return {
            "band": first.band if len({e.band for e in entries}) == 1 else None,
            "band_short": first.band_short if len({e.band for e in entries}) == 1 else None,
            "rank": first.rank if len(entries) == 1 else None,
            "total": plain_number(first.total) if len(entries) == 1 and first.total is not None else None,
            "proposed": sorted({t for e in entries for t in e.proposed}),
            "awarded": [{"title": t, "decision": d, "unit": e.unit} for e in entries for t, d in e.awarded],
            "refused": sorted({t for e in entries for t in e.refused}),
            "through": [e.unit for e in entries],
        }

    return {
        "years": history.years,
        "provisional": sorted(history.provisional),  # years whose results may still move ("tạm tính")
        "units": [{"id": u.unit.id, "name": u.unit.name,
                   "years": {str(y): year(u.years[y]) for y in history.years}} for u in history.units],
    }


def show(history: BlockHistory, unit: UnitHistory | None, fmt: str) -> None:
    FORMATS[fmt](history, unit)


def _table(history: BlockHistory, unit: UnitHistory | None) -> None:
    if unit is None:
        columns = [("Đơn vị", False), *((history.heading(y), False) for y in history.years)]
        print_table("Kết quả qua các năm", columns, overview_rows(history))
    else:
        columns = [(h, i in (0, 1, 2)) for i, h in enumerate(UNIT_HEADERS)]
        rows = unit_rows(history, unit, short=True)
        for row in rows:  # the narrow year column: a star, said in full under the table
            row[0] = row[0].replace(" (tạm tính)", "*")
        marked = sorted(history.provisional & set(history.years))
        notes = [f"* Năm {', '.join(map(str, marked))}: kết quả tạm tính (còn điểm tự chấm chưa thống nhất hoặc "
                 "đơn vị chưa xếp hạng)."] if marked else []
        print_table(f"{unit.unit.label} — {unit.unit.name} qua các năm", columns, rows, after=notes)


def _json(history: BlockHistory, unit: UnitHistory | None) -> None:
    document = as_dict(history)
    if unit is not None:
        document["units"] = [u for u in document["units"] if u["id"] == unit.unit.id]
    out_json(document)


def _markdown(history: BlockHistory, unit: UnitHistory | None) -> None:
    if unit is None:
        headers, rows = ["Đơn vị", *map(history.heading, history.years)], overview_rows(history)
    else:
        headers, rows = UNIT_HEADERS, unit_rows(history, unit)
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join("<br>".join(map(markdown_text, c.split("\n"))) for c in row) + " |" for row in rows]
    out_block("\n".join(lines))


FORMATS: dict[str, Callable[[BlockHistory, UnitHistory | None], None]] = {
    "table": _table, "json": _json, "markdown": _markdown,
}
