"""An .xls bounded before it is loaded: its compound file walked, its BIFF records counted.

python-calamine trusts what an .xls declares: a sheet's DIMENSIONS record and the row and column
of each cell record size the grid it allocates, and the shared string table's count sizes a
vector. This module reads the file (never more than `max_bytes`), follows the compound file's
sector chains to the Workbook stream (each chain bounded by the number of sectors, so a loop in
a damaged file ends), and refuses a sheet whose declared or actual cells reach beyond the limits.
"""

from __future__ import annotations

import struct
from pathlib import Path

from mtqg_cli.model.errors import InputError
from mtqg_cli.read.limit_values import Limits, check_extent, too_long

FREE, END = 0xFFFFFFFF, 0xFFFFFFFE
HEADER = 512
"""Bytes of the compound file's header (its first sector, padded, in a 4096-byte sector file)."""
BOOK_STREAMS = ("workbook", "book")
CELL_RECORDS = frozenset({0x0203, 0x00FD, 0x027E, 0x0201, 0x0006, 0x0205, 0x0204, 0x00D6})
"""NUMBER, LABELSST, RK, BLANK, FORMULA, BOOLERR, LABEL, RSTRING: row and column come first."""
MULTI_RECORDS = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: row, first column … last column
BOF, EOF, DIMENSIONS, SST, FILEPASS, LABEL = 0x0809, 0x000A, 0x0200, 0x00FC, 0x002F, 0x0204


class _Damaged(Exception):
    """The compound file or its records are not what their headers say."""


def check_xls(path: Path, limits: Limits) -> None:
    """Refuse an .xls whose sheets reach beyond the limits, or whose structure is broken."""
    with path.open("rb") as handle:
        data = handle.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise InputError("too_large", path=str(path), size=f"> {limits.max_bytes // 2**20}",
                         limit=limits.max_bytes // 2**20)  # fmt: skip
    try:
        stream = workbook_stream(data)
        if stream is not None:
            _check_records(path, stream, limits)
    except (_Damaged, struct.error, IndexError, ValueError) as exc:
        raise InputError("corrupt", path=str(path), reason=f"xls: {exc}"[:160]) from None


# --------------------------------------------------------------------------- compound file
def workbook_stream(data: bytes) -> bytes | None:
    """The Workbook (or Book) stream of a compound file; None when it has none (an encrypted
    .xlsx in an OLE container holds EncryptedPackage instead)."""
    if len(data) < HEADER:
        raise _Damaged("header cut short")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if not 7 <= shift <= 16 or not 2 <= mini_shift < shift:
        raise _Damaged("sector size")
    size = 1 << shift
    first = size  # sector 0 follows the header, padded to a whole sector
    sectors = max(0, (len(data) - first + size - 1) // size)
    fat = _fat(data, size, sectors, first)
    entries = _directory(data, fat, size, sectors, first)
    root = entries[0] if entries else None
    for name, kind, start, length in entries:
        if kind == 2 and name.lower() in BOOK_STREAMS:
            cutoff = struct.unpack_from("<I", data, 0x38)[0]
            if length < cutoff and root is not None:
                return _mini_stream(data, fat, size, sectors, first, root, start, length)
            return _chain_bytes(data, fat, size, sectors, first, start, length)
    return None


def _sector(data: bytes, size: int, first: int, number: int) -> bytes:
    at = first + number * size
    if number < 0 or at + size > len(data) + size:  # the last sector may be cut short
        raise _Damaged(f"sector {number}")
    return data[at : at + size]


def _fat(data: bytes, size: int, sectors: int, first: int) -> list[int]:
    count = struct.unpack_from("<I", data, 0x2C)[0]
    difat_start, difat_count = struct.unpack_from("<II", data, 0x44)
    places = [p for p in struct.unpack_from("<109I", data, 0x4C) if p not in (FREE, END)]
    next_difat, seen = difat_start, 0
    while next_difat not in (FREE, END) and seen <= min(difat_count, sectors):
        block = struct.unpack(f"<{size // 4}I", _sector(data, size, first, next_difat))
        places += [p for p in block[:-1] if p not in (FREE, END)]
        next_difat, seen = block[-1], seen + 1
    if len(places) > sectors + 1 or count > sectors + 1:
        raise _Damaged("FAT larger than the file")
    fat: list[int] = []
    for place in places:
        fat.extend(struct.unpack(f"<{size // 4}I", _sector(data, size, first, place)))
    return fat


def _chain(fat: list[int], start: int, limit: int) -> list[int]:
    """The sectors of a chain, at most `limit` of them (a loop or a far pointer is damage)."""
    found: list[int] = []
    current = start
    while current not in (FREE, END):
        if current >= len(fat) or len(found) > limit:
            raise _Damaged("sector chain")
        found.append(current)
        current = fat[current]
    return found


def _chain_bytes(
    data: bytes, fat: list[int], size: int, sectors: int, first: int, start: int, length: int
) -> bytes:
    chain = _chain(fat, start, sectors)
    stream = b"".join(_sector(data, size, first, s) for s in chain)
    if len(stream) < length and length > 0:
        raise _Damaged("stream cut short")
    return stream[:length]


def _directory(
    data: bytes, fat: list[int], size: int, sectors: int, first: int
) -> list[tuple[str, int, int, int]]:
    start = struct.unpack_from("<I", data, 0x30)[0]
    raw = b"".join(_sector(data, size, first, s) for s in _chain(fat, start, sectors))
    entries = []
    for at in range(0, len(raw) - 127, 128):
        name_len = min(struct.unpack_from("<H", raw, at + 0x40)[0], 64)
        name = raw[at : at + max(0, name_len - 2)].decode("utf-16-le", "replace")
        kind = raw[at + 0x42]
        start_sector, length = struct.unpack_from("<IQ", raw, at + 0x74)
        if size == 512:
            length &= 0xFFFFFFFF
        entries.append((name, kind, start_sector, length))
    return entries


def _mini_stream(
    data: bytes,
    fat: list[int],
    size: int,
    sectors: int,
    first: int,
    root: tuple[str, int, int, int],
    start: int,
    length: int,
) -> bytes:
    mini_shift = struct.unpack_from("<H", data, 0x20)[0]
    mini_size = 1 << mini_shift
    mini_fat_start = struct.unpack_from("<I", data, 0x3C)[0]
    raw_fat = b"".join(_sector(data, size, first, s) for s in _chain(fat, mini_fat_start, sectors))
    mini_fat = list(struct.unpack(f"<{len(raw_fat) // 4}I", raw_fat[: len(raw_fat) // 4 * 4]))
    container = b"".join(_sector(data, size, first, s) for s in _chain(fat, root[2], sectors))
    parts = []
    for number in _chain(mini_fat, start, len(mini_fat)):
        parts.append(container[number * mini_size : (number + 1) * mini_size])
    stream = b"".join(parts)
    if len(stream) < length:
        raise _Damaged("stream cut short")
    return stream[:length]


# --------------------------------------------------------------------------- BIFF records
def _check_records(path: Path, stream: bytes, limits: Limits) -> None:
    """Walk the records: each sheet's declared and actual extent, strings' counts and lengths."""
    at, sheet, rows, columns = 0, 0, 0, 0
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4 : at + 4 + length]
        at += 4 + length
        if kind == FILEPASS:
            return  # encrypted: the reader reports it
        if kind == BOF:
            sheet, rows, columns = sheet + 1, 0, 0  # BOF 1 opens the globals, then sheet 1…
        elif kind == DIMENSIONS and len(body) >= 12:
            _, last_row, _, last_column = struct.unpack_from("<IIHH", body)
            rows, columns = max(rows, last_row), max(columns, last_column)
        elif kind in CELL_RECORDS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
            if (
                kind == LABEL
                and len(body) >= 8
                and struct.unpack_from("<H", body, 6)[0] > (limits.max_cell_chars)
            ):
                raise too_long(path, limits, f"#{sheet - 1}")
        elif kind in MULTI_RECORDS and len(body) >= 6:
            row = struct.unpack_from("<H", body)[0]
            last = struct.unpack_from("<H", body, len(body) - 2)[0]
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        elif kind == SST and len(body) >= 8:
            unique = struct.unpack_from("<I", body, 4)[0]
            if unique > limits.max_cells:
                raise InputError("zip_unsafe", path=str(path), reason=f"SST {unique}")
        check_extent(path, f"#{sheet - 1}", rows, columns, limits)
