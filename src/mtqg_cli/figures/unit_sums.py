"""The units' figures on columns: integer đồng with a mask of the known ones, added up per key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from mtqg_cli.model.rates import disbursement_rate, percents

Figure = int | float | None
Row = tuple[Figure, ...]
Array = npt.NDArray[Any]

_NONE = np.array(None, dtype=object)
_SAFE = 2.0**62  # a column whose largest figure times its length stays below adds up in int64


@dataclass(frozen=True)
class Sums:
    """Figures added up per key, keys ascending: the key, its first row (in the rows given, in
    their order), how many rows it has, whether any was flagged, whether any holds a fraction;
    its sums as columns (0 where unknown) with their masks, and as rows (None where no figure
    at all)."""

    keys: Array
    first: Array
    size: Array
    flagged: Array
    fractional: Array
    values: list[Array]
    known: list[Array]
    rows: list[Row]


class Columns:
    """Rows of figures as columns: int64 where every sum fits, Python integers where one may
    not (a figure read as a float counts as its integer part, as `int` takes it); which rows
    hold a figure with a fraction."""

    def __init__(self, rows: list[Row], width: int) -> None:
        table = np.array(rows, dtype=object).reshape(len(rows), width)
        self.known: Array = np.not_equal(table, _NONE)
        zeroed = np.where(self.known, table, 0)
        self.fractional: Array = np.zeros(len(rows), dtype=bool)
        self.values: list[Array] = []
        for column in range(width):
            values, fractional = _integers(zeroed[:, column])
            self.values.append(values)
            self.fractional |= fractional

    def sums(self, keys: Array, rows: Array, flags: Array) -> Sums:
        """The figures of `rows` (indices) added up per key (one per row given)."""
        if not len(rows):
            empty = np.zeros(0, dtype=np.int64)
            none = empty.astype(bool)
            return Sums(empty, empty, empty, none, none, [], [], [])
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        picked = rows[order]
        known = [
            np.logical_or.reduceat(self.known[picked, c], starts) for c in range(len(self.values))
        ]
        values = [np.add.reduceat(column[picked], starts) for column in self.values]
        columns = [
            np.where(mask, column.astype(object), _NONE).tolist()
            for column, mask in zip(values, known, strict=True)
        ]
        return Sums(
            keys=ordered[starts],
            first=picked[starts],
            size=np.diff(np.r_[starts, len(picked)]),
            flagged=np.logical_or.reduceat(flags[picked], starts),
            fractional=np.logical_or.reduceat(self.fractional[picked], starts),
            values=values,
            known=known,
            rows=list(zip(*columns, strict=True)),
        )


def rates(sums: Sums, spent: int, plan: int, carried: int) -> list[float | None]:
    """Each key's `disbursement_rate` from its sums in the columns given, worked out on the
    columns to the bit (floats of the exact hundredfold and base, the scaled value rounded half
    to even; None on a zero or missing base)."""
    if not sums.rows:
        return []
    spending, base = sums.values[spent], sums.values[plan] + sums.values[carried]
    due = sums.known[spent] & sums.known[plan] & (base != 0)
    rounded = percents(spending, base, due)
    if rounded is None:
        return [  # figures beyond int64's hundredfold: each worked out on Python integers
            disbursement_rate(row[spent], row[plan], row[carried]) for row in sums.rows
        ]
    listed: list[float | None] = np.where(due, rounded.astype(object), _NONE).tolist()
    return listed


def _integers(column: Array) -> tuple[Array, Array]:
    """A column's figures as integers, int64 when their sum cannot overflow, else Python's;
    and which of them had a fraction (every figure, in the latter case)."""
    try:
        floats = column.astype(np.float64)
    except OverflowError:  # beyond any float
        return np.array([int(value) for value in column], dtype=object), np.ones(len(column), bool)
    if float(np.abs(floats).max(initial=0.0)) * max(len(column), 1) < _SAFE:
        return column.astype(np.int64), floats != np.trunc(floats)
    return np.array([int(value) for value in column], dtype=object), np.ones(len(column), bool)
