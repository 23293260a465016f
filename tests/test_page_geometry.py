"""The page of every Word file: tables within the text width the section's margins leave, tab stops on A4."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import copy_sample
from giaouoc.cli.app import app
from giaouoc.documents.frame import Frame
from giaouoc.documents.render import Rendered
from giaouoc.documents.word import docx_bytes

runner = CliRunner()
DOCS = ["giao-uoc", "bang-diem", "bien-ban", "to-trinh"]


def section_text_width(xml: str) -> int:
    """The text width in twips, read from the section: page width less the left and right margins."""
    section = xml[xml.rindex("<w:sectPr"):]
    page = int(re.search(r'<w:pgSz w:w="(\d+)"', section).group(1))  # type: ignore[union-attr]
    margins = re.search(r"<w:pgMar [^>]*>", section).group(0)  # type: ignore[union-attr]
    left = int(re.search(r'w:left="(\d+)"', margins).group(1))  # type: ignore[union-attr]
    right = int(re.search(r'w:right="(\d+)"', margins).group(1))  # type: ignore[union-attr]
    return page - left - right


def table_widths(xml: str) -> list[int]:
    """Each table's width: the sum of its w:tblGrid columns."""
    return [sum(int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', grid))
            for grid in re.findall(r"<w:tblGrid>(.*?)</w:tblGrid>", xml)]


def overflowing(docx: bytes) -> list[tuple[int, int]]:
    """(table width, text width) of every table wider than the text width of its section."""
    xml = zipfile.ZipFile(__import__("io").BytesIO(docx)).read("word/document.xml").decode("utf-8")
    available = section_text_width(xml)
    return [(w, available) for w in table_widths(xml) if w > available]


def render(root: Path, *args: str) -> Path:
    result = runner.invoke(app, ["--root", str(root), "render", *args, "--docx"])
    assert result.exit_code == 0, result.stderr
    return root / "out" / args[0]


def assert_every_table_fits(folder: Path) -> None:
    docs = sorted(folder.glob("*.docx"))
    assert docs
    for path in docs:
        assert overflowing(path.read_bytes()) == [], path.name
    assert any("<w:gridCol" in zipfile.ZipFile(p).read("word/document.xml").decode() for p in docs)


def test_tables_of_the_sample_fit_their_pages(root: Path) -> None:
    assert_every_table_fits(render(root, "2023"))


def test_tables_of_a_draft_without_scores_fit_their_pages(root: Path) -> None:
    for path in (root / "compacts/2023/scores").glob("*.yaml"):
        path.unlink()
    assert_every_table_fits(render(root, "2023", "--draft"))


def test_tables_fit_with_many_units_long_names_and_reasons(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    long_name = "Phòng Cảnh sát điều tra tội phạm về trật tự quản lý kinh tế, tham nhũng, buôn lậu và môi trường"
    units = root / "compacts/2023/units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "".join(
        f"  - id: dv{i:02d}\n    name: {long_name} số {i}\n    short: ĐỘICÔNGTÁCĐẶCBIỆT{i:02d}\n"
        f"    head: {{rank: Thiếu tá, name: Hồ Văn {i}, title: Đội trưởng}}\n    registered: []\n"
        for i in range(30)), encoding="utf-8")
    reason = "đang bị thanh tra, kiểm tra theo " + ", ".join(f"Quyết định số {i}/QĐ-CAT" for i in range(1, 30))
    score = root / "compacts/2023/scores/pa02.yaml"
    score.write_text(score.read_text(encoding="utf-8") + f'excluded: "{reason}"\n', encoding="utf-8")
    assert_every_table_fits(render(root, "2023", "--draft"))


def frame(landscape: bool) -> Frame:
    return Frame(id="bang-diem", type="BẢNG", title="Bảng", authority="CÔNG AN", issuer="KHỐI",
                 orientation="landscape" if landscape else "portrait")


@pytest.mark.parametrize(("columns", "landscape"), [(3, False), (8, False), (21, True), (40, True), (60, False)])
def test_any_number_of_columns_and_any_cell_fits(columns: int, landscape: bool) -> None:
    head = "| Đơn vị | Xếp loại |" + "".join(f" Nội dung {c} |" for c in range(columns))
    rule = "|---|---|" + "---:|" * columns
    rows = [f"| Phòng số {r} với một tên rất dài không có chỗ ngắt: {'x' * 80} | "
            f"Không xếp hạng: {'đang bị thanh tra, kiểm tra ' * 8} |" + " 10,25 |" * columns for r in range(3)]
    body = "\n".join([head, rule, *rows]) + "\n"
    docx = docx_bytes(Rendered("bang-diem", body, frame(landscape), body))
    assert overflowing(docx) == []


def test_header_tab_stops_stand_on_the_a4_text_width(root: Path) -> None:
    """The Header style's centre and right tabs: half the text width and the text width (not US Letter's)."""
    folder = render(root, "2023", "--doc", "to-trinh")
    archive = zipfile.ZipFile(folder / "to-trinh.docx")
    width = section_text_width(archive.read("word/document.xml").decode("utf-8"))
    styles = archive.read("word/styles.xml").decode("utf-8")
    header = styles[styles.index('w:styleId="Header"'):]
    header = header[:header.index("</w:style>")]
    stops = {kind: int(pos) for kind, pos in re.findall(r'<w:tab w:val="(\w+)" w:pos="(\d+)"/>', header)}
    assert stops == {"center": pytest.approx(width / 2, abs=1), "right": width}
