"""Which cells of an .ods are percentages: content.xml's cells of value type percentage, with the
decimals of their percentage style, every table in one streamed pass."""

from __future__ import annotations

import pyexpat
import zipfile

from mtqg_cli.xml_parts import MAX_PERCENT_CELLS, Cells, Stop, stream, to_int, xml_parser

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_NUMBER = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"


def ods_percent_cells(archive: zipfile.ZipFile) -> dict[str, Cells]:
    """The cells of each table whose value type is percentage (content.xml, streamed once)."""
    reading = _OdsReading()
    stream(archive, "content.xml", reading.parser())
    return reading.found


class _OdsReading:
    """The state of one pass over an ODS content.xml: styles, then each table's rows and cells."""

    def __init__(self) -> None:
        self.found: dict[str, Cells] = {}
        self.decimals: dict[str, int] = {}  # percentage data style -> decimal places
        self.data_style: dict[str, str] = {}  # cell style -> its data style
        self.percent_style = ""  # the percentage data style being read
        self.depth = 0  # tables open (a table nested in a cell is not a sheet)
        self.cells: Cells = {}
        self.row = self.column = 0  # the next row's index, the current cell's column
        self.rows = range(0)  # the current row's indexes (a row may be repeated)
        self.budget = MAX_PERCENT_CELLS

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
        elif self.depth > 1:
            return
        elif tag == f"{_TABLE} table-row" and self.depth:
            self.column = 0
            repeat = _repeat(attrs, "rows")
            self.rows = range(self.row, min(self.row + repeat, 1_048_576))
            self.row += repeat
        elif tag in (f"{_TABLE} table-cell", f"{_TABLE} covered-table-cell") and self.depth:
            self.cell(attrs)
        elif tag == f"{_NUMBER} percentage-style":
            self.percent_style = attrs.get(f"{_STYLE} name", "")
            self.decimals[self.percent_style] = 0
        elif tag == f"{_NUMBER} number" and self.percent_style:
            self.decimals[self.percent_style] = to_int(attrs.get(f"{_NUMBER} decimal-places"))
        elif tag == f"{_STYLE} style" and f"{_STYLE} data-style-name" in attrs:
            self.data_style[attrs.get(f"{_STYLE} name", "")] = attrs[f"{_STYLE} data-style-name"]

    def end(self, tag: str) -> None:
        if tag == f"{_TABLE} table":
            self.depth -= 1
        elif tag == f"{_NUMBER} percentage-style":
            self.percent_style = ""

    def cell(self, attrs: dict[str, str]) -> None:
        repeat = _repeat(attrs, "columns")
        if attrs.get(f"{_OFFICE} value-type") == "percentage":
            fmt = self.format_of(attrs)
            for row in self.rows:
                for column in range(self.column, min(self.column + repeat, 16384)):
                    self.cells[(row, column)] = fmt
                    self.budget -= 1
                    if self.budget <= 0:
                        raise Stop("full")
        self.column += repeat

    def format_of(self, attrs: dict[str, str]) -> str:
        """'0.00%' with the decimals the cell's percentage style shows (or its value has)."""
        style = self.data_style.get(attrs.get(f"{_TABLE} style-name", ""), "")
        places = self.decimals.get(style, -1)
        if places < 0:
            places = _value_decimals(attrs.get(f"{_OFFICE} value", ""))
        return f"0.{'0' * places}%" if places > 0 else "0%"


def _repeat(attrs: dict[str, str], what: str) -> int:
    return max(to_int(attrs.get(f"{_TABLE} number-{what}-repeated", "1")), 1)


def _value_decimals(text: str) -> int:
    """The decimals of a fraction's percent (0.1834 -> 2), at most six."""
    try:
        percent = round(float(text) * 100, 10)
    except ValueError:
        return 0
    shown = repr(percent)
    if "e" in shown or "." not in shown:
        return 0
    return min(len(shown.split(".")[1].rstrip("0")), 6)
