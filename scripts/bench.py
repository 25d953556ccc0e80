"""Benchmark of mtqg against bare readers of the same files, as ratios in one run (make bench).

Targets (issue 22, after issue 7's): one 700-commune sheet at most 1.3x a bare pandas+calamine
load (1.15x without the history store), its peak memory at most 10x the sheet's XML; one small
form at most 1.3x a process that imports the runtime libraries and reads it; `--help` at most 1.3x
`import typer, rich`; each further file of a batch at most 5x a plain calamine pool's; the
history store growing by at most 2 MB per 700-commune run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from statistics import median
from subprocess import DEVNULL

import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_forms import write_consolidated, write_submission

POOL_READ = """
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from python_calamine import CalamineWorkbook

def read(path):
    book = CalamineWorkbook.from_path(path)
    return sum(len(book.get_sheet_by_name(n).to_python()) for n in book.sheet_names)

if __name__ == "__main__":
    files = sorted(str(p) for p in Path(sys.argv[1]).glob("*.xlsx"))
    with ProcessPoolExecutor(max_workers=2) as pool:
        sum(pool.map(read, files, chunksize=max(1, len(files) // 16)))
"""
BARE_LOAD = "import pandas, python_calamine, sys; pandas.read_excel(sys.argv[1], engine='calamine')"
RUNTIME_READ = (
    "import sys, typer, rich, pydantic, pandas, python_calamine; "
    "python_calamine.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()"
)
"""What any checker of one small form must do at least: load the runtime libraries (those mtqg
declares and loads to check a form: pandas, which computes the figures, among them), read it."""


ENV = dict(os.environ)
"""The environment of every run: the history store is pointed into the bench's own folder, and
bytecode is cached (in that folder too) as it is for an installed tool, even where the shell
sets PYTHONDONTWRITEBYTECODE: otherwise every run of mtqg, and none of the baselines whose
modules pip compiled at install, would pay for compiling its sources again."""
ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def timed(command: list[str], repeat: int) -> float:
    """Best wall time of `repeat` runs of a command (its output discarded)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=DEVNULL, stderr=DEVNULL, check=False, env=ENV)
        best = min(best, time.perf_counter() - start)
    return best


def timed_in_turn(cases: list[tuple[str, list[str], int]]) -> dict[str, list[float]]:
    """Each case's wall times, its runs taken in turns with the other cases' (round one runs
    every case once, round two again...), so that a case and its baseline run seconds apart:
    a slow spell of a shared machine (here they last tens of seconds and slow everything by up
    to 1.6x) then slows both alike, and their ratio in that round still holds."""
    times: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    for turn in range(max(repeat for _, _, repeat in cases)):
        for name, command, repeat in cases:
            if turn < repeat:
                times[name].append(timed(command, 1))
    return times


def paired(times: dict[str, list[float]], case: str, base: str) -> list[float]:
    """The ratios of a case to its baseline, round by round."""
    return [c / b for c, b in zip(times[case], times[base], strict=False)]


MEASURE_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_rss_mb(command: list[str]) -> float:
    """Peak resident memory of one run of a command, in MiB. It runs under a fresh Python whose
    only child it is: the children's maximum of this process would keep the largest so far.
    (Linux ru_maxrss is KiB.)"""
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE_RSS, *command], capture_output=True, text=True, env=ENV
    )
    return int(measured.stdout.strip()) / 1024


def profile(python: str, big: Path, target: Path) -> None:
    """pyinstrument's call tree of one run of the big sheet (as the bench times it), as text."""
    run = ["-m", "mtqg_cli", "reconcile", str(big), "-f", "json", "-o", os.devnull]
    options = ["-r", "text", "--show", "*/mtqg_cli/*", "-o", str(target)]
    subprocess.run([python, "-m", "pyinstrument", *options, *run], check=True, env=ENV)


def xml_mb(path: Path) -> float:
    with zipfile.ZipFile(path) as archive:
        return sum(i.file_size for i in archive.infolist() if i.filename.endswith(".xml")) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="rounds of runs (best is kept)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument(
        "--profile", type=Path, help="also write a pyinstrument profile of the big run here"
    )
    args = parser.parse_args()
    python, mtqg = sys.executable, str(Path(sys.executable).with_name("mtqg"))
    rng = random.Random(1719)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ENV["MTQG_STORE"] = str(root / "history.sqlite")  # recorded as by default, not in $HOME
        ENV["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
        big = root / "tinh-700-xa.xlsx"
        lines = write_consolidated(big, 700, rng)
        batch200, batch1000 = root / "b200", root / "b1000"
        for folder, count in ((batch200, 200), (batch1000, 1000)):
            folder.mkdir()
            for index in range(count):
                write_submission(folder / f"xa-{index:04d}.xlsx", index, rng)
        small = next(batch200.glob("*.xlsx"))
        pool_script = root / "pool_read.py"
        pool_script.write_text(POOL_READ, encoding="utf-8")
        r = args.repeat
        warm_up = [[mtqg, "reconcile", str(batch200), "-j", "2", "-f", "json"], [python, "-c", BARE_LOAD, str(big)]]  # fmt: skip
        for command in warm_up:  # bytecode compiled and files in the page cache before timing
            timed(command, 1)
        times = timed_in_turn([
            ("big: bare pandas+calamine load", [python, "-c", BARE_LOAD, str(big)], r),
            ("big: mtqg reconcile --format json", [mtqg, "reconcile", str(big), "-f", "json"], r),
            ("big: same, --no-store", [mtqg, "reconcile", str(big), "-f", "json", "--no-store"], r),
            ("start: python -c 'import typer, rich'", [python, "-c", "import typer, rich"], r + 2),
            ("start: mtqg --help", [mtqg, "--help"], r + 2),
            ("start: mtqg --version", [mtqg, "--version"], r + 2),
            ("one 35-line form: runtime imports + calamine read", [python, "-c", RUNTIME_READ, str(small)], r + 2),
            ("one 35-line form: mtqg reconcile --format json", [mtqg, "reconcile", str(small), "-f", "json"], r + 2),
            ("batch 200: plain pool, calamine read", [python, str(pool_script), str(batch200)], r),
            ("batch 200: mtqg -j 2 --format json", [mtqg, "reconcile", str(batch200), "-j", "2", "-f", "json"], r),
            ("batch 200: mtqg -j 1 --format json", [mtqg, "reconcile", str(batch200), "-j", "1", "-f", "json"], 1),
            ("batch 1000: plain pool, calamine read", [python, str(pool_script), str(batch1000)], 2),
            ("batch 1000: mtqg -j 2 --format json", [mtqg, "reconcile", str(batch1000), "-j", "2", "-f", "json"], 2),
        ])  # fmt: skip
        growth = store_growth_mb(mtqg, big, root / "growth.sqlite")
        memory = peak_rss_mb([mtqg, "reconcile", str(big), "-f", "json"])
        floor = peak_rss_mb([mtqg, "reconcile", str(small), "-f", "json"])
        bare = peak_rss_mb([python, "-c", BARE_LOAD, str(big)])
        if args.profile:
            profile(python, big, args.profile)
        xml = xml_mb(big)
    seconds = {name: min(values) for name, values in times.items()}
    store, no_store = times["big: mtqg reconcile --format json"], times["big: same, --no-store"]
    history = median(a - b for a, b in zip(store, no_store, strict=True))
    load, imports = "big: bare pandas+calamine load", "start: python -c 'import typer, rich'"
    pool, batch = "batch 200: plain pool, calamine read", "batch 200: mtqg -j 2 --format json"
    one, runtime = (
        "one 35-line form: mtqg reconcile --format json",
        "one 35-line form: runtime imports + calamine read",
    )
    ratios = [
        ("big file / bare load (target <= 1.3)", paired(times, "big: mtqg reconcile --format json", load)),
        ("big file, no history / bare load (target <= 1.15)", paired(times, "big: same, --no-store", load)),
        ("one small form / runtime imports + read (target <= 1.3)", paired(times, one, runtime)),
        ("--help / import typer, rich (target <= 1.3)", paired(times, "start: mtqg --help", imports)),
        ("--version / import typer, rich (target <= 1.5)", paired(times, "start: mtqg --version", imports)),
        ("batch 200 on 2 workers / plain pool (target <= 1.5)", paired(times, batch, pool)),
        ("batch 1000 / batch 200 (about 5)", paired(times, "batch 1000: mtqg -j 2 --format json", batch)),
        ("further file / a pool's further file (target <= 5)", [further_file_ratio(seconds)]),
        ("peak memory / sheet XML size (target <= 10)", [memory / xml]),
        ("bare load's peak memory / sheet XML size", [bare / xml]),
        ("history growth per big run, MB (target <= 2)", [growth]),
    ]  # fmt: skip
    print(f"# mtqg bench, {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, big sheet {lines} lines, XML {xml:.1f} MiB, "
          f"load average {os.getloadavg()[0]:.2f} at the end")  # fmt: skip
    print(f"{'case':<48} {'seconds':>8}")
    for name, value in seconds.items():
        print(f"{name:<48} {value:>8.3f}")
    print(f"{'peak memory of the big run (MiB)':<48} {memory:>8.1f}")
    print(f"{'peak memory of a one-form run (MiB)':<48} {floor:>8.1f}")
    print(f"{'peak memory of the bare load (MiB)':<48} {bare:>8.1f}")
    print(f"\n{'cost (for the scale on paper)':<55} {'value':>6}")
    for name, value in costs(seconds, lines, history):
        print(f"{name:<55} {value:>6.2f}")
    print(f"\n{'ratio (median of the rounds; lowest-highest)':<55} {'value':>6}")
    for name, values in ratios:
        spread = f"  {min(values):.2f}-{max(values):.2f}" if len(values) > 1 else ""
        print(f"{name:<55} {median(values):>6.2f}{spread}")
    if args.json:
        results = {
            "seconds": seconds,
            "ratios": {name: median(values) for name, values in ratios},
            "ratios_by_round": dict(ratios),
            "costs": dict(costs(seconds, lines, history)),
            "memory_mib": {"big": memory, "one form": floor, "bare load": bare},
            "history_growth_mb": growth,
        }
        args.json.write_text(json.dumps(results, indent=2))


def further_file_ratio(seconds: dict[str, float]) -> float:
    """What each file beyond 200 costs mtqg (2 workers), over what it costs a plain calamine pool."""
    mtqg = (
        seconds["batch 1000: mtqg -j 2 --format json"]
        - seconds["batch 200: mtqg -j 2 --format json"]
    )
    pool = (
        seconds["batch 1000: plain pool, calamine read"]
        - seconds["batch 200: plain pool, calamine read"]
    )
    return mtqg / pool if pool > 0 else float("inf")


def store_growth_mb(mtqg: str, big: Path, store: Path) -> float:
    """How much one more run of the big sheet adds to a history store that already holds one
    (the first run also creates the tables; the second shows what each run costs)."""
    env = {**ENV, "MTQG_STORE": str(store)}
    sizes = []
    for _ in range(2):
        subprocess.run(
            [mtqg, "reconcile", str(big), "-f", "json"],
            stdout=DEVNULL,
            stderr=DEVNULL,
            check=False,
            env=env,
        )
        sizes.append(sum(p.stat().st_size for p in store.parent.glob(store.name + "*")))
    return (sizes[1] - sizes[0]) / 1e6


def costs(seconds: dict[str, float], lines: int, history: float) -> list[tuple[str, float]]:
    """Marginal costs: a further file of a batch, a further line of a sheet, and (from
    `history`, the seconds a big run spends recording itself) a line's history."""
    unstored = seconds["big: same, --no-store"]
    one = seconds["one 35-line form: mtqg reconcile --format json"]
    batches = (
        seconds["batch 1000: mtqg -j 2 --format json"]
        - seconds["batch 200: mtqg -j 2 --format json"]
    )
    return [
        ("ms per further file of a batch, 2 workers", batches / 800 * 1000),
        ("µs per further line of a sheet, no history", (unstored - one) / lines * 1e6),
        ("µs per line to record the history", history / lines * 1e6),
        ("s of start-up and one form (fixed per run)", one),
    ]


if __name__ == "__main__":
    _ = xlsxwriter  # the generator's dependency, imported here so a missing one fails early
    main()
