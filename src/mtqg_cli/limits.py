"""Limits checked before a workbook is loaded: size, rows, columns, cells and text length.

A workbook is a zip of XML parts. Before python-calamine (which builds a dense grid of the used
area and trusts the counts a file declares) sees a file, this module reads the zip's central
directory, inflates every part once as a stream (never more bytes than the part declares, and
never more than `max_bytes` in all), and counts, with a cheap pass over the sheets' XML, how far
the cells reach. A file beyond a limit is refused with a message naming the option that raises it.
"""

from __future__ import annotations

import csv
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar
from xml.parsers import expat

from mtqg_cli.errors import InputError

MB = 1024 * 1024
CHUNK = 1 << 20
MAX_PARTS = 10_000


@dataclass(frozen=True)
class Limits:
    """What one input may hold; the defaults are far above any real report."""

    max_bytes: int = 256 * MB
    """Uncompressed size of a workbook's parts (or size of a CSV/XLS file)."""
    max_rows: int = 100_000
    max_columns: int = 256
    max_cells: int = 5_000_000
    """Rows × columns of the area a sheet's cells span (readers allocate all of it)."""
    max_cell_chars: int = 32_767
    """Excel's own limit on the text of one cell."""


DEFAULT_LIMITS = Limits()


def check_before_loading(path: Path, limits: Limits) -> None:
    """Refuse, before any reader loads it, a file beyond one of the limits: a zip workbook by
    its parts, any other file (CSV, XLS) by its size."""
    archive = open_within_limits(path, limits)
    if archive is not None:
        archive.close()


class CheckedArchive(zipfile.ZipFile):
    """A workbook's zip whose parts were checked against the limits, with what the check saw."""

    formula_parts: frozenset[str] = frozenset()
    """The sheet parts holding a formula (a closing formula tag), noticed while checking them:
    a workbook without formulas costs the formula reader nothing more."""


def open_within_limits(path: Path, limits: Limits) -> CheckedArchive | None:
    """`check_before_loading`, handing back the zip workbook's archive, checked, for the caller
    to read its small parts from (and close) without reading the central directory again; None
    for a file that is not a zip."""
    with path.open("rb") as handle:
        is_zip = handle.read(4) == b"PK\x03\x04"
    if is_zip:
        return _checked_archive(path, limits)
    check_file_size(path, limits)
    if path.suffix.lower() == ".csv" and csv.field_size_limit() <= limits.max_cell_chars:
        csv.field_size_limit(limits.max_cell_chars + 1)
    return None


class _Grid(Protocol):
    name: str
    rows: list[list[object]]


G = TypeVar("G", bound=_Grid)


def check_grid(path: Path, sheet: G, limits: Limits) -> G:
    """Check a sheet read from a text file (CSV) against the limits; return it unchanged."""
    rows = len(sheet.rows)
    columns = max((len(r) for r in sheet.rows), default=0)
    _Scanner(path, sheet.name, limits).check(rows, columns)
    for row in sheet.rows:
        for value in row:
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                raise InputError("cell_too_long", path=str(path), limit=limits.max_cell_chars)
    return sheet


def check_file_size(path: Path, limits: Limits) -> None:
    """Refuse a file (CSV, XLS) whose size on disk is beyond `max_bytes`."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise InputError("too_large", path=str(path), size=_mb(size), limit=_mb(limits.max_bytes))


def check_zip_workbook(path: Path, limits: Limits) -> None:
    """Check an .xlsx/.xlsm/.ods before loading it; raise InputError naming the limit passed."""
    _checked_archive(path, limits).close()


def _checked_archive(path: Path, limits: Limits) -> CheckedArchive:
    """The zip, opened once; every part checked through it (closed again on a refusal)."""
    try:
        archive = CheckedArchive(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise InputError("corrupt_zip", path=str(path)) from exc
    try:
        archive.formula_parts = _check_parts(path, archive.infolist(), limits)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_parts(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> frozenset[str]:
    """Check every part; return the sheet parts that hold a formula."""
    if len(infos) > MAX_PARTS:
        raise InputError("zip_unsafe", path=str(path), reason=f"{len(infos)} parts")
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_bytes:
        raise InputError(
            "too_large", path=str(path), size=_mb(declared), limit=_mb(limits.max_bytes)
        )
    try:
        return _scan_parts(path, infos, limits)
    except zlib.error as exc:
        raise InputError("corrupt", path=str(path), reason=str(exc)[:160]) from exc


def _scan_parts(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> frozenset[str]:
    formula_parts = set()
    with path.open("rb") as handle:
        for info in infos:
            scanner = _scanner_for(info.filename, path, limits)
            _scan(handle, info, path, scanner)
            if isinstance(scanner, _SheetScanner) and scanner.has_formulas:
                formula_parts.add(info.filename)
            if isinstance(scanner, _SheetScanner) and scanner.needs_exact:
                _scan(handle, info, path, _ExactSheetScanner(path, scanner.sheet, limits))
    return frozenset(formula_parts)


def _scan(handle: BinaryIO, info: zipfile.ZipInfo, path: Path, scanner: _Scanner | None) -> None:
    for chunk in _inflate(handle, info, path):
        if scanner is not None:
            scanner.feed(chunk)
    if scanner is not None:
        scanner.close()


def _mb(size: int) -> str:
    return f"{size / MB:,.0f}".replace(",", ".")


# --------------------------------------------------------------------------- inflating
def _inflate(stream: BinaryIO, info: zipfile.ZipInfo, path: Path) -> Iterator[bytes]:
    """The part's bytes, inflated in chunks; refuse a part that inflates beyond its declared size
    (a zip bomb that lies) or uses a compression Excel never writes."""
    if info.header_offset < 0:  # a central directory whose offsets point before the file
        raise InputError("corrupt_zip", path=str(path))
    stream.seek(info.header_offset)
    header = stream.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise InputError("corrupt_zip", path=str(path))
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    stream.seek(info.header_offset + 30 + name_len + extra_len)
    if info.flag_bits & 0x1:
        raise InputError("encrypted", path=str(path))
    if info.compress_type == zipfile.ZIP_STORED:
        inflate: Callable[[bytes, int], bytes] | None = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        decompressor = zlib.decompressobj(-15)
        inflate = decompressor.decompress
    else:
        raise InputError("zip_unsafe", path=str(path), reason=f"compression {info.compress_type}")
    left_in, out = info.compress_size, 0
    pending = b""
    while left_in > 0 or pending:
        if not pending:
            pending = stream.read(min(CHUNK, left_in))
            if not pending:
                raise InputError("corrupt_zip", path=str(path))
            left_in -= len(pending)
        if inflate is None:
            data, pending = pending, b""
        else:
            data = inflate(pending, CHUNK)
            pending = decompressor.unconsumed_tail
        out += len(data)
        if out > info.file_size:
            raise InputError("zip_unsafe", path=str(path), reason=f"{info.filename} inflates")
        if data:
            yield data
    if out != info.file_size:
        raise InputError("corrupt_zip", path=str(path))


# --------------------------------------------------------------------------- scanners
class _Scanner:
    """Receives a part's bytes in chunks; raises InputError when a limit is passed."""

    def __init__(self, path: Path, sheet: str, limits: Limits) -> None:
        self.path, self.sheet, self.limits = path, sheet, limits
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        data = self.tail + chunk
        cut = data.rfind(b"<")
        cut = len(data) if cut < 0 else cut
        self.tail = data[cut:]
        if len(self.tail) > 4 * self.limits.max_cell_chars + 8:
            self._too_long()
        self.scan(data[:cut])

    def close(self) -> None:
        self.scan(self.tail)
        self.tail = b""
        self.finish()

    def scan(self, data: bytes) -> None:
        self._text_runs(data)

    def finish(self) -> None:
        pass

    def _text_runs(self, data: bytes) -> None:
        """Any run of more than `max_cell_chars` bytes without a tag holds, at one of the points
        every half limit, half a limit of bytes without '<': look only there."""
        limit = self.limits.max_cell_chars
        half = max(1, limit // 2)
        for point in range(0, max(0, len(data) - half), half):
            if data.find(b"<", point, point + half) >= 0:
                continue
            start = data.rfind(b"<", 0, point) + 1
            end = data.find(b"<", point)
            run = data[start : len(data) if end < 0 else end]
            if len(run) > limit and _chars(run) > limit:
                self._too_long()

    def _too_long(self) -> None:
        raise InputError(
            "cell_too_long", path=str(self.path), sheet=self.sheet, limit=self.limits.max_cell_chars
        )

    def check(self, rows: int, columns: int) -> None:
        limits, where = self.limits, {"path": str(self.path), "sheet": self.sheet}
        if rows > limits.max_rows:
            raise InputError("too_many_rows", **where, count=rows, limit=limits.max_rows)
        if columns > limits.max_columns:
            raise InputError("too_many_columns", **where, count=columns, limit=limits.max_columns)
        if rows * columns > limits.max_cells:
            raise InputError(
                "too_many_cells", **where, rows=rows, columns=columns, limit=limits.max_cells
            )


def _chars(run: bytes) -> int:
    import html

    text = run.split(b">", 1)[-1].decode("utf-8", "replace")
    return len(html.unescape(text))


_ROW = re.compile(rb"row\s[^>]*?\br=\"([0-9]+)\"[^>]*(?<!/)>")
_COLUMN = re.compile(rb" r=\"([A-Z]+)[0-9]")  # any length: AAAAA1 is beyond Excel, so refused
_CELL_ROW = re.compile(rb" r=\"[A-Z]+([0-9]{%d,})\"")
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_PREFIXED_CELL = re.compile(rb":c[ >]")
"""What `:c ` or `:c>` (a cell with a namespace prefix) starts with: one search, not two."""
_SHORT_CELL = re.compile(rb"<c[>/]")
"""What `<c>` or `<c/>` (a cell with no attributes) starts with: their counts are 0 without it."""
_UNIQUE = re.compile(rb"\suniqueCount=\"([0-9]+)\"")


class _SheetScanner(_Scanner):
    """xl/worksheets/*.xml: how far the rows and columns of cells reach."""

    def __init__(self, path: Path, sheet: str, limits: Limits) -> None:
        super().__init__(path, sheet, limits)
        self.rows = self.columns = self.cells = self.refs = 0
        self.cell_row = re.compile(_CELL_ROW.pattern % len(str(limits.max_rows)))
        self.has_formulas = False

    def scan(self, data: bytes) -> None:
        super().scan(data)
        if not self.has_formulas:  # a closing formula tag, prefixed or not (never cut: see feed)
            self.has_formulas = b"</f>" in data or b":f>" in data
        # Every number is looked at (rows need not come in order), but with C loops (map, max)
        # rather than a Python call per row: a sheet of 16,800 rows has as many row tags.
        for numbers in (_ROW.findall(data), self.cell_row.findall(data)):
            if numbers:
                self.rows = max(self.rows, _largest_row(numbers))
        letters = _COLUMN.findall(data)
        if letters:
            self.refs += len(letters)
            self.columns = max(self.columns, *map(_column_number, set(letters)))
        self.cells += _cell_count(data)
        self.check(self.rows, self.columns)

    @property
    def needs_exact(self) -> bool:
        """Some cells carry no reference: only a walk of the XML tells where they are."""
        return self.cells > self.refs


def _row_number(digits: bytes) -> int:
    """A row number as written; one of more than 12 digits (no reader's row) counts as 10**12."""
    return int(digits) if len(digits) <= 12 else 10**12


def _largest_row(numbers: list[bytes]) -> int:
    """`max(map(_row_number, numbers))` of a non-empty list, in C loops rather than a Python
    call per number. Without a leading zero (none when the least, as bytes, starts otherwise),
    digits with more of them are the larger number, and of as many, the greater bytes are: so
    the largest is the greatest (length, digits) pair. Else, or past 12 digits, number by number."""
    if min(numbers)[:1] != b"0":
        length, digits = max(zip(map(len, numbers), numbers, strict=True))
        if length <= 12:
            return int(digits)
    return max(map(_row_number, numbers))


def _cell_count(data: bytes) -> int:
    """Cell elements: `<c `, `<c>` and `<c/>`, or, in a sheet whose cells carry a namespace
    prefix (`:c ` or `:c>` in it), every `<c` or `<prefix:c` followed by a space, `>` or `/`."""
    if _PREFIXED_CELL.search(data):
        return len(_CELL.findall(data))
    count = data.count(b"<c ")
    if _SHORT_CELL.search(data):
        count += data.count(b"<c>") + data.count(b"<c/>")
    return count


class _ExactSheetScanner(_Scanner):
    """A sheet whose cells lack references: walk it with expat, placing them as readers do."""

    def __init__(self, path: Path, sheet: str, limits: Limits) -> None:
        super().__init__(path, sheet, limits)
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self._start
        self.row = self.column = self.rows = self.columns = 0

    def feed(self, chunk: bytes) -> None:
        super().feed(chunk)
        self._parse(chunk, False)

    def close(self) -> None:
        super().close()
        self._parse(b"", True)

    def _parse(self, data: bytes, final: bool) -> None:
        try:
            self.parser.Parse(data, final)
        except (expat.ExpatError, LookupError) as exc:  # LookupError: an unknown encoding
            raise InputError("corrupt", path=str(self.path), reason=str(exc)[:160]) from exc

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "row":
            ref = attrs.get("r", "")
            self.row = int(ref) if ref.isdigit() else self.row + 1
            self.column = 0
        elif local == "c":
            ref = attrs.get("r", "")
            letters = ref.rstrip("0123456789")
            self.column = _column_number(letters.encode()) if letters else self.column + 1
            digits = ref[len(letters) :]
            row = int(digits) if digits.isdigit() else self.row
            self.rows, self.columns = max(self.rows, row), max(self.columns, self.column)
            self.check(self.rows, self.columns)


class _SharedStringsScanner(_Scanner):
    """xl/sharedStrings.xml: a declared count readers trust, and the length of each text."""

    def scan(self, data: bytes) -> None:
        super().scan(data)
        for count in _UNIQUE.findall(data[:4096]):
            if int(count) > self.limits.max_cells:
                raise InputError(
                    "zip_unsafe", path=str(self.path), reason=f"uniqueCount={int(count)}"
                )


class _OdsScanner(_Scanner):
    """content.xml of an .ods: repeated rows and cells counted, never expanded."""

    def __init__(self, path: Path, limits: Limits) -> None:
        super().__init__(path, "", limits)
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self._start
        self.parser.CharacterDataHandler = self._text
        self.row = self.column = self.rows = self.columns = 0
        self.repeat_rows = 1

    def feed(self, chunk: bytes) -> None:
        super().feed(chunk)
        try:
            self.parser.Parse(chunk, False)
        except (expat.ExpatError, LookupError) as exc:  # LookupError: an unknown encoding
            raise InputError("corrupt", path=str(self.path), reason=str(exc)[:160]) from exc

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "table:table":
            self.sheet = attrs.get("table:name", "")
            self.row = self.rows = self.columns = 0
        elif name == "table:table-row":
            self.row += self.repeat_rows
            self.repeat_rows = _count(attrs.get("table:number-rows-repeated"))
            self.column = 0
        elif name in ("table:table-cell", "table:covered-table-cell"):
            repeat = _count(attrs.get("table:number-columns-repeated"))
            self.column += repeat
            if "office:value-type" in attrs or "table:formula" in attrs:
                self._reach()

    def _text(self, data: str) -> None:
        if data.strip() and self.column:
            self._reach()

    def _reach(self) -> None:
        self.rows = max(self.rows, self.row + self.repeat_rows)
        self.columns = max(self.columns, self.column)
        self.check(self.rows, self.columns)


def _count(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1


def _column_number(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number


_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def _scanner_for(name: str, path: Path, limits: Limits) -> _Scanner | None:
    if _SHEET_PART.match(name):
        return _SheetScanner(path, name.rsplit("/", 1)[1][:-4], limits)
    if name == "xl/sharedStrings.xml":
        return _SharedStringsScanner(path, "", limits)
    if name == "content.xml":
        return _OdsScanner(path, limits)
    return None
