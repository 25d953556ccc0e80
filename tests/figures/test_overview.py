"""The overview of a batch's files every report shows: order, counts and each file's one figure."""

from __future__ import annotations

from mtqg_cli.figures.overview import file_lines, severity_counts, worst_first
from mtqg_cli.model.report import (
    Consolidation,
    FileFigures,
    FileReport,
    Finding,
    SummaryEntry,
    Triple,
)


def _finding(severity: str, *, waived: bool = False) -> Finding:
    return Finding(rule="SUM_MISMATCH", severity=severity, waived=waived)


def _file(path: str, status: str, *severities: str, plan: int | None = None) -> FileReport:
    summary = []
    if plan is not None:
        summary.append(
            SummaryEntry(project="TOTAL", name="Tổng cộng", plan=Triple(total=plan),
                         disbursed=Triple(total=plan // 2), rate=Triple(total=50.0))
        )  # fmt: skip
    return FileReport(
        path=path, status=status, findings=[_finding(s) for s in severities], summary=summary
    )


def _amount(value: int | None) -> str:
    return f"{value} đ"


def test_unreadable_files_come_first_then_the_most_errors_then_the_most_warnings() -> None:
    files = [
        _file("ok.xlsx", "ok", "warning"),
        _file("b.xlsx", "findings", "error", "warning"),
        _file("bad.xlsx", "error"),
        _file("a.xlsx", "findings", "error", "error"),
        _file("c.xlsx", "findings", "error", "warning", "warning"),
    ]
    order = [f.path for f in worst_first(files)]
    assert order == ["bad.xlsx", "a.xlsx", "c.xlsx", "b.xlsx", "ok.xlsx"]


def test_counts_by_severity_with_and_without_accepted_findings() -> None:
    file = _file("a.xlsx", "findings", "error", "warning", "info")
    file.findings.append(_finding("error", waived=True))
    assert severity_counts(file) == {"error": 2, "warning": 1, "info": 1}
    assert severity_counts(file, open_only=True) == {"error": 1, "warning": 1, "info": 1}


def test_a_file_outside_a_batch_shows_its_own_total_and_one_without_a_total_shows_none() -> None:
    lines = file_lines(
        [_file("a.xlsx", "ok", plan=1_000), _file("x.xlsx", "error")], None, "vi", _amount
    )
    by_path = {line.file.path: line for line in lines}
    a, x = by_path["a.xlsx"], by_path["x.xlsx"]
    assert (a.plan, a.disbursed, a.rate, a.figured, a.notes) == (1_000, 500, 50.0, True, [])
    assert (x.plan, x.disbursed, x.rate, x.figured) == (None, None, None, False)


def test_in_a_batch_the_counted_figure_stands_with_the_notes_that_say_why() -> None:
    file = _file("a.xlsx", "ok", plan=1_000)
    counted = FileFigures(path="a.xlsx", unit="Xã A", plan=900, disbursed=450, rate=50.0,
                          stated_plan=1_000)  # fmt: skip
    consolidated = Consolidation(files=[counted])
    [line] = file_lines([file], consolidated, "vi", _amount)
    assert (line.plan, line.disbursed, line.rate, line.figured) == (900, 450, 50.0, True)
    assert line.notes and "1000 đ" in line.notes[0]
