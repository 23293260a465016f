"""Giải trình and disputes on a copy of the sample (tests/data/tranh-chap): one open, one settled; and the explain
line of the worked example."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from conftest import REPO, edit
from giaouoc.cli.app import app
from giaouoc.rank.explain import explain
from giaouoc.rank.ranking import rank_year
from test_criteria import worked_year

runner = CliRunner()
OVERLAY = REPO / "tests" / "data" / "tranh-chap"


def disputed(root: Path) -> Path:
    shutil.copytree(OVERLAY, root, dirs_exist_ok=True)
    return root


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_an_open_dispute_is_a_warning_listed_by_status_and_keeps_the_year_provisional(root: Path) -> None:
    disputed(root)
    code, stdout, _ = invoke(root, "validate", "2023")
    assert code == 0
    assert [line.split(": ", 1)[0] for line in stdout.splitlines()] == [
        "compacts/2023/scores/pa09.yaml:9:3"]
    assert "[open-dispute]" in stdout and "tự chấm 10, chấm chéo 8,5" in stdout
    _, stdout, _ = invoke(root, "status", "2023")
    assert "PA09, nội dung 5: tự chấm 10, chấm chéo 8,5 (đã giải trình)." in stdout
    assert "Chấm chéo: 9/9 phiếu chấm đã có." in stdout
    _, stdout, _ = invoke(root, "rank", "2023", "--format", "json")
    document = json.loads(stdout)
    pa09 = next(u for u in document["units"] if u["id"] == "pa09")
    assert not document["final"] and pa09["provisional"]
    assert pa09["items"]["5"] == {"points": 8.5, "self_points": 10, "source": "mixed", "disputed": True,
                                  "settled": False, "criteria": {"5a": 4, "5b": 2, "5c": 0.5, "5d": 2}}
    pa04 = next(u for u in document["units"] if u["id"] == "pa04")["items"]["8"]
    assert pa04["settled"] and not pa04["disputed"]  # the sample's own dispute, decided by the block
    _, stdout, _ = invoke(root, "rank", "2023", "--explain", "pa09")
    assert "5c Tin, tài liệu có giá trị cung cấp cho Công an tỉnh: 1 tin × 0,5" in stdout
    assert "(chấm chéo PA08 1)" in stdout and "có khiếu nại, Khối chưa quyết định; đơn vị có giải trình" in stdout


def test_the_block_decision_settles_the_dispute_and_the_year_is_final_again(root: Path) -> None:
    disputed(root)
    edit(root / "compacts/2023/scores/pa09.yaml", "5c: {self: 4}", "5c: {self: 4, block: 4}")
    code, stdout, _ = invoke(root, "validate", "2023")
    assert code == 0 and stdout == ""
    _, stdout, _ = invoke(root, "rank", "2023", "--format", "json")
    document = json.loads(stdout)
    pa09 = next(u for u in document["units"] if u["id"] == "pa09")
    assert document["final"] and pa09["items"]["5"]["settled"] and pa09["items"]["5"]["points"] == 10


def test_explain_reads_the_worked_example_as_the_spec_writes_it() -> None:
    year = worked_year()
    lines = explain(rank_year(year), year, "pa01")
    assert ("    - ta Tỷ lệ điều tra, khám phá án: 78 / chỉ tiêu 75 (vượt 4% so với chỉ tiêu; dẫn đầu PA02 vượt 10%) "
            "→ 3 + 3 × 4/10 = 4,2 điểm.") in lines
    lines = explain(rank_year(year), year, "pa05")
    assert any("12 (không giao chỉ tiêu cụ thể; cao nhất trong các đơn vị không được giao: PA06 20) → 6 × 12/20 = "
               "3,6 điểm" in line for line in lines)
    lines = explain(rank_year(year), year, "pa04")
    assert any("45 / chỉ tiêu 60 (chưa đạt chỉ tiêu) → 3 × 45/60 = 2,25 điểm" in line for line in lines)
