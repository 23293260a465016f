from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer

from giaouoc.cli.commands.common import Settings, YearArgument
from giaouoc.cli.terminal import out, rich_console
from giaouoc.load.folder import read_year, year_folder
from giaouoc.problems import Report
from giaouoc.rules.progress import YearStatus, year_status


class StatusFormat(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[StatusFormat, typer.Option("--format", help="Dạng kết quả: table hoặc json.")]


def status(ctx: typer.Context, year: YearArgument, output: FormatOption = StatusFormat.table) -> int:
    """Tiến độ của năm: điểm đã nhập, đã thống nhất, còn thiếu; hội nghị, bỏ phiếu; văn bản lập được."""
    from giaouoc.rules import check_year

    settings: Settings = ctx.obj
    root = settings.root
    report = Report()
    files = read_year(root, year_folder(root, year), report)
    check_year(files, report)
    state = year_status(files, report)
    if output is StatusFormat.json:
        out(json.dumps(as_dict(state), ensure_ascii=False, indent=2))
    else:
        print_status(state)
    return 0


def as_dict(state: YearStatus) -> dict[str, Any]:
    return {
        "year": state.name,
        "items": state.items,
        "leader": state.leader,
        "deputy": state.deputy,
        "scoring_complete": state.scoring_complete,
        "units": [
            {"id": u.unit.id, "name": u.unit.name, "has_file": u.has_file, "self_scores": u.self_scores,
             "block_scores": u.block_scores, "missing": u.missing, "bonus": u.bonus, "penalties": u.penalties,
             "excluded": u.excluded}
            for u in state.units
        ],
        "review": state.review,
        "ballot": state.ballot_titles,
        "documents": {doc: (reason is None) for doc, reason in state.documents.items()},
        "errors": state.errors,
        "warnings": state.warnings,
    }


def print_status(state: YearStatus) -> None:
    from rich import box
    from rich.table import Table

    console: Any = rich_console()
    table = Table(title=f"Tiến độ năm {state.name} ({state.items} nội dung)", title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False)
    for header, justify in (("Đơn vị", "left"), ("Tự chấm", "right"), ("Khối chấm", "right"),
                            ("Còn thiếu", "left"), ("Thưởng", "right"), ("Trừ", "right"), ("Ghi chú", "left")):
        table.add_column(header, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for u in state.units:
        missing = "chưa có tệp điểm" if not u.has_file else ", ".join(map(str, u.missing)) or "—"
        note = f"không xếp hạng: {u.excluded}" if u.excluded else ""
        table.add_row(u.unit.label, f"{u.self_scores}/{state.items}", f"{u.block_scores}/{state.items}",
                      missing, str(u.bonus), str(u.penalties), note)
    console.print(table)
    lines = [
        f"Trưởng khối: {state.leader or 'chưa điền'}; Phó khối: {state.deputy or 'chưa điền'}.",
        "Chấm điểm: đã đủ điểm Khối thống nhất cho mọi đơn vị." if state.scoring_complete
        else "Chấm điểm: chưa xong.",
        _review_line(state),
    ]
    ready = [d for d, why in state.documents.items() if why is None]
    waiting = [f"{d} ({why})" for d, why in state.documents.items() if why is not None]
    lines.append("Văn bản lập được: " + (", ".join(ready) if ready else "chưa có") + "."
                 + (" Chưa lập được: " + "; ".join(waiting) + "." if waiting else ""))
    if state.errors or state.warnings:
        lines.append(f"Dữ liệu còn {state.errors} lỗi, {state.warnings} cảnh báo: xem «giaouoc validate {state.name}».")
    for line in lines:
        console.print(line)


def _review_line(state: YearStatus) -> str:
    if not state.review:
        return "Hội nghị bình xét: chưa ghi (review.yaml)."
    if not state.ballot_titles:
        return "Hội nghị bình xét: đã ghi review.yaml; chưa có kết quả bỏ phiếu."
    return f"Hội nghị bình xét: đã ghi review.yaml; bỏ phiếu cho: {', '.join(state.ballot_titles)}."
