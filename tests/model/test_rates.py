"""The one rate formula: disbursed over plan plus carried-over money, to two decimals."""

from __future__ import annotations

import math

import pytest

from mtqg_cli.model.rates import computed_rate, disbursement_rate, percent


@pytest.mark.parametrize(
    ("spent", "plan", "carried", "rate"),
    [
        (50, 100, None, 50.0),
        (50, 100, 100, 25.0),
        (1, 3, 0, 33.33),
        (2, 3, 0, 66.67),
        (0, -1, None, 0.0),  # never -0,00 %
        (None, 100, 0, None),
        (50, None, 100, None),  # no plan stated: no rate, whatever was carried over
        (50, 0, 0, None),
        (50, 100, -100, None),  # a base of zero
    ],
)
def test_the_rate_of_a_line(
    spent: int | None, plan: int | None, carried: int | None, rate: float | None
) -> None:
    assert disbursement_rate(spent, plan, carried) == rate
    if rate == 0.0:
        assert math.copysign(1.0, rate) == 1.0


def test_a_base_near_zero_gives_an_infinite_rate_not_an_error() -> None:
    assert percent(1, 5e-324) == math.inf


def test_the_unrounded_rate_the_rules_compare() -> None:
    assert computed_rate(1, 3) == pytest.approx(33.3333333)
    assert computed_rate(1, 0) is None and computed_rate(None, 3) is None
