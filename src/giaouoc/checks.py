"""Rules on values and across the files of one year (spec/format.md)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from giaouoc.loader import Source
from giaouoc.model import Compact, Item, Title, Unit
from giaouoc.paperwork import DOCUMENT_IDS
from giaouoc.problems import Report
from giaouoc.scorechecks import check_review, check_scores
from giaouoc.vietnamese import fold_name, format_number
from giaouoc.year import Year, YearFiles, read_year


def check_year(files: YearFiles, report: Report) -> Year | None:
    """Run every cross-file rule; return the complete year when the report holds no error."""
    compact, units, items = files.compact, files.units, files.items
    if compact is not None:
        _check_compact(files.name, compact, files.sources["compact.yaml"], report)
    if units is not None:
        _check_units(units, compact, files, report)
    if items is not None:
        _check_items(items, compact, files, report)
    scores = check_scores(files, report)
    if files.review is not None:
        check_review(files, report)
    if report.errors or compact is None or units is None or items is None:
        return None
    return Year(compact, units, items, scores, files.review, files.texts)


def _check_compact(folder: str, compact: Compact, src: Source, report: Report) -> None:
    if folder.isdigit() and compact.year != int(folder):
        report.add(src.file, src.pos("year"), "year-mismatch",
                   f"năm {compact.year} khác tên thư mục {folder}: «year» phải là {folder}")
    if compact.signing.date.year != compact.year:
        report.add(src.file, src.pos("signing", "date"), "date-outside-year",
                   f"ngày ký giao ước {compact.signing.date.isoformat()} không thuộc năm {compact.year}")
    if compact.leader == compact.deputy:
        report.add(src.file, src.pos("deputy"), "leader-is-deputy",
                   f"Phó khối «{compact.deputy}» trùng Trưởng khối: hai chức danh phải là hai đơn vị khác nhau")
    scoring = compact.scoring
    if scoring.total is not None and scoring.total <= 0:
        report.add(src.file, src.pos("scoring", "total"), "invalid-max", "«total» phải lớn hơn 0")
    if scoring.bonus_cap is not None and scoring.bonus_cap < 0:
        report.add(src.file, src.pos("scoring", "bonus_cap"), "invalid-max", "«bonus_cap» không được âm")
    for index, band in enumerate(scoring.bands):
        if band.min < 0:
            report.add(src.file, src.pos("scoring", "bands", index, "min"), "invalid-max",
                       f"xếp loại «{band.name}»: «min» không được âm")
    _check_tie_break(compact, src, report)
    _check_titles(compact.titles, src, report)
    for name in compact.documents:
        if name not in DOCUMENT_IDS:
            report.add(src.file, src.key_pos("documents", name), "unknown-key",
                       f"văn bản «{name}» không có; các văn bản: {', '.join(DOCUMENT_IDS)}")


def _check_tie_break(compact: Compact, src: Source, report: Report) -> None:
    title_ids = {t.id for t in compact.titles}
    for index, key in enumerate(compact.scoring.tie_break):
        kind, _, arg = key.partition(":")
        ok = (key in ("penalty", "bonus") or (kind == "item" and arg.isdigit())
              or (kind == "votes" and arg in title_ids))
        if not ok:
            hint = "penalty, bonus, item:N (N là số nội dung) hoặc votes:T (T là mã danh hiệu)"
            if kind == "votes":
                hint = f"danh hiệu «{arg}» không có trong titles"
            report.add(src.file, src.pos("scoring", "tie_break", index), "unknown-tie-break",
                       f"tiêu chí phụ «{key}» không hợp lệ: {hint}")


def _check_titles(titles: list[Title], src: Source, report: Report) -> None:
    known = {t.id for t in titles}
    seen: set[str] = set()
    for index, title in enumerate(titles):
        if title.id in seen:
            report.add(src.file, src.pos("titles", index, "id"), "duplicate-id",
                       f"mã danh hiệu «{title.id}» lặp lại")
        seen.add(title.id)
        for r_index, required in enumerate(title.requires):
            if required not in known:
                report.add(src.file, src.pos("titles", index, "requires", r_index), "unknown-title",
                           f"danh hiệu «{title.id}» yêu cầu «{required}», nhưng không có danh hiệu nào mang mã đó")
        if title.max is not None and title.max < 1:
            report.add(src.file, src.pos("titles", index, "max"), "invalid-max",
                       f"danh hiệu «{title.id}»: «max» phải từ 1 trở lên")
        share = title.min_vote_share
        if share is not None and not 0 < share <= 1:
            report.add(src.file, src.pos("titles", index, "min_vote_share"), "invalid-vote-share",
                       f"danh hiệu «{title.id}»: «min_vote_share» phải lớn hơn 0 và không quá 1 (ví dụ 0.8 là 80%)")
        if title.min_total is not None and title.min_total < 0:
            report.add(src.file, src.pos("titles", index, "min_total"), "invalid-max",
                       f"danh hiệu «{title.id}»: «min_total» không được âm")
    for index in _titles_in_cycle(titles):
        report.add(src.file, src.pos("titles", index, "requires"), "requires-cycle",
                   f"danh hiệu «{titles[index].id}» nằm trong một vòng «requires» (yêu cầu lẫn nhau): "
                   "hãy bỏ bớt một yêu cầu")


def _titles_in_cycle(titles: list[Title]) -> list[int]:
    """Indexes of titles that require themselves, directly or through others."""
    requires = {t.id: list(t.requires) for t in titles}
    cyclic = []
    for index, title in enumerate(titles):
        stack, seen = list(requires.get(title.id, [])), set()
        while stack:
            current = stack.pop()
            if current == title.id:
                cyclic.append(index)
                break
            if current not in seen:
                seen.add(current)
                stack.extend(requires.get(current, []))
    return cyclic


def _check_units(units: list[Unit], compact: Compact | None, files: YearFiles, report: Report) -> None:
    src = files.sources["units.yaml"]
    ids: Counter[str] = Counter()
    names: dict[str, str] = {}
    titles = {t.id for t in compact.titles} if compact else None
    for index, unit in enumerate(units):
        ids[unit.id] += 1
        if ids[unit.id] == 2:
            report.add(src.file, src.pos("units", index, "id"), "duplicate-id", f"mã đơn vị «{unit.id}» lặp lại")
        key = fold_name(unit.name)
        if key in names:
            report.add(src.file, src.pos("units", index, "name"), "duplicate-name",
                       f"tên đơn vị «{unit.name}» trùng với «{names[key]}» "
                       "(không kể chữ hoa, chữ thường và cách đặt dấu)")
        names.setdefault(key, unit.name)
        for r_index, title_id in enumerate(unit.registered):
            if titles is not None and title_id not in titles:
                report.add(src.file, src.pos("units", index, "registered", r_index), "unknown-title",
                           f"đơn vị «{unit.id}» đăng ký danh hiệu «{title_id}», "
                           "nhưng compact.yaml không có danh hiệu đó")
    if compact is not None:
        csrc = files.sources["compact.yaml"]
        for role, label in (("leader", "Trưởng khối"), ("deputy", "Phó khối")):
            unit_id = getattr(compact, role)
            if unit_id not in ids:
                report.add(csrc.file, csrc.pos(role), "unknown-unit",
                           f"{label} «{unit_id}» không có trong units.yaml")


def _check_items(items: list[Item], compact: Compact | None, files: YearFiles, report: Report) -> None:
    src = files.sources["items.yaml"]
    seen: set[int] = set()
    for index, item in enumerate(items):
        if item.id < 1:
            report.add(src.file, src.pos("items", index, "id"), "invalid-id",
                       f"số thứ tự nội dung {item.id} không hợp lệ: phải là số nguyên dương")
        if item.id in seen:
            report.add(src.file, src.pos("items", index, "id"), "duplicate-id", f"nội dung {item.id} lặp lại")
        seen.add(item.id)
        if item.max <= 0:
            report.add(src.file, src.pos("items", index, "max"), "invalid-max",
                       f"nội dung {item.id}: điểm chuẩn phải lớn hơn 0")
    if compact is None:
        return
    total = compact.scoring.total
    if total is not None and sum((i.max for i in items), start=0) != total:
        actual = sum((i.max for i in items), start=0)
        report.add(src.file, src.key_pos("items"), "total-mismatch",
                   f"tổng điểm chuẩn các nội dung là {format_number(actual)}, "
                   f"khác tổng điểm {format_number(total)} trong compact.yaml (scoring.total)")
    csrc = files.sources["compact.yaml"]
    for index, key in enumerate(compact.scoring.tie_break):
        kind, _, arg = key.partition(":")
        if kind == "item" and arg.isdigit() and int(arg) not in seen:
            report.add(csrc.file, csrc.pos("scoring", "tie_break", index), "unknown-tie-break",
                       f"tiêu chí phụ «{key}»: không có nội dung số {arg} trong items.yaml")


def load_year(root: Path, folder: Path) -> tuple[Year | None, Report]:
    """Read and check one year folder: the complete year (None if it has errors) and the report."""
    report = Report()
    files = read_year(root, folder, report)
    return check_year(files, report), report
