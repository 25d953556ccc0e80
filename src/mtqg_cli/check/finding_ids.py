"""Finding ids: each finding of a file gets one, unique within the file, in report order."""

from __future__ import annotations

from collections.abc import Iterable

from mtqg_cli.model.report import Finding

PREFIX = "F"


def number_findings(findings: Iterable[Finding]) -> None:
    """Give every finding without an id the next free one (F1, F2, …); ids already given stay,
    so findings added later (the Treasury's, a batch's) extend the numbering."""
    pending = list(findings)
    taken = {f.id for f in pending if f.id is not None}
    number = 0
    for finding in pending:
        if finding.id is not None:
            continue
        number += 1
        while f"{PREFIX}{number}" in taken:
            number += 1
        finding.id = f"{PREFIX}{number}"
        taken.add(finding.id)
