"""A column read at once gives what its cells read one by one give (hypothesis), in sheet order."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from mtqg_cli.form.cell_columns import (
    cell_dong,
    column_dong,
    column_rates,
    column_texts,
    grid_columns,
)
from mtqg_cli.form.cell_numbers import parse_rate
from mtqg_cli.form.extract import extract_table
from mtqg_cli.form.layout import Layout
from mtqg_cli.model.text import clean
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.read.raw import RawSheet

FLOATS = st.one_of(
    st.floats(min_value=-1e7, max_value=1e7).map(lambda v: round(v, 3)),
    st.sampled_from([0.0005, 2.5, -2.5, 1e-7, -0.0, 0.0, 1e300, -1.8e305, 2e18]),
    st.floats(allow_nan=True, allow_infinity=True),
)


@settings(max_examples=300)
@given(
    st.lists(st.one_of(FLOATS, st.none()), max_size=30),
    st.sampled_from(Unit),
    st.sampled_from(["vi", "en"]),
)
def test_a_column_of_numbers_and_blanks_reads_as_its_cells_do(
    cells: list[float | None], unit: Unit, style: str
) -> None:
    amounts, notes = column_dong(tuple(cells), unit, unit.size, style)
    singly = [cell_dong(value, unit, unit.size, style) for value in cells]
    assert amounts == [dong for dong, _ in singly]
    assert all(type(a) is int for a in amounts if a is not None)
    assert notes == [(at, read) for at, (_, read) in enumerate(singly) if read is not None]


def test_a_product_near_a_half_sends_its_column_cell_by_cell() -> None:
    # 0.0005 triệu is 500.0 đồng, 2.5e-7 triệu is 0.25: the column converts at once, and a
    # cell whose product lies at a half (2.5 đồng) is read from its exact decimal.
    assert column_dong((0.0005, 2.5e-7), Unit.trieu_dong, Unit.trieu_dong.size, "vi") == (
        [500, 0],
        [],
    )
    assert column_dong((1.0, 2.5, 3.5), Unit.dong, 1, "vi")[0] == [1, 3, 4]  # half away from 0


def test_texts_are_cleaned_once_each_and_true_is_not_one() -> None:
    cells = ("  Xã  A ", None, "Xã A", True, 1, 1.0, "e\u0301")
    expected = ["Xã A", "", "Xã A", "True", "1", "1", "é"]
    assert column_texts(cells) == [clean(v) for v in cells] == expected


@settings(max_examples=300)
@given(st.lists(FLOATS, max_size=30))
def test_a_rate_column_reads_as_its_cells_do_with_the_sign_of_a_zero(cells: list[float]) -> None:
    found = column_rates(tuple(cells))
    expected = [parse_rate(v) for v in cells]
    assert found == expected
    for rate, want in zip(found, expected, strict=True):
        if rate is not None and want is not None:
            assert math.copysign(1, rate.percent) == math.copysign(1, want.percent)


def test_the_grid_is_as_wide_as_the_widest_row() -> None:
    assert grid_columns([[1, 2], [3], []]) == [(1, 3, None), (2, None, None)]


def test_doubtful_numbers_come_line_by_line_each_in_field_order() -> None:
    columns = {"stt": 0, "name": 1, "plan.total": 2, "disbursed.total": 3}
    rows = [
        ["STT", "Nội dung", "Kế hoạch", "Giải ngân"],
        ["1", "Dự án 1", 5.0, "1,234.5"],
        ["2", "Dự án 2", "abc", "xyz"],
        ["3", "Dự án 3", "7,5,1", 2.0],
    ]
    layout = Layout(header_rows=[0], first_row=1, last_row=3, columns=columns, labels={})
    table, notes = extract_table(RawSheet("Biểu", rows), layout, Unit.dong, unit_assumed=False)
    assert [(n.line.row, n.field, n.read.issue) for n in notes] == [
        (2, "disbursed.total", "english_style"),
        (3, "plan.total", "not_a_number"),
        (3, "disbursed.total", "not_a_number"),
        (4, "plan.total", "malformed"),
    ]
    assert all(n.line is table.lines[i] for n, i in zip(notes, (0, 1, 1, 2), strict=True))
    assert table.lines[0].amounts == {"plan.total": 5, "disbursed.total": 1235}
