"""Rules on the score files of one year: the unit, each score, bonus and penalty points."""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath

from giaouoc.load.folder import YearFiles, score_file_unit
from giaouoc.load.tree import Source
from giaouoc.model.fields import ID_PATTERN
from giaouoc.model.records import ENTRY_LABELS, Entry, ItemScore, UnitScores
from giaouoc.problems import Report
from giaouoc.rank.ranking import missing_phrase
from giaouoc.rules.criteria import missing_inputs
from giaouoc.vietnamese import format_number

_SCORE_LABEL = {"self": "điểm tự chấm", "block": "điểm Khối chấm"}


def well_named_scores(files: YearFiles) -> dict[str, UnitScores]:
    """The score files whose `unit` matches their name and a unit of the year, by unit id."""
    unit_ids = {u.id for u in files.units} if files.units is not None else None
    return {unit: scores for unit, scores in files.scores_by_unit().items()
            if scores.unit == unit and (unit_ids is None or unit in unit_ids)}


def check_scores(files: YearFiles, report: Report) -> None:
    """Every score file: its unit, each score against the item's max, bonus and penalty points."""
    unit_ids = {u.id for u in files.units} if files.units is not None else None
    maxima = {i.id: i.max for i in files.items} if files.items is not None else None
    cap = files.compact.scoring.bonus_cap if files.compact is not None else None
    lacking = missing_inputs(files)
    for name, scores in files.scores.items():
        src = files.sources[name]
        stem = score_file_unit(name)
        if scores.unit != stem and not ID_PATTERN.match(stem):  # "pa01 - Copy.yaml": a copy, not a unit
            report.add(src.file, src.pos("unit"), "unit-mismatch",
                       f"tên tệp «{PurePosixPath(name).name}» không phải mã đơn vị: tệp điểm phải tên "
                       f"<mã đơn vị>.yaml (ví dụ {scores.unit}.yaml); nếu đây là bản sao, hãy xóa hoặc chuyển nó ra "
                       "ngoài thư mục scores/")
        elif scores.unit != stem:
            report.add(src.file, src.pos("unit"), "unit-mismatch",
                       f"«unit: {scores.unit}» khác tên tệp: tệp {name} phải ghi «unit: {stem}»")
        elif unit_ids is not None and stem not in unit_ids:
            report.add(src.file, src.pos("unit"), "unknown-unit",
                       f"đơn vị «{stem}» không có trong units.yaml")
        for item_id, score in scores.scores.items():
            if maxima is not None and item_id not in maxima:
                report.add(src.file, src.key_pos("scores", item_id), "unknown-item",
                           f"không có nội dung số {item_id} trong items.yaml")
            elif score is not None:
                _check_item_score(src, item_id, score, maxima, report)
        for key, label in ENTRY_LABELS.items():
            entries: list[Entry] = getattr(scores, key)
            for index, entry in enumerate(entries):
                if entry.points <= 0:
                    report.add(src.file, src.pos(key, index, "points"), "points-not-positive",
                               f"{label} phải lớn hơn 0 (đang ghi {format_number(entry.points)})")
                elif key == "bonus" and cap is not None and 0 < cap < entry.points:  # 15 for 1.5: a slip, not a feat
                    report.add(src.file, src.pos(key, index, "points"), "bonus-over-cap",
                               f"điểm thưởng {format_number(entry.points)} lớn hơn mức tối đa được tính "
                               f"(scoring.bonus_cap: {format_number(cap)}): kiểm tra lại, có phải gõ nhầm?")
        if maxima is not None:
            missing = lacking.get(stem, [])
            if missing:
                report.add(src.file, src.key_pos("scores"), "incomplete-scores",
                           f"đơn vị «{stem}» {missing_phrase(missing)}")
    if files.units is not None and files.score_files:  # before any score file, scoring has not begun
        usrc = files.sources["units.yaml"]
        for index, unit in enumerate(files.units):
            if f"scores/{unit.id}.yaml" not in files.score_files:
                report.add(usrc.file, usrc.pos("units", index, "id"), "missing-scores",
                           f"đơn vị «{unit.id}» chưa có tệp điểm scores/{unit.id}.yaml", unit=unit.id)


def _check_item_score(
    src: Source, item_id: int, score: ItemScore, maxima: dict[int, Decimal] | None, report: Report
) -> None:
    for key, value in (("self", score.self_score), ("block", score.block)):
        if value is None:
            continue
        where = src.pos("scores", item_id, key)
        if value < 0:
            report.add(src.file, where, "score-negative",
                       f"nội dung {item_id}: {_SCORE_LABEL[key]} {format_number(value)} không được âm")
        elif maxima is not None and value > maxima[item_id]:
            report.add(src.file, where, "score-over-max",
                       f"nội dung {item_id}: {_SCORE_LABEL[key]} {format_number(value)} "
                       f"vượt điểm chuẩn {format_number(maxima[item_id])}")
