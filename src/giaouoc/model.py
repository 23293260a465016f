"""The records of a compact year, one frozen dataclass per file of spec/format.md.

Each field names, in its metadata, the converter that turns a YAML value into it; schema.py walks
a whole file in one pass with these. The records check shape and types only: rules on values and
across files live in checks.py. (Plain dataclasses, not pydantic models: building pydantic models
costs more than the whole of `giaouoc validate` may take on a block; see benchmarks/bench.py.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,31}\Z")
CODE_PATTERN = re.compile(r"[A-Z0-9]{1,32}\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]\Z")
_COMMA_NUMBER = re.compile(r"[-+]?[0-9]+,[0-9]+\Z")
_CENT = Decimal("0.01")


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


def identifier(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise Invalid("wrong-type", "cần một mã (ví dụ pa03)")
    if not ID_PATTERN.match(value):
        raise Invalid("invalid-id", f"mã «{value}» không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu «-», "
                                    "tối đa 32 ký tự (ví dụ pa03)")
    return value


def block_code(value: Any) -> str:
    if not isinstance(value, str) or not CODE_PATTERN.match(value):
        raise Invalid("invalid-id", f"mã Khối «{value}» không hợp lệ: chỉ dùng chữ in hoa không dấu và chữ số "
                                    "(ví dụ KANND)")
    return value


def points(value: Any) -> Decimal:
    """An exact decimal with at most two places, read from the YAML text (never a float)."""
    if isinstance(value, str) and _COMMA_NUMBER.match(value.strip()):
        fixed = value.strip().replace(",", ".")
        raise Invalid("invalid-number", f"«{value}» không phải là số: dùng dấu chấm thập phân, viết {fixed}")
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise Invalid("invalid-number", f"cần một số (ví dụ 9.5), không phải «{value}»")
    number = Decimal(value)
    if not number.is_finite():
        raise Invalid("invalid-number", "cần một số hữu hạn")
    if number != number.quantize(_CENT):
        raise Invalid("too-many-decimals", f"số {value} có quá 2 chữ số thập phân")
    return number


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


@dataclass(frozen=True)
class Shape:
    """How a field is read: a converter, a nested record, or a list or mapping of either."""

    kind: str  # "value", "record", "list", "map"
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


@dataclass(frozen=True, kw_only=True)
class Person:
    rank: str | None = spec(TEXT, None)
    name: str = spec(TEXT)
    title: str | None = spec(TEXT, None)


@dataclass(frozen=True, kw_only=True)
class Block:
    name: str = spec(TEXT)
    code: str | None = spec(value(block_code), None)


@dataclass(frozen=True, kw_only=True)
class Signing:
    date: date = spec(value(iso_date))
    place: str | None = spec(TEXT, None)
    chair: Person = spec(record(Person))


@dataclass(frozen=True, kw_only=True)
class Band:
    name: str = spec(TEXT)
    min: Decimal = spec(POINTS)


@dataclass(frozen=True, kw_only=True)
class Scoring:
    total: Decimal | None = spec(POINTS, None)
    bonus_cap: Decimal | None = spec(POINTS, None)
    tie_break: list[str] = spec(list_of(TEXT), factory=list)
    bands: list[Band] = spec(list_of(record(Band)), factory=list)


@dataclass(frozen=True, kw_only=True)
class Title:
    id: str = spec(ID)
    name: str = spec(TEXT)
    group: str | None = spec(ID, None)
    max: int | None = spec(WHOLE, None)
    min_total: Decimal | None = spec(POINTS, None)
    requires: list[str] = spec(list_of(ID), factory=list)
    min_vote_share: Decimal | None = spec(POINTS, None)


@dataclass(frozen=True, kw_only=True)
class DocumentSettings:
    number: str | None = spec(TEXT, None)
    recipients: list[str] = spec(list_of(TEXT), factory=list)


@dataclass(frozen=True, kw_only=True)
class Compact:
    year: int = spec(WHOLE)
    movement: str = spec(TEXT)
    block: Block = spec(record(Block))
    authority: str = spec(TEXT)
    place: str = spec(TEXT)
    slogan: str | None = spec(TEXT, None)
    signing: Signing = spec(record(Signing))
    leader: str = spec(ID)
    deputy: str = spec(ID)
    scoring: Scoring = spec(record(Scoring), factory=Scoring)
    titles: list[Title] = spec(list_of(record(Title)), factory=list)
    documents: dict[str, DocumentSettings] = spec(map_of(text, record(DocumentSettings)), factory=dict)


@dataclass(frozen=True, kw_only=True)
class Unit:
    id: str = spec(ID)
    name: str = spec(TEXT)
    short: str | None = spec(TEXT, None)
    head: Person = spec(record(Person))
    registered: list[str] = spec(list_of(ID), factory=list)

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass(frozen=True, kw_only=True)
class UnitsFile:
    units: list[Unit] = spec(list_of(record(Unit)))


@dataclass(frozen=True, kw_only=True)
class Item:
    id: int = spec(WHOLE)
    title: str = spec(TEXT)
    max: Decimal = spec(POINTS)
    guide: str | None = spec(TEXT, None)


@dataclass(frozen=True, kw_only=True)
class ItemsFile:
    items: list[Item] = spec(list_of(record(Item)))


@dataclass(frozen=True, kw_only=True)
class ItemScore:
    self_score: Decimal | None = spec(POINTS, None, key="self")
    block: Decimal | None = spec(POINTS, None)
    note: str | None = spec(TEXT, None)

    @property
    def counted(self) -> Decimal | None:
        """The score that counts: the block's when agreed, else the unit's own."""
        return self.block if self.block is not None else self.self_score


@dataclass(frozen=True, kw_only=True)
class Entry:
    points: Decimal = spec(POINTS)
    reason: str = spec(TEXT)
    ref: str | None = spec(TEXT, None)


@dataclass(frozen=True, kw_only=True)
class UnitScores:
    unit: str = spec(ID)
    scores: dict[int, ItemScore | None] = spec(map_of(whole, record(ItemScore)), factory=dict)
    bonus: list[Entry] = spec(list_of(record(Entry)), factory=list)
    penalties: list[Entry] = spec(list_of(record(Entry)), factory=list)
    excluded: str | None = spec(TEXT, None)


@dataclass(frozen=True, kw_only=True)
class Ballot:
    voters: int = spec(WHOLE)
    votes: dict[str, dict[str, int]] = spec(map_of(identifier, map_of(identifier, WHOLE)), factory=dict)


@dataclass(frozen=True, kw_only=True)
class Review:
    date: date = spec(value(iso_date))
    start: str | None = spec(value(clock_time), None)
    end: str | None = spec(value(clock_time), None)
    place: str | None = spec(TEXT, None)
    chair: Person = spec(record(Person))
    secretary: Person = spec(record(Person))
    attendees: list[str] = spec(list_of(TEXT), factory=list)
    ballot: Ballot | None = spec(record(Ballot), None)
