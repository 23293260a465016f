"""Drafts state only what is known: no invented totals, no "nobody qualifies" while results are pending."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import before_the_ballot, edit
from giaouoc.cli.app import app
from giaouoc.documents.pending import number_ranges

runner = CliRunner()
RESULT_DOCS = ["bang-diem", "bien-ban", "to-trinh"]


def render_draft(root: Path) -> dict[str, str]:
    result = runner.invoke(app, ["--root", str(root), "render", "2023", "--draft"])
    assert result.exit_code == 0, result.stderr
    return {doc: (root / "out/2023" / f"{doc}.md").read_text(encoding="utf-8") for doc in RESULT_DOCS}


def body(markdown: str) -> str:
    return markdown.split("\n---\n", 1)[1]


def without_scores(root: Path) -> Path:
    """The sample before anyone scored: no score files, no chấm chéo grade files."""
    for path in (root / "compacts/2023/scores").glob("*.yaml"):
        path.unlink()
    shutil.rmtree(root / "compacts/2023/grades", ignore_errors=True)
    return root


@pytest.mark.parametrize("doc", RESULT_DOCS)
def test_a_draft_without_scores_states_no_result(root: Path, doc: str) -> None:
    markdown = render_draft(without_scores(root))[doc]
    assert "draft: true" in markdown
    text = body(markdown)
    assert "không có đơn vị đủ điều kiện" not in text.lower()
    assert "Không xếp hạng" not in text and "thiếu điểm nội dung 1, 2" not in text
    assert not re.search(r"\|\s*0\s*\|", text), "a total of 0 stated for units without scores"
    assert "Chưa có kết quả chấm điểm" in text
    assert "- Cả 09 đơn vị: chưa có điểm nội dung nào." in text  # what is pending, said once


def test_a_draft_says_no_proposal_yet_rather_than_nobody_qualifies(root: Path) -> None:
    texts = render_draft(without_scores(root))
    text = body(texts["to-trinh"])
    section = text[text.index("## II."):text.index("## III.")]
    assert "Chưa có đề nghị khen thưởng" in section
    conclusions = body(texts["bien-ban"])
    conclusions = conclusions[conclusions.index("## III."):]
    assert "Chưa có đề nghị khen thưởng" in conclusions


def test_a_unit_with_some_scores_shows_what_it_lacks_and_no_total(root: Path) -> None:
    scores = root / "compacts/2023/scores/pa04.yaml"
    kept, dropping = [], False
    for line in scores.read_text(encoding="utf-8").split("\n"):  # items 3 to 13 go, with their criteria
        if re.match(r"  [0-9]+:", line) or not line.startswith("    "):
            dropping = bool(re.match(r"  ([3-9]|1[0-3]):", line))
        if not dropping:
            kept.append(line)
    scores.write_text("\n".join(kept), encoding="utf-8")
    for graded in (root / "compacts/2023/grades").glob("*/pa04.yaml"):  # nobody's chấm chéo of PA04 either
        graded.unlink()
    texts = render_draft(root)
    row = next(line for line in texts["to-trinh"].split("\n") if "| Phòng An ninh kinh tế |" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells == ["", "Phòng An ninh kinh tế", "", "Chưa đủ điểm (thiếu nội dung 3–13)"]
    assert "- PA04: thiếu điểm nội dung 3–13." in texts["to-trinh"]
    scored = next(line for line in texts["to-trinh"].split("\n") if "| Phòng An ninh đối ngoại |" in line)
    assert re.search(r"\| [0-9]+(,[0-9]+)? \|", scored)  # units with every score keep their total
    sheet = next(line for line in texts["bang-diem"].split("\n") if "PA04 - " in line)
    assert "| 7,5 |" in sheet and "Chưa đủ điểm" in sheet and "| 0 |" not in sheet


def test_number_ranges() -> None:
    assert number_ranges([1, 2, 3, 4]) == "1–4"
    assert number_ranges([7, 2, 5, 6, 9, 3]) == "2, 3, 5–7, 9"
    assert number_ranges([4]) == "4"


def test_minutes_say_no_invalid_ballot_rather_than_00(root: Path) -> None:
    result = runner.invoke(app, ["--root", str(root), "render", "2023", "--doc", "bien-ban"])
    assert result.exit_code == 0, result.stderr
    text = (root / "out/2023/bien-ban.md").read_text(encoding="utf-8")
    assert "không có phiếu không hợp lệ" in text and ": 00" not in text
    review = root / "compacts/2023/review.yaml"  # two of the nine ballots spoiled
    edit(review, "    - {quyet-thang: [pa03, pa05, pa01, pa04, pa08, pa09]}", "    - {invalid: Rách}")
    edit(review, "    - {quyet-thang: [pa03, pa05, pa01, pa02, pa08, pa09, pa06], co-bca: [pa03]}",
         "    - {invalid: Gạch xóa không rõ}")
    result = runner.invoke(app, ["--root", str(root), "render", "2023", "--doc", "bien-ban"])
    assert result.exit_code == 0, result.stderr
    assert "số phiếu không hợp lệ: 02" in (root / "out/2023/bien-ban.md").read_text(encoding="utf-8")


def test_a_paragraph_introducing_a_list_or_table_keeps_with_it(root: Path) -> None:
    from docx import Document

    without_scores(root)
    result = runner.invoke(app, ["--root", str(root), "render", "2023", "--draft", "--docx", "--doc", "bien-ban"])
    assert result.exit_code == 0, result.stderr
    paragraphs = Document(str(root / "out/2023/bien-ban.docx")).paragraphs
    introducing = [p for p in paragraphs if p.text.strip().endswith(":") and len(p.text) > 12]
    assert any("Các nội dung còn chờ" in p.text for p in introducing)
    assert introducing and all(p.paragraph_format.keep_with_next for p in introducing)
    plain = [p for p in paragraphs if p.text.startswith("Vào hồi")]
    assert plain and not plain[0].paragraph_format.keep_with_next  # only what introduces something keeps


def test_missing_phrase_keeps_a_reason_that_says_more_than_the_contents() -> None:
    from factory import make_year
    from giaouoc.documents.pending import missing_phrase, unscored
    from giaouoc.rank.ranking import rank_year

    units = {"a": {"scores": {1: 40}}, "b": {"scores": {}}, "c": {"scores": {1: 40, 2: 40, 3: 0, 4: 0}}}
    ranking = rank_year(make_year(units, items={1: 50, 2: 50, 3: 0, 4: 0}))
    a, b = ranking.result("a"), ranking.result("b")
    assert missing_phrase(a) == "thiếu điểm nội dung 2–4" and missing_phrase(b) == "chưa có điểm nội dung nào"
    assert unscored(ranking) == {"a": "Chưa đủ điểm (thiếu nội dung 2–4)", "b": "Chưa có điểm"}
    a.not_ranked = "thiếu điểm tiêu chí 2b"  # a reason from finer scoring is kept as it is
    assert missing_phrase(a) == "thiếu điểm tiêu chí 2b"


def test_a_skipped_document_names_each_reason_once(root: Path) -> None:
    before_the_ballot(root / "compacts/2023")
    result = runner.invoke(app, ["--root", str(root), "render", "2023"])
    assert result.exit_code == 0, result.stderr
    line = next(line for line in result.stderr.splitlines() if "Bỏ qua văn bản «to-trinh»" in line)
    assert line.count("Đơn vị Quyết thắng — chưa có kết quả bỏ phiếu") == 1
    assert "PA03, PA05, PA01" in line


def test_the_minutes_drafted_before_the_vote_say_the_count_is_pending(root: Path) -> None:
    before_the_ballot(root / "compacts/2023")
    text = body(render_draft(root)["bien-ban"])
    vote = text[text.index("### 3."):text.index("## III.")]
    assert "Chưa có kết quả kiểm phiếu." in vote
    assert "Số phiếu" not in vote and "None" not in vote
    assert "| Đơn vị | Số phiếu |" not in vote  # no table of 0/0 "Không đạt" before anyone voted


def test_a_ballot_paper_drafted_without_scores_does_not_say_nobody_qualifies(root: Path) -> None:
    (without_scores(root) / "compacts/2023/review.yaml").unlink()  # no candidates printed yet
    result = runner.invoke(app, ["--root", str(root), "render", "2023", "--doc", "phieu-bau", "--draft"])
    assert result.exit_code == 0, result.stderr
    text = body((root / "out/2023/phieu-bau.md").read_text(encoding="utf-8"))
    assert "không có đơn vị đủ điều kiện" not in text.lower()
    assert text.count("Chưa có danh sách bầu: kết quả chấm điểm chưa cuối cùng.") == 2  # one per title voted on
    assert "- Cả 09 đơn vị: chưa có điểm nội dung nào." in text  # and what it waits for


def test_a_submission_drafted_without_scores_claims_no_work_done_and_no_list_of_units(root: Path) -> None:
    text = body(render_draft(without_scores(root))["to-trinh"])
    assert "Năm 2023, 09 đơn vị trong Khối thực hiện 13 nội dung giao ước thi đua." in text  # not "đã thực hiện"
    assert "cho các tập thể sau:" not in text  # no list follows in a draft without proposals
    assert "quyết định khen thưởng như sau:" in text


def test_drafted_minutes_do_not_say_they_were_adopted(root: Path) -> None:
    before_the_ballot(root / "compacts/2023")
    text = body(render_draft(root)["bien-ban"])
    assert "đã được thông qua" not in text  # a draft with results pending has not been adopted
    closing = "Hội nghị kết thúc vào hồi 11 giờ 30 phút cùng ngày. Biên bản được lập thành 04 bản./."
    assert text.rstrip().endswith(closing)


def test_a_drafted_submission_names_each_pending_unit_and_its_reason_once(root: Path) -> None:
    before_the_ballot(root / "compacts/2023")
    text = body(render_draft(root)["to-trinh"])
    assert "chờ — chờ" not in text
    assert "- Phòng An ninh chính trị nội bộ: chưa quyết định (chờ quyết định «Đơn vị Quyết thắng»)." in text
    assert "- Phòng An ninh kinh tế: chưa quyết định (chưa có kết quả bỏ phiếu)." in text
