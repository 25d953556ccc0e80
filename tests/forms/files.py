"""Writing the sheets of a form to a file: .xlsx (xlsxwriter), .csv, TCVN3/VNI text, .xls/.ods.

.xls and .ods are converted from the .xlsx by LibreOffice (`soffice --headless`), many files in
one call: a conversion costs about a second of start-up, so `convert_many` takes a whole batch.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import xlsxwriter

from forms.grid import SheetGrid
from mtqg_cli.read.legacy import to_tcvn3, to_vni

LEGACY = {"tcvn3": to_tcvn3, "vni": to_vni}
FONTS = {"tcvn3": ".VnTime", "vni": "VNI-Times", None: "Times New Roman"}


def legacy_of(file_type: str) -> str | None:
    return next((name for name in LEGACY if file_type.endswith(name)), None)


def write_form(sheets: list[SheetGrid], file_type: str, path: Path, unsaved: bool) -> Path:
    """The form at `path` (its suffix set by the file type); returns the path written."""
    legacy = legacy_of(file_type)
    if file_type.startswith("csv"):
        target = path.with_suffix(".csv")
        text = csv_text(sheets[0])
        if legacy:
            target.write_bytes(LEGACY[legacy](text).encode("latin-1"))
        else:
            target.write_bytes(text.encode("utf-8-sig"))
        return target
    target = path.with_suffix(".xlsx")
    write_xlsx(sheets, target, legacy)
    if unsaved:
        drop_saved_values(target)
    return target


def write_xlsx(sheets: list[SheetGrid], path: Path, legacy: str | None) -> None:
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_numbers": False, "strings_to_formulas": False}
    )
    formats: dict[tuple[str | None, bool], object] = {}

    def style(number_format: str | None, bold: bool) -> object:
        key = (number_format, bold)
        if key not in formats:
            spec: dict[str, object] = {"font_name": FONTS[legacy], "bold": bold}
            if number_format:
                spec["num_format"] = number_format
            formats[key] = book.add_format(spec)
        return formats[key]

    convert = LEGACY[legacy] if legacy else None
    for grid in sheets:
        sheet = book.add_worksheet(grid.name)
        merged = {(r, c): m for m in grid.merges for r, c in [(m[0], m[1])]}
        covered = {
            (r, c)
            for m in grid.merges
            for r in range(m[0], m[2] + 1)
            for c in range(m[1], m[3] + 1)
        }
        for (row, col), cell in sorted(grid.cells.items()):
            value = cell.value
            if isinstance(value, str) and convert:
                value = convert(value)
            fmt = style(cell.number_format, cell.bold)
            if (row, col) in merged:
                first_row, first_col, last_row, last_col = merged[(row, col)]
                sheet.merge_range(first_row, first_col, last_row, last_col, "", fmt)
            elif (row, col) in covered:
                continue
            if cell.formula:
                sheet.write_formula(row, col, cell.formula, fmt, value)
            elif value is None or value == "":
                sheet.write_blank(row, col, None, fmt)
            elif isinstance(value, str):
                sheet.write_string(row, col, value, fmt)
            else:
                sheet.write_number(row, col, value, fmt)
        for first_row, first_col, last_row, last_col in grid.merges:
            if (first_row, first_col) not in grid.cells:
                sheet.merge_range(first_row, first_col, last_row, last_col, "", style(None, True))
        for row in grid.hidden_rows:
            sheet.set_row(row, None, None, {"hidden": True})
        for col in grid.hidden_cols:
            sheet.set_column(col, col, None, None, {"hidden": True})
        if grid.print_titles:
            sheet.repeat_rows(*grid.print_titles)
        sheet.set_column(1, 1, 45)
    book.close()


_CACHED = re.compile(rb"(<f>[^<]*</f>)<v>[^<]*</v>")


def drop_saved_values(path: Path) -> None:
    """Remove every formula's saved value, as software that never opened Excel leaves a file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = _CACHED.sub(rb"\1", data)
                data = data.replace(b' t="str"', b"")
            out.writestr(item, data)
    path.write_bytes(buffer.getvalue())


def csv_text(grid: SheetGrid) -> str:
    """The sheet as a Vietnamese-locale Excel CSV: ';' between cells, ',' before decimals."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in range(grid.height):
        cells = []
        for col in range(grid.width):
            cell = grid.cells.get((row, col))
            value = None if cell is None else cell.value
            if isinstance(value, float):
                value = (str(int(value)) if value.is_integer() else repr(value)).replace(".", ",")
            cells.append("" if value is None else str(value))
        writer.writerow(cells)
    return out.getvalue()


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def convert_many(paths: list[Path], target: str) -> dict[Path, Path]:
    """Each .xlsx converted to `target` ("xls" or "ods") by one LibreOffice run."""
    if not paths:
        return {}
    if SOFFICE is None:
        raise RuntimeError("LibreOffice (soffice) is needed for .xls and .ods forms")
    folder = paths[0].parent
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
             target, "--outdir", str(folder), *map(str, paths)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    return {p: p.with_suffix(f".{target}") for p in paths}
