"""Read a year's files as they were at a git revision, through git itself (git archive)."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from giaouoc.errors import DataError, UsageError


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise UsageError("không chạy được git: hãy cài git") from exc


def repository_top(root: Path) -> Path:
    result = _git(root, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise UsageError(f"thư mục dữ liệu {root} không nằm trong một kho git: «giaouoc diff» cần git")
    return Path(result.stdout.decode().strip()).resolve()


def check_revision(top: Path, revision: str) -> None:
    if revision.startswith("-") or _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode:
        raise UsageError(f"không có bản (revision) «{revision}» trong kho git")


def extract_year(top: Path, revision: str, folder: Path, target: Path) -> bool:
    """Unpack `folder` (inside the repository) as it was at `revision` under `target`; False if absent."""
    relative = folder.resolve().relative_to(top).as_posix()
    if _git(top, "cat-file", "-e", f"{revision}:{relative}").returncode != 0:
        return False
    result = _git(top, "archive", "--format=tar", revision, "--", relative)
    if result.returncode != 0:
        raise UsageError(f"git không đọc được {relative} ở bản «{revision}»")
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        links = [m.name for m in archive.getmembers() if not (m.isfile() or m.isdir())]
        if links:  # a link in an old revision could lead anywhere on this machine: nothing is followed
            raise DataError(f"bản «{revision}» của {relative} có liên kết hay tệp đặc biệt ({', '.join(links[:3])}"
                            f"{' …' if len(links) > 3 else ''}): giaouoc không đọc liên kết trong một bản cũ")
        try:
            archive.extractall(target, filter="data")
        except tarfile.TarError as exc:
            raise DataError(f"bản «{revision}» của {relative} có tệp không giải nén an toàn được: {exc}") from exc
    return True


def last_change(folder: Path) -> str | None:
    """The date (YYYY-MM-DD) of the last commit that touched a folder; None outside git or before any commit."""
    try:
        top = repository_top(folder)
    except UsageError:
        return None
    result = _git(top, "log", "-1", "--format=%cs", "--", str(folder.resolve().relative_to(top)))
    text = result.stdout.decode().strip()
    return text or None
