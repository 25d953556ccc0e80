"""Which cells of an .ods are percentages: content.xml's cells of value type percentage, with the
decimals of their percentage style, every table in one streamed pass."""

from __future__ import annotations

import zipfile

from mtqg_cli.read.ods_tables import TABLE, OdsTableWalk
from mtqg_cli.read.xml_parts import MAX_PERCENT_CELLS, Cells, stream, to_int

_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_NUMBER = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"


def ods_percent_cells(archive: zipfile.ZipFile) -> dict[str, Cells]:
    """The cells of each table whose value type is percentage (content.xml, streamed once)."""
    reading = _OdsReading()
    stream(archive, "content.xml", reading.parser())
    return reading.found


class _OdsReading(OdsTableWalk[str]):
    """The state of one pass over an ODS content.xml: styles, then each table's percentage cells."""

    def __init__(self) -> None:
        super().__init__(MAX_PERCENT_CELLS)
        self.decimals: dict[str, int] = {}  # percentage data style -> decimal places
        self.data_style: dict[str, str] = {}  # cell style -> its data style
        self.percent_style = ""  # the percentage data style being read

    def other(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_NUMBER} percentage-style":
            self.percent_style = attrs.get(f"{_STYLE} name", "")
            self.decimals[self.percent_style] = 0
        elif tag == f"{_NUMBER} number" and self.percent_style:
            self.decimals[self.percent_style] = to_int(attrs.get(f"{_NUMBER} decimal-places"))
        elif tag == f"{_STYLE} style" and f"{_STYLE} data-style-name" in attrs:
            self.data_style[attrs.get(f"{_STYLE} name", "")] = attrs[f"{_STYLE} data-style-name"]

    def other_end(self, tag: str) -> None:
        if tag == f"{_NUMBER} percentage-style":
            self.percent_style = ""

    def cell(self, attrs: dict[str, str]) -> None:
        if attrs.get(f"{_OFFICE} value-type") == "percentage":
            self.put(self.format_of(attrs), attrs)

    def format_of(self, attrs: dict[str, str]) -> str:
        """'0.00%' with the decimals the cell's percentage style shows (or its value has)."""
        style = self.data_style.get(attrs.get(f"{TABLE} style-name", ""), "")
        places = self.decimals.get(style, -1)
        if places < 0:
            places = _value_decimals(attrs.get(f"{_OFFICE} value", ""))
        return f"0.{'0' * places}%" if places > 0 else "0%"


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
