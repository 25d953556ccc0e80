"""The formula cells of an .xlsx/.xlsm, read from its sheet XML only when a sheet has any.

Which sheets hold a formula is noticed by the limits check (`limits.CheckedArchive`), which
inflates every part anyway, with a plain byte search for a closing formula tag: a workbook
without formulas costs nothing more here, not even a look at workbook.xml. Only a sheet with formulas
is read whole, with a regular expression over bytes (no XML parser is handed an untrusted
document). Shared formulas (Excel's fill-down) are moved to each cell they fill.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass

from mtqg_cli.read.formula_text import column_index

CellKey = tuple[int, int]
"""(0-based row, 0-based column)."""

MAX_PART = 50_000_000
"""Bytes of workbook.xml or its relationships read at most (the limits bound the sheets)."""


@dataclass(frozen=True)
class FormulaCell:
    """A cell's formula (without '='), whether the value saved with it can be trusted, and
    the Excel error saved as its value (#VALUE!, #REF! …), which every reader gives as blank."""

    text: str
    saved: bool
    error: str | None = None


SheetFormulas = dict[CellKey, FormulaCell]

_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_ATTR_NAME = re.compile(rb'\bname="([^"]*)"')
_ATTR_RID = re.compile(rb'\b(?:\w+:)?id="([^"]*)"')
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_ATTR_ID = re.compile(rb'\bId="([^"]*)"')
_ATTR_TARGET = re.compile(rb'\bTarget="([^"]*)"')
_FULL_CALC = re.compile(rb'<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad="(?:1|true)"')
_FORMULA_CELL = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b([^>]*?)(?:/>|>([^<]*)</(?:\w+:)?f>)"
    rb"\s*(?:<(?:\w+:)?v\b[^>]*?(/>|>([^<]*)</(?:\w+:)?v>))?"
)
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_ATTR_T = re.compile(rb'\bt="([^"]*)"')
_ATTR_SI = re.compile(rb'\bsi="([0-9]+)"')


def read_formulas(
    archive: zipfile.ZipFile, parts: frozenset[str] | None = None
) -> dict[str, SheetFormulas]:
    """{sheet name: its formula cells} for the sheets holding formulas; empty when none do or
    the workbook's parts cannot be read (formulas refine a reading, they never stop one).

    `parts`: the sheet parts known to hold formulas (noticed by the limits check, which inflates
    every part anyway); None: each sheet is inflated and searched here."""
    if parts is not None and not parts:
        return {}
    try:
        workbook = _read_part(archive, "xl/workbook.xml")
        relations = _read_part(archive, "xl/_rels/workbook.xml.rels")
    except (KeyError, OSError, zipfile.BadZipFile):
        return {}
    recalculate = _FULL_CALC.search(workbook) is not None
    targets = _targets(relations)
    found: dict[str, SheetFormulas] = {}
    for name, rid in _sheets(workbook):
        part = targets.get(rid)
        if part is None or (parts is not None and part not in parts):
            continue
        try:
            xml = _with_formulas(archive, part)
            if xml is None:
                continue
            cells = _formula_cells(xml, recalculate)
        except (KeyError, OSError, zipfile.BadZipFile, EOFError):
            continue
        if cells:
            found[name] = cells
    return found


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as part:
        return part.read(MAX_PART)


def _sheets(workbook: bytes) -> list[tuple[str, str]]:
    sheets = []
    for match in _SHEET.finditer(workbook):
        attributes = match.group(1)
        name, rid = _ATTR_NAME.search(attributes), _ATTR_RID.search(attributes)
        if name and rid:
            sheets.append((_text(name.group(1)), _text(rid.group(1))))
    return sheets


def _targets(relations: bytes) -> dict[str, str]:
    targets = {}
    for match in _RELATION.finditer(relations):
        attributes = match.group(1)
        rid, target = _ATTR_ID.search(attributes), _ATTR_TARGET.search(attributes)
        if rid and target:
            path = _text(target.group(1))
            path = path[1:] if path.startswith("/") else posixpath.join("xl", path)
            targets[_text(rid.group(1))] = posixpath.normpath(path)
    return targets


def _text(raw: bytes) -> str:
    import html  # its entity table costs ~2 ms to import: only workbooks with formulas pay it

    return html.unescape(raw.decode("utf-8", "replace"))


def _with_formulas(archive: zipfile.ZipFile, part: str) -> bytes | None:
    """The sheet's XML when it holds a formula (a closing formula tag, prefixed or not), else
    None: one inflation and a plain byte search, no regular expression, over a sheet without."""
    xml = archive.read(part)
    return xml if b"</f>" in xml or b":f>" in xml else None


def _formula_cells(xml: bytes, recalculate: bool) -> SheetFormulas:
    cells: SheetFormulas = {}
    shared: dict[bytes, tuple[str, str]] = {}  # si -> (master formula, master cell)
    for match in _FORMULA_CELL.finditer(xml):
        cell_attrs, f_attrs, f_text, v_end, v_text = match.groups()
        where = _CELL_REF.search(cell_attrs)
        if where is None:
            continue
        kind = _ATTR_T.search(f_attrs)
        if kind and kind.group(1) == b"dataTable":
            continue
        address = (where.group(1) + where.group(2)).decode()
        text = _text(f_text) if f_text else ""
        si = _ATTR_SI.search(f_attrs)
        if kind and kind.group(1) == b"shared" and si:
            if text:
                shared[si.group(1)] = (text, address)
            elif si.group(1) in shared:
                text = _translated(*shared[si.group(1)], address)
        if not text:
            continue
        key = (int(where.group(2)) - 1, column_index(where.group(1).decode()))
        saved = _saved(v_end, v_text, cell_attrs) and not recalculate
        error = _error(cell_attrs, v_text) if saved and b'"e"' in cell_attrs else None
        cells[key] = FormulaCell(text, saved, error)
    return cells


def _error(cell_attrs: bytes, v_text: bytes | None) -> str | None:
    """The Excel error saved as the cell's value (`t="e"`), or None."""
    kind = _ATTR_T.search(cell_attrs)
    if not (kind and kind.group(1) == b"e" and v_text):
        return None
    return _text(v_text).strip()[:16] or None


def _saved(v_end: bytes | None, v_text: bytes | None, cell_attrs: bytes) -> bool:
    """A value was saved with the formula: a <v> with text (an empty text result counts)."""
    if v_end is None or v_end == b"/>":
        return False
    if v_text:
        return True
    kind = _ATTR_T.search(cell_attrs)
    return bool(kind and kind.group(1) == b"str")


def _translated(master: str, origin: str, address: str) -> str:
    """A shared formula as it reads in one of the cells it fills (openpyxl's translator)."""
    from openpyxl.formula.translate import Translator

    try:
        return str(Translator("=" + master, origin=origin).translate_formula(address))[1:]
    except Exception:  # a formula the translator cannot move: left unread, never guessed
        return ""
