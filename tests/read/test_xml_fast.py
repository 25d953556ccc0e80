"""The regular-expression count of a sheet part answers as the expat scan does, or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtqg_cli.model.errors import InputError
from mtqg_cli.model.text import column_letter
from mtqg_cli.read.limit_values import Limits
from mtqg_cli.read.xml_fast import (
    CELL_TAG,
    ODD_TAG,
    _long_stretch,
    _odd_tag,
    fast_sheet_counts,
    skipped_root,
)
from mtqg_cli.read.xml_limits import PartScanner

LIMITS = Limits(max_rows=5_000, max_columns=60, max_cells=100_000, max_cell_chars=400)
HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
OPEN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def expat_counts(data: bytes, limits: Limits) -> tuple[int, int, bool]:
    """What the expat scan says of the part: (rows, columns, has formulas)."""
    scanner = PartScanner(Path("x.xlsx"), limits, "Sheet1")
    scanner.feed(data)
    scanner.close()
    return scanner.rows, scanner.columns, scanner.has_formulas


cell = st.tuples(
    st.integers(1, 70),  # column
    st.sampled_from(["n", "s", "f", "inline", "long"]),
    st.booleans(),  # reference written
    st.booleans(),  # reference first
)
row = st.tuples(st.integers(1, 6_000), st.booleans(), st.lists(cell, max_size=6))


def sheet_xml(rows: list[tuple[int, bool, list[tuple[int, str, bool, bool]]]]) -> bytes:
    parts = [HEAD, OPEN, b"<sheetData>"]
    for number, with_ref, cells in rows:
        parts.append(f'<row r="{number}" spans="1:3">'.encode() if with_ref else b"<row>")
        for column, kind, ref, first in cells:
            where = f'r="{column_letter(column - 1)}{number}"'
            attrs = (f'{where} s="1"' if first else f's="1" {where}') if ref else 's="1"'
            body = {
                "n": "<v>12.5</v>",
                "s": "<v>3</v>",
                "f": "<f>SUM(A1:A2)</f><v>1</v>",
                "inline": "<is><t>chữ</t></is>",
                "long": "<is><t>" + "x" * 500 + "</t></is>",
            }[kind]
            parts.append(f"<c {attrs}>{body}</c>".encode())
        parts.append(b"</row>")
    parts.append(b"</sheetData></worksheet>")
    return b"".join(parts)


@settings(max_examples=300, deadline=None)
@given(st.lists(row, max_size=12))
def test_fast_count_is_the_expat_count_when_it_answers(
    rows: list[tuple[int, bool, list[tuple[int, str, bool, bool]]]],
) -> None:
    data = sheet_xml(rows)
    fast = fast_sheet_counts(data, LIMITS)
    try:
        slow = expat_counts(data, LIMITS)
    except Exception:
        assert fast is None  # beyond a limit: only the expat scan refuses, naming it
        return
    if fast is not None:
        assert (fast.rows, fast.columns, fast.has_formulas) == slow


def test_plain_sheet_is_answered_fast_with_its_extent_and_formulas() -> None:
    rows = [
        (r, True, [(c, "f" if r == 7 else "n", True, True) for c in (1, 2, 9)])
        for r in range(1, 40)
    ]
    counts = fast_sheet_counts(sheet_xml(rows), LIMITS)
    assert counts is not None
    assert (counts.rows, counts.columns, counts.has_formulas) == (39, 9, True)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda d: d.replace(b'<c r="B2"', b'<c s="2" r="B2"', 1), "reference not first"),
        (lambda d: d.replace(b'<row r="3"', b"<row", 1), "row without its number"),
        (lambda d: d.replace(HEAD, HEAD + b"<!DOCTYPE x>"), "DOCTYPE"),
        (lambda d: d.replace(b"<sheetData>", b'<sheetData><!-- <c r="ZZ9"> -->'), "comment"),
        (lambda d: d.replace(b"<worksheet", b"<x:worksheet", 1), "prefixed root"),
        (lambda d: d.replace(b'<c r="B2"', b'<x:c r="B2"', 1), "prefixed cell"),
        (lambda d: d.replace(b"<v>1</v>", b"<is><t>" + b"y" * 600 + b"</t></is>", 1), "long text"),
        (lambda d: d.replace(b'<c r="B2"', b'<c r="BZ2"', 1), "column beyond the limit"),
    ],
)
def test_anything_unusual_is_left_to_the_expat_scan(change: object, why: str) -> None:
    rows = [(r, True, [(c, "n", True, True) for c in (1, 2)]) for r in range(1, 5)]
    data = sheet_xml(rows).replace(b"<v>12.5</v>", b"<v>1</v>")
    assert fast_sheet_counts(data, LIMITS) is not None
    assert fast_sheet_counts(change(data), LIMITS) is None, why  # type: ignore[operator]


PIECES = [b"<c ", b"<c\t", b"<c\n", b"<c/", b"<c>", b"<row ", b"<row>", b"<x:c ", b"<x:row>"]
PIECES += [b"<x:f/", b"<f>", b'x14ac:dyDescent="1"', b":c ", b"<col ", b"x", b"y" * 30, b"<"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.integers(1, 60))
def test_the_quick_searches_say_what_the_whole_patterns_say(
    pieces: list[bytes], limit: int
) -> None:
    data = b"".join(pieces)
    assert _odd_tag(data) == (ODD_TAG.search(data) is not None)
    longest = max(map(len, CELL_TAG.split(data)), default=0)
    assert _long_stretch(data, limit) == (longest > limit)


def test_part_without_cells_is_left_after_its_root() -> None:
    """A part nobody names as a sheet whose root holds no cells (a theme, the styles) is not
    parsed further: what follows its root, even broken, neither counts nor refuses the file."""
    scanner = PartScanner(Path("x.xlsx"), LIMITS, None)
    scanner.feed(b'<a:theme xmlns:a="t"><row r="9000"/><c r="ZZ1"/><broken')
    scanner.close()
    assert (scanner.mode, scanner.rows, scanner.columns) == ("skip", 0, 0)


def test_named_part_with_another_root_is_still_parsed_whole() -> None:
    """A part the package names as a sheet is parsed to its end: broken XML is refused."""
    scanner = PartScanner(Path("x.xlsx"), LIMITS, "Sheet1")
    with pytest.raises(InputError):
        scanner.feed(b"<theme><a></b></theme>")
        scanner.close()


def sst_verdict(data: bytes, size: int) -> tuple[bool, str]:
    """What the scan says of a shared-strings part: (needs an exact count, error key)."""
    scanner = PartScanner(Path("x.xlsx"), LIMITS, "", size=size)
    try:
        scanner.feed(data)
        scanner.close()
    except InputError as exc:
        return scanner.needs_exact, exc.key
    return scanner.needs_exact, ""


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 300), max_size=6), st.booleans())
def test_small_shared_strings_skip_the_per_string_calls(lengths: list[int], broken: bool) -> None:
    """Shared strings no longer than the text limit are parsed without a call per string, with
    the same verdict as the full scan (a span between strings never exceeds the part's size)."""
    items = b"".join(b"<si><t>" + b"x" * n + b"</t></si>" for n in lengths)
    data = HEAD + b'<sst xmlns="m">' + items + (b"<si>" if broken else b"</sst>")
    assert sst_verdict(data, len(data)) == sst_verdict(data, -1)


def expat_skips(head: bytes) -> bool:
    """Whether the expat scan leaves a part the package does not name alone, without error."""
    scanner = PartScanner(Path("x.xlsx"), LIMITS, None)
    try:
        scanner.feed(head)
        scanner.feed(b"<x/>" * 3)
        scanner.close()
    except InputError:
        return False
    return scanner.mode == "skip" and not scanner.has_formulas and not scanner.needs_exact


prolog = st.sampled_from(
    [
        b"",
        b"\xef\xbb\xbf",
        HEAD,
        b'\xef\xbb\xbf<?xml version="1.0" encoding="utf-8"?>\r\n',
        b'<?xml version="1.0" encoding="UTF-16"?>',
        b'<?xml version="1.0" encoding="cp500"?>',
        b'<?xml version="1.0" encoding="latin-1"?>',
        b"<?xml version='1.0' encoding='UTF-8' encoding='cp500'?>",
        b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY e "x">]>',
        b"<!-- a comment -->",
        b"\xff\xfe",
        b"  \n",
        b"\x0c",
    ]
)
root = st.sampled_from(
    [
        b"theme",
        b"a:theme",
        b"styleSheet",
        b"Relationships",
        b"worksheet",
        b"x:worksheet",
        b"sst",
        b"document-content",
        b"office:document-content",
        b"d\xc3\xa9",
        b"a:b:c",
        b"1x",
        b"sst-x",
        b"Types",
        b"workbook",
    ]
)
after = st.sampled_from([b">", b"/>", b" a='1'>", b"\t>", b":x>", b"\x0b>", b"", b"<"])


@settings(max_examples=400, deadline=None)
@given(prolog, root, after, st.booleans())
def test_a_root_skipped_plainly_is_one_the_expat_scan_skips(
    head: bytes, name: bytes, tail: bytes, spaced: bool
) -> None:
    data = head + (b" " if spaced else b"") + b"<" + name + tail
    if skipped_root(data):
        assert expat_skips(data)


def test_the_usual_package_parts_are_skipped_plainly() -> None:
    for name in (b"Relationships", b"Types", b"a:theme", b"styleSheet", b"workbook"):
        assert skipped_root(HEAD + b"<" + name + b' xmlns="urn:x">')
    for name in (b"worksheet", b"sst", b"office:document-content"):
        assert not skipped_root(HEAD + b"<" + name + b">")
