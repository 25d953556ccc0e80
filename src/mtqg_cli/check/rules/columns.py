"""A table's figures as numpy arrays (field × line), its lines in the order the rules visit them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import is_

import numpy as np

from mtqg_cli.form.line_frame import LineArrays, line_arrays
from mtqg_cli.model.sheet import Line, Table
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS

_AT = {name: index for index, name in enumerate(AMOUNT_FIELDS)}


class LineColumns:
    """The table's line frame's arrays (`form.line_frame.LineArrays`) with one row per amount
    field (AMOUNT_FIELDS order)
    and one column per line of `table.lines` (the sheet order the rules report in, which is not
    always the tree's pre-order the frame keeps: a TOTAL row at the bottom, split rows):

    `stated` (0 where blank) and its mask `given`; `effective` (stated, else the children's sum)
    and `known`; `summed` (the summed children's sum, stated line or not) and `summed_known`;
    `above` (the line's parent's effective figure) and `above_known` (the root has no parent).
    Figures are int64, or Python integers in object arrays where sums could leave int64."""

    __slots__ = (
        "above",
        "above_known",
        "effective",
        "given",
        "known",
        "lines",
        "stated",
        "summed",
        "summed_known",
    )

    def __init__(self, table: Table, arrays: LineArrays | None = None) -> None:
        if arrays is None:
            arrays = line_arrays(table)
        in_tree, figures, masks, up = arrays.lines, arrays.figures, arrays.masks, arrays.parent
        above, above_known = figures[1][:, up], masks[1][:, up] & (up >= 0)
        lines = table.lines
        if len(lines) != len(in_tree) or not all(map(is_, lines, in_tree)):
            at = {id(line): index for index, line in enumerate(in_tree)}
            order = [at[key] for key in map(id, lines) if key in at]
            lines = [in_tree[index] for index in order]
            keep = np.array(order, dtype=np.intp)
            figures, masks = figures[:, :, keep], masks[:, :, keep]
            above, above_known = above[:, keep], above_known[:, keep]
        self.lines: list[Line] = lines
        self.stated, self.effective, self.summed = figures
        self.given, self.known, self.summed_known = masks
        self.above, self.above_known = above, above_known

    @staticmethod
    def rows(names: Sequence[str]) -> list[int]:
        """The array rows of these fields, in their order."""
        return [_AT[name] for name in names]

    def broken(self, mask: np.ndarray) -> Iterator[tuple[Line, int, int]]:
        """Where a (checks × lines) mask holds: (line, its column in the arrays, the check's
        row in the mask), line by line in sheet order, a line's checks in the mask's order."""
        lines = self.lines
        for at, check in zip(*np.nonzero(mask.T), strict=True):
            yield lines[at], int(at), int(check)
