"""Baselines: fail only on findings that are new since an earlier JSON report.

A finding is known when the baseline holds one with the same file, sheet, rule, project, column
and unit — matched the way waivers are, never by row, which moves. Several findings with the same
key are counted: the baseline's ones are taken first by cell, then in order, and any beyond them
are new. Waived findings are left out of a baseline, so a waiver that expires still fails.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from pydantic import ValidationError

from mtqg_cli.files import protect
from mtqg_cli.model.errors import UsageError
from mtqg_cli.model.patterns import norm, path_key
from mtqg_cli.model.report import BaselineInfo, FileReport, Finding, Report
from mtqg_cli.words.ci import words

Key = tuple[str, str, str, str, str, str]


def finding_key(path: str, finding: Finding) -> Key:
    """What identifies a finding across runs: file, sheet, rule, project, column, unit."""
    return (
        path_key(path),
        norm(finding.sheet or ""),
        finding.rule,
        norm(finding.project or ""),
        finding.column or "",
        norm(finding.unit or ""),
    )


def load_baseline(path: Path) -> Report:
    """An earlier `--format json` report (or one `--write-baseline` wrote)."""
    if not path.is_file():
        raise UsageError("baseline_missing", path=str(path))
    protect(path)
    try:
        return Report.model_validate(json.loads(path.read_text("utf-8")))
    except RecursionError:  # arrays nested thousands deep
        raise UsageError("baseline_invalid", path=str(path), reason="nested too deep") from None
    except (OSError, UnicodeDecodeError, ValueError, ValidationError) as exc:
        reason = str(exc).splitlines()[0][:200]
        raise UsageError("baseline_invalid", path=str(path), reason=reason) from exc


def baseline_of(report: Report) -> Report:
    """The report to keep as a baseline: each file's findings that no waiver accepted."""
    files = [
        FileReport(
            path=file.path,
            status=file.status,
            error=file.error,
            findings=[
                f.model_copy(update={"in_baseline": False}) for f in file.findings if not f.waived
            ],
        )
        for file in report.files
    ]
    return Report(version=report.version, files=files)


def baseline_text(report: Report) -> str:
    return baseline_of(report).model_dump_json(indent=2, exclude_defaults=False) + "\n"


def apply_baseline(
    report: Report, baseline: Report, *, path: str, lang: str = "vi"
) -> BaselineInfo:
    """Mark the findings the baseline already holds; count the new ones and those since fixed."""
    pool: dict[Key, list[str | None]] = defaultdict(list)
    for file in baseline.files:
        for finding in file.findings:
            if not finding.waived:
                pool[finding_key(file.path, finding)].append(finding.cell)
    current = [
        (finding_key(file.path, f), f)
        for file in report.files
        for f in file.findings
        if not f.waived
    ]
    for exact in (True, False):
        for key, finding in current:
            cells = pool.get(key)
            if finding.in_baseline or not cells:
                continue
            if exact and finding.cell not in cells:
                continue
            cells.remove(finding.cell if exact else cells[0])
            finding.in_baseline = True
            finding.message += words(lang)["baseline_note"]
    known = sum(1 for _, f in current if f.in_baseline)
    info = BaselineInfo(
        path=path,
        known=known,
        new=len(current) - known,
        fixed=sum(len(cells) for cells in pool.values()),
    )
    report.baseline = info
    return info
