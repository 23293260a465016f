"""The ranking as JSON, CSV, Markdown and a terminal table."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from giaouoc.model.results import Ranking
from giaouoc.model.year import Year
from giaouoc.report.common import markdown_text, print_table
from giaouoc.report.criteria import points_json
from giaouoc.report.terminal import json_text, out_block
from giaouoc.vietnamese import format_number as num
from giaouoc.vietnamese import machine_number, plain_number
from giaouoc.visible import visible


def as_json(ranking: Ranking) -> str:
    units: list[dict[str, Any]] = [
        {
            "rank": r.rank,
            "id": r.unit.id,
            "name": r.unit.name,
            "subtotal": plain_number(r.subtotal),
            "bonus": plain_number(r.bonus),
            "penalty": plain_number(r.penalty),
            "total": plain_number(r.total),
            "band": r.band,
            "provisional": r.provisional,
            "titles": r.titles,
            "undecided": r.undecided,
            "pending": r.pending,
            "not_ranked": r.not_ranked,
            **points_json(r.points),
        }
        for r in ranking.units
    ]
    document = {"year": ranking.year, "block": ranking.block, "provisional": ranking.provisional,
                "final": ranking.final, "units": units}
    return json_text(document)


def explanation_json(ranking: Ranking, year: Year, unit_id: str | None = None) -> dict[str, object]:
    """`rank --explain --format json`: each unit's standing and its explanation, one sentence a line."""
    from giaouoc.rank.explain import explained

    units = [{"id": r.unit.id, "name": r.unit.name, "rank": r.rank, "total": plain_number(r.total), "band": r.band,
              "titles": r.titles, "pending": r.pending, "explanation": [line.strip() for line in lines if line.strip()]}
             for r, lines in explained(ranking, year, unit_id)]
    return {"year": ranking.year, "block": ranking.block, "final": ranking.final, "units": units}


def _title_names(ids: list[str], year: Year) -> str:
    names = year.compact.title_names
    return "; ".join(names[i] for i in ids)


def pending_titles(pending: dict[str, str], year: Year) -> str:
    """Undecided titles with their reasons: "Cờ thi đua (chờ: chưa có kết quả bỏ phiếu)"."""
    return "; ".join(f"{year.compact.title_name(t)} (chờ: {reason})" for t, reason in pending.items())


# A formula may start a field after any separator a spreadsheet may split on (Vietnamese Excel splits on «;»,
# others on «,» or tab, whatever the file was written with): a formula start there gets the OWASP quote too.
_FORMULA_START = re.compile(r"(^|[,;\t\r\n])([=+\-@\t\r])")


def csv_text(value: str) -> str:
    """Text that a spreadsheet opening the CSV never takes for a formula, whichever separator it splits on."""
    return _FORMULA_START.sub(r"\1'\2", visible(value))


def as_csv(ranking: Ranking, year: Year) -> str:
    """UTF-8 CSV with a BOM so that Excel shows Vietnamese; machine numbers keep the dot."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    item_ids = [i.id for i in year.items]
    writer.writerow(["Hạng", "Mã đơn vị", "Tên đơn vị", *(f"Nội dung {i}" for i in item_ids), "Điểm nội dung",
                     "Điểm thưởng", "Điểm trừ", "Tổng điểm", "Xếp loại", "Danh hiệu đề nghị", "Chờ quyết định",
                     "Tạm tính", "Không xếp hạng"])
    for r in ranking.units:
        text = [r.unit.name, r.band or "", _title_names(r.titles, year), pending_titles(r.pending, year)]
        writer.writerow([
            r.rank or "", csv_text(r.unit.id), *(csv_text(x) for x in text[:1]),
            *("" if r.items[i] is None else _plain(r.items[i]) for i in item_ids),
            _plain(r.subtotal), _plain(r.bonus), _plain(r.penalty), _plain(r.total),
            *(csv_text(x) for x in text[1:]), "có" if r.provisional else "", csv_text(r.not_ranked or ""),
        ])
    return "\ufeff" + buffer.getvalue()


def _plain(value: Decimal | None) -> str:
    return "" if value is None else machine_number(value)


def rows(ranking: Ranking, year: Year) -> list[list[str]]:
    """One row per unit as people read it: rank, unit, points with the decimal comma, band, titles."""
    table = []
    for r in ranking.units:
        titles = _title_names(r.titles, year)
        if r.pending:
            titles = "; ".join(x for x in (titles, pending_titles(r.pending, year)) if x)
        band = r.band or ""
        if r.rank is None:
            band = f"không xếp hạng: {r.not_ranked}"
        mark = "*" if r.provisional else ""
        table.append([str(r.rank) if r.rank else "—", r.unit.label, num(r.subtotal), num(r.bonus),
                      num(r.penalty), num(r.total) + mark, band, titles])
    return table


HEADERS = ["Hạng", "Đơn vị", "Điểm ND", "Thưởng", "Trừ", "Tổng", "Xếp loại", "Danh hiệu đề nghị"]


def heading(ranking: Ranking) -> str:
    return f"Kết quả xếp hạng năm {ranking.year} — {ranking.block}"


PROVISIONAL_NOTE = ("KẾT QUẢ TẠM TÍNH: dấu * là đơn vị còn nội dung chưa có điểm Khối thống nhất hoặc còn "
                    "đề nghị điểm thưởng, điểm trừ chờ Khối xem xét.")


def notes(ranking: Ranking) -> list[str]:
    """What a reader must know before taking the table as the year's result."""
    found = [PROVISIONAL_NOTE] if ranking.provisional else []
    if not ranking.final:
        why = []
        waiting = [r for r in ranking.units if r.pending]
        if waiting:
            why.append(f"{len(waiting)} đơn vị còn chờ quyết định danh hiệu (ghi «chờ: …»)")
        unscored = [r for r in ranking.units if r.rank is None and not r.excluded]
        if unscored:
            why.append(f"{len(unscored)} đơn vị chưa đủ điểm để xếp hạng")
        if any(r.self_counted for r in ranking.units if r.rank is not None):
            why.append("còn điểm tự chấm chưa được Khối thống nhất")
        proposing = [r.unit.label for r in ranking.units if r.proposals and r.rank is not None]
        if proposing:
            why.append(f"đề nghị điểm thưởng, điểm trừ của {', '.join(proposing)} chờ Khối xem xét "
                       "(«giaouoc status»)")
        found.append("KẾT QUẢ CHƯA CUỐI CÙNG: " + "; ".join(why) + ".")
    return found


def as_markdown(ranking: Ranking, year: Year) -> str:
    lines = [f"## {heading(ranking)}", ""]
    for note in notes(ranking):
        lines += [f"**{note}**", ""]
    lines.append("| " + " | ".join(HEADERS) + " |")
    lines.append("|" + "|".join(["---:", "---", "---:", "---:", "---:", "---:", "---", "---"]) + "|")
    for row in rows(ranking, year):
        lines.append("| " + " | ".join(markdown_text(cell) for cell in row) + " |")
    return "\n".join(lines) + "\n"


def print_ranking(ranking: Ranking, year: Year) -> None:
    columns = [(header, index in (0, 2, 3, 4, 5)) for index, header in enumerate([*HEADERS[:-1], "Danh hiệu"])]
    print_table(heading(ranking), columns, rows(ranking, year), before=notes(ranking))


def _print_json(ranking: Ranking, year: Year) -> None:
    out_block(as_json(ranking))


def _print_csv(ranking: Ranking, year: Year) -> None:
    sys.stdout.write(as_csv(ranking, year))


def _print_markdown(ranking: Ranking, year: Year) -> None:
    out_block(as_markdown(ranking, year).rstrip("\n"))


FORMATS: dict[str, Callable[[Ranking, Year], None]] = {
    "table": print_ranking, "json": _print_json, "csv": _print_csv, "markdown": _print_markdown,
}
