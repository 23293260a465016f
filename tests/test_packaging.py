"""The package as pip builds it: every subpackage and the templates ship."""

from __future__ import annotations

import tomllib

from conftest import REPO


def test_every_subpackage_is_listed_for_the_build() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    source = REPO / "src"
    found = {".".join(p.parent.relative_to(source).parts) for p in source.rglob("__init__.py")}
    assert found <= listed
    assert "giaouoc.templates" in listed
    assert sorted(p.name for p in (REPO / "templates").glob("*.md.j2")) == [
        "bang-diem.md.j2", "bien-ban-kiem-phieu.md.j2", "bien-ban.md.j2", "giao-uoc.md.j2", "phieu-bau.md.j2",
        "to-trinh.md.j2"]


def test_tested_pythons_agree_across_pyproject_readme_and_ci() -> None:
    """The classifiers name the versions tested; the README says them; CI runs the oldest and the newest."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    prefix = "Programming Language :: Python :: 3."
    minors = sorted(int(c.removeprefix(prefix)) for c in config["project"]["classifiers"] if c.startswith(prefix))
    assert minors and minors == list(range(minors[0], minors[-1] + 1))
    assert config["project"]["requires-python"] == f">=3.{minors[0]}"
    names = [f"3.{m}" for m in minors]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"Kiểm thử trên Python {', '.join(names[:-1])} và {names[-1]}" in readme
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert f"for want in {names[0]} {names[-1]}; do" in ci
