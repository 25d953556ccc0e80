"""The one way to open a workbook and read its tables: within the limits, legacy text converted,
the layout pinned, the sheets asked for picked, each table read in the number style and with
the columns under which its arithmetic agrees (used by reconcile, inspect, fix and --against)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from mtqg_cli.form.column_choice import Checker, ColumnChoice, choose_columns
from mtqg_cli.form.extract import NumberNote, extract_table
from mtqg_cli.form.layout import Layout
from mtqg_cli.form.options import Options
from mtqg_cli.form.pinning import file_pin, pinned_layouts
from mtqg_cli.form.text_styles import style_score, table_styles
from mtqg_cli.model.errors import InputError
from mtqg_cli.model.neutral import any_unsafe
from mtqg_cli.model.patterns import matches
from mtqg_cli.model.sheet import Table
from mtqg_cli.model.text import fold
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.read.legacy import LegacyText, convert_workbook
from mtqg_cli.read.limit_values import Limits
from mtqg_cli.read.raw import RawSheet, RawWorkbook
from mtqg_cli.read.readers import read_workbook

Reader = Callable[[Path, Limits, str], RawWorkbook]
"""How a file is read: `read_workbook`, or the same in a worker process."""


@dataclass(frozen=True)
class OpenedBook:
    """A workbook ready for the checks: legacy text converted, layout pinned, sheets picked."""

    sheets: list[RawSheet]
    legacy: LegacyText | None
    options: Options
    unsafe: bool = False
    """Some text of the file (a cell, a sheet's name, its own name) holds control, escape or
    direction characters: its report is neutralised before any output is made of it."""


def open_book(path: Path, options: Options, read: Reader = read_workbook) -> OpenedBook:
    """Read a file within the limits, convert legacy text, pin its layout and pick the sheets
    asked for: how both `reconcile` and `inspect` open a workbook."""
    book = read(path, options.limits, options.reader)
    legacy = convert_workbook(book)
    options = replace(options, layout=file_pin(book, options.layout))
    sheets = book.sheets
    names = ", ".join(f"«{s.name}»" for s in sheets)
    if options.sheet is not None:
        wanted = options.sheet
        exact = [s for s in sheets if s.name == wanted]
        sheets = exact or [s for s in sheets if fold(s.name) == fold(wanted)]
        if not sheets:
            raise InputError("no_sheet", path=str(path), sheet=wanted, sheets=names)
    elif options.sheets:
        sheets = [s for s in sheets if any(matches(p, s.name) for p in options.sheets)]
        if not sheets:
            raise InputError(
                "no_sheet", path=str(path), sheet=", ".join(options.sheets), sheets=names
            )
    return OpenedBook(sheets, legacy, options, _unsafe(path, book.sheets))


def _unsafe(path: Path, sheets: list[RawSheet]) -> bool:
    texts = [str(path), *(s.name for s in sheets)]
    texts.extend(v for s in sheets for row in s.rows for v in row if type(v) is str)
    return any_unsafe(texts)


@dataclass(frozen=True)
class TableReading:
    """How one table of a sheet is understood: the same objects for `reconcile` and `inspect`."""

    layout: Layout
    table: Table
    notes: list[NumberNote]
    choices: list[ColumnChoice]
    """Fields two columns could hold, and which column the arithmetic chose."""


def read_book(
    sheets: list[RawSheet], options: Options, check: Checker
) -> list[tuple[RawSheet, list[TableReading]]]:
    """Every table of every sheet, each read in the number style of its own text numbers, or
    where they do not tell, of the whole workbook's (stacked tables, a sheet per capital type
    or per unit: one hand wrote them)."""
    found = [(sheet, pinned_layouts(sheet, options.layout)) for sheet in sheets]
    tables = [(sheet, layout) for sheet, layouts in found for layout in layouts]
    chosen, settled = table_styles(tables, options.number_style)
    styles = iter(chosen)
    return [
        (sheet, _read_tables(sheet, layouts, options, check, styles, settled))
        for sheet, layouts in found
    ]


def read_tables(sheet: RawSheet, options: Options, check: Checker) -> list[TableReading]:
    """Every table of a sheet (none when it holds no recognisable table)."""
    return read_book([sheet], options, check)[0][1]


def _read_tables(
    sheet: RawSheet,
    layouts: list[Layout],
    options: Options,
    check: Checker,
    styles: Iterator[str],
    settled: bool = False,
) -> list[TableReading]:
    readings = [
        _read_table(sheet, layout, replace(options, number_style=next(styles)), check, settled)
        for layout in layouts
    ]
    if len(readings) > 1:  # each table is told apart by its caption
        for reading in readings:
            reading.table.info.caption = reading.layout.caption
    return readings


def read_sheet(
    sheet: RawSheet, options: Options, check: Checker
) -> tuple[Layout | None, Table | None, list[NumberNote]]:
    """The sheet's first table: its layout, its lines and its number notes."""
    readings = read_tables(sheet, options, check)
    if not readings:
        return None, None, []
    first = readings[0]
    return first.layout, first.table, first.notes


def _read_table(
    sheet: RawSheet, layout: Layout, options: Options, check: Checker, settled: bool = False
) -> TableReading:
    """One table, in the style given; where its text figures read either way and the workbook
    does not settle it (`settled`: its texts lean Vietnamese), in the style the arithmetic
    prefers."""
    unit = options.unit or layout.unit or options.default_unit or Unit.trieu_dong
    assumed = options.unit is None and layout.unit is None and options.default_unit is None

    def read(style: str) -> TableReading:
        def extract(candidate: Layout) -> tuple[Table, list[NumberNote]]:
            return extract_table(sheet, candidate, unit, unit_assumed=assumed, style=style)

        hidden = sheet.hidden_columns() if layout.alternatives else frozenset()
        chosen, choices = choose_columns(layout, extract, options.tolerance, check, hidden)
        table, notes = extract(chosen)
        return TableReading(chosen, table, notes, choices)

    reading = read(options.number_style)
    if reading.table.number_style_in_doubt and not settled:  # the arithmetic decides
        english = read("en")
        tolerance = options.tolerance
        scores = [
            style_score(sheet, r.layout, r.table, tolerance, check) for r in (english, reading)
        ]
        chosen = english if scores[0] < scores[1] else reading
        chosen.table.number_style_scores = {"en": scores[0], reading.table.number_style: scores[1]}
        return chosen
    return reading
