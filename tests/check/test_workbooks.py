"""Whole workbooks against their goldens: every planted finding at its row, nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqg_cli.app.run import reconcile_file
from mtqg_cli.form.options import Options

ROOT = Path(__file__).resolve().parents[2]
WORKBOOKS = sorted(
    [*(ROOT / "data" / "samples").glob("*.xlsx"), *(ROOT / "tests" / "fixtures").glob("*.xlsx")]
)
GOLDEN_KEYS = ("rule", "sheet", "row", "column", "project")


def golden(path: Path) -> dict:
    return json.loads(path.with_suffix(".expected.json").read_text("utf-8"))


def key(finding: dict, template: dict) -> tuple:
    """A finding reduced to the keys its golden entry gives."""
    return tuple((k, finding.get(k)) for k in GOLDEN_KEYS if k in template)


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_workbook_matches_golden(path: Path) -> None:
    expected = golden(path)
    report = reconcile_file(path, Options())
    if expected.get("error"):
        assert report.status == "error" and report.error
        return
    assert report.status != "error", report.error
    found = [f.model_dump() for f in report.findings]
    for planted in expected["findings"]:
        matches = [f for f in found if key(f, planted) == key(planted, planted)]
        assert matches, f"not found: {planted}\nfound: {[key(f, planted) for f in found]}"
    planted_rows = {(p["rule"], p.get("row")) for p in expected["findings"]}
    extra = [f for f in found if (f["rule"], f["row"]) not in planted_rows]
    assert not extra, (
        f"unexpected findings: {[(f['rule'], f['cell'], f['message']) for f in extra]}"
    )
    has_errors = any(p for p in expected["findings"] if _severity(p["rule"]) == "error")
    assert report.status == ("findings" if has_errors else "ok")


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_workbook_totals(path: Path) -> None:
    expected = golden(path)
    if expected.get("error") or not expected.get("totals"):
        pytest.skip("no totals in golden")
    report = reconcile_file(path, Options())
    total = next(e for e in report.summary if e.project == "TOTAL")
    for name, value in expected["totals"].items():
        group, kind = name.split(".")
        figure = getattr(total, group)
        assert (figure if group == "unallocated" else getattr(figure, kind)) == value, name


def _severity(rule: str) -> str:
    from mtqg_cli.check.rules import REGISTRY

    return str(REGISTRY[rule].severity.value)


def test_formulas_are_read_by_their_cached_values() -> None:
    """Parent rows of the clean sample are SUM formulas; their saved values are what is read."""
    import openpyxl

    path = ROOT / "data" / "samples" / "bach-thong-6-thang-2023.xlsx"
    formulas = openpyxl.load_workbook(path).active
    cached = openpyxl.load_workbook(path, data_only=True).active
    report = reconcile_file(path, Options())
    entry = next(e for e in report.summary if e.project == "DA3")
    cell = f"C{entry.row}"
    assert str(formulas[cell].value).startswith("=")
    assert entry.plan.total == round(cached[cell].value * 1_000_000)


def test_sheet_option_reads_only_that_sheet() -> None:
    path = ROOT / "tests" / "fixtures" / "multi-sheet-with-prose.xlsx"
    only = reconcile_file(path, Options(sheet="Thuyết minh"))
    assert only.status == "error"
    table_sheet = reconcile_file(path, Options()).sheets[0]
    picked = reconcile_file(path, Options(sheet=table_sheet))
    assert picked.sheets == [table_sheet]
    assert not [f for f in picked.findings if f.rule == "SHEET_SKIPPED"]
    missing = reconcile_file(path, Options(sheet="Không có"))
    assert missing.status == "error" and "Không có" in (missing.error or "")
