"""Forms whose rate column mixes the ways units write a rate: plain percentages (16,75), Excel
percentages (0,1675 shown as 16,75%) and text ("16,75%", "16.75 %", "16,75"), as .xlsx, .ods or
.csv (where an Excel percentage is its bare fraction: a CSV keeps no formats).

A form is a grand total and project lines; every figure adds up and every rate is right except
the one planted wrong (if any), whose row the test knows."""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import xlsxwriter

RATE_STYLES = ("plain", "excel", "text_vi", "text_spaced", "text_bare")
HEADER = ["STT", "Nội dung", "Kế hoạch vốn năm 2023", "Giải ngân", "Tỷ lệ giải ngân (%)"]
FIRST_ROW = 7
"""The worksheet row (1-based) of the grand total: title, unit line and header above it."""


@dataclass
class RateForm:
    """Lines as (plan, disbursed) in triệu đồng with the style of each rate cell; the total first."""

    figures: list[tuple[int, int]]
    styles: list[str]
    wrong_row: int | None = None
    """The worksheet row whose stated rate is wrong (by `shift` points), or None."""
    shift: float = 3.17
    rows: list[list[object]] = field(default_factory=list)

    def __post_init__(self) -> None:
        plan = sum(p for p, _ in self.figures)
        spent = sum(d for _, d in self.figures)
        lines = [("", "TỔNG CỘNG", plan, spent)] + [
            (str(i), f"Dự án {i}", p, d) for i, (p, d) in enumerate(self.figures, start=1)
        ]
        for offset, ((stt, name, p, d), style) in enumerate(zip(lines, self.styles, strict=True)):
            percent = round(d * 100 / p, 2)
            if self.wrong_row == FIRST_ROW + offset:
                percent = round(percent + self.shift, 2)
            self.rows.append([stt, name, p, d, _stated(percent, style)])


def _stated(percent: float, style: str) -> object:
    """The rate cell as the style writes it (an Excel percentage as its fraction)."""
    shown = f"{percent:.2f}"
    if style == "plain":
        return percent
    if style == "excel":
        return round(percent / 100, 6)
    if style == "text_vi":
        return shown.replace(".", ",") + "%"
    if style == "text_spaced":
        return f"{shown} %"
    return shown.replace(".", ",")


def write_xlsx(form: RateForm, path: Path, *, sheets: int = 1) -> Path:
    """The form as .xlsx (each of `sheets` sheets a copy), Excel percentages formatted 0.00%."""
    book = xlsxwriter.Workbook(str(path))
    percent = book.add_format({"num_format": "0.00%"})
    for number in range(1, sheets + 1):
        sheet = book.add_worksheet(f"Biểu {number:02d}")
        _write_top(sheet)
        for offset, (row, style) in enumerate(zip(form.rows, form.styles, strict=True)):
            at = FIRST_ROW - 1 + offset
            sheet.write_row(at, 0, row[:4])
            if style == "excel":
                sheet.write_number(at, 4, float(row[4]), percent)  # type: ignore[arg-type]
            else:
                sheet.write(at, 4, row[4])
    book.close()
    return path


def write_csv(form: RateForm, path: Path) -> Path:
    """The form as a comma-separated file: figures as text, Excel percentages as "0,1675"."""
    top = [
        ["UBND HUYỆN BẠCH THÔNG"],
        [],
        ["BÁO CÁO KẾT QUẢ GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG NĂM 2023"],
        ["", "", "", "", "Đơn vị tính: Triệu đồng"],
        HEADER,
        ["1", "2", "3", "4", "5=4/3"],
    ]
    lines = [[*(str(v) for v in row[:4]), str(row[4]).replace(".", ",")] for row in form.rows]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([*top, *lines])
    return path


def _write_top(sheet: xlsxwriter.worksheet.Worksheet) -> None:
    sheet.write(0, 0, "UBND HUYỆN BẠCH THÔNG")
    sheet.write(2, 0, "BÁO CÁO KẾT QUẢ GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG NĂM 2023")
    sheet.write(3, 4, "Đơn vị tính: Triệu đồng")
    sheet.write_row(4, 0, HEADER)
    sheet.write_row(5, 0, ["1", "2", "3", "4", "5=4/3"])


def write_ods(form: RateForm, path: Path) -> Path:
    """The form as .ods: Excel percentages as cells of value type percentage."""
    top = [
        ["UBND HUYỆN BẠCH THÔNG"],
        [],
        ["BÁO CÁO KẾT QUẢ GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG NĂM 2023"],
        ["", "", "", "", "Đơn vị tính: Triệu đồng"],
        HEADER,
        ["1", "2", "3", "4", "5=4/3"],
    ]
    rows = [[_ods_cell(v) for v in row] for row in top]
    for row, style in zip(form.rows, form.styles, strict=True):
        cells = [_ods_cell(v) for v in row[:4]]
        value = row[4]
        if style == "excel":
            cells.append(
                f'<table:table-cell table:style-name="ce1" office:value-type="percentage" '
                f'office:value="{value}"><text:p>{float(value) * 100:.2f}%</text:p>'  # type: ignore[arg-type]
                "</table:table-cell>"
            )
        else:
            cells.append(_ods_cell(value))
        rows.append(cells)
    body = "".join(f"<table:table-row>{''.join(r)}</table:table-row>" for r in rows)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
        archive.writestr("content.xml", _CONTENT.format(body=body))
    return path


def _ods_cell(value: object) -> str:
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if value in (None, ""):
        return "<table:table-cell/>"
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p>'
        "</table:table-cell>"
    )


_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""

_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2">
<office:automatic-styles>
<number:percentage-style style:name="N11"><number:number number:decimal-places="2"
 number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default"
 style:data-style-name="N11"/>
</office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="Biểu 01">
<table:table-column table:number-columns-repeated="5"/>{body}</table:table></office:spreadsheet>
</office:body></office:document-content>"""
