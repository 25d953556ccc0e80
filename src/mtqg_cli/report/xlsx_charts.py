"""The meeting workbook's charts sheet: the disbursement rate per project and per unit."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from mtqg_cli.model.report import ConsolidatedLine
from mtqg_cli.model.vocabulary import TOTAL
from mtqg_cli.report.encoding import safe_text
from mtqg_cli.report.xlsx_sheet import BANDS, HEAD, Book, Number, page_setup

CHART_UNITS = 40  # the unit chart shows at most this many units, the lowest rates
Bar = tuple[str, str, Number, bool]  # label, formula to the rate (or none), rate, overall


def short_name(name: str, fallback: str) -> str:
    """'Dự án 4: Đầu tư …' → 'Dự án 4'; `fallback` when the name has no such prefix."""
    head = name.split(":")[0].strip()
    return head if ":" in name and len(head) <= 20 else fallback


def charts(book: Book, lines: list[ConsolidatedLine], rates: dict[str, tuple[str, Number]]) -> None:
    """Bar charts of the rate per project and, with several units, per unit, lowest first."""
    words, total_word = book.list("charts"), book.words["total"]
    ws = book.wb.add_worksheet(book.list("sheets")[4])
    ws.write_string(0, 0, book.list("titles")[4], book.fmt("title"))
    ws.write_string(1, 0, book.made, book.fmt("note"))
    names = {x.project: x.name for x in lines}
    bars: list[Bar] = [
        (short_name(names[code], code), formula, rate, False)
        for code, (formula, rate) in rates.items()
        if "." not in code and code != TOTAL
    ]
    if TOTAL in rates:
        bars.append((total_word, *rates[TOTAL], True))
    end = _chart(book, ws, HEAD, words[0], words[3], bars)
    total = next((x for x in lines if x.project == TOTAL), None)
    if total is not None and len(total.units) > 1:
        seen = Counter(u.unit for u in total.units)
        units: list[Bar] = [
            (u.unit if seen[u.unit] == 1 else f"{u.unit} ({Path(u.path).stem})", "", u.rate, False)
            for u in total.units
            if u.rate is not None
        ]
        title = words[1] if len(units) <= CHART_UNITS else words[2].format(n=CHART_UNITS)
        units = sorted(units, key=lambda u: u[2] or 0.0)[:CHART_UNITS]  # who is behind
        units = sorted(
            [*units, (total_word, "", total.rate.total, True)], key=lambda u: u[2] or 0.0
        )
        ws.set_h_pagebreaks([end + 1])
        _chart(book, ws, end + 2, title, words[4], units)
    ws.set_column(2, 2, 2)
    page_setup(ws)


def _chart(
    book: Book,
    ws: Any,
    top: int,
    title: str,
    label: str,
    bars: list[Bar],
) -> int:
    """A small table at column A (a formula to the Tổng hợp sheet, or a value) and its bar chart
    beside it, the overall bar in blue; returns the row under both."""
    if not bars:
        return top
    ws.write_string(top, 0, label, book.fmt("head"))
    ws.write_string(top, 1, book.list("charts")[5], book.fmt("head"))
    points = []
    for row, (name, formula, rate, overall) in enumerate(bars, top + 1):
        ws.write_string(row, 0, name, book.fmt("text", quote=safe_text(name) != name))
        if formula:
            ws.write_formula(row, 1, formula, book.fmt("rate"), "" if rate is None else rate)
        elif rate is None:
            ws.write_blank(row, 1, None, book.fmt("rate"))
        else:
            ws.write_number(row, 1, rate, book.fmt("rate"))
        colour = next(bar for limit, _, bar in BANDS if (rate or 0.0) < limit)
        points.append({"fill": {"color": "#3C78D8" if overall else colour}})
    ws.set_column(0, 0, min(max(len(label), *(len(b[0]) for b in bars)) + 2, 52))
    ws.set_column(1, 1, 12)
    last, height = top + len(bars), 90 + 24 * len(bars)
    chart = book.wb.add_chart({"type": "bar"})
    chart.add_series({
        "categories": [ws.name, top + 1, 0, last, 0], "values": [ws.name, top + 1, 1, last, 1],
        "points": points, "gap": 40, "data_labels": {"value": True, "num_format": "0.00"},
    })  # fmt: skip
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})  # in a bar chart y is the category axis: first on top
    chart.set_x_axis({"min": 0, "max": 100, "major_unit": 10, "major_gridlines": {"visible": True}})
    chart.set_size({"width": 760, "height": height})
    ws.insert_chart(top, 3, chart)
    return max(last, top + height // 20 + 1)
