"""Members with the same stored bytes are inflated once: the answer stays what zipfile reads."""

from __future__ import annotations

import io
import zipfile

from mtqg_cli.read import zip_members
from mtqg_cli.read.zip_members import read_small


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _read(data: bytes, name: str, remember: bool = True) -> bytes | None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return read_small(io.BytesIO(data), archive, archive.getinfo(name), remember)


def test_a_member_shared_by_two_files_is_inflated_once() -> None:
    zip_members._KNOWN_MEMBERS.clear()
    theme = b"<a:theme>" + b"<a:x/>" * 500 + b"</a:theme>"
    first = _zip({"xl/theme/theme1.xml": theme, "xl/worksheets/sheet1.xml": b"<worksheet/>"})
    second = _zip({"xl/worksheets/sheet1.xml": b"<worksheet>2</worksheet>", "t.xml": theme})
    found = _read(first, "xl/theme/theme1.xml")
    assert found == theme and len(zip_members._KNOWN_MEMBERS) == 1
    again = _read(second, "t.xml")  # another name, another place in the zip: same stored bytes
    assert again is found
    assert _read(second, "xl/worksheets/sheet1.xml", remember=False) == b"<worksheet>2</worksheet>"
    assert len(zip_members._KNOWN_MEMBERS) == 1


def test_a_damaged_member_is_not_answered_from_memory() -> None:
    """A member whose stored bytes are those of a remembered one but whose declared CRC-32 is
    not is left to zipfile, as when read the first time."""
    zip_members._KNOWN_MEMBERS.clear()
    theme = b"<theme>" + b"x" * 3000 + b"</theme>"
    good = _zip({"t.xml": theme})
    assert _read(good, "t.xml") == theme
    bad = bytearray(good)
    central = bad.find(b"PK\x01\x02")
    bad[central + 16] ^= 0x01  # the CRC-32 the central directory declares
    assert _read(bytes(bad), "t.xml") is None
    with zipfile.ZipFile(io.BytesIO(bytes(bad))) as archive:
        try:
            archive.read("t.xml")
        except zipfile.BadZipFile:
            pass
        else:
            raise AssertionError("zipfile reads a member whose CRC-32 is wrong")


def test_the_members_remembered_are_bounded() -> None:
    zip_members._KNOWN_MEMBERS.clear()
    for index in range(zip_members.KNOWN_MEMBERS_MAX + 5):
        data = f"<part n='{index}'/>".encode()
        assert _read(_zip({"p.xml": data}), "p.xml") == data
    assert len(zip_members._KNOWN_MEMBERS) == zip_members.KNOWN_MEMBERS_MAX
    big = b"<a>" + b" " * zip_members.KNOWN_MEMBER_BYTES + b"</a>"
    assert _read(_zip({"big.xml": big}), "big.xml") == big
    assert all(
        len(data) <= zip_members.KNOWN_MEMBER_BYTES for data in zip_members._KNOWN_MEMBERS.values()
    )
