"""Rules on units.yaml: ids and names, registrations, the block's officials."""

from __future__ import annotations

from collections import Counter

from giaouoc.load.folder import YearFiles
from giaouoc.problems import Report
from giaouoc.vietnamese import fold_name


def check_units(files: YearFiles, report: Report) -> None:
    """Unit ids and names unique, registered titles known, the officials among the units."""
    units, compact = files.units, files.compact
    if units is None:
        return
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
        if unit.header and " ".join(unit.header).casefold() != unit.name.casefold():
            report.add(src.file, src.pos("units", index, "header"), "header-mismatch",
                       f"«header» ghép lại là «{' '.join(unit.header)}», khác tên đơn vị «{unit.name}»: "
                       "chỉ được chia dòng, không đổi chữ")
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
