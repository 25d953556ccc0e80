"""The units' figures on columns: integer đồng with a mask of the known ones, added up per key."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Figure = int | float | None
Row = tuple[Figure, ...]
Array = npt.NDArray[Any]

_NONE = np.array(None, dtype=object)
_SAFE = 2.0**62  # a column whose largest figure times its length stays below adds up in int64


@dataclass(frozen=True)
class Sums:
    """Figures added up per key, keys ascending: the key, its first row (in the rows given, in
    their order), how many rows it has, whether any was flagged, and its sums (None where no
    figure at all)."""

    keys: Array
    first: Array
    size: Array
    flagged: Array
    rows: list[Row]


class Columns:
    """Rows of figures as columns: int64 where every sum fits, Python integers where one may
    not (a figure read as a float counts as its integer part, as `int` takes it)."""

    def __init__(self, rows: list[Row], width: int) -> None:
        table = np.array(rows, dtype=object).reshape(len(rows), width)
        self.known: Array = np.not_equal(table, _NONE)
        zeroed = np.where(self.known, table, 0)
        self.values: list[Array] = [_integers(zeroed[:, column]) for column in range(width)]

    def sums(self, keys: Array, rows: Array, flags: Array) -> Sums:
        """The figures of `rows` (indices) added up per key (one per row given)."""
        if not len(rows):
            empty = np.zeros(0, dtype=np.int64)
            return Sums(empty, empty, empty, empty.astype(bool), [])
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        picked = rows[order]
        columns = [
            np.where(
                np.logical_or.reduceat(self.known[picked, column], starts),
                np.add.reduceat(values[picked], starts).astype(object),
                _NONE,
            ).tolist()
            for column, values in enumerate(self.values)
        ]
        return Sums(
            keys=ordered[starts],
            first=picked[starts],
            size=np.diff(np.r_[starts, len(picked)]),
            flagged=np.logical_or.reduceat(flags[picked], starts),
            rows=list(zip(*columns, strict=True)),
        )


def _integers(column: Array) -> Array:
    """A column's figures as integers: int64 when their sum cannot overflow, else Python's."""
    try:
        largest = float(np.abs(column.astype(np.float64)).max(initial=0.0))
    except OverflowError:  # beyond any float
        largest = math.inf
    if largest * max(len(column), 1) < _SAFE:
        return column.astype(np.int64)
    return np.array([int(value) for value in column], dtype=object)
