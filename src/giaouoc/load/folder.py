"""Find the data root and the year folders, and read one year folder into its records (YearFiles)."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from giaouoc.errors import UsageError
from giaouoc.load.reader import validate_as
from giaouoc.load.text import CONTROL_CHARS, CONTROL_MESSAGE, read_text
from giaouoc.load.tree import Source, load_file
from giaouoc.model.records import (
    Compact,
    GradeFile,
    Item,
    ItemsFile,
    Review,
    TargetsFile,
    Unit,
    UnitScores,
    UnitsFile,
)
from giaouoc.problems import Report

if TYPE_CHECKING:
    from giaouoc.model.history import Closed, DecisionsFile


@dataclass
class YearFiles:
    """What could be read of a year folder; a part that failed to load is None."""

    name: str
    folder: Path
    root: Path
    compact: Compact | None = None
    units: list[Unit] | None = None
    items: list[Item] | None = None
    scores: dict[str, UnitScores] = field(default_factory=dict)
    review: Review | None = None
    decisions: DecisionsFile | None = None
    closed: Closed | None = None
    texts: dict[str, str] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    score_files: list[str] = field(default_factory=list)
    targets: TargetsFile | None = None
    grades: dict[str, GradeFile] = field(default_factory=dict)  # "grades/<grader>/<unit>.yaml" -> its record
    grade_files: list[str] = field(default_factory=list)

    def scores_by_unit(self) -> dict[str, UnitScores]:
        """The score files read, by the unit id their file name gives."""
        return {score_file_unit(name): scores for name, scores in self.scores.items()}


def score_file_unit(name: str) -> str:
    """The unit id a score file stands for: scores/pa03.yaml -> pa03."""
    return PurePosixPath(name).stem


def inside(path: Path, root: Path, shown: str, report: Report) -> bool:
    """Whether a data file really lies under the data root; a link that leads out of it is refused (it could
    print a file of the machine into a document)."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        report.add(shown, (1, 1), "unreadable", "liên kết hỏng hoặc vòng liên kết: không đọc được")
        return False
    if real.is_relative_to(root.resolve()) or real.is_relative_to(path.parent.resolve()):
        return True
    report.add(shown, (1, 1), "outside-root",
               f"tệp là liên kết trỏ ra ngoài thư mục dữ liệu ({real}): giaouoc không đọc tệp ngoài dữ liệu")
    return False


def find_root(option: Path | None, cwd: Path | None = None) -> Path:
    """The data root: --root, else GIAOUOC_ROOT, else the nearest folder holding compacts/."""
    if option is None and os.environ.get("GIAOUOC_ROOT"):
        option = Path(os.environ["GIAOUOC_ROOT"])
    if option is not None:
        if not (option / "compacts").is_dir():
            raise UsageError(f"thư mục dữ liệu «{option}» không có thư mục con compacts/")
        return option.resolve()
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "compacts").is_dir():
            return folder
    raise UsageError(
        "không tìm thấy thư mục dữ liệu: hãy chạy lệnh trong thư mục có compacts/, "
        "hoặc chỉ rõ bằng --root THƯ_MỤC hay biến môi trường GIAOUOC_ROOT"
    )


def year_folder(root: Path, year: str) -> Path:
    """Resolve YEAR: a year under compacts/, or the path of a year folder."""
    candidate = root / "compacts" / year
    if is_year_name(year) and candidate.is_dir():
        return candidate
    path = Path(year)
    if not is_year_name(year) and path.is_dir() and (path / "compact.yaml").exists():
        return path.resolve()
    known = ", ".join(list_years(root)) or "chưa có năm nào"
    raise UsageError(f"không có năm «{year}» trong {root / 'compacts'} (các năm đang có: {known})")


def list_years(root: Path) -> list[str]:
    """The names of the year folders under compacts/, in order."""
    return [folder.name for folder in year_folders(root)]


def year_folders(root: Path) -> list[Path]:
    """Every year folder under compacts/, in order."""
    folder = root / "compacts"
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.is_dir() and is_year_name(p.name)), key=lambda p: p.name)


def is_year_name(name: str) -> bool:
    """A year folder is named by four ASCII digits: «٢٠٢٣», «２０２３» or «²» are no years."""
    return len(name) == 4 and name.isascii() and name.isdigit()


def stray_folders(root: Path) -> list[Path]:
    """Folders under compacts/ that are not years (ignored, with a warning)."""
    folder = root / "compacts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not is_year_name(p.name) and not p.name.startswith("."))


def display_path(path: Path, root: Path) -> str:
    """A path as people read it: relative to the data root when it lies below it."""
    for candidate in (path, Path(os.path.abspath(path))):
        try:
            return candidate.resolve().relative_to(root).as_posix() if candidate is path else \
                candidate.relative_to(root).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside the root, or a link loop
            continue
    return path.as_posix()


def read_year(root: Path, folder: Path, report: Report) -> YearFiles:
    """Load every file of a year folder, reporting shape and type problems per file."""
    files = YearFiles(folder.name, folder, root)

    def load(name: str, required: bool) -> Source | None:
        path = folder / name
        shown = display_path(path, root)
        if not path.is_file():
            if path.is_symlink() or (path.exists() and not path.is_dir()):
                report.add(shown, (1, 1), "unreadable", "liên kết hỏng hoặc không phải tệp thường: không đọc được")
            elif path.is_dir():
                report.add(shown, (1, 1), "unreadable", f"{name} là một thư mục, cần một tệp")
            elif required:
                report.add(shown, (1, 1), "missing-file", f"thiếu tệp {name} của năm {folder.name}")
            return None
        if not inside(path, root, shown, report):
            return None
        source = load_file(path, shown, report)
        if source is not None:
            files.sources[name] = source
        return source

    if (source := load("compact.yaml", True)) is not None:
        files.compact = validate_as(source, Compact, report)
    if (source := load("units.yaml", True)) is not None and (units := validate_as(source, UnitsFile, report)):
        files.units = units.units
    if (source := load("items.yaml", True)) is not None and (items := validate_as(source, ItemsFile, report)):
        files.items = items.items
    if (source := load("review.yaml", False)) is not None:
        files.review = validate_as(source, Review, report)
    if (folder / "decisions.yaml").exists() or (folder / "closed.yaml").exists():
        from giaouoc.model.history import Closed, DecisionsFile  # only for a block that keeps history

        if (source := load("decisions.yaml", False)) is not None:
            files.decisions = validate_as(source, DecisionsFile, report)
        if (source := load("closed.yaml", False)) is not None:
            files.closed = validate_as(source, Closed, report)
    if (source := load("targets.yaml", False)) is not None:
        files.targets = validate_as(source, TargetsFile, report)
    _read_scores(files, root, load, report)
    _read_grades(files, root, load, report)
    _read_texts(files, root, report)
    return files


def _read_scores(
    files: YearFiles, root: Path, load: Callable[[str, bool], Source | None], report: Report
) -> None:
    folder = files.folder / "scores"
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        name = f"scores/{path.name}"
        if path.name.startswith("."):
            continue
        if path.suffix != ".yaml" or not path.is_file():
            report.add(display_path(path, root), (1, 1), "stray-file",
                       "bị bỏ qua: scores/ chỉ chứa các tệp điểm tên <mã đơn vị>.yaml")
            continue
        files.score_files.append(name)
        source = load(name, True)
        if source is None:
            continue
        scores = validate_as(source, UnitScores, report)
        if scores is not None:
            files.scores[name] = scores


def _read_grades(
    files: YearFiles, root: Path, load: Callable[[str, bool], Source | None], report: Report
) -> None:
    folder = files.folder / "grades"
    if not folder.is_dir():
        return
    for sub in sorted(folder.iterdir()):
        if sub.name.startswith("."):
            continue
        paths = sorted(sub.iterdir()) if sub.is_dir() and not sub.is_symlink() else [sub]
        for path in paths:
            name = path.relative_to(files.folder).as_posix()
            if path.name.startswith("."):
                continue
            if path.suffix != ".yaml" or not path.is_file() or path.parent == folder:
                report.add(display_path(path, root), (1, 1), "stray-file",
                           "bị bỏ qua: grades/ chỉ chứa các tệp chấm chéo grades/<mã đơn vị chấm>/<mã đơn vị>.yaml")
                continue
            files.grade_files.append(name)
            source = load(name, True)
            if source is not None and (grade := validate_as(source, GradeFile, report)) is not None:
                files.grades[name] = grade


def _read_texts(files: YearFiles, root: Path, report: Report) -> None:
    folder = files.folder / "text"
    if not folder.is_dir():
        return
    for path in [*sorted(folder.glob("*.md")), *sorted(folder.glob("thanh-tich/*.md"))]:
        if not path.is_file():  # a folder named x.md is no text
            continue
        shown = display_path(path, root)
        if not inside(path, root, shown, report):
            continue
        text = read_text(path, shown, report)
        if text is None:
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            line = line.removesuffix("\r")  # Windows line ends are line ends, not stray characters
            if match := CONTROL_CHARS.search(line):
                report.add(shown, (number, match.start() + 1), "control-char", CONTROL_MESSAGE)
        files.texts[path.relative_to(folder).with_suffix("").as_posix()] = unicodedata.normalize("NFC", text)
