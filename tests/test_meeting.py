"""The meeting's vote (spec meeting.md): candidates, ballots recorded one by one, invalid ballots, quorum, rounds."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import edit, line_of, load_ranked, past_of
from giaouoc.history.check import check_all
from giaouoc.model.results import Ranking
from giaouoc.problems import Report
from giaouoc.rank.explain import explain
from giaouoc.rank.meeting import candidates
from giaouoc.rules import load_year

YEAR = "compacts/2023"
# The sample's 2023 vote, ballot by ballot: every ballot marks pa03, pa05, pa01 for Quyết thắng.
PAPERS = [
    "{quyet-thang: [pa03, pa05, pa01, pa02, pa08, pa09, pa06], co-bca: [pa03]}",
    "{quyet-thang: [pa03, pa05, pa01, pa04, pa02, pa08, pa09, pa06], co-bca: [pa03]}",
    "{quyet-thang: [pa03, pa05, pa01, pa04, pa02, pa08, pa09], co-bca: [pa03]}",
    "{quyet-thang: [pa03, pa05, pa01, pa04, pa02, pa09, pa06], co-bca: [pa03]}",
    "{quyet-thang: [pa03, pa05, pa01, pa04, pa02, pa08, pa06], co-bca: [pa03]}",
    "{quyet-thang: [pa03, pa05, pa01, pa04, pa02, pa08, pa09], co-bca: [pa03]}",
    "{quyet-thang: [pa03, pa05, pa01, pa04, pa02, pa09, pa06], co-bca: [pa03]}",
    "{quyet-thang: [pa03, pa05, pa01, pa04, pa02, pa08, pa06], co-bca: [pa03]}",
    "{quyet-thang: [pa03, pa05, pa01, pa04, pa08, pa09]}",
]
HAND = "  voters: 9\n  votes:\n    co-bca: {pa03: 8}\n    quyet-thang: {pa01: 9, pa02: 8, pa03: 9, pa04: 8, " \
       "pa05: 9, pa06: 6, pa08: 7, pa09: 7}\n"


def set_ballot(root: Path, body: str) -> Path:
    """Replace the sample's whole `ballot:` section with `body` (its lines, indented two spaces)."""
    path = root / YEAR / "review.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^ballot:\n.*?(?=^opinions:)", "ballot:\n" + body, text)
    path.write_text(text, encoding="utf-8")
    return path


def recorded(papers: list[str], head: str = "  members: 9\n  present: 9\n  issued: 9\n") -> str:
    return head + "  ballots:\n" + "".join(f"    - {p}\n" for p in papers)


def problems(root: Path) -> list[tuple[str, int, str]]:
    return [(p.code, p.line, p.message) for p in check_all(root).problems
            if p.code != "award-not-proposed"]  # decisions.yaml awards what the edited vote may no longer propose


def ranked(root: Path) -> Ranking:
    year, report, ranking = load_ranked(root, "2023")
    assert ranking is not None, [p.message for p in report.problems]
    return ranking


def test_ballots_counted_as_the_hand_written_totals(root: Path) -> None:
    set_ballot(root, HAND)
    by_hand = ranked(root)
    set_ballot(root, recorded(PAPERS) + HAND.replace("  voters: 9\n", "  returned: 9\n  invalid: 0\n  voters: 9\n"))
    assert problems(root) == []
    counted = ranked(root)
    assert counted.tally is not None and (counted.tally.returned, counted.tally.voters) == (9, 9)
    assert counted.ballot is not None and counted.ballot.votes == by_hand.ballot.votes if by_hand.ballot else False
    assert [(r.unit.id, r.rank, r.titles) for r in counted.units] == [(r.unit.id, r.rank, r.titles) for r in
                                                                     by_hand.units]


def test_a_hand_written_total_that_differs_is_an_error(root: Path) -> None:
    head = "  members: 9\n  present: 9\n  issued: 9\n  candidates:\n    co-bca: [pa03]\n" \
           "    quyet-thang: [pa03, pa05, pa01, pa04, pa02, pa08, pa09, pa06]\n"
    path = set_ballot(root, recorded(PAPERS, head) + HAND.replace("pa06: 6", "pa06: 7").replace("voters: 9",
                                                                                               "voters: 8"))
    found = {(code, line) for code, line, _ in problems(root)}
    assert ("ballot-mismatch", line_of(path, "voters: 8")) in found
    assert ("ballot-mismatch", line_of(path, "    quyet-thang: {pa01")) in found
    path = set_ballot(root, recorded(PAPERS) + HAND.replace("pa06: 6", "pa06: 7"))  # candidates computed now
    assert [(c, line) for c, line, _ in problems(root)] == [("ballot-mismatch", line_of(path, "    quyet-thang: {"))]


def test_every_title_has_a_votes_entry_even_when_nobody_marked_it(root: Path) -> None:
    set_ballot(root, recorded(["{quyet-thang: [pa03]}", "{quyet-thang: [pa05]}"]))
    ranking = ranked(root)
    assert ranking.ballot is not None and ranking.ballot.votes["co-bca"] == {}
    assert ranking.ballot.voters == 2
    assert "co-bca" not in ranking.result("pa03").undecided  # a vote held with no mark: 0 votes, not waiting


def test_every_invalid_ballot_rule_is_a_warning_naming_position_line_and_reason(root: Path) -> None:
    head = "  members: 9\n  present: 9\n  issued: 9\n  candidates:\n    co-bca: [pa03, pa05]\n" \
           "    quyet-thang: [pa03, pa05, pa01, pa04, pa02, pa08, pa09, pa06]\n"
    papers = [PAPERS[0], "{invalid: Gạch xóa không rõ}", "{co-bca: [pa03, pa05]}", "{quyet-thang: [pv06]}",
              "{quyet-thang: [pa01, pa01]}"]
    path = set_ballot(root, recorded(papers, head))
    found = [(code, line, message) for code, line, message in problems(root) if code == "invalid-ballot"]
    lines = [line_of(path, p) for p in papers[1:]]
    assert [(line, message) for _, line, message in found] == [
        (lines[0], f"phiếu thứ 2 (dòng {lines[0]}) không hợp lệ: Gạch xóa không rõ"),
        (lines[1], f"phiếu thứ 3 (dòng {lines[1]}) không hợp lệ: chọn 2 đơn vị ở «Cờ thi đua của Bộ Công an», "
                   "quá số được chọn tối đa 1"),
        (lines[2], f"phiếu thứ 4 (dòng {lines[2]}) không hợp lệ: chọn «pv06» ở «Đơn vị Quyết thắng», đơn vị không "
                   "có trong danh sách bầu"),
        (lines[3], f"phiếu thứ 5 (dòng {lines[3]}) không hợp lệ: ghi «pa01» hai lần ở «Đơn vị Quyết thắng»"),
    ]
    ranking = ranked(root)
    assert ranking.tally is not None and (ranking.tally.returned, ranking.tally.invalid) == (5, 4)
    assert ranking.ballot is not None and ranking.ballot.votes["quyet-thang"]["pa01"] == 1


def test_candidacy_without_recorded_candidates_is_judged_by_validate(root: Path) -> None:
    path = set_ballot(root, recorded([PAPERS[0], "{co-bca: [pa05]}"]))
    found = [(code, line) for code, line, _ in problems(root)]
    assert found == [("invalid-ballot", line_of(path, "{co-bca: [pa05]}"))]


def test_a_later_ranking_with_other_candidates_warns_and_never_recounts(root: Path) -> None:
    head = "  members: 9\n  present: 9\n  issued: 9\n  candidates:\n    co-bca: [pa03]\n" \
           "    quyet-thang: [pa03, pa05, pa01, pa04, pa02, pa08, pa09, pa06, pv06]\n"
    path = set_ballot(root, recorded(["{quyet-thang: [pv06]}"], head))
    found = [(code, line) for code, line, _ in problems(root)]
    assert found == [("candidates-changed", line_of(path, "    quyet-thang: [pa03"))]
    ranking = ranked(root)
    assert ranking.ballot is not None and ranking.ballot.votes["quyet-thang"] == {"pv06": 1}


def test_counts_must_not_exceed_the_one_above(root: Path) -> None:
    path = set_ballot(root, recorded(PAPERS, "  members: 9\n  present: 8\n  issued: 9\n"))
    assert [(c, line) for c, line, _ in problems(root)] == [("ballot-mismatch", line_of(path, "issued: 9"))]
    path = set_ballot(root, recorded(PAPERS, "  members: 12\n  present: 11\n  issued: 8\n"))
    assert [(c, line) for c, line, _ in problems(root)] == [("ballot-mismatch", line_of(path, "  ballots:"))]


def test_below_the_quorum_every_vote_waits_with_the_reason(root: Path) -> None:
    path = set_ballot(root, recorded(PAPERS[:7], "  members: 12\n  present: 7\n  quorum: \"2/3\"\n  issued: 7\n"))
    assert [(c, line) for c, line, _ in problems(root)] == [("no-quorum", line_of(path, "present: 7"))]
    ranking = ranked(root)
    assert ranking.result("pa01").pending["quyet-thang"] == "hội nghị không đủ số thành viên: 7/12"
    assert "co-bca" in ranking.result("pa03").pending  # its first waiting condition: Quyết thắng, required
    assert not ranking.final


def test_at_the_quorum_the_vote_counts(root: Path) -> None:
    set_ballot(root, recorded(PAPERS[:8], "  members: 12\n  present: 8\n  quorum: \"2/3\"\n  issued: 8\n"))
    assert problems(root) == []
    ranking = ranked(root)
    assert ranking.result("pa01").pending == {} and "quyet-thang" in ranking.result("pa01").titles


def test_a_quorum_needs_members_and_present(root: Path) -> None:
    path = set_ballot(root, recorded(PAPERS, "  present: 9\n  quorum: 0.5\n  issued: 9\n"))
    assert [(c, line) for c, line, _ in problems(root)] == [("quorum-needs-attendance", line_of(path, "quorum:"))]


def test_voters_is_required_only_without_ballots(root: Path) -> None:
    set_ballot(root, "  issued: 9\n  votes:\n    co-bca: {pa03: 8}\n")
    report: Report = load_year(root, root / YEAR)[1]
    assert [p.code for p in report.problems] == ["missing-key"]


def _year_and_past(root: Path) -> dict[str, list[str]]:
    year, report = load_year(root, root / YEAR)
    assert year is not None, [p.message for p in report.problems]
    return candidates(year, past_of(root, year))


def test_candidates_of_a_title_requiring_another_wait_for_it(root: Path) -> None:
    found = _year_and_past(root)
    assert found == {"co-bca": ["pa03"],  # pa05 had the Cờ in 2022 (not two years running); pa03 waits for Quyết thắng
                     "quyet-thang": ["pa03", "pa05", "pa01", "pa04", "pa02", "pa08", "pa09", "pa06"]}  # pv06 < 85


def test_a_unit_proposed_for_a_title_of_the_group_is_no_candidate(root: Path) -> None:
    folder = root / YEAR
    _append_titles(folder / "compact.yaml",
                   ["  - {id: ttg, name: Danh hiệu thử, group: danh-hieu, min_vote_share: 0.5}"])
    units = (folder / "units.yaml").read_text(encoding="utf-8")
    units = units.replace("registered: [quyet-thang, tien-tien]", "registered: [quyet-thang, tien-tien, ttg]")
    (folder / "units.yaml").write_text(units, encoding="utf-8")
    found = _year_and_past(root)
    assert found["ttg"] == ["pa06"]  # pv06 is proposed Tiên tiến, of the same group; pa06 waits for Quyết thắng


def test_a_tie_at_the_cut_of_a_required_title_keeps_the_tied_units_on_the_paper(root: Path) -> None:
    folder = root / YEAR
    edit(folder / "compact.yaml", 'tie_break: [penalty, bonus, "item:3"]', "tie_break: []")
    _append_titles(folder / "compact.yaml", ["  - {id: cut, name: Top sáu, max: 6, min_total: 85}",
                                             "  - {id: vt, name: Bầu thử, requires: [cut], min_vote_share: 0.5}"])
    units = (folder / "units.yaml").read_text(encoding="utf-8").replace("registered: [", "registered: [vt, ")
    (folder / "units.yaml").write_text(units, encoding="utf-8")
    ranking = ranked(root)
    assert ranking.result("pa08").rank == ranking.result("pa09").rank == 6
    found = _year_and_past(root)["vt"]
    assert found[:5] == ["pa03", "pa05", "pa01", "pa04", "pa02"] and set(found[5:]) == {"pa08", "pa09"}  # not pa06


def _append_titles(path: Path, lines: list[str]) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ndocuments:", "\n" + "\n".join(lines) + "\ndocuments:", 1), encoding="utf-8")


def test_a_second_round_orders_the_units_tied_at_the_cut(root: Path) -> None:
    folder = root / YEAR
    edit(folder / "compact.yaml", 'tie_break: [penalty, bonus, "item:3"]', "tie_break: []")
    edit(folder / "compact.yaml", "    min_total: 85\n    min_vote_share: 0.5", "    min_total: 85\n    max: 6\n"
         "    min_vote_share: 0.5")
    hand = HAND.replace("pa06: 6, pa08: 7, pa09: 7", "pa08: 5, pa09: 5")  # at most 9 × 6 votes
    set_ballot(root, hand)
    assert ranking_pending(root) == {"pa08", "pa09"}, [(r.unit.id, r.rank, r.titles) for r in ranked(root).units]
    round_ = "  rounds:\n    - title: quyet-thang\n      candidates: [pa08, pa09]\n      places: 1\n      ballots:\n" \
             "        - {quyet-thang: [pa09]}\n        - {quyet-thang: [pa09]}\n        - {quyet-thang: [pa08]}\n" \
             "        - {quyet-thang: [pa08, pa09]}\n"
    path = set_ballot(root, hand + round_)
    assert [(c, line) for c, line, _ in problems(root)] == [("invalid-ballot", line_of(path, "[pa08, pa09]}"))]
    year, _, ranking = load_ranked(root, "2023")
    assert year is not None and ranking is not None
    assert "quyet-thang" in ranking.result("pa09").titles and "quyet-thang" not in ranking.result("pa08").titles
    said = " ".join(explain(ranking, year, "pa09"))  # a unit proposed through a round says so
    assert "vòng bầu thứ hai (1 suất, 3 phiếu hợp lệ): được 2 phiếu" in said
    assert ranking_pending(root) == set()
    again = "{quyet-thang: [pa08]}\n        - {quyet-thang: [pa08]}\n"
    set_ballot(root, hand + round_.replace("{quyet-thang: [pa08]}\n", again, 1))  # 2 votes each
    assert ranking_pending(root) == {"pa08", "pa09"}  # tied again: the block decides


def ranking_pending(root: Path) -> set[str]:
    return {r.unit.id for r in ranked(root).units if "quyet-thang" in r.pending}


def test_copies_of_the_minutes_must_match_the_recipients(root: Path) -> None:
    path = root / YEAR / "review.yaml"
    edit(path, "copies: 4", "copies: 2")
    assert [(c, line) for c, line, _ in problems(root)] == [("copies-mismatch", line_of(path, "copies: 2"))]


def test_an_opinion_names_its_speaker_or_is_a_line(root: Path) -> None:
    path = root / YEAR / "review.yaml"
    edit(path, "  - {speaker: pa08, text:", "  - {who: pa08, text:")
    assert [(c, line) for c, line, _ in problems(root)] == [("wrong-type", line_of(path, "{who: pa08"))]


def test_the_printed_candidates_name_units_of_the_year_once(root: Path) -> None:
    path = root / YEAR / "review.yaml"
    edit(path, "    co-bca: [pa03]\n", "    co-bca: [pa03, pa77, pa03]\n")
    found = [(c, line) for c, line, _ in problems(root)]
    assert found == [("unknown-unit", line_of(path, "pa77")), ("duplicate-id", line_of(path, "pa77"))]
