"""The arithmetic of one line: its figures stated or summed from its children, the plan a rate
divides by, its unallocated money; shared by extraction, the rules and the figures."""

from __future__ import annotations

from collections.abc import Callable

from mtqg_cli.model.sheet import Line
from mtqg_cli.model.vocabulary import KINDS

# Field names built once, not per line: {kind: "plan.kind"}…
PLAN = {k: f"plan.{k}" for k in KINDS}
CARRIED = {k: f"carried_over.{k}" for k in KINDS}
ALLOCATED = {k: f"allocated.{k}" for k in KINDS}
UNALLOCATED = {k: f"unallocated.{k}" for k in KINDS}
DISBURSED = {k: f"disbursed.{k}" for k in KINDS}
UNALLOCATED_TOTAL, UNALLOCATED_DTPT, UNALLOCATED_SN = (
    UNALLOCATED[k] for k in ("total", "dtpt", "sn")
)


def effective(line: Line, name: str) -> int | None:
    """A line's figure: as stated, or, where blank, the sum of its children's figures.

    `derive_blanks` has filled `derived` for every line of a table read from a sheet, so this
    is two dictionary look-ups; a line without it (a tree built by hand) is summed here once."""
    stated = line.amounts.get(name)
    if stated is not None:
        return stated
    derived = line.derived
    if name in derived:
        return derived[name]
    derived[name] = total = children_sum(line, name)
    return total


def children_sum(line: Line, name: str) -> int | None:
    """What the line's summed children add up to in `name` (None when none of them states it):
    `derived[name]` as `derive_blanks` leaves it, worked out where it has not."""
    known = [v for child in line.summed_children if (v := effective(child, name)) is not None]
    return sum(known) if known else None


def plan_base(line: Line, kind: str, *, carried: bool = True) -> int | None:
    """Plan plus carried-over money of one capital type: what can be allocated and spent (the
    plan alone with `carried=False`)."""
    with_carried, alone = plan_bases(line, kind)
    return with_carried if carried else alone


def plan_bases(line: Line, kind: str) -> tuple[int | None, int | None]:
    """`plan_base` with and without the carried-over money, each figure looked up once."""
    plan = _figure(line, PLAN[kind])
    if plan is None:
        return None, None
    return plan + (_figure(line, CARRIED[kind]) or 0), plan


def _figure(line: Line, name: str) -> int | None:
    """A line's figure as stated, else as derived from its children."""
    value = line.amounts.get(name)
    if value is None:
        derived = line.derived
        value = derived[name] if name in derived else effective(line, name)
    return value


def as_stated(line: Line, name: str) -> int | None:
    """A line's figure as the form states it (None where the cell is blank)."""
    return line.amounts.get(name)


def unallocated_of(line: Line, figure: Callable[[Line, str], int | None] = effective) -> int | None:
    """The line's unallocated money: the total column, or ĐTPT + SN; each read by `figure`
    (effective: summed from the children where blank; as_stated: as the form states it)."""
    total = figure(line, UNALLOCATED_TOTAL)
    if total is not None:
        return total
    parts = [figure(line, UNALLOCATED_DTPT), figure(line, UNALLOCATED_SN)]
    return sum(p or 0 for p in parts) if any(p is not None for p in parts) else None
