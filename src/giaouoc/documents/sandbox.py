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

from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_OUTPUT = 5 * 1024 * 1024  # characters of one document
MAX_SIZE = 100_000  # the largest count, width or repetition a template may ask for
MAX_SECONDS = 60
_WIDE = re.compile(r"[0-9]{6,}")


class LimitedSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise SecurityError("lũy thừa quá lớn")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int) and len(seq) * times > MAX_SIZE:
                    raise SecurityError("chuỗi hay danh sách lặp lại quá dài")
        if operator == "%" and isinstance(left, str) and _WIDE.search(left):
            raise SecurityError("độ rộng định dạng quá lớn")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's names)
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
                raise SecurityError(f"số {value} quá lớn cho một mẫu văn bản")
        owner = getattr(__obj, "__self__", None)
        formatting = getattr(__obj, "__name__", "") in ("format", "format_map")
        if isinstance(owner, str) and formatting and _WIDE.search(owner):
            raise SecurityError("độ rộng định dạng quá lớn")
        return super().call(__context, __obj, *args, **kwargs)


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
