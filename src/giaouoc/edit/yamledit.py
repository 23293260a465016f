"""Change only `self` and `note` of items in a score file, keeping everything else as it was typed."""

from __future__ import annotations

from decimal import Decimal

from giaouoc.load.tree import Source
from giaouoc.yamltext import flow

Update = tuple[Decimal | None, str | None]  # new self score, new note (None: leave as it is)


def _entry(existing: dict[str, object] | None, update: Update) -> str:
    values: dict[str, object] = dict(existing or {})
    if update[0] is not None:
        values["self"] = update[0]
    if update[1] is not None:
        values["note"] = update[1]
    order = ["self", "block", "note"]
    ordered = {k: values[k] for k in order if k in values} | {k: v for k, v in values.items() if k not in order}
    return flow(ordered)


def apply_updates(text: str, source: Source | None, unit: str, updates: dict[int, Update]) -> str:
    """The score file with the updates applied; a new file when there was none."""
    if source is None or not isinstance(source.data, dict):
        lines = [f"unit: {unit}", "scores:"]
        lines += [f"  {item}: {_entry(None, update)}" for item, update in sorted(updates.items())]
        return "\n".join(lines) + "\n"
    lines = text.split("\n")
    scores = source.data.get("scores")
    if not isinstance(scores, dict) or not scores:
        lines = [line for line in lines if line.strip() not in ("scores:", "scores: {}")]
        while lines and lines[-1] == "":
            lines.pop()
        lines.append("scores:")
        lines += [f"  {item}: {_entry(None, update)}" for item, update in sorted(updates.items())]
        return "\n".join(lines) + "\n"
    keys = sorted(((source.keys[("scores", k)][0], k) for k in scores), key=lambda pair: pair[0])
    indent = " " * (source.keys[("scores", keys[0][1])][1] - 1)
    end_of_scores = _end_of_mapping(lines, source, keys[-1][0])
    replacements: dict[int, tuple[int, str]] = {}  # first line index -> (lines replaced, new text)
    inserts: dict[int, list[str]] = {}
    for item, update in sorted(updates.items()):
        if item in scores:
            line_no = source.keys[("scores", item)][0]
            following = [n for n, _ in keys if n > line_no]
            stop = (following[0] - 1) if following else end_of_scores
            existing = scores[item] if isinstance(scores[item], dict) else None
            replacements[line_no - 1] = (stop - line_no + 1, f"{indent}{item}: {_entry(existing, update)}")
        else:
            later = [n for n, k in keys if isinstance(k, int) and k > item]
            at = (later[0] - 1) if later else end_of_scores
            inserts.setdefault(at, []).append(f"{indent}{item}: {_entry(None, update)}")
    return _splice(lines, replacements, inserts)


def _splice(lines: list[str], replacements: dict[int, tuple[int, str]], inserts: dict[int, list[str]]) -> str:
    """Apply line replacements (first index -> count, text) and insertions (before index) in one pass."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        out += inserts.pop(index, [])
        if index in replacements:
            count, new = replacements[index]
            out.append(new)
            index += count
            continue
        out.append(lines[index])
        index += 1
    for rest in inserts.values():
        out += rest
    return "\n".join(out)


def _end_of_mapping(lines: list[str], source: Source, last_key_line: int) -> int:
    """The 1-based line where the scores mapping's last entry ends (before the next top-level key)."""
    top_level = sorted(pos[0] for path, pos in source.keys.items() if len(path) == 1 and pos[0] > last_key_line)
    end = (top_level[0] - 1) if top_level else len(lines)
    while end > last_key_line and not lines[end - 1].strip():
        end -= 1
    while end > last_key_line and lines[end - 1].lstrip().startswith("#"):
        end -= 1
    return end
