"""Cross-grading progress and disputes for `status` (docs/cham-diem.md §5–6)."""

from __future__ import annotations

from typing import Any

from giaouoc.model.results import Ranking
from giaouoc.pipeline.progress import YearStatus
from giaouoc.vietnamese import format_number, plain_number


def disputes(ranking: Ranking | None) -> list[dict[str, Any]]:
    """Every open dispute: unit, content, self and graded points, whether the unit explained (giải trình)."""
    found = []
    for result in ranking.units if ranking else []:
        for content in result.points.contents.values() if result.points else []:
            if content.disputed and content.self_points is not None and content.graded_points is not None:
                found.append({"unit": result.unit.id, "label": result.unit.label, "item": content.item,
                              "self": content.self_points, "graded": content.graded_points,
                              "explained": content.explained})
    return found


def grading_lines(state: YearStatus) -> list[str]:
    """What `status` says about chấm chéo: grade files in / expected, then each open dispute."""
    if not state.grades_expected and not state.grades_in:
        return []
    lines = [f"Chấm chéo: {state.grades_in}/{state.grades_expected} phiếu chấm đã có."]
    open_disputes = disputes(state.ranking)
    if not open_disputes:
        return lines + ["Khiếu nại: không có khiếu nại nào đang chờ Khối quyết định."]
    lines.append(f"Khiếu nại chờ Khối quyết định ({len(open_disputes)}):")
    for d in open_disputes:
        explained = "đã giải trình" if d["explained"] else "chưa giải trình"
        lines.append(f"  {d['label']}, nội dung {d['item']}: tự chấm {format_number(d['self'])}, chấm chéo "
                     f"{format_number(d['graded'])} ({explained}).")
    return lines


def grading_json(state: YearStatus) -> dict[str, Any]:
    return {
        "grading": {"in": state.grades_in, "expected": state.grades_expected},
        "disputes": [{"unit": d["unit"], "item": d["item"], "self": plain_number(d["self"]),
                      "graded": plain_number(d["graded"]), "explained": d["explained"]}
                     for d in disputes(state.ranking)],
    }
