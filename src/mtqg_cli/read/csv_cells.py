"""CSV cells typed like a spreadsheet's: numbers Excel wrote as numbers become floats again.

Excel writes a number cell in the locale of the machine: `73673.385459` in a comma-separated
file (English locale), `73673,385459` in a semicolon-separated one (Vietnamese locale, where the
comma is the decimal mark). Those become floats, so a CSV goes through the pipeline exactly like
the workbook it was saved from. Everything else (text numbers such as "3.379,979", "(1)", "18,34%")
stays text and is read by `numbers.py` like the same text in a workbook. A text that a number
would never be written as ("01", "2.10") stays text too, so STT marks keep their form.
The file's own convention wins: "1.098" in a comma-separated file is the number 1,098 as Excel
wrote it (a text "1.098" saved from a workbook cannot be told apart there; a Vietnamese-locale
export, with semicolons and decimal commas, keeps it apart). There "594,828" stays text: a
decimal as Excel writes it, or a figure typed the English way, as the sheet's reading decides.
"""

from __future__ import annotations

import re

_POINT = re.compile(r"^-?(0|[1-9]\d*)(\.\d*[1-9])?([eE][-+]?\d+)?$")
_COMMA = re.compile(r"^-?(0|[1-9]\d*)(,\d*[1-9])?$")
_UNDECIDED = re.compile(r"^-?[1-9]\d{0,2}([.,]\d{3})+$|^\d{1,2}\.\d{1,2}$")
"""Three digits after each mark (a grouping of thousands as much as a decimal), and the STT
marks of a second level ("2.1", "3.12"): no evidence of the file's decimal mark. A lone 0
before the mark is no group of thousands: "0,784" is a decimal comma, "0.784" a point."""
_GROUPED_OR_DECIMAL = re.compile(r"^-?[1-9]\d{0,2},\d{3}$")
"""A comma and three digits: 594.828 in a Vietnamese-locale export, the text 594,828 typed the
English way by hand; left text, for the sheet's other figures and its arithmetic to tell."""
_ENGLISH = re.compile(r"^-?[1-9]\d{0,2}((,\d{3})+\.\d+|(,\d{3}){2,})$")
"""Figures only English writes ("3,379.979", "6,666,825"): the file's mark is a point."""
_VIETNAMESE = re.compile(r"^-?[1-9]\d{0,2}((\.\d{3})+,\d+|(\.\d{3}){2,})$")
"""Figures only Vietnamese writes ("3.379,979", "6.666.825"): the file's mark is a comma."""


def column_marks(rows: list[list[str]]) -> dict[int, tuple[int, int]]:
    """{column: (figures only a decimal comma writes, only a point)} of the columns that hold
    some: the style each column was typed in, as its number cells tell."""
    marks: dict[int, tuple[int, int]] = {}
    for row in rows:
        for col, cell in enumerate(row):
            mark = _mark(cell.strip())
            if mark:
                commas, points = marks.get(col, (0, 0))
                marks[col] = (commas + (mark == ","), points + (mark == "."))
    return marks


def _mark(text: str) -> str | None:
    """The decimal mark a figure can only be written with, if any."""
    if _ENGLISH.match(text):
        return "."
    if _VIETNAMESE.match(text):
        return ","
    if _UNDECIDED.match(text):
        return None
    if _COMMA.match(text) and "," in text:
        return ","
    if _POINT.match(text) and "." in text:
        return "."
    return None


def decimal_mark(rows: list[list[str]], delimiter: str) -> str:
    """',' when the file writes decimals with a comma (a Vietnamese-locale export), else '.'.
    In a semicolon-separated file three digits after the mark ("213.983", "213,983") and STT
    marks ("2.1") are no evidence either way; figures only one style writes ("3,379.979",
    "6.666.825") are evidence of its mark."""
    if delimiter == ",":
        return "."
    marks = column_marks(rows).values()
    commas, points = sum(c for c, _ in marks), sum(p for _, p in marks)
    return "," if commas >= points else "."


def typed_rows(rows: list[list[str]], delimiter: str) -> list[list[object]]:
    """The rows with number cells as floats (see the module's docstring)."""
    mark = decimal_mark(rows, delimiter)
    pattern = _COMMA if mark == "," else _POINT
    return [[_typed(cell, pattern, mark) for cell in row] for row in rows]


def _typed(cell: str, pattern: re.Pattern[str], mark: str) -> object:
    text = cell.strip()
    if not text or not pattern.match(text) or (mark == "," and _GROUPED_OR_DECIMAL.match(text)):
        return cell
    return float(text.replace(",", ".") if mark == "," else text)
