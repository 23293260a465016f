"""Write small YAML documents by hand: readable, stable, and the way a clerk would type them."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from giaouoc.vietnamese import machine_number

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`<][^:#\[\]{}\x00-\x1f\x7f-\x9f\u2028\u2029]*\Z")
_RESERVED = re.compile(r"(?i:null|true|false|yes|no|on|off|~)\Z|[-+]?[0-9.][0-9._:eE+-]*\Z|.*[:#]\s|.*\s\Z")


def scalar(value: Any) -> str:
    """One value as YAML text: numbers exact, text plain when safe, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return machine_number(value)
    if isinstance(value, Fraction):  # a vote share: as the clerk wrote it, 0.8 or "2/3"
        if 10_000 % value.denominator == 0:
            return machine_number(Decimal(value.numerator) / Decimal(value.denominator))
        return f'"{value.numerator}/{value.denominator}"'
    text = str(value)
    if _PLAIN.match(text) and not _RESERVED.match(text):
        return text
    return quote(text)


_BREAKS = re.compile("[\x7f-\x9f\u2028\u2029]")


def quote(text: str) -> str:
    """A double-quoted YAML scalar that reads back identical: line breaks, tabs and NEL escaped, not folded."""
    return _BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def flow(value: Any) -> str:
    """A list or mapping on one line: [a, b] or {key: value}."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items() if v is not None) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    text = scalar(value)
    if isinstance(value, str) and ("," in text) and not text.startswith('"'):
        return quote(value)
    return text
