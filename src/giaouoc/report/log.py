"""The score log (`giaouoc log`): as text grouped by commit, or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

from giaouoc.changes.log import Change
from giaouoc.report.terminal import out


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
                out(f"{change.date[:16].replace('T', ' ')}  {change.author}  {change.commit} «{change.subject}»")
            else:
                out("Chưa ghi vào git (thay đổi trong thư mục làm việc):")
        out(f"  {change.file} — {change.value}: {_value(change.old, '(chưa có)')} → {_value(change.new, '(đã xóa)')}")


def as_json(changes: list[Change]) -> None:
    out(json.dumps([asdict(c) for c in changes], ensure_ascii=False, indent=2))


FORMATS: dict[str, Callable[[list[Change]], None]] = {"text": as_text, "json": as_json}
