"""Rules on compact.yaml: the year, dates, officials, scoring rules and titles."""

from __future__ import annotations

from giaouoc.load.folder import YearFiles, is_year_name
from giaouoc.load.tree import Source
from giaouoc.model.records import Compact, Title
from giaouoc.problems import Report
from giaouoc.vietnamese import short_date


def check_compact(files: YearFiles, report: Report) -> None:
    """The compact's own values: year, dates, officials, scoring, titles, documents."""
    compact = files.compact
    if compact is None:
        return
    folder, src = files.name, files.sources["compact.yaml"]
    if is_year_name(folder) and compact.year != int(folder):
        report.add(src.file, src.pos("year"), "year-mismatch",
                   f"năm {compact.year} khác tên thư mục {folder}: «year» phải là {folder}")
    if compact.signing.date.year != compact.year:
        report.add(src.file, src.pos("signing", "date"), "date-outside-year",
                   f"ngày ký giao ước {short_date(compact.signing.date)} không thuộc năm {compact.year}")
    if compact.leader == compact.deputy:
        report.add(src.file, src.pos("deputy"), "leader-is-deputy",
                   f"Phó khối «{compact.deputy}» trùng Trưởng khối: hai chức danh phải là hai đơn vị khác nhau")
    scoring = compact.scoring
    if scoring.total is not None and scoring.total <= 0:
        report.add(src.file, src.pos("scoring", "total"), "invalid-max", "«total» phải lớn hơn 0")
    if scoring.bonus_cap is not None and scoring.bonus_cap < 0:
        report.add(src.file, src.pos("scoring", "bonus_cap"), "invalid-max", "«bonus_cap» không được âm")
    names: set[str] = set()
    mins: set[object] = set()
    for index, band in enumerate(scoring.bands):
        if band.min < 0:
            report.add(src.file, src.pos("scoring", "bands", index, "min"), "invalid-max",
                       f"xếp loại «{band.name}»: «min» không được âm")
        if band.name in names or band.min in mins:
            report.add(src.file, src.pos("scoring", "bands", index), "duplicate-band",
                       f"xếp loại «{band.name}» trùng tên hoặc trùng mức «min» với một xếp loại ở trên")
        names.add(band.name)
        mins.add(band.min)
    _check_tie_break(compact, src, report)
    _check_titles(compact.titles, src, report)
    for index, title in enumerate(compact.titles):
        _check_history(compact, index, title, src, report)


def _check_tie_break(compact: Compact, src: Source, report: Report) -> None:
    title_ids = {t.id for t in compact.titles}
    for index, key in enumerate(compact.scoring.tie_break):
        if key.kind == "votes" and key.title not in title_ids:
            report.add(src.file, src.pos("scoring", "tie_break", index), "unknown-tie-break",
                       f"tiêu chí phụ «{key}» không hợp lệ: danh hiệu «{key.title}» không có trong titles")


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
        if title.min_vote_share is not None and title.over_vote_share is not None:
            report.add(src.file, src.key_pos("titles", index, "over_vote_share"), "vote-share-conflict",
                       f"danh hiệu «{title.id}» ghi cả «min_vote_share» (từ … trở lên) và «over_vote_share» "
                       "(trên …): chỉ giữ một trong hai")
        if title.min_total is not None and title.min_total < 0:
            report.add(src.file, src.pos("titles", index, "min_total"), "invalid-max",
                       f"danh hiệu «{title.id}»: «min_total» không được âm")
    for index in _titles_in_cycle(titles):
        key = "requires" if titles[index].requires else "history"
        report.add(src.file, src.pos("titles", index, key), "requires-cycle",
                   f"danh hiệu «{titles[index].id}» nằm trong một vòng «requires» hay điều kiện «title», «without» "
                   f"(yêu cầu lẫn nhau: {' → '.join(_cycle(titles, titles[index].id))}): hãy bỏ bớt một yêu cầu")


def _check_history(compact: Compact, index: int, title: Title, src: Source, report: Report) -> None:
    """Each history condition: one kind, years ≥ 1, a band of this year, a title of this year when it is read now."""
    bands = {b.name for b in compact.scoring.bands} | {b.short for b in compact.scoring.bands if b.short}
    titles = {t.id for t in compact.titles}
    for number, condition in enumerate(title.history):
        where = src.pos("titles", index, "history", number)
        kinds = [k for k in ("band", "title", "without") if getattr(condition, k) is not None]
        if len(kinds) != 1:
            report.add(src.file, where, "invalid-history",
                       f"danh hiệu «{title.id}»: mỗi điều kiện nhiều năm ghi đúng một trong band, title, without")
            continue
        if condition.years < 1:
            report.add(src.file, src.pos("titles", index, "history", number, "years"), "invalid-history",
                       f"danh hiệu «{title.id}»: «years» phải từ 1 trở lên")
        if condition.band is not None and condition.band not in bands:
            report.add(src.file, src.pos("titles", index, "history", number, "band"), "unknown-band",
                       f"xếp loại «{condition.band}» không có trong scoring.bands năm {compact.year}")
        named = condition.title or condition.without
        if named is not None and not condition.before and named not in titles:
            report.add(src.file, src.pos("titles", index, "history", number, kinds[0]), "unknown-title",
                       f"danh hiệu «{named}» không có trong compact.yaml năm {compact.year}")


def _cycle(titles: list[Title], start: str) -> list[str]:
    """One cycle through `start`, as the ids met on the way back to it."""
    depends = {t.id: t.depends_on for t in titles}
    path = [start]
    seen = {start}
    while True:
        following = next((d for d in depends.get(path[-1], []) if d == start or d not in seen), None)
        if following is None or following == start:
            return [*path, start]
        path.append(following)
        seen.add(following)


def _titles_in_cycle(titles: list[Title]) -> list[int]:
    """Indexes of titles that depend on themselves (requires, history read this year), directly or not."""
    requires = {t.id: t.depends_on for t in titles}
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
