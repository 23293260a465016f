"""Measure giaouoc against the cost of just parsing its YAML, on a synthetic block of N units.

    python benchmarks/bench.py [--units N ...] [--runs 5]

Every figure is the median of interleaved runs of whole processes (start-up included); peak memory
is the largest resident set of a run. Prints a table per N, the ratios, and whether the targets hold.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# As on a clerk's machine, Python keeps compiled bytecode: without it (PYTHONDONTWRITEBYTECODE, set on some build
# machines) every run would compile giaouoc from source while the floor's libraries come precompiled.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ITEMS = [8, 8, 12, 10, 10, 8, 8, 8, 6, 5, 5, 6, 6]
TARGETS = {"b/a": 2.5, "c/a": 2.5, "d/floor": 1.5, "rss_b_mb": 250, "docx/md": 1.5}
HISTORY_TITLE = """\
  - id: bk-bo
    name: Bằng khen của Bộ trưởng Bộ Công an
    group: bk
    history:
      - {band: Hoàn thành xuất sắc nhiệm vụ, years: 5}
      - {without: co-bca, years: 1, before: true}
"""
BANDS = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ"]


def write_block(root: Path, units: int, years: int, folders: int) -> list[Path]:
    """`years` years ending 2023: the earliest `years - folders` in history.yaml, the rest as year folders."""
    rnd = random.Random(years)
    ids = [f"dv{i:05d}" for i in range(units)]
    first = 2024 - years
    lines = ["years:"]
    for year in range(first, 2024 - folders):
        lines += [f"  {year}:", f"    source: Quyết định số {year}/QĐ-CAT", "    units:"]
        for unit in ids:
            titles = "[quyet-thang]" if rnd.random() < 0.5 else "[]"
            lines.append(f"      {unit}: {{band: {rnd.choice(BANDS)}, titles: {titles}}}")
    (root / "compacts").mkdir(parents=True, exist_ok=True)
    (root / "compacts" / "history.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    files = [root / "compacts" / "history.yaml"]
    for year in range(2024 - folders, 2024):
        files += write_year(root, units, year, history=True)
    return files


def write_year(root: Path, units: int, year: int = 2023, history: bool = False) -> list[Path]:
    """A synthetic year: every unit scored, some bonus and penalty entries, titles with requires and group."""
    rnd = random.Random(units + year)
    folder = root / "compacts" / str(year)
    (folder / "scores").mkdir(parents=True)
    ids = [f"dv{i:05d}" for i in range(units)]
    (folder / "compact.yaml").write_text(f"""\
year: {year}
movement: Vì An ninh Tổ quốc
block: {{name: Khối thi đua thử nghiệm, code: KTN}}
authority: Công an tỉnh Quảng Bình
place: Quảng Bình
signing: {{date: {year}-03-09, chair: {{rank: Đại tá, name: Lê Văn Hóa}}}}
leader: {ids[0]}
deputy: {ids[1]}
scoring:
  total: 100
  bonus_cap: 5
  tie_break: [penalty, bonus, "item:3"]
  bands:
    - {{name: Hoàn thành xuất sắc nhiệm vụ, min: 90}}
    - {{name: Hoàn thành tốt nhiệm vụ, min: 75}}
    - {{name: Hoàn thành nhiệm vụ, min: 50}}
titles:
  - {{id: co-bca, name: Cờ thi đua của Bộ Công an, group: co, max: 1, min_total: 95, requires: [quyet-thang]}}
  - {{id: quyet-thang, name: Đơn vị Quyết thắng, group: dh, min_total: 85, max: {max(units // 5, 1)}}}
  - {{id: tien-tien, name: Đơn vị Tiên tiến, group: dh, min_total: 75}}
""" + (HISTORY_TITLE if history else ""), encoding="utf-8")
    lines = ["units:"]
    for index, unit in enumerate(ids):
        registered = ["co-bca", "tien-tien"] if index % 3 == 0 else ["quyet-thang", "tien-tien"]
        lines += [f"  - id: {unit}", f"    name: Đơn vị thử nghiệm số {index + 1}",
                  f"    head: {{rank: Thượng tá, name: Nguyễn Văn {index + 1}, title: Trưởng phòng}}",
                  f"    registered: [{', '.join(registered)}]"]
    (folder / "units.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["items:"]
    for index, maximum in enumerate(ITEMS, start=1):
        lines += [f"  - id: {index}", f"    title: Nội dung giao ước thi đua số {index}", f"    max: {maximum}"]
    (folder / "items.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for unit in ids:
        lines = [f"unit: {unit}", "scores:"]
        for index, maximum in enumerate(ITEMS, start=1):
            block = max(0, maximum - rnd.choice([0, 0, 0.5, 1, 1.5, 2]))
            own = min(maximum, block + rnd.choice([0, 0, 0.5]))
            lines.append(f"  {index}: {{self: {own:g}, block: {block:g}}}")
        if rnd.random() < 0.3:
            lines += ["bonus:", f"  - {{points: {rnd.choice([0.5, 1, 1.5])}, reason: Có thành tích đột xuất}}"]
        if rnd.random() < 0.2:
            lines += ["penalties:", "  - {points: 0.5, reason: Chậm gửi báo cáo}"]
        (folder / "scores" / f"{unit}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sorted(folder.rglob("*.yaml"))


CPU: dict[str, list[float]] = {}  # CPU time (user + system) of every run, by command: steadier on a busy machine


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of one whole process (its CPU time goes to CPU)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0,):
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{errors}")
    CPU.setdefault(" ".join(command), []).append(usage.ru_utime + usage.ru_stime)
    return elapsed, usage.ru_maxrss / 1024


def measure(commands: dict[str, tuple[list[str], Path]], runs: int,
            times: dict[str, list[float]] | None = None) -> dict[str, tuple[float, float]]:
    """Median time and max RSS per command, runs interleaved so that drift hits all alike (each run's times
    are left in `times` when given: run k of two commands is a pair)."""
    times = {} if times is None else times
    times.update({name: [] for name in commands})
    memory: dict[str, float] = dict.fromkeys(commands, 0.0)
    for _ in range(runs):
        for name, (command, cwd) in commands.items():
            elapsed, rss = run(command, cwd)
            times[name].append(elapsed)
            memory[name] = max(memory[name], rss)
    return {name: (statistics.median(values), memory[name]) for name, values in times.items()}


def bench(units: int, runs: int) -> dict[str, float]:
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="giaouoc-bench-") as work:
        root = Path(work)
        files = write_year(root, units)
        listing = root / "files.txt"
        listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
        parse = ("import yaml\n"
                 f"for name in open({str(listing)!r}).read().split():\n"
                 "    yaml.load(open(name, encoding='utf-8'), Loader=yaml.CSafeLoader)\n")
        sample = REPO
        out = root / "out"
        commands = {
            "a parse YAML": ([python, "-c", parse], root),
            "b validate": ([python, "-m", "giaouoc", "--root", str(root), "validate", "2023"], root),
            "c rank json": ([python, "-m", "giaouoc", "--root", str(root), "rank", "2023", "--format", "json"], root),
            "d validate sample": ([python, "-m", "giaouoc", "--root", str(sample), "validate", "2023"], sample),
            "d --help": ([python, "-m", "giaouoc", "--help"], sample),
            "floor import": ([python, "-c", "import typer, yaml, pydantic"], sample),
            "e render": ([python, "-m", "giaouoc", "--root", str(sample), "render", "2023", "--out", str(out)], sample),
            "e render --docx": ([python, "-m", "giaouoc", "--root", str(sample), "render", "2023", "--docx",
                                 "--out", str(out)], sample),
        }
        times: dict[str, list[float]] = {}
        results = measure(commands, runs, times)
        shutil.rmtree(out, ignore_errors=True)
    print(f"\nN = {units} đơn vị × {len(ITEMS)} nội dung ({runs} lần, trung vị)")
    print(f"{'phép đo':<20} {'thời gian (s)':>14} {'RSS tối đa (MB)':>16}")
    for name, (seconds, rss) in results.items():
        print(f"{name:<20} {seconds:>14.3f} {rss:>16.1f}")
    a, b, c = (results[k][0] for k in ("a parse YAML", "b validate", "c rank json"))
    floor = results["floor import"][0]
    ratios = {"b/a": b / a, "c/a": c / a, "d/floor": results["d validate sample"][0] / floor,
              "help/floor": results["d --help"][0] / floor, "rss_b_mb": results["b validate"][1],
              "rss_c_mb": results["c rank json"][1], "b_seconds": b, "c_seconds": c,
              # the median of paired runs: --docx and Markdown only, back to back in each round
              "docx/md": statistics.median(d / m for d, m in zip(times["e render --docx"], times["e render"],
                                                                 strict=True))}
    print("tỷ lệ: " + ", ".join(f"{k} = {v:.2f}" for k, v in ratios.items() if "/" in k))
    cpu = {name: statistics.median(CPU[" ".join(command)]) for name, (command, _) in commands.items()}
    print("tỷ lệ theo thời gian CPU (ít phụ thuộc tải của máy): "
          f"b/a = {cpu['b validate'] / cpu['a parse YAML']:.2f}, c/a = {cpu['c rank json'] / cpu['a parse YAML']:.2f}, "
          f"d/floor = {cpu['d validate sample'] / cpu['floor import']:.2f}")
    return ratios


def bench_history(units: int, years: int, folders: int, runs: int) -> tuple[float, float]:
    """`history --format json` against a bare parse of the same files: (ratio, seconds)."""
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="giaouoc-bench-") as work:
        root = Path(work)
        files = write_block(root, units, years, folders)
        listing = root / "files.txt"
        listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
        parse = ("import yaml\n"
                 f"for name in open({str(listing)!r}).read().split():\n"
                 "    yaml.load(open(name, encoding='utf-8'), Loader=yaml.CSafeLoader)\n")
        results = measure({
            "a parse YAML": ([python, "-c", parse], root),
            "history json": ([python, "-m", "giaouoc", "--root", str(root), "history", "--format", "json"], root),
            "validate": ([python, "-m", "giaouoc", "--root", str(root), "validate"], root),
        }, runs)
    print(f"\n{years} năm ({years - folders} trong history.yaml, {folders} thư mục) × {units} đơn vị "
          f"({runs} lần, trung vị)")
    for name, (seconds, rss) in results.items():
        print(f"{name:<20} {seconds:>14.3f} {rss:>16.1f}")
    ratio = results["history json"][0] / results["a parse YAML"][0]
    print(f"tỷ lệ: history/a = {ratio:.2f}, validate/a = {results['validate'][0] / results['a parse YAML'][0]:.2f}")
    return ratio, results["history json"][0]


def write_criteria_year(root: Path, units: int) -> list[Path]:
    """A year of 13 contents × 4 criteria (one of each kind), a target for every unit, each unit graded by 2."""
    write_year(root, units)
    rnd = random.Random(units)
    folder = root / "compacts" / "2023"
    ids = [f"dv{i:05d}" for i in range(units)]
    lines = ["items:"]
    for index, maximum in enumerate(ITEMS, start=1):
        quarter = maximum / 4
        lines += [f"  - id: {index}", f"    title: Nội dung giao ước thi đua số {index}", f"    max: {maximum}",
                  "    criteria:",
                  f"      - {{id: t{index}, title: Chỉ tiêu, kind: target, max: {quarter:g}}}",
                  f"      - {{id: p{index}, title: Đạt yêu cầu, kind: pass, max: {quarter:g}}}",
                  f"      - {{id: c{index}, title: Số lần, kind: count, per: 0.25, max: {quarter:g}}}",
                  f"      - {{id: d{index}, title: Vi phạm, kind: deduct, per: 0.25, max: {quarter:g}}}"]
    (folder / "items.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["targets:"]
    for index in range(1, len(ITEMS) + 1):
        entries = ", ".join(f"{u}: {'null' if rnd.random() < 0.1 else rnd.randint(50, 90)}" for u in ids)
        lines.append(f"  t{index}: {{{entries}}}")
    (folder / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    grading = ["grading:", "  method: mean", "  dispute: 1", "  assignments:"]
    grading += [f"    {u}: [{ids[(i + 1) % units]}, {ids[(i + 2) % units]}]" for i, u in enumerate(ids)]
    with (folder / "compact.yaml").open("a", encoding="utf-8") as compact:
        compact.write("\n".join(grading) + "\n")

    def inputs(index: int) -> dict[str, str]:
        return {f"t{index}": str(rnd.randint(40, 100)), f"p{index}": rnd.choice(["đạt", "đạt", "không đạt"]),
                f"c{index}": str(rnd.randint(0, 8)), f"d{index}": str(rnd.randint(0, 3))}

    for i, unit in enumerate(ids):
        lines = [f"unit: {unit}", "scores:"]
        for index in range(1, len(ITEMS) + 1):
            lines += [f"  {index}:", "    criteria:"]
            lines += [f"      {k}: {{self: {v}, block: {v}}}" for k, v in inputs(index).items()]
        (folder / "scores" / f"{unit}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for graded in (ids[(i + 1) % units], ids[(i + 2) % units]):
            (folder / "grades" / unit).mkdir(parents=True, exist_ok=True)
            given = [f"  {index}: {{{', '.join(f'{k}: {v}' for k, v in inputs(index).items())}}}"
                     for index in range(1, len(ITEMS) + 1)]
            (folder / "grades" / unit / f"{graded}.yaml").write_text(
                "\n".join([f"grader: {unit}", f"unit: {graded}", "scores:", *given]) + "\n", encoding="utf-8")
    return sorted(folder.rglob("*.yaml"))


def bare_parse(root: Path, files: list[Path]) -> list[str]:
    """The floor: a process that only parses the given files with CSafeLoader."""
    listing = root / "files.txt"
    listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
    return [sys.executable, "-c", "import yaml\n"
            f"for name in open({str(listing)!r}).read().split():\n"
            "    yaml.load(open(name, encoding='utf-8'), Loader=yaml.CSafeLoader)\n"]


def bench_criteria(units: int, runs: int) -> tuple[float, float]:
    """`rank --format json` on a year scored by criteria and cross-graded, against a bare parse: (ratio, seconds)."""
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="giaouoc-bench-") as work:
        root = Path(work)
        results = measure({
            "a parse YAML": (bare_parse(root, write_criteria_year(root, units)), root),
            "c rank json": ([python, "-m", "giaouoc", "--root", str(root), "rank", "2023", "--format", "json"], root),
        }, runs)
    print(f"\nN = {units} đơn vị × {len(ITEMS)} nội dung × 4 tiêu chí, mỗi đơn vị được 2 đơn vị chấm chéo "
          f"({runs} lần, trung vị)")
    for name, (seconds, rss) in results.items():
        print(f"{name:<20} {seconds:>14.3f} {rss:>16.1f}")
    ratio = results["c rank json"][0] / results["a parse YAML"][0]
    print(f"tỷ lệ: c/a = {ratio:.2f}")
    return ratio, results["c rank json"][0]


def criteria_verdicts(runs: int) -> int:
    """rank json within 3× the parse at 1.000 units, and linear from 1.000 to 5.000."""
    (ratio, small), (_, large) = bench_criteria(1000, runs), bench_criteria(5000, runs)
    growth = (large / 5000) / (small / 1000)
    verdicts = [("c/a ≤ 3 (tiêu chí, N = 1000)", ratio <= 3, ratio),
                ("tiêu chí: thời gian mỗi đơn vị ở N = 5000 không quá 1,25 lần ở N = 1000", growth <= 1.25, growth)]
    for label, ok, value in verdicts:
        print(f"{'ĐẠT' if ok else 'CHƯA ĐẠT'}: {label} (đo được {value:.2f})")
    return 0 if all(ok for _, ok, _ in verdicts) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[1000], help="số đơn vị (có thể nhiều giá trị)")
    parser.add_argument("--runs", type=int, default=5, help="số lần chạy mỗi phép đo")
    parser.add_argument("--years", action="store_true", help="đo thêm «history» trên 8 và 20 năm × 1.000 đơn vị")
    parser.add_argument("--criteria", action="store_true",
                        help="chỉ đo năm chấm theo tiêu chí và chấm chéo, 1.000 và 5.000 đơn vị")
    args = parser.parse_args()
    if args.criteria:
        return criteria_verdicts(args.runs)
    all_ratios = {n: bench(n, args.runs) for n in args.units}
    verdicts = []
    if args.years:
        per_year = {}
        for years in (8, 20):
            ratio, seconds = bench_history(1000, years, years // 4, args.runs)
            per_year[years] = seconds / years
            if years == 20:
                verdicts.append(("history/a ≤ 2.5 (20 năm × 1.000 đơn vị)", ratio <= 2.5, ratio))
        growth = per_year[20] / per_year[8]
        verdicts.append(("history: thời gian mỗi năm ở 20 năm không quá 1,25 lần ở 8 năm", growth <= 1.25, growth))
    at = all_ratios.get(1000)
    if at is not None:
        for key, limit in TARGETS.items():
            verdicts.append((f"{key} ≤ {limit} (N = 1000)", at[key] <= limit, at[key]))
    if len(all_ratios) > 1:
        sizes = sorted(all_ratios)
        middle, large = sizes[-2], sizes[-1]
        for key in ("b_seconds", "c_seconds"):
            growth = (all_ratios[large][key] / large) / (all_ratios[middle][key] / middle)
            verdicts.append((f"{key}: thời gian mỗi đơn vị ở N = {large} không quá 1,25 lần ở N = {middle}",
                             growth <= 1.25, growth))
    print()
    for label, ok, value in verdicts:
        print(f"{'ĐẠT' if ok else 'CHƯA ĐẠT'}: {label} (đo được {value:.2f})")
    if verdicts and all(ok for _, ok, _ in verdicts):
        print("Mọi mục tiêu đều đạt.")
    return 0 if all(ok for _, ok, _ in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
