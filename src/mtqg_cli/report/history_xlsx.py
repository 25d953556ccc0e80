"""The history as a workbook: the rate per unit, project and quarter, and a line chart of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped,unused-ignore]

from mtqg_cli.files import write_file_atomically
from mtqg_cli.store.history import History
from mtqg_cli.words.history import HISTORY_WORDS

CHART_SERIES_MAX = 24
"""Beyond this many lines the chart shows each unit's total only, so it stays readable."""


def write_history_xlsx(history: History, target: Path, *, lang: str = "vi") -> None:
    """Write the table and its line chart to `target`, atomically (never through a link out of
    the output's folder)."""
    words = HISTORY_WORDS["en" if lang == "en" else "vi"]
    write_file_atomically(target, lambda tmp: _write(history, str(tmp), words), inputs=[])


def _write(history: History, path: str, words: dict[str, str]) -> None:
    book: Any = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet(words["sheet"])
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    rate = book.add_format({"num_format": "0.00", "border": 1})
    text = book.add_format({"border": 1})
    sheet.write(
        0,
        0,
        words["title"].format(kind=words[f"kind.{history.kind}"]),
        book.add_format({"bold": True}),
    )
    header = [words["unit"], words["code"], words["name"], *history.quarters]
    sheet.write_row(2, 0, header, bold)
    for index, row in enumerate(history.rows, start=3):
        code = words["total"] if row.project == "TOTAL" else row.project
        sheet.write_string(index, 0, row.unit, text)
        sheet.write_string(index, 1, code, text)
        sheet.write_string(index, 2, row.name, text)
        for col, quarter in enumerate(history.quarters, start=3):
            value = row.rates.get(quarter)
            if value is None:
                sheet.write_blank(index, col, None, text)
            else:
                sheet.write_number(index, col, value, rate)
    sheet.set_column(0, 0, 22)
    sheet.set_column(2, 2, 48)
    sheet.set_column(3, 3 + len(history.quarters), 11)
    sheet.freeze_panes(3, 3)
    if history.rows and history.quarters:
        _chart(book, sheet, history, words)
    book.close()


def _chart(
    book: Any,
    sheet: Any,
    history: History,
    words: dict[str, str],
) -> None:
    chart = book.add_chart({"type": "line"})
    rows = list(enumerate(history.rows, start=3))
    if len(rows) > CHART_SERIES_MAX:
        rows = [(i, r) for i, r in rows if r.project == "TOTAL"][:CHART_SERIES_MAX]
    last = 2 + len(history.quarters)
    name = words["sheet"]
    for index, row in rows:
        label = f"{row.unit} – {words['total'] if row.project == 'TOTAL' else row.project}"
        chart.add_series(
            {
                "name": label,
                "categories": [name, 2, 3, 2, last],
                "values": [name, index, 3, index, last],
                "marker": {"type": "circle"},
            }
        )
    chart.set_title({"name": words["title"].format(kind=words[f"kind.{history.kind}"])})
    chart.set_y_axis({"name": words["y"], "min": 0, "max": 100, "major_unit": 10})
    chart.set_x_axis({"name": words["x"]})
    chart.set_size({"width": 820, "height": 420})
    chart.set_legend({"position": "bottom"})
    sheet.insert_chart(len(history.rows) + 5, 0, chart)
