"""What a change to a year's data does: changed scores and entries, then ranks, totals and titles."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from giaouoc.changes.git import check_revision, extract_year, repository_top
from giaouoc.changes.inputs import input_changes
from giaouoc.load.folder import YearFiles
from giaouoc.model.records import ENTRY_LABELS, PROPOSAL_KEYS, Entry, UnitScores
from giaouoc.model.results import Ranking
from giaouoc.model.tally import count
from giaouoc.model.year import Year
from giaouoc.pipeline import run_year
from giaouoc.problems import Report

Value = Decimal | str | None


@dataclass(frozen=True)
class FieldChange:
    unit: str
    what: str  # e.g. "nội dung 3: điểm Khối", "điểm thưởng", "không xếp hạng"
    before: Value
    after: Value


@dataclass(frozen=True)
class RankChange:
    unit: str
    rank: tuple[int | None, int | None]
    total: tuple[Decimal | None, Decimal | None]
    band: tuple[str | None, str | None]
    titles: tuple[list[str], list[str]]
    undecided: tuple[list[str], list[str]]


@dataclass
class Side:
    """One side of the comparison: what could be read, its problems, and its ranking if valid."""

    label: str
    files: YearFiles | None
    report: Report = field(default_factory=Report)
    year: Year | None = None
    ranking: Ranking | None = None  # with the history of its own side, when its titles read earlier years


@dataclass
class YearDiff:
    before: Side
    after: Side
    fields: list[FieldChange]
    ranks: list[RankChange]
    labels: dict[str, str]  # unit id -> short label
    titles: dict[str, str]  # title id -> name
    name: str = ""  # the year folder's name


_LABEL = {"self": "điểm tự chấm", "block": "điểm Khối", "note": "ghi chú"}


def _by_unit(files: YearFiles | None) -> dict[str, UnitScores]:
    if files is None:
        return {}
    return files.scores_by_unit()


def _entries(old: list[Entry], new: list[Entry], unit: str, label: str) -> list[FieldChange]:
    def key(entry: Entry) -> tuple[Decimal, str]:
        return (entry.points, entry.reason)

    before, after = [key(e) for e in old], [key(e) for e in new]
    changes = [FieldChange(unit, f"{label}: {e[1]}", e[0], None) for e in before if e not in after]
    changes += [FieldChange(unit, f"{label}: {e[1]}", None, e[0]) for e in after if e not in before]
    return changes


def score_changes(before: YearFiles | None, after: YearFiles | None,
                  titles: dict[str, str] | None = None) -> list[FieldChange]:
    old, new = _by_unit(before), _by_unit(after)
    changes: list[FieldChange] = []
    for unit in sorted(set(old) | set(new)):
        a, b = old.get(unit), new.get(unit)
        items = sorted(set(a.scores if a else {}) | set(b.scores if b else {}))
        for item in items:
            sa = a.scores.get(item) if a else None
            sb = b.scores.get(item) if b else None
            for key in ("self", "block", "note"):
                va = getattr(sa, "self_score" if key == "self" else key) if sa else None
                vb = getattr(sb, "self_score" if key == "self" else key) if sb else None
                if va != vb:
                    changes.append(FieldChange(unit, f"nội dung {item}: {_LABEL[key]}", va, vb))
        for key, label in ENTRY_LABELS.items():
            if key in PROPOSAL_KEYS:
                label += " (chờ Khối xem xét)"
            changes += _entries(getattr(a, key) if a else [], getattr(b, key) if b else [], unit, label)
        if (a.excluded if a else None) != (b.excluded if b else None):
            changes.append(FieldChange(unit, "không xếp hạng", a.excluded if a else None, b.excluded if b else None))
    changes += [FieldChange(*change) for change in input_changes(before, after)]  # criteria, grades, targets
    changes += _vote_changes(before, after, titles or {})
    return changes


def _vote_changes(before: YearFiles | None, after: YearFiles | None, titles: dict[str, str]) -> list[FieldChange]:
    def votes(files: YearFiles | None) -> dict[tuple[str, str], int]:
        ballot = files.review.ballot if files and files.review else None
        per_title = ballot.votes if ballot else {}
        if ballot is not None and ballot.ballots and files is not None and files.compact is not None:
            per_title = count(ballot.ballots, ballot.candidates or None, files.compact.titles).votes
        return {(t, u): n for t, per in per_title.items() for u, n in per.items()}

    def votes_of(counted: dict[tuple[str, str], int], key: tuple[str, str]) -> int | None:
        """A unit nobody chose has 0 votes for a title that has ballots; None when the title has none."""
        return counted.get(key, 0 if any(t == key[0] for t, _ in counted) else None)

    old, new = votes(before), votes(after)
    return [
        FieldChange(unit, f"phiếu bầu «{titles.get(title, title)}»", _text(votes_of(old, (title, unit))),
                    _text(votes_of(new, (title, unit))))
        for title, unit in sorted(set(old) | set(new)) if votes_of(old, (title, unit)) != votes_of(new, (title, unit))
    ]


def _text(value: int | None) -> str | None:
    return None if value is None else str(value)


def rank_changes(before: Ranking | None, after: Ranking | None) -> list[RankChange]:
    if before is None or after is None:
        return []
    old = {r.unit.id: r for r in before.units}
    new = {r.unit.id: r for r in after.units}
    changes = []
    for result in after.units + [r for r in before.units if r.unit.id not in new]:
        unit = result.unit.id
        a, b = old.get(unit), new.get(unit)
        change = RankChange(
            unit,
            (a.rank if a else None, b.rank if b else None),
            (a.total if a else None, b.total if b else None),
            (a.band if a else None, b.band if b else None),
            (a.titles if a else [], b.titles if b else []),
            (a.undecided if a else [], b.undecided if b else []),
        )
        if any(x != y for x, y in (change.rank, change.total, change.band, change.titles, change.undecided)):
            changes.append(change)
    return changes


def compare(before: Side, after: Side) -> YearDiff:
    labels: dict[str, str] = {}
    titles: dict[str, str] = {}
    for side in (before, after):
        if side.files is not None:
            labels.update({u.id: u.label for u in side.files.units or []})
            titles.update(side.files.compact.title_names if side.files.compact else {})
    return YearDiff(before, after, score_changes(before.files, after.files, titles),
                    rank_changes(before.ranking, after.ranking), labels, titles)


def read_side(top: Path, root: Path, folder: Path, revision: str | None, scratch: Path) -> Side:
    """The year as it is in the working tree (revision None) or at a git revision, through the year's pipeline."""
    label = "thư mục làm việc" if revision is None else f"bản {revision}"
    data_root, year_dir = root, folder
    if revision is not None:
        whole = root / "compacts" if folder.parent == root / "compacts" else folder  # history.yaml, earlier years too
        if not extract_year(top, revision, whole, scratch):
            return Side(label, None)
        data_root, year_dir = scratch / root.relative_to(top), scratch / folder.relative_to(top)
    if not year_dir.is_dir():
        return Side(label, None)
    run = run_year(data_root, year_dir)
    return Side(label, run.files, run.report, run.year, run.ranking)


def compare_revisions(root: Path, folder: Path, revision: str, against: str | None) -> YearDiff:
    """The year folder at `revision` against `against` (None: the working tree), read through git."""
    top = repository_top(root)
    for rev in (revision, against):
        if rev is not None:
            check_revision(top, rev)
    with tempfile.TemporaryDirectory(prefix="giaouoc-diff-") as work:
        before = read_side(top, root, folder, revision, Path(work) / "before")
        after = read_side(top, root, folder, against, Path(work) / "after")
    result = compare(before, after)
    result.name = folder.name
    return result
