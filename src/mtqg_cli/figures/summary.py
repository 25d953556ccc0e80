"""Reconciliation figures: per project line and for the file, plan to disbursement and rates."""

from __future__ import annotations

from typing import Any

import numpy as np

from mtqg_cli.figures.capital_types import Columns, capital_types
from mtqg_cli.form.hierarchy import walk
from mtqg_cli.form.line_figures import unallocated_of
from mtqg_cli.form.line_frame import EFFECTIVE, KNOWN, amounts_of, line_frame
from mtqg_cli.model.rates import disbursement_rate, percents
from mtqg_cli.model.report import SummaryEntry, Triple
from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.vocabulary import (
    AMOUNT_FIELDS,
    GROUPS,
    KINDS,
    MONEY_GROUPS,
    TOTAL,
    TOTAL_NAME,
    assemble,
)

_TRIPLE = ("dtpt", "sn", "total")
"""The order a group's figures are given to its Triple in."""
"""The largest disbursement whose hundredfold an int64 holds (larger: worked out in Python)."""


def summarise(table: Table, frame: Any = None) -> list[SummaryEntry]:
    """The summary entries of the contract for one table, in sheet order, TOTAL last, with
    their capital types: worked out on the table's line frame (`frame`, where the caller built
    it for the rules too), column by column, each entry's models built at the end."""
    if frame is None:
        frame = line_frame(table)
    root = table.root
    lines: list[Line] = frame["line"].tolist()
    codes: list[str | None] = frame["code"].tolist()
    picked = [i for i in range(1, len(lines)) if codes[i]]
    picked.append(0)
    rows = np.array(picked, dtype=np.intp)
    projects: list[str] = [codes[i] or "" for i in picked[:-1]]
    projects.append(TOTAL)
    columns = _columns(amounts_of(frame, EFFECTIVE), amounts_of(frame, KNOWN), rows)
    total_rates = capital_types(table, frame, rows, projects, columns)
    rates = {kind: _rates(columns, kind) for kind in KINDS}
    if total_rates is not None:
        for kind, rate in total_rates.items():
            rates[kind][-1] = rate
    triples = [
        [
            assemble(Triple, {"dtpt": dtpt, "sn": sn, "total": total})
            for dtpt, sn, total in zip(
                *(_listed(*columns[f"{group}.{kind}"]) for kind in _TRIPLE), strict=True
            )
        ]
        for group in MONEY_GROUPS
    ]
    rated = [
        assemble(Triple, {"total": total, "dtpt": dtpt, "sn": sn})
        for total, dtpt, sn in zip(*(rates[kind] for kind in KINDS), strict=True)
    ]
    unallocated = _listed(*columns["unallocated.total"])
    sheet = table.sheet
    return [
        assemble(
            SummaryEntry,
            {
                "project": project,
                "name": line.name or TOTAL_NAME,
                "sheet": sheet,
                "row": line.row or None,
                "unit": line.section_unit if line is not root else None,
                "plan": plan,
                "carried_over": carried,
                "allocated": allocated,
                "disbursed": disbursed,
                "rate": rate,
                "unallocated": left,
                "unallocated_reason": _reason(line) if left else None,
            },
        )
        for project, line, plan, carried, allocated, disbursed, rate, left in zip(
            projects, [lines[i] for i in picked], *triples, rated, unallocated, strict=True
        )
    ]


def _columns(values: np.ndarray, known: np.ndarray, rows: np.ndarray) -> Columns:
    """Each field's figures of the entries' lines, a group's missing total made ĐTPT + SN where
    either is known (so unallocated money is the total column, or ĐTPT + SN, as `unallocated_of`
    reads it)."""
    values, known = values[:, rows], known[:, rows]
    index = {name: i for i, name in enumerate(AMOUNT_FIELDS)}
    columns: Columns = {}
    for group in GROUPS:
        total, dtpt, sn = (index[f"{group}.{kind}"] for kind in KINDS)
        parts = known[dtpt] | known[sn]
        blank = ~known[total] & parts
        columns[f"{group}.total"] = (
            np.where(blank, values[dtpt] + values[sn], values[total]),
            known[total] | parts,
        )
        columns[f"{group}.dtpt"] = (values[dtpt], known[dtpt])
        columns[f"{group}.sn"] = (values[sn], known[sn])
    return columns


def _rates(columns: Columns, kind: str) -> list[float | None]:
    """Disbursed over plan plus carried-over money, in percent to two decimals, of every entry:
    `disbursement_rate` on columns, to the bit (floats of the exact hundredfold and base, the
    scaled value rounded half to even, an infinite one kept; None on a zero or missing base)."""
    spent, spent_known = columns[f"disbursed.{kind}"]
    plan, plan_known = columns[f"plan.{kind}"]
    carried, _ = columns[f"carried_over.{kind}"]  # 0 where unknown
    base = plan + carried
    due = spent_known & plan_known & (base != 0)
    rounded = percents(spent, base, due)
    if rounded is None:
        return [  # figures beyond int64's hundredfold: each worked out on Python integers
            disbursement_rate(s, p, c) if d else None
            for s, p, c, d in zip(
                spent.tolist(), plan.tolist(), carried.tolist(), due.tolist(), strict=True
            )
        ]
    return _listed(rounded, due)


def _listed(values: np.ndarray, known: np.ndarray) -> list[Any]:
    """A column as Python values, None where unknown."""
    cells = values.astype(object)
    cells[~known] = None
    listed: list[Any] = cells.tolist()
    return listed


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
