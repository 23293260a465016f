"""The house's shape: few flat modules, and each stage imports only the stages below it (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "giaouoc"

# Each room and the rooms it may import (flat modules such as problems or vietnamese are open to all).
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "load": {"model"},
    "rules": {"model", "load", "rank"},  # rank: open disputes need the points (rules/grading.py)
    "rank": {"model"},
    "changes": {"model", "load", "rules", "rank", "history", "pipeline"},
    "history": {"model", "load", "rules", "rank"},  # and the flat yamltext, files
    "pipeline": {"model", "load", "rules", "rank", "history"},
    "report": {"model", "load", "rules", "rank", "changes", "history", "pipeline"},
    "documents": {"model", "rank", "report"},
    "sheets": {"model", "load", "rank", "report"},
    "edit": {"model", "load", "rules", "sheets", "pipeline"},
    "cli": {"model", "load", "rules", "rank", "changes", "history", "pipeline", "report", "documents", "sheets",
            "edit"},
}
FLAT = {p.stem for p in PACKAGE.glob("*.py")}


def _imports(path: Path) -> set[str]:
    """The giaouoc modules a file imports (at any depth: lazy imports count too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("giaouoc"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("giaouoc"))
    return found


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_at_most_ten_flat_modules() -> None:
    assert len(FLAT) <= 10, sorted(FLAT)


def test_every_room_is_declared() -> None:
    rooms = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert rooms == set(ALLOWED)


def test_rooms_import_only_the_rooms_below_them() -> None:
    wrong = []
    for room, allowed in ALLOWED.items():
        for path in (PACKAGE / room).rglob("*.py"):
            for module in _imports(path):
                target = _room(module)
                if target in FLAT or target in ("", room):
                    continue
                if target not in allowed:
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert wrong == []


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
