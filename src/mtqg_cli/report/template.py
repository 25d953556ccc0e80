"""`mtqg template`: the standard reporting form, for units to fill in and `mtqg reconcile` to read.

Every project, sub-project and content of the programme is listed with its code; units type
only the leaves (plan ĐTPT/SN, allocated, disbursed ĐTPT/SN, reason). Every parent, every total
column, the unallocated money and the rate are formulas, locked, so they cannot drift; amounts
accept only numbers ≥ 0. The header is the one `layout.py` reads best (a unit line, three header
rows, a row of column numbers), so a filled form is read with nothing left to guess.

`figures` fills the leaves (for tests and samples): formulas then carry the values Excel would
save with them; `typed` replaces a formula by a typed number, as a careless edit would.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from mtqg_cli.files import write_file_atomically
from mtqg_cli.form.catalog import CatalogItem, load_catalog
from mtqg_cli.form.template_layout import (
    ALLOC,
    CODE,
    DISB,
    DISB_DTPT,
    DISB_SN,
    FIELD_OF,
    FIRST_LINE,
    HEADER_ROW,
    INPUT_COLUMNS,
    INPUTS,
    NAME,
    PLAN,
    PLAN_DTPT,
    PLAN_SN,
    RATE,
    REASON,
    SHEET_NAME,
    STT,
    UNALLOC,
)
from mtqg_cli.model.vocabulary import Unit
from mtqg_cli.words.template import FORM, FORM_UNIT_NAMES, INSTRUCTIONS

UNIT_FORMATS = {
    Unit.trieu_dong: "#,##0.000",
    Unit.nghin_dong: "#,##0",
    Unit.dong: "#,##0",
    Unit.ty_dong: "#,##0.000000",
}
COLUMN_NUMBERS = (
    "(1)", "(2)", "(3)", "(4)=(5)+(6)", "(5)", "(6)", "(7)", "(8)=(4)-(7)",
    "(9)=(10)+(11)", "(10)", "(11)", "(12)=(9)/(4)", "(13)",
)  # fmt: skip
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _children(item: CatalogItem | None, items: list[CatalogItem]) -> list[CatalogItem]:
    parent = item.code if item else None
    return [i for i in items if i.parent_code == parent]


def _stt(item: CatalogItem, index: int) -> str:
    """I, II… for projects; 1, 2… for sub-projects; a, b… for a project's contents; - below."""
    depth = item.code.count(".")
    if depth == 0:
        return ROMAN[index]
    if depth == 2:
        return "-"
    return "abcdefgh"[index] if ".ND" in item.code else str(index + 1)


def form_lines() -> list[tuple[CatalogItem, str, int]]:
    """The catalog in form order: (item, STT mark, depth), parents before their children."""
    items = list(load_catalog().items.values())
    found: list[tuple[CatalogItem, str, int]] = []

    def add(parent: CatalogItem | None, depth: int) -> None:
        for index, child in enumerate(_children(parent, items)):
            found.append((child, _stt(child, index), depth))
            add(child, depth + 1)

    add(None, 0)
    return found


def write_template(
    path: Path,
    *,
    unit: Unit = Unit.trieu_dong,
    year: int = 2023,
    figures: Mapping[str, Mapping[str, float | int | Decimal]] | None = None,
    reasons: Mapping[str, str] | None = None,
    typed: Mapping[tuple[str, str], float] | None = None,
) -> Path:
    """Write the form (atomically) to `path`; see the module's docstring."""
    import xlsxwriter  # type: ignore[import-untyped,unused-ignore]

    def fill(temp: Path) -> None:
        book = xlsxwriter.Workbook(str(temp), {"strings_to_formulas": False})
        book.set_custom_property("mtqg_template", "1")  # read back by pinning.template_pin
        book.set_custom_property("mtqg_unit", unit.value)
        sheet = book.add_worksheet(SHEET_NAME)
        _Form(book, sheet, unit, year, figures or {}, reasons or {}, typed or {}).write()
        _instructions(book)
        book.close()

    return write_file_atomically(path, fill, inputs=[])


class _Form:
    def __init__(
        self,
        book: Any,
        sheet: Any,
        unit: Unit,
        year: int,
        figures: Mapping[str, Mapping[str, float | int | Decimal]],
        reasons: Mapping[str, str],
        typed: Mapping[tuple[str, str], float],
    ) -> None:
        self.book, self.ws, self.unit, self.year = book, sheet, unit, year
        self.figures, self.reasons, self.typed = figures, reasons, typed
        self.lines = form_lines()
        self.row_of = {item.code: FIRST_LINE + 1 + i for i, (item, _, _) in enumerate(self.lines)}
        self.values: dict[tuple[str, int], Decimal] = {}
        places = UNIT_FORMATS[unit].count("0") - 1 if "." in UNIT_FORMATS[unit] else 0
        self.quantum = Decimal(1).scaleb(-places)
        base = {"font_name": "Times New Roman", "font_size": 11, "border": 1, "valign": "vcenter"}
        self.f_head = book.add_format({**base, "bold": True, "align": "center", "text_wrap": True})
        self.f_num = book.add_format({**base, "num_format": UNIT_FORMATS[unit], "locked": False})
        self.f_calc = book.add_format(
            {**base, "num_format": UNIT_FORMATS[unit], "bg_color": "#E7E6E6"}
        )
        self.f_rate = book.add_format({**base, "num_format": "0.00", "bg_color": "#E7E6E6"})
        self.f_text = book.add_format({**base, "text_wrap": True})
        self.f_input_text = book.add_format({**base, "text_wrap": True, "locked": False})
        self.f_bold = book.add_format({**base, "bold": True, "text_wrap": True})
        self.f_title = book.add_format(
            {
                "font_name": "Times New Roman",
                "bold": True,
                "font_size": 13,
                "align": "center",
                "text_wrap": True,
            }
        )
        self.f_plain = book.add_format(
            {"font_name": "Times New Roman", "italic": True, "align": "center"}
        )
        self.f_sign = book.add_format(
            {"font_name": "Times New Roman", "bold": True, "align": "center"}
        )

    # ------------------------------------------------------------------ layout
    def write(self) -> None:
        ws = self.ws
        ws.set_column(STT, STT, 6)
        ws.set_column(NAME, NAME, 48)
        ws.set_column(CODE, CODE, 12)
        ws.set_column(PLAN, DISB_SN, 14)
        ws.set_column(RATE, RATE, 10)
        ws.set_column(REASON, REASON, 30)
        ws.merge_range(0, 0, 0, 2, FORM["authority"], self.f_sign)
        ws.merge_range(1, 0, 1, 2, FORM["number"], self.f_plain)
        title = FORM["title"].format(year=self.year)
        ws.merge_range(2, 0, 2, REASON, title, self.f_title)
        ws.set_row(2, 36)
        ws.merge_range(3, 0, 3, REASON, FORM["as_of"].format(year=self.year), self.f_plain)
        ws.write(4, RATE, FORM["unit"].format(unit=FORM_UNIT_NAMES[self.unit]), self.f_plain)
        self._header()
        self._lines()
        self._footer()
        ws.freeze_panes(FIRST_LINE, CODE + 1)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(HEADER_ROW, HEADER_ROW + 3)
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
        ws.set_footer(FORM["page_footer"])
        ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True})

    def _header(self) -> None:
        ws, f, r = self.ws, self.f_head, HEADER_ROW
        for col, text in ((STT, FORM["stt"]), (NAME, FORM["name"]), (CODE, FORM["code"])):
            ws.merge_range(r, col, r + 2, col, text, f)
        ws.merge_range(r, PLAN, r, PLAN_SN, FORM["plan"].format(year=self.year), f)
        ws.merge_range(r, ALLOC, r + 2, ALLOC, FORM["allocated"], f)
        ws.merge_range(r, UNALLOC, r + 2, UNALLOC, FORM["unallocated"], f)
        ws.merge_range(r, DISB, r, DISB_SN, FORM["disbursed"], f)
        ws.merge_range(r, RATE, r + 2, RATE, FORM["rate"], f)
        ws.merge_range(r, REASON, r + 2, REASON, FORM["reason"], f)
        for total, first in ((PLAN, PLAN_DTPT), (DISB, DISB_DTPT)):
            ws.merge_range(r + 1, total, r + 2, total, FORM["total"], f)
            ws.merge_range(r + 1, first, r + 1, first + 1, FORM["of_which"], f)
            ws.write(r + 2, first, FORM["dtpt"], f)
            ws.write(r + 2, first + 1, FORM["sn"], f)
        ws.write_row(
            r + 3,
            0,
            COLUMN_NUMBERS,
            self.book.add_format({"italic": True, "align": "center", "border": 1}),
        )

    def _lines(self) -> None:
        """Children before parents, so each parent's saved value is the sum of theirs."""
        items = [item for item, _, _ in self.lines]
        for item, stt, depth in reversed(self.lines):
            kids = [c.code for c in _children(item, items)]
            row = self.row_of[item.code]
            self._line(row, stt, item.name, item.code, kids, bold=depth == 0, leaf=not kids)
        top = [item.code for item, _, depth in self.lines if depth == 0]
        self._line(FIRST_LINE, "", FORM["total_line"], "", top, bold=True)

    def _line(
        self,
        row: int,
        stt: str,
        name: str,
        code: str,
        kids: list[str],
        *,
        bold: bool,
        leaf: bool = False,
    ) -> None:
        ws = self.ws
        ws.write_string(row, STT, stt, self.f_text)
        ws.write_string(row, NAME, name, self.f_bold if bold else self.f_text)
        ws.write_string(row, CODE, code, self.f_text)
        key = code or "TOTAL"
        for field in INPUTS:
            col = INPUT_COLUMNS[field]
            if leaf:
                self._input(row, col, key, field)
            else:
                cells = [f"{_letter(col)}{self.row_of[k] + 1}" for k in kids]
                value = sum((self.values.get((k, col), Decimal(0)) for k in kids), Decimal(0))
                self._formula(row, col, key, "=" + "+".join(cells), value)
        self._formula(
            row, PLAN, key, self._pair(row, PLAN_DTPT, PLAN_SN), self._add(key, PLAN_DTPT, PLAN_SN)
        )
        self._formula(
            row, DISB, key, self._pair(row, DISB_DTPT, DISB_SN), self._add(key, DISB_DTPT, DISB_SN)
        )
        unallocated = self.values[(key, PLAN)] - self.values[(key, ALLOC)]
        self._formula(
            row, UNALLOC, key, f"={_letter(PLAN)}{row + 1}-{_letter(ALLOC)}{row + 1}", unallocated
        )
        plan, disbursed = self.values[(key, PLAN)], self.values[(key, DISB)]
        rate = (disbursed * 100 / plan).quantize(Decimal("0.01"), ROUND_HALF_UP) if plan else None
        d, i = f"{_letter(PLAN)}{row + 1}", f"{_letter(DISB)}{row + 1}"
        formula = f'=IF({d}=0,"",ROUND({i}/{d}*100,2))'
        typed_rate = self.typed.get((key, "rate.total"))
        if typed_rate is not None:
            ws.write_number(row, RATE, typed_rate, self.f_rate)
        else:
            ws.write_formula(row, RATE, formula, self.f_rate, "" if rate is None else float(rate))
        reason = self.reasons.get(key, "")
        ws.write_string(row, REASON, reason, self.f_input_text if leaf else self.f_text)

    def _input(self, row: int, col: int, key: str, field: str) -> None:
        raw = self.figures.get(key, {}).get(field)
        value = Decimal(str(raw)).quantize(self.quantum) if raw is not None else Decimal(0)
        self.values[(key, col)] = value
        if raw is None:
            self.ws.write_blank(row, col, None, self.f_num)
        else:
            self.ws.write_number(row, col, float(value), self.f_num)
        self.ws.data_validation(row, col, row, col, {
            "validate": "decimal", "criteria": ">=", "value": 0,
            "error_title": FORM["invalid_title"],
            "error_message": FORM["invalid_message"],
        })  # fmt: skip

    def _pair(self, row: int, first: int, second: int) -> str:
        return f"={_letter(first)}{row + 1}+{_letter(second)}{row + 1}"

    def _add(self, key: str, first: int, second: int) -> Decimal:
        return self.values[(key, first)] + self.values[(key, second)]

    def _formula(self, row: int, col: int, key: str, formula: str, value: Decimal) -> None:
        typed = self.typed.get((key, FIELD_OF[col]))
        if typed is not None:
            self.values[(key, col)] = Decimal(str(typed))
            self.ws.write_number(row, col, typed, self.f_calc)
            return
        self.values[(key, col)] = value
        self.ws.write_formula(row, col, formula, self.f_calc, float(value))

    def _footer(self) -> None:
        row = self.row_of[self.lines[-1][0].code] + 2
        self.ws.merge_range(
            row, RATE - 1, row, REASON, FORM["place_date"].format(year=self.year), self.f_plain
        )
        self.ws.merge_range(row + 1, 0, row + 1, 2, FORM["maker"], self.f_sign)
        self.ws.merge_range(row + 1, RATE - 1, row + 1, REASON, FORM["head"], self.f_sign)


def _letter(col: int) -> str:
    return "ABCDEFGHIJKLM"[col]


def _instructions(book: Any) -> None:
    ws = book.add_worksheet(FORM["instructions"])
    ws.set_column(0, 0, 110)
    wrap = book.add_format(
        {"font_name": "Times New Roman", "font_size": 12, "text_wrap": True, "valign": "top"}
    )
    bold = book.add_format({"font_name": "Times New Roman", "font_size": 13, "bold": True})
    for index, text in enumerate(INSTRUCTIONS):
        ws.write_string(index, 0, text, bold if index == 0 else wrap)
    ws.set_landscape()
    ws.set_paper(9)
