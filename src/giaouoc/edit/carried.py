"""What `new --from` carries that is bound to last year: the lines the clerk must review, and what follows the
Trưởng khối (the "Lưu:" entry of its unit)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from giaouoc.load.block import read_superseded
from giaouoc.load.folder import YearFiles
from giaouoc.model.legal import Superseded, cites, table
from giaouoc.model.records import Unit
from giaouoc.model.textdates import find_dates
from giaouoc.problems import Report
from giaouoc.rules.yearbound import anniversaries
from giaouoc.vietnamese import short_date

_EXCERPT = 70


def _label_forms(unit: Unit) -> list[str]:
    return [form for form in (unit.short, unit.id.upper(), unit.name) if form]


def leader_follows(source: YearFiles, new_leader: str) -> dict[str, str]:
    """Old Trưởng khối's unit, as an archive entry may name it (folded), -> the new leader's unit, in the same form
    (short name, id in capitals, or full name)."""
    units = {u.id: u for u in source.units or []}
    compact = source.compact
    if compact is None or compact.leader not in units or new_leader not in units or compact.leader == new_leader:
        return {}
    old, new = units[compact.leader], units[new_leader]
    forms = [(old.short, new.short or new.id.upper()), (old.id.upper(), new.id.upper()), (old.name, new.name)]
    return {before.casefold(): after for before, after in forms if before}


def carried_lines(staging: Path, root: Path, folder: Path, source: YearFiles, year: int,
                  moved: set[str]) -> list[str]:
    """Each line of the new year's files that carries last year's dates, anniversaries, legal texts no longer in
    force or the old Trưởng khối, as "file:line: why — «text»"."""
    entries = table(read_superseded(root, Report()))
    end = date(year, 12, 31)
    leader = next((u for u in source.units or [] if source.compact and u.id == source.compact.leader), None)
    old_labels = {f.casefold() for f in _label_forms(leader)} if leader is not None else set()
    shown = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else folder.as_posix()
    found = []
    names = ["compact.yaml", "items.yaml", *sorted(p.relative_to(staging).as_posix()
                                                  for p in (staging / "text").glob("*.md"))]
    for name in names:
        path = staging / name
        if not path.is_file():
            continue
        in_documents = name != "compact.yaml"
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            in_documents = in_documents or line.startswith("documents:")
            if not in_documents or line.lstrip().startswith("#"):
                continue
            reasons = _reasons(line, int(source.name), year, end, entries, old_labels, moved)
            if reasons:
                text = line.strip().removeprefix("- ").strip()
                text = text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"
                found.append(f"{shown}/{name}:{number}: {'; '.join(reasons)} — «{text}»")
    return found


def _reasons(line: str, old: int, year: int, end: date, entries: list[Superseded], old_labels: set[str],
             moved: set[str]) -> list[str]:
    reasons = []
    gone = [e for e in entries if e.replaced_from <= end and cites(line, e)]
    if gone:
        reasons.append("dẫn " + ", ".join(e.label for e in gone) + " — hết hiệu lực từ "
                       + ", ".join(sorted({short_date(e.replaced_from) for e in gone})))
    recent = [d for d, _, _ in find_dates(line) if d.year >= old]
    if recent:
        reasons.append(f"ngày {', '.join(short_date(d) for d in recent)} chép từ năm {old}: đối chiếu ngày năm {year}")
    if re.search(rf"năm\s+{old}(?![0-9])", line) and not recent:
        reasons.append(f"nhắc năm {old}")
    for count, event in anniversaries(line):
        reasons.append(f"kỷ niệm {count} năm {event} (năm {old}): năm {year} là {count + year - old} năm?")
    entry = line.strip().removeprefix("- ").strip().casefold()
    if entry in old_labels:
        reasons.append(f"nơi lưu là đơn vị Trưởng khối năm {old}: sửa theo Trưởng khối năm {year}")
    elif moved and entry in {m.casefold() for m in moved}:
        reasons.append(f"nơi lưu đã đổi theo Trưởng khối năm {year} (năm {old} là đơn vị Trưởng khối cũ)")
    return reasons
