"""Numbers for people: amounts in a unit and rates, grouped the Vietnamese or English way."""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Protocol


class ShownUnit(Protocol):
    """What showing an amount needs of its unit (`model.vocabulary.Unit` is one)."""

    @property
    def size(self) -> int: ...

    @property
    def decimals(self) -> int: ...


def format_amount(dong: int | float | None, unit: ShownUnit, lang: str = "vi") -> str:
    """An amount in đồng shown in `unit`, grouped Vietnamese style (3.379,979) or English."""
    if dong is None:
        return ""
    decimals = unit.decimals
    with localcontext() as exact:  # a thirty-digit figure must not overflow the precision
        exact.prec = 100
        scaled = (Decimal(int(dong)) / unit.size).quantize(Decimal(1).scaleb(-decimals))
    return group_digits(scaled, decimals, lang)


def group_digits(value: Decimal | float, decimals: int, lang: str = "vi") -> str:
    """Digits grouped by thousands: '.' groups and ',' decimals in Vietnamese, the reverse in English."""
    text = f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_rate(percent: float | None, lang: str = "vi", decimals: int = 2) -> str:
    """A rate in percent with two decimals (18,74), or empty when there is none."""
    if percent is None:
        return ""
    return group_digits(percent, decimals, lang)
