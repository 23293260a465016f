"""The giao ước's thang điểm and wording: criteria rules in words, bands, one quotation style, titles split."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from giaouoc.documents.adopted import band_lines, tie_break_line, title_lines
from giaouoc.documents.scale import rule_words, scale, signature_heading
from giaouoc.load.reader import parse_record
from giaouoc.model.records import Criterion, Unit
from giaouoc.rules import load_year


def sample(root: Path):  # type: ignore[no-untyped-def]
    year = load_year(root, root / "compacts" / "2023")[0]
    assert year is not None
    return year


def test_bands_read_from_to_below_and_the_lowest_below(root: Path) -> None:
    assert band_lines(sample(root).compact) == [
        "Hoàn thành xuất sắc nhiệm vụ (HTXS): từ 90 điểm trở lên",
        "Hoàn thành tốt nhiệm vụ (HTT): từ 75 đến dưới 90 điểm",
        "Hoàn thành nhiệm vụ (HT): từ 50 đến dưới 75 điểm",
        "Không hoàn thành nhiệm vụ (KHT): dưới 50 điểm",
    ]


def test_one_quotation_style_and_no_machine_phrasing(root: Path) -> None:
    year = sample(root)
    text = " ".join([*title_lines(year.compact), tie_break_line(year.compact, year.items) or ""])
    assert "«" not in text and "»" not in text and "“Đơn vị Quyết thắng”" in text
    assert "điểm ở nội dung 3 (Hoàn thành và hoàn thành vượt mức các chỉ tiêu Công an tỉnh giao) cao hơn" in text
    assert "điểm nội dung 3" not in text


def test_titles_split_into_danh_hieu_and_khen_thuong(root: Path) -> None:
    compact = sample(root).compact
    assert [line.split(":")[0] for line in title_lines(compact, "khen-thuong")] == [
        "Bằng khen của Bộ trưởng Bộ Công an"]
    assert "Bằng khen của Bộ trưởng Bộ Công an" not in " ".join(title_lines(compact, "danh-hieu"))


def test_rules_in_words_for_each_kind() -> None:
    def words(**spec: object) -> str:
        return rule_words(parse_record(Criterion, {"id": "xa", "title": "X", "max": 2, **spec}))

    assert words(kind="target").startswith("Định lượng: đạt chỉ tiêu được 50% số điểm; vượt chỉ tiêu được thêm "
                                           "theo tỷ lệ so với đơn vị dẫn đầu")
    assert "được 60% số điểm" in words(kind="target", at_target="3/5")
    assert words(kind="target", better="lower").startswith("Định lượng (càng thấp càng tốt)")
    assert words(kind="pass") == "Định tính: đạt được 2 điểm, không đạt 0 điểm"
    assert words(kind="count", per=Decimal("0.5"), measure="tin") == "Chấm thẳng: mỗi tin được 0,5 điểm, tối đa 2 điểm"
    assert words(kind="deduct", per=1) == "Trừ điểm: mỗi lần trừ 1 điểm, trừ đến hết 2 điểm"


def test_the_scale_lists_the_sample_contents_scored_by_criteria(root: Path) -> None:
    listed = scale(sample(root).items)
    assert [(item.id, [row.id for row in rows]) for item, rows in listed] == [
        (5, ["5a", "5b", "5c", "5d"]), (8, ["8a", "8b", "8c", "8d"])]


def test_signature_heading_breaks_between_words() -> None:
    head = {"name": "Nguyễn Văn A", "title": "Trưởng phòng"}
    unit = parse_record(Unit, {"id": "pa02", "name": "Phòng An ninh nội địa", "head": head})
    assert signature_heading(unit) == ["PHÒNG AN NINH", "NỘI ĐỊA", "TRƯỞNG PHÒNG"]
    unit = parse_record(Unit, {"id": "pa07", "name": "Phòng Quản lý xuất nhập cảnh", "head": head})
    assert signature_heading(unit)[:2] == ["PHÒNG QUẢN LÝ", "XUẤT NHẬP CẢNH"]
    unit = parse_record(Unit, {"id": "pa07", "name": "Phòng Hồ sơ", "head": head, "header": ["Phòng", "Hồ sơ"]})
    assert signature_heading(unit) == ["PHÒNG", "HỒ SƠ", "TRƯỞNG PHÒNG"]
