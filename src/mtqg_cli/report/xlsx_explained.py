"""The meeting workbook's findings sheet when findings explain one another: cells and counts."""

from __future__ import annotations

from collections.abc import Sequence

from mtqg_cli.model.report import FileReport
from mtqg_cli.report.finding_order import (
    CascadeCounts,
    Placed,
    cascade_counts,
    cascade_order,
    explains_any,
    has_causes,
)

CONSEQUENCE = "↳ "
DEEPEST = 3
"""Consequences further down are indented as this level (the workbook has styles name0…name3)."""
Cell = tuple[str, object]


def any_explained(files: Sequence[FileReport]) -> bool:
    """Some finding has a cause or a hint: the sheet then gets its id, cause and hint columns."""
    return any(explains_any(file.findings) for file in files)


def in_order(file: FileReport, explained: bool) -> list[Placed]:
    """The file's findings, each root followed by what it explains (as given when not asked)."""
    if explained:
        return cascade_order(file.findings)
    return [Placed(f, 0, None) for f in file.findings]


def rule_cell(placed: Placed) -> Cell:
    """The rule, indented under its root after an arrow when another finding explains it."""
    if not placed.depth:
        return ("text", placed.finding.rule)
    arrow = "   " * (placed.depth - 1) + CONSEQUENCE  # the indent alone is hard to see
    return (f"name{min(placed.depth, DEEPEST)}", arrow + placed.finding.rule)


def cause_cells(placed: Placed) -> list[Cell]:
    """The finding's id, what explains it ("F1 (C9)") and its hint's message."""
    cause, hint = placed.cause, placed.finding.hint
    by = "" if cause is None else f"{cause.id} ({cause.cell})" if cause.cell else cause.id
    return [("text", placed.finding.id), ("text", by), ("wrap", hint.message if hint else "")]


def counts_note(files: Sequence[FileReport], template: str) -> str:
    """The note "3 lỗi gốc, 5 lỗi kéo theo" over every file; empty when nothing has a cause."""
    if not any(has_causes(file.findings) for file in files):
        return ""
    each = [cascade_counts(file.findings) for file in files]
    counts = CascadeCounts(sum(c.roots for c in each), sum(c.consequences for c in each))
    return template.format(roots=counts.roots, consequences=counts.consequences)
