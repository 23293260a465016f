from __future__ import annotations

import json
import os
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from giaouoc.problems import Report

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "compacts" / "2023"


@pytest.fixture(autouse=True)
def _stable_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich output and colour must not depend on the terminal running the tests."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GIAOUOC_ROOT", raising=False)


@pytest.fixture(autouse=True)
def _bug_log_in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A bug's log (cli.app.write_bug_log) goes to a scratch cache, never to the user's ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


def copy_sample(root: Path) -> Path:
    """Make `root` a data root holding a copy of the bundled data: the 2023 year and history.yaml."""
    shutil.copytree(REPO / "compacts", root / "compacts")
    return root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_sample(tmp_path)


def without_history(folder: Path) -> Path:
    """A copy of the sample year as if the block kept no history: no decisions, no lineage, no Bằng khen."""
    (folder / "decisions.yaml").unlink(missing_ok=True)
    text = (folder / "units.yaml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.split("\n") if "formerly:" not in line).replace(", bk-bo]", "]")
    (folder / "units.yaml").write_text(text, encoding="utf-8")
    text = (folder / "compact.yaml").read_text(encoding="utf-8")
    start, end = text.index("  - id: bk-bo\n"), text.index("  - id: tien-tien\n")
    text = text[:start] + text[end:]
    start = text.index("    history:                            # không tặng")
    end = text.index("\n", text.index("{without: co-bca", start)) + 1
    (folder / "compact.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    review = folder / "review.yaml"  # without the Cờ two years running, pa05 is on the ballot paper for it too
    review.write_text(review.read_text(encoding="utf-8").replace("    co-bca: [pa03]\n", "    co-bca: [pa03, pa05]\n"),
                      encoding="utf-8")
    return folder


HAND_WRITTEN_BALLOT = """ballot:
  issued: 9                   # phiếu phát ra
  returned: 9                 # phiếu thu về
  invalid: 0                  # phiếu không hợp lệ
  voters: 9                   # phiếu hợp lệ
  votes:
    co-bca: {pa03: 8}
    quyet-thang: {pa01: 9, pa02: 8, pa03: 9, pa04: 8, pa05: 9, pa06: 6, pa08: 7, pa09: 7}
"""


def hand_written(folder: Path) -> Path:
    """The sample year with its ballot written as totals only (voters, votes), the way years before
    ballots were recorded one by one write it: the same counts as the sample's ballots."""
    path = folder / "review.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("ballot:\n"), text.index("opinions:")
    path.write_text(text[:start] + HAND_WRITTEN_BALLOT + text[end:], encoding="utf-8")
    return path


def before_the_ballot(folder: Path) -> Path:
    """The sample year before the vote: the ballot paper printed (`candidates`), no ballot recorded yet."""
    path = folder / "review.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  ballots:"), text.index("opinions:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


def _font(names: tuple[str, ...]) -> Path | None:
    folders = [Path(f) for f in ("/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts") if Path(f).is_dir()]
    return next((p for folder in folders for name in names for p in sorted(folder.rglob(name))), None)


# Times New Roman, or Liberation Serif (its metric twin), upright and bold: None when neither is installed.
TIMES = _font(("times.ttf", "Times New Roman.ttf", "LiberationSerif-Regular.ttf"))
TIMES_BOLD = _font(("timesbd.ttf", "Times New Roman Bold.ttf", "LiberationSerif-Bold.ttf"))
NO_TIMES = TIMES is None or TIMES_BOLD is None


def printed_mm(text: str, size: float, bold: bool = False) -> float:
    """How wide text prints in Times New Roman at this size, in millimetres, from the font's own advance widths:
    a measurement independent of the estimates giaouoc lays out with."""
    from PIL import ImageFont

    scale = 20  # pixels per point, so that rounding to whole pixels costs nothing
    font = ImageFont.truetype(str(TIMES_BOLD if bold else TIMES), round(size * scale))
    return font.getlength(text) / scale * 25.4 / 72


def build_tree(base: Path, files: dict[str, str | bytes]) -> Path:
    """Write files under base (creating folders); bytes are written as they are."""
    for name, content in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return base


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a data file (the piece must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line that contains needle."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def load_ranked(root: Path, year: str) -> tuple[Any, Any, Any]:
    """The year through the pipeline every command uses: (the Year or None, its report, the ranking or None)."""
    from giaouoc.pipeline import run_year

    run = run_year(root, root / "compacts" / year)
    return run.year, run.report, run.ranking


def past_of(root: Path, year: Any) -> Any:
    """What the years before `year` recorded, as the pipeline hands it to the ranking (None when unread)."""
    from giaouoc.history.records import reads_history
    from giaouoc.pipeline import run_year

    return run_year(root, year.folder).story.past_for(year.compact.year) if reads_history(year) else None


# Warnings about text bound to another year (rules/yearbound.py): a test year made by copying the sample into
# 2022 gets them, rightly; tests of other rules leave them out.
YEAR_BOUND = frozenset({"date-mismatch", "anniversary-copied", "text-not-in-force"})


# --- every problem any test meets -----------------------------------------------------------------------------------
# Each problem says what is wrong in a Vietnamese sentence (checked for every problem any test produces), and with
# GIAOUOC_RECORD_CODES=<file> every code is recorded with the test that produced it ("tests/test_x.py::test_name",
# parameters dropped) and the record written to <file> as JSON at the end (tests/test_codes.py).
_RECORD = os.environ.get("GIAOUOC_RECORD_CODES")
_PRODUCED: dict[str, set[str]] = {}


def _checked(method: Any) -> Any:
    def add(self: Report, *args: Any, **keywords: Any) -> None:
        code, message = args[-2:]
        assert isinstance(message, str) and message.strip() and message == unicodedata.normalize("NFC", message), \
            (code, message)
        current = os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" ", 1)[0].split("[", 1)[0]
        _PRODUCED.setdefault(current, set()).add(code)
        method(self, *args, **keywords)

    return add


Report.add = _checked(Report.add)  # type: ignore[method-assign]
Report.add_cell = _checked(Report.add_cell)  # type: ignore[method-assign]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _RECORD:
        Path(_RECORD).write_text(json.dumps({test: sorted(codes) for test, codes in _PRODUCED.items()}), "utf-8")
