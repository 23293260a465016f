"""Every rule of docs/xep-hang.md on a small year built in the test."""

from __future__ import annotations

import functools
import math
import operator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from factory import full, make_year
from giaouoc.model.results import Ranking
from giaouoc.rank.ranking import rank_year


def order(ranking: Ranking) -> list[tuple[int | None, str]]:
    return [(r.rank, r.unit.id) for r in ranking.units]


def test_subtotal_bonus_penalty_total_are_exact() -> None:
    year = make_year({"a": {"scores": full("40.5", "45.25"), "bonus": ["1.5"], "penalties": ["0.25"]},
                      "b": {"scores": full(30, 30)}})
    result = rank_year(year).result("a")
    assert (result.subtotal, result.bonus, result.penalty, result.total) == (
        Decimal("85.75"), Decimal("1.5"), Decimal("0.25"), Decimal("87.00"))


# Two traps for a product that adds points as floats. The first misses 90 when the floats are added one after
# another (what `sum()` did before Python 3.12); the second misses it even when they are added exactly and
# rounded once (math.fsum, and the compensated `sum()` of Python 3.12 and later).
FLOAT_TRAPS = [
    ["13.8", "13.7", "13.4", "9.7", "9.9", "13.4", "9.3", "6.8"],
    ["8.05", "8.05", "8.05", "8.13", "8.21", "8.21", "8.21", "8.21", "8.21", "8.21", "8.46"],
]


@pytest.mark.parametrize("values", FLOAT_TRAPS)
def test_float_trap_adds_to_exactly_ninety(values: list[str]) -> None:
    floats = [float(v) for v in values]
    assert functools.reduce(operator.add, floats) != 90  # the trap is real, on every Python version
    if values is FLOAT_TRAPS[1]:
        assert math.fsum(floats) != 90 and sum(floats) != 90
    items = {i + 1: 20 for i in range(len(values))}
    year = make_year(
        {"a": {"scores": {i + 1: v for i, v in enumerate(values)}},
         "b": {"scores": {i + 1: 0 for i in range(len(values))}}},
        items=items, scoring={"bands": [{"name": "Xuất sắc", "min": 90}, {"name": "Tốt", "min": 0}]})
    result = rank_year(year).result("a")
    assert result.total == Decimal(90)
    assert result.band == "Xuất sắc"


def test_bonus_is_capped() -> None:
    year = make_year({"a": {"scores": full(50), "bonus": [3, 4]}, "b": {"scores": full(50)}},
                     scoring={"bonus_cap": 5})
    result = rank_year(year).result("a")
    assert (result.bonus_claimed, result.bonus, result.total) == (Decimal(7), Decimal(5), Decimal(55))


def test_order_by_total_then_penalty_key() -> None:
    year = make_year({"a": {"scores": full(50), "penalties": [1]}, "b": {"scores": full(49)},
                      "c": {"scores": full(49, 1), "penalties": [2]}}, scoring={"tie_break": ["penalty"]})
    ranking = rank_year(year)
    assert order(ranking) == [(1, "b"), (2, "a"), (3, "c")]
    assert [(s.above, s.below, str(s.key)) for s in ranking.separations] == [("b", "a", "penalty")]


def test_bonus_key_uses_the_capped_bonus() -> None:
    year = make_year({"a": {"scores": full(40), "bonus": [8]}, "b": {"scores": full(46)}},
                     scoring={"bonus_cap": 5, "tie_break": ["bonus"]})
    assert order(rank_year(year)) == [(1, "b"), (2, "a")]  # 46 v 45: uncapped, a would lead with 48
    year = make_year({"a": {"scores": full(41), "bonus": [4]}, "b": {"scores": full(40), "bonus": [8]}},
                     scoring={"bonus_cap": 5, "tie_break": ["bonus"]})
    assert order(rank_year(year)) == [(1, "b"), (2, "a")]  # 45 each; the capped bonus 5 beats 4
    year = make_year({"a": {"scores": full(40), "bonus": [8]}, "b": {"scores": full(40), "bonus": [5]}},
                     scoring={"bonus_cap": 5, "tie_break": ["bonus"]})
    assert order(rank_year(year)) == [(1, "a"), (1, "b")]  # both count 5: still tied


def test_item_key() -> None:
    year = make_year({"a": {"scores": full(30, 40)}, "b": {"scores": full(40, 30)}},
                     scoring={"tie_break": ["item:1"]})
    ranking = rank_year(year)
    assert order(ranking) == [(1, "b"), (2, "a")]
    assert str(ranking.separations[0].key) == "item:1"
    assert (ranking.separations[0].above_value, ranking.separations[0].below_value) == (Decimal(40), Decimal(30))


def test_votes_key_counts_missing_votes_as_zero() -> None:
    titles = [{"id": "qt", "name": "Quyết thắng"}]
    year = make_year({"a": {"scores": full(50)}, "b": {"scores": full(50)}, "c": {"scores": full(50)}},
                     scoring={"tie_break": ["votes:qt"]}, titles=titles,
                     ballot={"voters": 9, "votes": {"qt": {"b": 7, "c": 5}}})
    assert order(rank_year(year)) == [(1, "b"), (2, "c"), (3, "a")]


def test_keys_apply_in_order() -> None:
    year = make_year({"a": {"scores": full(50, 1), "penalties": [1]}, "b": {"scores": full(49, 2), "penalties": [1]}},
                     scoring={"tie_break": ["penalty", "item:2"]})
    ranking = rank_year(year)
    assert order(ranking) == [(1, "b"), (2, "a")]
    assert str(ranking.separations[0].key) == "item:2"


def test_full_tie_shares_rank_in_vietnamese_name_order() -> None:
    year = make_year({
        "u1": {"name": "Em", "scores": full(50)},
        "u2": {"name": "Đông", "scores": full(50)},
        "u3": {"name": "Dung", "scores": full(50)},
        "u4": {"name": "Ánh", "scores": full(60)},
        "u5": {"name": "An", "scores": full(40)},
    }, scoring={"tie_break": ["penalty"]})
    ranking = rank_year(year)
    assert [(r.rank, r.unit.name) for r in ranking.units] == [
        (1, "Ánh"), (2, "Dung"), (2, "Đông"), (2, "Em"), (5, "An")]
    assert all(s.key is None for s in ranking.separations)


def test_an_before_anh_in_a_tie() -> None:
    year = make_year({"x": {"name": "Ánh", "scores": full(50)}, "y": {"name": "An", "scores": full(50)}})
    assert [r.unit.name for r in rank_year(year).units] == ["An", "Ánh"]


BANDS = {"bands": [{"name": "Tốt", "min": 75}, {"name": "Xuất sắc", "min": 90}, {"name": "Đạt", "min": 50}]}


def test_band_min_is_inclusive_and_taken_from_the_highest() -> None:
    year = make_year({"a": {"scores": full(90)}, "b": {"scores": full("89.99")}, "c": {"scores": full(49)},
                      "d": {"scores": full(75)}}, items={1: 100, 2: 0.5}, scoring=BANDS)
    bands = {r.unit.id: r.band for r in rank_year(year).units}
    assert bands == {"a": "Xuất sắc", "b": "Tốt", "c": None, "d": "Tốt"}


def test_excluded_and_incomplete_units_are_not_ranked() -> None:
    year = make_year({
        "a": {"name": "Bảo", "scores": full(50), "excluded": "Có cán bộ đang bị xem xét kỷ luật",
              "registered": ["qt"]},
        "b": {"name": "An", "scores": {1: 40}},
        "c": {"name": "Cư", "scores": full(30)},
    }, titles=[{"id": "qt", "name": "Quyết thắng"}])
    ranking = rank_year(year)
    assert order(ranking) == [(1, "c"), (None, "b"), (None, "a")]
    assert ranking.result("a").not_ranked == "Có cán bộ đang bị xem xét kỷ luật"
    assert ranking.result("b").not_ranked == "thiếu điểm nội dung 2"
    assert ranking.result("a").titles == []


def test_an_excluded_unit_lets_the_year_be_final_a_unit_missing_scores_does_not() -> None:
    """ranking.md §5: final when every unit is ranked or excluded (and nothing is provisional or pending)."""
    units = {"a": {"scores": full(50)}, "b": {"scores": full(40), "excluded": "Có cán bộ đang bị xem xét kỷ luật"}}
    excluded = rank_year(make_year(units))
    assert excluded.result("b").rank is None and excluded.result("b").excluded and excluded.final
    incomplete = rank_year(make_year({**units, "b": {"scores": {1: 40}}}))
    assert incomplete.result("b").rank is None and not incomplete.result("b").excluded and not incomplete.final


def test_self_score_makes_a_unit_provisional() -> None:
    year = make_year({"a": {"scores": {1: {"self": 50, "block": 45}, 2: {"self": 40}}}, "b": {"scores": full(10)}})
    ranking = rank_year(year)
    assert ranking.result("a").total == Decimal(85)
    assert ranking.result("a").provisional and not ranking.result("b").provisional
    assert ranking.provisional


FLAG = {"id": "co", "name": "Cờ thi đua", "group": "co", "max": 1, "min_total": 90, "requires": ["qt"],
        "min_vote_share": 0.8}
QT = {"id": "qt", "name": "Quyết thắng", "group": "dh", "min_total": 80}
TT = {"id": "tt", "name": "Tiên tiến", "group": "dh", "min_total": 70}


def titles_of(ranking: Ranking) -> dict[str, tuple[list[str], list[str]]]:
    return {r.unit.id: (r.titles, r.undecided) for r in ranking.units}


def test_requires_chain_and_dependency_order() -> None:
    year = make_year({"a": {"scores": full(95), "registered": ["co"]}, "b": {"scores": full(85), "registered": ["qt"]}},
                     titles=[FLAG, QT], ballot={"voters": 10, "votes": {"co": {"a": 8}}})
    ranking = rank_year(year)
    assert ranking.title_order == ["qt", "co"]
    assert titles_of(ranking) == {"a": (["qt", "co"], []), "b": (["qt"], [])}


def test_registration_implied_through_requires_chain() -> None:
    chain = [{"id": "t3", "name": "T3", "requires": ["t2"]}, {"id": "t2", "name": "T2", "requires": ["t1"]},
             {"id": "t1", "name": "T1"}]
    year = make_year({"a": {"scores": full(50), "registered": ["t3"]}, "b": {"scores": full(50), "registered": []}},
                     titles=chain)
    ranking = rank_year(year)
    assert ranking.title_order == ["t1", "t2", "t3"]
    assert titles_of(ranking) == {"a": (["t1", "t2", "t3"], []), "b": ([], [])}


def test_requires_not_met_when_required_title_missed() -> None:
    year = make_year({"a": {"scores": full(95), "registered": ["co"]}, "b": {"scores": full(1)}},
                     titles=[FLAG, {**QT, "min_total": 99}], ballot={"voters": 10, "votes": {"co": {"a": 10}}})
    ranking = rank_year(year)
    assert ranking.result("a").titles == []
    missed = [d for d in ranking.decisions if d.unit_id == "a" and d.title_id == "co"][0]
    assert [c.name for c in missed.conditions if not c.met] == ["requires"]


def test_vote_share_exactly_on_the_threshold() -> None:
    year = make_year({"a": {"scores": full(95), "registered": ["co"]}, "b": {"scores": full(94), "registered": ["co"]}},
                     titles=[{**FLAG, "max": 2}, QT], ballot={"voters": 10, "votes": {"co": {"a": 8, "b": 7}}})
    assert titles_of(rank_year(year)) == {"a": (["qt", "co"], []), "b": (["qt"], [])}


def test_missing_ballot_leaves_the_title_undecided() -> None:
    year = make_year({"a": {"scores": full(95), "registered": ["co"]}, "b": {"scores": full(60), "registered": ["co"]}},
                     titles=[FLAG, QT], ballot={"voters": 10, "votes": {}})
    ranking = rank_year(year)
    assert titles_of(ranking) == {"a": (["qt"], ["co"]), "b": ([], [])}
    undecided = [d for d in ranking.decisions if d.outcome == "undecided"]
    assert [(d.unit_id, d.reason) for d in undecided] == [("a", "chưa có kết quả bỏ phiếu")]
    year = make_year({"a": {"scores": full(95), "registered": ["co"]}, "b": {"scores": full(60)}},
                     titles=[FLAG, QT])  # no review.yaml at all
    assert titles_of(rank_year(year))["a"] == (["qt"], ["co"])


def test_cut_off_inside_a_tie_leaves_the_tie_undecided() -> None:
    units: dict[str, dict[str, Any]] = {
        "a": {"scores": full(95), "registered": ["qt"]},
        "b": {"scores": full(90), "registered": ["qt"]},
        "c": {"scores": full(90), "registered": ["qt"]},
        "d": {"scores": full(85), "registered": ["qt"]},
    }
    year = make_year(units, titles=[{**QT, "max": 2}, TT])
    ranking = rank_year(year)
    assert titles_of(ranking)["a"] == (["qt"], [])
    assert titles_of(ranking)["b"] == ([], ["qt"]) and titles_of(ranking)["c"] == ([], ["qt"])
    assert titles_of(ranking)["d"] == ([], [])  # max reached above; tt not registered
    year = make_year(units, titles=[{**QT, "max": 3}])
    assert [r.titles for r in rank_year(year).units] == [["qt"], ["qt"], ["qt"], []]


def test_undecided_unit_is_held_out_of_the_group() -> None:
    units: dict[str, dict[str, Any]] = {
        "a": {"scores": full(90), "registered": ["qt", "tt"]},
        "b": {"scores": full(90), "registered": ["qt", "tt"]},
        "c": {"scores": full(75), "registered": ["tt"]},
    }
    year = make_year(units, titles=[{**QT, "max": 1}, TT])
    ranking = rank_year(year)
    # version 2: the tie at max leaves both undecided for qt, so they wait for tt too (never refused)
    assert titles_of(ranking) == {"a": ([], ["qt", "tt"]), "b": ([], ["qt", "tt"]), "c": (["tt"], [])}
    assert ranking.result("a").pending == {"qt": "đồng hạng tại số lượng tối đa: Khối quyết định",
                                           "tt": "chờ quyết định «Quyết thắng»"}


def test_group_allows_one_title_per_unit() -> None:
    units = {"a": {"scores": full(90), "registered": ["qt", "tt"]},
             "b": {"scores": full(72), "registered": ["qt", "tt"]}}
    ranking = rank_year(make_year(units, titles=[QT, TT]))
    assert titles_of(ranking) == {"a": (["qt"], []), "b": (["tt"], [])}
    decision = [d for d in ranking.decisions if d.unit_id == "a" and d.title_id == "tt"][0]
    assert [c.name for c in decision.conditions if not c.met] == ["group"]


def test_max_without_tie_takes_rank_order() -> None:
    units = {u: {"scores": full(s), "registered": ["qt"]} for u, s in (("a", 99), ("b", 98), ("c", 97))}
    ranking = rank_year(make_year(units, titles=[{**QT, "max": 2}]))
    assert [r.titles for r in ranking.units] == [["qt"], ["qt"], []]
    decision = [d for d in ranking.decisions if d.unit_id == "c"][0]
    assert [c.name for c in decision.conditions if not c.met] == ["max"]


def test_unregistered_unit_gets_no_title() -> None:
    ranking = rank_year(make_year({"a": {"scores": full(99)}, "b": {"scores": full(98), "registered": ["qt"]}},
                                  titles=[QT]))
    assert titles_of(ranking) == {"a": ([], []), "b": (["qt"], [])}


def test_explanations_say_every_step_in_plain_words() -> None:
    """rank --explain: the capped bonus, a provisional total, each neighbour by total or by tie-break, the band,
    and history conditions with the span of years they read."""
    from giaouoc.rank.explain import explain

    titles = [{"id": "bk", "name": "Bằng khen", "history": [{"band": "Tốt", "years": 3}]},
              {"id": "kt", "name": "Khen thưởng",
               "history": [{"without": "bk", "years": 2}, {"title": "bk", "years": 1}]}]
    bands = [{"name": "Tốt", "min": 75}, {"name": "Đạt", "min": 50}]
    scoring = {"bonus_cap": 5, "tie_break": ["penalty"], "bands": bands}
    year = make_year({
        "a": {"scores": {1: {"self": 45}, 2: 40}, "bonus": [4, 3], "registered": ["bk", "kt"]},
        "b": {"scores": full(80), "registered": ["kt"]},
        "c": {"scores": full(80), "penalties": [1], "bonus": [1]},
        "d": {"scores": full(40)},
        "e": {"scores": full(40)},
    }, scoring=scoring, titles=titles)
    ranking = rank_year(year)
    a, b, c = (explain(ranking, year, unit) for unit in "abc")
    assert a[:5] == ["A — A: hạng 1.",
                     "  Tổng điểm 90 = điểm các nội dung 85 + thưởng 5 (ghi 7, chỉ tính tối đa 5) − trừ 0.",
                     "  Kết quả tạm tính: còn nội dung mới có điểm tự chấm, chưa có điểm Khối thống nhất.",
                     "  Xếp trên B (80 điểm) vì tổng điểm 90 cao hơn.",
                     "  Xếp loại: Tốt (từ 75 điểm)."]
    assert "xếp loại từ «Tốt» trở lên 3 năm liền 2021–2023: 2021: chưa có kết quả;" in a[6]
    assert "không được khen «Bằng khen» 2 năm liền 2022–2023:" in a[7] and "được khen «Bằng khen» năm 2023" in a[7]
    assert b[2:4] == ["  Xếp dưới A (90 điểm) vì tổng điểm 80 thấp hơn.", "  Bằng tổng điểm 80 với C; xếp trên C vì có "
                      "điểm trừ ít hơn (tiêu chí phụ «penalty»: 0 so với 1)."]
    assert "2023 không đạt (không được đề nghị)" in b[-1]
    assert c[2] == ("  Bằng tổng điểm 80 với B; xếp dưới B vì B có điểm trừ ít hơn (tiêu chí phụ «penalty»: 0 so "
                    "với 1).")
    assert len(c) > 1 and "Tổng điểm 80 = điểm các nội dung 80 + thưởng 1 − trừ 1." in c[1]
    d = explain(ranking, year, "d")
    assert d[2:5] == ["  Xếp dưới C (80 điểm) vì tổng điểm 40 thấp hơn.",
                      "  Đồng hạng 4 với E: bằng tổng điểm 40 và bằng nhau ở mọi tiêu chí phụ (penalty); thứ tự trong "
                      "bảng theo tên.", "  Xếp loại: không có (tổng điểm dưới mọi mức xếp loại)."]


def test_a_votes_tie_break_without_a_ballot_entry_counts_no_votes() -> None:
    year = make_year({"a": {"scores": full(80)}, "b": {"scores": full(80)}}, scoring={"tie_break": ["votes:qt"]},
                     titles=[{"id": "qt", "name": "Quyết thắng"}], ballot={"voters": 9, "votes": {}})
    assert order(rank_year(year)) == [(1, "a"), (1, "b")]
    year = make_year({"a": {"scores": full(80)}, "b": {"scores": full(80)}}, scoring={"tie_break": ["votes:qt"]},
                     titles=[{"id": "qt", "name": "Quyết thắng"}], ballot={"voters": 9, "votes": {"qt": {"b": 1}}})
    assert order(rank_year(year)) == [(1, "b"), (2, "a")]  # a, missing from the entry, has no votes


def test_a_unit_without_a_score_file_is_not_ranked_and_names_every_item(root: Path) -> None:
    from giaouoc.rules import load_year

    (root / "compacts/2023/scores/pa09.yaml").unlink()
    (root / "compacts/2023/grades/pa08/pa09.yaml").unlink()  # nor a chấm chéo of it
    year, _ = load_year(root, root / "compacts/2023")
    assert year is not None
    result = rank_year(year).result("pa09")
    assert result.rank is None and not result.excluded and (result.bonus, result.penalty) == (0, 0)
    plain = [str(i.id) for i in year.items if not i.criteria]  # every content, each criterion of those scored by them
    criteria = [c.id for i in year.items for c in i.criteria]
    assert plain and criteria and result.not_ranked == (
        f"thiếu điểm nội dung {', '.join(plain)}; thiếu điểm tiêu chí {', '.join(criteria)}")
