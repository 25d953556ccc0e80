"""A table's cells a column at a time: its grid turned, amounts in đồng and stated rates."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest
from math import isfinite
from operator import sub
from typing import cast

from mtqg_cli.form.cell_numbers import (
    FINITE,
    MAX_DONG,
    NEAR_HALF,
    NumberRead,
    parse_number,
    parse_rate,
    repr_decimals,
    scaled_to_dong,
    to_dong,
)
from mtqg_cli.model.sheet import StatedRate
from mtqg_cli.model.text import clean
from mtqg_cli.model.vocabulary import Unit

Column = tuple[object, ...]
"""One column's cells on the rows read, top to bottom (None past a short row's end)."""

_NONE = type(None)


def grid_columns(rows: list[list[object]]) -> list[Column]:
    """The rows' cells as columns, as wide as the widest row: turned in one pass in C."""
    return list(zip_longest(*rows))


def column_texts(cells: Column) -> list[str]:
    """Each cell's `clean` text: once per distinct text of a column of texts and blanks (a
    sheet repeats its names and marks), else cell by cell."""
    if not set(map(type, cells)) <= {str, _NONE}:  # True == 1 == 1.0 would share an entry
        return list(map(clean, cells))
    distinct: dict[object, str] = dict.fromkeys(cells, "")
    for text in distinct:
        distinct[text] = clean(text)
    return list(map(distinct.__getitem__, cells))


def column_dong(
    cells: Column, unit: Unit, size: int, style: str, kinds: set[type] | None = None
) -> tuple[list[int | None], list[tuple[int, NumberRead]]]:
    """Each cell of an amount column in đồng (None where blank or no number), and the doubtful
    text numbers by position. A column of numbers is converted at once where every product is
    far from a half; any other column (a text, an integer, a product near a half) cell by cell,
    the same way. `kinds`: the types of the cells, where known already."""
    kinds = set(map(type, cells)) if kinds is None else kinds
    if kinds == {float}:
        whole = _floats_to_dong(cast("tuple[float, ...]", cells), size)
        if whole is not None:
            return whole, []
    elif kinds == {float, _NONE}:
        whole = _floats_to_dong([v for v in cells if type(v) is float], size)
        if whole is not None:
            found = iter(whole)
            return [None if v is None else next(found) for v in cells], []
    elif kinds == {_NONE}:
        return [None] * len(cells), []
    amounts: list[int | None] = []
    notes: list[tuple[int, NumberRead]] = []
    for at, value in enumerate(cells):
        dong, read = cell_dong(value, unit, size, style)
        amounts.append(dong)
        if read is not None:
            notes.append((at, read))
    return amounts, notes


def _floats_to_dong(values: Sequence[float], size: int) -> list[int | None] | None:
    """Floats times `size`, each its nearest integer, when every product is finite, within the
    bounds and not near a half (what `cell_dong` gives each of them then); else None."""
    scaled = [v * size for v in values]
    if not scaled:
        return []
    try:
        nearest = list(map(round, scaled))
    except (ValueError, OverflowError):  # a NaN or an infinity
        return None
    if min(scaled) < -MAX_DONG or max(scaled) > MAX_DONG:
        return None
    off = list(map(sub, scaled, nearest))  # each product's distance from its integer
    if min(off) <= -NEAR_HALF or max(off) >= NEAR_HALF:
        return None
    return list[int | None](nearest)


def cell_dong(
    value: object, unit: Unit, size: int, style: str
) -> tuple[int | None, NumberRead | None]:
    """One amount cell in đồng, and its reading where the text was doubtful."""
    if type(value) is float:
        scaled = value * size  # NaN and infinities fail the bounds below
        if -MAX_DONG <= scaled <= MAX_DONG:
            nearest = round(scaled)
            if -NEAR_HALF < scaled - nearest < NEAR_HALF:
                return nearest, None
        if -FINITE < value < FINITE:
            return scaled_to_dong(value, size), None
    if value is None or value == "":
        return None, None
    read = parse_number(value, style)
    dong = to_dong(read.value, unit) if read.value is not None else None
    return dong, read if read.reported else None


def column_rates(cells: Column) -> list[StatedRate | None]:
    """Each cell of a rate column with no percent formats, as `parse_rate` reads it; a column
    of finite floats reads each distinct value once (the lines share its stated rate; a zero
    keeps its own, as 0.0 and -0.0 are one key)."""
    if set(map(type, cells)) != {float}:
        return list(map(parse_rate, cells))
    floats = cast("tuple[float, ...]", cells)
    if not all(map(isfinite, floats)):
        return list(map(parse_rate, cells))
    values = list(dict.fromkeys(floats))
    distinct = dict(zip(values, map(StatedRate, values, map(repr_decimals, values)), strict=True))
    if 0.0 in distinct:
        return [distinct[v] if v else StatedRate(v, 0) for v in floats]
    return list(map(distinct.__getitem__, floats))
