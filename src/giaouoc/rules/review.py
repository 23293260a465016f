"""Rules on review.yaml: the year-end meeting and its ballot."""

from __future__ import annotations

from giaouoc.load.folder import YearFiles
from giaouoc.problems import Report
from giaouoc.rules.ballots import check_ballot
from giaouoc.vietnamese import short_date


def check_review(files: YearFiles, report: Report) -> None:
    """The review meeting's date and times, and its ballot against the titles and units."""
    review = files.review
    if review is None:
        return
    src = files.sources["review.yaml"]
    compact = files.compact
    if compact is not None and review.date.year != compact.year:
        report.add(src.file, src.pos("date"), "date-outside-year",
                   f"ngày họp {short_date(review.date)} không thuộc năm {compact.year}")
    if review.start and review.end and review.end <= review.start:
        report.add(src.file, src.pos("end"), "invalid-time",
                   f"giờ kết thúc {review.end} phải sau giờ bắt đầu {review.start}")
    _check_people(files, report)
    ballot = review.ballot
    if ballot is None:
        return
    _check_counts(files, report)
    check_ballot(files, report)
    titles = {t.id: t for t in compact.titles} if compact is not None else None
    unit_ids = {u.id for u in files.units} if files.units is not None else None
    for title_id, votes in ballot.votes.items():
        title = titles.get(title_id) if titles is not None else None
        if titles is not None and title is None:
            report.add(src.file, src.key_pos("ballot", "votes", title_id), "unknown-title",
                       f"danh hiệu «{title_id}» không có trong compact.yaml")
        for unit_id, count in votes.items():
            where = src.pos("ballot", "votes", title_id, unit_id)
            if unit_ids is not None and unit_id not in unit_ids:
                report.add(src.file, src.key_pos("ballot", "votes", title_id, unit_id), "unknown-unit",
                           f"đơn vị «{unit_id}» không có trong units.yaml")
            if count < 0:
                report.add(src.file, where, "invalid-votes", f"số phiếu của «{unit_id}» không được âm")
            elif count > (ballot.voters or 0) >= 1:
                report.add(src.file, where, "votes-over-voters",
                           f"«{unit_id}» được {count} phiếu, nhiều hơn số phiếu hợp lệ {ballot.voters}")
        if title is not None and title.max is not None and title.max >= 1 and (ballot.voters or 0) >= 1 \
                and sum(votes.values()) > (ballot.voters or 0) * title.max:
            report.add(src.file, src.key_pos("ballot", "votes", title_id), "votes-over-max",
                       f"tổng số phiếu cho «{title_id}» là {sum(votes.values())}, vượt {ballot.voters} phiếu × "
                       f"{title.max} đơn vị được đề nghị tối đa = {(ballot.voters or 0) * title.max}")


def _check_counts(files: YearFiles, report: Report) -> None:
    """Valid ballots at least 1, members at least the valid ballots, members given when a title counts them."""
    assert files.review is not None and files.review.ballot is not None
    ballot, src = files.review.ballot, files.sources["review.yaml"]
    if ballot.voters is not None and ballot.voters < 1:
        report.add(src.file, src.pos("ballot", "voters"), "invalid-voters",
                   "số phiếu hợp lệ «voters» phải từ 1 trở lên")
    _check_ballot_counts(files, report)
    if ballot.members is not None and ballot.voters is not None and ballot.members < ballot.voters:
        report.add(src.file, src.pos("ballot", "members"), "invalid-voters",
                   f"số thành viên có quyền bỏ phiếu «members» ({ballot.members}) không được ít hơn số phiếu hợp lệ "
                   f"«voters» ({ballot.voters})")
    counting_members = [t.id for t in files.compact.titles if t.vote_base == "members"] if files.compact else []
    if counting_members and ballot.members is None:
        report.add(src.file, src.key_pos("ballot"), "missing-members",
                   f"danh hiệu {', '.join(counting_members)} tính tỷ lệ phiếu trên tổng số thành viên "
                   "(vote_base: members): hãy ghi «members» (số thành viên có quyền bỏ phiếu) trong «ballot»")


def _check_people(files: YearFiles, report: Report) -> None:
    """Absent units and next year's officials are units of the year; the copies at least one."""
    review, src = files.review, files.sources["review.yaml"]
    assert review is not None
    units = {u.id for u in files.units} if files.units is not None else None
    seen: set[str] = set()
    for index, absence in enumerate(review.absent):
        where = src.pos("absent", index, "unit")
        if units is not None and absence.unit not in units:
            report.add(src.file, where, "unknown-unit", f"đơn vị vắng mặt «{absence.unit}» không có trong units.yaml")
        if absence.unit in seen:
            report.add(src.file, where, "duplicate-id", f"đơn vị «{absence.unit}» ghi vắng mặt hai lần")
        seen.add(absence.unit)
    if review.next is not None:
        for role, label in (("leader", "Trưởng khối"), ("deputy", "Phó khối")):
            unit = getattr(review.next, role)
            if units is not None and unit not in units:
                report.add(src.file, src.pos("next", role), "unknown-unit",
                           f"{label} năm sau «{unit}» không có trong units.yaml")
        if review.next.leader == review.next.deputy:
            report.add(src.file, src.pos("next", "deputy"), "leader-is-deputy",
                       "Phó khối năm sau trùng Trưởng khối năm sau")
    if review.copies is not None and review.copies < 1:
        report.add(src.file, src.pos("copies"), "invalid-max", "số bản biên bản «copies» phải từ 1 trở lên")
    elif review.copies is not None and files.compact is not None and "bien-ban" in files.compact.documents:
        settings = files.compact.documents["bien-ban"]
        kept = len(settings.archive or ["VT"])
        if review.copies != len(settings.recipients) + kept:
            report.add(src.file, src.pos("copies"), "copies-mismatch",
                       f"biên bản lập thành {review.copies} bản nhưng Nơi nhận có {len(settings.recipients) + kept} "
                       f"(gửi {len(settings.recipients)}, lưu {kept}): số bản phải bằng số nơi nhận")


def _check_ballot_counts(files: YearFiles, report: Report) -> None:
    """invalid ≤ returned ≤ issued; valid ballots are the returned ones less the invalid ones."""
    assert files.review is not None and files.review.ballot is not None
    ballot, src = files.review.ballot, files.sources["review.yaml"]
    issued, returned, invalid = ballot.issued, ballot.returned, ballot.invalid
    if returned is not None and issued is not None and returned > issued:
        report.add(src.file, src.pos("ballot", "returned"), "ballot-mismatch",
                   f"số phiếu thu về ({returned}) nhiều hơn số phiếu phát ra ({issued})")
    if invalid is not None and returned is not None and invalid > returned:
        report.add(src.file, src.pos("ballot", "invalid"), "ballot-mismatch",
                   f"số phiếu không hợp lệ ({invalid}) nhiều hơn số phiếu thu về ({returned})")
    elif invalid is not None and returned is not None and ballot.voters is not None \
            and ballot.voters != returned - invalid:
        report.add(src.file, src.pos("ballot", "voters"), "ballot-mismatch",
                   f"số phiếu hợp lệ {ballot.voters} phải bằng phiếu thu về {returned} trừ phiếu không hợp lệ "
                   f"{invalid} = {returned - invalid}")
