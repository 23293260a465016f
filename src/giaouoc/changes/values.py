"""The score values of one version of a score file, grade file or targets.yaml, named for people (for `log`)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from giaouoc.load.tree import parse_text
from giaouoc.problems import Report
from giaouoc.vietnamese import format_number

# key -> (value as shown, unit, content, which value in words)
Flat = dict[str, tuple[str, str | None, int | None, str]]
_SIDES = {"self": "tự chấm", "block": "Khối chấm"}


def shown(value: Any) -> str:
    if isinstance(value, bool):
        return "đạt" if value else "không đạt"
    if value is None:
        return "null"
    if isinstance(value, int | Decimal):
        return format_number(value)
    return str(value)


def flatten(name: str, text: str | None, unit: str | None, criteria: dict[str, int]) -> Flat:
    """Named values of one file version; {} for a missing or unreadable one."""
    if text is None:
        return {}
    source = parse_text(text, name, Report())
    data = source.data if source is not None else None
    if not isinstance(data, dict):
        return {}
    path = PurePosixPath(name)
    if name == "targets.yaml":
        return _targets(data, unit, criteria)
    if path.parts[0] == "grades":
        return _grades(data, path.parent.name, path.stem)
    return _scores(data, path.stem)


def _scores(data: dict[Any, Any], unit: str) -> Flat:
    flat: Flat = {}
    scores = data.get("scores")
    for item, entry in (scores.items() if isinstance(scores, dict) else []):
        if not isinstance(entry, dict) or not isinstance(item, int):
            continue
        for side, word in _SIDES.items():
            if side in entry:
                flat[f"{item}/{side}"] = (shown(entry[side]), unit, item, f"nội dung {item}, {word}")
        criteria = entry.get("criteria")
        for cid, values in (criteria.items() if isinstance(criteria, dict) else []):
            for side, word in _SIDES.items():
                if isinstance(values, dict) and side in values:
                    flat[f"{item}/{cid}/{side}"] = (shown(values[side]), unit, item,
                                                    f"nội dung {item}, tiêu chí {cid}, {word}")
    for key, word in (("bonus", "điểm thưởng"), ("penalties", "điểm trừ")):
        entries = data.get(key)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict):
                reason = shown(entry.get("reason", ""))
                flat[f"{key}/{index}"] = (f"{shown(entry.get('points'))} «{reason}»", unit, None, f"{word} {index + 1}")
    if "excluded" in data:
        flat["excluded"] = (shown(data["excluded"]), unit, None, "không xếp hạng (excluded)")
    return flat


def _grades(data: dict[Any, Any], grader: str, unit: str) -> Flat:
    flat: Flat = {}
    scores = data.get("scores")
    who = f"chấm chéo của {grader.upper()}"
    for item, value in (scores.items() if isinstance(scores, dict) else []):
        if not isinstance(item, int):
            continue
        if isinstance(value, dict):
            for cid, given in value.items():
                flat[f"{item}/{cid}"] = (shown(given), unit, item, f"nội dung {item}, tiêu chí {cid}, {who}")
        else:
            flat[str(item)] = (shown(value), unit, item, f"nội dung {item}, {who}")
    return flat


def _targets(data: dict[Any, Any], unit: str | None, criteria: dict[str, int]) -> Flat:
    flat: Flat = {}
    targets = data.get("targets")
    for cid, table in (targets.items() if isinstance(targets, dict) else []):
        for who, value in (table.items() if isinstance(table, dict) else []):
            if unit is None or who == unit:
                flat[f"t/{cid}/{who}"] = (shown(value), str(who), criteria.get(str(cid)),
                                          f"chỉ tiêu {cid} của {str(who).upper()}")
    absent = data.get("not_applicable")
    for cid, units in (absent.items() if isinstance(absent, dict) else []):
        for who in units if isinstance(units, list) else []:
            if unit is None or who == unit:
                flat[f"n/{cid}/{who}"] = ("không áp dụng", str(who), criteria.get(str(cid)),
                                          f"tiêu chí {cid} với {str(who).upper()}")
    return flat
