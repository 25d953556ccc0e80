"""Finding the table in a sheet: header rows, column meanings, unit line, title, data rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from mtqg_cli.form.cell_numbers import parse_number
from mtqg_cli.form.header_fields import (
    AMOUNT_GROUPS,
    STT_LABELS,
    column_labels,
    field_of,
    map_columns,
)
from mtqg_cli.form.unit_title import find_title, find_unit
from mtqg_cli.model.text import clean, clean_fold, fold
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.read.raw import RawSheet

HEADER_SCAN_ROWS = 60
MAX_HEADER_ROWS = 4

_COLUMN_NUMBER = re.compile(r"^\(?[0-9a-z]{1,3}\)?(\s*=.*)?$")
_HEADER_HINTS = ("stt", "noi dung", "ke hoach", "giai ngan", "tong so", "ty le", "dtpt", "von")
_HEADER_HINT = re.compile("|".join(map(re.escape, _HEADER_HINTS)))
"""Any of the header hints inside a text (what `any(h in text for h in hints)` tells)."""
_ANCHOR_STARTS = ("noi dung", "ten du an", "chi tieu", "danh muc")
_FOOTER_WORDS = (
    "nguoi lap bieu",
    "nguoi lap",
    "ke toan truong",
    "thu truong don vi",
    "thu truong",
    "chu tich",
    "giam doc",
    "truong phong",
    "tm. ",
    "kt. ",
    "ghi chu:",
    "noi nhan",
)
_DATE_LINE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b")


def _is_footer(text: str) -> bool:
    """Signature block, place-and-date line, notes under the table."""
    return text.startswith(_FOOTER_WORDS) or bool(_DATE_LINE.search(text))


@dataclass
class Layout:
    """Where the table is and what its columns mean (all indexes 0-based)."""

    header_rows: list[int]
    first_row: int
    last_row: int
    columns: dict[str, int]
    labels: dict[int, str]
    ignored: list[int] = field(default_factory=list)
    unit: Unit | None = None
    unit_cell: tuple[int, int] | None = None
    title: str | None = None
    reporting_unit: str | None = None
    code_column: int | None = None
    """A column of catalog codes (pinned, or a form from `mtqg template`): codes and the tree
    are read from it instead of guessed from STT marks and names."""
    skipped_rows: frozenset[int] = frozenset()
    """Rows inside the table that are not lines: headers repeated for printing."""
    caption: str | None = None
    """The words above the table's header that name it ("B. VỐN SỰ NGHIỆP"), if any."""
    capital: str | None = None
    """'dtpt' or 'sn' when the caption or the sheet's name gives the table one capital type."""
    alternatives: dict[str, list[int]] = field(default_factory=dict)
    """Fields that more than one column could hold: field -> the other columns it could be."""


def find_layout(sheet: RawSheet, start: int = 0) -> Layout | None:
    """The first table of a sheet at or below row `start`, or None when there is none.

    The table ends before a footer, or before the next header row (of a table stacked under
    it, or of its own header repeated for printing: `tables.find_layouts` tells them apart)."""
    rows = sheet.rows
    header_start = _find_header_start(rows, start)
    if header_start is None:
        return None
    grid = _filled_grid(sheet, header_start)
    header_rows, data_start = _header_block(rows, grid, header_start)
    labels = column_labels(grid, header_rows)
    columns, ignored, alternatives = map_columns(labels)
    if "name" not in columns or not any(f.split(".")[0] in AMOUNT_GROUPS for f in columns):
        return None
    last_row = _last_data_row(rows, data_start, columns)
    if last_row < data_start:
        return None
    unit, unit_cell = find_unit(rows, header_start, labels, start)
    title, issuer = find_title(rows[start:header_start], header_start - start)
    layout = Layout(
        header_rows, data_start, last_row, columns, labels, ignored, unit, unit_cell, title, issuer
    )
    layout.alternatives = alternatives
    return layout


def _texts(row: list[object]) -> list[str]:
    return [clean_fold(v) if isinstance(v, str) else "" for v in row]


def _find_header_start(rows: list[list[object]], start: int = 0) -> int | None:
    """The first row at or below `start` that reads as a header row."""
    for index in range(start, min(len(rows), start + HEADER_SCAN_ROWS)):
        if is_header_row(rows[index]):
            return index
    return None


def is_header_row(row: list[object]) -> bool:
    """Whether a row reads as a header: an STT/content cell and amount words."""
    return _is_header_texts([clean_fold(v) for v in row if isinstance(v, str)])


def _is_inner_header(texts: list[str]) -> bool:
    """A header row met among a table's lines (the next table's, or its own repeated): its STT
    cell says "STT" (a line's holds a mark), so a line named "Nội dung số 2: … vốn …" is none."""
    return any(t in STT_LABELS for t in texts) and _is_header_texts(texts)


def _is_header_texts(texts: list[str]) -> bool:
    filled = [t for t in texts if t]
    if len(filled) < 2:
        return False  # two texts at least hold the two hints
    if not any(t in STT_LABELS or t.startswith(_ANCHOR_STARTS) for t in filled):
        return False
    return sum(1 for t in filled if _HEADER_HINT.search(t)) >= 2


def _filled_grid(sheet: RawSheet, header_start: int) -> list[list[str]]:
    """Folded header texts with merged ranges filled from their top-left cell."""
    end = min(len(sheet.rows), header_start + MAX_HEADER_ROWS + 1)
    width = max((len(r) for r in sheet.rows[header_start:end]), default=0)
    grid = [
        [clean_fold(v) if isinstance(v, str) else "" for v in row] + [""] * (width - len(row))
        for row in sheet.rows[header_start:end]
    ]
    for r1, c1, r2, c2 in sheet.merged:
        if r2 < header_start or r1 >= end:
            continue
        value = sheet.rows[r1][c1] if r1 < len(sheet.rows) and c1 < len(sheet.rows[r1]) else ""
        text = clean_fold(value) if isinstance(value, str) else ""
        for r in range(max(r1, header_start), min(r2, end - 1) + 1):
            for c in range(c1, min(c2, width - 1) + 1):
                grid[r - header_start][c] = text
    return grid


def _header_block(
    rows: list[list[object]], grid: list[list[str]], start: int
) -> tuple[list[int], int]:
    """Header row indexes and the first data row (after any row of column numbers)."""
    header = [start]
    numbers = _column_numbers(rows)
    texts = _texts(rows[start])
    anchors = [c for c, t in enumerate(texts) if t in STT_LABELS][:1]
    names = [c for c, t in enumerate(texts) if t and field_of(t) == "name"]
    notes = {c for c, t in enumerate(texts) if t and field_of(t) == "reason"}
    for offset in range(1, len(grid)):
        index = start + offset
        if numbers(index) or _looks_like_data(rows[index]):
            break
        if (
            _starts_a_line(rows[index], anchors)
            or _only_a_name(rows[index], names, grid[offset], notes)
            or _named_with_figure(rows[index], names)
        ):
            break
        if not any(grid[offset]):
            break
        header.append(index)
    data_start = header[-1] + 1
    while data_start < len(rows) and (numbers(data_start) or not any(map(clean, rows[data_start]))):
        data_start += 1  # the row of column numbers, and blank rows left under the header
    return header, data_start


def _column_numbers(rows: list[list[object]]) -> Callable[[int], bool]:
    """`_is_column_numbers` of a row by its index, each row's answer found once (the row that
    ends the header is asked again as the first under it)."""
    known: dict[int, bool] = {}

    def numbers(index: int) -> bool:
        if index not in known:
            known[index] = _is_column_numbers(rows[index])
        return known[index]

    return numbers


_STT_MARK = re.compile(r"^([ivxlcdm]+|\d+(\.\d+)*|[a-z])[.)]?$|^[-+*]$")


def _starts_a_line(row: list[object], stt_columns: list[int]) -> bool:
    """A row whose STT cell holds a mark (I, 1, 1.2, a, -) is a line, not a header row."""
    return any(col < len(row) and _STT_MARK.match(fold(clean(row[col]))) for col in stt_columns)


def _only_a_name(row: list[object], names: list[int], grid_row: list[str], notes: set[int]) -> bool:
    """A row with words under the name column alone, or beside a note or a reason (a line with
    no figures yet, and no STT) is a line, not a header row: a header row names the figures'
    columns."""
    filled = [c for c, v in enumerate(row) if clean(v) and c not in notes]
    if len(filled) != 1 or filled[0] not in names:
        return False
    return len({t for c, t in enumerate(grid_row) if t and c not in notes}) <= 1


def _named_with_figure(row: list[object], names: list[int]) -> bool:
    """A row with words in its own name cell and a figure ("Tổng cộng | … | 179.563", a line
    with one figure and no STT) is a line, not a header row: a header's words stand above
    figures, and a merged name cell leaves the rows under its top blank."""
    named = any(col < len(row) and clean(row[col]) for col in names)
    return named and any(map(is_figure, row))


def _is_column_numbers(row: list[object]) -> bool:
    cells = [c for c in map(clean, row) if c]
    if len(cells) < 3:
        return False
    kinds = list(map(_column_cell, cells))
    in_order = [int(c) for c in cells if c.isdigit()]
    if in_order != sorted(set(in_order)):
        return False  # figures of a data row (a line of zeros too), not the columns' numbers
    if any(long_word for _, long_word, _ in kinds):
        return False  # a word (no column number, no "=") of more than three characters
    numbered = sum(number for number, _, _ in kinds)
    return numbered >= max(3, int(len(cells) * 0.8)) and all(short for _, _, short in kinds)


@lru_cache(maxsize=4096)
def _column_cell(text: str) -> tuple[bool, bool, bool]:
    """What `_is_column_numbers` asks of a cleaned cell: whether it reads as a column's number
    ("(3)", "c", "(6)=(4)+(5)"), whether it is a longer word, and whether it is short."""
    number = _COLUMN_NUMBER.match(fold(text)) is not None
    return number, not number and "=" not in text and len(text) > 3, len(text) <= 24


def _looks_like_data(row: list[object]) -> bool:
    """Two figures or more, as numbers, text numbers ("8 483 614 432", "3.379,979") or dashes."""
    return sum(map(is_figure, row)) >= 2


def is_figure(value: object) -> bool:
    """A figure: a number, a text number ("3.379,979") or a dash for zero; no column number."""
    if isinstance(value, str):
        return _is_figure_text(value)
    return isinstance(value, int | float) and not isinstance(value, bool)


@lru_cache(maxsize=16384)
def _is_figure_text(value: str) -> bool:
    """`is_figure` of a text, remembered (each pass over a table asks it of the same cells)."""
    text = clean(value)
    if text in ("-", "–", "—"):
        return True  # a zero written as a dash
    if not any(ch.isdigit() for ch in text) or _COLUMN_NUMBER.match(fold(text)):
        return False  # "(1)", "12": the number of a column, not a figure
    read = parse_number(text)
    return read.value is not None and read.issue in (None, "english_style")


def _last_data_row(rows: list[list[object]], start: int, columns: dict[str, int]) -> int:
    """The last row of the table: before the signature block or the first footer line."""
    after_name = columns["name"] + 1
    last = start - 1
    for index in range(start, len(rows)):
        row = rows[index]
        if _has_number(row, after_name):  # a line with figures is never the footer
            last = index
            continue
        texts = _texts(row)
        if any(_is_footer(t) for t in texts if t) or (index > start and _is_inner_header(texts)):
            break
        if any(map(clean, row)):
            last = index
    return last


def _has_number(row: list[object], start: int) -> bool:
    """A number (no bool) in the row at or after column `start`."""
    for value in row[start:]:  # noqa: SIM110  (`any` over a generator is three times slower)
        if isinstance(value, _NUMBERS) and type(value) is not bool:
            return True
    return False


_NUMBERS = (int, float)
