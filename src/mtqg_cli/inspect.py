"""`mtqg inspect`: how each sheet was understood, from the very objects `reconcile` uses.

Every figure here comes from `pipeline.read_sheet` (the layout, the table and its number notes),
so what `inspect` shows is what the rules checked: `sheet_info` is the same `SheetInfo` the
report carries.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from pydantic import BaseModel, Field

from mtqg_cli import __version__
from mtqg_cli.extract import NumberNote
from mtqg_cli.hierarchy import walk
from mtqg_cli.isolation import WorkerPool
from mtqg_cli.layout import Layout
from mtqg_cli.models import AMOUNT_FIELDS, Line, SheetInfo, Table
from mtqg_cli.neutral import neutralise
from mtqg_cli.numbers import parse_number
from mtqg_cli.pipeline import Options, open_book, read_in_worker, read_sheet
from mtqg_cli.readers import RawSheet
from mtqg_cli.text import clean, column_letter


class ColumnInfo(BaseModel):
    """One header column: its letter, header words, and the field it became (None: ignored)."""

    column: str
    header: str
    field: str | None = None


class LineInfo(BaseModel):
    """One line of the table's tree."""

    row: int
    stt: str
    name: str
    depth: int
    kind: str
    code: str | None = None
    unknown_code: str | None = Field(default=None, description="A code the programme lacks")
    parent_row: int | None = None


class TextNumber(BaseModel):
    """A cell whose number was stored as text, and how it was read."""

    cell: str
    field: str
    text: str
    read: str | None
    issue: str | None = Field(default=None, description="Why it is reported, if it is")


class SheetInspection(BaseModel):
    """How one sheet was understood; `info` is what `reconcile` reports as `sheet_info`."""

    name: str
    table: bool
    pinned: bool = False
    info: SheetInfo | None = None
    columns: list[ColumnInfo] = Field(default_factory=list)
    lines: list[LineInfo] = Field(default_factory=list)
    unmatched: list[int] = Field(default_factory=list, description="Rows of lines with no code")
    text_numbers: list[TextNumber] = Field(default_factory=list)


class Inspection(BaseModel):
    """`mtqg inspect --format json`."""

    tool: str = "mtqg"
    version: str = __version__
    path: str
    legacy_encoding: str | None = None
    sheets: list[SheetInspection] = Field(default_factory=list)


def inspect_file(path: Path, options: Options) -> Inspection:
    """Read a workbook the way `reconcile` does and describe each sheet."""
    with WorkerPool(1, options.start_method, quiet=not options.debug) as pool:
        opened = open_book(path, options, partial(read_in_worker, pool))  # a crash: its error
    found = [_sheet(sheet, opened.options) for sheet in opened.sheets]
    legacy = opened.legacy
    inspection = Inspection(
        path=str(path), legacy_encoding=legacy.encoding if legacy else None, sheets=found
    )
    if opened.unsafe:  # escape sequences in cells or names: shown as escapes, never obeyed
        neutralise(inspection)
    return inspection


def _sheet(sheet: RawSheet, options: Options) -> SheetInspection:
    layout, table, notes = read_sheet(sheet, options)
    if layout is None or table is None:
        return SheetInspection(name=sheet.name, table=False)
    pin = options.layout
    return SheetInspection(
        name=sheet.name,
        table=True,
        pinned=pin is not None and pin.applies_to(sheet.name),
        info=table.info,
        columns=_columns(layout),
        lines=[_line(line) for line in [table.root, *walk(table.root)] if line.row],
        unmatched=[ln.row for ln in _project_like(table) if not ln.code],
        text_numbers=_text_numbers(sheet, layout, table, notes, options.number_style),
    )


def _columns(layout: Layout) -> list[ColumnInfo]:
    by_column = {col: name for name, col in layout.columns.items()}
    every = sorted({*layout.labels, *by_column})
    return [
        ColumnInfo(
            column=column_letter(col), header=layout.labels.get(col, ""), field=by_column.get(col)
        )
        for col in every
    ]


def _line(line: Line) -> LineInfo:
    parent = line.parent
    return LineInfo(
        row=line.row,
        stt=line.stt,
        name=line.name,
        depth=line.level,
        kind=line.kind,
        code=line.code,
        unknown_code=line.unknown_code,
        parent_row=parent.row if parent is not None and parent.row else None,
    )


def _project_like(table: Table) -> list[Line]:
    """Lines that should carry a code: every line but totals, sections, units, breakdowns."""
    skip = ("total", "root", "section", "unit", "breakdown")
    return [ln for ln in walk(table.root) if ln.row and ln.kind not in skip]


def _text_numbers(
    sheet: RawSheet, layout: Layout, table: Table, notes: list[NumberNote], style: str
) -> list[TextNumber]:
    reported = {(n.line.row, n.field): n for n in notes}
    found: list[TextNumber] = []
    fields = [(f, layout.columns[f]) for f in AMOUNT_FIELDS if f in layout.columns]
    for line in table.lines:
        row = sheet.rows[line.row - 1]
        for name, col in fields:
            value = row[col] if col < len(row) else None
            if not isinstance(value, str) or not clean(value):
                continue
            note = reported.get((line.row, name))
            read = note.read if note else parse_number(value, style)
            found.append(
                TextNumber(
                    cell=f"{column_letter(col)}{line.row}",
                    field=name,
                    text=value,
                    read=None if read.value is None else str(read.value),
                    issue=note.read.issue if note else None,
                )
            )
    return found
