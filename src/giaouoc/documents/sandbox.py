"""The Jinja sandbox templates run in: no access outside the data given, no change to it, bounded work.

A template from the data root is data too: it may not read files, call into Python, change what other
documents see (`units.clear()`), or build gigabytes (`"a" * 10**9`, `"{:>999999999}".format(1)`,
`range(10**9)`, `center(10**9)`); its output is bounded and its run time limited where the system allows.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from giaouoc.documents.bounds import (
    MAX_NUMBER,
    bounded_filter,
    check_numbers,
    method_size,
    operator_size,
    refuse_over,
    sized_join,
)

MAX_OUTPUT = 5 * 1024 * 1024  # characters of one document
MAX_SIZE = MAX_NUMBER  # the largest count, width or repetition a template may ask for
MAX_SECONDS = 60
_WIDE = re.compile(r"[0-9]{6,}")


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's code, but `a ~ b` joins through `environment.sized_join`: bounded before it is built."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.sized_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class LimitedSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"+", "*", "**", "%"})
    code_generator_class = _BoundedCodeGenerator
    sized_join = staticmethod(sized_join)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters = _BoundedFilters(self.filters)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise SecurityError("lũy thừa quá lớn")
        if operator == "*" and operator_size(operator, left, right) > MAX_SIZE:
            raise SecurityError("chuỗi hay danh sách lặp lại quá dài")
        if operator == "%" and isinstance(left, str) and _WIDE.search(left):
            raise SecurityError("độ rộng định dạng quá lớn")
        refuse_over(operator_size(operator, left, right), f"kết quả của phép «{operator}»")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's names)
        check_numbers((*args, *kwargs.values()), "một lời gọi")
        owner = getattr(__obj, "__self__", None)
        formatting = getattr(__obj, "__name__", "") in ("format", "format_map")
        if isinstance(owner, str) and formatting and _WIDE.search(owner):
            raise SecurityError("độ rộng định dạng quá lớn")
        refuse_over(method_size(__obj, args, kwargs), f"kết quả của «{getattr(__obj, '__name__', '?')}»")
        return super().call(__context, __obj, *args, **kwargs)


    def wrap_str_format(self, value: Any) -> Any:
        """`"…".format` as Jinja sandboxes it (at attribute access), bounded before it runs."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None

        def bounded_format(*args: Any, **kwargs: Any) -> str:
            if _WIDE.search(value.__self__):
                raise SecurityError("độ rộng định dạng quá lớn")
            refuse_over(method_size(value, args, kwargs), f"kết quả của «{value.__name__}»")
            return str(wrapped(*args, **kwargs))

        return bounded_format


class _BoundedFilters(dict[str, Any]):
    """The filters, each bounded (`bounds.bounded_filter`) whenever it is set, Jinja's and ours alike."""

    def __init__(self, filters: dict[str, Any]) -> None:
        super().__init__()
        self.update(filters)

    def __setitem__(self, name: str, function: Any) -> None:
        super().__setitem__(name, bounded_filter(name, function))

    def update(self, *args: Any, **kwargs: Any) -> None:
        for name, function in dict(*args, **kwargs).items():
            self[name] = function


def limited_range(*args: int) -> range:
    result = range(*args)
    if len(result) > MAX_SIZE:
        raise SecurityError(f"range có {len(result)} phần tử, quá {MAX_SIZE}")
    return result


def bounded(chunks: Iterator[str]) -> str:
    """The template's output, refused past MAX_OUTPUT characters."""
    parts, total = [], 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT:
            raise SecurityError(f"văn bản dài quá {MAX_OUTPUT // (1024 * 1024)} triệu ký tự")
        parts.append(chunk)
    return "".join(parts)


@contextmanager
def time_limit(seconds: int = MAX_SECONDS) -> Iterator[None]:
    """Stop a template that runs too long (on systems with SIGALRM, in the main thread)."""
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def stop(_signum: int, _frame: Any) -> None:
        raise SecurityError(f"mẫu văn bản chạy quá {seconds} giây")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
