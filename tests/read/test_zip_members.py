"""A small zip member read without zipfile's objects is what zipfile reads, or is left to it."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtqg_cli.read.zip_members import read_small

member = st.tuples(
    st.sampled_from(["a.xml", "xl/b.xml", "Đ/c.xml", "a.xml"]),  # a name twice: the last opens
    st.binary(max_size=300) | st.sampled_from([b"", b"<x/>" * 200]),
    st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]),
)
damage = st.sampled_from(["none", "byte", "crc", "name", "size", "truncate"])


def zipped(members: list[tuple[str, bytes, int]], how: str, at: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, method in members:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    raw = bytearray(buffer.getvalue())
    directory = raw.rfind(b"PK\x01\x02")
    locals_ = [i for i in range(len(raw)) if raw[i : i + 4] == b"PK\x03\x04"]
    if not locals_ or how == "none":
        return bytes(raw)
    start = locals_[at % len(locals_)]
    if how == "byte" and start + 31 < directory:
        raw[start + 30 + raw[start + 26]] ^= 0x55  # a byte of the name or the data
    elif how == "crc":
        raw[start + 14] ^= 0x01  # the local CRC-32 (zipfile trusts the directory's)
        central = raw.find(b"PK\x01\x02")
        raw[central + 16] ^= 0x01
    elif how == "name":
        raw[start + 30] ^= 0x20
    elif how == "size":
        raw[raw.find(b"PK\x01\x02") + 24] ^= 0x03  # the declared size of the first member
    elif how == "truncate":
        return bytes(raw[: start + 20]) + bytes(raw[directory:])
    return bytes(raw)


@pytest.mark.filterwarnings("ignore:Duplicate name")
@settings(max_examples=300, deadline=None)
@given(st.lists(member, min_size=1, max_size=4), damage, st.integers(0, 3))
def test_a_member_read_here_is_what_zipfile_reads(
    members: list[tuple[str, bytes, int]], how: str, at: int
) -> None:
    data = zipped(members, how, at)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    handle = io.BytesIO(data)
    with archive:
        for info in archive.infolist():
            found = read_small(handle, archive, info)
            if found is None:
                continue
            assert archive.NameToInfo[info.filename] is info
            assert archive.read(info.filename) == found


def test_a_plain_member_is_read_here() -> None:
    data = zipped([("xl/b.xml", b"<x/>" * 50, zipfile.ZIP_DEFLATED)], "none", 0)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert read_small(io.BytesIO(data), archive, archive.infolist()[0]) == b"<x/>" * 50
