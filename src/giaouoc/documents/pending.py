"""What a draft states about results not yet known: which units have no result yet and why, and the list of
what is pending, said once for all the units it concerns (spec/documents.md, "Drafts")."""

from __future__ import annotations

from giaouoc.model.documents import pending_entries
from giaouoc.model.results import Ranking, UnitResult
from giaouoc.model.year import Year
from giaouoc.vietnamese import two_digits

NO_SCORES = "chưa có điểm nội dung nào"


def number_ranges(numbers: list[int]) -> str:
    """ "1–13", "2, 5–7, 9": runs of three or more consecutive numbers as a range."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs)


ITEMS_MISSING = "thiếu điểm nội dung "  # how the ranking words a unit left unranked for missing contents


def missing_items(result: UnitResult) -> list[int]:
    return [item for item, score in result.items.items() if score is None]


def missing_phrase(result: UnitResult) -> str:
    """Why a unit has no result yet: no score at all, the contents still without one as ranges ("thiếu điểm
    nội dung 3–13"), or the ranking's own reason when it says more than which contents."""
    missing = missing_items(result)
    if missing and len(missing) == len(result.items):
        return NO_SCORES
    reason = result.not_ranked or ""
    return ITEMS_MISSING + number_ranges(missing) if missing and reason.startswith(ITEMS_MISSING) else reason


def unscored(ranking: Ranking) -> dict[str, str]:
    """Unit id -> what its results column says instead of a band, for every unit left unranked by missing
    scores (not excluded): "Chưa có điểm", or "Chưa đủ điểm (thiếu nội dung 3–13)"."""
    found = {}
    for result in ranking.units:
        if result.rank is None and not result.excluded:
            phrase = missing_phrase(result)
            found[result.unit.id] = "Chưa có điểm" if phrase == NO_SCORES else \
                f"Chưa đủ điểm ({phrase.replace('thiếu điểm nội dung', 'thiếu nội dung', 1)})"
    return found


def any_scores(ranking: Ranking) -> bool:
    """Whether any unit has a score on any content: without one there is no result to show at all."""
    return any(score is not None for r in ranking.units for score in r.items.values())


def pending_lines(doc_id: str, year: Year, ranking: Ranking) -> list[str]:
    """What is pending, one line per reason naming every unit it concerns ("Cả 09 đơn vị" when it is all)."""
    shorter = {(r.unit.label, r.not_ranked): missing_phrase(r)
               for r in ranking.units if r.rank is None and not r.excluded}
    grouped: dict[str, list[str]] = {}
    for who, what in pending_entries(doc_id, year, ranking):
        grouped.setdefault(shorter.get((who, what), what), []).append(who)
    lines = []
    for what, whom in grouped.items():
        everyone = len(whom) == len(ranking.units) > 1
        lines.append(f"Cả {two_digits(len(whom))} đơn vị: {what}" if everyone else f"{', '.join(whom)}: {what}")
    return lines
