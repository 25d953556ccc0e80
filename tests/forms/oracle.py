"""The findings a table's stated figures must give, worked out from the contract's rule table.

Written apart from mtqg's rules, from the definitions in the contract: a parent against the sum
of its direct children, a total against ĐTPT + SN, a rate against disbursed / (plan + carried
over), and so on. Every consequence of a planted mistake is in the set it returns.
"""

from __future__ import annotations

import math

from forms.model import KINDS, LineModel, TableModel

TOLERANCE = 1_000
PLAUSIBLE_MAX_DONG = 50_000 * 10**9
Expected = tuple[str, LineModel, str]
"""(rule, line, field) of one error the table must give."""


def stated(table: TableModel, line: LineModel, name: str) -> int | None:
    """A figure as written on the form (the root of a table with no total line states none)."""
    if line is table.root and not table.has_total_line:
        return None
    return line.values.get(name)


def effective(table: TableModel, line: LineModel, name: str) -> int | None:
    value = stated(table, line, name)
    if value is not None:
        return value
    known = [v for c in line.children if (v := effective(table, c, name)) is not None]
    return sum(known) if known else None


def base_of(table: TableModel, line: LineModel, kind: str) -> int | None:
    """Plan plus carried-over money of one capital type."""
    plan = effective(table, line, f"plan.{kind}")
    if plan is None:
        return None
    return plan + (effective(table, line, f"carried_over.{kind}") or 0)


def rate_base_of(table: TableModel, line: LineModel, kind: str) -> int | None:
    """What the form's rates divide by: `base_of`, or the plan alone where the form says so."""
    if table.rate_base == "plan_only":
        return effective(table, line, f"plan.{kind}")
    return base_of(table, line, kind)


def expected_errors(table: TableModel) -> list[Expected]:
    """Every error finding the table's figures must give."""
    out: list[Expected] = []
    for line in table.lines():
        out += _sums(table, line)
        out += _totals(table, line)
        out += _rates(table, line)
        out += _over_disbursed(table, line)
        out += _unallocated(table, line)
        out += _signs_and_units(table, line)
        if line.kind == "unknown":
            out.append(("UNKNOWN_PROJECT", line, "name"))
        if any(how == "sum_short" for how in line.formulas.values()):
            out.append(("FORMULA_RANGE", line, next(iter(line.formulas))))
    return out


def _sums(table: TableModel, line: LineModel) -> list[Expected]:
    if not line.children:
        return []
    out = []
    for name in table.fields:
        value = stated(table, line, name)
        known = [v for c in line.children if (v := effective(table, c, name)) is not None]
        if value is not None and known and abs(value - sum(known)) > TOLERANCE:
            out.append(("SUM_MISMATCH", line, name))
    return out


def _totals(table: TableModel, line: LineModel) -> list[Expected]:
    out = []
    for group in {f.split(".")[0] for f in table.fields}:
        if not all(f"{group}.{k}" in table.fields for k in KINDS):
            continue
        total = stated(table, line, f"{group}.total")
        dtpt, sn = (stated(table, line, f"{group}.{k}") for k in ("dtpt", "sn"))
        if total is None or (dtpt is None and sn is None):
            continue
        if abs(total - (dtpt or 0) - (sn or 0)) > TOLERANCE:
            out.append(("TOTAL_MISMATCH", line, f"{group}.total"))
    return out


def _rates(table: TableModel, line: LineModel) -> list[Expected]:
    out = []
    for name in table.rate_fields:
        percent = line.rates.get(name)
        kind = name.split(".")[1]
        disbursed = effective(table, line, f"disbursed.{kind}")
        base = rate_base_of(table, line, kind)
        if percent is None or disbursed is None or not base:
            continue
        # every rate is shown with two decimals ("0.00" / "0.00%"), a formula's too: a formula
        # whose inputs differ from the figures by less than its shown rounding reads right
        if abs(percent - disbursed * 100 / base) > 0.005 + 1e-9:
            out.append(("RATE_MISMATCH", line, name))
    return out


def _over_disbursed(table: TableModel, line: LineModel) -> list[Expected]:
    out = []
    for kind in KINDS:
        name = f"disbursed.{kind}"
        if name not in table.fields or f"plan.{kind}" not in table.fields:
            continue
        disbursed, base = stated(table, line, name), base_of(table, line, kind)
        if disbursed is not None and base is not None and disbursed - base > TOLERANCE:
            out.append(("OVER_DISBURSED", line, name))
    return out


def _unallocated(table: TableModel, line: LineModel) -> list[Expected]:
    out: list[Expected] = []
    for kind in KINDS:
        allocated_name, name = f"allocated.{kind}", f"unallocated.{kind}"
        if allocated_name not in table.fields or name not in table.fields:
            continue
        allocated, unallocated = stated(table, line, allocated_name), stated(table, line, name)
        if allocated is None and unallocated is None:
            continue
        base = base_of(table, line, kind)
        if base is not None and abs((allocated or 0) + (unallocated or 0) - base) > TOLERANCE:
            out.append(("UNALLOCATED_MISMATCH", line, name))
    amount = _stated_unallocated(table, line)
    if amount is not None and amount > TOLERANCE and not line.reason:
        carried = any((_unallocated_of(table, c) or 0) > TOLERANCE for c in line.children)
        if not carried:
            out.append(("UNALLOCATED_NO_REASON", line, "reason"))
    return out


def _stated_unallocated(table: TableModel, line: LineModel) -> int | None:
    total = stated(table, line, "unallocated.total")
    if total is not None:
        return total
    dtpt, sn = stated(table, line, "unallocated.dtpt"), stated(table, line, "unallocated.sn")
    return None if dtpt is None and sn is None else (dtpt or 0) + (sn or 0)


def _unallocated_of(table: TableModel, line: LineModel) -> int | None:
    total = effective(table, line, "unallocated.total")
    if total is not None:
        return total
    parts = [effective(table, line, f"unallocated.{k}") for k in ("dtpt", "sn")]
    return sum(p or 0 for p in parts) if any(p is not None for p in parts) else None


def _signs_and_units(table: TableModel, line: LineModel) -> list[Expected]:
    out: list[Expected] = []
    for name in table.fields:
        value = stated(table, line, name)
        if value is not None and value < 0:
            out.append(("NEGATIVE_AMOUNT", line, name))
        if value is None or value <= 0:
            continue
        parent = None
        if line.parent is not None:
            parent = stated(table, line.parent, name)
            if parent is None:
                parent = effective(table, line.parent, name)
        if unit_factor(value, parent):
            out.append(("UNIT_SUSPECT", line, name))
    return out


def unit_factor(value: int, parent: int | None) -> int | None:
    """1.000 or 1.000.000 when `value` looks typed in a smaller unit, per the contract."""
    if parent and parent > 0 and value > parent * 100:
        fits = [f for f in (1_000_000, 1_000) if parent / 10**4 <= value / f <= parent * 1.5]
        if fits:
            return min(fits, key=lambda f: abs(math.log(value / f / parent)))
    if value > PLAUSIBLE_MAX_DONG:
        return 1_000_000
    return None
