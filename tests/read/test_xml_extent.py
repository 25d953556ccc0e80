"""The one-search extent of a sheet part is the extent found the straightforward way."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mtqg_cli.model.text import column_letter
from mtqg_cli.read.limit_values import column_number
from mtqg_cli.read.xml_extent import (
    GUESS_BYTES,
    letters_upto,
    plain_extent,
    rows_upto,
    sheet_extent,
)
from mtqg_cli.read.xml_fast import ROOT, _declarations

ODD_REFS = ["", "a1", "A", "1", "AAAA1", "A12345678", "A01", "A0", "B007", "ZZZ9999999"]
ref = st.one_of(
    st.tuples(st.integers(1, 18_278), st.integers(0, 9_999_999)).map(
        lambda p: f"{column_letter(p[0] - 1)}{p[1]}"
    ),
    st.sampled_from(ODD_REFS),
)
cell = st.one_of(
    ref.map(lambda r: f'<c r="{r}" s="1"><v>1</v></c>'),
    st.sampled_from(['<c s="1" r="B2"/>', "<c/>", "<c>", "<c\tr='A1'/>", '<col min="1"/>']),
)
row_tag = st.one_of(
    st.integers(0, 9_999_999).map(lambda n: f'<row r="{n}">'),
    st.sampled_from(["<row>", '<row r="012">', '<row r="">', '<row spans="1:2" r="5">']),
)
row = st.tuples(row_tag, st.lists(cell, max_size=5))
plain_row = st.tuples(st.integers(1, 40_000), st.lists(st.integers(1, 40), max_size=4))


def part(rows: list[tuple[str, list[str]]], padding: int) -> bytes:
    """A sheet part of these rows, with `padding` bytes before and after them (so that the
    first guess, read from the ends, sees none of them and the search raises it)."""
    body = "".join(tag + "".join(cells) + "</row>" for tag, cells in rows)
    pad = "x" * padding
    return f"<worksheet><sheetData>{pad}{body}{pad}</sheetData></worksheet>".encode()


@settings(max_examples=400, deadline=None)
@given(st.lists(row, max_size=10), st.sampled_from([0, GUESS_BYTES]))
def test_the_extent_is_the_plain_extent(rows: list[tuple[str, list[str]]], padding: int) -> None:
    data = part(rows, padding)
    assert sheet_extent(data) == plain_extent(data)


@settings(max_examples=200, deadline=None)
@given(st.lists(plain_row, max_size=40), st.sampled_from([0, GUESS_BYTES]))
def test_plain_sheets_in_any_order_have_their_largest_row_and_column(
    rows: list[tuple[int, list[int]]], padding: int
) -> None:
    shaped = [
        (f'<row r="{n}">', [f'<c r="{column_letter(c - 1)}{n}"/>' for c in cells])
        for n, cells in rows
    ]
    data = part(shaped, padding)
    assert sheet_extent(data) == plain_extent(data)
    largest = max((n for n, _ in rows), default=0)
    widest = max((c for _, cells in rows for c in cells), default=0)
    assert sheet_extent(data) == (largest, widest)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 9_999_999), st.integers(1, 9_999_999))
def test_the_row_pattern_takes_the_rows_up_to_its_bound(bound: int, number: int) -> None:
    pattern = re.compile(rows_upto(bound))
    assert (pattern.fullmatch(f'{number}"'.encode()) is not None) == (number <= bound)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 18_278), st.integers(1, 18_278))
def test_the_column_pattern_takes_the_columns_up_to_its_bound(bound: int, number: int) -> None:
    pattern = re.compile(letters_upto(bound) + b"1")
    letters = column_letter(number - 1)
    assert column_number(letters) == number
    assert (pattern.fullmatch(f"{letters}1".encode()) is not None) == (number <= bound)


HEADS = [b"", b'<?xml version="1.0"?>', b'<?xml a="<?"?>', b"\xef\xbb\xbf \n"]
PIECES = [b"<?pi?>", b"?", b"!", b"<!-- c -->", b"<", b"x", b"<!", b"<?"]


@settings(max_examples=300)
@given(st.sampled_from(HEADS), st.lists(st.sampled_from(PIECES), max_size=6))
def test_the_declaration_check_is_the_plain_one(head: bytes, pieces: list[bytes]) -> None:
    data = head + b"<worksheet>" + b"".join(pieces)
    root = ROOT.match(data)
    assert root is not None
    plain = b"<!" in data or data.count(b"<?") > 1
    assert _declarations(data, root.end()) == plain


def test_a_guess_that_keeps_rising_is_left_to_the_plain_count() -> None:
    """Each row wider than the last, and the last row tag the first row: the guess rises more
    than MAX_RAISES times, and the part is counted the straightforward way."""
    rows = [(f'<row r="{n}">', [f'<c r="{column_letter(n - 1)}{n}"/>']) for n in range(2, 41)]
    data = part([*rows, ('<row r="1">', [])], GUESS_BYTES)
    assert sheet_extent(data) == plain_extent(data) == (40, 40)
