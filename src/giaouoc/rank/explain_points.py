"""Explanations down to the criterion (docs/cham-diem.md §8): which input counted, the rule and its numbers.

"3a Tỷ lệ điều tra, khám phá án: 78% / chỉ tiêu 75% (vượt 4% so với chỉ tiêu; dẫn đầu PA02 vượt 10%)
→ 3 + 3 × 4/10 = 4,2 điểm". Read from the result (rank/points.py), never computed again.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from giaouoc.model.records import Criterion
from giaouoc.model.scoring import ContentPoints, Counting, CriterionPoints, UnitPoints, Value
from giaouoc.model.year import Year
from giaouoc.rank.inputs import round_cent
from giaouoc.vietnamese import format_number, percent

_SOURCE = {"block": "Khối quyết định", "self": "tự chấm", "graded": "chấm chéo", "mixed": "nhiều nguồn"}


def num(value: Fraction | Decimal | int) -> str:
    return format_number(round_cent(Fraction(value)))


def _input(criterion: Criterion, value: Value) -> str:
    if isinstance(value, bool):
        return "đạt" if value else "không đạt"
    measure = criterion.measure or ""
    return f"{num(value)}{measure}" if measure == "%" else f"{num(value)} {measure}".rstrip()


def _share(value: Fraction) -> str:
    """An excess as a percent without the sign: 4, 10, 37,5."""
    return percent(value).removesuffix("%")


def points_lines(points: UnitPoints | None, year: Year) -> list[str]:
    """One line per content scored by criteria or by graders, then one per criterion."""
    if points is None:
        return []
    lines: list[str] = []
    for content in points.contents.values():
        if content.criteria or (content.counting is not None and content.counting.source == "graded"):
            lines.append("  " + _content_line(content) + _left_out(content, year))
            sourced = content.source == "mixed" or any(p.counting.graders for p in content.criteria.values())
            lines.extend(f"    - {_criterion_line(p, year, sourced)}" for p in content.criteria.values())
        elif not content.applicable:
            lines.append(f"  Nội dung {content.item}: không áp dụng cho đơn vị (không tiêu chí nào áp dụng).")
    if points.scaled:
        lines.append("  Điểm các nội dung được quy đổi theo tỷ lệ tổng điểm chuẩn / điểm chuẩn các nội dung áp dụng.")
    return lines


def _content_line(content: ContentPoints) -> str:
    if content.points is None:
        return f"Nội dung {content.item}: chưa tính được ({'; '.join(content.missing)})."
    head = f"Nội dung {content.item}: {format_number(content.points)} điểm ({_SOURCE[content.source]}"
    if content.counting is not None and content.counting.graders:
        head += ": " + _graders(content.counting)
    head += ")"
    if content.disputed or content.settled:
        state = "Khối chưa quyết định" if content.disputed else "Khối đã quyết định"
        explained = "; đơn vị có giải trình" if content.explained else ""
        head += (f"; tự chấm {format_number(content.self_points or 0)}, chấm chéo "
                 f"{format_number(content.graded_points or 0)}: có khiếu nại, {state}{explained}")
    return head + "."


def _left_out(content: ContentPoints, year: Year) -> str:
    """For a content some of whose criteria do not apply: which, and how its points were scaled."""
    item = next(i for i in year.items if i.id == content.item)
    out = [c.id for c in item.criteria if c.id not in content.criteria]
    if not out or not content.criteria:
        return ""
    added = sum((p.points for p in content.criteria.values()), Decimal(0))
    applicable = sum((p.criterion.max for p in content.criteria.values()), Decimal(0))
    return (f" Tiêu chí {', '.join(out)} không áp dụng: {format_number(added)} × {format_number(item.max)}/"
            f"{format_number(applicable)} = {format_number(content.points or 0)}.")


def _graders(counting: Counting) -> str:
    return ", ".join(f"{grader.upper()} {'đạt' if v is True else 'không đạt' if v is False else num(v)}"
                     for grader, v in counting.graders)


def _criterion_line(p: CriterionPoints, year: Year, sourced: bool) -> str:
    """A criterion's input, rule and points; which input counted when the content's criteria differ in that."""
    c = p.criterion
    line = f"{c.id} {c.title}: {_rule(p, year)} điểm"
    if not sourced:
        return line + "."
    source = _SOURCE[p.counting.source]
    if p.counting.graders:
        source += " " + _graders(p.counting)
    return f"{line} ({source})."


def _rule(p: CriterionPoints, year: Year) -> str:
    c, value = p.criterion, p.counting.value
    shown = _input(c, value)
    if c.kind == "pass":
        return f"{shown} → {format_number(p.points)}"
    if c.kind in ("count", "deduct"):
        done = f"{shown} × {format_number(c.per or 0)}"
        if c.kind == "count":
            return f"{done} (tối đa {format_number(c.max)}) → {format_number(p.points)}"
        return f"{format_number(c.max)} − {done} (không dưới 0) → {format_number(p.points)}"
    return _target_rule(p, year, Fraction(value), shown)


def _target_rule(p: CriterionPoints, year: Year, result: Fraction, shown: str) -> str:
    c = p.criterion
    ms, h = Fraction(c.max), c.share
    base, rest = num(ms * h), num(ms * (1 - h))
    lower = c.better == "lower"
    best = p.best
    label = year.unit(best.unit).label if best is not None and best.units else ""
    if p.target is None:
        return _no_target_rule(p, result, shown, label)
    target = Fraction(p.target)
    against = f"{shown} / chỉ tiêu {_input(c, target)}"
    if result == target:
        return f"{against} (đạt chỉ tiêu) → {base} = {format_number(p.points)}"
    beyond = result < target if lower else result > target
    if not beyond:
        ratio = f"{num(target)}/{num(result)}" if lower else f"{num(result)}/{num(target)}"
        return f"{against} (chưa đạt chỉ tiêu) → {base} × {ratio} = {format_number(p.points)}"
    excess = abs(result - target) / target
    word = "ít hơn" if lower else "vượt"
    if best is None or best.value == excess:
        return f"{against} ({word} {percent(excess)} so với chỉ tiêu; dẫn đầu) → {format_number(p.points)}"
    return (f"{against} ({word} {percent(excess)} so với chỉ tiêu; dẫn đầu {label} {word} {percent(best.value)}) "
            f"→ {base} + {rest} × {_share(excess)}/{_share(best.value)} = {format_number(p.points)}")


def _no_target_rule(p: CriterionPoints, result: Fraction, shown: str, label: str) -> str:
    """Against the best of the units without a target: A_max (A_min with better: lower)."""
    c, best = p.criterion, p.best
    word = "thấp nhất" if c.better == "lower" else "cao nhất"
    head = f"{shown} (không giao chỉ tiêu cụ thể"
    if best is None or result == 0 or best.value == result:
        return f"{head}; {word} trong các đơn vị không được giao) → {format_number(p.points)}"
    ratio = f"{num(best.value)}/{num(result)}" if c.better == "lower" else f"{num(result)}/{num(best.value)}"
    return (f"{head}; {word} trong các đơn vị không được giao: {label} {_input(c, best.value)}) "
            f"→ {format_number(c.max)} × {ratio} = {format_number(p.points)}")
