"""Rules on criteria (items.yaml), targets (targets.yaml) and inputs per criterion (scores/): docs/cham-diem.md."""

from __future__ import annotations

from decimal import Decimal

from giaouoc.load.folder import YearFiles, display_path, score_file_unit
from giaouoc.load.tree import Key, Source
from giaouoc.model.records import Criterion, Item, ItemScore
from giaouoc.model.scoring import input_problem
from giaouoc.problems import Report
from giaouoc.vietnamese import format_number


def criteria_by_id(files: YearFiles) -> dict[str, tuple[Item, Criterion]]:
    """Every criterion of the year by id, with its content."""
    return {c.id: (item, c) for item in files.items or [] for c in item.criteria}


def not_applicable(files: YearFiles, unit: str, criterion: str) -> bool:
    targets = files.targets
    return targets is not None and unit in targets.not_applicable.get(criterion, [])


def check_criteria(files: YearFiles, report: Report) -> None:
    """Criteria of items.yaml: ids unique, max adding up, `per` only where the kind takes it."""
    if files.items is None:
        return
    src = files.sources["items.yaml"]
    seen: set[str] = set()
    for index, item in enumerate(files.items):
        if not item.criteria:
            continue
        total = sum((c.max for c in item.criteria), Decimal(0))
        if total != item.max:
            report.add(src.file, src.key_pos("items", index, "criteria"), "criteria-sum",
                       f"nội dung {item.id}: điểm chuẩn các tiêu chí cộng lại là {format_number(total)}, "
                       f"khác điểm chuẩn của nội dung {format_number(item.max)}")
        for number, criterion in enumerate(item.criteria):
            _check_criterion(src, ("items", index, "criteria", number), criterion, seen, report)


def _check_criterion(src: Source, path: tuple[Key, ...], criterion: Criterion, seen: set[str],
                     report: Report) -> None:
    if criterion.id in seen:
        report.add(src.file, src.pos(*path, "id"), "duplicate-id", f"tiêu chí {criterion.id} lặp lại")
    seen.add(criterion.id)
    if criterion.max <= 0:
        report.add(src.file, src.pos(*path, "max"), "invalid-max",
                   f"tiêu chí {criterion.id}: điểm chuẩn phải lớn hơn 0")
    takes_per = criterion.kind in ("count", "deduct")
    if takes_per and (criterion.per is None or criterion.per <= 0):
        report.add(src.file, src.key_pos(*path, "per") if criterion.per is not None else src.pos(*path, "kind"),
                   "invalid-per", f"tiêu chí {criterion.id} ({criterion.kind}): cần «per» lớn hơn 0, "
                   "số điểm cho mỗi lần")
    elif not takes_per and criterion.per is not None:
        report.add(src.file, src.key_pos(*path, "per"), "invalid-per",
                   f"tiêu chí {criterion.id} ({criterion.kind}): không dùng «per» (chỉ count và deduct có)")


def check_targets(files: YearFiles, report: Report) -> None:
    """targets.yaml: known target criteria and units, no target of 0; every applicable target written."""
    if files.items is None:
        return
    criteria = criteria_by_id(files)
    kinds = {cid: c.kind for cid, (_, c) in criteria.items()}
    units = [u.id for u in files.units] if files.units is not None else None
    targets = files.targets
    if targets is None:  # like a missing score file: incomplete once scoring has begun, an error if unreadable
        if "target" in kinds.values() and (files.folder / "targets.yaml").exists():
            return  # unreadable or malformed: already reported where it is wrong
        if "target" in kinds.values() and files.score_files:
            report.add(display_path(files.folder / "targets.yaml", files.root), (1, 1), "missing-target",
                       "thiếu tệp targets.yaml: năm có tiêu chí định lượng (kind: target) cần chỉ tiêu giao cho từng "
                       "đơn vị; đơn vị chưa có chỉ tiêu chưa được xếp hạng")
        return
    src = files.sources["targets.yaml"]
    for key, table in (("targets", targets.targets), ("not_applicable", targets.not_applicable)):
        for cid, entries in table.items():
            if cid not in kinds or (key == "targets" and kinds[cid] != "target"):
                what = "tiêu chí định lượng (kind: target)" if cid in kinds else "tiêu chí"
                report.add(src.file, src.key_pos(key, cid), "unknown-criterion",
                           f"«{cid}» không phải {what} nào trong items.yaml")
                continue
            for unit in entries:
                where = src.key_pos(key, cid, unit) if isinstance(entries, dict) else \
                    src.pos(key, cid, list(entries).index(unit))
                if units is not None and unit not in units:
                    report.add(src.file, where, "unknown-unit", f"đơn vị «{unit}» không có trong units.yaml")
            if isinstance(entries, dict):
                _check_target_values(src, cid, entries, report)
    if units is not None:
        _check_missing_targets(files, src, kinds, units, report)


def _check_target_values(src: Source, cid: str, entries: dict[str, Decimal | None], report: Report) -> None:
    for unit, target in entries.items():
        if target is not None and target <= 0:
            report.add(src.file, src.pos("targets", cid, unit), "target-zero",
                       f"chỉ tiêu {cid} của {unit} là {format_number(target)}: chỉ tiêu phải lớn hơn 0; "
                       "đơn vị không giao chỉ tiêu cụ thể thì ghi null")


def _check_missing_targets(files: YearFiles, src: Source, kinds: dict[str, str], units: list[str],
                           report: Report) -> None:
    assert files.targets is not None
    for cid, kind in kinds.items():
        if kind != "target":
            continue
        entries = files.targets.targets.get(cid, {})
        missing = [u for u in units if u not in entries and not not_applicable(files, u, cid)]
        if missing:
            report.add(src.file, src.key_pos("targets", cid) if cid in files.targets.targets else (1, 1),
                       "missing-target", f"thiếu chỉ tiêu {cid} của " + ", ".join(missing)
                       + " (ghi null nếu không giao chỉ tiêu cụ thể)")
    for item in files.items or []:
        for unit in units:
            if item.criteria and all(not_applicable(files, unit, c.id) for c in item.criteria):
                report.add(src.file, src.key_pos("not_applicable"), "content-not-applicable",
                           f"không tiêu chí nào của nội dung {item.id} áp dụng cho {unit}: nội dung được bỏ qua "
                           "và điểm các nội dung của đơn vị được quy đổi theo tỷ lệ")


def check_score_criteria(files: YearFiles, report: Report) -> None:
    """Inputs per criterion in the score files: only under `criteria`, of the kind each criterion takes."""
    if files.items is None:
        return
    items = {i.id: i for i in files.items}
    for name, scores in files.scores.items():
        src = files.sources[name]
        for item_id, score in scores.scores.items():
            if score is None or item_id not in items:
                continue
            check_item_inputs(src, ("scores", item_id), items[item_id], score, report)


def check_item_inputs(src: Source, path: tuple[Key, ...], item: Item, score: ItemScore, report: Report) -> None:
    if not item.criteria:
        if score.criteria:
            report.add(src.file, src.key_pos(*path, "criteria"), "unknown-criterion",
                       f"nội dung {item.id} không chia tiêu chí: ghi self, block trực tiếp, không ghi «criteria»")
        return
    for key in ("self", "block"):
        if getattr(score, "self_score" if key == "self" else "block") is not None:
            report.add(src.file, src.key_pos(*path, key), "points-with-criteria",
                       f"nội dung {item.id} chấm theo tiêu chí: ghi kết quả từng tiêu chí dưới «criteria», "
                       f"không ghi «{key}» cho cả nội dung")
    own = {c.id: c for c in item.criteria}
    for cid, entry in score.criteria.items():
        if cid not in own:
            report.add(src.file, src.key_pos(*path, "criteria", cid), "unknown-criterion",
                       f"nội dung {item.id} không có tiêu chí «{cid}» (có: {', '.join(own)})")
            continue
        if entry is None:
            continue
        for key, value in (("self", entry.self_score), ("block", entry.block)):
            if value is not None and (problem := input_problem(own[cid], value)):
                report.add(src.file, src.pos(*path, "criteria", cid, key), problem[0], problem[1])


def missing_inputs(files: YearFiles) -> dict[str, list[str]]:
    """Unit -> what applies to it and has no input at all (self, block or a grade): "nội dung 3", "tiêu chí 4a"."""
    graded = {(g.unit, item, cid) for g in files.grades.values() for item, v in g.scores.items()
              for cid in (v if isinstance(v, dict) else [""])}
    result: dict[str, list[str]] = {}
    by_unit = {score_file_unit(name): scores for name, scores in files.scores.items()}
    for unit in dict.fromkeys([*by_unit, *(u.id for u in files.units or [])]):  # a unit with no score file too
        scores = by_unit.get(unit)
        for item in files.items or []:
            score = scores.scores.get(item.id) if scores is not None else None
            if not item.criteria:
                if (score is None or score.counted is None) and (unit, item.id, "") not in graded:
                    result.setdefault(unit, []).append(f"nội dung {item.id}")
                continue
            for c in item.criteria:
                entry = score.criteria.get(c.id) if score is not None else None
                written = entry is not None and (entry.self_score is not None or entry.block is not None)
                if not written and (unit, item.id, c.id) not in graded and not not_applicable(files, unit, c.id):
                    result.setdefault(unit, []).append(f"tiêu chí {c.id}")
    return result


def written(files: YearFiles, unit: str, item: Item, score: ItemScore | None, side: str) -> bool:
    """Whether a unit's score file holds `side` (self or block) for a content: for every applicable criterion."""
    if score is None:
        return False
    key = "self_score" if side == "self" else "block"
    if not item.criteria:
        return getattr(score, key) is not None
    applying = [c for c in item.criteria if not not_applicable(files, unit, c.id)]
    return all((entry := score.criteria.get(c.id)) is not None and getattr(entry, key) is not None
               for c in applying)
