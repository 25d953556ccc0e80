"""Shared checks of the causes tests: a table or generated form explained as a file's findings
are, and the finding and hint assertions the tests compare."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.cause_forms import CauseForm, Expected
from tests.helpers import make_table, run_all

from mtqg_cli.app.run import reconcile_file
from mtqg_cli.check.causes import explain_findings
from mtqg_cli.check.finding_ids import number_findings
from mtqg_cli.form.options import Options
from mtqg_cli.model.report import Finding, Hint
from mtqg_cli.model.sheet import Table

P, D, S = "plan.total", "plan.dtpt", "plan.sn"


def explained(rows: list[tuple], *, lang: str = "vi") -> list[Finding]:
    """The findings of a table built from `rows`, numbered and explained as a file's are."""
    table = make_table(rows)
    return explain(table, lang=lang)


def explain(table: Table, *, lang: str = "vi") -> list[Finding]:
    findings = run_all(table, lang=lang)
    number_findings(findings)
    explain_findings(findings, [table], lang=lang, tolerance=1_000)
    return findings


def only(findings: list[Finding], rule: str, row: int, column: str = P) -> Finding:
    [found] = [f for f in findings if (f.rule, f.row, f.column) == (rule, row, column)]
    return found


def hint_of(findings: list[Finding], rule: str, row: int, column: str = P) -> Hint | None:
    return only(findings, rule, row, column).hint


def spec(hint: Hint | None) -> tuple[str, list[int], list[str], int | None] | None:
    return None if hint is None else (hint.kind, hint.rows, hint.cells, hint.suggested)


def reconciled(form: CauseForm) -> list[Finding]:
    with tempfile.TemporaryDirectory() as folder:
        report = reconcile_file(form.save(Path(folder) / "xa.xlsx"), Options())
    assert report.status != "error", report.error
    return report.findings


def assert_named(findings: list[Finding], expected: Expected) -> Finding:
    found = only(findings, expected.rule, expected.row, expected.column)
    want = (expected.kind, expected.rows, expected.cells, expected.suggested)
    assert spec(found.hint) == want, (found.message, found.hint)
    return found
