"""The meeting's documents: the ballot paper and the counting minutes (spec meeting.md §1, §3), Markdown and Word."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document
from typer.testing import CliRunner

from conftest import before_the_ballot
from giaouoc.cli.app import app
from test_meeting import PAPERS, recorded, set_ballot

runner = CliRunner()


def render(root: Path, doc: str, *more: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), "render", "2023", "--doc", doc, "--docx", *more])
    return result.exit_code, result.stdout, result.stderr


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def table_rows(path: Path) -> list[list[list[str]]]:
    """Every body table (the header table left out) as rows of cell texts."""
    tables = Document(str(path)).tables[1:]
    return [[[c.text for c in row.cells] for row in t.rows] for t in tables]


def test_the_ballot_paper_lists_each_title_with_its_candidates_limit_and_threshold(root: Path) -> None:
    before_the_ballot(root / "compacts/2023")
    code, _, stderr = render(root, "phieu-bau")
    assert code == 0 and "cuộc bỏ phiếu đã xong" not in stderr
    path = root / "out/2023/phieu-bau.docx"
    texts = paragraphs(path)
    assert "PHIẾU BẦU SUY TÔN THI ĐUA NĂM 2023" in texts
    assert "Được chọn tối đa: 1 đơn vị; đơn vị được suy tôn cần từ 80% số phiếu hợp lệ trở lên." in texts
    assert "Được chọn tối đa: không hạn chế; đơn vị được suy tôn cần từ 50% số phiếu hợp lệ trở lên." in texts
    flag, victory = table_rows(path)
    assert flag[0] == ["TT", "Đơn vị", "Tổng điểm", "Xếp loại", "Đồng ý"]
    assert [row[1] for row in flag[1:]] == ["Phòng An ninh chính trị nội bộ"]  # pa05: not the Cờ two years running
    assert len(victory) == 1 + 8 and "Phòng Hồ sơ" not in [row[1] for row in victory]  # pv06: 84,5 < 85
    assert all(row[4] == "" for row in victory[1:])  # the column to mark is empty
    assert not any(t.startswith(("Nơi nhận", "Số:")) for t in texts)
    assert any("Phiếu không hợp lệ" in t and "nhiều hơn số đơn vị được chọn tối đa" in t for t in texts)


def test_the_ballot_paper_after_the_vote_warns_and_uses_the_printed_candidates(root: Path) -> None:
    path = root / "compacts/2023/review.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    co-bca: [pa03]\n", "    co-bca: [pa03, pa05]\n"),
                    encoding="utf-8")
    code, _, stderr = render(root, "phieu-bau")
    assert code == 0 and "cuộc bỏ phiếu đã xong (9 phiếu đã ghi)" in stderr
    flag = table_rows(root / "out/2023/phieu-bau.docx")[0]
    assert [row[1] for row in flag[1:]] == ["Phòng An ninh chính trị nội bộ",
                                            "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"]


def test_the_counting_minutes_state_the_count_the_invalid_ballots_and_who_reaches_the_threshold(root: Path) -> None:
    papers = [*PAPERS[:7], "{invalid: Gạch xóa không rõ}", "{quyet-thang: [pa01, pa01]}"]
    set_ballot(root, recorded(papers, "  members: 10\n  present: 9\n  issued: 9\n"))
    code, _, stderr = render(root, "bien-ban-kiem-phieu")
    assert code == 0, stderr
    markdown = (root / "out/2023/bien-ban-kiem-phieu.md").read_text(encoding="utf-8")
    assert "Tổng số thành viên có quyền biểu quyết: 10; có mặt: 09." in markdown
    assert "Số phiếu phát ra: 09; số phiếu thu về: 09; số phiếu hợp lệ: 07; số phiếu không hợp lệ: 02:" in markdown
    assert "- Phiếu thứ 8: Gạch xóa không rõ;\n- Phiếu thứ 9: ghi «pa01» hai lần ở «Đơn vị Quyết thắng»." in markdown
    path = root / "out/2023/bien-ban-kiem-phieu.docx"
    flag, victory = table_rows(path)
    assert flag[1][1:] == ["Phòng An ninh chính trị nội bộ", "7", "100%", "Đạt"]
    rows = {row[1]: row[2:] for row in victory[1:]}
    assert rows["Phòng Kỹ thuật nghiệp vụ"] == ["5", "71,43%", "Đạt"]  # 5/7 ≥ 50%
    votes = [int(row[2]) for row in victory[1:]]
    assert votes == sorted(votes, reverse=True)  # most votes first
    texts = paragraphs(path)
    heads = [t.split("\t") for t in texts if "TRƯỞNG BAN" in t][0]
    assert heads[1:] == ["TRƯỞNG BAN", "THÀNH VIÊN"]
    assert any(t.split("\t")[1:] == ["Trung tá Đỗ Văn L", "Thiếu tá Hoàng Văn N"] for t in texts)
    assert not any(t.startswith("Nơi nhận") or t.startswith("- Lưu") for t in texts)
    assert "Số: 04/BB-KANND" in [p.text for c in Document(str(path)).tables[0].rows[1].cells for p in c.paragraphs]


def test_a_threshold_not_reached_says_so(root: Path) -> None:
    papers = [PAPERS[0], PAPERS[1], "{quyet-thang: [pa03]}", "{quyet-thang: [pa03]}", "{quyet-thang: [pa03]}"]
    set_ballot(root, recorded(papers, "  members: 9\n  present: 9\n  issued: 9\n"))
    code, _, _ = render(root, "bien-ban-kiem-phieu", "--draft")
    assert code == 0
    flag, _ = table_rows(root / "out/2023/bien-ban-kiem-phieu.docx")
    assert flag[1][1:] == ["Phòng An ninh chính trị nội bộ", "2", "40%", "Không đạt"]  # 2/5 < 80%


def test_no_counting_minutes_before_the_ballots_or_without_the_quorum(root: Path) -> None:
    before_the_ballot(root / "compacts/2023")
    code, _, stderr = render(root, "bien-ban-kiem-phieu")
    assert code == 1 and "chưa ghi từng phiếu bầu" in stderr
    set_ballot(root, recorded(PAPERS[:5], "  members: 9\n  present: 5\n  quorum: \"2/3\"\n  issued: 5\n"))
    code, _, stderr = render(root, "bien-ban-kiem-phieu")
    assert code == 1 and "hội nghị không đủ số thành viên (5/9)" in stderr


def status(root: Path, *more: str) -> str:
    result = runner.invoke(app, ["--root", str(root), "status", "2023", *more])
    assert result.exit_code == 0, result.stderr
    return " ".join(result.stdout.split())


def test_status_shows_the_quorum_the_ballots_recorded_and_the_invalid_ones(root: Path) -> None:
    set_ballot(root, recorded([*PAPERS[:8], "{invalid: Rách}"], "  members: 12\n  present: 9\n  quorum: \"2/3\"\n"
                                                                "  issued: 9\n"))
    shown = status(root)
    assert "Có mặt 9/12 thành viên (đủ số: từ 2/3). Đã ghi 9 phiếu: 8 hợp lệ, 1 không hợp lệ; phiếu thứ 9: Rách." \
        in shown
    set_ballot(root, recorded(PAPERS[:7], "  members: 12\n  present: 7\n  quorum: \"2/3\"\n  issued: 7\n"))
    assert "Không bỏ phiếu: hội nghị không đủ số thành viên: 7/12." in status(root)
    meeting = json.loads(runner.invoke(app, ["--root", str(root), "status", "2023", "--format", "json"]).stdout)
    assert meeting["meeting"] == {"members": 12, "present": 7, "quorum": "2/3", "quorum_met": False, "recorded": 7,
                                  "valid": 7, "invalid": []}
    assert meeting["documents"]["bien-ban-kiem-phieu"] is False


def body(root: Path, doc: str) -> str:
    text = (root / f"out/2023/{doc}.md").read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


def test_the_minutes_state_attendance_quorum_board_method_and_cite_the_count(root: Path) -> None:
    code, _, stderr = render(root, "bien-ban")
    assert code == 0, stderr
    text = body(root, "bien-ban")
    assert "Tổng số thành viên Khối có quyền biểu quyết: 09; có mặt: 09. Hội nghị đủ điều kiện tiến hành (số thành " \
           "viên có mặt từ 2/3 trở lên)." in text
    assert "Hội nghị bầu Ban kiểm phiếu gồm: Trung tá Đỗ Văn L, Trưởng phòng Hồ sơ (Trưởng ban); Thiếu tá" in text
    assert "Cờ thi đua của Bộ Công an (được chọn tối đa 1 đơn vị, cần từ 80% số phiếu hợp lệ trở lên)" in text
    assert "Kết quả kiểm phiếu (Biên bản kiểm phiếu số 04/BB-KANND ngày 20 tháng 11 năm 2023): số phiếu phát ra: " \
           "09; số phiếu thu về: 09; số phiếu hợp lệ: 09; không có phiếu không hợp lệ." in text
    assert ": 00" not in text  # no "00" for no invalid ballot
    assert "- Đồng chí đại diện Phòng An ninh kinh tế: Thống nhất với kết quả chấm điểm chéo" in text
    assert "Phòng An ninh đối ngoại (93\u00a0điểm)" in text  # never split between the number and "điểm"
    assert text.index("- Cờ thi đua của Bộ Công an:") < text.index("- Đơn vị Quyết thắng:")  # compact.yaml order
    assert "(Trưởng khối năm 2023) bàn giao nhiệm vụ Trưởng khối cho" in text
    assert "Biên bản được lập thành 04 bản./." in text
    frame = (root / "out/2023/bien-ban.md").read_text(encoding="utf-8").split("\n---\n", 1)[0]
    assert 'title: "Hội nghị tổng kết, bình xét, suy tôn phong trào thi đua năm 2023' in frame
    assert "tổ chức Hội nghị tổng kết, bình xét, suy tôn phong trào thi đua" in text  # the title matches the body


def test_the_minutes_without_the_quorum_say_no_vote_was_held(root: Path) -> None:
    set_ballot(root, recorded(PAPERS[:5], "  members: 9\n  present: 5\n  quorum: \"2/3\"\n  issued: 5\n"))
    code, _, stderr = render(root, "bien-ban", "--draft")
    assert code == 0, stderr
    text = body(root, "bien-ban")
    assert "Hội nghị không đủ số thành viên theo quy định (5/9, cần từ 2/3), không đủ điều kiện biểu quyết: không " \
           "tổ chức bỏ phiếu." in text
    assert "Kết quả kiểm phiếu" not in text and "hội nghị không đủ số thành viên: 5/9" in text  # pending, said


def test_the_submission_names_what_it_proposes_in_compact_order_and_attaches_both_minutes(root: Path) -> None:
    code, _, stderr = render(root, "to-trinh")
    assert code == 0, stderr
    frame, text = (root / "out/2023/to-trinh.md").read_text(encoding="utf-8").split("\n---\n", 1)
    assert 'title: "Về việc đề nghị khen thưởng cho các tập thể có thành tích xuất sắc trong phong trào thi đua ' \
           '“Vì An ninh Tổ quốc” năm 2023"' in frame
    assert text.index("### 1. Cờ thi đua của Bộ Công an") < text.index("### 2. Đơn vị Quyết thắng")
    asked = "kính trình Hội đồng Thi đua - Khen thưởng Công an tỉnh Quảng Bình xem xét, trình Giám đốc Công an tỉnh " \
            "Quảng Bình quyết định"
    assert text.count(asked) == 2  # the opening and the closing say the same
    attached = text[text.index("## III. HỒ SƠ KÈM THEO"):]
    assert "- Biên bản số 05/BB-KANND ngày 20 tháng 11 năm 2023 của Hội nghị tổng kết" in attached
    assert "- Biên bản kiểm phiếu số 04/BB-KANND ngày 20 tháng 11 năm 2023 của Ban kiểm phiếu" in attached
    assert "(đề nghị Cờ thi đua của Bộ Công an, Đơn vị Quyết thắng)" in attached


def test_no_document_body_prints_an_illustrative_mark(root: Path) -> None:
    result = runner.invoke(app, ["--root", str(root), "render", "2023"])
    assert result.exit_code == 0, result.stderr
    for path in sorted((root / "out/2023").glob("*.md")):
        assert "minh họa" not in path.read_text(encoding="utf-8"), path.name


def test_no_counting_minutes_without_the_counting_board(root: Path) -> None:
    path = root / "compacts/2023/review.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("counting_board:"), text.index("ballot:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    code, _, stderr = render(root, "bien-ban-kiem-phieu")
    assert code == 1 and "chưa ghi Ban kiểm phiếu" in stderr


def test_the_ballot_paper_follows_the_score_sheets_rule_for_drafts(root: Path) -> None:
    before_the_ballot(root / "compacts/2023")
    path = root / "compacts/2023/scores/pa08.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  7: {self: 6, block: 6}", "  7: {self: 6}"),
                    encoding="utf-8")
    code, _, stderr = render(root, "phieu-bau")
    assert code == 1 and "kết quả chưa cuối cùng" in stderr and "chưa có điểm Khối" in stderr
    code, _, _ = render(root, "phieu-bau", "--draft")
    assert code == 0 and "draft: true" in (root / "out/2023/phieu-bau.md").read_text(encoding="utf-8")


def test_both_minutes_write_the_count_alike_and_no_valid_ballot_as_0(root: Path) -> None:
    code, _, stderr = render(root, "bien-ban-kiem-phieu")
    assert code == 0, stderr
    assert "Số phiếu phát ra: 09; số phiếu thu về: 09; số phiếu hợp lệ: 09;" in body(root, "bien-ban-kiem-phieu")
    render(root, "bien-ban")
    assert "số phiếu phát ra: 09; số phiếu thu về: 09; số phiếu hợp lệ: 09;" in body(root, "bien-ban")
    set_ballot(root, recorded(["{invalid: Rách}"] * 3, "  members: 9\n  present: 9\n  issued: 3\n"))
    for doc in ("bien-ban-kiem-phieu", "bien-ban"):
        code, _, stderr = render(root, doc, "--draft")
        assert code == 0, stderr
        text = body(root, doc)
        assert "số phiếu hợp lệ: 0;" in text and "00" not in text.replace("08 giờ 00", ""), doc


def test_the_ballot_paper_explains_the_band_abbreviations_it_prints(root: Path) -> None:
    before_the_ballot(root / "compacts/2023")
    code, _, stderr = render(root, "phieu-bau")
    assert code == 0, stderr
    text = body(root, "phieu-bau")
    assert "*Xếp loại: HTXS - Hoàn thành xuất sắc nhiệm vụ; HTT - Hoàn thành tốt nhiệm vụ.*" in text
    assert "HT - Hoàn thành nhiệm vụ" not in text  # only the bands a candidate has


def test_a_draft_ballot_paper_never_says_nobody_qualifies_while_scores_are_missing(root: Path) -> None:
    """Spec documents.md, Drafts: a document never states that nobody qualifies while a decision is outstanding."""
    (root / "compacts/2023/review.yaml").unlink()  # the start of a year: no meeting, no scores yet
    for path in (root / "compacts/2023/scores").glob("*.yaml"):
        path.unlink()
    code, _, stderr = render(root, "phieu-bau", "--draft")
    assert code == 0, stderr
    text = (root / "out/2023/phieu-bau.md").read_text(encoding="utf-8")
    assert "đủ điều kiện" not in text
    assert text.count("Chưa có danh sách bầu: kết quả chấm điểm chưa cuối cùng.") == 2  # one per title
