"""Find the data root and the year folders, and read one year folder into its records (YearFiles)."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from giaouoc.errors import UsageError
from giaouoc.files import TEMPORARY
from giaouoc.load.reader import validate_as
from giaouoc.load.text import BIDI_MESSAGE, CONTROL_CHARS, CONTROL_MESSAGE, read_text
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
from giaouoc.visible import BIDI

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

    def shown(self, name: str) -> str:
        """A file of this year as people read it (the `file` of its problems): compacts/2023/units.yaml."""
        return display_path(self.folder / name, self.root)

    def scores_by_unit(self) -> dict[str, UnitScores]:
        """The score files read, by the unit id their file name gives."""
        return {score_file_unit(name): scores for name, scores in self.scores.items()}


def score_file_unit(name: str) -> str:
    """The unit id a score file stands for: scores/pa03.yaml -> pa03."""
    return PurePosixPath(name).stem


def trusted_base(folder: Path, root: Path) -> Path:
    """What the files of a year folder must really lie under: the data root, or the folder itself when the
    clerk named a year folder outside the root (`giaouoc validate ../nam-2023`). A folder under compacts/ that
    is a link out of the root is not trusted because of where it leads."""
    if Path(os.path.abspath(folder)).is_relative_to(root):
        return root
    return folder.resolve()


def inside(path: Path, root: Path, shown: str, report: Report, paths: RealPaths | None = None) -> bool:
    """Whether a data file really lies under `root` (the data root, see `trusted_base`), every link on its
    way resolved: a file, a folder (`text/`, `text/thanh-tich`, `scores/`) or the year itself linked out of
    it is refused (it could print a file of the machine into a document)."""
    try:
        real = paths.of(path) if paths is not None else path.resolve(strict=True)
    except (OSError, RuntimeError):
        report.add(shown, (1, 1), "unreadable", "liên kết hỏng hoặc vòng liên kết: không đọc được")
        return False
    real_root = paths.base if paths is not None else root.resolve()
    if real.is_relative_to(real_root):
        return True
    report.add(shown, (1, 1), "outside-root",
               f"tệp là liên kết trỏ ra ngoài thư mục dữ liệu ({real}): giaouoc không đọc tệp ngoài dữ liệu")
    return False


class RealPaths:
    """Where the files of one year folder really are, each folder resolved once: a file that is no link lies in
    its folder's real place (a thousand score files need not each be resolved from the root down)."""

    def __init__(self, root: Path, base: Path | None = None) -> None:
        self.given = root
        self.base = (base or root).resolve()  # what the files must really lie under (`trusted_base`)
        self.folders: dict[Path, Path] = {}

    def of(self, path: Path) -> Path:
        """The real path of an existing file (OSError, RuntimeError as `Path.resolve(strict=True)`)."""
        if path.is_symlink():
            return path.resolve(strict=True)
        folder = self.folders.get(path.parent)
        if folder is None:
            folder = self.folders[path.parent] = path.parent.resolve(strict=True)
        return folder / path.name

    def shown(self, path: Path) -> str:
        """`display_path` of an existing file, from its real path."""
        try:
            return self.of(path).relative_to(self.given).as_posix()
        except (ValueError, OSError, RuntimeError):
            return display_path(path, self.given)


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
    folder = _year_path(year)
    if folder is not None:
        return folder
    known = ", ".join(list_years(root)) or "chưa có năm nào"
    raise UsageError(f"không có năm «{year}» trong {root / 'compacts'} (các năm đang có: {known})")


def locate_year(year: str, root_option: Path | None) -> tuple[Path, Path]:
    """The data root and the year folder for YEAR, each resolved once. A YEAR given as a path works from any
    folder: its data root is the folder above its compacts/ (over GIAOUOC_ROOT); with --root it must lie under
    that root."""
    folder = _year_path(year)
    own = folder.parent.parent if folder is not None and folder.parent.name == "compacts" else None
    if folder is not None and own is not None and root_option is None:
        return own, folder
    root = find_root(root_option)
    if folder is not None and own is not None and not folder.is_relative_to(root):
        raise UsageError(f"thư mục năm {year} không nằm trong thư mục dữ liệu {root} (--root)")
    return root, folder if folder is not None else year_folder(root, year)


def _year_path(year: str) -> Path | None:
    """YEAR as the path of a year folder (one holding compact.yaml), resolved; None for a year name."""
    path = Path(year)
    if not is_year_name(year) and path.is_dir() and (path / "compact.yaml").is_file():
        return path.resolve()
    return None


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
    paths = RealPaths(root, trusted_base(folder, root))
    base = paths.base

    def load(name: str, required: bool) -> Source | None:
        path = folder / name
        if not path.is_file():
            shown = display_path(path, root)
            if path.is_symlink() or (path.exists() and not path.is_dir()):
                report.add(shown, (1, 1), "unreadable", "liên kết hỏng hoặc không phải tệp thường: không đọc được")
            elif path.is_dir():
                report.add(shown, (1, 1), "unreadable", f"{name} là một thư mục, cần một tệp")
            elif required:
                report.add(shown, (1, 1), "missing-file", f"thiếu tệp {name} của năm {folder.name}")
            return None
        shown = paths.shown(path)
        if not inside(path, base, shown, report, paths):
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
    _read_texts(files, base, report)
    for stray in stray_temporaries(folder):
        report.add(display_path(stray, root), (1, 1), "stray-file",
                   "tệp tạm do một lệnh giaouoc bị dừng giữa chừng để lại (tệp thật không bị ảnh hưởng): hãy xóa")
    return files


def stray_temporaries(folder: Path) -> list[Path]:
    """Temporary files a write stopped between writing and renaming left in a year folder."""
    places = [folder, folder / "scores", folder / "text", folder / "text" / "thanh-tich"]
    return sorted(p for place in places if place.is_dir() and not place.is_symlink()
                  for p in place.iterdir() if p.name.startswith(".") and TEMPORARY.match(p.name))


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


def _read_texts(files: YearFiles, base: Path, report: Report) -> None:
    root = files.root
    folder = files.folder / "text"
    if not folder.is_dir():
        return
    for path in [*sorted(folder.glob("*.md")), *sorted(folder.glob("thanh-tich/*.md"))]:
        if not path.is_file():  # a folder named x.md is no text
            continue
        shown = display_path(path, root)
        if not inside(path, base, shown, report):
            continue
        text = read_text(path, shown, report)
        if text is None:
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            line = line.removesuffix("\r")  # Windows line ends are line ends, not stray characters
            if match := CONTROL_CHARS.search(line):
                report.add(shown, (number, match.start() + 1), "control-char", CONTROL_MESSAGE)
            elif match := BIDI.search(line):
                report.add(shown, (number, match.start() + 1), "bidi-char", BIDI_MESSAGE)
        files.texts[path.relative_to(folder).with_suffix("").as_posix()] = unicodedata.normalize("NFC", text)
