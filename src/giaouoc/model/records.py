"""The records of a compact year, one frozen dataclass per file of the data format (docs/dinh-dang.md).

Each field names, in its metadata, the converter that turns a YAML value into it (model/fields.py);
load/reader.py walks a whole file in one pass with these. The records check shape and types only:
rules on values and across files live in rules/. (Plain dataclasses, not pydantic models: building
pydantic models costs more than the whole of `giaouoc validate` may take on a block. Nothing changes a record
once read, but they are not declared frozen: frozen dataclasses cost about 10 ms more to define, on the start-up
path of every command.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from giaouoc.model.fields import (
    CRITERION_KINDS,
    ID,
    POINTS,
    TEXT,
    WHOLE,
    YEAR_COUNT,
    Marks,
    Opinion,
    TieBreak,
    at_target,
    block_code,
    clock_time,
    criterion_id,
    criterion_input,
    flag,
    grade_value,
    identifier,
    iso_date,
    list_of,
    map_of,
    marks,
    one_of,
    opinion,
    optional_points,
    record,
    spec,
    text,
    tie_break,
    value,
    vote_base,
    vote_share,
    whole,
)


@dataclass(kw_only=True, eq=False)
class Person:
    """A person as documents name them: cấp bậc, họ tên, chức vụ."""

    rank: str | None = spec(TEXT, None)
    name: str = spec(TEXT)
    title: str | None = spec(TEXT, None)


@dataclass(kw_only=True, eq=False)
class Block:
    """The emulation block: its name, code and how its name breaks in document headers."""

    name: str = spec(TEXT)
    code: str | None = spec(value(block_code), None)
    header: list[str] = spec(list_of(TEXT), factory=list)  # how the issuer line breaks in document headers


@dataclass(kw_only=True, eq=False)
class Signing:
    """The signing meeting of the compact (ký giao ước)."""

    date: date = spec(value(iso_date))
    place: str | None = spec(TEXT, None)
    chair: Person = spec(record(Person))


@dataclass(kw_only=True, eq=False)
class Band:
    """A band (xếp loại) and the total it starts at."""

    name: str = spec(TEXT)
    min: Decimal = spec(POINTS)
    short: str | None = spec(TEXT, None)  # HTXS, HTT …


@dataclass(kw_only=True, eq=False)
class Scoring:
    """How totals count: the items' total, the bonus cap, tie-breaks and bands."""

    total: Decimal | None = spec(POINTS, None)
    bonus_cap: Decimal | None = spec(POINTS, None)
    tie_break: list[TieBreak] = spec(list_of(value(tie_break)), factory=list)
    bands: list[Band] = spec(list_of(record(Band)), factory=list)


@dataclass(kw_only=True, eq=False)
class HistoryCondition:
    """A condition over this and earlier years (docs/lich-su.md): exactly one of band, title, without."""

    band: str | None = spec(TEXT, None)  # this band or a higher one, every year covered
    title: str | None = spec(ID, None)  # proposed (this year) or awarded (earlier years), every year covered
    without: str | None = spec(ID, None)  # not proposed / not awarded, every year covered
    years: int = spec(YEAR_COUNT)
    before: bool = spec(value(flag), False)  # the `years` years before the year ranked, not ending with it

    def covered(self, year: int) -> list[int]:
        """The years this condition looks at when `year` is ranked, oldest first."""
        last = year - 1 if self.before else year
        return list(range(last - self.years + 1, last + 1))

    @property
    def kind(self) -> str:
        return "band" if self.band is not None else "title" if self.title is not None else "without"


@dataclass(kw_only=True, eq=False)
class Title:
    """A title the block proposes and the conditions a unit must meet for it."""

    id: str = spec(ID)
    name: str = spec(TEXT)
    group: str | None = spec(ID, None)
    max: int | None = spec(WHOLE, None)
    min_total: Decimal | None = spec(POINTS, None)
    requires: list[str] = spec(list_of(ID), factory=list)
    min_vote_share: Fraction | None = spec(value(vote_share), None)  # at least this share
    over_vote_share: Fraction | None = spec(value(vote_share), None)  # more than this share
    vote_base: str | None = spec(value(vote_base), None)  # "members": shares of ballot.members, not of voters
    history: list[HistoryCondition] = spec(list_of(record(HistoryCondition)), factory=list)
    kind: str = spec(value(one_of("danh-hieu", "khen-thuong")), "danh-hieu")  # danh hiệu thi đua or khen thưởng

    @property
    def depends_on(self) -> list[str]:
        """Titles decided before this one: those it requires, and those its history conditions read this year."""
        read = [c.title or c.without or "" for c in self.history if not c.before and c.kind != "band"]
        return list(dict.fromkeys([*self.requires, *read]))

    @property
    def vote_threshold(self) -> Fraction | None:
        return self.min_vote_share if self.min_vote_share is not None else self.over_vote_share


@dataclass(kw_only=True, eq=False)
class DocumentSettings:
    """What the clerk sets for one document: number, date, căn cứ, Kính gửi, Nơi nhận, Lưu."""

    number: str | None = spec(TEXT, None)
    date: date | None = spec(value(iso_date), None)
    to: list[str] = spec(list_of(TEXT), factory=list)  # Kính gửi (tờ trình only)
    bases: list[str] = spec(list_of(TEXT), factory=list)  # căn cứ (giao ước, tờ trình)
    recipients: list[str] = spec(list_of(TEXT), factory=list)  # Nơi nhận, as written
    archive: list[str] = spec(list_of(TEXT), factory=list)  # the "Lưu:" entries; default [VT]


@dataclass(kw_only=True, eq=False)
class Grading:
    """Cross-grading (chấm chéo, docs/cham-diem.md): how graders' values combine, when a content is disputed."""

    method: str = spec(value(one_of("mean", "median")), "mean")
    dispute: Decimal | None = spec(POINTS, None)  # self and graded points this far apart: a dispute
    assignments: dict[str, list[str]] = spec(map_of(identifier, list_of(ID)), factory=dict)  # grader -> units


@dataclass(kw_only=True, eq=False)
class Compact:
    """compact.yaml: the compact of one year."""

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
    grading: Grading | None = spec(record(Grading), None)

    @property
    def title_names(self) -> dict[str, str]:
        """Title id -> name, in the order listed."""
        return {t.id: t.name for t in self.titles}

    def title_name(self, title_id: str) -> str:
        return self.title_names.get(title_id, title_id)


@dataclass(kw_only=True, eq=False)
class Unit:
    """A member unit of the block in one year."""

    id: str = spec(ID)
    name: str = spec(TEXT)
    short: str | None = spec(TEXT, None)
    head: Person = spec(record(Person))
    registered: list[str] = spec(list_of(ID), factory=list)
    formerly: list[str] = spec(list_of(ID), factory=list)  # the ids it replaces: renamed from, merged from
    header: list[str] = spec(list_of(TEXT), factory=list)  # how its name breaks in the signature grid

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass(kw_only=True, eq=False)
class UnitsFile:
    """units.yaml."""

    units: list[Unit] = spec(list_of(record(Unit)))


@dataclass(kw_only=True, eq=False)
class Criterion:
    """A criterion (tiêu chí) of a content and its scoring rule (docs/cham-diem.md)."""

    id: str = spec(value(criterion_id))
    title: str = spec(TEXT)
    kind: str = spec(value(one_of(*CRITERION_KINDS)))
    max: Decimal = spec(POINTS)
    per: Decimal | None = spec(POINTS, None)  # count, deduct: points each time
    measure: str | None = spec(TEXT, None)  # what is counted: %, vụ, lần …
    at_target: Fraction | None = spec(value(at_target), None)  # target: share of max at the target (1/2)
    better: str = spec(value(one_of("higher", "lower")), "higher")

    @property
    def share(self) -> Fraction:
        return self.at_target if self.at_target is not None else Fraction(1, 2)


@dataclass(kw_only=True, eq=False)
class Item:
    """A key content of the compact (nội dung giao ước) and its max points."""

    id: int = spec(WHOLE)
    title: str = spec(TEXT)
    max: Decimal = spec(POINTS)
    guide: str | None = spec(TEXT, None)
    criteria: list[Criterion] = spec(list_of(record(Criterion)), factory=list)


@dataclass(kw_only=True, eq=False)
class ItemsFile:
    """items.yaml."""

    items: list[Item] = spec(list_of(record(Item)))


Input = Decimal | bool  # what is written for a criterion: a number, or đạt (True) / không đạt (False)


@dataclass(kw_only=True, eq=False)
class CriterionScore:
    """One criterion's inputs for a unit: self-assessed, and the block's decision (docs/cham-diem.md)."""

    self_score: Input | None = spec(value(criterion_input), None, key="self")
    block: Input | None = spec(value(criterion_input), None)
    note: str | None = spec(TEXT, None)


@dataclass(kw_only=True, eq=False)
class ItemScore:
    """One item's scores for a unit: self-assessed and agreed by the block."""

    self_score: Decimal | None = spec(POINTS, None, key="self")
    block: Decimal | None = spec(POINTS, None)
    note: str | None = spec(TEXT, None)
    criteria: dict[str, CriterionScore | None] = spec(map_of(criterion_id, record(CriterionScore)), factory=dict)
    explain: str | None = spec(TEXT, None)  # the unit's giải trình

    @property
    def counted(self) -> Decimal | None:
        """The score that counts: the block's when agreed, else the unit's own."""
        return self.block if self.block is not None else self.self_score


@dataclass(kw_only=True, eq=False)
class Entry:
    """A bonus or penalty entry: points and reason."""

    points: Decimal = spec(POINTS)
    reason: str = spec(TEXT)
    ref: str | None = spec(TEXT, None)


@dataclass(kw_only=True, eq=False)
class UnitScores:
    """scores/<unit>.yaml: a unit's scores, bonus and penalty entries."""

    unit: str = spec(ID)
    scores: dict[int, ItemScore | None] = spec(map_of(whole, record(ItemScore)), factory=dict)
    bonus: list[Entry] = spec(list_of(record(Entry)), factory=list)
    penalties: list[Entry] = spec(list_of(record(Entry)), factory=list)
    # what the unit wrote in its form (đơn vị đề nghị / tự nhận): counts only once the Khối moves it above
    proposed_bonus: list[Entry] = spec(list_of(record(Entry)), factory=list)
    proposed_penalties: list[Entry] = spec(list_of(record(Entry)), factory=list)
    excluded: str | None = spec(TEXT, None)


# UnitScores' entry lists: the Khối's, then what units proposed in their forms (not counted until accepted)
ENTRY_LABELS: dict[str, str] = {"bonus": "điểm thưởng", "penalties": "điểm trừ",
                                "proposed_bonus": "điểm thưởng đơn vị đề nghị",
                                "proposed_penalties": "điểm trừ đơn vị tự nhận"}
PROPOSAL_KEYS = ("proposed_bonus", "proposed_penalties")


@dataclass(kw_only=True, eq=False)
class Round:
    """A second round for the units tied at a title's cut (review.yaml `ballot.rounds`)."""

    title: str = spec(ID)
    candidates: list[str] = spec(list_of(ID))
    places: int = spec(WHOLE)
    ballots: list[dict[str, Marks]] = spec(list_of(map_of(identifier, value(marks))), factory=list)


@dataclass(kw_only=True, eq=False)
class Ballot:
    """The secret ballot of the review meeting."""

    issued: int | None = spec(WHOLE, None)  # phiếu phát ra
    returned: int | None = spec(WHOLE, None)  # phiếu thu về
    invalid: int | None = spec(WHOLE, None)  # phiếu không hợp lệ
    members: int | None = spec(WHOLE, None)  # members entitled to vote (for titles with vote_base: members)
    voters: int | None = spec(WHOLE, None)  # phiếu hợp lệ: required unless the ballots are recorded one by one
    votes: dict[str, dict[str, int]] = spec(map_of(identifier, map_of(identifier, WHOLE)), factory=dict)
    present: int | None = spec(WHOLE, None)  # thành viên có mặt
    quorum: Fraction | None = spec(value(vote_share), None)  # present / members must reach this
    candidates: dict[str, list[str]] = spec(map_of(identifier, list_of(ID)), factory=dict)  # as printed
    ballots: list[dict[str, Marks]] = spec(list_of(map_of(identifier, value(marks))), factory=list)
    rounds: list[Round] = spec(list_of(record(Round)), factory=list)  # second rounds for a tie at a cut

    @property
    def quorum_met(self) -> bool:
        """Whether enough members were present for the vote to take place (true when no quorum is set)."""
        if self.quorum is None or self.members is None or self.present is None or self.members < 1:
            return True
        return Fraction(self.present, self.members) >= self.quorum

    @property
    def valid_count(self) -> int:
        """The valid ballots as written (0 when not written)."""
        return self.voters or 0

    def base(self, title: Title) -> int:
        """What a title's vote share is taken of: the members (vote_base: members) or the valid ballots."""
        return self.members if title.vote_base == "members" and self.members is not None else self.valid_count


@dataclass(kw_only=True, eq=False)
class Absence:
    """A unit absent from the review meeting, and why."""

    unit: str = spec(ID)
    reason: str = spec(TEXT)


@dataclass(kw_only=True, eq=False)
class Next:
    """Next year's Trưởng and Phó khối, elected at the review."""

    leader: str = spec(ID)
    deputy: str = spec(ID)


@dataclass(kw_only=True, eq=False)
class Review:
    """review.yaml: the year-end review meeting and its ballot."""

    date: date = spec(value(iso_date))
    start: str | None = spec(value(clock_time), None)
    end: str | None = spec(value(clock_time), None)
    place: str | None = spec(TEXT, None)
    chair: Person = spec(record(Person))
    secretary: Person = spec(record(Person))
    attendees: list[str] = spec(list_of(TEXT), factory=list)
    absent: list[Absence] = spec(list_of(record(Absence)), factory=list)
    counting_board: list[Person] = spec(list_of(record(Person)), factory=list)  # ban kiểm phiếu
    ballot: Ballot | None = spec(record(Ballot), None)
    opinions: list[Opinion] = spec(list_of(value(opinion)), factory=list)  # text, or {speaker, text}
    conclusions: str | None = spec(TEXT, None)
    next: Next | None = spec(record(Next), None)  # Trưởng, Phó khối năm sau
    copies: int | None = spec(WHOLE, None)  # số bản biên bản


@dataclass(kw_only=True, eq=False)
class TargetsFile:
    """targets.yaml: chỉ tiêu giao per target criterion and unit (null: no specific target), criteria not applying."""

    targets: dict[str, dict[str, Decimal | None]] = spec(map_of(criterion_id, map_of(identifier, value(
        optional_points))), factory=dict)
    not_applicable: dict[str, list[str]] = spec(map_of(criterion_id, list_of(ID)), factory=dict)


@dataclass(kw_only=True, eq=False)
class GradeFile:
    """grades/<grader>/<unit>.yaml: what one grader gave one unit."""

    grader: str = spec(ID)
    unit: str = spec(ID)
    scores: dict[int, Decimal | dict[str, Input]] = spec(map_of(whole, value(grade_value)), factory=dict)
    notes: dict[int, str] = spec(map_of(whole, TEXT), factory=dict)
