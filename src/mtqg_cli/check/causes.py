"""Causes and cascades of a file's findings, worked out once the findings are numbered.

`explain_findings` gives a hint where the arithmetic names a cause, then links each consequence
to its root (cascades.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from mtqg_cli.check.cascades import LINKED, Place, link_findings
from mtqg_cli.check.cause_search import Cause, settle, sum_causes, total_causes
from mtqg_cli.check.rules.base import RuleContext
from mtqg_cli.form.line_figures import effective
from mtqg_cli.model.report import Finding, Hint
from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.vocabulary import Unit, slip_factor
from mtqg_cli.words.causes import hint_message

HINTED = frozenset({"SUM_MISMATCH", "TOTAL_MISMATCH", "UNIT_SUSPECT"})
"""The rules a hint is looked for on."""


def explain_findings(
    findings: Sequence[Finding],
    tables: Sequence[Table],
    *,
    lang: str = "vi",
    tolerance: int = 1_000,
) -> None:
    """Set each finding's `hint` where one cause alone closes its gap, and its `caused_by`
    where another finding's correction explains it."""
    if not any(f.rule in HINTED for f in findings):
        return
    places = locate(findings, tables)
    causes: dict[int, Cause] = {}
    for index, finding in enumerate(findings):
        place = places.get(index)
        if place is None or finding.rule not in HINTED:
            continue
        cause = find_cause(finding, place, tolerance)
        if cause is not None:
            causes[index] = cause
            finding.hint = make_hint(cause, place.table, lang)
    link_findings(findings, places, causes, tolerance)


def find_cause(finding: Finding, place: Place, tolerance: int) -> Cause | None:
    """The one cause that explains the finding, if the arithmetic settles it."""
    table, line, field = place.table, place.line, place.field
    if finding.rule == "SUM_MISMATCH":
        return settle(sum_causes(table, line, field, tolerance), line, field)
    if finding.rule == "TOTAL_MISMATCH":
        causes = total_causes(table, line, field, tolerance, place.position)
        return settle(causes, line, field)
    return _unit_cause(finding, line, field)


def _unit_cause(finding: Finding, line: Line, field: str) -> Cause | None:
    """UNIT_SUSPECT's own correction: the figure divided by the factor the rule found."""
    value, right = finding.actual, finding.expected
    if not isinstance(value, int) or not isinstance(right, int) or right <= 0:
        return None
    factor = slip_factor(value, right)
    return Cause("unit_slip", line, field, value, right, line, factor)


def make_hint(cause: Cause, table: Table, lang: str) -> Hint:
    """The hint of a cause: the line at fault, the cell to correct and its likely figure."""
    context = RuleContext(table)
    cell = context.cell(cause.at, cause.field) or ""
    fault_row = context.row(cause.fault, cause.field)
    wording = "sign_flip_parent" if cause.kind == "sign_flip" and cause.in_parent else cause.kind
    figure = cause.before if cause.kind == "neighbour_row" else effective(cause.fault, cause.field)
    message = hint_message(
        wording, lang, table.unit, cell=cell, before=cause.before, after=cause.after,
        row=fault_row, name=cause.fault.name, figure=figure, factor=cause.factor,
        typed_unit=_smaller_unit(table.unit, cause.factor),
    )  # fmt: skip
    rows = [fault_row] if fault_row is not None else []
    return Hint(kind=cause.kind, rows=rows, cells=[cell] if cell else [], suggested=cause.after,
                message=message)  # fmt: skip


def _smaller_unit(unit: Unit, factor: int) -> Unit | None:
    """The unit `factor` times smaller than `unit`, if there is one."""
    for other in Unit:
        if factor and other.size * factor == unit.size:
            return other
    return None


def locate(findings: Sequence[Finding], tables: Sequence[Table]) -> dict[int, Place]:
    """The table, line and field of each finding the causes and cascades read, by position."""
    wanted = {(f.sheet, f.row) for f in findings if f.rule in LINKED and f.row and f.column}
    sheets = {sheet for sheet, _ in wanted}
    lines: dict[tuple[str | None, int], list[tuple[Table, Line, int]]] = {}
    for table in tables:
        if table.sheet not in sheets:
            continue
        for position, line in enumerate(table.lines):
            for row in {line.row, *line.stated_at.values()}:
                if (table.sheet, row) in wanted:
                    lines.setdefault((table.sheet, row), []).append((table, line, position))
    places: dict[int, Place] = {}
    for index, finding in enumerate(findings):
        column = finding.column
        for table, line, position in lines.get((finding.sheet, finding.row or 0), ()):
            if column and table.has(column) and line.stated_at.get(column, line.row) == finding.row:
                places[index] = Place(table, line, column, position)
                break
    return places
