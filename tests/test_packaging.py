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
