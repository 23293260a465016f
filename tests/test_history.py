"""History across years: records, lineage, conditions over years, decisions, closing (docs/lich-su.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import SAMPLE, YEAR_BOUND, copy_sample, edit, without_history
from giaouoc.cli.app import app
from giaouoc.history.check import check_all
from giaouoc.model.history import Past, YearRecord
from giaouoc.model.results import Ranking
from giaouoc.pipeline import run_year
from giaouoc.problems import Report

runner = CliRunner()
BK = """  - id: bk-bo
    name: Bằng khen của Bộ trưởng Bộ Công an
    group: bang-khen
    history:
      - {band: Hoàn thành xuất sắc nhiệm vụ, years: 2}
      - {title: quyet-thang, years: 2}
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The sample 2023 year without its history (no history.yaml, decisions, lineage or Bằng khen)."""
    shutil.copytree(SAMPLE, tmp_path / "compacts" / "2023")
    without_history(tmp_path / "compacts" / "2023")
    return tmp_path


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def with_bk(root: Path, year: int = 2023, units: tuple[str, ...] = ("pa01", "pa04")) -> None:
    """Add a Bằng khen that reads two years to a folder year, registered by some units."""
    edit(root / f"compacts/{year}/compact.yaml", "documents:", BK.rstrip("\n") + "\ndocuments:")
    for unit in units:
        path = root / f"compacts/{year}/units.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index(f"- id: {unit}\n")
        at = text.index("registered: [", start) + len("registered: [")
        path.write_text(text[:at] + "bk-bo, " + text[at:], encoding="utf-8")


def history_yaml(root: Path, text: str) -> None:
    (root / "compacts" / "history.yaml").write_text(text, encoding="utf-8")


HISTORY_2022 = """years:
  2022:
    source: Quyết định số 98/QĐ-CAT ngày 20/01/2023 của Giám đốc Công an tỉnh
    units:
      pa01: {band: Hoàn thành xuất sắc nhiệm vụ, titles: [quyet-thang]}
      pa02: {band: Hoàn thành xuất sắc nhiệm vụ, titles: [quyet-thang]}
      pa03: {band: Hoàn thành xuất sắc nhiệm vụ, titles: [quyet-thang, co-bca]}
      pa04: {band: Hoàn thành tốt nhiệm vụ, titles: [tien-tien]}
      pa05: {band: Hoàn thành xuất sắc nhiệm vụ, titles: [quyet-thang]}
      pa06: {band: Hoàn thành tốt nhiệm vụ, titles: [quyet-thang]}
      pa07: {band: Hoàn thành xuất sắc nhiệm vụ, titles: [quyet-thang]}
      pa08: {band: Hoàn thành tốt nhiệm vụ, titles: []}
      pa10: {band: Hoàn thành tốt nhiệm vụ, titles: [quyet-thang]}
      pv06: {band: null}
"""


def load_ranked(root: Path, year: str) -> tuple[object, Report, Ranking | None]:
    run = run_year(root, root / "compacts" / year)
    return run.year, run.report, run.ranking


def proposals(root: Path, year: str = "2023") -> dict[str, tuple[list[str], dict[str, str]]]:
    loaded, report, ranking = load_ranked(root, year)
    assert ranking is not None, [p.as_text() for p in report.problems]
    return {r.unit.id: (r.titles, r.pending) for r in ranking.units}


def codes(root: Path) -> list[tuple[str, str, int]]:
    return sorted((p.code, p.file, p.line) for p in check_all(root).problems)


# --- conditions over years ---------------------------------------------------------------------------------------


def test_missing_earlier_year_makes_the_unit_wait(root: Path) -> None:
    with_bk(root)
    found = proposals(root)
    assert found["pa01"] == (["quyet-thang"], {"bk-bo": "chưa có kết quả năm 2022"})


def test_band_and_title_over_two_years_from_history_yaml(root: Path) -> None:
    with_bk(root)
    history_yaml(root, HISTORY_2022)
    found = proposals(root)
    assert found["pa01"][0] == ["quyet-thang", "bk-bo"]  # HTXS and Quyết thắng both years
    assert "bk-bo" not in found["pa04"][0] and not found["pa04"][1]  # 2022 band HTT: fails, not waiting
    code, stdout, _ = invoke(root, "rank", "2023", "--explain", "pa04")
    assert code == 0
    assert ("xếp loại từ «Hoàn thành xuất sắc nhiệm vụ» trở lên 2 năm liền 2022–2023: 2022 không đạt "
            "(pa04: Hoàn thành tốt nhiệm vụ); 2023 đạt (Hoàn thành xuất sắc nhiệm vụ)") in stdout


def test_lineage_through_a_merger_needs_every_predecessor(root: Path) -> None:
    with_bk(root, units=("pa09",))
    history_yaml(root, HISTORY_2022)
    edit(root / "compacts/2023/units.yaml", "  - id: pa09\n", "  - id: pa09\n    formerly: [pa07, pa10]\n")
    # pa09's 2023 band is "tốt": make it "xuất sắc" so that only the predecessors decide
    edit(root / "compacts/2023/scores/pa09.yaml", "bonus:", "bonus:\n  - {points: 1, reason: Thưởng thêm}")
    loaded, report, ranking = load_ranked(root, "2023")
    assert ranking is not None, [p.as_text() for p in report.problems]
    decision = next(d for d in ranking.decisions if d.unit_id == "pa09" and d.title_id == "bk-bo")
    band = next(c for c in decision.conditions if c.name == "history" and "xếp loại" in c.detail)
    assert band.state == "fails"  # pa10 was only "tốt" in 2022
    assert "qua pa07: Hoàn thành xuất sắc nhiệm vụ, qua pa10: Hoàn thành tốt nhiệm vụ" in band.detail
    edit(root / "compacts/history.yaml", "pa10: {band: Hoàn thành tốt nhiệm vụ",
         "pa10: {band: Hoàn thành xuất sắc nhiệm vụ")
    assert "bk-bo" in proposals(root)["pa09"][0]


def test_decisions_not_proposals_count_in_earlier_folder_years(root: Path) -> None:
    make_folder_year(root, 2022)
    with_bk(root)
    found = proposals(root)
    assert found["pa01"][1] == {"bk-bo": "chưa có kết quả năm 2022"}  # proposed in 2022, no decision yet
    (root / "compacts/2022/decisions.yaml").write_text(
        "decisions:\n  - number: 98/QĐ-CAT\n    date: 2023-01-20\n    awards:\n"
        "      quyet-thang: [pa03, pa05, pa01, pa04, pa02, pa08, pa09]\n", encoding="utf-8")
    found = proposals(root)
    assert found["pa01"][0] == ["quyet-thang", "bk-bo"]
    (root / "compacts/2022/decisions.yaml").write_text(
        "decisions:\n  - number: 98/QĐ-CAT\n    date: 2023-01-20\n    awards:\n      quyet-thang: [pa03]\n",
        encoding="utf-8")
    assert "bk-bo" not in proposals(root)["pa01"][0]  # the authority did not award it


def test_earlier_year_with_errors_waits_with_a_warning(root: Path) -> None:
    make_folder_year(root, 2022)
    with_bk(root)
    edit(root / "compacts/2022/scores/pa01.yaml", "unit: pa01", "unit: pa01\nunit: pa01")
    loaded, report, ranking = load_ranked(root, "2023")
    assert ranking is not None
    assert ranking.result("pa01").pending == {"bk-bo": "năm 2022 còn lỗi dữ liệu"}
    assert [p.code for p in report.warnings if p.code not in YEAR_BOUND] == ["year-has-errors"]


def test_unit_that_did_not_exist_fails_band_and_meets_without(root: Path) -> None:
    history_yaml(root, HISTORY_2022)
    edit(root / "compacts/2023/compact.yaml", "    min_vote_share: 0.8\n",
         "    min_vote_share: 0.8\n    history:\n      - {without: co-bca, years: 1, before: true}\n")
    found = proposals(root)
    assert found["pa03"][0] == ["quyet-thang"]  # pa03 held the flag in 2022: not again in 2023
    code, stdout, _ = invoke(root, "rank", "2023", "--explain", "pa03")
    assert "không được khen «Cờ thi đua của Bộ Công an» năm 2022: 2022 không đạt (pa03: được khen)" in stdout


def test_title_history_read_this_year_orders_the_titles() -> None:
    from factory import full, make_year
    from giaouoc.rank.ranking import rank_year

    titles = [{"id": "bk", "name": "Bằng khen", "history": [{"title": "qt", "years": 1}]},
              {"id": "qt", "name": "Quyết thắng", "min_total": 80}]
    units = {"a": {"scores": full(90), "registered": ["bk", "qt"]}, "b": {"scores": full(70), "registered": ["bk"]}}
    ranking = rank_year(make_year(units, titles=titles))
    assert ranking.title_order == ["qt", "bk"]
    assert ranking.result("a").titles == ["qt", "bk"] and ranking.result("b").titles == []


def test_predecessors_follow_formerly_and_stop_at_units_of_the_year() -> None:
    past = Past({2021: YearRecord(2021, frozenset({"a", "b", "d"}))}, {"c": ("a", "x"), "x": ("b",), "e": ("z",)})
    assert past.predecessors("c", 2021) == ["a", "b"]
    assert past.predecessors("d", 2021) == ["d"]
    assert past.predecessors("e", 2021) == []
    assert past.predecessors("c", 2020) is None


# --- validation ---------------------------------------------------------------------------------------------------


def make_folder_year(root: Path, year: int) -> Path:
    folder = root / "compacts" / str(year)
    shutil.copytree(SAMPLE, folder)
    without_history(folder)
    edit(folder / "compact.yaml", "year: 2023", f"year: {year}")
    edit(folder / "compact.yaml", "date: 2023-03-09", f"date: {year}-03-09")
    edit(folder / "review.yaml", "date: 2023-11-20", f"date: {year}-11-20")
    return folder


@pytest.mark.parametrize(("file", "text", "expected"), [
    ("compacts/2023/decisions.yaml",
     "decisions:\n  - number: 1/QĐ\n    date: 2024-01-18\n    awards:\n      quyet-thang: [pa03, pa99, pa03]\n"
     "      tt-x: []\nbands:\n  pa03: Xuất sắc\n",
     [("duplicate-award", 5), ("unknown-band", 8), ("unknown-title", 6), ("unknown-unit", 5)]),
    ("compacts/history.yaml",
     "titles: {bk-ubnd: Bằng khen UBND}\nyears:\n  2023:\n    source: QĐ\n    units:\n      pa03: {band: null}\n"
     "  2021:\n    source: QĐ\n    units:\n      pa77: {band: Giỏi, titles: [bk-ubnd, bk-x]}\n",
     [("unknown-band", 10), ("unknown-past-unit", 10), ("unknown-title", 10), ("year-in-both", 6)]),
])
def test_new_files_are_checked_with_file_and_line(root: Path, file: str, text: str,
                                                  expected: list[tuple[str, int]]) -> None:
    (root / file).write_text(text, encoding="utf-8")
    found = [(code, line) for code, f, line in codes(root) if f == file]
    assert found == expected


def test_award_not_proposed_is_a_warning(root: Path) -> None:
    (root / "compacts/2023/decisions.yaml").write_text(
        "decisions:\n  - number: 1/QĐ\n    date: 2024-01-18\n    awards:\n      co-bca: [pa05]\n", encoding="utf-8")
    report = check_all(root)
    assert [(p.code, p.severity, p.line) for p in report.problems] == [("award-not-proposed", "warning", 5)]


def test_lineage_is_checked(root: Path) -> None:
    history_yaml(root, HISTORY_2022)
    edit(root / "compacts/2023/units.yaml", "  - id: pa09\n", "  - id: pa09\n    formerly: [pa07, pa10, pa02, pa55]\n")
    line = 1 + next(n for n, t in enumerate((root / "compacts/2023/units.yaml").read_text().splitlines())
                    if "formerly" in t)
    assert codes(root) == [("predecessor-exists", "compacts/2023/units.yaml", line),
                           ("unknown-predecessor", "compacts/2023/units.yaml", line)]


@pytest.mark.parametrize(("condition", "code"), [
    ("{band: Hoàn thành xuất sắc nhiệm vụ, title: quyet-thang, years: 2}", "invalid-history"),
    ("{band: Hoàn thành xuất sắc nhiệm vụ, years: 0}", "invalid-history"),
    ("{band: Giỏi, years: 2}", "unknown-band"),
    ("{title: qt-x, years: 2}", "unknown-title"),
    ("{title: bk-bo, years: 1}", "requires-cycle"),
])
def test_history_conditions_are_checked(root: Path, condition: str, code: str) -> None:
    with_bk(root)
    edit(root / "compacts/2023/compact.yaml", "      - {title: quyet-thang, years: 2}", f"      - {condition}")
    assert [c for c, _, _ in codes(root)] == [code]


def test_duplicate_band(root: Path) -> None:
    edit(root / "compacts/2023/compact.yaml", "{name: Hoàn thành nhiệm vụ, short: HT, min: 50}",
         "{name: Hoàn thành nhiệm vụ, short: HT, min: 75}")
    assert [c for c, _, _ in codes(root)] == ["duplicate-band"]


# --- closing a year ------------------------------------------------------------------------------------------------


def closable(root: Path) -> None:
    (root / "compacts/2023/decisions.yaml").write_text(
        "decisions:\n  - number: 125/QĐ-CAT\n    date: 2024-01-18\n    awards:\n"
        "      quyet-thang: [pa03, pa05, pa01, pa04, pa02, pa08, pa09, pa06]\n      tien-tien: [pv06]\n"
        "  - number: 512/QĐ-BCA\n    date: 2024-02-02\n    awards:\n      co-bca: [pa03]\n", encoding="utf-8")


def test_close_change_validate_reopen(root: Path) -> None:
    closable(root)
    code, _, stderr = invoke(root, "close", "2023")
    assert code == 0, stderr
    assert (root / "compacts/2023/closed.yaml").is_file()
    assert invoke(root, "validate")[0] == 0
    edit(root / "compacts/2023/scores/pa01.yaml", "  1: {self: 8", "  1: {self: 7")
    code, stdout, _ = invoke(root, "validate")
    assert code == 1
    assert "compacts/2023/scores/pa01.yaml:1:1: lỗi [closed-year-changed]" in stdout
    code, _, stderr = invoke(root, "rank", "2023")
    assert code == 1 and "closed-year-changed" in stderr  # every command treats the changed seal as an error
    assert invoke(root, "reopen", "2023")[0] == 2  # a reason is required
    code, _, stderr = invoke(root, "reopen", "2023", "--reason", "Sửa điểm nội dung 1 của PA01")
    assert code == 0, stderr
    assert invoke(root, "validate")[0] == 0
    log = (root / "compacts/2023/closed.yaml").read_text(encoding="utf-8")
    assert "reason: Sửa điểm nội dung 1 của PA01" in log and "files:" not in log
    assert invoke(root, "reopen", "2023", "--reason", "lần nữa")[0] == 1  # open already


def test_close_refuses_what_is_not_ready(root: Path) -> None:
    code, _, stderr = invoke(root, "close", "2023")
    assert code == 1 and "decisions.yaml" in stderr and not (root / "compacts/2023/closed.yaml").exists()
    (root / "compacts/2023/decisions.yaml").write_text(
        "decisions:\n  - number: 1/QĐ\n    date: 2024-01-18\n    awards:\n      tien-tien: [pv06]\n", encoding="utf-8")
    code, _, stderr = invoke(root, "close", "2023")
    assert code == 1 and "co-bca, quyet-thang" in stderr
    closable(root)
    assert invoke(root, "close", "2023")[0] == 0
    assert invoke(root, "close", "2023")[0] == 1  # closed already


def test_import_refuses_a_closed_year(root: Path, tmp_path: Path) -> None:
    closable(root)
    form = tmp_path / "phieu.xlsx"
    assert invoke(root, "form", "2023", "pa01", "--xlsx", str(form))[0] == 0
    assert invoke(root, "close", "2023")[0] == 0
    before = (root / "compacts/2023/scores/pa01.yaml").read_bytes()
    code, _, stderr = invoke(root, "import", "2023", str(form))
    assert code == 1 and "reopen" in stderr
    assert (root / "compacts/2023/scores/pa01.yaml").read_bytes() == before


def test_added_and_removed_files_break_the_seal(root: Path) -> None:
    closable(root)
    assert invoke(root, "close", "2023")[0] == 0
    (root / "compacts/2023/text/bien-ban.md").write_text("Thêm\n", encoding="utf-8")
    (root / "compacts/2023/text/giao-uoc.md").unlink()
    found = codes(root)
    assert [c for c, _, _ in found] == ["closed-year-changed", "closed-year-changed"]
    assert {f for _, f, _ in found} == {"compacts/2023/text/bien-ban.md", "compacts/2023/closed.yaml"}


def test_windows_line_ends_keep_the_seal(root: Path) -> None:
    closable(root)
    assert invoke(root, "close", "2023")[0] == 0
    path = root / "compacts/2023/units.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert codes(root) == []


# --- the history command -------------------------------------------------------------------------------------------


def test_history_command_formats(root: Path) -> None:
    history_yaml(root, HISTORY_2022)
    edit(root / "compacts/2023/units.yaml", "  - id: pa09\n", "  - id: pa09\n    formerly: [pa07, pa10]\n")
    code, stdout, stderr = invoke(root, "history", "--format", "json")
    assert code == 0, stderr
    document = json.loads(stdout)
    assert document["years"] == [2022, 2023]
    pa09 = next(u for u in document["units"] if u["id"] == "pa09")
    assert pa09["years"]["2022"]["through"] == ["pa07", "pa10"]
    assert pa09["years"]["2023"]["proposed"] == ["quyet-thang"] and pa09["years"]["2023"]["rank"] == 7
    code, stdout, _ = invoke(root, "history", "pa09")
    assert code == 0 and "PA07" in stdout and "PA10" in stdout
    code, stdout, _ = invoke(root, "history", "--format", "markdown")
    assert code == 0 and stdout.startswith("| Đơn vị | 2022 | 2023 |")
    assert "Đơn vị Quyết thắng (đề nghị)" in stdout  # proposed in 2023, no decision yet
    assert invoke(root, "history", "pa99")[0] == 2


def test_unit_history_table_shows_the_decision_number_markdown_the_whole_decision(tmp_path: Path) -> None:
    """The sample's own history: pa09 got Quyết thắng in 2021 through pa07 (decision 98/QĐ-CAT)."""
    root = copy_sample(tmp_path)
    code, table, _ = invoke(root, "history", "pa09")
    assert code == 0 and "(98/QĐ-CAT)" in table and "ngày 20/01/2022" not in table
    code, markdown, _ = invoke(root, "history", "pa09", "--format", "markdown")
    assert code == 0 and "Quyết định số 98/QĐ-CAT ngày 20/01/2022" in markdown


# --- property: ids are names, not meaning ----------------------------------------------------------------------------


@settings(max_examples=15, deadline=None)
@given(st.permutations(["pa01", "pa02", "pa03", "pa04", "pa05", "pa06", "pa07", "pa08", "pa10", "pv06"]))
def test_renaming_ids_consistently_changes_nothing(tmp_path_factory: pytest.TempPathFactory,
                                                   order: list[str]) -> None:
    base = tmp_path_factory.mktemp("a")
    shutil.copytree(SAMPLE, base / "compacts" / "2023")
    without_history(base / "compacts" / "2023")
    with_bk(base)
    history_yaml(base, HISTORY_2022)
    edit(base / "compacts/2023/units.yaml", "  - id: pa09\n", "  - id: pa09\n    formerly: [pa07, pa10]\n")
    before = proposals(base)
    renamed = {old: f"x{index:02d}" for index, old in enumerate(order)} | {"pa09": "pa09"}
    other = tmp_path_factory.mktemp("b")
    for path in (base / "compacts").rglob("*"):
        if path.is_file():
            target = other.joinpath(*(renamed.get(part, part) for part in path.relative_to(base).parts))  # grades/x03/
            for old, new in renamed.items():
                target = target.with_name(target.name.replace(f"{old}.yaml", f"{new}.yaml"))
            target.parent.mkdir(parents=True, exist_ok=True)
            text = path.read_text(encoding="utf-8")
            for old, new in renamed.items():
                text = text.replace(old, f"@{new}@")
            target.write_text(text.replace("@", ""), encoding="utf-8")
    after = proposals(other)
    assert {renamed.get(u, u): v for u, v in before.items()} == after
