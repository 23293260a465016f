"""The house's shape: few flat modules, and each stage imports only the stages below it (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "giaouoc"

# Each room and the rooms it may import (flat modules such as problems or vietnamese are open to all). Only arrows
# the code uses: an unused one would let a new import through unseen (test_every_allowed_arrow_is_used).
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "load": {"model"},
    "rules": {"model", "load", "rank"},  # rank: open disputes need the points (rules/grading.py)
    "rank": {"model"},
    "changes": {"model", "load", "pipeline"},
    "history": {"model", "load", "rules", "rank"},  # and the flat yamltext, files
    "pipeline": {"model", "load", "rules", "rank", "history"},
    "report": {"model", "rank", "changes", "history", "pipeline"},
    "documents": {"model", "report"},
    "sheets": {"model", "load"},
    "edit": {"model", "load", "rules", "sheets", "pipeline"},
    "cli": {"model", "load", "rules", "rank", "changes", "history", "pipeline", "report", "documents", "sheets",
            "edit"},
}
FLAT = {p.stem for p in PACKAGE.glob("*.py")}


def _imports(path: Path, package: Path = PACKAGE) -> set[str]:
    """The giaouoc modules and names a file imports, fully qualified, at any depth (lazy imports count too):
    `from giaouoc import rank` is giaouoc.rank, `from ..rank import x` is resolved against the file's package,
    `importlib.import_module("giaouoc.x")` with a constant name counts as an import."""
    here = list(path.relative_to(package.parent).parts[:-1])  # the file's package: giaouoc, room, …
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here[: len(here) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
            found.add(base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str) and getattr(node.func, "attr", getattr(node.func, "id", "")) \
                in ("import_module", "__import__"):
            found.add(node.args[0].value)
    return {name for name in found if name == "giaouoc" or name.startswith("giaouoc.")}


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def wrong_imports(package: Path = PACKAGE, allowed: dict[str, set[str]] = ALLOWED) -> list[str]:
    """Every import of a room that the table does not allow, as "file imports module"."""
    rooms_here = {p.name for p in package.iterdir() if (p / "__init__.py").exists()}
    wrong = []
    for room, rooms in allowed.items():
        for path in sorted((package / room).rglob("*.py")):
            for module in sorted(_imports(path, package)):
                target = _room(module)
                if target not in rooms_here or target == room:  # a flat module, or a name such as __version__
                    continue
                if target not in rooms:
                    wrong.append(f"{path.relative_to(package)} imports {module}")
    return wrong


def arrows_used(package: Path = PACKAGE) -> dict[str, set[str]]:
    """For each room, the rooms its files import."""
    return {room: {_room(m) for path in (package / room).rglob("*.py") for m in _imports(path, package)}
            & set(ALLOWED) - {room} for room in ALLOWED}


def test_at_most_ten_flat_modules() -> None:
    assert len(FLAT) <= 10, sorted(FLAT)


def test_every_room_is_declared() -> None:
    rooms = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert rooms == set(ALLOWED)


def test_rooms_import_only_the_rooms_below_them() -> None:
    assert wrong_imports() == []


def test_every_allowed_arrow_is_used() -> None:
    """The table is the code's real graph: an arrow no import uses is removed (cli may use every room)."""
    used = arrows_used()
    assert {room: ALLOWED[room] - used[room] for room in ALLOWED if room != "cli" and ALLOWED[room] - used[room]} == {}


@pytest.mark.parametrize("line", [
    "from giaouoc import cli",  # a room imported as a name of the package
    "import giaouoc.cli.app",
    "from giaouoc.cli import app",
    "from ..cli import app",  # relative, from model/
    "from .. import cli",
    "def f():\n    from giaouoc import cli",  # lazy
    "import importlib\nimportlib.import_module('giaouoc.cli.app')",
])
def test_the_layering_check_catches_every_way_of_importing_a_room(tmp_path: Path, line: str) -> None:
    package = tmp_path / "giaouoc"
    for room in ("model", "cli"):
        (package / room).mkdir(parents=True)
        (package / room / "__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "problems.py").write_text("", encoding="utf-8")
    (package / "model" / "ok.py").write_text("from giaouoc import problems\nfrom giaouoc.model import ok\n"
                                             "from . import ok\n", encoding="utf-8")
    allowed = {"model": set(), "cli": {"model"}}
    assert wrong_imports(package, allowed) == []
    (package / "model" / "bad.py").write_text(line + "\n", encoding="utf-8")
    assert wrong_imports(package, allowed) != []
    assert all(w.startswith("model/bad.py imports giaouoc.cli") for w in wrong_imports(package, allowed))


def test_flat_modules_import_only_flat_modules() -> None:
    wrong = [f"{name}.py imports {module}" for name in FLAT for module in _imports(PACKAGE / f"{name}.py")
             if _room(module) not in FLAT and name != "__main__"]
    assert wrong == []


def test_the_allowed_graph_has_no_cycle() -> None:
    """The rule above forbids cycles between rooms only if the graph it allows has none."""
    done: set[str] = set()

    def visit(room: str, path: tuple[str, ...]) -> None:
        assert room not in path, " → ".join((*path, room))
        if room not in done:
            for below in ALLOWED[room]:
                visit(below, (*path, room))
            done.add(room)

    for room in ALLOWED:
        visit(room, ())


def test_ranking_does_not_load_yaml() -> None:
    import subprocess
    import sys

    code = "import sys, giaouoc.rank.ranking, giaouoc.rank.explain; print('yaml' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
