"""One streamed walk over the tables of an .ods content.xml: which rows and columns each cell
covers (rows and cells may be repeated), for readers that keep something of some cells."""

from __future__ import annotations

import pyexpat
from typing import Generic, TypeVar

from mtqg_cli.read.xml_parts import Stop, to_int, xml_parser

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384
_CELLS = (f"{TABLE} table-cell", f"{TABLE} covered-table-cell")

V = TypeVar("V")


class OdsTableWalk(Generic[V]):
    """The tables' rows and cells in order; `cell` says what to keep of each cell (`put` keeps
    it over every row and column the cell covers), `other` hears every other element."""

    def __init__(self, budget: int) -> None:
        self.found: dict[str, dict[tuple[int, int], V]] = {}
        self.depth = 0  # tables open (a table nested in a cell is not a sheet)
        self.cells: dict[tuple[int, int], V] = {}
        self.row = self.column = 0  # the next row's index, the current cell's column
        self.rows = range(0)  # the current row's indexes (a row may be repeated)
        self.budget = budget

    def parser(self) -> pyexpat.XMLParserType:
        parser = xml_parser(self.start)
        parser.EndElementHandler = self.end
        return parser

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{TABLE} table":
            self.depth += 1
            if self.depth == 1:
                self.cells = self.found.setdefault(attrs.get(f"{TABLE} name", ""), {})
                self.row = 0
        elif self.depth > 1:
            return
        elif tag == f"{TABLE} table-row" and self.depth:
            self.column = 0
            repeat = repeated(attrs, "rows")
            self.rows = range(self.row, min(self.row + repeat, MAX_ROWS))
            self.row += repeat
        elif tag in _CELLS and self.depth:
            self.cell(attrs)
            self.column += repeated(attrs, "columns")
        else:
            self.other(tag, attrs)

    def end(self, tag: str) -> None:
        if tag == f"{TABLE} table":
            self.depth -= 1
        else:
            self.other_end(tag)

    def cell(self, attrs: dict[str, str]) -> None:
        """What to keep of a cell (nothing by default)."""

    def other(self, tag: str, attrs: dict[str, str]) -> None:
        """An element that is no table, row or cell (nothing by default)."""

    def other_end(self, tag: str) -> None:
        """The end of an element that is no table (nothing by default)."""

    def put(self, value: V, attrs: dict[str, str]) -> None:
        """Keep `value` for every row and column the current cell covers, within the budget."""
        last = min(self.column + repeated(attrs, "columns"), MAX_COLUMNS)
        for row in self.rows:
            for column in range(self.column, last):
                self.cells[(row, column)] = value
                self.budget -= 1
                if self.budget <= 0:
                    raise Stop("full")


def repeated(attrs: dict[str, str], what: str) -> int:
    """How many rows or columns an element stands for (`number-rows-repeated` …), at least 1."""
    return max(to_int(attrs.get(f"{TABLE} number-{what}-repeated", "1")), 1)
