"""Turning a located table into lines: integer-đồng amounts, stated rates, number notes."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

from mtqg_cli.form.capital_rows import settle_unknown_splits, with_split_columns
from mtqg_cli.form.cell_columns import (
    Column,
    column_dong,
    column_rates,
    column_texts,
    grid_columns,
)
from mtqg_cli.form.cell_numbers import (
    NumberRead,
    parse_rate,
    style_evidence,
    style_in_doubt,
    text_style,
)
from mtqg_cli.form.hierarchy import derive_blanks, read_tree
from mtqg_cli.form.layout import Layout
from mtqg_cli.form.line_figures import DISBURSED, effective, plan_bases
from mtqg_cli.model.rates import computed_rate
from mtqg_cli.model.report import SheetInfo
from mtqg_cli.model.sheet import Line, StatedRate, Table
from mtqg_cli.model.text import column_letter
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS, RATE_FIELDS, Unit
from mtqg_cli.read.raw import RawSheet


@dataclass
class NumberNote:
    """A text number that was malformed or ambiguous, and how it was read."""

    line: Line
    field: str
    read: NumberRead


def extract_table(
    sheet: RawSheet, layout: Layout, unit: Unit, *, unit_assumed: bool, style: str = "vi"
) -> tuple[Table, list[NumberNote]]:
    """The sheet's table as a tree of lines with amounts in đồng, and its doubtful numbers."""
    cols = layout.columns
    rows = sheet.rows
    content = _content_rows(rows, layout)
    grid = _Grid(grid_columns([rows[r] for r in content]), len(content))
    figures = _figure_columns(layout, rows, content)
    texts = _amount_texts(rows, content, [f for f in figures if grid.has_text(f[1])])
    chosen = text_style(texts, style)
    typed = _typed_style(sheet, figures, texts) if chosen == "vi" else None
    chosen = typed or chosen
    reading = _Reading(
        unit, unit.size, chosen, cols.get("stt"), cols.get("name"), cols.get("reason")
    )
    lines, notes = _lines(grid, content, _amount_columns(layout), reading)
    formatless, fractions = _read_rates(sheet, layout, lines, grid)
    codes = None
    if layout.code_column is not None:
        codes = dict(zip([ln.row for ln in lines], grid.texts(layout.code_column), strict=True))
    root, readings = read_tree(lines, codes=codes)
    columns, checked = with_split_columns(layout.columns, lines)
    derive_blanks(root, [name for name in AMOUNT_FIELDS if name in columns])
    split_columns = set(columns) - set(layout.columns)
    if split_columns:  # else a walk of the whole tree that settles nothing
        settle_unknown_splits(root, split_columns)
    for name, raw in fractions:
        _percent_by_arithmetic(lines, name, raw)
    for name, raw in formatless:
        _fractions_by_arithmetic(lines, name, raw)
    info = _info(sheet, layout, unit, lines)
    table = Table(sheet.name, unit, unit_assumed, columns, root, checked, info, readings=readings)
    table.capital = layout.capital
    table.number_style = chosen
    table.number_style_in_doubt = chosen == "vi" and typed is None and style_in_doubt(texts)
    return table, notes


class _Grid:
    """The cells of a table's lines by column (`grid_columns`), `height` lines tall."""

    def __init__(self, columns: list[Column], height: int) -> None:
        self.columns = columns
        self.height = height
        self._kinds: dict[int, set[type]] = {}

    def column(self, col: int | None) -> Column:
        """A column's cells; blanks for none, or one past the widest line."""
        if col is None or col >= len(self.columns):
            return (None,) * self.height
        return self.columns[col]

    def texts(self, col: int | None) -> list[str]:
        """A column's cells as `clean` text ("" for none)."""
        if col is None or col >= len(self.columns):
            return [""] * self.height
        return column_texts(self.columns[col])

    def kinds(self, col: int | None) -> set[type]:
        """The types of a column's cells (asked twice of an amount column: taken once)."""
        if col is None or col >= len(self.columns):
            return {type(None)} if self.height else set()
        found = self._kinds.get(col)
        if found is None:
            found = self._kinds[col] = set(map(type, self.columns[col]))
        return found

    def has_text(self, col: int) -> bool:
        return str in self.kinds(col)


def _typed_style(sheet: RawSheet, figures: list[tuple[str, int]], texts: list[str]) -> str | None:
    """The style a CSV's figure columns (not its rates, whose style is their own) write their
    number cells in: English where they write a decimal point ("13.096"; "2,321" beside them
    is 2321) unless the texts lean Vietnamese, Vietnamese where a comma ("9212,875");
    None where they tell neither (a workbook, or every figure "915,482": the arithmetic's)."""
    if sheet.column_marks is None:
        return None
    marks = [sheet.column_marks.get(col, (0, 0)) for _, col in figures]
    commas, points = sum(c for c, _ in marks), sum(p for _, p in marks)
    if commas == points:
        return None
    english, vietnamese = style_evidence(texts)
    return "vi" if commas > points or vietnamese > english else "en"


def _amount_columns(layout: Layout) -> list[tuple[str, int]]:
    return [(name, layout.columns[name]) for name in AMOUNT_FIELDS if name in layout.columns]


def _content_rows(rows: list[list[object]], layout: Layout) -> list[int]:
    skipped = layout.skipped_rows
    return [
        r
        for r in range(layout.first_row, layout.last_row + 1)
        if _is_content_row(rows[r]) and r not in skipped
    ]


def amount_texts(sheet: RawSheet, layout: Layout) -> list[str]:
    """The amount cells of a table's lines that hold text (a sheet of numbers has none)."""
    content = _content_rows(sheet.rows, layout)
    return _amount_texts(sheet.rows, content, _figure_columns(layout, sheet.rows, content))


def _figure_columns(
    layout: Layout, rows: list[list[object]], content: list[int]
) -> list[tuple[str, int]]:
    """The columns whose text numbers tell the style the clerk typed in: the amounts read, and
    the figures beside them that are not (last year's plan, a funding source, an estimate);
    not the STT, the name, the reason nor the rates (a rate's style follows its own locale)."""
    words = {layout.columns[n] for n in ("stt", "name", "reason") if n in layout.columns}
    rates = {col for name, col in layout.columns.items() if name.startswith("rate.")}
    width = max(map(len, map(rows.__getitem__, content)), default=0)
    left_out = words | rates
    return [("", col) for col in range(width) if col not in left_out]


def _amount_texts(
    rows: list[list[object]], content: list[int], fields: list[tuple[str, int]]
) -> list[str]:
    """The amount cells of the table's rows that hold text (a sheet of numbers has none)."""
    columns = [col for _, col in fields]
    return [
        value
        for row in map(rows.__getitem__, content)
        for col in columns
        if col < len(row) and isinstance(value := row[col], str) and value
    ]


def _is_content_row(row: list[object]) -> bool:
    """Whether some cell is neither blank nor empty text (the STT or name cell usually answers)."""
    for value in row:  # noqa: SIM110  (`any` over a generator is four times slower here)
        if value is not None and value != "":
            return True
    return False


@dataclass(frozen=True)
class _Reading:
    """How a sheet's lines are read: unit (and its size in đồng), number style, text columns."""

    unit: Unit
    size: int
    style: str
    stt: int | None
    name: int | None
    reason: int | None


def _lines(
    grid: _Grid, content: list[int], fields: list[tuple[str, int]], reading: _Reading
) -> tuple[list[Line], list[NumberNote]]:
    """A line for each content row, its amounts read a column at a time (`column_dong`), and
    the doubtful text numbers in sheet order (line by line, each line's fields in order)."""
    stts, names = grid.texts(reading.stt), grid.texts(reading.name)
    for at, name in enumerate(names):
        stt = stts[at]
        if not name and len(stt) > 4 and any(ch.isalpha() for ch in stt):
            names[at], stts[at] = stt, ""  # a total label merged across STT and name
    columns: list[list[int | None]] = []
    found: list[tuple[int, int, str, NumberRead]] = []
    for order, (field, col) in enumerate(fields):
        cells, kinds = grid.column(col), grid.kinds(col)
        amounts, reads = column_dong(cells, reading.unit, reading.size, reading.style, kinds)
        columns.append(amounts)
        found.extend((at, order, field, read) for at, read in reads)
    keys = [field for field, _ in fields]
    by_line = (
        list(map(dict, map(zip, repeat(keys), zip(*columns, strict=True))))
        if columns
        else [{} for _ in content]
    )
    lines = list(
        map(
            Line,
            [r + 1 for r in content],
            stts,
            names,
            by_line,
            iter(dict, None),
            grid.texts(reading.reason),
        )
    )
    found.sort(key=lambda note: note[:2])
    return lines, [NumberNote(lines[at], field, read) for at, _, field, read in found]


RateColumns = list[tuple[str, list[object]]]
"""(rate field, its cells on the lines) of some rate columns."""


def _read_rates(
    sheet: RawSheet, layout: Layout, lines: list[Line], grid: _Grid
) -> tuple[RateColumns, RateColumns]:
    """Stated rates: each cell shown as a percentage (0,1834 shown as 18,34%) read by its own
    format, whatever the other cells of its column hold; text ("18,34%") as written. Returns
    the rate columns of a sheet that has no formats (a CSV), and those read as fractions."""
    columns = [(name, layout.columns[name]) for name in RATE_FIELDS if name in layout.columns]
    formatless: RateColumns = []
    fractions: RateColumns = []
    for name, col in columns:
        raw = list(grid.column(col))
        formats = _percent_formats(sheet, col, layout, raw)
        if formats:
            for line, value in zip(lines, raw, strict=True):
                line.rates[name] = parse_rate(value, formats.get(line.row - 1))
        else:
            rates = column_rates(grid.column(col))
            for line, rate in zip(lines, rates, strict=True):
                line.rates[name] = rate
            if _fractions_as_percent(lines, name, raw, rates):
                fractions.append((name, raw))
            if sheet.formats is None:
                formatless.append((name, raw))
    return formatless, fractions


def _is_number(value: object) -> bool:
    return isinstance(value, float | int) and not isinstance(value, bool)


def _percent_formats(
    sheet: RawSheet, col: int, layout: Layout, raw: list[object]
) -> dict[int, str]:
    """{row: format} of the column's cells shown as percentages; asked only when the column
    holds a number (a format changes nothing of a text cell)."""
    if sheet.formats is None or not any(_is_number(v) for v in raw):
        return {}
    return sheet.formats(col, layout.first_row, layout.last_row)


def _fractions_as_percent(
    lines: list[Line], name: str, raw: list[object], rates: list[StatedRate | None]
) -> bool:
    """Without formats: a rate column whose every value is at most 1 holds fractions (text
    written with a % sign is a percentage already, and is left as written; beside such texts
    over 1 %, a small one written without the sign is a percentage too: "0,06" by "37,96%").
    `rates` are the lines' rates as read. True when so."""
    texts = str in set(map(type, raw))  # else no cell is marked
    marked = [isinstance(v, str) and "%" in v for v in raw] if texts else [False] * len(raw)
    values = [r.percent for r, m in zip(rates, marked, strict=True) if r is not None and not m]
    if not values or max(map(abs, values)) > 1 or not any(values):
        return False
    signed = [r.percent for r, m in zip(rates, marked, strict=True) if m and r is not None]
    if any(abs(v) > 1 for v in signed):
        return False
    for line, rate, m in zip(lines, rates, marked, strict=True):
        if rate is not None and not m:
            line.rates[name] = StatedRate(rate.percent * 100, max(rate.decimals - 2, 0))
    return True


def _percent_by_arithmetic(lines: list[Line], name: str, raw: list[object]) -> None:
    """In a column read as fractions, a small rate is a percentage as written (0,07 beside
    "51,27%": 0,07 %) where, and only where, so it agrees with disbursed / (plan + carried
    over) and as a fraction it does not."""
    kind = name.split(".")[1]
    for line, value in zip(lines, raw, strict=True):
        rate = line.rates.get(name)
        if rate is None or (isinstance(value, str) and "%" in value):
            continue
        disbursed = effective(line, DISBURSED[kind])
        bases = plan_bases(line, kind)
        computed = [c for base in bases if (c := computed_rate(disbursed, base)) is not None]
        written = parse_rate(value)
        if not computed or written is None:
            continue
        if not any(rate.agrees(c) for c in computed) and any(written.agrees(c) for c in computed):
            line.rates[name] = written


def _fractions_by_arithmetic(lines: list[Line], name: str, raw: list[object]) -> None:
    """Without formats (a CSV): a rate written without a % sign beside larger rates is a fraction
    (an Excel percentage saved as its value) where, and only where, read as a percentage it
    agrees with disbursed / (plan + carried over), or with disbursed / plan for a form whose
    rates leave the carried-over money out, and as written it does not; however large
    (a rate of 456716,028 is 45671602,8 % against a figure typed in đồng)."""
    kind = name.split(".")[1]
    for line, value in zip(lines, raw, strict=True):
        rate = line.rates.get(name)
        written_percent = isinstance(value, str) and "%" in value
        if rate is None or written_percent or not rate.percent:
            continue
        disbursed = effective(line, DISBURSED[kind])
        bases = plan_bases(line, kind)
        computed = [c for base in bases if (c := computed_rate(disbursed, base)) is not None]
        scaled = StatedRate(rate.percent * 100, max(rate.decimals - 2, 0))
        agrees_written = any(rate.agrees(c) for c in computed)
        if not agrees_written and any(scaled.agrees(c) for c in computed):
            line.rates[name] = scaled


def _info(sheet: RawSheet, layout: Layout, unit: Unit, lines: list[Line]) -> SheetInfo:
    unit_source = None
    if layout.unit_cell:
        unit_source = f"{column_letter(layout.unit_cell[1])}{layout.unit_cell[0] + 1}"
    return SheetInfo(
        name=sheet.name,
        title=layout.title,
        reporting_unit=layout.reporting_unit,
        unit=unit.value,
        unit_source=unit_source,
        header_rows=[r + 1 for r in layout.header_rows],
        first_row=layout.first_row + 1,
        last_row=layout.last_row + 1,
        lines=len(lines),
        project_lines=sum(1 for line in lines if line.code),
        columns={name: column_letter(col) for name, col in layout.columns.items()},
        ignored_columns=[column_letter(c) for c in layout.ignored],
    )
