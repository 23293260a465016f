"""Write a unit's self inputs per criterion into its score file, line by line, keeping everything else as typed.

A criterion's line `      5a: {self: 2, block: 2}` is rewritten with the new self input, its block input and note
kept; a missing line is added under the content's `criteria:`; a missing content is added at the end of `scores:`.
A score file laid out otherwise (block-style criterion entries) is left alone and said so.
"""

from __future__ import annotations

import re
from decimal import Decimal

from giaouoc.model.fields import FAILED, PASSED
from giaouoc.model.records import Input, UnitScores
from giaouoc.yamltext import flow

_CONTENT = re.compile(r"^  (\d+):\s*(#.*)?$")
_CRITERIA = re.compile(r"^    criteria:\s*(#.*)?$")
_ENTRY = re.compile(r"^      ([a-z0-9-]+):\s*\{.*\}\s*(#.*)?$")


def _word(value: Input | None) -> object:
    return (PASSED if value else FAILED) if isinstance(value, bool) else value


def _entry(cid: str, own: Input, scores: UnitScores | None, item: int) -> str:
    score = scores.scores.get(item) if scores else None
    old = score.criteria.get(cid) if score else None
    values = {"self": _word(own), "block": _word(old.block) if old else None, "note": old.note if old else None}
    return f"      {cid}: {flow(values)}"


def set_self_inputs(text: str, scores: UnitScores | None, inputs: dict[int, dict[str, Input]]) -> str | None:
    """The score file's new text, or None when its layout is not the one this edit understands."""
    lines = text.split("\n")
    for item, given in sorted(inputs.items()):
        start = next((n for n, line in enumerate(lines) if (m := _CONTENT.match(line)) and int(m.group(1)) == item),
                     None)
        if start is None:
            if not any(line.rstrip() == "scores:" for line in lines):
                return None
            at = _end_of_scores(lines)
            lines[at:at] = [f"  {item}:", "    criteria:", *(_entry(c, v, scores, item) for c, v in given.items())]
            continue
        end = next((n for n in range(start + 1, len(lines)) if lines[n] and not lines[n].startswith("   ")),
                   len(lines))
        header = next((n for n in range(start + 1, end) if _CRITERIA.match(lines[n])), None)
        if header is None:
            return None
        for cid, value in given.items():
            line = next((n for n in range(header + 1, end) if (m := _ENTRY.match(lines[n])) and m.group(1) == cid),
                        None)
            if line is None and any(lines[n].startswith(f"      {cid}:") for n in range(header + 1, end)):
                return None  # a block-style entry: not rewritten by hand-made edits
            if line is None:  # after the content's last criterion line, so that criteria keep their order
                after = max((n for n in range(header + 1, end) if lines[n].startswith("      ")), default=header)
                lines.insert(after + 1, _entry(cid, value, scores, item))
                end += 1
            else:
                lines[line] = _entry(cid, value, scores, item)
    return "\n".join(lines)


def _end_of_scores(lines: list[str]) -> int:
    """The line after the last line of the `scores:` table."""
    start = next(n for n, line in enumerate(lines) if line.rstrip() == "scores:")
    end = start + 1
    while end < len(lines) and (lines[end].startswith(" ") or not lines[end].strip()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def changed(scores: UnitScores | None, inputs: dict[int, dict[str, Input]]) -> list[str]:
    """"nội dung 5, tiêu chí 5c: tự chấm 3 → 4" for each input that differs from the file's."""
    from giaouoc.vietnamese import format_number

    def shown(value: Input | None) -> str:
        word = _word(value)
        return "—" if word is None else format_number(word) if isinstance(word, Decimal) else str(word)

    lines = []
    for item, given in sorted(inputs.items()):
        score = scores.scores.get(item) if scores else None
        for cid, value in given.items():
            old = score.criteria.get(cid) if score else None
            before = old.self_score if old else None
            if before != value or type(before) is not type(value):
                lines.append(f"nội dung {item}, tiêu chí {cid}: tự chấm {shown(before)} → {shown(value)}")
    return lines
