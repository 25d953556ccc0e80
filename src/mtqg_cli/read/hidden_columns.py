"""Which columns of each sheet are hidden (.xlsx <col hidden>, .ods collapsed columns, .xls COLINFO).

A form often keeps a column from an earlier version hidden ("Kế hoạch vốn năm 2022" beside this
year's plan): `column_choice` lets a visible column win over a hidden one with the same header
when the arithmetic does not say otherwise. Read lazily, once per workbook, and only when a
table has such doubtful columns.
"""

from __future__ import annotations

import pyexpat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqg_cli.read.cell_formats import office_document, worksheets
from mtqg_cli.read.xml_parts import (
    KnownParts,
    Parts,
    Stop,
    per_format,
    stream,
    to_int,
    xml_parser,
)

MAX_COLUMN = 16_384
"""Columns of a sheet (XFD): a hidden range beyond is cut there."""
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


@dataclass
class HiddenColumns:
    """The hidden columns of every sheet of one workbook, read on first use."""

    path: Path
    kind: str  # "xlsx", "ods" or "xls"
    known: KnownParts | None = field(default=None, repr=False, compare=False)
    """The parts the limits check kept, read again from memory."""
    _sheets: dict[str, frozenset[int]] | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "known": None}  # a copy sent to another process reads the file

    def of(self, sheet: str) -> frozenset[int]:
        """The 0-based hidden columns of one sheet (empty when none, or unreadable)."""
        if self._sheets is None:
            self._sheets = read_hidden_columns(self.path, self.kind, self.known)
            self.known = None
        return self._sheets.get(sheet, frozenset())


def read_hidden_columns(
    path: Path, kind: str, known: KnownParts | None = None
) -> dict[str, frozenset[int]]:
    """{sheet: hidden columns}; {} when the parts cannot be read (visibility only refines which
    of two columns is meant: without it the arithmetic and the headers still decide)."""
    return per_format(path, kind, known, xls=_xls_hidden, ods=_ods_hidden, xlsx=_xlsx_hidden)


def _xlsx_hidden(archive: Parts) -> dict[str, frozenset[int]]:
    return {
        name: _xlsx_sheet_hidden(archive, part)
        for name, part in worksheets(archive, office_document(archive))
    }


def _xlsx_sheet_hidden(archive: Parts, part: str) -> frozenset[int]:
    """The columns a worksheet's <cols> hides (read up to <sheetData>, which follows it)."""
    hidden: set[int] = set()

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        if local == "sheetData":
            raise Stop("done")
        if local == "col" and attrs.get("hidden") in ("1", "true"):
            first, last = to_int(attrs.get("min")), to_int(attrs.get("max"))
            if first >= 1:
                hidden.update(range(first - 1, min(max(last, first), MAX_COLUMN)))

    archive.stream(part, xml_parser(start))
    return frozenset(hidden)


def _ods_hidden(archive: zipfile.ZipFile) -> dict[str, frozenset[int]]:
    """Each table's columns whose visibility is collapse (or filter), content.xml streamed once."""
    found: dict[str, set[int]] = {}
    state = {"depth": 0, "column": 0}
    current: list[set[int]] = [set()]

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_TABLE} table":
            state["depth"] += 1
            if state["depth"] == 1:
                current[0] = found.setdefault(attrs.get(f"{_TABLE} name", ""), set())
                state["column"] = 0
        elif tag == f"{_TABLE} table-column" and state["depth"] == 1:
            repeat = max(to_int(attrs.get(f"{_TABLE} number-columns-repeated", "1")), 1)
            first = state["column"]
            if attrs.get(f"{_TABLE} visibility", "visible") != "visible":
                current[0].update(range(first, min(first + repeat, MAX_COLUMN)))
            state["column"] = first + repeat

    def end(tag: str) -> None:
        if tag == f"{_TABLE} table":
            state["depth"] -= 1

    parser: pyexpat.XMLParserType = xml_parser(start)
    parser.EndElementHandler = end
    stream(archive, "content.xml", parser)
    return {name: frozenset(cols) for name, cols in found.items()}


def _xls_hidden(path: Path) -> dict[str, frozenset[int]]:
    """The COLINFO records that hide columns, read with xlrd (no output to the console)."""
    import io

    import xlrd

    book: Any = xlrd.open_workbook(
        str(path), formatting_info=True, on_demand=True, logfile=io.StringIO()
    )
    try:
        found: dict[str, frozenset[int]] = {}
        for name in book.sheet_names():
            sheet = book.sheet_by_name(name)
            found[name] = frozenset(c for c, info in sheet.colinfo_map.items() if info.hidden)
            book.unload_sheet(name)
        return found
    finally:
        book.release_resources()
