"""Who changed each score value of a year, and when (docs/cham-diem.md §7), from git history.

One `git log` lists the commits touching the year's score files, grade files and targets.yaml; one
`git cat-file --batch` reads every version of those files. Each version is flattened into named values
(nội dung 3, tiêu chí 3a, Khối chấm → 2) and compared with the version before it. Uncommitted changes in
the working tree come last.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from giaouoc.changes.git import _git, repository_top
from giaouoc.changes.values import Flat, flatten
from giaouoc.errors import UsageError

_SEP, _END = "\x1f", "\x1e"


@dataclass(frozen=True)
class Change:
    date: str  # ISO date and time of the author; "" for the working tree
    author: str
    commit: str  # short hash; "" for the working tree ("chưa ghi vào git")
    subject: str
    file: str  # relative to the year folder: scores/pa01.yaml
    value: str  # which value, in words
    old: str | None
    new: str | None
    unit: str | None
    item: int | None


@dataclass(frozen=True)
class _Commit:
    full: str
    short: str
    author: str
    date: str
    subject: str
    files: list[str]


def score_log(folder: Path, unit: str | None = None, item: int | None = None) -> list[Change]:
    """Every change of every score value of the year folder, oldest first, uncommitted ones last."""
    try:
        top = repository_top(folder)
    except UsageError:
        raise UsageError(f"thư mục {folder} không nằm trong một kho git: «giaouoc log» đọc lịch sử sửa điểm "
                         "từ git") from None
    prefix = folder.resolve().relative_to(top).as_posix()
    commits = _commits(top, prefix)
    wanted = [(c, f) for c in commits for f in c.files if _wanted(f, unit)]
    blobs = _blobs(top, [f"{c.full}:{prefix}/{f}" for c, f in wanted])
    criteria = _criteria_items(folder)
    last: dict[str, Flat] = {}
    changes: list[Change] = []
    for (commit, name), text in zip(wanted, blobs, strict=True):
        flat = flatten(name, text, unit, criteria)
        changes += _compare(name, last.get(name, {}), flat, commit)
        last[name] = flat
    for name in sorted(set(last) | set(_tracked_now(folder, unit))):
        path = folder / name
        text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None
        changes += _compare(name, last.get(name, {}), flatten(name, text, unit, criteria), None)
    return [c for c in changes if item is None or c.item == item]


def _wanted(name: str, unit: str | None) -> bool:
    path = PurePosixPath(name)
    if name == "targets.yaml":
        return True
    if path.suffix != ".yaml" or path.parts[0] not in ("scores", "grades"):
        return False
    depth = 2 if path.parts[0] == "scores" else 3
    return len(path.parts) == depth and (unit is None or path.stem == unit)


def _tracked_now(folder: Path, unit: str | None) -> list[str]:
    names = [p.relative_to(folder).as_posix() for pattern in ("scores/*.yaml", "grades/*/*.yaml", "targets.yaml")
             for p in folder.glob(pattern) if p.is_file()]
    return [n for n in names if _wanted(n, unit)]


def _commits(top: Path, prefix: str) -> list[_Commit]:
    paths = [f"{prefix}/scores", f"{prefix}/grades", f"{prefix}/targets.yaml"]
    result = _git(top, "log", "--reverse", "--no-renames", f"--format={_END}%H{_SEP}%h{_SEP}%an{_SEP}%aI{_SEP}%s",
                  "--name-only", "--", *paths)
    if result.returncode != 0:
        return []  # a repository without commits
    commits = []
    for block in result.stdout.decode("utf-8", errors="replace").split(_END)[1:]:
        head, _, names = block.partition("\n")
        full, short, author, date, subject = head.split(_SEP, 4)
        files = [n.removeprefix(prefix + "/") for n in names.split("\n") if n.startswith(prefix + "/")]
        commits.append(_Commit(full, short, author, date, subject, files))
    return commits


def _blobs(top: Path, specs: list[str]) -> list[str | None]:
    """The text of each `commit:path` (None where the file does not exist there), read by one git process."""
    if not specs:
        return []
    process = subprocess.run(["git", "cat-file", "--batch"], cwd=top, input="\n".join(specs).encode() + b"\n",
                             capture_output=True, check=False)
    out, position = process.stdout, 0
    texts: list[str | None] = []
    for _ in specs:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":
            texts.append(None)
            continue
        size = int(header[2])
        texts.append(out[position:position + size].decode("utf-8", errors="replace"))
        position += size + 1
    return texts


def _criteria_items(folder: Path) -> dict[str, int]:
    """Criterion id -> its content, from the current items.yaml (for --item on criteria and targets)."""
    from giaouoc.load.tree import parse_text
    from giaouoc.problems import Report

    path = folder / "items.yaml"
    source = parse_text(path.read_text(encoding="utf-8", errors="replace"), "items.yaml", Report()) \
        if path.is_file() else None
    data = source.data if source is not None else None
    items = data.get("items") if isinstance(data, dict) else None
    result: dict[str, int] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), int) and isinstance(item.get("criteria"), list):
            for c in item["criteria"]:
                if isinstance(c, dict):
                    result[str(c.get("id"))] = item["id"]
    return result


def _compare(name: str, before: Flat, after: Flat, commit: _Commit | None) -> list[Change]:
    changes = []
    for key in list(dict.fromkeys([*before, *after])):
        old, new = before.get(key), after.get(key)
        if old is not None and new is not None and old[0] == new[0]:
            continue
        unit, item, label = (new or old)[1:]  # type: ignore[index]
        changes.append(Change(commit.date if commit else "", commit.author if commit else "",
                              commit.short if commit else "", commit.subject if commit else "chưa ghi vào git",
                              name, label, old[0] if old else None, new[0] if new else None, unit, item))
    return changes
