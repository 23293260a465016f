"""Spreadsheets: export read back, forms filled in by openpyxl and imported, every refusal."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import SAMPLE, edit
from giaouoc.cli.app import app

runner = CliRunner()


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_export_workbook(root: Path, tmp_path: Path) -> None:
    target = tmp_path / "ket-qua.xlsx"
    code, _, _ = invoke(root, "export", "2023", "--xlsx", str(target))
    assert code == 0
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Kết quả", "Chi tiết", "Thưởng - trừ"]
    results = workbook["Kết quả"]
    assert results["A1"].value == "Kết quả thi đua năm 2023 — Khối thi đua An ninh nhân dân"
    headers = [c.value for c in results[4]]
    assert headers[:4] == ["Hạng", "Mã", "Đơn vị", "ND 1"] and "Tổng điểm" in headers
    assert results.freeze_panes == "A5"
    first = dict(zip(headers, results[5], strict=True))
    assert (first["Hạng"].value, first["Mã"].value, first["Tổng điểm"].value) == (1, "pa03", 98.5)
    assert first["Tổng điểm"].number_format == "0.00"
    assert first["Danh hiệu đề nghị"].value == "Đơn vị Quyết thắng; Cờ thi đua của Bộ Công an"
    details = workbook["Chi tiết"]
    assert details.max_row == 4 + 9 * 13
    entries = workbook["Thưởng - trừ"]
    assert [c.value for c in entries[5]][:5] == ["pa02", "Phòng An ninh nội địa", "Trừ", 0.5,
                                                 "Chậm gửi báo cáo sơ kết 6 tháng"]


def test_export_marks_provisional_results(root: Path, tmp_path: Path) -> None:
    edit(root / "compacts/2023/scores/pa06.yaml", "  1: {self: 7.5, block: 7}", "  1: {self: 7.5}")
    invoke(root, "export", "2023", "--xlsx", str(tmp_path / "x.xlsx"))
    sheet = load_workbook(tmp_path / "x.xlsx")["Kết quả"]
    assert sheet["A3"].value.startswith("KẾT QUẢ TẠM TÍNH")


def make_form(root: Path, tmp_path: Path, unit: str = "pa01") -> Path:
    path = tmp_path / f"phieu-{unit}.xlsx"
    code, _, stderr = invoke(root, "form", "2023", unit, "--xlsx", str(path))
    assert code == 0, stderr
    return path


def fill(path: Path, cells: dict[str, object]) -> Path:
    workbook = load_workbook(path)
    sheet = workbook["Tự chấm"]
    for address, value in cells.items():
        sheet[address] = value
    workbook.save(path)
    return path


def test_form_layout_and_validation(root: Path, tmp_path: Path) -> None:
    workbook = load_workbook(make_form(root, tmp_path))
    sheet = workbook["Tự chấm"]
    assert [c.value for c in sheet[5]] == ["TT", "Nội dung", "Điểm chuẩn", "Hướng dẫn chấm", "Điểm tự chấm",
                                           "Ghi chú"]
    assert (sheet["A6"].value, sheet["C6"].value, sheet["E6"].value) == (1, 8, 8)
    rules = {str(v.sqref): (v.type, v.formula1, v.formula2) for v in sheet.data_validations.dataValidation}
    assert rules["E8"] == ("decimal", "0", "12")
    assert workbook["giaouoc"].sheet_state == "veryHidden"
    assert workbook["giaouoc"]["B3"].value == "pa01"
    assert sheet.protection.sheet and not sheet["E6"].protection.locked and sheet["B6"].protection.locked


def test_round_trip_keeps_block_scores_and_the_rest(root: Path, tmp_path: Path) -> None:
    path = root / "compacts/2023/scores/pa04.yaml"
    original = path.read_text(encoding="utf-8")
    form = fill(make_form(root, tmp_path, "pa04"), {"E6": 8, "E8": 11.75, "F8": "Vượt 10% chỉ tiêu, có khen"})
    code, stdout, _ = invoke(root, "import", "2023", str(form))
    assert code == 0
    assert stdout.splitlines() == ["nội dung 1: tự chấm 7,5 → 8", "nội dung 3: tự chấm 11,5 → 11,75",
                                   "nội dung 3: ghi chú — → «Vượt 10% chỉ tiêu, có khen»"]
    new = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(original.splitlines(), new.splitlines(), strict=True) if a != b]
    assert changed == [
        ("  1: {self: 7.5, block: 7.5}", "  1: {self: 8, block: 7.5}"),
        ("  3: {self: 11.5, block: 11.5}", '  3: {self: 11.75, block: 11.5, note: "Vượt 10% chỉ tiêu, có khen"}'),
    ]
    assert invoke(root, "validate", "2023")[0] == 0


def test_import_creates_a_missing_score_file_and_diff_shows_it(root: Path, tmp_path: Path) -> None:
    (root / "compacts/2023/scores/pv06.yaml").unlink()
    assert invoke(root, "validate", "2023")[0] == 0  # a missing score file is only a warning
    path = tmp_path / "pv06.xlsx"
    assert invoke(root, "form", "2023", "pv06", "--xlsx", str(path))[0] == 0
    values = {f"E{6 + i}": v for i, v in enumerate([7, 7.5, 9, 9, 9.5, 7, 6, 6, 5, 5, 4.5, 4.5, 4.5])}
    fill(path, values)
    code, stdout, stderr = invoke(root, "import", "2023", str(path))
    assert code == 0 and len(stdout.splitlines()) == 11  # contents 5 and 8 are scored per criterion
    assert "nội dung 5: chấm theo tiêu chí, điểm ghi trên phiếu không được nhập" in stderr
    text = (root / "compacts/2023/scores/pv06.yaml").read_text(encoding="utf-8")
    assert text.startswith("unit: pv06\nscores:\n  1: {self: 7}\n  2: {self: 7.5}\n")
    code, stdout, _ = invoke(root, "rank", "2023", "--format", "json")
    assert code == 0 and '"provisional": true' in stdout


def commit_all(root: Path) -> None:
    """Make the data root a git repository with everything committed."""
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "init"]):
        subprocess.run(["git", "-c", "user.name=a", "-c", "user.email=a@b.invalid", *args], cwd=root,
                       check=True, capture_output=True)


def test_import_in_git_shows_exactly_the_changes_in_diff(root: Path, tmp_path: Path) -> None:
    commit_all(root)
    fill(make_form(root, tmp_path, "pa09"), {"E6": 8})
    assert invoke(root, "import", "2023", str(tmp_path / "phieu-pa09.xlsx"))[0] == 0
    code, stdout, _ = invoke(root, "diff", "2023")
    assert stdout.splitlines()[2:] == ["Dữ liệu thay đổi:", "  PA09: nội dung 1: điểm tự chấm: 7,5 → 8"]


def test_dry_run_writes_nothing(root: Path, tmp_path: Path) -> None:
    path = root / "compacts/2023/scores/pa01.yaml"
    before = path.read_bytes()
    form = fill(make_form(root, tmp_path), {"E6": 7})
    code, stdout, stderr = invoke(root, "import", "2023", str(form), "--dry-run")
    assert code == 0 and "nội dung 1: tự chấm 8 → 7" in stdout and "--dry-run" in stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(("cells", "message"), [
    ({"E7": 9}, "Tự chấm!E7: lỗi [score-over-max]: nội dung 2: điểm 9 phải từ 0 đến điểm chuẩn 8"),
    ({"E7": "7,5,1"}, "Tự chấm!E7: lỗi [invalid-number]: nội dung 2: cần một số, không phải «7,5,1»"),
    ({"E7": "7.5.1"}, "Tự chấm!E7: lỗi [invalid-number]: nội dung 2: cần một số, không phải «7.5.1»"),
    ({"E7": "9,5"}, "Tự chấm!E7: lỗi [score-over-max]: nội dung 2: điểm 9,5 phải từ 0 đến điểm chuẩn 8"),
    ({"E7": "tốt"}, "Tự chấm!E7: lỗi [invalid-number]: nội dung 2: cần một số, không phải «tốt»"),
    ({"E7": 7.125}, "Tự chấm!E7: lỗi [too-many-decimals]: nội dung 2: điểm 7.125 có quá 2 chữ số thập phân"),
    ({"E7": -1}, "Tự chấm!E7: lỗi [score-negative]: nội dung 2: điểm -1 phải từ 0 đến điểm chuẩn 8"),
    ({"A7": 5}, "Tự chấm!A7: lỗi [form-mismatch]: dòng này phải là nội dung 2"),
])
def test_refused_cells_name_the_address_and_write_nothing(root: Path, tmp_path: Path, cells: dict[str, object],
                                                          message: str) -> None:
    path = root / "compacts/2023/scores/pa01.yaml"
    before = path.read_bytes()
    form = fill(make_form(root, tmp_path), cells)
    code, _, stderr = invoke(root, "import", "2023", str(form))
    assert code == 1
    assert f"{form.name}:{message}" in stderr
    assert path.read_bytes() == before


def test_import_writes_into_the_folder_it_loaded(tmp_path: Path) -> None:
    """A year given as a path outside the data root is written back there, never under <root>/compacts/."""
    data = tmp_path / "data"
    (data / "compacts").mkdir(parents=True)
    other = tmp_path / "other" / "2023"
    shutil.copytree(SAMPLE, other)
    form = tmp_path / "phieu.xlsx"
    assert invoke(data, "form", str(other), "pa01", "--xlsx", str(form))[0] == 0
    fill(form, {"E6": 7})
    code, stdout, stderr = invoke(data, "import", str(other), str(form))
    assert code == 0, stderr
    assert "self: 7" in (other / "scores" / "pa01.yaml").read_text(encoding="utf-8")
    assert not (data / "compacts" / "2023").exists()


def test_hidden_unit_that_disagrees_with_the_visible_form_is_refused(root: Path, tmp_path: Path) -> None:
    form = make_form(root, tmp_path)
    workbook = load_workbook(form)
    workbook["giaouoc"]["B3"] = "pa02"
    workbook.save(form)
    target = root / "compacts/2023/scores/pa02.yaml"
    before = target.read_bytes()
    code, _, stderr = invoke(root, "import", "2023", str(form), "--dry-run")
    assert code == 1
    assert f"{form.name}:Tự chấm!A2: lỗi [form-mismatch]" in stderr
    assert target.read_bytes() == before


def test_form_for_another_year_or_unit_is_refused(root: Path, tmp_path: Path) -> None:
    form = make_form(root, tmp_path)
    workbook = load_workbook(form)
    workbook["giaouoc"]["B2"] = 2022
    workbook.save(tmp_path / "nam-khac.xlsx")
    code, _, stderr = invoke(root, "import", "2023", str(tmp_path / "nam-khac.xlsx"))
    assert code == 1 and "năm 2022" in stderr
    workbook["giaouoc"]["B2"] = 2023
    workbook["giaouoc"]["B3"] = "pa77"
    workbook.save(tmp_path / "don-vi-khac.xlsx")
    code, _, stderr = invoke(root, "import", "2023", str(tmp_path / "don-vi-khac.xlsx"))
    assert code == 1 and "pa77" in stderr


def test_changed_structure_and_foreign_files_are_refused(root: Path, tmp_path: Path) -> None:
    form = make_form(root, tmp_path)
    edit(root / "compacts/2023/items.yaml", "    max: 6\n", "    max: 5\n")
    edit(root / "compacts/2023/items.yaml", "    max: 5\n  - id: 10", "    max: 6\n  - id: 10")
    (tmp_path / "not.xlsx").write_bytes(b"PK\x03\x04 broken")
    code, _, stderr = invoke(root, "import", "2023", str(tmp_path / "not.xlsx"))
    assert code == 1 and "không đọc được" in stderr
    from openpyxl import Workbook

    Workbook().save(tmp_path / "other.xlsx")
    code, _, stderr = invoke(root, "import", "2023", str(tmp_path / "other.xlsx"))
    assert code == 1 and "không phải phiếu tự chấm" in stderr
    assert invoke(root, "import", "2023", str(form))[0] == 0


def _has_calc() -> bool:
    soffice = shutil.which("soffice")
    return soffice is not None and (Path(soffice).resolve().parent / "libsclo.so").exists()


@pytest.mark.skipif(not _has_calc(), reason="LibreOffice Calc is not installed")
def test_exported_workbook_opens_in_libreoffice(root: Path, tmp_path: Path) -> None:
    target = tmp_path / "ket-qua.xlsx"
    invoke(root, "export", "2023", "--xlsx", str(target))
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(target)], check=True, capture_output=True, timeout=300)
    assert (tmp_path / "ket-qua.pdf").read_bytes().startswith(b"%PDF")


def test_excel_float_noise_is_rounded_and_uncomputed_formulas_named(root: Path, tmp_path: Path) -> None:
    form = fill(make_form(root, tmp_path), {"E6": 7.500000000000001})
    code, stdout, stderr = invoke(root, "import", "2023", str(form), "--dry-run")
    assert code == 0, stderr
    assert "nội dung 1: tự chấm 8 → 7,5" in stdout
    form = fill(make_form(root, tmp_path), {"E6": "=8.3-0.8"})  # openpyxl saves no computed value
    code, _, stderr = invoke(root, "import", "2023", str(form), "--dry-run")
    assert code == 1 and "Tự chấm!E6" in stderr and "công thức chưa được tính" in stderr


def test_renamed_sheet_is_found_and_a_wrong_year_names_what_the_user_sees(root: Path, tmp_path: Path) -> None:
    form = make_form(root, tmp_path)
    workbook = load_workbook(form)
    workbook["Tự chấm"].title = "Phieu"
    workbook["Phieu"]["E6"] = 7
    workbook.save(form)
    code, stdout, stderr = invoke(root, "import", "2023", str(form), "--dry-run")
    assert code == 0 and "tự chấm 8 → 7" in stdout, stderr
    workbook["giaouoc"]["B2"] = 2022
    workbook.save(form)
    code, _, stderr = invoke(root, "import", "2023", str(form))
    assert code == 1 and "Phieu!A1" in stderr and "dòng đầu của phiếu" in stderr and "năm 2022" in stderr


def _import_one_change(root: Path, tmp_path: Path, text: str) -> tuple[str, int]:
    """Write pa01's score file as given, import a form that changes only item 2, return the file and lines changed."""
    path = root / "compacts/2023/scores/pa01.yaml"
    path.write_bytes(text.encode("utf-8"))
    form = fill(make_form(root, tmp_path), {"E7": 7})
    code, stdout, stderr = invoke(root, "import", "2023", str(form))
    assert code == 0, stderr
    assert "nội dung 2: tự chấm" in stdout and stdout.rstrip().endswith("→ 7")
    after = path.read_bytes().decode("utf-8")
    import difflib

    changed = [d for d in difflib.ndiff(text.splitlines(True), after.splitlines(True)) if d[:2] in ("- ", "+ ")]
    return after, len(changed)


def test_import_keeps_block_style_comments_and_line_endings(root: Path, tmp_path: Path) -> None:
    original = (root / "compacts/2023/scores/pa01.yaml").read_text(encoding="utf-8")
    block = original.replace("  2: {self: 6, block: 6}", "  2:   # nội dung 2\n    self: 6\n    block: 6")
    after, changed = _import_one_change(root, tmp_path, block)
    assert changed == 2 and "  2:   # nội dung 2\n    self: 7\n    block: 6" in after
    crlf = original.replace("\n", "\r\n")
    after, changed = _import_one_change(root, tmp_path, crlf)
    assert changed == 2 and after.count("\r\n") == crlf.count("\r\n") and "\n" not in after.replace("\r\n", "")
    commented = original.replace("  2: {self: 6, block: 6}", "  2: {self: 6, block: 6}   # đã thẩm định")
    after, changed = _import_one_change(root, tmp_path, commented)
    assert changed == 2 and "  2: {self: 7, block: 6}   # đã thẩm định" in after


def test_import_adds_a_missing_self_score_in_the_entrys_own_style(root: Path, tmp_path: Path) -> None:
    original = (root / "compacts/2023/scores/pa01.yaml").read_text(encoding="utf-8")
    after, _ = _import_one_change(root, tmp_path, original.replace("  2: {self: 6, block: 6}", "  2: {block: 6}"))
    assert "  2: {self: 7, block: 6}" in after
    after, _ = _import_one_change(root, tmp_path,
                                  original.replace("  2: {self: 6, block: 6}", "  2:\n    block: 6"))
    assert "  2:\n    self: 7\n    block: 6" in after


def test_a_cleared_cell_keeps_the_score_and_says_so(root: Path, tmp_path: Path) -> None:
    form = fill(make_form(root, tmp_path), {"E6": None, "E7": 7})
    code, _, stderr = invoke(root, "import", "2023", str(form))
    assert code == 0
    assert "Lưu ý: nội dung 1: ô điểm tự chấm để trống, giữ nguyên 8." in stderr
    assert "  1: {self: 8, block: 8}" in (root / "compacts/2023/scores/pa01.yaml").read_text(encoding="utf-8")


def test_import_json_names_cells_like_every_other_problem(root: Path, tmp_path: Path) -> None:
    import json

    form = fill(make_form(root, tmp_path), {"E7": 9})
    code, stdout, _ = invoke(root, "import", "2023", str(form), "--format", "json")
    document = json.loads(stdout)
    assert code == 1 and document["written"] is False and document["unit"] == "pa01"
    (problem,) = document["problems"]
    assert (problem["code"], problem["sheet"], problem["cell"], problem["line"], problem["column"]) == (
        "score-over-max", "Tự chấm", "E7", 7, 5)
    form = fill(make_form(root, tmp_path), {"E7": 5})
    code, stdout, _ = invoke(root, "import", "2023", str(form), "--format", "json")
    document = json.loads(stdout)
    assert code == 0 and document["written"] is True and document["changes"] == ["nội dung 2: tự chấm 6 → 5"]
    assert document["file"] == "compacts/2023/scores/pa01.yaml"


def test_a_date_excel_made_of_a_note_or_a_basis_is_written_the_vietnamese_way(root: Path, tmp_path: Path) -> None:
    """Typing 27/11/2026 into a cell, Excel keeps a date: it is imported as the clerk reads it, not as a timestamp."""
    from datetime import datetime

    form = make_form(root, tmp_path, "pa09")
    first = load_workbook(form)["giaouoc"]["B6"].value.split(",")[0]  # the first open bonus row
    fill(form, {"F7": datetime(2026, 11, 27), f"B{first}": "Giải Nhất Hội thao", f"D{first}": datetime(2026, 11, 27),
                f"E{first}": 1})
    code, stdout, stderr = invoke(root, "import", "2023", str(form))
    assert code == 0, stderr
    text = (root / "compacts/2023/scores/pa09.yaml").read_text(encoding="utf-8")
    assert "2026-11-27" not in text and "00:00" not in text + stdout
    assert "note: 27/11/2026" in text and "ref: 27/11/2026" in text


def test_a_date_in_a_score_cell_is_refused_as_the_clerk_reads_it(root: Path, tmp_path: Path) -> None:
    from datetime import datetime

    form = fill(make_form(root, tmp_path, "pa09"), {"E7": datetime(2026, 11, 27)})
    code, _, stderr = invoke(root, "import", "2023", str(form))
    assert code == 1 and "Tự chấm!E7: lỗi [invalid-number]: nội dung 2: cần một số, không phải «27/11/2026»" in stderr
