"""What giaouoc wrote in an output folder, so that it never overwrites or deletes a file someone changed since.

The record is `.giaouoc-ban-ghi.json` beside the documents: for each file the SHA-256 of the bytes written
and, for a Word or PDF file, the SHA-256 of the Markdown it was made from (a .docx made from an older
Markdown is stale). A file that differs from its record, or that giaouoc has no record of, is the văn thư's:
it is moved aside ("bang-diem.sua-tay.docx") with a message, never replaced or removed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from giaouoc.errors import UsageError
from giaouoc.files import write_atomic

RECORD = ".giaouoc-ban-ghi.json"
ASIDE = "sua-tay"  # "bang-diem.docx" changed by hand is kept as "bang-diem.sua-tay.docx"
Say = Callable[[str], None]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Entry:
    sha256: str
    source: str | None = None  # the Markdown's digest, for a file made from it


def _entries(raw: object) -> dict[str, Entry]:
    """The record's entries, skipping whatever is not one (a damaged record only makes files count as unknown)."""
    files = raw.get("files") if isinstance(raw, dict) else None
    found = {}
    for name, value in (files or {}).items() if isinstance(files, dict) else ():
        if isinstance(name, str) and isinstance(value, dict) and isinstance(value.get("sha256"), str):
            source = value.get("source")
            found[name] = Entry(value["sha256"], source if isinstance(source, str) else None)
    return found


@dataclass
class Manifest:
    folder: Path
    shown: str  # the folder as messages name it ("out/2023")
    files: dict[str, Entry] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def read(cls, folder: Path, shown: str) -> Manifest:
        path = folder / RECORD
        try:
            raw = json.loads(path.read_text(encoding="utf-8")) if path.is_file() and not path.is_symlink() else {}
        except (OSError, UnicodeDecodeError, ValueError):
            raw = {}
        return cls(folder, shown, _entries(raw))

    def ours(self, name: str) -> bool:
        """Whether the file on disk is exactly what giaouoc wrote last (a missing file counts as ours)."""
        path = self.folder / name
        if not path.exists() and not path.is_symlink():
            return True
        entry = self.files.get(name)
        if entry is None or path.is_symlink() or not path.is_file():
            return False
        try:
            return digest(path.read_bytes()) == entry.sha256
        except OSError:
            return False

    def stale(self, name: str, source: str) -> bool:
        """Whether a file made from Markdown exists and was made from other Markdown than `source`."""
        path = self.folder / name
        entry = self.files.get(name)
        return path.is_file() and (entry is None or entry.source != source)

    def set_aside(self, name: str, say: Say) -> None:
        """Move a file changed by hand (or not written by giaouoc) out of the way, saying where it went."""
        path = self.folder / name
        stem, dot, suffix = name.partition(".")
        count = 1
        while True:
            target = self.folder / f"{stem}.{ASIDE}{'' if count == 1 else f'-{count}'}{dot}{suffix}"
            if not target.exists() and not target.is_symlink():
                break
            count += 1
        try:
            path.rename(target)
        except OSError as exc:
            raise UsageError(f"không chuyển được {path} sang {target.name}: {exc.strerror or exc}") from exc
        why = ("đã được sửa sau khi giaouoc ghi" if name in self.files
               else f"không có trong {RECORD} (không do giaouoc ghi)")
        self.files.pop(name, None)
        self.changed = True
        say(f"Tệp {self.shown}/{name} {why}: đã giữ lại thành {self.shown}/{target.name}, không ghi đè, không xóa.")

    def write(self, name: str, data: bytes, say: Say, source: str | None = None) -> Path:
        """Write one output file; a file changed by hand is moved aside first."""
        path = self.folder / name
        if path.is_file() and not path.is_symlink() and not self.ours(name):
            if digest(path.read_bytes()) != digest(data):
                self.set_aside(name, say)
        write_atomic(path, data)
        self.files[name] = Entry(digest(data), source)
        self.changed = True
        return path

    def remove(self, name: str, say: Say) -> bool:
        """Remove an output file that is no longer valid: only when it is what giaouoc wrote; else set it aside."""
        path = self.folder / name
        if not path.is_file() or path.is_symlink():
            return False
        if not self.ours(name):
            self.set_aside(name, say)
            return False
        path.unlink()
        self.files.pop(name, None)
        self.changed = True
        return True

    def save(self) -> None:
        if not self.changed:
            return
        files = {name: {"sha256": e.sha256, **({"source": e.source} if e.source else {})}
                 for name, e in sorted(self.files.items()) if (self.folder / name).is_file()}
        text = json.dumps({"giaouoc": "các tệp do giaouoc ghi (đừng sửa tay)", "files": files},
                          ensure_ascii=False, indent=1, sort_keys=True)
        write_atomic(self.folder / RECORD, (text + "\n").encode("utf-8"))
