"""Data shown as text is shown as written, never obeyed: control and direction characters made visible.

A unit's id, a name, a note, a file name or a sheet name may hold ESC (`\\x1b]52;…` writes the clipboard,
`\\x1b[2J` clears the screen, OSC 8 makes fake links), a newline (a forged «Đã ghi…» line) or a right-to-left
override (text that reads differently from what it is). Every printer of data on a terminal or in plain-text
output goes through `visible`; Markdown and CSV use it too.
"""

from __future__ import annotations

import re

# C0 (tab and newline included: data holds none where a line is printed), DEL, C1, the bidi controls
# (embeddings, overrides, isolates, marks), line and paragraph separators, BOM and non-characters.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
                     "\ufffe\uffff\ud800-\udfff]")
_NAMED = {"\x1b": "\\e", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x00": "\\0", "\x07": "\\a", "\x08": "\\b"}
# the same, for a block of several lines whose line ends are the printer's own
_HIDDEN_IN_BLOCK = re.compile(_HIDDEN.pattern.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f"))
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """One line of text with every control, direction and separator character written out: ESC as `\\e`,
    a newline as `\\n`, U+202E as `\\u202e`."""
    return _HIDDEN.sub(_shown, text)


def visible_block(text: str) -> str:
    """Several lines (the printer's own line ends and tabs kept), every other hidden character written out."""
    return _HIDDEN_IN_BLOCK.sub(_shown, text)


def has_hidden(text: str) -> bool:
    return _HIDDEN.search(text) is not None
