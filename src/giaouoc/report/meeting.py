"""The meeting as `status` shows it (spec meeting.md §5): attendance and quorum, ballots recorded, invalid ones."""

from __future__ import annotations

from typing import Any

from giaouoc.model.results import Ranking
from giaouoc.rank.titles import no_quorum


def meeting_line(ranking: Ranking | None) -> str:
    """ " Có mặt 9/9 thành viên (đủ số: từ 2/3). Đã ghi 9 phiếu: 9 hợp lệ, 0 không hợp lệ.", or empty."""
    ballot = ranking.ballot if ranking is not None else None
    if ballot is None:
        return ""
    said = []
    if ballot.members is not None and ballot.present is not None:
        quorum = f" (đủ số: từ {ballot.quorum.numerator}/{ballot.quorum.denominator})" if ballot.quorum else ""
        said.append(f"Có mặt {ballot.present}/{ballot.members} thành viên{quorum}." if ballot.quorum_met
                    else f"Không bỏ phiếu: {no_quorum(ballot)}.")
    tally = ranking.tally if ranking is not None else None
    if tally is not None:
        line = f"Đã ghi {tally.returned} phiếu: {tally.voters} hợp lệ, {tally.invalid} không hợp lệ"
        line += "".join(f"; phiếu thứ {s.index + 1}: {s.reason}" for s in tally.spoiled)
        said.append(line + ".")
    return "".join(" " + s for s in said)


def meeting_dict(ranking: Ranking | None) -> dict[str, Any] | None:
    """The meeting in `status --format json`: None without a ballot."""
    ballot = ranking.ballot if ranking is not None else None
    if ranking is None or ballot is None:
        return None
    tally = ranking.tally
    return {
        "members": ballot.members,
        "present": ballot.present,
        "quorum": str(ballot.quorum) if ballot.quorum is not None else None,
        "quorum_met": ballot.quorum_met,
        "recorded": tally.returned if tally is not None else None,
        "valid": ballot.voters,
        "invalid": [{"position": s.index + 1, "reason": s.reason} for s in tally.spoiled] if tally else [],
    }
