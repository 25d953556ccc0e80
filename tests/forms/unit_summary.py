"""A consolidated workbook's summary sheet ("Tổng hợp") before one sheet per unit.

A district that keeps each commune's form as a sheet puts a summary sheet first: the communes
fill in the district's template (the same rows for every commune), and the summary adds them up
row by row. Its figures are typed (or pasted as values) when it is made, so a commune sheet
corrected afterwards no longer agrees with it: each summary figure that differs from the sum of
the same code's figures on the unit sheets is a CROSS_SHEET_MISMATCH at the summary's row.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from forms.dimensions import Shape
from forms.model import LineModel, TableModel, pick_codes
from forms.oracle import TOLERANCE, effective, stated

if TYPE_CHECKING:
    from forms.units import UnitTable

SUMMARY_NAMES = ("Tổng hợp", "TH", "Biểu TH", "Tong hop")
SUMMARY_REASON = "Tổng hợp lý do của các xã"
Located = tuple[str, TableModel, LineModel, str]
"""(rule, table, line, field) of one error the workbook must give."""


def with_summary_sheet(
    rng: random.Random, shape: Shape, names: list[str], unit_table: UnitTable
) -> list[TableModel]:
    """The summary table first, then each unit's table on its own sheet (one template)."""
    codes = pick_codes(rng, shape["depth"])
    details = [unit_table(rng, name, codes) for name in names]
    first = details[0]
    root = _clone(first.root, None)
    summary = TableModel(
        sheet=rng.choice(SUMMARY_NAMES),
        root=root,
        fields=first.fields,
        rate_fields=first.rate_fields,
        reason=first.reason,
        has_total_line=first.has_total_line,
    )
    lines = zip(summary.root.walk(), *(d.root.walk() for d in details), strict=True)
    for line, *parts in lines:
        for name in summary.fields:
            line.values[name] = sum(p.values.get(name) or 0 for p in parts)
        unallocated = line.values.get("unallocated.total") or 0
        if summary.reason and line.code and not line.children and unallocated > 0:
            line.reason = SUMMARY_REASON
    return [summary, *details]


def _clone(line: LineModel, parent: LineModel | None) -> LineModel:
    copy = LineModel(line.kind, line.code, line.name, parent=parent)
    copy.children = [_clone(c, copy) for c in line.children]
    return copy


def has_summary_sheet(shape: Shape) -> bool:
    return shape.as_dict().get("units", "one") == "sheets_summary"


def in_file_total(tables: list[TableModel], table: TableModel, shape: Shape) -> bool:
    """Whether a table's total is part of the file's: the summary's alone, when there is one."""
    return not has_summary_sheet(shape) or table is tables[0]


def cross_sheet_errors(tables: list[TableModel], shape: Shape) -> list[Located]:
    """Each summary figure against the sum of the same code's (or the total's) on the units'
    sheets where any states it: a difference over the tolerance is an error at the summary."""
    if not has_summary_sheet(shape):
        return []
    summary, details = tables[0], tables[1:]
    out: list[Located] = []
    for line in summary.lines():
        parts = [(d, p) for d in details if (p := _same_line(d, summary, line)) is not None]
        if line.kind == "unknown" or not parts:
            continue
        for name in summary.fields:
            actual = stated(summary, line, name)
            values = [effective(d, p, name) for d, p in parts]
            if actual is None or all(v is None for v in values):
                continue
            if abs(sum(v or 0 for v in values) - actual) > TOLERANCE:
                out.append(("CROSS_SHEET_MISMATCH", summary, line, name))
    return out


def _same_line(detail: TableModel, summary: TableModel, line: LineModel) -> LineModel | None:
    """The detail table's line of the summary line's code (its total for the total)."""
    if line is summary.root:
        return detail.root if detail.has_total_line else None
    same = (ln for ln in detail.lines() if ln.code == line.code and ln.kind != "unknown")
    return next(same, None)
