"""Bar charts of disbursement rates, laid out for inline SVG: no script, no file, prints as drawn."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mtqg_cli.report.html.view import BarView, Chart, Tick
from mtqg_cli.words.numbers import format_rate

WIDTH = 960
BAR, GAP, TOP, BOTTOM = 26, 10, 34, 12
"""Bar height, space between bars, room for the axis labels above, margin below."""
CHAR = 9.0  # width of an average lower-case letter of the 15-unit label font (marks included)
WIDE, NARROW, UPPER = 13.0, 4.6, 11.0
"""Widths of m/w, of i/l/./, and of capitals and digits, generously (a clipped label is worse
than a wide margin); bold labels are 10 % wider still."""
BOLD = 1.1
LABEL_MIN, LABEL_MAX = 90, 330
BANDS = ((30.0, "low"), (60.0, "mid"), (math.inf, "high"))
"""A rate below the limit gets the class bar-<name>."""


@dataclass(frozen=True)
class Bar:
    """One bar: its label, a longer text shown on hover, the rate, and whether it is the whole."""

    label: str
    tooltip: str
    rate: float | None
    overall: bool = False


def band(rate: float | None) -> str:
    """The colour band of a rate: low (below 30 %), mid (below 60 %) or high."""
    value = rate or 0.0
    return next(name for limit, name in BANDS if value < limit)


def bar_chart(
    title: str, bars: Sequence[Bar], *, lang: str, chart_id: str, legend: list[tuple[str, str]]
) -> Chart:
    """An SVG bar chart, one horizontal bar per rate, the axis in percent from 0."""
    label_width = _label_width(bars)
    left, right = label_width + 16, WIDTH - 70
    top_value = max([100.0, *(b.rate for b in bars if b.rate is not None)])
    step = _step(top_value)
    scale_max = math.ceil(top_value / step) * step
    height = TOP + len(bars) * (BAR + GAP) + BOTTOM

    def x(rate: float) -> float:
        return left + (right - left) * max(rate, 0.0) / scale_max

    ticks = [
        Tick(round(x(tick), 1), TOP - 6, height - BOTTOM, TOP - 12, tick)
        for tick in range(0, int(scale_max) + 1, step)
    ]
    drawn = [
        _bar(bar, TOP + index * (BAR + GAP), left, x, label_width, lang)
        for index, bar in enumerate(bars)
    ]
    return Chart(chart_id, title, WIDTH, height, ticks, drawn, legend)


def _bar(
    bar: Bar, y: int, left: int, x: Callable[[float], float], label_width: int, lang: str
) -> BarView:
    middle = y + BAR / 2 + 5
    label = _fit(bar.label, label_width, bold=bar.overall)
    kind = "all" if bar.overall else band(bar.rate)
    value_x: float
    width: float | None
    if bar.rate is None:
        value, value_x, width = "—", left + 6, None
    else:
        end = round(x(bar.rate), 1)
        width = round(max(end - left, 1.5), 1)
        value, value_x = f"{format_rate(bar.rate, lang)} %", end + 6
    return BarView(
        kind,
        bar.tooltip,
        label,
        bar.overall,
        left - 10,
        y,
        middle,
        value,
        value_x,
        left,
        width,
        BAR,
    )


def text_width(text: str, *, bold: bool = False) -> float:
    """How wide `text` is drawn in the label font, over- rather than underestimated."""
    width = 0.0
    for char in text:
        if char in "mwMWƯ@%":
            width += WIDE
        elif char in "il.,:;'|!()[] ":
            width += NARROW
        elif char.isupper() or char.isdigit():
            width += UPPER
        else:
            width += CHAR
    return width * (BOLD if bold else 1.0)


def _label_width(bars: Sequence[Bar]) -> int:
    longest = max((text_width(b.label, bold=b.overall) for b in bars), default=0.0)
    return int(min(max(math.ceil(longest), LABEL_MIN), LABEL_MAX))


def _fit(label: str, width: int, *, bold: bool = False) -> str:
    """The label, its middle cut out for an ellipsis when it would not fit in `width` units
    (the end of "Xã A (xa-a-6-thang-sai)" tells two files of one unit apart)."""
    if text_width(label, bold=bold) <= width:
        return label
    room = len(label)
    while room > 2 and text_width(label[:room] + "…", bold=bold) > width:
        room -= 1
    tail = (room - 1) * 2 // 5
    return label[: room - 1 - tail].rstrip() + "…" + label[len(label) - tail :].lstrip()


def _step(top: float) -> int:
    """Distance between grid lines: 25 % up to 100 %, coarser for larger rates."""
    for step in (25, 50, 100, 250, 500, 1000):
        if top / step <= 6:
            return step
    return int(10 ** math.ceil(math.log10(top / 6)))
