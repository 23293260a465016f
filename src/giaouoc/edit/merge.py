"""The three-way merge of a returned form: what the unit changed since the form was made, against the file now.

A value the unit left as the form showed it is never written; a value only the unit changed is written; a
value both the unit and the file changed (differently) since is a conflict, which `prefer` settles ("form" or
"file") or which stops the import. Pure: no files, no workbooks (tests/test_forms_merge.py drives it with
random edits on both sides).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from giaouoc.sheets.formbase import EntryRow, ScoreRow


@dataclass(frozen=True)
class Conflict:
    """One value both sides changed: where in the form, what the file holds, what the form holds."""

    where: tuple[str, int, int]  # ("score", item, field index) or ("bonus"/"penalties", row index, 0)
    on_file: object
    in_form: object
    base: object


@dataclass
class Merge:
    updates: dict[int, ScoreRow] = field(default_factory=dict)  # per item: new self, new note (None: leave)
    proposals: dict[str, list[EntryRow]] = field(default_factory=dict)  # "bonus"/"penalties": the new list
    conflicts: list[Conflict] = field(default_factory=list)  # every one, settled by `prefer` or not
    recorded: list[tuple[str, EntryRow]] = field(default_factory=list)  # rows the Khối already has (_same_as)


def merge_scores(base: Mapping[int, ScoreRow], form: Mapping[int, ScoreRow], file: Mapping[int, ScoreRow],
                 prefer: str | None, merged: Merge) -> None:
    """Self scores and notes: an empty form cell never clears a value (the import says it kept it)."""
    for item, row in sorted(form.items()):
        old, now = base.get(item, (None, None)), file.get(item, (None, None))
        new: list[Decimal | str | None] = [None, None]
        for index in range(2):
            value = row[index]
            if value is None or value == old[index] or value == now[index]:
                continue  # left as the form showed it, or already what the file holds
            if now[index] != old[index]:
                merged.conflicts.append(Conflict(("score", item, index), now[index], value, old[index]))
                if prefer != "form":
                    continue
            new[index] = value
        if new != [None, None]:
            merged.updates[item] = (_number(new[0]), _text(new[1]))


def merge_entries(key: str, base: Sequence[EntryRow], rows: Sequence[EntryRow | None], file: Sequence[EntryRow],
                  khoi: Sequence[EntryRow], prefer: str | None, merged: Merge) -> None:
    """The unit's proposal rows, row i made from base[i] (rows past the base were empty): the file's list with
    the unit's changes applied; a row the unit changed while the file dropped or changed it is a conflict."""
    result = list(file)
    reasons = {_same_as(entry) for entry in khoi}
    for index, row in enumerate(rows):
        old = base[index] if index < len(base) else None
        if row == old:
            continue
        if row is not None and _same_as(row) in reasons:  # e.g. a form imported again after the Khối accepted it
            merged.recorded.append((key, row))
        if old is not None and old in result:
            position = result.index(old)
            if row is None or row in result or _same_as(row) in reasons:
                del result[position]  # withdrawn, or already on file: the old row goes
            else:
                result[position] = row
        elif row is None or row in result or _same_as(row) in reasons:
            continue  # the file already has it (the Khối took it over), or both sides dropped it
        elif old is None:
            result.append(row)  # a new proposal
        else:
            merged.conflicts.append(Conflict((key, index, 0), None, row, old))
            if prefer == "form":
                result.append(row)
    if result != list(file):
        merged.proposals[key] = result


def replace_entries(key: str, rows: Sequence[EntryRow], file: Sequence[EntryRow], khoi: Sequence[EntryRow],
                    merged: Merge) -> None:
    """A form without a base (giaouoc 0.2): its rows, less those equal to the Khối's, replace the proposals;
    an empty table keeps them."""
    left = list(khoi)
    wanted = []
    for row in rows:
        if row in left:
            left.remove(row)
        else:
            wanted.append(row)
    if wanted and wanted != list(file):
        merged.proposals[key] = wanted


def _same_as(row: EntryRow) -> tuple[Decimal, str]:
    """What makes a row one the Khối already recorded: the points and the reason, case, spacing and basis aside."""
    return row[0], " ".join(row[1].casefold().split())


def _number(value: Decimal | str | None) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _text(value: Decimal | str | None) -> str | None:
    return value if isinstance(value, str) else None
