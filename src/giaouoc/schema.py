"""Validate a loaded file against its model and turn pydantic's errors into Problems."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from giaouoc.loader import Key, Source
from giaouoc.problems import Report

M = TypeVar("M", bound=BaseModel)

_EXPECTED = {
    "string": "một đoạn văn bản",
    "int": "một số nguyên",
    "list": "một danh sách (các dòng bắt đầu bằng «-»)",
    "dict": "một bảng các cặp «khóa: giá trị»",
    "model": "một bảng các cặp «khóa: giá trị»",
    "bool": "true hoặc false",
    "decimal": "một số",
    "float": "một số",
}


def validate_as(source: Source, model: type[M], report: Report) -> M | None:
    """Validate `source.data` as `model`; on failure report every error and return None."""
    if source.data is None:
        report.add(source.file, (1, 1), "empty-file", "tệp rỗng: cần nội dung theo định dạng (xem docs/dinh-dang.md)")
        return None
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            _report_error(source, model, error, report)
        return None


def _report_error(source: Source, model: type[BaseModel], error: Any, report: Report) -> None:
    loc: tuple[Key, ...] = tuple(part for part in error["loc"] if part != "[key]")
    if source.is_placeholder(loc):
        return  # already reported as a value to fill in
    kind: str = error["type"]
    name = _last_name(loc)
    if kind == "missing":
        report.add(source.file, source.key_pos(*loc[:-1]), "missing-key", f"thiếu khóa bắt buộc «{loc[-1]}»")
    elif kind in ("extra_forbidden", "invalid_key"):
        message = f"khóa «{loc[-1]}» không có trong định dạng"
        if isinstance(loc[-1], int):
            message += " (số thập phân viết bằng dấu phẩy, như 9,5, bị tách làm đôi: hãy viết 9.5)"
            report.add(source.file, source.key_pos(*loc), "unknown-key", message)
            return
        if " " in str(loc[-1]):
            message += " (trong ngoặc nhọn {…}, dấu phẩy tách các giá trị: hãy đặt văn bản có dấu phẩy trong ngoặc kép)"
            report.add(source.file, source.key_pos(*loc), "unknown-key", message)
            return
        allowed = _allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        if close:
            message += f"; có phải ý bạn là «{close[0]}»?"
        elif allowed:
            message += "; các khóa được dùng ở đây: " + ", ".join(allowed)
        report.add(source.file, source.key_pos(*loc), "unknown-key", message)
    elif kind in ("wrong-type", "empty-text", "invalid-id", "invalid-number", "too-many-decimals",
                  "invalid-date", "invalid-time"):
        report.add(source.file, source.pos(*loc), kind, f"«{name}»: {error['msg']}")
    else:
        expected = next((text for prefix, text in _EXPECTED.items() if kind.startswith(prefix)), None)
        detail = f"cần {expected}" if expected else "giá trị không hợp lệ"
        report.add(source.file, source.pos(*loc), "wrong-type", f"«{name}»: {detail}")


def _last_name(loc: tuple[Key, ...]) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return str(loc[-1]) if loc else ""


def _allowed_keys(model: type[BaseModel], loc: tuple[Key, ...]) -> list[str]:
    """The keys the model accepts at `loc`, for a "did you mean" hint."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
            if field is None:
                return []
            current = field.annotation
        else:
            args = typing.get_args(current)
            if not args:
                return []
            current = args[-1]
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional and Annotated until a model, list or dict is left."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation
