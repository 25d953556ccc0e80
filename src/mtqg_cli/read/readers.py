"""Opening workbooks: cell values (python-calamine), merged ranges, and which cells show percentages."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any, cast

from mtqg_cli.model.errors import InputError
from mtqg_cli.read.cell_formats import PercentCells
from mtqg_cli.read.csv_reader import read_csv
from mtqg_cli.read.formula_cells import SheetFormulas, read_formulas
from mtqg_cli.read.hidden_columns import HiddenColumns
from mtqg_cli.read.limits import (
    DEFAULT_LIMITS,
    Limits,
    check_before_loading,
    check_grid,
    open_within_limits,
)
from mtqg_cli.read.openpyxl_reader import read_with_openpyxl
from mtqg_cli.read.raw import Cell, RawSheet, RawWorkbook
from mtqg_cli.read.read_errors import ZIP_PART_ERRORS, encrypted_package, short_reason
from mtqg_cli.read.xml_parts import KnownParts

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")

READERS = ("calamine", "openpyxl")
"""The values readers of .xlsx/.xlsm: python-calamine (fast, the default) and openpyxl (slow, the
reference for a file the fast one reads wrongly)."""


def read_workbook(
    path: Path, limits: Limits = DEFAULT_LIMITS, reader: str = "calamine"
) -> RawWorkbook:
    """Read every sheet's values; raise InputError when the file is not a readable workbook
    or is beyond one of the `limits` (checked before anything is loaded).

    `reader` picks how an .xlsx or .xlsm is read: "calamine" (python-calamine, fast) or "openpyxl"
    (slow, the reference; its grids, merged ranges and visibility are the same as calamine's). An
    .xls, .ods or .csv is always read as without it (by calamine, or the CSV reader): openpyxl
    cannot read those formats."""
    if reader not in READERS:
        raise ValueError(f"unknown reader {reader!r}; expected one of {', '.join(READERS)}")
    if not path.exists():
        raise InputError("missing_file", path=str(path))
    if path.is_dir():
        raise InputError("is_directory", path=str(path))
    if not path.is_file():  # a FIFO would block the run, a device never ends
        raise InputError("not_regular", path=str(path))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError("unsupported", path=str(path))
    if suffix == ".csv":
        check_before_loading(path, limits)
        try:
            sheet = read_csv(path, limits)
        except csv.Error as exc:
            raise InputError("corrupt", path=str(path), reason=short_reason(exc)) from exc
        return RawWorkbook(path, [check_grid(path, sheet, limits)])
    _check_signature(path, suffix)
    archive = open_within_limits(path, limits)  # opened once: checked, then its parts read
    properties: dict[str, str] = {}
    formulas: dict[str, SheetFormulas] = {}
    known: KnownParts | None = None  # the small parts the check kept: no second reading
    if archive is not None and suffix in (".xlsx", ".xlsm"):  # else an .xls, or an .ods
        known = archive.known_parts()
        with archive:
            properties = _custom_properties(archive)
            formulas = read_formulas(archive, archive.formula_parts)
    elif archive is not None and suffix == ".ods":
        from mtqg_cli.read.ods_formulas import read_ods_formulas

        with archive:
            formulas = read_ods_formulas(archive)  # values saved: read for the audit only
    elif archive is not None:
        archive.close()
    elif suffix == ".xls":
        formulas = _xls_formulas(path, limits)
    if reader == "openpyxl" and suffix in (".xlsx", ".xlsm"):
        sheets = read_with_openpyxl(path, known)
    else:
        sheets = _read_with_calamine(path, suffix, known)
    if formulas:
        _with_formulas(sheets, formulas)
    return RawWorkbook(path, sheets, properties)


def _with_formulas(sheets: list[RawSheet], formulas: dict[str, SheetFormulas]) -> None:
    """Give each sheet its formulas, and compute those saved with no value into its grid."""
    from mtqg_cli.read.formula_eval import SheetCells, compute_missing

    book = {s.name: SheetCells(s.rows, formulas[s.name]) for s in sheets if s.name in formulas}
    computed = compute_missing(book)
    for sheet in sheets:
        if sheet.name in formulas:
            cells = formulas[sheet.name]
            sheet.formulas = {key: cell.text for key, cell in cells.items()}
            sheet.computed = computed.cells.get(sheet.name, [])
            saved = {key: cell.error for key, cell in cells.items() if cell.error}
            sheet.errors = saved | computed.errors.get(sheet.name, {})


def _xls_formulas(path: Path, limits: Limits) -> dict[str, SheetFormulas]:
    """The formula cells of an .xls, its values saved: read for the audit only; none when the
    file cannot be walked (the values reader then says why)."""
    from mtqg_cli.read.xls_formulas import read_xls_formulas
    from mtqg_cli.read.xls_limits import workbook_stream

    try:
        with path.open("rb") as handle:
            stream = workbook_stream(handle.read(limits.max_bytes + 1))
        return read_xls_formulas(stream) if stream is not None else {}
    except Exception:  # a damaged compound file: formulas refine a reading, never stop one
        return {}


def _check_signature(path: Path, suffix: str) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise InputError("unreadable", path=str(path), reason=exc.strerror or str(exc)) from exc
    if not head:
        raise InputError("empty_file", path=str(path))
    is_zip = head.startswith(b"PK\x03\x04")
    is_ole = head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    if suffix in (".xlsx", ".xlsm", ".ods") and not is_zip:
        raise InputError("encrypted" if is_ole else "not_a_workbook", path=str(path))
    if suffix == ".xls" and not (is_ole or is_zip):
        raise InputError("not_a_workbook", path=str(path))
    if suffix == ".ods" and is_zip:  # its manifest is read next: the zip must be whole first
        if not zipfile.is_zipfile(path):
            raise InputError("corrupt_zip", path=str(path))
        if _ods_encrypted(path):
            raise InputError("encrypted", path=str(path))
    # another zip's central directory is read once, by `open_within_limits`, which refuses a
    # broken one with the same "corrupt_zip"


def _ods_encrypted(path: Path) -> bool:
    """An ODS saved with a password lists its encrypted parts in the manifest."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("META-INF/manifest.xml") as part:
            return b"encryption-data" in part.read(1_000_000)
    except ZIP_PART_ERRORS:
        return False  # a damaged manifest: the checks that follow say what is wrong


_PROPERTY = re.compile(
    rb'<property\b[^>]*?\bname="([^"]{1,100})"[^>]*>\s*<vt:(?:lpwstr|i4|bool)>([^<]{0,200})<'
)


def _custom_properties(archive: zipfile.ZipFile) -> dict[str, str]:
    """The text properties of docProps/custom.xml (read as bytes, with a size cap: no XML parser
    is handed an untrusted document); empty when there are none or the part is unreadable."""
    try:
        with archive.open("docProps/custom.xml") as part:
            data = part.read(200_000)
    except ZIP_PART_ERRORS:
        return {}
    return {
        name.decode("utf-8", "replace"): value.decode("utf-8", "replace").strip()
        for name, value in _PROPERTY.findall(data)
    }


def _read_with_calamine(path: Path, suffix: str, known: KnownParts | None) -> list[RawSheet]:
    from python_calamine import CalamineWorkbook, PasswordError

    try:
        book = _calamine_book(CalamineWorkbook, path)
        visibility = {m.name: str(m.visible).endswith("Visible") for m in book.sheets_metadata}
        percent = _percent_cells(path, suffix, known)
        hidden = HiddenColumns(path, percent.kind, known) if percent else None
        sheets = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            # a new list of new row lists at each call: ours to keep and change, without a copy
            rows = cast(list[list[Cell]], sheet.to_python(skip_empty_area=False))
            merged = sorted((a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or []))
            formats = percent.reader(name) if percent else None
            visible = visibility.get(name, True)
            sheets.append(RawSheet(name, rows, merged, visible, formats, hidden=hidden))
    except InputError:
        raise
    except PasswordError as exc:  # an .xls with a FILEPASS record (saved with a password)
        raise InputError("encrypted", path=str(path)) from exc
    except Exception as exc:  # calamine raises its own error types for broken files
        if encrypted_package(path):
            raise InputError("encrypted", path=str(path)) from exc
        raise InputError("corrupt", path=str(path), reason=short_reason(exc)) from exc
    except BaseException as exc:  # a Rust panic (pyo3's PanicException is no Exception)
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise InputError("corrupt", path=str(path), reason=f"panic: {short_reason(exc)}") from None
    return sheets


def _percent_cells(path: Path, suffix: str, known: KnownParts | None) -> PercentCells | None:
    """Where the formats of rate cells come from: .xlsx/.xlsm styles, .ods value types, .xls
    XF records."""
    if suffix in (".xlsx", ".xlsm"):
        return PercentCells(path, "xlsx", known)
    if suffix == ".ods":
        return PercentCells(path, "ods")
    if suffix == ".xls":
        return PercentCells(path, "xls")
    return None


def _calamine_book(kind: Any, path: Path) -> Any:
    """The workbook opened by calamine: by its path, or, for a name that is not UTF-8 (Rust
    takes no such path), from its bytes."""
    name = str(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        with path.open("rb") as handle:
            return kind.from_filelike(io.BytesIO(handle.read()))
    return kind.from_path(name)
