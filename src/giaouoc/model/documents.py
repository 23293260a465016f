"""The block's documents (docs/van-ban.md), what each needs, and whether what it would state is final."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: `validate` needs the document ids, not the ranking's classes
    from giaouoc.model.results import Ranking
    from giaouoc.model.year import Year

DOCUMENT_IDS = ("giao-uoc", "bang-diem", "bien-ban", "to-trinh")
STATES_RESULTS = ("bang-diem", "bien-ban", "to-trinh")  # documents that state results: drafts until final
NO_BLOCK_SCORE = "chưa có điểm Khối"
NO_BALLOT = "chưa có kết quả bỏ phiếu"


def clean_base(base: str) -> str:
    """A căn cứ as giaouoc prints it after "Căn cứ ": without the words and the end punctuation it adds."""
    text = base.strip()
    if text.lower().startswith("căn cứ"):
        text = text[len("căn cứ"):].lstrip(" :")
    return text.rstrip(" ;.")


def missing_for(doc_id: str, has_review: bool) -> str | None:
    """What a document still lacks, or None when its data is there."""
    if doc_id == "bien-ban" and not has_review:
        return "chưa có review.yaml (hội nghị bình xét, suy tôn)"
    return None


def pending_for(doc_id: str, year: Year, ranking: Ranking) -> list[str]:
    """What is still pending in what the document would state: empty when it is final.

    The bảng điểm is final on scores alone (it is needed at the meeting, before the ballot); the biên
    bản and tờ trình are final when the ranking is (docs/xep-hang.md, "Kết quả cuối cùng").
    """
    if doc_id not in STATES_RESULTS:
        return []
    found = []
    for result in ranking.units:
        name = result.unit.label
        if result.rank is not None and result.provisional:
            found.append(f"{name}: {NO_BLOCK_SCORE}")
        elif result.rank is None and not result.excluded:
            found.append(f"{name}: {result.not_ranked}")
    if doc_id == "bang-diem":
        return found + _ties_waiting_for_a_ballot(year, ranking)
    for result in ranking.units:
        found += [f"{result.unit.label}: {year.compact.title_name(title)} — {reason}"
                  for title, reason in result.pending.items()]
    return found


def _ties_waiting_for_a_ballot(year: Year, ranking: Ranking) -> list[str]:
    """Ranks that a `votes:T` tie-break would decide while T's ballot is missing."""
    votes = year.review.ballot.votes if year.review and year.review.ballot else {}
    keys = year.compact.scoring.tie_break
    found = []
    for separation in ranking.separations:
        reached = keys if separation.key is None else keys[: keys.index(separation.key) + 1]
        missing = [k for k in reached if k.kind == "votes" and k.title not in votes]
        if missing:
            above, below = ranking.result(separation.above).unit.label, ranking.result(separation.below).unit.label
            found.append(f"thứ hạng của {above} và {below} (bằng điểm): {NO_BALLOT}")
    return found
