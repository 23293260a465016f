"""`giaouoc report`: the year at a glance as one self-contained HTML page (templates/bao-cao.html.j2)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from giaouoc.documents.context import title_outcomes
from giaouoc.documents.pending import unscored
from giaouoc.model.results import Ranking, UnitResult
from giaouoc.model.year import Year
from giaouoc.vietnamese import format_number, short_date

PAGE = "bao-cao.html.j2"
# Earlier years as plain values: year -> unit id -> (rank, total, band); built by the command from history.
Earlier = dict[int, dict[str, tuple[int | None, Decimal | None, str | None]]]


@dataclass
class SelfGap:
    """Where a unit scored itself higher than the block did."""

    label: str
    items: int  # contents scored higher by the unit than by the block
    points: Decimal  # the sum of those differences
    largest: str  # "nội dung 3 (1,5 điểm)"


@dataclass
class Mover:
    label: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.before - self.after  # positive: moved up


@dataclass
class PageData:
    charts: dict[str, str] = field(default_factory=dict)
    movers: list[Mover] = field(default_factory=list)
    gaps: list[SelfGap] = field(default_factory=list)
    earlier_years: list[int] = field(default_factory=list)


def self_gaps(year: Year, ranking: Ranking) -> list[SelfGap]:
    gaps = []
    for result in ranking.units:
        scores = year.scores.get(result.unit.id)
        if scores is None:
            continue
        higher = [(item, s.self_score - s.block) for item, s in scores.scores.items()
                  if s is not None and s.self_score is not None and s.block is not None and s.self_score > s.block]
        if higher:
            item, most = max(higher, key=lambda pair: (pair[1], -pair[0]))
            gaps.append(SelfGap(result.unit.label, len(higher), sum((d for _, d in higher), Decimal(0)),
                                f"nội dung {item} ({format_number(most)} điểm)"))
    return sorted(gaps, key=lambda g: (-g.points, g.label))


def movers(year: Year, ranking: Ranking, earlier: Earlier) -> list[Mover]:
    """Rank changes since the latest earlier year that has ranks, largest first."""
    ranked_years = [y for y in sorted(earlier) if any(r for r, _, _ in earlier[y].values())]
    if not ranked_years:
        return []
    before = earlier[ranked_years[-1]]
    found = [Mover(r.unit.label, before[r.unit.id][0] or 0, r.rank or 0) for r in ranking.ranked
             if r.unit.id in before and before[r.unit.id][0]]
    return sorted((m for m in found if m.change), key=lambda m: (-abs(m.change), m.label))


def charts(year: Year, ranking: Ranking, earlier: Earlier) -> dict[str, str]:
    from giaouoc.documents.charts import heatmap, totals_chart, trend_chart

    ranked = ranking.ranked
    if not ranked:  # no unit has all its scores yet: nothing to draw
        return {}
    bands = [(b.short or b.name, b.min) for b in year.compact.scoring.bands]
    found = {"totals": totals_chart([r.unit.label for r in ranked], [r.total for r in ranked],
                                    [bool(r.pending) or r.provisional for r in ranked], bands,
                                    f"Tổng điểm các đơn vị năm {year.compact.year}, theo hạng")}
    shares, values = [], []
    for result in ranked:
        scores = [result.items[i.id] for i in year.items]
        shares.append([float(s / i.max) if s is not None else None for s, i in zip(scores, year.items, strict=True)])
        values.append([format_number(s) if s is not None else "" for s in scores])
    found["heatmap"] = heatmap([r.unit.label for r in ranked], [str(i.id) for i in year.items], shares, values,
                               "Điểm từng nội dung so với điểm chuẩn")
    if any(i.criteria for i in year.items):
        found["criteria_heatmap"] = criteria_heatmap(year, ranked)
    years = [y for y in sorted(earlier) if any(r for r, _, _ in earlier[y].values())]
    if years:
        series = {r.unit.label: [earlier[y].get(r.unit.id, (None, None, None))[0] for y in years] + [r.rank]
                  for r in ranked}
        found["trend"] = trend_chart([*years, year.compact.year], series, "Hạng của các đơn vị qua các năm")
    return found


def shown_date(iso: str | None) -> str | None:
    """A date from git ("2026-11-27") as people read it ("27/11/2026")."""
    from datetime import date

    try:
        return short_date(date.fromisoformat(iso)) if iso else None
    except ValueError:
        return None


def criteria_heatmap(year: Year, ranked: list[UnitResult]) -> str:
    """Units × criteria: each cell a criterion's points as a share of its max (empty where it does not apply)."""
    from giaouoc.documents.charts import heatmap

    criteria = [c for i in year.items for c in i.criteria]
    shares, values = [], []
    for result in ranked:
        got = {cid: p.points for c in (result.points.contents.values() if result.points else [])
               for cid, p in c.criteria.items()}
        shares.append([float(got[c.id] / c.max) if c.id in got else None for c in criteria])
        values.append([format_number(got[c.id]) if c.id in got else "" for c in criteria])
    return heatmap([r.unit.label for r in ranked], [c.id for c in criteria], shares, values,
                   "Điểm từng tiêu chí so với điểm chuẩn", xlabel="Tiêu chí", name="nhiet-tieu-chi")


def render_page(root: Path, year: Year, ranking: Ranking, earlier: Earlier, data_date: str | None) -> str:
    """The page's HTML: the template from the data root or the default, escaped, charts inline."""
    from markupsafe import Markup

    from giaouoc.documents.environment import build_environment
    from giaouoc.documents.render import TemplateError, describe_failure, template_label
    from giaouoc.documents.sandbox import bounded, time_limit

    env = build_environment(root)
    env.autoescape = True  # HTML: every text from the data is escaped
    data = PageData({k: Markup(v) for k, v in charts(year, ranking, earlier).items()},  # noqa: S704 (our SVG)
                    movers(year, ranking, earlier), self_gaps(year, ranking), sorted(earlier))
    context: dict[str, Any] = {
        "year": year.compact.year, "compact": year.compact, "block": year.compact.block, "ranking": ranking,
        "ranked": ranking.ranked, "unranked": [r for r in ranking.units if r.rank is None], "items": year.items,
        "outcomes": title_outcomes(year, ranking), "titles": {t.id: t for t in year.compact.titles},
        "page": data, "earlier": earlier, "data_date": shown_date(data_date),
        "band_short": {b.name: b.short or b.name for b in year.compact.scoring.bands},
        "unscored": unscored(ranking),  # unit id -> "Chưa có điểm" or what it lacks
    }
    try:
        with time_limit():
            return bounded(env.get_template(PAGE).generate(context))
    except Exception as exc:  # every template failure is reported with its place, never raw
        raise TemplateError(describe_failure(exc, template_label(root, PAGE), sys.exc_info()[2])) from exc
