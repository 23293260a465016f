"""The chấm chéo form: made for a grader, filled in as a unit would, imported into grades/."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from giaouoc.cli.app import app

runner = CliRunner()


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def fill(path: Path, values: dict[str, object]) -> None:
    """Write values by the row's code in column A (5c, 8d, 12), as a unit types them."""
    workbook = load_workbook(path)
    sheet = workbook["Chấm chéo"]
    rows = {str(row[0].value): row[0].row for row in sheet.iter_rows(min_row=6) if row[0].value is not None}
    for code, value in values.items():
        sheet.cell(row=rows[code], column=6, value=value)
    workbook.save(path)


def test_grader_form_filled_in_and_imported_into_grades(root: Path, tmp_path: Path) -> None:
    code, stdout, _ = invoke(root, "form", "2023", "--grader", "pa03", "--out", str(tmp_path))
    assert code == 0
    path = tmp_path / "phieu-cham-cheo-2023-pa03-pa04.xlsx"
    assert stdout.splitlines() == [str(path)]
    sheet = load_workbook(path)["Chấm chéo"]
    rows = {str(r[0].value): [c.value for c in r] for r in sheet.iter_rows(min_row=6) if r[0].value is not None}
    assert rows["8a"][4] == "90%" and rows["8d"][5] == 2 and rows["5b"][5] == "đạt"  # target shown, grades filled
    assert rows["5a"][4] == "4 vụ" and rows["8c"][2] == "số lượt (số nguyên)"
    fill(path, {"8d": 1, "5b": "không đạt", "12": 5.5})
    code, stdout, stderr = invoke(root, "import", "2023", str(path))
    assert code == 0, stderr
    assert stdout.splitlines() == ["nội dung 12: chấm chéo 6 → 5,5",
                                   "nội dung 5, tiêu chí 5b: chấm chéo đạt → không đạt",
                                   "nội dung 8, tiêu chí 8d: chấm chéo 2 → 1"]
    text = (root / "compacts/2023/grades/pa03/pa04.yaml").read_text(encoding="utf-8")
    assert "  5: {5a: 3, 5b: không đạt, 5c: 4, 5d: 0}\n" in text and "  12: 5.5\n" in text
    code, stdout, _ = invoke(root, "rank", "2023", "--explain", "pa04")
    assert "5b Không để bị động, bất ngờ về an ninh, trật tự: đạt → 2 điểm" in stdout  # the block decided 5b


def test_grader_form_refuses_bad_cells_with_their_cell(root: Path, tmp_path: Path) -> None:
    invoke(root, "form", "2023", "--grader", "pa03", "--out", str(tmp_path))
    path = tmp_path / "phieu-cham-cheo-2023-pa03-pa04.xlsx"
    fill(path, {"8c": 1.5, "5b": 2})
    code, _, stderr = invoke(root, "import", "2023", str(path))
    assert code == 1
    assert "Chấm chéo!F" in stderr and "[not-whole]" in stderr and "[invalid-pass]" in stderr
    assert "8d: 2" in (root / "compacts/2023/grades/pa03/pa04.yaml").read_text(encoding="utf-8")  # untouched


def test_grader_form_only_for_an_assigned_grader(root: Path, tmp_path: Path) -> None:
    code, _, stderr = invoke(root, "form", "2023", "--grader", "pa77", "--out", str(tmp_path))
    assert code == 2 and "không được phân công chấm chéo" in stderr


def test_unit_criteria_form_filled_in_and_imported_into_its_score_file(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "tieu-chi-pv06.xlsx"
    code, _, _ = invoke(root, "form", "2023", "pv06", "--criteria", "--xlsx", str(path))
    assert code == 0
    sheet = load_workbook(path)["Chấm chéo"]
    codes = [str(r[0].value) for r in sheet.iter_rows(min_row=6) if r[0].value is not None]
    assert codes == ["5a", "5b", "5c", "5d", "8b", "8c", "8d"]  # 8a does not apply to pv06; no plain contents
    fill(path, {"5c": 4, "8b": "không đạt"})
    original = (root / "compacts/2023/scores/pv06.yaml").read_text(encoding="utf-8")
    code, stdout, stderr = invoke(root, "import", "2023", str(path))
    assert code == 0, stderr
    assert stdout.splitlines() == ["nội dung 5, tiêu chí 5c: tự chấm 3 → 4",
                                   "nội dung 8, tiêu chí 8b: tự chấm đạt → không đạt"]
    new = (root / "compacts/2023/scores/pv06.yaml").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(original.splitlines(), new.splitlines(), strict=True) if a != b]
    assert changed == [("      5c: {self: 3, block: 3}", "      5c: {self: 4, block: 3}"),
                       ("      8b: {self: đạt, block: đạt}", "      8b: {self: không đạt, block: đạt}")]


def test_unit_criteria_form_adds_a_missing_score_file(root: Path, tmp_path: Path) -> None:
    (root / "compacts/2023/scores/pv06.yaml").unlink()
    path = tmp_path / "tieu-chi-pv06.xlsx"
    assert invoke(root, "form", "2023", "pv06", "--criteria", "--xlsx", str(path))[0] == 0
    fill(path, {"5a": 1, "5b": "đạt", "5c": 3, "5d": 0})
    code, _, stderr = invoke(root, "import", "2023", str(path))
    assert code == 0, stderr
    text = (root / "compacts/2023/scores/pv06.yaml").read_text(encoding="utf-8")
    assert text.startswith("unit: pv06\nscores:\n  5:\n    criteria:\n")
    assert "      5b: {self: đạt}\n" in text


def test_self_inputs_keep_the_order_and_refuse_a_layout_they_do_not_know() -> None:
    from decimal import Decimal

    from giaouoc.edit.criteria_inputs import set_self_inputs

    text = "unit: a\nscores:\n  5:\n    criteria:\n      5a: {self: 1}\n    explain: x\n  6: {self: 1}\n"
    new = set_self_inputs(text, None, {5: {"5b": True, "5c": Decimal(2)}})
    assert new is not None and new.split("\n")[4:8] == ["      5a: {self: 1}", "      5b: {self: đạt}",
                                                        "      5c: {self: 2}", "    explain: x"]
    block_style = "unit: a\nscores:\n  5:\n    criteria:\n      5a:\n        self: 1\n"
    assert set_self_inputs(block_style, None, {5: {"5a": Decimal(2)}}) is None
