"""Numbers in form cells: parse values (Vietnamese or English style text), convert units to đồng."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import lru_cache

from mtqg_cli.model.sheet import StatedRate
from mtqg_cli.model.vocabulary import Unit

ZERO_MARKS = frozenset({"-", "–", "—", "--", "x", "0"})
MAX_NUMBER_CHARS = 60
"""Longer text is not read as a number (no amount has sixty digits)."""

_VI_GROUPED = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")
_VI_PLAIN = re.compile(r"^\d+(,\d+)?$")
_EN_GROUPED = re.compile(r"^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$")
"""Grouped thousands never start with a 0: "0.877" and "0,877" are decimals, in one style."""
_EN_PLAIN = re.compile(r"^\d+\.\d+$")
_JUNK = re.compile(r"[\s\u00a0\u202f'’]|(?:đồng|đ|vnđ|vnd)$", re.IGNORECASE)


@dataclass(frozen=True)
class NumberRead:
    """What a cell value reads as: a Decimal (None = blank) and, if doubtful, why."""

    value: Decimal | None
    issue: str | None = None  # english_style | malformed | not_a_number | date | not_finite
    text: str | None = None  # the original text, when the cell held text

    @property
    def reported(self) -> bool:
        return self.issue is not None


BLANK = NumberRead(None)


def parse_number(value: object, style: str = "vi") -> NumberRead:
    """Read a cell as a number; text in `style` ("vi" or "en") is read without complaint."""
    if value is None or value == "":
        return BLANK
    if isinstance(value, bool):
        return NumberRead(None, "not_a_number", str(value))
    if isinstance(value, int):
        return NumberRead(Decimal(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            return NumberRead(None, "not_finite", repr(value))
        return NumberRead(Decimal(repr(value)) + 0)
    if isinstance(value, datetime | date | time):
        return NumberRead(None, "date", str(value))
    return _parse_text(str(value), style)


def _parse_text(raw: str, style: str) -> NumberRead:
    text = _JUNK.sub("", raw.strip())
    if len(text) > MAX_NUMBER_CHARS:
        return NumberRead(None, "not_a_number", raw[:MAX_NUMBER_CHARS] + "…")
    if text in ZERO_MARKS or text == "":
        return NumberRead(Decimal(0) if text else None)
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    if text[:1] in "-−":
        negative, text = True, text[1:]
    read = _read_digits(text, style)
    if read.value is None:
        return NumberRead(None, "not_a_number", raw)
    value = -read.value if negative else read.value
    return NumberRead(value, read.issue, raw)


def _read_digits(text: str, style: str) -> NumberRead:
    vi = _vi_value(text)
    en = _en_value(text)
    if style == "en" and en is not None:
        return NumberRead(en)
    if vi is not None:
        return NumberRead(vi)
    if en is not None:
        return NumberRead(en, "english_style" if style == "vi" else None)
    return NumberRead(_best_effort(text), "malformed")


def text_style(texts: list[str], style: str = "vi") -> str:
    """The style a sheet's text numbers are written in: English when more of them can only be
    English ("3,379.979") than can only be Vietnamese ("3.379,979"), at least two; else `style`.
    The ambiguous ones ("213.983", "213,983") are then read the sheet's way, not the default's."""
    if style != "vi":
        return style
    english, vietnamese = style_evidence(texts)
    return "en" if english >= 2 and english > vietnamese else style


def style_evidence(texts: list[str]) -> tuple[int, int]:
    """How many texts can only be English, and how many only Vietnamese."""
    english = vietnamese = 0
    for raw in texts:
        text = _JUNK.sub("", raw.strip()).lstrip("(-−").rstrip(")")
        vi, en = _vi_value(text) is not None, _en_value(text) is not None
        english += en and not vi
        vietnamese += vi and not en
    return english, vietnamese


def style_in_doubt(texts: list[str]) -> bool:
    """Whether texts read the Vietnamese way may be English: some can only be English, or none
    can only be Vietnamese and some read otherwise in English ("915,482", "822.751")."""
    english, vietnamese = style_evidence(texts)
    return english > 0 or (vietnamese == 0 and any(_two_readings(text) for text in texts))


def _two_readings(raw: str) -> bool:
    text = _JUNK.sub("", raw.strip()).lstrip("(-−").rstrip(")")
    vi, en = _vi_value(text), _en_value(text)
    return vi is not None and en is not None and vi != en


def _vi_value(text: str) -> Decimal | None:
    if _VI_GROUPED.match(text) or _VI_PLAIN.match(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    return None


def _en_value(text: str) -> Decimal | None:
    if _EN_GROUPED.match(text) or _EN_PLAIN.match(text):
        return Decimal(text.replace(",", ""))
    return None


def _best_effort(text: str) -> Decimal | None:
    """Malformed text: the first comma is the decimal mark, other separators are dropped."""
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", text):
        return None
    whole, _, frac = text.partition(",")
    whole_digits = whole.replace(".", "") or "0"
    frac_digits = frac.replace(",", "").replace(".", "")
    try:
        return Decimal(f"{whole_digits}.{frac_digits}" if frac_digits else whole_digits)
    except InvalidOperation:
        return None


def to_dong(value: Decimal, unit: Unit) -> int:
    """Convert an amount in `unit` to integer đồng, rounding half away from zero."""
    with localcontext() as exact:  # thirty-digit text must not overflow the default precision
        exact.prec = 100
        return _bounded(int((value * unit.size).to_integral_value(rounding=ROUND_HALF_UP)))


MAX_DONG = 10**18
"""A billion billion đồng: larger figures (thirty-digit text, 1e300) are read as this, with their
sign, so that every amount fits a 64-bit integer; UNIT_SUSPECT reports them."""


def _bounded(dong: int) -> int:
    return dong if -MAX_DONG <= dong <= MAX_DONG else (MAX_DONG if dong > 0 else -MAX_DONG)


def float_to_dong(value: float, unit: Unit) -> int:
    """A finite numeric cell in `unit` as integer đồng: the float product, exact near a half."""
    return scaled_to_dong(value, unit.size)


def scaled_to_dong(value: float, size: int) -> int:
    """`float_to_dong` for a unit given by its size in đồng (the per-cell path of a sheet)."""
    scaled = value * size
    if not -MAX_DONG <= scaled <= MAX_DONG:  # (a finite cell may overflow to infinity here)
        return MAX_DONG if scaled > 0 else -MAX_DONG
    nearest = round(scaled)
    if abs(scaled - nearest) < NEAR_HALF:
        return nearest
    return to_dong(Decimal(repr(value)), _UNIT_OF_SIZE[size])


NEAR_HALF = 0.49
"""A float product this close to its nearest integer rounds to it; nearer a half, the exact
decimal the cell shows decides (`extract` inlines this test for the cells of a sheet)."""

_UNIT_OF_SIZE = {unit.size: unit for unit in Unit}


# --------------------------------------------------------------------------- rates
_PERCENT_FORMAT = re.compile(r"0(?:\.(0+))?\s*%")


def parse_rate(value: object, number_format: str | None = None) -> StatedRate | None:
    """Read a stated rate: a percent number, an Excel percentage (format with %) or text."""
    if type(value) is float:  # the usual cell, tested first
        if not -FINITE < value < FINITE:
            return None
        if not number_format:  # the usual case, as in `_numeric_rate`
            return StatedRate(value, repr_decimals(value))
        return _numeric_rate(value, number_format)
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return None
        return _numeric_rate(float(value), number_format)
    text = str(value).strip().replace(" ", "")
    if text in ZERO_MARKS:
        return StatedRate(0.0, 0)
    text = text.rstrip("%")
    if text.count(",") + text.count(".") > 1:
        return None
    match = re.fullmatch(r"-?\d+(?:[.,](\d+))?", text)
    if not match:
        return None
    decimals = len(match.group(1) or "")
    return StatedRate(float(text.replace(",", ".")), decimals)


def _numeric_rate(value: float, number_format: str | None) -> StatedRate:
    if not number_format:  # the usual case: a number typed as a percent
        return StatedRate(value, repr_decimals(value))
    fmt = number_format.replace("\\", "").replace('"', "")
    match = _PERCENT_FORMAT.search(fmt)
    if match:
        return StatedRate(round(value * 100, 10), len(match.group(1) or ""))
    return StatedRate(value, _shown_decimals(value, fmt))


_FIXED_DECIMALS = re.compile(r"0\.(0+)")


def _shown_decimals(value: float, fmt: str) -> int:
    match = _FIXED_DECIMALS.search(fmt) if fmt else None
    if match:
        return len(match.group(1))
    return repr_decimals(value)


FINITE = math.inf
"""Bounds that only a finite float lies strictly within (no infinity, no NaN)."""


@lru_cache(maxsize=65536)
def repr_decimals(value: float) -> int:
    """The decimals of the shortest text of a float, at most six (18.34 → 2, 16.0 → 0); kept,
    as a sheet repeats its rates (0.0 and -0.0 share an entry, and both give 0)."""
    text = repr(value)
    if "e" in text or "." not in text:
        return 0
    return min(len(text.split(".")[1].rstrip("0")), 6)
