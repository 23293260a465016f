"""Coverage-guided fuzzing of the loader and the year checks with atheris (optional).

    pip install atheris
    python tests/fuzz/fuzz_loader.py -max_total_time=300

Any exception other than a reported Problem is a crash atheris keeps as a reproducer.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from giaouoc.load.tree import parse_text
    from giaouoc.problems import Report
    from giaouoc.rules import load_year

SAMPLE = Path(__file__).resolve().parents[2] / "compacts" / "2023"
WORK = Path(tempfile.mkdtemp(prefix="giaouoc-fuzz-"))
shutil.copytree(SAMPLE, WORK / "compacts" / "2023")
TARGET = WORK / "compacts" / "2023" / "scores" / "pa03.yaml"


def one_input(data: bytes) -> None:
    parse_text(data.decode("utf-8", "replace"), "fuzz.yaml", Report())
    TARGET.write_bytes(data)
    load_year(WORK, WORK / "compacts" / "2023")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
