"""Points per content and criterion in machine formats (docs/cham-diem.md §4): `self_subtotal` and `items`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from giaouoc.model.scoring import UnitPoints
from giaouoc.vietnamese import plain_number


def _number(value: Decimal | None) -> int | float | None:
    return None if value is None else plain_number(value)


def points_json(points: UnitPoints | None) -> dict[str, Any]:
    """`self_subtotal` and `items` of one unit of `rank --format json`."""
    if points is None:
        return {}
    items = {
        str(c.item): {
            "points": _number(c.points),
            "self_points": _number(c.self_points),
            "source": c.source,
            "disputed": c.disputed,
            "settled": c.settled,
            "criteria": {cid: plain_number(p.points) for cid, p in c.criteria.items()},
        }
        for c in points.contents.values() if c.applicable
    }
    return {"self_subtotal": plain_number(points.self_subtotal), "items": items}
