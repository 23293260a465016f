"""Rules on the meeting's vote in review.yaml (spec meeting.md §2): attendance, quorum, ballots recorded one by one.

`returned ≤ issued ≤ present ≤ members`; a quorum needs members and present, and a meeting below it held no
vote (a warning). Each recorded ballot names titles that take a vote and units of the year; an invalid ballot
is a warning naming its position and line (the board's count is a fact of the meeting); totals written by hand
as well must equal the computed ones. Candidacy is judged here against `ballot.candidates` as printed; when
they are not recorded, `validate` judges it against the candidates computed from the ranking (history/meeting.py).
"""

from __future__ import annotations

from giaouoc.load.folder import YearFiles
from giaouoc.load.tree import Key, Source
from giaouoc.model.fields import Marks
from giaouoc.model.records import Ballot, Title
from giaouoc.model.tally import INVALID_KEY, Spoiled, count, count_round, mismatches, vote_titles
from giaouoc.problems import Report


def check_ballot(files: YearFiles, report: Report) -> None:
    """The ballot's attendance and quorum, and the ballots recorded one by one."""
    review, compact = files.review, files.compact
    if review is None or review.ballot is None:
        return
    ballot, src = review.ballot, files.sources["review.yaml"]
    _check_attendance(ballot, src, report)
    if ballot.voters is None and not ballot.ballots and ballot.votes:  # no votes and no ballots: not held yet
        report.add(src.file, src.key_pos("ballot"), "missing-key",
                   "thiếu khóa «voters» (số phiếu hợp lệ): ghi «voters», hoặc ghi từng phiếu trong «ballots»")
    if compact is None or files.units is None:
        return
    units = {u.id for u in files.units}
    titles = vote_titles(compact.titles)
    before = len(report.errors)
    _check_candidates(ballot, titles, units, src, report)
    _check_papers(ballot.ballots, ("ballot", "ballots"), titles, units, src, report)
    for index in range(len(ballot.rounds)):
        _check_round(index, ballot, titles, units, src, report)
    if len(report.errors) > before or not ballot.ballots or _titles_or_units_wrong(files, report):
        return
    tally = count(ballot.ballots, ballot.candidates or None, compact.titles)
    spoiled_papers(tally.spoiled, ("ballot", "ballots"), src, report)
    if tally.returned > (ballot.issued if ballot.issued is not None else tally.returned):
        report.add(src.file, src.key_pos("ballot", "ballots"), "ballot-mismatch",
                   f"có {tally.returned} phiếu được ghi, nhiều hơn số phiếu phát ra ({ballot.issued})")
    if ballot.candidates:  # without them candidacy is judged in validate, with the totals
        report_mismatches(ballot, mismatches(ballot, tally), src, report)


def _titles_or_units_wrong(files: YearFiles, report: Report) -> bool:
    """Errors in compact.yaml or units.yaml: the ballots are not judged against titles or units in doubt."""
    wrong = {src.file for name, src in files.sources.items() if name in ("compact.yaml", "units.yaml")}
    return any(p.file in wrong for p in report.errors)


def spoiled_papers(spoiled: list[Spoiled], where: tuple[Key, ...], src: Source, report: Report) -> None:
    """A warning for each invalid ballot: its position (1-based), line and reason."""
    for paper in spoiled:
        pos = src.pos(*where, paper.index)
        report.add(src.file, pos, "invalid-ballot",
                   f"phiếu thứ {paper.index + 1} (dòng {pos[0]}) không hợp lệ: {paper.reason}")


def report_mismatches(ballot: Ballot, found: list[tuple[str, str]], src: Source, report: Report) -> None:
    for key, message in found:
        path = ("ballot", *key.split(".", 1))
        report.add(src.file, src.key_pos(*path), "ballot-mismatch", message)


def _check_attendance(ballot: Ballot, src: Source, report: Report) -> None:
    """returned ≤ issued ≤ present ≤ members; the quorum needs members and present, and is met or warned."""
    chain = [("returned", "phiếu thu về", ballot.returned), ("issued", "phiếu phát ra", ballot.issued),
             ("present", "thành viên có mặt", ballot.present), ("members", "thành viên", ballot.members)]
    for (key, label, number), (_, above_label, above) in zip(chain[1:], chain[2:], strict=False):
        if number is not None and above is not None and number > above:
            report.add(src.file, src.pos("ballot", key), "ballot-mismatch",
                       f"số {label} ({number}) nhiều hơn số {above_label} ({above})")
    if ballot.quorum is None:
        return
    if ballot.members is None or ballot.present is None:
        report.add(src.file, src.pos("ballot", "quorum"), "quorum-needs-attendance",
                   "«quorum» cần ghi cả «members» (số thành viên) và «present» (số thành viên có mặt)")
    elif not ballot.quorum_met:
        report.add(src.file, src.pos("ballot", "present"), "no-quorum",
                   f"hội nghị không đủ số thành viên: {ballot.present}/{ballot.members} có mặt, chưa đạt tỷ lệ "
                   f"«quorum»: không bỏ phiếu được, các danh hiệu cần bỏ phiếu đều chờ")


def _check_candidates(ballot: Ballot, titles: list[Title], units: set[str], src: Source, report: Report) -> None:
    known = {t.id for t in titles}
    for title_id, listed in ballot.candidates.items():
        if title_id not in known:
            report.add(src.file, src.key_pos("ballot", "candidates", title_id), "unknown-title",
                       f"«{title_id}» không phải danh hiệu cần bỏ phiếu trong compact.yaml")
        for index, unit_id in enumerate(listed):
            if unit_id not in units:
                report.add(src.file, src.pos("ballot", "candidates", title_id, index), "unknown-unit",
                           f"đơn vị «{unit_id}» không có trong units.yaml")
            elif unit_id in listed[:index]:
                report.add(src.file, src.pos("ballot", "candidates", title_id, index), "duplicate-id",
                           f"đơn vị «{unit_id}» ghi hai lần trong danh sách bầu «{title_id}»")


def _check_papers(papers: list[dict[str, Marks]], where: tuple[Key, ...], titles: list[Title], units: set[str],
                  src: Source, report: Report) -> None:
    """Each ballot's keys are titles that take a vote (or `invalid`, with the board's reason), its marks units."""
    known = {t.id for t in titles}
    for index, paper in enumerate(papers):
        for key, marked in paper.items():
            at = (*where, index, key)
            if key == INVALID_KEY:
                if not isinstance(marked, str):
                    report.add(src.file, src.pos(*at), "wrong-type",
                               "«invalid»: ghi lý do phiếu không hợp lệ (ví dụ: Gạch xóa không rõ)")
                continue
            if key not in known:
                report.add(src.file, src.key_pos(*at), "unknown-title",
                           f"phiếu thứ {index + 1}: «{key}» không phải danh hiệu cần bỏ phiếu trong compact.yaml")
                continue
            for unit_id in (marked,) if isinstance(marked, str) else marked:
                if unit_id not in units:
                    report.add(src.file, src.pos(*at), "unknown-unit",
                               f"phiếu thứ {index + 1}: đơn vị «{unit_id}» không có trong units.yaml")


def _check_round(index: int, ballot: Ballot, titles: list[Title], units: set[str], src: Source,
                 report: Report) -> None:
    round_ = ballot.rounds[index]
    where = ("ballot", "rounds", index)
    title = next((t for t in titles if t.id == round_.title), None)
    if title is None or title.max is None:
        report.add(src.file, src.pos(*where, "title"), "unknown-title",
                   f"vòng bầu thứ hai: «{round_.title}» không phải danh hiệu cần bỏ phiếu có «max»")
        return
    if round_.places < 1 or round_.places >= len(round_.candidates):
        report.add(src.file, src.pos(*where, "places"), "invalid-max",
                   f"vòng bầu thứ hai: «places» phải từ 1 đến {len(round_.candidates) - 1} (ít hơn số đơn vị đồng "
                   "hạng)")
    for unit_id in round_.candidates:
        if unit_id not in units:
            report.add(src.file, src.pos(*where, "candidates"), "unknown-unit",
                       f"vòng bầu thứ hai: đơn vị «{unit_id}» không có trong units.yaml")
    _check_papers(round_.ballots, (*where, "ballots"), [title], units, src, report)
    if not report.errors:
        spoiled_papers(count_round(round_, titles).spoiled, (*where, "ballots"), src, report)
