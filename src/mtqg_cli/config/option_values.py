"""Amounts and rates a person types (options, configuration), read the way the tables show them."""

from __future__ import annotations

from decimal import Decimal

from mtqg_cli.form.cell_numbers import parse_number
from mtqg_cli.model.errors import UsageError

RATE_MAX = 100


def read_dong(text: str | int, option: str) -> int:
    """Whole đồng from `1.000`, `1.000.000`, `1000`, `1.000 đồng` (Vietnamese grouping)."""
    if isinstance(text, int) and not isinstance(text, bool):
        value: Decimal | None = Decimal(text)
    else:
        read = parse_number(str(text).strip(), "vi")
        value = None if read.issue is not None or not _has_digit(str(text)) else read.value
    if value is None or value < 0 or value != value.to_integral_value():
        raise UsageError("bad_amount", option=option, value=str(text))
    return int(value)


def read_percent(text: str | float, option: str) -> float:
    """Percentage points from `0,5`, `0.5`, `1`, `0,5%`, between 0 and 100."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        value: Decimal | None = Decimal(repr(float(text)))
    else:
        raw = str(text).strip().removesuffix("%").strip()
        read = parse_number(raw, "vi")
        plain = read.issue is None or (read.issue == "english_style" and "," not in raw)
        value = read.value if plain and _has_digit(raw) else None
    if value is None or not 0 <= value <= RATE_MAX:
        raise UsageError("bad_rate", option=option, value=str(text))
    return float(value)


def _has_digit(text: str) -> bool:
    """Whether the text holds a figure at all (a dash or an "x" reads as zero in a sheet)."""
    return any(ch.isdigit() for ch in text)
