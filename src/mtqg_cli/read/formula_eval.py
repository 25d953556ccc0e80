"""Computing the formulas saved with no value, with the `formulas` engine, arithmetic only.

Only a cell whose formula has no trustworthy saved value is computed, and only from the cells of
its own workbook: every formula is first read by `formula_text` (external workbooks, defined
names and table references are refused there) and may call only the functions of
`formula_engine.ALLOWED`, so no link, web query, macro or lookup can run. Work is bounded: each
formula's length and tokens, the cells all formulas of a workbook may read (CELL_BUDGET) and the
seconds they may take (TIME_BUDGET); what is left over stays blank, as it was read. Plain
arithmetic is worked out directly (formula_fast); the rest goes through the engine
(formula_engine).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mtqg_cli.read.formula_cells import CellKey, SheetFormulas
from mtqg_cli.read.formula_engine import ExcelError, plain_result, rewritten, stand_in_name
from mtqg_cli.read.formula_fast import NotSimple, evaluate
from mtqg_cli.read.formula_text import (
    Node,
    Ref,
    Token,
    UnsupportedFormula,
    parse_tokens,
    tokens,
)

CELL_BUDGET = 2_000_000
"""Cells all the computed formulas of one workbook may read together."""
TIME_BUDGET = 60.0
"""Seconds the computing of one workbook may take; formulas left over stay blank."""
Grid = list[list[object]]


@dataclass(frozen=True)
class SheetCells:
    """One sheet as the engine sees it: its values grid (changed in place) and its formulas."""

    rows: Grid
    formulas: SheetFormulas


@dataclass(frozen=True)
class _Plan:
    """A formula ready to run: its tree, its engine text and the ranges it reads."""

    sheet: str
    node: Node
    tokens: list[Token]
    refs: list[tuple[str, Ref]]  # (sheet, ref clipped to the grid), distinct, as they come


Address = tuple[str, int, int]


@dataclass(frozen=True)
class Computed:
    """What computing a workbook's unsaved formulas gave: the cells now holding a value, and
    those whose formula gives an Excel error (left blank), per sheet."""

    cells: dict[str, list[CellKey]]
    errors: dict[str, dict[CellKey, str]]


def compute_missing(book: dict[str, SheetCells]) -> Computed:
    """Compute every formula cell whose value was not saved, write the results into the grids,
    and return the cells computed (in sheet order) and those whose formula gives an error."""
    engine = _Engine(book)
    pending = [
        (name, key)
        for name, sheet in book.items()
        for key, cell in sheet.formulas.items()
        if not cell.saved
    ]
    if not pending:
        return Computed({}, {})
    for name, key in pending:
        if engine.out_of_budget():
            break
        engine.resolve((name, *key))
    computed: dict[str, list[CellKey]] = {}
    for (name, row, col), value in engine.results.items():
        if value is not None and _store(book[name].rows, row, col, value):
            computed.setdefault(name, []).append((row, col))
    errors: dict[str, dict[CellKey, str]] = {}
    for (name, row, col), code in sorted(engine.errors.items()):
        errors.setdefault(name, {})[(row, col)] = code
        _store(book[name].rows, row, col, "")  # Excel shows the error, not a stale value
    return Computed({name: sorted(cells) for name, cells in computed.items()}, errors)


def _store(rows: Grid, row: int, col: int, value: object) -> bool:
    """Write a computed value unless the saved one agrees; whether the cell changed."""
    while len(rows) <= row:
        rows.append([])
    cells = rows[row]
    if len(cells) <= col:
        cells.extend([""] * (col + 1 - len(cells)))
    before = cells[col]
    if _same_number(before, value):
        return False  # the saved value stands: it differs only in the last binary digits
    cells[col] = value
    return True


def _same_number(before: object, after: object) -> bool:
    numbers = (int, float)
    if type(before) not in numbers or type(after) not in numbers:
        return before == after and type(before) is type(after)
    a, b = float(before), float(after)  # type: ignore[arg-type]
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


class _Engine:
    """The workbook's pending formula cells, computed depth first without recursion."""

    def __init__(self, book: dict[str, SheetCells]) -> None:
        self.book = book
        self.names = {name.casefold(): name for name in book}
        self.results: dict[Address, object | None] = {}
        self.errors: dict[Address, str] = {}
        """The pending cells whose formula gives an Excel error, with its code."""
        self.compiled: dict[str, Callable[..., Any] | None] = {}
        self.cells_read = 0
        self.sizes: dict[str, tuple[int, int]] = {}
        self.deadline = time.monotonic() + TIME_BUDGET

    def out_of_budget(self) -> bool:
        return self.cells_read > CELL_BUDGET or time.monotonic() > self.deadline

    def unsaved(self, address: Address) -> bool:
        """Whether the cell holds a formula with no trustworthy saved value."""
        name, row, col = address
        cell = self.book[name].formulas.get((row, col))
        return cell is not None and not cell.saved

    def resolve(self, start: Address) -> None:
        stack = [start]
        visiting: set[Address] = set()
        plans: dict[Address, _Plan | None] = {}  # of the cells waiting for others
        while stack:
            if self.out_of_budget():
                return
            address = stack[-1]
            if address in self.results:
                stack.pop()
                continue
            plan = plans[address] if address in plans else self.plan(address)
            plans[address] = plan
            if plan is None:
                self.results[address] = None
                stack.pop()
                continue
            unsaved = [a for a in self.dependencies(plan) if self.unsaved(a)]
            waiting = [a for a in unsaved if a not in self.results]
            if not waiting:
                self.settle(address, plan, unsaved)
                stack.pop()
            elif address in visiting or any(a in visiting for a in waiting):
                self.results[address] = None  # a circular reference: left blank
                stack.pop()
            else:
                visiting.add(address)
                stack.extend(waiting)

    def settle(self, address: Address, plan: _Plan, unsaved: list[Address]) -> None:
        """The cell's result once the unsaved cells it reads are known; an error of one of
        them is its error too, as in Excel."""
        passed = next((self.errors[a] for a in unsaved if a in self.errors), None)
        if passed is not None or any(self.results[a] is None for a in unsaved):
            self.results[address] = None
            if passed is not None:
                self.errors[address] = passed
            return
        value = self.run(plan)
        if isinstance(value, ExcelError):
            self.errors[address] = value.code
            value = None
        self.results[address] = value

    def dependencies(self, plan: _Plan) -> list[Address]:
        found: list[Address] = []
        for name, ref in plan.refs:
            formulas = self.book[name].formulas
            last_row, last_col = ref.last_row or 0, ref.last_col or 0
            if (last_row - ref.first_row + 1) * (last_col - ref.first_col + 1) <= len(formulas):
                found.extend(
                    (name, r, c)
                    for r in range(ref.first_row, last_row + 1)
                    for c in range(ref.first_col, last_col + 1)
                    if (r, c) in formulas
                )
            else:
                found.extend(
                    (name, r, c)
                    for r, c in formulas
                    if ref.first_row <= r <= last_row and ref.first_col <= c <= last_col
                )
        return found

    def plan(self, address: Address) -> _Plan | None:
        name, row, col = address
        try:
            items = tokens(self.book[name].formulas[(row, col)].text)
            refs = list(dict.fromkeys(self.clipped(name, t.ref) for t in items if t.ref))
            return _Plan(name, parse_tokens(items), items, refs)
        except UnsupportedFormula:
            return None

    def clipped(self, sheet: str, ref: Ref) -> tuple[str, Ref]:
        name = sheet if ref.sheet is None else self.names.get(ref.sheet.casefold())
        if name is None:
            raise UnsupportedFormula("reference to a sheet not in the workbook")
        height, width = self.size(name)
        last_row = ref.last_row if ref.last_row is not None else max(height - 1, 0)
        last_col = ref.last_col if ref.last_col is not None else max(width - 1, 0)
        return name, Ref(None, ref.first_row, ref.first_col, last_row, last_col)

    def size(self, name: str) -> tuple[int, int]:
        """Rows and columns of a sheet's grid as read (what a whole column or row spans)."""
        if name not in self.sizes:
            rows = self.book[name].rows
            self.sizes[name] = (len(rows), max((len(r) for r in rows), default=1))
        return self.sizes[name]

    def compile(self, text: str) -> Callable[..., Any] | None:
        if text in self.compiled:
            return self.compiled[text]
        import formulas

        try:
            function: Callable[..., Any] | None = formulas.Parser().ast(text)[1].compile()
        except Exception:  # a formula the engine cannot read: the cell stays as it was read
            function = None
        self.compiled[text] = function
        return function

    def run(self, plan: _Plan) -> object | None:
        """The formula's value: worked out directly when it is plain arithmetic on numbers,
        else by the engine; None for an error."""
        try:
            return plain_result(evaluate(plan.node, lambda ref: self.cells(plan.sheet, ref)))
        except NotSimple:
            return self.run_engine(plan)
        except UnsupportedFormula:  # over the cell budget
            return None

    def run_engine(self, plan: _Plan) -> object | None:
        try:
            text, refs = rewritten(plan.tokens, lambda ref: self.clipped(plan.sheet, ref))
        except UnsupportedFormula:
            return None
        function = self.compile(text)
        if function is None:
            return None
        by_name = {stand_in_name(i, refs): ref for i, ref in enumerate(refs)}
        wanted = [str(i).upper() for i in getattr(function, "inputs", {})]
        if sorted(wanted) != sorted(by_name):
            return None
        try:
            args = [self.values(*by_name[w]) for w in wanted]
            return plain_result(function(*args))
        except Exception:  # an error inside the engine: the cell stays as it was read
            return None

    def cells(self, sheet: str, ref: Ref) -> list[object]:
        """The values of a reference's cells for plain arithmetic, a blank as None."""
        name, target = self.clipped(sheet, ref)
        last_row, last_col = target.last_row or 0, target.last_col or 0
        self.cells_read += (last_row - target.first_row + 1) * (last_col - target.first_col + 1)
        if self.cells_read > CELL_BUDGET:
            raise UnsupportedFormula("over the cell budget")
        rows, results = self.book[name].rows, self.results
        found: list[object] = []
        for r in range(target.first_row, last_row + 1):
            cells = rows[r] if r < len(rows) else []
            for c in range(target.first_col, last_col + 1):
                address = (name, r, c)
                value = (
                    results[address]
                    if address in results
                    else (cells[c] if c < len(cells) else None)
                )
                found.append(None if value == "" else value)
        return found

    def values(self, name: str, ref: Ref) -> object:
        """A reference's cells as the engine takes them: an array, a single cell's too (the
        engine's SUM reads a bare blank argument as #VALUE!, Excel as 0)."""
        import numpy as np

        last_row, last_col = ref.last_row or 0, ref.last_col or 0
        height, width = last_row - ref.first_row + 1, last_col - ref.first_col + 1
        self.cells_read += height * width
        if self.cells_read > CELL_BUDGET:
            raise UnsupportedFormula("over the cell budget")
        grid = np.empty((height, width), dtype=object)
        for r in range(height):
            for c in range(width):
                grid[r, c] = self.value(name, ref.first_row + r, ref.first_col + c)
        return grid

    def value(self, name: str, row: int, col: int) -> object:
        """A cell's value as the engine takes it: a computed one first, else what was read."""
        import schedula

        address = (name, row, col)
        if address in self.results:
            computed = self.results[address]
            return schedula.EMPTY if computed is None else computed
        rows = self.book[name].rows
        value = rows[row][col] if row < len(rows) and col < len(rows[row]) else None
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str) and value:
            return value
        return schedula.EMPTY
