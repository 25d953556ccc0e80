"""Plain arithmetic of a formula (sums, + - * /, %, ROUND) worked out directly, as Excel does.

Most formula cells of a form are sums and differences of its own cells; handing each of a big
sheet's hundred thousand to the engine would take minutes. Such a formula is worked out here
from its syntax tree when every cell it reads is a number or blank; anything else (text read
as a number, a division by zero, any other function) raises NotSimple and goes to the engine,
which then decides, so the result is always the engine's or the same as the engine's.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from mtqg_cli.read.formula_text import Node, Ref

Cells = Callable[[Ref], list[object]]
"""The values of a reference's cells, row by row (a blank cell is None)."""


class NotSimple(Exception):
    """The formula needs the engine: some part is beyond plain arithmetic on numbers."""


def evaluate(node: Node, cells: Cells) -> float:
    """The formula's value; raise NotSimple when the engine must decide."""
    kind = node[0]
    if kind == "num":
        return float(node[1])  # type: ignore[arg-type]
    if kind == "ref":
        values = cells(node[1])  # type: ignore[arg-type]
        if len(values) != 1:
            raise NotSimple("a range outside a function")
        return _direct(values[0])
    if kind == "neg":
        return -evaluate(node[1], cells)  # type: ignore[arg-type]
    if kind == "pos":
        return evaluate(node[1], cells)  # type: ignore[arg-type]
    if kind == "pct":
        return evaluate(node[1], cells) / 100  # type: ignore[arg-type]
    if kind == "bin":
        return _binary(str(node[1]), node[2], node[3], cells)  # type: ignore[arg-type]
    if kind == "fn" and node[1] == "SUM":
        return _sum(node[2], cells)  # type: ignore[arg-type]
    if kind == "fn" and node[1] == "ROUND":
        return _round(node[2], cells)  # type: ignore[arg-type]
    raise NotSimple(str(kind))


def _direct(value: object) -> float:
    """A cell read by an operator: a number, or a blank as 0; anything else is the engine's."""
    if value is None:
        return 0.0
    if type(value) is float or type(value) is int:
        return float(value)
    raise NotSimple("not a number")


def _binary(op: str, left: Node, right: Node, cells: Cells) -> float:
    a, b = evaluate(left, cells), evaluate(right, cells)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/" and b != 0:
        return a / b
    raise NotSimple(op)


def _sum(args: list[Node], cells: Cells) -> float:
    """SUM: numbers of its ranges (text, booleans and blanks there are skipped, as in Excel),
    and its other arguments worked out."""
    total = 0.0
    for arg in args:
        if arg[0] != "ref":
            total += evaluate(arg, cells)
            continue
        for value in cells(arg[1]):  # type: ignore[arg-type]
            if type(value) is float or type(value) is int:
                total += value
            elif value is not None and not isinstance(value, str | bool):
                raise NotSimple("a value SUM may not skip")
    return total


def _round(args: list[Node], cells: Cells) -> float:
    """ROUND(x, digits) on the 15 digits Excel shows; a value exactly half-way there goes to
    the engine (which rounds the binary value: 63,224999… to 63,22)."""
    if len(args) != 2:
        raise NotSimple("ROUND arguments")
    value, digits = evaluate(args[0], cells), evaluate(args[1], cells)
    if digits != int(digits) or not -15 <= digits <= 15:
        raise NotSimple("ROUND digits")
    shown, unit = Decimal(f"{value:.15g}"), Decimal(1).scaleb(-int(digits))
    try:
        up, down = shown.quantize(unit, ROUND_HALF_UP), shown.quantize(unit, ROUND_HALF_DOWN)
    except InvalidOperation as exc:
        raise NotSimple("ROUND overflow") from exc
    if up != down:  # exactly half-way as shown (21,075 * 3): the engine decides
        raise NotSimple("ROUND half-way")
    return float(up)
