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
        for name in sorted(names):
            path = base / name
            relative = path.relative_to(folder).as_posix()
            if name.startswith(".") or relative == CLOSED_FILE:
                continue
            if path.is_symlink():  # never followed: sealed as the link itself, so adding one breaks the seal
                found[relative] = hashlib.sha256(b"symlink:" + os.readlink(path).encode()).hexdigest()
            elif path.is_file():
                found[relative] = file_digest(path)
    return found


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
