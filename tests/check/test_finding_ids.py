"""Finding ids: unique within a file, in report order, kept when findings are added later."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mtqg_cli.app.run import reconcile_file
from mtqg_cli.check.finding_ids import number_findings
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import Finding
from mtqg_cli.model.vocabulary import Severity

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _finding(rule: str = "SUM_MISMATCH", id: str | None = None) -> Finding:
    return Finding(rule=rule, severity=Severity.error, id=id)


def test_ids_follow_report_order() -> None:
    findings = [_finding() for _ in range(3)]
    number_findings(findings)
    assert [f.id for f in findings] == ["F1", "F2", "F3"]


def test_ids_given_stay_and_new_ones_extend_the_numbering() -> None:
    findings = [_finding() for _ in range(2)]
    number_findings(findings)
    findings += [_finding("CROSS_SOURCE_MISMATCH"), _finding()]
    number_findings(findings)
    assert [f.id for f in findings] == ["F1", "F2", "F3", "F4"]


@given(st.lists(st.one_of(st.none(), st.sampled_from(["F1", "F2", "F5", "X"])), max_size=12))
def test_ids_are_unique_whatever_was_given(given_ids: list[str | None]) -> None:
    findings: list[Finding] = []
    seen: set[str] = set()
    for value in given_ids:  # ids already given are unique within a file
        findings.append(_finding(id=None if value in seen else value))
        if value is not None:
            seen.add(value)
    number_findings(findings)
    ids = [f.id for f in findings]
    assert None not in ids and len(set(ids)) == len(ids)


def test_a_reconciled_file_numbers_every_finding() -> None:
    report = reconcile_file(FIXTURES / "huyen-mau-shape.xlsx", Options())
    ids = [f.id for f in report.findings]
    assert report.findings and ids == [f"F{n}" for n in range(1, len(ids) + 1)]
    assert all(f.caused_by is None or f.caused_by in ids for f in report.findings)
