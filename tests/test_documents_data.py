"""The data documents print (documents.md version 2): every new key checked with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit, hand_written, line_of
from giaouoc.rank.ranking import rank_year
from giaouoc.rules import load_year

YEAR = "compacts/2023"


def found(root: Path) -> list[tuple[str, str, int]]:
    report = load_year(root, root / YEAR)[1]
    return sorted((p.code, p.file.removeprefix(YEAR + "/"), p.line) for p in report.problems)


@pytest.mark.parametrize(("file", "old", "new", "code", "needle"), [
    ("compact.yaml", "header: [KHỐI THI ĐUA, AN NINH NHÂN DÂN]", "header: [KHỐI THI ĐUA, AN NINH]",
     "header-mismatch", "header: [KHỐI THI ĐUA, AN NINH]"),
    ("compact.yaml", "      - Nghị định số 91/2017/NĐ-CP", "      - Căn cứ Nghị định số 91/2017/NĐ-CP",
     "base-punctuation", "- Căn cứ Nghị định"),
    ("compact.yaml", "  bien-ban:\n    number: \"05\"", "  bien-ban:\n    number: \"05\"\n    bases: [Luật]",
     "unknown-key", "bases: [Luật]"),
    ("compact.yaml", "  bang-diem:\n    number: \"06\"", "  bang-diem:\n    number: \"06\"\n    to: [Ai đó]",
     "unknown-key", "to: [Ai đó]"),
    ("review.yaml", "  issued: 9 ", "  issued: 8 ", "ballot-mismatch", "returned: 9"),
    ("review.yaml", "  invalid: 0 ", "  invalid: 1 ", "ballot-mismatch", "  voters: 9"),
    ("review.yaml", "absent: []", "absent:\n  - {unit: pa77, reason: Đi công tác}", "unknown-unit", "pa77"),
    ("review.yaml", "  deputy: pa01", "  deputy: pa05", "leader-is-deputy", "  deputy: pa05"),
    ("review.yaml", "copies: 4", "copies: 0", "invalid-max", "copies: 0"),
    ("review.yaml", "copies: 4", "copies: 3", "copies-mismatch", "copies: 3"),
])
def test_new_keys_are_checked(root: Path, file: str, old: str, new: str, code: str, needle: str) -> None:
    hand_written(root / YEAR)  # the cases on the ballot edit its totals written by hand
    edit(root / YEAR / file, old, new)
    assert found(root) == [(code, file, line_of(root / YEAR / file, needle))]


def test_achievements_of_an_unknown_unit_are_a_stray_file(root: Path) -> None:
    (root / YEAR / "text/thanh-tich/pa77.md").write_text("Thành tích.\n", encoding="utf-8")
    assert found(root) == [("stray-file", "text/thanh-tich/pa77.md", 1)]


def test_the_sample_uses_every_new_key(root: Path) -> None:
    year, report = load_year(root, root / YEAR)
    assert year is not None and report.problems == []
    assert year.compact.block.header and year.review is not None and year.review.next is not None
    settings = year.compact.documents
    assert settings["to-trinh"].bases and settings["to-trinh"].archive and settings["to-trinh"].to
    assert settings["to-trinh"].date is not None and settings["bien-ban"].recipients
    ballot = year.review.ballot
    assert ballot is not None and (ballot.members, ballot.present, ballot.issued, len(ballot.ballots)) == (9, 9, 9, 9)
    counted = rank_year(year).ballot  # returned and invalid are counted from the ballots
    assert counted is not None and (counted.returned, counted.invalid, counted.voters) == (9, 0, 9)
    assert year.review.counting_board and year.review.opinions and year.review.copies == 4
    assert "thanh-tich/pa03" in year.texts
