"""The problem code registry: every code documented, and every code produced by some broken input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, edit, hand_written
from giaouoc.codes import CODES, markdown_table
from giaouoc.rules import load_year
from test_checks import CASES

YEAR = "compacts/2023"

# Whole files written as they are: (file, content, [(code, line)] expected, nothing else).
FILE_CASES: list[tuple[str, str | bytes, list[tuple[str, int]]]] = [
    ("units.yaml", "units:\n  - id: pa01\n".encode("utf-16"), [("encoding", 1)]),
    ("units.yaml", "units: [\n", [("yaml-syntax", 2)]),
    ("units.yaml", "units: &u []\n", [("yaml-alias", 1)]),
    ("units.yaml", "units: !!python/object []\n", [("yaml-tag", 1)]),
    ("units.yaml", "units: " + "[" * 70 + "]" * 70 + "\n", [("yaml-too-deep", 1)]),
    ("units.yaml", "", [("empty-file", 1)]),
    ("units.yaml", "units: pa01\n", [("wrong-type", 1)]),
    ("scores/pa10.txt", "unit: pa10\n", [("stray-file", 1)]),
]
# Edits of the sample: (file, old, new, [(code, file, needle)]); a missing file is written as None.
EDIT_CASES: list[tuple[str, str | None, str, list[tuple[str, str, str]]]] = [
    ("compact.yaml", "leader: pa03", "leader: <mã đơn vị Trưởng khối>",
     [("placeholder", "compact.yaml", "leader: <")]),
    ("review.yaml", "voters: 9", "voters: 0",
     [("invalid-voters", "review.yaml", "voters: 0"), ("ballot-mismatch", "review.yaml", "voters: 0")]),
    ("review.yaml", "co-bca: {pa03: 8}", "co-bca: {pa03: 8, pa05: -1}",
     [("invalid-votes", "review.yaml", "pa05: -1")]),
    ("scores/pa03.yaml", "  7: {self: 8, block: 8}\n", "", [("incomplete-scores", "scores/pa03.yaml", "scores:")]),
    ("targets.yaml", ", pa09: 85}", "}", [("missing-target", "targets.yaml", "8a: {")]),
    ("targets.yaml", "  8a: [pv06]", "  8a: [pv06]\n  8b: [pv06]\n  8c: [pv06]\n  8d: [pv06]",
     [("content-not-applicable", "targets.yaml", "not_applicable:")]),
    ("compact.yaml", "    pv06: [pa01]\n", "", [("ungraded-unit", "units.yaml", "id: pa01"),
                                                 ("grade-mismatch", "grades/pv06/pa01.yaml", "unit: pa01")]),
    ("scores/pa04.yaml", "8d: {self: 0, block: 1}", "8d: {self: 0}", [("open-dispute", "scores/pa04.yaml", "  8:\n")]),
]
# Codes whose failing inputs are tested in another module (checked to be there).
ELSEWHERE = {"form-mismatch": "test_sheets.py", "missing-file": "test_checks.py",
             "missing-members": "test_ranking_v2.py", "vote-share-conflict": "test_ranking_v2.py",
             "missing-scores": "test_checks.py"}
ELSEWHERE |= dict.fromkeys(["award-not-proposed", "unknown-band", "duplicate-band", "invalid-history",
                            "duplicate-award", "year-in-both", "unknown-predecessor", "predecessor-exists",
                            "closed-year-changed", "unknown-past-unit", "year-has-errors"], "test_history.py")
ELSEWHERE |= dict.fromkeys(["header-mismatch", "base-punctuation", "ballot-mismatch"], "test_documents_data.py")
ELSEWHERE |= dict.fromkeys(["unreadable", "file-too-large", "outside-root", "history-year", "bidi-char",
                            "more-problems"],
                           "test_hostile.py")
ELSEWHERE["template-error"] = "test_render.py"
ELSEWHERE |= dict.fromkeys(["import-conflict", "form-without-base"], "test_forms_merge.py")
ELSEWHERE |= dict.fromkeys(["copies-mismatch", "no-quorum", "invalid-ballot", "candidates-changed",
                            "quorum-needs-attendance"], "test_meeting.py")
ELSEWHERE["bonus-over-cap"] = "test_cli_papercuts.py"
ELSEWHERE |= dict.fromkeys(["date-mismatch", "text-not-in-force", "anniversary-copied"], "test_yearbound.py")


def _problems(root: Path) -> list[tuple[str, str, int]]:
    report = load_year(root, root / YEAR)[1]
    return sorted((p.code, p.file.removeprefix(YEAR + "/"), p.line) for p in report.problems)


@pytest.mark.parametrize(("file", "content", "expected"), FILE_CASES, ids=[c[2][0][0] for c in FILE_CASES])
def test_file_case(root: Path, file: str, content: str | bytes, expected: list[tuple[str, int]]) -> None:
    path = root / YEAR / file
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    found = _problems(root)
    if file == "units.yaml":  # with units.yaml unreadable, the rules on units are skipped, nothing else is said
        found = [f for f in found if f[1] == file]
    assert found == sorted((code, file, line) for code, line in expected)


@pytest.mark.parametrize(("file", "old", "new", "expected"), EDIT_CASES, ids=[c[3][0][0] for c in EDIT_CASES])
def test_edit_case(root: Path, file: str, old: str, new: str, expected: list[tuple[str, str, str]]) -> None:
    from test_checks import last_line_of

    hand_written(root / YEAR)  # the cases on the ballot edit its totals written by hand
    edit(root / YEAR / file, old, new)
    assert _problems(root) == sorted((c, f, last_line_of(root / YEAR / f, n)) for c, f, n in expected)


def test_every_code_has_a_failing_input() -> None:
    covered = {case[3] for case in CASES}
    covered |= {also[0] for case in CASES if len(case) > 5 for also in case[5].get("also", [])}
    covered |= {code for case in FILE_CASES for code, _ in case[2]}
    covered |= {code for case in EDIT_CASES for code, _, _ in case[3]}
    for code, module in ELSEWHERE.items():
        assert f"{code}" in (REPO / "tests" / module).read_text(encoding="utf-8"), (code, module)
        covered.add(code)
    assert sorted(set(CODES) - covered) == []


def test_every_code_is_used_by_the_source() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "src" / "giaouoc").rglob("*.py")
                       if p.name != "codes.py")
    assert [code for code in CODES if f'"{code}"' not in source] == []


def test_the_format_reference_holds_the_generated_code_table() -> None:
    text = (REPO / "docs" / "dinh-dang.md").read_text(encoding="utf-8")
    assert markdown_table() in text, "chạy: python -m giaouoc.codes và chép bảng vào docs/dinh-dang.md"


def test_undeclared_code_is_a_bug() -> None:
    from giaouoc.problems import Report

    with pytest.raises(KeyError):
        Report().add("f.yaml", (1, 1), "no-such-code", "x")


def test_sample_copy_is_untouched_by_the_cases(root: Path) -> None:
    assert _problems(root) == []
    shutil.rmtree(root / YEAR / "scores")
    assert _problems(root) == []
