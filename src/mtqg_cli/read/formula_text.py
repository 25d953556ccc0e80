"""Excel formula text: tokens, references, a small syntax tree, and the linear form of a sum.

No formula is ever run here: this module only reads text. It accepts the arithmetic subset a
disbursement form uses (numbers, cell and range references, + - * / ^ & %, comparisons, calls)
and refuses the rest (external workbooks, defined names, structured references) with
UnsupportedFormula, so nothing outside the workbook's own cells can be reached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

MAX_FORMULA = 8_192
"""Excel's own limit on a formula's length; a longer text is refused unread."""
MAX_TOKENS = 2_000
MAX_LINEAR_CELLS = 100_000
"""Cells a sum may cover for its audit; a wider range is not audited."""


class UnsupportedFormula(ValueError):
    """A formula outside the arithmetic subset mtqg reads (or malformed)."""


@dataclass(frozen=True)
class Ref:
    """A cell or range reference, 0-based and inclusive; `sheet` None is the formula's own.

    A whole column has `last_row` None (up to the sheet's end); a whole row `last_col` None."""

    sheet: str | None
    first_row: int
    first_col: int
    last_row: int | None
    last_col: int | None


@dataclass(frozen=True)
class Token:
    """One token: its kind, its text as written and, for a reference, what it names."""

    kind: str  # num str bool err ref fn op open close sep
    text: str
    ref: Ref | None = None


Node = tuple[object, ...]
"""("num", float) ("str", s) ("bool", b) ("err", s) ("ref", Ref) ("fn", NAME, [args])
("bin", op, left, right) ("neg", x) ("pos", x) ("pct", x)."""

_CELL = r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})"
_REF_BODY = re.compile(
    rf"{_CELL}(?::{_CELL})?(?![A-Za-z0-9_.(])"
    r"|\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})(?![A-Za-z0-9_(])"
    r"|\$?([0-9]{1,7}):\$?([0-9]{1,7})(?![0-9A-Za-z_.(])"
)
_NAME = re.compile(r"[A-Za-z_\\][A-Za-z0-9_.]*")
_SHEET_NAME = re.compile(r"[^\W\d][\w.]*!")
_NUMBER = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[Ee][+-]?[0-9]+)?")
_ERROR = re.compile(r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA)")
_OPERATORS = ("<>", "<=", ">=", "+", "-", "*", "/", "^", "&", "=", "<", ">", "%")


def column_index(letters: str) -> int:
    """0-based index of a column named by letters (A is 0, AA is 26)."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def tokens(formula: str) -> list[Token]:
    """The tokens of a formula (with or without its leading '='); raise UnsupportedFormula."""
    text = formula[1:] if formula.startswith("=") else formula
    if len(text) > MAX_FORMULA:
        raise UnsupportedFormula("too long")
    found: list[Token] = []
    at = 0
    while at < len(text):
        if len(found) > MAX_TOKENS:
            raise UnsupportedFormula("too many tokens")
        ch = text[at]
        if ch in " \t\r\n":
            at += 1
            continue
        token, at = _next_token(text, at)
        found.append(token)
    return found


_COMMON = re.compile(
    r"(?P<ref>" + _REF_BODY.pattern + r")"
    r"|(?P<num>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[Ee][+-]?[0-9]+)?)"
    r"|(?P<op><>|<=|>=|[-+*/^&=<>%])|(?P<open>\()|(?P<close>\))|(?P<sep>,)"
)
_KINDS = {"num", "op", "open", "close", "sep"}


def _next_token(text: str, at: int) -> tuple[Token, int]:
    common = _COMMON.match(text, at)
    if common is not None and not _SHEET_NAME.match(text, at):
        kind = common.lastgroup or ""
        if kind in _KINDS:
            return Token(kind, common.group()), common.end()
        ref = _REF_BODY.match(text, at)
        if ref is not None:
            return Token("ref", ref.group(), _ref_of(None, ref)), ref.end()
    ch = text[at]
    if ch == '"':
        end = at + 1
        while True:
            end = text.find('"', end)
            if end < 0:
                raise UnsupportedFormula("unclosed text")
            if text.startswith('""', end):
                end += 2
                continue
            return Token("str", text[at : end + 1]), end + 1
    if ch == "'":
        return _quoted_sheet_ref(text, at)
    if ch == "[" or ch == "{":
        raise UnsupportedFormula("external or array reference")
    if ch in "(),":
        kind = {"(": "open", ")": "close", ",": "sep"}[ch]
        return Token(kind, ch), at + 1
    if ch == "#":
        match = _ERROR.match(text, at)
        if not match:
            raise UnsupportedFormula("unknown error literal")
        return Token("err", match.group()), match.end()
    for op in _OPERATORS:
        if text.startswith(op, at):
            return Token("op", op), at + len(op)
    return _word_token(text, at)


def _word_token(text: str, at: int) -> tuple[Token, int]:
    sheet_match = _SHEET_NAME.match(text, at)
    if sheet_match:
        return _ref_after(text, sheet_match.end(), text[at : sheet_match.end() - 1], at)
    ref = _REF_BODY.match(text, at)
    if ref:
        return Token("ref", ref.group(), _ref_of(None, ref)), ref.end()
    number = _NUMBER.match(text, at)
    if number:
        return Token("num", number.group()), number.end()
    name = _NAME.match(text, at)
    if not name:
        raise UnsupportedFormula(f"unexpected {text[at]!r}")
    word = name.group()
    after = name.end()
    if after < len(text) and text[after] == "(":
        return Token("fn", word), after
    if word.upper() in ("TRUE", "FALSE"):
        return Token("bool", word.upper()), after
    raise UnsupportedFormula(f"name {word!r}")  # defined names and table references


def _quoted_sheet_ref(text: str, at: int) -> tuple[Token, int]:
    end = at + 1
    while True:
        end = text.find("'", end)
        if end < 0:
            raise UnsupportedFormula("unclosed sheet name")
        if text.startswith("''", end):
            end += 2
            continue
        break
    if not text.startswith("!", end + 1):
        raise UnsupportedFormula("quoted name without a reference")
    sheet = text[at + 1 : end].replace("''", "'")
    return _ref_after(text, end + 2, sheet, at)


def _ref_after(text: str, at: int, sheet: str, start: int) -> tuple[Token, int]:
    if "[" in sheet or "]" in sheet:
        raise UnsupportedFormula("external workbook")
    ref = _REF_BODY.match(text, at)
    if not ref:
        raise UnsupportedFormula("sheet name without a reference")
    return Token("ref", text[start : ref.end()], _ref_of(sheet, ref)), ref.end()


def _ref_of(sheet: str | None, match: re.Match[str]) -> Ref:
    g = match.groups()
    if g[0] is not None:  # a cell, or a range of cells
        first = (int(g[1]) - 1, column_index(g[0]))
        last = (int(g[3]) - 1, column_index(g[2])) if g[2] is not None else first
        return Ref(
            sheet,
            min(first[0], last[0]),
            min(first[1], last[1]),
            max(first[0], last[0]),
            max(first[1], last[1]),
        )
    if g[4] is not None:  # whole columns
        a, b = column_index(g[4]), column_index(g[5])
        return Ref(sheet, 0, min(a, b), None, max(a, b))
    a, b = int(g[6]) - 1, int(g[7]) - 1  # whole rows
    return Ref(sheet, min(a, b), 0, max(a, b), None)


def bare_name(function: str) -> str:
    """A function's name without the _xlfn./_xlws. prefixes newer Excel writes, upper-cased."""
    name = function.upper()
    for prefix in ("_XLFN.", "_XLWS."):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name


# --------------------------------------------------------------------------- syntax tree
_BINARY = {
    "=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2,
    "+": 3, "-": 3, "*": 4, "/": 4, "^": 5,
}  # fmt: skip


def parse(formula: str) -> Node:
    """The syntax tree of a formula; raise UnsupportedFormula."""
    return parse_tokens(tokens(formula))


def parse_tokens(items: list[Token]) -> Node:
    """The syntax tree of a formula's tokens; raise UnsupportedFormula."""
    parser = _Parser(items)
    node = parser.expression(0)
    if parser.at != len(parser.items):
        raise UnsupportedFormula("trailing tokens")
    return node


class _Parser:
    """Precedence climbing over the tokens (Excel's: unary minus binds tighter than ^)."""

    def __init__(self, items: list[Token]) -> None:
        self.items = items
        self.at = 0

    def peek(self) -> Token | None:
        return self.items[self.at] if self.at < len(self.items) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise UnsupportedFormula("unexpected end")
        self.at += 1
        return token

    def expression(self, least: int) -> Node:
        left = self.unary()
        while True:
            token = self.peek()
            if token is None or token.kind != "op":
                return left
            if token.text == "%":
                self.at += 1
                left = ("pct", left)
                continue
            strength = _BINARY[token.text]
            if strength < least:
                return left
            self.at += 1
            right = self.expression(strength + 1)
            left = ("bin", token.text, left, right)

    def unary(self) -> Node:
        token = self.take()
        if token.kind == "op" and token.text in "+-":
            inner = self.unary()
            return ("neg", inner) if token.text == "-" else ("pos", inner)
        return self.operand(token)

    def operand(self, token: Token) -> Node:
        if token.kind == "num":
            return ("num", float(token.text))
        if token.kind in ("str", "bool", "err"):
            return (token.kind, token.text)
        if token.kind == "ref":
            return ("ref", token.ref)
        if token.kind == "open":
            inner = self.expression(0)
            if self.take().kind != "close":
                raise UnsupportedFormula("unbalanced parentheses")
            return inner
        if token.kind == "fn":
            return self.call(bare_name(token.text))
        raise UnsupportedFormula(f"unexpected {token.text!r}")

    def call(self, name: str) -> Node:
        if self.take().kind != "open":
            raise UnsupportedFormula("call without parentheses")
        args: list[Node] = []
        token = self.peek()
        if token is not None and token.kind == "close":
            self.at += 1
            return ("fn", name, args)
        while True:
            args.append(self.expression(0))
            token = self.take()
            if token.kind == "close":
                return ("fn", name, args)
            if token.kind != "sep":
                raise UnsupportedFormula("bad argument list")


# --------------------------------------------------------------------------- linear form
Cell = tuple[str | None, int, int]
"""(sheet or None for the formula's own, 0-based row, 0-based column)."""


def linear_form(node: Node) -> dict[Cell, Fraction] | None:
    """The cells a formula adds up, each with its coefficient, when it is a sum of cells times
    constants (SUM, + and -, and * or / by a number); None for any other formula."""
    found = _linear(node)
    if found is None:
        return None
    cells, _constant = found
    return {cell: weight for cell, weight in cells.items() if weight}


def _linear(node: Node) -> tuple[dict[Cell, Fraction], Fraction] | None:
    kind = node[0]
    if kind == "num":
        return {}, Fraction(str(node[1]))
    if kind == "ref":
        return _ref_cells(node[1])  # type: ignore[arg-type]
    if kind in ("neg", "pos"):
        inner = _linear(node[1])  # type: ignore[arg-type]
        return inner if inner is None or kind == "pos" else _scaled(inner, Fraction(-1))
    if kind == "fn" and node[1] == "SUM":
        return _added([_linear(arg) for arg in node[2]])  # type: ignore[attr-defined]
    if kind == "bin":
        return _linear_binary(str(node[1]), _linear(node[2]), _linear(node[3]))  # type: ignore[arg-type]
    return None


def _linear_binary(
    op: str,
    left: tuple[dict[Cell, Fraction], Fraction] | None,
    right: tuple[dict[Cell, Fraction], Fraction] | None,
) -> tuple[dict[Cell, Fraction], Fraction] | None:
    if left is None or right is None:
        return None
    if op == "+":
        return _added([left, right])
    if op == "-":
        return _added([left, _scaled(right, Fraction(-1))])
    if op == "*" and not right[0]:
        return _scaled(left, right[1])
    if op == "*" and not left[0]:
        return _scaled(right, left[1])
    if op == "/" and not right[0] and right[1]:
        return _scaled(left, 1 / right[1])
    return None


def _ref_cells(ref: Ref) -> tuple[dict[Cell, Fraction], Fraction] | None:
    if ref.last_row is None or ref.last_col is None:
        return None
    height = ref.last_row - ref.first_row + 1
    width = ref.last_col - ref.first_col + 1
    if height * width > MAX_LINEAR_CELLS:
        return None
    cells = {
        (ref.sheet, r, c): Fraction(1)
        for r in range(ref.first_row, ref.last_row + 1)
        for c in range(ref.first_col, ref.last_col + 1)
    }
    return cells, Fraction(0)


def _added(
    parts: list[tuple[dict[Cell, Fraction], Fraction] | None],
) -> tuple[dict[Cell, Fraction], Fraction] | None:
    cells: dict[Cell, Fraction] = {}
    constant = Fraction(0)
    for part in parts:
        if part is None:
            return None
        for cell, weight in part[0].items():
            cells[cell] = cells.get(cell, Fraction(0)) + weight
        constant += part[1]
    return cells, constant


def _scaled(
    part: tuple[dict[Cell, Fraction], Fraction], factor: Fraction
) -> tuple[dict[Cell, Fraction], Fraction]:
    return {cell: weight * factor for cell, weight in part[0].items()}, part[1] * factor
