"""The formula cells of an .xls (BIFF8 FORMULA and SHRFMLA records), written as Excel shows them.

An .xls always holds each formula's value, and calamine reads it: these formulas are read for the
SUM-range audit only (`formula_audit`). A formula is stored as tokens in reverse Polish order;
the arithmetic subset a form uses (cells, ranges, numbers, + - * /, SUM and a few functions) is
turned back into text, and any other token (a name, another sheet, an array) leaves the cell out.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

from mtqg_cli.read.formula_cells import CellKey, FormulaCell, SheetFormulas
from mtqg_cli.read.formula_text import MAX_TOKENS

BOF, EOF, BOUNDSHEET, FORMULA, SHRFMLA = 0x0809, 0x000A, 0x0085, 0x0006, 0x04BC
BIFF8 = b"\x00\x06"
"""The version a BOF record of Excel 97 and later gives (0x0600)."""
MAX_FORMULA_CELLS = 1_000_000
"""Formula cells kept per workbook; beyond, those read so far stand (the audit is a refinement)."""
_BINARY = {0x03: "+", 0x04: "-", 0x05: "*", 0x06: "/", 0x07: "^", 0x08: "&", 0x09: "<",
           0x0A: "<=", 0x0B: "=", 0x0C: ">=", 0x0D: ">", 0x0E: "<>", 0x11: ":"}  # fmt: skip
_VARIABLE = {0: "COUNT", 1: "IF", 4: "SUM", 5: "AVERAGE", 6: "MIN", 7: "MAX", 36: "AND",
             37: "OR", 183: "PRODUCT", 212: "ROUNDUP", 213: "ROUNDDOWN", 197: "TRUNC",
             228: "SUMPRODUCT"}  # fmt: skip
"""Functions of a variable number of arguments, by their BIFF index."""
_FIXED = {24: ("ABS", 1), 25: ("INT", 1), 27: ("ROUND", 2), 38: ("NOT", 1), 39: ("MOD", 2),
          212: ("ROUNDUP", 2), 213: ("ROUNDDOWN", 2)}  # fmt: skip
"""Functions of a fixed number of arguments: (name, arguments), by their BIFF index."""


class _Refused(Exception):
    """A token outside the subset read here: the formula is left out."""


def read_xls_formulas(stream: bytes) -> dict[str, SheetFormulas]:
    """{sheet name: its formula cells} from an .xls Workbook stream; a record cut short or a
    formula outside the subset is left out (formulas refine a reading, they never stop one)."""
    names: dict[int, str] = {}
    found: dict[str, SheetFormulas] = {}
    cells: SheetFormulas = {}
    shared: dict[CellKey, bytes] = {}
    pending: list[tuple[CellKey, CellKey]] = []
    errors: dict[CellKey, str | None] = {}  # of the cells pending, the error saved as value
    budget, at = MAX_FORMULA_CELLS, 0
    while at + 4 <= len(stream) and budget > 0:
        kind, length = struct.unpack_from("<HH", stream, at)
        body, start = stream[at + 4 : at + 4 + length], at
        at += 4 + length
        if kind == BOUNDSHEET and len(body) >= 8:
            names[struct.unpack_from("<I", body)[0]] = _short_string(body, 6)
        elif kind == BOF and start == 0 and body[:2] != BIFF8:
            return {}  # BIFF5 and older store references otherwise: not read
        elif kind == BOF and start in names:
            cells, shared, pending = found.setdefault(names[start], {}), {}, []
        elif kind == FORMULA and len(body) >= 22:
            row, column = struct.unpack_from("<HH", body)
            tokens = body[22 : 22 + struct.unpack_from("<H", body, 20)[0]]
            if tokens[:1] == b"\x01" and len(tokens) >= 5:
                pending.append(((row, column), struct.unpack_from("<HH", tokens, 1)))
                errors[(row, column)] = error_value(body)
            else:
                budget -= _keep(cells, (row, column), tokens, (row, column), error_value(body))
        elif kind == SHRFMLA and len(body) >= 10:
            first_row, _, first_col = struct.unpack_from("<HHB", body)
            shared[(first_row, first_col)] = body[10 : 10 + struct.unpack_from("<H", body, 8)[0]]
        elif kind == EOF:
            for cell, anchor in pending:
                if anchor in shared:
                    budget -= _keep(cells, cell, shared[anchor], cell, errors.get(cell))
            pending, errors = [], {}
    return {name: formulas for name, formulas in found.items() if formulas}


def _keep(
    cells: SheetFormulas, key: CellKey, tokens: bytes, place: CellKey, error: str | None
) -> int:
    try:
        text = formula_text(tokens, place)
    except (_Refused, struct.error, IndexError):
        return 0
    cells[key] = FormulaCell(text, saved=True, error=error)
    return 1


ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?",
               0x24: "#NUM!", 0x2A: "#N/A"}  # fmt: skip
"""BIFF8 error values, by their code."""


def error_value(body: bytes) -> str | None:
    """The Excel error a FORMULA record saves as its value (FormulaValue of type 2), or None."""
    value = body[6:14]
    if len(value) < 8 or value[6:8] != b"\xff\xff" or value[0] != 2:
        return None
    return ERROR_CODES.get(value[2], "#N/A")


def _short_string(body: bytes, at: int) -> str:
    """A BIFF8 ShortXLUnicodeString: a count of characters, a flags byte, the characters."""
    count, flags = body[at], body[at + 1]
    raw = body[at + 2 :]
    return (
        raw[: count * 2].decode("utf-16-le", "replace")
        if flags & 1
        else raw[:count].decode("latin-1")
    )


def formula_text(tokens: bytes, place: CellKey) -> str:
    """A formula's tokens as Excel's text (without '='); `place` is the cell's (0-based row,
    column), which the relative references of a shared formula count from."""
    stack: list[str] = []
    at, count = 0, 0
    while at < len(tokens):
        count += 1
        if count > MAX_TOKENS:
            raise _Refused("too many tokens")
        token = tokens[at]
        base = token if token < 0x20 else (token & 0x1F) | 0x20
        handler = _HANDLERS.get(base)
        if handler is None:
            raise _Refused(f"token {token:#x}")
        at = handler(tokens, at + 1, stack, place)
    if len(stack) != 1:
        raise _Refused("unbalanced")
    return stack[0]


Handler = Callable[[bytes, int, list[str], CellKey], int]


def _binary(op: str) -> Handler:
    def handle(tokens: bytes, at: int, stack: list[str], place: CellKey) -> int:
        right, left = stack.pop(), stack.pop()
        stack.append(f"{left}{op}{right}")
        return at

    return handle


def _unary(before: str, after: str) -> Handler:
    def handle(tokens: bytes, at: int, stack: list[str], place: CellKey) -> int:
        stack.append(f"{before}{stack.pop()}{after}")
        return at

    return handle


def _number(tokens: bytes, at: int, stack: list[str], place: CellKey) -> int:
    stack.append(repr(struct.unpack_from("<d", tokens, at)[0]))
    return at + 8


def _integer(tokens: bytes, at: int, stack: list[str], place: CellKey) -> int:
    stack.append(str(struct.unpack_from("<H", tokens, at)[0]))
    return at + 2


def _attribute(tokens: bytes, at: int, stack: list[str], place: CellKey) -> int:
    flags, data = tokens[at], struct.unpack_from("<H", tokens, at + 1)[0]
    if flags & 0x10:  # a SUM of one argument, stored as an attribute
        stack.append(f"SUM({stack.pop()})")
    return at + 3 + ((data + 1) * 2 if flags & 0x04 else 0)


def _call(name: str, argc: int, stack: list[str]) -> None:
    if argc > len(stack):
        raise _Refused("arguments")
    args = stack[len(stack) - argc :] if argc else []
    del stack[len(stack) - argc :]
    stack.append(f"{name}({','.join(args)})")


def _function(tokens: bytes, at: int, stack: list[str], place: CellKey) -> int:
    index = struct.unpack_from("<H", tokens, at)[0]
    if index not in _FIXED:
        raise _Refused(f"function {index}")
    name, argc = _FIXED[index]
    _call(name, argc, stack)
    return at + 2


def _variable(tokens: bytes, at: int, stack: list[str], place: CellKey) -> int:
    argc, index = tokens[at] & 0x7F, struct.unpack_from("<H", tokens, at + 1)[0] & 0x7FFF
    if index not in _VARIABLE:
        raise _Refused(f"function {index}")
    _call(_VARIABLE[index], argc, stack)
    return at + 3


def _cell(row: int, column: int, place: CellKey | None) -> str:
    """A cell's A1 name; with `place`, the row and column are offsets where marked relative."""
    col = column & 0x3FFF
    if place is not None:
        if column & 0x8000:
            row = (place[0] + (row if row < 0x8000 else row - 0x10000)) % 0x10000
        if column & 0x4000:
            col = (place[1] + (col & 0xFF if col & 0xFF < 0x80 else (col & 0xFF) - 0x100)) % 0x100
    letters, number = "", col + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def _reference(relative: bool) -> Handler:
    def handle(tokens: bytes, at: int, stack: list[str], place: CellKey) -> int:
        row, column = struct.unpack_from("<HH", tokens, at)
        stack.append(_cell(row, column, place if relative else None))
        return at + 4

    return handle


def _area(relative: bool) -> Handler:
    def handle(tokens: bytes, at: int, stack: list[str], place: CellKey) -> int:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", tokens, at)
        where = place if relative else None
        stack.append(f"{_cell(first_row, first_col, where)}:{_cell(last_row, last_col, where)}")
        return at + 8

    return handle


_HANDLERS: dict[int, Handler] = {
    **{code: _binary(op) for code, op in _BINARY.items()},
    0x12: _unary("+", ""),
    0x13: _unary("-", ""),
    0x14: _unary("", "%"),
    0x15: _unary("(", ")"),
    0x19: _attribute,
    0x1E: _integer,
    0x1F: _number,
    0x21: _function,
    0x22: _variable,
    0x24: _reference(False),
    0x25: _area(False),
    0x2C: _reference(True),
    0x2D: _area(True),
}
"""How each token (a classed token by its base code) is turned back into text."""
