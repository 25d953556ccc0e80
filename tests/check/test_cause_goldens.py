"""Hints on the golden workbooks: given only where the arithmetic supports one. The files and
cells that get one are listed; every hint, applied to the table as read, clears its finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqg_cli.app.run import reconcile_file
from mtqg_cli.check.rules import REGISTRY, RuleContext, arithmetic
from mtqg_cli.form.options import Options
from mtqg_cli.form.workbook import open_book, read_book
from mtqg_cli.model.report import Finding, Hint
from mtqg_cli.model.sheet import Line, Table

ROOT = Path(__file__).resolve().parents[2]
GOLDENS = sorted(
    [
        *(ROOT / "data" / "samples").glob("*.xlsx"),
        *(ROOT / "tests" / "fixtures").glob("*.xlsx"),
        *(ROOT / "tests" / "fixtures" / "periods").glob("*.xlsx"),
    ]
)
HINTED = {
    # the seed's DA3 TDA2 typed 12.704,962 for 12.740,962 (plan, SN, allocated)
    ("bach-thong-6-thang-2023-sai-lech.xlsx", "SUM_MISMATCH", "C21", "C21"),
    ("bach-thong-6-thang-2023-sai-lech.xlsx", "SUM_MISMATCH", "E21", "E21"),
    ("bach-thong-6-thang-2023-sai-lech.xlsx", "SUM_MISMATCH", "F21", "F21"),
    # DA9 TDA2 typed in đồng (plan total, SN, allocated) and the DA9 mismatches above it
    ("bach-thong-6-thang-2023-sai-lech.xlsx", "SUM_MISMATCH", "C39", "C41"),
    ("bach-thong-6-thang-2023-sai-lech.xlsx", "SUM_MISMATCH", "E39", "E41"),
    ("bach-thong-6-thang-2023-sai-lech.xlsx", "SUM_MISMATCH", "F39", "F41"),
    ("bach-thong-6-thang-2023-sai-lech.xlsx", "UNIT_SUSPECT", "C41", "C41"),
    ("bach-thong-6-thang-2023-sai-lech.xlsx", "UNIT_SUSPECT", "E41", "E41"),
    ("bach-thong-6-thang-2023-sai-lech.xlsx", "UNIT_SUSPECT", "F41", "F41"),
    # Xã Quân Hà's Dự án 3 typed 1.743,1 for 1.734,1
    ("consolidated-communes.xlsx", "SUM_MISMATCH", "C23", "C23"),
    ("consolidated-communes.xlsx", "SUM_MISMATCH", "E23", "E23"),
    # Dự án 6's total typed 205.000.000 for 250.000.000, and Tổng cộng adding it
    ("offset-table.xlsx", "TOTAL_MISMATCH", "G26", "G26"),
    ("offset-table.xlsx", "TOTAL_MISMATCH", "G14", "G26"),
}
"""(file, rule, the finding's cell, the hint's cell): every hint given on the golden files."""
KNOWN = "known-causes.xlsx"  # built to have hints: tests/test_causes.py checks each


def test_hints_are_given_only_where_listed() -> None:
    given = set()
    for path in GOLDENS:
        if path.name == KNOWN:
            continue
        for finding in reconcile_file(path, Options()).findings:
            if finding.hint is not None:
                given.add((path.name, finding.rule, finding.cell, finding.hint.cells[0]))
    assert given == HINTED


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.name)
def test_every_hint_clears_its_finding(path: Path) -> None:
    """The hint's figure put in its cell of the table as read: the finding is gone; or, for a
    consequence whose cell repeats the root's mistake through a sum, the hint is the root's."""
    report = reconcile_file(path, Options())
    if report.status == "error":
        pytest.skip("unreadable on purpose")
    by_id = {f.id: f for f in report.findings}
    for finding in report.findings:
        if finding.hint is None or finding.hint.suggested is None:
            continue
        if _clears(path, finding, finding.hint):
            continue
        assert finding.caused_by is not None, (finding.message, finding.hint.message)
        assert finding.hint == by_id[finding.caused_by].hint


def _clears(path: Path, finding: Finding, hint: Hint) -> bool:
    tables = _tables(path)
    _apply(tables, finding.sheet, hint)
    table = next(t for t in tables if t.sheet == finding.sheet)
    check = REGISTRY[finding.rule].check
    assert check is not None
    return finding.cell not in [f.cell for f in check(RuleContext(table)) if f.rule == finding.rule]


def _tables(path: Path) -> list[Table]:
    options = Options()
    opened = open_book(path, options)
    return [
        r.table
        for _, readings in read_book(opened.sheets, opened.options, arithmetic)
        for r in readings
    ]


def _apply(tables: list[Table], sheet: str | None, hint: Hint) -> None:
    """Set the hint's cell to its figure; the sums worked out above it are worked out again."""
    assert hint.suggested is not None
    for table in tables:
        if table.sheet != sheet:
            continue
        context = RuleContext(table)
        for line in table.lines:
            for name in list(line.amounts):
                if context.cell(line, name) == hint.cells[0]:
                    line.amounts[name] = hint.suggested
                    _forget(line, name)
                    return
    raise AssertionError(f"no cell {hint.cells[0]} in {sheet}")


def _forget(line: Line | None, name: str) -> None:
    while line is not None:
        line.derived.pop(name, None)
        line = line.parent


def test_the_goldens_carry_hints_to_check() -> None:
    """The check above is not vacuous: the golden files do carry hints to apply."""
    counted: list[Finding] = []
    for path in GOLDENS:
        report = reconcile_file(path, Options())
        counted += [f for f in report.findings if f.hint is not None]
    assert len(counted) >= len(HINTED)
