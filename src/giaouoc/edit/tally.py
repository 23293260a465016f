"""Import the counting board's tally sheet into review.yaml: `ballot.candidates` and `ballot.ballots`.

Only those two keys of the `ballot:` block change (written as a clerk would type them, each ballot on one line);
the rest of the file, its comments and line ends stay. The year is checked again with the new file in place:
nothing is written when that check finds an error (for instance totals written by hand that the ballots
contradict).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from giaouoc.edit.importing import refuse_closed, trial_check
from giaouoc.errors import DataError
from giaouoc.files import write_atomic
from giaouoc.load.folder import display_path
from giaouoc.model.fields import Marks
from giaouoc.model.year import Year
from giaouoc.problems import Report
from giaouoc.yamltext import flow

KEYS = ("candidates", "ballots")


@dataclass
class TallyPlan:
    target: Path
    shown: str
    text: str = ""
    changes: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)

    def write(self) -> None:
        write_atomic(self.target, self.text.encode("utf-8"))


def plan_tally(year: Year, sheet: Path) -> TallyPlan:
    """Read a returned tally sheet and work out the new review.yaml; the year is re-checked with it in place."""
    from giaouoc.sheets.tally import read_tally

    refuse_closed(year, "phiếu kiểm phiếu")
    target = year.folder / "review.yaml"
    plan = TallyPlan(target, display_path(target, year.root))
    if not target.is_file():
        raise DataError(f"chưa có {plan.shown}: hãy ghi hội nghị (ngày, chủ tọa, thư ký, ban kiểm phiếu) trước khi "
                        "nhập phiếu kiểm phiếu")
    content = read_tally(sheet, year)
    plan.report = content.report
    if content.report.errors:
        return plan
    old = target.read_bytes().decode("utf-8")
    plan.text = set_ballot_lists(old, {"candidates": content.candidates, "ballots": content.ballots})
    checked, report = trial_check(year, "review.yaml", plan.text)
    plan.report.extend(report)
    if checked is not None:
        invalid = sum(1 for paper in content.ballots if "invalid" in paper)
        plan.changes = [f"ghi {len(content.ballots)} phiếu vào «ballot.ballots» (ban kiểm phiếu ghi không hợp lệ: "
                        f"{invalid})", "ghi danh sách bầu đã in vào «ballot.candidates»: " + "; ".join(
                            f"{t}: {', '.join(u) or 'không có'}" for t, u in content.candidates.items())]
        recorded = year.review.ballot.ballots if year.review is not None and year.review.ballot is not None else []
        if recorded and recorded != content.ballots:  # a second sheet replaces the first: the clerk must know
            plan.changes.insert(0, f"thay {len(recorded)} phiếu đã ghi trong «ballot.ballots» bằng "
                                   f"{len(content.ballots)} phiếu của phiếu kiểm phiếu")
    return plan


def _lines(key: str, value: Any, indent: str, newline: str, comment: str = "") -> str:
    if key == "candidates":
        body = "".join(f"{indent}  {title}: {flow(list(units))}{newline}" for title, units in value.items())
    else:
        body = "".join(f"{indent}  - {flow(_plain(paper))}{newline}" for paper in value)
    return f"{indent}{key}:{comment}{newline}{body}" if body else \
        f"{indent}{key}: {'{}' if key == 'candidates' else '[]'}{comment}{newline}"


def _key_comment(line: str, key: str) -> str:
    """The clerk's comment on a key's line ("   # …", its spacing kept), kept when the value is rewritten
    (the keys hold unit and title ids only, so a "#" after the key always starts a comment)."""
    found = re.search(r"\s+#.*$", line.rstrip("\r\n").split(f"{key}:", 1)[-1])
    return found.group(0) if found else ""


def _plain(paper: dict[str, Marks]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in paper.items()}


def set_ballot_lists(text: str, values: dict[str, Any]) -> str:
    """review.yaml with `ballot.candidates` and `ballot.ballots` replaced (or added), everything else as it was."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    root = yaml.compose(text)
    ballot = next((v for k, v in root.value if k.value == "ballot"), None) if isinstance(root, yaml.MappingNode) \
        else None
    if ballot is None or not isinstance(ballot, yaml.MappingNode) or not ballot.value:
        tail = "" if not lines or lines[-1].endswith(("\n", "\r")) else newline
        block = "".join(_lines(k, values[k], "  ", newline) for k in KEYS)
        at = next((k.start_mark.line for k, _ in root.value if k.value == "ballot"), None) \
            if isinstance(root, yaml.MappingNode) else None
        if at is not None:  # `ballot:` with nothing (or a flow mapping) under it: written anew
            return "".join(lines[:at]) + f"ballot:{newline}{block}" + "".join(lines[at + 1:])
        return text + tail + f"ballot:{newline}{block}"
    if ballot.flow_style:
        raise DataError("«ballot» trong review.yaml viết trên một dòng ({…}): hãy viết mỗi khóa một dòng rồi nhập lại")
    indent = " " * ballot.value[0][0].start_mark.column
    starts = [int(k.start_mark.line) for k, _ in ballot.value] + [len(lines)]
    spans: dict[str, tuple[int, int]] = {  # a block value ends where the next key starts, at the latest
        str(k.value): (starts[i], min(_end_line(v), starts[i + 1]) if i + 1 < len(ballot.value) else _end_line(v))
        for i, (k, v) in enumerate(ballot.value)}
    for key, (first, end) in spans.items():  # comment lines and blank lines after a value belong to what follows
        while end > first + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        spans[key] = (first, end)
    last = max(end for _, end in spans.values())
    edits = [(spans[k][0], spans[k][1], _lines(k, values[k], indent, newline, _key_comment(lines[spans[k][0]], k)))
             for k in KEYS if k in spans]
    added = "".join(_lines(k, values[k], indent, newline) for k in KEYS if k not in spans)
    if added:
        edits.append((last, last, added))
    for begin, stop, new in sorted(edits, key=lambda e: e[0], reverse=True):
        lines[begin:stop] = [new]
    return "".join(lines)


def _end_line(node: Any) -> int:
    """The line after a value's last line (a block value ends at the start of the next line)."""
    line, column = int(node.end_mark.line), int(node.end_mark.column)
    return line if column == 0 else line + 1
