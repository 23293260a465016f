"""The top of a document by Nghị định 30, Phụ lục I: the header table (II.1–II.4), type and trích yếu (II.5),
Kính gửi, the DỰ THẢO mark, an appendix's heading (Mẫu 2.1)."""

from __future__ import annotations

from giaouoc.documents.frame import Frame
from giaouoc.documents.geometry import (
    ESTIMATE_SAFETY,
    HEADER_CELL_MARGIN_MM,
    HEADER_INNER_MM,
    HEADER_LEFT_MM,
    RULE_SHARE,
    TITLE_SLACK,
)
from giaouoc.documents.wordbreak import splits_word
from giaouoc.documents.wordxml import Para, paragraph, rule, table, text_mm, text_width_mm, twips

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT = "DỰ THẢO"
LINE_BREAK = "<w:r><w:br/></w:r>"  # a line break inside a paragraph


def break_lines(text: str, width_mm: float, size: float, bold: bool) -> list[str]:
    """One line when it fits; else two, split between words where the longer line is shortest, never leaving
    a single word alone on a line when there are three words or more, nor cutting a two-syllable word ("AN |
    NINH") when another split fits."""
    if text_mm(text, size, bold) <= width_mm:
        return [text]
    words = text.split()
    cuts = range(1, len(words))
    if len(words) >= 3:
        cuts = range(2, len(words) - 1) if len(words) > 3 else range(1, len(words))

    def cost(i: int) -> tuple[bool, bool, float]:
        longer = max(text_mm(" ".join(words[:i]), size, bold), text_mm(" ".join(words[i:]), size, bold))
        return longer > width_mm, splits_word(words[i - 1], words[i]), longer

    best = min(cuts, key=cost, default=len(words))
    return [" ".join(words[:best]), " ".join(words[best:])]


def wrap_lines(text: str, width_mm: float, size: float, bold: bool) -> list[str]:
    """As many lines as needed, filled word by word, a two-syllable word carried whole to the next line; a lone
    last word takes one from the line above."""
    if text_mm(text, size, bold) <= width_mm:
        return [text]
    if len(text.split()) <= 3 or text_mm(text, size, bold) <= 2 * width_mm:
        return break_lines(text, width_mm, size, bold)
    lines: list[list[str]] = [[]]
    for word in text.split():
        if lines[-1] and text_mm(" ".join([*lines[-1], word]), size, bold) > width_mm:
            carried = [lines[-1].pop()] if len(lines[-1]) > 1 and splits_word(lines[-1][-1], word) else []
            lines.append(carried)
        lines[-1].append(word)
    if len(lines) > 1 and len(lines[-1]) == 1 and len(lines[-2]) > 2:
        lines[-1].insert(0, lines[-2].pop())
    return [" ".join(line) for line in lines]


def title_lines(title: str, width_mm: float) -> list[str]:
    """The trích yếu's lines: one when it may fit (Word then breaks it if it must); two of about equal length
    when it surely takes two (II.5: no word cut in two, nor left alone); else filled line by line."""
    estimate = text_mm(title, 14, True)
    if estimate <= width_mm * TITLE_SLACK:
        return [title]
    if estimate <= 2 * width_mm:
        return break_lines(title, width_mm, 14, True)
    return wrap_lines(title, width_mm * ESTIMATE_SAFETY, 14, True)


def _line(text: str, size: float = 13, bold: bool = False, italic: bool = False, before: float = 0,
          after: float = 0) -> Para:
    """One centred single-spaced line of the header table."""
    return paragraph(text, size=size, bold=bold, italic=italic, align="center", before=before, after=after,
                     spacing=1.0)


def header_block(frame: Frame) -> list[Para | str]:
    """Two borderless columns, two rows: authority and issuer | quốc hiệu and tiêu ngữ; then Số | place and date,
    so that the number and the date always stand level (II.4.c). DỰ THẢO above it on a draft."""
    blocks: list[Para | str] = []
    if frame.draft:
        blocks.append(paragraph(DRAFT, size=14, bold=True, align="right", after=2, spacing=1.0))
    if not frame.header:
        return blocks
    landscape = frame.orientation == "landscape"
    left_mm = HEADER_LEFT_MM[landscape]
    right_mm = text_width_mm(landscape) - left_mm
    usable = left_mm - HEADER_INNER_MM - 1  # and a millimetre of air: the issuer never touches the column's edge
    issuer = frame.issuer_lines or break_lines(frame.issuer, usable, 13, True)
    longest = max(text_mm(line, 13, True) for line in issuer)
    left = [*(_line(line) for line in break_lines(frame.authority, usable, 13, False)),
            *(_line(line, bold=True) for line in issuer),
            rule(min(longest * RULE_SHARE, usable), left_mm - HEADER_INNER_MM)]
    right = [_line(NATION, size=12 if not landscape else 13, bold=True), _line(MOTTO, bold=True),
             rule(text_mm(MOTTO, 13, True), right_mm - HEADER_INNER_MM)]
    number = [_line(frame.number_line or "", before=6, after=6)]
    date = [_line(frame.place_date or "", size=14, italic=True, before=6, after=6)]
    rows = [("", (left, right)), ("", (number, date))]
    blocks.append(table([twips(left_mm), twips(right_mm)], rows, cell_margin=twips(HEADER_CELL_MARGIN_MM),
                        borderless=True))
    return blocks


def title_block(frame: Frame) -> list[Para | str]:
    """The document type in capitals, the trích yếu under it and a short rule (II.5); an appendix's heading
    above them (III.1)."""
    width = text_width_mm(frame.orientation == "landscape")
    blocks: list[Para | str] = []
    if not frame.header:
        blocks += [paragraph(line, size=14, bold=True, align="center", after=0, spacing=1.0) for line in frame.appendix]
    blocks.append(paragraph(frame.type, size=14, bold=True, align="center", before=0 if not frame.header else 18,
                            after=0, spacing=1.0))
    lines = title_lines(frame.title, width)
    title = paragraph(lines[0], size=14, bold=True, align="center", after=0, spacing=1.0, keep_next=True)
    for line in lines[1:]:
        title.runs.append(LINE_BREAK)
        title.add(line, 14, bold=True)
    blocks.append(title)
    if frame.reference:
        blocks.append(paragraph(frame.reference, size=14, italic=True, align="center", after=0, spacing=1.0))
    longest = min(max(text_mm(line, 14, True) for line in lines), width)  # the trích yếu's longest line
    blocks.append(rule(longest * RULE_SHARE, width, after=12, before=3))  # 1/3 to 1/2 of it, clear of the text (II.5.b)
    if len(frame.addressee) == 1:
        blocks.append(paragraph(f"Kính gửi: {frame.addressee[0]}.", align="center", after=12))
    elif frame.addressee:
        blocks.append(paragraph("Kính gửi:", align="center", after=0))
        for index, line in enumerate(frame.addressee):
            end = "." if index == len(frame.addressee) - 1 else ";"
            blocks.append(paragraph(f"- {line}{end}", align="center", after=0))
        blocks.append(paragraph("", after=6))
    return blocks
