from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO, edit, line_of
from giaouoc.cli.app import app, main

runner = CliRunner()


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_valid_sample_exits_zero(root: Path) -> None:
    code, stdout, stderr = invoke(root, "validate")
    assert code == 0
    assert stdout == ""
    assert stderr == "Đã kiểm tra compacts/2023: không có lỗi.\n"


def test_text_report_lines_and_exit_one(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa03.yaml", "  3: {self: 12, block: 12", "  3: {self: 12, block: 12.5")
    code, stdout, stderr = invoke(root, "validate", "2023")
    assert code == 1
    assert stdout.splitlines() == [  # the problems are validate's result: `validate > loi.txt` keeps them
        "compacts/2023/scores/pa03.yaml:6:24: lỗi [score-over-max]: nội dung 3: điểm Khối chấm 12,5 vượt điểm chuẩn 12"
    ]
    assert stderr.splitlines() == ["Đã kiểm tra compacts/2023: 1 lỗi, 0 cảnh báo."]


def test_problems_are_sorted_by_file_then_line(root: Path) -> None:
    edit(root / "compacts/2023/units.yaml", "id: pa02", "id: PA02")
    edit(root / "compacts/2023/compact.yaml", "deputy: pa05", "deputy: pa03")
    edit(root / "compacts/2023/compact.yaml", "year: 2023", "year: 2022")
    _, stdout, _ = invoke(root, "validate")
    files_lines = [(line.split(":")[0], int(line.split(":")[1])) for line in stdout.splitlines()]
    assert files_lines == sorted(files_lines)
    assert len(files_lines) >= 3


def test_json_format(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa03.yaml", "  7: {self: 8, block: 8}\n", "")
    code, stdout, _ = invoke(root, "validate", "--format", "json")
    document = json.loads(stdout)
    assert code == 0
    assert document == {
        "ok": True, "errors": 0, "warnings": 1,
        "problems": [{"severity": "warning", "code": "incomplete-scores", "file": "compacts/2023/scores/pa03.yaml",
                      "line": 3, "column": 1, "message": "đơn vị «pa03» thiếu điểm nội dung 7"}],
    }


def test_strict_turns_warnings_into_errors(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa03.yaml", "  7: {self: 8, block: 8}\n", "")
    code, stdout, _ = invoke(root, "validate", "--strict", "--format", "json")
    assert code == 1
    assert json.loads(stdout)["errors"] == 1


def test_github_format(root: Path) -> None:
    edit(root / "compacts/2023/compact.yaml", "year: 2023", "year: 2024")
    code, stdout, _ = invoke(root, "validate", "--format", "github")
    assert code == 1
    line = line_of(root / "compacts/2023/compact.yaml", "year: 2024")
    assert stdout.startswith(f"::error file=compacts/2023/compact.yaml,line={line},col=7,title=year-mismatch::năm 2024")


def test_unknown_year_is_a_usage_error(root: Path) -> None:
    code, _, stderr = invoke(root, "validate", "2031")
    assert code == 2
    assert "2031" in stderr and "2023" in stderr


def test_unknown_option_is_a_usage_error_in_vietnamese(root: Path) -> None:
    code, _, stderr = invoke(root, "validate", "--formt", "json")
    assert code == 2
    assert "không có tùy chọn «--formt»" in stderr and "--format" in stderr


def test_bad_choice_lists_the_choices(root: Path) -> None:
    code, _, stderr = invoke(root, "validate", "--format", "xml")
    assert code == 2
    assert "text, json, github" in stderr


def test_missing_root_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "compacts/" in result.stderr


def test_root_is_found_upwards_and_from_environment(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root / "compacts" / "2023" / "scores")
    assert runner.invoke(app, ["validate"]).exit_code == 0
    monkeypatch.chdir(root.parent)
    monkeypatch.setenv("GIAOUOC_ROOT", str(root))
    assert runner.invoke(app, ["validate", "2023"]).exit_code == 0


def test_year_may_be_a_folder_path(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    result = runner.invoke(app, ["validate", "compacts/2023"])
    assert result.exit_code == 0
    assert "compacts/2023" in result.stderr


def test_broken_input_never_shows_a_traceback(root: Path) -> None:
    (root / "compacts/2023/units.yaml").write_bytes(b"\x00\x01garbage\xff" * 100)
    (root / "compacts/2023/items.yaml").write_text("items: [" * 5000, encoding="utf-8")
    (root / "compacts/2023/compact.yaml").write_text("", encoding="utf-8")
    code, stdout, stderr = invoke(root, "validate")
    assert code == 1
    assert "Traceback" not in stderr
    assert "compacts/2023/units.yaml:1:1: lỗi [encoding]" in stdout
    assert "compacts/2023/compact.yaml:1:1: lỗi [empty-file]" in stdout


def test_internal_error_exits_three_with_one_line(root: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import giaouoc.cli.commands.validate as command

    def broken(*args: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(command, "check_all", broken)
    assert main(["--root", str(root), "validate"]) == 3
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "lỗi nội bộ" in captured.err.lower()
    assert main(["--root", str(root), "--debug", "validate"]) == 3
    assert "RuntimeError: bug" in capsys.readouterr().err


def test_every_command_has_vietnamese_help() -> None:
    from giaouoc.cli.app import COMMANDS

    registered = [c for c in COMMANDS if runner.invoke(app, [c, "--help"]).exit_code == 0]
    assert {"validate", "rank"} <= set(registered)
    for command in registered:
        result = runner.invoke(app, [command, "--help"])
        assert "Hiện hướng dẫn này rồi thoát." in result.stdout


def test_python_dash_m_runs_the_tool(root: Path) -> None:
    process = subprocess.run([sys.executable, "-m", "giaouoc", "--root", str(root), "validate"],
                             capture_output=True, text=True, cwd=REPO, check=False)
    assert process.returncode == 0, process.stderr
    assert "không có lỗi" in process.stderr
