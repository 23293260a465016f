"""Render the document templates to Markdown: YAML front matter (the frame) and a Markdown body."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import yaml
from pydantic import ValidationError

from giaouoc.documents.context import build_context
from giaouoc.documents.environment import build_environment, template_folders
from giaouoc.documents.frame import Frame
from giaouoc.documents.pending import pending_lines
from giaouoc.documents.sandbox import MAX_OUTPUT, bounded, time_limit
from giaouoc.documents.templates import jinja_message
from giaouoc.errors import DataError, FatalError
from giaouoc.model.documents import missing_for, pending_for
from giaouoc.model.results import Ranking
from giaouoc.model.year import Year
from giaouoc.visible import visible

_FRONT = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.S)


class TemplateError(FatalError):
    """A template that fails to render: named with its file and line."""


@dataclass(frozen=True)
class Rendered:
    doc_id: str
    markdown: str
    frame: Frame
    body: str


def render_document(root: Path, year: Year, ranking: Ranking, doc_id: str, env: Any | None = None,
                    draft: bool = False) -> Rendered:
    env = env or build_environment(root)
    name = f"{doc_id}.md.j2"
    shown = template_label(root, name)
    context = build_context(year, ranking, doc_id, draft)  # outside the try: a fault here is giaouoc's (exit 3)
    try:
        template = env.get_template(name)
        with time_limit():
            markdown = bounded(template.generate(context))
    except Exception as exc:  # every template failure is reported with its place, never raw
        raise TemplateError(describe_failure(exc, shown, sys.exc_info()[2])) from exc
    refuse_non_xml(markdown, shown)
    markdown = _tidy(markdown)
    match = _FRONT.match(markdown)
    if match is None:
        raise TemplateError(f"{shown}: mẫu văn bản phải bắt đầu bằng phần khung giữa hai dòng «---»")
    try:
        frame = Frame.model_validate(yaml.safe_load(match.group(1)))
    except (yaml.YAMLError, ValidationError) as exc:
        raise TemplateError(f"{shown}: phần khung (front matter) không hợp lệ: {_short(exc)}") from exc
    return Rendered(doc_id, markdown, frame, match.group(2))


def render_all(root: Path, year: Year, ranking: Ranking, doc_ids: list[str], asked: bool, warn: Any,
               draft: bool = False) -> tuple[list[Rendered], list[str]]:
    """Render the asked documents: (rendered, skipped ids).

    A document whose data is missing, or that is not final (it would state pending results), is skipped
    with one warning, or refused when asked for by name; with `draft` it is rendered as a DỰ THẢO.
    """
    env = build_environment(root)
    rendered, skipped = [], []
    for doc_id in doc_ids:
        missing = missing_for(doc_id, year.review is not None, year)
        if doc_id == "phieu-bau" and ranking.tally is not None and missing is None:
            warn(f"Phiếu bầu năm {year.compact.year}: cuộc bỏ phiếu đã xong ({ranking.tally.returned} phiếu đã ghi); "
                 "phiếu lập lại theo danh sách bầu đã in.")
        pending = pending_for(doc_id, year, ranking)
        if missing is not None:
            why = missing
        elif pending and not draft:
            why = ("kết quả chưa cuối cùng (" + "; ".join(pending_lines(doc_id, year, ranking))
                   + "); dùng --draft để lập bản dự thảo")
        else:
            rendered.append(render_document(root, year, ranking, doc_id, env, draft=bool(pending)))
            continue
        if asked:
            raise DataError(f"không lập được văn bản «{doc_id}»: {why}")
        warn(f"Bỏ qua văn bản «{doc_id}»: {why}.")
        skipped.append(doc_id)
    return rendered, skipped


# What XML 1.0 (a .docx) cannot hold: C0 controls but tab, newline and CR; U+FFFE, U+FFFF; lone surrogates
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def refuse_non_xml(markdown: str, shown: str) -> None:
    """A template's output holding a character Word cannot open is refused, never written into a .docx."""
    found = _NOT_XML.search(markdown)
    if found is not None:
        line = markdown.count("\n", 0, found.start()) + 1
        raise TemplateError(f"{shown}: văn bản lập từ mẫu có ký tự «{visible(found.group())}» ở dòng {line}, "
                            "ký tự mà tệp Word không chứa được: hãy sửa mẫu (hoặc dữ liệu mẫu in ra)")


def _tidy(markdown: str) -> str:
    """One blank line at most between blocks, and a single newline at the end: a calm diff."""
    lines = [line.rstrip() for line in markdown.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip("\n") + "\n"


def template_label(root: Path, name: str) -> str:
    override = template_folders(root)[0] / name
    return f"templates/{name}" if override.is_file() else f"{name} (mẫu mặc định)"


def describe_failure(exc: Exception, shown: str, tb: TracebackType | None) -> str:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateNotFound

    from giaouoc.documents.loader import TemplateRefused
    from giaouoc.documents.templates import TOO_DEEP

    if isinstance(exc, TemplateNotFound):
        return f"không tìm thấy mẫu văn bản {exc.name}"
    if isinstance(exc, TemplateRefused):
        return f"{shown}: không đọc mẫu văn bản {exc}"
    if isinstance(exc, RecursionError):
        return f"{shown}: {TOO_DEEP}"
    if isinstance(exc, MemoryError):
        return (f"{shown}: mẫu văn bản cần nhiều bộ nhớ hơn máy có (một chuỗi hay danh sách quá lớn, "
                f"văn bản được phép dài tối đa {MAX_OUTPUT // (1024 * 1024)} triệu ký tự): đã dừng")
    line = exc.lineno if isinstance(exc, TemplateSyntaxError) else _template_line(tb)
    where = f"{shown}:{line}" if line else shown
    if isinstance(exc, TemplateSyntaxError):
        return f"{where}: mẫu văn bản sai cú pháp Jinja: {jinja_message(exc.message or '')}"
    if isinstance(exc, SecurityError):
        return f"{where}: mẫu văn bản truy cập thứ không được phép (đã bị chặn): {exc}"
    if isinstance(exc, UndefinedError):
        found = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", str(exc))
        thing = (found.group(2) or found.group(1)) if found else str(exc)
        return f"{where}: mẫu văn bản dùng «{thing}», nhưng dữ liệu văn bản không có"
    return f"{where}: lỗi khi lập văn bản từ mẫu: {exc}"


def _template_line(tb: TracebackType | None) -> int | None:
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(".".join(str(p) for p in e["loc"]) + ": " + e["msg"] for e in exc.errors())
    return str(exc).splitlines()[0]

