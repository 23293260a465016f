"""Documents: golden Markdown, Word files read back, template errors and missing data."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from conftest import copy_sample, edit
from giaouoc.cli.app import app

runner = CliRunner()
GOLDEN = Path(__file__).parent / "data" / "golden"
DOCS = ["giao-uoc", "bang-diem", "bien-ban", "to-trinh"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample year rendered once, Markdown and Word."""

    root = tmp_path_factory.mktemp("render")
    copy_sample(root)
    result = runner.invoke(app, ["--root", str(root), "render", "2023", "--docx"])
    assert result.exit_code == 0, result.stderr
    return root / "out" / "2023"


@pytest.mark.parametrize("doc", DOCS)
def test_markdown_matches_golden(rendered: Path, doc: str) -> None:
    produced = (rendered / f"{doc}.md").read_text(encoding="utf-8")
    golden = GOLDEN / f"{doc}.md"
    if os.environ.get("GIAOUOC_UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")


def test_render_lists_written_files_and_is_deterministic(root: Path) -> None:
    code, stdout, _ = invoke(root, "render", "2023", "--docx")
    assert code == 0
    assert stdout.splitlines() == sorted(f"out/2023/{d}.{e}" for d in DOCS for e in ("docx", "md"))
    first = {p.name: p.read_bytes() for p in (root / "out" / "2023").iterdir()}
    invoke(root, "render", "2023", "--docx")
    assert first == {p.name: p.read_bytes() for p in (root / "out" / "2023").iterdir()}


def fonts_of(element: object) -> list[dict[str, str]]:
    return [dict(f.attrib) for f in element.iter(f"{W}rFonts")]  # type: ignore[attr-defined]


@pytest.mark.parametrize("doc", DOCS)
def test_docx_page_margins_and_fonts(rendered: Path, doc: str) -> None:
    document = Document(str(rendered / f"{doc}.docx"))
    section = document.sections[0]
    landscape = doc == "bang-diem"
    assert (round(section.page_width.mm), round(section.page_height.mm)) == ((297, 210) if landscape else (210, 297))
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [20, 20, 30, 15]
    everywhere = fonts_of(document.element) + fonts_of(document.styles.element)
    assert everywhere
    for fonts in everywhere:
        assert not any(key.endswith("Theme") or key.endswith("theme") for key in fonts), fonts
        for key in ("ascii", "hAnsi", "cs", "eastAsia"):
            assert fonts[f"{W}{key}"] == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14


def header_texts(document: object) -> list[str]:
    table = document.tables[0]  # type: ignore[attr-defined]
    return [p.text for cell in table.rows[0].cells for p in cell.paragraphs if p.text]


def test_to_trinh_header_and_signature(rendered: Path) -> None:
    document = Document(str(rendered / "to-trinh.docx"))
    assert header_texts(document) == [
        "CÔNG AN TỈNH QUẢNG BÌNH", "KHỐI THI ĐUA AN NINH NHÂN DÂN", "Số: 15/TTr-KANND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Quảng Bình, ngày 20 tháng 11 năm 2023",
    ]
    right = document.tables[0].rows[0].cells[1]
    date_line = [p for p in right.paragraphs if p.text.startswith("Quảng Bình")][0]
    assert all(run.italic for run in date_line.runs)
    texts = [p.text for p in document.paragraphs]
    assert "TỜ TRÌNH" in texts and "Kính gửi: Hội đồng Thi đua - Khen thưởng Công an tỉnh Quảng Bình." in texts
    signature = document.tables[-1].rows[0].cells
    left = [p.text for p in signature[0].paragraphs if p.text]
    assert left[0] == "Nơi nhận:" and left[-1] == "- Lưu: VT." and all(x.endswith(";") for x in left[1:-1])
    assert [p.text for p in signature[1].paragraphs if p.text] == ["TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI",
                                                                   "Thượng tá Lê Văn C"]


def test_giao_uoc_date_line_and_signature_grid(rendered: Path) -> None:
    document = Document(str(rendered / "giao-uoc.docx"))
    assert "Quảng Bình, ngày 09 tháng 3 năm 2023" in header_texts(document)
    grid = next(t for t in document.tables if len(t.columns) == 3 and "PHÒNG AN NINH ĐỐI NGOẠI" in t.cell(0, 0).text)
    assert len(grid.rows) == 6
    assert grid.cell(1, 0).text.strip() == "Thượng tá Nguyễn Văn A"
    assert grid.cell(4, 2).text.strip() == "PHÒNG HỒ SƠ"
    assert grid.cell(5, 2).text.strip() == "Trung tá Đỗ Văn L"


def test_bien_ban_has_no_date_line_and_secretary_left(rendered: Path) -> None:
    document = Document(str(rendered / "bien-ban.docx"))
    texts = header_texts(document)
    assert "Số: 05/BB-KANND" in texts
    assert not any("ngày" in t for t in texts)
    left, right = document.tables[-1].rows[0].cells
    assert left.text.split()[:2] == ["THƯ", "KÝ"] and "Trần Thị M" in left.text
    assert right.text.split()[:2] == ["CHỦ", "TỌA"] and "Lê Văn Hóa" in right.text


def test_page_number_field_from_the_second_page(rendered: Path) -> None:
    document = Document(str(rendered / "bien-ban.docx"))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and 'w:fldCharType="begin"' in header_xml
    assert section.first_page_header.paragraphs[0].text == ""


def test_score_table_rows_and_repeated_header(rendered: Path) -> None:
    document = Document(str(rendered / "bang-diem.docx"))
    table = next(t for t in document.tables if t.cell(0, 0).text == "TT")
    assert len(table.rows) == 1 + 1 + 9
    assert len(table.columns) == 2 + 13 + 6
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    first = [c.text for c in table.rows[2].cells]
    assert first[:4] == ["1", "PA03", "7,5", "7,5"] and "98,5" in first
    assert table.rows[2].cells[2].paragraphs[0].alignment == 2  # numbers right-aligned


def test_missing_review_skips_bien_ban_with_a_warning(root: Path) -> None:
    (root / "compacts/2023/review.yaml").unlink()
    code, stdout, stderr = invoke(root, "render", "2023")
    assert code == 0
    assert "bien-ban" not in stdout and "out/2023/to-trinh.md" in stdout
    assert "Bỏ qua văn bản «bien-ban»: chưa có review.yaml" in stderr
    code, _, stderr = invoke(root, "render", "2023", "--doc", "bien-ban")
    assert code == 1 and "bien-ban" in stderr
    assert not (root / "out/2023/bien-ban.md").exists()


def test_nothing_is_written_when_data_has_errors(root: Path) -> None:
    edit(root / "compacts/2023/compact.yaml", "year: 2023", "year: 2024")
    code, _, stderr = invoke(root, "render", "2023", "--docx")
    assert code == 1 and "year-mismatch" in stderr
    assert not (root / "out").exists()


def test_doc_option_and_out_folder(root: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    code, stdout, _ = invoke(root, "render", "2023", "--doc", "to-trinh", "--out", str(target))
    assert code == 0
    assert [p.name for p in target.iterdir()] == ["to-trinh.md"]
    code, _, stderr = invoke(root, "render", "2023", "--doc", "bao-cao")
    assert code == 2 and "bao-cao" in stderr


def override(root: Path, name: str, text: str) -> None:
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / name).write_text(text, encoding="utf-8")


def test_data_root_template_overrides_the_default(root: Path) -> None:
    default = (Path(__file__).parent.parent / "templates" / "to-trinh.md.j2").read_text(encoding="utf-8")
    override(root, "to-trinh.md.j2", default.replace("## II. ĐỀ NGHỊ KHEN THƯỞNG", "## II. ĐỀ NGHỊ"))
    invoke(root, "render", "2023", "--doc", "to-trinh")
    text = (root / "out/2023/to-trinh.md").read_text(encoding="utf-8")
    assert "## II. ĐỀ NGHỊ\n" in text


def test_template_syntax_error_names_file_and_line(root: Path) -> None:
    override(root, "to-trinh.md.j2", "---\nid: to-trinh\n---\nDòng một\n{% for x in %}\n")
    code, _, stderr = invoke(root, "render", "2023", "--doc", "to-trinh")
    assert code == 1
    assert "templates/to-trinh.md.j2:5: mẫu văn bản sai cú pháp Jinja" in stderr
    assert "Traceback" not in stderr


def test_undefined_variable_names_file_and_line(root: Path) -> None:
    override(root, "bang-diem.md.j2", "---\nid: x\n---\n\n{{ compact.khong_co }}\n")
    code, _, stderr = invoke(root, "render", "2023", "--doc", "bang-diem")
    assert code == 1
    assert "templates/bang-diem.md.j2:5: mẫu văn bản dùng «khong_co»" in stderr


def test_sandbox_escape_fails_cleanly(root: Path) -> None:
    override(root, "bang-diem.md.j2", "---\nid: x\n---\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    code, _, stderr = invoke(root, "render", "2023", "--doc", "bang-diem")
    assert code == 1
    assert "templates/bang-diem.md.j2:4" in stderr and "Traceback" not in stderr
    assert not (root / "out").exists()


def test_bad_front_matter_is_reported(root: Path) -> None:
    override(root, "bang-diem.md.j2", "---\nid: x\ntype: 3\n---\nthân\n")
    code, _, stderr = invoke(root, "render", "2023", "--doc", "bang-diem")
    assert code == 1 and "phần khung" in stderr


def test_pdf_without_libreoffice_is_a_usage_error(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(root))
    code, _, stderr = invoke(root, "render", "2023", "--pdf")
    assert code == 2 and "LibreOffice" in stderr
    assert not (root / "out").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_through_libreoffice(root: Path) -> None:
    code, stdout, stderr = invoke(root, "render", "2023", "--doc", "bien-ban", "--pdf")
    assert code == 0, stderr
    pdf = root / "out/2023/bien-ban.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "BIÊN BẢN" in text and "Họp bình xét, suy tôn" in text and "Lê Văn Hóa" in text


def test_number_line_leading_zero_and_blank_for_the_van_thu() -> None:
    from giaouoc.documents.frame import Frame

    frame = Frame(id="x", type="TỜ TRÌNH", title="t", authority="A", issuer="B", code="TTr", block_code="KANND")
    assert frame.number_line == "Số:      /TTr-KANND"
    assert frame.model_copy(update={"number": "5"}).number_line == "Số: 05/TTr-KANND"
    assert frame.model_copy(update={"number": "15"}).number_line == "Số: 15/TTr-KANND"
    assert frame.model_copy(update={"code": None}).number_line is None
