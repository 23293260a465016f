"""One function builds the Jinja environment: sandboxed, strict, with the Vietnamese filters."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from giaouoc.documents.context import person_full, person_line
from giaouoc.documents.templates import PACKAGE_TEMPLATES
from giaouoc.report.common import markdown_cell
from giaouoc.vietnamese import date_phrase, format_number, two_digits, upper


def template_folders(root: Path) -> list[Path]:
    """The data root's templates/ first (overrides file by file), then the packaged defaults."""
    return [root / "templates", PACKAGE_TEMPLATES]


def quoted(value: Any) -> str:
    """A YAML-safe scalar for the front matter (JSON strings are YAML)."""
    if value is None:
        return "null"
    return json.dumps(str(value), ensure_ascii=False)


def blank_date_phrase(year: int) -> str:
    """A date line left for the văn thư to fill in."""
    return f"ngày      tháng      năm {year}"


def clock(text: str) -> str:
    """ "08:30" as "08 giờ 30 phút"."""
    hours, _, minutes = text.partition(":")
    return f"{hours} giờ {minutes} phút"


def count(number: int) -> str:
    """A count as documents write it: "09 phiếu", "12 bản"; none is "0", never "00"."""
    return two_digits(number) if number else "0"


def build_environment(root: Path) -> Any:
    from jinja2 import StrictUndefined

    from giaouoc.documents.loader import RootedLoader
    from giaouoc.documents.sandbox import LimitedSandbox, limited_range

    env = LimitedSandbox(
        loader=RootedLoader([(root / "templates", root), (PACKAGE_TEMPLATES, PACKAGE_TEMPLATES)]),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update({
        "num": lambda v: format_number(Decimal(v)),
        "date_phrase": lambda d: date_phrase(d) if isinstance(d, date) else blank_date_phrase(int(d)),
        "upper_vi": upper,
        "two": count,
        "q": quoted,
        "person": person_line,
        "person_full": person_full,
        "clock": clock,
        "cell": markdown_cell,  # text inside a table cell: a "|" in a name never shifts the columns
    })
    env.globals.pop("lipsum", None)
    env.globals["range"] = limited_range
    return env
