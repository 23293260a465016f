"""The thang điểm the units sign (docs/cham-diem.md §8): each content's criteria with the rule in words, the
cross-grading arrangement; and the points per criterion for the bảng điểm's second appendix."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from giaouoc.documents.wordxml import text_mm, text_width_mm
from giaouoc.model.records import Criterion, Item, Unit
from giaouoc.model.results import Ranking
from giaouoc.model.year import Year
from giaouoc.vietnamese import format_number as num
from giaouoc.vietnamese import percent, upper


def _measure(criterion: Criterion, fallback: str) -> str:
    return criterion.measure if criterion.measure and criterion.measure != "%" else fallback


def rule_words(criterion: Criterion) -> str:
    """The scoring rule of a criterion as the giao ước prints it."""
    c, ms = criterion, num(criterion.max)
    if c.kind == "pass":
        return f"Định tính: đạt được {ms} điểm, không đạt 0 điểm"
    if c.kind == "count":
        return f"Chấm thẳng: mỗi {_measure(c, 'lần')} được {num(c.per or 0)} điểm, tối đa {ms} điểm"
    if c.kind == "deduct":
        return f"Trừ điểm: mỗi {_measure(c, 'lần')} trừ {num(c.per or 0)} điểm, trừ đến hết {ms} điểm"
    share = percent(c.share)
    if c.better == "lower":
        return (f"Định lượng (càng thấp càng tốt): bằng chỉ tiêu được {share} số điểm; thấp hơn chỉ tiêu được thêm "
                f"theo tỷ lệ so với đơn vị dẫn đầu; cao hơn chỉ tiêu được {share} số điểm nhân tỷ lệ chỉ tiêu/kết "
                "quả; đơn vị không giao chỉ tiêu cụ thể so với đơn vị thấp nhất trong các đơn vị đó")
    return (f"Định lượng: đạt chỉ tiêu được {share} số điểm; vượt chỉ tiêu được thêm theo tỷ lệ so với đơn vị dẫn "
            f"đầu; chưa đạt được {share} số điểm nhân tỷ lệ kết quả/chỉ tiêu; đơn vị không giao chỉ tiêu cụ thể so "
            "với đơn vị cao nhất trong các đơn vị đó")


@dataclass(frozen=True)
class ScaleRow:
    id: str
    title: str
    max: Decimal
    rule: str


def scale(items: list[Item]) -> list[tuple[Item, list[ScaleRow]]]:
    """Every content scored by criteria, with its criteria and their rules."""
    return [(item, [ScaleRow(c.id, c.title + (f" (đơn vị tính: {c.measure})" if c.measure else ""), c.max,
                             rule_words(c)) for c in item.criteria])
            for item in items if item.criteria]


def grading_words(year: Year) -> list[str]:
    """The cross-grading arrangement: who grades whom, how graders' values combine, when a unit explains."""
    grading = year.compact.grading
    if grading is None:
        return []
    label = {u.id: u.label for u in year.units}
    pairs = [f"{label.get(g, g)} chấm {', '.join(label.get(u, u) for u in units)}"
             for g, units in grading.assignments.items()]
    how = "trung bình cộng" if grading.method == "mean" else "trung vị"
    lines = ["Tổ kiểm tra chéo: " + "; ".join(pairs)] if pairs else []
    lines.append(f"Điểm chấm chéo của mỗi nội dung, tiêu chí là {how} điểm của các đơn vị chấm; tiêu chí định "
                 "tính là “đạt” khi quá nửa số đơn vị chấm đánh giá đạt")
    if grading.dispute is not None:
        lines.append(f"Nội dung có điểm tự chấm và điểm chấm chéo chênh nhau từ {num(grading.dispute)} điểm trở "
                     "lên thì đơn vị giải trình, Khối xem xét, quyết định")
    return lines


def criteria_table(year: Year, ranking: Ranking) -> list[dict[str, Any]]:
    """The second appendix of the bảng điểm: per content scored by criteria, each unit's points per criterion."""
    tables = []
    for item in year.items:
        if not item.criteria:
            continue
        rows = []
        for r in ranking.units:
            content = r.points.contents.get(item.id) if r.points else None
            cells = [num(content.criteria[c.id].points) if content and c.id in content.criteria
                     else ("—" if content is not None and not content.missing else "") for c in item.criteria]
            total = num(content.points) if content and content.points is not None else \
                ("không áp dụng" if content and not content.applicable else "")
            rows.append({"unit": r.unit, "cells": cells, "total": total})
        tables.append({"item": item, "rows": rows})
    return tables


_PREFIXES = ("VĂN PHÒNG", "TRUNG TÂM", "BỘ CHỈ HUY", "CÔNG AN", "BỆNH VIỆN", "PHÒNG", "ĐỘI", "BAN", "TRẠI", "CỤC",
             "TRƯỜNG", "PHÂN TRẠI")
_GRID_WIDTH_MM = (text_width_mm(False) / 3 - 4 - 3) * 0.93  # a heading line of the giao ước's grid (wordsign)


def _tokens(name: str) -> list[str]:
    """A unit's name in pieces a line may not break inside: the word saying what it is, then the rest in pairs of
    syllables (Vietnamese words: "AN NINH", "ĐỐI NGOẠI"), new pieces at a comma and before "VÀ", a lone last
    syllable kept with the pair before it."""
    prefix = next((p for p in _PREFIXES if name.startswith(p + " ")), None)
    rest = name[len(prefix) + 1:] if prefix else name
    segments: list[list[str]] = [[]]
    for word in rest.split():
        if word == "VÀ" and segments[-1]:
            segments.append([])
        segments[-1].append(word)
        if word.endswith(","):
            segments.append([])
    tokens = [prefix] if prefix else []
    for segment in (s for s in segments if s):
        pairs = [segment[i:i + 2] for i in range(0, len(segment), 2)]
        if len(pairs) > 1 and len(pairs[-1]) == 1:
            last = pairs.pop()
            pairs[-1] += last
        tokens += [" ".join(pair) for pair in pairs]
    return tokens


def signature_heading(unit: Unit) -> list[str]:
    """The lines over a unit head's signature: the unit's own `header` lines, else its name filled piece by piece
    (never "PHÒNG AN" / "NINH NỘI ĐỊA"), then the head's post."""
    lines = [upper(line) for line in unit.header]
    if not lines:
        for token in _tokens(upper(unit.name)):
            joined = f"{lines[-1]} {token}" if lines else token
            if lines and text_mm(joined, 12, True) <= _GRID_WIDTH_MM:
                lines[-1] = joined
            else:
                lines.append(token)
    return lines + ([upper(unit.head.title)] if unit.head.title else [])
