"""Command line version 2: what a clerk meets day to day (cli.md, "Version 2")."""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO, edit
from giaouoc.cli.app import COMMANDS, app

runner = CliRunner()


def invoke(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    if cwd is not None:
        old = Path.cwd()
        os.chdir(cwd)
    try:
        result = runner.invoke(app, list(args))
    finally:
        if cwd is not None:
            os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("args", [("rank", "--explain", "pa03", "2024"), ("status", "2024", "2023"),
                                  ("form", "2024", "pa01", "pa02", "--xlsx", "f.xlsx")])
def test_extra_arguments_are_named_whole(root: Path, args: tuple[str, ...]) -> None:
    code, _, stderr = invoke("--root", str(root), *args)
    assert code == 2
    extra = stderr.splitlines()[0].split("thừa tham số: ")[1]
    assert extra in ("2024", "2023", "pa02") and "(" not in extra


def test_global_options_after_the_command(root: Path) -> None:
    code, _, stderr = invoke("validate", "--root", str(root), "--debug")
    assert code == 0, stderr
    assert invoke("rank", "2023", "--root", str(root))[0] == 0


def test_unit_ids_without_regard_to_case(root: Path, tmp_path: Path) -> None:
    code, stdout, _ = invoke("--root", str(root), "rank", "2023", "--explain", "PA03")
    assert code == 0 and stdout.startswith("PA03 — ")
    assert invoke("--root", str(root), "form", "2023", "PA01", "--xlsx", str(tmp_path / "f.xlsx"))[0] == 0
    assert invoke("--root", str(root), "history", "PV06")[0] == 0


def test_a_year_path_works_from_anywhere(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    code, _, stderr = invoke("validate", str(root / "compacts" / "2023"), cwd=elsewhere)
    assert code == 0, stderr
    code, stdout, _ = invoke("rank", str(root / "compacts" / "2023"), "--format", "json", cwd=elsewhere)
    assert code == 0 and json.loads(stdout)["year"] == 2023
    other = tmp_path / "khac"
    (other / "compacts").mkdir(parents=True)
    assert invoke("--root", str(other), "rank", str(root / "compacts" / "2023"))[0] == 2  # not under --root


@pytest.mark.parametrize("command", ["rank", "status", "diff", "render", "export"])
def test_a_year_that_does_not_exist_is_a_usage_error(root: Path, command: str, tmp_path: Path) -> None:
    args = ["--xlsx", str(tmp_path / "x.xlsx")] if command == "export" else []
    code, _, stderr = invoke("--root", str(root), command, "2031", *args)
    assert code == 2 and "2031" in stderr


def test_help_screens_are_vietnamese_whole() -> None:
    for command in [None, *COMMANDS]:
        code, stdout, _ = invoke(*([command] if command else []), "--help")
        assert code == 0
        for english in ("Usage:", "Options:", "Arguments:", "[required]", "[default:", "Commands:", "YEAR",
                        "UNIT", "FILE", " DIR"):
            assert english not in stdout, (command, english)
    code, stdout, _ = invoke("--help")
    assert "…" not in stdout and "Cách dùng:" in stdout and "Lệnh:" in stdout


def test_validate_keeps_its_problems_in_a_redirected_file(root: Path, tmp_path: Path) -> None:
    edit(root / "compacts/2023/compact.yaml", "year: 2023", "year: 2024")
    result = subprocess.run([sys.executable, "-m", "giaouoc", "--root", str(root), "validate"], capture_output=True,
                            text=True)
    assert result.returncode == 1 and "[year-mismatch]" in result.stdout and "Đã kiểm tra" in result.stderr


def test_status_shows_points_not_entries(root: Path) -> None:
    state = json.loads(invoke("--root", str(root), "status", "2023", "--format", "json")[1])
    pa09 = next(u for u in state["units"] if u["id"] == "pa09")
    assert (pa09["bonus"], pa09["penalties"]) == (0.5, 0.5)
    assert "0,5" in invoke("--root", str(root), "status", "2023")[1]


def test_quoted_number_says_to_remove_the_quotes(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa01.yaml", "  1: {self: 8, block: 8}", '  1: {self: 8, block: "7.5"}')
    code, stdout, _ = invoke("--root", str(root), "validate")
    assert code == 1 and "bỏ dấu ngoặc, viết 7.5" in stdout


def test_yaml_error_points_where_the_construct_began(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa01.yaml", "  1: {self: 8, block: 8}", "  1: {self: 8, block: 8")
    code, stdout, _ = invoke("--root", str(root), "validate")
    assert code == 1 and "(phần này bắt đầu ở dòng" in stdout


def test_new_starts_from_an_empty_folder(tmp_path: Path) -> None:
    code, _, stderr = invoke("new", "2024", cwd=tmp_path)
    assert code == 0, stderr
    assert (tmp_path / "compacts/2024/compact.yaml").is_file()


def test_new_refuses_a_year_kept_in_history(root: Path) -> None:
    code, _, stderr = invoke("--root", str(root), "new", "2022")
    assert code == 2 and "history.yaml" in stderr and not (root / "compacts/2022").exists()


def test_soffice_found_where_windows_installs_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from giaouoc.documents.output import find_soffice

    monkeypatch.setenv("PATH", str(tmp_path))
    program = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_text("", encoding="utf-8")
    assert find_soffice([tmp_path / "nowhere", program]) == str(program)


def test_written_files_have_the_usual_permissions(root: Path, tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        assert invoke("--root", str(root), "export", "2023", "--xlsx", str(tmp_path / "kq.xlsx"))[0] == 0
    finally:
        os.umask(mask)
    assert (tmp_path / "kq.xlsx").stat().st_mode & 0o777 == 0o644


def test_readme_commands_run_as_shown(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `giaouoc …` line in the README's examples runs against the sample without an internal error."""
    lines = [line.strip() for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()
             if line.strip().startswith("giaouoc ")]
    assert len(lines) >= 5
    monkeypatch.chdir(tmp_path)  # files the examples write land here
    for line in lines:
        args = [found for a in line.split()[1:] for found in (sorted(glob.glob(a)) if "*" in a else [a])]
        if "diff" in args or "close" in args or "reopen" in args or "log" in args:
            continue  # they need a git repository or decisions: tested in their own modules
        code, _, stderr = invoke("--root", str(root), *args)
        assert code in (0, 1), (line, stderr)
        assert "nội bộ" not in stderr, line


def test_an_upper_case_id_in_a_data_file_says_the_lower_case_one(root: Path) -> None:
    edit(root / "compacts/2023/units.yaml", "id: pa02", "id: PA02")
    code, stdout, _ = invoke("--root", str(root), "validate")
    assert code == 1 and "[invalid-id]" in stdout and "viết «pa02»" in stdout


def test_a_copied_score_file_is_named_as_a_copy_not_a_unit(root: Path) -> None:
    scores = root / "compacts/2023/scores"
    (scores / "pa01 - Copy.yaml").write_bytes((scores / "pa01.yaml").read_bytes())
    code, stdout, _ = invoke("--root", str(root), "validate")
    assert code == 1
    assert "tên tệp «pa01 - Copy.yaml» không phải mã đơn vị" in stdout and "ví dụ pa01.yaml" in stdout
    assert "phải ghi «unit: pa01 - Copy»" not in stdout
