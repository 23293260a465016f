"""Field converters and shapes: how one YAML value becomes a typed field of a record (model/records.py).

A converter raises Invalid with a problem code and a Vietnamese message; load/reader.py turns that
into a positioned Problem. Number rules (decimal comma, two decimals) live here once and serve the
Excel import too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,31}\Z")
CODE_PATTERN = re.compile(r"[A-Z0-9]{1,32}\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]\Z")
_COMMA_NUMBER = re.compile(r"[-+]?[0-9]+,[0-9]+\Z")
_CENT = Decimal("0.01")
_QUOTED_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?\Z")


class Invalid(Exception):
    """A value that cannot be what the field needs: a problem code and a Vietnamese message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


Converter = Callable[[Any], Any]


def text(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise Invalid("wrong-type", "cần một đoạn văn bản")
    if isinstance(value, int | Decimal):
        value = str(value)
    if not value.strip():
        raise Invalid("empty-text", "không được để trống")
    return str(value)


def nullable_text(value: Any) -> str | None:
    """Text, or null written on purpose (a required key whose value may be empty)."""
    return None if value is None else text(value)


def flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid("wrong-type", f"cần true hoặc false, không phải «{value}»")


def identifier(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise Invalid("wrong-type", "cần một mã (ví dụ pa03)")
    if not ID_PATTERN.match(value):
        hint = f"viết «{value.lower()}»" if ID_PATTERN.match(value.lower()) else "ví dụ pa03"
        raise Invalid("invalid-id", f"mã «{value}» không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu «-», "
                                    f"tối đa 32 ký tự ({hint})")
    return value


def block_code(value: Any) -> str:
    if not isinstance(value, str) or not CODE_PATTERN.match(value):
        raise Invalid("invalid-id", f"mã Khối «{value}» không hợp lệ: chỉ dùng chữ in hoa không dấu và chữ số "
                                    "(ví dụ KANND)")
    return value


def points(value: Any) -> Decimal:
    """An exact decimal with at most two places, read from the YAML text (never a float)."""
    if isinstance(value, str) and (hint := decimal_comma_hint(value)):
        raise Invalid("invalid-number", hint)
    if isinstance(value, str) and _QUOTED_NUMBER.match(value.strip()):
        raise Invalid("invalid-number", f"«{value}» là chữ (trong ngoặc kép), không phải số: bỏ dấu ngoặc, viết "
                                        f"{value.strip()}")
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise Invalid("invalid-number", f"cần một số (ví dụ 9.5), không phải «{value}»")
    number = Decimal(value)
    if not number.is_finite():
        raise Invalid("invalid-number", "cần một số hữu hạn")
    if number.adjusted() > 9:  # no score, total or cap needs ten digits
        raise Invalid("invalid-number", f"số «{value}» quá lớn")
    if not two_places(number):
        raise Invalid("too-many-decimals", f"số {value} có quá 2 chữ số thập phân")
    return number


def decimal_comma_hint(text: str) -> str | None:
    """For "9,5" (a decimal comma), the message that says to write 9.5; else None."""
    if _COMMA_NUMBER.match(text.strip()):
        return f"«{text}» không phải là số: dùng dấu chấm thập phân, viết {text.strip().replace(',', '.')}"
    return None


def two_places(number: Decimal) -> bool:
    """Whether a number has at most two decimal places, as every score and point must."""
    return number == number.quantize(_CENT)


@dataclass(frozen=True)
class TieBreak:
    """One tie-break key of `scoring.tie_break`, parsed once: penalty, bonus, item:N or votes:T."""

    kind: Literal["penalty", "bonus", "item", "votes"]
    item: int | None = None
    title: str | None = None

    def phrase(self, title_name: str = "") -> str:
        """What the unit ranking higher has, in words: "điểm trừ ít hơn", "nhiều phiếu bầu «…» hơn"."""
        if self.kind == "penalty":
            return "điểm trừ ít hơn"
        if self.kind == "bonus":
            return "điểm thưởng nhiều hơn"
        if self.kind == "item":
            return f"điểm nội dung {self.item} cao hơn"
        return f"nhiều phiếu bầu «{title_name or self.title}» hơn"

    def __str__(self) -> str:
        if self.kind == "item":
            return f"item:{self.item}"
        if self.kind == "votes":
            return f"votes:{self.title}"
        return self.kind


def tie_break(value: Any) -> TieBreak:
    text_value = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""
    kind, _, arg = text_value.partition(":")
    if text_value in ("penalty", "bonus"):
        return TieBreak(text_value)  # type: ignore[arg-type]
    if kind == "item" and arg.isascii() and arg.isdigit():
        return TieBreak("item", item=int(arg))
    if kind == "votes" and ID_PATTERN.match(arg):
        return TieBreak("votes", title=arg)
    raise Invalid("unknown-tie-break", f"tiêu chí phụ «{value}» không hợp lệ: penalty, bonus, item:N (N là số "
                                       "nội dung) hoặc votes:T (T là mã danh hiệu)")


_FRACTION = re.compile(r"\s*([0-9]+)\s*/\s*([0-9]+)\s*\Z")
_SHARE_PLACES = Decimal("0.0001")


def vote_share(value: Any) -> Fraction:
    """A vote threshold as an exact fraction: a decimal of up to 4 places (0.8) or a fraction in text ("2/3")."""
    hint = "viết một số từ 0 đến 1 với tối đa 4 chữ số thập phân (ví dụ 0.8) hoặc một phân số trong ngoặc kép " \
           "(ví dụ \"2/3\")"
    share: Fraction | None = None
    if isinstance(value, str) and (match := _FRACTION.match(value)) and int(match.group(2)) != 0:
        share = Fraction(int(match.group(1)), int(match.group(2)))
    elif isinstance(value, int | Decimal) and not isinstance(value, bool) and Decimal(value).is_finite():
        if Decimal(value).adjusted() > 0 or Decimal(value) != Decimal(value).quantize(_SHARE_PLACES):
            raise Invalid("invalid-vote-share", f"tỷ lệ {value} có quá 4 chữ số thập phân: {hint}")
        share = Fraction(Decimal(value))
    if share is None:
        raise Invalid("invalid-vote-share", f"tỷ lệ «{value}» không hợp lệ: {hint}")
    if not 0 < share <= 1:
        raise Invalid("invalid-vote-share", f"tỷ lệ phải lớn hơn 0 và không quá 1 (ví dụ 0.8 là 80%): {hint}")
    return share


def vote_base(value: Any) -> str:
    if value in ("voters", "members"):
        return str(value)
    raise Invalid("invalid-vote-share", f"«{value}» không hợp lệ: chỉ nhận voters (số phiếu hợp lệ) hoặc members "
                                        "(số thành viên có quyền bỏ phiếu)")


def iso_date(value: Any) -> date:
    if isinstance(value, str) and _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise Invalid("invalid-date", f"ngày «{value}» không có trên lịch") from None
    raise Invalid("invalid-date", f"ngày «{value}» không hợp lệ: viết theo dạng NNNN-TT-NN, ví dụ 2023-03-09")


def clock_time(value: Any) -> str:
    if isinstance(value, str) and _TIME.match(value):
        return value
    raise Invalid("invalid-time", f"giờ «{value}» không hợp lệ: viết theo dạng \"GG:PP\" trong ngoặc kép, "
                                  "ví dụ \"08:00\"")


def whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid("wrong-type", f"cần một số nguyên, không phải «{value}»")
    return value


Marks = tuple[str, ...] | str  # one title's marks on a ballot (unit ids), or the board's reason for `invalid`


def marks(value: Any) -> Marks:
    """What a ballot says for one key: the unit ids marked (duplicates kept: they void the ballot), or a text."""
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(identifier(item) for item in value)
    return text(value)


@dataclass(frozen=True)
class Opinion:
    """An opinion at the meeting: its words, and who said it (a unit id or a person, as written), if given."""

    text: str
    speaker: str | None = None


def opinion(value: Any) -> Opinion:
    """A line of text, or {speaker: …, text: …}."""
    if isinstance(value, dict):
        unknown = [str(k) for k in value if k not in ("speaker", "text")]
        if unknown or "text" not in value:
            raise Invalid("wrong-type", "ý kiến viết thành một dòng, hoặc {speaker: người hay mã đơn vị phát biểu, "
                                        "text: nội dung}" + (f" (khóa lạ: {', '.join(unknown)})" if unknown else ""))
        speaker = value.get("speaker")
        return Opinion(text(value["text"]), text(speaker) if speaker is not None else None)
    return Opinion(text(value))


ShapeKind = Literal["value", "record", "list", "map"]


MAX_YEARS = 100  # a condition over more years than a block has existed is a typing slip


def year_count(value: Any) -> int:
    """`years` of a condition over several years: a whole number, at most MAX_YEARS (`years: 100000000` would
    make every ranking walk a hundred million years)."""
    count = whole(value)
    if count > MAX_YEARS:
        raise Invalid("invalid-history", f"«years» tối đa {MAX_YEARS} năm, không phải {count}")
    return count


@dataclass(frozen=True)
class Shape:
    """How a field is read: a converter, a nested record, or a list or mapping of either."""

    kind: ShapeKind
    convert: Converter | None = None
    record: type | None = None
    item: Shape | None = None
    key: Converter | None = None


def value(convert: Converter) -> Shape:
    return Shape("value", convert=convert)


def record(cls: type) -> Shape:
    return Shape("record", record=cls)


def list_of(item: Shape) -> Shape:
    return Shape("list", item=item)


def map_of(key: Converter, item: Shape) -> Shape:
    return Shape("map", key=key, item=item)


def spec(shape: Shape, default: Any = ..., *, key: str | None = None, factory: Any = None) -> Any:
    """A dataclass field read from YAML key `key` (default: the field's name) with `shape`."""
    metadata = {"shape": shape, "key": key}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    if default is ...:
        return field(metadata=metadata)
    return field(default=default, metadata=metadata)


TEXT, ID, POINTS, WHOLE = value(text), value(identifier), value(points), value(whole)
YEAR_COUNT = value(year_count)


# criteria, targets and grades (docs/cham-diem.md)

CRITERION_KINDS = ("pass", "count", "deduct", "target")  # định tính, chấm thẳng, trừ điểm, định lượng
PASSED, FAILED = "đạt", "không đạt"


def criterion_id(value: Any) -> str:
    """A criterion id: an id with at least one letter, so that 31 is never read as a criterion."""
    result = identifier(value)
    if not any(c.isalpha() for c in result):
        raise Invalid("invalid-id", f"mã tiêu chí «{value}» cần có ít nhất một chữ cái (ví dụ 3a)")
    return result


def one_of(*choices: str) -> Converter:
    """A converter that takes exactly one of the given words."""
    def convert(value: Any) -> str:
        if isinstance(value, str) and value in choices:
            return value
        raise Invalid("invalid-choice", f"«{value}» không hợp lệ: chỉ nhận " + ", ".join(choices))
    return convert


def at_target(value: Any) -> Fraction:
    """The share of a criterion's max earned exactly at the target: 0 < h ≤ 1, a fraction ("1/2") or a decimal."""
    hint = "viết một phân số trong ngoặc kép (ví dụ \"1/2\") hoặc một số thập phân lớn hơn 0 và không quá 1"
    share: Fraction | None = None
    if isinstance(value, str) and (match := _FRACTION.match(value)) and int(match.group(2)) != 0:
        share = Fraction(int(match.group(1)), int(match.group(2)))
    elif isinstance(value, int | Decimal) and not isinstance(value, bool) and Decimal(value).is_finite():
        share = Fraction(Decimal(value))
    if share is None or not 0 < share <= 1:
        raise Invalid("invalid-at-target", f"«at_target: {value}» không hợp lệ: {hint}")
    return share


def criterion_input(value: Any) -> Decimal | bool:
    """What a unit, grader or the block writes for a criterion: đạt / không đạt (true / false) or a number."""
    if isinstance(value, bool):
        return value
    word = unicodedata.normalize("NFC", value).strip().lower() if isinstance(value, str) else ""
    if word in (PASSED, FAILED):
        return word == PASSED
    if isinstance(value, str) and not decimal_comma_hint(value) and not _QUOTED_NUMBER.match(value.strip()):
        raise Invalid("invalid-pass", f"«{value}» không hợp lệ: viết «{PASSED}», «{FAILED}» hoặc một số")
    return points(value)


def optional_points(value: Any) -> Decimal | None:
    """Points, or null written on purpose (a target: "không giao chỉ tiêu cụ thể")."""
    return None if value is None else points(value)


def grade_value(value: Any) -> Decimal | dict[str, Decimal | bool]:
    """A grader's value for a content: points (no criteria) or a table criterion id -> input."""
    if not isinstance(value, dict):
        return points(value)
    result: dict[str, Decimal | bool] = {}
    for key, item in value.items():
        try:
            result[criterion_id(key)] = criterion_input(item)
        except Invalid as exc:
            raise Invalid(exc.code, f"tiêu chí {key}: {exc.message}") from None
    return result
