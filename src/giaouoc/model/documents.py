"""The block's documents (see README, "Văn bản") and what each needs before it can be made."""

from __future__ import annotations

DOCUMENT_IDS = ("giao-uoc", "bang-diem", "bien-ban", "to-trinh")


def missing_for(doc_id: str, has_review: bool) -> str | None:
    """What a document still lacks, or None when its data is there."""
    if doc_id == "bien-ban" and not has_review:
        return "chưa có review.yaml (hội nghị bình xét, suy tôn)"
    return None
