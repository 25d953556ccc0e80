"""A table of lines as a pandas DataFrame: one row per line, its stated and effective figures."""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

import numpy as np
import pandas as pd

from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS, GROUPS

STATED, EFFECTIVE, KNOWN = ":stated", ":effective", ":known"
"""Column suffixes of an amount field: "plan.total" is the figure the form states (0 where its
cell is blank), "plan.total:stated" whether it states one; "plan.total:effective" the figure as
stated or summed from the children, "plan.total:known" whether there is one (else None)."""
SUMMED, SUMMED_KNOWN = ":summed", ":summed_known"
""""plan.total:summed" is what the line's summed children add up to, stated line or not (what
`derive_blanks` leaves in `derived`, SUM_MISMATCH compares a stated figure with), and
"plan.total:summed_known" whether they add up to anything (else None)."""

SAFE = 2**62
"""Below this, every sum of a table's figures and each sum of two of them fits an int64: the
figures are summed as int64 (else as Python integers, in an object column)."""

_SPLITS = tuple(
    (f"{group}.{kind}", f"{group}.total") for group in GROUPS for kind in ("dtpt", "sn")
)
"""Each ĐTPT / SN field with its group's total field."""


@dataclass(frozen=True)
class LineArrays:
    """What a table's line frame is made of, as numpy arrays, lines in the tree's pre-order, the
    root first: `lines`, `kinds`, `parent` (positions, -1 for the root), `depth`; `figures`, the
    stated, effective and summed figures of every amount field (3 × fields × lines), and `masks`,
    whether each is stated, known, known (likewise), as the frame's columns hold them. The rules
    read these; the summary reads the frame (`frame_of`)."""

    lines: list[Line]
    kinds: list[str]
    parent: np.ndarray
    depth: np.ndarray
    figures: np.ndarray
    masks: np.ndarray


def line_frame(table: Table) -> pd.DataFrame:
    """One row per line in sheet order (the tree's pre-order), the table's root (its TOTAL) first:

    `line` (the Line), `row`, `parent` (position of the parent row, -1 for the root), `depth`,
    `kind`, `code`, `unit` (the line's section unit), `root`, and for each amount field the stated
    figure with its mask and the effective figure with its mask (see STATED). The effective
    figures are summed by parent on the frame's columns, deepest level first, as `derive_blanks`
    and `settle_unknown_splits` leave a tree's figures (a breakdown child is not summed)."""
    return frame_of(line_arrays(table))


def line_arrays(table: Table) -> LineArrays:
    """The arrays of the table's line frame (see `line_frame`), without the frame."""
    lines, parent, depth = _order(table.root)
    count = len(lines)
    amounts = [line.amounts for line in lines]
    stated, mask = _stated(amounts, count)
    big = any(values.dtype == object for values in stated)
    kinds = [line.kind for line in lines]
    up, levels = np.asarray(parent), np.asarray(depth)
    groups = _groups(up, levels, kinds)
    effective, known, summed, summed_known = _effective(stated, mask, groups, big)
    _settle(table, mask, (effective, known), summed_known, groups)
    figures = np.array([*stated, *effective, *summed])
    masks = np.array([*mask, *known, *summed_known])
    fields = len(AMOUNT_FIELDS)
    return LineArrays(
        lines, kinds, up, levels, figures.reshape(3, fields, count), masks.reshape(3, fields, count)
    )


def frame_of(arrays: LineArrays) -> pd.DataFrame:
    """The line frame made of its arrays (see `line_frame`)."""
    lines, count = arrays.lines, len(arrays.lines)
    texts = np.empty((count, 4), dtype=object)  # 2-D: kept as Python objects (None, not NaN)
    for index, values in enumerate(
        (lines, arrays.kinds, [line.code for line in lines], [line.section_unit for line in lines])
    ):
        texts[:, index] = values
    numbers = [[line.row for line in lines], arrays.parent, arrays.depth]
    fields = len(AMOUNT_FIELDS)
    figures = arrays.figures.reshape(3 * fields, count)
    masks = np.concatenate([(np.arange(count) == 0)[None], arrays.masks.reshape(3 * fields, count)])
    return pd.concat(  # one block per dtype, not one column each: a small form's frame is cheap
        [
            pd.DataFrame(texts, columns=["line", "kind", "code", "unit"], dtype=object),
            pd.DataFrame(np.array(numbers, dtype=np.int64).T, columns=["row", "parent", "depth"]),
            pd.DataFrame(figures.T, columns=_FIGURE_NAMES),
            pd.DataFrame(masks.T, columns=_MASK_NAMES),
        ],
        axis=1,
    )


_FIGURE_NAMES = [
    *AMOUNT_FIELDS,
    *(name + EFFECTIVE for name in AMOUNT_FIELDS),
    *(name + SUMMED for name in AMOUNT_FIELDS),
]
_MASK_NAMES = ["root", *(name + STATED for name in AMOUNT_FIELDS)]
_MASK_NAMES += [name + KNOWN for name in AMOUNT_FIELDS]
_MASK_NAMES += [name + SUMMED_KNOWN for name in AMOUNT_FIELDS]


def amounts_of(frame: pd.DataFrame, suffix: str) -> np.ndarray:
    """Every amount field's column with that suffix as one (fields × lines) array: one slice of
    the frame's block where the fields sit side by side (as `line_frame` puts them), the
    figures then read as numpy arrays."""
    names = [name + suffix for name in AMOUNT_FIELDS]
    start = frame.columns.get_loc(names[0])
    if isinstance(start, int) and frame.columns[start : start + len(names)].tolist() == names:
        return frame.iloc[:, start : start + len(names)].to_numpy().T
    return frame[names].to_numpy().T


def _order(root: Line) -> tuple[list[Line], list[int], list[int]]:
    """The lines in pre-order, root first, with each one's parent position and depth (a child's
    parent is the line whose children list holds it, as the sums read it)."""
    lines = [root]
    parent = [-1]
    depth = [0]
    stack = [(child, 0) for child in reversed(root.children)]
    while stack:
        line, above = stack.pop()
        position = len(lines)
        lines.append(line)
        parent.append(above)
        depth.append(depth[above] + 1)
        if line.children:
            stack.extend((child, position) for child in reversed(line.children))
    return lines, parent, depth


def _stated(
    amounts: list[dict[str, int | None]], count: int
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Each field's stated figures (0 where blank) and mask; int64, or Python integers in object
    arrays where a figure is so large that the table's sums could leave int64. The fields some
    line has are read in one C pass where every line has them all (as a sheet's lines do)."""
    named: set[str] = set().union(*amounts)
    present = [name for name in AMOUNT_FIELDS if name in named]
    blank = np.zeros(count, dtype=bool)
    values = [np.zeros(count, dtype=np.int64) for _ in AMOUNT_FIELDS]
    masks = [blank] * len(AMOUNT_FIELDS)
    if not present:
        return values, masks
    try:
        rows = list(map(itemgetter(*present), amounts))
    except KeyError:  # a line without some field (a tree built by hand)
        rows = [tuple(figures.get(name) for name in present) for figures in amounts]
    cells = np.array(rows, dtype=object).reshape(count, len(present)).T
    stated = cells != None  # noqa: E711 (element-wise: which cells hold a figure)
    cells[~stated] = 0
    largest = max(abs(cells.min()), abs(cells.max()))
    cells = cells.astype(np.int64) if largest * count < SAFE else cells
    if cells.dtype == object:  # one dtype for all: sums mix the fields
        values = [v.astype(object) for v in values]
    for index, name in enumerate(present):
        at = AMOUNT_FIELDS.index(name)
        values[at], masks[at] = cells[index], stated[index]
    return values, masks


class _Level:
    """The summed lines of one depth, grouped by parent (contiguous in pre-order)."""

    __slots__ = ("children", "parents", "starts")

    def __init__(self, children: np.ndarray, parents: np.ndarray, starts: np.ndarray) -> None:
        self.children, self.parents, self.starts = children, parents, starts


def _groups(parent: np.ndarray, depth: np.ndarray, kinds: list[str]) -> list[_Level]:
    """The group-by of summed lines by parent, deepest level first: in pre-order the lines of one
    depth come grouped by parent, parents in order, so each group is a run and one `reduceat`
    sums it."""
    summed = np.not_equal(np.array(kinds, dtype=object), "breakdown")
    levels: list[_Level] = []
    for level in range(int(depth.max()), 0, -1):
        children = np.flatnonzero((depth == level) & summed)
        if not len(children):
            continue
        parents = parent[children]
        starts = np.flatnonzero(np.r_[True, parents[1:] != parents[:-1]])
        levels.append(_Level(children, parents[starts], starts))
    return levels


def _effective(
    stated: list[np.ndarray], mask: list[np.ndarray], levels: list[_Level], big: bool
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """Stated figures, blanks filled with the sum of the summed children's effective figures
    (unknown where none of them has one), all fields at once, one level at a time; with each
    line's children's sum and its mask (SUMMED), stated line or not."""
    value = np.array(stated, dtype=object if big else np.int64)  # fields × lines
    known = np.array(mask, dtype=bool)
    summed = np.zeros_like(value)
    summed_known = np.zeros_like(known)
    if known.any():
        blank = ~known
        for level in levels:
            parents = level.parents
            sums = np.add.reduceat(value[:, level.children], level.starts, axis=1)
            any_known = np.logical_or.reduceat(known[:, level.children], level.starts, axis=1)
            summed[:, parents], summed_known[:, parents] = sums, any_known
            fill = blank[:, parents]
            value[:, parents] = np.where(fill, sums, value[:, parents])
            known[:, parents] |= fill & any_known
    return list(value), list(known), list(summed), list(summed_known)


def _settle(
    table: Table,
    mask: list[np.ndarray],
    figures: tuple[list[np.ndarray], list[np.ndarray]],
    summed_known: list[np.ndarray],
    levels: list[_Level],
) -> None:
    """A ĐTPT / SN figure of split rows ("- Vốn SN" under a line) is unknown on a blank parent
    when one of its summed children has money but neither split: as `settle_unknown_splits`
    leaves it, on that line only (its own parent's sum counted the figure before); so is the
    children's sum of any such parent, stated or blank (`derived` cleared)."""
    effective, known = figures
    columns = table.columns
    split = [
        AMOUNT_FIELDS.index(name)
        for name, total in _SPLITS
        if name in columns and columns[name] == columns.get(total)
    ]
    if not split or not levels:
        return
    index = {name: i for i, name in enumerate(AMOUNT_FIELDS)}
    position = {i: n for n, i in enumerate(split)}
    settled = [known[i].copy() for i in split]  # known after the line's own settling
    for level in levels:
        children = level.children
        for i in split:
            name = AMOUNT_FIELDS[i]
            group = name.partition(".")[0]
            total = index[f"{group}.total"]
            money = known[total][children] & (effective[total][children] != 0)
            parts = [index[f"{group}.{kind}"] for kind in ("dtpt", "sn")]
            split_known = np.zeros(len(children), dtype=bool)
            for part in parts:
                after = settled[position[part]] if part in position else known[part]
                split_known |= after[children]
            unknown = np.logical_or.reduceat(money & ~split_known, level.starts)
            summed_known[i][level.parents[unknown]] = False
            cleared = level.parents[unknown & ~mask[i][level.parents]]
            settled[position[i]][cleared] = False
    for i in split:
        after = settled[position[i]]
        effective[i] = np.where(after, effective[i], 0)
        known[i] = after
