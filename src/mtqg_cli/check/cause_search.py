"""The search for a mismatch's likely cause: the one correction of one cell that closes it exactly."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from mtqg_cli.check.cause_digits import could_be_swap, transpositions
from mtqg_cli.form.line_figures import children_sum, effective
from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.vocabulary import UNIT_FACTORS


@dataclass(frozen=True)
class Cause:
    """One explanation of a mismatch: the cell of `field` on line `at` should read `after`;
    `fault` is the line the mistake is about (the digits', or the line left out or counted twice)."""

    kind: str
    at: Line
    field: str
    before: int
    after: int
    fault: Line
    factor: int = 0
    score: int = 0

    @property
    def in_parent(self) -> bool:
        """The correction is the parent's own sum (a line left out, counted twice, taken away)."""
        return self.at is not self.fault

    @property
    def key(self) -> tuple[str, int, str, int, int]:
        return (self.kind, id(self.at), self.field, self.after, id(self.fault))


def settle(causes: list[Cause | None], line: Line, field: str) -> Cause | None:
    """The cause the evidence favours, or None when none fits or the best ones tie. Between a
    slip in the sum itself (the mismatching cell: a parent, a row's total) and one in a figure it
    adds, equally supported, the sum is taken: it is the figure typed from the others."""
    unique = {c.key: c for c in causes if c is not None}
    if not unique:
        return None

    def weight(cause: Cause) -> tuple[int, int]:
        own = cause.at is line and cause.field == field and not cause.in_parent
        return (cause.score, int(own))

    best = max(weight(c) for c in unique.values())
    winners = [c for c in unique.values() if weight(c) == best]
    return winners[0] if len(winners) == 1 else None


# --------------------------------------------------------------------------- SUM_MISMATCH
def sum_causes(table: Table, line: Line, field: str, tolerance: int) -> list[Cause | None]:
    """Every single correction that makes `line`'s `field` equal its children's sum."""
    stated, expected = line.amounts.get(field), children_sum(line, field)
    if stated is None or expected is None:
        return []
    gap = stated - expected
    search = Search.of(table, gap, tolerance)
    found = _transposed(table, line, field, stated, expected, tolerance)
    for child in line.summed_children:
        value = effective(child, field)
        if value is not None and value != 0:
            found.extend(_parent_causes(line, child, field, value, gap, tolerance))
        found.extend(_cell_causes(search, child, field, direct=True))
    return [_scored(table, c, tolerance) for c in found]


def _parent_causes(
    parent: Line, child: Line, field: str, value: int, gap: int, tolerance: int
) -> Iterator[Cause]:
    """The parent's sum left a child out, counted it twice, or took it away."""
    stated = parent.amounts[field]
    assert stated is not None
    right = stated - gap
    if abs(gap + value) <= tolerance:
        yield Cause("omitted_line", parent, field, stated, right, child)
    if abs(gap - value) <= tolerance:
        yield Cause("double_counted", parent, field, stated, right, child)
    if value > 0 and abs(gap + 2 * value) <= tolerance:
        yield Cause("sign_flip", parent, field, stated, right, child)


@dataclass(frozen=True)
class Search:
    """What one mismatch's search reads: the table, the gap to close, the tolerance, and
    whether a digit swap can close it at all (asked once, not of every line)."""

    table: Table
    gap: int
    tolerance: int
    swaps: bool

    @classmethod
    def of(cls, table: Table, gap: int, tolerance: int) -> Search:
        return cls(table, gap, tolerance, could_be_swap(gap, table.unit, tolerance))


def _cell_causes(search: Search, line: Line, field: str, *, direct: bool) -> list[Cause]:
    """Corrections of one cell of `line` (or, where its figure is its children's sum, of a cell
    further down) that change the parent's sum by exactly `gap`."""
    table, gap, tolerance = search.table, search.gap, search.tolerance
    value = line.amounts.get(field)
    children = line.summed_children
    if value is None or (children and _adds_up(line, field, value, tolerance)):
        return [
            cause
            for child in children
            for cause in _cell_causes(search, child, field, direct=False)
        ]
    found: list[Cause] = []
    swaps = transpositions(value, table.unit) if search.swaps else []
    for after in swaps:
        if abs(after - value - gap) <= tolerance:
            found.append(Cause("transposed_digits", line, field, value, after, line))
    for factor in UNIT_FACTORS:
        after = round(value / factor)  # a figure that comes to nothing once divided is no slip
        if after > tolerance and abs(after - value - gap) <= tolerance:
            found.append(Cause("unit_slip", line, field, value, after, line, factor))
    if value < 0 and abs(-2 * value - gap) <= tolerance:
        found.append(Cause("sign_flip", line, field, value, -value, line))
    if not direct:  # the sums between recompute: the explained mismatch is the only check touched
        scored = (_scored(table, c, tolerance, skip_up=True, bonus=1) for c in found)
        return [c for c in scored if c is not None]
    return found


def _adds_up(line: Line, field: str, value: int, tolerance: int) -> bool:
    expected = children_sum(line, field)
    return expected is not None and abs(value - expected) <= tolerance


# --------------------------------------------------------------------------- TOTAL_MISMATCH
def total_causes(
    table: Table, line: Line, field: str, tolerance: int, position: int
) -> list[Cause | None]:
    """Corrections of one of the row's three cells (total, ĐTPT, SN) that make total = ĐTPT + SN,
    or a total that is the ĐTPT + SN of the row above or below."""
    group = field.split(".")[0]
    total, dtpt, sn = (line.amounts.get(f"{group}.{k}") for k in ("total", "dtpt", "sn"))
    if total is None:
        return []
    expected = (dtpt or 0) + (sn or 0)
    gap = total - expected
    search = Search.of(table, gap, tolerance)
    found = _transposed(table, line, field, total, expected, tolerance)
    for factor in UNIT_FACTORS:
        after = round(total / factor)
        if after > tolerance and abs(after - expected) <= tolerance:
            found.append(Cause("unit_slip", line, field, total, after, line, factor))
    for kind, value in (("dtpt", dtpt), ("sn", sn)):
        if value is not None:
            part = f"{group}.{kind}"
            found.extend(_cell_causes(search, _alone(line), part, direct=True))
    found = [_on(line, c) for c in found]
    found.extend(_neighbour_causes(table, position, group, total, expected, tolerance))
    return [_scored(table, c, tolerance) for c in found]


def _transposed(
    table: Table, line: Line, field: str, typed: int, expected: int, tolerance: int
) -> list[Cause]:
    """The cell typed with two adjacent digits swapped: each swap that gives the expected figure."""
    return [
        Cause("transposed_digits", line, field, typed, after, line)
        for after in transpositions(typed, table.unit)
        if abs(after - expected) <= tolerance
    ]


def _alone(line: Line) -> Line:
    """A copy of the line without children: its ĐTPT or SN cell is then judged as typed."""
    return Line(row=line.row, stt=line.stt, name=line.name, amounts=line.amounts)


def _on(line: Line, cause: Cause) -> Cause:
    """The cause put back on the real line (`_alone` stood in for it)."""
    if cause.at is line:
        return cause
    return Cause(cause.kind, line, cause.field, cause.before, cause.after, line, cause.factor)


def _neighbour_causes(
    table: Table, position: int, group: str, total: int, expected: int, tolerance: int
) -> Iterator[Cause]:
    """A total that is the ĐTPT + SN of the row above or below (`position` in the table)."""
    line = table.lines[position]
    for other in table.lines[max(position - 1, 0) : position + 2]:
        if other is line:
            continue
        dtpt, sn = other.amounts.get(f"{group}.dtpt"), other.amounts.get(f"{group}.sn")
        if dtpt is None and sn is None:
            continue
        if abs(total - (dtpt or 0) - (sn or 0)) <= tolerance:
            yield Cause("neighbour_row", line, f"{group}.total", total, expected, other)


# --------------------------------------------------------------------------- evidence
def _scored(
    table: Table, cause: Cause, tolerance: int, *, skip_up: bool = False, bonus: int = 0
) -> Cause | None:
    """The cause with its score (the checks its correction repairs), or None where the cell
    already equals its lines' sum: a figure its lines confirm is no slip. A check the correction
    would break counts for nothing: it may be a formula over the very cell."""
    repaired = checks_mended(table, cause.at, cause.field, cause.after, tolerance, skip_up)
    if repaired is None:
        return None
    return Cause(cause.kind, cause.at, cause.field, cause.before, cause.after, cause.fault,
                 cause.factor, bonus + repaired)  # fmt: skip


def checks_mended(
    table: Table, line: Line, field: str, after: int, tolerance: int, skip_up: bool = False
) -> int | None:
    """How many of the three checks on a cell (its row's total = ĐTPT + SN, its line against its
    children, its parent against its siblings) setting it to `after` repairs; None when the cell
    agrees with its children now (and so does not need correcting)."""
    before = line.amounts.get(field)
    if before is None:
        return 0
    expected = children_sum(line, field) if line.summed_children else None
    if expected is not None and abs(before - expected) <= tolerance and before != after:
        return None
    score = _row_mended(table, line, field, after, tolerance)
    if expected is not None:
        score += _mended(before - expected, after - expected, tolerance)
    parent = line.parent
    if not skip_up and parent is not None and (stated := parent.amounts.get(field)) is not None:
        siblings = children_sum(parent, field)
        if siblings is not None:
            score += _mended(stated - siblings, stated - siblings + before - after, tolerance)
    return score


def _row_mended(table: Table, line: Line, field: str, after: int, tolerance: int) -> int:
    group = field.split(".")[0]
    names = [f"{group}.{k}" for k in ("total", "dtpt", "sn")]
    if not all(table.has(n) for n in names):
        return 0
    now = [line.amounts.get(n) for n in names]
    then = [after if n == field else v for n, v in zip(names, now, strict=True)]
    return _mended(_row_gap(now), _row_gap(then), tolerance)


def _row_gap(figures: list[int | None]) -> int:
    total, dtpt, sn = figures
    if total is None or (dtpt is None and sn is None):
        return 0
    return total - (dtpt or 0) - (sn or 0)


def _mended(gap_before: int, gap_after: int, tolerance: int) -> int:
    """1 when the correction repairs the check; a check it breaks counts 0, as one it leaves."""
    return int(abs(gap_after) <= tolerance and abs(gap_before) > tolerance)
