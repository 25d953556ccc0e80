"""A form sent back with no figures in it: shown as «chưa có số liệu», never as passed."""

from __future__ import annotations

from mtqg_cli.model.report import FileReport, SummaryEntry

BLANK = "blank"
"""The status shown (not the contract's `status`, which stays `ok`) for a form with no figures."""


def has_no_figures(file: FileReport) -> bool:
    """Whether a file read without errors or warnings holds not a single non-zero amount."""
    if file.status != "ok" or not file.summary:
        return False
    if any(f.severity in ("error", "warning") for f in file.findings):
        return False
    return not any(_figures(entry) for entry in file.summary)


def shown_status(file: FileReport) -> str:
    """The file's status as a person should read it: `blank` for a form with no figures."""
    return BLANK if has_no_figures(file) else file.status


def _figures(entry: SummaryEntry) -> bool:
    amounts = [entry.plan.total, entry.plan.dtpt, entry.plan.sn, entry.disbursed.total]
    amounts += [entry.disbursed.dtpt, entry.disbursed.sn, entry.unallocated]
    return any(amounts)
