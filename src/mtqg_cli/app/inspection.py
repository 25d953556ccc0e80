"""`mtqg inspect`: how each sheet was understood, from the very objects `reconcile` uses.

Every figure here comes from `form.workbook.read_book` (the layout, the table and its number notes),
so what `inspect` shows is what the rules checked: `sheet_info` is the same `SheetInfo` the
report carries.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from pydantic import BaseModel, Field

from mtqg_cli import __version__
from mtqg_cli.app.run import read_in_worker
from mtqg_cli.check.rules import arithmetic
from mtqg_cli.check.rules.base import RuleContext
from mtqg_cli.check.rules.lines import rate_base
from mtqg_cli.form.capital_rows import capital_type
from mtqg_cli.form.cell_numbers import parse_number
from mtqg_cli.form.column_choice import ColumnChoice
from mtqg_cli.form.extract import NumberNote
from mtqg_cli.form.hierarchy import walk
from mtqg_cli.form.layout import Layout
from mtqg_cli.form.options import Options
from mtqg_cli.form.workbook import TableReading, open_book, read_book
from mtqg_cli.model.neutral import neutralise
from mtqg_cli.model.report import SheetInfo
from mtqg_cli.model.sheet import Line, Table, TreeChoice
from mtqg_cli.model.text import clean, column_letter, fold
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS
from mtqg_cli.read.isolation import WorkerPool
from mtqg_cli.read.raw import RawSheet


class ColumnInfo(BaseModel):
    """One header column: its letter, header words, and the field it became (None: ignored)."""

    column: str
    header: str
    field: str | None = None


class ColumnChoiceInfo(BaseModel):
    """A field two or more columns could hold, and the column the arithmetic chose."""

    field: str
    candidates: dict[str, int] = Field(
        description="column letter -> error findings of the arithmetic when read from it"
    )
    chosen: str
    ambiguous: bool = Field(description="No column had fewer errors: LAYOUT_AMBIGUOUS")
    hidden: list[str] = Field(
        default_factory=list,
        description="Candidates hidden in the sheet: chosen only where the arithmetic prefers them",
    )


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
    capital: str | None = Field(
        default=None, description="dtpt or sn: a row that is the capital-type split of its parent"
    )


class ReadingScore(BaseModel):
    """How many figures agree and disagree under one reading of the rows."""

    reading: str
    agree: int
    disagree: int


class TreeReadingInfo(BaseModel):
    """Which reading of rows in doubt the tree was built from, and the arithmetic that chose it."""

    chosen: str
    rows: list[int] = Field(default_factory=list, description="The rows the readings differ on")
    scores: list[ReadingScore] = Field(default_factory=list)
    ambiguous: bool = Field(default=False, description="No reading clearly best (LAYOUT_AMBIGUOUS)")


class RateBaseInfo(BaseModel):
    """What the stated rates divide by, and the rates that told (those whose two bases differ)."""

    plan_only: bool = Field(
        description="Disbursed / plan alone; false: disbursed / (plan + carried over)"
    )
    agree_with_carried: int
    agree_plan_only: int


class StyleScore(BaseModel):
    """How one style of reading the text figures fared, where the arithmetic chose it."""

    style: str = Field(description='"vi" (1.234,5) or "en" (1,234.5)')
    disagreements: int = Field(description="Error findings of the arithmetic when read so")
    too_many_decimals: int = Field(
        description="Text figures read with more decimals than the table's unit is written with"
    )


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
    caption: str | None = Field(
        default=None, description="A sheet with several tables: the words above this one's header"
    )
    capital: str | None = Field(default=None, description="dtpt or sn: the table's one type")
    skipped_rows: list[int] = Field(
        default_factory=list, description="Header rows repeated inside the table, not lines"
    )
    columns: list[ColumnInfo] = Field(default_factory=list)
    column_choices: list[ColumnChoiceInfo] = Field(default_factory=list)
    lines: list[LineInfo] = Field(default_factory=list)
    unmatched: list[int] = Field(default_factory=list, description="Rows of lines with no code")
    readings: list[TreeReadingInfo] = Field(
        default_factory=list, description="The readings of rows in doubt kept, and their scores"
    )
    text_numbers: list[TextNumber] = Field(default_factory=list)
    number_style: str = Field(
        default="vi", description='How its numbers stored as text were read: "vi" or "en"'
    )
    number_style_scores: list[StyleScore] = Field(
        default_factory=list,
        description="Where the text figures read either way: how each style fared (chosen first)",
    )
    rate_base: RateBaseInfo | None = Field(
        default=None,
        description="What the rates divide by, where some carried-over money tells (None: nothing)",
    )


class Inspection(BaseModel):
    """`mtqg inspect --format json`."""

    tool: str = "mtqg"
    version: str = __version__
    path: str
    legacy_encoding: str | None = None
    sheets: list[SheetInspection] = Field(default_factory=list)


def inspect_file(path: Path, options: Options) -> Inspection:
    """Read a workbook the way `reconcile` does and describe each table of each sheet."""
    with WorkerPool(1, options.start_method, quiet=not options.debug) as pool:
        opened = open_book(path, options, partial(read_in_worker, pool))  # a crash: its error
    books = read_book(opened.sheets, opened.options, arithmetic)
    found = [found for sheet, tables in books for found in _sheet(sheet, tables, opened.options)]
    legacy = opened.legacy
    inspection = Inspection(
        path=str(path), legacy_encoding=legacy.encoding if legacy else None, sheets=found
    )
    if opened.unsafe:  # escape sequences in cells or names: shown as escapes, never obeyed
        neutralise(inspection)
    return inspection


def _sheet(
    sheet: RawSheet, readings: list[TableReading], options: Options
) -> list[SheetInspection]:
    if not readings:
        return [SheetInspection(name=sheet.name, table=False)]
    return [_table(sheet, reading, options) for reading in readings]


def _table(sheet: RawSheet, reading: TableReading, options: Options) -> SheetInspection:
    layout, table, notes = reading.layout, reading.table, reading.notes
    pin = options.layout
    return SheetInspection(
        name=sheet.name,
        table=True,
        pinned=pin is not None and pin.applies_to(sheet.name),
        info=table.info,
        caption=table.info.caption,
        capital=layout.capital,
        skipped_rows=sorted(r + 1 for r in layout.skipped_rows),
        columns=_columns(layout, sheet),
        column_choices=[_choice(c) for c in reading.choices],
        lines=[_line(line) for line in [table.root, *walk(table.root)] if line.row],
        unmatched=[ln.row for ln in _project_like(table) if not ln.code],
        text_numbers=_text_numbers(sheet, layout, table, notes, table.number_style),
        readings=[_reading(choice) for choice in table.readings],
        number_style=table.number_style,
        number_style_scores=_style_scores(table),
        rate_base=_rate_base(table, options),
    )


def _style_scores(table: Table) -> list[StyleScore]:
    """The styles the arithmetic weighed, the one read first."""
    scores = table.number_style_scores
    order = sorted(scores, key=lambda style: style != table.number_style)
    return [
        StyleScore(style=s, disagreements=scores[s][0], too_many_decimals=scores[s][1])
        for s in order
    ]


def _rate_base(table: Table, options: Options) -> RateBaseInfo | None:
    """The base RATE_MISMATCH divides by, where rates with carried-over money told it."""
    ctx = RuleContext(table, options.tolerance, options.lang, rate_tolerance=options.rate_tolerance)
    base = rate_base(ctx)
    if not base.agree_with_carried and not base.agree_plan_only:
        return None
    return RateBaseInfo(
        plan_only=base.plan_only,
        agree_with_carried=base.agree_with_carried,
        agree_plan_only=base.agree_plan_only,
    )


def _reading(choice: TreeChoice) -> TreeReadingInfo:
    scores = [ReadingScore(reading=r, agree=a, disagree=d) for r, (a, d) in choice.scores.items()]
    return TreeReadingInfo(
        chosen=choice.chosen, rows=choice.rows, scores=scores, ambiguous=choice.ambiguous
    )


def _choice(choice: ColumnChoice) -> ColumnChoiceInfo:
    return ColumnChoiceInfo(
        field=choice.field,
        candidates={
            column_letter(c): n for c, n in zip(choice.columns, choice.disagreements, strict=True)
        },
        chosen=column_letter(choice.chosen),
        ambiguous=choice.ambiguous,
        hidden=[column_letter(c) for c in choice.hidden],
    )


def _columns(layout: Layout, sheet: RawSheet) -> list[ColumnInfo]:
    by_column = {col: name for name, col in layout.columns.items()}
    every = sorted({*layout.labels, *by_column})
    words = _header_words(sheet, layout)
    return [
        ColumnInfo(
            column=column_letter(col),
            header=" | ".join(words.get(p, p) for p in layout.labels.get(col, "").split(" | ")),
            field=by_column.get(col),
        )
        for col in every
    ]


def _header_words(sheet: RawSheet, layout: Layout) -> dict[str, str]:
    """The header cells as the sheet writes them, by the folded form the layout matched."""
    if not layout.header_rows:
        return {}
    first, last = max(min(layout.header_rows) - 1, 0), max(layout.header_rows) + 1
    words: dict[str, str] = {}
    for row in sheet.rows[first : last + 1]:
        for value in row:
            text = clean(value)
            if text:
                words.setdefault(fold(text), text)
    return words


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
        capital=_capital_of(line),
    )


def _capital_of(line: Line) -> str | None:
    """The capital type a split row gave its parent line (None: not a split row)."""
    parent = line.parent
    if line.kind != "breakdown" or parent is None or line.row not in parent.stated_at.values():
        return None
    return capital_type(line.name)


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
