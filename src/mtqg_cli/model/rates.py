"""The one rate formula: a disbursement rate in percent of its base."""

from __future__ import annotations


def computed_rate(numerator: int | None, base: int | None) -> float | None:
    """Percentage numerator/base, or None where the base is zero or missing."""
    if numerator is None or not base:
        return None
    return numerator * 100 / base
