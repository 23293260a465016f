"""The score log (`giaouoc log`): as text grouped by commit, or JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime

from giaouoc.changes.log import Change
from giaouoc.report.terminal import out, out_json
from giaouoc.vietnamese import short_date


def _value(value: str | None, missing: str) -> str:
    return missing if value is None else value


def as_text(changes: list[Change]) -> None:
    if not changes:
        out("Không có thay đổi điểm nào trong lịch sử git.")
        return
    head = None
    for change in changes:
        here = (change.commit, change.date)
        if here != head:
            head = here
            if change.commit:
                out(f"{_when(change.date)}  {change.author}  {change.commit} «{change.subject}»")
            else:
                out("Chưa ghi vào git (thay đổi trong thư mục làm việc):")
        out(f"  {change.file} — {change.value}: {_value(change.old, '(chưa có)')} → {_value(change.new, '(đã xóa)')}")


def _when(iso: str) -> str:
    """A commit's date as people read it: "27/11/2026 10:05" (git gives ISO 8601)."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{short_date(moment.date())} {moment:%H:%M}"


def as_json(changes: list[Change]) -> None:
    out_json([asdict(c) for c in changes])


FORMATS: dict[str, Callable[[list[Change]], None]] = {"text": as_text, "json": as_json}
