"""A second round for the units still tied at a title's cut after the vote (spec meeting.md §2, `ballot.rounds`).

The round orders the tied units for the places left by its votes: units with more votes than the last place
reached take their places; units tied again on the last place stay undecided; the others miss the title.
"""

from __future__ import annotations

from giaouoc.model.records import Round, Title
from giaouoc.model.results import Condition, TitleDecision, UnitResult
from giaouoc.model.tally import count_round

TIE_AGAIN = "vòng bầu thứ hai vẫn đồng phiếu tại số lượng tối đa: Khối quyết định"


def second_round(title: Title, tied: list[tuple[UnitResult, tuple[Condition, ...]]], round_: Round,
                 places: int) -> list[TitleDecision]:
    """Decisions for the tied units, ordered by the round's votes for `places` places."""
    tally = count_round(round_, [title])
    votes = tally.votes.get(title.id, {})
    order = sorted(tied, key=lambda rc: -votes.get(rc[0].unit.id, 0))
    cut = votes.get(order[places - 1][0].unit.id, 0) if 0 < places <= len(order) else -1
    above = sum(1 for r, _ in order if votes.get(r.unit.id, 0) > cut)
    at_cut = sum(1 for r, _ in order if votes.get(r.unit.id, 0) == cut)
    decisions = []
    for result, conditions in order:
        got = votes.get(result.unit.id, 0)
        said = Condition("round", "holds" if got > cut or above + at_cut <= places else "fails",
                         f"vòng bầu thứ hai ({places} suất, {tally.voters} phiếu hợp lệ): được {got} phiếu")
        if got > cut or (got == cut and above + at_cut <= places):
            decisions.append(TitleDecision(title.id, result.unit.id, "proposed", (*conditions, said)))
        elif got == cut:
            waiting = Condition("round", "waits", said.detail, TIE_AGAIN)
            decisions.append(TitleDecision(title.id, result.unit.id, "undecided", (*conditions, waiting), TIE_AGAIN))
        else:
            decisions.append(TitleDecision(title.id, result.unit.id, "missed", (*conditions, said),
                                           places_gone=True))
    return decisions
