"""Writing files so that nothing is ever half-written, and never through something that is not a plain file."""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from glob import escape as glob_escape
from pathlib import Path

from giaouoc.errors import FileAccessError, UsageError

_REASONS = {
    errno.ENOENT: "thư mục chứa tệp không có (hãy kiểm tra đường dẫn)",
    errno.ENOTDIR: "một phần của đường dẫn là một tệp, không phải thư mục",
    errno.EEXIST: "một phần của đường dẫn là một tệp, không phải thư mục",  # mkdir where a file stands
    errno.EACCES: "không có quyền ghi vào đó",
    errno.EPERM: "không có quyền ghi vào đó",
    errno.EROFS: "ổ đĩa hoặc thư mục chỉ cho đọc",
    errno.ENOSPC: "hết chỗ trên đĩa",
    errno.EISDIR: "đó là một thư mục",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Vietnamese; an uncommon error keeps the system's own words."""
    return _REASONS.get(exc.errno or 0, f"lỗi hệ thống: {exc.strerror or exc}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


TEMP_MARK = "giaouoc-"  # .pa01.yaml.giaouoc-<pid>-<random>: a temporary file of ours, and whose
TEMPORARY = re.compile(r"\.(?P<name>.+\.(?:yaml|md|j2|xlsx|docx|pdf|csv|html|json))"
                       r"\.(?:giaouoc-(?P<pid>[0-9]+)-)?[a-z0-9_]{8}\Z")


def _remove_stale(path: Path) -> None:
    """Temporary files a killed write of this very file left (their process is gone): removed before writing."""
    for stray in path.parent.glob(f".{glob_escape(path.name)}.{TEMP_MARK}*"):
        found = TEMPORARY.match(stray.name)
        if found and found["pid"] and found["name"] == path.name and not _alive(int(found["pid"])):
            stray.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that a reader never sees half of it: a temporary file, then a rename.

    The file keeps its permissions (a new one gets the usual ones, from the umask). A symbolic link, a
    device or a folder at the path is refused: giaouoc replaces only plain files.
    """
    if path.is_symlink():
        raise UsageError(f"không ghi được {path}: đó là một liên kết (symlink); hãy chọn một tệp thật")
    if path.exists() and not path.is_file():
        raise UsageError(f"không ghi được {path}: đó không phải là một tệp thường (thư mục hay thiết bị)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
        _remove_stale(path)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.{TEMP_MARK}{os.getpid()}-", dir=path.parent)
    except OSError as exc:
        raise FileAccessError(f"không ghi được {path}: {os_reason(exc)}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise FileAccessError(f"không ghi được {path}: {os_reason(exc)}") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class NotRegular(OSError):
    """A path that is a device, a FIFO, a socket or a folder: never read (it could block or never end)."""


class TooLarge(OSError):
    """A file above the size the caller can take."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes: a FIFO is not waited on, `/dev/zero` not read,
    and a file growing while read stops at the limit (never more than limit + 1 bytes in memory)."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(f"{path} không phải là một tệp thường (thiết bị, FIFO hay thư mục)")
        if info.st_size > limit:
            raise TooLarge(f"{path} lớn {info.st_size} byte, quá {limit} byte")
        chunks, total = [], 0
        while chunk := os.read(handle, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(f"{path} lớn quá {limit} byte")
        return b"".join(chunks)
    finally:
        os.close(handle)


@contextmanager
def year_lock(folder: Path) -> Iterator[None]:
    """Hold the year folder for one writer at a time: a second `import` waits, then reads what the first wrote."""
    try:
        import fcntl
    except ImportError:  # Windows: one clerk, one machine; no lock
        yield
        return
    import hashlib

    key = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    lock = Path(tempfile.gettempdir()) / f"giaouoc-{key}.lock"  # outside the data: nothing new in the git tree
    try:
        handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise FileAccessError(f"không khóa được {folder} để ghi: {os_reason(exc)}") from exc
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)
