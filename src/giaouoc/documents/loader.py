"""Where templates come from: the data root's templates/ and the package's own, each read only if it really
lies there (every link resolved), is a regular file and is of a template's size. A template received from
someone else cannot read `/etc/passwd` through a link, hang on a FIFO or read `/dev/zero` until memory ends,
whether it is a document, an `{% include %}`, an `{% import %}` or the page of the HTML report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path

from giaouoc.files import NotRegular, TooLarge, read_regular

MAX_TEMPLATE_BYTES = 1024 * 1024  # a template is a page of text; far more is no template


class TemplateRefused(SecurityError):
    """A template file giaouoc does not read; `code` is the problem code `validate` reports it with."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def read_template(path: Path, base: Path) -> str:
    """The text of a template file that really lies under `base`; TemplateRefused otherwise."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise TemplateRefused("liên kết hỏng hoặc vòng liên kết: không đọc được", "unreadable") from exc
    if not real.is_relative_to(base.resolve()):
        raise TemplateRefused(f"tệp mẫu là liên kết trỏ ra ngoài thư mục dữ liệu ({real}): giaouoc không đọc",
                              "outside-root")
    try:
        raw = read_regular(real, MAX_TEMPLATE_BYTES)
    except NotRegular as exc:
        raise TemplateRefused("không phải tệp thường (thiết bị, FIFO hay thư mục): không đọc", "unreadable") from exc
    except TooLarge as exc:
        raise TemplateRefused(f"tệp mẫu lớn quá {MAX_TEMPLATE_BYTES // 1024} KB", "file-too-large") from exc
    except OSError as exc:
        raise TemplateRefused(f"không đọc được tệp mẫu: {exc.strerror or exc}", "unreadable") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateRefused("tệp mẫu không phải UTF-8: hãy lưu lại với bảng mã UTF-8", "encoding") from exc


class RootedLoader(BaseLoader):
    """Templates by name from (folder, base) pairs, first found wins; each file must lie under its base."""

    def __init__(self, folders: list[tuple[Path, Path]]) -> None:
        self.folders = folders

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # "../x" and absolute names are refused by Jinja
        for folder, base in self.folders:
            path = folder.joinpath(*pieces)
            if path.is_symlink() or path.exists():
                try:
                    return read_template(path, base), str(path), lambda: False
                except TemplateRefused as exc:
                    raise TemplateRefused(f"{template}: {exc}", exc.code) from exc
        raise TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        return sorted({p.name for folder, _ in self.folders if folder.is_dir() for p in folder.glob("*.j2")})
