"""The rules the block adopted, in plain Vietnamese, as the giao ước prints them (they are part of what is signed)."""

from __future__ import annotations

from giaouoc.model.records import Compact, HistoryCondition, Item, Title
from giaouoc.vietnamese import format_number, percent


def band_lines(compact: Compact) -> list[str]:
    """"từ 90 điểm trở lên" for the top band, "từ 75 đến dưới 90 điểm" below it, "dưới 50 điểm" for a lowest
    band that starts at 0."""
    bands = sorted(compact.scoring.bands, key=lambda b: b.min, reverse=True)
    lines = []
    for index, band in enumerate(bands):
        name = f"{band.name}{f' ({band.short})' if band.short else ''}"
        above = bands[index - 1].min if index else None
        if above is None:
            rule = f"từ {format_number(band.min)} điểm trở lên"
        elif band.min <= 0:
            rule = f"dưới {format_number(above)} điểm"
        else:
            rule = f"từ {format_number(band.min)} đến dưới {format_number(above)} điểm"
        lines.append(f"{name}: {rule}")
    return lines


def title_lines(compact: Compact, kind: str | None = None) -> list[str]:
    """The conditions of each title (of one kind: danh-hieu or khen-thuong, when given)."""
    return [f"{t.name}: {title_conditions(t, compact)}" for t in compact.titles if kind in (None, t.kind)]


def quoted(name: str) -> str:
    """A name quoted as documents quote: “…” (the terminal's «…» never reaches a document)."""
    return f"“{name}”"


def title_conditions(title: Title, compact: Compact) -> str:
    parts = []
    if title.min_total is not None:
        parts.append(f"tổng điểm từ {format_number(title.min_total)} trở lên")
    parts += [f"được đề nghị {quoted(compact.title_name(r))}" for r in title.requires]
    if title.vote_threshold is not None:
        base = "tổng số thành viên" if title.vote_base == "members" else "số phiếu hợp lệ"
        rule = f"từ {percent(title.vote_threshold)}" if title.min_vote_share is not None else \
            f"trên {percent(title.vote_threshold)}"
        parts.append(f"được {rule} {base} bầu chọn")
    parts += [history_phrase(c, compact) for c in title.history]
    if title.max is not None:
        parts.append(f"không quá {format_number(title.max)} đơn vị")
    if title.group is not None:
        others = [t.name for t in compact.titles if t.group == title.group and t.id != title.id]
        if others:
            parts.append(f"mỗi đơn vị chỉ nhận một trong các danh hiệu cùng nhóm ({', '.join(others)})")
    return "; ".join(parts) if parts else "theo đăng ký của đơn vị"


def history_phrase(condition: HistoryCondition, compact: Compact) -> str:
    span = f"{condition.years} năm liền" if condition.years > 1 else "năm"
    when = f"{span} trước năm xét" if condition.before else f"{span} tính đến năm xét"
    if condition.band is not None:
        return f"xếp loại {quoted(condition.band)} trở lên {when}"
    named = compact.title_name(condition.title or condition.without or "")
    return f"{'được' if condition.title else 'không được'} tặng {quoted(named)} {when}"


def tie_break_line(compact: Compact, items: list[Item] | None = None) -> str | None:
    keys = compact.scoring.tie_break
    if not keys:
        return None
    titles = {i.id: i.title for i in items or []}
    phrases = [f"điểm ở nội dung {k.item} ({titles[k.item]}) cao hơn" if k.kind == "item" and k.item in titles
               else f"nhiều phiếu bầu {quoted(compact.title_name(k.title or ''))} hơn" if k.kind == "votes"
               else k.phrase() for k in keys]
    return "Khi bằng tổng điểm, xếp trên là đơn vị có " + ", rồi ".join(phrases) + "; vẫn bằng nhau thì đồng hạng."
