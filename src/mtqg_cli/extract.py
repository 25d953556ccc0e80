"""Turning a located table into lines: integer-đồng amounts, stated rates, number notes."""

from __future__ import annotations

from dataclasses import dataclass

from mtqg_cli.capital_rows import settle_unknown_splits, with_split_columns
from mtqg_cli.hierarchy import derive_blanks, read_tree
from mtqg_cli.layout import Layout
from mtqg_cli.models import AMOUNT_FIELDS, RATE_FIELDS, Line, SheetInfo, StatedRate, Table, Unit
from mtqg_cli.numbers import (
    FINITE,
    MAX_DONG,
    NEAR_HALF,
    NumberRead,
    parse_number,
    parse_rate,
    scaled_to_dong,
    to_dong,
)
from mtqg_cli.readers import RawSheet
from mtqg_cli.text import clean, column_letter


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
    notes: list[NumberNote] = []
    fields = [(name, layout.columns[name]) for name in AMOUNT_FIELDS if name in layout.columns]
    cols = layout.columns
    reading = _Reading(
        unit, unit.size, style, cols.get("stt"), cols.get("name"), cols.get("reason")
    )
    rows = sheet.rows
    lines = [
        _line(rows[r], r, fields, reading, notes)
        for r in range(layout.first_row, layout.last_row + 1)
        if _is_content_row(rows[r])
    ]
    _read_rates(sheet, layout, lines)
    codes = None
    if layout.code_column is not None:
        codes = {ln.row: clean(_cell(sheet.rows[ln.row - 1], layout.code_column)) for ln in lines}
    root, readings = read_tree(lines, codes=codes)
    columns, checked = with_split_columns(layout.columns, lines)
    derive_blanks(root, [name for name in AMOUNT_FIELDS if name in columns])
    settle_unknown_splits(root, set(columns) - set(layout.columns))
    info = _info(sheet, layout, unit, lines)
    table = Table(sheet.name, unit, unit_assumed, columns, root, checked, info, readings=readings)
    return table, notes


def _is_content_row(row: list[object]) -> bool:
    """Whether some cell is neither blank nor empty text (the STT or name cell usually answers)."""
    for value in row:  # noqa: SIM110  (`any` over a generator is four times slower here)
        if value is not None and value != "":
            return True
    return False


def _cell(row: list[object], col: int | None) -> object:
    return row[col] if col is not None and col < len(row) else None


@dataclass(frozen=True)
class _Reading:
    """How a sheet's lines are read: unit (and its size in đồng), number style, text columns."""

    unit: Unit
    size: int
    style: str
    stt: int | None
    name: int | None
    reason: int | None


def _line(
    row: list[object],
    index: int,
    fields: list[tuple[str, int]],
    reading: _Reading,
    notes: list[NumberNote],
) -> Line:
    width = len(row)
    stt = _text(row, reading.stt, width)
    name = _text(row, reading.name, width)
    if not name and len(stt) > 4 and any(ch.isalpha() for ch in stt):
        name, stt = stt, ""  # a total label merged across STT and name
    amounts: dict[str, int | None] = {}
    line = Line(index + 1, stt, name, amounts, reason=_text(row, reading.reason, width))
    size = reading.size
    for field, col in fields:
        value = row[col] if col < width else None
        if type(value) is float:
            # scaled_to_dong's usual case, inlined (a sheet has a hundred thousand amounts):
            # a product within the bounds and not near a half is its nearest integer.
            scaled = value * size  # NaN and infinities fail the bounds below
            if -MAX_DONG <= scaled <= MAX_DONG:
                nearest = round(scaled)
                if -NEAR_HALF < scaled - nearest < NEAR_HALF:
                    amounts[field] = nearest
                    continue
            if -FINITE < value < FINITE:
                amounts[field] = scaled_to_dong(value, size)
                continue
        if value is None or value == "":
            amounts[field] = None
        else:
            read = parse_number(value, reading.style)
            amounts[field] = to_dong(read.value, reading.unit) if read.value is not None else None
            if read.reported:
                notes.append(NumberNote(line, field, read))
    return line


def _text(row: list[object], col: int | None, width: int) -> str:
    return clean(row[col]) if col is not None and col < width else ""


def _read_rates(sheet: RawSheet, layout: Layout, lines: list[Line]) -> None:
    """Stated rates, with Excel percentages (0,1834 shown as 18,34%) recognised by format."""
    columns = [(name, layout.columns[name]) for name in RATE_FIELDS if name in layout.columns]
    rows = [sheet.rows[line.row - 1] for line in lines] if columns else []
    for name, col in columns:
        raw = [row[col] if col < len(row) else None for row in rows]
        formats = _percent_formats(sheet, col, layout, raw)
        if formats:
            for line, value in zip(lines, raw, strict=True):
                line.rates[name] = parse_rate(value, formats.get(line.row - 1))
        else:
            for line, value in zip(lines, raw, strict=True):
                line.rates[name] = parse_rate(value)
            _fractions_as_percent(lines, name)


def _percent_formats(
    sheet: RawSheet, col: int, layout: Layout, raw: list[object]
) -> dict[int, str]:
    numbers = [abs(v) for v in raw if isinstance(v, float | int) and not isinstance(v, bool)]
    maybe_fraction = bool(numbers) and 0 < max(numbers) <= 1.5  # Excel stores 18,34% as 0.1834
    if not maybe_fraction or sheet.formats is None:
        return {}
    found = sheet.formats(col, layout.first_row, layout.last_row)
    return {r: f for r, f in found.items() if "%" in f}


def _fractions_as_percent(lines: list[Line], name: str) -> None:
    """Without formats: a rate column whose every value is at most 1 holds fractions."""
    stated = [line.rates[name] for line in lines if line.rates.get(name) is not None]
    values = [r.percent for r in stated if r is not None]
    if not values or max(abs(v) for v in values) > 1 or not any(v for v in values):
        return
    for line in lines:
        rate = line.rates.get(name)
        if rate is not None:
            line.rates[name] = StatedRate(rate.percent * 100, max(rate.decimals - 2, 0))


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
