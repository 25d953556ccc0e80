"""A sheet as cells on a grid, before it is written to any file type."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    """One cell: a value (text, number or None), or a formula with the value it computes."""

    value: object
    formula: str | None = None
    number_format: str | None = None
    bold: bool = False


@dataclass
class SheetGrid:
    """One sheet: cells by (row, column), 0-based, merged ranges, hidden rows, print titles."""

    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    print_titles: tuple[int, int] | None = None

    def put(self, row: int, col: int, value: object, **style: object) -> None:
        self.cells[(row, col)] = Cell(value, **style)  # type: ignore[arg-type]

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        if (first_row, first_col) != (last_row, last_col):
            self.merges.append((first_row, first_col, last_row, last_col))

    @property
    def height(self) -> int:
        return 1 + max((r for r, _ in self.cells), default=-1)

    @property
    def width(self) -> int:
        return 1 + max((c for _, c in self.cells), default=-1)


def a1(row: int, col: int) -> str:
    """The A1 reference of a 0-based cell."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"
