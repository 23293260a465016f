"""Output folders: nothing stale left beside newer Markdown silently, nothing changed by hand overwritten or
deleted (documents/manifest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import before_the_ballot, edit
from giaouoc.cli.app import app
from giaouoc.documents import output
from giaouoc.documents.manifest import RECORD

runner = CliRunner()


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def change_a_score(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa04.yaml", "1: {self: 7.5, block: 7.5}", "1: {self: 7.5, block: 6.5}")


@pytest.fixture
def fake_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice stood in by a converter that makes a 'PDF' from each Word file's bytes."""
    monkeypatch.setattr(output, "find_soffice", lambda places=None: "soffice")
    monkeypatch.setattr(output, "convert_to_pdf",
                        lambda files: {Path(n).stem + ".pdf": b"%PDF " + data[-40:] for n, data in files.items()})
    monkeypatch.setattr(output, "font_warning", lambda: None)


def test_markdown_only_render_rewrites_a_word_file_made_from_older_markdown(root: Path) -> None:
    assert invoke(root, "render", "2023", "--docx")[0] == 0
    folder = root / "out/2023"
    before = (folder / "bang-diem.docx").read_bytes()
    change_a_score(root)
    code, stdout, stderr = invoke(root, "render", "2023")
    assert code == 0, stderr
    assert "out/2023/bang-diem.docx" in stdout.splitlines()
    after = (folder / "bang-diem.docx").read_bytes()
    assert after != before
    fresh = root / "fresh"
    assert invoke(root, "render", "2023", "--doc", "bang-diem", "--docx", "--out", str(fresh))[0] == 0
    assert after == (fresh / "bang-diem.docx").read_bytes()
    assert "out/2023/giao-uoc.docx" not in stdout  # unchanged Markdown: its Word file is not touched


def test_an_old_pdf_beside_newer_markdown_is_named(root: Path, fake_pdf: None) -> None:
    code, stdout, stderr = invoke(root, "render", "2023", "--pdf")
    assert code == 0, stderr
    assert "out/2023/bang-diem.pdf" in stdout
    change_a_score(root)
    code, _, stderr = invoke(root, "render", "2023")
    assert code == 0
    assert "out/2023/bang-diem.pdf" in stderr and "--pdf" in stderr
    assert "giao-uoc.pdf" not in stderr  # made from the Markdown it is beside


def test_a_word_file_edited_by_hand_is_moved_aside_not_overwritten(root: Path) -> None:
    assert invoke(root, "render", "2023", "--docx")[0] == 0
    folder = root / "out/2023"
    edited = (folder / "to-trinh.docx").read_bytes() + b"van thu"
    (folder / "to-trinh.docx").write_bytes(edited)
    code, stdout, stderr = invoke(root, "render", "2023", "--docx")
    assert code == 0, stderr
    assert (folder / "to-trinh.sua-tay.docx").read_bytes() == edited
    assert "out/2023/to-trinh.docx" in stderr and "to-trinh.sua-tay.docx" in stderr
    assert (folder / "to-trinh.docx").read_bytes() != edited
    (folder / "to-trinh.docx").write_bytes(edited + b" again")
    assert invoke(root, "render", "2023", "--docx")[0] == 0
    assert (folder / "to-trinh.sua-tay-2.docx").read_bytes() == edited + b" again"
    assert (folder / "to-trinh.sua-tay.docx").read_bytes() == edited


def test_a_year_turning_draft_removes_only_what_giaouoc_wrote(root: Path) -> None:
    assert invoke(root, "render", "2023", "--docx")[0] == 0
    folder = root / "out/2023"
    edited = (folder / "to-trinh.docx").read_bytes() + b"van thu"
    (folder / "to-trinh.docx").write_bytes(edited)
    before_the_ballot(root / "compacts/2023")
    code, _, stderr = invoke(root, "render", "2023")
    assert code == 0
    assert not (folder / "to-trinh.md").exists() and not (folder / "to-trinh.docx").exists()
    assert (folder / "to-trinh.sua-tay.docx").read_bytes() == edited
    assert "Đã xóa bản cũ out/2023/to-trinh.md" in stderr and "to-trinh.sua-tay.docx" in stderr


def test_a_file_giaouoc_has_no_record_of_is_kept(root: Path) -> None:
    folder = root / "out/2023"
    folder.mkdir(parents=True)
    (folder / "giao-uoc.md").write_text("bản của văn thư\n", encoding="utf-8")
    (folder / RECORD).write_text("{không phải JSON", encoding="utf-8")  # a damaged record: files count as unknown
    code, _, stderr = invoke(root, "render", "2023")
    assert code == 0, stderr
    assert (folder / "giao-uoc.sua-tay.md").read_text(encoding="utf-8") == "bản của văn thư\n"
    record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    assert sorted(record["files"]) == ["bang-diem.md", "bien-ban-kiem-phieu.md", "bien-ban.md", "giao-uoc.md",
                                       "phieu-bau.md", "to-trinh.md"]
