"""Writing to the terminal: results to stdout, problems and progress to stderr; colour only on a tty."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO

from giaouoc.problems import Problem, Report
from giaouoc.visible import visible, visible_block

_JSON_HIDDEN = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_RED, _YELLOW, _RESET = "\033[31m", "\033[33m", "\033[0m"


def use_colour(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR")


def out(text: str = "") -> None:
    """One line on stdout: a newline or ESC in the data it shows is written out (`\\n`, `\\e`), never obeyed."""
    sys.stdout.write(visible(text) + "\n")


def err(text: str = "") -> None:
    """One line on stderr, shown as `out` shows it."""
    sys.stderr.write(visible(text) + "\n")


def out_lines(lines: Iterable[str]) -> None:
    """Several lines on stdout, each shown as `out` shows it."""
    sys.stdout.write("".join(visible(line) + "\n" for line in lines))


def out_block(text: str, stream: TextIO | None = None) -> None:
    """A block whose line ends are the formatter's own (Markdown, CSV, help): every other control shown."""
    (stream or sys.stdout).write(visible_block(text) + "\n")


def out_json(document: object) -> None:
    """JSON on stdout: the same data, with C1, direction and separator characters as \\u escapes."""
    out_block(json_text(document))


def json_text(document: object) -> str:
    """Indented two levels deep (the document, then each entry of its lists and tables), every entry below that
    on one line: a unit, a problem or a change reads as one line of a diff, and a large ranking is written by
    json's C encoder instead of its much slower indenting one."""
    text = "\n".join(_json_lines(document, 0, 2))
    return _JSON_HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _json_lines(value: object, depth: int, deep: int) -> list[str]:
    import json

    pad = "  " * (depth + 1)
    if depth >= deep or not isinstance(value, dict | list) or not value:
        return [json.dumps(value, ensure_ascii=False)]
    if isinstance(value, dict):
        parts = [(json.dumps(str(k), ensure_ascii=False) + ": ", v) for k, v in value.items()]
        opening, closing = "{", "}"
    else:
        parts = [("", v) for v in value]
        opening, closing = "[", "]"
    lines = [opening]
    for index, (head, item) in enumerate(parts):
        inner = _json_lines(item, depth + 1, deep)
        inner[0] = pad + head + inner[0]
        inner[-1] += "," if index < len(parts) - 1 else ""
        lines += inner
    return [*lines, "  " * depth + closing]


def problem_line(problem: Problem, colour: bool) -> str:
    line = problem.as_text()
    if colour:
        paint = _RED if problem.severity == "error" else _YELLOW
        head, _, rest = line.partition(f" [{problem.code}]")
        path, _, label = head.rpartition(": ")
        line = f"{path}: {paint}{label}{_RESET} [{problem.code}]{rest}"
    return line


def print_problems(report: Report, to_stdout: bool = False) -> None:
    """Every problem, sorted, one per line: on stderr (beside a command's result), or on stdout (validate); the
    notes of checks skipped always on stderr (validate's stdout holds problems only)."""
    stream = sys.stdout if to_stdout else sys.stderr
    colour = use_colour(stream)
    for problem in report.sorted():
        stream.write(problem_line(problem, colour) + "\n")
    for text in sorted(report.notes):
        sys.stderr.write(f"Lưu ý: {text}.\n")


def summary(report: Report) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    if not errors and not warnings:
        return "không có lỗi"
    return f"{errors} lỗi, {warnings} cảnh báo"


def rich_console(stderr: bool = False) -> object:
    """A rich console that honours NO_COLOR and stays 80 columns wide off a terminal."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    return Console(file=stream, no_color=bool(os.environ.get("NO_COLOR")), highlight=False,
                   width=None if stream.isatty() else 80, soft_wrap=False)


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr when several steps run on a terminal; silent otherwise."""
    if total <= 1 or not sys.stderr.isatty():
        yield lambda _name: None
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress

    with Progress(console=Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda name: bar.update(task, advance=1, description=escape(visible(f"{label}: {name}")))
