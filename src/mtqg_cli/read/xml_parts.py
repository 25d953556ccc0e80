"""Streaming the XML parts of a zipped workbook with expat: bounded memory, no DTD, no entities
(a small part from the bytes the limits check kept, when it kept them)."""

from __future__ import annotations

import pyexpat
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

Cells = dict[tuple[int, int], str]
"""{(row, column): number format}, 0-based, of the cells of one sheet."""
MAX_PERCENT_CELLS = 1_000_000
"""Percent cells kept per workbook; beyond, the formats read so far stand (a refinement only)."""
_CHUNK = 1 << 16


class Stop(Exception):
    """Raised from a handler to end a parse early (enough read, or a DTD that is refused)."""


def xml_parser(start: Callable[[str, dict[str, str]], None]) -> pyexpat.XMLParserType:
    """A namespace-aware expat parser that refuses document type declarations (no entities)."""
    parser = pyexpat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start

    def refuse(*_: object) -> None:
        raise Stop("DTD")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


def member(archive: zipfile.ZipFile, name: str) -> str | None:
    """The archive's member for a part name; part names ignore letter case (sheet1.XML)."""
    return _member(archive.NameToInfo, name)


def _member(names: Iterable[str], name: str) -> str | None:
    if name in names:
        return name
    folded = name.lower()
    return next((n for n in names if n.lower() == folded), None)


def stream(archive: zipfile.ZipFile, name: str, parser: pyexpat.XMLParserType) -> None:
    """Feed one part to `parser` in chunks (memory bounded whatever the part's size)."""
    found = member(archive, name)
    if found is None:
        return
    with archive.open(found) as part:
        _parse(parser, iter(lambda: part.read(_CHUNK), b""))


def _parse(parser: pyexpat.XMLParserType, chunks: Iterable[bytes]) -> None:
    """Feed the chunks, then the end; a DTD refused as a ValueError, any other Stop an end."""
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except Stop as stop:
        if str(stop) == "DTD":
            raise ValueError("document type declaration in a workbook part") from None


@dataclass(frozen=True)
class KnownParts:
    """What the limits check learnt of a zip workbook: its member names (in the archive's order)
    and the bytes of the small parts it inflated whole and found as zipfile would read them
    (local name and CRC-32 checked)."""

    names: dict[str, None]
    data: dict[str, bytes]


class Parts:
    """A workbook's parts by name: from the bytes the limits check kept when it has them, else
    from the zip, opened on first need (and closed with this object)."""

    def __init__(self, path: Path, known: KnownParts | None = None) -> None:
        self.path, self.known = path, known
        self._archive: zipfile.ZipFile | None = None

    def __enter__(self) -> Parts:
        if self.known is None:
            self._open()
        return self

    def __exit__(self, *_: object) -> None:
        if self._archive is not None:
            self._archive.close()

    def _open(self) -> zipfile.ZipFile:
        if self._archive is None:
            self._archive = zipfile.ZipFile(self.path)
        return self._archive

    def member(self, name: str) -> str | None:
        """As `member`: the archive's member for a part name, letter case aside."""
        if self.known is None:
            return member(self._open(), name)
        return _member(self.known.names, name)

    def read(self, name: str) -> bytes | None:
        """A part's bytes when the limits check kept them (None when not: stream it)."""
        found = self.member(name)
        return None if found is None or self.known is None else self.known.data.get(found)

    def stream(self, name: str, parser: pyexpat.XMLParserType) -> None:
        """As `stream`: the part fed to `parser` (from the kept bytes when there are some)."""
        data = self.read(name)
        if data is not None:
            _parse(parser, (data,))
        elif self.member(name) is not None:
            stream(self._open(), name, parser)


T = TypeVar("T")


def per_format(
    path: Path,
    kind: str,
    known: KnownParts | None,
    *,
    xls: Callable[[Path], dict[str, T]],
    ods: Callable[[zipfile.ZipFile], dict[str, T]],
    xlsx: Callable[[Parts], dict[str, T]],
) -> dict[str, T]:
    """What one reader of a workbook's parts finds per sheet, by the file's kind (.xls from its
    path, .ods from its zip, .xlsx/.xlsm from its parts); {} when the parts cannot be read: the
    parts only refine what the values say, and without them the values still stand."""
    try:
        if kind == "xls":
            return xls(path)
        if kind == "ods":
            with zipfile.ZipFile(path) as archive:
                return ods(archive)
        with Parts(path, known) as parts:
            return xlsx(parts)
    except Exception:  # xlrd, zip and XML errors alike
        return {}


def to_int(text: str | None) -> int:
    """A non-negative attribute number, or -1 when absent or not one."""
    return int(text) if text and text.isdigit() and len(text) < 10 else -1
