"""The number style each table of a workbook is read in: its own text numbers', else the whole
workbook's (a table of few or only ambiguous text numbers, "209,861", reads as the others)."""

from __future__ import annotations

from decimal import Decimal

from mtqg_cli.form.cell_numbers import parse_number, style_evidence, text_style
from mtqg_cli.form.column_choice import Checker
from mtqg_cli.form.extract import amount_texts
from mtqg_cli.form.layout import Layout
from mtqg_cli.model.sheet import Table
from mtqg_cli.model.vocabulary import UNIT_DECIMALS, Severity
from mtqg_cli.read.raw import RawSheet

SIZE_RULES = frozenset({"UNIT_SUSPECT"})
"""Findings on a figure's size, not on the arithmetic: a figure typed in đồng is as large in
either style, so they do not tell the styles apart."""


def table_styles(
    tables: list[tuple[RawSheet, Layout]], style: str = "vi"
) -> tuple[list[str], bool]:
    """The style to read each table with: the one asked for when it is not the default; else
    English for the tables whose texts lean no way of their own, when the workbook's do. And
    whether the workbook's texts, all its tables' together, lean Vietnamese: then a table whose
    few texts read either way ("34.464") is read so too, not by the arithmetic, which would
    take a figure typed a thousand times too large for the other style's."""
    if style != "vi" or len(tables) < 2:
        return [style] * len(tables), False
    texts = [amount_texts(sheet, layout) for sheet, layout in tables]
    every = [text for table in texts for text in table]
    vietnamese = _leans_vietnamese(every)
    if text_style(every, style) == style:
        return [style] * len(tables), vietnamese
    return [style if _leans_vietnamese(table) else "en" for table in texts], vietnamese


def _leans_vietnamese(texts: list[str]) -> bool:
    english, vietnamese = style_evidence(texts)
    return vietnamese > english


def style_score(
    sheet: RawSheet, layout: Layout, table: Table, tolerance: int, check: Checker
) -> tuple[int, int]:
    """How wrong a reading of a table looks, least first: the arithmetic's disagreements
    (parents, totals, rates), then the text figures it gives more decimals than a figure in
    the table's unit is written with ("915,482" nghìn đồng read as 915,482 nghìn: đồng)."""
    found = check(table, tolerance)
    errors = Severity.error.value
    arithmetic = sum(1 for f in found if f.severity == errors and f.rule not in SIZE_RULES)
    allowed = UNIT_DECIMALS[table.unit]
    read = (parse_number(text, table.number_style).value for text in amount_texts(sheet, layout))
    return arithmetic, sum(1 for value in read if value is not None and _decimals(value) > allowed)


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
