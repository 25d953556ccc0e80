"""Auditing a parent's SUM formula against the tree: which child rows it leaves out, counts
twice, or adds without their being its lines, whatever the values say today."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.read.formula_text import UnsupportedFormula, linear_form, parse

ONE = Fraction(1)


@dataclass(frozen=True)
class RangeIssue:
    """What is wrong with one parent's sum formula in one amount column (rows 1-based)."""

    line: Line
    field: str
    formula: str
    left_out: tuple[int, ...]
    twice: tuple[int, ...]
    outside: tuple[int, ...]

    @property
    def signature(self) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
        return self.left_out, self.twice, self.outside


def range_issues(
    table: Table, formulas: dict[tuple[int, int], str], fields: list[str]
) -> list[RangeIssue]:
    """The sum formulas of the table's parent lines that do not count each child once."""
    if not formulas:
        return []
    issues = []
    for field in fields:
        column = table.columns[field]
        rows = _figure_rows(table, field)
        for line in table.lines:
            row = rows.get(id(line))
            if not line.summed_children or not row:
                continue
            text = formulas.get((row - 1, column))
            weights = _row_weights(text, column, table.sheet) if text else None
            if weights is None:
                continue
            issue = _issue(line, field, "=" + str(text), weights, rows)
            if issue is not None:
                issues.append(issue)
    return sorted(issues, key=lambda issue: (issue.line.row, fields.index(issue.field)))


def _figure_rows(table: Table, field: str) -> dict[int, int]:
    """{id of a line: the 1-based row of the cell holding its figure of `field`}: the line's own
    row, or for a capital type told on a split row ("- Vốn ĐTPT" under the line, in the column of
    the group's total) that row; a line whose figure has no cell of its own is left out."""
    group, _, kind = field.partition(".")
    split = table.columns.get(f"{group}.total") == table.columns[field] and kind != "total"
    rows: dict[int, int] = {}
    for line in table.lines:
        row = line.stated_at.get(field, line.row)
        if split and row == line.row:
            continue  # not written: the rest of the line's total (complete_split)
        rows[id(line)] = row
    return rows


def _row_weights(text: str, column: int, sheet: str) -> dict[int, Fraction] | None:
    """{1-based row: how many times the formula adds it} when the formula is a sum of cells of
    its own column (SUM, +, -, and constant factors); None for any other formula."""
    try:
        form = linear_form(parse(text))
    except UnsupportedFormula:
        return None
    if not form:
        return None
    weights: dict[int, Fraction] = {}
    for (ref_sheet, row, col), weight in form.items():
        if col != column or (ref_sheet is not None and ref_sheet.casefold() != sheet.casefold()):
            return None
        weights[row + 1] = weights.get(row + 1, Fraction(0)) + weight
    return weights


def _issue(
    line: Line,
    field: str,
    formula: str,
    weights: dict[int, Fraction],
    rows: dict[int, int],
) -> RangeIssue | None:
    below = {rows[id(node)] for node in _subtree(line) if id(node) in rows}
    if not any(row in below for row in weights):
        return None  # not a sum of this line's rows: some other arithmetic
    left_out, twice = [], []
    for child in line.summed_children:
        paths = [p for p in _paths(child) if any(id(node) in rows for node in p)]
        counts = {_leaf_weight(path, weights, rows) for path in paths}
        if not counts or counts == {ONE}:
            continue
        if counts == {Fraction(0)}:
            if _holds_figure(child, field):
                left_out.append(rows.get(id(child), child.row))
        else:
            twice.append(rows.get(id(child), child.row))
    own, cells = rows[id(line)], set(rows.values())
    outside = sorted(
        row
        for row, weight in weights.items()
        if weight and row not in below and row != own and row in cells
    )
    if not (left_out or twice or outside):
        return None
    return RangeIssue(line, field, formula, tuple(left_out), tuple(twice), tuple(outside))


def _subtree(line: Line) -> list[Line]:
    """The lines under `line` that add up to it, at any depth."""
    found: list[Line] = []
    stack = list(line.summed_children)
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(node.summed_children)
    return found


def _paths(child: Line) -> list[list[Line]]:
    """Each leaf under `child` with the lines from `child` down to it."""
    paths: list[list[Line]] = []
    stack = [[child]]
    while stack:
        path = stack.pop()
        below = path[-1].summed_children
        if below:
            stack.extend([*path, node] for node in below)
        else:
            paths.append(path)
    return paths


def _leaf_weight(path: list[Line], weights: dict[int, Fraction], rows: dict[int, int]) -> Fraction:
    """How many times a leaf's figure reaches the sum: through itself or any line above it."""
    return sum(
        (weights.get(rows[id(node)], Fraction(0)) for node in path if id(node) in rows),
        Fraction(0),
    )


def _holds_figure(child: Line, field: str) -> bool:
    """Whether leaving the child out can matter: it, or a line under it, states the figure."""
    stack = [child]
    while stack:
        node = stack.pop()
        if node.amounts.get(field) is not None:
            return True
        stack.extend(node.summed_children)
    return False
