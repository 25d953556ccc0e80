"""What one input may hold (rows, columns, cells, text, bytes), and the check of a sheet's extent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mtqg_cli.model.errors import InputError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one input may hold; the defaults are far above any real report."""

    max_bytes: int = 256 * MB
    """Uncompressed size of a workbook's parts (or size of a CSV/XLS file)."""
    max_rows: int = 100_000
    max_columns: int = 256
    max_cells: int = 5_000_000
    """Rows × columns of the area a sheet's cells span (readers allocate all of it)."""
    max_cell_chars: int = 32_767
    """Excel's own limit on the text of one cell."""


DEFAULT_LIMITS = Limits()


def check_extent(path: Path, sheet: str, rows: int, columns: int, limits: Limits) -> None:
    """Refuse a sheet whose cells reach beyond the rows, columns or cells allowed."""
    where = {"path": str(path), "sheet": sheet}
    if rows > limits.max_rows:
        raise InputError("too_many_rows", **where, count=rows, limit=limits.max_rows)
    if columns > limits.max_columns:
        raise InputError("too_many_columns", **where, count=columns, limit=limits.max_columns)
    if rows * columns > limits.max_cells:
        raise InputError(
            "too_many_cells", **where, rows=rows, columns=columns, limit=limits.max_cells
        )


def too_long(path: Path, limits: Limits, sheet: str = "") -> InputError:
    """The refusal of a cell whose text is longer than allowed."""
    return InputError("cell_too_long", path=str(path), sheet=sheet, limit=limits.max_cell_chars)


def column_number(letters: str) -> int:
    """A column's number from its letters (A = 1); any number of letters."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
