"""The Word files read back from their XML: sizes, indents, repeated header rows, keep-with-next, widths against
the page (Nghị định 30/2020, Phụ lục I; docs/van-ban.md).

Each test renders what it reads (a fraction of a second), so that a test never leans on a file another test
made: mutmut (tools/mutation.sh) credits a test only with the code it runs itself.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from typer.testing import CliRunner

from conftest import NO_TIMES, copy_sample, edit, printed_mm
from giaouoc.cli.app import app

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_MM = 1440 / 25.4
runner = CliRunner()


def render(root: Path, doc: str) -> ElementTree.Element:
    """Render one document of the data root as Word and return the body of its document.xml."""
    result = runner.invoke(app, ["--root", str(root), "render", "2023", "--doc", doc, "--docx"])
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(root / "out" / "2023" / f"{doc}.docx") as archive:
        body = ElementTree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    assert body is not None
    return body


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return copy_sample(tmp_path)


def attr(element: ElementTree.Element | None, name: str) -> str | None:
    return None if element is None else element.get(f"{W}{name}")


def text(paragraph: ElementTree.Element) -> str:
    """The text the paragraph's runs show, tabs as \\t."""
    parts = []
    for run in paragraph.iter(f"{W}r"):
        parts += [(node.text or "") if node.tag == f"{W}t" else "\t" if node.tag == f"{W}tab" else
                  "\n" if node.tag == f"{W}br" else "" for node in run]
    return "".join(parts)


def sizes(element: ElementTree.Element) -> list[float]:
    """The size in points of every run that shows text (w:sz is in half-points)."""
    found = []
    for run in element.iter(f"{W}r"):
        if run.find(f"{W}t") is None:
            continue
        size = attr(run.find(f"{W}rPr/{W}sz"), "val")
        assert size is not None, "every run names its size"
        found.append(int(size) / 2)
    return found


def bold(run: ElementTree.Element) -> bool:
    return run.find(f"{W}rPr/{W}b") is not None


def props(paragraph: ElementTree.Element) -> ElementTree.Element:
    ppr = paragraph.find(f"{W}pPr")
    return ppr if ppr is not None else ElementTree.Element("none")


def justified(paragraph: ElementTree.Element) -> bool:
    return attr(props(paragraph).find(f"{W}jc"), "val") == "both"


def keeps_with_next(paragraph: ElementTree.Element) -> bool:
    return props(paragraph).find(f"{W}keepNext") is not None


def text_width(body: ElementTree.Element) -> int:
    """The width between the margins, in twips, as the section says."""
    section = body.find(f"{W}sectPr")
    assert section is not None
    width = int(attr(section.find(f"{W}pgSz"), "w") or 0)
    margins = section.find(f"{W}pgMar")
    return width - int(attr(margins, "left") or 0) - int(attr(margins, "right") or 0)


def grid_tables(body: ElementTree.Element) -> list[ElementTree.Element]:
    """The bordered tables of the body (not the borderless header table)."""
    return [t for t in body.iter(f"{W}tbl") if attr(t.find(f"{W}tblPr/{W}tblStyle"), "val") == "TableGrid"]


# --- paragraphs ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("doc", ["giao-uoc", "to-trinh", "bien-ban"])
def test_body_text_is_14_pt_with_a_first_line_indent_of_1_27_cm(sample: Path, doc: str) -> None:
    """ND30 I.4 and II.6.e: body 14 pt, justified, the first line indented 1.27 cm."""
    body = render(sample, doc)
    paragraphs = [p for p in body.findall(f"{W}p") if justified(p) and text(p).strip()]
    assert len(paragraphs) > 5
    for paragraph in paragraphs:
        indent = props(paragraph).find(f"{W}ind")
        assert int(attr(indent, "firstLine") or 0) == round(12.7 * TWIPS_PER_MM), text(paragraph)
        assert set(sizes(paragraph)) == {14}, text(paragraph)


def test_header_and_recipient_sizes(sample: Path) -> None:
    """Authority and issuer 13 pt, quốc hiệu 12–13 pt, the date 14 pt; "Nơi nhận:" 12 pt bold italic and its
    lines 11 pt (ND30 II.1–II.4, II.9); the trích yếu 14 pt bold."""
    body = render(sample, "to-trinh")
    header = body.find(f"{W}tbl")
    assert header is not None
    lines = {text(p): sizes(p) for p in header.iter(f"{W}p") if text(p)}
    assert lines["CÔNG AN TỈNH QUẢNG BÌNH"] == [13] and lines["KHỐI THI ĐUA"] == [13]
    assert lines["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"][0] in (12, 13)
    if not NO_TIMES:  # the quốc hiệu stands on one line of its cell
        right = header.findall(f"{W}tr/{W}tc")[1]
        margins = header.find(f"{W}tblPr/{W}tblCellMar")
        pad = sum(int(attr(margins.find(f"{W}{s}"), "w") or 0) for s in ("left", "right")) if margins is not None else 0
        room = (int(attr(right.find(f"{W}tcPr/{W}tcW"), "w") or 0) - pad) / TWIPS_PER_MM
        nation = lines["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"][0]
        assert printed_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", nation, bold=True) <= room
    assert lines["Quảng Bình, ngày 25 tháng 11 năm 2023"] == [14]
    for paragraph in header.findall(f"{W}tr/{W}tc/{W}p"):  # the header's lines follow with no gap (II.2.b)
        if text(paragraph):
            spacing = props(paragraph).find(f"{W}spacing")
            assert attr(spacing, "after") == "0" or text(paragraph).startswith(("Số:", "Quảng Bình")), text(paragraph)
    paragraphs = body.findall(f"{W}p")
    title = next(p for p in paragraphs if text(p).startswith("Về việc đề nghị khen thưởng"))
    assert set(sizes(title)) == {14} and all(bold(r) for r in title.iter(f"{W}r") if r.find(f"{W}t") is not None)
    assert keeps_with_next(title)  # the trích yếu stays with what follows it
    recipients = next(p for p in paragraphs if text(p).startswith("Nơi nhận:"))
    first = next(r for r in recipients.iter(f"{W}r") if (r.findtext(f"{W}t") or "").startswith("Nơi nhận:"))
    assert sizes(first) == [12] and bold(first) and first.find(f"{W}rPr/{W}i") is not None
    kind = next(p for p in paragraphs if text(p) == "TỜ TRÌNH")
    assert _runs(kind) == [("TỜ TRÌNH", True, False)] and sizes(kind) == [14]  # the document's type, bold (II.5)
    signer = next(p for p in paragraphs if text(p).endswith("\tThượng tá Lê Văn C"))
    name = [r for r in signer.iter(f"{W}r") if (r.findtext(f"{W}t") or "").strip()][-1]
    assert sizes(name) == [14] and bold(name)  # the signer's name, bold 14 pt (II.8)
    as_above = next(p for p in paragraphs if text(p).startswith("- Như trên;"))
    run = next(r for r in as_above.iter(f"{W}r") if (r.findtext(f"{W}t") or "").startswith("- Như trên;"))
    assert sizes(run) == [11] and not bold(run)


@pytest.mark.parametrize("doc", ["giao-uoc", "to-trinh", "bien-ban"])
def test_the_closing_words_keep_with_the_signatures(sample: Path, doc: str) -> None:
    """The last two paragraphs of the body and every line of the signatures keep with the next, so no page
    holds signatures alone or a closing sentence alone with them; headings keep with what they head."""
    paragraphs = render(sample, doc).findall(f"{W}p")
    end = max(i for i, p in enumerate(paragraphs) if text(p).rstrip().endswith("./."))
    assert keeps_with_next(paragraphs[end - 1]) and keeps_with_next(paragraphs[end])
    assert all(keeps_with_next(p) for p in paragraphs[end:-1])
    headings = [p for p in paragraphs[:end] if justified(p) and text(p).strip()
                and all(bold(r) for r in p.iter(f"{W}r") if r.find(f"{W}t") is not None)]
    assert headings and all(keeps_with_next(p) for p in headings)
    assert not all(keeps_with_next(p) for p in paragraphs[:end - 1])  # the body flows freely


# --- Markdown from the data: lists and tables of every width -------------------------------------------------------

EXTRA = """
1. Bước một
2. Bước hai

3. Bước ba (danh sách đánh số từ 3)
4. Bước bốn

- Gạch đầu dòng

Đoạn sau danh sách.

| A | B | C |
|---|---|---|
| một | hai | ba |

| A | B | C | D | E | F |
|---|---|---|---|---|---|
| 1 | 2 | 3 | 4 | 5 | 6 |

| A | B | C | D | E | F | G | H | I | J | K | L |
|---|---|---|---|---|---|---|---|---|---|---|---|
| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 |
"""


@pytest.fixture
def with_markdown(sample: Path) -> ElementTree.Element:
    """The giao ước with lists and tables of 3, 6 and 12 columns in the clerk's text/giao-uoc.md."""
    path = sample / "compacts/2023/text/giao-uoc.md"
    path.write_text(path.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
    return render(sample, "giao-uoc")


def test_ordered_lists_are_numbered_from_their_start(with_markdown: ElementTree.Element) -> None:
    texts = [text(p) for p in with_markdown.findall(f"{W}p")]
    steps = [t for t in texts if t.split(". ", 1)[-1].startswith("Bước")]
    assert steps == ["1. Bước một", "2. Bước hai", "3. Bước ba (danh sách đánh số từ 3)", "4. Bước bốn"]
    assert "- Gạch đầu dòng" in texts and "Đoạn sau danh sách." in texts  # a list ends where it ends


def test_table_type_is_smaller_the_more_columns_a_table_has(with_markdown: ElementTree.Element) -> None:
    by_columns = {}
    for table in grid_tables(with_markdown):
        columns = len(table.findall(f"{W}tblGrid/{W}gridCol"))
        found = set(sizes(table))
        assert len(found) == 1, (columns, found)  # one size for the whole table, header included
        by_columns[columns] = found.pop()
    assert by_columns[3] > by_columns[6] > by_columns[12]
    assert 11 <= by_columns[12] and by_columns[3] <= 13


# --- tables ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("doc", ["giao-uoc", "bang-diem"])
def test_only_header_rows_repeat_and_no_row_splits(sample: Path, doc: str) -> None:
    body = render(sample, doc)
    tables = grid_tables(body)
    assert tables
    for table in tables:
        rows = table.findall(f"{W}tr")
        repeated = [i for i, row in enumerate(rows) if row.find(f"{W}trPr/{W}tblHeader") is not None]
        assert repeated == [0]
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
        head = [r for r in rows[0].iter(f"{W}r") if r.find(f"{W}t") is not None]
        assert head and all(bold(r) for r in head)


@pytest.mark.parametrize("doc", ["giao-uoc", "bang-diem", "to-trinh"])
def test_every_table_fits_between_the_margins(sample: Path, doc: str) -> None:
    """Tables, the header table, tab stops and rules stay inside the text width the section's margins leave;
    the widest table takes most of it, and each cell is as wide as its grid column."""
    body = render(sample, doc)
    width = text_width(body)
    tables = list(body.iter(f"{W}tbl"))
    totals = []
    for table in tables:
        grid = [int(attr(c, "w") or 0) for c in table.findall(f"{W}tblGrid/{W}gridCol")]
        assert sum(grid) <= width + len(grid), (sum(grid), width)  # a twip of rounding per column
        totals.append(sum(grid))
        for row in table.findall(f"{W}tr"):
            cells = [int(attr(c.find(f"{W}tcPr/{W}tcW"), "w") or 0) for c in row.findall(f"{W}tc")]
            assert cells == grid[: len(cells)]
    assert max(totals) >= 0.9 * width
    for stop in body.iter(f"{W}tab"):
        if stop.get(f"{W}pos") is not None:
            assert 0 < int(stop.get(f"{W}pos") or 0) < width
    for indent in body.iter(f"{W}ind"):
        assert int(attr(indent, "left") or 0) + int(attr(indent, "right") or 0) < width


# --- the header: lines broken between words, where the longer line is shortest (docs/van-ban.md) -------------------


# Two-syllable words of these headers: a break never falls inside one ("AN / NINH" reads as two words).
_WHOLE_WORDS = {("THI", "ĐUA"), ("AN", "NINH"), ("NHÂN", "DÂN"), ("THÀNH", "PHỐ"), ("CHÍ", "MINH"), ("CÔNG", "AN")}


def _best_longer_line(words: list[str], bold: bool) -> float:
    """The shortest possible longer line of a two-line break, never leaving one word alone of three or more, nor
    breaking inside a two-syllable word."""
    cuts = [i for i in (range(2, len(words) - 1) if len(words) > 3 else range(1, len(words)))
            if (words[i - 1], words[i]) not in _WHOLE_WORDS]
    return min(max(printed_mm(" ".join(words[:i]), 13, bold), printed_mm(" ".join(words[i:]), 13, bold)) for i in cuts)


@pytest.mark.skipif(NO_TIMES, reason="neither Times New Roman nor Liberation Serif is installed")
def test_long_header_lines_break_between_words_where_the_longer_line_is_shortest(sample: Path) -> None:
    compact = sample / "compacts/2023/compact.yaml"
    edit(compact, "authority: Công an tỉnh Quảng Bình", "authority: Công an Thành phố Hồ Chí Minh")
    edit(compact, "  header: [KHỐI THI ĐUA, AN NINH NHÂN DÂN]", "")  # the tool breaks the issuer itself
    header = render(sample, "to-trinh").find(f"{W}tbl")
    assert header is not None
    left = header.find(f"{W}tr/{W}tc")
    assert left is not None
    cell_mm = int(attr(left.find(f"{W}tcPr/{W}tcW"), "w") or 0) / TWIPS_PER_MM
    paragraphs = left.findall(f"{W}p")
    authority = [text(p) for p in paragraphs if text(p) and not any(bold(r) for r in p.iter(f"{W}r"))]
    issuer = [text(p) for p in paragraphs if text(p) and all(bold(r) for r in p.iter(f"{W}r"))]
    assert " ".join(authority) == "CÔNG AN THÀNH PHỐ HỒ CHÍ MINH" and len(authority) == 2
    assert " ".join(issuer) == "KHỐI THI ĐUA AN NINH NHÂN DÂN" and len(issuer) == 2
    for lines, is_bold in ((authority, False), (issuer, True)):
        longer = max(printed_mm(line, 13, is_bold) for line in lines)
        assert longer <= cell_mm
        assert longer <= _best_longer_line(" ".join(lines).split(), is_bold) + 3, lines  # 3 mm: estimates differ
    rule = next(p for p in paragraphs if props(p).find(f"{W}pBdr") is not None)
    indent = props(rule).find(f"{W}ind")
    length = cell_mm - (int(attr(indent, "left") or 0) + int(attr(indent, "right") or 0)) / TWIPS_PER_MM
    longest = max(printed_mm(line, 13, True) for line in issuer)
    assert longest / 3 <= length <= longest / 2  # the short rule under the issuer (II.3)


# --- Markdown as Word: headings, emphasis, breaks, alignment -------------------------------------------------------

PROSE = """
# Cấp một

## Cấp hai

#### Cấp bốn

Chữ **đậm** và *nghiêng* rồi
dòng mềm.

Thẻ <b>giữ nguyên</b> như chữ.

| Tên | Ghi chú | Điểm |
|---|---:|---:|
| Phòng A | xong | 9,5 |
"""


def _runs(paragraph: ElementTree.Element) -> list[tuple[str, bool, bool]]:
    return [(text(r), bold(r), r.find(f"{W}rPr/{W}i") is not None)
            for r in paragraph.iter(f"{W}r") if r.find(f"{W}t") is not None]


def test_headings_emphasis_and_soft_breaks(sample: Path) -> None:
    path = sample / "compacts/2023/text/giao-uoc.md"
    path.write_text(path.read_text(encoding="utf-8") + PROSE, encoding="utf-8")
    paragraphs = {text(p): p for p in render(sample, "giao-uoc").findall(f"{W}p")}
    one, two, four = paragraphs["Cấp một"], paragraphs["Cấp hai"], paragraphs["Cấp bốn"]
    assert attr(props(one).find(f"{W}jc"), "val") == "center" and attr(props(one).find(f"{W}ind"), "firstLine") == "0"
    assert justified(two) and attr(props(two).find(f"{W}ind"), "firstLine") == "720"
    assert _runs(one) == [("Cấp một", True, False)] and _runs(two) == [("Cấp hai", True, False)]
    assert _runs(four) == [("Cấp bốn", True, True)]  # level 4 and below: bold italic
    assert all(keeps_with_next(p) for p in (one, two, four))
    assert "Thẻ <b>giữ nguyên</b> như chữ." in paragraphs  # inline HTML is text, never dropped
    prose = paragraphs["Chữ đậm và nghiêng rồi dòng mềm."]
    assert _runs(prose) == [("Chữ ", False, False), ("đậm", True, False), (" và ", False, False),
                            ("nghiêng", False, True), (" rồi", False, False), (" ", False, False),
                            ("dòng mềm.", False, False)]


def test_table_cells_align_as_the_markdown_says_and_numbers_centre(sample: Path) -> None:
    path = sample / "compacts/2023/text/giao-uoc.md"
    path.write_text(path.read_text(encoding="utf-8") + PROSE, encoding="utf-8")
    table = next(t for t in grid_tables(render(sample, "giao-uoc")) if "Ghi chú" in text(t.find(f"{W}tr")))
    rows = [[c.find(f"{W}p") for c in row.findall(f"{W}tc")] for row in table.findall(f"{W}tr")]
    align = [[attr(props(p).find(f"{W}jc"), "val") for p in row] for row in rows]
    assert align == [["center", "center", "center"], ["left", "right", "center"]]
    assert attr(table.find(f"{W}tblPr/{W}jc"), "val") == "center"  # the table stands centred on the page
    assert all(b for _, b, _ in _runs(rows[0][0])) and not any(b for _, b, _ in _runs(rows[1][0]))


# --- numbers and band names never wrap (docs/van-ban.md, Tables) -----------------------------------------------------


@pytest.mark.skipif(NO_TIMES, reason="neither Times New Roman nor Liberation Serif is installed")
@pytest.mark.parametrize("doc", ["to-trinh", "bien-ban", "bang-diem"])
def test_numbers_percentages_and_bands_fit_their_column(sample: Path, doc: str) -> None:
    import re

    whole = re.compile(r"[0-9][0-9,]*(%|/[0-9]+)?\Z|Hoàn thành|Không hoàn thành|HT|KHT|HTT|HTXS")
    for table in grid_tables(render(sample, doc)):
        margins = table.find(f"{W}tblPr/{W}tblCellMar")
        sides = ("left", "right")
        pad = sum(int(attr(margins.find(f"{W}{s}"), "w") or 0) for s in sides) if margins is not None else 0
        grid = [int(attr(c, "w") or 0) for c in table.findall(f"{W}tblGrid/{W}gridCol")]
        for row in table.findall(f"{W}tr")[1:]:
            for width, cell in zip(grid, row.findall(f"{W}tc"), strict=False):
                content = text(cell).strip()
                if content and whole.match(content):
                    size = sizes(cell)[0]
                    assert printed_mm(content, size) <= (width - pad) / TWIPS_PER_MM, (doc, content, width)


# --- addressees, two signers, the page header -------------------------------------------------------------------------


def test_several_addressees_stand_one_a_line(sample: Path) -> None:
    edit(sample / "compacts/2023/compact.yaml", "    to: [Hội đồng Thi đua - Khen thưởng Công an tỉnh Quảng Bình]",
         "    to: [Hội đồng Thi đua - Khen thưởng Công an tỉnh, Giám đốc Công an tỉnh]")
    texts = [text(p) for p in render(sample, "to-trinh").findall(f"{W}p")]
    start = texts.index("Kính gửi:")
    assert texts[start + 1:start + 3] == ["- Hội đồng Thi đua - Khen thưởng Công an tỉnh;", "- Giám đốc Công an tỉnh."]
    paragraphs = render(sample, "to-trinh").findall(f"{W}p")
    assert all(attr(props(p).find(f"{W}jc"), "val") == "center" for p in paragraphs[start:start + 3])


def test_two_signers_stand_left_and_right_of_the_middle(sample: Path) -> None:
    body = render(sample, "bien-ban")
    width = text_width(body)
    heads = next(p for p in body.findall(f"{W}p") if "THƯ KÝ" in text(p))
    stops = [int(stop.get(f"{W}pos") or 0) for stop in props(heads).iter(f"{W}tab")]
    assert len(stops) == 2 and 0 < stops[0] < width / 2 < stops[1] < width
    assert text(heads).split("\t")[1:] == ["THƯ KÝ", "CHỦ TỌA"]


def test_the_page_number_is_a_centred_field_in_the_header_from_page_two(sample: Path) -> None:
    """ND30 I.7: page numbers centred in the top margin, none on the first page."""
    render(sample, "bien-ban")
    rels = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    with zipfile.ZipFile(sample / "out/2023/bien-ban.docx") as archive:
        section = ElementTree.fromstring(archive.read("word/document.xml")).find(f"{W}body/{W}sectPr")
        targets = {r.get("Id"): r.get("Target") for r in ElementTree.fromstring(
            archive.read("word/_rels/document.xml.rels"))}
        assert section is not None and section.find(f"{W}titlePg") is not None
        headers = {attr(r, "type"): ElementTree.fromstring(archive.read("word/" + (targets[r.get(rels)] or "")))
                   for r in section.findall(f"{W}headerReference")}
    numbered, first = headers["default"], headers["first"]
    assert [attr(f, "fldCharType") for f in numbered.iter(f"{W}fldChar")] == ["begin", "separate", "end"]
    assert "PAGE" in "".join(t.text or "" for t in numbered.iter(f"{W}instrText"))
    assert attr(numbered.find(f"{W}p/{W}pPr/{W}jc"), "val") == "center"
    assert set(sizes(numbered)) == {13} and sizes(first) == [] and first.find(f".//{W}fldChar") is None


@pytest.mark.skipif(NO_TIMES, reason="neither Times New Roman nor Liberation Serif is installed")
def test_a_long_recipient_wraps_inside_its_column_without_a_lone_last_word(sample: Path) -> None:
    # filled word by word, its lines would end with "ngay);" alone
    entry = ("Đồng chí Phó Giám đốc phụ trách Khối, các đồng chí Trưởng phòng nghiệp vụ thuộc Công an tỉnh và Thủ "
             "trưởng các đơn vị có liên quan (để biết, phối hợp thực hiện ngay)")
    compact = sample / "compacts/2023/compact.yaml"
    edit(compact, "      - Đồng chí Phó Giám đốc phụ trách Khối (để báo cáo)", f"      - {entry}")
    body = render(sample, "to-trinh")
    paragraphs = body.findall(f"{W}p")
    start = next(i for i, p in enumerate(paragraphs) if text(p).startswith("Nơi nhận:"))
    signer = int(next(props(paragraphs[start]).iter(f"{W}tab")).get(f"{W}pos") or 0)
    column_mm = (2 * signer - text_width(body)) / TWIPS_PER_MM  # the signer's block is centred on the right column
    left = [text(p).split("\t")[0] for p in paragraphs[start + 1:]]
    lines = left[left.index("- Như trên;") + 1:left.index("- Lưu: VT, PA03, 02b.")]
    assert " ".join(lines) == f"- {entry};" and len(lines) >= 3
    assert len(lines[-1].split()) >= 2
    assert all(printed_mm(line, 11) <= column_mm * 1.1 for line in lines), (lines, column_mm)


@pytest.mark.parametrize(("doc", "size"), [("to-trinh", (210, 297)), ("bang-diem", (297, 210))])
def test_a4_with_the_decree_margins(sample: Path, doc: str, size: tuple[int, int]) -> None:
    """ND30 I.1 and I.3: A4 (the bảng điểm landscape); margins top 20, bottom 20, left 30, right 15 mm."""
    section = render(sample, doc).find(f"{W}sectPr")
    assert section is not None
    page, margins = section.find(f"{W}pgSz"), section.find(f"{W}pgMar")
    assert tuple(round(int(attr(page, side) or 0) / TWIPS_PER_MM) for side in ("w", "h")) == size
    assert (attr(page, "orient") == "landscape") is (size[0] > size[1])
    assert [round(int(attr(margins, side) or 0) / TWIPS_PER_MM) for side in ("top", "bottom", "left", "right")] == [
        20, 20, 30, 15]


@pytest.mark.skipif(NO_TIMES, reason="neither Times New Roman nor Liberation Serif is installed")
@pytest.mark.parametrize("doc", ["giao-uoc", "bang-diem", "bien-ban", "to-trinh"])
def test_the_rule_under_the_title_is_a_third_to_a_half_of_its_line(sample: Path, doc: str) -> None:
    """ND30 II.5.b, in portrait and landscape: the rule is centred and 1/3 to 1/2 as long as the trích yếu's line
    (measured with the font's own widths; a longer trích yếu wraps and its longest line fills the width)."""
    body = render(sample, doc)
    width = text_width(body) / TWIPS_PER_MM
    paragraphs = body.findall(f"{W}p")
    index = next(i for i, p in enumerate(paragraphs) if props(p).find(f"{W}pBdr") is not None)
    title = next(text(p) for p in reversed(paragraphs[:index]) if text(p) and not text(p).startswith("("))
    indent = props(paragraphs[index]).find(f"{W}ind")
    left, right = (int(attr(indent, side) or 0) / TWIPS_PER_MM for side in ("left", "right"))
    line = min(max(printed_mm(part, 14, bold=True) for part in title.split("\n")), width)  # its longest line
    assert left == right and line / 3 <= width - left - right <= line / 2


@pytest.mark.parametrize("doc", ["giao-uoc", "bang-diem", "bien-ban", "to-trinh"])
def test_text_stands_only_in_text_elements(sample: Path, doc: str) -> None:
    """Word refuses a file with characters between property elements: text only in w:t and w:instrText."""
    for element in render(sample, doc).iter():
        if element.tag not in (f"{W}t", f"{W}instrText"):
            assert not (element.text or "").strip(), (element.tag, element.text)
        assert not (element.tail or "").strip(), (element.tag, element.tail)


@pytest.mark.skipif(NO_TIMES, reason="neither Times New Roman nor Liberation Serif is installed")
def test_a_recipient_a_little_too_long_breaks_in_two_balanced_lines(sample: Path) -> None:
    paragraphs = render(sample, "to-trinh").findall(f"{W}p")
    start = next(i for i, p in enumerate(paragraphs) if text(p).startswith("Nơi nhận:"))
    left = [text(p).split("\t")[0] for p in paragraphs[start:]]
    lines = left[left.index("- Như trên;") + 1:left.index("- Lưu: VT, PA03, 02b.")]
    assert " ".join(lines) == "- Đồng chí Phó Giám đốc phụ trách Khối (để báo cáo);" and len(lines) == 2
    words = " ".join(lines).split()
    best = min(max(printed_mm(" ".join(words[:i]), 11), printed_mm(" ".join(words[i:]), 11))
               for i in range(2, len(words) - 1))
    assert max(printed_mm(line, 11) for line in lines) <= best + 3


def test_the_signature_grid_holds_only_headings_and_names(sample: Path) -> None:
    texts = [text(p) for p in render(sample, "giao-uoc").findall(f"{W}p")]
    start = next(i for i, t in enumerate(texts) if t.startswith("\tPHÒNG"))
    grid = texts[start:next(i for i, t in enumerate(texts) if "PHÓ GIÁM ĐỐC CÔNG AN TỈNH" in t)]  # the chair's post
    cells = [cell for line in grid for cell in line.split("\t") if cell]
    units = yaml.safe_load((sample / "compacts/2023/units.yaml").read_text(encoding="utf-8"))["units"]
    said = [u["name"].upper() for u in units] + [u["head"]["title"].upper() for u in units] + [
        f"{u['head']['rank']} {u['head']['name']}" for u in units]  # a long heading wraps: its lines are parts
    assert cells and all(any(cell in whole for whole in said) for cell in cells), cells


def test_every_style_a_part_uses_is_defined(sample: Path) -> None:
    import re

    render(sample, "to-trinh")
    with zipfile.ZipFile(sample / "out/2023/to-trinh.docx") as archive:
        parts = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("word/"))
        defined = set(re.findall(r'w:styleId="([^"]+)"', archive.read("word/styles.xml").decode("utf-8")))
    used = set(re.findall(r'w:(?:pStyle|tblStyle|rStyle) w:val="([^"]+)"', parts))
    assert used and used <= defined, used - defined


def test_a_standalone_landscape_score_table_keeps_the_quoc_hieu_at_12_to_13_pt(sample: Path) -> None:
    (sample / "compacts/2023/review.yaml").unlink()
    header = render(sample, "bang-diem").find(f"{W}tbl")
    assert header is not None
    nation = next(p for p in header.iter(f"{W}p") if text(p) == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert sizes(nation)[0] in (12, 13)
