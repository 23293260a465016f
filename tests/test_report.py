"""`giaouoc report`: one self-contained HTML page with charts, checked as a page and in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import before_the_ballot, edit
from giaouoc.cli.app import app

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def make(root: Path, *args: str) -> str:
    result = runner.invoke(app, ["--root", str(root), "report", "2023", *args])
    assert result.exit_code == 0, result.stderr
    return (root / "out/2023/bao-cao.html").read_text(encoding="utf-8")


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.open: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in ("meta", "br", "img", "link", "input", "hr", "col", "path", "rect", "line", "use", "stop"):
            self.open.append(tag)
        self.urls += [v for k, v in attrs if k in ("src", "href", "xlink:href") and v and not v.startswith("#")]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass


def test_page_is_self_contained_deterministic_and_small(root: Path) -> None:
    page = make(root)
    again = make(root)
    assert page == again  # same data, same bytes
    assert len(page.encode("utf-8")) < 1024 * 1024
    outline = _Outline()
    outline.feed(page)
    assert [u for u in outline.urls if not u.startswith("data:")] == []  # nothing fetched: no src, no href out
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page) and "@import" not in page
    assert outline.tags.count("svg") == 3 and page.count("<title id=") == 3  # totals, heat maps (contents, criteria)
    assert "Điểm từng tiêu chí so với điểm chuẩn" in page
    assert outline.tags.count("table") >= 5 and "<th scope=\"col\"" in page
    assert 'lang="vi"' in page and "Kết quả cuối cùng" in page
    assert "98,5" in page and "PA03" in page and "Phòng An ninh chính trị nội bộ" in page


def test_text_from_the_data_is_escaped(root: Path) -> None:
    edit(root / "compacts/2023/units.yaml", "name: Phòng Hồ sơ", 'name: "Phòng Hồ sơ <script>alert(1)</script>"')
    page = make(root)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_pending_results_are_said_so(root: Path) -> None:
    before_the_ballot(root / "compacts/2023")
    page = make(root)
    assert "Kết quả chưa cuối cùng" in page and "chờ: chưa có kết quả bỏ phiếu" in page


def test_earlier_folder_years_draw_the_trend_and_the_movers(root: Path) -> None:
    folder = root / "compacts/2022"
    shutil.copytree(root / "compacts/2023", folder)
    for name, old, new in (("compact.yaml", "year: 2023", "year: 2022"), ("compact.yaml", "date: 2023-03-09",
                           "date: 2022-03-09"), ("review.yaml", "date: 2023-11-20", "date: 2022-11-20"),
                           ("scores/pa03.yaml", "unit: pa03", "unit: pa03\nexcluded: Đang xem xét kỷ luật")):
        edit(folder / name, old, new)
    (folder / "decisions.yaml").unlink()
    edit(folder / "units.yaml", "    formerly: [pa07, pa10]           # hợp nhất từ hai phòng cũ năm 2023 (minh họa)\n",
         "")
    history = root / "compacts/history.yaml"
    text = history.read_text(encoding="utf-8")
    history.write_text(text[: text.index("  2022:")], encoding="utf-8")
    edit(root / "compacts/2023/units.yaml", "formerly: [pa07, pa10]", "formerly: []")
    page = make(root)
    assert page.count("<title id=") == 4 and "Hạng của các đơn vị qua các năm" in page
    assert "PA05</th><td class=\"num\">1 → 2 (-1)" in page  # PA03 was not ranked in 2022
    assert "Không có đơn vị nào tăng hạng." in page


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_the_page_in_a_real_browser(root: Path, tmp_path: Path) -> None:
    make(root)
    url = (root / "out/2023/bao-cao.html").as_uri()
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run([CHROMIUM, *FLAGS, *profile, "--dump-dom", url], capture_output=True, text=True,
                         timeout=120)
    assert "PA03" in dom.stdout and "98,5" in dom.stdout and "Phòng An ninh chính trị nội bộ" in dom.stdout
    assert dom.stdout.count("<svg") == 3 and "Tổng điểm các đơn vị năm 2023, theo hạng" in dom.stdout
    shot = tmp_path / "man-hinh.png"
    logged = subprocess.run([CHROMIUM, *FLAGS, *profile, "--enable-logging=stderr", "--v=0",
                             "--window-size=1200,2400", f"--screenshot={shot}", url], capture_output=True, text=True,
                            timeout=120)
    assert shot.is_file() and shot.stat().st_size > 50_000  # a blank page compresses to a few kilobytes
    console = [line for line in logged.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == []
    pdf = tmp_path / "a4.pdf"
    subprocess.run([CHROMIUM, *FLAGS, *profile, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", url],
                   capture_output=True, timeout=120)
    assert pdf.read_bytes().startswith(b"%PDF")
