"""Every figure the terminal shows is whole, at any width and when piped (issue 20)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqg_cli.app.run import reconcile_paths
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import FileReport, Finding, Report, SummaryEntry, Triple
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.render.batch_view import render_batch
from mtqg_cli.render.console import make_console
from mtqg_cli.render.file_view import render_report
from mtqg_cli.words.numbers import format_amount, format_rate

ROOT = Path(__file__).resolve().parents[2]
PLANTED = ROOT / "data" / "samples" / "bach-thong-6-thang-2023-sai-lech.xlsx"
CLEAN = ROOT / "data" / "samples" / "bach-thong-6-thang-2023.xlsx"
NUMBER = re.compile(r"-?\d[\d.,]*\d|\d")
RULES = ["SUM_MISMATCH", "UNALLOCATED_NO_REASON", "RATE_MISMATCH", "UNIT_SUSPECT"]


def whole(figure: str, text: str) -> bool:
    """Whether `figure` appears on one line of `text`, not as part of a longer number."""
    pattern = re.compile(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)")
    return any(pattern.search(line) for line in text.splitlines())


def shown(report: Report, width: int) -> str:
    out = io.StringIO()
    console = make_console(width=width, file=out, color=False)
    if len(report.files) == 1:
        render_report(report, console)
    else:
        render_batch(report, console)
    return out.getvalue()


def figures_of(report: Report) -> list[str]:
    """Every figure the report's findings and summary should show, as the tables write them."""
    found: list[str] = []
    for file in report.files:
        unit = Unit(file.unit) if file.unit else Unit.trieu_dong
        for f in file.findings:
            rate = bool(f.column and f.column.startswith("rate."))
            for value in (f.expected, f.actual, f.difference):
                if value is not None:
                    found.append(format_rate(value) if rate else format_amount(value, unit))
            found += [n.rstrip(".,") for n in NUMBER.findall(f.message or "")]
        if len(report.files) == 1:
            for e in file.summary:
                found += [format_amount(v, unit) for v in (e.plan.total, e.disbursed.total)]
                found.append(format_rate(e.rate.total))
    return [f for f in found if f]


@pytest.fixture(scope="module")
def planted() -> Report:
    return reconcile_paths([PLANTED], Options())


@pytest.mark.parametrize("width", [60, 70, 80, 100, 120, 160, 200])
def test_every_figure_of_the_planted_sample_is_whole(planted: Report, width: int) -> None:
    text = shown(planted, width)
    missing = [f for f in figures_of(planted) if not whole(f, text)]
    assert not missing, f"cut at width {width}: {missing}"
    assert max(len(line) for line in text.splitlines()) <= width


def test_a_narrow_console_prints_each_finding_as_a_block(planted: Report) -> None:
    text = shown(planted, 80)
    assert "Chênh lệch:    -345.243.654,756" in text
    assert re.search(r"^↳ lỗi SUM_MISMATCH — C39 — DA9 *$", text, re.M)
    wide = shown(planted, 160)
    assert re.search(r"^ +lỗi +↳ SUM_MISMATCH +C39 +DA9 +345\.244\.000,000 ", wide, re.M)


amounts = st.integers(min_value=-(10**15), max_value=10**15)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    files = []
    for index in range(draw(st.integers(1, 3))):
        findings = []
        for row in range(draw(st.integers(1, 6))):
            expected, actual = draw(amounts), draw(amounts)
            name = draw(st.text("abc đươ «»", min_size=0, max_size=60))
            message = (
                f"Dòng «{name}» ghi {format_amount(actual, Unit.trieu_dong)} triệu đồng, "
                f"nhưng cộng được {format_amount(expected, Unit.trieu_dong)} triệu đồng."
            )
            findings.append(
                Finding(
                    rule=draw(st.sampled_from(RULES)), severity="error", sheet="Biểu 01",
                    cell=f"C{row + 12}", row=row + 12, column="plan.total",
                    project=draw(st.sampled_from(["DA1", "DA3.TDA2.ND1", None])),
                    expected=expected, actual=actual, difference=actual - expected,
                    message=message,
                )
            )  # fmt: skip
        total = draw(st.integers(0, 10**15))
        summary = [
            SummaryEntry(
                project="TOTAL", name="TỔNG CỘNG", sheet="Biểu 01", row=12,
                plan=Triple(total=total), disbursed=Triple(total=total // 3),
                rate=Triple(total=33.33), unallocated=draw(st.integers(0, 10**12)),
            )
        ]  # fmt: skip
        files.append(
            FileReport(
                path=f"xa-{index}.xlsx", status="findings", unit="trieu_dong",
                sheets=["Biểu 01"], findings=findings, summary=summary,
            )
        )  # fmt: skip
    return Report(version="1.0.0", files=files)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(), width=st.integers(min_value=60, max_value=220))
def test_figures_are_never_cut_at_any_width(report: Report, width: int) -> None:
    text = shown(report, width)
    missing = [f for f in figures_of(report) if not whole(f, text)]
    assert not missing, f"cut at width {width}: {missing}"
    assert max(len(line) for line in text.splitlines()) <= width


def mtqg(*args: str, columns: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = columns
    code = "from mtqg_cli.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_piped_output_is_not_squeezed_to_80_columns(planted: Report) -> None:
    result = mtqg("reconcile", str(PLANTED), "--no-store")
    assert result.returncode == 1, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) > 80
    assert not [f for f in figures_of(planted) if not whole(f, result.stdout)]
    assert re.search(r"lỗi +↳ SUM_MISMATCH +C39 +DA9 ", result.stdout)  # one line per finding


def test_width_80_when_piped_keeps_every_figure(planted: Report) -> None:
    result = mtqg("reconcile", str(PLANTED), "--no-store", "--width", "80")
    assert result.returncode == 1, result.stderr
    assert not [f for f in figures_of(planted) if not whole(f, result.stdout)]
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def occurrences(figure: str, text: str) -> int:
    pattern = re.compile(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)")
    return sum(len(pattern.findall(line)) for line in text.splitlines())


@pytest.mark.parametrize("width", ["60", "80", "120"])
def test_against_figures_are_whole(width: str) -> None:
    args = ("reconcile", str(PLANTED), "--no-store", "--against", str(CLEAN), "--width")
    wide, narrow = mtqg(*args, "240").stdout, mtqg(*args, width).stdout
    wide, narrow = wide[wide.index("Đối chiếu") :], narrow[narrow.index("Đối chiếu") :]
    for figure in ("1.023,627", "7.093,105", "5.013,060", "619,950", "18,000"):
        assert occurrences(figure, narrow) == occurrences(figure, wide) > 0, figure
    assert max(len(line) for line in narrow.splitlines()) <= int(width)
