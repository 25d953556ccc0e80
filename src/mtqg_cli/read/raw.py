"""A workbook as read: each sheet's grid of values, merged ranges, formats, formulas and errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mtqg_cli.read.cell_formats import FormatReader
from mtqg_cli.read.hidden_columns import HiddenColumns

Cell = object
MergedRange = tuple[int, int, int, int]  # 0-based first row, first col, last row, last col


@dataclass
class RawSheet:
    """A sheet's values as a grid whose index 0 is worksheet row 1, column A."""

    name: str
    rows: list[list[Cell]]
    merged: list[MergedRange] = field(default_factory=list)
    visible: bool = True
    formats: FormatReader | None = None
    """(column, first_row, last_row) (0-based) -> {row: percent format} of the cells shown as
    percentages (.xlsx/.xlsm styles, .ods value types, .xls XF records; all sheets' read in one
    pass, on the first call)."""
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    """Each formula cell's text (without '='), by 0-based (row, column); .xlsx/.xlsm only."""
    computed: list[tuple[int, int]] = field(default_factory=list)
    """Formula cells saved with no value whose value mtqg computed (formula_eval)."""
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    """Formula cells whose value is an Excel error (#VALUE!, #REF! …), saved so (.xlsx, .xlsm,
    .ods, .xls) or computed: blank in `rows`, as every reader gives them."""
    hidden: HiddenColumns | None = None
    """The workbook's hidden columns, read on first use (`hidden.of(name)`); None for a CSV."""
    column_marks: dict[int, tuple[int, int]] | None = None
    """A CSV's {column: (figures only a decimal comma writes, only a point)}, as its cells
    were before they became numbers; None for a workbook (whose numbers have no mark)."""

    def hidden_columns(self) -> frozenset[int]:
        """The sheet's hidden columns, 0-based (empty when none, or when the file tells none)."""
        return self.hidden.of(self.name) if self.hidden is not None else frozenset()


@dataclass
class RawWorkbook:
    """All sheets of one input file, in workbook order."""

    path: Path
    sheets: list[RawSheet]
    properties: dict[str, str] = field(default_factory=dict)
    """Custom document properties (xlsx, xlsm): `mtqg_template` marks a form from `mtqg template`."""
