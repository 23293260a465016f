from datetime import date
from decimal import Decimal

import pytest

from giaouoc.vietnamese import date_phrase, fold_name, format_number, sort_key, upper


def ordered(names: list[str]) -> list[str]:
    return sorted(names, key=sort_key)


def test_d_stroke_comes_after_d_and_before_e() -> None:
    assert ordered(["Em", "Đông", "Dung"]) == ["Dung", "Đông", "Em"]


def test_accented_letters_follow_the_vietnamese_alphabet() -> None:
    assert ordered(["ơ", "ô", "o", "â", "ă", "a", "ư", "u", "ê", "e"]) == [
        "a", "ă", "â", "e", "ê", "o", "ô", "ơ", "u", "ư"]


def test_tones_decide_only_when_letters_are_equal() -> None:
    assert ordered(["Bạ", "Bá", "Bã", "Bả", "Bà", "Ba"]) == ["Ba", "Bà", "Bả", "Bã", "Bá", "Bạ"]
    assert ordered(["Ánh", "An", "Anh"]) == ["An", "Anh", "Ánh"]


def test_space_before_letters_and_digits_before_letters() -> None:
    assert ordered(["Hoàng Mai", "Hoàn Kiếm"]) == ["Hoàn Kiếm", "Hoàng Mai"]
    assert ordered(["Phòng A", "Phòng 2"]) == ["Phòng 2", "Phòng A"]


def test_case_is_ignored_before_tones() -> None:
    assert ordered(["bà", "Ba"]) == ["Ba", "bà"]
    assert ordered(["AN", "an", "Ăn"]) == ["an", "AN", "Ăn"]


def test_nfd_input_sorts_like_nfc() -> None:
    assert sort_key("Hoa\u0300")[:3] == sort_key("Hoà")[:3]


def test_fold_name_meets_old_and_new_tone_placement() -> None:
    assert fold_name("Hòa Bình") == fold_name("HOÀ BÌNH")
    assert fold_name("Hòa") != fold_name("Hoa")
    assert fold_name("Thủy") == fold_name("Thuỷ")


@pytest.mark.parametrize(("value", "text"), [
    ("95.5", "95,5"), ("100", "100"), ("100.00", "100"), ("1000.25", "1.000,25"), ("0.05", "0,05"),
    ("98.50", "98,5"), ("-2.5", "-2,5"), ("1234567", "1.234.567"),
])
def test_format_number(value: str, text: str) -> None:
    assert format_number(Decimal(value)) == text


@pytest.mark.parametrize(("day", "text"), [
    (date(2023, 3, 9), "ngày 09 tháng 3 năm 2023"),
    (date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
    (date(2023, 12, 29), "ngày 29 tháng 12 năm 2023"),
    (date(2023, 2, 10), "ngày 10 tháng 02 năm 2023"),
])
def test_date_phrase(day: date, text: str) -> None:
    assert date_phrase(day) == text


def test_upper_keeps_diacritics() -> None:
    assert upper("Khối thi đua An ninh nhân dân") == "KHỐI THI ĐUA AN NINH NHÂN DÂN"
