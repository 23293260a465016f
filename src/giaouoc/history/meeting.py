"""`validate`'s checks of the meeting's vote that need the ranking (spec meeting.md §1–2).

Candidates as printed (`ballot.candidates`) that differ from those the ranking gives now warn
`candidates-changed`, and nothing is recounted. Without them, the ballots recorded one by one are judged
against the candidates computed now: a ballot marking a unit that is not one is invalid (a warning), and
totals written by hand must equal the count.
"""

from __future__ import annotations

from giaouoc.history.records import Chronicle, reads_history
from giaouoc.model.tally import count, mismatches
from giaouoc.rank.meeting import candidates, changed_candidates
from giaouoc.rules.ballots import report_mismatches, spoiled_papers


def holds_a_vote(story: Chronicle, year: int) -> bool:
    files = story.block.files.years.get(year)
    ballot = files.review.ballot if files is not None and files.review is not None else None
    return ballot is not None and bool(ballot.ballots or ballot.candidates)


def _past_is_whole(story: Chronicle, number: int) -> bool:
    """Whether history.yaml and every year before `number` were read without errors."""
    if story.block.files.history_report.errors:
        return False
    return not any(record.errors for year, record in story.records.items() if year < number)


def check_meetings(story: Chronicle) -> None:
    """Candidates changed since the meeting, and candidacy when they were not recorded, for every year
    (in the report of the year's files)."""
    for number, year in sorted(story.block.checked.items()):
        if year is None or year.review is None or year.review.ballot is None or not holds_a_vote(story, number):
            continue
        if story.block.files.reports[number].errors or (reads_history(year) and not _past_is_whole(story, number)):
            continue  # a year with errors, or whose earlier years cannot be read: their own problems say why
        report = story.block.files.reports[number]
        ballot = year.review.ballot
        src = story.block.files.years[number].sources["review.yaml"]
        past = story.past_for(number)
        for title_id, (printed, now) in changed_candidates(year, past).items():
            report.add(src.file, src.key_pos("ballot", "candidates", title_id), "candidates-changed",
                       f"danh sách bầu «{year.compact.title_name(title_id)}» đã in ({', '.join(printed) or 'trống'}) "
                       f"khác danh sách tính theo kết quả hiện tại ({', '.join(now) or 'trống'}): các phiếu vẫn "
                       "được kiểm theo danh sách đã in, không kiểm lại")
        if ballot.candidates or not ballot.ballots:
            continue
        tally = count(ballot.ballots, candidates(year, past), year.compact.titles)
        judged = {s.index for s in count(ballot.ballots, None, year.compact.titles).spoiled}
        spoiled_papers([s for s in tally.spoiled if s.index not in judged], ("ballot", "ballots"), src, report)
        report_mismatches(ballot, mismatches(ballot, tally), src, report)
