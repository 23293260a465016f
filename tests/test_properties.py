"""Property tests: the rules that have algebra hold on random data."""

from __future__ import annotations

import random
import shutil
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_sample
from factory import make_year
from giaouoc.rank.ranking import rank_year
from giaouoc.rules import load_year

ITEMS = {1: Decimal(30), 2: Decimal(40), 3: Decimal("30")}
points = st.decimals(min_value=-5, max_value=30, places=2, allow_nan=False, allow_infinity=False)
small = st.decimals(min_value=Decimal("0.01"), max_value=3, places=2)
NAMES = ["An", "Ánh", "Anh", "Bảo", "Dung", "Đông", "Em", "Hòa", "Hoàng", "Ư", "Ơn", "Ân"]
TITLES = [
    {"id": "co", "name": "Cờ", "group": "co", "max": 1, "min_total": 60, "requires": ["qt"], "min_vote_share": 0.6},
    {"id": "qt", "name": "Quyết thắng", "group": "dh", "max": 3, "min_total": 40},
    {"id": "tt", "name": "Tiên tiến", "group": "dh", "min_total": 20},
]


@st.composite
def years(draw: st.DrawFn) -> dict[str, dict[str, object]]:
    count = draw(st.integers(min_value=2, max_value=8))
    units: dict[str, dict[str, object]] = {}
    for index in range(count):
        scores = {i: draw(st.decimals(min_value=0, max_value=m, places=1)) for i, m in ITEMS.items()}
        units[f"u{index}"] = {
            "name": NAMES[index],
            "scores": scores,
            "bonus": draw(st.lists(small, max_size=2)),
            "penalties": draw(st.lists(small, max_size=2)),
            "registered": draw(st.lists(st.sampled_from(["co", "qt", "tt"]), max_size=2, unique=True)),
        }
    return units


def build(units: dict[str, dict[str, object]], votes: dict[str, int]) -> object:
    return make_year(units, items=dict(ITEMS), titles=TITLES,
                     scoring={"bonus_cap": 2, "tie_break": ["penalty", "item:2"]},
                     ballot={"voters": 10, "votes": {"co": votes}})


@settings(max_examples=150, deadline=None)
@given(years(), st.data())
def test_ranking_rules_hold(units: dict[str, dict[str, object]], data: st.DataObject) -> None:
    votes = {u: data.draw(st.integers(0, 10)) for u in units}
    ranking = rank_year(build(units, votes))  # type: ignore[arg-type]
    ranked = ranking.ranked
    totals = [r.total for r in ranked]
    assert totals == sorted(totals, reverse=True)  # order never contradicts totals
    for position, result in enumerate(ranked):  # standard competition ranking
        first = next(i for i, r in enumerate(ranked) if r.rank == result.rank)
        assert result.rank == first + 1
        assert position == 0 or ranked[position - 1].total >= result.total
    for title in TITLES:
        holders = [r for r in ranked if title["id"] in r.titles]
        if "max" in title:
            assert len(holders) <= title["max"]  # type: ignore[operator]
    for result in ranked:
        assert not ("qt" in result.titles and "tt" in result.titles)  # one title per group
        assert result.total == result.subtotal + result.bonus - result.penalty
        assert result.bonus <= 2


@settings(max_examples=60, deadline=None)
@given(years(), st.randoms(use_true_random=False))
def test_permuting_units_never_changes_the_result(units: dict[str, dict[str, object]], rnd: random.Random) -> None:
    votes = dict.fromkeys(units, 6)
    shuffled = list(units.items())
    rnd.shuffle(shuffled)
    first = rank_year(build(units, votes))  # type: ignore[arg-type]
    second = rank_year(build(dict(shuffled), votes))  # type: ignore[arg-type]
    summary = [(r.rank, r.unit.id, r.total, r.titles, r.undecided) for r in first.units]
    assert summary == [(r.rank, r.unit.id, r.total, r.titles, r.undecided) for r in second.units]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(score=points, item=st.sampled_from([1, 2, 3, 4, 6, 7, 9, 10, 11, 12, 13]))  # 5 and 8: scored by criteria
def test_scores_within_bounds_validate_and_out_of_bounds_do_not(tmp_path: Path, score: Decimal, item: int) -> None:
    root = tmp_path / str(random.random())
    copy_sample(root)
    maxima = {i.id: i.max for i in load_year(root, root / "compacts" / "2023")[0].items}  # type: ignore[union-attr]
    path = root / "compacts/2023/scores/pa01.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(n for n, line in enumerate(lines) if line.startswith(f"  {item}: "))
    lines[index] = f"  {item}: {{self: {score}, block: {score}}}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    year, report = load_year(root, root / "compacts" / "2023")
    if 0 <= score <= maxima[item]:
        assert year is not None and not report.errors
    elif score < 0:
        assert [p.code for p in report.errors] == ["score-negative", "score-negative"]
    else:
        assert [p.code for p in report.errors] == ["score-over-max", "score-over-max"]
    shutil.rmtree(root)
