"""Reading numbers from cells (Vietnamese and English style), units, rates and formatting."""

from __future__ import annotations

import math
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtqg_cli.form.cell_numbers import parse_number, parse_rate, text_style, to_dong
from mtqg_cli.model.rates import computed_rate
from mtqg_cli.model.sheet import StatedRate
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.read.csv_cells import decimal_mark, typed_rows
from mtqg_cli.words.numbers import format_amount, format_rate


# --------------------------------------------------------------------------- parse_number
@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("3.379,979", Decimal("3379.979")),  # Vietnamese grouping and decimal comma
        ("777,004", Decimal("777.004")),  # decimal comma, no grouping
        ("1.098", Decimal("1098")),  # a dot followed by three digits groups thousands
        ("345.244.000", Decimal("345244000")),
        ("12.740,962", Decimal("12740.962")),
        ("0,5", Decimal("0.5")),
        ("42", Decimal("42")),
        ("  3.379,979 ", Decimal("3379.979")),  # surrounding spaces
        ("3 379,979", Decimal("3379.979")),  # space as group separator
        ("3.379,979\u00a0", Decimal("3379.979")),  # non-breaking space
        ("(1.234)", Decimal("-1234")),  # accountants' negative
        ("-1.234,5", Decimal("-1234.5")),
        ("-", Decimal(0)),  # dash for zero
        ("–", Decimal(0)),
        ("0", Decimal(0)),
    ],
)
def test_vietnamese_text_reads_cleanly(cell: str, value: Decimal) -> None:
    read = parse_number(cell)
    assert read.value == value
    assert read.issue is None
    assert not read.reported


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_blank_cell_is_none(cell: object) -> None:
    read = parse_number(cell)
    assert read.value is None
    assert read.issue is None


@pytest.mark.parametrize(
    ("cell", "value"),
    [(3054500.0, Decimal("3054500")), (3054500, Decimal("3054500")), (0.1, Decimal("0.1")),
     (3379.979, Decimal("3379.979")), (-12.5, Decimal("-12.5"))],
)  # fmt: skip
def test_numeric_cells_read_exactly(cell: float, value: Decimal) -> None:
    read = parse_number(cell)
    assert read.value == value
    assert read.issue is None


@pytest.mark.parametrize(
    ("cell", "value"),
    [("7,383.915", Decimal("7383.915")), ("5013.06", Decimal("5013.06")),
     ("1,234,567.8", Decimal("1234567.8"))],
)  # fmt: skip
def test_english_style_text_is_read_and_reported(cell: str, value: Decimal) -> None:
    read = parse_number(cell)
    assert read.value == value
    assert read.issue == "english_style"
    assert read.text == cell


def test_malformed_text_reads_first_comma_as_decimal_mark() -> None:
    # The seed's "46.929,385,459" trđ reads as 46.929,385459 (= 46929.385459).
    read = parse_number("46.929,385,459")
    assert read.value == Decimal("46929.385459")
    assert read.issue == "malformed"
    assert read.text == "46.929,385,459"


@pytest.mark.parametrize("cell", [math.nan, math.inf, -math.inf])
def test_non_finite_floats_are_reported(cell: float) -> None:
    read = parse_number(cell)
    assert read.value is None
    assert read.issue == "not_finite"


@pytest.mark.parametrize("cell", [datetime(2023, 6, 30, 0, 0), date(2023, 6, 30), time(12, 30)])
def test_dates_are_reported(cell: object) -> None:
    read = parse_number(cell)
    assert read.value is None
    assert read.issue == "date"


@pytest.mark.parametrize("cell", ["Không", "chưa có", "abc", "12abc", True])
def test_words_are_not_numbers(cell: object) -> None:
    read = parse_number(cell)
    assert read.value is None
    assert read.issue == "not_a_number"


def test_english_style_is_clean_when_the_sheet_is_english() -> None:
    read = parse_number("7,383.915", style="en")
    assert read.value == Decimal("7383.915")
    assert read.issue is None


# --------------------------------------------------------------------------- to_dong
@pytest.mark.parametrize(
    ("value", "unit", "dong"),
    [
        (Decimal("3379.979"), Unit.trieu_dong, 3_379_979_000),
        (Decimal("777.004"), Unit.trieu_dong, 777_004_000),
        (Decimal("3054500"), Unit.nghin_dong, 3_054_500_000),
        (Decimal("1.5"), Unit.ty_dong, 1_500_000_000),
        (Decimal("619950000"), Unit.dong, 619_950_000),
        (Decimal("46929.385459"), Unit.trieu_dong, 46_929_385_459),
    ],
)
def test_to_dong_is_exact(value: Decimal, unit: Unit, dong: int) -> None:
    result = to_dong(value, unit)
    assert result == dong
    assert isinstance(result, int)


@pytest.mark.parametrize(
    ("value", "dong"),
    [("0.0000005", 1), ("0.0000004", 0), ("0.0000015", 2), ("-0.0000005", -1),
     ("2.4999995", 2_500_000)],
)  # fmt: skip
def test_to_dong_rounds_half_away_from_zero(value: str, dong: int) -> None:
    assert to_dong(Decimal(value), Unit.trieu_dong) == dong


# --------------------------------------------------------------------------- rates
@pytest.mark.parametrize(
    ("cell", "number_format", "percent", "decimals"),
    [
        (18.34, None, 18.34, 2),  # a percent number
        (18.34, "0.00", 18.34, 2),
        (0.1834, "0.00%", 18.34, 2),  # an Excel percentage
        (0.1834, "0.0%", 18.34, 1),
        (0.3, "0%", 30.0, 0),
        ("18,34%", None, 18.34, 2),  # text, Vietnamese decimal comma
        ("18,34", None, 18.34, 2),
        ("18.34 %", None, 18.34, 2),
        ("36", None, 36.0, 0),
        (30, None, 30.0, 0),
        (30.0, None, 30.0, 0),
        ("-", None, 0.0, 0),
    ],
)
def test_parse_rate(cell: object, number_format: str | None, percent: float, decimals: int) -> None:
    stated = parse_rate(cell, number_format)
    assert stated is not None
    assert stated.percent == pytest.approx(percent)
    assert stated.decimals == decimals


@pytest.mark.parametrize("cell", [None, "", "n/a", "1.234,5%", True, math.nan])
def test_parse_rate_unreadable_is_none(cell: object) -> None:
    assert parse_rate(cell) is None


def test_stated_rate_shape() -> None:
    assert parse_rate("18,34%") == StatedRate(18.34, 2)


@pytest.mark.parametrize(
    ("numerator", "base", "percent"),
    [(619_950_000, 3_379_979_000, 18.3418), (0, 100, 0.0), (5, 0, None), (None, 100, None),
     (5, None, None)],
)  # fmt: skip
def test_computed_rate(numerator: int | None, base: int | None, percent: float | None) -> None:
    result = computed_rate(numerator, base)
    if percent is None:
        assert result is None
    else:
        assert result == pytest.approx(percent, abs=1e-4)


# --------------------------------------------------------------------------- formatting
@pytest.mark.parametrize(
    ("dong", "unit", "lang", "text"),
    [
        (3_379_979_000, Unit.trieu_dong, "vi", "3.379,979"),
        (3_379_979_000, Unit.trieu_dong, "en", "3,379.979"),
        (3_054_500_000, Unit.nghin_dong, "vi", "3.054.500"),
        (3_054_500_000, Unit.nghin_dong, "en", "3,054,500"),
        (619_950_000, Unit.dong, "vi", "619.950.000"),
        (1_500_000_000, Unit.ty_dong, "vi", "1,500000"),
        (0, Unit.trieu_dong, "vi", "0,000"),
        (-100_000_000, Unit.trieu_dong, "vi", "-100,000"),
        (None, Unit.trieu_dong, "vi", ""),
    ],
)
def test_format_amount(dong: int | None, unit: Unit, lang: str, text: str) -> None:
    assert format_amount(dong, unit, lang) == text


@pytest.mark.parametrize(
    ("percent", "lang", "decimals", "text"),
    [(18.7426, "vi", 2, "18,74"), (18.7426, "en", 2, "18.74"), (1234.5, "vi", 1, "1.234,5"),
     (30.0, "vi", 0, "30"), (None, "vi", 2, "")],
)  # fmt: skip
def test_format_rate(percent: float | None, lang: str, decimals: int, text: str) -> None:
    assert format_rate(percent, lang, decimals) == text


@pytest.mark.parametrize(
    "value",
    [3379.979, 0.0005, 46929.385459, 345244000.0, 12.0005, -7.5, 1e-7, 2.5e-4, 123456.789],
)
@pytest.mark.parametrize("unit", list(Unit))
def test_float_fast_path_equals_exact_decimal(value: float, unit: Unit) -> None:
    from mtqg_cli.form.cell_numbers import float_to_dong

    assert float_to_dong(value, unit) == to_dong(Decimal(repr(value)), unit)


@pytest.mark.parametrize("unit", list(Unit))
@pytest.mark.parametrize(
    ("value", "dong"), [(1.8e305, 10**18), (-1.8e305, -(10**18)), (2e18, 10**18)]
)
def test_float_beyond_the_bound_reads_as_the_bound_with_its_sign(
    value: float, unit: Unit, dong: int
) -> None:
    from mtqg_cli.form.cell_numbers import MAX_DONG, float_to_dong

    assert MAX_DONG == 10**18
    assert float_to_dong(value, unit) == dong  # 1.8e305 thousand overflows to inf: no error


# --------------------------------------------------------------------------- a sheet's style
def _written(value: Decimal, style: str) -> str:
    whole, _, decimals = f"{value:f}".partition(".")
    group, mark = (",", ".") if style == "en" else (".", ",")
    return f"{int(whole):,}".replace(",", group) + (mark + decimals if decimals else "")


FIGURES = st.lists(
    st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False), min_size=1, max_size=30
)


@given(figures=FIGURES, big=st.lists(st.integers(1_000, 10**9), min_size=2, max_size=5))
def test_a_sheet_written_in_english_style_is_read_so_whole(
    figures: list[Decimal], big: list[int]
) -> None:
    """Two figures that can only be English ("3,379.979") make the sheet English: its ambiguous
    figures ("213.983") are then read as English too, each to its value."""
    every = [*figures, *(Decimal(b) + Decimal("0.125") for b in big)]
    texts = [_written(v, "en") for v in every]
    style = text_style(texts)
    assert style == "en"
    assert [parse_number(t, style).value for t in texts] == every


@given(figures=FIGURES, english=st.integers(1_000, 10**9))
def test_a_vietnamese_sheet_stays_vietnamese_with_one_english_figure(
    figures: list[Decimal], english: int
) -> None:
    texts = [_written(v, "vi") for v in figures] + [f"{english:,}.5"]
    assert text_style(texts) == "vi"
    assert text_style(texts, "en") == "en"  # a style the user chose is kept


@pytest.mark.parametrize("delimiter", [";", ","])
def test_grouped_text_numbers_do_not_make_a_semicolon_csv_use_decimal_points(
    delimiter: str,
) -> None:
    """ "213.983" is Vietnamese grouping in a semicolon file (the Vietnamese locale's export):
    it stays text, read as 213983; a comma-separated file keeps its decimal point."""
    rows = [["Tổng cộng", "213.983", "1.408.225", "4726928", "-100.149"]]
    typed = typed_rows(rows, delimiter)
    if delimiter == ";":
        assert decimal_mark(rows, delimiter) == ","
        assert typed[0][1:] == ["213.983", "1.408.225", 4726928.0, "-100.149"]
        assert parse_number(typed[0][1]).value == Decimal(213983)
    else:
        assert typed[0][1] == 213.983 and typed[0][3] == 4726928.0


def test_a_semicolon_csv_with_real_decimal_points_keeps_them() -> None:
    rows = [["73673.385459", "12.5", "213.983"]]
    assert decimal_mark(rows, ";") == "."
    assert typed_rows(rows, ";")[0] == [73673.385459, 12.5, 213.983]


@pytest.mark.parametrize(
    ("row", "mark"),
    [
        (["2.1", "3.12", "145.746", "6.666.825"], ","),  # STT marks are no decimal points
        (["6,666,825", "145,746", "21,97", "3,379.979"], "."),  # English figures: a point
        (["6.666.825", "145.746", "21.5", "0.85"], ","),  # short decimals may be STT marks
    ],
)
def test_a_semicolon_csv_takes_the_mark_its_unambiguous_figures_use(
    row: list[str], mark: str
) -> None:
    assert decimal_mark([row], ";") == mark
    typed = typed_rows([row], ";")[0]
    assert all(isinstance(v, str) for v in typed[:2])  # marks and groupings stay text
