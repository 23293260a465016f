"""Problems found in the data: collected as values so one run reports them all."""

from __future__ import annotations

from dataclasses import dataclass, field

from giaouoc.codes import Severity, severity
from giaouoc.visible import visible

SEVERITY_LABEL: dict[str, str] = {"error": "lỗi", "warning": "cảnh báo"}


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place: a line and column of a text file, or a cell of a workbook sheet."""

    file: str
    line: int  # the row, for a cell
    column: int
    severity: Severity
    code: str
    message: str
    sheet: str | None = None  # set for a cell of a workbook: "Tự chấm"
    unit: str | None = field(default=None, compare=False)  # the unit a problem outside its score file is about

    @property
    def place(self) -> str:
        """Where to look: "compacts/2023/units.yaml:12:5" or "phieu.xlsx:Tự chấm!E7"."""
        if self.sheet is not None:
            return f"{self.file}:{self.sheet}!{_column_letters(self.column)}{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def as_text(self) -> str:
        label = SEVERITY_LABEL[self.severity]
        return visible(f"{self.place}: {label} [{self.code}]: {self.message}")  # data in a message is shown, not obeyed

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            **({"sheet": self.sheet, "cell": self.place.rpartition("!")[2]} if self.sheet is not None else {}),
            "message": self.message,
        }


def _column_letters(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass
class Report:
    """Problems of one or more files, in the order found; sorted on output."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # checks skipped because a file they need is broken

    def note(self, text: str) -> None:
        """Say once what was not checked and why (no problem: the mistake is already reported at its file)."""
        if text not in self.notes:
            self.notes.append(text)

    def add(self, file: str, pos: tuple[int, int], code: str, message: str, unit: str | None = None) -> None:
        """Record a problem; its severity is the code's (codes.py). `unit`: the unit it is about, when it lies
        outside that unit's score file (a command about one unit shows it)."""
        self.problems.append(Problem(file, pos[0], pos[1], severity(code), code, message, unit=unit))

    def add_cell(self, file: str, sheet: str, row: int, column: int, code: str, message: str) -> None:
        """Record a problem in a cell of a workbook."""
        self.problems.append(Problem(file, row, column, severity(code), code, message, sheet))

    def extend(self, other: Report) -> None:
        self.problems.extend(other.problems)
        for text in other.notes:
            self.note(text)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems), key=lambda p: (p.file, p.sheet or "", p.line, p.column, p.code, p.message))

    def strict(self) -> Report:
        """Return a copy in which every warning counts as an error."""
        return Report([Problem(p.file, p.line, p.column, "error", p.code, p.message, p.sheet, p.unit)
                       for p in self.problems],
                      list(self.notes))
