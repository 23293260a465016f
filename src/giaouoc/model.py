"""The records of a compact year, one pydantic model per file of spec/format.md.

The models check shape and types only; rules on values and across files live in checks.py.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,31}\Z")
CODE_PATTERN = re.compile(r"[A-Z0-9]{1,32}\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]\Z")
_COMMA_NUMBER = re.compile(r"[-+]?[0-9]+,[0-9]+\Z")


def _text(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        raise PydanticCustomError("wrong-type", "cần một đoạn văn bản")
    if isinstance(value, int | Decimal):
        value = str(value)
    if isinstance(value, str) and not value.strip():
        raise PydanticCustomError("empty-text", "không được để trống")
    return value


def _identifier(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and not ID_PATTERN.match(value):
        raise PydanticCustomError(
            "invalid-id",
            "mã «{value}» không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu «-», tối đa 32 ký tự (ví dụ pa03)",
            {"value": value},
        )
    return value


def _block_code(value: Any) -> Any:
    if isinstance(value, str) and not CODE_PATTERN.match(value):
        raise PydanticCustomError(
            "invalid-id", "mã Khối «{value}» không hợp lệ: chỉ dùng chữ in hoa không dấu và chữ số (ví dụ KANND)",
            {"value": value},
        )
    return value


def _points(value: Any) -> Any:
    if isinstance(value, str) and _COMMA_NUMBER.match(value.strip()):
        raise PydanticCustomError(
            "invalid-number", "«{value}» không phải là số: dùng dấu chấm thập phân, viết {fixed}",
            {"value": value, "fixed": value.strip().replace(",", ".")},
        )
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise PydanticCustomError("invalid-number", "cần một số (ví dụ 9.5), không phải «{value}»", {"value": value})
    number = Decimal(value)
    if not number.is_finite():
        raise PydanticCustomError("invalid-number", "cần một số hữu hạn")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and number != number.quantize(Decimal("0.01")):
        raise PydanticCustomError(
            "too-many-decimals", "số {value} có quá 2 chữ số thập phân", {"value": str(value)}
        )
    return number


def _iso_date(value: Any) -> Any:
    if isinstance(value, str) and _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("invalid-date", "ngày «{value}» không có trên lịch", {"value": value}) from None
    raise PydanticCustomError(
        "invalid-date", "ngày «{value}» không hợp lệ: viết theo dạng NNNN-TT-NN, ví dụ 2023-03-09", {"value": value}
    )


def _time(value: Any) -> Any:
    if isinstance(value, str) and _TIME.match(value):
        return value
    raise PydanticCustomError(
        "invalid-time", "giờ «{value}» không hợp lệ: viết theo dạng \"GG:PP\" trong ngoặc kép, ví dụ \"08:00\"",
        {"value": value},
    )


def _whole(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("wrong-type", "cần một số nguyên, không phải «{value}»", {"value": value})
    return value


Text = Annotated[str, BeforeValidator(_text)]
Identifier = Annotated[str, BeforeValidator(_identifier)]
BlockCode = Annotated[str, BeforeValidator(_block_code)]
Points = Annotated[Decimal, BeforeValidator(_points)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Time = Annotated[str, BeforeValidator(_time)]
Whole = Annotated[int, BeforeValidator(_whole)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Person(Record):
    rank: Text | None = None
    name: Text
    title: Text | None = None


class Block(Record):
    name: Text
    code: BlockCode | None = None


class Signing(Record):
    date: IsoDate
    place: Text | None = None
    chair: Person


class Band(Record):
    name: Text
    min: Points


class Scoring(Record):
    total: Points | None = None
    bonus_cap: Points | None = None
    tie_break: list[Text] = []
    bands: list[Band] = []


class Title(Record):
    id: Identifier
    name: Text
    group: Identifier | None = None
    max: Whole | None = None
    min_total: Points | None = None
    requires: list[Identifier] = []
    min_vote_share: Points | None = None


class DocumentSettings(Record):
    number: Text | None = None
    recipients: list[Text] = []


class Compact(Record):
    year: Whole
    movement: Text
    block: Block
    authority: Text
    place: Text
    slogan: Text | None = None
    signing: Signing
    leader: Identifier
    deputy: Identifier
    scoring: Scoring = Scoring()
    titles: list[Title] = []
    documents: dict[str, DocumentSettings] = {}


class Unit(Record):
    id: Identifier
    name: Text
    short: Text | None = None
    head: Person
    registered: list[Identifier] = []

    @property
    def label(self) -> str:
        return self.short or self.name


class UnitsFile(Record):
    units: list[Unit]


class Item(Record):
    id: Whole
    title: Text
    max: Points
    guide: Text | None = None


class ItemsFile(Record):
    items: list[Item]


class ItemScore(Record):
    self_score: Points | None = Field(default=None, alias="self")
    block: Points | None = None
    note: Text | None = None

    @property
    def counted(self) -> Decimal | None:
        """The score that counts: the block's when agreed, else the unit's own."""
        return self.block if self.block is not None else self.self_score


class Entry(Record):
    points: Points
    reason: Text
    ref: Text | None = None


class UnitScores(Record):
    unit: Identifier
    scores: dict[Whole, ItemScore | None] = {}
    bonus: list[Entry] = []
    penalties: list[Entry] = []
    excluded: Text | None = None


class Ballot(Record):
    voters: Whole
    votes: dict[Identifier, dict[Identifier, Whole]] = {}


class Review(Record):
    date: IsoDate
    start: Time | None = None
    end: Time | None = None
    place: Text | None = None
    chair: Person
    secretary: Person
    attendees: list[Text] = []
    ballot: Ballot | None = None
