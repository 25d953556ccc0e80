"""The input's own formulas in a corrected copy: those that read a changed cell, at any remove,
lose their saved value and are computed again by mtqg's formula engine."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from openpyxl import Workbook

from mtqg_cli.figures.fix_plan import Edit
from mtqg_cli.model.errors import MtqgError
from mtqg_cli.model.text import column_letter
from mtqg_cli.read.formula_text import Ref, UnsupportedFormula, tokens
from mtqg_cli.read.readers import read_workbook

Cell = tuple[str, int, int]
"""(sheet title, 0-based row, 0-based column)."""
Cached = dict[str, dict[str, object]]
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})
"""A formula's value that is an Excel error (saved as one, `t="e"`): it stays one."""


def drop_stale(book: Workbook, edits: list[Edit], cached: Cached) -> dict[str, set[str]]:
    """Take out of `cached` the saved values of the formulas (not the copy's own) that read a
    cell whose value changed, directly or through another such formula, but for Excel errors
    (text where a number should be: no new figure mends it); return those cells ({sheet title:
    {A1}})."""
    ours = {(e.sheet, e.row - 1, e.column) for e in edits}
    changed = {(e.sheet, e.row - 1, e.column) for e in edits if e.changed}
    formulas = {
        cell: refs
        for cell, refs in _input_formulas(book, ours).items()
        if cached.get(cell[0], {}).get(f"{column_letter(cell[2])}{cell[1] + 1}") not in EXCEL_ERRORS
    }
    stale: set[Cell] = set()
    while True:
        found = {cell for cell, refs in formulas.items()
                 if cell not in stale and any(_covers(ref, cell[0], changed | stale) for ref in refs)}  # fmt: skip
        if not found:
            break
        stale |= found
    dropped: dict[str, set[str]] = {}
    for title, row, col in stale:
        ref = f"{column_letter(col)}{row + 1}"
        cached.get(title, {}).pop(ref, None)
        dropped.setdefault(title, set()).add(ref)
    return dropped


def _input_formulas(book: Workbook, ours: set[Cell]) -> dict[Cell, list[Ref]]:
    """{cell: the references its formula reads} of every formula the copy keeps from its input;
    a formula mtqg cannot read keeps its saved value."""
    found: dict[Cell, list[Ref]] = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type != "f" or not isinstance(cell.value, str):
                    continue
                key = (sheet.title, cell.row - 1, cell.column - 1)
                if key in ours:
                    continue
                try:
                    refs = [t.ref for t in tokens(cell.value) if t.ref is not None]
                except UnsupportedFormula:
                    continue
                found[key] = refs
    return found


def _covers(ref: Ref, own: str, cells: set[Cell]) -> bool:
    sheet = ref.sheet if ref.sheet is not None else own
    for title, row, col in cells:
        if title.casefold() != sheet.casefold() or row < ref.first_row or col < ref.first_col:
            continue
        if (ref.last_row is None or row <= ref.last_row) and (
            ref.last_col is None or col <= ref.last_col
        ):
            return True
    return False


def recomputed(path: Path, stale: dict[str, set[str]]) -> Cached:
    """The values mtqg's formula engine gives the stale formulas of the copy at `path` (saved
    with no value); a formula it cannot compute is left for the spreadsheet to compute."""
    found: Cached = {}
    with tempfile.TemporaryDirectory(prefix="mtqg-") as folder:
        view = Path(folder) / "copy.xlsx"  # the reader goes by the name's suffix
        shutil.copyfile(path, view)
        try:
            sheets = read_workbook(view).sheets
        except MtqgError:
            return found
    for sheet in sheets:
        wanted = stale.get(sheet.name, set())
        for row, col in sheet.computed:
            ref = f"{column_letter(col)}{row + 1}"
            if ref in wanted and row < len(sheet.rows) and col < len(sheet.rows[row]):
                value = sheet.rows[row][col]
                if isinstance(value, int | float | str) and value != "":
                    found.setdefault(sheet.name, {})[ref] = value
    return found
