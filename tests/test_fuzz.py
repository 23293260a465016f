"""Fuzzing: whatever bytes reach the loader and `validate`, the only outcomes are a result or Problems."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_sample
from giaouoc.load.tree import parse_text
from giaouoc.problems import Report
from giaouoc.rank.ranking import rank_year
from giaouoc.rules import load_year

KEYS = ["year", "movement", "block", "name", "code", "authority", "place", "slogan", "signing", "date", "chair",
        "rank", "title", "leader", "deputy", "scoring", "total", "bonus_cap", "tie_break", "bands", "min",
        "titles", "id", "group", "max", "min_total", "requires", "min_vote_share", "documents", "number",
        "recipients", "units", "short", "head", "registered", "items", "guide", "unit", "scores", "self",
        "block", "note", "bonus", "penalties", "points", "reason", "ref", "excluded", "start", "end",
        "secretary", "attendees", "ballot", "voters", "votes", "pa03", "co-bca", 1, 3, 13]
FILES = ["compact.yaml", "units.yaml", "items.yaml", "review.yaml", "scores/pa03.yaml", "scores/pa05.yaml"]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 3000), st.text(max_size=12),
    st.sampled_from(["9,5", "9.555", "2023-02-30", "2023-03-09", "08:00", "25:99", "pa03", "co-bca", "PA03",
                     "item:3", "votes:co-bca", "<chưa điền>", "1e400", ".nan", "Hòa", "Ho\u0300a", "\x07"]),
    st.decimals(-5, 200, places=2, allow_nan=False, allow_infinity=False).map(str),
)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)),
    max_leaves=25,
)


def check_outcome(text: str) -> None:
    report = Report()
    source = parse_text(text, "f.yaml", report)
    assert source is not None or report.problems
    assert all(p.line >= 1 and p.column >= 1 and p.message for p in report.problems)


@FAST
@given(st.binary(max_size=400))
def test_random_bytes_never_crash_the_loader(data: bytes) -> None:
    check_outcome(data.decode("utf-8", "replace"))


@FAST
@given(st.text(alphabet=st.sampled_from(list("{}[]:-,'\"&*!|>#%@`?\n \tabcđ19.")), max_size=200))
def test_yaml_punctuation_soup(text: str) -> None:
    check_outcome(text)


def test_huge_scalars_and_deep_nesting() -> None:
    check_outcome("a: " + "x" * 2_000_000 + "\n")
    check_outcome("a: " + "{b: " * 20_000 + "1" + "}" * 20_000 + "\n")
    check_outcome("- " * 5000 + "x\n")
    check_outcome("a: &a [*a]\n")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FILES), values, st.booleans())
def test_random_documents_in_a_real_year(name: str, document: Any, replace: bool) -> None:
    """A year whose one file is replaced by (or merged with) random data from the format's own keys."""
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        copy_sample(root)
        path = root / "compacts" / "2023" / name
        if not replace and isinstance(document, dict):
            original = yaml.safe_load(path.read_text(encoding="utf-8"))
            original.update(document)
            document = original
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        year, report = load_year(root, root / "compacts" / "2023")
        assert (year is None) == bool(report.errors)
        if year is not None:
            ranking = rank_year(year)
            assert len(ranking.units) == len(year.units)


@FAST
@given(st.binary(min_size=1, max_size=300), st.sampled_from(FILES))
def test_random_bytes_as_data_files(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        copy_sample(root)
        (root / "compacts" / "2023" / name).write_bytes(data)
        year, report = load_year(root, root / "compacts" / "2023")
        assert year is None or not report.errors


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.dictionaries(st.sampled_from(["E6", "E7", "F6", "A6", "A7"]),
                             st.one_of(st.none(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                                       st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
                                       st.booleans()), max_size=4),
       meta=st.dictionaries(st.sampled_from(["B1", "B2", "B3", "B4", "B5"]),
                            st.one_of(st.none(), st.integers(-10**9, 10**9),
                                      st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)),
                            max_size=2))
def test_random_form_cells_never_crash_the_import(tmp_path: Path, cells: dict[str, Any], meta: dict[str, Any]) -> None:
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from giaouoc.cli.app import app

    root = Path(tempfile.mkdtemp(dir=tmp_path))
    copy_sample(root)
    runner = CliRunner()
    form = root / "phieu.xlsx"
    assert runner.invoke(app, ["--root", str(root), "form", "2023", "pa01", "--xlsx", str(form)]).exit_code == 0
    workbook = load_workbook(form)
    for address, value in cells.items():
        workbook["Tự chấm"][address] = value
    for address, value in meta.items():
        workbook["giaouoc"][address] = value
    workbook.save(form)
    result = runner.invoke(app, ["--root", str(root), "import", "2023", str(form), "--dry-run"])
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "nội bộ" not in result.stderr


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(alphabet=st.sampled_from(list("{}%#()[]|.'\"*+-_ abcxyz0123456789\n")) , max_size=60)
       | st.sampled_from(["{{ units[0].name }}", "{% for u in units %}{{ u.id }}{% endfor %}", "{{ 9**9**9 }}",
                          "{{ ranking.units|length }}", "{{ (1,2)*99999999 }}", "{{ cycler(1).next() }}"]))
def test_random_templates_never_crash_render(tmp_path: Path, body: str) -> None:
    from typer.testing import CliRunner

    from giaouoc.cli.app import app

    root = Path(tempfile.mkdtemp(dir=tmp_path))
    copy_sample(root)
    (root / "templates").mkdir()
    (root / "templates" / "bang-diem.md.j2").write_text(f"---\nid: bang-diem\ntype: X\ntitle: t\nauthority: A\n"
                                                         f"issuer: B\n---\n{body}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--root", str(root), "render", "2023", "--doc", "bang-diem"])
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "nội bộ" not in result.stderr
