"""Change only `self` and `note` of items in a score file: the text of the values that change, nothing else.

Style (flow `{self: 8}` or block lines), line endings (LF or CRLF), comments and order stay as the clerk
typed them: the file is edited where the loader's walk of the parse events (`load.tree.parse_spans`, the
walk that reads the data, so keys resolve the same way) says each value starts and ends.
"""

from __future__ import annotations

from decimal import Decimal

from giaouoc.load.tree import Source, Span, parse_spans
from giaouoc.yamltext import flow, scalar

Update = tuple[Decimal | None, str | None]  # new self score, new note (None: leave as it is)


def _content_end(node: Span) -> int:
    """Where a value's own text ends: a block mapping's end mark lies at the next key, past comments."""
    children = list(node.keys.values()) or node.items
    if node.flow or not children:
        return node.end
    return max(_content_end(child) for child in children)


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
    newline = "\r\n" if "\r\n" in text else "\n"
    if source is None or not isinstance(source.data, dict):
        if not updates:  # a form with proposals only
            return f"unit: {unit}{newline}"
        lines = [f"unit: {unit}", "scores:"]
        lines += [f"  {item}: {_entry(None, update)}" for item, update in sorted(updates.items())]
        return newline.join(lines) + newline
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    tree = parse_spans(body)
    scores = tree.keys.get("scores") if tree is not None else None
    if scores is None or not scores.keys or scores.flow:
        return bom + _new_scores_block(body, scores, updates, newline)
    edits: list[tuple[int, int, str]] = []  # (start, end, new text), applied from the end
    for item, update in sorted(updates.items()):
        current = scores.keys.get(item)
        existing = source.data["scores"].get(item)
        if current is None:
            edits.append(_insert_item(body, scores, item, update, newline))
        elif not isinstance(existing, dict):
            edits.append((current.start, current.end, _entry(None, update)))
        else:
            edits += _edit_entry(body, current, update, newline)
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        body = body[:start] + new + body[end:]
    return bom + body


def _edit_entry(text: str, entry: Span, update: Update, newline: str) -> list[tuple[int, int, str]]:
    """Replace or add `self` and `note` inside one item's mapping, in its own style."""
    edits = []
    for key, value in (("self", update[0]), ("note", update[1])):
        if value is None:
            continue
        shown = flow(value) if entry.flow else scalar(value)
        if key in entry.keys:
            node = entry.keys[key]
            edits.append((node.start, node.end, shown))
        elif entry.flow:
            at = entry.start + 1 if key == "self" else entry.end - 1
            edits.append((at, at, f"{key}: {shown}, " if key == "self" and entry.keys else f", {key}: {shown}"
                          if entry.keys else f"{key}: {shown}"))
        else:
            starts = sorted(entry.key_starts.values())
            first = starts[0]
            indent = first - text.rfind("\n", 0, first) - 1
            if key == "self":
                edits.append((first, first, f"{key}: {shown}{newline}{' ' * indent}"))
            else:
                end = _content_end(entry)
                edits.append((end, end, f"{newline}{' ' * indent}{key}: {shown}"))
    return edits


def _insert_item(text: str, scores: Span, item: int, update: Update, newline: str) -> tuple[int, int, str]:
    """A new item line, in numeric order among the others, indented like them."""
    later = sorted((k, scores.key_starts[k]) for k in scores.key_starts if isinstance(k, int) and k > item)
    first = min(scores.key_starts.values())
    indent = first - text.rfind("\n", 0, first) - 1
    line = f"{' ' * indent}{item}: {_entry(None, update)}"
    if later:
        at = text.rfind("\n", 0, later[0][1]) + 1
        return at, at, line + newline
    end = _content_end(scores)
    return end, end, newline + line


def _new_scores_block(text: str, scores: Span | None, updates: dict[int, Update], newline: str) -> str:
    """A file with no scores yet (or `scores: {}`): the scores written as a block after the rest."""
    lines = [f"  {item}: {_entry(None, update)}" for item, update in sorted(updates.items())]
    if scores is not None:  # `scores:` with nothing, or an empty flow mapping: the value is replaced
        return text[:scores.start].rstrip(" ") + newline + newline.join(lines) + text[scores.end:]
    return text.rstrip("\r\n") + newline + "scores:" + newline + newline.join(lines) + newline


def remove_key(text: str, key: str) -> str:
    """The file without the top-level `key` and its value (lines wholly its own); the rest stays as it is."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    tree = parse_spans(body)
    if tree is None or key not in tree.keys:
        return text
    start = body.rfind("\n", 0, tree.key_starts[key]) + 1
    end = body.find("\n", _content_end(tree.keys[key]))
    return bom + body[:start] + (body[end + 1:] if end >= 0 else "")


def replace_list(text: str, key: str, entries: list[dict[str, object]], same: list[int | None]) -> str:
    """The file with the list under `key` (bonus, penalties) replaced by `entries`, one flow entry a line.

    `same[i]` is the index of the old entry equal to entry i, whose text is kept as the clerk wrote it.
    Only that list's text changes: the rest of the file, its comments and line endings stay.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    tree = parse_spans(body)
    node = tree.keys.get(key) if tree is not None else None
    lines = [f"- {flow(entry)}" for entry in entries]
    if node is None:
        block = newline.join(f"  {line}" for line in lines)
        return bom + body.rstrip("\r\n") + newline + f"{key}:" + newline + block + newline
    if node.items and not node.flow:  # a block list: replaced in place, at its own indent
        indent = node.start - body.rfind("\n", 0, node.start) - 1
        for index, old in enumerate(same):
            if old is not None and old < len(node.items):
                item = node.items[old]
                lines[index] = "- " + body[item.start:_content_end(item)]
        new = (newline + " " * indent).join(lines)
        return bom + body[:node.start] + new + body[_content_end(node):]
    key_start = tree.key_starts[key] if tree is not None else 0
    indent = key_start - body.rfind("\n", 0, key_start) - 1 + 2
    colon = body.index(":", key_start + len(key)) + 1
    rest = body[node.end:] if node.end > colon else body[colon:]
    block = "".join(newline + " " * indent + line for line in lines)
    return bom + body[:colon] + block + (rest if rest.startswith(("\n", "\r")) or not rest else newline + rest)
