"""A year's changes in plain Vietnamese text, or as Markdown for a merge request."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from giaouoc.changes.compare import FieldChange, RankChange, Side, YearDiff
from giaouoc.report.common import markdown_text
from giaouoc.report.terminal import out_block
from giaouoc.vietnamese import format_number
from giaouoc.visible import visible

NONE = "—"


def _value(value: Decimal | str | int | None) -> str:
    if value is None:
        return NONE
    if isinstance(value, Decimal):
        return format_number(value)
    return str(value)


def _arrow(before: object, after: object) -> str:
    return _value(before) if before == after else f"{_value(before)} → {_value(after)}"  # type: ignore[arg-type]


def _titles(change: RankChange, names: dict[str, str]) -> str:
    (old, new), (old_u, new_u) = change.titles, change.undecided
    parts = [f"+ {names.get(t, t)}" for t in new if t not in old]
    parts += [f"− {names.get(t, t)}" for t in old if t not in new]
    parts += [f"chờ quyết định: {names.get(t, t)}" for t in new_u if t not in old_u]
    parts += [f"hết chờ: {names.get(t, t)}" for t in old_u if t not in new_u]
    return "; ".join(parts)


def _side_problems(side: Side) -> list[str]:
    if side.files is None:
        return [f"Năm này chưa có ở {side.label}."]
    if not side.report.errors:
        return []
    lines = [f"Dữ liệu ở {side.label} có {len(side.report.errors)} lỗi (chưa so sánh được xếp hạng):"]
    return lines + [f"  {p.as_text()}" for p in side.report.sorted() if p.severity == "error"]


def heading(diff: YearDiff, year: str) -> str:
    return f"Thay đổi năm {year}: {diff.before.label} → {diff.after.label}"


def as_text(diff: YearDiff, year: str) -> str:
    lines = [heading(diff, year)]
    for side in (diff.before, diff.after):
        lines += _side_problems(side)
    if not diff.fields and not diff.ranks:
        lines.append("Không có thay đổi về điểm, phiếu bầu hay kết quả.")
        return "\n".join(map(visible, lines))  # a line of data stays one line
    if diff.fields:
        lines.append("")
        lines.append("Dữ liệu thay đổi:")
        lines += [f"  {_unit(c, diff)}: {c.what}: {_arrow(c.before, c.after)}" for c in diff.fields]
    if diff.ranks:
        lines.append("")
        lines.append("Ảnh hưởng đến kết quả:")
        for change in diff.ranks:
            parts = [f"hạng {_arrow(*change.rank)}", f"tổng {_arrow(*change.total)}"]
            if change.band[0] != change.band[1]:
                parts.append(f"xếp loại {_arrow(*change.band)}")
            titles = _titles(change, diff.titles)
            if titles:
                parts.append(f"danh hiệu: {titles}")
            lines.append(f"  {diff.labels.get(change.unit, change.unit)}: " + "; ".join(parts))
    return "\n".join(map(visible, lines))  # a line of data stays one line


def _unit(change: FieldChange, diff: YearDiff) -> str:
    return diff.labels.get(change.unit, change.unit)


def as_markdown(diff: YearDiff, year: str) -> str:
    lines = [f"### {heading(diff, year)}", ""]
    for side in (diff.before, diff.after):
        problems = _side_problems(side)
        if problems:
            lines += [f"**{markdown_text(problems[0])}**", ""] + [f"- {markdown_text(p.strip())}" for p in problems[1:]]
            lines.append("")
    if not diff.fields and not diff.ranks:
        lines.append("Không có thay đổi về điểm, phiếu bầu hay kết quả.")
        return "\n".join(lines) + "\n"
    if diff.fields:
        lines += ["#### Dữ liệu thay đổi", "", "| Đơn vị | Mục | Trước | Sau |", "|---|---|---:|---:|"]
        lines += [f"| {markdown_text(_unit(c, diff))} | {markdown_text(c.what)} | {markdown_text(_value(c.before))} | "
                  f"{markdown_text(_value(c.after))} |"
                  for c in diff.fields]
        lines.append("")
    if diff.ranks:
        lines += ["#### Ảnh hưởng đến xếp hạng và danh hiệu", "",
                  "| Đơn vị | Hạng | Tổng điểm | Xếp loại | Danh hiệu |", "|---|---|---|---|---|"]
        for change in diff.ranks:
            band = _arrow(*change.band) if change.band[0] != change.band[1] else ""
            lines.append(f"| {markdown_text(diff.labels.get(change.unit, change.unit))} | {_arrow(*change.rank)} | "
                         f"{_arrow(*change.total)} | {band} | {markdown_text(_titles(change, diff.titles))} |")
        lines.append("")
    return "\n".join(lines)


def _print_text(diff: YearDiff) -> None:
    out_block(as_text(diff, diff.name))


def _print_markdown(diff: YearDiff) -> None:
    out_block(as_markdown(diff, diff.name).rstrip("\n"))


FORMATS: dict[str, Callable[[YearDiff], None]] = {"text": _print_text, "markdown": _print_markdown}
