"""The formula cells of an .ods (content.xml, streamed once), written as Excel writes them.

LibreOffice saves each formula's value (calamine reads it), so these formulas are never computed:
they are read for the SUM-range audit only (`formula_audit`). OpenFormula's references
(`[.E10:.E12]`, `[$'Vốn SN'.A1]`) become Excel's (`E10:E12`, `'Vốn SN'!A1`) and its argument
separator `;` a comma; anything else is left as written, for `formula_text` to accept or refuse.
"""

from __future__ import annotations

import contextlib
import pyexpat
import re
import zipfile

from mtqg_cli.formula_cells import FormulaCell, SheetFormulas
from mtqg_cli.formula_text import MAX_FORMULA
from mtqg_cli.xml_parts import Stop, member, stream, to_int, xml_parser

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_FORMULA, _COLUMNS = f"{_TABLE} formula", f"{_TABLE} number-columns-repeated"
MAX_FORMULA_CELLS = 1_000_000
"""Formula cells kept per workbook; beyond, those read so far stand (the audit is a refinement)."""
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384

_SHEET = r"\$?(?:'(?:[^']|'')*'|[^.\[\]';]*)"
_CELL = r"\$?[A-Za-z]{1,3}\$?[0-9]{1,7}"
_REFERENCE = re.compile(rf"\[({_SHEET})?\.({_CELL})(?::({_SHEET})?\.({_CELL}))?\]")
_PREFIX = re.compile(r"^(?:of|oooc|msoxl)?:?=")
_MARK = b":formula="
_READ_ERRORS = (
    Stop,
    ValueError,
    OSError,
    KeyError,
    EOFError,
    zipfile.BadZipFile,
    pyexpat.ExpatError,
)


def read_ods_formulas(archive: zipfile.ZipFile) -> dict[str, SheetFormulas]:
    """{table name: its formula cells} of an .ods, each with its value saved; empty when none
    (or content.xml cannot be read: formulas refine a reading, they never stop one)."""
    reading = _Reading()
    with contextlib.suppress(*_READ_ERRORS):  # what was read before a failure stands
        if _has_formulas(archive):
            stream(archive, "content.xml", reading.parser())
    return {name: cells for name, cells in reading.found.items() if cells}


def _has_formulas(archive: zipfile.ZipFile) -> bool:
    """Whether content.xml holds a formula attribute: a byte search, so an .ods without formulas
    is not parsed a second time."""
    found = member(archive, "content.xml")
    if found is None:
        return False
    tail = b""
    with archive.open(found) as part:
        while chunk := part.read(1 << 20):
            if _MARK in tail + chunk:
                return True
            tail = chunk[-len(_MARK) :]
    return False


def excel_text(formula: str) -> str | None:
    """An OpenFormula text as Excel writes it (without '='); None when it is not OpenFormula."""
    prefix = _PREFIX.match(formula)
    if prefix is None or len(formula) > MAX_FORMULA + 16:
        return None
    body = formula[prefix.end() :]
    if '"' not in body:
        return _plain_part(body)
    pieces = re.split(r'("(?:[^"]|"")*")', body)  # string literals keep their ';' and '['
    return "".join(p if i % 2 else _plain_part(p) for i, p in enumerate(pieces))


def _plain_part(text: str) -> str:
    return _REFERENCE.sub(_reference, text).replace(";", ",")


def _reference(match: re.Match[str]) -> str:
    sheet, first, _, last = match.groups()
    name = (sheet or "").lstrip("$")
    prefix = ""
    if name:
        prefix = (name if name.startswith("'") else f"'{name}'") + "!"
    return f"{prefix}{first}:{last}" if last else f"{prefix}{first}"


class _Reading:
    """The state of one pass over content.xml: each table's rows and cells."""

    def __init__(self) -> None:
        self.found: dict[str, SheetFormulas] = {}
        self.depth = 0  # tables open (a table nested in a cell is not a sheet)
        self.cells: SheetFormulas = {}
        self.row = self.column = 0
        self.rows = range(0)
        self.budget = MAX_FORMULA_CELLS

    def parser(self) -> pyexpat.XMLParserType:
        parser = xml_parser(self.start)
        parser.EndElementHandler = self.end
        return parser

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_TABLE} table":
            self.depth += 1
            if self.depth == 1:
                self.cells = self.found.setdefault(attrs.get(f"{_TABLE} name", ""), {})
                self.row = 0
        elif self.depth != 1:
            return
        elif tag == f"{_TABLE} table-row":
            self.column = 0
            repeat = _repeat(attrs, "rows")
            self.rows = range(self.row, min(self.row + repeat, MAX_ROWS))
            self.row += repeat
        elif tag in (f"{_TABLE} table-cell", f"{_TABLE} covered-table-cell"):
            self.cell(attrs)

    def end(self, tag: str) -> None:
        if tag == f"{_TABLE} table":
            self.depth -= 1

    def cell(self, attrs: dict[str, str]) -> None:
        repeat = _repeat(attrs, "columns") if _COLUMNS in attrs else 1
        formula = attrs.get(_FORMULA)
        text = excel_text(formula) if formula else None
        if text:
            for row in self.rows:
                for column in range(self.column, min(self.column + repeat, MAX_COLUMNS)):
                    self.cells[(row, column)] = FormulaCell(text, saved=True)
                    self.budget -= 1
                    if self.budget <= 0:
                        raise Stop("full")
        self.column += repeat


def _repeat(attrs: dict[str, str], what: str) -> int:
    return max(to_int(attrs.get(f"{_TABLE} number-{what}-repeated", "1")), 1)
