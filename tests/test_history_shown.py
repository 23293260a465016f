"""`giaouoc history` as people read it: a year whose results may still move says so, decision numbers whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import edit
from giaouoc.cli.app import app

runner = CliRunner()


def history(root: Path, *args: str) -> str:
    result = runner.invoke(app, ["--root", str(root), "history", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def self_score_only(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa04.yaml", "1: {self: 7.5, block: 7.5}", "1: {self: 7.5}")


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_a_provisional_year_is_marked(root: Path, fmt: str) -> None:
    assert "tạm tính" not in history(root, "--format", fmt)
    self_score_only(root)
    shown = history(root, "--format", fmt)
    assert "2023 (tạm tính)" in shown and "2022 (tạm tính)" not in shown
    unit = history(root, "pa01", "--format", fmt)
    if fmt == "table":  # the narrow year column carries a star, said in full under the table
        assert " 2023* " in unit and "* Năm 2023: kết quả tạm tính" in unit and "2022*" not in unit
    else:
        assert "| 2023 (tạm tính) |" in unit


def test_json_lists_the_provisional_years(root: Path) -> None:
    assert json.loads(history(root, "--format", "json"))["provisional"] == []
    self_score_only(root)
    assert json.loads(history(root, "--format", "json"))["provisional"] == [2023]


@pytest.mark.parametrize("columns", ["80", "100", "60"])
def test_a_decision_number_is_never_broken(root: Path, monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    shown = history(root, "pa01")
    for number in ("(98/QĐ-CAT)", "(102/QĐ-CAT)", "(125/QĐ-CAT)"):
        assert number in shown, (number, shown)


def test_a_unit_without_every_score_has_no_total(root: Path) -> None:
    """A unit not ranked for missing scores shows no total (not "0", not a partial sum), like the drafts."""
    path = root / "compacts/2023/scores/pa04.yaml"
    path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                              if not line.startswith(("  2:", "  3:"))) + "\n", encoding="utf-8")
    entry = json.loads(history(root, "pa04", "--format", "json"))["units"][0]["years"]["2023"]
    assert entry["rank"] is None and entry["total"] is None
    assert json.loads(history(root, "pa01", "--format", "json"))["units"][0]["years"]["2023"]["total"] is not None
    row = next(line for line in history(root, "--format", "markdown").splitlines() if line.startswith("| PA04"))
    assert "chưa xếp loại" in row and "không xếp loại" not in row  # not scored yet, not "not classified"
