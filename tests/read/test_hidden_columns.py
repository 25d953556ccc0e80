"""A column kept hidden from an earlier version of the form loses to the visible one with the same
header, unless the arithmetic says otherwise; hidden columns read from .xlsx, .ods and .xls."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import xlsxwriter
from typer.testing import CliRunner

from ci_needs import missing
from mtqg_cli.app.run import reconcile_file
from mtqg_cli.cli import app
from mtqg_cli.form.options import Options
from mtqg_cli.read.hidden_columns import read_hidden_columns
from mtqg_cli.read.limits import DEFAULT_LIMITS, open_within_limits
from mtqg_cli.read.readers import read_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
LINES = [("1", "Dự án 1", 100, 20), ("2", "Dự án 4", 200, 100)]


def old_plan_hidden(path: Path, *, hide: bool = True, wrong_visible: bool = False) -> Path:
    """'Kế hoạch vốn năm 2022' (80 % of this year's, hidden) before 'Kế hoạch vốn': both add up.
    With `wrong_visible`, the visible column's lines no longer add up to its total."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Biểu 01")
    ws.write(0, 0, "Đơn vị tính: triệu đồng")
    ws.write_row(2, 0, ["STT", "Nội dung", "Kế hoạch vốn năm 2022", "Kế hoạch vốn", "Giải ngân"])
    if hide:
        ws.set_column(2, 2, None, None, {"hidden": True})
    plan = sum(p for _, _, p, _ in LINES)
    ws.write_row(3, 0, ["", "TỔNG CỘNG", plan * 4 // 5, plan, sum(d for *_, d in LINES)])
    for index, (stt, name, value, spent) in enumerate(LINES):
        shown = value + (50 if wrong_visible else 0)
        ws.write_row(4 + index, 0, [stt, name, value * 4 // 5, shown, spent])
    book.close()
    return path


def plan_total(path: Path) -> int | float | None:
    report = reconcile_file(path, Options())
    return next(e for e in report.summary if e.project == "TOTAL").plan.total


def test_the_visible_plan_wins_over_the_hidden_one_of_an_earlier_year(tmp_path: Path) -> None:
    report = reconcile_file(old_plan_hidden(tmp_path / "old.xlsx"), Options())
    assert report.status == "ok" and not report.findings
    assert report.sheet_info[0].columns["plan.total"] == "D"
    assert plan_total(tmp_path / "old.xlsx") == 300_000_000
    result = CliRunner().invoke(app, ["inspect", str(tmp_path / "old.xlsx"), "-f", "json"])
    [choice] = json.loads(result.output)["sheets"][0]["column_choices"]
    assert choice == {
        "field": "plan.total", "candidates": {"C": 0, "D": 0}, "chosen": "D",
        "ambiguous": False, "hidden": ["C"],
    }  # fmt: skip
    shown = CliRunner().invoke(app, ["inspect", str(tmp_path / "old.xlsx")]).output
    assert "cột D được chọn" in shown and "cột ẩn" in shown


def test_shown_both_the_choice_is_ambiguous_and_the_latest_year_is_kept(tmp_path: Path) -> None:
    report = reconcile_file(old_plan_hidden(tmp_path / "both.xlsx", hide=False), Options())
    [finding] = [f for f in report.findings if f.rule == "LAYOUT_AMBIGUOUS"]
    assert finding.severity == "warning" and finding.column == "plan.total"
    assert report.sheet_info[0].columns["plan.total"] == "C"  # names a year: the other none


def test_a_hidden_column_wins_where_the_arithmetic_clearly_prefers_it(tmp_path: Path) -> None:
    path = old_plan_hidden(tmp_path / "wrong.xlsx", wrong_visible=True)
    report = reconcile_file(path, Options())
    assert report.sheet_info[0].columns["plan.total"] == "C"
    assert not [f for f in report.findings if f.severity == "error"]


def test_hidden_columns_are_read_from_xlsx(tmp_path: Path) -> None:
    path = old_plan_hidden(tmp_path / "old.xlsx")
    assert read_hidden_columns(path, "xlsx") == {"Biểu 01": frozenset({2})}
    for reader in ("calamine", "openpyxl"):
        [sheet] = read_workbook(path, reader=reader).sheets
        assert sheet.hidden_columns() == frozenset({2})
    assert read_hidden_columns(tmp_path / "absent.xlsx", "xlsx") == {}


def test_hidden_columns_from_the_parts_the_check_kept_are_those_of_the_file(
    tmp_path: Path,
) -> None:
    path = old_plan_hidden(tmp_path / "old.xlsx")
    archive = open_within_limits(path, DEFAULT_LIMITS)
    assert archive is not None
    with archive:
        known = archive.known_parts()
    assert "xl/worksheets/sheet1.xml" in known.data
    assert read_hidden_columns(path, "xlsx", known) == read_hidden_columns(path, "xlsx")
    path.unlink()  # every part needed was kept: the file is not opened again
    assert read_hidden_columns(path, "xlsx", known) == {"Biểu 01": frozenset({2})}


@pytest.mark.parametrize("target", ["ods", "xls"])
def test_hidden_columns_are_read_from_libreoffice_formats(tmp_path: Path, target: str) -> None:
    if SOFFICE is None:
        missing("LibreOffice (soffice)")
    source = old_plan_hidden(tmp_path / "old.xlsx")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    converted = source.with_suffix(f".{target}")
    [sheet] = read_workbook(converted).sheets
    assert sheet.hidden_columns() == frozenset({2})
    assert plan_total(converted) == 300_000_000
