"""Reconciliation figures: per project line and for the file, plan to disbursement and rates."""

from __future__ import annotations

from operator import itemgetter

from mtqg_cli.hierarchy import walk
from mtqg_cli.models import AMOUNT_FIELDS, KINDS, Line, SummaryEntry, Table, Triple
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


_NEW = object.__new__
_SET = object.__setattr__
_TRIPLE_FIELDS = set(Triple.model_fields)
_ENTRY_FIELDS = set(SummaryEntry.model_fields)
_FIGURES = itemgetter(*(f"{g}.{k}" for g in (*MONEY_GROUPS, "unallocated") for k in KINDS))
"""The fifteen figures of an entry, each group's total, ĐTPT and SN, in one C call."""


def _triple(values: dict[str, int | float | None]) -> Triple:
    """`assemble(Triple, values)` inlined: five of them make every entry of a summary."""
    triple = _NEW(Triple)
    _SET(triple, "__dict__", values)
    _SET(triple, "__pydantic_fields_set__", _TRIPLE_FIELDS)
    _SET(triple, "__pydantic_extra__", None)
    _SET(triple, "__pydantic_private__", None)
    return triple


def _entry(sheet: str, line: Line, project: str, unit: str | None) -> SummaryEntry:
    """One entry: each group's figures (a missing total is ĐTPT + SN where either is known, so
    unallocated money is the total column, or ĐTPT + SN, as `unallocated_of` reads it) and the
    rates of disbursed over plan plus carried-over money, per capital type."""
    (pt, pd, ps, ct, cd, cs, at, ad, as_, dt, dd, ds, ut, ud, us) = _FIGURES(figures(line))
    if pt is None and (pd is not None or ps is not None):
        pt = (pd or 0) + (ps or 0)
    if ct is None and (cd is not None or cs is not None):
        ct = (cd or 0) + (cs or 0)
    if at is None and (ad is not None or as_ is not None):
        at = (ad or 0) + (as_ or 0)
    if dt is None and (dd is not None or ds is not None):
        dt = (dd or 0) + (ds or 0)
    if ut is None and (ud is not None or us is not None):
        ut = (ud or 0) + (us or 0)
    rates = {"total": _rate(dt, pt, ct), "dtpt": _rate(dd, pd, cd), "sn": _rate(ds, ps, cs)}
    entry = _NEW(SummaryEntry)
    _SET(entry, "__dict__", {
        "project": project,
        "name": line.name or TOTAL_NAME,
        "sheet": sheet,
        "row": line.row or None,
        "unit": unit,
        "plan": _triple({"dtpt": pd, "sn": ps, "total": pt}),
        "carried_over": _triple({"dtpt": cd, "sn": cs, "total": ct}),
        "allocated": _triple({"dtpt": ad, "sn": as_, "total": at}),
        "disbursed": _triple({"dtpt": dd, "sn": ds, "total": dt}),
        "rate": _triple(rates),
        "unallocated": ut,
        "unallocated_reason": _reason(line) if ut else None,
    })  # fmt: skip
    _SET(entry, "__pydantic_fields_set__", _ENTRY_FIELDS)
    _SET(entry, "__pydantic_extra__", None)
    _SET(entry, "__pydantic_private__", None)
    return entry


def _rate(spent: int | None, plan: int | None, carried: int | None) -> float | None:
    """Disbursed over plan plus carried-over money, in percent to two decimals; None on a zero
    or missing base."""
    if spent is None or plan is None:
        return None
    base = plan + (carried or 0)
    return round(float(spent * 100) / float(base) * 100) / 100 if base else None  # `percent`


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
