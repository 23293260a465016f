"""Create a new compact year: from last year's rules and units, or as a commented skeleton."""

from __future__ import annotations

import tempfile
from pathlib import Path

from giaouoc.edit.carried import carried_lines, leader_follows
from giaouoc.errors import DataError, FatalError
from giaouoc.load.folder import YearFiles
from giaouoc.model.records import Compact
from giaouoc.yamltext import flow, scalar


def placeholder(what: str) -> str:
    """A value the clerk must fill in; `validate` reports it until it is replaced."""
    return f"<{what}>"


def _compact_text(compact: Compact | None, year: int, elected: tuple[str, str] | None = None,
                  follows: dict[str, str] | None = None) -> str:
    """compact.yaml for the new year: last year's rules, this year's facts left to fill in; the officials the
    last review elected for this year (`next`), when it did."""
    lines = [
        f"# Giao ước thi đua năm {year}. Các giá trị trong dấu <...> cần điền trước khi ký giao ước;",
        "# «giaouoc validate» liệt kê những chỗ còn thiếu.",
        f"year: {year}                  # năm giao ước, trùng tên thư mục",
    ]
    if compact is None:
        lines += [
            f"movement: {scalar('Vì An ninh Tổ quốc')}    # tên phong trào thi đua",
            "block:",
            f"  name: {placeholder('tên Khối thi đua')}",
            f"  code: {placeholder('mã Khối viết hoa, ví dụ KANND')}   # dùng trong số văn bản: 05/BB-KANND",
            f"authority: {placeholder('cơ quan chủ quản, ví dụ Công an tỉnh ...')}   # dòng đầu tiêu đề văn bản",
            f"place: {placeholder('địa danh ghi trước ngày tháng')}",
            f"slogan: {placeholder('khẩu hiệu hành động')}",
        ]
    else:
        lines += [
            f"movement: {scalar(compact.movement)}",
            "block:",
            f"  name: {scalar(compact.block.name)}",
            *([f"  code: {compact.block.code}"] if compact.block.code else []),
            *([f"  header: {flow(list(compact.block.header))}"] if compact.block.header else []),
            f"authority: {scalar(compact.authority)}",
            f"place: {scalar(compact.place)}",
            *([f"slogan: {scalar(compact.slogan)}"] if compact.slogan else []),
        ]
    place = compact.signing.place if compact else None
    chair = {"rank": placeholder("cấp bậc"), "name": placeholder("họ tên người chủ trì"),
             "title": placeholder("chức vụ")}
    lines += [
        "signing:                        # hội nghị ký giao ước",
        f"  date: {placeholder(f'ngày ký, dạng {year}-TT-NN')}",
        *([f"  place: {scalar(place)}"] if place else []),
        f"  chair: {flow(chair)}",
    ]
    if elected is not None:
        lines += [f"leader: {elected[0]}   # Trưởng khối năm {year}, do hội nghị năm trước bầu (review.yaml, next)",
                  f"deputy: {elected[1]}   # Phó khối năm {year}"]
    else:
        lines += [f"leader: {placeholder('mã đơn vị Trưởng khối')}   # Trưởng khối năm {year}",
                  f"deputy: {placeholder('mã đơn vị Phó khối')}     # Phó khối, khác Trưởng khối"]
    lines += _rules(compact, follows or {})
    return "\n".join(lines) + "\n"


def _rules(compact: Compact | None, follows: dict[str, str]) -> list[str]:
    if compact is None:
        return [
            "scoring:",
            "  total: 100                    # tổng điểm chuẩn các nội dung",
            "  bonus_cap: 5                  # điểm thưởng tính tối đa",
            "  tie_break: [penalty, bonus]   # tiêu chí phụ khi bằng điểm",
            "  bands:                        # xếp loại: từ «min» điểm trở lên",
            f"    - {flow({'name': 'Hoàn thành xuất sắc nhiệm vụ', 'min': 90})}",
            f"    - {flow({'name': 'Hoàn thành tốt nhiệm vụ', 'min': 75})}",
            f"    - {flow({'name': 'Hoàn thành nhiệm vụ', 'min': 50})}",
            "titles:                         # danh hiệu Khối đề nghị",
            "  - id: quyet-thang",
            "    name: Đơn vị Quyết thắng",
            "    min_total: 85",
        ]
    scoring = compact.scoring
    lines = ["scoring:"]
    for key in ("total", "bonus_cap"):
        value = getattr(scoring, key)
        if value is not None:
            lines.append(f"  {key}: {scalar(value)}")
    if scoring.tie_break:
        lines.append(f"  tie_break: {flow([str(k) for k in scoring.tie_break])}")
    if scoring.bands:
        lines.append("  bands:")
        lines += [f"    - {flow({'name': b.name, 'short': b.short, 'min': b.min})}" for b in scoring.bands]
    if compact.titles:
        lines.append("titles:")
        for title in compact.titles:
            lines.append(f"  - id: {title.id}")
            for key, value in vars(title).items():
                if key == "history" and value:
                    lines.append("    history:")
                    lines += [f"      - {flow({k: v for k, v in vars(c).items() if v not in (None, False)})}"
                              for c in value]
                elif key != "id" and value not in (None, []):
                    lines.append(f"    {key}: {flow(value)}")
    documents = {k: v for k, v in compact.documents.items() if v.recipients or v.archive or v.bases or v.to}
    if documents:
        lines.append("documents:                      # số và ngày văn bản của năm mới để trống cho văn thư")
        for doc_id, settings in documents.items():
            lines.append(f"  {doc_id}:")
            for key in ("to", "bases", "recipients", "archive"):
                values = list(getattr(settings, key))
                if key == "archive":  # "Lưu: VT, PA03": the Trưởng khối's unit keeps the file; it follows the leader
                    values = [follows.get(v.strip().casefold(), v) for v in values]
                if values:
                    lines.append(f"    {key}:")
                    lines += [f"      - {scalar(v)}" for v in values]
    return lines


SKELETON_UNITS = """\
# Các đơn vị thành viên của Khối. Mỗi đơn vị một mục; mã (id) viết thường, không dấu.
units:
  - id: {placeholder_id}
    name: <tên đơn vị>
    short: <tên ngắn dùng trong bảng>
    head: {{rank: <cấp bậc>, name: <họ tên thủ trưởng>, title: <chức vụ>}}   # người ký giao ước
    registered: [quyet-thang]   # danh hiệu đăng ký thi đua
"""

SKELETON_ITEMS = """\
# Các nội dung giao ước thi đua; tổng điểm chuẩn (max) bằng scoring.total trong compact.yaml.
items:
  - id: 1
    title: <nội dung giao ước thứ nhất>
    max: 100
"""


def create_year(root: Path, year: int, source: YearFiles | None) -> tuple[Path, list[str]]:
    """Write compacts/<year>/ (all files or none); refuse an existing folder. Returns the folder and what the
    clerk must review before the new year is signed."""
    folder = root / "compacts" / str(year)
    if folder.exists():
        raise FatalError(f"thư mục {folder.relative_to(root).as_posix()} đã có: giaouoc không ghi đè năm đã tạo")
    if source is not None and (source.compact is None or source.units is None or source.items is None):
        raise DataError(f"năm {source.name} có lỗi, chưa dùng làm mẫu được (xem «giaouoc validate {source.name}»)")
    folder.parent.mkdir(parents=True, exist_ok=True)
    review = [f"compacts/{year}/compact.yaml: các giá trị <...> (ngày ký, người chủ trì)"]
    with tempfile.TemporaryDirectory(prefix=f".{year}-", dir=folder.parent) as work:
        staging = Path(work) / str(year)
        (staging / "scores").mkdir(parents=True)
        elected = None
        if source is not None and source.review is not None and source.review.next is not None:
            elected = (source.review.next.leader, source.review.next.deputy)
        follows = leader_follows(source, elected[0]) if source is not None and elected is not None else {}
        (staging / "compact.yaml").write_text(
            _compact_text(source.compact if source else None, year, elected, follows), "utf-8")
        if source is not None:
            old = source.name
            for name in ("units.yaml", "items.yaml"):
                (staging / name).write_text(_carried(source.folder / name, old, year), "utf-8")
            review += _carry_texts(source.folder, staging, old, year)
            review += carried_lines(staging, root, folder, source, year, set(follows.values()))
            review.append(f"compacts/{year}/units.yaml: đơn vị, thủ trưởng, danh hiệu đăng ký năm {year}")
            if source.compact is not None and source.compact.documents:
                review.append(f"compacts/{year}/compact.yaml: căn cứ và nơi nhận của các văn bản (documents)")
        else:
            (staging / "units.yaml").write_text(SKELETON_UNITS.format(placeholder_id="<mã đơn vị>"), "utf-8")
            (staging / "items.yaml").write_text(SKELETON_ITEMS, "utf-8")
        (staging / "scores" / ".gitkeep").write_text("", "utf-8")
        staging.rename(folder)
    return folder, review


def _carried(path: Path, old: str, year: int) -> str:
    """A file of last year for this year: its comments name the new year; lineage (`formerly`) is not carried
    (the units of the new year are last year's units themselves)."""
    lines = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        stripped = line.strip()
        if stripped.startswith("formerly:"):
            continue
        if stripped.startswith("#"):
            line = line.replace(old, str(year))
        elif "#" in line and "formerly" not in line:
            code, _, comment = line.partition("#")
            line = code + "#" + comment.replace(old, str(year)) if comment else line
        lines.append(line)
    return "\n".join(lines)


def _carry_texts(source: Path, staging: Path, old: str, year: int) -> list[str]:
    """text/*.md of last year with the compact's year replaced (not the units' achievements, which are per year)."""
    texts = sorted((source / "text").glob("*.md")) if (source / "text").is_dir() else []
    if not texts:
        return []
    (staging / "text").mkdir()
    for path in texts:
        if path.is_file() and not path.is_symlink() and path.resolve().is_relative_to(source.resolve()):
            (staging / "text" / path.name).write_text(path.read_text(encoding="utf-8").replace(old, str(year)), "utf-8")
    return [f"compacts/{year}/text/{p.name}: đoạn văn chép từ năm {old}, năm đã đổi thành {year}" for p in texts]
