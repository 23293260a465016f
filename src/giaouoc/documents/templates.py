"""The data root's own templates, checked by `validate` before `render` meets them; Jinja's messages in
Vietnamese. Light to import: Jinja itself loads only when the data root has templates."""

from __future__ import annotations

import re
from pathlib import Path

from giaouoc.problems import Report

_HERE = Path(__file__).resolve()
# Installed: the templates ship as giaouoc/templates; in an editable checkout they stay at the top.
PACKAGE_TEMPLATES = next(
    (p for p in (_HERE.parent.parent / "templates", _HERE.parents[3] / "templates") if p.is_dir()),
    _HERE.parent.parent / "templates",
)

_JINJA_MESSAGES = [
    (r"unexpected end of template", "mẫu kết thúc khi một khối {% … %} chưa đóng (thiếu {% endfor %}, {% endif %} …)"),
    (r"Encountered unknown tag '([^']+)'", r"không có lệnh «\1» trong mẫu Jinja (hoặc đóng khối sai chỗ)"),
    (r"expected token '([^']+)', got '([^']+)'", r"cần «\1» nhưng gặp «\2»"),
    (r"unexpected '([^']+)'", r"ký tự «\1» không đúng chỗ"),
    (r"unexpected char '([^']+)'", r"ký tự «\1» không đúng chỗ"),
    (r"Expected an expression, got '([^']+)'", r"cần một biểu thức, nhưng gặp «\1»"),
    (r"unexpected end of statement", "câu lệnh kết thúc quá sớm"),
    (r"no filter named '([^']+)'", r"không có bộ lọc «\1»"),
    (r"no test named '([^']+)'", r"không có phép thử «\1»"),
    (r"missing end of comment tag", "thiếu dấu đóng chú thích #}"),
]


def jinja_message(message: str) -> str:
    """Jinja's common English messages, said in Vietnamese (an unknown one is kept as it is)."""
    for pattern, words in _JINJA_MESSAGES:
        if re.search(pattern, message, flags=re.I):
            return re.sub(f".*?{pattern}.*", words, message, count=1, flags=re.S | re.I)
    return message


def check_templates(root: Path, report: Report) -> None:
    """Templates of the data root that would fail at `render`: reported by `validate`, with file and line."""
    folder = root / "templates"
    if not folder.is_dir() or folder.resolve() == PACKAGE_TEMPLATES.resolve():  # the defaults are tested with giaouoc
        return
    overrides = sorted(folder.glob("*.j2"))
    if not overrides:
        return
    from jinja2 import TemplateSyntaxError

    from giaouoc.documents.environment import build_environment
    from giaouoc.documents.loader import TemplateRefused, read_template

    env = build_environment(root)
    for path in overrides:
        shown = f"templates/{path.name}"
        try:
            env.parse(read_template(path, root), name=path.name)
        except TemplateRefused as exc:
            report.add(shown, (1, 1), exc.code, str(exc))
        except TemplateSyntaxError as exc:
            report.add(shown, (exc.lineno or 1, 1), "template-error",
                       f"mẫu văn bản sai cú pháp Jinja: {jinja_message(exc.message or '')}")
        except (RecursionError, MemoryError):
            report.add(shown, (1, 1), "template-error", TOO_DEEP)


TOO_DEEP = "mẫu văn bản lồng quá sâu (ngoặc hay khối lồng nhau quá nhiều tầng): Jinja không đọc được"
