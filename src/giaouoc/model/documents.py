"""The block's documents (docs/van-ban.md), what each needs, and whether what it would state is final."""

from __future__ import annotations

from typing import TYPE_CHECKING

from giaouoc.model.results import NO_BALLOT

if TYPE_CHECKING:  # annotations only
    from giaouoc.model.results import Ranking
    from giaouoc.model.year import Year

DOCUMENT_IDS = ("giao-uoc", "bang-diem", "phieu-bau", "bien-ban-kiem-phieu", "bien-ban", "to-trinh")
STATES_RESULTS = ("bang-diem", "phieu-bau", "bien-ban", "to-trinh")  # documents that state results: drafts until final
NO_BLOCK_SCORE = "chưa có điểm Khối"


def clean_base(base: str) -> str:
    """A căn cứ as giaouoc prints it after "Căn cứ ": without the words and the end punctuation it adds."""
    text = base.strip()
    if text.lower().startswith("căn cứ"):
        text = text[len("căn cứ"):].lstrip(" :")
    return text.rstrip(" ;.")


def missing_for(doc_id: str, has_review: bool, year: Year | None = None) -> str | None:
    """What a document still lacks, or None when its data is there."""
    if doc_id in ("bien-ban", "bien-ban-kiem-phieu") and not has_review:
        return "chưa có review.yaml (hội nghị bình xét, suy tôn)"
    if year is None:
        return None
    ballot = year.review.ballot if year.review else None
    if doc_id == "phieu-bau" and not any(t.vote_threshold is not None for t in year.compact.titles):
        return "không có danh hiệu nào cần bỏ phiếu (min_vote_share, over_vote_share)"
    if doc_id != "bien-ban-kiem-phieu":
        return None
    if ballot is None or not ballot.ballots:
        return "chưa ghi từng phiếu bầu (ballot.ballots trong review.yaml)"
    if not ballot.quorum_met:
        return f"hội nghị không đủ số thành viên ({ballot.present}/{ballot.members}), không bỏ phiếu"
    if year.review is not None and not year.review.counting_board:
        return "chưa ghi Ban kiểm phiếu («counting_board» trong review.yaml)"
    return None


def pending_for(doc_id: str, year: Year, ranking: Ranking) -> list[str]:
    """What is still pending in what the document would state: empty when it is final."""
    return [f"{who}: {what}" for who, what in pending_entries(doc_id, year, ranking)]


def pending_entries(doc_id: str, year: Year, ranking: Ranking) -> list[tuple[str, str]]:
    """(who, what) for each thing still pending in what the document would state: empty when it is final.

    The bảng điểm is final on scores alone (it is needed at the meeting, before the ballot); the biên
    bản and tờ trình are final when the ranking is (docs/xep-hang.md, "Kết quả cuối cùng").
    """
    if doc_id not in STATES_RESULTS:
        return []
    found = []
    for result in ranking.units:
        name = result.unit.label
        if result.rank is not None and result.self_counted:
            found.append((name, NO_BLOCK_SCORE))
        if result.rank is not None and result.proposals:
            found.append((name, "đề nghị điểm thưởng, điểm trừ chờ Khối xem xét"))
        elif result.rank is None and not result.excluded:
            found.append((name, result.not_ranked or ""))
    if doc_id == "bang-diem":
        return found + _ties_waiting_for_a_ballot(year, ranking)
    if doc_id == "phieu-bau":
        return found
    for result in ranking.units:
        found += [(result.unit.label, f"{year.compact.title_name(title)} — {reason}")
                  for title, reason in result.pending.items()]
    return found


def _ties_waiting_for_a_ballot(year: Year, ranking: Ranking) -> list[tuple[str, str]]:
    """Ranks that a `votes:T` tie-break would decide while T's ballot is missing."""
    votes = ranking.ballot.votes if ranking.ballot is not None else {}
    keys = year.compact.scoring.tie_break
    found = []
    for separation in ranking.separations:
        reached = keys if separation.key is None else keys[: keys.index(separation.key) + 1]
        missing = [k for k in reached if k.kind == "votes" and k.title not in votes]
        if missing:
            above, below = ranking.result(separation.above).unit.label, ranking.result(separation.below).unit.label
            found.append((f"thứ hạng của {above} và {below} (bằng điểm)", NO_BALLOT))
    return found
