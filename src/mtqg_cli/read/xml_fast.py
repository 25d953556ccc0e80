"""The counts of a plain .xlsx sheet part by regular expressions: the expat scan's answer, faster.

Excel, LibreOffice and the usual writers save a sheet as `<worksheet>` with every row and cell
carrying its reference as the first attribute (`<row r="5"`, `<c r="B5"`). For such a part the
extent the readers allocate is the largest row and column referenced, which regular expressions
find in C without one Python call per element. Anything else (a prefix, a reference missing or
written elsewhere, a DOCTYPE, a comment or CDATA, a long stretch of text between two cells, a
sheet beyond a limit) is not answered here: the caller then runs the expat scan, which says
exactly what is wrong. The answer, when there is one, is the one the expat scan gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mtqg_cli.read.limit_values import Limits
from mtqg_cli.read.xml_extent import BARE_ODD, sheet_extent

FAST_BYTES = 64 * 1024 * 1024
"""Largest sheet part held whole for the fast count (bigger ones are streamed through expat)."""
ROOT = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?<worksheet[\s>]")
CELL_TAG = re.compile(rb"<c[\s/>]")
FORMULA_TAG = re.compile(rb"<f[\s/>]")
ODD_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:(?:c|row|f)[\s/>]|(?:c|row)[\t\r\n/>])")
"""A cell, row or formula element with a namespace prefix, or a cell or row start tag not
followed by a space: placed by the expat scan."""
PREFIXED_HINT = re.compile(rb":(?:c|row|f)[\s/>]")
"""What a prefixed cell, row or formula tag holds: where it is absent, ODD_TAG's first half
cannot match, and its second half (BARE_ODD) alone is searched (faster)."""
ANY_ROOT = re.compile(
    rb"\A(?:\xef\xbb\xbf)?[ \t\r\n]*(?:<\?xml([^>]*)\?>[ \t\r\n]*)?"
    rb"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[ \t\r\n/>]"
)
"""The root element's local name, behind nothing but a BOM, an XML declaration and spaces."""
COUNTED_ROOTS = frozenset(
    {b"worksheet", b"dialogsheet", b"macrosheet", b"sst", b"document-content"}
)
UTF8_DECLARED = re.compile(rb"""\sencoding[ \t\r\n]*=[ \t\r\n]*["'](?i:utf-8)["']""")


@dataclass(frozen=True)
class SheetCounts:
    """How far a sheet's cells reach, and whether it holds a formula element."""

    rows: int
    columns: int
    has_formulas: bool


def fast_sheet_counts(data: bytes, limits: Limits) -> SheetCounts | None:
    """The sheet's counts when the part is plain and within the limits; None otherwise."""
    root = ROOT.match(data)
    if root is None or _declarations(data, root.end()) or _prefixed_tag(data):
        return None  # a DOCTYPE, comment, CDATA or processing instruction: expat reads it
    if _long_stretch(data, limits.max_cell_chars):
        return None  # text may be longer than allowed: counted exactly by the expat scan
    extent = sheet_extent(data)
    if extent is None:
        return None  # an element without its reference first: placed by the expat scan
    rows, columns = extent
    within = rows <= limits.max_rows and columns <= limits.max_columns
    if not within or rows * columns > limits.max_cells:
        return None  # the expat scan names the first row or column beyond the limit
    return SheetCounts(rows, columns, FORMULA_TAG.search(data) is not None)


def _declarations(data: bytes, root_end: int) -> bool:
    """`b"<!" in data or data.count(b"<?") > 1` of a part whose root (ending at `root_end`)
    ROOT matched: a single byte is searched first (in C, much faster than a pair)."""
    if b"!" in data and b"<!" in data:
        return True
    instructions = data.count(b"<?", 0, root_end)
    if data.find(b"?", root_end) >= 0:
        instructions += data.count(b"<?", root_end)
    return instructions > 1


def skipped_root(head: bytes) -> bool:
    """Whether a part's first bytes plainly open a root element the expat scan leaves a part
    not named by the package alone at (a theme, the styles, a relationships part): UTF-8, no
    DOCTYPE before it, a local name not that of a sheet, shared strings or .ods content."""
    match = ANY_ROOT.match(head)
    if match is None or match[2] in COUNTED_ROOTS:
        return False
    declaration = match[1]
    return (
        declaration is None
        or b"encoding" not in declaration
        or (declaration.count(b"encoding") == 1 and UTF8_DECLARED.search(declaration) is not None)
    )


def _odd_tag(data: bytes) -> bool:
    """Whether ODD_TAG matches somewhere in the part."""
    return _prefixed_tag(data) or BARE_ODD.search(data) is not None


def _prefixed_tag(data: bytes) -> bool:
    """Whether a cell, row or formula tag with a namespace prefix is in the part."""
    return PREFIXED_HINT.search(data) is not None and ODD_TAG.search(data) is not None


def _long_stretch(data: bytes, limit: int) -> bool:
    """Whether more than `limit` bytes lie between two cell tags (or before the first, after
    the last). Such a stretch holds a whole window of half the limit at a multiple of it with
    no cell tag starting in it: one search per window, and the exact split only where a window
    has none (a long stretch after the cells, say many merged ranges)."""
    half = max(1, limit // 2)
    tail = 2  # a tag starting in the window ends up to two bytes past it
    for start in range(0, len(data) - half + 1, half):
        if CELL_TAG.search(data, start, start + half + tail) is None:
            return max(map(len, CELL_TAG.split(data)), default=0) > limit
    return False
