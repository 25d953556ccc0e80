"""A cell reference with more column letters than Excel allows is refused before loading; the
sheet scan behind it finds the far rows, columns and cells however a file orders or writes them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_bad_inputs import num_cell, sheet, write_xlsx
from mtqg_cli.model.errors import InputError
from mtqg_cli.read.limits import DEFAULT_LIMITS, Limits, check_before_loading, open_within_limits


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
# The scan parses each sheet as a stream and places every row and cell as readers do. The tests
# below hold it to a plain walk of the cells, above all for what a hostile file can do (rows out
# of order, leading zeros, numbers of 20 digits, cells with no reference or a namespace prefix,
# a tab or a line break before an attribute).


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


Cell = tuple[str | None, int]  # (column letters or None for no reference, row or 0 for none)


def _expected_extent(rows: list[tuple[int | None, list[Cell]]]) -> tuple[int, int]:
    """Where readers place cells, walked the plain way: a row without a number follows the
    previous one, a cell without a reference the previous cell."""
    row = far_row = far_column = 0
    for number, cells in rows:
        row = number if number is not None else row + 1
        far_row, column = max(far_row, row), 0
        for letters, cell_row in cells:
            if letters is None:  # no reference at all: the next column of the same row
                column += 1
            else:
                column, row = _number(letters), cell_row or row
            far_row, far_column = max(far_row, row), max(far_column, column)
    return far_row, far_column


def _number(letters: str) -> int:
    value = 0
    for letter in letters:
        value = value * 26 + ord(letter) - 64
    return value


def _xml(rows: list[tuple[int | None, list[Cell]]], prefix: str, space: bytes) -> list[bytes]:
    out = []
    for number, cells in rows:
        head = b"<row" + (b' r="%d"' % number if number is not None else b"") + b">"
        body = b""
        for letters, cell_row in cells:
            ref = f"{letters}{cell_row or ''}" if letters else ""
            attrs = (space + f'r="{ref}"'.encode()) if ref else b""
            body += (
                f"<{prefix}c".encode() + attrs + f"><{prefix}v>1</{prefix}v></{prefix}c>".encode()
            )
        out.append(head + body + b"</row>")
    return out


CELLS = st.tuples(st.one_of(st.none(), st.sampled_from(["A", "C", "Z", "AB", "IV", "IW"])),
                  st.sampled_from([0, 0, 1, 40, 90, 130]))  # fmt: skip
ROWS = st.lists(
    st.tuples(st.one_of(st.none(), st.integers(1, 140)), st.lists(CELLS, max_size=6)), max_size=8
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS, prefix=st.sampled_from(["", "x:"]), space=st.sampled_from([b" ", b"\t", b"\n"]))
def test_the_scan_finds_where_any_arrangement_of_cells_reaches(
    tmp_path: Path, rows: list[tuple[int | None, list[Cell]]], prefix: str, space: bytes
) -> None:
    limits = Limits(max_rows=100, max_columns=255, max_cells=10**9)
    far_row, far_column = _expected_extent(rows)
    body = _xml(rows, prefix, space)
    if prefix:
        body = [b.replace(b"<row", b"<x:row").replace(b"</row>", b"</x:row>") for b in body]
    path = write_xlsx(tmp_path / "any.xlsx", [("S", lambda: sheet(body))])
    if far_row <= limits.max_rows and far_column <= limits.max_columns:
        check_before_loading(path, limits)
        return
    with pytest.raises(InputError) as raised:
        check_before_loading(path, limits)
    assert raised.value.key in ("too_many_rows", "too_many_columns")


@pytest.mark.parametrize("cell", [b"<c/>", b"<c><v>1</v></c>", b"<x:c><x:v>1</x:v></x:c>"])
def test_cells_without_references_are_placed_one_after_another(tmp_path: Path, cell: bytes) -> None:
    error = _refused(tmp_path, [b'<row r="1">' + cell * 300 + b"</row>"])
    assert error.key == "too_many_columns" and error.params["count"] == 257


def test_limits_lowered_are_passed_by_the_same_counts(tmp_path: Path) -> None:
    error = _refused(tmp_path, _ordered(1, 60), Limits(max_rows=50))
    assert error.key == "too_many_rows" and error.params["count"] == 51  # the first row past
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


def test_only_parts_zipfile_would_read_as_inflated_are_kept(tmp_path: Path) -> None:
    """The check keeps a small part's bytes for the readers after it only when `open` would
    give the same: a part with a wrong CRC-32 or another name in its local header is read (and
    refused) from the zip as before."""
    path = tmp_path / "parts.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("xl/styles.xml", "docProps/app.xml", "xl/theme/theme1.xml"):
            archive.writestr(name, f"<root><x>{name} AAAA</x></root>")
    raw = path.read_bytes()
    raw = raw.replace(b"styles.xml AAAA", b"styles.xml AAAB")  # the CRC-32 no longer matches
    raw = raw.replace(b"docProps/app.xml", b"docProps/apq.xml", 1)  # the local header's name
    path.write_bytes(raw)
    archive = open_within_limits(path, DEFAULT_LIMITS)
    assert archive is not None
    with archive:
        assert set(archive.kept) == {"xl/theme/theme1.xml"}
        assert archive.read("xl/theme/theme1.xml") == archive.kept["xl/theme/theme1.xml"]
        with pytest.raises(zipfile.BadZipFile):
            archive.read("xl/styles.xml")
