"""Plain Vietnamese sentences that say why each unit stands where it stands."""

from __future__ import annotations

from giaouoc.model.fields import TieBreak
from giaouoc.model.results import Ranking, Separation, TitleDecision, UnitResult
from giaouoc.model.year import Year
from giaouoc.rank.explain_points import points_lines
from giaouoc.vietnamese import format_number as num


def key_phrase(key: TieBreak, year: Year) -> str:
    return key.phrase(year.compact.title_name(key.title) if key.title else "")


def explain(ranking: Ranking, year: Year, unit_id: str | None = None) -> list[str]:
    """Lines of explanation for every unit, or for one."""
    lines: list[str] = []
    for _, own in explained(ranking, year, unit_id):
        if lines:
            lines.append("")
        lines.extend(own)
    return lines


def explained(ranking: Ranking, year: Year, unit_id: str | None = None) -> list[tuple[UnitResult, list[str]]]:
    """Each unit (or the one named) with its lines of explanation."""
    return [(result, _explain_unit(result, ranking, year)) for result in ranking.units
            if unit_id is None or result.unit.id == unit_id]


def _explain_unit(result: UnitResult, ranking: Ranking, year: Year) -> list[str]:
    unit = result.unit
    head = f"{unit.label} — {unit.name}"
    lines = [f"{head}: hạng {result.rank}." if result.rank else f"{head}: không xếp hạng ({result.not_ranked})."]
    bonus = f"thưởng {num(result.bonus)}"
    if result.bonus != result.bonus_claimed:
        bonus += f" (ghi {num(result.bonus_claimed)}, chỉ tính tối đa {num(result.bonus)})"
    lines.append(f"  Tổng điểm {num(result.total)} = điểm các nội dung {num(result.subtotal)} + {bonus}"
                 f" − trừ {num(result.penalty)}.")
    if result.self_counted:
        lines.append("  Kết quả tạm tính: còn nội dung mới có điểm tự chấm, chưa có điểm Khối thống nhất.")
    if result.proposals:
        lines.append(f"  Kết quả tạm tính: {result.proposals} đề nghị điểm thưởng, điểm trừ của đơn vị chờ Khối xem "
                     "xét (chưa tính vào tổng điểm).")
    lines.extend(points_lines(result.points, year))
    if result.rank is None:
        return lines
    lines.extend(_neighbours(result, ranking, year))
    if result.band:
        band = next(b for b in year.compact.scoring.bands if b.name == result.band)
        lines.append(f"  Xếp loại: {result.band} (từ {num(band.min)} điểm).")
    elif year.compact.scoring.bands:
        lines.append("  Xếp loại: không có (tổng điểm dưới mọi mức xếp loại).")
    decisions = [d for d in ranking.decisions if d.unit_id == unit.id]
    if decisions:
        lines.append("  Danh hiệu:")
        lines.extend(f"    - {_decision_line(d, year)}" for d in decisions)
    return lines


def _neighbours(result: UnitResult, ranking: Ranking, year: Year) -> list[str]:
    ranked = ranking.ranked
    index = ranked.index(result)
    lines = []
    for other, above in ((ranked[index - 1] if index else None, True),
                         (ranked[index + 1] if index + 1 < len(ranked) else None, False)):
        if other is None:
            continue
        pair = (other.unit.id, result.unit.id) if above else (result.unit.id, other.unit.id)
        separation = next((s for s in ranking.separations if (s.above, s.below) == pair), None)
        lines.append("  " + _neighbour_sentence(result, other, above, separation, year))
    return lines


def _neighbour_sentence(result: UnitResult, other: UnitResult, above: bool,
                        separation: Separation | None, year: Year) -> str:
    name = other.unit.label
    if separation is None:
        relation = "Xếp dưới" if above else "Xếp trên"
        comparison = "thấp hơn" if above else "cao hơn"
        return (f"{relation} {name} ({num(other.total)} điểm) vì tổng điểm {num(result.total)} {comparison}.")
    if separation.key is None:
        keys = ", ".join(str(k) for k in year.compact.scoring.tie_break) or "không có tiêu chí phụ"
        return (f"Đồng hạng {result.rank} với {name}: bằng tổng điểm {num(result.total)} và bằng nhau ở mọi "
                f"tiêu chí phụ ({keys}); thứ tự trong bảng theo tên.")
    phrase = key_phrase(separation.key, year)
    relation = f"xếp dưới {name} vì {name} có" if above else f"xếp trên {name} vì có"
    values = f"{num(separation.above_value or 0)} so với {num(separation.below_value or 0)}"  # the higher unit first
    return (f"Bằng tổng điểm {num(result.total)} với {name}; {relation} {phrase} "
            f"(tiêu chí phụ «{separation.key}»: {values}).")


def _decision_line(decision: TitleDecision, year: Year) -> str:
    name = year.compact.title_name(decision.title_id)
    if decision.outcome == "proposed":
        met = "; ".join(c.detail for c in decision.conditions)
        return f"{name}: được đề nghị ({met})."
    if decision.outcome == "undecided":
        line = f"{name}: chưa quyết định — {decision.reason}"
        waiting = decision.waiting
        if waiting:
            line += "; điều kiện đang chờ: " + "; ".join(c.detail for c in waiting)
        return line + "."
    failed = "; ".join(c.detail for c in decision.failed)
    return f"{name}: không được đề nghị ({failed})."
