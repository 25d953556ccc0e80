"""Reconciliation figures: per project line and for the file, plan to disbursement and rates."""

from __future__ import annotations

from operator import itemgetter

from mtqg_cli.form.hierarchy import walk
from mtqg_cli.form.line_figures import effective, unallocated_of
from mtqg_cli.model.rates import disbursement_rate
from mtqg_cli.model.report import SummaryEntry, Triple
from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.vocabulary import (
    AMOUNT_FIELDS,
    KINDS,
    MONEY_GROUPS,
    TOTAL,
    TOTAL_NAME,
    assemble,
)

MONEY = tuple(f"{g}.{k}" for g in MONEY_GROUPS for k in KINDS)


def summarise(table: Table) -> list[SummaryEntry]:
    """The summary entries of the contract for one table, in sheet order, TOTAL last.

    Plain integer arithmetic per line: a file's few dozen lines cost less this way than the
    set-up of any frame, and a province's 17,000 lines are still one pass.
    """
    lines = [line for line in walk(table.root) if line.code]
    entries = [_entry(table.sheet, line, line.code or "", line.section_unit) for line in lines]
    entries.append(_entry(table.sheet, table.root, TOTAL, None))
    return entries


def figures(line: Line) -> dict[str, int | None]:
    """Every amount field of a line: as stated, or where blank what its children add up to."""
    derived = line.derived
    if len(derived) < len(AMOUNT_FIELDS):  # not derived beforehand (a table built by hand)
        for name in AMOUNT_FIELDS:
            effective(line, name)
    amounts = line.amounts
    merged = derived | amounts
    for name, value in amounts.items():
        if value is None:
            merged[name] = derived[name]
    return merged


_GROUP_FIGURES = [itemgetter(*(f"{g}.{k}" for k in KINDS)) for g in (*MONEY_GROUPS, "unallocated")]
"""Each group's total, ĐTPT and SN figures, read in one C call per group."""


def _entry(sheet: str, line: Line, project: str, unit: str | None) -> SummaryEntry:
    """One entry: each group's figures and the rates of disbursed over plan plus carried-over
    money, per capital type."""
    values = figures(line)
    plan, carried, allocated, disbursed, unallocated = [
        _group(*group_figures(values)) for group_figures in _GROUP_FIGURES
    ]
    rates = {kind: disbursement_rate(disbursed[kind], plan[kind], carried[kind]) for kind in KINDS}
    return assemble(SummaryEntry, {
        "project": project,
        "name": line.name or TOTAL_NAME,
        "sheet": sheet,
        "row": line.row or None,
        "unit": unit,
        "plan": assemble(Triple, plan),
        "carried_over": assemble(Triple, carried),
        "allocated": assemble(Triple, allocated),
        "disbursed": assemble(Triple, disbursed),
        "rate": assemble(Triple, rates),
        "unallocated": unallocated["total"],
        "unallocated_reason": _reason(line) if unallocated["total"] else None,
    })  # fmt: skip


def _group(total: int | None, dtpt: int | None, sn: int | None) -> dict[str, int | None]:
    """A group's figures; a missing total is ĐTPT + SN where either is known (so unallocated
    money is the total column, or ĐTPT + SN, as `unallocated_of` reads it)."""
    if total is None and (dtpt is not None or sn is not None):
        total = (dtpt or 0) + (sn or 0)
    return {"dtpt": dtpt, "sn": sn, "total": total}


def _reason(line: Line) -> str | None:
    """The line's reason, or its children's reasons where it gives none."""
    if line.reason:
        return line.reason
    if not line.children:
        return None
    parts = [
        f"{child.code or child.stt}: {child.reason}"
        for child in walk(line)
        if child.reason and (unallocated_of(child) or 0) > 0
    ]
    return "; ".join(parts) or None
