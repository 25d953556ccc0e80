"""How far the rows and cells of a plain sheet part reach, found by one search rather than one
Python object per cell.

A first guess of the extent comes from the part's last row tag and its first bytes (where the
last row and the widest usually are). One regular expression then looks, in a single pass, for the
first row or cell tag that is not plain (a reference missing, not first, or odd) or that
reaches beyond the guess; a cell beyond it raises the guess and the search goes on from there,
with the pattern of the new guess. A part whose guess keeps rising is counted the
straightforward way (`plain_extent`), which gives the same answer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mtqg_cli.model.text import column_letter
from mtqg_cli.read.limit_values import column_number

ROW_REF = re.compile(rb'<row r="([0-9]{1,7})"')
CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})[0-9]{1,7}"')
CELL_ROW = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
BARE_ODD = re.compile(rb"<(?:c|row)[\t\r\n/>]")
"""A cell or row start tag not followed by a space: placed by the expat scan."""
GUESS_BYTES = 4 * 1024
"""Bytes at the start of the part the first guess of its columns is read from."""
MAX_RAISES = 16
"""Times the guess may rise before the part is counted the straightforward way."""


def sheet_extent(data: bytes) -> tuple[int, int] | None:
    """(largest row, largest column) referenced by the rows and cells of a part whose every
    row and cell tag carries its reference first; None when one does not (or is odd)."""
    rows, columns = _first_guess(data)
    try:
        extent = _settled(data, rows, columns, cells=False)
        return None if extent is None else _settled(data, *extent, cells=True)
    except _Restless:
        return plain_extent(data)


class _Restless(Exception):
    """The guess rose more than MAX_RAISES times."""


def _settled(data: bytes, rows: int, columns: int, *, cells: bool) -> tuple[int, int] | None:
    """The guess raised to every row tag (or cell tag) beyond it, in one pass over the part;
    None at the first such tag that is odd."""
    start = 0
    for _ in range(MAX_RAISES):
        odd = odd_cell(rows, columns) if cells else odd_row(rows)
        found = odd.search(data, start)
        if found is None:
            return rows, columns
        start = found.start()
        ref = (CELL_REF if cells else ROW_REF).match(data, start)
        if ref is None:
            return None  # a tag without its reference first: placed by the expat scan
        rows = max(rows, int(ref[ref.lastindex or 0]))
        if cells:
            columns = max(columns, column_number(ref[1].decode()))
        start += 1
    raise _Restless


def plain_extent(data: bytes) -> tuple[int, int] | None:
    """`sheet_extent` the straightforward way: every reference found, then the largest."""
    if BARE_ODD.search(data):
        return None
    row_refs = ROW_REF.findall(data)
    cell_rows = CELL_ROW.findall(data)
    if len(row_refs) != data.count(b"<row ") or len(cell_rows) != data.count(b"<c "):
        return None
    rows = max(map(int, set(cell_rows).union(row_refs)), default=0)
    letters = set(CELL_COLUMN.findall(data))
    columns = max((column_number(column.decode()) for column in letters), default=0)
    return rows, columns


def _first_guess(data: bytes) -> tuple[int, int]:
    """The last row tag's row (rows usually come in order) and the largest column referenced
    in the part's first bytes (where the header rows, the widest, are)."""
    last = ROW_REF.match(data, max(0, data.rfind(b'<row r="')))
    letters = set(CELL_COLUMN.findall(data, 0, GUESS_BYTES))
    columns = max(map(column_number, (c.decode() for c in letters)), default=0)
    return (int(last[1]) if last else 0), columns


@lru_cache(maxsize=256)
def odd_row(rows: int) -> re.Pattern[bytes]:
    """The first row tag not followed by a space and its reference, or beyond row `rows`."""
    return re.compile(rb'<row(?:[\t\r\n/>]| (?!r="' + rows_upto(rows) + rb"))")


@lru_cache(maxsize=256)
def odd_cell(rows: int, columns: int) -> re.Pattern[bytes]:
    """The first cell tag not followed by a space and its reference, or beyond row `rows` or
    column `columns`."""
    good = letters_upto(columns) + rows_upto(rows)
    return re.compile(rb'<c(?:[\t\r\n/>]| (?!r="' + good + rb"))")


def rows_upto(number: int) -> bytes:
    """A pattern of a row reference up to row `number` (its digits without a leading zero),
    then its closing quote. (A leading zero is odd enough to be looked at apart.)"""
    if number <= 0:
        return b"(?!)"
    text = str(number)
    shorter = f'[1-9][0-9]{{0,{len(text) - 2}}}+"|' if len(text) > 1 else ""
    return f'(?:{shorter}{_up_to(text, "0", "9", first="1")}")'.encode()


def letters_upto(number: int) -> bytes:
    """A pattern of the letters (one to three) of a column up to column `number`."""
    if number <= 0:
        return b"(?!)"
    text = column_letter(number - 1)
    shorter = f"[A-Z]{{1,{len(text) - 1}}}+|" if len(text) > 1 else ""
    return f"(?:{shorter}{_up_to(text, 'A', 'Z', first='A')})".encode()


def _up_to(text: str, low: str, high: str, *, first: str) -> str:
    """A pattern of the strings of `text`'s length, of characters from `low` to `high` (the
    first from `first`), not after `text`: a trie, so that no alternative is tried twice."""
    tail = ""
    for place in reversed(range(len(text))):
        char, least = text[place], first if place == 0 else low
        rest = len(text) - place - 1
        if char > least and not rest:  # the last character: one class (faster to try)
            tail = f"[{least}-{char}]"
        elif char > least:
            tail = f"(?:[{least}-{chr(ord(char) - 1)}][{low}-{high}]{{{rest}}}|{char}{tail})"
        else:
            tail = f"{char}{tail}"
    return tail
