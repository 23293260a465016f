"""Importing a returned chấm chéo form: the new text of grades/<grader>/<unit>.yaml, checked as a whole year."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from giaouoc.edit.importing import ImportPlan, plan_import, refuse_closed, trial_check
from giaouoc.load.folder import display_path
from giaouoc.model.fields import FAILED, PASSED
from giaouoc.model.records import GradeFile, Input
from giaouoc.model.year import Year
from giaouoc.vietnamese import format_number
from giaouoc.yamltext import flow, scalar


def plan_any(year: Year, form: Path, prefer: str | None = None) -> ImportPlan:
    """A self form goes to scores/, a chấm chéo form to grades/, a unit's form per criterion to its scores/ file;
    `prefer` settles a self form's conflicts (`plan_import`)."""
    from giaouoc.sheets.grade_form import CRITERIA_KIND, KIND, form_kind

    kind = form_kind(form)
    if kind == KIND:
        return plan_grades(year, form)
    return plan_criteria(year, form) if kind == CRITERIA_KIND else plan_import(year, form, prefer)


def _trial(year: Year, plan: ImportPlan, relative: str) -> Year | None:
    """The year checked with the plan's text in place of `relative`; the plan's report becomes the year's."""
    checked, plan.report = trial_check(year, relative, plan.text)
    return checked


def plan_criteria(year: Year, form: Path) -> ImportPlan:
    """A unit's returned form per criterion: its self inputs written into its score file."""
    from giaouoc.edit.criteria_inputs import changed, set_self_inputs
    from giaouoc.sheets.grade_form import read_grade_form

    refuse_closed(year)
    content = read_grade_form(form, year)
    target = year.folder / "scores" / f"{content.unit}.yaml"
    plan = ImportPlan(content.unit, target, display_path(target, year.root), report=content.report)
    if content.report.errors:
        return plan
    inputs = {item: value for item, value in content.scores.items() if isinstance(value, dict)}
    before = year.scores.get(content.unit)
    old = target.read_bytes().decode("utf-8") if target.is_file() else f"unit: {content.unit}\nscores:\n"
    text = set_self_inputs(old, before, inputs)
    if text is None:
        plan.report.add(plan.shown, (1, 1), "form-mismatch", "tệp điểm không viết theo dạng «5a: {self: …, block: …}» "
                        "dưới «criteria:»: hãy ghi kết quả tự chấm vào tệp bằng tay")
        return plan
    plan.text = text
    if _trial(year, plan, f"scores/{target.name}") is not None:
        plan.changes = changed(before, inputs)
    return plan


def _word(value: Input) -> object:
    return (PASSED if value else FAILED) if isinstance(value, bool) else value


def grade_text(year: int, grader: str, unit: str, scores: dict[int, Decimal | dict[str, Input]],
               notes: dict[int, str]) -> str:
    """A grade file as a clerk would type it."""
    lines = [f"# Phiếu chấm chéo năm {year}: {grader.upper()} chấm {unit.upper()} (nhập từ phiếu Excel).",
             f"grader: {grader}", f"unit: {unit}", "scores:"]
    for item, value in sorted(scores.items()):
        shown = flow({k: _word(v) for k, v in value.items()}) if isinstance(value, dict) else scalar(value)
        lines.append(f"  {item}: {shown}")
    if notes:
        lines.append("notes:")
        lines += [f"  {item}: {scalar(note)}" for item, note in sorted(notes.items())]
    return "\n".join(lines) + "\n"


def _changes(before: GradeFile | None, scores: dict[int, Decimal | dict[str, Input]]) -> list[str]:
    def flat(table: dict[int, Decimal | dict[str, Input]]) -> dict[str, str]:
        found = {}
        for item, value in table.items():
            for key, one in (value.items() if isinstance(value, dict) else [("", value)]):
                shown = _word(one)
                found[f"nội dung {item}" + (f", tiêu chí {key}" if key else "")] = \
                    format_number(shown) if isinstance(shown, Decimal) else str(shown)
        return found

    old, new = flat(before.scores if before else {}), flat(scores)
    return [f"{what}: chấm chéo {old.get(what, '—')} → {new.get(what, '—')}" for what in sorted(set(old) | set(new))
            if old.get(what) != new.get(what)]


def plan_grades(year: Year, form: Path) -> ImportPlan:
    """Read a returned chấm chéo form and work out the grade file; the year is re-checked with it in place."""
    from giaouoc.sheets.grade_form import read_grade_form

    refuse_closed(year)
    content = read_grade_form(form, year)
    target = year.folder / "grades" / content.grader / f"{content.unit}.yaml"
    plan = ImportPlan(f"{content.grader} chấm {content.unit}", target, display_path(target, year.root),
                      report=content.report)
    if content.report.errors:
        return plan
    plan.text = grade_text(year.compact.year, content.grader, content.unit, content.scores, content.notes)
    if _trial(year, plan, f"grades/{content.grader}/{target.name}") is not None:
        plan.changes = _changes((year.grades or {}).get((content.grader, content.unit)), content.scores)
    return plan
