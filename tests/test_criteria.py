"""Points from criteria, targets and cross-grading (docs/cham-diem.md): the four kinds, pools, scaling, grades."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from factory import exact, make_year
from giaouoc.load.reader import parse_record
from giaouoc.model.records import GradeFile, Item, TargetsFile
from giaouoc.model.year import Year
from giaouoc.rank.points import score_year
from giaouoc.rank.ranking import rank_year

D = Decimal


def criteria_year(units: dict[str, dict[int, Any]], criteria: dict[int, list[dict[str, Any]]],
                  targets: dict[str, dict[str, Any]] | None = None, not_applicable: dict[str, list[str]] | None = None,
                  grades: dict[tuple[str, str], dict[int, Any]] | None = None,
                  grading: dict[str, Any] | None = None, excluded: dict[str, str] | None = None) -> Year:
    """A year whose items are given by their criteria (max = their sum); units: id -> item -> score entry."""
    maxima = {i: sum(D(str(c["max"])) for c in cs) if cs else D(10) for i, cs in criteria.items()}
    spec = {u: {"scores": s, "excluded": (excluded or {}).get(u)} for u, s in units.items()}
    year = make_year(spec, items=maxima)
    items = [parse_record(Item, exact({"id": i, "title": f"Nội dung {i}", "max": maxima[i], "criteria": cs}))
             for i, cs in criteria.items()]
    compact = year.compact
    if grading is not None:
        compact = dataclasses.replace(compact)
        from giaouoc.model.records import Grading
        compact.grading = parse_record(Grading, exact(grading))
    target_file = parse_record(TargetsFile, exact({"targets": targets or {}, "not_applicable": not_applicable or {}}))
    grade_files = {key: parse_record(GradeFile, exact({"grader": key[0], "unit": key[1], "scores": s}))
                   for key, s in (grades or {}).items()}
    return dataclasses.replace(year, items=items, compact=compact, targets=target_file, grades=grade_files or None)


def target(max_: Any = 6, **more: Any) -> dict[str, Any]:
    return {"id": "ta", "title": "Tỷ lệ điều tra, khám phá án", "kind": "target", "max": max_, **more}


def inputs(v: Any) -> dict[int, Any]:
    """Block inputs of criterion ta on item 1."""
    return {1: {"criteria": {"ta": {"block": v}}}}


WORKED = {"pa01": (75, 78), "pa02": (80, 88), "pa03": (70, 70), "pa04": (60, 45), "pa05": (None, 12),
          "pa06": (None, 20)}


def worked_year(**kwargs: Any) -> Year:
    units = {u: {1: {"criteria": {"ta": {"block": a}}}} for u, (_, a) in WORKED.items()}
    return criteria_year(units, {1: [target()]}, targets={"ta": {u: t for u, (t, _) in WORKED.items()}}, **kwargs)


def criterion(year: Year, unit: str, cid: str = "ta", item: int = 1) -> Decimal:
    return score_year(year)[unit].contents[item].criteria[cid].points


def test_the_worked_example_to_the_hundredth() -> None:
    year = worked_year()
    points = {u: criterion(year, u) for u in WORKED}
    assert points == {"pa01": D("4.2"), "pa02": D(6), "pa03": D(3), "pa04": D("2.25"), "pa05": D("3.6"),
                      "pa06": D(6)}
    best = score_year(year)["pa01"].contents[1].criteria["ta"].best
    assert best is not None and best.unit == "pa02" and best.value == D("0.1")
    ranking = rank_year(year)
    assert [r.unit.id for r in ranking.ranked][:2] in (["pa02", "pa06"], ["pa06", "pa02"])
    assert ranking.result("pa01").subtotal == D("4.2")


def test_at_target_share_changes_the_split() -> None:
    year = criteria_year({"a": inputs(v=120), "b": inputs(v=110), "c": inputs(v=90)},
                         {1: [target(10, at_target="3/5")]}, targets={"ta": {"a": 100, "b": 100, "c": 100}})
    # h = 3/5: b at half the leader's excess gets 6 + 4 × 1/2; c below gets 6 × 0,9
    assert [criterion(year, u) for u in "abc"] == [D(10), D(8), D("5.4")]


def test_better_lower_mirrors_every_rule() -> None:
    units = {"a": inputs(v=5), "b": inputs(v=8), "c": inputs(v=10), "d": inputs(v=20), "e": inputs(v=4),
             "f": inputs(v=0), "g": inputs(v=8)}
    year = criteria_year(units, {1: [target(6, better="lower")]},
                         targets={"ta": {"a": 10, "b": 10, "c": 10, "d": 10, "e": None, "f": None, "g": None}})
    # a: e = 0,5 leads; b: e = 0,2 → 3 + 3 × 0,2/0,5; c at target 3; d over: 3 × 10/20
    # without a target the best is the smallest A: f with 0 gets 6, e and g get 6 × 0/A = 0
    assert [criterion(year, u) for u in "abcdefg"] == [D(6), D("4.2"), D(3), D("1.5"), D(0), D(6), D(0)]


def test_no_target_group_is_scored_against_its_own_best_only() -> None:
    year = criteria_year({"a": inputs(v=50), "b": inputs(v=0), "c": inputs(v=200)},
                         {1: [target()]}, targets={"ta": {"a": None, "b": None, "c": 100}})
    assert [criterion(year, u) for u in "abc"] == [D(6), D(0), D(6)]  # c leads its own group (e = 1)


def test_criterion_rounding_is_half_up_not_half_even() -> None:
    # 1 × 1/2 × 1/4 = 0,125 → 0,13 (half even would give 0,12)
    year = criteria_year({"a": inputs(v=1), "b": inputs(v=4)}, {1: [target(1)]}, targets={"ta": {"a": 4, "b": 4}})
    assert criterion(year, "a") == D("0.13")


PASS = {"id": "pb", "title": "Báo cáo đúng hạn", "kind": "pass", "max": 2}
COUNT = {"id": "pc", "title": "Chuyên án", "kind": "count", "per": 1, "max": 2, "measure": "chuyên án"}
DEDUCT = {"id": "pd", "title": "Chậm báo cáo", "kind": "deduct", "per": 0.5, "max": 2, "measure": "lần"}


def test_pass_count_and_deduct() -> None:
    def unit(p: Any, c: int, d: int) -> dict[int, Any]:
        return {1: {"criteria": {"pb": {"block": p}, "pc": {"block": c}, "pd": {"block": d}}}}

    year = criteria_year({"a": unit("đạt", 3, 1), "b": unit("không đạt", 1, 5), "c": unit(True, 0, 0)},
                         {1: [PASS, COUNT, DEDUCT]})
    got = {u: {c: p.points for c, p in score_year(year)[u].contents[1].criteria.items()} for u in "abc"}
    assert got == {"a": {"pb": 2, "pc": 2, "pd": D("1.5")}, "b": {"pb": 0, "pc": 1, "pd": 0},
                   "c": {"pb": 2, "pc": 0, "pd": 2}}
    assert score_year(year)["a"].contents[1].points == D("5.5")


def test_not_applicable_scales_the_content_and_rounds_half_up_at_the_content() -> None:
    three = [target(6), PASS, COUNT, DEDUCT]  # content max 12
    units = {"pv06": {1: {"criteria": {"pb": {"block": "đạt"}, "pc": {"block": 2}, "pd": {"block": 1}}}},
             "pa01": {1: {"criteria": {"ta": {"block": 80}, "pb": {"block": "đạt"}, "pc": {"block": 2},
                                       "pd": {"block": 0}}}}}
    year = criteria_year(units, {1: three}, targets={"ta": {"pa01": 75}}, not_applicable={"ta": ["pv06"]})
    content = score_year(year)["pv06"].contents[1]
    assert content.points == D(11) and "ta" not in content.criteria  # 5,5 × 12 / 6
    # 1,03 × 3 / 2 = 1,545 → 1,55 (half even: 1,54)
    small = [{"id": "xa", "title": "X", "kind": "count", "per": 1.03, "max": 2},
             {"id": "xb", "title": "Y", "kind": "pass", "max": 1}]
    year = criteria_year({"u": {1: {"criteria": {"xa": {"block": 1}}}}, "v": {1: {"criteria": {
        "xa": {"block": 0}, "xb": {"block": "đạt"}}}}}, {1: small}, not_applicable={"xb": ["u"]})
    assert score_year(year)["u"].contents[1].points == D("1.55")


def test_a_content_that_does_not_apply_scales_the_subtotal() -> None:
    units = {"u": {1: {"criteria": {}}, 2: {"block": 5}}, "v": {1: {"criteria": {"pb": {"block": "đạt"}}},
                                                                  2: {"block": 5}}}
    year = criteria_year(units, {1: [PASS], 2: []}, not_applicable={"pb": ["u"]})
    points = score_year(year)["u"]
    assert not points.contents[1].applicable and points.scaled
    assert points.subtotal == D(6)  # 5 × 12 / 10
    result = rank_year(year).result("u")
    assert result.rank is not None and result.subtotal == D(6)


def test_missing_target_and_missing_input_leave_the_unit_unranked_naming_the_criterion() -> None:
    units = {"a": {1: {"criteria": {"ta": {"block": 5}, "pb": {"block": "đạt"}}}},
             "b": {1: {"criteria": {"ta": {"block": 5}}}},
             "c": {1: {"criteria": {"ta": {"block": 5}, "pb": {"block": "đạt"}}}}}
    year = criteria_year(units, {1: [target(), PASS]}, targets={"ta": {"a": 5, "b": 5}})
    ranking = rank_year(year)
    assert ranking.result("a").rank == 1
    assert ranking.result("b").not_ranked == "thiếu điểm tiêu chí pb"
    assert ranking.result("c").not_ranked == "thiếu chỉ tiêu ta"


def test_excluded_units_are_in_the_pool() -> None:
    year = worked_year(excluded={"pa02": "Bị kỷ luật"})
    assert criterion(year, "pa01") == D("4.2")  # still against pa02's 10%
    assert rank_year(year).result("pa02").rank is None


def test_self_inputs_make_the_unit_and_those_scored_against_them_provisional() -> None:
    units = {u: {1: {"criteria": {"ta": {"block": a}}}} for u, (_, a) in WORKED.items()}
    units["pa02"] = {1: {"criteria": {"ta": {"self": 88}}}}
    year = criteria_year(units, {1: [target()]}, targets={"ta": {u: t for u, (t, _) in WORKED.items()}})
    points = score_year(year)
    assert points["pa02"].provisional and points["pa01"].provisional  # pa01 is scored against pa02's excess
    assert not points["pa04"].provisional and not points["pa06"].provisional  # below target; other group


GRADED = {"id": "ga", "title": "Số vụ", "kind": "count", "per": 1, "max": 10}


def test_graded_inputs_mean_median_and_pass_majority() -> None:
    units = {u: {1: {"criteria": {"ga": {"self": 9}, "pb": {"self": "đạt"}}}} for u in "abcd"}
    grades = {("b", "a"): {1: {"ga": 4, "pb": "đạt"}}, ("c", "a"): {1: {"ga": 7, "pb": "không đạt"}},
              ("d", "a"): {1: {"ga": 5}}, ("a", "b"): {1: {"pb": "đạt"}}}
    for method, expected in (("mean", D("5.33")), ("median", D(5))):
        year = criteria_year(units, {1: [GRADED, PASS]}, grades=grades,
                             grading={"method": method})
        content = score_year(year)["a"].contents[1]
        assert content.criteria["ga"].points == expected and content.criteria["ga"].counting.source == "graded"
        assert content.criteria["pb"].points == 0  # 1 đạt of 2: no majority
        assert content.criteria["pb"].counting.graders == (("b", True), ("c", False))
    grades.pop(("d", "a"))
    year = criteria_year(units, {1: [GRADED, PASS]}, grades=grades, grading={"method": "median"})
    assert score_year(year)["a"].contents[1].criteria["ga"].points == D("5.5")  # even count: mean of the middle
    assert score_year(year)["b"].contents[1].criteria["pb"].points == 2  # 1 of 1: majority


def test_block_beats_graded_beats_self_and_disputes_open_and_settle() -> None:
    grades = {("b", "a"): {1: 6, 2: 8}, ("c", "a"): {1: 7, 2: 7}}
    units = {"a": {1: {"self": 9}, 2: {"self": 9, "block": 8}}, "b": {1: {"self": 5}, 2: {"self": 5}},
             "c": {1: {"self": 5}, 2: {"self": 5}}}
    year = criteria_year(units, {1: [], 2: []}, grades=grades, grading={"dispute": 1})
    a = score_year(year)["a"]
    assert (a.contents[1].points, a.contents[1].source) == (D("6.5"), "graded")
    assert (a.contents[2].points, a.contents[2].source) == (D(8), "block")
    assert a.contents[1].disputed and not a.contents[1].settled  # 9 against 6,5
    assert a.contents[2].settled and not a.contents[2].disputed  # 9 against 7,5, the block decided 8
    assert a.provisional and not rank_year(year).final
    assert a.self_subtotal == D(18)
    units["a"][1]["block"] = 7
    a = score_year(criteria_year(units, {1: [], 2: []}, grades=grades, grading={"dispute": 1}))["a"]
    assert a.contents[1].settled and not a.provisional


def test_graded_points_of_a_target_are_computed_against_the_pool_with_the_graded_value() -> None:
    units = {u: {1: {"criteria": {"ta": {"self": a}}}} for u, (_, a) in WORKED.items()}
    units["pa01"] = {1: {"criteria": {"ta": {"self": 96}}}}  # self: e = 0,28, leads itself
    grades = {("pa02", "pa01"): {1: {"ta": 78}}}
    year = criteria_year(units, {1: [target()]}, targets={"ta": {u: t for u, (t, _) in WORKED.items()}},
                         grades=grades, grading={"dispute": 1})
    content = score_year(year)["pa01"].contents[1]
    assert (content.points, content.self_points, content.graded_points) == (D("4.2"), D(6), D("4.2"))
    assert content.disputed


@st.composite
def plain_units(draw: st.DrawFn) -> dict[str, dict[int, Any]]:
    count = draw(st.integers(1, 6))
    entry = st.fixed_dictionaries({}, optional={"self": st.decimals(0, 10, places=1),
                                                "block": st.decimals(0, 10, places=1)})
    return {f"u{i}": {1: draw(entry), 2: draw(entry)} for i in range(count)}


@settings(max_examples=80, deadline=None)
@given(plain_units())
def test_without_criteria_the_counting_rule_is_block_else_self(units: dict[str, dict[int, Any]]) -> None:
    year = make_year({u: {"scores": s} for u, s in units.items()}, items={1: 10, 2: 10})
    ranking = rank_year(year)
    for unit, scores in units.items():
        counted = [s.get("block", s.get("self")) for s in scores.values()]
        result = ranking.result(unit)
        if None in counted:
            assert result.rank is None
            continue
        assert result.subtotal == sum(counted)
        assert result.provisional == any("block" not in s for s in scores.values())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 200), min_size=6, max_size=6), st.permutations(["zz", "qa", "m9", "b-b", "k", "x1"]))
def test_renaming_criterion_ids_changes_nothing(results: list[int], names: list[str]) -> None:
    def build(cid: str, pid: str) -> Year:
        units = {u: {1: {"criteria": {cid: {"block": a}, pid: {"block": "đạt" if a % 2 else "không đạt"}}}}
                 for u, a in zip(WORKED, results, strict=True)}
        return criteria_year(units, {1: [target() | {"id": cid}, PASS | {"id": pid}]},
                             targets={cid: {u: t for u, (t, _) in WORKED.items()}})
    first, second = rank_year(build("ta", "pb")), rank_year(build(names[0], names[1]))
    assert [(r.unit.id, r.total, r.rank) for r in first.units] == [(r.unit.id, r.total, r.rank) for r in second.units]


def test_a_mean_of_seven_graders_stays_exact() -> None:
    from fractions import Fraction

    from giaouoc.rank.inputs import combine

    assert combine([D(1)] + [D(0)] * 6, "mean", False) == Fraction(1, 7)  # never 0,1428571428571428571428571429
    assert combine([D("1.25"), D("2.5")], "mean", False) == D("1.875")
