"""Legal texts that are no longer in force, and how a căn cứ line cites them (docs/dinh-dang.md, "Văn bản đã
được thay thế").

giaouoc ships the texts of the emulation law that changed under the clerk's feet (SHIPPED); a data root adds
its own in `compacts/superseded.yaml` (e.g. a circular of the Bộ Công an). A text is recognised in a line by its
number (số, ký hiệu: "91/2017/NĐ-CP") or by its name and the date it was issued ("Luật Thi đua, Khen thưởng
ngày 26 tháng 11 năm 2003", "… năm 2003").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from giaouoc.model.fields import TEXT, iso_date, list_of, record, spec, value
from giaouoc.model.textdates import dates_in
from giaouoc.vietnamese import short_date

SUPERSEDED_FILE = "superseded.yaml"
_KINDS = (("/NĐ-", "Nghị định"), ("/TT-", "Thông tư"), ("/QĐ-", "Quyết định"), ("/QH", "Luật"))
# số, ký hiệu of a legal text: 06/2022/QH15, 91/2017/NĐ-CP, 12/2019/TT-BCA
NUMBER = re.compile(r"(?<![0-9])[0-9]{1,4}/[0-9]{4}/[A-ZĐ0-9][A-ZĐ0-9-]*[A-ZĐ0-9]")


@dataclass(kw_only=True, eq=False)
class Superseded:
    """A text no longer in force from `replaced_from`, and how the text that replaced it is cited."""

    number: str | None = spec(TEXT, None)
    name: str | None = spec(TEXT, None)
    issued: date | None = spec(value(iso_date), None)
    replaced_from: date = spec(value(iso_date))
    replaced_by: str = spec(TEXT)

    @property
    def label(self) -> str:
        """How messages name the text: its name and date, else its kind and number."""
        if self.name and self.issued:
            return f"{self.name} ngày {short_date(self.issued)}"
        kind = next((k for mark, k in _KINDS if mark in (self.number or "").upper()), "văn bản")
        return f"{kind} số {self.number}" + (f" ngày {short_date(self.issued)}" if self.issued else "")


@dataclass(kw_only=True, eq=False)
class SupersededFile:
    """`compacts/superseded.yaml`: the data root's own additions to the shipped table."""

    superseded: list[Superseded] = spec(list_of(record(Superseded)))


_LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022"
_DECREE_98 = ("Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
              "Luật Thi đua, khen thưởng")
_DECREE_152 = ("Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết thi hành "
               "Luật Thi đua, khen thưởng")
_AMENDMENT = "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng"

SHIPPED: tuple[Superseded, ...] = (
    Superseded(number="15/2003/QH11", name="Luật Thi đua, Khen thưởng", issued=date(2003, 11, 26),
               replaced_from=date(2024, 1, 1), replaced_by=_LAW_2022),
    Superseded(number="47/2005/QH11", name=_AMENDMENT, issued=date(2005, 6, 14),
               replaced_from=date(2024, 1, 1), replaced_by=_LAW_2022),
    Superseded(number="39/2013/QH13", name=_AMENDMENT, issued=date(2013, 11, 16),
               replaced_from=date(2024, 1, 1), replaced_by=_LAW_2022),
    Superseded(number="91/2017/NĐ-CP", issued=date(2017, 7, 31), replaced_from=date(2024, 1, 1),
               replaced_by=_DECREE_98),
    Superseded(number="98/2023/NĐ-CP", issued=date(2023, 12, 31), replaced_from=date(2025, 7, 1),
               replaced_by=_DECREE_152),
)


def _folded(text: str) -> str:
    """Compared without case, extra spacing or the bar of Đ (people type "ND-CP" and "91/2017/ NĐ-CP" too)."""
    text = unicodedata.normalize("NFC", text).casefold().replace("đ", "d")
    return " ".join(re.sub(r"\s*([/-])\s*", r"\1", text).split())


def cites(line: str, entry: Superseded) -> bool:
    """Whether a line cites the text: by its number, or by its name with its date or year of issue."""
    folded = _folded(line)
    if entry.number and re.search(rf"(?<![0-9]){re.escape(_folded(entry.number))}(?![0-9a-z])", folded):
        return True
    if not entry.name or entry.issued is None:
        return False
    name = _folded(entry.name)
    if name not in folded:
        return False
    if entry.issued in dates_in(line):
        return True
    return re.search(rf"{re.escape(name)},? (?:năm )?{entry.issued.year}(?![0-9])", folded) is not None


def table(own: list[Superseded] | None) -> list[Superseded]:
    """The data root's entries, then the shipped ones (a text the root lists itself is read from the root)."""
    mine = list(own or [])
    numbers = {_folded(e.number) for e in mine if e.number}
    return mine + [e for e in SHIPPED if not e.number or _folded(e.number) not in numbers]


def successors(entry: Superseded, on: date, entries: list[Superseded]) -> list[Superseded]:
    """The texts that replaced `entry` one after another, as far as those replaced by the date `on`."""
    chain = [entry]
    while len(chain) <= len(entries):
        following = next((e for e in entries if e not in chain and e.number and cites(chain[-1].replaced_by, e)),
                         None)
        if following is None or following.replaced_from > on:
            break
        chain.append(following)
    return chain


def not_yet_in_force(line: str, on: date, entries: list[Superseded]) -> list[tuple[str, date]]:
    """Replacements a line cites before they took effect: (their number, the date they took effect)."""
    found = []
    for entry in entries:
        for number in NUMBER.findall(entry.replaced_by):
            if on < entry.replaced_from and _folded(number) in _folded(line) and (number, entry.replaced_from) \
                    not in found:
                found.append((number, entry.replaced_from))
    return found


def explain(entries: list[Superseded], on: date, everything: list[Superseded]) -> str:
    """The Vietnamese account of texts a line cites that are no longer in force on `on`, with what to cite now
    (texts replaced by the same text are named together)."""
    groups: dict[str, list[Superseded]] = {}
    chains: dict[str, list[Superseded]] = {}
    for entry in entries:
        chain = successors(entry, on, everything)
        groups.setdefault(chain[-1].replaced_by, []).append(entry)
        chains.setdefault(chain[-1].replaced_by, chain)
    parts = []
    for now, gone in groups.items():
        ended = sorted({e.replaced_from for e in gone})
        part = f"{', '.join(e.label for e in gone)} hết hiệu lực từ {', '.join(short_date(d) for d in ended)}"
        later = chains[now][1:]
        if later:
            part += "; văn bản thay thế " + ", rồi ".join(
                f"{e.label} cũng hết hiệu lực từ {short_date(e.replaced_from)}" for e in later)
        parts.append(part + f"; nay dẫn: {now}")
    return ". ".join(parts)
