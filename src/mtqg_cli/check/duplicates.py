"""Resubmissions in a batch: two files of the same unit and period, the newer one counted."""

from __future__ import annotations

import os
from pathlib import Path

from mtqg_cli.check.finding_ids import number_findings
from mtqg_cli.check.rules.sources import cross_finding
from mtqg_cli.model.report import FileReport, LeftOut
from mtqg_cli.model.text import fold
from mtqg_cli.words.messages import batch_words


def duplicate_key(file: FileReport) -> tuple[str, str] | None:
    """What makes two files one unit's report for one period: the reporting unit and the
    period (its label, else its date), folded; None for a file without a named unit."""
    if file.status == "error" or not file.reporting_unit:
        return None
    period = file.period or file.as_of or ""
    return fold(file.reporting_unit), fold(period)


def newness(file: FileReport) -> tuple[str, int, str]:
    """How new a file is: by its period's date, then its modification time, then its name."""
    try:
        mtime = os.stat(file.path).st_mtime_ns
    except OSError:
        mtime = 0
    return file.as_of or "", mtime, Path(file.path).name


def duplicate_groups(files: list[FileReport]) -> list[list[FileReport]]:
    """The files sharing a unit and period, two or more to a group, oldest first."""
    groups: dict[tuple[str, str], list[FileReport]] = {}
    for file in files:
        key = duplicate_key(file)
        if key is not None:
            groups.setdefault(key, []).append(file)
    return [sorted(group, key=newness) for group in groups.values() if len(group) > 1]


def mark_duplicates(files: list[FileReport], *, lang: str, keep: bool) -> list[LeftOut]:
    """Give every file that a newer one of the same unit and period stands beside a
    DUPLICATE_UNIT finding naming that file; unless `keep`, list it as left out."""
    left_out: list[LeftOut] = []
    for group in duplicate_groups(files):
        kept = group[-1]
        kept_name = Path(kept.path).name
        for older in group[:-1]:
            outcome = "both_kept" if keep else "left_out"
            finding = cross_finding(
                "DUPLICATE_UNIT",
                lang=lang,
                name=older.reporting_unit or "",
                period=older.period or older.as_of or batch_words("no_period", lang),
                other=kept_name,
                outcome=batch_words(outcome, lang, kept=kept_name),
            )
            older.findings.append(finding)
            number_findings(older.findings)
            if not keep:
                unit = older.reporting_unit or ""
                left_out.append(
                    LeftOut(path=older.path, unit=unit, kept=kept.path, finding=finding.id)
                )
    return left_out
