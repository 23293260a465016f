"""Dates shown to people are Vietnamese ("27/11/2026", "ngày 27 tháng 11 năm 2026"), never ISO."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import edit
from giaouoc.cli.app import app
from giaouoc.vietnamese import short_date

runner = CliRunner()
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def messages(text: str) -> str:
    """What a problem line says, without the file:line:col and the data echoed in it."""
    return "\n".join(line.split(": ", 1)[-1] for line in text.splitlines())


def test_short_date() -> None:
    assert short_date(date(2026, 11, 27)) == "27/11/2026"
    assert short_date(date(2023, 3, 9)) == "09/3/2023"
    assert short_date(date(2024, 1, 5)) == "05/01/2024"


def test_validate_names_dates_the_vietnamese_way(root: Path) -> None:
    edit(root / "compacts/2023/compact.yaml", "date: 2023-03-09", "date: 2022-12-01")
    edit(root / "compacts/2023/review.yaml", "date: 2023-11-20", "date: 2024-01-02")
    code, stdout, _ = invoke(root, "validate", "2023")
    assert code == 1
    assert "ngày ký giao ước 01/12/2022 không thuộc năm 2023" in stdout
    assert "ngày họp 02/01/2024 không thuộc năm 2023" in stdout
    assert not ISO.search(messages(stdout))


def close_ready(root: Path) -> None:
    """Every title the sample proposes has its decision: the year can be closed."""
    path = root / "compacts/2023/decisions.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - number: 512/QĐ-BCA\n    date: 2024-02-02\n"
                    "    awards:\n      co-bca: [pa03]\n      bk-bo: [pa01]\n", encoding="utf-8")


def test_close_and_its_seal_say_the_date_the_vietnamese_way(root: Path) -> None:
    close_ready(root)
    today = short_date(date.today())
    code, _, stderr = invoke(root, "close", "2023")
    assert code == 0, stderr
    assert f"Đã khóa sổ năm 2023 ngày {today}" in stderr and not ISO.search(stderr)
    code, _, stderr = invoke(root, "close", "2023")
    assert code == 1 and f"đã khóa sổ ngày {today}" in stderr and not ISO.search(stderr)
    edit(root / "compacts/2023/scores/pa01.yaml", "  1: {self: 8", "  1: {self: 7")
    code, stdout, _ = invoke(root, "validate")
    assert code == 1 and f"đã khóa sổ ngày {today}" in stdout and not ISO.search(messages(stdout))


@pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="no git")
def test_report_data_date_is_vietnamese(root: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_COMMITTER_DATE": "2026-11-27T10:00:00", "GIT_AUTHOR_DATE":
           "2026-11-27T10:00:00"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "data"]):
        subprocess.run(["git", *command], cwd=root, env=env, check=True, capture_output=True)
    code, _, stderr = invoke(root, "report", "2023")
    assert code == 0, stderr
    page = (root / "out/2023/bao-cao.html").read_text(encoding="utf-8")
    assert "cập nhật ngày 27/11/2026" in page and "2026-11-27" not in page


def test_importing_a_tally_sheet_into_a_closed_year_says_the_date_the_vietnamese_way(root: Path,
                                                                                       tmp_path: Path) -> None:
    sheet = tmp_path / "kiem-phieu.xlsx"
    code, _, stderr = invoke(root, "form", "2023", "--ballot", "--xlsx", str(sheet))
    assert code == 0, stderr
    close_ready(root)
    code, _, stderr = invoke(root, "close", "2023")
    assert code == 0, stderr
    code, _, stderr = invoke(root, "import", "2023", str(sheet))
    assert code == 1 and f"đã khóa sổ ngày {short_date(date.today())}" in stderr
    assert not ISO.search(stderr)
