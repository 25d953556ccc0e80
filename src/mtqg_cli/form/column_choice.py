"""Which of two columns holds the figure asked for: the one under which the arithmetic agrees.

A form may keep a column from an earlier version beside the one it reports ("KH vốn 2022" next
to "KH vốn 2023", two "Kế hoạch vốn" columns, one hidden). Both fit the same field. Each
candidate column is read in turn and the rules run over the table it gives; the column under
which fewest parents, totals and rates disagree is kept (a planted mistake is one disagreement
against the many lines that agree under the right column). A hidden column loses to a visible
one unless fewer figures disagree and no fewer agree under it. Where two columns left give the
same count, no reading is clearly best: the one whose header names the latest year (else the
first) is kept, and the choice is reported as LAYOUT_AMBIGUOUS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from mtqg_cli.form.layout import Layout
from mtqg_cli.form.tree_reading import score
from mtqg_cli.model.report import Finding
from mtqg_cli.model.sheet import StatedRate, Table
from mtqg_cli.model.vocabulary import Severity

Extract = Callable[[Layout], tuple[Table, object]]
"""Reads a table under a layout (the sheet, unit and number style are fixed by the caller)."""
Checker = Callable[[Table, int], list[Finding]]
"""The rules run over a table at a tolerance (`check.rules.arithmetic`): passed in by the
caller, so that reading a form does not depend on the rules that judge it."""

_YEAR = re.compile(r"\b(19|20)\d\d\b")


@dataclass(frozen=True)
class ColumnChoice:
    """A field two or more columns could hold, the column kept, and why."""

    field: str
    columns: tuple[int, ...]
    """The candidate columns, in sheet order."""
    disagreements: tuple[int, ...]
    """Error findings of the arithmetic under each candidate, in the order of `columns`."""
    chosen: int
    ambiguous: bool
    """No candidate has fewer disagreements than every other one."""
    hidden: tuple[int, ...] = ()
    """The candidates hidden in the sheet (in the running only where the arithmetic prefers them)."""


def choose_columns(
    layout: Layout,
    extract: Extract,
    tolerance: int,
    check: Checker,
    hidden: frozenset[int] = frozenset(),
) -> tuple[Layout, list[ColumnChoice]]:
    """The layout with each doubtful field's best column, and the choices made (a `hidden`
    column is in the running only where the arithmetic clearly prefers it)."""
    choices: list[ColumnChoice] = []
    for field, others in layout.alternatives.items():
        if field not in layout.columns:
            continue
        candidates = sorted({layout.columns[field], *others})
        readings = {col: extract(_with(layout, field, col))[0] for col in candidates}
        distinct = _distinct(readings, field)
        if len(distinct) < 2:
            layout = _sole_filled(layout, field, distinct, hidden)
            continue
        counts = {col: disagreements(readings[col], tolerance, check) for col in distinct}
        running = _in_the_running(distinct, counts, readings, hidden)
        best = min(counts[col] for col in running)
        tied = [col for col in running if counts[col] == best]
        chosen = tied[0] if len(tied) == 1 else _latest(layout, tied)
        choices.append(
            ColumnChoice(field, tuple(distinct), tuple(counts[c] for c in distinct), chosen,
                         len(tied) > 1, tuple(c for c in distinct if c in hidden))
        )  # fmt: skip
        layout = _with(layout, field, chosen)
    return layout, choices


def _sole_filled(layout: Layout, field: str, filled: list[int], hidden: frozenset[int]) -> Layout:
    """The layout reading `field` from the one candidate that holds figures, when the column it
    had holds none (a table stacked under another leaves last year's column blank): unless that
    candidate is hidden and the blank one is not."""
    current = layout.columns[field]
    if len(filled) != 1 or filled[0] == current or (filled[0] in hidden and current not in hidden):
        return layout
    return _with(layout, field, filled[0])


def _in_the_running(
    columns: list[int], counts: dict[int, int], readings: dict[int, Table], hidden: frozenset[int]
) -> list[int]:
    """The candidates a choice is made among: a hidden column (last year's figures, kept from an
    earlier version) against visible ones only when fewer figures disagree under it and no fewer
    agree (a column with fewer figures is checked less, so disagrees less: no proof)."""
    visible = [col for col in columns if col not in hidden]
    if not visible or len(visible) == len(columns):
        return columns
    floor = min(counts[col] for col in visible)
    agreeing = max(score(readings[col].root)[0] for col in visible if counts[col] == floor)
    return [
        col
        for col in columns
        if col not in hidden or (counts[col] < floor and score(readings[col].root)[0] >= agreeing)
    ]


def _with(layout: Layout, field: str, col: int) -> Layout:
    """The layout reading `field` from column `col` (the column it had is ignored instead)."""
    previous = layout.columns[field]
    ignored = sorted({*layout.ignored, previous} - {col})
    return replace(layout, columns={**layout.columns, field: col}, ignored=ignored)


def _distinct(readings: dict[int, Table], field: str) -> list[int]:
    """The candidate columns that hold figures, one per different set of figures."""
    seen: set[tuple[object, ...]] = set()
    kept: list[int] = []
    for col, table in readings.items():
        values = tuple(_value(table, line_index, field) for line_index in range(len(table.lines)))
        if all(v is None for v in values) or values in seen:
            continue
        seen.add(values)
        kept.append(col)
    return kept


def _value(table: Table, index: int, field: str) -> object:
    line = table.lines[index]
    if field.startswith("rate."):
        rate: StatedRate | None = line.rates.get(field)
        return None if rate is None else rate.percent
    return line.amounts.get(field)


def disagreements(table: Table, tolerance: int, check: Checker) -> int:
    """How many error findings the rules give on a table (parents, totals, rates, sizes)."""
    found = check(table, tolerance)
    return sum(1 for f in found if f.severity == Severity.error.value)


def _latest(layout: Layout, columns: list[int]) -> int:
    """Of columns the arithmetic cannot tell apart, the one whose header names the latest year
    (a form keeps last year's plan beside this year's), else the first."""
    years = {col: max((int(m.group(0)) for m in _YEAR.finditer(layout.labels.get(col, ""))),
                      default=0) for col in columns}  # fmt: skip
    latest = max(years.values())
    return next(col for col in columns if years[col] == latest)
