"""Read one YAML data file into plain values, keeping the position of every key and value.

The tree is built from PyYAML's parse events (libyaml's C parser when available), so
that anchors, aliases, tags and duplicate keys can be refused before anything is built,
and numbers are read from the scalar text itself as exact decimals.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from giaouoc.load.text import BIDI_MESSAGE, CONTROL_CHARS, CONTROL_MESSAGE, read_text, yaml_message
from giaouoc.problems import Report
from giaouoc.visible import BIDI

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Pos = tuple[int, int]
Key = str | int
MAX_DEPTH = 64
PLACEHOLDER = re.compile(r"<[^<>\n]+>\Z")
TOO_DEEP = f"dữ liệu lồng nhau quá {MAX_DEPTH} cấp: tệp dữ liệu không cần sâu như vậy"

_INT = re.compile(r"[-+]?[0-9]+\Z")
_DECIMAL = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?\Z")
_NUMBER_START = frozenset("+-.0123456789")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

@dataclass
class Source:
    """One data file: its plain values and where each key and value stands (1-based)."""

    file: str
    data: Any
    values: dict[tuple[Key, ...], Pos] = field(default_factory=dict)
    keys: dict[tuple[Key, ...], Pos] = field(default_factory=dict)
    placeholders: set[tuple[Key, ...]] = field(default_factory=set)

    def is_placeholder(self, path: tuple[Key, ...]) -> bool:
        """Whether the value at path, or one of its parents, is a <...> the clerk has yet to fill in."""
        return any(path[:n] in self.placeholders for n in range(len(path) + 1))

    def pos(self, *path: Key) -> Pos:
        """Position of the value at `path`, else of its key, else of the nearest parent."""
        p: tuple[Key, ...] = tuple(path)
        while True:
            if p in self.values:
                return self.values[p]
            if p in self.keys:
                return self.keys[p]
            if not p:
                return (1, 1)
            p = p[:-1]

    def key_pos(self, *path: Key) -> Pos:
        """Position of the key at `path` (for a missing value), else as `pos`."""
        return self.keys.get(tuple(path)) or self.pos(*path)


@dataclass
class Span:
    """Where a value stands in the text, [start, end) as character offsets; for a mapping its keys and style
    (what an edit that keeps the clerk's text needs, `edit/yamledit.py`)."""

    start: int
    end: int
    flow: bool = False
    keys: dict[Key, Span] = field(default_factory=dict)  # key (as `parse_text` reads it) -> the value's span
    key_starts: dict[Key, int] = field(default_factory=dict)  # key -> where the key starts
    items: list[Span] = field(default_factory=list)  # a sequence's entries


def parse_spans(text: str) -> Span | None:
    """The spans of a file's values, from the same walk as `parse_text` (so keys are read the same way);
    None when the file cannot be read."""
    builder = _TreeBuilder(Source("", None), Report(), spans=True)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if not builder.feed(event):
                return None
    except yaml.YAMLError:
        return None
    return builder.root_span


def load_file(path: Path, file: str, report: Report) -> Source | None:
    """Load one YAML file; problems go to `report`, and None means it could not be read."""
    text = read_text(path, file, report)
    if text is None:
        return None
    return parse_text(text, file, report)


def parse_text(text: str, file: str, report: Report) -> Source | None:
    source = Source(file, None)
    builder = _TreeBuilder(source, report)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if not builder.feed(event):
                return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = str(exc.problem or exc.context or "")
        if "nesting depth" in problem:  # newer libyaml stops deep nesting itself
            report.add(file, pos, "yaml-too-deep", TOO_DEEP)
        else:
            key = _indented_key(text, mark) if "mapping values are not allowed" in problem else None
            message = yaml_message(problem) if key is None else (
                f"cú pháp YAML không hợp lệ: thụt lề sai: khóa «{key}» lùi vào sâu hơn các khóa cùng cấp ở trên "
                "(nằm dưới một giá trị đã viết); hãy thụt lề khóa này thẳng hàng với các khóa cùng cấp")
            began = exc.context_mark
            if began is not None and exc.problem_mark is not None and began.line != exc.problem_mark.line:
                message += f" (phần này bắt đầu ở dòng {began.line + 1}, cột {began.column + 1})"
            report.add(file, pos, "yaml-syntax", message)
        return None
    except yaml.YAMLError as exc:
        report.add(file, (1, 1), "yaml-syntax", yaml_message(str(exc)))
        return None
    return source


_KEY_AT_LINE_START = re.compile(r"\s*(?:-\s+)?([^\s:#{}\[\],\"'|>&*!%@`-][^:#{}\[\]]*?)\s*\Z")


def _indented_key(text: str, mark: Any) -> str | None:
    """The key that starts the line where a colon was not allowed, when only indentation stands before it: the
    key is indented under a value ("unit: pa01" then "  scores:"), not a value needing quotes."""
    if mark is None:
        return None
    lines = text.split("\n")
    if mark.line >= len(lines):
        return None
    found = _KEY_AT_LINE_START.match(lines[mark.line][: mark.column])
    return found[1] if found else None


def resolve_plain(value: str) -> Any:
    """Resolve an unquoted scalar: null, true/false, whole number, exact decimal, else text."""
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value[0] not in _NUMBER_START:  # most values are words: no pattern to try
        return value
    if _INT.match(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts: no data file needs such a number
            return value
    if _DECIMAL.match(value):
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid text
            return value
    return value


class _Frame:
    __slots__ = ("container", "path", "pending_key", "first_keys", "span")

    def __init__(self, container: Any, path: tuple[Key, ...], span: Span | None = None) -> None:
        self.container = container
        self.path = path
        self.pending_key: Any = _NO_KEY
        self.first_keys: dict[Any, Pos] = {}
        self.span = span


_NO_KEY = object()
_SCALAR = yaml.ScalarEvent
_SKIP = object()


class _TreeBuilder:
    """Turn a stream of parse events into plain values, refusing what data files never need."""

    def __init__(self, source: Source, report: Report, spans: bool = False) -> None:
        self.source = source
        self.report = report
        self.stack: list[_Frame] = []
        self.documents = 0
        self.spans = spans  # also record where each value stands (`parse_spans`)
        self.root_span: Span | None = None

    def problem(self, event: Any, code: str, message: str) -> None:
        mark = event.start_mark
        self.report.add(self.source.file, (mark.line + 1, mark.column + 1), code, message)

    def feed(self, event: Any) -> bool:
        """Take one event; False stops the file (its problem is already reported)."""
        kind = type(event)
        if kind is _SCALAR and not self.spans:  # most events: the fast path (spans: node_start places them)
            return self.scalar(event)
        if kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.problem(event, "yaml-syntax", "tệp chỉ được chứa một tài liệu YAML (bỏ dòng «---» thứ hai)")
                return False
            return True
        if kind is yaml.AliasEvent:
            self.problem(event, "yaml-alias", "không dùng tham chiếu «*» trong tệp dữ liệu: hãy viết đầy đủ giá trị")
            return False
        if kind in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
            return self.node_start(event, kind)
        if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            frame = self.stack.pop()
            if frame.span is not None:
                frame.span.end = event.end_mark.index
            self.attach(frame.container, frame.path, None, event)
        return True

    def node_start(self, event: Any, kind: type) -> bool:
        if event.anchor is not None:
            self.problem(event, "yaml-alias", "không dùng neo «&» trong tệp dữ liệu: hãy viết đầy đủ giá trị")
            return False
        if event.tag is not None and not (kind is yaml.ScalarEvent and event.tag == "!"):
            self.problem(event, "yaml-tag", f"không dùng thẻ kiểu «{event.tag}» trong tệp dữ liệu")
            return False
        parent = self.stack[-1] if self.stack else None
        if kind is yaml.ScalarEvent:
            value = event.value
            value = resolve_plain(value) if event.implicit[0] and not event.style else value
            if isinstance(value, str):
                value = self.clean_text(value, event)
            if parent is not None and isinstance(parent.container, dict) and parent.pending_key is _NO_KEY:
                return self.take_key(parent, value, event)
            path = self.child_path(parent)
            if isinstance(value, str) and PLACEHOLDER.match(value) and _SKIP not in path:
                self.source.placeholders.add(path)
                self.problem(event, "placeholder", f"chưa điền: {value[1:-1]}")
            if self.spans:
                self.place(event, parent, path)
            self.attach(value, path, event, None)
            return True
        if parent is not None and isinstance(parent.container, dict) and parent.pending_key is _NO_KEY:
            self.problem(event, "yaml-syntax",
                         "khóa phải là một giá trị đơn (chữ hoặc số), không phải danh sách hay bảng")
            return False
        if len(self.stack) >= MAX_DEPTH:
            self.problem(event, "yaml-too-deep", TOO_DEEP)
            return False
        container: Any = {} if kind is yaml.MappingStartEvent else []
        path = self.child_path(parent)
        if _SKIP not in path:
            self.source.values[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        self.stack.append(_Frame(container, path, self.place(event, parent, path) if self.spans else None))
        return True

    def place(self, event: Any, parent: _Frame | None, path: tuple[Key, ...]) -> Span:
        """The span of a value starting at `event`, attached to its parent's under the key the data uses."""
        span = Span(event.start_mark.index, event.end_mark.index, flow=bool(getattr(event, "flow_style", False)))
        if parent is None:
            self.root_span = span
        elif parent.span is not None and isinstance(parent.container, list):
            parent.span.items.append(span)
        elif parent.span is not None and _SKIP not in path:
            parent.span.keys[path[-1]] = span
        return span

    def scalar(self, event: Any) -> bool:
        """A scalar: a key of the mapping being read, or a value at its place (as node_start and attach, inlined:
        a data file is mostly scalars)."""
        if event.anchor is not None:
            self.problem(event, "yaml-alias", "không dùng neo «&» trong tệp dữ liệu: hãy viết đầy đủ giá trị")
            return False
        if event.tag is not None and event.tag != "!":
            self.problem(event, "yaml-tag", f"không dùng thẻ kiểu «{event.tag}» trong tệp dữ liệu")
            return False
        value = event.value
        if event.implicit[0] and not event.style:
            value = resolve_plain(value)
        if type(value) is str:
            value = self.clean_text(value, event)
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            path: tuple[Key, ...] = ()
        else:
            container = parent.container
            if type(container) is list:
                path = (*parent.path, len(container))
            elif parent.pending_key is _NO_KEY:
                return self.take_key(parent, value, event)
            else:
                path = (*parent.path, parent.pending_key)
        skipped = _SKIP in path
        if not skipped:
            if type(value) is str and value[:1] == "<" and PLACEHOLDER.match(value):
                self.source.placeholders.add(path)
                self.problem(event, "placeholder", f"chưa điền: {value[1:-1]}")
            mark = event.start_mark
            self.source.values[path] = (mark.line + 1, mark.column + 1)
        if parent is None:
            self.source.data = value
        elif type(container) is list:
            container.append(value)
        else:
            if parent.pending_key is not _SKIP:
                container[parent.pending_key] = value
            parent.pending_key = _NO_KEY
        return True

    def clean_text(self, value: str, event: Any) -> str:
        if not value.isascii():
            value = unicodedata.normalize("NFC", value)
        if CONTROL_CHARS.search(value):
            self.problem(event, "control-char", CONTROL_MESSAGE)
        elif BIDI.search(value):
            self.problem(event, "bidi-char", BIDI_MESSAGE)
        return value

    def child_path(self, parent: _Frame | None) -> tuple[Key, ...]:
        if parent is None:
            return ()
        if isinstance(parent.container, list):
            return (*parent.path, len(parent.container))
        return (*parent.path, parent.pending_key)

    def take_key(self, frame: _Frame, key: Any, event: Any) -> bool:
        pos = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(key, Decimal | bool) or key is None:
            key = event.value
        if key in frame.first_keys:
            first = frame.first_keys[key]
            self.report.add(
                self.source.file, pos, "duplicate-key",
                f"khóa «{key}» lặp lại (đã có ở dòng {first[0]}): mỗi khóa chỉ được viết một lần",
            )
            frame.pending_key = _SKIP
            return True
        frame.first_keys[key] = pos
        frame.pending_key = key
        self.source.keys[(*frame.path, key)] = pos
        if frame.span is not None:
            frame.span.key_starts[key] = event.start_mark.index
        return True

    def attach(self, value: Any, path: tuple[Key, ...], event: Any, end_event: Any) -> None:
        parent = self.stack[-1] if self.stack else None
        if event is not None and _SKIP not in path:
            self.source.values[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if parent is None:
            self.source.data = value
        elif isinstance(parent.container, list):
            parent.container.append(value)
        else:
            if parent.pending_key is not _SKIP:
                parent.container[parent.pending_key] = value
            parent.pending_key = _NO_KEY
