"""The meeting's vote as the ranking sees it (spec meeting.md §1–2): the candidates, and the recorded ballots counted.

A unit is a candidate for a title that takes a vote when, ranking the year as if review.yaml had no ballot,
it is undecided for that title: every other condition holds or waits. The ballots recorded one by one are
counted against the candidates printed on the paper (`ballot.candidates`), or those computed now.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from giaouoc.model.records import Ballot
from giaouoc.model.tally import Tally, count, counted_ballot, vote_titles
from giaouoc.model.year import Year

if TYPE_CHECKING:
    from giaouoc.model.history import Past


def without_ballot(year: Year) -> Year:
    """The year as if review.yaml recorded no ballot."""
    if year.review is None or year.review.ballot is None:
        return year
    return dataclasses.replace(year, review=dataclasses.replace(year.review, ballot=None))


def with_ballot(year: Year, ballot: Ballot) -> Year:
    assert year.review is not None
    return dataclasses.replace(year, review=dataclasses.replace(year.review, ballot=ballot))


def candidates(year: Year, past: Past | None = None) -> dict[str, list[str]]:
    """Title id -> the units on the ballot paper for it, in rank order, for every title that takes a vote."""
    return _paper(year, past)[0]


def _paper(year: Year, past: Past | None) -> tuple[dict[str, list[str]], bool]:
    """The candidates, and whether the ranking they come from is complete (every unit ranked, scores agreed)."""
    from giaouoc.rank.ranking import rank_year

    ranking = rank_year(without_ballot(year), past, paper=False)
    found: dict[str, list[str]] = {t.id: [] for t in vote_titles(year.compact.titles)}
    for decision in ranking.decisions:  # in rank order within each title
        if decision.title_id in found and decision.outcome == "undecided":
            found[decision.title_id].append(decision.unit_id)
    complete = not ranking.provisional and all(r.rank is not None or r.excluded for r in ranking.units)
    return found, complete


def printed(year: Year, past: Past | None = None) -> dict[str, list[str]] | None:
    """The candidates of the ballot paper: as recorded in `ballot.candidates`, else computed now; None when no
    title takes a vote."""
    if not vote_titles(year.compact.titles):
        return None
    ballot = year.review.ballot if year.review else None
    if ballot is not None and ballot.candidates:
        return {t.id: list(ballot.candidates.get(t.id, [])) for t in vote_titles(year.compact.titles)}
    return candidates(year, past)


def counted(year: Year, paper: dict[str, list[str]] | None) -> tuple[Year, Tally | None]:
    """The year with its recorded ballots counted into voters and votes, and the tally (None: nothing recorded)."""
    ballot = year.review.ballot if year.review else None
    if ballot is None or not ballot.ballots:
        return year, None
    tally = count(ballot.ballots, paper or {}, year.compact.titles)
    return with_ballot(year, counted_ballot(ballot, tally)), tally


def changed_candidates(year: Year, past: Past | None = None) -> dict[str, tuple[list[str], list[str]]]:
    """Titles whose candidates as printed differ from those computed now from a complete ranking: title ->
    (printed, now)."""
    ballot = year.review.ballot if year.review else None
    if ballot is None or not ballot.candidates:
        return {}
    now, complete = _paper(year, past)
    if not complete:  # scores still missing or not agreed: no ranking to compare the paper with yet
        return {}
    return {t: (list(ballot.candidates.get(t, [])), units) for t, units in now.items()
            if sorted(ballot.candidates.get(t, [])) != sorted(units)}
