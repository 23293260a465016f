"""`giaouoc validate` (and `import`): the problems found, as text, JSON or GitHub annotations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from giaouoc.problems import Report
from giaouoc.report.terminal import err, out, out_json, print_problems, summary
from giaouoc.visible import visible


def as_text(report: Report, checked: str) -> None:
    """Problems on stdout, one per line (they are validate's result: `validate > loi.txt` keeps them), then
    what was checked and the count on stderr."""
    print_problems(report, to_stdout=True)
    err(f"Đã kiểm tra {checked}: {summary(report)}.")


def as_json(report: Report, checked: str) -> None:
    problems = [p.as_dict() for p in report.sorted()]
    document = {"ok": not report.errors, "errors": len(report.errors), "warnings": len(report.warnings),
                "problems": problems, **({"notes": sorted(report.notes)} if report.notes else {})}
    out_json(document)


def as_github(report: Report, checked: str) -> None:
    """GitHub/Gitea workflow commands: one annotation per problem, a notice per check skipped."""
    for p in report.sorted():
        props = f"file={_property(p.file)},line={p.line},col={p.column},title={_property(p.code)}"
        out(f"::{p.severity} {props}::{_escape(p.message)}")
    for text in sorted(report.notes):
        out(f"::notice title=giaouoc::{_escape(text)}")


def _escape(message: str) -> str:
    return visible(message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(value: str) -> str:
    """A workflow-command property: a file name can hold no new command, no new property."""
    return _escape(value).replace(":", "%3A").replace(",", "%2C")


def import_document(report: Report, unit: str, file: str, changes: list[str], written: bool) -> dict[str, Any]:
    """`import --format json`: the form's unit and target file, the changes, whether they were written, and every
    problem with its place (a sheet and cell for the form, a file and line for the year after the import)."""
    problems = [p.as_dict() for p in report.sorted()]
    document = {"ok": not report.errors, "unit": unit or None, "file": file or None, "changes": changes,
                "written": written, "errors": len(report.errors), "warnings": len(report.warnings),
                "problems": problems}
    return document


FORMATS: dict[str, Callable[[Report, str], None]] = {"text": as_text, "json": as_json, "github": as_github}
