"""The `formulas` engine's side: allowed functions, stand-in references, results as grid values.

A formula is compiled once per shape: its references are replaced by stand-ins of the same size
(=SUM(C10:C12) and =SUM(D20:D22) both compile as =SUM(A1:A3)), and each cell's own ranges are
handed to the compiled function.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from mtqg_cli.model.text import column_letter
from mtqg_cli.read.formula_text import Ref, Token, UnsupportedFormula, bare_name

ALLOWED = frozenset(
    [
        "SUM",
        "ROUND",
        "ROUNDUP",
        "ROUNDDOWN",
        "ABS",
        "MIN",
        "MAX",
        "AVERAGE",
        "IF",
        "IFERROR",
        "AND",
        "OR",
        "NOT",
        "INT",
        "TRUNC",
        "SUMPRODUCT",
        "PRODUCT",
        "MOD",
    ]
)
"""The functions a submitted formula may call: arithmetic and logic over its own cells."""
MAX_COLUMNS = 16_384
"""The columns of a worksheet (A to XFD): the stand-ins of a formula must fit in them."""


@dataclass(frozen=True)
class ExcelError:
    """An Excel error a formula gives (#VALUE!, #DIV/0! …): the cell is blank to the reading."""

    code: str


def rewritten(
    items: list[Token], target_of: Callable[[Ref], tuple[str, Ref]]
) -> tuple[str, list[tuple[str, Ref]]]:
    """The formula with each distinct reference replaced by a stand-in of its size, and
    those references (as `target_of` gives them: clipped to their sheet's grid) in stand-in
    order; UnsupportedFormula for a function not ALLOWED."""
    pieces: list[str] = []
    refs: list[tuple[str, Ref]] = []
    index: dict[tuple[str, Ref], int] = {}
    for token in items:
        if token.kind == "fn":
            name = bare_name(token.text)
            if name not in ALLOWED:
                raise UnsupportedFormula(f"function {name}")
            pieces.append(name)
        elif token.kind == "ref" and token.ref is not None:
            target = target_of(token.ref)
            if target not in index:
                index[target] = len(refs)
                refs.append(target)
            pieces.append(stand_in_name(index[target], refs))
        else:
            pieces.append(token.text)
    return "=" + "".join(pieces), refs


def stand_in_name(index: int, refs: list[tuple[str, Ref]]) -> str:
    """The stand-in of the index-th reference: columns after the previous stand-ins', rows
    from 1, its own height and width."""
    first = 1
    for _, ref in refs[:index]:
        first += (ref.last_col or 0) - ref.first_col + 1
    _, ref = refs[index]
    width = (ref.last_col or 0) - ref.first_col + 1
    height = (ref.last_row or 0) - ref.first_row + 1
    if first + width - 1 > MAX_COLUMNS or height > 1_048_576:
        raise UnsupportedFormula("too many references")
    top = f"{column_letter(first - 1)}1"
    if width == height == 1:
        return top
    return f"{top}:{column_letter(first + width - 2)}{height}"


def plain_result(result: object) -> object | None:
    """The engine's result as a grid value: a float, text or a boolean; an ExcelError for an
    Excel error; None for an empty result."""
    import numpy as np

    if isinstance(result, np.ndarray):
        if result.size == 0:
            return None
        result = result.ravel()[0]
    if isinstance(result, bool | np.bool_):
        return bool(result)
    if isinstance(result, int | float | np.integer | np.floating):
        number = float(result)  # to Excel's 15 significant digits: 1329.594, not 1329.5939999…
        return float(f"{number:.15g}") if math.isfinite(number) else None
    if isinstance(result, str) and type(result) is str:
        return result
    if isinstance(result, str) and result.startswith("#"):
        return ExcelError(str(result))  # the engine's XlError: #DIV/0!, #VALUE! …
    return None
