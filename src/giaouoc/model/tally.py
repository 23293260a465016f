"""Counting the ballots recorded one by one (docs/hoi-nghi.md; spec meeting.md §2): pure, on records only.

A ballot is a mapping title id -> the unit ids marked, or `invalid` -> the board's reason. It is invalid as
a whole when marked `invalid`, or when for some title it marks more units than the title's `max`, a unit that
is not a candidate for it, or the same unit twice. Rules (for the warnings, with lines) and ranking (for the
votes) count the same way, here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from giaouoc.model.fields import Marks
from giaouoc.model.records import Ballot, Round, Title

INVALID_KEY = "invalid"
MARKED_INVALID = "ban kiểm phiếu ghi không hợp lệ"


@dataclass(frozen=True)
class Spoiled:
    """An invalid ballot: its index in the list (0-based) and why it does not count."""

    index: int
    reason: str


@dataclass
class Tally:
    """What the ballots add up to: returned, the invalid ones with their reasons, and the votes per title."""

    returned: int
    spoiled: list[Spoiled]
    votes: dict[str, dict[str, int]]  # every title that takes a vote, empty when no valid ballot marked it
    candidates: dict[str, list[str]] = field(default_factory=dict)  # what the ballots were judged against

    @property
    def invalid(self) -> int:
        return len(self.spoiled)

    @property
    def voters(self) -> int:
        return self.returned - len(self.spoiled)


def unit_marks(value: Marks) -> tuple[str, ...]:
    """The units a ballot marks for a title (a single id written without brackets counts as one)."""
    return (value,) if isinstance(value, str) else value


def vote_titles(titles: list[Title]) -> list[Title]:
    """The titles that take a vote, in the order compact.yaml lists them."""
    return [t for t in titles if t.vote_threshold is not None]


def judge(paper: dict[str, Marks], candidates: dict[str, list[str]] | None, titles: dict[str, Title],
          limit: int | None = None) -> str | None:
    """Why a ballot is invalid, or None when it counts. Without `candidates`, candidacy is not judged;
    `limit` caps every title (a second round's places) instead of each title's `max`."""
    if INVALID_KEY in paper:
        reason = paper[INVALID_KEY]
        return reason if isinstance(reason, str) else MARKED_INVALID
    for title_id, value in paper.items():
        marked = unit_marks(value)
        name = titles[title_id].name if title_id in titles else title_id
        twice = next((u for i, u in enumerate(marked) if u in marked[:i]), None)
        if twice is not None:
            return f"ghi «{twice}» hai lần ở «{name}»"
        most = limit if limit is not None else titles[title_id].max if title_id in titles else None
        if most is not None and len(marked) > most:
            return f"chọn {len(marked)} đơn vị ở «{name}», quá số được chọn tối đa {most}"
        allowed = candidates.get(title_id, []) if candidates is not None else None
        stranger = next((u for u in marked if allowed is not None and u not in allowed), None)
        if stranger is not None:
            return f"chọn «{stranger}» ở «{name}», đơn vị không có trong danh sách bầu"
    return None


def count(papers: list[dict[str, Marks]], candidates: dict[str, list[str]] | None, titles: list[Title],
          limit: int | None = None) -> Tally:
    """Count the ballots against the candidates (None: candidacy not judged)."""
    by_id = {t.id: t for t in titles}
    votes: dict[str, dict[str, int]] = {t.id: {} for t in vote_titles(titles)}
    spoiled = []
    for index, paper in enumerate(papers):
        reason = judge(paper, candidates, by_id, limit)
        if reason is not None:
            spoiled.append(Spoiled(index, reason))
            continue
        for title_id, value in paper.items():
            for unit_id in unit_marks(value):
                tally = votes.setdefault(title_id, {})
                tally[unit_id] = tally.get(unit_id, 0) + 1
    order = candidates or {}
    for title_id, tally in votes.items():
        rank = {u: i for i, u in enumerate(order.get(title_id, []))}
        votes[title_id] = dict(sorted(tally.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))
    return Tally(len(papers), spoiled, votes, dict(candidates or {}))


def count_round(round_: Round, titles: list[Title]) -> Tally:
    """A second round: each ballot marks at most `places` units among the round's candidates."""
    title = next((t for t in titles if t.id == round_.title), None)
    return count(round_.ballots, {round_.title: list(round_.candidates)}, [title] if title else [],
                 limit=round_.places)


def counted_ballot(ballot: Ballot, tally: Tally) -> Ballot:
    """The ballot with the totals the tally computed (returned, invalid, voters, votes)."""
    return dataclasses.replace(ballot, returned=tally.returned, invalid=tally.invalid, voters=tally.voters,
                               votes=tally.votes)


def mismatches(ballot: Ballot, tally: Tally) -> list[tuple[str, str]]:
    """Totals written by hand that differ from the computed ones: (key, message) for each."""
    found = []
    for key, label, computed in (("returned", "phiếu thu về", tally.returned),
                                 ("invalid", "phiếu không hợp lệ", tally.invalid),
                                 ("voters", "phiếu hợp lệ", tally.voters)):
        written = getattr(ballot, key)
        if written is not None and written != computed:
            found.append((key, f"«{key}» ghi {written} {label}, nhưng các phiếu đã ghi cho {computed}"))
    for title_id, written_votes in ballot.votes.items():
        computed_votes = {u: n for u, n in tally.votes.get(title_id, {}).items() if n}
        if {u: n for u, n in written_votes.items() if n} != computed_votes:
            shown = ", ".join(f"{u}: {n}" for u, n in computed_votes.items()) or "không phiếu nào"
            found.append((f"votes.{title_id}", f"số phiếu ghi cho «{title_id}» khác số đếm từ các phiếu ({shown})"))
    return found
