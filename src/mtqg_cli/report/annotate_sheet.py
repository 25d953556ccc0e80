"""The «Sai lệch» sheet an annotated copy carries: its findings, each linked to its cell, in
rows tall enough for their text."""

from __future__ import annotations

import math
from typing import cast

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from mtqg_cli.model.report import FileReport
from mtqg_cli.model.vocabulary import UNIT_DECIMALS, Severity, Unit
from mtqg_cli.report.finding_order import Placed, cascade_order
from mtqg_cli.words.annotate import SHEET_WORDS
from mtqg_cli.words.language import for_language

WIDTHS = (16, 8, 11, 24, 13, 16, 16, 16, 70)
"""Column widths in characters; the explanation wraps within its width."""
LINE_POINTS = 15.0
"""Height of one line of 11-point text, in points, with its spacing."""
FIT = 1.15
"""Characters of Vietnamese text are wider than the width unit: room for that."""
FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}


def add_findings_sheet(
    book: Workbook, file: FileReport, severity_words: dict[str, str], lang: str
) -> Worksheet:
    """Append the findings sheet to `book` (its name made unique) and return it."""
    from mtqg_cli.words.messages import unit_name

    words = for_language(SHEET_WORDS, lang)
    name = free_sheet_name(book, words["sheet"])
    sheet = cast(Worksheet, book.create_sheet(name))
    unit = Unit.named(file.unit)
    sheet.append([words["note"].format(unit=unit_name(unit, lang))])
    sheet.append(words["heads"].split("|"))
    for col, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width
        sheet.cell(2, col).font = Font(bold=True)
    for placed in cascade_order(file.findings):
        _add_row(sheet, placed, severity_words, unit, lang)
    sheet.freeze_panes = "A3"
    return sheet


def explained_message(placed: Placed, lang: str) -> str:
    """The finding's message; under it, the cell of the finding that explains it and its hint."""
    words, finding, cause = for_language(SHEET_WORDS, lang), placed.finding, placed.cause
    lines = [finding.message]
    if cause is not None:
        same_sheet = cause.sheet == finding.sheet or not cause.sheet
        where = (cause.cell or "") if same_sheet else f"{cause.sheet}!{cause.cell or ''}"
        lines.append(words["caused_by"].format(rule=cause.rule, cell=where))
    if finding.hint is not None and finding.hint.message:
        lines.append(words["hint"].format(message=finding.hint.message))
    return "\n".join(line for line in lines if line)


def _add_row(
    sheet: Worksheet, placed: Placed, words: dict[str, str], unit: Unit, lang: str
) -> None:
    finding = placed.finding
    rate = bool(finding.column and finding.column.startswith("rate."))
    figures = [
        _figure(v, unit, rate) for v in (finding.expected, finding.actual, finding.difference)
    ]
    severity = Severity(finding.severity).value
    rule = "   " * (placed.depth - 1) + "↳ " + finding.rule if placed.depth else finding.rule
    sheet.append([
        finding.sheet or "", finding.cell or "", words[severity], rule,
        finding.project or "", *figures, explained_message(placed, lang),
    ])  # fmt: skip
    row = sheet.max_row
    number_format = "0.00" if rate else _amount_format(unit)
    for col in (6, 7, 8):
        sheet.cell(row, col).number_format = number_format
    for col in range(1, len(WIDTHS) + 1):
        sheet.cell(row, col).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.cell(row, 3).fill = PatternFill(fill_type="solid", start_color=FILLS[severity])
    if finding.sheet and finding.cell:
        link = sheet.cell(row, 2)
        quoted = finding.sheet.replace("'", "''")
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!{finding.cell}")
        link.font = Font(color="0563C1", underline="single")
    sheet.row_dimensions[row].height = row_height([str(c.value or "") for c in sheet[row]])


def row_height(texts: list[str]) -> float:
    """Points a row needs so that each wrapped cell shows all its lines."""
    lines = max(
        (_lines(text, width) for text, width in zip(texts, WIDTHS, strict=False)), default=1
    )
    return LINE_POINTS * max(lines, 1) + 3


def _lines(text: str, width: int) -> int:
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(len(part) * FIT / usable)) for part in text.split("\n"))


def _figure(dong: int | float | None, unit: Unit, rate: bool) -> float | None:
    if dong is None:
        return None
    return round(float(dong), 2) if rate else dong / unit.size


def _amount_format(unit: Unit) -> str:
    decimals = UNIT_DECIMALS[unit]
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def free_sheet_name(book: Workbook, name: str) -> str:
    """`name`, or `name (2)`, `name (3)`…: the first no sheet of the book already has."""
    taken = {n.casefold() for n in book.sheetnames}
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate, number = f"{name} ({number})", number + 1
    return candidate
