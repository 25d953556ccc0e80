"""The reference reader of .xlsx/.xlsm: openpyxl (slow), its sheets shaped as calamine's."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, time
from pathlib import Path
from typing import Any

from mtqg_cli.model.errors import InputError
from mtqg_cli.read.cell_formats import PercentCells
from mtqg_cli.read.hidden_columns import HiddenColumns
from mtqg_cli.read.raw import Cell, RawSheet
from mtqg_cli.read.read_errors import encrypted_package, short_reason
from mtqg_cli.read.xml_parts import KnownParts


def read_with_openpyxl(path: Path, known: KnownParts | None) -> list[RawSheet]:
    """The sheets of an .xlsx/.xlsm read with openpyxl (slow: the reference reader), shaped as
    the calamine reader shapes them; every failure becomes the InputError calamine's would."""
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():  # unsupported extensions, dates out of range: not ours
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, data_only=True, keep_links=False)
        try:
            percent = PercentCells(path, "xlsx", known)
            sheets = [_openpyxl_sheet(percent, book[n], book.epoch) for n in book.sheetnames]
            hidden = HiddenColumns(path, "xlsx", known)
            return [replace(sheet, hidden=hidden) for sheet in sheets]
        finally:
            book.close()
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises zip, XML, key and value errors for broken files
        if encrypted_package(path):
            raise InputError("encrypted", path=str(path)) from exc
        raise InputError("corrupt", path=str(path), reason=short_reason(exc)) from exc


def _openpyxl_sheet(percent: PercentCells, sheet: Any, epoch: datetime) -> RawSheet:
    """One worksheet (or chart sheet, which has no cells) as calamine gives it."""
    visible = sheet.sheet_state == "visible"
    formats = percent.reader(sheet.title)
    if not hasattr(sheet, "iter_rows"):  # a chart sheet: calamine reads it as an empty grid
        return RawSheet(sheet.title, [], [], visible, formats)
    merged = sorted(
        (r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
        for r in sheet.merged_cells.ranges
    )
    return RawSheet(sheet.title, _openpyxl_grid(sheet, epoch), merged, visible, formats)


def _openpyxl_grid(sheet: Any, epoch: datetime) -> list[list[Cell]]:
    """The values from A1 to the last row and column holding a value, as calamine's
    `to_python(skip_empty_area=False)` spans them: text (even empty), numbers, dates, booleans
    and errors count; a cell with formatting only does not."""
    last_row = last_column = -1
    for cells in sheet.iter_rows():
        for cell in cells:
            if _holds_value(cell):
                last_row = max(last_row, cell.row - 1)
                last_column = max(last_column, cell.column - 1)
    if last_row < 0:
        return []
    return [
        [_openpyxl_value(cell, epoch) for cell in cells]
        for cells in sheet.iter_rows(min_row=1, max_row=last_row + 1, max_col=last_column + 1)
    ]


def _holds_value(cell: Any) -> bool:
    # openpyxl reads a formula's empty text result (t="str", <v></v>) as None; calamine as ''
    return cell.value is not None or cell.data_type == "str"


_MIDNIGHT = time()
_ESCAPED = re.compile(r"_x00([0-9A-Fa-f]{2})_")


def _openpyxl_value(cell: Any, epoch: datetime) -> Cell:
    """A cell's value as calamine gives it: every number a float; an empty cell or an error '';
    text with its _x00HH_ escapes decoded (calamine decodes no others); a date-formatted serial a
    `date` when it holds no time of day, else a `datetime`, a `time` when below 1 (negative too),
    a `timedelta` in an elapsed-time format such as [h]:mm. (A date-formatted serial beyond
    31/12/9999 is an error to openpyxl, so '' here, where calamine gives the number.)"""
    value = cell.value
    if value is None or cell.data_type == "e":
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        return _ESCAPED.sub(_unescape, value) if "_x00" in value else value
    if isinstance(value, datetime):
        if value < epoch:  # a negative serial: calamine reads every serial below 1 as a time
            return value.time()
        return value.date() if value.time() == _MIDNIGHT else value
    return value


def _unescape(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))
