"""The summary's figures per capital type and for the whole file: ĐTPT / SN carried by sections
(A. Vốn ĐTPT / B. Vốn SN), and one TOTAL for a file of several tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from mtqg_cli.form.line_frame import EFFECTIVE, KNOWN
from mtqg_cli.form.sections import capital_of, split_summary
from mtqg_cli.model.rates import disbursement_rate
from mtqg_cli.model.report import SummaryEntry
from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.vocabulary import MONEY_GROUPS, TOTAL

if TYPE_CHECKING:
    import pandas as pd

Columns = dict[str, tuple[np.ndarray, np.ndarray]]
"""The summary's figures of its entries by field ("plan.dtpt"): values (0 where unknown) and
whether each is known."""

_CAPITALS = ("dtpt", "sn")


def capital_types(
    table: Table, frame: pd.DataFrame, rows: np.ndarray, projects: list[str], columns: Columns
) -> dict[str, float | None] | None:
    """Fill in the capital type of the entries (the frame's `rows`) of a table of one capital
    type, or split by capital-type sections: a line under "A. Vốn ĐTPT" (or of a table captioned
    so, or on a sheet so named) has its totals as ĐTPT, under "B. Vốn SN" as SN, and the table's
    TOTAL adds up each section (its rates then returned, worked out on a plan or 0). Tables with
    ĐTPT/SN columns are left as they are."""
    if any(table.has(f"{g}.{k}") for g in MONEY_GROUPS for k in _CAPITALS):
        return None
    lines: list[Line] = frame["line"].tolist()
    parent = frame["parent"].to_numpy()
    depth = frame["depth"].to_numpy()
    section = frame["kind"].to_numpy() == "section"
    capital, nested = _capitals(lines, parent, depth, section)
    sections = {k: _section_total(frame, section & ~nested & (capital == c)) for c, k in _CODES}
    if all(v is None for s in sections.values() for v in (s or {}).values()):
        if table.capital is None:
            return None
        sections = {kind: None for kind in _CAPITALS}
    typed = _entry_capitals(frame["row"].to_numpy(), capital, rows, table.capital)
    is_total = np.array([project == TOTAL for project in projects], dtype=bool)
    by_sections = table.capital is None
    if by_sections:
        typed[is_total] = 0
    for code, kind in _CODES:
        chosen = typed == code
        if chosen.any():
            for group in MONEY_GROUPS:
                values, known = columns[f"{group}.{kind}"]
                total, total_known = columns[f"{group}.total"]
                columns[f"{group}.{kind}"] = (
                    np.where(chosen, total, values),
                    np.where(chosen, total_known, known),
                )
    if not by_sections or not is_total.any():
        return None
    return _total_by_sections(columns, np.flatnonzero(is_total), sections)


_CODES = ((1, "dtpt"), (2, "sn"))
"""The capital types as `_capitals` codes them per line (0: none)."""


def _capitals(
    lines: list[Line], parent: np.ndarray, depth: np.ndarray, section: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each line's capital type (0 none, 1 ĐTPT, 2 SN: its nearest capital-type section's, as
    `capital_of` reads it) and whether it has a section above it, passed down level by level."""
    codes = {None: 0, "dtpt": 1, "sn": 2}
    capital = np.zeros(len(lines), dtype=np.int8)
    for i in np.flatnonzero(section).tolist():
        capital[i] = codes[capital_of(lines[i])]
    if not section[0]:
        capital[0] = codes[capital_of(lines[0])]
    nested = np.zeros(len(lines), dtype=bool)
    for level in range(1, int(depth.max(initial=0)) + 1):
        at = np.flatnonzero(depth == level)
        above = parent[at]
        nested[at] = nested[above] | section[above]
        inherit = at[~section[at]]
        capital[inherit] = capital[parent[inherit]]
    return capital, nested


def _entry_capitals(
    row: np.ndarray, capital: np.ndarray, rows: np.ndarray, table_capital: str | None
) -> np.ndarray:
    """The capital type of each entry: of the last line on the entry's sheet row (as a look-up by
    row finds it), else the table's."""
    fallback = {None: 0, "dtpt": 1, "sn": 2}[table_capital]
    rows_of = row[1:]  # the root is no line of the look-up
    typed = np.full(len(rows), fallback, dtype=np.int8)
    entry_rows = row[rows]
    has_row = (entry_rows != 0) & (rows != 0)
    if rows_of.size and has_row.any():
        order = np.unique(rows_of[::-1], return_index=True)
        unique, first_reversed = order
        last = len(rows_of) - first_reversed  # position in the frame of the row's last line
        at = np.searchsorted(unique, entry_rows[has_row])
        found = capital[last[at]]
        chosen = typed[has_row]
        typed[has_row] = np.where(found != 0, found, chosen)
    return typed


def _section_total(frame: pd.DataFrame, chosen: np.ndarray) -> dict[str, int | None] | None:
    """Each group's total over the chosen sections (None: no such section)."""
    if not chosen.any():
        return None
    figures: dict[str, int | None] = {}
    for group in MONEY_GROUPS:
        name = f"{group}.total"
        values = frame[name + EFFECTIVE].to_numpy()[chosen]
        known = frame[name + KNOWN].to_numpy()[chosen]
        figures[group] = sum(values[known].tolist()) if known.any() else None
    return figures


def _total_by_sections(
    columns: Columns, at: np.ndarray, sections: dict[str, dict[str, int | None] | None]
) -> dict[str, float | None]:
    """Each TOTAL entry's ĐTPT and SN figures as its sections add up, and its rates: of a plan
    or 0 (the carried-over money is the base where there is no plan), the total's only where it
    has none."""
    for kind in _CAPITALS:
        figures = sections[kind]
        for group in MONEY_GROUPS:
            values, known = columns[f"{group}.{kind}"]
            value = figures.get(group) if figures else None
            values, known = values.copy(), known.copy()
            values[at], known[at] = value or 0, value is not None
            columns[f"{group}.{kind}"] = (values, known)
    last = int(at[-1])
    rates: dict[str, float | None] = {}
    for kind in ("total", *_CAPITALS):
        spent, plan, carried = (
            _value(columns, f"{group}.{kind}", last)
            for group in ("disbursed", "plan", "carried_over")
        )
        rates[kind] = disbursement_rate(spent, plan or 0, carried)
    return rates


def _value(columns: Columns, name: str, at: int) -> int | None:
    values, known = columns[name]
    return values[at].item() if known[at] else None


def with_file_total(tables: list[Table], entries: list[SummaryEntry]) -> list[SummaryEntry]:
    """The entries with one TOTAL for the file: of its one table, of its summary sheet (whose
    detail sheets it sums up), or else every table's added up (tables stacked on a sheet, one
    sheet per capital type or per unit)."""
    totals = [e for e in entries if e.project == TOTAL]
    if len(totals) < 2:
        return entries
    split = split_summary(tables)
    if split is not None:
        names = {t.sheet for t in split[0]}
        totals = [e for e in totals if e.sheet in names]
    kept = [e for e in entries if e.project != TOTAL]
    return [*kept, totals[0] if len(totals) == 1 else _added_up(totals)]


def _added_up(totals: list[SummaryEntry]) -> SummaryEntry:
    """One TOTAL adding up several tables' TOTALs, per group and capital type."""
    entry = SummaryEntry(project=TOTAL, name=totals[0].name, sheet=totals[0].sheet)
    for group in MONEY_GROUPS:
        for kind in ("dtpt", "sn", "total"):
            values = [getattr(getattr(t, group), kind) for t in totals]
            known = [v for v in values if v is not None]
            setattr(getattr(entry, group), kind, sum(known) if known else None)
    unallocated = [t.unallocated for t in totals if t.unallocated is not None]
    entry.unallocated = sum(unallocated) if unallocated else None
    reasons = [t.unallocated_reason for t in totals if t.unallocated_reason]
    entry.unallocated_reason = "; ".join(reasons) if entry.unallocated and reasons else None
    _rates(entry)
    return entry


def _rates(entry: SummaryEntry) -> None:
    """The ĐTPT and SN rates of an entry (and the total's where it has none) from its figures."""
    for kind in ("dtpt", "sn", "total"):
        if kind == "total" and entry.rate.total is not None:
            continue
        plan = getattr(entry.plan, kind) or 0  # with no plan, the carried-over money is the base
        rate = disbursement_rate(
            getattr(entry.disbursed, kind), plan, getattr(entry.carried_over, kind)
        )
        setattr(entry.rate, kind, rate)
