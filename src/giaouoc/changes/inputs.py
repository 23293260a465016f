"""Changes of inputs per criterion, of grades and of targets between two sides of a year (for `diff`)."""

from __future__ import annotations

from decimal import Decimal

from giaouoc.load.folder import YearFiles
from giaouoc.model.records import Input

Shown = Decimal | str | None
Change = tuple[str, str, Shown, Shown]  # unit, what, before, after
_SIDES = (("self_score", "tự chấm"), ("block", "Khối chấm"))


def _shown(value: Input | None) -> Shown:
    if isinstance(value, bool):
        return "đạt" if value else "không đạt"
    return value


def _criteria(files: YearFiles | None) -> dict[tuple[str, int, str, str], Shown]:
    values: dict[tuple[str, int, str, str], Shown] = {}
    for unit, scores in (files.scores_by_unit() if files else {}).items():
        for item, score in scores.scores.items():
            for cid, entry in (score.criteria.items() if score else []):
                for attr, word in _SIDES:
                    if entry is not None and getattr(entry, attr) is not None:
                        values[(unit, item, cid, word)] = _shown(getattr(entry, attr))
    for grade in (files.grades.values() if files else []):
        for item, given in grade.scores.items():
            pairs = given.items() if isinstance(given, dict) else [("", given)]
            for cid, value in pairs:
                values[(grade.unit, item, cid, f"chấm chéo của {grade.grader.upper()}")] = _shown(value)
    return values


def _targets(files: YearFiles | None) -> dict[tuple[str, str], Shown]:
    targets = files.targets if files else None
    found: dict[tuple[str, str], Shown] = {}
    for cid, table in (targets.targets.items() if targets else []):
        for unit, value in table.items():
            found[(unit, cid)] = "không giao chỉ tiêu cụ thể" if value is None else value
    for cid, units in (targets.not_applicable.items() if targets else []):
        for unit in units:
            found[(unit, cid)] = "không áp dụng"
    return found


def input_changes(before: YearFiles | None, after: YearFiles | None) -> list[Change]:
    """Every changed input per criterion (self, block, each grader's) and every changed target."""
    changes: list[Change] = []
    old, new = _criteria(before), _criteria(after)
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            unit, item, cid, word = key
            where = f"nội dung {item}, tiêu chí {cid}" if cid else f"nội dung {item}"
            changes.append((unit, f"{where}: {word}", old.get(key), new.get(key)))
    old_targets, new_targets = _targets(before), _targets(after)
    for unit, cid in sorted(set(old_targets) | set(new_targets)):
        if old_targets.get((unit, cid)) != new_targets.get((unit, cid)):
            changes.append((unit, f"chỉ tiêu {cid}", old_targets.get((unit, cid)), new_targets.get((unit, cid))))
    return changes
