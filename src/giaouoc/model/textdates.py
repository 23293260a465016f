"""Dates as people write them in Vietnamese prose: "ngày 09 tháng 3 năm 2024", "09/3/2024", "09-3-2024"."""

from __future__ import annotations

import re
from datetime import date

_WORDS = re.compile(r"(?:ngày\s+)?([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s*(?:,\s*)?năm\s+([0-9]{4})", re.IGNORECASE)
_NUMERIC = re.compile(r"(?<![0-9/.-])([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})(?![0-9/])")


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every real date written in the text: (the date, where it starts, where it ends), in order."""
    found = []
    for match in _WORDS.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        found.append((day, month, year, match.start(), match.end()))
    for match in _NUMERIC.finditer(text):
        found.append((int(match[1]), int(match[3]), int(match[4]), match.start(), match.end()))
    dates = []
    for day, month, year, start, end in sorted(found, key=lambda f: f[3]):
        try:
            dates.append((date(year, month, day), start, end))
        except ValueError:  # 31 tháng 2: not a date, nothing to compare
            continue
    return dates


def dates_in(text: str) -> list[date]:
    return [found for found, _, _ in find_dates(text)]
