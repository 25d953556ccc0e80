"""Writing the corrected copy: the edits applied with openpyxl, changed cells filled and explained,
a «Sửa đổi» sheet listing them, and every formula's value saved in the sheet XML."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path
from typing import cast
from xml.sax.saxutils import escape

import openpyxl
from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from mtqg_cli.figures.fix_plan import Edit
from mtqg_cli.figures.fix_recalc import EXCEL_ERRORS, drop_stale, recomputed
from mtqg_cli.files import write_file_atomically
from mtqg_cli.model.vocabulary import UNIT_DECIMALS, Unit
from mtqg_cli.report.annotate_sheet import free_sheet_name
from mtqg_cli.words.fix import fix_heads, fix_word
from mtqg_cli.words.messages import unit_name
from mtqg_cli.words.numbers import format_amount, format_rate

FILL = "E2EFDA"
"""Light green: a cell mtqg changed (the annotated copies use red, yellow and blue)."""
AUTHOR = "mtqg"
WIDTHS = (16, 8, 18, 18, 70)
Cached = dict[str, dict[str, object]]
"""{sheet title: {cell (A1): the value saved with its formula}}."""


def write_copy(
    source: Path, target: Path, edits: list[Edit], saved: Cached, *, lang: str, unit: Unit
) -> Path:
    """Write `source` with `edits` applied to `target` (atomically, never over the source);
    `saved`: the values of the source's own formulas as mtqg read them, saved with them again
    (openpyxl drops them), so the copy reads as the source did but for the edits."""
    vba = source.suffix.lower() == ".xlsm"
    book = openpyxl.load_workbook(source, keep_vba=vba)
    try:
        titles = {_nfc(name): name for name in book.sheetnames}
        cached: Cached = {}
        for name, values in saved.items():
            title = titles.get(_nfc(name))
            if title is not None:
                cached[title] = dict(values)
        for edit in edits:
            title = titles.get(_nfc(edit.sheet))
            if title is not None:
                _apply(cast(Worksheet, book[title]), edit, lang, cached.setdefault(title, {}))
        add_changes_sheet(book, edits, lang, unit)
        if book.calculation is not None:  # the values saved are right: no recalculation asked
            book.calculation.fullCalcOnLoad = False
        stale = drop_stale(book, edits, cached)

        def fill(tmp: Path) -> None:
            book.save(tmp)
            save_values(tmp, book, cached)
            if stale:  # the input's formulas reading a changed cell: computed again
                save_values(tmp, book, recomputed(tmp, stale))

        return write_file_atomically(target, fill, inputs=[source])
    finally:
        book.close()


def _apply(sheet: Worksheet, edit: Edit, lang: str, cached: dict[str, object]) -> None:
    cell = sheet.cell(edit.row, edit.column + 1)
    if isinstance(cell, MergedCell):  # inside a merged range: shown by its first cell only
        return
    if isinstance(cell.value, str) and not cell.value.startswith("=") and not edit.rate:
        cell.number_format = amount_format(edit.unit)  # a figure typed as text: shown as one
    cell.value = f"={edit.formula}" if edit.formula else edit.value
    if edit.formula:
        cached[edit.ref] = edit.value
    if edit.number_format:
        cell.number_format = edit.number_format
    if not edit.changed:
        return
    cell.fill = PatternFill(fill_type="solid", start_color=FILL)
    text = fix_word("comment", lang, why="; ".join(edit.why), before=shown(edit.before, edit, lang),
                    after=shown(edit.after, edit, lang))  # fmt: skip
    if cell.comment is not None:  # keep what the sender wrote
        text = f"{cell.comment.text}\n\n{text}"
    cell.comment = Comment(text, AUTHOR, height=140, width=320)


def shown(figure: int | float | None, edit: Edit, lang: str) -> str:
    """A figure as the sheet shows it: an amount in its unit, a rate in percent."""
    if figure is None:
        return fix_word("blank", lang)
    if edit.rate:
        return format_rate(float(figure), lang, edit.decimals)
    return format_amount(figure, edit.unit or Unit.trieu_dong, lang)


def add_changes_sheet(book: Workbook, edits: list[Edit], lang: str, unit: Unit) -> Worksheet:
    """Append the «Sửa đổi» sheet: each change with its cell (linked), before, after and why."""
    sheet = cast(Worksheet, book.create_sheet(free_sheet_name(book, fix_word("sheet", lang))))
    sheet.append([fix_word("note", lang, unit=unit_name(unit, lang))])
    changed = [e for e in edits if e.changed]
    quiet = len(edits) - len(changed)
    sheet.append([fix_word("formulas_note", lang, n=quiet) if quiet else ""])
    sheet.append(fix_heads(lang))
    for col, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[chr(64 + col)].width = width
        sheet.cell(3, col).font = Font(bold=True)
    for edit in changed:
        _add_row(sheet, edit)
    if not changed:
        sheet.append([fix_word("none", lang)])
    sheet.freeze_panes = "A4"
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)  # one page wide
    sheet.page_setup.fitToHeight = 0
    return sheet


def _add_row(sheet: Worksheet, edit: Edit) -> None:
    size = (edit.unit or Unit.trieu_dong).size
    figures = [
        None if f is None else (round(float(f), 6) if edit.rate else float(f) / size)
        for f in (edit.before, edit.after)
    ]
    sheet.append([edit.sheet, edit.ref, *figures, "; ".join(edit.why)])
    row = sheet.max_row
    number_format = "#,##0." + "0" * edit.decimals if edit.rate else amount_format(edit.unit)
    for col in (3, 4):
        sheet.cell(row, col).number_format = number_format
    sheet.cell(row, 5).alignment = Alignment(wrap_text=True, vertical="top")
    link = sheet.cell(row, 2)
    quoted = edit.sheet.replace("'", "''")
    link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!{edit.ref}")
    link.font = Font(color="0563C1", underline="single")


def amount_format(unit: Unit | None) -> str:
    """The number format of an amount in `unit`: #,##0.000 for triệu đồng."""
    decimals = UNIT_DECIMALS[unit or Unit.trieu_dong]
    return "#,##0" + ("." + "0" * decimals if decimals else "")


_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]{1,3}[0-9]{1,7})"([^>]*)>(<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)<v\s*/></c>'
)
_TYPE = re.compile(rb'\s+t="[^"]*"')


def save_values(path: Path, book: Workbook, cached: Cached) -> None:
    """Write each formula's value into the sheet XML openpyxl saved at `path` (it saves an empty
    <v/>): Excel, LibreOffice and mtqg's reader then show it without recalculating."""
    parts = {
        f"xl/worksheets/sheet{index}.xml": cached.get(sheet.title, {})
        for index, sheet in enumerate(book.worksheets, 1)
    }
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            values = parts.get(info.filename)
            if values:
                data = _with_values(data, values)
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)


def _with_values(xml: bytes, values: dict[str, object]) -> bytes:
    def put(match: re.Match[bytes]) -> bytes:
        ref, attrs, formula = match.group(1), match.group(2), match.group(3)
        value = values.get(ref.decode())
        if value is None:
            return match.group(0)
        attrs = _TYPE.sub(b"", attrs)
        if isinstance(value, bool):
            kind, text = b' t="b"', b"1" if value else b"0"
        elif isinstance(value, int | float):
            kind, text = b"", repr(float(value) if isinstance(value, float) else value).encode()
        elif isinstance(value, str):
            kind = b' t="e"' if value in EXCEL_ERRORS else b' t="str"'
            text = escape(value).encode()
        else:  # a date or time: left for the spreadsheet to compute
            return match.group(0)
        return b'<c r="' + ref + b'"' + attrs + kind + b">" + formula + b"<v>" + text + b"</v></c>"

    return _FORMULA_CELL.sub(put, xml)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
