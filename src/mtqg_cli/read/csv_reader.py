"""Reading a CSV: its text decoded (UTF-8, Windows-1258, TCVN3, VNI), its dialect, its cells."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from mtqg_cli.model.errors import InputError
from mtqg_cli.read.csv_cells import column_marks, typed_rows
from mtqg_cli.read.legacy import TONES, VOWELS, from_tcvn3, from_vni, letter
from mtqg_cli.read.limits import Limits, bounded_rows, read_bounded
from mtqg_cli.read.raw import Cell, RawSheet


def read_csv(path: Path, limits: Limits) -> RawSheet:
    """A CSV file as one sheet named after the file; raises csv.Error on one the reader refuses."""
    text = _decode_csv(path, read_bounded(path, limits))
    if "\0" in text:
        raise InputError("not_a_workbook", path=str(path))
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    parsed = bounded_rows(path, csv.reader(io.StringIO(text), dialect), limits)
    rows: list[list[Cell]] = typed_rows(parsed, dialect.delimiter)
    return RawSheet(path.stem, rows, column_marks=column_marks(parsed))


def _decode_csv(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without BOM); else Windows-1258, or bytes typed in TCVN3 or VNI, whichever
    trial conversion reads as Vietnamese with the fewest stray characters. Legacy text is kept as
    the Latin-1 characters of its codes: legacy.py converts it (and reports it), as in a workbook."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    latin = raw.decode("latin-1")
    try:
        text: str | None = raw.decode("cp1258")
    except UnicodeDecodeError:
        text = None  # bytes Windows-1258 leaves undefined
    legacy = min(_stray(from_tcvn3(latin)), _stray(from_vni(latin)))
    return text if text is not None and _stray(text) <= legacy else latin


def _stray(text: str) -> int:
    """Characters no Vietnamese text uses (outside ASCII and the Vietnamese letters)."""
    if not _VIETNAMESE_LETTERS:
        _VIETNAMESE_LETTERS.update(letter(v, t) for v in VOWELS for t in range(len(TONES)))
        _VIETNAMESE_LETTERS.add("đ")
    folded = unicodedata.normalize("NFC", text).lower()
    return sum(1 for ch in folded if ord(ch) > 127 and ch not in _VIETNAMESE_LETTERS)


_VIETNAMESE_LETTERS: set[str] = set()
