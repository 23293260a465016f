"""The command line: a thin skin that parses, calls the core, prints and returns an exit code."""

from __future__ import annotations

import gc
import importlib
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from giaouoc import __version__
from giaouoc.cli.commands.common import Settings
from giaouoc.errors import FatalError
from giaouoc.report.terminal import err, out_block

# Each command and where it lives (cli/commands/<module>.py): a run imports and builds only the command it runs,
# so that `giaouoc validate` does not pay for the imports and the option parsing of the twelve others.
SOURCES = {"validate": ("validate", "validate"), "rank": ("rank", "rank"), "render": ("render", "render"),
           "report": ("report", "report"), "new": ("new", "new"), "status": ("status", "status"),
           "diff": ("diff", "diff"), "log": ("log", "log"), "export": ("sheets", "export"),
           "form": ("sheets", "form"),
           "import": ("importing", "import_form"), "history": ("history", "history"),
           "close": ("history", "close"), "reopen": ("history", "reopen")}
COMMANDS = tuple(SOURCES)


_HELP_WORDS = [
    (re.compile(r"^Usage:", re.M), "Cách dùng:"), (re.compile(r"^Options:", re.M), "Tùy chọn:"),
    (re.compile(r"^Arguments:", re.M), "Tham số:"), (re.compile(r"^Commands:", re.M), "Lệnh:"),
    (re.compile(r"\[required\]"), "[bắt buộc]"), (re.compile(r"\[default:(\s*)([^\]]*)\]"), r"[mặc định:\1\2]"),
    (re.compile(r"\[OPTIONS\]"), "[TÙY_CHỌN]"), (re.compile(r"COMMAND \[ARGS\]\.\.\."), "LỆNH [THAM_SỐ]..."),
]


def vietnamese_help(text: str) -> str:
    """Click's English framing of a help screen, said in Vietnamese."""
    for pattern, words in _HELP_WORDS:
        text = pattern.sub(words, text)
    return text


class _Vietnamese:
    """Help screens in Vietnamese, for the group and for every command."""

    def get_help_option(self, ctx: Any) -> Any:
        return _vietnamese_help(super().get_help_option(ctx))  # type: ignore[misc]

    def get_help(self, ctx: Any) -> str:
        return vietnamese_help(super().get_help(ctx))  # type: ignore[misc]


class Group(_Vietnamese, TyperGroup):
    """Maps every way a run can end to an exit code and a Vietnamese message."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [name for name in COMMANDS if name in self.commands]

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        argv = globals_first(list(sys.argv[1:] if args is None else args))
        code = run(lambda: super(Group, self).main(_explain_argv(argv), prog_name or "giaouoc", complete_var,
                                                    standalone_mode=False, **extra), "--debug" in argv)
        if standalone_mode:
            sys.exit(code)
        return code


class Command(_Vietnamese, TyperCommand):
    def get_short_help_str(self, limit: int = 45) -> str:
        """The command's whole first line in the list of commands, never cut with "…"."""
        return (self.help or "").strip().splitlines()[0] if self.help else ""


def globals_first(argv: list[str]) -> list[str]:
    """`--root DIR` and `--debug` are global options: accept them after the command too."""
    command_at = next((i for i, a in enumerate(argv) if a in COMMANDS), None)
    if command_at is None:
        return argv
    head, tail, moved = argv[:command_at], [], []
    index = command_at
    while index < len(argv):
        arg = argv[index]
        if arg == "--debug":
            moved.append(arg)
        elif arg == "--root" and index + 1 < len(argv):
            moved += [arg, argv[index + 1]]
            index += 1
        elif arg.startswith("--root="):
            moved.append(arg)
        else:
            tail.append(arg)
        index += 1
    return [*head, *moved, *tail]


def _vietnamese_help(option: Any) -> Any:
    if option is not None:
        option.help = "Hiện hướng dẫn này rồi thoát."
    return option


STOPPED = 130


def run(call: Any, debug: bool) -> int:
    from typer._click import exceptions as click_errors

    try:
        result = call()
        if result == STOPPED:  # typer turns Ctrl-C (and our SIGTERM) into a silent exit code 130
            err("Đã dừng.")
        return result if isinstance(result, int) else 0
    except FatalError as exc:
        if str(exc):
            err(f"Lỗi: {exc}")
        return exc.exit_code
    except click_errors.NoArgsIsHelpError as exc:
        if exc.ctx is not None:
            out_block(exc.ctx.get_help(), sys.stderr)
        return 2
    except click_errors.UsageError as exc:
        err(f"Lỗi cú pháp lệnh: {usage_message(exc)}")
        command = exc.ctx.command_path if exc.ctx is not None else "giaouoc"
        err(f"Xem «{command} --help».")
        return 2
    except (typer.Abort, KeyboardInterrupt):
        err("Đã dừng.")
        return STOPPED
    except BrokenPipeError:
        return 1
    except Exception:
        import traceback

        if debug:
            traceback.print_exc()
        log = write_bug_log(traceback.format_exc())
        if log is not None:
            err(f"Lỗi nội bộ của giaouoc (không phải lỗi dữ liệu của bạn). Chi tiết đã ghi vào {log}: hãy gửi tệp "
                "đó cho người phát triển.")
        else:
            err("Lỗi nội bộ của giaouoc (không phải lỗi dữ liệu của bạn). Chạy lại với --debug để xem chi tiết "
                "và báo cho người phát triển.")
        return 3


def write_bug_log(trace: str) -> Path | None:
    """Keep the traceback of a bug where the clerk can send it from (like pre-commit's log): the user's cache
    folder (XDG_CACHE_HOME, else ~/.cache)/giaouoc/giaouoc.log, replaced at each bug; None if it cannot be written."""
    import os
    import platform

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    log = base / "giaouoc" / "giaouoc.log"
    header = f"giaouoc {__version__}, Python {platform.python_version()}, {platform.platform()}\n" \
             f"lệnh: giaouoc {' '.join(sys.argv[1:])}\n\n"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(header + trace, encoding="utf-8")
    except OSError:
        return None
    return log


def usage_message(exc: Any) -> str:
    """Click's English usage errors, said in Vietnamese."""
    try:
        return _usage_message(exc)
    except Exception:  # the message is a courtesy: never let it hide the exit code
        return "lệnh không hợp lệ"


def _usage_message(exc: Any) -> str:
    from typer._click import exceptions as click_errors

    text = str(exc.message)
    if isinstance(exc, click_errors.NoSuchOption):
        message = f"không có tùy chọn «{exc.option_name}»"
        if exc.possibilities:
            message += f"; có phải ý bạn là «{sorted(exc.possibilities)[0]}»?"
        return message
    if isinstance(exc, click_errors.MissingParameter):
        param = exc.param
        name = (getattr(param, "metavar", None) or str(param.name).upper()) if param is not None else ""
        return f"thiếu tham số {name}".rstrip()
    if isinstance(exc, click_errors.BadParameter):
        name = exc.param.opts[0] if exc.param is not None and exc.param.opts else ""
        choices = list(getattr(getattr(exc.param, "type", None), "choices", None) or [])
        hint = f": chọn một trong {', '.join(str(c) for c in choices)}" if choices else ""
        return f"giá trị không hợp lệ cho {name}{hint}"
    if text.startswith("No such command"):
        import difflib

        name = text.split("'")[1] if "'" in text else text
        close = difflib.get_close_matches(name, COMMANDS, n=1)
        hint = f"; có phải ý bạn là «{close[0]}»?" if close else f"; các lệnh: {', '.join(COMMANDS)}"
        return f"không có lệnh «{name}»{hint}"
    if text.startswith("Got unexpected extra argument"):
        found = re.search(r"\(([^()]*)\)\s*$", text)
        return "thừa tham số: " + (found.group(1) if found else text)
    if "requires an argument" in text:
        return f"tùy chọn {text.split(chr(39))[1] if chr(39) in text else ''} cần một giá trị"
    return "lệnh không hợp lệ"


def _explain_argv(argv: list[str]) -> list[str]:
    """Let `--explain` stand alone: insert the all-units marker when no unit follows it."""
    if "--explain" not in argv or "rank" not in argv:
        return argv
    from giaouoc.cli.commands.rank import ALL_UNITS

    at = argv.index("--explain")
    following = argv[at + 1] if at + 1 < len(argv) else None
    before = argv[argv.index("rank") + 1 : at]
    values_of = {"--format", "--root"}
    positional_before = [a for i, a in enumerate(before)
                         if not a.startswith("-") and (i == 0 or before[i - 1] not in values_of)]
    if following is None or following.startswith("-") or not positional_before:
        return [*argv[: at + 1], ALL_UNITS, *argv[at + 1 :]]
    return argv


def build(names: Sequence[str] = COMMANDS) -> typer.Typer:
    """The Typer app with the commands named (all by default)."""
    built = typer.Typer(
        cls=Group,
        name="giaouoc",
        help="Giao ước thi đua của Khối thi đua: kiểm tra dữ liệu, xếp hạng và lập văn bản.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback()(_global)
    for name in names:
        module, function = SOURCES[name]
        built.command(name, cls=Command)(getattr(importlib.import_module(f"giaouoc.cli.commands.{module}"), function))
    return built


def _version(value: bool) -> None:
    if value:
        print(f"giaouoc {__version__}")
        raise typer.Exit(0)


def _global(
    ctx: typer.Context,
    root: Annotated[
        Path | None, typer.Option("--root", metavar="THƯ_MỤC", help="Thư mục dữ liệu (chứa compacts/).")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Hiện chi tiết kỹ thuật khi có lỗi nội bộ.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản.")] = False,
) -> None:
    ctx.obj = Settings(root_option=root, debug=debug)


def command_named(argv: Sequence[str]) -> str | None:
    """The command a command line runs, as the group will read it (its first argument that is no global option),
    or None when it runs none (help, version) or one that does not exist."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--root":
            index += 2
            continue
        if arg.startswith("-"):
            if arg in ("--debug",) or arg.startswith("--root="):
                index += 1
                continue
            return None
        return arg if arg in SOURCES else None
    return None


def __getattr__(name: str) -> Any:
    """`app`, with every command, is built when first asked for (tests, tools); a run builds only its own."""
    if name == "app":
        globals()["app"] = built = build()
        return built
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _stop(_signum: int, _frame: Any) -> None:
    raise KeyboardInterrupt  # a stop request ends like Ctrl-C: temporary files cleaned up, "Đã dừng.", exit 130


def main(argv: Sequence[str] | None = None) -> int:
    import signal

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _stop)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")
    args = list(sys.argv[1:] if argv is None else argv)
    named = command_named(globals_first(args))
    command = typer.main.get_command(build([named]) if named is not None else build())
    # A run is one short process that builds many small objects living until it ends (positions, records, points).
    # The cyclic collector's full passes re-scan all of them, over and over (a fifth of `rank` on 5 000 units scored
    # by criteria): young objects are still collected often, full passes all but never. Restored when the run ends
    # (tests call `main` in-process).
    pace = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100_000)
    try:
        result: int = command.main(args, "giaouoc", standalone_mode=False)
    finally:
        gc.set_threshold(*pace)
    return result
