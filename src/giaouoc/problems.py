"""Problems found in the data: collected as values so one run reports them all."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

SEVERITY_LABEL: dict[str, str] = {"error": "lỗi", "warning": "cảnh báo"}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def as_text(self) -> str:
        label = SEVERITY_LABEL[self.severity]
        return f"{self.file}:{self.line}:{self.column}: {label} [{self.code}]: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Report:
    """Problems of one or more files, in the order found; sorted on output."""

    problems: list[Problem] = field(default_factory=list)

    def add(
        self,
        file: str,
        pos: tuple[int, int],
        code: str,
        message: str,
        severity: Severity = "error",
    ) -> None:
        self.problems.append(Problem(file, pos[0], pos[1], severity, code, message))

    def extend(self, other: Report) -> None:
        self.problems.extend(other.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems), key=lambda p: (p.file, p.line, p.column, p.code, p.message))

    def strict(self) -> Report:
        """Return a copy in which every warning counts as an error."""
        return Report([Problem(p.file, p.line, p.column, "error", p.code, p.message) for p in self.problems])
