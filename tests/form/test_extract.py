"""Extraction's fast paths read every cell as the plain per-cell reading does (hypothesis)."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtqg_cli.form.cell_numbers import float_to_dong, parse_number, parse_rate, text_style, to_dong
from mtqg_cli.form.extract import extract_table
from mtqg_cli.form.layout import Layout
from mtqg_cli.model.rates import computed_rate
from mtqg_cli.model.sheet import StatedRate
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.read.raw import RawSheet

COLUMNS = {"stt": 0, "name": 1, "plan.total": 2, "disbursed.total": 3, "rate.total": 4}
FIRST = 2
"""The first data row (0-based): two header rows above it."""

NEAR_HALF = [0.0005, 1.0005, 2.5, -2.5, 0.4995, 12.0005, 3379.9795, 1e-7, 2.5e-4, -0.0]
"""Figures whose product by a unit size lies at (or a float's breadth from) a half đồng."""

CELLS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1.8e305, -1.8e305, 1e300, 2e18]),  # finite, but infinite times a unit
    st.floats(min_value=-1e7, max_value=1e7).map(lambda v: round(v, 3)),
    st.sampled_from(NEAR_HALF),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([None, "", "-", "1.234,5", "1,234.5", "abc", " 12 ", True]),
)


def _sheet(cells: list[tuple[object, object, object]], unit: Unit) -> tuple[RawSheet, Layout]:
    header = [["STT", "Nội dung", "Kế hoạch", "Giải ngân", "Tỷ lệ"], ["", "", "", "", ""]]
    rows = [[str(i + 1), f"Dự án {i + 1}", *cell] for i, cell in enumerate(cells)]
    layout = Layout(
        header_rows=[0, 1],
        first_row=FIRST,
        last_row=FIRST + len(rows) - 1,
        columns=COLUMNS,
        labels={},
        unit=unit,
    )
    return RawSheet("Biểu 01", [*header, *rows]), layout


def _dong(value: object, unit: Unit, style: str = "vi") -> int | None:
    """The per-cell reading the fast path stands in for."""
    if isinstance(value, float) and math.isfinite(value):
        return float_to_dong(value, unit)
    read = parse_number(value, style)
    return to_dong(read.value, unit) if read.value is not None else None


@settings(max_examples=200)
@given(st.lists(st.tuples(CELLS, CELLS, CELLS), min_size=1, max_size=20), st.sampled_from(Unit))
def test_amounts_and_rates_equal_the_per_cell_reading(
    cells: list[tuple[object, object, object]], unit: Unit
) -> None:
    sheet, layout = _sheet(cells, unit)
    table, notes = extract_table(sheet, layout, unit, unit_assumed=False)
    style = text_style([v for cell in cells for v in cell[:2] if isinstance(v, str) and v])
    assert table.number_style == style
    assert [line.row for line in table.lines] == [FIRST + 1 + i for i in range(len(cells))]
    for line, (plan, disbursed, _) in zip(table.lines, cells, strict=True):
        assert line.amounts == {
            "plan.total": _dong(plan, unit, style),
            "disbursed.total": _dong(disbursed, unit, style),
        }
    expected_notes = [
        (FIRST + 1 + i, name, parse_number(value, style))
        for i, cell in enumerate(cells)
        for name, value in zip(("plan.total", "disbursed.total"), cell[:2], strict=True)
        if not (isinstance(value, float) and math.isfinite(value))
        and parse_number(value, style).reported
    ]
    assert [(n.line.row, n.field, n.read) for n in notes] == expected_notes
    rates = [parse_rate(cell[2]) for cell in cells]
    fractions = all(r is None or abs(r.percent) <= 1 for r in rates) and any(
        r is not None and r.percent for r in rates
    )
    for line, stated in zip(table.lines, rates, strict=True):
        computed = computed_rate(line.amounts["disbursed.total"], line.amounts["plan.total"])
        if stated is not None and fractions:
            scaled = _times_100(stated)
            if not (_agrees(stated, computed) and not _agrees(scaled, computed)):
                stated = scaled  # a fraction, unless only as written it agrees with the figures
        fraction = stated is not None and stated.percent and not _agrees(stated, computed)
        if stated is not None and fraction and _agrees(_times_100(stated), computed):
            stated = _times_100(stated)  # no formats: a fraction where only so it agrees
        assert _same_rate(line.rates["rate.total"], stated)


def _times_100(rate: StatedRate) -> StatedRate:
    return StatedRate(rate.percent * 100, max(rate.decimals - 2, 0))


def _agrees(rate: StatedRate, computed: float | None) -> bool:
    return (
        computed is not None and abs(rate.percent - computed) <= 0.5 * 10.0**-rate.decimals + 1e-9
    )


def _same_rate(found: StatedRate | None, expected: StatedRate | None) -> bool:
    """Equal, with the sign of a zero kept (-0.0 must not come back as 0.0)."""
    if found is None or expected is None:
        return found is expected
    return found == expected and math.copysign(1, found.percent) == math.copysign(
        1, expected.percent
    )


@pytest.mark.parametrize("value", NEAR_HALF)
@pytest.mark.parametrize("unit", list(Unit))
def test_near_half_cells_read_as_their_exact_decimal(value: float, unit: Unit) -> None:
    sheet, layout = _sheet([(value, None, None)], unit)
    table, _ = extract_table(sheet, layout, unit, unit_assumed=False)
    assert table.lines[0].amounts["plan.total"] == to_dong(Decimal(repr(value)), unit)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_float_rate_shows_the_decimals_of_its_shortest_text(value: float) -> None:
    stated = parse_rate(value)
    if not math.isfinite(value):
        assert stated is None
        return
    text = repr(value)
    decimals = 0 if "e" in text or "." not in text else min(len(text.split(".")[1].rstrip("0")), 6)
    assert stated is not None
    assert (stated.percent, stated.decimals) == (value, decimals)
    assert math.copysign(1, stated.percent) == math.copysign(1, value)


BLANKISH = st.sampled_from([None, "", " ", 0, 0.0, False, math.nan, "x"])


@given(st.lists(st.lists(BLANKISH, min_size=0, max_size=6), min_size=1, max_size=12))
def test_lines_are_the_rows_with_a_cell_neither_none_nor_empty_text(
    rows: list[list[object]],
) -> None:
    header = [["STT", "Nội dung", "Kế hoạch", "Giải ngân", "Tỷ lệ"], ["", "", "", "", ""]]
    sheet = RawSheet("Biểu 01", [*header, *rows])
    layout = Layout([0, 1], FIRST, FIRST + len(rows) - 1, COLUMNS, {}, unit=Unit.dong)
    table, _ = extract_table(sheet, layout, Unit.dong, unit_assumed=False)
    expected = [
        FIRST + 1 + i for i, row in enumerate(rows) if any(v not in ("", None) for v in row)
    ]
    assert [line.row for line in table.lines] == expected


def test_a_sheet_written_in_english_style_reads_its_ambiguous_figures_so() -> None:
    """ "262.282" next to "3,379.979": 262,282 triệu on an English sheet, not 262.282 triệu."""
    cells: list[tuple[object, object, object]] = [
        ("3,379.979", "1,234.5", None),
        ("262.282", "1,000.25", None),
    ]
    sheet, layout = _sheet(cells, Unit.trieu_dong)
    table, notes = extract_table(sheet, layout, Unit.trieu_dong, unit_assumed=False)
    assert table.number_style == "en"
    assert [line.amounts["plan.total"] for line in table.lines] == [3_379_979_000, 262_282_000]
    assert notes == []


def test_the_style_is_told_by_figures_beside_the_amounts_read_too() -> None:
    """Only ambiguous texts ("760,136") in the columns read, but last year's plan beside them
    (a column not read) is typed "608,108.8": the sheet is English, 760.136 triệu is 760,136."""
    rows = [["1", "Dự án 1", "760,136", "273,187", None, "608,108.8"],
            ["2", "Dự án 2", "224,133", "118,505", None, "179,306.4"]]  # fmt: skip
    header = [["STT", "Nội dung", "Kế hoạch", "Giải ngân", "Tỷ lệ", "KH 2022"], [""] * 6]
    layout = Layout(header_rows=[0, 1], first_row=FIRST, last_row=FIRST + 1, columns=COLUMNS,
                    labels={}, unit=Unit.nghin_dong)  # fmt: skip
    sheet = RawSheet("Biểu 01", [*header, *rows])
    table, _ = extract_table(sheet, layout, Unit.nghin_dong, unit_assumed=False)
    assert table.number_style == "en"
    assert [line.amounts["plan.total"] for line in table.lines] == [760_136_000, 224_133_000]


@pytest.mark.parametrize("fraction", [0.4567, 4.56716028, 456716.028])
def test_a_csv_rate_that_agrees_only_as_a_fraction_is_one_however_large(fraction: float) -> None:
    """A CSV keeps no formats: an Excel percentage is saved as its fraction. Where only ×100
    agrees with disbursed / plan, it is the fraction, whatever its size (a figure in đồng)."""
    plan, disbursed = 145.458, 145.458 * fraction
    cells: list[tuple[object, object, object]] = [(plan, disbursed, fraction), (10.0, 5.0, 50.0)]
    sheet, layout = _sheet(cells, Unit.trieu_dong)
    table, _ = extract_table(sheet, layout, Unit.trieu_dong, unit_assumed=False)
    rate = table.lines[0].rates["rate.total"]
    assert rate is not None and rate.percent == pytest.approx(fraction * 100)
    assert table.lines[1].rates["rate.total"] == StatedRate(50.0, 0)  # agrees as written


@pytest.mark.parametrize("percent", ["51,27%", None])
def test_a_small_rate_beside_percentages_is_a_percentage_where_the_figures_say_so(
    percent: str | None,
) -> None:
    """0,07 in a column whose other rates are written "51,27%" (or are none, but for a number
    at most 1): the arithmetic says 4,726 / 6.677,16 = 0,07 %, so it is 0,07 %, not 7 %; a
    fraction that only ×100 agrees is still a fraction."""
    cells: list[tuple[object, object, object]] = [
        (6677.16, 4.726, 0.07),
        (102.961, 52.789, percent),
        (10.0, 5.0, 0.5),
    ]
    sheet, layout = _sheet(cells, Unit.nghin_dong)
    table, _ = extract_table(sheet, layout, Unit.nghin_dong, unit_assumed=False)
    rates = [line.rates["rate.total"] for line in table.lines]
    assert rates[0] == StatedRate(0.07, 2)
    assert rates[2] == StatedRate(50.0, 0)


def test_a_csv_rate_that_disagrees_either_way_is_kept_as_written() -> None:
    cells: list[tuple[object, object, object]] = [(145.458, 50.0, 7.5), (10.0, 5.0, 50.0)]
    sheet, layout = _sheet(cells, Unit.trieu_dong)
    table, _ = extract_table(sheet, layout, Unit.trieu_dong, unit_assumed=False)
    assert table.lines[0].rates["rate.total"] == StatedRate(7.5, 1)


def test_a_small_rate_without_its_sign_beside_rates_written_with_it_is_a_percentage() -> None:
    """ "0,06" among "37,96%" and "27,24%" (text, no format): 0.06 %, not a fraction (6 %);
    a column of such small texts alone is still read as fractions."""
    cells: list[tuple[object, object, object]] = [
        (100.0, 37.96, "37,96%"),
        (5836.0, 3.394, "0,06"),
        (100.0, 27.24, "27,24%"),
    ]
    sheet, layout = _sheet(cells, Unit.trieu_dong)
    table, _ = extract_table(sheet, layout, Unit.trieu_dong, unit_assumed=False)
    assert [ln.rates["rate.total"] for ln in table.lines] == [
        StatedRate(37.96, 2), StatedRate(0.06, 2), StatedRate(27.24, 2)
    ]  # fmt: skip
    alone: list[tuple[object, object, object]] = [(100.0, 37.96, "0,3796"), (10.0, 5.0, "0,5")]
    sheet, layout = _sheet(alone, Unit.trieu_dong)
    table, _ = extract_table(sheet, layout, Unit.trieu_dong, unit_assumed=False)
    rate = table.lines[0].rates["rate.total"]
    assert rate is not None and rate.percent == pytest.approx(37.96)
