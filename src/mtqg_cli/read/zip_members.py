"""Reading a small zip member whole, as zipfile reads it, without zipfile's per-member objects.

The limits check reads the package's small parts (relationships, content types, the workbook)
before it inflates every part, and keeps the bytes of the small ones for the readers after it.
A member is read here only when nothing is unusual about it: its local header where the central
directory says, with the same name as zipfile decodes it, stored or deflated, no flag zipfile
refuses, inflating to exactly its declared size with the declared CRC-32. Anything else is left
to zipfile (and to the check), which says what is wrong with it.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import IO

SMALL_BYTES = 1 << 20
"""Largest member read here (inflated, and as stored)."""
LOCAL_HEADER = struct.Struct("<4s2sH18sHH")
"""A local file header: signature, version, flags, (method, time, date, CRC-32, sizes,) the
lengths of its name and its extra field."""
REFUSED_FLAGS = 0x61
"""Encrypted, compressed patched data, strong encryption: zipfile refuses these or asks a
password."""


KNOWN_MEMBER_BYTES = 64 * 1024
"""Largest member (inflated) whose bytes are remembered by its stored bytes."""
KNOWN_MEMBERS_MAX = 256
"""Members remembered, the least recently read forgotten first: at most 16 MB in all."""
_KNOWN_MEMBERS: dict[tuple[bytes, int, int, int], bytes] = {}
"""{(stored bytes, method, size, CRC-32): inflated bytes} of members read and checked already:
the files of a batch made from one template share their theme, styles, relationships and
content types, inflated once. The same stored bytes inflate to the same bytes, which pass the
same size and CRC-32 checks: a remembered answer is the one inflating again would give."""


def read_small(
    handle: IO[bytes], archive: zipfile.ZipFile, info: zipfile.ZipInfo, remember: bool = True
) -> bytes | None:
    """The member's bytes, exactly as `archive.open(info.filename).read()` gives them; None
    when anything is unusual or it is not small (then read it through zipfile). `remember`:
    keep them for a member with the same stored bytes (not worth it for a part each file has
    its own of, such as a sheet)."""
    if not plain(archive, info) or info.header_offset < 0:
        return None
    handle.seek(info.header_offset)
    head = handle.read(LOCAL_HEADER.size)
    if len(head) < LOCAL_HEADER.size:
        return None
    signature, _, flags, _, name_len, extra_len = LOCAL_HEADER.unpack(head)
    if signature != b"PK\x03\x04" or not _same_name(archive, info, handle.read(name_len), flags):
        return None
    handle.seek(info.header_offset + LOCAL_HEADER.size + name_len + extra_len)
    raw = handle.read(info.compress_size)
    if len(raw) != info.compress_size:
        return None
    key = (raw, info.compress_type, info.file_size, info.CRC)
    known = _KNOWN_MEMBERS.pop(key, None)
    if known is not None:
        _KNOWN_MEMBERS[key] = known  # read again: now the most recent
        return known
    data = _inflated(info, raw)
    if data is None or len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        return None
    if remember and info.file_size <= KNOWN_MEMBER_BYTES:
        if len(_KNOWN_MEMBERS) >= KNOWN_MEMBERS_MAX:
            del _KNOWN_MEMBERS[next(iter(_KNOWN_MEMBERS))]
        _KNOWN_MEMBERS[key] = data
    return data


def plain(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the member is small, the one its name opens, stored or deflated, flags usual."""
    return (
        info.file_size <= SMALL_BYTES
        and info.compress_size <= SMALL_BYTES
        and not info.flag_bits & REFUSED_FLAGS
        and info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        and archive.NameToInfo.get(info.filename) is info
    )


def local_name_matches(handle: IO[bytes], archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the member's local header names it as the central directory does (zipfile
    refuses to open it otherwise)."""
    handle.seek(info.header_offset)
    head = handle.read(LOCAL_HEADER.size)
    if len(head) < LOCAL_HEADER.size:
        return False
    _, _, flags, _, name_len, _ = LOCAL_HEADER.unpack(head)
    return _same_name(archive, info, handle.read(name_len), flags)


def _same_name(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: bytes, flags: int) -> bool:
    metadata = getattr(archive, "metadata_encoding", None)  # as zipfile decodes a name
    try:
        return (
            name.decode("utf-8" if flags & 0x800 else (metadata or "cp437")) == info.orig_filename
        )
    except UnicodeDecodeError:
        return False


def _inflated(info: zipfile.ZipInfo, raw: bytes) -> bytes | None:
    if info.compress_type == zipfile.ZIP_STORED:
        return raw
    decompressor = zlib.decompressobj(-15)
    try:
        data = decompressor.decompress(raw, info.file_size + 1)  # never more than one byte over
    except zlib.error:
        return None
    return None if decompressor.unconsumed_tail else data
