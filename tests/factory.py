"""Build small compact years in memory for ranking tests."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from giaouoc.load.reader import parse_record
from giaouoc.model.records import Compact, Item, Review, Unit, UnitScores
from giaouoc.model.year import Year

PERSON = {"name": "Nguyễn Văn A"}
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")


def exact(value: Any) -> Any:
    """Floats and numeric strings become the Decimals the loader would have made from YAML text."""
    if isinstance(value, dict):
        return {k: exact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [exact(v) for v in value]
    if isinstance(value, float) or (isinstance(value, str) and _NUMBER.match(value)):
        return Decimal(str(value))
    return value


def make_year(
    units: dict[str, dict[str, Any]],
    items: dict[int, Any] | None = None,
    scoring: dict[str, Any] | None = None,
    titles: list[dict[str, Any]] | None = None,
    ballot: dict[str, Any] | None = None,
) -> Year:
    """units: id -> {name, scores: {item: points or {self, block}}, bonus, penalties, registered, excluded}."""
    items = exact(items or {1: 50, 2: 50})
    units, scoring, titles = exact(units), exact(scoring), exact(titles)
    ids = list(units)
    compact = parse_record(Compact, {
        "year": 2023, "movement": "Vì An ninh Tổ quốc", "block": {"name": "Khối thử", "code": "KT"},
        "authority": "Công an tỉnh Quảng Bình", "place": "Quảng Bình",
        "signing": {"date": "2023-03-09", "chair": PERSON},
        "leader": ids[0], "deputy": ids[1] if len(ids) > 1 else "khac",
        "scoring": scoring or {}, "titles": titles or [],
    })
    unit_records = [
        parse_record(Unit, {"id": uid, "name": spec.get("name", uid.upper()), "head": PERSON,
                             "registered": spec.get("registered", [])})
        for uid, spec in units.items()
    ]
    scores = {}
    for uid, spec in units.items():
        raw = spec.get("scores", {})
        scores[uid] = parse_record(UnitScores, {
            "unit": uid,
            "scores": {k: (v if isinstance(v, dict) else {"block": v}) for k, v in raw.items()},
            "bonus": [{"points": p, "reason": "thưởng"} for p in spec.get("bonus", [])],
            "penalties": [{"points": p, "reason": "trừ"} for p in spec.get("penalties", [])],
            "excluded": spec.get("excluded"),
        })
    review = None
    if ballot is not None:
        review = parse_record(Review, {"date": "2023-11-20", "chair": PERSON, "secretary": PERSON, "ballot": ballot})
    item_records = [parse_record(Item, {"id": k, "title": f"Nội dung {k}", "max": v}) for k, v in items.items()]
    return Year(compact, unit_records, item_records, scores, review, {}, Path("compacts/2023"), Path("."))


def full(total: Any, second: Any = 0) -> dict[int, Any]:
    """Scores on the two default items."""
    return {1: total, 2: second}
