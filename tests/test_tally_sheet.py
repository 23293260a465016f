"""The counting board's tally sheet: `form YEAR --ballot --xlsx F`, filled in, then `import YEAR F`."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import before_the_ballot, load_ranked
from giaouoc.cli.app import app

runner = CliRunner()
FIRST = 6  # the first ballot row: two title lines, a blank one, the header, the candidates


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def made(root: Path, tmp_path: Path) -> Path:
    before_the_ballot(root / "compacts/2023")
    target = tmp_path / "kiem-phieu.xlsx"
    code, _, stderr = invoke(root, "form", "2023", "--ballot", "--xlsx", str(target))
    assert code == 0, stderr
    return target


def fill(path: Path, rows: list[tuple[str | None, str | None, str | None]]) -> Path:
    """Write ballots into the sheet: per row the Cờ, the Quyết thắng and the invalid reason cells."""
    workbook = load_workbook(path)
    sheet = workbook["Kiểm phiếu"]
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=2):
            sheet.cell(row=FIRST + offset, column=column, value=value)
    filled = path.with_name("da-dien.xlsx")
    workbook.save(filled)
    return filled


def test_the_sheet_has_a_row_per_ballot_a_column_per_title_and_the_candidates(root: Path, tmp_path: Path) -> None:
    sheet = load_workbook(made(root, tmp_path))["Kiểm phiếu"]
    assert [c.value for c in sheet[FIRST - 2]] == ["Phiếu số", "Cờ thi đua của Bộ Công an (co-bca)",
                                                   "Đơn vị Quyết thắng (quyet-thang)", "Không hợp lệ (lý do)"]
    assert sheet.cell(row=FIRST - 1, column=2).value == "Danh sách: pa03"
    assert sheet.cell(row=FIRST - 1, column=3).value == "Danh sách: pa03, pa05, pa01, pa04, pa02, pa08, pa09, pa06"
    assert [sheet.cell(row=FIRST + i, column=1).value for i in range(10)] == [*range(1, 10), None]  # issued: 9
    assert sheet.cell(row=FIRST, column=2).protection.locked is False and sheet.protection.sheet


def test_round_trip_records_the_ballots_and_the_candidates_and_ranks_as_before(root: Path, tmp_path: Path) -> None:
    _, _, before = load_ranked(root, "2023")
    ballots = [("pa03", "pa03, pa05, pa01, pa02, pa08, pa09, pa06", None),
               *[("pa03", "pa03,pa05,pa01,pa04,pa02,pa08,pa09,pa06", None)] * 7,
               (None, "PA03; pa05; pa01; pa04; pa08; pa09", None)]
    sheet = fill(made(root, tmp_path), ballots)
    code, stdout, stderr = invoke(root, "import", "2023", str(sheet))
    assert code == 0, stderr
    assert "ghi 9 phiếu vào «ballot.ballots»" in stdout
    year, report, after = load_ranked(root, "2023")
    assert after is not None and after.tally is not None and report.problems == []
    assert year is not None and year.review is not None and year.review.ballot is not None
    assert year.review.ballot.candidates == {"co-bca": ["pa03"],
                                             "quyet-thang": ["pa03", "pa05", "pa01", "pa04", "pa02", "pa08", "pa09",
                                                             "pa06"]}
    assert after.ballot is not None and after.ballot.votes["quyet-thang"]["pa06"] == 8
    assert before is not None and [r.titles for r in after.units] == [r.titles for r in before.units]
    text = (root / "compacts/2023/review.yaml").read_text(encoding="utf-8")
    assert "    - {co-bca: [pa03], quyet-thang: [pa03, pa05, pa01, pa04, pa08, pa09]}\n" not in text
    assert "    - {quyet-thang: [pa03, pa05, pa01, pa04, pa08, pa09]}\n" in text  # ids in lower case, in order
    assert "opinions:" in text and "counting_board:" in text  # the rest of the file stays


def test_an_invalid_ballot_is_recorded_with_the_boards_reason(root: Path, tmp_path: Path) -> None:
    sheet = fill(made(root, tmp_path), [("pa03", "pa03", None), (None, None, "Gạch xóa không rõ")])
    code, _, stderr = invoke(root, "import", "2023", str(sheet))
    assert code == 0, stderr
    assert "    - {invalid: Gạch xóa không rõ}\n" in (root / "compacts/2023/review.yaml").read_text(encoding="utf-8")
    assert "phiếu thứ 2 (dòng" in stderr and "không hợp lệ: Gạch xóa không rõ" in stderr


def test_a_wrong_cell_is_named_and_nothing_is_written(root: Path, tmp_path: Path) -> None:
    sheet = fill(made(root, tmp_path), [("pa03", "pa03", None), (None, "pa03, px9", None)])
    review = root / "compacts/2023/review.yaml"
    before = review.read_bytes()
    code, _, stderr = invoke(root, "import", "2023", str(sheet))
    assert code == 1 and review.read_bytes() == before
    assert f"da-dien.xlsx:Kiểm phiếu!C{FIRST + 1}" in stderr and "«px9» không phải mã đơn vị" in stderr
    assert "chưa ghi gì" in stderr


def test_a_sheet_for_other_titles_is_refused(root: Path, tmp_path: Path) -> None:
    sheet = fill(made(root, tmp_path), [("pa03", "pa03", None)])
    workbook = load_workbook(sheet)
    workbook["giaouoc"]["B3"] = "quyet-thang"  # made when only Quyết thắng took a vote
    workbook.save(sheet)
    code, _, stderr = invoke(root, "import", "2023", str(sheet))
    assert code == 1 and "da-dien.xlsx:giaouoc!B3" in stderr
    assert "phiếu lập cho các danh hiệu quyet-thang, nay cần bỏ phiếu co-bca, quyet-thang" in stderr


def test_the_tally_sheet_wants_a_file_and_no_unit(root: Path, tmp_path: Path) -> None:
    code, _, stderr = invoke(root, "form", "2023", "pa03", "--ballot", "--xlsx", str(tmp_path / "x.xlsx"))
    assert code == 2 and "form NĂM --ballot --xlsx TỆP" in stderr and not (tmp_path / "x.xlsx").exists()
    code, _, _ = invoke(root, "form", "2023", "--ballot")
    assert code == 2


def test_a_name_or_a_date_typed_for_the_codes_is_quoted_as_typed_with_the_ballot_number(root: Path,
                                                                                       tmp_path: Path) -> None:
    from datetime import datetime

    sheet = fill(made(root, tmp_path), [("pa03", "pa03", None), (None, "Phòng An ninh đối ngoại", None)])
    workbook = load_workbook(sheet)
    workbook["Kiểm phiếu"].cell(row=FIRST + 2, column=2, value=datetime(2026, 11, 27))
    workbook.save(sheet)
    code, _, stderr = invoke(root, "import", "2023", str(sheet))
    assert code == 1
    assert f"Kiểm phiếu!C{FIRST + 1}: lỗi [unknown-unit]: phiếu số 2: «Phòng An ninh đối ngoại» không phải" in stderr
    assert f"Kiểm phiếu!B{FIRST + 2}: lỗi [unknown-unit]: phiếu số 3: «27/11/2026» không phải" in stderr
    assert "00:00:00" not in stderr and f"phiếu dòng {FIRST + 1}" not in stderr


def test_the_clerks_comments_on_the_rewritten_keys_stay(root: Path, tmp_path: Path) -> None:
    review = root / "compacts/2023/review.yaml"
    comment = next(line for line in review.read_text(encoding="utf-8").splitlines()
                   if line.startswith("  candidates:") and "#" in line)
    sheet = made(root, tmp_path)
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("  quorum:", "  ballots: []               # phiếu: ghi khi kiểm\n  quorum:"),
                      encoding="utf-8")
    code, _, stderr = invoke(root, "import", "2023", str(fill(sheet, [("pa03", "pa03", None)])))
    assert code == 0, stderr
    lines = review.read_text(encoding="utf-8").splitlines()
    assert comment in lines and "  ballots:               # phiếu: ghi khi kiểm" in lines
    assert "    - {co-bca: [pa03], quyet-thang: [pa03]}" in lines


def test_replacing_ballots_already_recorded_says_so(root: Path, tmp_path: Path) -> None:
    target = tmp_path / "kiem-phieu.xlsx"  # the sample has its 9 ballots recorded already
    code, _, stderr = invoke(root, "form", "2023", "--ballot", "--xlsx", str(target))
    assert code == 0, stderr
    code, stdout, stderr = invoke(root, "import", "2023", str(fill(target, [("pa03", "pa03", None)])), "--dry-run")
    assert code == 0, stderr
    assert "thay 9 phiếu đã ghi trong «ballot.ballots» bằng 1 phiếu" in stdout
    code, stdout, stderr = invoke(root, "import", "2023", str(fill(made(root, tmp_path), [("pa03", "pa03", None)])))
    assert code == 0 and "thay" not in stdout  # nothing recorded before: nothing replaced


def test_a_truncated_tally_sheet_is_refused_in_vietnamese_not_as_a_bug(root: Path, tmp_path: Path) -> None:
    import zipfile

    sheet = made(root, tmp_path)
    with zipfile.ZipFile(sheet) as source:
        parts = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    broken = tmp_path / "hong.xlsx"
    with zipfile.ZipFile(broken, "w") as target:
        for name, data in parts:  # the ballots' sheet cut in half, the hidden sheet intact
            target.writestr(name, data[: len(data) // 2] if name == "xl/worksheets/sheet1.xml" else data)
    review = root / "compacts/2023/review.yaml"
    before = review.read_bytes()
    code, _, stderr = invoke(root, "import", "2023", str(broken))
    assert code == 1 and "không đọc được hong.xlsx" in stderr and "lỗi nội bộ" not in stderr.lower()
    assert review.read_bytes() == before
