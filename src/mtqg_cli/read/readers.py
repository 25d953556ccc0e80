"""Opening workbooks: cell values (python-calamine), merged ranges, and which cells show percentages."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from pathlib import Path
from typing import Any, cast

from mtqg_cli.model.errors import InputError
from mtqg_cli.read.cell_formats import FormatReader, PercentCells
from mtqg_cli.read.formula_cells import SheetFormulas, read_formulas
from mtqg_cli.read.hidden_columns import HiddenColumns
from mtqg_cli.read.limits import (
    DEFAULT_LIMITS,
    Limits,
    bounded_rows,
    check_before_loading,
    check_grid,
    open_within_limits,
    read_bounded,
)
from mtqg_cli.read.xml_parts import KnownParts

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
Cell = object
MergedRange = tuple[int, int, int, int]  # 0-based first row, first col, last row, last col


@dataclass
class RawSheet:
    """A sheet's values as a grid whose index 0 is worksheet row 1, column A."""

    name: str
    rows: list[list[Cell]]
    merged: list[MergedRange] = field(default_factory=list)
    visible: bool = True
    formats: FormatReader | None = None
    """(column, first_row, last_row) (0-based) -> {row: percent format} of the cells shown as
    percentages (.xlsx/.xlsm styles, .ods value types, .xls XF records; all sheets' read in one
    pass, on the first call)."""
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    """Each formula cell's text (without '='), by 0-based (row, column); .xlsx/.xlsm only."""
    computed: list[tuple[int, int]] = field(default_factory=list)
    """Formula cells saved with no value whose value mtqg computed (formula_eval)."""
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    """Formula cells whose value is an Excel error (#VALUE!, #REF! …), saved so (.xlsx, .xlsm,
    .ods, .xls) or computed: blank in `rows`, as every reader gives them."""
    hidden: HiddenColumns | None = None
    """The workbook's hidden columns, read on first use (`hidden.of(name)`); None for a CSV."""
    column_marks: dict[int, tuple[int, int]] | None = None
    """A CSV's {column: (figures only a decimal comma writes, only a point)}, as its cells
    were before they became numbers; None for a workbook (whose numbers have no mark)."""

    def hidden_columns(self) -> frozenset[int]:
        """The sheet's hidden columns, 0-based (empty when none, or when the file tells none)."""
        return self.hidden.of(self.name) if self.hidden is not None else frozenset()


@dataclass
class RawWorkbook:
    """All sheets of one input file, in workbook order."""

    path: Path
    sheets: list[RawSheet]
    properties: dict[str, str] = field(default_factory=dict)
    """Custom document properties (xlsx, xlsm): `mtqg_template` marks a form from `mtqg template`."""


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
            sheet = _read_csv(path, limits)
        except csv.Error as exc:
            raise InputError("corrupt", path=str(path), reason=_short(exc)) from exc
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
        sheets = _read_with_openpyxl(path, known)
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


ZIP_PART_ERRORS = (
    KeyError,
    OSError,
    EOFError,
    ValueError,
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
)
"""What reading a small part of a damaged or odd zip may raise (absent, truncated, unsupported)."""


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
        if _encrypted_package(path):
            raise InputError("encrypted", path=str(path)) from exc
        raise InputError("corrupt", path=str(path), reason=_short(exc)) from exc
    except BaseException as exc:  # a Rust panic (pyo3's PanicException is no Exception)
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise InputError("corrupt", path=str(path), reason=f"panic: {_short(exc)}") from None
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


def _read_with_openpyxl(path: Path, known: KnownParts | None) -> list[RawSheet]:
    """The sheets of an .xlsx/.xlsm read with openpyxl (slow: the reference reader), shaped as
    `_read_with_calamine` shapes them; every failure becomes the InputError calamine's would."""
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():  # unsupported extensions, dates out of range: not ours
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, data_only=True, keep_links=False)
        try:
            percent = PercentCells(path, "xlsx", known)
            sheets = [_openpyxl_sheet(percent, book[n], book.epoch) for n in book.sheetnames]
            hidden = HiddenColumns(path, "xlsx", known)
            return [replace(sheet, hidden=hidden) for sheet in sheets]
        finally:
            book.close()
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises zip, XML, key and value errors for broken files
        if _encrypted_package(path):
            raise InputError("encrypted", path=str(path)) from exc
        raise InputError("corrupt", path=str(path), reason=_short(exc)) from exc


def _openpyxl_sheet(percent: PercentCells, sheet: Any, epoch: datetime) -> RawSheet:
    """One worksheet (or chart sheet, which has no cells) as calamine gives it."""
    visible = sheet.sheet_state == "visible"
    formats = percent.reader(sheet.title)
    if not hasattr(sheet, "iter_rows"):  # a chart sheet: calamine reads it as an empty grid
        return RawSheet(sheet.title, [], [], visible, formats)
    merged = sorted(
        (r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
        for r in sheet.merged_cells.ranges
    )
    return RawSheet(sheet.title, _openpyxl_grid(sheet, epoch), merged, visible, formats)


def _openpyxl_grid(sheet: Any, epoch: datetime) -> list[list[Cell]]:
    """The values from A1 to the last row and column holding a value, as calamine's
    `to_python(skip_empty_area=False)` spans them: text (even empty), numbers, dates, booleans
    and errors count; a cell with formatting only does not."""
    last_row = last_column = -1
    for cells in sheet.iter_rows():
        for cell in cells:
            if _holds_value(cell):
                last_row = max(last_row, cell.row - 1)
                last_column = max(last_column, cell.column - 1)
    if last_row < 0:
        return []
    return [
        [_openpyxl_value(cell, epoch) for cell in cells]
        for cells in sheet.iter_rows(min_row=1, max_row=last_row + 1, max_col=last_column + 1)
    ]


def _holds_value(cell: Any) -> bool:
    # openpyxl reads a formula's empty text result (t="str", <v></v>) as None; calamine as ''
    return cell.value is not None or cell.data_type == "str"


_MIDNIGHT = time()
_ESCAPED = re.compile(r"_x00([0-9A-Fa-f]{2})_")


def _openpyxl_value(cell: Any, epoch: datetime) -> Cell:
    """A cell's value as calamine gives it: every number a float; an empty cell or an error '';
    text with its _x00HH_ escapes decoded (calamine decodes no others); a date-formatted serial a
    `date` when it holds no time of day, else a `datetime`, a `time` when below 1 (negative too),
    a `timedelta` in an elapsed-time format such as [h]:mm. (A date-formatted serial beyond
    31/12/9999 is an error to openpyxl, so '' here, where calamine gives the number.)"""
    value = cell.value
    if value is None or cell.data_type == "e":
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        return _ESCAPED.sub(_unescape, value) if "_x00" in value else value
    if isinstance(value, datetime):
        if value < epoch:  # a negative serial: calamine reads every serial below 1 as a time
            return value.time()
        return value.date() if value.time() == _MIDNIGHT else value
    return value


def _unescape(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))


_ENCRYPTED_STREAMS = tuple(
    name.encode("utf-16-le") for name in ("EncryptedPackage", "EncryptionInfo")
)


def _encrypted_package(path: Path) -> bool:
    """An OLE container holding an encrypted Office document (a password-protected .xlsx,
    whatever its name): its directory names the EncryptedPackage and EncryptionInfo streams."""
    try:
        with path.open("rb") as handle:
            data = handle.read()
    except OSError:
        return False
    return data.startswith(b"\xd0\xcf\x11\xe0") and all(n in data for n in _ENCRYPTED_STREAMS)


def _read_csv(path: Path, limits: Limits) -> RawSheet:
    text = _decode_csv(path, read_bounded(path, limits))
    if "\0" in text:
        raise InputError("not_a_workbook", path=str(path))
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    from mtqg_cli.read.csv_cells import column_marks, typed_rows

    parsed = bounded_rows(path, csv.reader(io.StringIO(text), dialect), limits)
    rows: list[list[Cell]] = typed_rows(parsed, dialect.delimiter)
    return RawSheet(path.stem, rows, column_marks=column_marks(parsed))


def _decode_csv(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without BOM); else Windows-1258, or bytes typed in TCVN3 or VNI, whichever
    trial conversion reads as Vietnamese with the fewest stray characters. Legacy text is kept as
    the Latin-1 characters of its codes: legacy.py converts it (and reports it), as in a workbook."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from mtqg_cli.read.legacy import from_tcvn3, from_vni

    latin = raw.decode("latin-1")
    try:
        text: str | None = raw.decode("cp1258")
    except UnicodeDecodeError:
        text = None  # bytes Windows-1258 leaves undefined
    legacy = min(_stray(from_tcvn3(latin)), _stray(from_vni(latin)))
    return text if text is not None and _stray(text) <= legacy else latin


def _stray(text: str) -> int:
    """Characters no Vietnamese text uses (outside ASCII and the Vietnamese letters)."""
    from mtqg_cli.read.legacy import TONES, VOWELS, letter

    if not _VIETNAMESE_LETTERS:
        _VIETNAMESE_LETTERS.update(letter(v, t) for v in VOWELS for t in range(len(TONES)))
        _VIETNAMESE_LETTERS.add("đ")
    folded = unicodedata.normalize("NFC", text).lower()
    return sum(1 for ch in folded if ord(ch) > 127 and ch not in _VIETNAMESE_LETTERS)


_VIETNAMESE_LETTERS: set[str] = set()


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:160]
