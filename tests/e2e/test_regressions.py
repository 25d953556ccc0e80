"""Every input the fuzzer (tests/fuzz_reader.py, `make fuzz`) ever broke mtqg with, replayed."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1]))
from fuzz_reader import REGRESSIONS, SEEDS, check_one, mutate
from mtqg_cli.model.report import FileReport

CASES = sorted(p for p in REGRESSIONS.glob("*") if p.is_file() and p.name != "README.md")


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_regression_gets_a_report(path: Path) -> None:
    report = check_one(path.read_bytes(), path.suffix or ".xlsx")
    assert isinstance(report, FileReport)
    assert report.status in ("ok", "findings", "error")


def test_mutants_of_every_seed_get_a_report() -> None:
    rng = random.Random(8)
    assert SEEDS
    for seed in SEEDS:
        data = seed.read_bytes()
        for _ in range(3):
            mutant = mutate(data, rng)
            assert mutant != data
            report = check_one(mutant)
            assert isinstance(report, FileReport) and report.status


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv"])
def test_a_short_fuzz_of_each_format_finds_nothing(fmt: str) -> None:
    """A few seconds of `make fuzz` for each format, in a child process as the fuzzer runs it
    (a hang is cut off, an abort is seen as the child's death)."""
    from fuzz_reader import run_random

    saved = run_random(4, seed=18, timeout=30, max_cases=60, fmt=fmt)
    for path in saved:  # kept as regression cases by the fuzzer; the test names them
        print(path)
    assert saved == []


def test_a_short_fuzz_of_the_reports_finds_nothing() -> None:
    """A few seconds of `make fuzz`'s report fuzzer: fuzzed text through every output format."""
    from fuzz_reports import run

    assert run(4, seed=18, max_cases=8) == []


@pytest.mark.parametrize("text", ["\u2028", "\u2029", "\x85", "\x1c", "\r", "\x0b"])
def test_a_line_separator_in_a_sheet_name_keeps_the_markdown_row_whole(text: str) -> None:
    """Found by the report fuzzer: U+2028 in a sheet's name split a Markdown table row."""
    from mtqg_cli.model.neutral import neutralise
    from mtqg_cli.model.report import FileReport, Finding, Report
    from mtqg_cli.report.text_reports import to_markdown

    finding = Finding(rule="SUM_MISMATCH", severity="error", sheet=f"Biểu{text}01", cell="B7")
    file = FileReport(path="xa.xlsx", status="findings", findings=[finding])
    neutralise(file)
    rows = [line for line in to_markdown(Report(version="t", files=[file])).splitlines()]
    escaped = f"\\x{ord(text):02x}" if ord(text) < 0x100 else f"\\u{ord(text):04x}"
    [row] = [r for r in rows if "| SUM_MISMATCH |" in r]
    header = next(r for r in rows if r.startswith("|") and "SUM_MISMATCH" not in r)
    assert f"| Biểu{escaped}01!B7 |" in row
    assert row.count("|") == header.count("|")  # the row is whole: as many cells as its header
