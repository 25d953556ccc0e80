"""The meeting workbook's frame: cell formats, and sheets of typed cells with widths that fit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped,unused-ignore]
from xlsxwriter.utility import xl_rowcol_to_cell  # type: ignore[import-untyped,unused-ignore]

from mtqg_cli.model.vocabulary import UNIT_DECIMALS, Unit
from mtqg_cli.report.encoding import safe_text
from mtqg_cli.words.language import for_language
from mtqg_cli.words.messages import unit_name
from mtqg_cli.words.numbers import format_amount
from mtqg_cli.words.xlsx import XLSX_WORDS

HEAD = 3  # 0-based header row of every sheet: a title, a line of context and a blank row first
Number = int | float | None
Cell = tuple[str, object]  # (style, value): amount/rate/percent/count are numbers, others text
NUMERIC = ("amount", "rate", "percent", "count")
NARROW = dict.fromkeys(" il.,:;'|!", 0.45) | dict.fromkeys("tfrj()[]-/", 0.65)

STATUS_COLOURS = {
    "ok": ("#C6EFCE", "#006100"),
    "findings": ("#FFEB9C", "#9C5700"),
    "error": ("#FFC7CE", "#9C0006"),
    "blank": ("#EDEDED", "#595959"),
}
BANDS = ((30.0, "#F4CCCC", "#E06666"), (60.0, "#FFF2CC", "#F1C232"), (1e9, "#D9EAD3", "#6AA84F"))
"""Rate below the limit: cell fill, bar colour."""


class Book:
    """The workbook, its words and its cell formats (made once each)."""

    def __init__(self, path: Path, lang: str, unit: Unit) -> None:
        self.wb: Any = xlsxwriter.Workbook(
            str(path),
            {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
        )
        self.words, self.unit, self.lang = for_language(XLSX_WORDS, lang), unit, lang
        self.wb.set_properties({"title": self.list("titles")[0], "author": "mtqg"})
        today = date.today().strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")
        self.made = self.words["made"].format(date=today, unit=unit_name(unit, lang))
        decimals = UNIT_DECIMALS[unit]
        cell = {"border": 1, "border_color": "#A6A6A6", "valign": "top"}
        self.styles: dict[str, dict[str, Any]] = {
            "title": {"bold": True, "font_size": 14},
            "note": {"italic": True, "font_color": "#595959"},
            "head": {**cell, "bold": True, "bg_color": "#DDEBF7", "text_wrap": True,
                     "align": "center", "valign": "vcenter"},
            "text": cell, "wrap": {**cell, "text_wrap": True},
            **{f"name{i}": {**cell, "text_wrap": True, "indent": i} for i in range(4)},
            "amount": {**cell, "num_format": "#,##0" + ("." + "0" * decimals if decimals else "")},
            "rate": {**cell, "num_format": "0.00"}, "percent": {**cell, "num_format": '0.00"%"'},
            "count": {**cell, "num_format": "0"},
            **{k: {**cell, "bg_color": bg, "font_color": fg} for k, (bg, fg) in STATUS_COLOURS.items()},
        }  # fmt: skip
        self.cache: dict[tuple[str, bool, bool], Any] = {}
        self.bands = [self.wb.add_format({"bg_color": fill}) for _, fill, _ in BANDS]

    def list(self, key: str) -> list[str]:
        return self.words[key].split("|")

    def amount(self, value: int | None) -> str:
        """An amount in đồng as the workbook shows it, in words (a note's figures)."""
        return format_amount(value, self.unit, self.lang)

    def fmt(self, style: str, bold: bool = False, quote: bool = False) -> Any:
        if (style, bold, quote) not in self.cache:
            extra = {"bold": True} if bold else {}
            extra.update({"quote_prefix": True} if quote else {})
            self.cache[style, bold, quote] = self.wb.add_format({**self.styles[style], **extra})
        return self.cache[style, bold, quote]


class Sheet:
    """A worksheet: title, context line and header row; typed cells; widths and heights that fit."""

    def __init__(
        self, book: Book, index: int, heads: list[str], caps: dict[int, int], note: str = ""
    ) -> None:
        self.book, self.heads, self.caps = book, heads, caps
        self.name = book.list("sheets")[index]
        self.ws: Any = book.wb.add_worksheet(self.name)
        self.widths: dict[int, int] = {}
        self.wrapped: dict[int, list[tuple[int, str]]] = {}
        self.ws.write_string(0, 0, book.list("titles")[index], book.fmt("title"))
        self.ws.write_string(1, 0, f"{book.made} · {note}" if note else book.made, book.fmt("note"))
        self.ws.set_row(HEAD, 32)
        for col, head in enumerate(heads):
            self.ws.write_string(HEAD, col, head, book.fmt("head"))
            self._fit(col, max(min(len(head), 11), *(len(word) for word in head.split())))

    def _fit(self, col: int, size: int) -> None:
        self.widths[col] = max(self.widths.get(col, 0), min(size, self.caps.get(col, 40)))

    def row(self, row: int, cells: Sequence[Cell], bold: bool = False) -> None:
        for col, (style, value) in enumerate(cells):
            if style in NUMERIC:
                self.number(
                    row, col, value if isinstance(value, int | float) else None, style, bold
                )
            else:
                self.text(row, col, value, style, bold)

    def text(
        self, row: int, col: int, value: object, style: str = "text", bold: bool = False
    ) -> None:
        """Text, maybe from a submission: always a string cell, quote-prefixed when it looks like
        a formula (= + - @), wrapped when longer than its column may grow."""
        text = "" if value is None else str(value)
        size = max((round(_visual(part)) for part in text.splitlines()), default=0)
        style = "wrap" if style == "text" and size > self.caps.get(col, 40) else style
        if "wrap" in style or "name" in style:
            self.wrapped.setdefault(row, []).append((col, text))
        fmt = self.book.fmt(style, bold, quote=safe_text(text) != text)
        self.ws.write_string(row, col, text, fmt)
        self._fit(col, size + (int(style[-1]) if style.startswith("name") else 0))

    def number(self, row: int, col: int, value: Number, style: str, bold: bool = False) -> None:
        fmt = self.book.fmt(style, bold)
        if value is None:
            self.ws.write_blank(row, col, None, fmt)
            return
        if style == "amount":
            value = value / self.book.unit.size
        self.ws.write_number(row, col, value, fmt)
        decimals = UNIT_DECIMALS[self.book.unit] if style == "amount" else 2
        self._fit(col, len(f"{value:,.{decimals}f}") + (style == "percent"))

    def rate_colours(self, first: int, last: int, col: int) -> None:
        """Rates below 30 % red, below 60 % yellow, the rest green; blank cells stay white."""
        ref = xl_rowcol_to_cell(first, col, col_abs=True)
        for (limit, _, _), band in zip(BANDS, self.book.bands, strict=True):
            criteria = f"=AND(ISNUMBER({ref}),{ref}<{limit:g})"
            self.ws.conditional_format(
                first,
                col,
                last,
                col,
                {"type": "formula", "criteria": criteria, "format": band, "stop_if_true": True},
            )

    def finish(self, last: int, *, filters: bool = True) -> None:
        for col, width in self.widths.items():
            self.ws.set_column(col, col, width + 2)
        for row, cells in self.wrapped.items():  # neither Excel nor LibreOffice fits them on open
            lines = max(_line_count(text, self.widths.get(col, 8) + 1) for col, text in cells)
            if lines > 1:
                self.ws.set_row(row, 15 * lines)
        self.ws.freeze_panes(HEAD + 1, 0)
        if filters and last > HEAD:
            self.ws.autofilter(HEAD, 0, last, len(self.heads) - 1)
        page_setup(self.ws)
        self.ws.repeat_rows(HEAD)


def page_setup(ws: Any) -> None:
    """A4 landscape, every column on the page, page numbers at the foot."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&C&P / &N")


def _visual(text: str) -> float:
    """Roughly how wide `text` is in Excel's column units (the width of a digit, Calibri 11)."""
    return sum(NARROW.get(c, 1.2 if c.isupper() else 1.0) for c in text)


def _line_count(text: str, width: float) -> int:
    """How many lines `text` takes, wrapped at spaces, in a column `width` units wide."""
    count = 0
    for paragraph in text.splitlines() or [""]:
        lines, used = 1, 0.0
        for word in paragraph.split():
            need = _visual(word) + (NARROW[" "] if used else 0.0)
            if used and used + need > width:
                lines, used, need = lines + 1, 0.0, _visual(word)
            while need > width:  # a word longer than the column breaks anywhere
                lines, need = lines + 1, need - width
            used += need
        count += lines
    return count
