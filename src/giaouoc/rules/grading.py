"""Rules on cross-grading (chấm chéo): `grading` in compact.yaml and the grade files grades/<grader>/<unit>.yaml."""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath

from giaouoc.load.folder import YearFiles
from giaouoc.load.tree import Source
from giaouoc.model.records import GradeFile, Input, Item
from giaouoc.model.scoring import input_problem
from giaouoc.model.year import Year
from giaouoc.problems import Report
from giaouoc.vietnamese import format_number


def check_grading(files: YearFiles, report: Report) -> None:
    """The assignments (known units, nobody grading itself), each grade file, units nobody grades."""
    compact = files.compact
    grading = compact.grading if compact is not None else None
    units = {u.id for u in files.units} if files.units is not None else None
    if grading is not None and compact is not None:
        src = files.sources["compact.yaml"]
        if grading.dispute is not None and grading.dispute <= 0:
            report.add(src.file, src.pos("grading", "dispute"), "invalid-max",
                       "«grading.dispute» phải lớn hơn 0 (độ chênh điểm tính là khiếu nại)")
        for grader, graded in grading.assignments.items():
            for index, unit in enumerate([grader, *graded]):
                where = src.key_pos("grading", "assignments", grader) if index == 0 else \
                    src.pos("grading", "assignments", grader, index - 1)
                if units is not None and unit not in units:
                    report.add(src.file, where, "unknown-unit", f"đơn vị «{unit}» không có trong units.yaml")
                elif index and unit == grader:
                    report.add(src.file, where, "grade-mismatch", f"đơn vị «{grader}» không tự chấm chéo mình")
        if units is not None and files.units is not None:
            graded_units = {u for listed in grading.assignments.values() for u in listed}
            usrc = files.sources["units.yaml"]
            for index, record in enumerate(files.units):
                if record.id not in graded_units:
                    report.add(usrc.file, usrc.pos("units", index, "id"), "ungraded-unit",
                               f"chưa phân công đơn vị nào chấm chéo «{record.id}» (grading.assignments)")
    for name, grade in files.grades.items():
        _check_grade_file(files, name, grade, report)


def _check_grade_file(files: YearFiles, name: str, grade: GradeFile, report: Report) -> None:
    src = files.sources[name]
    path = PurePosixPath(name)
    grader, unit = path.parent.name, path.stem
    assignments = files.compact.grading.assignments if files.compact and files.compact.grading else {}
    if (grade.grader, grade.unit) != (grader, unit):
        report.add(src.file, src.pos("grader" if grade.grader != grader else "unit"), "grade-mismatch",
                   f"tệp {name} phải ghi «grader: {grader}» và «unit: {unit}»")
    elif files.compact is not None and unit not in assignments.get(grader, []):
        report.add(src.file, src.pos("unit"), "grade-mismatch",
                   f"«{grader}» không được phân công chấm chéo «{unit}» (grading.assignments trong compact.yaml)")
    if files.items is None:
        return
    items = {i.id: i for i in files.items}
    for item_id, given in grade.scores.items():
        if item_id not in items:
            report.add(src.file, src.key_pos("scores", item_id), "unknown-item",
                       f"không có nội dung số {item_id} trong items.yaml")
            continue
        _check_grade_value(src, items[item_id], given, report)
    for item_id in grade.notes:
        if item_id not in items:
            report.add(src.file, src.key_pos("notes", item_id), "unknown-item",
                       f"không có nội dung số {item_id} trong items.yaml")


def _check_grade_value(src: Source, item: Item, given: Decimal | dict[str, Input], report: Report) -> None:
    where = src.pos("scores", item.id)
    if not item.criteria:
        if isinstance(given, dict):
            report.add(src.file, where, "unknown-criterion",
                       f"nội dung {item.id} không chia tiêu chí: ghi một số điểm")
        elif not 0 <= given <= item.max:
            report.add(src.file, where, "score-over-max" if given > 0 else "score-negative",
                       f"nội dung {item.id}: điểm chấm chéo {format_number(given)} phải từ 0 đến "
                       f"{format_number(item.max)}")
        return
    if not isinstance(given, dict):
        report.add(src.file, where, "points-with-criteria",
                   f"nội dung {item.id} chấm theo tiêu chí: ghi kết quả từng tiêu chí, ví dụ "
                   f"{{{item.criteria[0].id}: …}}")
        return
    own = {c.id: c for c in item.criteria}
    for cid, value in given.items():
        if cid not in own:
            report.add(src.file, src.pos("scores", item.id, cid), "unknown-criterion",
                       f"nội dung {item.id} không có tiêu chí «{cid}» (có: {', '.join(own)})")
        elif problem := input_problem(own[cid], value):
            report.add(src.file, src.pos("scores", item.id, cid), problem[0], problem[1])


def well_formed_grades(files: YearFiles) -> dict[tuple[str, str], GradeFile]:
    """The grade files to use, by (grader, unit); only called on a year without errors."""
    return {(g.grader, g.unit): g for g in files.grades.values()}


def check_disputes(year: Year, files: YearFiles, report: Report) -> None:
    """A warning for each open dispute: self and graded points apart by `grading.dispute`, the block silent."""
    from giaouoc.rank.points import score_year

    if year.compact.grading is None or year.compact.grading.dispute is None:
        return
    for unit, points in score_year(year).items():
        src = files.sources.get(f"scores/{unit}.yaml")
        for content in points.contents.values():
            if not content.disputed or content.self_points is None or content.graded_points is None:
                continue
            where = src.key_pos("scores", content.item) if src else (1, 1)
            report.add(src.file if src else f"scores/{unit}.yaml", where, "open-dispute",
                       f"{unit}, nội dung {content.item}: tự chấm {format_number(content.self_points)}, chấm chéo "
                       f"{format_number(content.graded_points)}; Khối chưa quyết định"
                       + ("" if content.explained else " (đơn vị chưa giải trình)"))
