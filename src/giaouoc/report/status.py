"""`giaouoc status`: a year's progress as a terminal table or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from giaouoc.problems import Report
from giaouoc.report.common import print_table
from giaouoc.report.grading import grading_json, grading_lines
from giaouoc.report.terminal import out
from giaouoc.rules.progress import YearStatus, year_status
from giaouoc.vietnamese import format_number, plain_number


def read_status(root: Path, folder: Path) -> YearStatus:
    """Read and check a year folder, however incomplete, say how far it has come and, if valid, rank it."""
    from giaouoc.history.records import past_of
    from giaouoc.load.folder import read_year
    from giaouoc.model.documents import pending_for
    from giaouoc.rank.ranking import rank_year
    from giaouoc.rules import check_year

    report = Report()
    files = read_year(root, folder, report)
    year = check_year(files, report)
    state = year_status(files, report)
    if year is None:
        return state
    ranking = rank_year(year, past_of(root, year))
    documents = dict(state.documents)
    for doc_id, missing in state.documents.items():
        pending = pending_for(doc_id, year, ranking)
        if missing is None and pending:
            shown = "; ".join(pending[:3]) + ("; …" if len(pending) > 3 else "")
            documents[doc_id] = f"chưa có kết quả cuối cùng: {shown}"
    return replace(state, ranking=ranking, documents=documents)


def as_dict(state: YearStatus) -> dict[str, Any]:
    """The JSON document of `status --format json`."""
    return {
        "year": state.name,
        "items": state.items,
        "leader": state.leader,
        "deputy": state.deputy,
        "scoring_complete": state.scoring_complete,
        "units": [
            {"id": u.unit.id, "name": u.unit.name, "has_file": u.has_file, "self_scores": u.self_scores,
             "block_scores": u.block_scores, "missing": u.missing, "bonus": plain_number(u.bonus),
             "penalties": plain_number(u.penalties),
             "excluded": u.excluded}
            for u in state.units
        ],
        "review": state.review,
        "ballot": state.ballot_titles,
        "documents": {doc: (reason is None) for doc, reason in state.documents.items()},
        "final": state.ranking.final if state.ranking else None,
        "pending": {r.unit.id: r.pending for r in state.ranking.units if r.pending} if state.ranking else {},
        "errors": state.errors,
        "warnings": state.warnings,
        **grading_json(state),
    }


def print_status(state: YearStatus) -> None:
    columns = [("Đơn vị", False), ("Tự chấm", True), ("Khối chấm", True), ("Còn thiếu", False), ("Thưởng", True),
               ("Trừ", True), ("Ghi chú", False)]
    rows = []
    for u in state.units:
        missing = "chưa có tệp điểm" if not u.has_file else ", ".join(map(str, u.missing)) or "—"
        note = f"không xếp hạng: {u.excluded}" if u.excluded else ""
        rows.append([u.unit.label, f"{u.self_scores}/{state.items}", f"{u.block_scores}/{state.items}",
                     missing, format_number(u.bonus), format_number(u.penalties), note])
    lines = [
        f"Trưởng khối: {state.leader or 'chưa điền'}; Phó khối: {state.deputy or 'chưa điền'}.",
        "Chấm điểm: đã đủ điểm Khối thống nhất cho mọi đơn vị." if state.scoring_complete
        else "Chấm điểm: chưa xong.",
        _review_line(state),
        *_titles_line(state),
        *grading_lines(state),
    ]
    ready = [d for d, why in state.documents.items() if why is None]
    waiting = [f"{d} ({why})" for d, why in state.documents.items() if why is not None]
    lines.append("Văn bản lập được: " + (", ".join(ready) if ready else "chưa có") + "."
                 + (" Chưa lập được: " + "; ".join(waiting) + "." if waiting else ""))
    if state.errors or state.warnings:
        lines.append(f"Dữ liệu còn {state.errors} lỗi, {state.warnings} cảnh báo: xem «giaouoc validate {state.name}».")
    print_table(f"Tiến độ năm {state.name} ({state.items} nội dung)", columns, rows, after=lines)


def _review_line(state: YearStatus) -> str:
    if not state.review:
        return "Hội nghị bình xét: chưa ghi (review.yaml)."
    if not state.ballot_titles:
        return "Hội nghị bình xét: đã ghi review.yaml; chưa có kết quả bỏ phiếu."
    return f"Hội nghị bình xét: đã ghi review.yaml; bỏ phiếu cho: {', '.join(state.ballot_titles)}."


def print_json(state: YearStatus) -> None:
    out(json.dumps(as_dict(state), ensure_ascii=False, indent=2))


FORMATS: dict[str, Callable[[YearStatus], None]] = {"table": print_status, "json": print_json}


def _titles_line(state: YearStatus) -> list[str]:
    ranking = state.ranking
    if ranking is None:
        return []
    if ranking.final:
        return ["Danh hiệu: kết quả đã cuối cùng, không còn gì chờ quyết định."]
    waiting = [r for r in ranking.units if r.pending]
    reasons = sorted({reason for r in waiting for reason in r.pending.values()})
    line = "Danh hiệu: kết quả chưa cuối cùng"
    if waiting:
        line += f"; {len(waiting)} đơn vị còn chờ quyết định ({'; '.join(reasons)})"
    return [line + "."]
