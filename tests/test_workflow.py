"""The clerk's year in git: new, status, diff, and the pre-commit hook."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import REPO, copy_sample, edit
from giaouoc.cli.app import app

runner = CliRunner()


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Văn thư", "-c", "user.email=vt@example.invalid", *args],
                          cwd=cwd, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(root: Path) -> Path:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Năm 2023")
    return root


def test_new_from_previous_year_lists_only_what_to_fill_in(root: Path) -> None:
    code, _, stderr = invoke(root, "new", "2024", "--from", "2023")
    assert code == 0 and "compacts/2024" in stderr
    folder = root / "compacts" / "2024"
    assert sorted(p.name for p in folder.iterdir()) == ["compact.yaml", "items.yaml", "scores", "text", "units.yaml"]
    old_units = (root / "compacts/2023/units.yaml").read_text(encoding="utf-8").splitlines()
    assert (folder / "units.yaml").read_text(encoding="utf-8").splitlines() == [
        line for line in old_units if "formerly:" not in line]  # lineage is not carried
    assert not any(p.suffix == ".yaml" for p in (folder / "scores").iterdir())
    assert "2024" in (folder / "text/giao-uoc.md").read_text(encoding="utf-8")
    assert "text/giao-uoc.md" in stderr  # what the clerk must review
    code, stdout, _ = invoke(root, "validate", "2024", "--format", "json")
    problems = json.loads(stdout)["problems"]
    assert code == 1
    assert {p["code"] for p in problems} == {"placeholder"}
    assert [p["message"] for p in problems] == [
        "chưa điền: ngày ký, dạng 2024-TT-NN", "chưa điền: cấp bậc", "chưa điền: họ tên người chủ trì",
        "chưa điền: chức vụ"]  # the officials come from the 2023 review's `next`
    compact = (folder / "compact.yaml").read_text(encoding="utf-8")
    assert "leader: pa05" in compact and "deputy: pa01" in compact
    assert "number:" not in compact and "date: 2023" not in compact and "short: HTXS" in compact


def test_filled_in_new_year_validates(root: Path) -> None:
    invoke(root, "new", "2024", "--from", "2023")
    path = root / "compacts/2024/compact.yaml"
    edit(path, "<ngày ký, dạng 2024-TT-NN>", "2024-03-05")
    edit(path, '{rank: "<cấp bậc>", name: "<họ tên người chủ trì>", title: "<chức vụ>"}',
         "{rank: Đại tá, name: Lê Văn Hóa}")
    code, _, stderr = invoke(root, "validate", "2024")
    assert code == 0, stderr
    code, stdout, _ = invoke(root, "render", "2024", "--doc", "giao-uoc")
    assert code == 0
    assert "Quảng Bình, ngày 05 tháng 3 năm 2024" in (root / "out/2024/giao-uoc.md").read_text(encoding="utf-8")


def test_new_skeleton_without_source(root: Path) -> None:
    code, _, _ = invoke(root, "new", "2025")
    assert code == 0
    compact = (root / "compacts/2025/compact.yaml").read_text(encoding="utf-8")
    assert compact.startswith("# Giao ước thi đua năm 2025") and "year: 2025" in compact
    code, stdout, _ = invoke(root, "validate", "2025", "--format", "json")
    assert code == 1
    assert {p["code"] for p in json.loads(stdout)["problems"]} == {"placeholder"}


def test_new_refuses_an_existing_year(root: Path) -> None:
    before = (root / "compacts/2023/compact.yaml").read_bytes()
    code, _, stderr = invoke(root, "new", "2023", "--from", "2023")
    assert code == 1 and "đã có" in stderr
    assert (root / "compacts/2023/compact.yaml").read_bytes() == before
    code, _, _ = invoke(root, "new", "2024", "--from", "2019")
    assert code == 2


def test_status_of_the_complete_sample(root: Path) -> None:
    code, stdout, _ = invoke(root, "status", "2023", "--format", "json")
    state = json.loads(stdout)
    assert code == 0
    assert state["scoring_complete"] is True and state["review"] is True
    assert state["leader"] == "pa03" and state["deputy"] == "pa05"
    assert all(u["block_scores"] == 13 and u["missing"] == [] for u in state["units"])
    assert state["documents"] == {"giao-uoc": True, "bang-diem": True, "phieu-bau": True, "bien-ban-kiem-phieu": True,
                                  "bien-ban": True, "to-trinh": True}
    code, stdout, _ = invoke(root, "status", "2023")
    assert "Chấm điểm: đã đủ điểm Khối thống nhất cho mọi đơn vị." in stdout


def test_status_during_the_year(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa06.yaml", "  1: {self: 7.5, block: 7}", "  1: {self: 7.5}")
    edit(root / "compacts/2023/scores/pa06.yaml", "  2: {self: 7.5, block: 7.5}\n", "")
    (root / "compacts/2023/scores/pv06.yaml").unlink()
    (root / "compacts/2023/review.yaml").unlink()
    code, stdout, _ = invoke(root, "status", "2023", "--format", "json")
    state = json.loads(stdout)
    pa06 = next(u for u in state["units"] if u["id"] == "pa06")
    pv06 = next(u for u in state["units"] if u["id"] == "pv06")
    assert (pa06["self_scores"], pa06["block_scores"], pa06["missing"]) == (12, 11, [2])
    assert pv06["has_file"] is False
    assert state["scoring_complete"] is False and state["review"] is False
    assert state["documents"]["bien-ban"] is False and state["documents"]["giao-uoc"] is True
    assert state["documents"]["bang-diem"] is False  # scores not all agreed: it would be a draft


def test_diff_shows_score_change_and_its_effect(repo: Path) -> None:
    edit(repo / "compacts/2023/scores/pa01.yaml", "  1: {self: 8, block: 8}", "  1: {self: 8, block: 5}")
    code, stdout, _ = invoke(repo, "diff", "2023")
    assert code == 0
    assert "PA01: nội dung 1: điểm Khối: 8 → 5" in stdout
    assert "PA01: hạng 3 → 4; tổng 93 → 90" in stdout
    assert "PA04: hạng 4 → 3; tổng 92,5" in stdout
    code, stdout, _ = invoke(repo, "diff", "2023", "--format", "markdown")
    assert "| PA01 | nội dung 1: điểm Khối | 8 | 5 |" in stdout
    assert "| PA01 | 3 → 4 | 93 → 90 |  |  |" in stdout


def test_diff_between_two_revisions_with_titles_bonus_exclusion_and_ballot(repo: Path) -> None:
    edit(repo / "compacts/2023/scores/pa03.yaml", "unit: pa03", "unit: pa03\nexcluded: Đang bị xem xét kỷ luật")
    edit(repo / "compacts/2023/scores/pa08.yaml", '"Triển khai cấp hộ chiếu trực tuyến vượt tiến độ"}',
         '"Triển khai cấp hộ chiếu trực tuyến vượt tiến độ"}\n  - {points: 1, reason: "Giải Nhất Hội thao"}')
    edit(repo / "compacts/2023/review.yaml", ", co-bca: [pa03]}", "}")  # the first ballot leaves the Cờ blank
    git(repo, "commit", "-qam", "Sửa")
    code, stdout, _ = invoke(repo, "diff", "2023", "HEAD~1", "--against", "HEAD")
    assert code == 0
    assert "Thay đổi năm 2023: bản HEAD~1 → bản HEAD" in stdout
    assert "PA03: không xếp hạng: — → Đang bị xem xét kỷ luật" in stdout
    assert "PA08: điểm thưởng: Giải Nhất Hội thao: — → 1" in stdout
    assert "PA03: phiếu bầu «Cờ thi đua của Bộ Công an»: 8 → 7" in stdout
    assert ("PA03: hạng 1 → —; tổng 98,5; xếp loại Hoàn thành xuất sắc nhiệm vụ → —; "
            "danh hiệu: − Đơn vị Quyết thắng; − Cờ thi đua của Bộ Công an") in stdout
    # PA05 held the flag in 2022 (compacts/history.yaml), so it may not have it again: its rank alone changes
    assert "  PA05: hạng 2 → 1; tổng 96,5\n" in stdout


def test_diff_reports_invalid_data_and_missing_year(repo: Path) -> None:
    edit(repo / "compacts/2023/scores/pa01.yaml", "  1: {self: 8, block: 8}", "  1: {self: 8, block: 80}")
    code, stdout, _ = invoke(repo, "diff", "2023")
    assert code == 1
    assert "Dữ liệu ở thư mục làm việc có 1 lỗi" in stdout and "score-over-max" in stdout
    assert "PA01: nội dung 1: điểm Khối: 8 → 80" in stdout
    invoke(repo, "new", "2024", "--from", "2023")
    code, stdout, _ = invoke(repo, "diff", "2024")
    assert "Năm này chưa có ở bản HEAD." in stdout


def test_diff_fails_clearly_outside_git_and_for_unknown_revision(root: Path, repo: Path) -> None:
    code, _, stderr = invoke(repo, "diff", "2023", "v9.9")
    assert code == 2 and "v9.9" in stderr


def test_diff_outside_a_repository(root: Path) -> None:
    code, _, stderr = invoke(root, "diff", "2023")
    assert code == 2 and "kho git" in stderr


def test_diff_in_a_data_repository_below_the_top(tmp_path: Path) -> None:


    data = tmp_path / "kho" / "du-lieu"
    copy_sample(data)
    git(tmp_path / "kho", "init", "-q")
    git(tmp_path / "kho", "add", "-A")
    git(tmp_path / "kho", "commit", "-qm", "init")
    edit(data / "compacts/2023/scores/pa06.yaml", "  3: {self: 11, block: 11}", "  3: {self: 11, block: 12}")
    code, stdout, _ = invoke(data, "diff", "2023")
    assert code == 0 and "PA06: nội dung 3: điểm Khối: 11 → 12" in stdout


def test_pre_commit_hook_entry_in_a_data_repository(repo: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "giaouoc-validate")
    assert hook["pass_filenames"] is False
    command = shlex.split(hook["entry"])
    assert command[0] == "giaouoc"
    # pre-commit installs the package and runs its script: run this environment's, never another on PATH
    script = Path(sys.executable).parent / "giaouoc"
    assert script.is_file(), "pip install -e . puts the giaouoc script beside the interpreter"
    command[0] = str(script)
    good = subprocess.run(command, cwd=repo / "compacts", capture_output=True, text=True, check=False)
    assert good.returncode == 0, good.stderr
    edit(repo / "compacts/2023/compact.yaml", "year: 2023", "year: 2022")
    bad = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and "year-mismatch" in bad.stdout


def test_diff_counts_a_unit_left_off_every_ballot_as_zero_votes(repo: Path) -> None:
    """A title with ballots gives 0 votes to a unit nobody chose (docs/dinh-dang.md): the diff says 0, not "—"."""
    path = repo / "compacts/2023/review.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  ballots:")
    path.write_text(text[:start] + text[start:].replace(", pa06]", "]"), encoding="utf-8")  # nobody chose PA06
    code, stdout, stderr = invoke(repo, "diff", "2023")
    assert code == 0, stderr
    assert "PA06: phiếu bầu «Đơn vị Quyết thắng»: 6 → 0" in stdout and "→ —" not in stdout
