"""Returned forms never overwrite the Khối's records nor revert a newer change (issue 20 items 1 and 2)."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from conftest import edit
from test_sheets import commit_all, fill, invoke, make_form

SCORES = "compacts/2023/scores"
PENALTY = "Có cán bộ vi phạm Điều lệnh, bị nhắc nhở"
BONUS = "Phát hiện, đấu tranh vụ việc vi phạm trong lĩnh vực kinh tế được Giám đốc Công an tỉnh khen"


def _row_of(form: Path, text: str) -> int:
    sheet = load_workbook(form)["Tự chấm"]
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == text)


def _unit(root: Path, unit: str) -> dict[str, object]:
    code, stdout, _ = invoke(root, "rank", "2023", "--format", "json")
    assert code == 0
    found: dict[str, object] = next(r for r in json.loads(stdout)["units"] if r["id"] == unit)
    return found


def test_a_form_never_changes_the_khois_bonus_and_penalty(root: Path, tmp_path: Path) -> None:
    """The issue's case: the pre-filled penalty replaced by another reason with 0,01, the bonus raised to 3."""
    path = root / SCORES / "pa04.yaml"
    before = path.read_text(encoding="utf-8")
    assert _unit(root, "pa04")["total"] == 92.5
    form = make_form(root, tmp_path, "pa04")
    penalty, bonus = _row_of(form, PENALTY), _row_of(form, BONUS)
    fill(form, {f"B{penalty}": "Chậm gửi báo cáo quý", f"E{penalty}": 0.01, f"E{bonus}": 3})
    code, _, stderr = invoke(root, "import", "2023", str(form))
    assert code == 0, stderr
    after = path.read_text(encoding="utf-8")
    assert [line for line in before.splitlines() if line not in after.splitlines()] == []
    assert _unit(root, "pa04")["total"] == 92.5


def test_a_khoi_row_the_unit_overwrote_is_told_but_never_imported(root: Path, tmp_path: Path) -> None:
    path = root / SCORES / "pa04.yaml"
    before = path.read_bytes()
    form = make_form(root, tmp_path, "pa04")
    penalty, bonus = _row_of(form, PENALTY), _row_of(form, BONUS)
    fill(form, {f"B{penalty}": "Chậm gửi báo cáo quý", f"E{penalty}": 0.01})
    code, stdout, stderr = invoke(root, "import", "2023", str(form))
    assert code == 0, stderr
    told = " ".join((stdout + stderr).split())
    assert f"dòng K1 (Tự chấm!A{penalty}) của bảng điểm trừ khác mục Khối đã ghi nhận 0,5 điểm «{PENALTY}»" in told
    assert "phiếu không sửa mục của Khối" in told and f"A{bonus})" not in told  # the untouched bonus row: silent
    assert path.read_bytes() == before
    code, stdout, stderr = invoke(root, "import", "2023", str(make_form(root, tmp_path, "pa04")))
    assert code == 0 and "dòng K1" not in stdout + stderr  # a form left as made says nothing about the Khối's rows


def test_a_units_proposal_waits_for_the_khoi_then_counts(root: Path, tmp_path: Path) -> None:
    form = make_form(root, tmp_path, "pa09")
    first = load_workbook(form)["giaouoc"]["B6"].value.split(",")[0]  # the first open bonus row
    fill(form, {f"B{first}": "Giải nhất Hội thao khu vực", f"D{first}": "QĐ 5", f"E{first}": 1})
    code, stdout, _ = invoke(root, "import", "2023", str(form))
    assert code == 0 and "điểm thưởng đơn vị đề nghị: thêm 1 điểm «Giải nhất Hội thao khu vực» (QĐ 5)" in stdout
    pa09 = _unit(root, "pa09")
    assert (pa09["total"], pa09["rank"], pa09["provisional"]) == (89.5, 7, True)  # PA09 +1 would be rank 5
    code, stdout, _ = invoke(root, "rank", "2023")
    assert "đề nghị điểm thưởng, điểm trừ của PA09 chờ Khối xem xét" in " ".join(stdout.split())
    code, stdout, _ = invoke(root, "status", "2023")
    assert "PA09: đề nghị thưởng 1 điểm «Giải nhất Hội thao khu vực»" in stdout
    status = json.loads(invoke(root, "status", "2023", "--format", "json")[1])
    assert status["final"] is False
    (proposal,) = next(u for u in status["units"] if u["id"] == "pa09")["proposals"]
    assert (proposal["kind"], proposal["points"]) == ("bonus", 1)
    # the Khối accepts it: the clerk moves the line into `bonus` (leaving out the basis)
    path = root / SCORES / "pa09.yaml"
    text = path.read_text(encoding="utf-8")
    line = "  - {points: 1, reason: Giải nhất Hội thao khu vực, ref: QĐ 5}\n"
    assert "proposed_bonus:\n" + line in text
    text = text.replace("proposed_bonus:\n" + line, "").replace(
        "bonus:\n", "bonus:\n  - {points: 1, reason: Giải nhất Hội thao khu vực}\n", 1)
    path.write_text(text, encoding="utf-8")
    pa09 = _unit(root, "pa09")
    assert (pa09["total"], pa09["provisional"]) == (90.5, False)
    status = json.loads(invoke(root, "status", "2023", "--format", "json")[1])
    assert status["final"] is True and not any(u["proposals"] for u in status["units"])
    code, stdout, stderr = invoke(root, "import", "2023", str(form))  # the same form sent again
    assert code == 0 and stdout.strip() == "Không có thay đổi." and "Khối đã ghi nhận mục cùng lý do" in stderr
    assert "proposed_bonus" not in path.read_text(encoding="utf-8")


def test_export_lists_proposals_apart_from_the_khois_entries(root: Path, tmp_path: Path) -> None:
    path = root / SCORES / "pa09.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "proposed_penalties:\n  - {points: 0.25, reason: Chậm}\n",
                    encoding="utf-8")
    assert invoke(root, "export", "2023", "--xlsx", str(tmp_path / "x.xlsx"))[0] == 0
    workbook = load_workbook(tmp_path / "x.xlsx")
    rows = [[c.value for c in row] for row in workbook["Thưởng - trừ"].iter_rows(min_row=5)]
    assert ["pa09", "Phòng An ninh điều tra", "Trừ (đơn vị tự nhận, chưa tính)", 0.25, "Chậm", None] in rows
    assert workbook["Kết quả"]["A3"].value.startswith("KẾT QUẢ TẠM TÍNH")


def test_diff_shows_a_proposal(root: Path, tmp_path: Path) -> None:
    commit_all(root)
    form = make_form(root, tmp_path, "pa04")
    first = load_workbook(form)["giaouoc"]["B7"].value.split(",")[0]  # the first open penalty row
    fill(form, {f"B{first}": "Chậm gửi báo cáo quý", f"E{first}": 0.25})
    assert invoke(root, "import", "2023", str(form))[0] == 0
    stdout = invoke(root, "diff", "2023")[1]
    assert "PA04: điểm trừ đơn vị tự nhận (chờ Khối xem xét): Chậm gửi báo cáo quý: — → 0,25" in stdout


def test_an_older_form_does_not_revert_a_newer_import(root: Path, tmp_path: Path) -> None:
    """The issue's case: two forms of PA01 from the same data, item 1 set in the first, item 2 in the second."""
    first = fill(make_form(root, tmp_path / "a"), {"E6": 1.25})
    second = fill(make_form(root, tmp_path / "b"), {"E7": 2.75})
    assert invoke(root, "import", "2023", str(first))[0] == 0
    code, stdout, stderr = invoke(root, "import", "2023", str(second))
    assert code == 0, stderr
    assert stdout.splitlines() == ["nội dung 2: tự chấm 6 → 2,75"]
    text = (root / SCORES / "pa01.yaml").read_text(encoding="utf-8")
    assert "  1: {self: 1.25, block: 8}" in text and "  2: {self: 2.75, block: 6}" in text


def test_a_value_both_sides_changed_is_a_conflict_until_the_clerk_chooses(root: Path, tmp_path: Path) -> None:
    path = root / SCORES / "pa01.yaml"
    form = fill(make_form(root, tmp_path), {"E6": 1.25, "E7": 2.75})
    edit(path, "  1: {self: 8, block: 8}", "  1: {self: 7, block: 8}")  # changed after the form was made
    before = path.read_bytes()
    code, _, stderr = invoke(root, "import", "2023", str(form))
    assert code == 1 and path.read_bytes() == before
    assert "phieu-pa01.xlsx:Tự chấm!E6: lỗi [import-conflict]: nội dung 1: tự chấm đã được sửa trong tệp điểm " \
           "thành 7 (lúc lập phiếu 8), trong phiếu ghi 1,25" in stderr
    assert "--prefer form" in stderr and "E7" not in stderr
    code, stdout, _ = invoke(root, "import", "2023", str(form), "--prefer", "file")
    assert code == 0 and "lấy giá trị trong tệp điểm" in stdout
    assert "  1: {self: 7, block: 8}" in path.read_text(encoding="utf-8")
    assert "  2: {self: 2.75, block: 6}" in path.read_text(encoding="utf-8")
    path.write_bytes(before)
    code, stdout, _ = invoke(root, "import", "2023", str(form), "--prefer", "form")
    assert code == 0 and "nội dung 1: tự chấm 7 → 1,25" in stdout
    assert "  1: {self: 1.25, block: 8}" in path.read_text(encoding="utf-8")


def test_keeping_the_files_value_writes_nothing_and_says_so(root: Path, tmp_path: Path) -> None:
    path = root / SCORES / "pa01.yaml"
    form = fill(make_form(root, tmp_path), {"E6": 1.25})
    edit(path, "  1: {self: 8, block: 8}", "  1: {self: 7, block: 8}")  # changed after the form was made
    before, when = path.read_bytes(), path.stat().st_mtime_ns
    code, stdout, stderr = invoke(root, "import", "2023", str(form), "--prefer", "file")
    assert code == 0 and "lấy giá trị trong tệp điểm" in stdout
    assert "Đã ghi" not in stderr and "không có gì để ghi" in stderr
    assert path.read_bytes() == before and path.stat().st_mtime_ns == when


def test_a_proposal_the_khoi_dropped_and_the_unit_changed_is_a_conflict(root: Path, tmp_path: Path) -> None:
    path = root / SCORES / "pa01.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "proposed_bonus:\n  - {points: 2, reason: Giải nhì}\n",
                    encoding="utf-8")
    form = make_form(root, tmp_path)
    row = _row_of(form, "Giải nhì")
    fill(form, {f"E{row}": 3})
    path.write_text(path.read_text(encoding="utf-8").replace("proposed_bonus:\n  - {points: 2, reason: Giải nhì}\n",
                                                             ""), encoding="utf-8")  # the Khối dropped it
    code, _, stderr = invoke(root, "import", "2023", str(form))
    assert code == 1 and f"Tự chấm!B{row}: lỗi [import-conflict]" in stderr and "3 điểm «Giải nhì»" in stderr
    assert invoke(root, "import", "2023", str(form), "--prefer", "file")[0] == 0
    assert "proposed_bonus" not in path.read_text(encoding="utf-8")


def _as_old_form(form: Path) -> Path:
    """The form as giaouoc 0.2 made it: kind /1, no base."""
    workbook = load_workbook(form)
    meta = workbook["giaouoc"]
    meta["B1"] = "giaouoc-tu-cham/1"
    meta["A8"], meta["B8"] = None, None
    workbook.save(form)
    return form


def test_a_form_without_a_base_imports_as_before_with_a_warning(root: Path, tmp_path: Path) -> None:
    form = _as_old_form(fill(make_form(root, tmp_path, "pa04"), {"E6": 7}))
    code, stdout, stderr = invoke(root, "import", "2023", str(form))
    assert code == 0, stderr
    assert "giaouoc!B1: cảnh báo [form-without-base]" in stderr
    assert stdout.splitlines() == ["nội dung 1: tự chấm 7,5 → 7"]
    assert _unit(root, "pa04")["total"] == 92.5


def test_an_old_forms_changed_khoi_row_becomes_a_proposal(root: Path, tmp_path: Path) -> None:
    """giaouoc 0.2 pre-filled the Khối's rows as open rows numbered 1, 2 …: a raised bonus is the unit's proposal."""
    form = _as_old_form(make_form(root, tmp_path, "pa04"))
    bonus = _row_of(form, BONUS)
    workbook = load_workbook(form)
    sheet = workbook["Tự chấm"]
    for index in range(6):
        sheet.cell(bonus + index, 1).value = index + 1
    sheet.cell(bonus, 5).value = 3
    workbook["giaouoc"]["B6"] = f"{bonus},6"
    workbook.save(form)
    code, stdout, stderr = invoke(root, "import", "2023", str(form))
    assert code == 0, stderr
    assert stdout.splitlines() == [f"điểm thưởng đơn vị đề nghị: thêm 3 điểm «{BONUS}» (QĐ số 456/QĐ-CAT)"]
    assert (_unit(root, "pa04")["total"], _unit(root, "pa04")["provisional"]) == (92.5, True)


def test_a_changed_base_is_refused(root: Path, tmp_path: Path) -> None:
    form = make_form(root, tmp_path)
    good = json.loads(load_workbook(form)["giaouoc"]["B8"].value)
    nan = json.dumps(good | {"scores": good["scores"] | {"1": ["NaN", None]}})
    for base in ('{"scores": {"1": ["8", null]}}', "[" * 30000, '{"scores": 1, "proposed_bonus": [[1, 2]]}', nan):
        workbook = load_workbook(form)
        workbook["giaouoc"]["B8"] = base
        workbook.save(form)
        code, _, stderr = invoke(root, "import", "2023", str(form))
        assert code == 1 and "giaouoc!B8: lỗi [form-mismatch]" in stderr


# Paper cuts


def test_a_text_cell_with_a_decimal_comma_is_a_number(root: Path, tmp_path: Path) -> None:
    form = fill(make_form(root, tmp_path), {"E6": "7,5", "F6": "ghi 7,5"})
    code, stdout, stderr = invoke(root, "import", "2023", str(form), "--dry-run")
    assert code == 0, stderr
    assert "nội dung 1: tự chấm 8 → 7,5" in stdout


def test_import_leaves_unchanged_lines_byte_for_byte(root: Path, tmp_path: Path) -> None:
    path = root / SCORES / "pv06.yaml"
    before = path.read_bytes().decode("utf-8")
    assert '  4: {self: 9.5, block: 9, note: "Số hóa hồ sơ chậm tiến độ"}' in before  # quoted, though it need not be
    form = fill(make_form(root, tmp_path, "pv06"), {"E6": 7})
    assert invoke(root, "import", "2023", str(form))[0] == 0
    after = path.read_bytes().decode("utf-8")
    changed = [(a, b) for a, b in zip(before.split("\n"), after.split("\n"), strict=True) if a != b]
    assert changed == [("  1: {self: 7.5, block: 7}", "  1: {self: 7, block: 7}")]


def test_export_refuses_a_name_that_is_not_xlsx(root: Path, tmp_path: Path) -> None:
    code, _, stderr = invoke(root, "export", "2023", "--xlsx", str(tmp_path / "out.csv"))
    assert code == 2 and "đuôi .xlsx" in stderr and not (tmp_path / "out.csv").exists()
    code, _, stderr = invoke(root, "form", "2023", "pa01", "--xlsx", str(tmp_path / "phieu.xls"))
    assert code == 2 and not (tmp_path / "phieu.xls").exists()


def test_a_broken_workbook_is_named_in_vietnamese(root: Path, tmp_path: Path) -> None:
    for content in (b"PK\x03\x04 broken", b"not a zip at all"):
        (tmp_path / "hong.xlsx").write_bytes(content)
        code, _, stderr = invoke(root, "import", "2023", str(tmp_path / "hong.xlsx"))
        assert code == 1 and "không đọc được hong.xlsx như một tệp Excel (.xlsx): tệp hỏng" in stderr
        assert "Error" not in stderr and "BadZip" not in stderr


def test_the_importer_closes_every_workbook(root: Path, tmp_path: Path, monkeypatch: object) -> None:
    import openpyxl
    import pytest

    from giaouoc.rules import load_year
    from giaouoc.sheets.importer import read_form

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    opened = []
    real = openpyxl.load_workbook

    def track(*args: object, **kwargs: object) -> object:
        workbook = real(*args, **kwargs)  # type: ignore[arg-type]
        opened.append(workbook)
        return workbook

    monkeypatch.setattr(openpyxl, "load_workbook", track)
    form = fill(make_form(root, tmp_path), {"E6": 7})
    year = load_year(root, root / "compacts/2023")[0]
    assert year is not None
    content = read_form(form, year)
    assert content.unit == "pa01" and len(opened) >= 3
    assert all(w._archive.fp is None for w in opened)  # every zip closed


def test_a_unit_withdraws_its_own_proposal_and_only_that_list_goes(root: Path, tmp_path: Path) -> None:
    path = root / SCORES / "pa09.yaml"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "proposed_bonus:   # đơn vị đề nghị\n  - {points: 2, reason: Giải nhì}\n"
                    "proposed_penalties:\n  - {points: 0.25, reason: Chậm}\n", encoding="utf-8")
    form = make_form(root, tmp_path, "pa09")
    row = _row_of(form, "Giải nhì")
    fill(form, {f"B{row}": None, f"E{row}": None})
    code, stdout, _ = invoke(root, "import", "2023", str(form))
    assert code == 0 and stdout.splitlines() == ["điểm thưởng đơn vị đề nghị: bỏ 2 điểm «Giải nhì»"]
    assert path.read_text(encoding="utf-8") == before + "proposed_penalties:\n  - {points: 0.25, reason: Chậm}\n"
