"""Which cells a workbook shows as percentages (.xlsx/.xlsm styles, .ods value types, .xls XF
records), all sheets in one pass."""

from __future__ import annotations

import contextlib
import posixpath
import pyexpat
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtqg_cli.read.ods_formats import ods_percent_cells
from mtqg_cli.read.xml_parts import (
    MAX_PERCENT_CELLS,
    Cells,
    KnownParts,
    Parts,
    Stop,
    per_format,
    to_int,
    xml_parser,
)

FormatReader = Callable[[int, int, int], dict[int, str]]
"""(column, first_row, last_row), 0-based -> {row: number format} of that column's percent cells."""

MAX_STYLES = 200_000
"""Number formats and cell styles read from styles.xml, at most (Excel allows 64,000 styles)."""
_BUILTIN_PERCENT = {9: "0%", 10: "0.00%"}
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"


class PercentCells:
    """The percent-formatted cells of every sheet of one workbook, read on first use: the styles
    once and each sheet's XML streamed once, whichever sheet asks first (never one load per sheet)."""

    def __init__(self, path: Path, kind: str, known: KnownParts | None = None) -> None:
        self.path = path
        self.kind = kind  # "xlsx", "ods" or "xls"
        self.known = known  # the parts the limits check kept, read again from memory
        self._sheets: dict[str, Cells] | None = None

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "known": None}  # a copy sent to another process reads the file

    def reader(self, sheet: str) -> FormatReader:
        """The format reader of one sheet, as `RawSheet.formats` holds it."""
        return SheetPercentCells(self, sheet)

    def sheet_cells(self, sheet: str) -> Cells:
        """{(row, column): percent format} of one sheet (0-based); empty when unreadable."""
        if self._sheets is None:
            self._sheets = scan_workbook(self.path, self.kind, known=self.known)
            self.known = None
        return self._sheets.get(sheet, {})


@dataclass(frozen=True)
class SheetPercentCells:
    """One sheet's format reader: an object, so that a worker process can send it back."""

    workbook: PercentCells
    sheet: str

    def __call__(self, column: int, first_row: int, last_row: int) -> dict[int, str]:
        cells = self.workbook.sheet_cells(self.sheet)
        return {
            row: fmt
            for (row, col), fmt in cells.items()
            if col == column and first_row <= row <= last_row
        }


def preload(reader: FormatReader | None) -> None:
    """Read the percent cells of the reader's workbook now rather than on first use (a worker
    reading ahead does it while the file before is checked)."""
    if isinstance(reader, SheetPercentCells):
        reader.workbook.sheet_cells(reader.sheet)


def scan_workbook(path: Path, kind: str, known: KnownParts | None = None) -> dict[str, Cells]:
    """Every sheet's percent cells, in one opening of the archive (none when the limits check
    kept the parts needed); {} when the parts cannot be read (formats refine what the values
    say; without them the values still stand)."""
    return per_format(
        path, kind, known, xls=_xls_percent_cells, ods=ods_percent_cells, xlsx=_xlsx_percent_cells
    )


def _xlsx_percent_cells(archive: Parts) -> dict[str, Cells]:
    book = office_document(archive)
    targets = _relationships(archive, _rels_name(book), book)  # parsed once for both
    styles = _percent_styles(
        archive, next((t for k, t in targets.values() if k.endswith("/styles")), None)
    )
    if not styles:
        return {}  # no cell style shows a percentage: no cell to look at
    found: dict[str, Cells] = {}
    budget = [MAX_PERCENT_CELLS]
    for name, part in worksheets(archive, book, targets):
        found[name] = _sheet_percent_cells(archive, part, styles, budget)
    return found


def office_document(archive: Parts) -> str:
    """The workbook part, as the package's root relationships name it."""
    targets = _relationships(archive, "_rels/.rels", "")
    return next((t for kind, t in targets.values() if kind.endswith("/officeDocument")), "")


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


Targets = Mapping[str, tuple[str, str]]
"""{relationship id: (type, part name)} of a relationships part (read only: may be shared)."""
_KNOWN_TARGETS: dict[tuple[bytes, str], Targets] = {}
"""The targets of the relationships parts parsed already, by (bytes, source part): the files
of a batch made from one template share them."""
KNOWN_TARGETS_MAX = 256
KNOWN_RELS_BYTES = 64 * 1024
"""Largest relationships part remembered (real ones are a few hundred bytes)."""


def _relationships(archive: Parts, rels: str, source: str) -> Targets:
    """`_parse_relationships`, once for the same bytes (kept by the limits check) and source."""
    data = archive.read(rels)
    if data is None or len(data) > KNOWN_RELS_BYTES:
        return _parse_relationships(archive, rels, source)
    known = _KNOWN_TARGETS.get((data, source))
    if known is None:
        if len(_KNOWN_TARGETS) >= KNOWN_TARGETS_MAX:
            _KNOWN_TARGETS.clear()
        known = _KNOWN_TARGETS[data, source] = _parse_relationships(archive, rels, source)
    return known


def _parse_relationships(archive: Parts, rels: str, source: str) -> Targets:
    """{id: (type, part name)} of a relationships part, targets resolved against `source`."""
    found: dict[str, tuple[str, str]] = {}
    base = posixpath.dirname(source)

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_PKG_REL} Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            name = target[1:] if target.startswith("/") else posixpath.join(base, target)
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), posixpath.normpath(name))

    archive.stream(rels, xml_parser(start))
    return found


def worksheets(
    archive: Parts, book: str, targets: Targets | None = None
) -> Iterator[tuple[str, str]]:
    """(sheet name, part name) of each worksheet, through the workbook's relationships (read
    here unless the caller has them)."""
    if targets is None:
        targets = _relationships(archive, _rels_name(book), book)
    sheets: list[tuple[str, str]] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition(" ")[2] == "sheet":
            key = next((v for k, v in attrs.items() if k.endswith("relationships id")), "")
            kind, part = targets.get(key, ("", ""))
            if kind.endswith("/worksheet") and archive.member(part) is not None:
                sheets.append((attrs.get("name", ""), part))

    archive.stream(book, xml_parser(start))
    yield from sheets


def _percent_styles(archive: Parts, styles: str | None) -> dict[str, str]:
    """{cell style index (as written in s=): format} of the cell styles that show percentages."""
    if styles is None:
        return {}
    data = archive.read(styles)
    if data is not None and no_percent_format(data):
        return {}  # the parse below would find no style showing a percentage
    custom: dict[int, str] = {}
    cell_formats: list[int] = []
    inside = [False]

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        if len(custom) + len(cell_formats) > MAX_STYLES:
            raise Stop("full")  # Excel allows 64,000 cell formats: the rest is not a style
        if local == "numFmt":
            custom[to_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")[:255]
        elif local == "cellXfs":
            inside[0] = True
        elif local in ("cellStyleXfs", "dxfs"):
            inside[0] = False
        elif local == "xf" and inside[0]:
            cell_formats.append(to_int(attrs.get("numFmtId")))

    archive.stream(styles, xml_parser(start))
    found: dict[str, str] = {}
    for index, number_format in enumerate(cell_formats):
        code = custom.get(number_format, _BUILTIN_PERCENT.get(number_format, ""))
        if shows_percent(code):
            found[str(index)] = code
    return found


def no_percent_format(styles: bytes) -> bool:
    """Whether a styles part plainly defines no percentage: no '%' (a custom format's sign) and
    no numFmtId naming a built-in percentage (9, 10), in UTF-8 or a single-byte encoding that
    writes ASCII as ASCII, with no reference (&#37;) to hide either. False when in doubt."""
    if b"%" in styles or b"&" in styles or b"\0" in styles:
        return False
    declared = _ENCODING.match(styles)
    if declared is not None and declared[1].lower() not in _ASCII_ENCODINGS:
        return False
    for value in set(_FORMAT_ID.findall(styles)):
        if not value.isascii() or to_int(value.decode()) in _BUILTIN_PERCENT:
            return False
    return True


_ENCODING = re.compile(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
_ASCII_ENCODINGS = {b"utf-8", b"utf8", b"us-ascii", b"ascii", b"iso-8859-1", b"latin-1"}
_FORMAT_ID = re.compile(rb"numFmtId\s*=\s*[\"']([^\"']*)[\"']")


def shows_percent(code: str) -> bool:
    """Whether a number format multiplies by 100: a % outside quotes and not escaped."""
    quoted = escaped = False
    for char in code:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "%" and not quoted:
            return True
    return False


def _sheet_percent_cells(
    archive: Parts, part: str, styles: dict[str, str], budget: list[int]
) -> Cells:
    """{(row, column): format} of the cells of one worksheet whose style shows a percentage."""
    cells: Cells = {}
    row = [-1]  # the current row's index
    last: list[str | int] = [-1]  # the last cell's reference, or its column when it had none
    cell_tags = {f"{_MAIN} c", f"{_STRICT} c"}
    row_tags = {f"{_MAIN} row", f"{_STRICT} row"}
    default = styles.get("0")

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag in cell_tags:
            ref = attrs.get("r")
            if ref is None:  # placed after the cell before it
                last[0] = _column_of(last[0]) + 1
            else:
                last[0] = ref
            style = attrs.get("s")
            fmt = styles.get(style) if style is not None else default
            if fmt is not None:  # the reference is read for these cells only (the hot path)
                place = _cell_place(ref) if ref else (row[0], _column_of(last[0]))
                if place is not None and place[0] >= 0:
                    cells[place] = fmt
                    budget[0] -= 1
                    if budget[0] <= 0:
                        raise Stop("full")
        elif tag in row_tags:
            number = to_int(attrs.get("r"))
            row[0] = number - 1 if number > 0 else row[0] + 1
            last[0] = -1

    with contextlib.suppress(pyexpat.ExpatError):  # broken part way: the formats read so far
        archive.stream(part, xml_parser(start))
    return cells


def _column_of(last: str | int) -> int:
    if isinstance(last, int):
        return last
    place = _cell_place(last)
    return place[1] if place else -1


def _cell_place(ref: str) -> tuple[int, int] | None:
    """'K12' -> (11, 10); None when not a cell reference."""
    column = 0
    index = 0
    for index, char in enumerate(ref):  # noqa: B007  (index is used after the loop)
        if "A" <= char <= "Z":
            column = column * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            column = column * 26 + ord(char) - 96
        else:
            break
    else:
        return None
    digits = ref[index:]
    if not column or not digits.isdigit() or len(digits) > 8 or column > 16384:
        return None
    return int(digits) - 1, column - 1


def _xls_percent_cells(path: Path) -> dict[str, Cells]:
    """The number cells of each sheet of an .xls (BIFF) whose XF record's format shows a
    percentage, read with xlrd (one load of the file, sheets in turn, no output to the console)."""
    import io

    import xlrd

    book: Any = xlrd.open_workbook(
        str(path), formatting_info=True, on_demand=True, logfile=io.StringIO()
    )
    try:
        formats = {key: fmt.format_str for key, fmt in book.format_map.items()}
        percent = {
            index: formats.get(xf.format_key, "")
            for index, xf in enumerate(book.xf_list)
            if shows_percent(formats.get(xf.format_key, ""))
        }
        return (
            {name: _xls_sheet(book, name, percent) for name in book.sheet_names()}
            if percent
            else {}
        )
    finally:
        book.release_resources()


def _xls_sheet(book: Any, name: str, percent: dict[int, str]) -> Cells:
    import xlrd

    sheet = book.sheet_by_name(name)
    cells: Cells = {}
    for row in range(min(sheet.nrows, 1_048_576)):
        for column, kind in enumerate(sheet.row_types(row)):
            if kind == xlrd.XL_CELL_NUMBER:
                fmt = percent.get(sheet.cell_xf_index(row, column))
                if fmt is not None:
                    cells[(row, column)] = fmt
    book.unload_sheet(name)
    return cells
