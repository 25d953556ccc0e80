"""Limits checked before a workbook is loaded: size, rows, columns, cells and text length.

A workbook is a zip of XML parts. Before python-calamine (which builds a dense grid of the used
area and trusts the counts a file declares) sees a file, this module reads the zip's central
directory, inflates every part once as a stream (never more bytes than the part declares, and
never more than `max_bytes` in all) and parses the sheets, shared strings and .ods content as
they come (xml_limits.py) to find how far the cells reach and how long their texts are; the
small parts' bytes are kept for the readers after it (KnownParts: no second reading). An .xls
is bounded by its own records (xls_limits.py), a CSV by the bytes and rows actually read. A file
beyond a limit is refused with a message naming the option that raises it.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar, cast

from mtqg_cli.model.errors import InputError
from mtqg_cli.read.limit_values import DEFAULT_LIMITS, MB, Limits, check_extent, too_long
from mtqg_cli.read.xls_limits import check_xls
from mtqg_cli.read.xml_fast import FAST_BYTES, ROOT, fast_sheet_counts, skipped_root
from mtqg_cli.read.xml_limits import PartScanner, designated_parts
from mtqg_cli.read.xml_parts import KnownParts
from mtqg_cli.read.zip_members import (
    KNOWN_MEMBER_BYTES,
    KNOWN_MEMBERS_MAX,
    local_name_matches,
    plain,
    read_small,
)

__all__ = ["DEFAULT_LIMITS", "MB", "Limits", "check_before_loading", "open_within_limits"]

CHUNK = 1 << 20
MAX_PARTS = 10_000
KEPT_BYTES = 1 << 20
"""Largest part whose bytes the check keeps for the readers that come after it."""
KEPT_TOTAL = 8 << 20
"""Most bytes kept in all (parts beyond are read from the zip again when asked for)."""


def check_before_loading(path: Path, limits: Limits) -> None:
    """Refuse, before any reader loads it, a file beyond one of the limits: a zip workbook by
    its parts, an .xls by its records, any other file (CSV) by its size."""
    archive = open_within_limits(path, limits)
    if archive is not None:
        archive.close()


class CheckedArchive(zipfile.ZipFile):
    """A workbook's zip whose parts were checked against the limits, with what the check saw."""

    formula_parts: frozenset[str] = frozenset()
    """The sheet parts holding a formula element, noticed while checking them: a workbook
    without formulas costs the formula reader nothing more."""
    kept: dict[str, bytes]
    """{member name: bytes} of the small parts inflated whole while checking them, as
    `open` would read them: the percent and hidden-column readers read these again."""

    def known_parts(self) -> KnownParts:
        """The member names and the bytes kept, for readers after this archive is closed."""
        return KnownParts(dict.fromkeys(self.NameToInfo), getattr(self, "kept", {}))


def open_within_limits(path: Path, limits: Limits) -> CheckedArchive | None:
    """`check_before_loading`, handing back the zip workbook's archive, checked, for the caller
    to read its small parts from (and close) without reading the central directory again; None
    for a file that is not a zip."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK\x03\x04"):
        return _checked_archive(path, limits)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        check_xls(path, limits)
        return None
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
    check_extent(path, sheet.name, rows, columns, limits)
    for row in sheet.rows:
        for value in row:
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                raise too_long(path, limits)
    return sheet


def check_file_size(path: Path, limits: Limits) -> None:
    """Refuse a file (CSV, XLS) whose size on disk is beyond `max_bytes`."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise InputError("too_large", path=str(path), size=_mb(size), limit=_mb(limits.max_bytes))


def read_bounded(path: Path, limits: Limits) -> bytes:
    """A text file's bytes, read in chunks up to `max_bytes` whatever its size on disk says (a
    link to a device, a file still growing); refused as soon as it has more bytes, or, while no
    quote has been seen (so that each line is a row), more lines than `max_rows`."""
    chunks: list[bytes] = []
    size = lines = 0
    quoted = False
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            size += len(chunk)
            if size > limits.max_bytes:
                raise InputError("too_large", path=str(path), size=f"> {_mb(limits.max_bytes)}",
                                 limit=_mb(limits.max_bytes))  # fmt: skip
            quoted = quoted or b'"' in chunk
            lines += chunk.count(b"\n")
            if not quoted and lines > limits.max_rows + 1:
                raise InputError("too_many_rows", path=str(path), sheet=path.stem,
                                 count=f"> {limits.max_rows}", limit=limits.max_rows)  # fmt: skip
            chunks.append(chunk)
    return b"".join(chunks)


def bounded_rows(path: Path, rows: Iterable[list[str]], limits: Limits) -> list[list[str]]:
    """The rows of a CSV reader, refused at the first row or field beyond the limits (never all
    read first)."""
    found: list[list[str]] = []
    for row in rows:
        found.append(row)
        if len(found) > limits.max_rows or len(row) > limits.max_columns:
            check_extent(path, path.stem, len(found), len(row), limits)
    return found


def _checked_archive(path: Path, limits: Limits) -> CheckedArchive:
    """The zip, opened once; every part checked through it (closed again on a refusal)."""
    try:
        archive = CheckedArchive(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise InputError("corrupt_zip", path=str(path)) from exc
    try:
        archive.formula_parts = _check_parts(path, archive, limits)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_parts(path: Path, archive: CheckedArchive, limits: Limits) -> frozenset[str]:
    """Check every part; return the sheet parts that hold a formula."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise InputError("zip_unsafe", path=str(path), reason=f"{len(infos)} parts")
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_bytes:
        raise InputError(
            "too_large", path=str(path), size=_mb(declared), limit=_mb(limits.max_bytes)
        )
    inflated: dict[str, bytes] = {}
    designated = designated_parts(archive, inflated)
    try:
        return _scan_parts(path, archive, designated, inflated, limits)
    except zlib.error as exc:
        raise InputError("corrupt", path=str(path), reason=str(exc)[:160]) from exc


def _scan_parts(
    path: Path,
    archive: CheckedArchive,
    designated: dict[str, str],
    inflated: dict[str, bytes],
    limits: Limits,
) -> frozenset[str]:
    """Inflate every part once (those `designated_parts` inflated whole are not inflated
    again); parse each as it comes, a sheet named by the package or not; keep the small parts'
    bytes for the readers; return the sheet parts that hold a formula."""
    formula_parts = set()
    kept = archive.kept = {}
    room = KEPT_TOTAL
    opened = archive.fp  # the archive's own file, positioned by every read (as zipfile's are)
    with path.open("rb") if opened is None else contextlib.nullcontext(opened) as file:
        handle = cast(BinaryIO, file)
        for info in archive.infolist():
            sheet = designated.get(info.filename.lower())
            whole = (
                inflated.get(info.filename) if archive.NameToInfo[info.filename] is info else None
            )
            if whole is None:  # a small plain part read whole, as zipfile reads it
                whole = read_small(handle, archive, info, remember=sheet is None)
            known = whole is not None and sheet is None and len(whole) <= KNOWN_MEMBER_BYTES
            scanned = _KNOWN_SCANS.get((whole, limits)) if known else None
            if scanned is None:
                has_formulas, needs_exact, data = _scan(handle, info, path, limits, sheet, whole)
                if needs_exact:  # a long stretch between two cells: count its characters
                    _scan(handle, info, path, limits, sheet, whole, exact=True)
                if known:
                    _remember_scan(whole, limits, (has_formulas, data is not None))
            else:  # a part scanned already, in a file of the same template: the same answer
                has_formulas, data = scanned[0], whole if scanned[1] else None
            if has_formulas:
                formula_parts.add(info.filename)
            if data is not None and _keeps(handle, archive, info, data, room, whole is data):
                kept[info.filename] = data
                room -= len(data)
    return frozenset(formula_parts)


_KNOWN_SCANS: dict[tuple[bytes | None, Limits], tuple[bool, bool]] = {}
"""{(part's bytes, limits): (holds a formula, bytes kept)} of the small parts the package
names neither sheets nor shared strings, scanned already: a batch made from one template
shares its theme, styles and relationships (their bytes remembered by zip_members)."""


def _remember_scan(data: bytes | None, limits: Limits, answer: tuple[bool, bool]) -> None:
    if len(_KNOWN_SCANS) >= KNOWN_MEMBERS_MAX:
        _KNOWN_SCANS.clear()
    _KNOWN_SCANS[data, limits] = answer


def _scan(
    handle: BinaryIO,
    info: zipfile.ZipInfo,
    path: Path,
    limits: Limits,
    sheet: str | None,
    whole: bytes | None = None,
    exact: bool = False,
) -> tuple[bool, bool, bytes | None]:
    """Count one part (`whole`: its bytes, inflated and checked already): a plain sheet by
    regular expressions (xml_fast.py), a part whose root the scan leaves alone by that root,
    any other by expat. Returns whether it holds a formula, whether its texts must be counted
    exactly, and its bytes when small and held whole."""
    chunks = _inflate(handle, info, path) if whole is None else iter((whole,) if whole else ())
    first = next(chunks, b"")
    fast = not exact and info.file_size <= FAST_BYTES
    if fast and ROOT.match(first):
        data = b"".join([first, *chunks])
        counts = fast_sheet_counts(data, limits)
        if counts is not None:
            check_extent(path, sheet or "", counts.rows, counts.columns, limits)
            return counts.has_formulas, False, data if len(data) <= KEPT_BYTES else None
        chunks = iter((data,))
    elif fast and sheet is None and skipped_root(first):  # expat would stop at the root
        if info.file_size > KEPT_BYTES:
            for _ in chunks:
                pass  # inflated to the end all the same: its size is checked
            return False, False, None
        return False, False, b"".join([first, *chunks])
    else:
        chunks = itertools.chain((first,), chunks)
    size = -1 if exact else info.file_size
    scanner = PartScanner(path, limits, sheet, exact=exact, size=size)
    for chunk in chunks:
        scanner.feed(chunk)
    scanner.close()
    return scanner.has_formulas, scanner.needs_exact, None


def _keeps(
    handle: BinaryIO,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    data: bytes,
    room: int,
    read_small: bool,
) -> bool:
    """Whether to keep a part's bytes: within the room left, and what `archive.open` gives for
    its name (as `read_small`, which gave them or not, checks: the member of that name, no
    flag zipfile refuses, the local header's name the directory's, the CRC-32 right)."""
    if len(data) > room:
        return False
    if read_small:
        return True
    if not plain(archive, info) or zlib.crc32(data) != info.CRC:
        return False
    return local_name_matches(handle, archive, info)


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
