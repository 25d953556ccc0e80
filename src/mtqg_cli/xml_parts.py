"""Streaming the XML parts of a zipped workbook with expat: bounded memory, no DTD, no entities."""

from __future__ import annotations

import pyexpat
import zipfile
from collections.abc import Callable

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
    if name in archive.NameToInfo:
        return name
    folded = name.lower()
    return next((n for n in archive.NameToInfo if n.lower() == folded), None)


def stream(archive: zipfile.ZipFile, name: str, parser: pyexpat.XMLParserType) -> None:
    """Feed one part to `parser` in chunks (memory bounded whatever the part's size)."""
    found = member(archive, name)
    if found is None:
        return
    try:
        with archive.open(found) as part:
            while chunk := part.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except Stop as stop:
        if str(stop) == "DTD":
            raise ValueError("document type declaration in a workbook part") from None


def to_int(text: str | None) -> int:
    """A non-negative attribute number, or -1 when absent or not one."""
    return int(text) if text and text.isdigit() and len(text) < 10 else -1
