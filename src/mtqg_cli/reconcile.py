"""Reconciliation figures: per project line and for the file, plan to disbursement and rates."""

from __future__ import annotations

from typing import Any

from mtqg_cli.hierarchy import walk
from mtqg_cli.models import KINDS, Line, SummaryEntry, Table, Triple, assemble
from mtqg_cli.rules.base import effective
from mtqg_cli.rules.lines import unallocated_of

MONEY_GROUPS = ("plan", "carried_over", "allocated", "disbursed")
MONEY = tuple(f"{g}.{k}" for g in MONEY_GROUPS for k in KINDS)
TOTAL_NAME = "Tổng cộng"


def summarise(table: Table) -> list[SummaryEntry]:
    """The summary entries of the contract for one table, in sheet order, TOTAL last.

    Plain integer arithmetic per line: a file's few dozen lines cost less this way than the
    set-up of any frame, and a province's 17,000 lines are still one pass.
    """
    lines = [line for line in walk(table.root) if line.code]
    entries = [_entry(table.sheet, line, line.code or "", line.section_unit) for line in lines]
    entries.append(_entry(table.sheet, table.root, "TOTAL", None))
    return entries


def _entry(sheet: str, line: Line, project: str, unit: str | None) -> SummaryEntry:
    money = {group: _money(line, group) for group in MONEY_GROUPS}
    unallocated = unallocated_of(line)
    return assemble(
        SummaryEntry,
        {
            "project": project,
            "name": line.name or TOTAL_NAME,
            "sheet": sheet,
            "row": line.row or None,
            "unit": unit,
            "plan": assemble(Triple, money["plan"]),
            "carried_over": assemble(Triple, money["carried_over"]),
            "allocated": assemble(Triple, money["allocated"]),
            "disbursed": assemble(Triple, money["disbursed"]),
            "rate": assemble(Triple, _rates(money)),
            "unallocated": unallocated,
            "unallocated_reason": _reason(line) if unallocated else None,
        },
    )


def _money(line: Line, group: str) -> dict[str, int | None]:
    """A group's figures; a missing total is ĐTPT + SN where either is known."""
    dtpt, sn = effective(line, f"{group}.dtpt"), effective(line, f"{group}.sn")
    total = effective(line, f"{group}.total")
    if total is None and (dtpt is not None or sn is not None):
        total = (dtpt or 0) + (sn or 0)
    return {"dtpt": dtpt, "sn": sn, "total": total}


def _rates(money: dict[str, dict[str, int | None]]) -> dict[str, float | None]:
    """Disbursed over plan plus carried-over money, in percent to two decimals; None on a zero
    or missing base."""
    rates: dict[str, float | None] = {}
    for kind in KINDS:
        plan, carried = money["plan"][kind], money["carried_over"][kind]
        spent = money["disbursed"][kind]
        base = None if plan is None else plan + (carried or 0)
        rates[kind] = None if spent is None or not base else percent(spent, base)
    return rates


def percent(part: int, base: int) -> float:
    """`part` in percent of `base`, to two decimals, computed in binary floating point and
    rounded half to even on the scaled value (as numpy and pandas round)."""
    return round(float(part * 100) / float(base) * 100) / 100


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
