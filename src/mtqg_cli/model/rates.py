"""The one rate formula: a disbursement rate in percent of its base, as computed and as reported
(to two decimals)."""

from __future__ import annotations

import math


def computed_rate(numerator: int | None, base: int | None) -> float | None:
    """Percentage numerator/base, or None where the base is zero or missing."""
    if numerator is None or not base:
        return None
    return numerator * 100 / base


def disbursement_rate(
    spent: float | None, plan: float | None, carried: float | None
) -> float | None:
    """Disbursed over plan plus carried-over money, in percent to two decimals; None on a zero
    or missing base."""
    if spent is None or plan is None:
        return None
    base = plan + (carried or 0)
    return percent(spent, base) if base else None


def percent(part: float, base: float) -> float:
    """`part` in percent of `base`, to two decimals, computed in binary floating point and
    rounded half to even on the scaled value (as numpy and pandas round)."""
    scaled = float(part * 100) / float(base) * 100
    return round(scaled) / 100 if math.isfinite(scaled) else scaled  # a base near 0: infinite
