"""Auditing a parent's SUM formula against the tree: which child rows it leaves out, counts
twice, or adds without their being its lines, whatever the values say today."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from mtqg_cli.formula_text import UnsupportedFormula, linear_form, parse
from mtqg_cli.models import Line, Table

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
    lines_by_row = {line.row: line for line in table.lines}
    issues = []
    for line in table.lines:
        if not line.summed_children or not line.row:
            continue
        for field in fields:
            column = table.columns[field]
            text = formulas.get((line.row - 1, column))
            weights = _row_weights(text, column, table.sheet) if text else None
            if weights is None:
                continue
            issue = _issue(line, field, "=" + str(text), weights, lines_by_row)
            if issue is not None:
                issues.append(issue)
    return issues


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
    lines_by_row: dict[int, Line],
) -> RangeIssue | None:
    below = _subtree_rows(line)
    if not any(row in below for row in weights):
        return None  # not a sum of this line's rows: some other arithmetic
    left_out, twice = [], []
    for child in line.summed_children:
        counts = {_leaf_weight(path, weights) for path in _paths(child)}
        if counts == {ONE}:
            continue
        if counts == {Fraction(0)}:
            if _holds_figure(child, field):
                left_out.append(child.row)
        else:
            twice.append(child.row)
    outside = sorted(
        row
        for row, weight in weights.items()
        if weight and row not in below and row != line.row and row in lines_by_row
    )
    if not (left_out or twice or outside):
        return None
    return RangeIssue(line, field, formula, tuple(left_out), tuple(twice), tuple(outside))


def _subtree_rows(line: Line) -> set[int]:
    rows: set[int] = set()
    stack = list(line.summed_children)
    while stack:
        node = stack.pop()
        rows.add(node.row)
        stack.extend(node.summed_children)
    return rows


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


def _leaf_weight(path: list[Line], weights: dict[int, Fraction]) -> Fraction:
    """How many times a leaf's figure reaches the sum: through itself or any line above it."""
    return sum((weights.get(node.row, Fraction(0)) for node in path), Fraction(0))


def _holds_figure(child: Line, field: str) -> bool:
    """Whether leaving the child out can matter: it, or a line under it, states the figure."""
    stack = [child]
    while stack:
        node = stack.pop()
        if node.amounts.get(field) is not None:
            return True
        stack.extend(node.summed_children)
    return False
