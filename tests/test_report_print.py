"""The year report as people read it: charts honest about their axes, numbers with the decimal comma, and a
printed page never ending with a heading whose table is on the next."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from giaouoc.cli.app import app
from giaouoc.documents.charts import heatmap, totals_chart

runner = CliRunner()


def svg_texts(svg: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)]


def test_totals_chart_says_when_its_axis_does_not_start_at_zero() -> None:
    from decimal import Decimal

    svg = totals_chart(["A", "B"], [Decimal("98.5"), Decimal("84.5")], [False, False], [("HTT", Decimal(75))], "t")
    labels = " ".join(svg_texts(svg))
    assert "không từ 0" in labels and "trục bắt đầu từ 70" in labels
    low = totals_chart(["A", "B"], [Decimal("8"), Decimal("4.5")], [False, False], [], "t")
    assert "không từ 0" not in " ".join(svg_texts(low))  # an axis from 0 needs no note


def test_chart_numbers_use_the_decimal_comma() -> None:
    svg = heatmap(["A", "B"], ["1", "2"], [[0.5, 1.0], [0.75, None]], [["4", "8"], ["6", ""]], "t")
    ticks = [t for t in svg_texts(svg) if re.fullmatch(r"[0-9.,]+", t)]
    assert "0,5" in ticks and "0,9" in ticks
    assert not [t for t in ticks if "." in t]


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


@pytest.mark.skipif(shutil.which("chromium") is None or shutil.which("pdftotext") is None,
                    reason="chromium or poppler is not installed")
def test_no_printed_page_ends_with_a_heading(root: Path) -> None:
    result = runner.invoke(app, ["--root", str(root), "report", "2023"])
    assert result.exit_code == 0, result.stderr
    page = root / "out/2023/bao-cao.html"
    html = page.read_text(encoding="utf-8")
    headings = [re.sub(r"<[^>]+>", "", h).split("(cần")[0].strip()
                for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, flags=re.S)]
    pdf = root / "bao-cao.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}",
                    "--no-pdf-header-footer", page.as_uri()], capture_output=True, timeout=180, check=True)
    pages = page_texts(pdf)
    assert len(pages) > 1
    for number, text in enumerate(pages[:-1], start=1):
        last = [line.strip() for line in text.splitlines() if line.strip()][-1]
        assert not any(last.startswith(h) for h in headings), (number, last)


def test_report_of_a_year_without_scores_says_so(root: Path) -> None:
    for path in (root / "compacts/2023/scores").glob("*.yaml"):
        path.unlink()
    shutil.rmtree(root / "compacts/2023/grades")  # nor any chấm chéo
    result = runner.invoke(app, ["--root", str(root), "report", "2023"])
    assert result.exit_code == 0, result.stderr
    page = (root / "out/2023/bao-cao.html").read_text(encoding="utf-8")
    assert "Chưa có kết quả: chưa đơn vị nào được xếp hạng" in page and "<svg" not in page
    assert page.count("Chưa có điểm</td>") == 9 and "thiếu điểm nội dung 1, 2" not in page
