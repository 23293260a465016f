"""Vietnamese text conventions: alphabetical order, number and date phrases, name folding."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal
from fractions import Fraction

# Tone marks in their collation order: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_ALPHABET = [
    "a", "a\u0306", "a\u0302", "b", "c", "d", "đ", "e", "e\u0302", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "o\u0302", "o\u031b", "p", "q", "r", "s", "t", "u", "u\u031b", "v", "w", "x", "y", "z",
]
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}

SortKey = tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...], str]


def _letters(text: str) -> list[tuple[str, int, bool]]:
    """Split text into (base letter with its letter marks, tone, was upper case)."""
    out: list[tuple[str, int, bool]] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and out:
            base, tone, upper = out[-1]
            if char in _TONES:
                out[-1] = (base, _TONES[char], upper)
            else:  # a letter mark (ă â ê ô ơ ư) or a foreign accent stays with its letter
                out[-1] = (base + char, tone, upper)
            continue
        lower = char.lower()
        out.append((lower, 0, lower != char))
    return out


def sort_key(name: str) -> SortKey:
    """Order names as Vietnamese collation does: letters, then tones, then case.

    Spaces and punctuation come before digits, digits before letters, and letters follow
    the Vietnamese alphabet (a ă â b c d đ e ê ...), ignoring case at first.
    """
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    for base, tone, upper in _letters(name):
        if base in _LETTER_RANK:
            primary.append((2, _LETTER_RANK[base]))
            tones.append(tone)
            cases.append(1 if upper else 0)
        elif base[:1].isdecimal():
            primary.append((1, int(base[0])))
        elif base[:1].isalpha():
            primary.append((3, ord(base[0])))
            tones.append(tone)
            cases.append(1 if upper else 0)
        else:
            primary.append((0, ord(base[0])))
    return (tuple(primary), tuple(tones), tuple(cases), name)


def fold_name(name: str) -> str:
    """A key under which two spellings of one name meet: case, NFC/NFD, old or new tone place."""
    words = []
    for word in name.split():
        letters = _letters(word)
        tone = max((t for _, t, _ in letters), default=0)
        words.append("".join(base for base, _, _ in letters) + (str(tone) if tone else ""))
    return unicodedata.normalize("NFC", " ".join(words))


def format_number(value: Decimal | int) -> str:
    """Points as a Vietnamese reader writes them: "95,5", "100", "1.000,25"."""
    number = Decimal(value)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = sign + ".".join(groups)
    return f"{result},{fraction}" if fraction else result


def percent(share: Fraction | Decimal | int) -> str:
    """A share as people read it: percent rounded half up to 2 decimals, decimal comma: "88,89%"."""
    share = Fraction(share)
    hundredths = (2 * share.numerator * 10_000 + share.denominator) // (2 * share.denominator)  # half up
    return format_number(Decimal(hundredths) / 100) + "%"


def machine_number(value: Decimal) -> str:
    """Points for machine formats (CSV, YAML): the dot, no trailing zeros: "95.5", "100"."""
    return f"{value.normalize():f}" if value != value.to_integral_value() else str(int(value))


def plain_number(value: Decimal) -> int | float:
    """A JSON or spreadsheet number equal to the exact decimal (98.5, never 98.49999)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)  # a value with at most a few decimals round-trips through repr exactly


def two_digits(number: int) -> str:
    """Numbers below 10 get a leading zero, as in "Số: 05/BB" or "09 đơn vị"."""
    return f"{number:02d}"


def date_phrase(day: date) -> str:
    """ "ngày 09 tháng 3 năm 2023": leading zero on days 1-9 and on months 1 and 2 only."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: date) -> str:
    """ "09/3/2023", "27/11/2026": a date as people read it in a message (never ISO), leading zeros as in
    `date_phrase`."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def upper(text: str) -> str:
    """Capitals that keep every diacritic (str.upper does, after NFC)."""
    return unicodedata.normalize("NFC", text.upper())
