"""Rules on the score files and the review ballot of one year."""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath

from giaouoc.loader import Source
from giaouoc.model import Entry, ItemScore, UnitScores
from giaouoc.problems import Report
from giaouoc.vietnamese import format_number
from giaouoc.year import YearFiles

_SCORE_LABEL = {"self": "điểm tự chấm", "block": "điểm Khối chấm"}


def check_scores(files: YearFiles, report: Report) -> dict[str, UnitScores]:
    """Check every score file; return the well-named ones by unit id."""
    unit_ids = {u.id for u in files.units} if files.units is not None else None
    maxima = {i.id: i.max for i in files.items} if files.items is not None else None
    by_unit: dict[str, UnitScores] = {}
    for name, scores in files.scores.items():
        src = files.sources[name]
        stem = PurePosixPath(name).stem
        if scores.unit != stem:
            report.add(src.file, src.pos("unit"), "unit-mismatch",
                       f"«unit: {scores.unit}» khác tên tệp: tệp {name} phải ghi «unit: {stem}»")
        elif unit_ids is not None and stem not in unit_ids:
            report.add(src.file, src.pos("unit"), "unknown-unit",
                       f"đơn vị «{stem}» không có trong units.yaml")
        else:
            by_unit[stem] = scores
        for item_id, score in scores.scores.items():
            if maxima is not None and item_id not in maxima:
                report.add(src.file, src.key_pos("scores", item_id), "unknown-item",
                           f"không có nội dung số {item_id} trong items.yaml")
            elif score is not None:
                _check_item_score(src, item_id, score, maxima, report)
        for key, label in (("bonus", "điểm thưởng"), ("penalties", "điểm trừ")):
            entries: list[Entry] = getattr(scores, key)
            for index, entry in enumerate(entries):
                if entry.points <= 0:
                    report.add(src.file, src.pos(key, index, "points"), "points-not-positive",
                               f"{label} phải lớn hơn 0 (đang ghi {format_number(entry.points)})")
        if maxima is not None:
            missing = [i for i in maxima if _counted(scores.scores.get(i)) is None]
            if missing:
                listed = ", ".join(str(i) for i in missing)
                report.add(src.file, src.key_pos("scores"), "incomplete-scores",
                           f"đơn vị «{stem}» chưa có điểm nội dung {listed}", "warning")
    if files.units is not None and files.score_files:  # before any score file, scoring has not begun
        usrc = files.sources["units.yaml"]
        for index, unit in enumerate(files.units):
            if f"scores/{unit.id}.yaml" not in files.score_files:
                report.add(usrc.file, usrc.pos("units", index, "id"), "missing-scores",
                           f"đơn vị «{unit.id}» chưa có tệp điểm scores/{unit.id}.yaml", "warning")
    return by_unit


def _counted(score: ItemScore | None) -> Decimal | None:
    return score.counted if score is not None else None


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


def check_review(files: YearFiles, report: Report) -> None:
    review = files.review
    assert review is not None
    src = files.sources["review.yaml"]
    compact = files.compact
    if compact is not None and review.date.year != compact.year:
        report.add(src.file, src.pos("date"), "date-outside-year",
                   f"ngày họp {review.date.isoformat()} không thuộc năm {compact.year}")
    if review.start and review.end and review.end <= review.start:
        report.add(src.file, src.pos("end"), "invalid-time",
                   f"giờ kết thúc {review.end} phải sau giờ bắt đầu {review.start}")
    ballot = review.ballot
    if ballot is None:
        return
    if ballot.voters < 1:
        report.add(src.file, src.pos("ballot", "voters"), "invalid-voters",
                   "số phiếu hợp lệ «voters» phải từ 1 trở lên")
    titles = {t.id: t for t in compact.titles} if compact is not None else None
    unit_ids = {u.id for u in files.units} if files.units is not None else None
    for title_id, votes in ballot.votes.items():
        title = titles.get(title_id) if titles is not None else None
        if titles is not None and title is None:
            report.add(src.file, src.key_pos("ballot", "votes", title_id), "unknown-title",
                       f"danh hiệu «{title_id}» không có trong compact.yaml")
        for unit_id, count in votes.items():
            where = src.pos("ballot", "votes", title_id, unit_id)
            if unit_ids is not None and unit_id not in unit_ids:
                report.add(src.file, src.key_pos("ballot", "votes", title_id, unit_id), "unknown-unit",
                           f"đơn vị «{unit_id}» không có trong units.yaml")
            if count < 0:
                report.add(src.file, where, "invalid-votes", f"số phiếu của «{unit_id}» không được âm")
            elif count > ballot.voters:
                report.add(src.file, where, "votes-over-voters",
                           f"«{unit_id}» được {count} phiếu, nhiều hơn số phiếu hợp lệ {ballot.voters}")
        if title is not None and title.max is not None and sum(votes.values()) > ballot.voters * title.max:
            report.add(src.file, src.key_pos("ballot", "votes", title_id), "votes-over-max",
                       f"tổng số phiếu cho «{title_id}» là {sum(votes.values())}, vượt {ballot.voters} phiếu × "
                       f"{title.max} đơn vị được đề nghị tối đa = {ballot.voters * title.max}")
