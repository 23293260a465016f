"""How big a template's result would be, known BEFORE the work: no string or list a template builds may pass
MAX_VALUE, so `('a'*100000).replace('a', 'b'*100000)`, `'x'|center(2*10**9)`, `text|indent(100000)` or a
namespace value doubled in a loop stop at the first step too big, with a message saying what was too big,
instead of building gigabytes first and checking the length after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from jinja2.exceptions import SecurityError

MAX_VALUE = 5 * 1024 * 1024  # characters of one string (the length of a whole document), items of one list
MAX_NUMBER = 100_000  # the largest count, width or repetition a template may ask for


def size(value: Any) -> int:
    """The length a value adds when joined or formatted (a string's or list's own length, else its text's)."""
    if isinstance(value, str | list | tuple | dict | set):
        return len(value)
    return len(str(value)) if isinstance(value, int | float) else 64


def refuse_over(total: int, what: str) -> None:
    if total > MAX_VALUE:
        raise SecurityError(f"{what} sẽ dài {total} ký tự hay phần tử, quá giới hạn {MAX_VALUE} của một mẫu văn bản")


def check_numbers(values: Iterable[Any], what: str) -> None:
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
            raise SecurityError(f"số {value} quá lớn cho {what} trong một mẫu văn bản (tối đa {MAX_NUMBER})")


def _width(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str, default: int) -> int:
    value = args[index] if len(args) > index else kwargs.get(name, default)
    return value if isinstance(value, int) else default


def replaced_size(text: Any, old: Any, new: Any, count: Any = -1) -> int:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return size(text)
    found = len(text) + 1 if old == "" else text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0)


def joined_size(items: Any, separator: Any = "") -> int:
    if not isinstance(items, list | tuple | dict | set | str):
        return 0  # an iterator is joined as it comes; the output bound stops it
    parts = list(items)
    return sum(size(p) for p in parts) + size(separator) * max(len(parts) - 1, 0)


def _str_method(name: str, text: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    if name in ("center", "ljust", "rjust", "zfill"):
        return max(len(text), _width(args, kwargs, 0, "width", 0))
    if name == "expandtabs":
        return len(text) + text.count("\t") * _width(args, kwargs, 0, "tabsize", 8)
    if name == "replace":
        return replaced_size(text, *args[:3])
    if name == "join":
        return joined_size(args[0] if args else "", text)
    if name in ("format", "format_map"):
        values = [*args, *kwargs.values()] if name == "format" else list((args[0] if args else {}).values())
        return len(text) * 2 + sum(size(v) for v in values) * max(text.count("{"), 1)
    return 0


def method_size(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """The size a call of a str method would build (0 when it cannot grow a string)."""
    owner = getattr(method, "__self__", None)
    return _str_method(getattr(method, "__name__", ""), owner, args, kwargs) if isinstance(owner, str) else 0


def operator_size(operator: str, left: Any, right: Any) -> int:
    """The size `+`, `*` or `%` would build from these operands."""
    if operator == "+" and isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
        return len(left) + len(right)
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, str | list | tuple) and isinstance(times, int):
                return len(seq) * times
    if operator == "%" and isinstance(left, str):
        values = right if isinstance(right, tuple) else (right,)
        return len(left) * 2 + sum(size(v) for v in values) * max(left.count("%"), 1)
    return 0


def _indented_size(text: Any, width: Any = 4, *_: Any, **__: Any) -> int:
    pad = width if isinstance(width, int) else len(str(width))
    return size(text) + (str(text).count("\n") + 1) * pad


def _centered_size(text: Any, width: Any = 80, *_: Any, **__: Any) -> int:
    return max(size(text), width if isinstance(width, int) else 0)


def _filter_replace_size(_env: Any, text: Any, old: Any, new: Any, count: Any = None) -> int:
    return replaced_size(str(text), old, new, -1 if count is None else count)


def _filter_join_size(_ctx: Any, items: Any, separator: Any = "", *_: Any, **__: Any) -> int:
    return joined_size(items, separator)


def _filter_format_size(text: Any, *args: Any, **kwargs: Any) -> int:
    return len(str(text)) * 2 + sum(size(v) for v in (*args, *kwargs.values())) * max(str(text).count("%"), 1)


def _filter_sum_size(_env: Any, items: Any, attribute: Any = None, start: Any = 0) -> int:
    return joined_size(items) if isinstance(items, list | tuple) and isinstance(start, list | tuple) else 0


FILTER_SIZES: dict[str, Callable[..., int]] = {
    "indent": _indented_size, "center": _centered_size, "replace": _filter_replace_size,
    "join": _filter_join_size, "format": _filter_format_size, "sum": _filter_sum_size,
}


def bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses numbers past MAX_NUMBER and results past MAX_VALUE before it runs."""
    estimate = FILTER_SIZES.get(name)

    def run(*args: Any, **kwargs: Any) -> Any:
        check_numbers((*args, *kwargs.values()), f"bộ lọc «{name}»")
        if estimate is not None:
            refuse_over(estimate(*args, **kwargs), f"kết quả của bộ lọc «{name}»")
        return function(*args, **kwargs)

    for marker in ("jinja_pass_arg",):  # keep how Jinja passes the context or environment
        if hasattr(function, marker):
            setattr(run, marker, getattr(function, marker))
    return run


def sized_join(parts: Iterable[Any]) -> str:
    """`a ~ b`: the same as Jinja's, refused before building a string past MAX_VALUE."""
    texts = [str(p) for p in parts]
    refuse_over(sum(map(len, texts)), "chuỗi nối bằng «~»")
    return "".join(texts)
