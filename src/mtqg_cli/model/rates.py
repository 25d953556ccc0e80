"""The one rate formula: a disbursement rate in percent of its base, as computed and as reported
(to two decimals)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

LARGEST_EXACT = (2**63 - 1) // 100
"""The largest amount whose hundredfold is an int64 (`percents` works up to it)."""


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


def percents(parts: np.ndarray, bases: np.ndarray, due: np.ndarray) -> np.ndarray | None:
    """`percent` of each part of its base where `due`, worked out on the columns to the bit
    (floats of the exact hundredfold and base, the scaled value rounded half to even, an
    infinite one kept, never -0.0); None where a column holds figures whose hundredfold leaves
    int64: those are worked out one by one with `percent`. numpy is imported by the callers."""
    import numpy as np

    if object in (parts.dtype, bases.dtype) or np.abs(parts[due]).max(initial=0) > LARGEST_EXACT:
        return None
    hundredfold = (np.where(due, parts, 0) * 100).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        scaled = hundredfold / np.where(due, bases, 1).astype(np.float64) * 100
        rounded: np.ndarray = np.where(np.isfinite(scaled), np.rint(scaled) / 100 + 0.0, scaled)
    return rounded
