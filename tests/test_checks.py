"""One broken input per rule: each must be reported with its code, file and line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import edit, hand_written
from giaouoc.cli.app import app
from giaouoc.problems import Problem
from giaouoc.rules import load_year


def problems(root: Path) -> list[Problem]:
    return load_year(root, root / "compacts" / "2023")[1].sorted()


def test_bundled_sample_is_valid_and_complete(root: Path) -> None:
    year, report = load_year(root, root / "compacts" / "2023")
    assert report.problems == []
    assert year is not None
    assert len(year.units) == 9 and len(year.items) == 13
    assert sum(i.max for i in year.items) == 100


CASES = [
    # (file, old, new, code, text on the reported line)
    ("compact.yaml", "year: 2023", "year: 2024", "year-mismatch", "year: 2024",
     {"also": [("date-outside-year", "compact.yaml", "date: 2023-03-09"),
               ("date-outside-year", "review.yaml", "date: 2023-11-20")]}),
    ("compact.yaml", "leader: pa03", "leader: pa99", "unknown-unit", "leader: pa99"),
    ("compact.yaml", "deputy: pa05", "deputy: pa03", "leader-is-deputy", "deputy: pa03"),
    ("compact.yaml", "date: 2023-03-09", "date: 2022-12-01", "date-outside-year", "date: 2022-12-01"),
    ("compact.yaml", "date: 2023-03-09", "date: 2023-02-30", "invalid-date", "date: 2023-02-30"),
    ("compact.yaml", "date: 2023-03-09", "date: 09/03/2023", "invalid-date", "date: 09/03/2023"),
    ("compact.yaml", 'tie_break: [penalty, bonus, "item:3"]', "tie_break: [penalty, bonuses]",
     "unknown-tie-break", "tie_break:"),
    ("compact.yaml", 'tie_break: [penalty, bonus, "item:3"]', 'tie_break: ["item:31"]',
     "unknown-tie-break", "tie_break:"),
    ("compact.yaml", 'tie_break: [penalty, bonus, "item:3"]', 'tie_break: ["votes:co-x"]',
     "unknown-tie-break", "tie_break:"),
    ("compact.yaml", "  - id: quyet-thang", "  - id: co-bca\n    name: Trùng mã\n  - id: quyet-thang",
     "duplicate-id", "- id: co-bca\n"),
    ("compact.yaml", "requires: [quyet-thang]", "requires: [quyet-thang-x]", "unknown-title", "requires:"),
    ("compact.yaml", "{without: co-bca, years: 1, before: true}", "{without: co-bca-x, years: 1}", "unknown-title",
     "{without: co-bca-x"),
    ("compact.yaml", "  - id: quyet-thang", "  - name: Trùng mã\n    id: co-bca\n  - id: quyet-thang", "duplicate-id",
     "    id: co-bca\n"),
    ("compact.yaml", "    min_vote_share: 0.5", "    min_vote_share: 0.5\n    requires: [co-bca]",
     "requires-cycle", "requires: [quyet-thang]", {"also": [("requires-cycle", "compact.yaml", "requires: [co-bca]")]}),
    ("compact.yaml", "      - {title: quyet-thang, years: 2}", "      - {title: bk-bo, years: 1}", "requires-cycle",
     "      - {band: Hoàn thành xuất sắc nhiệm vụ, years: 2}"),  # a cycle through history: at the title's conditions
    ("compact.yaml", "      - {title: quyet-thang, years: 2}",
     "      - {band: Hoàn thành xuất sắc nhiệm vụ, title: quyet-thang, years: 2}", "invalid-history",
     "title: quyet-thang, years: 2}"),
    ("compact.yaml", "      - {title: quyet-thang, years: 2}", "      - {title: quyet-thang, years: 0}",
     "invalid-history", "years: 0}"),
    ("compact.yaml", "max: 1", "max: 0", "invalid-max", "max: 0"),
    ("compact.yaml", "min_vote_share: 0.8", "min_vote_share: 1.5", "invalid-vote-share", "min_vote_share: 1.5"),
    ("compact.yaml", "min_vote_share: 0.8", "min_vote_share: 0", "invalid-vote-share", "min_vote_share: 0\n"),
    ("compact.yaml", "code: KANND", "code: kannd", "invalid-id", "code: kannd"),
    ("compact.yaml", "total: 100", "total: 0", "invalid-max", "total: 0",
     {"also": [("total-mismatch", "items.yaml", "items:")]}),
    ("compact.yaml", "bonus_cap: 5", "bonus_cap: -1", "invalid-max", "bonus_cap: -1"),
    ("compact.yaml", "{name: Hoàn thành nhiệm vụ, short: HT, min: 50}", "{name: Hoàn thành tốt nhiệm vụ, min: 50}",
     "duplicate-band", "{name: Hoàn thành tốt nhiệm vụ, min: 50}"),
    ("compact.yaml", "min: 0}", "min: -1}", "invalid-max", "min: -1}"),
    ("compact.yaml", "min_total: 95", "min_total: -1", "invalid-max", "min_total: -1"),
    ("compact.yaml", "bonus_cap: 5", "bonus_kap: 5", "unknown-key", "bonus_kap"),
    ("compact.yaml", "  bien-ban:", "  bien-bản:", "unknown-key", "bien-bản:"),
    ("compact.yaml", "authority: Công an tỉnh Quảng Bình\n", "", "missing-key", "year: 2023"),
    ("units.yaml", "id: pa01", "id: PA01", "invalid-id", "id: PA01"),
    ("units.yaml", "id: pa02", "id: pa01", "duplicate-id", "id: pa01\n",
     {"drop": ["scores", "review.yaml", "decisions.yaml", "grades"],
      "also": [("unknown-unit", "compact.yaml", "pa01: [pa02]"), ("unknown-unit", "compact.yaml", "pa02: [pa03]"),
               ("unknown-unit", "targets.yaml", "5a: {pa01"), ("unknown-unit", "targets.yaml", "8a: {pa01")]}),
    ("units.yaml", "name: Phòng An ninh nội địa", "name: PHÒNG AN NINH ĐỐI NGOẠI", "duplicate-name",
     "PHÒNG AN NINH ĐỐI NGOẠI"),
    ("units.yaml", "registered: [quyet-thang, bk-bo]\n  - id: pa02",
     "registered: [quyet-thang-moi, bk-bo]\n  - id: pa02", "unknown-title", "quyet-thang-moi"),
    ("units.yaml", "registered: [co-bca]\n  - id: pa04", "registered: [co-bcaa]\n  - id: pa04",
     "unknown-title", "co-bcaa"),
    ("units.yaml", "head: {rank: Thượng tá, name: Nguyễn Văn A, title: Trưởng phòng}",
     "head: {rank: Thượng tá, title: Trưởng phòng}", "missing-key", "head: {rank: Thượng tá, title"),
    ("items.yaml", "max: 12", "max: 13", "total-mismatch", "items:"),
    ("items.yaml", "  - id: 2\n", "  - id: 1\n", "duplicate-id", "- id: 1\n", {"drop": ["scores"]}),
    ("items.yaml", "  - id: 2\n", "  - id: 0\n", "invalid-id", "- id: 0\n", {"drop": ["scores"]}),
    ("items.yaml", '  - id: 2\n    title: Lãnh đạo, chỉ đạo, tổ chức phong trào thi đua "Vì An ninh Tổ quốc" trong '
     'Khối và trong đơn vị\n', '  - title: Lãnh đạo\n    id: 0\n', "invalid-id", "    id: 0\n",
     {"drop": ["scores"]}),
    ("items.yaml", "    max: 12", "    max: -12", "invalid-max", "max: -12",
     {"drop": ["scores"], "also": [("total-mismatch", "items.yaml", "items:")]}),
    ("scores/pa03.yaml", "unit: pa03", "unit: pa05", "unit-mismatch", "unit: pa05"),
    ("scores/pa03.yaml", "  3: {self: 12, block: 12", "  3: {self: 12, block: 12.5", "score-over-max", "  3: {"),
    ("scores/pa03.yaml", "  4: {self: 10, block: 10}", "  4: {self: 10, block: -1}", "score-negative", "4: {"),
    ("scores/pa03.yaml", "  4: {self: 10, block: 10}", "  4: {self: 10, block: 9.555}", "too-many-decimals", "4: {"),
    ("scores/pa03.yaml", "  4: {self: 10, block: 10}", "  4:\n    self: 9,5", "invalid-number", "self: 9,5"),
    ("scores/pa03.yaml", "  4: {self: 10, block: 10}", "  4: {self: 10, block: ten}", "invalid-number", "4: {"),
    ("scores/pa03.yaml", "  13: {self: 6, block: 6}", "  13: {self: 6, block: 6}\n  14: {self: 1}",
     "unknown-item", "14: {"),
    ("scores/pa03.yaml", "points: 1.5", "points: 0", "points-not-positive", "points: 0,"),
    ("scores/pa03.yaml", "points: 1.5", "points: -1.5", "points-not-positive", "points: -1.5"),
    ("scores/pa03.yaml", 'reason: "Có sáng kiến được Công an tỉnh công nhận"', 'reason: ""', "empty-text",
     'reason: ""'),
    ("scores/pa03.yaml", ', reason: "Có sáng kiến được Công an tỉnh công nhận"', "", "missing-key", "points: 0.5"),
    ("scores/pa03.yaml", "  4: {self: 10, block: 10}", "  4: {self: 10, blok: 10}", "unknown-key", "4: {"),
    ("scores/pa03.yaml", "unit: pa03", "unit: pa03\nunit: pa03", "duplicate-key", "unit: pa03\nunit"),
    ("scores/pa03.yaml", "  4: {self: 10, block: 10}", '  4: {self: 10, block: 10, note: "a\\u0007b"}',
     "control-char", "4: {"),
    ("units.yaml", "header: [Phòng An ninh, \"mạng", "header: [Phòng An ninh, \"mạng lưới", "header-mismatch",
     "header: [Phòng An ninh"),
    # criteria, targets, grades (docs/cham-diem.md)
    ("items.yaml", '        max: 4\n        measure: "%"', '        max: 5\n        measure: "%"', "criteria-sum",
     "    criteria:\n"),
    ("items.yaml", "        kind: pass            # định tính: đạt hoặc không đạt\n",
     "        kind: pass            # định tính: đạt hoặc không đạt\n        per: 3\n", "invalid-per", "per: 3"),
    ("items.yaml", "        kind: count           # chấm thẳng: 0,5 điểm mỗi tin, tối đa 2 điểm\n        per: 0.5\n",
     "        kind: count           # chấm thẳng: 0,5 điểm mỗi tin, tối đa 2 điểm\n", "invalid-per",
     "kind: count           # chấm thẳng"),
    ("items.yaml", "kind: pass            # định tính", "kind: dat            # định tính", "invalid-choice",
     "kind: dat"),
    ("items.yaml", '        measure: "%"\n', '        measure: "%"\n        at_target: 1.5\n', "invalid-at-target",
     "at_target: 1.5"),
    ("items.yaml", "      - id: 5b\n", "      - id: 8b\n", "duplicate-id", "- id: 8b\n",
     {"drop": ["scores", "grades"]}),
    ("items.yaml", "      - id: 5b\n", "      - id: 51\n", "invalid-id", "- id: 51\n",
     {"drop": ["scores", "grades"]}),
    ("scores/pa03.yaml", "5b: {self: đạt, block: đạt}", "5b: {self: đạt, block: dat}", "invalid-pass", "5b: {"),
    ("scores/pa03.yaml", "5b: {self: đạt, block: đạt}", "5b: {self: đạt, block: 2}", "invalid-pass", "5b: {"),
    ("scores/pa03.yaml", "5c: {self: 3, block: 3}", "5c: {self: 3, block: 2.5}", "not-whole", "5c: {"),
    ("scores/pa03.yaml", "5a: {self: 2, block: 2}", "5a: {self: 2, block: đạt}", "wrong-type", "5a: {"),
    ("scores/pa03.yaml", "5a: {self: 2, block: 2}", "5a: {self: 2, block: -2}", "score-negative", "5a: {"),
    ("scores/pa03.yaml", "  5:\n    criteria:", "  5:\n    block: 10\n    criteria:", "points-with-criteria",
     "block: 10\n"),
    ("scores/pa03.yaml", "      5d: {self: 0, block: 0}\n", "      5d: {self: 0, block: 0}\n      5z: {self: 1}\n",
     "unknown-criterion", "5z:"),
    ("scores/pa03.yaml", "  4: {self: 10, block: 10}", "  4: {self: 10, block: 10, criteria: {4a: {self: 1}}}",
     "unknown-criterion", "4: {"),
    ("targets.yaml", "pa03: 90", "pa03: 0", "target-zero", "8a: {"),
    ("targets.yaml", "pa03: 90", "pa33: 90, pa03: 90", "unknown-unit", "8a: {"),
    ("targets.yaml", "  5a: {", "  5c: {pa01: 1}\n  5a: {", "unknown-criterion", "5c: {pa01: 1}"),
    ("targets.yaml", "  8a: [pv06]", "  8a: [pv06]\n  8q: [pa01]", "unknown-criterion", "8q: [pa01]"),
    ("compact.yaml", "  method: mean", "  method: average", "invalid-choice", "method: average"),
    ("compact.yaml", "    pa01: [pa02]", "    pa01: [pa02, pa01]", "grade-mismatch", "pa01: [pa02, pa01]"),
    ("grades/pa01/pa02.yaml", "unit: pa02", "unit: pa03", "grade-mismatch", "unit: pa03"),
    ("grades/pa01/pa02.yaml", "  12: 4.5", "  12: 6.5", "score-over-max", "  12: 6.5"),
    ("grades/pa01/pa02.yaml", "  5: {", "  5: {5x: 1, ", "unknown-criterion", "  5: {"),
    ("grades/pa01/pa02.yaml", "  5: {", "  4: {4a: 1}\n  5: {", "unknown-criterion", "  4: {"),
    ("grades/pa01/pa02.yaml", "  5: {", "  14: 1\n  5: {", "unknown-item", "  14: 1"),
    ("grades/pa01/pa02.yaml", "5b: đạt", "5b: 1", "invalid-pass", "  5: {"),
    ("review.yaml", "date: 2023-11-20", "date: 2024-01-05", "date-outside-year", "date: 2024-01-05"),
    ("review.yaml", 'date: 2023-11-20\nstart: "08:00"', 'start: "08:00"\ndate: 2024-01-05', "date-outside-year",
     "date: 2024-01-05"),  # reported on the date's own line, wherever it stands
    ("review.yaml", 'end: "11:30"', 'end: "07:30"', "invalid-time", "end:"),
    ("review.yaml", 'start: "08:00"', 'start: "8h"', "invalid-time", "start:"),
    ("review.yaml", 'end: "11:30"', 'end: "08:00"', "invalid-time", 'end: "08:00"'),  # ends when it starts
    ("review.yaml", "absent: []", "absent:\n  - {unit: pa05, reason: Đi công tác}\n  - {unit: pa05, reason: Ốm}",
     "duplicate-id", "{unit: pa05, reason: Ốm}"),
    ("review.yaml", "  leader: pa05", "  leader: pa55", "unknown-unit", "leader: pa55"),
    ("review.yaml", "  deputy: pa01", "  deputy: pa11", "unknown-unit", "deputy: pa11"),
    ("review.yaml", "  invalid: 0 ", "  invalid: 10 ", "ballot-mismatch", "invalid: 10", {"hand": True}),
    ("decisions.yaml", "      tien-tien: [pv06]\n", "      tien-tien: [pv06]\nbands:\n  pa77: Hoàn thành nhiệm vụ\n",
     "unknown-unit", "pa77:"),
    ("decisions.yaml", "      tien-tien: [pv06]\n", "      tien-tien: [pv06]\nbands:\n  pa01: Giỏi\n", "unknown-band",
     "pa01: Giỏi"),
    ("compact.yaml", "deputy: pa05", "deputy: pa55", "unknown-unit", "deputy: pa55"),
    ("review.yaml", "co-bca: {pa03: 8}", "co-bcx: {pa03: 8}", "unknown-title", "co-bcx", {"hand": True}),
    ("review.yaml", "co-bca: {pa03: 8}", "co-bca: {pa03: 8, pa55: 1}", "unknown-unit", "co-bca:", {"hand": True}),
    ("review.yaml", "co-bca: {pa03: 8}", "co-bca: {pa03: 10}", "votes-over-voters", "pa03: 10",
     {"also": [("votes-over-max", "review.yaml", "co-bca:")], "hand": True}),
    ("review.yaml", "co-bca: {pa03: 8}", "co-bca: {pa03: 8, pa05: 5}", "votes-over-max", "co-bca:",
     {"hand": True}),
    ("review.yaml", "    co-bca: {pa03: 8}", "    co-bca:\n      pa03: 8\n      pa55: 1", "unknown-unit", "pa55: 1",
     {"hand": True}),
    ("review.yaml", "    co-bca: {pa03: 8}", "    co-bca:\n      pa03: 10", "votes-over-voters", "pa03: 10",
     {"also": [("votes-over-max", "review.yaml", "co-bca:")], "hand": True}),  # block style: each count at its line
    ("review.yaml", "secretary:", "secretaty:", "unknown-key", "secretaty:",
     {"also": [("missing-key", "review.yaml", "date: 2023-11-20")]}),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[3]}@{c[0]}" for c in CASES])
def test_rule(root: Path, case: tuple[Any, ...]) -> None:
    """The broken input gives exactly these problems: code, file and line, nothing spurious, nothing missing.

    A case may drop files first (so that a changed id does not ripple into every score file) and may
    expect further problems that follow from the same edit.
    """
    file, old, new, code, needle = case[:5]
    extra: dict[str, Any] = case[5] if len(case) > 5 else {}
    year = root / "compacts" / "2023"
    for name in extra.get("drop", []):
        shutil.rmtree(year / name) if (year / name).is_dir() else (year / name).unlink()
    if extra.get("hand"):  # a case about the ballot's totals written by hand
        hand_written(year)
    path = year / file
    edit(path, old, new)
    expected = [(code, file, last_line_of(path, needle))]
    expected += [(c, f, last_line_of(year / f, n)) for c, f, n in extra.get("also", [])]
    found = [(p.code, p.file.removeprefix("compacts/2023/"), p.line) for p in problems(root)]
    assert sorted(found) == sorted(expected), [p.as_text() for p in problems(root)]
    assert all(p.severity == "error" for p in problems(root))


@pytest.mark.parametrize(("file", "old", "new"), [
    ("compact.yaml", "bonus_cap: 5", "bonus_cap: 0"),  # no bonus counts: allowed
    ("compact.yaml", "min_total: 95", "min_total: 0"),
    ("review.yaml", 'end: "11:30"', 'end: "08:01"'),  # a one-minute meeting
    ("review.yaml", 'quorum: "2/3"', "quorum: 1"),  # every member present: exactly the quorum
    ("compact.yaml", "{name: Hoàn thành nhiệm vụ, short: HT, min: 50}", "{name: Hoàn thành nhiệm vụ, min: 50.5}"),
])
def test_values_on_the_boundary_are_valid(root: Path, file: str, old: str, new: str) -> None:
    """The other side of each boundary above: the rule refuses no more than it must."""
    edit(root / "compacts" / "2023" / file, old, new)
    assert problems(root) == []


def last_line_of(path: Path, needle: str) -> int:
    """The line of the last occurrence of needle (a duplicate is reported where it repeats)."""
    text = path.read_text(encoding="utf-8")
    end = text.rindex(needle) + len(needle.rstrip("\n"))
    return text[:end].count("\n") + 1


def test_duplicate_title_id_is_reported_on_the_second(root: Path) -> None:
    path = root / "compacts" / "2023" / "compact.yaml"
    edit(path, "  - id: quyet-thang", "  - id: co-bca")
    found = [p for p in problems(root) if p.code == "duplicate-id"]
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if "- id: co-bca" in line]
    assert [p.line for p in found] == [lines[1]]


def test_unknown_key_suggests_the_near_miss(root: Path) -> None:
    edit(root / "compacts/2023/compact.yaml", "bonus_cap: 5", "bonus_kap: 5")
    (problem,) = [p for p in problems(root) if p.code == "unknown-key"]
    assert "bonus_cap" in problem.message


def test_decimal_comma_hint_says_what_to_write(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa03.yaml", "  4: {self: 10, block: 10}", "  4:\n    self: 9,5")
    (problem,) = [p for p in problems(root) if p.code == "invalid-number"]
    assert "9.5" in problem.message


def test_incomplete_scoring_is_a_warning(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa03.yaml", "  7: {self: 8, block: 8}\n", "")
    (root / "compacts/2023/scores/pa09.yaml").unlink()
    found = problems(root)
    assert [(p.code, p.severity) for p in found] == [("incomplete-scores", "warning"), ("missing-scores", "warning")]
    assert "7" in found[0].message and found[0].file == "compacts/2023/scores/pa03.yaml"
    assert found[1].file == "compacts/2023/units.yaml" and "pa09" in found[1].message


def test_missing_required_file(root: Path) -> None:
    (root / "compacts/2023/items.yaml").unlink()
    found = problems(root)
    assert [(p.code, p.file) for p in found if p.severity == "error"] == [("missing-file", "compacts/2023/items.yaml")]


def test_every_problem_of_every_file_in_one_run(root: Path) -> None:
    edit(root / "compacts/2023/compact.yaml", "year: 2023", "year: 2024")
    edit(root / "compacts/2023/units.yaml", "id: pa01", "id: PA01")
    edit(root / "compacts/2023/scores/pa03.yaml", "  3: {self: 12, block: 12", "  3: {self: 12, block: 12.5")
    edit(root / "compacts/2023/scores/pa05.yaml", "unit: pa05", "unit: pa5")
    hand_written(root / "compacts/2023")
    edit(root / "compacts/2023/review.yaml", "co-bca: {pa03: 8", "co-bca: {pa03: 10")
    found = {p.code for p in problems(root)}
    assert {"year-mismatch", "invalid-id", "score-over-max", "unit-mismatch", "votes-over-voters"} <= found


def test_nfd_names_are_normalised(root: Path) -> None:
    import unicodedata

    path = root / "compacts/2023/units.yaml"
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    year, report = load_year(root, root / "compacts" / "2023")
    assert year is not None, [p.as_text() for p in report.problems]
    assert year.units[0].name == unicodedata.normalize("NFC", "Phòng An ninh đối ngoại")


def test_stray_file_in_scores_is_a_warning(root: Path) -> None:
    (root / "compacts/2023/scores/pa10.yml").write_text("unit: pa10\n")
    found = problems(root)
    assert [(p.code, p.severity) for p in found] == [("stray-file", "warning")]


def test_control_characters_in_text_files_but_not_windows_line_ends(root: Path) -> None:
    path = root / "compacts/2023/text/giao-uoc.md"
    path.write_bytes(b"D\xc3\xb2ng m\xe1\xbb\x99t\r\nD\xc3\xb2ng hai\r\n")
    assert problems(root) == []
    path.write_bytes(b"D\xc3\xb2ng m\xe1\xbb\x99t\nC\xc3\xb3 \x0c ng\xe1\xba\xaft trang\n")
    (problem,) = problems(root)
    assert (problem.code, problem.file, problem.line, problem.column) == (
        "control-char", "compacts/2023/text/giao-uoc.md", 2, 4)


def test_a_cycle_is_named_the_way_round_it_goes(root: Path) -> None:
    """Cờ → Quyết thắng → Tiên tiến → Cờ, with Tiên tiến also requiring Quyết thắng (a shorter way back)."""
    path = root / "compacts/2023/compact.yaml"
    edit(path, "    min_vote_share: 0.5", "    min_vote_share: 0.5\n    requires: [tien-tien]")
    edit(path, "    min_total: 75\ndocuments:", "    min_total: 75\n    requires: [quyet-thang, co-bca]\ndocuments:")
    found = {p.message.split("«")[1].split("»")[0]: p.message for p in problems(root) if p.code == "requires-cycle"}
    assert set(found) == {"co-bca", "quyet-thang", "tien-tien"}
    assert "co-bca → quyet-thang → tien-tien → co-bca" in found["co-bca"]
    assert "quyet-thang → tien-tien → quyet-thang" in found["quyet-thang"]


def test_a_title_read_in_earlier_years_must_exist_in_some_year(root: Path) -> None:
    edit(root / "compacts/2023/compact.yaml", "{without: co-bca, years: 1, before: true}",
         "{without: co-bca-cu, years: 1, before: true}")
    result = CliRunner().invoke(app, ["--root", str(root), "validate", "--format", "json"])
    found = [(p["code"], p["file"]) for p in json.loads(result.stdout)["problems"]]
    assert found == [("unknown-title", "compacts/2023/compact.yaml")] and result.exit_code == 1


def test_a_duplicate_name_names_the_unit_it_repeats(root: Path) -> None:
    edit(root / "compacts/2023/units.yaml", "name: Phòng An ninh nội địa", "name: PHÒNG AN NINH ĐỐI NGOẠI")
    (problem,) = problems(root)
    assert "«PHÒNG AN NINH ĐỐI NGOẠI»" in problem.message and "«Phòng An ninh đối ngoại»" in problem.message


def test_a_copy_of_a_score_file_is_named_as_such(root: Path) -> None:
    scores = root / "compacts/2023/scores"
    shutil.copy(scores / "pa03.yaml", scores / "pa03 - Copy.yaml")
    (problem,) = problems(root)
    assert (problem.code, problem.file, problem.line) == ("unit-mismatch", "compacts/2023/scores/pa03 - Copy.yaml", 2)
    assert "«pa03 - Copy.yaml»" in problem.message and "pa03.yaml" in problem.message


def test_incomplete_scores_list_every_missing_item(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa03.yaml", "  7: {self: 8, block: 8}\n", "")
    edit(root / "compacts/2023/scores/pa03.yaml", "  9: {self: 4.5, block: 4.5}\n", "")
    (problem,) = problems(root)
    assert problem.code == "incomplete-scores" and "7, 9" in problem.message
