"""Read a loaded file into its record in one pass, turning every misfit into a positioned Problem."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from giaouoc.load.tree import Key, Source
from giaouoc.model.fields import Invalid, Shape
from giaouoc.problems import Report

T = TypeVar("T")
_MISSING = dataclasses.MISSING


@dataclasses.dataclass(frozen=True)
class _Field:
    attr: str
    key: str
    shape: Shape
    required: bool


_FIELDS: dict[type, tuple[_Field, ...]] = {}


def _fields(cls: type) -> tuple[_Field, ...]:
    """The fields of a record with their YAML keys and shapes (worked out once per class)."""
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(
            _Field(f.name, f.metadata.get("key") or f.name, f.metadata["shape"],
                   f.default is _MISSING and f.default_factory is _MISSING)
            for f in dataclasses.fields(cls)
        )
    return _FIELDS[cls]


MAX_PROBLEMS = 200  # per file: a file with a million wrong keys is one mistake, shown by its first problems


def validate_as(source: Source, cls: type[T], report: Report) -> T | None:
    """The record for the whole file, or None when anything in it is wrong (all of it reported)."""
    if source.data is None:
        report.add(source.file, (1, 1), "empty-file", "tệp rỗng: cần nội dung theo định dạng (xem docs/dinh-dang.md)")
        return None
    reader = _Reader(source, report)
    result = reader.record(cls, source.data, ())
    if reader.problems > MAX_PROBLEMS:
        report.add(source.file, (1, 1), "more-problems",
                   f"còn {reader.problems - MAX_PROBLEMS} vấn đề khác trong tệp này không được liệt kê (chỉ hiện "
                   f"{MAX_PROBLEMS} vấn đề đầu): hãy sửa các vấn đề trên rồi chạy lại")
    return result if not reader.problems else None


def parse_record(cls: type[T], data: Any) -> T:
    """Build a record from plain values (for tests and tools); raise ValueError on any problem."""
    report = Report()
    result = validate_as(Source("<dữ liệu>", data), cls, report)
    if result is None:
        raise ValueError("; ".join(p.message for p in report.problems))
    return result


def _name(path: tuple[Key, ...]) -> str:
    return next((str(p) for p in reversed(path) if isinstance(p, str)), str(path[-1]) if path else "")


class _Reader:
    def __init__(self, source: Source, report: Report) -> None:
        self.source = source
        self.report = report
        self.problems = 0

    def full(self) -> bool:
        """Whether this file has shown MAX_PROBLEMS problems: the rest are only counted."""
        return self.problems >= MAX_PROBLEMS

    def problem(self, path: tuple[Key, ...], code: str, message: str, at_key: bool = False) -> None:
        self.problems += 1
        if self.problems > MAX_PROBLEMS or self.source.is_placeholder(path):
            return  # already reported as a value to fill in
        pos = self.source.key_pos(*path) if at_key else self.source.pos(*path)
        self.report.add(self.source.file, pos, code, message)

    def read(self, shape: Shape, value: Any, path: tuple[Key, ...]) -> Any:
        if shape.kind == "value":
            assert shape.convert is not None
            try:
                return shape.convert(value)
            except Invalid as exc:
                self.problem(path, exc.code, f"«{_name(path)}»: {exc.message}")
                return None
        if shape.kind == "record":
            assert shape.record is not None
            return self.record(shape.record, value, path)
        assert shape.item is not None
        if shape.kind == "list":
            if not isinstance(value, list):
                self.problem(path, "wrong-type", f"«{_name(path)}»: cần một danh sách (các dòng bắt đầu bằng «-»)")
                return None
            return [self.read(shape.item, item, (*path, index)) for index, item in enumerate(value)]
        return self.mapping(shape, value, path)

    def mapping(self, shape: Shape, value: Any, path: tuple[Key, ...]) -> Any:
        if not isinstance(value, dict):
            self.problem(path, "wrong-type", f"«{_name(path)}»: cần một bảng các cặp «khóa: giá trị»")
            return None
        assert shape.key is not None and shape.item is not None
        result = {}
        for key, item in value.items():
            try:
                converted = shape.key(key)
            except Invalid as exc:
                self.problem((*path, key), exc.code, f"«{key}»: {exc.message}", at_key=True)
                continue
            nullable = item is None and shape.item.kind == "record"
            result[converted] = None if nullable else self.read(shape.item, item, (*path, key))
        return result

    def record(self, cls: type[T], data: Any, path: tuple[Key, ...]) -> T | None:
        if not isinstance(data, dict):
            self.problem(path, "wrong-type", f"«{_name(path)}»: cần một bảng các cặp «khóa: giá trị»")
            return None
        before = self.problems
        fields = _fields(cls)
        known = [f.key for f in fields]
        for key in data:
            if key not in known:  # the message (close matches) is worked out only while it will be shown
                message = "" if self.full() else _unknown_key(key, known)
                self.problem((*path, key), "unknown-key", message, at_key=True)
        values: dict[str, Any] = {}
        for spec in fields:
            if spec.key not in data:
                if spec.required:
                    self.problem(path, "missing-key", f"thiếu khóa bắt buộc «{spec.key}»", at_key=True)
                continue
            raw = data[spec.key]
            if raw is None and not spec.required:
                continue
            values[spec.attr] = self.read(spec.shape, raw, (*path, spec.key))
        return cls(**values) if self.problems == before else None


def _unknown_key(key: Key, known: list[str]) -> str:
    message = f"khóa «{key}» không có trong định dạng"
    if isinstance(key, int):
        return message + " (số thập phân viết bằng dấu phẩy, như 9,5, bị tách làm đôi: hãy viết 9.5)"
    if " " in str(key):
        return message + (" (trong ngoặc nhọn {…}, dấu phẩy tách các giá trị: "
                          "hãy đặt văn bản có dấu phẩy trong ngoặc kép)")
    import difflib

    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
    if close:
        return message + f"; có phải ý bạn là «{close[0]}»?"
    return message + "; các khóa được dùng ở đây: " + ", ".join(known)
