"""Text bound to a year (issue 20 item 7): dates and anniversaries carried by `new --from`, legal texts no longer
in force, the leader's archive entry, and `status` of a year just made."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import edit
from giaouoc.cli.app import main
from giaouoc.history.check import check_all
from giaouoc.model.legal import SHIPPED, Superseded, cites, successors, table
from giaouoc.model.textdates import dates_in

CHAIR = 'chair: {rank: "<cấp bậc>", name: "<họ tên người chủ trì>", title: "<chức vụ>"}'


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def new_year(root: Path, capsys: pytest.CaptureFixture[str], signed: str | None = "2024-03-12") -> str:
    """`new 2024 --from 2023`, then (when `signed`) the two facts a clerk fills in first: signing date and chair."""
    code, _, err = run(capsys, "--root", str(root), "new", "2024", "--from", "2023")
    assert code == 0, err
    if signed is not None:
        compact = root / "compacts/2024/compact.yaml"
        edit(compact, "date: <ngày ký, dạng 2024-TT-NN>", f"date: {signed}")
        edit(compact, CHAIR, "chair: {rank: Đại tá, name: Lê Văn Hóa, title: Phó Giám đốc Công an tỉnh}")
    return err


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def problems(root: Path, year: str = "2024") -> list[tuple[str, str, int]]:
    report = check_all(root, [root / "compacts" / year])
    return sorted((p.code, p.file.removeprefix(f"compacts/{year}/"), p.line) for p in report.problems)


def test_a_year_made_from_last_year_is_warned_at_every_line_bound_to_last_year(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new_year(root, capsys)
    compact = root / "compacts/2024/compact.yaml"
    law = [i for i, line in enumerate(compact.read_text(encoding="utf-8").split("\n"), 1) if "năm 2003;" in line]
    decree = [i for i, line in enumerate(compact.read_text(encoding="utf-8").split("\n"), 1) if "91/2017" in line]
    assert len(law) == len(decree) == 2  # giao ước and tờ trình each cite both
    expected = [("date-mismatch", "compact.yaml", line_of(compact, "Bản giao ước")),
                ("date-mismatch", "text/giao-uoc.md", line_of(root / "compacts/2024/text/giao-uoc.md", "Hôm nay")),
                ("anniversary-copied", "items.yaml", line_of(root / "compacts/2024/items.yaml", "kỷ niệm 75 năm"))]
    expected += [("text-not-in-force", "compact.yaml", n) for n in law + decree]
    assert problems(root) == sorted(expected)
    assert problems(root, "2023") == []  # the sample cites the texts in force in 2023


def test_the_messages_name_the_dates_and_what_to_cite_now(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new_year(root, capsys)
    report = check_all(root, [root / "compacts/2024"])
    by_code: dict[str, list[str]] = {}
    for problem in report.problems:
        by_code.setdefault(problem.code, []).append(problem.message)
    today, compact_cited = sorted(by_code["date-mismatch"], key=lambda m: "hôm nay" not in m)
    assert "09/3/2024" in today and "12/3/2024" in today
    assert "năm 2023" in compact_cited and "09/3/2023" in compact_cited and "12/3/2024" in compact_cited
    assert any("06/2022/QH15" in m and "Luật Thi đua, Khen thưởng ngày 26/11/2003" in m
               for m in by_code["text-not-in-force"])
    assert any("91/2017/NĐ-CP" in m and "98/2023/NĐ-CP" in m for m in by_code["text-not-in-force"])
    assert "76 năm" in by_code["anniversary-copied"][0] and "78 năm" in by_code["anniversary-copied"][0]
    text = (root / "compacts/2024/text/giao-uoc.md").read_text(encoding="utf-8").split("\n")[2]
    in_text = next(p for p in report.problems if p.file.endswith("giao-uoc.md"))
    assert in_text.column == text.index("ngày 09") + 1  # at the date, not at the start of the line


def test_dates_that_agree_with_the_year_are_not_warned(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new_year(root, capsys, signed="2024-03-09")  # signed on the same day of the month: "hôm nay" is right
    text = root / "compacts/2024/text/giao-uoc.md"
    assert "ngày 09 tháng 3 năm 2024" in text.read_text(encoding="utf-8")
    compact = root / "compacts/2024/compact.yaml"
    edit(compact, "năm 2023 của Khối thi đua An ninh nhân dân ngày 09 tháng 3 năm 2023",
         "năm 2024 của Khối thi đua An ninh nhân dân ngày 09/3/2024")
    assert [p for p in problems(root) if p[0] == "date-mismatch"] == []


def test_a_basis_dated_after_the_document_contradicts_it(root: Path) -> None:
    compact = root / "compacts/2023/compact.yaml"
    edit(compact, "      - Thông tư số 12/2019/TT-BCA của Bộ trưởng Bộ Công an quy định về công tác thi đua, khen "
                  "thưởng trong Công an nhân dân\n    recipients:\n      - Hội đồng Thi đua - Khen thưởng Công an "
                  "tỉnh (để báo cáo)",
         "      - Kế hoạch số 12/KH-CAT ngày 20/5/2023 của Công an tỉnh\n    recipients:\n"
         "      - Hội đồng Thi đua - Khen thưởng Công an tỉnh (để báo cáo)")
    assert problems(root, "2023") == [("date-mismatch", "compact.yaml", line_of(compact, "12/KH-CAT"))]


@pytest.mark.parametrize(("on", "expected"), [
    (date(2023, 11, 25), None),  # still in force
    (date(2024, 3, 1), "98/2023/NĐ-CP"),
    (date(2025, 3, 1), "98/2023/NĐ-CP"),  # 98/2023 is in force until 30/6/2025
    (date(2025, 11, 20), "152/2025/NĐ-CP"),
])
def test_the_replacement_named_is_the_one_in_force_on_the_date(on: date, expected: str | None) -> None:
    entries = table(None)
    decree = next(e for e in entries if e.number == "91/2017/NĐ-CP")
    if on < decree.replaced_from:
        assert expected is None
        return
    assert expected in successors(decree, on, entries)[-1].replaced_by


def test_a_year_citing_a_replacement_before_it_took_effect_is_warned(root: Path) -> None:
    compact = root / "compacts/2023/compact.yaml"
    old = ("Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số "
           "điều của Luật Thi đua, Khen thưởng")
    text = compact.read_text(encoding="utf-8")
    compact.write_text(text.replace(old, "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ"),
                       encoding="utf-8")
    found = check_all(root, [root / "compacts/2023"]).problems
    # the giao ước (09/3/2023) cites a text issued later too: both a date and a legal warning there
    assert sorted({p.code for p in found}) == ["date-mismatch", "text-not-in-force"]
    assert all("01/01/2024" in p.message for p in found if p.code == "text-not-in-force")


def test_the_data_root_adds_a_text_and_its_replacement(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "compacts/superseded.yaml").write_text(
        "superseded:\n"
        "  - number: 12/2019/TT-BCA\n"
        "    replaced_from: 2024-08-01\n"
        "    replaced_by: Thông tư số 99/2024/TT-BCA của Bộ trưởng Bộ Công an (ví dụ)\n", encoding="utf-8")
    new_year(root, capsys)
    compact = root / "compacts/2024/compact.yaml"
    circular = line_of(compact, "12/2019/TT-BCA")
    # signed 12/3/2024: the circular is still in force for the giao ước; the tờ trình (no date yet) is not warned
    assert ("text-not-in-force", "compact.yaml", circular) not in problems(root)
    edit(compact, "  to-trinh:\n", "  to-trinh:\n    date: 2024-11-25\n")
    tt_line = [n for n, line in enumerate(compact.read_text(encoding="utf-8").split("\n"), 1) if "12/2019" in line][1]
    messages = [p.message for p in check_all(root, [root / "compacts/2024"]).problems
                if p.line == tt_line and p.file.endswith("compact.yaml")]
    assert len(messages) == 1 and "99/2024/TT-BCA" in messages[0] and "01/8/2024" in messages[0]


def test_a_broken_table_in_the_data_root_is_an_error_at_its_file(root: Path) -> None:
    (root / "compacts/superseded.yaml").write_text("superseded:\n  - number: 12/2019/TT-BCA\n", encoding="utf-8")
    for years in (None, [root / "compacts/2023"]):  # every year, or one: the table serves them all
        found = [(p.code, p.file, p.severity) for p in check_all(root, years).problems]
        assert ("missing-key", "compacts/superseded.yaml", "error") in found


def test_texts_are_found_however_the_clerk_types_them() -> None:
    decree = next(e for e in SHIPPED if e.number == "91/2017/NĐ-CP")
    law = next(e for e in SHIPPED if e.number == "15/2003/QH11")
    assert cites("Nghị định 91/2017/ND-CP của Chính phủ", decree)
    assert cites("Nghị định số 91/2017/NĐ-CP;", decree)
    assert not cites("Nghị định số 191/2017/NĐ-CP", decree)
    assert cites("Luật Thi đua, Khen thưởng năm 2003", law)
    assert cites("Luật Thi đua, khen thưởng ngày 26/11/2003", law)
    assert not cites("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", law)
    own = Superseded(number="91/2017/NĐ-CP", replaced_from=date(2030, 1, 1), replaced_by="x")
    assert table([own])[0] is own and sum(e.number == "91/2017/NĐ-CP" for e in table([own])) == 1


def test_dates_are_read_as_written_in_prose() -> None:
    assert dates_in("ngày 09 tháng 3 năm 2024 và 12/3/2024, 1-2-2023") == [
        date(2024, 3, 9), date(2024, 3, 12), date(2023, 2, 1)]
    assert dates_in("số 15/2003/QH11, ngày 31 tháng 2 năm 2023") == []


def test_new_lists_the_carried_lines_and_moves_the_leaders_archive_entry(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = new_year(root, capsys, signed=None)
    compact = root / "compacts/2024/compact.yaml"
    text = compact.read_text(encoding="utf-8")
    archive = text[text.index("  to-trinh:"):]
    assert "- PA05" in archive and "- PA03" not in archive  # the new Trưởng khối keeps the tờ trình's file
    listed = {line.split(": ", 1)[0].strip(" -") for line in err.split("\n") if "compacts/2024/" in line}
    for needle in ("Bản giao ước", "91/2017", "năm 2003;", "- PA05"):
        for number, line in enumerate(text.split("\n"), start=1):
            if needle in line:
                assert f"compacts/2024/compact.yaml:{number}" in listed, (needle, number, err)
    assert f"compacts/2024/items.yaml:{line_of(root / 'compacts/2024/items.yaml', 'kỷ niệm')}" in listed
    assert "compacts/2024/text/giao-uoc.md:3" in listed


def test_without_an_elected_leader_the_archive_entry_stays_and_is_listed(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    review = root / "compacts/2023/review.yaml"
    edit(review, "next:                         # Trưởng, Phó khối năm 2024\n  leader: pa05\n  deputy: pa01\n", "")
    err = new_year(root, capsys, signed=None)
    text = (root / "compacts/2024/compact.yaml").read_text(encoding="utf-8")
    number = next(i for i, line in enumerate(text.split("\n"), 1) if line.strip() == "- PA03")
    assert any(f"compact.yaml:{number}:" in line and "Trưởng khối" in line for line in err.split("\n"))


def test_status_of_a_year_just_made_shows_the_leader_and_deputy_filled_in(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new_year(root, capsys, signed=None)  # the dates are still <...>: compact.yaml has errors
    code, out, _ = run(capsys, "--root", str(root), "status", "2024", "--format", "json")
    assert code == 1  # the year is refused, as by every command (status still shows how far it has come)
    shown = json.loads(out)
    assert (shown["leader"], shown["deputy"]) == ("pa05", "pa01") and shown["errors"] > 0
    _, table_out, _ = run(capsys, "--root", str(root), "status", "2024")
    assert "Trưởng khối: pa05; Phó khối: pa01." in " ".join(table_out.split())


def test_a_table_that_links_out_of_the_data_root_is_not_read(root: Path, tmp_path_factory: pytest.TempPathFactory
                                                              ) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "superseded.yaml"
    outside.write_text("superseded:\n  - number: 12/2019/TT-BCA\n    replaced_from: 2020-01-01\n"
                       "    replaced_by: x\n", encoding="utf-8")
    (root / "compacts/superseded.yaml").symlink_to(outside)
    found = [(p.code, p.file) for p in check_all(root).problems]
    assert found == [("outside-root", "compacts/superseded.yaml")]  # and the 2023 circular is not said replaced
