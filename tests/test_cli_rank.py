from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import edit
from giaouoc.cli.app import app

runner = CliRunner()


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_matches_the_spec_field_for_field(root: Path) -> None:
    code, stdout, _ = invoke(root, "rank", "2023", "--format", "json")
    assert code == 0
    document = json.loads(stdout)
    assert list(document) == ["year", "block", "provisional", "final", "units"]
    assert (document["year"], document["block"], document["provisional"], document["final"]) == (
        2023, "Khối thi đua An ninh nhân dân", False, True)
    first = document["units"][0]
    items = first.pop("items")
    assert list(items) == [str(i) for i in range(1, 14)] and first.pop("self_subtotal") == 96.5
    assert items["8"] == {"points": 7.5, "self_points": 7.5, "source": "block", "disputed": False, "settled": False,
                          "criteria": {"8a": 4, "8b": 2, "8c": 0.5, "8d": 1}}
    assert items["3"]["criteria"] == {} and items["3"]["source"] == "block"
    pa04 = next(u for u in document["units"] if u["id"] == "pa04")["items"]["8"]
    assert (pa04["points"], pa04["self_points"], pa04["settled"], pa04["disputed"]) == (7.5, 8, True, False)
    assert first == {
        "rank": 1, "id": "pa03", "name": "Phòng An ninh chính trị nội bộ", "subtotal": 96.5, "bonus": 2,
        "penalty": 0, "total": 98.5, "band": "Hoàn thành xuất sắc nhiệm vụ", "provisional": False,
        "titles": ["quyet-thang", "co-bca"], "undecided": [], "pending": {}, "not_ranked": None,
    }
    assert [u["id"] for u in document["units"]] == ["pa03", "pa05", "pa01", "pa04", "pa02", "pa08", "pa09",
                                                    "pa06", "pv06"]
    assert '"total": 98.5' in stdout


def test_unranked_units_come_last_with_reason(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa03.yaml", "unit: pa03",
         "unit: pa03\nexcluded: Có cán bộ đang bị xem xét kỷ luật")
    edit(root / "compacts/2023/scores/pa01.yaml", "  7: ", "  # 7: ")
    code, stdout, stderr = invoke(root, "rank", "2023", "--format", "json")
    assert code == 0
    units = json.loads(stdout)["units"]
    assert [(u["rank"], u["id"], u["not_ranked"]) for u in units[-2:]] == [
        (None, "pa03", "Có cán bộ đang bị xem xét kỷ luật"), (None, "pa01", "thiếu điểm nội dung 7")]
    # "chính trị" before "đối ngoại": Vietnamese order of names
    assert units[0]["id"] == "pa05" and units[0]["titles"] == ["quyet-thang"]
    assert "incomplete-scores" in stderr  # the warning is shown, the ranking still printed


def test_provisional_is_marked(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa06.yaml", "  1: {self: 7.5, block: 7}", "  1: {self: 7.5}")
    _, stdout, _ = invoke(root, "rank", "2023")
    assert stdout.splitlines()[0].startswith("KẾT QUẢ TẠM TÍNH")
    assert "86,5*" in stdout  # the self score 7.5 counts while the block score is missing
    _, stdout, _ = invoke(root, "rank", "2023", "--format", "json")
    assert json.loads(stdout)["provisional"] is True


def test_table_fits_eighty_columns_and_uses_decimal_comma(root: Path) -> None:
    code, stdout, _ = invoke(root, "rank", "2023")
    assert code == 0
    assert max(len(line) for line in stdout.splitlines()) <= 80
    assert "98,5" in stdout and "98.5" not in stdout
    assert "Kết quả xếp hạng năm 2023" in stdout


def test_csv_has_bom_and_one_column_per_item(root: Path) -> None:
    code, stdout, _ = invoke(root, "rank", "2023", "--format", "csv")
    assert code == 0 and stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(stdout[1:])))
    assert rows[0][:4] == ["Hạng", "Mã đơn vị", "Tên đơn vị", "Nội dung 1"]
    assert rows[0][3:16] == [f"Nội dung {i}" for i in range(1, 14)]
    assert rows[1][:3] == ["1", "pa03", "Phòng An ninh chính trị nội bộ"]
    assert rows[1][rows[0].index("Tổng điểm")] == "98.5"
    assert len(rows) == 10


def test_markdown_table(root: Path) -> None:
    _, stdout, _ = invoke(root, "rank", "2023", "--format", "markdown")
    lines = stdout.splitlines()
    assert lines[2] == "| Hạng | Đơn vị | Điểm ND | Thưởng | Trừ | Tổng | Xếp loại | Danh hiệu đề nghị |"
    assert lines[4].startswith("| 1 | PA03 | 96,5 | 2 | 0 | 98,5 | Hoàn thành xuất sắc nhiệm vụ |")


def test_explain_one_unit(root: Path) -> None:
    code, stdout, _ = invoke(root, "rank", "2023", "--explain", "pa09")
    assert code == 0
    assert stdout.splitlines()[0] == "PA09 — Phòng An ninh điều tra: hạng 7."
    assert "xếp dưới PA08 vì PA08 có điểm trừ ít hơn (tiêu chí phụ «penalty»: 0 so với 0,5)" in stdout
    assert "Đơn vị Quyết thắng: được đề nghị" in stdout
    assert "Cờ thi đua của Bộ Công an: không được đề nghị" in stdout


def test_explain_all_units(root: Path) -> None:
    for args in (["rank", "2023", "--explain"], ["rank", "--explain", "2023"],
                 ["rank", "2023", "--explain", "--format", "json"]):
        code, stdout, _ = invoke(root, *args)
        assert code == 0, args
        assert stdout.count(": hạng ") == 9
    _, stdout, _ = invoke(root, "rank", "2023", "--explain")
    assert "PA05 — " in stdout and "được 0/9 phiếu hợp lệ (0%), chưa đạt tỷ lệ tối thiểu 80%" in stdout


def test_explain_unknown_unit_is_a_usage_error(root: Path) -> None:
    code, _, stderr = invoke(root, "rank", "2023", "--explain", "pa77")
    assert code == 2 and "pa77" in stderr


def test_rank_refuses_data_with_errors(root: Path) -> None:
    edit(root / "compacts/2023/scores/pa03.yaml", "  3: {self: 12, block: 12", "  3: {self: 12, block: 12.5")
    code, stdout, stderr = invoke(root, "rank", "2023")
    assert code == 1 and stdout == ""
    assert "compacts/2023/scores/pa03.yaml:6:24: lỗi [score-over-max]" in stderr


def test_json_puts_each_unit_on_one_line(root: Path) -> None:
    """Indented two levels, then one line per unit: a ranking's JSON diffs unit by unit, and stays valid JSON."""
    code, stdout, _ = invoke(root, "rank", "2023", "--format", "json")
    assert code == 0
    document = json.loads(stdout)
    unit_lines = [line for line in stdout.splitlines() if line.startswith('    {"rank": ')]
    assert len(unit_lines) == len(document["units"]) == 9
    assert [json.loads(line.strip().rstrip(",")) for line in unit_lines] == document["units"]
    assert stdout.startswith('{\n  "year": 2023,\n')
