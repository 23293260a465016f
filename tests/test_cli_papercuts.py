"""Paper cuts of issue 20 on the command line: a bonus above the cap, `rank --explain` as JSON, `status` as JSON
and of a closed year, the YAML message for a key indented under a value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import edit, without_history
from giaouoc.cli.app import app, main
from giaouoc.rules import load_year
from test_history import closable


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_bonus_above_the_cap_is_a_warning_naming_the_cap(root: Path) -> None:
    path = root / "compacts/2023/scores/pa03.yaml"
    edit(path, "{points: 1.5, reason: \"Được Bộ Công an", "{points: 15, reason: \"Được Bộ Công an")
    year, report = load_year(root, root / "compacts/2023")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if "points: 15," in text)
    found = [(p.code, p.severity, p.line) for p in report.problems]
    assert found == [("bonus-over-cap", "warning", line)] and year is not None
    assert "15" in report.problems[0].message and "bonus_cap: 5" in report.problems[0].message


def test_a_bonus_at_the_cap_is_not_warned(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa03.yaml", "{points: 1.5, reason: \"Được", "{points: 5, reason: \"Được")
    assert load_year(root, root / "compacts/2023")[1].problems == []


@pytest.mark.parametrize("unit", [None, "PA05"])
def test_rank_explain_as_json(root: Path, capsys: pytest.CaptureFixture[str], unit: str | None) -> None:
    code, out, _ = run(capsys, root, "rank", "2023", "--format", "json", "--explain", *([unit] if unit else []))
    assert code == 0
    document = json.loads(out)
    assert document["year"] == 2023
    ids = [u["id"] for u in document["units"]]
    assert ids == (["pa05"] if unit else ids) and len(ids) == (1 if unit else 9)
    first = document["units"][0]
    text_out = run(capsys, root, "rank", "2023", "--explain", first["id"])[1]
    assert [line.strip() for line in text_out.split("\n") if line.strip()] == first["explanation"]


def test_status_json_gives_the_year_as_a_number(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = json.loads(run(capsys, root, "status", "2023", "--format", "json")[1])
    assert document["year"] == 2023 and document["closed"] is None


def test_status_shows_a_closed_year(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "Khóa sổ: chưa khóa." in run(capsys, root, "status", "2023")[1]
    (root / "compacts/history.yaml").unlink()
    without_history(root / "compacts/2023")
    closable(root)
    code, _, err = run(capsys, root, "close", "2023")
    assert code == 0, err
    closed = next(line.split(": ")[1].split()[0] for line in
                  (root / "compacts/2023/closed.yaml").read_text(encoding="utf-8").split("\n")
                  if line.startswith("closed: "))
    year, month, day = (int(p) for p in closed.split("-"))
    shown = run(capsys, root, "status", "2023")[1]
    month_shown = f"{month:02d}" if month <= 2 else str(month)
    assert f"Khóa sổ: đã khóa ngày {day:02d}/{month_shown}/{year}" in " ".join(shown.split())
    assert json.loads(run(capsys, root, "status", "2023", "--format", "json")[1])["closed"] == closed


def test_a_key_indented_under_a_value_is_said_to_be_indentation(root: Path) -> None:
    path = root / "compacts/2023/scores/pa03.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nscores:\n", "\n  scores:\n", 1), encoding="utf-8")
    problem = load_year(root, root / "compacts/2023")[1].problems[0]
    assert problem.code == "yaml-syntax" and "thụt lề" in problem.message and "«scores»" in problem.message
    assert "ngoặc kép" not in problem.message


def test_a_colon_inside_a_value_still_asks_for_quotes(root: Path) -> None:
    edit(root / "compacts/2023/units.yaml", "name: Phòng An ninh đối ngoại", "name: Phòng An ninh: đối ngoại")
    problem = load_year(root, root / "compacts/2023")[1].problems[0]
    assert problem.code == "yaml-syntax" and "ngoặc kép" in problem.message


def test_import_of_a_folder_says_to_name_the_forms_in_it(root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "phieu-2023"
    folder.mkdir()
    result = CliRunner().invoke(app, ["--root", str(root), "import", "2023", str(folder)])
    assert result.exit_code == 2
    assert "là một thư mục" in result.stderr and f"«{folder}/*.xlsx»" in result.stderr
