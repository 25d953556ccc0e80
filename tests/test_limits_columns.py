"""A cell reference with more column letters than Excel allows is refused before loading; the
sheet scan behind it finds the far rows, columns and cells however a file orders or writes them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_bad_inputs import num_cell, sheet, write_xlsx
from mtqg_cli.errors import InputError
from mtqg_cli.limits import (
    DEFAULT_LIMITS,
    Limits,
    _cell_count,
    _largest_row,
    _row_number,
    check_before_loading,
    open_within_limits,
)


@pytest.mark.parametrize("ref", ["AAAAA1", "ZZZZZZZZZZ7"])
def test_column_letters_beyond_excel_are_refused(tmp_path: Path, ref: str) -> None:
    row = int("".join(ch for ch in ref if ch.isdigit()))
    rows = [f'<row r="{row}">'.encode() + num_cell(ref, "1") + b"</row>"]
    path = write_xlsx(tmp_path / "many-letters.xlsx", [("S", lambda: sheet(rows))])
    with pytest.raises(InputError) as raised:
        check_before_loading(path, DEFAULT_LIMITS)
    assert "column" in raised.value.key or "cells" in raised.value.key


def test_an_ordinary_reference_passes(tmp_path: Path) -> None:
    rows = [b'<row r="3">' + num_cell("C3", "1") + b"</row>"]
    path = write_xlsx(tmp_path / "ok.xlsx", [("S", lambda: sheet(rows))])
    check_before_loading(path, DEFAULT_LIMITS)


# --------------------------------------------------------------------------- the sheet scan
# The scan finds the largest row number, the widest column and the cells without a reference
# by C loops (regular expressions, counts, map and max) rather than Python code per row or cell.
# Each shortcut must find what a walk of every number and every cell would: the tests below
# hold it to that, above all for what a hostile file can do (rows out of order, leading zeros,
# numbers of 20 digits, cells with no reference or a namespace prefix).


def _refused(tmp_path: Path, rows: list[bytes], limits: Limits = DEFAULT_LIMITS) -> InputError:
    path = write_xlsx(tmp_path / "sheet.xlsx", [("S", lambda: sheet(rows))])
    with pytest.raises(InputError) as raised:
        check_before_loading(path, limits)
    return raised.value


def _ordered(first: int, last: int) -> list[bytes]:
    return [b'<row r="%d">' % r + num_cell(f"B{r}", "1") + b"</row>" for r in range(first, last)]


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_the_highest_row_is_found_wherever_it_stands(tmp_path: Path, where: str) -> None:
    far = [b'<row r="250000">' + num_cell("A250000", "1") + b"</row>"]
    rows = {
        "first": far + _ordered(1, 3000),
        "middle": _ordered(1, 1500) + far + _ordered(1500, 3000),
        "last": _ordered(1, 3000) + far,
    }[where]
    error = _refused(tmp_path, rows)
    assert error.key == "too_many_rows" and error.params["count"] == 250_000


def test_a_far_row_only_a_cell_reference_names_is_found(tmp_path: Path) -> None:
    rows = [b'<row r="1">' + num_cell("A1", "1") + num_cell("C180000", "2") + b"</row>"]
    error = _refused(tmp_path, [*rows, *_ordered(2, 50)])
    assert error.key == "too_many_rows" and error.params["count"] == 180_000


@pytest.mark.parametrize(
    ("number", "count"),
    # past 12 digits, leading zeros or not, a number counts as 10**12: refused without int()
    [(b"0200000", 200_000), (b"000000000000000000300000", 10**12), (b"9" * 20, 10**12)],
)
def test_row_numbers_with_leading_zeros_or_many_digits(
    tmp_path: Path, number: bytes, count: int
) -> None:
    rows = [*_ordered(1, 40), b'<row r="' + number + b'"><c r="A1"><v>1</v></c></row>']
    error = _refused(tmp_path, [*rows, *_ordered(40, 80)])
    assert error.key == "too_many_rows" and error.params["count"] == count


DIGITS = st.text("0123456789", min_size=1, max_size=20).map(str.encode)


@given(st.lists(DIGITS, min_size=1, max_size=40))
def test_largest_row_is_the_largest_number_as_read_one_by_one(numbers: list[bytes]) -> None:
    assert _largest_row(numbers) == max(map(_row_number, numbers))


def _cells_one_by_one(data: bytes) -> int:
    """What `_cell_count` must give, written the plain way (as it was before it was sped up)."""
    if b":c " in data or b":c>" in data:
        return len(re.findall(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]", data))
    return data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")


PIECES = [b"<c ", b"<c>", b"<c/>", b"<c/", b"<c\n", b"<x:c ", b"<x:c>", b":c", b"<col ", b"<cols>"]


@given(st.lists(st.sampled_from([*PIECES, b" r=", b"A1", b">", b"/", b" "]), max_size=30))
def test_cell_count_is_the_count_of_every_form_of_cell(pieces: list[bytes]) -> None:
    data = b"".join(pieces)
    assert _cell_count(data) == _cells_one_by_one(data)


@pytest.mark.parametrize("cell", [b"<c/>", b"<c><v>1</v></c>", b"<x:c><x:v>1</x:v></x:c>"])
def test_cells_without_references_are_placed_one_after_another(tmp_path: Path, cell: bytes) -> None:
    error = _refused(tmp_path, [b'<row r="1">' + cell * 300 + b"</row>"])
    assert error.key == "too_many_columns" and error.params["count"] == 257


def test_limits_lowered_are_passed_by_the_same_counts(tmp_path: Path) -> None:
    error = _refused(tmp_path, _ordered(1, 60), Limits(max_rows=50))
    assert error.key == "too_many_rows" and error.params["count"] == 59
    wide = [b'<row r="1">' + b"".join(num_cell(f"{c}1", "1") for c in "ABCDEFGHIJ") + b"</row>"]
    error = _refused(tmp_path, wide, Limits(max_columns=9))
    assert error.key == "too_many_columns" and error.params["count"] == 10


def test_the_archive_checked_is_handed_over_open_or_closed_on_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[zipfile.ZipFile] = []
    read_directory = zipfile.ZipFile._RealGetContents  # type: ignore[attr-defined]

    def recording(self: zipfile.ZipFile) -> None:
        opened.append(self)
        read_directory(self)

    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", recording)
    path = write_xlsx(tmp_path / "ok.xlsx", [("S", lambda: sheet(_ordered(1, 5)))])
    archive = open_within_limits(path, DEFAULT_LIMITS)
    assert archive is not None and "xl/worksheets/sheet1.xml" in archive.namelist()
    archive.close()
    _refused(tmp_path, _ordered(1, 60), Limits(max_rows=50))
    assert len(opened) == 2 and opened[1].fp is None  # the refused one was closed
    csv_file = tmp_path / "a.csv"
    csv_file.write_text("STT;Tên\n1;Xã A\n", encoding="utf-8")
    assert open_within_limits(csv_file, DEFAULT_LIMITS) is None
