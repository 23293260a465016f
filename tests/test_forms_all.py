"""Forms for every unit at once, several forms imported at once, and the form's bonus and penalty rows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml
from openpyxl import load_workbook

from test_sheets import fill, invoke, make_form

SCORES = "compacts/2023/scores"


def test_form_has_a_total_row_entry_tables_and_a_signature_place(root: Path, tmp_path: Path) -> None:
    sheet = load_workbook(make_form(root, tmp_path, "pa09"))["Tự chấm"]
    assert (sheet["B19"].value, sheet["C19"].value, sheet["E19"].value) == ("Cộng", 100, "=SUM(E6:E18)")
    assert sheet["A21"].value.startswith("Điểm thưởng (đơn vị đề nghị") and sheet["B22"].value == "Lý do"
    assert (sheet["A23"].value, sheet["B23"].value, sheet["E23"].value) == ("K1", "Đạt giải Ba Hội thao Công an tỉnh",
                                                                            0.5)  # the Khối's, on file
    assert all(sheet.cell(23, c).protection.locked for c in range(1, 7))  # shown, not to be changed
    assert sheet["A24"].value == 1 and sheet["B24"].value is None and not sheet["B24"].protection.locked
    penalties = next(r for r in range(24, 60) if str(sheet.cell(r, 1).value).startswith("Điểm trừ"))
    assert sheet.cell(penalties + 2, 2).value == "Chậm gửi báo cáo tháng 6"
    assert sheet.cell(penalties + 2, 5).protection.locked and not sheet.cell(penalties + 3, 5).protection.locked
    texts = [c.value for row in sheet.iter_rows(min_row=penalties) for c in row if isinstance(c.value, str)]
    assert "THỦ TRƯỞNG ĐƠN VỊ" in texts and "…, ngày … tháng … năm …" in texts


def test_bonus_rows_are_imported_as_the_units_proposal_not_counted(root: Path, tmp_path: Path) -> None:
    before = (root / SCORES / "pa09.yaml").read_text(encoding="utf-8")
    form = fill(make_form(root, tmp_path, "pa09"), {"B24": "Giải nhì Hội thao, khu vực", "D24": "QĐ số 7/QĐ-CAT",
                                                     "E24": 0.25})
    code, stdout, stderr = invoke(root, "import", "2023", str(form))
    assert code == 0, stderr
    assert "điểm thưởng đơn vị đề nghị: thêm 0,25 điểm «Giải nhì Hội thao, khu vực» (QĐ số 7/QĐ-CAT)" in stdout
    after = (root / SCORES / "pa09.yaml").read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["proposed_bonus:",
                     '  - {points: 0.25, reason: "Giải nhì Hội thao, khu vực", ref: QĐ số 7/QĐ-CAT}']
    assert after.startswith(before)  # nothing else touched
    code, stdout, _ = invoke(root, "rank", "2023", "--format", "json")
    pa09 = next(r for r in json.loads(stdout)["units"] if r["id"] == "pa09")
    assert pa09["bonus"] == 0.5 and pa09["provisional"] is True  # counts once the Khối accepts it
    assert invoke(root, "import", "2023", str(form))[1].strip() == "Không có thay đổi."


def test_incomplete_or_negative_entry_rows_are_refused_at_their_cell(root: Path, tmp_path: Path) -> None:
    form = fill(make_form(root, tmp_path), {"B23": "Không ghi điểm", "E31": -1, "B31": "Âm"})
    before = (root / SCORES / "pa01.yaml").read_bytes()
    code, _, stderr = invoke(root, "import", "2023", str(form))
    assert code == 1
    assert "Tự chấm!E23: lỗi [missing-key]: điểm thưởng đề nghị dòng 1: thiếu số điểm" in stderr
    assert "Tự chấm!E31: lỗi [points-not-positive]: điểm trừ tự nhận dòng 1: số điểm -1 phải lớn hơn 0" in stderr
    assert (root / SCORES / "pa01.yaml").read_bytes() == before


def test_the_khois_rows_of_a_form_are_never_read(root: Path, tmp_path: Path) -> None:
    before = (root / SCORES / "pa09.yaml").read_bytes()
    form = fill(make_form(root, tmp_path, "pa09"), {"B23": None, "E23": 3})  # protection ignored, as openpyxl can
    code, stdout, _ = invoke(root, "import", "2023", str(form))
    assert code == 0 and stdout.strip() == "Không có thay đổi."
    assert (root / SCORES / "pa09.yaml").read_bytes() == before


def test_form_all_writes_one_form_per_unit(root: Path, tmp_path: Path) -> None:
    code, stdout, stderr = invoke(root, "form", "2023", "--all", "--out", str(tmp_path / "phieu"))
    assert code == 0, stderr
    files = sorted(p.name for p in (tmp_path / "phieu").iterdir())
    units = [u["id"] for u in yaml.safe_load((root / "compacts/2023/units.yaml").read_text("utf-8"))["units"]]
    assert files == sorted(f"phieu-tu-cham-2023-{unit}.xlsx" for unit in units) and len(units) >= 9
    assert len(stdout.splitlines()) == len(units)
    meta = load_workbook(tmp_path / "phieu/phieu-tu-cham-2023-pa05.xlsx")["giaouoc"]
    assert meta["B3"].value == "pa05"


def test_form_needs_one_unit_or_all(root: Path, tmp_path: Path) -> None:
    for args in (["form", "2023"], ["form", "2023", "pa01", "--all", "--out", str(tmp_path)],
                 ["form", "2023", "--all"], ["form", "2023", "pa01"]):
        code, _, stderr = invoke(root, *args)
        assert code == 2 and "--all --out THƯ_MỤC" in stderr, args
    (tmp_path / "file").write_text("x")
    code, _, stderr = invoke(root, "form", "2023", "--all", "--out", str(tmp_path / "file"))
    assert code == 2 and "đó là một tệp, không phải thư mục" in stderr


def _forms(root: Path, tmp_path: Path) -> list[Path]:
    invoke(root, "form", "2023", "--all", "--out", str(tmp_path / "phieu"))
    return sorted((tmp_path / "phieu").glob("*.xlsx"))


def test_import_many_writes_all_when_all_are_good(root: Path, tmp_path: Path) -> None:
    forms = _forms(root, tmp_path)
    fill(forms[0], {"E6": 7}), fill(forms[1], {"E6": 6})
    code, stdout, stderr = invoke(root, "import", "2023", *map(str, forms))
    assert code == 0, stderr
    assert "phieu-tu-cham-2023-pa01.xlsx (pa01): nội dung 1: tự chấm 8 → 7" in stdout
    assert "9 phiếu: 9 hợp lệ, 0 có lỗi." in stderr
    assert "1: {self: 7," in (root / SCORES / "pa01.yaml").read_text(encoding="utf-8")
    assert "1: {self: 6," in (root / SCORES / "pa02.yaml").read_text(encoding="utf-8")


def test_import_many_writes_nothing_when_one_is_bad(root: Path, tmp_path: Path) -> None:
    forms = _forms(root, tmp_path)
    fill(forms[0], {"E6": 7}), fill(forms[4], {"E6": 99})
    before = {p.name: p.read_bytes() for p in (root / SCORES).iterdir()}
    result = subprocess.run([sys.executable, "-m", "giaouoc", "--root", str(root), "import", "2023",
                             *map(str, forms)], capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 1
    assert "phieu-tu-cham-2023-pa05.xlsx:Tự chấm!E6: lỗi [score-over-max]" in result.stderr
    assert "9 phiếu: 8 hợp lệ, 1 có lỗi." in result.stderr
    assert "1/9 phiếu (phieu-tu-cham-2023-pa05.xlsx) có 1 lỗi: chưa ghi gì" in result.stderr
    assert {p.name: p.read_bytes() for p in (root / SCORES).iterdir()} == before


def test_two_forms_of_one_unit_are_refused(root: Path, tmp_path: Path) -> None:
    first = make_form(root, tmp_path)
    second = tmp_path / "copy.xlsx"
    second.write_bytes(first.read_bytes())
    code, stdout, stderr = invoke(root, "import", "2023", str(first), str(second), "--format", "json")
    documents = json.loads(stdout)
    assert code == 1 and [d["ok"] for d in documents] == [True, False]
    assert "phiếu thứ hai của đơn vị «pa01» (đã có phieu-pa01.xlsx)" in documents[1]["problems"][0]["message"]
    assert not any(d["written"] for d in documents)
