"""`giaouoc export`: the ranking, every score and every bonus and penalty in one workbook."""

from __future__ import annotations

import io
from typing import Any

from giaouoc.model.results import Ranking
from giaouoc.model.year import Year
from giaouoc.sheets.style import fit_columns, header_row, number, points_cells, put, title_rows

PROVISIONAL = ("KẾT QUẢ TẠM TÍNH: còn nội dung chưa có điểm Khối thống nhất hoặc đề nghị điểm thưởng, điểm trừ "
               "của đơn vị chờ Khối xem xét (đánh dấu ở cột «Tạm tính»).")
ENTRY_KINDS = [("bonus", "Thưởng"), ("penalties", "Trừ"), ("proposed_bonus", "Thưởng (đơn vị đề nghị, chưa tính)"),
               ("proposed_penalties", "Trừ (đơn vị tự nhận, chưa tính)")]


def _titles(year: Year) -> list[str]:
    compact = year.compact
    return [f"Kết quả thi đua năm {compact.year} — {compact.block.name}",
            f"Phong trào thi đua “{compact.movement}” — {compact.authority}"]


def export_workbook(year: Year, ranking: Ranking) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    _results(workbook.active, year, ranking)
    _details(workbook.create_sheet("Chi tiết"), year)
    _entries(workbook.create_sheet("Thưởng - trừ"), year)
    workbook.properties.creator = "giaouoc"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _results(sheet: Any, year: Year, ranking: Ranking) -> None:
    sheet.title = "Kết quả"
    names = year.compact.title_names
    lines = _titles(year) + ([PROVISIONAL] if ranking.provisional else [])
    start = title_rows(sheet, lines)
    items = [i.id for i in year.items]
    headers = ["Hạng", "Mã", "Đơn vị", *(f"ND {i}" for i in items), "Điểm nội dung", "Điểm thưởng", "Điểm trừ",
               "Tổng điểm", "Xếp loại", "Danh hiệu đề nghị", "Chờ quyết định", "Tạm tính", "Không xếp hạng"]
    header_row(sheet, start, headers)
    for offset, r in enumerate(ranking.units, start=1):
        row = [r.rank, r.unit.id, r.unit.name, *(number(r.items[i]) for i in items), number(r.subtotal),
               number(r.bonus), number(r.penalty), number(r.total), r.band,
               "; ".join(names[t] for t in r.titles), "; ".join(names[t] for t in r.undecided),
               "tạm tính" if r.provisional else None, r.not_ranked]
        for column, value in enumerate(row, start=1):
            put(sheet, start + offset, column, value)
    points_cells(sheet, start + 1, list(range(4, 4 + len(items) + 4)))
    fit_columns(sheet, start)


def _details(sheet: Any, year: Year) -> None:
    start = title_rows(sheet, _titles(year))
    header_row(sheet, start, ["Mã", "Đơn vị", "Nội dung", "Tên nội dung", "Điểm chuẩn", "Tự chấm", "Khối chấm",
                              "Ghi chú"])
    row = start
    for unit in year.units:
        scores = year.scores.get(unit.id)
        for item in year.items:
            score = scores.scores.get(item.id) if scores else None
            row += 1
            values = [unit.id, unit.name, item.id, item.title, number(item.max),
                      number(score.self_score) if score else None, number(score.block) if score else None,
                      score.note if score else None]
            for column, value in enumerate(values, start=1):
                put(sheet, row, column, value)
    points_cells(sheet, start + 1, [5, 6, 7])
    fit_columns(sheet, start)


def _entries(sheet: Any, year: Year) -> None:
    start = title_rows(sheet, _titles(year))
    header_row(sheet, start, ["Mã", "Đơn vị", "Loại", "Điểm", "Lý do", "Căn cứ"])
    row = start
    for unit in year.units:
        scores = year.scores.get(unit.id)
        if scores is None:
            continue
        for key, kind in ENTRY_KINDS:
            for entry in getattr(scores, key):
                row += 1
                values = [unit.id, unit.name, kind, number(entry.points), entry.reason, entry.ref]
                for column, value in enumerate(values, start=1):
                    put(sheet, row, column, value)
    points_cells(sheet, start + 1, [4])
    fit_columns(sheet, start)
