"""Charts of the year report as inline SVG, drawn by matplotlib (imported here only: other commands stay fast).

Deterministic: fixed hash salt, no date in the metadata, ids prefixed per chart so that several charts in one
page never share an id; text stays text (a browser draws it with a font that has Vietnamese glyphs).
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

FONT = ["DejaVu Sans"]  # ships with matplotlib and has every Vietnamese letter
BAR = "#2f5d8a"
PENDING = "#c98a1b"
LINE_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
                "#17becf"]  # matplotlib's tab10: ten units told apart by colour, more by marker as well
MARKERS = ["o", "s", "^", "D", "v"]
DARK_SHARE = 0.93  # heat-map cells this full are dark green: their numbers are written in white


def _svg(figure: Any, prefix: str, title: str) -> str:
    """The figure as an <svg> element with its own ids and an accessible title."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    buffer = io.StringIO()
    FigureCanvasSVG(figure)
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)  # RDF boilerplate: nothing to show
    text = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', text)
    text = re.sub(r"<svg ", f'<svg role="img" aria-labelledby="{prefix}-title" ', text, count=1)
    text = re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + f'<title id="{prefix}-title">{_escape(title)}</title>',
                  text, count=1)
    return text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _comma_formatter() -> Any:
    """Tick labels with the decimal comma ("0,5", "77,5"), as every number people read in giaouoc."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: f"{value:g}".replace(".", ","))


def _figure(width: float, height: float) -> Any:
    import logging

    import matplotlib

    logging.getLogger("matplotlib").setLevel(logging.ERROR)

    matplotlib.rcParams.update({"svg.hashsalt": "giaouoc", "svg.fonttype": "none", "font.family": FONT,
                                "font.size": 9, "axes.spines.top": False, "axes.spines.right": False,
                                "text.parse_math": False})  # names from data are drawn as written: "$x$" is no math
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100)


def totals_chart(labels: list[str], totals: list[Decimal], pending: list[bool],
                 bands: list[tuple[str, Decimal]], title: str) -> str:
    """Totals in rank order; band thresholds as dashed lines with their names."""
    figure = _figure(8, 3.6)
    axes = figure.add_subplot()
    values = [float(t) for t in totals]
    axes.bar(range(len(values)), values, color=[PENDING if p else BAR for p in pending], width=0.65, zorder=2)
    for index, value in enumerate(values):
        axes.text(index, value + 0.3, f"{value:g}".replace(".", ","), ha="center", va="bottom", fontsize=8)
    bottom = max(0.0, min(values, default=0) - 10)
    bottom -= bottom % 5  # a round number at the foot of the axis
    axes.set_ylim(bottom, max(values, default=100) + 5)
    axes.yaxis.set_major_formatter(_comma_formatter())
    axes.set_xlim(-0.6, len(values) - 0.4)
    for name, minimum in bands:
        if float(minimum) > bottom:
            axes.axhline(float(minimum), color="#888888", linestyle="--", linewidth=0.8, zorder=0)
            axes.annotate(f"{name} (từ {float(minimum):g})".replace(".", ","), xy=(1.0, float(minimum)),
                          xycoords=("axes fraction", "data"), xytext=(4, 0), textcoords="offset points",
                          va="center", ha="left", fontsize=7, color="#555555")
    axes.set_xticks(range(len(labels)), labels, rotation=0 if len(labels) <= 12 else 60, fontsize=8)
    if bottom > 0:  # the axis does not start at 0: say so, and mark the break at its foot
        axes.set_ylabel(f"Tổng điểm (trục bắt đầu từ {bottom:g}, không từ 0)")
        for offset in (-0.012, 0.012):
            axes.plot([-0.015, 0.015], [offset - 0.012, offset + 0.012], transform=axes.transAxes, color="#1d2733",
                      linewidth=1, clip_on=False, zorder=3)
    else:
        axes.set_ylabel("Tổng điểm")
    return _svg(figure, "tong-diem", title)


def heatmap(units: list[str], items: list[str], shares: list[list[float | None]], values: list[list[str]],
            title: str, xlabel: str = "Nội dung", name: str = "nhiet") -> str:
    """Units × contents: each cell the score as a share of the content's max; the score written in the cell."""
    figure = _figure(8, 0.35 * len(units) + 1.2)
    axes = figure.add_subplot()
    grid = [[share if share is not None else float("nan") for share in row] for row in shares]
    image = axes.imshow(grid, cmap="RdYlGn", vmin=0.5, vmax=1.0, aspect="auto")
    for r, row in enumerate(values):
        for c, text in enumerate(row):
            dark = shares[r][c] is not None and (shares[r][c] or 0) >= DARK_SHARE
            axes.text(c, r, text, ha="center", va="center", fontsize=7, color="white" if dark else "black")
    axes.set_xticks(range(len(items)), items, fontsize=8)
    axes.set_yticks(range(len(units)), units, fontsize=8)
    axes.set_xlabel(xlabel)
    axes.tick_params(length=0)
    for side in ("left", "bottom"):
        axes.spines[side].set_visible(False)
    colorbar = figure.colorbar(image, ax=axes, fraction=0.03, pad=0.02, format=_comma_formatter())
    colorbar.set_label("tỷ lệ so với điểm chuẩn", fontsize=8)
    return _svg(figure, name, title)


def trend_chart(years: list[int], series: dict[str, list[int | None]], title: str) -> str:
    """Each unit's rank over the years (1 at the top)."""
    figure = _figure(8, 3.4)
    axes = figure.add_subplot()
    for index, (label, ranks) in enumerate(sorted(series.items())):
        points = [(y, r) for y, r in zip(years, ranks, strict=True) if r is not None]
        if points:
            axes.plot([p[0] for p in points], [p[1] for p in points], linewidth=1.2, label=label,
                      marker=MARKERS[index // len(LINE_COLOURS) % len(MARKERS)],
                      color=LINE_COLOURS[index % len(LINE_COLOURS)])
    axes.invert_yaxis()
    axes.set_xticks(years, [str(y) for y in years])
    axes.set_ylabel("Hạng")
    axes.legend(fontsize=7, ncol=2, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return _svg(figure, "xu-huong", title)
