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

from mtqg_cli.read.formula_cells import CellKey, FormulaCell, SheetFormulas
from mtqg_cli.read.formula_text import MAX_FORMULA
from mtqg_cli.read.ods_tables import TABLE, OdsTableWalk, repeated
from mtqg_cli.read.xml_parts import Stop, member, stream

_FORMULA = f"{TABLE} formula"
_VALUE_TYPE = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0 value-type"
_CELL_TAGS = (f"{TABLE} table-cell", f"{TABLE} covered-table-cell")
MAX_FORMULA_CELLS = 1_000_000
"""Formula cells kept per workbook; beyond, those read so far stand (the audit is a refinement)."""

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


class _Reading(OdsTableWalk[FormulaCell]):
    """The state of one pass over content.xml: each table's formula cells; of a cell whose
    value is an error (`calcext:value-type="error"`), the error as its text shows it."""

    def __init__(self) -> None:
        super().__init__(MAX_FORMULA_CELLS)
        self.error: tuple[FormulaCell, list[CellKey]] | None = None  # the error cell open
        self.error_text: list[str] = []

    def parser(self) -> pyexpat.XMLParserType:
        parser = super().parser()
        parser.CharacterDataHandler = self.characters
        return parser

    def cell(self, attrs: dict[str, str]) -> None:
        formula = attrs.get(_FORMULA)
        text = excel_text(formula) if formula else None
        if not text:
            return
        cell = FormulaCell(text, saved=True)
        self.put(cell, attrs)
        if attrs.get(_VALUE_TYPE) == "error":
            columns = range(self.column, self.column + repeated(attrs, "columns"))
            self.error, self.error_text = (cell, [(r, c) for r in self.rows for c in columns]), []

    def characters(self, data: str) -> None:
        if self.error is not None and len(self.error_text) < 8:
            self.error_text.append(data)

    def other_end(self, tag: str) -> None:
        if self.error is None or tag not in _CELL_TAGS:
            return
        cell, keys = self.error
        code = "".join(self.error_text).strip()[:16] or "#VALUE!"
        for key in keys:
            if key in self.cells:  # within the budget and the grid
                self.cells[key] = FormulaCell(cell.text, saved=True, error=code)
        self.error = None
