from decimal import Decimal
from pathlib import Path

import pytest

from giaouoc.load.tree import load_file, parse_text
from giaouoc.problems import Report


def parse(text: str) -> tuple[object, Report]:
    report = Report()
    source = parse_text(text, "f.yaml", report)
    return (source.data if source else None), report


def codes(report: Report) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in report.sorted()]


def test_positions_of_keys_and_values_are_one_based() -> None:
    report = Report()
    source = parse_text("unit: pa03\nscores:\n  3: {self: 12, block: 11.5}\n", "f.yaml", report)
    assert source is not None and not report.problems
    assert source.pos("scores", 3, "block") == (3, 24)
    assert source.key_pos("scores", 3) == (3, 3)
    assert source.pos("unit") == (1, 7)
    assert source.pos("missing", "deeper") == (1, 1)


def test_numbers_are_exact_decimals_from_the_text() -> None:
    data, report = parse("a: 0.1\nb: 13.8\nc: 9\nd: 1e2\ne: '9.5'\nf: 9,5\n")
    assert data == {"a": Decimal("0.1"), "b": Decimal("13.8"), "c": 9, "d": Decimal("1e2"), "e": "9.5", "f": "9,5"}
    assert isinstance(data["a"], Decimal)  # type: ignore[index]
    assert not report.problems


def test_yaml_11_surprises_stay_text() -> None:
    data, _ = parse("a: no\nb: on\nc: 08:00\nd: 2023-03-09\ne: ~\nf: true\n")
    assert data == {"a": "no", "b": "on", "c": "08:00", "d": "2023-03-09", "e": None, "f": True}


def test_duplicate_key_is_reported_at_the_second_key() -> None:
    data, report = parse("a: 1\nb: 2\na: 3\n")
    assert codes(report) == [("duplicate-key", 3, 1)]
    assert "dòng 1" in report.problems[0].message
    assert data == {"a": 1, "b": 2}


def test_nested_duplicate_key() -> None:
    _, report = parse("scores:\n  1: {self: 1}\n  1: {self: 2}\n")
    assert codes(report) == [("duplicate-key", 3, 3)]


@pytest.mark.parametrize(("text", "code", "line"), [
    ("a: &x 1\nb: *x\n", "yaml-alias", 1),
    ("a: 1\nb: *x\n", "yaml-alias", 2),
    ("a: !custom 1\n", "yaml-tag", 1),
    ("a: !!binary aGVsbG8=\n", "yaml-tag", 1),
    ("a: 1\n---\nb: 2\n", "yaml-syntax", 2),
    ("a: [1, 2\n", "yaml-syntax", 2),
    ("a: b: c\n", "yaml-syntax", 1),
    ("a: \"x\\u0001y\"\n", "control-char", 1),
])
def test_refused_yaml(text: str, code: str, line: int) -> None:
    data, report = parse(text)
    assert [(p.code, p.line) for p in report.problems][:1] == [(code, line)]
    assert all(p.message for p in report.problems)


def test_alias_bomb_is_refused_without_expanding() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 30)]
    data, report = parse("\n".join(lines) + "\n")
    assert data is None
    assert report.problems[0].code == "yaml-alias"


def test_deep_nesting_is_refused() -> None:
    data, report = parse("a: " + "[" * 20000 + "]" * 20000 + "\n")
    assert data is None
    assert [p.code for p in report.problems] == ["yaml-too-deep"]
    data, report = parse("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 100)))
    assert [p.code for p in report.problems] == ["yaml-too-deep"]


def test_text_is_normalised_to_nfc() -> None:
    data, _ = parse("name: Ho\u0300a\n")
    assert data == {"name": "Hòa"}


def load_bytes(tmp_path: Path, raw: bytes) -> tuple[object, Report]:
    path = tmp_path / "f.yaml"
    path.write_bytes(raw)
    report = Report()
    source = load_file(path, "f.yaml", report)
    return (source.data if source else None), report


def test_utf8_bom_is_tolerated(tmp_path: Path) -> None:
    data, report = load_bytes(tmp_path, "\ufeffname: Đông\n".encode())
    assert data == {"name": "Đông"} and not report.problems


def test_utf16_is_refused_with_advice(tmp_path: Path) -> None:
    data, report = load_bytes(tmp_path, "name: Đông\n".encode("utf-16"))
    assert data is None
    assert report.problems[0].code == "encoding" and "UTF-16" in report.problems[0].message


def test_legacy_vietnamese_encoding_is_named(tmp_path: Path) -> None:
    tcvn3 = b"unit: pa03\nname: B\xb6o Th\xbeng\n"  # "Bảo Thắng" in TCVN3 (ABC)
    data, report = load_bytes(tmp_path, tcvn3)
    assert data is None
    problem = report.problems[0]
    assert (problem.code, problem.line, problem.column) == ("encoding", 2, 8)
    assert "TCVN3" in problem.message and "UTF-8" in problem.message


def test_windows_1258_is_refused(tmp_path: Path) -> None:
    data, report = load_bytes(tmp_path, "name: Đăng\n".encode("cp1258"))
    assert data is None and report.problems[0].code == "encoding"


def test_binary_garbage_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    data, report = load_bytes(tmp_path, bytes(range(256)) * 4)
    assert data is None and report.problems[0].code == "encoding"


def test_empty_file_gives_no_data(tmp_path: Path) -> None:
    data, report = load_bytes(tmp_path, b"")
    assert data is None and not report.problems
    data, report = load_bytes(tmp_path, b"# only a comment\n")
    assert data is None and not report.problems
