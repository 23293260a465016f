"""The three-way merge of a returned form under random edits on both sides (hypothesis).

A change only one side made is never lost; a value both sides changed differently is a conflict, settled
only as `prefer` says; nothing else is ever reported as a conflict.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from giaouoc.edit.merge import EntryRow, Merge, merge_entries, merge_scores

KEEP, CLEAR, CHANGE = "keep", "clear", "change"
SCORES = st.sampled_from([Decimal(v) for v in ("0", "1.25", "2.75", "7", "7.5", "8")])
NOTES = st.sampled_from(["Vượt chỉ tiêu", "Chậm tiến độ", "«Ghi chú» khác"])
PREFER = st.sampled_from([None, "form", "file"])


@st.composite
def score_sides(draw: st.DrawFn) -> tuple[dict[int, tuple[object, object]], ...]:
    """base, the form as the unit returns it, the file now."""
    items = draw(st.integers(min_value=1, max_value=6))
    base, form, file = {}, {}, {}
    for item in range(1, items + 1):
        old = (draw(st.none() | SCORES), draw(st.none() | NOTES))
        unit = tuple(draw(st.sampled_from([old[i], None, draw(values)])) for i, values in enumerate((SCORES, NOTES)))
        now = tuple(draw(st.sampled_from([old[i], None, draw(values)])) for i, values in enumerate((SCORES, NOTES)))
        base[item], file[item] = old, now
        if unit != (None, None):
            form[item] = unit  # the importer keeps only rows with a value
    return base, form, file


@settings(max_examples=300, deadline=None)
@given(score_sides(), PREFER)
def test_scores_never_lose_a_one_sided_change(sides: tuple[dict[int, tuple[object, object]], ...],
                                              prefer: str | None) -> None:
    base, form, file = sides
    merged = Merge()
    merge_scores(base, form, file, prefer, merged)  # type: ignore[arg-type]
    conflicts = {(c.where[1], c.where[2]) for c in merged.conflicts}
    for item, old in base.items():
        for index in range(2):
            unit = form.get(item, (None, None))[index]
            now = file[item][index]
            written = merged.updates.get(item, (None, None))[index]
            result = written if written is not None else now
            unit_changed = unit is not None and unit != old[index]
            file_changed = now != old[index]
            both = unit_changed and file_changed and unit != now
            assert ((item, index) in conflicts) == both
            if both:
                assert result == (unit if prefer == "form" else now)
            elif unit_changed:
                assert result == unit  # the unit's change is kept
            else:
                assert result == now and written is None  # the file's value, not even rewritten


def _entry(pool: str, number: int) -> EntryRow:
    return (Decimal(number) / 4 + Decimal("0.25"), f"{pool} {number}", None if number % 2 else f"QĐ {number}")


@st.composite
def entry_sides(draw: st.DrawFn) -> tuple[list[EntryRow], list[EntryRow | None], list[EntryRow], list[str],
                                          list[str], list[EntryRow], list[EntryRow], list[EntryRow]]:
    """base, the form's rows, the file now; what each side did to each base row; the new rows of each side."""
    base = [_entry("gốc", n) for n in range(draw(st.integers(min_value=0, max_value=4)))]
    unit_acts = draw(st.lists(st.sampled_from([KEEP, CLEAR, CHANGE]), min_size=len(base), max_size=len(base)))
    file_acts = draw(st.lists(st.sampled_from([KEEP, CLEAR, CHANGE]), min_size=len(base), max_size=len(base)))
    rows: list[EntryRow | None] = [b if a == KEEP else None if a == CLEAR else _entry("đơn vị sửa", i)
                                   for i, (b, a) in enumerate(zip(base, unit_acts, strict=True))]
    file_new = [_entry("tệp thêm", n) for n in range(draw(st.integers(min_value=0, max_value=2)))]
    unit_new = [_entry("đơn vị thêm", n) for n in range(draw(st.integers(min_value=0, max_value=3)))]
    unit_new += file_new[:1] if draw(st.booleans()) else []  # both sides added the same entry
    rows += unit_new + [None] * draw(st.integers(min_value=0, max_value=2))
    file = [b if a == KEEP else _entry("Khối sửa", i) for i, (b, a) in enumerate(zip(base, file_acts, strict=True))
            if a != CLEAR]
    file += file_new
    file = draw(st.permutations(file))
    changed = [r for r, a in zip(rows, unit_acts, strict=False) if a == CHANGE and r is not None]
    return base, rows, file, unit_acts, file_acts, unit_new, file_new, changed


@settings(max_examples=300, deadline=None)
@given(entry_sides(), PREFER, st.booleans())
def test_proposals_never_lose_a_one_sided_change(sides: tuple[list, list, list, list, list, list, list, list],
                                                 prefer: str | None, khoi_has_one: bool) -> None:
    base, rows, file, unit_acts, file_acts, unit_new, file_new, _ = sides
    khoi = [_entry("Khối", 0)] if khoi_has_one else []
    merged = Merge()
    merge_entries("bonus", base, rows, file, khoi, prefer, merged)
    result = merged.proposals.get("bonus", list(file))
    conflicts = {c.where[1] for c in merged.conflicts}
    assert all(r in result for r in unit_new + file_new)  # what either side added stays
    for index, old in enumerate(base):
        unit, mine, theirs = rows[index], unit_acts[index], file_acts[index]
        their_value = None if theirs == CLEAR else old if theirs == KEEP else _entry("Khối sửa", index)
        assert (index in conflicts) == (mine == CHANGE and theirs != KEEP)
        if mine == KEEP:  # the file's side wins, whatever it did
            assert (old in result) == (theirs == KEEP)
            assert their_value is None or their_value in result
        elif theirs == KEEP:  # the unit's side wins: withdrawn, or changed
            assert old not in result
            assert mine == CLEAR or unit in result
        else:  # both sides touched it: the file's change stays; the unit's only when preferred
            assert old not in result and (their_value is None or their_value in result)
            if mine == CHANGE:
                assert (unit in result) == (prefer == "form")
    assert len(result) == len(set(result))  # nothing twice
