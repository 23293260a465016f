"""The rules the block adopted, in plain Vietnamese, as the giao ước prints them (they are part of what is signed)."""

from __future__ import annotations

from giaouoc.model.records import Compact, HistoryCondition, Title
from giaouoc.vietnamese import format_number, percent


def band_lines(compact: Compact) -> list[str]:
    bands = sorted(compact.scoring.bands, key=lambda b: b.min, reverse=True)
    return [f"{b.name}{f' ({b.short})' if b.short else ''}: từ {format_number(b.min)} điểm trở lên" for b in bands]


def title_lines(compact: Compact) -> list[str]:
    return [f"{t.name}: {title_conditions(t, compact)}" for t in compact.titles]


def title_conditions(title: Title, compact: Compact) -> str:
    parts = []
    if title.min_total is not None:
        parts.append(f"tổng điểm từ {format_number(title.min_total)} trở lên")
    parts += [f"được đề nghị «{compact.title_name(r)}»" for r in title.requires]
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
        return f"xếp loại «{condition.band}» trở lên {when}"
    named = compact.title_name(condition.title or condition.without or "")
    return f"{'được' if condition.title else 'không được'} tặng «{named}» {when}"


def tie_break_line(compact: Compact) -> str | None:
    keys = compact.scoring.tie_break
    if not keys:
        return None
    phrases = [k.phrase(compact.title_name(k.title) if k.title else "") for k in keys]
    return "Khi bằng tổng điểm, xếp trên là đơn vị có " + ", rồi ".join(phrases) + "; vẫn bằng nhau thì đồng hạng."
