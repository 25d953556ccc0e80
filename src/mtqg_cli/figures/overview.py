"""What every report says of each file of a batch, worked out once for the terminal, the HTML page
and the meeting workbook: the order files are listed in (worst first), their findings counted by
severity, and their one figure (as the consolidation counted it, else the file's own total) with
the notes that say why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mtqg_cli.figures.notes import Amount, figures_of, file_notes
from mtqg_cli.form.blank import shown_status
from mtqg_cli.model.report import Consolidation, FileReport
from mtqg_cli.model.vocabulary import TOTAL, Severity

STATUS_ORDER = {"error": 0, "findings": 1, "ok": 2}
"""Unreadable files first, then files with findings, then those that passed."""
SEVERITIES = tuple(s.value for s in Severity)


@dataclass(frozen=True)
class FileLine:
    """One file as an overview lists it."""

    file: FileReport
    status: str
    """As a person should read it (`blank` for a form with no figures)."""
    counts: dict[str, int]
    """Every finding by severity, accepted ones included."""
    open_counts: dict[str, int]
    """The findings not accepted (waived or known), by severity."""
    plan: int | float | None
    disbursed: int | float | None
    rate: float | None
    notes: list[str]
    """Why the figure is what it is (only for a figure the consolidation counted)."""
    figured: bool
    """Whether the file has a figure at all: one the consolidation counted, or a total line."""


def severity_counts(file: FileReport, *, open_only: bool = False) -> dict[str, int]:
    """The file's findings by severity (error, warning, info), or only those not accepted."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in file.findings:
        if not (open_only and finding.accepted):
            counts[str(finding.severity)] += 1
    return counts


def worst_first(files: Iterable[FileReport]) -> list[FileReport]:
    """Unreadable files first, then by status, the most errors, the most warnings, the path."""

    def badness(file: FileReport) -> tuple[int, int, int, str]:
        counts = severity_counts(file)
        order = STATUS_ORDER.get(file.status, 3)
        return (order, -counts["error"], -counts["warning"], file.path)

    return sorted(files, key=badness)


def file_lines(
    files: Iterable[FileReport],
    consolidated: Consolidation | None,
    lang: str,
    amount: Amount,
) -> list[FileLine]:
    """Each file's line of an overview, in the order given (callers list files `worst_first`);
    `amount` writes a figure in the notes."""
    return [_line(file, consolidated, lang, amount) for file in files]


def _line(
    file: FileReport,
    consolidated: Consolidation | None,
    lang: str,
    amount: Amount,
) -> FileLine:
    counted, total = figures_of(consolidated, file), None
    figures: tuple[int | float | None, int | float | None, float | None]
    if counted is not None and consolidated is not None:  # one figure per file, as counted
        figures = (counted.plan, counted.disbursed, counted.rate)
        notes = file_notes(consolidated, counted, lang, amount)
    else:
        total = next((e for e in file.summary if e.project == TOTAL), None)
        figures = (None, None, None) if total is None else (
            total.plan.total, total.disbursed.total, total.rate.total
        )  # fmt: skip
        notes = []
    figured = (counted is not None and consolidated is not None) or total is not None
    return FileLine(
        file, shown_status(file), severity_counts(file),
        severity_counts(file, open_only=True), *figures, notes, figured,
    )  # fmt: skip
