"""Streaming counts over a workbook's XML parts: how far the cells reach and how long each text is.

Each part is parsed with expat as it is inflated (no document is built, no DOCTYPE and so no
entity is accepted). What a part holds is told by the package itself: the relationships of the
workbook and the content types name the sheets and shared strings, matched to the zip's names
without regard to letter case; a part nobody names is still read by its root element (a sheet
is a sheet wherever it sits). Counting follows the elements readers place cells by: rows and
cells with or without references, repeated rows and cells of an .ods, and the text of a cell or
shared string summed over all its runs.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from mtqg_cli.model.errors import InputError
from mtqg_cli.read.limit_values import Limits, check_extent, column_number, too_long
from mtqg_cli.read.zip_members import read_small

STRUCTURE_BYTES = 4 * 1024 * 1024
"""Most bytes read of a relationships, content-types or workbook part (a few KB in real files)."""
SHEET_ROOTS = frozenset({"worksheet", "dialogsheet", "macrosheet"})
DESIGNATED_TYPES = ("worksheet", "sharedstrings", "dialogsheet", "macrosheet")
DESIGNATED = re.compile("|".join(DESIGNATED_TYPES))
"""Whether a (lower-case) type names one of DESIGNATED_TYPES: one search, not one per type."""
ROW_DIGITS = 12
"""A row number of more digits than this (no reader's row) counts as 10**12."""


# --------------------------------------------------------------------------- the package
def designated_parts(
    archive: zipfile.ZipFile, inflated: dict[str, bytes] | None = None
) -> dict[str, str]:
    """{zip name in lower case: sheet name or ""} of the parts the package says are sheets or
    shared strings: by the workbook's relationships, and by the content types. The small parts
    read for it are put in `inflated` ({member name: bytes}) when read whole without zipfile."""
    names = {i.filename.lower(): i.filename for i in archive.infolist()}
    reader = _Reader(archive, names, {} if inflated is None else inflated)
    parts = [reader.read("[Content_Types].xml"), reader.read("_rels/.rels")]
    book = _target(_relationships(parts[1]), "officedocument", "")
    if book is not None:  # the workbook part, then its relationships
        rels = posixpath.join(posixpath.dirname(book), "_rels", posixpath.basename(book) + ".rels")
        parts += [reader.read(book), reader.read(rels)]
    key = (tuple(names), book, *parts)
    known = _KNOWN_PACKAGES.get(key)
    if known is None:
        known = _designated(names, book, *parts)
        if all(data is None or len(data) <= KNOWN_PART_BYTES for data in parts):
            if len(_KNOWN_PACKAGES) >= KNOWN_PACKAGES_MAX:
                _KNOWN_PACKAGES.clear()
            _KNOWN_PACKAGES[key] = known
    return dict(known)


_KNOWN_PACKAGES: dict[tuple[object, ...], dict[str, str]] = {}
"""The answers of `designated_parts` by the member names and the bytes of the parts it read:
the files of a batch made from one template share them (each file gets its own copy)."""
KNOWN_PACKAGES_MAX = 64


def _designated(names: dict[str, str], book: str | None, *parts: bytes | None) -> dict[str, str]:
    found = {
        part: ""
        for part, kind in _content_types(parts[0], names).items()
        if DESIGNATED.search(kind)
    }
    if book is None:
        return found
    titles = _sheet_titles(parts[2])
    for rid, (kind, target) in _relationships(parts[3]).items():
        if DESIGNATED.search(kind):
            found[_resolve(posixpath.dirname(book), target)] = titles.get(rid, "")
    return found


class _Reader:
    """The package's small parts by name (letter case aside), each read whole once."""

    def __init__(
        self, archive: zipfile.ZipFile, names: dict[str, str], inflated: dict[str, bytes]
    ) -> None:
        self.archive, self.names, self.inflated = archive, names, inflated

    def read(self, name: str) -> bytes | None:
        real = self.names.get(name.lower())
        if real is None:
            return None
        info = self.archive.NameToInfo[real]
        handle = self.archive.fp
        data = read_small(handle, self.archive, info) if handle is not None else None
        if data is not None:
            self.inflated[real] = data
            return data
        try:
            with self.archive.open(real) as part:
                return part.read(STRUCTURE_BYTES)
        except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError, EOFError, zlib.error):
            return None  # a damaged part: inflating it again, part by part, says so


Elements = tuple[tuple[str, dict[str, str]], ...]
_KNOWN_ELEMENTS: dict[bytes, Elements] = {}
"""The elements of small parts already parsed, by their bytes: the files of a batch made from
one template share their content types, relationships and workbook part."""
KNOWN_ELEMENTS_MAX = 256
KNOWN_PART_BYTES = 64 * 1024
"""Largest part remembered (real ones are a few KB): at most 16 MB are kept in all."""


def _elements(data: bytes | None) -> Elements:
    """(local name, attributes by local name) of every element of a small part; () when the
    part is missing or not well-formed (the reader will say what is wrong with it). Callers
    only read what it returns (an answer may be shared by several files)."""
    if data is None:
        return ()
    if len(data) > KNOWN_PART_BYTES:
        return _parse_elements(data)
    known = _KNOWN_ELEMENTS.get(data)
    if known is None:
        if len(_KNOWN_ELEMENTS) >= KNOWN_ELEMENTS_MAX:
            _KNOWN_ELEMENTS.clear()
        known = _KNOWN_ELEMENTS[data] = _parse_elements(data)
    return known


def _parse_elements(data: bytes) -> Elements:
    found: list[tuple[str, dict[str, str]]] = []
    parser = _parser()

    def start(name: str, attrs: list[str]) -> None:
        keys = attrs[::2]
        if ":" in " ".join(keys):  # a prefixed attribute: by its local name, the last one wins
            pairs = {_local(attrs[i]): attrs[i + 1] for i in range(0, len(attrs), 2)}
        else:  # no names to shorten (and expat refuses one written twice)
            pairs = dict(zip(keys, attrs[1::2], strict=True))
        found.append((_local(name), pairs))

    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, LookupError, InputError):
        return ()
    return tuple(found)


def _content_types(data: bytes | None, names: dict[str, str]) -> dict[str, str]:
    """{zip name in lower case: content type in lower case} by Override, then by Default."""
    elements = _elements(data)
    defaults = {
        a.get("Extension", "").lower(): a.get("ContentType", "").lower()
        for tag, a in elements
        if tag == "Default"
    }
    types = {
        a.get("PartName", "").lstrip("/").lower(): a.get("ContentType", "").lower()
        for tag, a in elements
        if tag == "Override"
    }
    for low in names:
        extension = low.rpartition(".")[2]
        if low not in types and extension in defaults:
            types[low] = defaults[extension]
    return types


def _relationships(data: bytes | None) -> dict[str, tuple[str, str]]:
    """{Id: (type in lower case, target)} of a relationships part."""
    return {
        a.get("Id", ""): (a.get("Type", "").lower(), a.get("Target", ""))
        for tag, a in _elements(data)
        if tag == "Relationship" and a.get("TargetMode", "") != "External"
    }


def _target(rels: dict[str, tuple[str, str]], kind: str, folder: str) -> str | None:
    for found_kind, target in rels.values():
        if found_kind.endswith("/" + kind):
            return _resolve(folder, target)
    return None


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a zip name in lower case (absolute, or from the source's folder)."""
    joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(joined.replace("\\", "/")).lstrip("/").lower()


def _sheet_titles(data: bytes | None) -> dict[str, str]:
    """{relationship Id: sheet name} from the workbook part."""
    return {a.get("id", ""): a.get("name", "") for tag, a in _elements(data) if tag == "sheet"}


# --------------------------------------------------------------------------- the scanner
def _local(name: str) -> str:
    return name.rpartition(":")[2] if ":" in name else name


def _parser() -> expat.XMLParserType:
    parser = expat.ParserCreate()
    parser.ordered_attributes = True
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def no_doctype(*_args: object) -> None:
        raise InputError("corrupt", path="", reason="DOCTYPE")

    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    return parser


def _attr(attrs: list[str], key: str) -> str | None:
    """An attribute's value from expat's ordered list, by its name with or without a prefix."""
    try:
        at = attrs.index(key)
    except ValueError:
        at = -1
    if at >= 0 and at % 2 == 0:
        return attrs[at + 1]
    for index in range(0, len(attrs), 2):
        if attrs[index] == key or _local(attrs[index]) == key:
            return attrs[index + 1]
    return None


def _number(digits: str | None) -> int | None:
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    return int(digits) if len(digits) <= ROW_DIGITS else 10**ROW_DIGITS


class _Skipped(Exception):
    """Raised from the root handler to stop parsing a part that holds no cells (a theme, the
    styles): a part the package does not name is never refused for what follows its root."""


class PartScanner:
    """One part's bytes, fed as they are inflated: a sheet, shared strings or .ods content is
    counted by what its root element is; any other part is left alone after its root."""

    def __init__(
        self, path: Path, limits: Limits, sheet: str | None, exact: bool = False, size: int = -1
    ) -> None:
        self.path, self.limits = path, limits
        self.size = size  # the part's declared size when known (never more bytes are fed)
        self.designated = sheet is not None
        self.sheet = sheet or ""
        self.mode = ""  # "" until the root element is seen; then "sheet", "sst", "ods" or "skip"
        self.row = self.column = self.rows = self.columns = self.text = 0
        self.repeat_rows, self.tables = 1, 0
        self.exact, self.needs_exact, self.last_start = exact, False, 0
        self.has_formulas = False  # a sheet with a formula element (read by formula_cells)
        self.letters: dict[str, int] = {}
        self.row_digits: str | None = None
        self.row_number = 0
        self.parser = _parser()
        self.parser.StartElementHandler = self._root
        if exact:
            self.parser.CharacterDataHandler = self._chars

    def feed(self, chunk: bytes, final: bool = False) -> None:
        if self.mode == "skip":
            return
        try:
            self.parser.Parse(chunk, final)
        except _Skipped:
            self.mode = "skip"  # a part no reader takes cells from: the rest is left unparsed
        except InputError as exc:
            raise InputError(exc.key, **{**exc.params, "path": str(self.path)}) from None
        except (expat.ExpatError, LookupError) as exc:  # LookupError: an unknown encoding
            if self.designated or self.mode not in ("", "skip"):
                raise InputError("corrupt", path=str(self.path), reason=str(exc)[:160]) from exc
            self.mode = "skip"  # not XML (an image): no reader takes cells from it

    def close(self) -> None:
        self.feed(b"", True)
        self._span()

    def _span(self) -> None:
        """Text is never longer than the bytes it is written in: only where more than the limit
        of bytes lie between two cells (or strings) must their characters be counted (`exact`,
        a second pass), which spares a call per text in every ordinary part."""
        at = self.parser.CurrentByteIndex
        if at - self.last_start > self.limits.max_cell_chars and self.mode in ("sheet", "sst"):
            self.needs_exact = not self.exact
        self.last_start = at

    def _root(self, name: str, attrs: list[str]) -> None:
        local = _local(name)
        if local in SHEET_ROOTS:
            self.mode, self.parser.StartElementHandler = "sheet", self._sheet
        elif local == "sst":
            self.mode, self.parser.StartElementHandler = "sst", self._strings
            if not self.exact and 0 <= self.size <= self.limits.max_cell_chars:
                self.parser.StartElementHandler = None  # no two strings this far apart: no span
            declared = _number(_attr(attrs, "uniqueCount"))
            if declared is not None and declared > self.limits.max_cells:
                raise InputError(
                    "zip_unsafe", path=str(self.path), reason=f"uniqueCount={declared}"
                )
        elif local == "document-content":
            self.mode, self.parser.StartElementHandler = "ods", self._ods
            self.parser.EndElementHandler = self._ods_end
            self.parser.CharacterDataHandler = self._chars
        else:
            self.mode = "skip"
            self.parser.StartElementHandler = self.parser.CharacterDataHandler = None
            if not self.designated:  # its errors would be passed over: stop parsing it now
                raise _Skipped

    def _chars(self, data: str) -> None:
        self.text += len(data)
        if self.text > self.limits.max_cell_chars:
            raise too_long(self.path, self.limits, self.sheet)
        if self.mode == "ods" and self.column and data.strip():
            self._reach(self.row + self.repeat_rows, self.column)

    def _reach(self, row: int, column: int) -> None:
        if row > self.rows or column > self.columns:
            self.rows, self.columns = max(self.rows, row), max(self.columns, column)
            check_extent(self.path, self.sheet, self.rows, self.columns, self.limits)

    # ----------------------------------------------------------------- .xlsx sheets
    def _sheet(self, name: str, attrs: list[str]) -> None:
        """A row or a cell of a sheet (the hot path: one call per element of the sheet)."""
        if name == "c" or name.endswith(":c"):
            at = self.parser.CurrentByteIndex
            if at - self.last_start > self.limits.max_cell_chars:
                self.needs_exact = not self.exact
            self.last_start, self.text = at, 0
            ref = attrs[1] if attrs and attrs[0] == "r" else _attr(attrs, "r")
            if ref:
                self._place(ref)
            else:
                self.column += 1
            if self.row > self.rows or self.column > self.columns:
                self._reach(self.row, self.column)
        elif name == "row" or name.endswith(":row"):
            digits = attrs[1] if attrs and attrs[0] == "r" else _attr(attrs, "r")
            number = _number(digits)
            self.row = number if number is not None else self.row + 1
            self.row_digits, self.row_number, self.column = digits, self.row, 0
            if self.row > self.rows:
                self._reach(self.row, 0)
        elif name == "f" or name.endswith(":f"):
            self.has_formulas = True

    def _place(self, ref: str) -> None:
        """The column and row a cell reference names (its row, when it has none, is the row's)."""
        letters = ref.rstrip("0123456789")
        column = self.letters.get(letters)
        if column is None:
            column = column_number(letters) if letters.isascii() and letters.isalpha() else 0
            self.letters[letters] = column
        self.column = column or self.column + 1
        digits = ref[len(letters) :]
        if digits == self.row_digits:
            self.row = self.row_number
        elif digits:
            row = _number(digits)
            if row is not None:
                self.row = row

    # ----------------------------------------------------------------- shared strings
    def _strings(self, name: str, attrs: list[str]) -> None:
        if _local(name) == "si":
            self.text = 0
            self._span()

    # ----------------------------------------------------------------- .ods content
    def _ods(self, name: str, attrs: list[str]) -> None:
        local = _local(name)
        if local == "table":
            self.tables += 1
            if self.tables > 1:  # a table in a cell: readers would count its rows anew
                raise InputError("corrupt", path=str(self.path), reason="nested table")
            self.sheet = _attr(attrs, "name") or ""
            self.row = self.rows = self.columns = 0
            self.repeat_rows = 1
        elif local == "table-row":
            self.row += self.repeat_rows
            self.repeat_rows = _number(_attr(attrs, "number-rows-repeated")) or 1
            self.column = 0
        elif local in ("table-cell", "covered-table-cell"):
            self.text = 0
            self.column += _number(_attr(attrs, "number-columns-repeated")) or 1
            if _attr(attrs, "value-type") is not None or _attr(attrs, "formula") is not None:
                self._reach(self.row + self.repeat_rows, self.column)
        elif local == "s":  # <text:s text:c="N"/>: N spaces, expanded by the reader
            self._chars(" " * min(_number(_attr(attrs, "c")) or 1, self.limits.max_cell_chars + 1))

    def _ods_end(self, name: str) -> None:
        if _local(name) == "table":
            self.tables -= 1
