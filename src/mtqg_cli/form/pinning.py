"""A layout pinned by the user (`[layout]` in a TOML file) where the guess of layout.py is wrong.

    [layout]
    sheet = "Biểu 01"          # optional: only this sheet (else every sheet with a table)
    header_rows = [8, 10]      # first and last header row (1-based), or every header row
    first_row = 12             # first and last data row (1-based); optional
    last_row = 45
    unit = "trieu"             # trieu | nghin | dong | ty
    [layout.columns]           # column letter -> field (stt, name, reason, plan.total, rate.sn…)
    A = "stt"
    B = "name"
    C = "plan.total"

Whatever is pinned replaces the guess; whatever is not pinned is still guessed. A form written
by `mtqg template` (custom property `mtqg_template=1`) is pinned whole by `template_pin`: its
header rows, columns, unit and code column are known, so nothing of it is guessed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mtqg_cli.form import template_layout as t
from mtqg_cli.form.layout import Layout, find_layout
from mtqg_cli.form.tables import find_layouts
from mtqg_cli.form.unit_title import find_title, unit_from_text
from mtqg_cli.model.errors import InputError
from mtqg_cli.model.text import clean
from mtqg_cli.model.vocabulary import AMOUNT_FIELDS, RATE_FIELDS, TEXT_FIELDS, Unit
from mtqg_cli.read.raw import RawSheet, RawWorkbook

UNIT_WORDS = {
    "trieu": Unit.trieu_dong,
    "nghin": Unit.nghin_dong,
    "dong": Unit.dong,
    "ty": Unit.ty_dong,
    **{u.value: u for u in Unit},
}
FIELDS = frozenset((*TEXT_FIELDS, *AMOUNT_FIELDS, *RATE_FIELDS))
_LETTERS = re.compile(r"^[A-Z]{1,3}$")


@dataclass(frozen=True)
class LayoutPin:
    """What the user pinned; 0-based indexes, None where the guess stands."""

    sheet: str | None = None
    header_rows: tuple[int, ...] | None = None
    first_row: int | None = None
    last_row: int | None = None
    unit: Unit | None = None
    columns: dict[str, int] = field(default_factory=dict)  # field -> column
    code_column: int | None = None
    """A column of catalog codes: lines are coded and linked from it, not from their names."""
    unit_cell: tuple[int, int] | None = None
    exact: bool = False
    """Everything is pinned (a template): the layout is made from the pin alone, no guess."""

    def applies_to(self, sheet: str) -> bool:
        return self.sheet is None or self.sheet == sheet


def load_pin(path: Path) -> LayoutPin:
    """Read the `[layout]` table of a TOML file; raise InputError on anything malformed."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise InputError("unreadable", path=str(path), reason=exc.strerror or str(exc)) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError("bad_layout", path=str(path), reason=str(exc)) from exc
    return pin_from_table(data.get("layout"), str(path))


def pin_from_table(table: Any, source: str) -> LayoutPin:
    """A LayoutPin from the parsed `[layout]` table (also what a config loader hands over)."""
    if table is None:
        return LayoutPin()
    if not isinstance(table, dict):
        raise InputError("bad_layout", path=source, reason="[layout] must be a table")
    unknown = set(table) - {"sheet", "header_rows", "first_row", "last_row", "unit", "columns"}
    if unknown:
        raise InputError("bad_layout", path=source, reason=f"unknown keys: {sorted(unknown)}")
    return LayoutPin(
        sheet=_text(table.get("sheet"), "sheet", source),
        header_rows=_header_rows(table.get("header_rows"), source),
        first_row=_row(table.get("first_row"), "first_row", source),
        last_row=_row(table.get("last_row"), "last_row", source),
        unit=_unit(table.get("unit"), source),
        columns=_columns(table.get("columns") or {}, source),
    )


def _text(value: Any, key: str, source: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise InputError("bad_layout", path=source, reason=f"{key} must be text")


def _row(value: Any, key: str, source: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value - 1
    raise InputError("bad_layout", path=source, reason=f"{key} must be a row number (1, 2, …)")


def _header_rows(value: Any, source: str) -> tuple[int, ...] | None:
    if value is None:
        return None
    if isinstance(value, int):
        value = [value]
    if not isinstance(value, list) or not value:
        raise InputError("bad_layout", path=source, reason="header_rows must list row numbers")
    rows = [_row(v, "header_rows", source) for v in value]
    known = sorted(r for r in rows if r is not None)
    if len(known) == 2 and known[1] - known[0] > 1:
        known = list(range(known[0], known[1] + 1))  # [first, last]
    return tuple(known)


def _unit(value: Any, source: str) -> Unit | None:
    if value is None:
        return None
    if isinstance(value, str) and value.lower() in UNIT_WORDS:
        return UNIT_WORDS[value.lower()]
    raise InputError("bad_layout", path=source, reason=f"unit must be one of {sorted(UNIT_WORDS)}")


def _columns(value: Any, source: str) -> dict[str, int]:
    if not isinstance(value, dict):
        raise InputError("bad_layout", path=source, reason="[layout.columns] must be a table")
    columns: dict[str, int] = {}
    for letter, name in value.items():
        if not _LETTERS.match(str(letter).upper()):
            raise InputError("bad_layout", path=source, reason=f"not a column letter: {letter}")
        if name not in FIELDS:
            raise InputError("bad_layout", path=source, reason=f"unknown field: {name}")
        columns[name] = _column_index(str(letter).upper())
    return columns


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def pinned_layouts(sheet: RawSheet, pin: LayoutPin | None) -> list[Layout]:
    """Every table of the sheet; a sheet the user pinned is the one table the pin describes."""
    if pin is None or not pin.applies_to(sheet.name) or pin == LayoutPin(sheet=pin.sheet):
        return find_layouts(sheet)
    layout = pinned_layout(sheet, pin)
    return [] if layout is None else [layout]


def pinned_layout(sheet: RawSheet, pin: LayoutPin | None) -> Layout | None:
    """The sheet's layout: the guess of layout.py, with what the user pinned put over it."""
    if pin is not None and pin.exact and pin.applies_to(sheet.name):
        return _bare_layout(sheet, pin)
    guess = find_layout(sheet)
    if pin is None or not pin.applies_to(sheet.name) or pin == LayoutPin(sheet=pin.sheet):
        return guess
    if guess is None:
        guess = _bare_layout(sheet, pin)
        if guess is None:
            return None
    layout = guess
    if pin.header_rows is not None:
        layout = replace(layout, header_rows=list(pin.header_rows))
        if pin.first_row is None:
            layout = replace(layout, first_row=pin.header_rows[-1] + 1)
    if pin.first_row is not None:
        layout = replace(layout, first_row=pin.first_row)
    if pin.last_row is not None:
        layout = replace(layout, last_row=min(pin.last_row, len(sheet.rows) - 1))
    if pin.columns:
        taken = set(pin.columns.values())
        columns = {
            f: c for f, c in layout.columns.items() if c not in taken and f not in pin.columns
        }
        columns.update(pin.columns)
        ignored = sorted({*layout.ignored, *layout.columns.values()} - set(columns.values()))
        alternatives = {  # a pinned field, or a pinned column, is no longer in doubt
            f: [c for c in cols if c not in taken]
            for f, cols in layout.alternatives.items()
            if f not in pin.columns
        }
        layout = replace(layout, columns=columns, ignored=ignored, alternatives=alternatives)
    if pin.unit is not None:
        layout = replace(layout, unit=pin.unit, unit_cell=pin.unit_cell)
    if pin.code_column is not None:
        layout = replace(layout, code_column=pin.code_column)
    return layout


def _bare_layout(sheet: RawSheet, pin: LayoutPin) -> Layout | None:
    """With no table guessed, a layout made of what was pinned alone (header rows, columns)."""
    if pin.header_rows is None or "name" not in pin.columns:
        return None
    first = pin.first_row if pin.first_row is not None else pin.header_rows[-1] + 1
    last = pin.last_row if pin.last_row is not None else len(sheet.rows) - 1
    labels = {
        col: " | ".join(
            clean(sheet.rows[r][col]) for r in pin.header_rows if col < len(sheet.rows[r])
        )
        for col in pin.columns.values()
    }
    title, issuer = find_title(sheet.rows, pin.header_rows[0])
    if pin.code_column is not None:
        labels[pin.code_column] = " | ".join(
            clean(sheet.rows[r][pin.code_column])
            for r in pin.header_rows
            if pin.code_column < len(sheet.rows[r])
        )
    return Layout(
        list(pin.header_rows),
        first,
        min(last, len(sheet.rows) - 1),
        dict(pin.columns),
        labels,
        unit=pin.unit,
        unit_cell=pin.unit_cell if pin.unit is not None else None,
        title=title,
        reporting_unit=issuer,
        code_column=pin.code_column,
    )


def file_pin(book: RawWorkbook, pin: LayoutPin | None) -> LayoutPin | None:
    """The pin a workbook is read with: its own layout when it is a template, else `pin`."""
    return template_pin(book) or pin


def template_pin(book: RawWorkbook) -> LayoutPin | None:
    """The known layout of a form written by `mtqg template`, or None for any other workbook.

    The lines run from the total line down to the last row with a code in the «Mã» column."""
    if book.properties.get("mtqg_template") != "1" or not book.sheets:
        return None
    names = [s.name for s in book.sheets]
    sheet = book.sheets[names.index(t.SHEET_NAME) if t.SHEET_NAME in names else 0]
    rows = sheet.rows
    last = t.FIRST_LINE
    while last + 1 < len(rows) and _text_at(rows, last + 1, t.CODE):
        last += 1
    unit_cell = (t.HEADER_ROW - 2, t.RATE)
    unit = UNIT_WORDS.get(book.properties.get("mtqg_unit", ""))
    if unit is None:
        unit = unit_from_text(_text_at(rows, *unit_cell), need_prefix=True)
    columns = {"stt": t.STT, "name": t.NAME, "reason": t.REASON, "rate.total": t.RATE}
    columns.update({field: col for col, field in t.FIELD_OF.items()})
    return LayoutPin(
        sheet=sheet.name,
        header_rows=tuple(range(t.HEADER_ROW, t.HEADER_ROW + 3)),
        first_row=t.FIRST_LINE,
        last_row=last,
        unit=unit,
        columns=columns,
        code_column=t.CODE,
        unit_cell=unit_cell if unit is not None else None,
        exact=True,
    )


def _text_at(rows: list[list[object]], row: int, col: int) -> str:
    if row >= len(rows) or col >= len(rows[row]):
        return ""
    value = rows[row][col]
    return value if isinstance(value, str) else ""
