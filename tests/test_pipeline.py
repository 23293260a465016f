"""One pipeline behind every command that reads a year: the same data gives the same problems and exit code
(history.md §7), and one mistake gives one message (issue 20 item 8)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE, YEAR_BOUND, edit, without_history
from giaouoc.cli.app import app
from giaouoc.history.check import check_all

runner = CliRunner()


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Văn thư", "-c", "user.email=vt@example.invalid", *args],
                   cwd=cwd, capture_output=True, text=True, check=True)


def folder_year_2022(root: Path) -> Path:
    """A folder year 2022 before the sample's 2023 (which reads 2022 for its Bằng khen and Cờ)."""
    folder = root / "compacts" / "2022"
    shutil.copytree(SAMPLE, folder)
    without_history(folder)
    edit(folder / "compact.yaml", "year: 2023", "year: 2022")
    edit(folder / "compact.yaml", "date: 2023-03-09", "date: 2022-03-09")
    edit(folder / "review.yaml", "date: 2023-11-20", "date: 2022-11-20")
    history = root / "compacts/history.yaml"
    text = history.read_text(encoding="utf-8")
    history.write_text(text[:text.index("  2022:\n")], encoding="utf-8")  # 2022 is a folder now
    return folder


def break_history(root: Path) -> None:
    edit(root / "compacts/history.yaml", "years:\n", "bogus: 1\nyears:\n")


def break_earlier_units(root: Path) -> None:
    edit(folder_year_2022(root) / "units.yaml", "  - id: pa01\n", "  - id: pa01\n    bogus: 1\n")


def break_earlier_scores(root: Path) -> None:
    edit(folder_year_2022(root) / "scores/pa01.yaml", "unit: pa01", "unit: pa01\nunit: pa01")


def problem_lines(text: str) -> list[str]:
    """The problems a command printed (file:line:col: lỗi|cảnh báo [code]: …), and its notes."""
    return sorted(line.strip() for line in text.splitlines()
                  if (" lỗi [" in line or " cảnh báo [" in line or line.startswith("Lưu ý:"))
                  and not any(f"[{code}]" in line for code in YEAR_BOUND))


COMMANDS = {
    "rank": ["rank", "2023"],
    "status": ["status", "2023", "--format", "json"],
    "render": ["render", "2023", "--draft", "--out", "{out}"],
    "report": ["report", "2023", "--out", "{out}"],
    "export": ["export", "2023", "--xlsx", "{out}/ket-qua.xlsx"],
}


@pytest.mark.parametrize(("breaking", "code", "expected"), [
    (break_history, 1, [
        "compacts/history.yaml:3:1: lỗi [unknown-key]: khóa «bogus» không có trong định dạng; các khóa được dùng ở "
        "đây: titles, years",
        "Lưu ý: chưa kiểm tra «formerly» trong units.yaml của các năm vì compacts/history.yaml chưa đọc được: sửa lỗi "
        "của tệp đó rồi chạy lại."]),
    (break_earlier_units, 1, [
        "compacts/2022/units.yaml:4:5: lỗi [unknown-key]: khóa «bogus» không có trong định dạng; các khóa được dùng "
        "ở đây: id, name, short, head, registered, formerly, header",
        "compacts/2022:1:1: cảnh báo [year-has-errors]: năm 2022 còn lỗi dữ liệu: các điều kiện nhiều năm của năm "
        "2023 chờ năm đó (xem «giaouoc validate 2022»)",
        "Lưu ý: chưa kiểm tra đơn vị trong history.yaml; «formerly» của các năm vì compacts/2022/units.yaml chưa "
        "đọc được: sửa lỗi của tệp đó rồi chạy lại."]),
    (break_earlier_scores, 0, [
        "compacts/2022:1:1: cảnh báo [year-has-errors]: năm 2022 còn lỗi dữ liệu: các điều kiện nhiều năm của năm "
        "2023 chờ năm đó (xem «giaouoc validate 2022»)"]),
], ids=["history.yaml", "earlier units.yaml", "earlier scores"])
def test_every_command_reading_the_year_agrees(tmp_path: Path, root: Path, breaking: object, code: int,
                                               expected: list[str]) -> None:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Năm 2023")
    assert callable(breaking)
    breaking(root)
    for name, args in COMMANDS.items():
        out = tmp_path / f"out-{name}"
        exit_code, stdout, stderr = invoke(root, *[a.format(out=out) for a in args])
        assert (name, exit_code, problem_lines(stderr)) == (name, code, sorted(expected))
        if name == "status":
            state = json.loads(stdout)
            shown = problem_lines(stderr)  # the year-bound warnings left out, as in `expected`
            year_bound = sum(f"[{c}]" in line for c in YEAR_BOUND for line in stderr.splitlines())
            assert (state["errors"], state["warnings"] - year_bound) == (
                sum(" lỗi [" in line for line in shown), sum(" cảnh báo [" in line for line in shown))
            assert (state["final"] is None) == (code == 1)  # no ranking shown for a refused year
    exit_code, stdout, _ = invoke(root, "diff", "2023")  # HEAD (clean) against the working tree (broken)
    assert exit_code == code
    shown = [line.strip() for line in stdout.splitlines() if " lỗi [" in line]
    assert shown == [line for line in expected if " lỗi [" in line]


def test_history_refuses_like_the_year_commands(root: Path) -> None:
    break_history(root)
    code, _, stderr = invoke(root, "history")
    assert code == 1
    assert [line for line in problem_lines(stderr) if " lỗi [" in line] == [
        "compacts/history.yaml:3:1: lỗi [unknown-key]: khóa «bogus» không có trong định dạng; các khóa được dùng ở "
        "đây: titles, years"]


# --- one mistake, one message ----------------------------------------------------------------------------------


def codes(root: Path) -> list[tuple[str, str, int]]:
    return sorted((p.code, p.file, p.line) for p in check_all(root).problems)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("leader: pa03", "leader: PA03", [("invalid-id", "compacts/2023/compact.yaml", 23)]),
    ("  date: 2023-03-09", "  date: 2023-13-09", [("invalid-date", "compacts/2023/compact.yaml", 20)]),
    ("leader: pa03", "leadr: pa03", [("missing-key", "compacts/2023/compact.yaml", 10),
                                     ("unknown-key", "compacts/2023/compact.yaml", 23)]),
], ids=["leader", "date", "key typo"])
def test_a_broken_compact_gives_one_problem(root: Path, old: str, new: str,
                                           expected: list[tuple[str, str, int]]) -> None:
    edit(root / "compacts/2023/compact.yaml", old, new)
    assert codes(root) == expected
    report = check_all(root)
    assert report.notes == ["chưa kiểm tra danh hiệu, xếp loại trong history.yaml; danh hiệu nêu trong điều kiện "
                            "nhiều năm vì compacts/2023/compact.yaml chưa đọc được: sửa lỗi của tệp đó rồi chạy lại"]


def test_a_broken_unit_list_gives_one_problem(root: Path) -> None:
    edit(root / "compacts/2023/units.yaml", "  - id: pa01\n", "  - id: pa01\n    bogus: 1\n")
    assert codes(root) == [("unknown-key", "compacts/2023/units.yaml", 4)]
    code, stdout, _ = invoke(root, "validate", "--format", "github")
    assert code == 1
    assert [line.split("::")[1] for line in stdout.splitlines()] == [
        "error file=compacts/2023/units.yaml,line=4,col=5,title=unknown-key", "notice title=giaouoc"]


def test_a_broken_history_file_gives_one_problem(root: Path) -> None:
    break_history(root)
    assert codes(root) == [("unknown-key", "compacts/history.yaml", 3)]
    code, stdout, stderr = invoke(root, "validate", "--format", "json")
    document = json.loads(stdout)
    assert (code, document["errors"], document["warnings"]) == (1, 1, 0)
    assert document["notes"] == ["chưa kiểm tra «formerly» trong units.yaml của các năm vì compacts/history.yaml "
                                 "chưa đọc được: sửa lỗi của tệp đó rồi chạy lại"]
    code, stdout, stderr = invoke(root, "validate")
    assert stdout.count("\n") == 1 and "Lưu ý: chưa kiểm tra «formerly»" in stderr  # stdout: problems only


def test_checks_run_again_once_the_file_reads(root: Path) -> None:
    """The skipped checks are skipped only while their input is broken: a real history problem still shows."""
    edit(root / "compacts/history.yaml", "titles: [quyet-thang]}", "titles: [quyet-thangg]}")
    assert ("unknown-title", "compacts/history.yaml", 7) in codes(root)
    edit(root / "compacts/2023/compact.yaml", "leader: pa03", "leader: PA03")
    assert codes(root) == [("invalid-id", "compacts/2023/compact.yaml", 23)]


# --- a bug is a bug ------------------------------------------------------------------------------------------------


def test_a_bug_while_building_the_context_exits_three_with_a_log(root: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    """Not a template error (exit 1, blaming the clerk's template): giaouoc's own fault, its traceback kept."""
    import os

    import giaouoc.documents.render as render

    def broken(*args: object) -> None:
        raise KeyError("context-bug")

    monkeypatch.setattr(render, "build_context", broken)
    code, _, stderr = invoke(root, "render", "2023", "--out", str(tmp_path / "out"))
    log = Path(os.environ["XDG_CACHE_HOME"]) / "giaouoc" / "giaouoc.log"
    assert code == 3
    assert "template-error" not in stderr and "mẫu" not in stderr
    assert f"Chi tiết đã ghi vào {log}" in stderr and "Traceback" not in stderr
    text = log.read_text(encoding="utf-8")
    assert "KeyError: 'context-bug'" in text and "lệnh: giaouoc" in text


def test_a_place_that_cannot_be_written_is_a_file_error(root: Path, tmp_path: Path) -> None:
    from giaouoc.errors import FileAccessError, UsageError
    from giaouoc.files import write_atomic

    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(FileAccessError) as caught:
        write_atomic(blocker / "inside" / "out.xlsx", b"data")
    assert not isinstance(caught.value, UsageError) and caught.value.exit_code == 2
    code, _, stderr = invoke(root, "export", "2023", "--xlsx", str(blocker / "out.xlsx"))
    assert code == 2 and f"Lỗi: không ghi được {blocker / 'out.xlsx'}" in stderr


def test_a_form_shows_the_warnings_about_its_unit_only(root: Path, tmp_path: Path) -> None:
    (root / "compacts/2023/scores/pv06.yaml").unlink()  # missing-scores, in units.yaml, about pv06
    edit(root / "compacts/2023/scores/pa06.yaml", "  1: {self: 7.5, block: 7}\n", "")  # incomplete, in its file
    warned = {}
    for unit in ("pa06", "pv06", "pa01"):
        code, _, stderr = invoke(root, "form", "2023", unit, "--xlsx", str(tmp_path / f"{unit}.xlsx"))
        assert code == 0
        warned[unit] = [line.split(" [")[1].split("]")[0] for line in problem_lines(stderr)]
    assert warned == {"pa06": ["incomplete-scores"], "pv06": ["missing-scores"], "pa01": []}
    code, _, stderr = invoke(root, "form", "2023", "--all", "--out", str(tmp_path / "all"))
    assert code == 0 and sorted(line.split(" [")[1].split("]")[0] for line in problem_lines(stderr)) == [
        "incomplete-scores", "missing-scores"]


def test_validate_a_year_shows_its_files_and_history_yaml(root: Path) -> None:
    """Selected structurally (the report of each file), not by matching file names."""
    break_earlier_scores(root)  # an error in compacts/2022/scores/pa01.yaml
    edit(root / "compacts/history.yaml", "titles: [quyet-thang]}", "titles: [quyet-thangg]}")
    edit(root / "compacts/2023/scores/pa03.yaml", "  7: {self: 8, block: 8}\n", "")
    shown = {name: sorted((p.code, p.file) for p in check_all(root, [root / "compacts" / name]).problems
                          if p.code not in YEAR_BOUND) for name in ("2022", "2023")}
    history = ("unknown-title", "compacts/history.yaml")
    assert shown == {"2022": [("duplicate-key", "compacts/2022/scores/pa01.yaml"), history],
                     "2023": [("incomplete-scores", "compacts/2023/scores/pa03.yaml"), history]}


def test_import_edits_the_key_the_loader_read(root: Path, tmp_path: Path) -> None:
    """One YAML walker: the editor finds an item under the key the loader read (`+1:` is item 1), so an import
    changes that line instead of adding a second item 1."""
    from openpyxl import load_workbook

    path = root / "compacts/2023/scores/pa04.yaml"
    edit(path, "  1: {self: 7.5, block: 7.5}", "  +1: {self: 7.5, block: 7.5}")
    form = tmp_path / "pa04.xlsx"
    assert invoke(root, "form", "2023", "pa04", "--xlsx", str(form))[0] == 0
    workbook = load_workbook(form)
    workbook["Tự chấm"]["E6"] = 8
    workbook.save(form)
    code, stdout, stderr = invoke(root, "import", "2023", str(form))
    assert code == 0, stderr
    assert "nội dung 1: tự chấm 7,5 → 8" in stdout
    assert "  +1: {self: 8, block: 7.5}\n" in path.read_text(encoding="utf-8")
    assert invoke(root, "validate", "2023")[0] == 0


def test_close_refuses_a_year_whose_history_yaml_has_errors(root: Path) -> None:
    """close reads the year the same way (history.md §7): the year is fine, but history.yaml is not."""
    from test_history import closable

    closable(root)
    break_history(root)
    code, _, stderr = invoke(root, "close", "2023")
    assert code == 1 and "Lỗi: năm 2023 còn 1 lỗi: hãy sửa trước khi khóa sổ" in stderr
    assert not (root / "compacts/2023/closed.yaml").exists()
