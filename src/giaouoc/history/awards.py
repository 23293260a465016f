"""Rules that need a year's ranking: awards the block did not propose (docs/lich-su.md, "Quyết định")."""

from __future__ import annotations

from giaouoc.history.records import Chronicle


def check_awards(story: Chronicle) -> None:
    """A unit awarded a title it was not proposed for: a warning, since the authority may decide otherwise
    (in the report of the year's files)."""
    for year, ranking in story.rankings.items():
        report = story.block.files.reports[year]
        files = story.block.files.years[year]
        if files.decisions is None or not ranking.final:  # before the block's proposals are final, nothing to compare
            continue
        src = files.sources["decisions.yaml"]
        proposed = {(t, r.unit.id) for r in ranking.units for t in r.titles}
        for index, decision in enumerate(files.decisions.decisions):
            for title, units in decision.awards.items():
                for position, unit in enumerate(units):
                    if (title, unit) not in proposed:
                        report.add(src.file, src.pos("decisions", index, "awards", title, position),
                                   "award-not-proposed",
                                   f"đơn vị «{unit}» được khen «{title}» nhưng Khối không đề nghị năm {year}")
