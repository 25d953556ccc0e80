"""A workbook's legacy-encoded twin (TCVN3, VNI): for the tests of reading and of --against."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook


def twin(source: Path, target: Path, encode: object, font: str) -> Path:
    """The source's first sheet, values only (numbers as the workbook saved them), its text
    re-typed in a legacy encoding and set in the matching font."""
    sheet = CalamineWorkbook.from_path(str(source)).get_sheet_by_index(0)
    rows = sheet.to_python(skip_empty_area=False)
    book = xlsxwriter.Workbook(str(target))
    fmt = book.add_format({"font_name": font})
    capital = book.add_format({"font_name": font + "H" if font.startswith(".Vn") else font})
    ws = book.add_worksheet("Bieu 01")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and value:
                style = capital if value == value.upper() else fmt
                ws.write_string(r, c, encode(value), style)  # type: ignore[operator]
            elif isinstance(value, float):
                ws.write_number(r, c, value, fmt)
    for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or []:
        if (r1, c1) != (r2, c2):
            first = rows[r1][c1]
            text = encode(first) if isinstance(first, str) else first  # type: ignore[operator]
            ws.merge_range(r1, c1, r2, c2, text, fmt)
    book.close()
    return target
