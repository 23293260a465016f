"""The fingerprint of a closed year's files: SHA-256 of each regular file, the same on Windows and Linux."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

CLOSED_FILE = "closed.yaml"


def file_digest(path: Path) -> str:
    """SHA-256 of a file after dropping a UTF-8 BOM and turning CRLF into LF (a Windows checkout keeps the seal)."""
    data = path.read_bytes()
    data = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    return hashlib.sha256(data).hexdigest()


def sealed_files(folder: Path) -> dict[str, str]:
    """Every regular file under the year folder (not closed.yaml, no name beginning with "."), by relative path."""
    found: dict[str, str] = {}
    for top, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(top)
        for name in [d for d in dirs if (base / d).is_symlink()]:  # a folder link: sealed as a link, not walked
            found[(base / name).relative_to(folder).as_posix()] = _link_digest(base / name)
        for name in sorted(names):
            path = base / name
            relative = path.relative_to(folder).as_posix()
            if name.startswith(".") or relative == CLOSED_FILE:
                continue
            if path.is_symlink():  # never followed: sealed as the link itself, so adding one breaks the seal
                found[relative] = _link_digest(path)
            elif path.is_file():
                found[relative] = file_digest(path)
    return found


def _link_digest(path: Path) -> str:
    return hashlib.sha256(b"symlink:" + os.readlink(path).encode()).hexdigest()


def links_out(folder: Path) -> list[str]:
    """The links under a year folder (files or folders) that lead out of it, or nowhere, by relative path."""
    real = folder.resolve()
    found = []
    for top, dirs, names in os.walk(folder, followlinks=False):
        for name in sorted([*dirs, *names]):
            path = Path(top) / name
            if not path.is_symlink():
                continue
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                target = None
            if target is None or not target.is_relative_to(real):
                found.append(path.relative_to(folder).as_posix())
    return sorted(found)


def closed_on(folder: Path) -> date | None:
    """The date a year folder was closed, or None while it is open (or closed.yaml cannot be read)."""
    from giaouoc.load.reader import validate_as
    from giaouoc.load.tree import load_file
    from giaouoc.model.history import Closed
    from giaouoc.problems import Report

    path = folder / CLOSED_FILE
    if not path.is_file():
        return None
    report = Report()
    source = load_file(path, CLOSED_FILE, report)
    closed = validate_as(source, Closed, report) if source is not None else None
    return closed.closed if closed is not None else None
