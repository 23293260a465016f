"""`giaouoc status`: a year's progress (`pipeline.progress`) as a terminal table or JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from giaouoc.pipeline.progress import YearStatus
from giaouoc.report.common import print_table
from giaouoc.report.grading import grading_json, grading_lines
from giaouoc.report.meeting import meeting_dict, meeting_line
from giaouoc.report.terminal import out_json
from giaouoc.vietnamese import format_number, plain_number, short_date


def as_dict(state: YearStatus) -> dict[str, Any]:
    """The JSON document of `status --format json`."""
    return {
        "year": int(state.name) if state.name.isdigit() else state.name,
        "items": state.items,
        "leader": state.leader,
        "deputy": state.deputy,
        "scoring_complete": state.scoring_complete,
        "units": [
            {"id": u.unit.id, "name": u.unit.name, "has_file": u.has_file, "self_scores": u.self_scores,
             "block_scores": u.block_scores, "missing": u.missing, "bonus": plain_number(u.bonus),
             "penalties": plain_number(u.penalties),
             "excluded": u.excluded,
             "proposals": [{"kind": kind, "points": plain_number(e.points), "reason": e.reason, "ref": e.ref}
                           for kind, e in u.proposals]}
            for u in state.units
        ],
        "review": state.review,
        "ballot": state.ballot_titles,
        "meeting": meeting_dict(state.ranking),
        "documents": {doc: (reason is None) for doc, reason in state.documents.items()},
        "final": state.ranking.final if state.ranking else None,
        "pending": {r.unit.id: r.pending for r in state.ranking.units if r.pending} if state.ranking else {},
        "errors": state.errors,
        "warnings": state.warnings,
        "closed": state.closed.isoformat() if state.closed else None,
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
        f"Khóa sổ: đã khóa ngày {short_date(state.closed)}; muốn sửa dữ liệu phải «giaouoc reopen {state.name}»."
        if state.closed else "Khóa sổ: chưa khóa.",
        *grading_lines(state),
    ]
    ready = [d for d, why in state.documents.items() if why is None]
    waiting = [f"{d} ({why})" for d, why in state.documents.items() if why is not None]
    lines.append("Văn bản lập được: " + (", ".join(ready) if ready else "chưa có") + "."
                 + (" Chưa lập được: " + "; ".join(waiting) + "." if waiting else ""))
    lines += proposal_lines(state)
    if state.errors or state.warnings:
        lines.append(f"Dữ liệu còn {state.errors} lỗi, {state.warnings} cảnh báo: xem «giaouoc validate {state.name}».")
    print_table(f"Tiến độ năm {state.name} ({state.items} nội dung)", columns, rows, after=lines)


PROPOSAL_KINDS = {"bonus": "đề nghị thưởng", "penalty": "tự nhận trừ"}


def proposal_lines(state: YearStatus) -> list[str]:
    """The units' bonus and penalty proposals the Khối has still to accept (moved into bonus/penalties) or drop."""
    found = [f"  {u.unit.label}: {PROPOSAL_KINDS[kind]} {format_number(e.points)} điểm «{e.reason}»"
             + (f" ({e.ref})" if e.ref else "") for u in state.units for kind, e in u.proposals]
    if not found:
        return []
    return [f"Đề nghị của đơn vị chờ Khối xem xét ({len(found)}, chưa tính điểm; chấp nhận: chuyển sang «bonus» hoặc "
            "«penalties» của tệp điểm; không chấp nhận: xóa):", *found]


def _review_line(state: YearStatus) -> str:
    if not state.review:
        return "Hội nghị bình xét: chưa ghi (review.yaml)."
    meeting = meeting_line(state.ranking)
    if not state.ballot_titles:
        return "Hội nghị bình xét: đã ghi review.yaml; chưa có kết quả bỏ phiếu." + meeting
    return f"Hội nghị bình xét: đã ghi review.yaml; bỏ phiếu cho: {', '.join(state.ballot_titles)}." + meeting


def print_json(state: YearStatus) -> None:
    out_json(as_dict(state))


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
