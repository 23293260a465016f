"""Documents: golden Markdown, Word files read back, template errors and missing data."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from conftest import before_the_ballot, copy_sample, edit
from giaouoc.cli.app import app

runner = CliRunner()
GOLDEN = Path(__file__).parent / "data" / "golden"
DOCS = ["giao-uoc", "bang-diem", "phieu-bau", "bien-ban-kiem-phieu", "bien-ban", "to-trinh"]
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


def header_texts(document: object, row: int = 0) -> list[str]:
    table = document.tables[0]  # type: ignore[attr-defined]
    return [p.text for cell in table.rows[row].cells for p in cell.paragraphs if p.text]


def lines(document: object) -> list[str]:
    return [p.text for p in document.paragraphs]  # type: ignore[attr-defined]


def test_to_trinh_header_and_signature(rendered: Path) -> None:
    document = Document(str(rendered / "to-trinh.docx"))
    assert header_texts(document) == [
        "CÔNG AN TỈNH QUẢNG BÌNH", "KHỐI THI ĐUA", "AN NINH NHÂN DÂN",  # broken where block.header says
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    ]
    # Số and the date share the header's second row: they always stand level (ND30 Phụ lục I, II.4.c)
    assert header_texts(document, 1) == ["Số: 15/TTr-KANND", "Quảng Bình, ngày 25 tháng 11 năm 2023"]
    date_line = document.tables[0].rows[1].cells[1].paragraphs[0]
    assert all(run.italic for run in date_line.runs)
    for cell in document.tables[0].rows[0].cells:  # authority, issuer and motto lines follow with no gap (II.2.b)
        assert all(p.paragraph_format.space_after == 0 for p in cell.paragraphs)
    texts = lines(document)
    assert "TỜ TRÌNH" in texts and "Kính gửi: Hội đồng Thi đua - Khen thưởng Công an tỉnh Quảng Bình." in texts
    bases = [p for p in document.paragraphs if p.text.startswith("Căn cứ")]
    assert len(bases) == 5 and all(all(r.italic for r in p.runs) for p in bases)
    assert all(p.text.endswith(";") for p in bases[:-1]) and bases[-1].text.endswith(".")
    assert bases[-1].text.startswith("Căn cứ Biên bản số 05/BB-KANND ngày 20 tháng 11 năm 2023")
    body_end = next(p for p in texts if p.endswith("xem xét, trình Giám đốc Công an tỉnh Quảng Bình quyết định./."))
    assert body_end
    signature = [p.split("\t") for p in texts[texts.index(body_end) + 1:] if p.strip()]
    left = []
    for row in signature:  # a long recipient is wrapped over two lines of the left column
        if row[0] and left and not row[0].startswith(("- ", "Nơi nhận")):
            left[-1] += " " + row[0]
        elif row[0]:
            left.append(row[0])
    assert left == ["Nơi nhận:", "- Như trên;", "- Đồng chí Phó Giám đốc phụ trách Khối (để báo cáo);",
                    "- Lưu: VT, PA03, 02b."]
    right = [row[1] for row in signature if len(row) > 1 and row[1]]
    assert right == ["TM. KHỐI THI ĐUA", "AN NINH NHÂN DÂN", "TRƯỞNG KHỐI", "Thượng tá Lê Văn C"]


def test_giao_uoc_date_line_and_signature_grid(rendered: Path) -> None:
    document = Document(str(rendered / "giao-uoc.docx"))
    assert "Quảng Bình, ngày 09 tháng 3 năm 2023" in header_texts(document, 1)
    texts = lines(document)
    assert any(t.endswith("có giá trị như nhau./.") for t in texts)
    grid = [t.split("\t")[1:] for t in texts if t.startswith("\tPHÒNG") or t.startswith("\tThượng tá")
            or t.startswith("\tTrung tá")]
    names = [row for row in grid if row[0].startswith(("Thượng tá", "Trung tá"))]
    assert names[0] == ["Thượng tá Nguyễn Văn A", "Thượng tá Trần Văn B", "Thượng tá Lê Văn C"]
    assert names[2] == ["Thượng tá Đặng Thị H", "Thượng tá Bùi Văn K", "Trung tá Đỗ Văn L"]
    assert "PHÒNG HỒ SƠ" in [row[2] for row in grid if len(row) > 2]
    cells = [cell for t in texts if t.startswith("\t") for cell in t.split("\t")[1:]]
    assert not [c for c in cells if c.endswith((" AN", "PHÒNG AN"))]  # never "PHÒNG AN" / "NINH NỘI ĐỊA"
    assert "NỘI ĐỊA" in cells and "CHỐNG TỘI PHẠM" in cells  # the name broken between words; pa05's own lines
    chair = [t.split("\t") for t in texts if "PHÓ GIÁM ĐỐC CÔNG AN TỈNH" in t][0]
    assert chair[0] == "Nơi nhận:"  # Nơi nhận level with the chair's block, under the chair's real post
    assert not any("CHỦ TRÌ HỘI NGHỊ" in t for t in texts)


def test_bien_ban_has_no_date_line_and_secretary_left(rendered: Path) -> None:
    document = Document(str(rendered / "bien-ban.docx"))
    assert header_texts(document, 1) == ["Số: 05/BB-KANND"]
    texts = lines(document)
    assert texts[-1] == "- Lưu: VT, Hồ sơ Khối."
    heads = [t.split("\t") for t in texts if "THƯ KÝ" in t][0]
    assert heads[1:] == ["THƯ KÝ", "CHỦ TỌA"]
    names = [t.split("\t") for t in texts if t.startswith("\t") and "Trần Thị M" in t][0]
    assert names[1:] == ["Thiếu tá Trần Thị M", "Đại tá Lê Văn Hóa"]
    recipients = texts[texts.index("Nơi nhận:"):]  # below the signatures (Mẫu 1.9)
    assert recipients[1:3] == ["- Hội đồng Thi đua - Khen thưởng Công an tỉnh;", "- Các đơn vị trong Khối;"]
    assert any(t.endswith("Biên bản được lập thành 04 bản./.") for t in texts)


def test_page_number_field_from_the_second_page(rendered: Path) -> None:
    document = Document(str(rendered / "bien-ban.docx"))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and 'w:fldCharType="begin"' in header_xml
    assert section.first_page_header.paragraphs[0].text == ""


def test_score_table_is_the_minutes_appendix(rendered: Path) -> None:
    document = Document(str(rendered / "bang-diem.docx"))
    texts = lines(document)
    assert texts[:4] == ["Phụ lục", "BẢNG TỔNG HỢP", "Kết quả chấm điểm thi đua năm 2023 của Khối thi đua An ninh "
                         "nhân dân", "(Kèm theo Biên bản số 05/BB-KANND ngày 20 tháng 11 năm 2023 của Khối thi đua An "
                         "ninh nhân dân)"]
    assert not any(t.startswith(("Nơi nhận", "Số:")) for t in texts) and not any("TRƯỞNG KHỐI" in t for t in texts)
    table = next(t for t in document.tables if t.cell(0, 0).text == "TT")
    assert len(table.rows) == 1 + 1 + 9
    assert len(table.columns) == 2 + 13 + 6
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert all(row._tr.xpath("./w:trPr/w:cantSplit") for row in table.rows)  # no row broken across pages
    first = [c.text for c in table.rows[2].cells]
    assert first[:4] == ["1", "PA03 - Phòng An ninh chính trị nội bộ", "7,5", "7,5"] and "98,5" in first
    assert table.rows[2].cells[2].paragraphs[0].alignment == 1  # numbers centred
    assert texts[-1].endswith("./.")


def test_score_table_stands_alone_without_a_review(root: Path) -> None:
    (root / "compacts/2023/review.yaml").unlink()
    code, _, stderr = invoke(root, "render", "2023", "--doc", "bang-diem", "--docx")
    assert code == 0, stderr
    document = Document(str(root / "out/2023/bang-diem.docx"))
    assert header_texts(document, 1) == ["Số: 06/KANND", "Quảng Bình, ngày      tháng      năm 2023"]
    rows = [t.split("\t") for t in lines(document)]
    start = rows.index(["Nơi nhận:", "TM. KHỐI THI ĐUA AN NINH NHÂN DÂN"])  # level with the signer's authority line
    assert [row[0] for row in rows[start:] if row[0]] == ["Nơi nhận:", "- Lưu: VT."]
    assert [row[1] for row in rows[start:] if row[1:] and row[1]] == [
        "TM. KHỐI THI ĐUA AN NINH NHÂN DÂN", "TRƯỞNG KHỐI", "Thượng tá Lê Văn C"]


def test_missing_review_skips_bien_ban_with_a_warning(root: Path) -> None:
    (root / "compacts/2023/review.yaml").unlink()
    code, stdout, stderr = invoke(root, "render", "2023")
    assert code == 0
    assert "bien-ban" not in stdout and "out/2023/bang-diem.md" in stdout
    assert "Bỏ qua văn bản «bien-ban»: chưa có review.yaml" in stderr
    assert "Bỏ qua văn bản «to-trinh»: kết quả chưa cuối cùng" in stderr  # no ballot: titles pending
    code, _, stderr = invoke(root, "render", "2023", "--doc", "bien-ban")
    assert code == 1 and "bien-ban" in stderr
    assert not (root / "out/2023/bien-ban.md").exists()


def _before_the_ballot(root: Path) -> None:
    before_the_ballot(root / "compacts/2023")


def test_pending_documents_are_skipped_not_stated(root: Path) -> None:
    code, _, _ = invoke(root, "render", "2023", "--docx")
    assert code == 0 and (root / "out/2023/to-trinh.docx").exists()
    _before_the_ballot(root)
    code, stdout, stderr = invoke(root, "render", "2023")
    assert code == 0
    assert stdout.splitlines() == ["out/2023/bang-diem.md", "out/2023/giao-uoc.md", "out/2023/phieu-bau.md"]
    assert stderr.count("Bỏ qua văn bản") == 3 and "chưa có kết quả bỏ phiếu" in stderr
    assert "Bỏ qua văn bản «bien-ban-kiem-phieu»: chưa ghi từng phiếu bầu" in stderr
    assert not (root / "out/2023/to-trinh.docx").exists() and not (root / "out/2023/to-trinh.md").exists()
    code, _, stderr = invoke(root, "render", "2023", "--doc", "to-trinh")
    assert code == 1 and "kết quả chưa cuối cùng" in stderr


def test_draft_marks_and_lists_what_is_pending(root: Path) -> None:
    _before_the_ballot(root)
    code, _, stderr = invoke(root, "render", "2023", "--doc", "to-trinh", "--draft", "--docx")
    assert code == 0, stderr
    text = (root / "out/2023/to-trinh.md").read_text(encoding="utf-8")
    assert "draft: true" in text
    assert "không có đơn vị đủ điều kiện" not in text  # never stated while decisions are outstanding
    assert "- Phòng An ninh chính trị nội bộ: chưa quyết định (chưa có kết quả bỏ phiếu)." in text
    assert "PA03: Cờ thi đua của Bộ Công an — chờ quyết định «Đơn vị Quyết thắng»" in text
    document = Document(str(root / "out/2023/to-trinh.docx"))
    first = document.paragraphs[0]
    assert first.text == "DỰ THẢO" and first.runs[0].bold and first.alignment == 2
    final = invoke(root, "render", "2023", "--doc", "giao-uoc", "--draft")
    assert final[0] == 0 and "draft: false" in (root / "out/2023/giao-uoc.md").read_text(encoding="utf-8")


def test_nothing_is_written_when_data_has_errors(root: Path) -> None:
    edit(root / "compacts/2023/compact.yaml", "year: 2023", "year: 2024")
    code, _, stderr = invoke(root, "render", "2023", "--docx")
    assert code == 1 and "year-mismatch" in stderr
    assert not (root / "out").exists()


def test_doc_option_and_out_folder(root: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    code, stdout, _ = invoke(root, "render", "2023", "--doc", "to-trinh", "--out", str(target))
    assert code == 0
    assert sorted(p.name for p in target.iterdir()) == [".giaouoc-ban-ghi.json", "to-trinh.md"]
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
        assert "BIÊN BẢN" in text and "Hội nghị tổng kết, bình xét, suy tôn" in text and "Lê Văn Hóa" in text


def test_number_line_leading_zero_and_blank_for_the_van_thu() -> None:
    from giaouoc.documents.frame import Frame

    frame = Frame(id="x", type="TỜ TRÌNH", title="t", authority="A", issuer="B", code="TTr", block_code="KANND")
    assert frame.number_line == "Số:      /TTr-KANND"
    assert frame.model_copy(update={"number": "5"}).number_line == "Số: 05/TTr-KANND"
    assert frame.model_copy(update={"number": "15"}).number_line == "Số: 15/TTr-KANND"
    assert frame.model_copy(update={"code": None}).number_line is None


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or poppler is not installed")
@pytest.mark.parametrize("units", [9, 14])
def test_no_page_holds_signatures_alone(root: Path, units: int) -> None:
    """The last words of the giao ước stay on the page of the signatures, in LibreOffice's own layout."""
    path = root / "compacts/2023/units.yaml"
    text = path.read_text(encoding="utf-8")
    extra = "".join(f"  - id: dv{i:02d}\n    name: Đội công tác số {i}\n    head: {{rank: Thiếu tá, name: Hồ Văn {i},"
                    " title: Đội trưởng}\n    registered: []\n" for i in range(units - 9))
    path.write_text(text + extra, encoding="utf-8")
    code, _, stderr = invoke(root, "render", "2023", "--doc", "giao-uoc", "--pdf")
    assert code == 0, stderr
    pdf = root / "out/2023/giao-uoc.pdf"
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    signed = next(i for i, page in enumerate(pages) if "Nguyễn Văn A" in page)
    assert "nhưnhau./." in "".join(pages[signed].split())  # justified text: pdftotext splits words


@pytest.mark.parametrize(("family", "langs", "expected"), [
    ("Liberation Serif", "en|fr|vi", ["Times New Roman", "«Liberation Serif»"]),  # a metric twin with every letter
    ("Times New Roman", "en|vi", None),
    # fonts-liberation 1.07 has no ư, ơ, ế: the PDF would mix in DejaVu; say so and name packages that have them
    ("Liberation Serif", "aa|de|en|fr|vo", ["«Liberation Serif»", "tiếng Việt", "fonts-liberation2", "fonts-croscore"]),
    ("Times New Roman", "en|fr", ["tiếng Việt"]),  # an old Times New Roman without Vietnamese
])
def test_pdf_font_warning_reads_fontconfig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, family: str, langs: str,
                                           expected: list[str] | None) -> None:
    from giaouoc.documents.output import font_warning

    fake = tmp_path / "fc-match"
    fake.write_text(f"#!/bin/sh\nprintf '{family}\\n{langs}'\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    warning = font_warning()
    if expected is None:
        assert warning is None
    else:
        assert warning is not None and all(part in warning for part in expected), warning


def test_validate_checks_the_data_roots_templates_in_vietnamese(root: Path) -> None:
    override(root, "to-trinh.md.j2", "---\nid: to-trinh\n---\nDòng một\n{% for x in units %}\n")
    code, stdout, _ = invoke(root, "validate")
    assert code == 1
    assert "templates/to-trinh.md.j2:" in stdout and "[template-error]" in stdout
    assert "thiếu {% endfor %}" in stdout and "unexpected" not in stdout


def test_form_shows_only_the_units_warnings(root: Path, tmp_path: Path) -> None:
    (root / "compacts/2023/scores/pa02.yaml").unlink()
    (root / "compacts/2023/scores/pa09.yaml").unlink()
    code, _, stderr = invoke(root, "form", "2023", "pa02", "--xlsx", str(tmp_path / "f.xlsx"))
    assert code == 0
    assert "pa02" in stderr and "pa09" not in stderr


def test_word_files_carry_only_the_styles_they_use(rendered: Path) -> None:
    """The Word files define the styles they use and little else: every style referred to is defined."""
    import re
    import zipfile

    for doc in ("giao-uoc", "to-trinh", "bien-ban", "bang-diem"):
        with zipfile.ZipFile(rendered / f"{doc}.docx") as archive:
            names = set(archive.namelist())
            styles = archive.read("word/styles.xml").decode("utf-8")
            used = set(re.findall(r'w:(?:pStyle|tblStyle|rStyle) w:val="([^"]+)"',
                                  "".join(archive.read(n).decode("utf-8") for n in names
                                          if n.startswith("word/") and n.endswith(".xml"))))
        defined = set(re.findall(r'w:styleId="([^"]+)"', styles))
        assert "word/stylesWithEffects.xml" not in names and "docProps/thumbnail.jpeg" not in names
        assert {"TableGrid", "Normal"} <= defined and used <= defined, (doc, used - defined)
        assert len(defined) < 15


# Child order of the property elements giaouoc writes, as ECMA-376 Part 1 gives it (§17.3.1.26 pPr, §17.3.2.28 rPr,
# §17.4.60 tblPr, §17.6.17 sectPr); Word refuses a file whose elements stand out of order.
SCHEMA_ORDER = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr", "pBdr", "shd", "tabs",
            "spacing", "ind", "contextualSpacing", "jc", "rPr"],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "color", "sz", "szCs", "u", "lang"],
    "tblPr": ["tblStyle", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
              "tblLook"],
    "tblBorders": ["top", "left", "bottom", "right", "insideH", "insideV"],
    "tc": ["tcPr", "p", "tbl"],
    "sectPr": ["headerReference", "footerReference", "pgSz", "pgMar", "cols", "titlePg", "docGrid"],
    "style": ["name", "basedOn", "next", "link", "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "pPr",
              "rPr", "tblPr"],
}


def test_word_elements_stand_in_schema_order(rendered: Path) -> None:
    import zipfile
    from xml.etree import ElementTree

    for doc in DOCS:
        with zipfile.ZipFile(rendered / f"{doc}.docx") as archive:
            parts = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
            assert {"word/document.xml", "word/styles.xml", "word/header1.xml"} <= set(parts)
            for name in parts:
                for element in ElementTree.fromstring(archive.read(name)).iter():
                    order = SCHEMA_ORDER.get(element.tag.rsplit("}", 1)[-1])
                    if order is None:
                        continue
                    children = [child.tag.rsplit("}", 1)[-1] for child in element]
                    assert all(child in order for child in children), (doc, name, element.tag, children)
                    positions = [order.index(child) for child in children]
                    assert positions == sorted(positions), (doc, name, element.tag, children)


def test_a_number_with_a_hyphen_never_breaks_at_it(rendered: Path) -> None:
    import zipfile

    with zipfile.ZipFile(rendered / "giao-uoc.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "21-NQ/TW" not in xml and "NĐ-CP" not in xml  # Word may break a line after a plain hyphen
    assert "21</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">NQ/TW" in xml
    assert "Hội đồng Thi đua - Khen thưởng" in xml  # a spaced dash stays as written
    cells = [c.text for c in Document(str(rendered / "giao-uoc.docx")).tables[1].rows[1].cells]
    assert cells[1].endswith("Nghị quyết số 21-NQ/TW")  # and reads back as a hyphen


def test_signature_headings_and_recipients_never_cut_a_two_syllable_word(rendered: Path) -> None:
    from giaouoc.documents.wordbreak import splits_word
    from giaouoc.documents.wordhead import wrap_lines

    texts = [p.text for p in Document(str(rendered / "giao-uoc.docx")).paragraphs]
    rows = [t.split("\t") for t in texts if t.startswith("\t") and "TRƯỞNG PHÒNG" not in t]
    cuts = [(upper[-1], lower[0]) for above, below in zip(rows, rows[1:], strict=False) if len(above) == len(below)
            for upper, lower in ((a.split(), b.split()) for a, b in zip(above, below, strict=True)) if upper and lower]
    assert ("AN", "NINH") not in cuts and all(not splits_word(*cut) for cut in cuts), cuts
    assert ["PHÒNG AN NINH", "NỘI ĐỊA"] == wrap_lines("PHÒNG AN NINH NỘI ĐỊA", 48, 13, True)
    texts = [p.text.split("\t")[0] for p in Document(str(rendered / "to-trinh.docx")).paragraphs]
    recipients = texts[texts.index("Nơi nhận:"):]
    assert "- Đồng chí Phó Giám đốc" in recipients and "phụ trách Khối (để báo cáo);" in recipients


def test_a_long_trich_yeu_breaks_into_balanced_lines_between_words(rendered: Path) -> None:
    """II.5: the trích yếu that takes two lines is broken by giaouoc, evenly and never inside a word
    ("Khối thi / đua", "xuất / sắc"); one that may fit one line is left whole."""
    def title(doc: str) -> str:
        texts = [p.text for p in Document(str(rendered / f"{doc}.docx")).paragraphs]
        return texts[texts.index(next(t for t in texts if t.isupper() and len(t) > 5)) + 1]

    assert title("bien-ban").split("\n") == ["Hội nghị tổng kết, bình xét, suy tôn phong trào",
                                             "thi đua năm 2023 của Khối thi đua An ninh nhân dân"]
    assert title("to-trinh").split("\n") == ["Về việc đề nghị khen thưởng cho các tập thể có thành tích",
                                             "xuất sắc trong phong trào thi đua “Vì An ninh Tổ quốc” năm 2023"]
    assert "\n" not in title("phieu-bau") and "\n" not in title("bien-ban-kiem-phieu")
