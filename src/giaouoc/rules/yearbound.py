"""Text bound to a year: dates and anniversaries written in prose and căn cứ, legal texts no longer in force.

A year made with `new --from` carries last year's words; these rules find, at the line, what no longer fits the
year's own data (docs/dinh-dang.md, "Chữ gắn với năm"):

- a date that contradicts the year's dates: "Hôm nay, ngày …" in a document's text against that document's date,
  the compact cited with another year or another date than its signing, the minutes with another date than the
  review, a căn cứ dated after the document that cites it (`date-mismatch`);
- a legal text cited on a date it is not in force: replaced (naming what to cite now) or not yet in force
  (`text-not-in-force`);
- an anniversary ("kỷ niệm 75 năm Ngày …") counted as in the year before (`anniversary-copied`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from giaouoc.load.folder import YearFiles, display_path
from giaouoc.model.legal import Superseded, cites, explain, not_yet_in_force
from giaouoc.model.records import Compact, Review
from giaouoc.model.textdates import find_dates
from giaouoc.problems import Report
from giaouoc.vietnamese import short_date

_TODAY = re.compile(r"hôm nay\s*[,:]?\s*", re.IGNORECASE)
_YEAR_OF = re.compile(r"(giao ước|phong trào thi đua)[^;.]*?\bnăm\s+([0-9]{4})(?![0-9])", re.IGNORECASE)
_COMPACT = re.compile(r"giao ước", re.IGNORECASE)
_MINUTES = re.compile(r"biên bản|hội nghị (?:tổng kết|bình xét|suy tôn)", re.IGNORECASE)
_ANNIVERSARY = re.compile(r"(?<![0-9])([0-9]{1,3}) năm (ngày [^,;.]+?|thành lập [^,;.]+?)(?=,|;|\.|\s+và\s|$)",
                          re.IGNORECASE)
WITH_TEXT = ("giao-uoc", "bang-diem", "bien-ban", "to-trinh")
LONGEST = 4000  # characters of a line read for dates: prose lines are shorter; a pathological one costs no more


@dataclass(frozen=True)
class Line:
    """One line of prose or one căn cứ, where it stands and which document prints it."""

    file: str
    pos: tuple[int, int]
    text: str
    doc: str | None
    is_base: bool


@dataclass(frozen=True)
class Dates:
    """The dates of a year that its text must agree with."""

    year: int
    signing: date
    minutes: date | None
    documents: dict[str, date | None]

    def of(self, doc: str | None) -> date | None:
        return self.documents.get(doc) if doc is not None else None


def year_dates(compact: Compact, review: Review | None) -> Dates:
    """Each document's date as the documents print it (documents.<id>.date, else the review's, else signing)."""
    held = review.date if review is not None else None
    documents: dict[str, date | None] = {}
    for doc in WITH_TEXT:
        settings = compact.documents.get(doc)
        own = settings.date if settings is not None else None
        documents[doc] = own or (compact.signing.date if doc == "giao-uoc" else held)
    minutes = compact.documents.get("bien-ban")
    return Dates(compact.year, compact.signing.date, (minutes.date if minutes else None) or held, documents)


def lines_of(files: YearFiles) -> Iterator[Line]:
    """The căn cứ of compact.yaml and every line of the documents' texts (not the units' achievements)."""
    compact = files.compact
    if compact is not None and "compact.yaml" in files.sources:
        src = files.sources["compact.yaml"]
        for doc, settings in compact.documents.items():
            for index, base in enumerate(settings.bases):
                yield Line(src.file, src.pos("documents", doc, "bases", index), base[:LONGEST], doc, True)
    for key, text in sorted(files.texts.items()):
        if key.startswith("thanh-tich/"):
            continue
        shown = display_path(files.folder / "text" / f"{key}.md", files.root)
        for number, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                yield Line(shown, (number, 1), line[:LONGEST], key if key in WITH_TEXT else None, False)


def date_findings(line: Line, dates: Dates) -> list[tuple[int, str]]:
    """What in one line contradicts the year's dates, each with where it stands in the line (empty: nothing)."""
    found = []
    written = find_dates(line.text)
    own = dates.of(line.doc)
    for match in _TODAY.finditer(line.text):
        today = next((d for d, start, _ in written if start == match.end()), None)
        if today is not None and own is not None and today != own:
            found.append((match.end(), f"«hôm nay» là {short_date(today)}, nhưng văn bản {line.doc} đề ngày "
                                       f"{short_date(own)}"))
    for match in _YEAR_OF.finditer(line.text):
        if int(match[2]) != dates.year:
            found.append((match.start(2), f"nhắc {match[1].lower()} năm {match[2]}, nhưng đây là năm {dates.year}"))
    found += _mentioned_dates(line.text, written, dates)
    if line.is_base and own is not None:
        after = sorted((d, start) for d, start, _ in written if d > own)
        if after:
            found.append((after[0][1], f"căn cứ ghi ngày {short_date(after[0][0])}, sau ngày của văn bản {line.doc} "
                                       f"({short_date(own)})"))
    messages = dict.fromkeys(message for _, message in found)
    return [(min(at for at, m in found if m == message), message) for message in messages]


def _mentioned_dates(text: str, written: list[tuple[date, int, int]], dates: Dates) -> list[tuple[int, str]]:
    """Dates written after a mention of the compact or of the review's minutes that are not their dates."""
    found = []
    for pattern, expected, what in ((_COMPACT, dates.signing, "ngày ký giao ước"),
                                    (_MINUTES, dates.minutes, "ngày hội nghị bình xét (biên bản)")):
        for begin, segment in _segments(text):
            mention = pattern.search(segment)
            if mention is None or expected is None:
                continue
            wrong = [(d, start) for d, start, _ in written if begin + mention.end() <= start < begin + len(segment)
                     and d != expected and not _is_today(text, written, d)]
            if wrong:
                found.append((wrong[0][1], f"ghi ngày {short_date(wrong[0][0])}, khác {what} {short_date(expected)}"))
    return found


def _segments(text: str) -> list[tuple[int, str]]:
    """The parts of a line between semicolons, each with where it starts."""
    parts, start = [], 0
    for piece in text.split(";"):
        parts.append((start, piece))
        start += len(piece) + 1
    return parts


def _is_today(text: str, written: list[tuple[date, int, int]], day: date) -> bool:
    ends = {m.end() for m in _TODAY.finditer(text)}
    return any(d == day and start in ends for d, start, _ in written)


def legal_findings(line: Line, on: date, entries: list[Superseded]) -> str | None:
    """Legal texts a line cites that are not in force on `on`, in words; None when every one is."""
    gone = [e for e in entries if e.replaced_from <= on and cites(line.text, e)]
    parts = [explain(gone, on, entries)] if gone else []
    parts += [f"văn bản số {number} chỉ có hiệu lực từ {short_date(start)}"
              for number, start in not_yet_in_force(line.text, on, entries)]
    return "; ".join(parts) if parts else None


def check_year_bound(files: YearFiles, report: Report, entries: list[Superseded],
                     earlier: YearFiles | None) -> None:
    """Dates, legal texts and anniversaries of one year; nothing when its compact.yaml could not be read."""
    compact = files.compact
    if compact is None:
        return
    dates = year_dates(compact, files.review)
    for line in lines_of(files):
        column = line.pos
        found = date_findings(line, dates)
        if found:
            at = line.pos if line.is_base else (line.pos[0], min(offset for offset, _ in found) + 1)
            report.add(line.file, at, "date-mismatch",
                       f"«{_excerpt(line.text)}»: " + "; ".join(message for _, message in found))
        own = dates.of(line.doc)
        on = own or date(compact.year, 1, 1)  # no date yet: none earlier than the year's first day
        legal = legal_findings(line, on, entries)
        if legal is not None:
            when = f"ngày {short_date(own)}" if own else f"năm {compact.year}"
            report.add(line.file, column, "text-not-in-force",
                       f"{'căn cứ' if line.is_base else 'đoạn văn'} dẫn văn bản không có hiệu lực {when}: {legal}")
    if earlier is not None and earlier.compact is not None:
        _check_anniversaries(files, earlier, report)


def _excerpt(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 60 else text[:57] + "…"


def anniversaries(text: str) -> list[tuple[int, str]]:
    """The anniversaries a line celebrates: (how many years, the event as written)."""
    if "kỷ niệm" not in text.casefold():
        return []
    return [(int(m[1]), " ".join(m[2].split())) for m in _ANNIVERSARY.finditer(text)]


def _anniversary_places(files: YearFiles) -> Iterator[tuple[str, tuple[int, int], str]]:
    """Where a year writes anniversaries: its items (title, guide) and the lines of its texts and căn cứ."""
    src = files.sources.get("items.yaml")
    for index, item in enumerate(files.items or []):
        for key in ("title", "guide"):
            value = getattr(item, key, None)
            if isinstance(value, str) and src is not None:
                yield src.file, src.pos("items", index, key), value[:LONGEST]
    for line in lines_of(files):
        yield line.file, line.pos, line.text


def _check_anniversaries(files: YearFiles, earlier: YearFiles, report: Report) -> None:
    assert files.compact is not None and earlier.compact is not None
    gap = files.compact.year - earlier.compact.year
    before = {event.casefold(): count for _, _, text in _anniversary_places(earlier)
              for count, event in anniversaries(text)}
    for file, pos, text in _anniversary_places(files):
        wrong = [(count, event, then) for count, event in anniversaries(text)
                 if (then := before.get(event.casefold())) is not None and count - then != gap]
        if wrong:
            report.add(file, pos, "anniversary-copied", "; ".join(
                f"kỷ niệm {count} năm {event}: năm {earlier.compact.year} đã ghi {then} năm, năm "
                f"{files.compact.year} là {then + gap} năm" for count, event, then in wrong))
