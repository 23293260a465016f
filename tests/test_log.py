"""`giaouoc log`: who changed each score value and when, read from a throwaway git repository."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from conftest import edit
from giaouoc.cli.app import app

runner = CliRunner()
YEAR = "compacts/2023"


def commit(root: Path, author: str, date: str, subject: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@b.vn", "GIT_AUTHOR_DATE": date,
           "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "a@b.vn", "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", subject], cwd=root, check=True, env=env)


def history(root: Path) -> Path:
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    commit(root, "Văn thư Khối", "2023-03-10T08:00:00+07:00", "Dữ liệu ban đầu")
    edit(root / YEAR / "scores/pa04.yaml", "8d: {self: 0, block: 1}", "8d: {self: 0, block: 2}")
    edit(root / YEAR / "scores/pa02.yaml", "  1: {self: 6.5, block: 6.5}", "  1: {self: 6.5, block: 7}")
    commit(root, "Nguyễn Văn A", "2023-11-02T09:15:00+07:00", "Điểm Khối chấm tháng 11")
    edit(root / YEAR / "grades/pa03/pa04.yaml", "8d: 2", "8d: 1")
    edit(root / YEAR / "targets.yaml", "pa04: 90", "pa04: 92")
    commit(root, "Trần Thị B", "2023-11-20T14:00:00+07:00", "Chấm chéo bổ sung")
    edit(root / YEAR / "scores/pa04.yaml", "5c: {self: 4, block: 4}", "5c: {self: 4, block: 3}")
    return root


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), "log", "2023", *args])
    return result.exit_code, result.stdout, result.stderr


def test_log_lists_every_change_oldest_first_with_author_commit_and_uncommitted_last(root: Path) -> None:
    history(root)
    code, stdout, _ = run(root, "pa04", "--format", "json")
    assert code == 0
    changes = [c for c in json.loads(stdout) if c["old"] is not None]  # the first commit adds every value
    assert [(c["author"], c["value"], c["old"], c["new"]) for c in changes] == [
        ("Nguyễn Văn A", "nội dung 8, tiêu chí 8d, Khối chấm", "1", "2"),
        ("Trần Thị B", "nội dung 8, tiêu chí 8d, chấm chéo của PA03", "2", "1"),
        ("Trần Thị B", "chỉ tiêu 8a của PA04", "90", "92"),
        ("", "nội dung 5, tiêu chí 5c, Khối chấm", "4", "3"),
    ]
    assert changes[0]["date"].startswith("2023-11-02T09:15") and changes[0]["subject"] == "Điểm Khối chấm tháng 11"
    assert len(changes[0]["commit"]) >= 7 and changes[-1]["subject"] == "chưa ghi vào git"
    assert all(c["unit"] == "pa04" for c in json.loads(stdout))  # no other unit's scores, targets or grades


def test_log_filters_by_item_and_prints_text(root: Path) -> None:
    history(root)
    code, stdout, _ = run(root, "--item", "1")
    assert code == 0
    assert "Nguyễn Văn A" in stdout and "scores/pa02.yaml — nội dung 1, Khối chấm: 6,5 → 7" in stdout
    assert "tiêu chí 8d" not in stdout and "5c" not in stdout
    code, stdout, _ = run(root, "--item", "8")
    assert "chỉ tiêu 8a của PA04: 90 → 92" in stdout and "nội dung 1," not in stdout
    assert stdout.index("Điểm Khối chấm tháng 11") < stdout.index("Chấm chéo bổ sung")


def test_log_outside_git_says_so_and_exits_2(root: Path) -> None:
    code, _, stderr = run(root)
    assert code == 2 and "không nằm trong một kho git" in stderr


def test_diff_names_criterion_grade_and_target_changes_and_their_effect(root: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    commit(root, "Văn thư Khối", "2023-03-10T08:00:00+07:00", "Dữ liệu ban đầu")
    edit(root / YEAR / "scores/pa04.yaml", "8a: {self: 99, block: 99}", "8a: {self: 99, block: 85}")
    edit(root / YEAR / "grades/pa03/pa04.yaml", "8d: 2", "8d: 1")
    edit(root / YEAR / "targets.yaml", "pa05: null, pa06: null, pa08: 80", "pa05: null, pa06: 70, pa08: 80")
    result = runner.invoke(app, ["--root", str(root), "diff", "2023"])
    assert result.exit_code == 0
    assert "PA04: nội dung 8, tiêu chí 8a: Khối chấm: 99 → 85" in result.stdout
    assert "PA04: nội dung 8, tiêu chí 8d: chấm chéo của PA03: 2 → 1" in result.stdout
    assert "PA06: chỉ tiêu 8a: không giao chỉ tiêu cụ thể → 70" in result.stdout
    assert "PA04: hạng 4; tổng 92,5 → 90,39" in result.stdout  # 8a below its target: 2 × 85/90 = 1,89, not 4
    assert "PA06: hạng 8; tổng 86 → 85,36" in result.stdout  # 71,25 against 70: 2 + 2 × 1,79/10, not 4 × 71,25/95
